"""Control of one run from outside it: cancel it, and the rules its ffmpeg processes follow.

A run spreads over threads (phases side by side, beats in a pool) and ffmpeg processes, and
the code that starts a process is far below anything that knows which run it belongs to. So
the run's `Control` travels in a context variable: `using(control)` sets it for the calling
thread, `ThreadPool` carries it to pool threads, and everything below reads `current()`.

* Cancel: `Control.cancel()` kills the run's processes at once (render.watchdog registers
  them) and makes `check()` raise `Canceled`. Checks sit where work starts (a phase, a pool
  task, a hosted call), so after a cancel nothing new starts and nothing more is spent.
* Rules: which ffmpeg binary to run and how long one may go without progress before it is
  stopped (settings `ADSTUDIO_FFMPEG`, `ADSTUDIO_FFMPEG_STALL_S`).

Code that runs outside any run (a test rendering one clip, a benchmark) gets a default
Control that is never canceled.
"""

from __future__ import annotations

import contextvars
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from typing import Any, Callable, Iterator

from .errors import Canceled

DEFAULT_STALL_S = 120.0

CANCELED_MESSAGE = "Canceled. Finished work is kept: press Generate to resume."


class Control:
    """Cancel flag, cancel hooks and process rules for one run (thread-safe)."""

    def __init__(self, stall_s: float = DEFAULT_STALL_S, ffmpeg: str | None = None) -> None:
        self.stall_s = float(stall_s)
        self.ffmpeg = ffmpeg
        self._event = threading.Event()
        self._lock = threading.Lock()
        self._hooks: dict[int, Callable[[], None]] = {}
        self._next = 0

    @classmethod
    def from_settings(cls, settings: Any) -> "Control":
        return cls(stall_s=getattr(settings, "ffmpeg_stall_s", DEFAULT_STALL_S),
                   ffmpeg=getattr(settings, "ffmpeg_path", None))

    @property
    def canceled(self) -> bool:
        return self._event.is_set()

    def cancel(self) -> None:
        """Stop the run: every registered hook runs once (they kill processes), and every later
        `check()` raises. Safe to call twice and from any thread."""
        with self._lock:
            if self._event.is_set():
                return
            self._event.set()
            hooks = list(self._hooks.values())
            self._hooks.clear()
        for hook in hooks:
            try:
                hook()
            except Exception:  # one process that will not die must not keep the others alive
                pass

    def check(self) -> None:
        if self._event.is_set():
            raise Canceled(CANCELED_MESSAGE)

    def sleep(self, seconds: float) -> None:
        """Sleep, but wake (and raise Canceled) as soon as the run is canceled."""
        if self._event.wait(max(0.0, seconds)):
            self.check()

    def on_cancel(self, hook: Callable[[], None]) -> Callable[[], None]:
        """Run `hook` when the run is canceled (at once if it already is). Returns a function
        that unregisters it (call it when the thing the hook stops has ended)."""
        with self._lock:
            if not self._event.is_set():
                key = self._next
                self._next += 1
                self._hooks[key] = hook
                return lambda: self._hooks.pop(key, None)
        hook()
        return lambda: None


_DEFAULT = Control()
_current: contextvars.ContextVar[Control | None] = contextvars.ContextVar("adstudio_control", default=None)


def current() -> Control:
    return _current.get() or _DEFAULT


def check() -> None:
    current().check()


@contextmanager
def using(control: Control) -> Iterator[Control]:
    """Run the block (and pools it starts through ThreadPool) under `control`."""
    token = _current.set(control)
    try:
        yield control
    finally:
        _current.reset(token)


@contextmanager
def scope(settings: Any) -> Iterator[Control]:
    """The run's control: the caller's if it set one (the studio's job runner, which can cancel
    it), else a new one from `settings` (a CLI run)."""
    existing = _current.get()
    if existing is not None:
        yield existing
        return
    with using(Control.from_settings(settings)) as control:
        yield control


class ThreadPool(ThreadPoolExecutor):
    """A ThreadPoolExecutor whose tasks run under the submitter's Control. A task that has not
    started when its run is canceled does not start (it raises Canceled instead)."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future:
        context = contextvars.copy_context()

        def task() -> Any:
            current().check()
            return fn(*args, **kwargs)

        return super().submit(context.run, task)
