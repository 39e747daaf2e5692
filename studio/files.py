"""Which files under the data dir a person may read: only those of their own live projects.

The studio shows renders where they lie (no copies): studio.app tells Gradio the data folders
are *static*, so components link files in place instead of copying them into Gradio's cache
(where anyone signed in could fetch them). Every request for a file in the data dir, however
the URL spells it, is answered by studio.gate, which asks `FileAccess.may_read`; Gradio's own
file route never sees one.

A file belongs to a project when it lies in the project's own folder (exports/<id>,
studio/previews/<id>, uploads/<id>) or when a brief or a phase run of the project names it
(artifacts are content-addressed and shared by projects that made the same thing, so the
record, not the folder, says whose they are). Deleted projects own nothing, so their files
are refused even where they still exist.
"""

from __future__ import annotations

import json
import os
import shutil
import threading
import time
from pathlib import Path, PurePosixPath
from typing import Any

from pipeline.errors import InputError

# Folders named after the project that owns them: (prefix parts, index of the project id).
PROJECT_FOLDERS = ((("exports",), 1), (("uploads",), 1), (("studio", "previews"), 2))
SERVED_FOLDERS = ("artifacts", "exports", "uploads", "studio/previews")


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


class FileAccess:
    """Answers "may this owner read this path?" from the store, with a short positive cache."""

    def __init__(self, store: Any, data_dir: Path, ttl_s: float = 30.0, max_cached: int = 4096) -> None:
        self.store = store
        self.root = os.path.realpath(data_dir)
        self.ttl_s = ttl_s
        self.max_cached = max_cached
        # Video players fetch one file in many ranged requests; a positive answer is kept briefly
        # (and dropped on any delete), so each request is not a query.
        self._cache: dict[tuple[str | None, str], float] = {}
        self._lock = threading.Lock()

    # -- paths -----------------------------------------------------------------------------------
    def served_dirs(self) -> list[str]:
        dirs = [Path(self.root) / d for d in SERVED_FOLDERS]
        for d in dirs:
            d.mkdir(parents=True, exist_ok=True)
        return [str(d) for d in dirs]

    def claims(self, path: str) -> bool:
        """Whether a requested path points into the data dir, however it is spelled (so the
        caller must decide about it rather than hand it to Gradio). Case-insensitive, because
        on a case-insensitive disk /Data/x is the same file."""
        absolute = os.path.abspath(path)
        real = os.path.realpath(absolute)
        root = self.root
        return any(_inside(p, root) or _inside(p.lower(), root.lower()) for p in (absolute, real))

    def relative(self, path: str) -> PurePosixPath | None:
        """The path inside the data dir after resolving links and '..', or None if it escapes."""
        real = os.path.realpath(os.path.abspath(path))
        if not _inside(real, self.root) or real == self.root:
            return None
        return PurePosixPath(Path(real).relative_to(self.root).as_posix())

    def project_of(self, rel: PurePosixPath) -> str | None:
        parts = rel.parts
        for prefix, at in PROJECT_FOLDERS:
            if parts[:len(prefix)] == prefix and len(parts) > at + 1:
                return parts[at]
        return None

    # -- the rule ----------------------------------------------------------------------------------
    def may_read(self, owner: str | None, path: str) -> bool:
        """`owner` None means login is off (one shared workspace): any live project's files."""
        rel = self.relative(path)
        if rel is None or any(p.startswith(".") for p in rel.parts):  # never half-written temp files
            return False
        if not (Path(self.root) / rel).is_file():
            return False
        key = (owner, str(rel))
        now = time.monotonic()
        with self._lock:
            if self._cache.get(key, 0.0) > now:
                return True
        ok = self._owned(owner, rel)
        if ok:
            with self._lock:
                if len(self._cache) >= self.max_cached:
                    self._cache.clear()
                self._cache[key] = now + self.ttl_s
        return ok

    def _owned(self, owner: str | None, rel: PurePosixPath) -> bool:
        pid = self.project_of(rel)
        if pid is not None and self._live(pid, owner):
            return True
        if rel.parts[0] == "uploads":  # a duplicate's brief still points at the original's upload
            return self._named_by(owner, rel, "select 1 from projects p where p.deleted = 0{who}"
                                             " and instr(p.brief, ?) > 0 limit 1")
        if rel.parts[0] == "artifacts":
            return self._named_by(owner, rel, "select 1 from phase_runs r join projects p on p.id = r.project_id"
                                             " where p.deleted = 0{who} and instr(r.outputs, ?) > 0 limit 1")
        return False

    def _live(self, pid: str, owner: str | None) -> bool:
        row = self.store.db.execute("select owner, deleted from projects where id = ?", [pid]).fetchone()
        return row is not None and not row[1] and (owner is None or (row[0] or "") == owner)

    def _named_by(self, owner: str | None, rel: PurePosixPath, sql: str) -> bool:
        # Records hold paths as JSON strings, absolute or relative to where the data dir was
        # given; both end in the path inside the data dir followed by the closing quote.
        needle = json.dumps(str(rel))[1:]
        args: list[Any] = [] if owner is None else [owner]
        query = sql.format(who="" if owner is None else " and p.owner = ?")
        return self.store.db.execute(query, [*args, needle]).fetchone() is not None

    # -- uploads named in a brief ----------------------------------------------------------------------
    def check_brief_files(self, brief: Any, owner: str | None) -> None:
        """Refuse a brief whose logo or photo names a file in the data dir that is not the asker's.

        Gradio passes a static path sent by the browser through unchecked, so without this a
        tampered request could name another person's upload or render as its "logo" and get
        a copy of it."""
        for attr, what in (("logo_path", "logo"), ("product_image_path", "product image")):
            src = getattr(brief, attr, None)
            if src and self.claims(str(src)) and not self._own_upload(owner, str(src)):
                raise InputError(f"{what}: that file is not one of your uploads; upload the image again")

    def _own_upload(self, owner: str | None, path: str) -> bool:
        rel = self.relative(path)
        return rel is not None and rel.parts[0] == "uploads" and self.may_read(owner, path)

    # -- deletion --------------------------------------------------------------------------------------
    def project_deleted(self, pid: str) -> None:
        """Forget cached answers and remove the deleted project's own folders.

        Uploads another live project's brief still names (a duplicate's) are kept; artifacts
        stay as cache (other projects may share them) but no longer belong to the deleted one."""
        with self._lock:
            self._cache.clear()
        for prefix, _ in PROJECT_FOLDERS:
            folder = Path(self.root).joinpath(*prefix, pid)
            if folder.parent != Path(self.root).joinpath(*prefix) or not folder.is_dir():
                continue  # an id that is not a plain folder name never reaches rmtree
            if prefix == ("uploads",) and self._uploads_still_named(pid):
                continue
            shutil.rmtree(folder, ignore_errors=True)

    def _uploads_still_named(self, pid: str) -> bool:
        needle = json.dumps(f"uploads/{pid}/")[1:-1]
        row = self.store.db.execute("select 1 from projects where deleted = 0 and id != ? and instr(brief, ?) > 0"
                                    " limit 1", [pid, needle]).fetchone()
        return row is not None
