"""Temporary names for files being written, and sweeping up after a killed process.

Every file is written under a temporary name beside its final one and renamed into place
when complete, so a reader never sees half a file. The temporary name carries the writer's
process id and a random part: two threads or two processes writing the same file (two
projects sharing a cached clip, two exports at once) never share one, and after a crash the
process id tells a dead writer's leftovers from a live writer's work in progress.
"""

from __future__ import annotations

import logging
import os
import re
import time
import uuid
from pathlib import Path

log = logging.getLogger("adstudio.tempfiles")

# ".<name>.<pid>-<random>.tmp<suffix>" (ours), ".<name>.<pid>.<thread>.tmp..." (the frame writer
# and the scene cache), and older names without a process id (".x.tmp", ".x.part", "x.tmp.png").
_OURS = re.compile(r"\.(?P<pid>\d+)[.-][0-9a-f]+\.tmp(\.|$)")
_TEMP = re.compile(r"(^|\.)tmp(\.[A-Za-z0-9]+)*$|\.part$|\.concat\.txt$")
ORPHAN_AGE_S = 3600.0  # a temporary file without a process id is left alone this long


def temp_path(final: Path, suffix: str | None = None) -> Path:
    """A fresh temporary name beside `final`. It ends in `suffix` (default: `final`'s own, so
    tools that go by the extension, such as ffmpeg, still see the right format)."""
    final = Path(final)
    tail = final.suffix if suffix is None else suffix
    return final.with_name(f".{final.name}.{os.getpid()}-{uuid.uuid4().hex[:12]}.tmp{tail}")


def is_temp(name: str) -> bool:
    return bool(_TEMP.search(name)) or bool(_OURS.search(name))


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    return True


def sweep(root: Path, *, own_pid_is_stale: bool = False, keep: tuple[str, ...] = ()) -> list[Path]:
    """Remove temporary files under `root` that no running process is writing: those of a dead
    process, and nameless ones older than an hour. `own_pid_is_stale`: at start-up, files with
    our own process id are a previous run's (containers reuse process ids), not ours.
    Returns what was removed."""
    removed: list[Path] = []
    now = time.time()
    me = os.getpid()
    for folder, _dirs, files in os.walk(root):
        for name in files:
            if name in keep or not is_temp(name):
                continue
            path = Path(folder) / name
            m = _OURS.search(name)
            if m:
                pid = int(m.group("pid"))
                stale = (pid == me and own_pid_is_stale) or not _alive(pid)
            else:
                try:
                    stale = now - path.stat().st_mtime > ORPHAN_AGE_S
                except OSError:
                    continue
            if not stale:
                continue
            try:
                path.unlink()
                removed.append(path)
            except OSError:  # gone already, or not ours to remove: leave it
                continue
    if removed:
        log.info("removed %d temporary files left by interrupted renders under %s", len(removed), root)
    return removed
