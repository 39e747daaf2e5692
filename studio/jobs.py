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

Cancel: each job runs under its own pipeline Control. `cancel(project_id)` kills the job's
ffmpeg processes at once, takes it out of the slot queue if it waits there, and every later
check point (a phase, a pool task, a hosted call) raises Canceled, so nothing more is spent.
The job ends "canceled"; what it finished stays cached, so Generate resumes it.

Restarts: every job is also a row in the store's `jobs` table. Once it reaches its first
phase (any edit it makes to the spec is saved by then) the row says how to resume it
(`Resume`); studio.recovery reads the rows a killed server left behind.
"""

from __future__ import annotations

import itertools
import threading
import time
from collections import OrderedDict, deque
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Callable, Iterator

from pipeline import control
from pipeline.config import Context
from pipeline.control import CANCELED_MESSAGE, Control
from pipeline.errors import Canceled, InputError
from pipeline.models import PHASES

from .core import Busy, friendly, log

if TYPE_CHECKING:
    from .core import Studio

_ids = itertools.count(1)
KEEP_FINISHED = 256  # finished jobs remembered (the latest per project), for answers after the fact


@dataclass(frozen=True)
class Resume:
    """How to pick a job up after a server restart: run the project again up to `stop_after`
    (None: to the end). Finished work is reused, so this redoes only what was cut short."""

    stop_after: str | None = None


@dataclass
class Job:
    project_id: str
    kind: str  # generate, regenerate, export, keyframe, preview, version
    label: str
    fn: Callable[[Context], Any]
    phases: tuple[str, ...] = PHASES  # phases this job may run (for "pending" in the UI)
    tracks_phases: bool = True  # writes current_phase/status to the project (run_project-based jobs)
    id: int = field(default_factory=lambda: next(_ids))
    state: str = "queued"  # queued, waiting, running, done, failed, canceled
    error: str | None = None
    resume: Resume | None = None  # None: a restart marks it interrupted instead of resuming it
    restarts: int = 0  # how many server restarts this render has already been resumed after
    row_id: str | None = None  # its row in the store's jobs table
    control: Control = field(default_factory=Control)
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

    @property
    def shown_state(self) -> str:
        """The state to show: "canceling" between a cancel and the moment the job has stopped."""
        if self.control.canceled and not self.done.is_set():
            return "canceling"
        return self.state


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
        self._finished: OrderedDict[str, Job] = OrderedDict()

    # -- queries ---------------------------------------------------------------------------
    def active(self, project_id: str | None) -> Job | None:
        if not project_id:
            return None
        with self._cond:
            return self._active.get(project_id)

    def last(self, project_id: str | None) -> Job | None:
        """The project's running job, else the last one that finished in this server."""
        if not project_id:
            return None
        with self._cond:
            return self._active.get(project_id) or self._finished.get(project_id)

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
                if job.control.canceled:  # leave the line; whoever is behind moves up
                    self._waiters.remove(job.id)
                    self._cond.notify_all()
                    raise Canceled(CANCELED_MESSAGE)
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

    # -- cancel -------------------------------------------------------------------------------
    def cancel(self, project_id: str) -> Job | None:
        """Cancel the project's job, waiting or running; None when it has none. Its processes are
        killed now; its thread stops at the next check point (`wait` on the job to see it end)."""
        job = self.active(project_id)
        if job is None:
            return None
        job.control.cancel()
        with self._cond:
            self._cond.notify_all()  # a job waiting for a slot sees it at once
        return job

    # -- running ----------------------------------------------------------------------------
    def submit(self, project_id: str, kind: str, label: str, fn: Callable[[Context], Any], *,
               phases: tuple[str, ...] = PHASES, tracks_phases: bool = True,
               whole_job_heavy: bool = False, resume: Resume | None = None, restarts: int = 0) -> Job:
        """Start `fn(ctx)` in the background. One job per project at a time. `resume`: how a
        restart may pick it up (only for work that run_project can redo)."""
        with self._cond:
            current = self._active.get(project_id)
            if current is not None:
                raise InputError(f"this project is already busy ({current.label}); wait for it to finish "
                                 "or cancel it")
            if len(self._waiters) >= self.max_waiting:
                raise Busy(self.full_message())
            job = Job(project_id=project_id, kind=kind, label=label, fn=fn, phases=phases,
                      tracks_phases=tracks_phases, resume=resume, restarts=restarts,
                      control=Control.from_settings(self.studio.settings))
            self._active[project_id] = job
        try:
            job.row_id = self.studio.store.add_job(project_id, kind, label, tracks_phases, restarts)
            if tracks_phases:
                self.studio.store.update_project(project_id, status="queued", message=f"{label}: queued",
                                                 error=None, current_phase=None, progress=0.0)
            else:
                self.studio.store.update_project(project_id, message=f"{label}: queued")
        except Exception:
            with self._cond:
                self._active.pop(project_id, None)
            if job.row_id is not None:  # it never started: no restart should find it
                try:
                    self.studio.store.update_job(job.row_id, state="failed", error="not started")
                except Exception:
                    pass
            raise
        t = threading.Thread(target=self._run, args=(job, whole_job_heavy), name=f"adstudio-{kind}-{project_id}",
                             daemon=True)
        t.start()
        return job

    def _progress(self, job: Job, ctx: Context) -> Callable[[str, float, str], None]:
        store = self.studio.store
        last = {"phase": None, "t": 0.0}

        def report(phase: str, fraction: float, message: str) -> None:
            job.control.check()  # a canceled job stops at its next report
            first = False
            if threading.get_ident() == job.thread_ident and phase != last["phase"]:
                if last["phase"] is None:
                    self._arm(job)
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

    def _arm(self, job: Job) -> None:
        """The job reached its first phase: from now on a restart may resume it."""
        if job.resume is None or job.row_id is None:
            return
        try:
            self.studio.store.update_job(job.row_id, resume={"stop_after": job.resume.stop_after})
        except Exception:  # then a restart marks it interrupted instead: still not stuck
            log.debug("could not record how to resume job %s", job.row_id, exc_info=True)

    def _run(self, job: Job, whole_job_heavy: bool) -> None:
        job.thread_ident = threading.get_ident()
        store = self.studio.store
        job.state = "running"
        try:
            base = self.studio.ctx_for(job.project_id)
            ctx = replace(base, progress=self._progress(job, base))
            with control.using(job.control):
                job.control.check()  # canceled while it was queued
                if whole_job_heavy:
                    self._hold(job)
                job.result = job.fn(ctx)
            job.state = "done"
        except BaseException as exc:  # noqa: BLE001 - a job must never take the server down
            if job.control.canceled:  # whatever broke as its processes were killed
                job.state = "canceled"
                try:
                    if job.tracks_phases:
                        store.update_project(job.project_id, status="canceled", error=None,
                                             message=CANCELED_MESSAGE, current_phase=None)
                    else:
                        store.update_project(job.project_id, message="")
                except Exception:
                    pass
            else:
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
                if job.row_id is not None:
                    store.update_job(job.row_id, state=job.state, error=job.error)
            except Exception:
                log.debug("could not record the end of job %s", job.row_id, exc_info=True)
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
                self._finished.pop(job.project_id, None)
                self._finished[job.project_id] = job
                while len(self._finished) > KEEP_FINISHED:
                    self._finished.popitem(last=False)
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
