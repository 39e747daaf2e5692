"""ffmpeg processes under watch: killed when their run is canceled, or when they stall.

A stalled ffmpeg (a hung decoder, a wedged disk, a stand-in binary that never answers) would
hold its render slot forever. Each process we start is registered here with the run's
Control (pipeline.control): a cancel kills it at once, and one monitor thread kills any
process that keeps us waiting for longer than the stall time (`ADSTUDIO_FFMPEG_STALL_S`)
without showing a sign of life. The caller then raises `Canceled` or a retryable RenderError
instead of ffmpeg's own complaint about being killed.

What counts as waiting and as a sign of life:
* a frame writer waits only while a write (or the final flush) is blocked in ffmpeg; the time
  our own code spends making the next frame is not ffmpeg's to answer for;
* a one-shot command is waited on for its whole life; output file growth, stderr or stdout
  bytes are its signs of life.
"""

from __future__ import annotations

import os
import signal
import subprocess
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Hashable, Iterator, Sequence

from ..control import Control, current
from ..errors import Canceled, RenderError

CANCELED, STALLED = "canceled", "stalled"


def file_size(path: Path | None) -> int:
    if path is None:
        return -1
    try:
        return os.stat(path).st_size
    except OSError:
        return -1


class Watch:
    """One process under watch. `activity()` returns anything that changes when the process
    makes progress; `waiting()` marks the spans in which we wait on it."""

    def __init__(self, proc: subprocess.Popen, what: str, control: Control,
                 activity: Callable[[], Hashable] | None = None, group: bool = False) -> None:
        self.proc, self.what, self.control = proc, what, control
        self.stall_s = control.stall_s
        self.activity = activity or (lambda: None)
        self.group = group  # the process leads its own process group: kill the group
        self.reason: str | None = None  # CANCELED or STALLED once we killed it
        self._waiting = 0
        self._since = time.monotonic()
        self._seen: Hashable = None
        self._lock = threading.Lock()
        self._unhook = control.on_cancel(lambda: self.kill(CANCELED))
        _MONITOR.add(self)

    @contextmanager
    def waiting(self) -> Iterator[None]:
        with self._lock:
            if self._waiting == 0:
                self._since = time.monotonic()
            self._waiting += 1
        try:
            yield
        finally:
            with self._lock:
                self._waiting -= 1

    def poll(self, now: float) -> bool:
        """Called by the monitor. False once the process has ended (stop watching it)."""
        if self.proc.poll() is not None:
            return False
        try:
            seen = self.activity()
        except Exception:
            seen = None
        with self._lock:
            if seen != self._seen:
                self._seen, self._since = seen, now
            stalled = self._waiting > 0 and now - self._since >= self.stall_s
        if stalled:
            self.kill(STALLED)
            return False
        return True

    def kill(self, reason: str) -> None:
        with self._lock:
            if self.reason is None:
                self.reason = reason
        if self.proc.poll() is not None:
            return
        try:
            if self.group:
                os.killpg(self.proc.pid, signal.SIGKILL)
            else:
                self.proc.kill()
        except (ProcessLookupError, PermissionError, OSError):
            pass

    def stop(self) -> None:
        """The process has ended or been reaped: forget it."""
        self._unhook()
        _MONITOR.discard(self)

    def error(self) -> Exception | None:
        """What to raise instead of ffmpeg's own failure, if we were the ones who killed it."""
        if self.reason == CANCELED:
            return Canceled(f"Canceled while {self.what}. Finished work is kept: press Generate to resume.")
        if self.reason == STALLED:
            return RenderError(
                f"ffmpeg made no progress for {self.stall_s:g} s while {self.what}, so it was stopped. "
                "Press Generate to try again (finished work is kept). If it happens again, the server may "
                "be overloaded or its disk stuck; ADSTUDIO_FFMPEG_STALL_S sets how long to wait.",
                retryable=True)
        return None


class _Monitor:
    """One daemon thread polling every watched process (a few stat calls a tick)."""

    def __init__(self) -> None:
        self._watches: set[Watch] = set()
        self._lock = threading.Lock()
        self._wake = threading.Condition(self._lock)
        self._thread: threading.Thread | None = None

    def add(self, watch: Watch) -> None:
        with self._lock:
            self._watches.add(watch)
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._loop, name="adstudio-ffmpeg-watchdog", daemon=True)
                self._thread.start()
            self._wake.notify()

    def discard(self, watch: Watch) -> None:
        with self._lock:
            self._watches.discard(watch)

    def _loop(self) -> None:
        while True:
            with self._lock:
                while not self._watches:
                    self._wake.wait()
                watches = list(self._watches)
            now = time.monotonic()
            for w in watches:
                if not w.poll(now):
                    self.discard(w)
            # A tenth of the shortest stall time: a 120 s stall is noticed within 1 s of it.
            tick = min(1.0, max(0.02, min(w.stall_s for w in watches) / 10))
            time.sleep(tick)


_MONITOR = _Monitor()


def watch(proc: subprocess.Popen, what: str, activity: Callable[[], Hashable] | None = None,
          group: bool = False) -> Watch:
    """Put a started process under the current run's watch. If the run is already canceled, the
    process is killed at once (the caller's next wait on it ends)."""
    return Watch(proc, what, current(), activity, group)


def run(cmd: Sequence[str], what: str, input_bytes: bytes | None = None,
        output: Path | None = None) -> subprocess.CompletedProcess:
    """subprocess.run for a one-shot ffmpeg command, under watch. A command that fails on its own
    comes back with its return code (the caller words the error); one we stopped raises
    Canceled or a retryable RenderError. Nothing starts once the run is canceled."""
    control = current()
    control.check()
    # Its own process group, so a wrapper script and whatever it started die together.
    proc = subprocess.Popen(list(cmd), stdin=subprocess.PIPE if input_bytes is not None else subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    out, err = bytearray(), bytearray()
    w = Watch(proc, what, control, lambda: (len(out), len(err), file_size(output)), group=True)
    readers = [threading.Thread(target=_drain, args=(proc.stdout, out), daemon=True),
               threading.Thread(target=_drain, args=(proc.stderr, err), daemon=True)]
    for r in readers:
        r.start()
    try:
        with w.waiting():
            if input_bytes is not None:
                assert proc.stdin is not None
                try:
                    proc.stdin.write(input_bytes)
                    proc.stdin.close()
                except (BrokenPipeError, OSError):
                    pass
            proc.wait()
        for r in readers:
            r.join()
    finally:
        w.stop()
        if proc.poll() is None:  # we are leaving on an exception: leave nothing behind
            w.kill(CANCELED)
            proc.wait()
    if proc.returncode != 0 and (exc := w.error()) is not None:
        raise exc
    return subprocess.CompletedProcess(list(cmd), proc.returncode, bytes(out), bytes(err))


def _drain(pipe, sink: bytearray) -> None:
    for chunk in iter(lambda: pipe.read1(65536) if hasattr(pipe, "read1") else pipe.read(65536), b""):
        sink += chunk
    pipe.close()
