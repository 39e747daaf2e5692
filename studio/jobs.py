"""Server-side background renders that outlive the browser tab.

A render (Generate all, regenerate a beat, export, the timeline preview, a keyframe) runs in
a thread owned by the server, never by a browser session: closing the tab does not stop it.
Its progress is written to the store (`update_project(status, current_phase, progress,
message)`), so a reload, another browser or a script sees where it is.

One pool of render slots (``settings.render_slots``, default 1) is shared by every heavy
render in the process. A job holds a slot only while it is in a phase that burns local CPU;
phases that only wait on a remote API (hosted image or video models) give the slot back, so
remote waits are never limited by it. The slot is taken and released at phase boundaries,
which the pipeline announces through the context's progress callback.

The Gradio queue in front of this (``concurrency_id="render"``) limits how many heavy UI
events run at once; this pool is what keeps the limit true for renders whose tab was closed
and for scripts that start a render and poll.
"""

from __future__ import annotations

import itertools
import threading
import time
from collections import deque
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Callable, Iterator

from pipeline.config import Context
from pipeline.errors import InputError
from pipeline.models import PHASES

from .core import Busy, friendly, log

if TYPE_CHECKING:
    from .core import Studio

_ids = itertools.count(1)


@dataclass
class Job:
    project_id: str
    kind: str  # generate, regenerate, export, keyframe, preview, version
    label: str
    fn: Callable[[Context], Any]
    phases: tuple[str, ...] = PHASES  # phases this job may run (for "pending" in the UI)
    tracks_phases: bool = True  # writes current_phase/status to the project (run_project-based jobs)
    id: int = field(default_factory=lambda: next(_ids))
    state: str = "queued"  # queued, waiting, running, done, failed
    error: str | None = None
    result: Any = None
    started: float = field(default_factory=time.monotonic)
    finished: float | None = None
    holds_slot: bool = False
    thread_ident: int | None = None
    done: threading.Event = field(default_factory=threading.Event)

    def covers(self, phase: str) -> bool:
        return self.tracks_phases and phase in self.phases

    @property
    def elapsed(self) -> float:
        return (self.finished or time.monotonic()) - self.started


