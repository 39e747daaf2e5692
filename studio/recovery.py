"""What a starting studio does about the renders a stopped (or killed) server left behind.

Nothing of the previous server runs any more, but the store may still say "running" or
"waiting". At start, exactly once per data dir (a lock file says which studio is the one
serving it), the studio:

1. removes the temporary files killed renders left (pipeline.tempfiles; a live process's
   files are kept);
2. resumes each job that had reached its first phase, in the order they were started, through
   the ordinary slot queue (so at most `ADSTUDIO_RENDER_SLOTS` run and the rest wait), and
   with a check that nothing is spent without the person: the finished artifacts make the
   resume cheap, since only the work that was cut short is redone;
3. marks every other project that was left running, waiting or queued "interrupted", with
   the reason and "press Generate to resume". That covers a job that had not started a
   phase yet, a preview, a render with hosted models (resuming would spend money while nobody
   is watching), a render that was already resumed once and stopped again (a render that
   kills the server must not do so at every start), one beyond what the queue holds, and a
   project left "running" by a command-line run or an older version.

No project is left showing "running" with nothing behind it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from pipeline import run
from pipeline.tempfiles import sweep

from .core import ACTIVE_STATUSES
from .jobs import Resume

if TYPE_CHECKING:
    from .core import Studio

log = logging.getLogger("adstudio.recovery")

MAX_AUTO_RESUMES = 1  # per render: one restart is resumed; a second in a row is left to the person
RESUME_HINT = "press Generate to resume (finished work is kept)"
HOSTED_CAPABILITIES = ("spec", "image", "video", "music", "upscaler")


@dataclass
class Recovery:
    """What the start-up did, for the log and for tests."""

    resumed: list[str] = field(default_factory=list)  # project ids, in queue order
    interrupted: dict[str, str] = field(default_factory=dict)  # project id -> reason
    removed_files: int = 0
    skipped: str = ""  # why nothing was done (another studio serves this data dir)


def take_server_lock(data_dir: Path) -> IO[Any] | None:
    """An exclusive lock on <data dir>/studio/server.lock for as long as the file stays open.
    None when another live studio holds it (the OS drops a killed process's lock)."""
    path = Path(data_dir) / "studio" / "server.lock"
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = open(path, "a+")
    try:
        import fcntl
    except ImportError:  # no flock (Windows): assume one studio per data dir
        return handle
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        handle.close()
        return None
    return handle


def recover(studio: "Studio") -> Recovery:
    report = Recovery()
    studio.server_lock = take_server_lock(studio.data_dir)
    if studio.server_lock is None:
        report.skipped = "another studio is serving this data dir; it owns its renders"
        log.warning("%s: %s", studio.data_dir, report.skipped)
        return report
    report.removed_files = len(sweep(studio.data_dir, own_pid_is_stale=True))
    store = studio.store
    rows = store.unfinished_jobs()
    with_rows = {r["project_id"] for r in rows}
    for pid in store.projects_with_status(ACTIVE_STATUSES):
        if pid not in with_rows:  # a CLI run or an older server: nothing says how it was started
            _interrupt(studio, pid, f"Interrupted when the server stopped; {RESUME_HINT}.", True, report)
    room = studio.jobs.slots + studio.jobs.max_waiting
    for row in rows:
        pid = row["project_id"]
        reason = _why_not_resumed(studio, row, room - len(report.resumed))
        if reason is None:
            try:
                _resume(studio, row)
            except Exception as exc:  # a deleted project, a full queue: say so on the project
                reason = f"Interrupted by a server restart and could not be resumed ({exc}); {RESUME_HINT}."
            else:
                store.update_job(row["id"], state="resumed")
                report.resumed.append(pid)
                continue
        store.update_job(row["id"], state="interrupted", error=reason)
        _interrupt(studio, pid, reason, bool(row["tracks_phases"]), report)
    if report.resumed or report.interrupted or report.removed_files:
        log.info("after the restart: %d renders resumed, %d marked interrupted, %d temporary files removed",
                 len(report.resumed), len(report.interrupted), report.removed_files)
    return report


def _why_not_resumed(studio: "Studio", row: dict[str, Any], room: int) -> str | None:
    """None if the job may be resumed, else the reason the person reads on the project."""
    pid = row["project_id"]
    if row["resume"] is None:
        if not row["tracks_phases"]:
            return f"The {row['label'].lower()} was interrupted by a server restart; start it again."
        return f"Interrupted by a server restart before its first phase; {RESUME_HINT}."
    if row["restarts"] >= MAX_AUTO_RESUMES:
        return ("Interrupted by a server restart again after it had been resumed once, so it was not "
                f"resumed a second time; {RESUME_HINT}.")
    if _spends_money(studio, pid):
        return ("Interrupted by a server restart. It uses hosted models, so it is not resumed without you "
                f"(nothing further was spent); {RESUME_HINT}. Paid calls are not paid again.")
    if room <= 0:
        return f"Interrupted by a server restart, with more renders than the queue holds; {RESUME_HINT}."
    return None


def _spends_money(studio: "Studio", pid: str) -> bool:
    settings = studio.settings.model_copy(update={"profile": studio.profile_for(pid)})
    return any(settings.provider_for(cap) != "local" for cap in HOSTED_CAPABILITIES)


def _resume(studio: "Studio", row: dict[str, Any]) -> None:
    pid = row["project_id"]
    studio.store.get_project(pid)  # gone (deleted) -> NotFoundError: nothing to resume
    stop_after = row["resume"].get("stop_after")
    studio.jobs.submit(pid, row["kind"], f"{row['label']} (resumed after a restart)",
                       lambda ctx: run.run_project(ctx, pid, stop_after=stop_after),
                       resume=Resume(stop_after), restarts=row["restarts"] + 1)


def _interrupt(studio: "Studio", pid: str, reason: str, tracks_phases: bool, report: Recovery) -> None:
    try:
        if tracks_phases:
            # current_phase stays: the header shows which phase was cut short.
            studio.store.update_project(pid, status="interrupted", error=reason, message="")
        else:  # a preview never changed the project's status; only its progress line
            studio.store.update_project(pid, message="")
    except Exception:  # deleted meanwhile
        return
    report.interrupted[pid] = reason