class JobRunner:
    """Starts jobs in threads; one FIFO pool of render slots shared by all of them."""

    def __init__(self, studio: "Studio", slots: int = 1, max_waiting: int = 8) -> None:
        self.studio = studio
        self.slots = max(1, int(slots))
        self.max_waiting = max(1, int(max_waiting))
        self._cond = threading.Condition()
        self._holders = 0
        self._waiters: deque[int] = deque()
        self._active: dict[str, Job] = {}

    # -- queries ---------------------------------------------------------------------------
    def active(self, project_id: str | None) -> Job | None:
        if not project_id:
            return None
        with self._cond:
            return self._active.get(project_id)

    def backlog(self) -> dict[str, int]:
        with self._cond:
            return {"slots": self.slots, "busy": self._holders, "waiting": len(self._waiters),
                    "jobs": len(self._active)}

    def is_full(self) -> bool:
        with self._cond:
            return len(self._waiters) >= self.max_waiting

    def full_message(self) -> str:
        b = self.backlog()
        return (f"The render queue is full: {b['waiting']} renders are waiting for "
                f"{b['slots']} render slot{'s' if b['slots'] != 1 else ''}. Nothing was started and your project "
                "is saved — try again in a few minutes.")

    # -- slots -------------------------------------------------------------------------------
    def heavy(self, phase: str, ctx: Context) -> bool:
        """Does this phase burn local CPU with these providers? Remote waits do not."""
        p = ctx.providers
        if phase == "spec":
            return False
        if phase in ("animatic", "references"):
            return not getattr(p.image, "remote", False)
        if phase == "chunks":
            return not getattr(p.video, "remote", False)
        return True  # refine (transitions, music) and export (muxing) are always local work

    def _hold(self, job: Job) -> None:
        if job.holds_slot:
            return
        store = self.studio.store
        with self._cond:
            self._waiters.append(job.id)
            announced = -1
            while not (self._holders < self.slots and self._waiters[0] == job.id):
                ahead = self._holders + self._waiters.index(job.id)
                if ahead != announced:
                    announced = ahead
                    job.state = "waiting"
                    msg = f"Waiting for a render slot — {ahead} render{'s' if ahead != 1 else ''} ahead"
                    self._cond.release()
                    try:
                        if job.tracks_phases:
                            store.update_project(job.project_id, status="waiting", message=msg)
                        else:
                            store.update_project(job.project_id, message=msg)
                    except Exception:  # the project was deleted meanwhile: keep waiting politely
                        pass
                    finally:
                        self._cond.acquire()
                    continue
                self._cond.wait(timeout=1.0)
            self._waiters.popleft()
            self._holders += 1
            job.holds_slot = True
            job.state = "running"
            self._cond.notify_all()
        if announced >= 0 and job.tracks_phases:
            store.update_project(job.project_id, status="running", message="Rendering…")

    def _release(self, job: Job) -> None:
        with self._cond:
            if job.holds_slot:
                job.holds_slot = False
                self._holders -= 1
                self._cond.notify_all()

    # -- running ----------------------------------------------------------------------------
    def submit(self, project_id: str, kind: str, label: str, fn: Callable[[Context], Any], *,
               phases: tuple[str, ...] = PHASES, tracks_phases: bool = True,
               whole_job_heavy: bool = False) -> Job:
        """Start `fn(ctx)` in the background. One job per project at a time."""
        with self._cond:
            current = self._active.get(project_id)
            if current is not None:
                raise InputError(f"this project is already busy ({current.label}); wait for it to finish")
            if len(self._waiters) >= self.max_waiting:
                raise Busy(self.full_message())
            job = Job(project_id=project_id, kind=kind, label=label, fn=fn, phases=phases,
                      tracks_phases=tracks_phases)
            self._active[project_id] = job
        try:
            if tracks_phases:
                self.studio.store.update_project(project_id, status="queued", message=f"{label}: queued",
                                                 error=None, current_phase=None, progress=0.0)
            else:
                self.studio.store.update_project(project_id, message=f"{label}: queued")
        except Exception:
            with self._cond:
                self._active.pop(project_id, None)
            raise
        t = threading.Thread(target=self._run, args=(job, whole_job_heavy), name=f"adstudio-{kind}-{project_id}",
                             daemon=True)
        t.start()
        return job

    def _progress(self, job: Job, ctx: Context) -> Callable[[str, float, str], None]:
        store = self.studio.store
        last = {"phase": None, "t": 0.0}

        def report(phase: str, fraction: float, message: str) -> None:
            first = False
            if threading.get_ident() == job.thread_ident and phase != last["phase"]:
                last["phase"] = phase
                first = True
                if self.heavy(phase, ctx):
                    self._hold(job)
                else:
                    self._release(job)
            now = time.monotonic()
            if not (first or fraction >= 1.0 or now - last["t"] >= 0.3):
                return
            last["t"] = now
            try:
                if job.tracks_phases:
                    store.update_project(job.project_id, current_phase=phase, progress=float(fraction),
                                         message=message or "")
                else:
                    store.update_project(job.project_id, message=f"{job.label} · {phase} {fraction:.0%}")
            except Exception:  # progress is best effort; the render goes on
                log.debug("progress write failed", exc_info=True)

        return report

    def _run(self, job: Job, whole_job_heavy: bool) -> None:
        job.thread_ident = threading.get_ident()
        store = self.studio.store
        job.state = "running"
        try:
            base = self.studio.ctx_for(job.project_id)
            ctx = replace(base, progress=self._progress(job, base))
            if whole_job_heavy:
                self._hold(job)
            job.result = job.fn(ctx)
            job.state = "done"
        except BaseException as exc:  # noqa: BLE001 - a job must never take the server down
            job.state = "failed"
            job.error = friendly(exc, self.studio.settings)
            try:
                if job.tracks_phases:
                    store.update_project(job.project_id, status="failed", error=job.error,
                                         message="", current_phase=None)
                else:
                    store.update_project(job.project_id, message="")
            except Exception:
                pass
        finally:
            self._release(job)
            job.finished = time.monotonic()
            try:
                if job.state == "done":
                    if not job.tracks_phases:
                        store.update_project(job.project_id, message="")
                    thumb = self.studio.thumbnail_for(job.project_id)
                    if thumb and store.project_state(job.project_id).get("thumbnail") != thumb:
                        store.update_project(job.project_id, thumbnail=thumb)
            except Exception:
                log.debug("post-job bookkeeping failed", exc_info=True)
            with self._cond:
                if self._active.get(job.project_id) is job:
                    del self._active[job.project_id]
                self._cond.notify_all()
            job.done.set()

    def follow(self, job: Job, interval: float = 0.5) -> Iterator[Job]:
        """Yield the job every `interval` seconds until it has finished (then once more)."""
        while not job.done.wait(interval):
            yield job
        yield job

    def wait(self, job: Job, timeout: float | None = None) -> Job:
        job.done.wait(timeout)
        return job
