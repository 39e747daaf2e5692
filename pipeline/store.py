"""SQLite persistence: projects, spec versions, phase runs, artifacts, beat versions, cost ledger.

WAL mode and one connection per thread let the studio's workers and request handlers read while
a render writes. Every write is a short `BEGIN IMMEDIATE` transaction so two writers never
deadlock halfway. Migrations are numbered and recorded in `PRAGMA user_version`.
"""

from __future__ import annotations

import json
import sqlite3
import sys
import threading
import uuid
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterator

from .errors import DiskFull, NotFoundError, is_disk_full
from .models import Brief, PhaseResult, Project, Spec


def _import_sqlite_utils():
    """sqlite-utils imports pandas when it is installed (Gradio brings it), only to map pandas
    timestamps to a column type; the store never writes one. That import cost every CLI run
    0.2 s before its first frame (a full run, a one-beat re-export and a preview alike). So
    sqlite-utils is imported here, once, when this module is (before any render thread), with
    pandas hidden; unless something loaded pandas already (the studio): then it costs nothing."""
    if "pandas" in sys.modules:
        import sqlite_utils
        return sqlite_utils
    sys.modules["pandas"] = None  # type: ignore[assignment]  # `import pandas` now raises ImportError
    try:
        import sqlite_utils
    finally:
        del sys.modules["pandas"]  # anything that needs pandas later imports it as usual
    return sqlite_utils


sqlite_utils = _import_sqlite_utils()


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


def _create_v1(db: sqlite_utils.Database) -> None:
    db["projects"].create(
        {"id": str, "name": str, "owner": str, "created_at": str, "updated_at": str,
         "status": str, "brief": str, "spec": str, "cost_usd": float, "budget_usd": float,
         "current_phase": str, "progress": float, "message": str, "error": str,
         "thumbnail": str, "deleted": int},
        pk="id", not_null={"name", "created_at"}, defaults={"cost_usd": 0.0, "deleted": 0, "owner": ""},
    )
    db["projects"].create_index(["owner", "updated_at"])
    db["spec_versions"].create(
        {"id": int, "project_id": str, "created_at": str, "spec": str, "note": str},
        pk="id", foreign_keys=[("project_id", "projects", "id")],
    )
    db["phase_runs"].create(
        {"id": int, "project_id": str, "phase": str, "status": str, "outputs": str,
         "cost_usd": float, "duration_s": float, "provider": str, "error": str,
         "started_at": str, "finished_at": str},
        pk="id", foreign_keys=[("project_id", "projects", "id")],
    )
    db["phase_runs"].create_index(["project_id", "phase"])
    db["artifacts"].create(
        {"key": str, "kind": str, "path": str, "project_id": str, "created_at": str, "meta": str},
        pk="key",
    )
    db["beat_versions"].create(
        {"id": int, "project_id": str, "beat_index": int, "beat": str, "created_at": str, "chosen": int},
        pk="id", foreign_keys=[("project_id", "projects", "id")],
    )
    db["beat_versions"].create_index(["project_id", "beat_index"])
    db["ledger"].create(
        {"request_id": str, "project_id": str, "phase": str, "provider": str, "model": str,
         "cost_usd": float, "created_at": str, "description": str},
        pk="request_id",
    )
    db["ledger"].create_index(["project_id"])
    db["predictions"].create(
        {"key": str, "provider": str, "prediction_id": str, "created_at": str, "status": str},
        pk="key",
    )


def _add_jobs_v2(db: sqlite_utils.Database) -> None:
    """The studio's renders, so that after a restart it knows what was running or waiting and
    how to pick it up (`resume`: a JSON recipe, null while the job may not be resumed)."""
    db["jobs"].create(
        {"id": str, "project_id": str, "kind": str, "label": str, "state": str, "tracks_phases": int,
         "resume": str, "restarts": int, "error": str, "created_at": str, "updated_at": str},
        pk="id", defaults={"restarts": 0, "tracks_phases": 1},
    )
    db["jobs"].create_index(["state"])


MIGRATIONS = [_create_v1, _add_jobs_v2]
JOB_UNFINISHED = "active"  # a jobs row in this state belongs to a server that was running it


class Store:
    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._local = threading.local()
        self._migrate()

    # -- connections --------------------------------------------------------------------
    @property
    def db(self) -> sqlite_utils.Database:
        db = getattr(self._local, "db", None)
        if db is None:
            conn = sqlite3.connect(self.path, timeout=30, isolation_level=None, check_same_thread=False)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA foreign_keys=ON")
            db = sqlite_utils.Database(conn)
            self._local.db = db
        return db

    @contextmanager
    def write(self) -> Iterator[sqlite_utils.Database]:
        """One transaction. On any failure it is rolled back whole, so the database stays as it
        was; a full disk is reported as DiskFull (what to free), not as SQLite's own words."""
        db = self.db
        try:
            db.execute("BEGIN IMMEDIATE")
            try:
                yield db
            except BaseException:
                try:
                    db.execute("ROLLBACK")
                except sqlite3.Error:  # SQLite may have rolled back already (it does on a full disk)
                    pass
                raise
            else:
                try:
                    db.execute("COMMIT")
                except sqlite3.Error:
                    try:
                        db.execute("ROLLBACK")
                    except sqlite3.Error:
                        pass
                    raise
        except (sqlite3.Error, OSError) as exc:
            if is_disk_full(exc):
                raise DiskFull(self.path.parent) from exc
            raise

    def _migrate(self) -> None:
        with self.write() as db:
            version = db.execute("PRAGMA user_version").fetchone()[0]
            for number, migration in enumerate(MIGRATIONS[version:], start=version + 1):
                migration(db)
                db.execute(f"PRAGMA user_version = {number}")

    # -- projects -----------------------------------------------------------------------
    def create_project(self, brief: Brief, name: str | None = None, owner: str = "",
                       budget_usd: float | None = None) -> Project:
        pid = uuid.uuid4().hex[:12]
        now = _now()
        name = (name or brief.prompt[:60]).strip() or "Untitled ad"
        with self.write() as db:
            db["projects"].insert({
                "id": pid, "name": name, "owner": owner, "created_at": now, "updated_at": now,
                "status": "new", "brief": brief.model_dump_json(), "spec": None, "cost_usd": 0.0,
                "budget_usd": budget_usd, "current_phase": None, "progress": 0.0, "message": "",
                "error": None, "thumbnail": None, "deleted": 0,
            })
        return self.get_project(pid)

    def _row(self, project_id: str, owner: str | None = None) -> dict[str, Any]:
        try:
            row = self.db["projects"].get(project_id)
        except sqlite_utils.db.NotFoundError:
            raise NotFoundError(f"project {project_id!r} does not exist") from None
        if row["deleted"] or (owner is not None and row["owner"] != owner):
            raise NotFoundError(f"project {project_id!r} does not exist")
        return row

    def get_project(self, project_id: str, owner: str | None = None) -> Project:
        row = self._row(project_id, owner)
        return Project(
            id=row["id"], name=row["name"], owner=row["owner"] or "",
            created_at=datetime.fromisoformat(row["created_at"]),
            updated_at=datetime.fromisoformat(row["updated_at"]), status=row["status"],
            brief=Brief.model_validate_json(row["brief"]),
            spec=Spec.model_validate_json(row["spec"]) if row["spec"] else None,
            cost_usd=self.project_cost(project_id), budget_usd=row["budget_usd"],
        )

    def project_state(self, project_id: str) -> dict[str, Any]:
        """Status fields the UI polls: status, current phase, progress, message, error."""
        row = self._row(project_id)
        return {k: row[k] for k in ("status", "current_phase", "progress", "message", "error", "thumbnail")}

    def list_projects(self, owner: str | None = None) -> list[dict[str, Any]]:
        where, args = "deleted = 0", []
        if owner is not None:
            where += " and owner = ?"
            args.append(owner)
        rows = list(self.db["projects"].rows_where(where, args, order_by="updated_at desc"))
        for r in rows:
            r["cost_usd"] = self.project_cost(r["id"])
        return rows

    def update_project(self, project_id: str, **fields: Any) -> None:
        allowed = {"name", "status", "current_phase", "progress", "message", "error", "thumbnail",
                   "budget_usd", "brief"}
        bad = set(fields) - allowed
        if bad:
            raise ValueError(f"cannot update {sorted(bad)}")
        if isinstance(fields.get("brief"), Brief):
            fields["brief"] = fields["brief"].model_dump_json()
        with self.write() as db:
            self._row(project_id)
            db["projects"].update(project_id, {**fields, "updated_at": _now()})

    def save_spec(self, project_id: str, spec: Spec, note: str = "") -> None:
        data = spec.model_dump_json()
        with self.write() as db:
            db["projects"].update(project_id, {"spec": data, "updated_at": _now()})
            db["spec_versions"].insert({"project_id": project_id, "created_at": _now(), "spec": data, "note": note})

    def spec_history(self, project_id: str) -> list[dict[str, Any]]:
        return list(self.db["spec_versions"].rows_where("project_id = ?", [project_id], order_by="id"))

    def delete_project(self, project_id: str) -> None:
        with self.write() as db:
            self._row(project_id)
            db["projects"].update(project_id, {"deleted": 1, "updated_at": _now()})

    def duplicate_project(self, project_id: str, name: str | None = None) -> Project:
        src = self.get_project(project_id)
        copy = self.create_project(src.brief, name or f"{src.name} (copy)", owner=src.owner,
                                   budget_usd=src.budget_usd)
        if src.spec is not None:
            self.save_spec(copy.id, src.spec, note=f"copied from {project_id}")
        return self.get_project(copy.id)

    # -- phase runs ---------------------------------------------------------------------
    def record_phase(self, project_id: str, result: PhaseResult, started_at: str) -> None:
        with self.write() as db:
            db["phase_runs"].insert({
                "project_id": project_id, "phase": result.phase, "status": result.status,
                "outputs": json.dumps(result.outputs), "cost_usd": result.cost_usd,
                "duration_s": result.duration_s, "provider": result.provider,
                "error": result.error, "started_at": started_at, "finished_at": _now(),
            })

    def latest_phase(self, project_id: str, phase: str) -> PhaseResult | None:
        rows = list(self.db["phase_runs"].rows_where(
            "project_id = ? and phase = ?", [project_id, phase], order_by="id desc", limit=1))
        if not rows:
            return None
        r = rows[0]
        return PhaseResult(phase=r["phase"], status=r["status"], outputs=json.loads(r["outputs"] or "{}"),
                           cost_usd=r["cost_usd"] or 0.0, duration_s=r["duration_s"] or 0.0,
                           provider=r["provider"] or "", error=r["error"])

    def phase_runs(self, project_id: str) -> list[dict[str, Any]]:
        return list(self.db["phase_runs"].rows_where("project_id = ?", [project_id], order_by="id"))

    def forget_phases(self, project_id: str, phases: list[str]) -> None:
        """Mark phases as needing a re-run (their artifacts stay cached by key)."""
        if not phases:
            return
        marks = ",".join("?" for _ in phases)
        with self.write() as db:
            db.execute(f"update phase_runs set status = 'stale' where project_id = ? and phase in ({marks})"
                       f" and status in ('succeeded', 'reused')", [project_id, *phases])

    # -- artifacts ----------------------------------------------------------------------
    def record_artifact(self, key: str, kind: str, path: str, project_id: str = "",
                        meta: dict[str, Any] | None = None) -> None:
        with self.write() as db:
            db["artifacts"].upsert({"key": key, "kind": kind, "path": path, "project_id": project_id,
                                    "created_at": _now(), "meta": json.dumps(meta or {})}, pk="key")

    def artifact(self, key: str) -> dict[str, Any] | None:
        try:
            return self.db["artifacts"].get(key)
        except sqlite_utils.db.NotFoundError:
            return None

    # -- beat versions ------------------------------------------------------------------
    def add_beat_version(self, project_id: str, index: int, beat: dict[str, Any]) -> int:
        data = json.dumps(beat, sort_keys=True)
        with self.write() as db:
            existing = list(db["beat_versions"].rows_where(
                "project_id = ? and beat_index = ? and beat = ?", [project_id, index, data], limit=1))
            db.execute("update beat_versions set chosen = 0 where project_id = ? and beat_index = ?",
                       [project_id, index])
            if existing:
                db["beat_versions"].update(existing[0]["id"], {"chosen": 1})
                return existing[0]["id"]
            return db["beat_versions"].insert({"project_id": project_id, "beat_index": index, "beat": data,
                                               "created_at": _now(), "chosen": 1}).last_pk

    def beat_versions(self, project_id: str, index: int) -> list[dict[str, Any]]:
        rows = self.db["beat_versions"].rows_where("project_id = ? and beat_index = ?", [project_id, index],
                                                   order_by="id")
        return [{**r, "beat": json.loads(r["beat"])} for r in rows]

    # -- cost ledger ----------------------------------------------------------------------
    def record_cost(self, request_id: str, project_id: str, phase: str, provider: str, model: str,
                    cost_usd: float, description: str = "") -> bool:
        """Record a paid call once. Returns False when this request id was already recorded."""
        with self.write() as db:
            if db.execute("select 1 from ledger where request_id = ?", [request_id]).fetchone():
                return False
            db["ledger"].insert({"request_id": request_id, "project_id": project_id, "phase": phase,
                                 "provider": provider, "model": model, "cost_usd": cost_usd,
                                 "created_at": _now(), "description": description})
        return True

    def project_cost(self, project_id: str) -> float:
        row = self.db.execute("select coalesce(sum(cost_usd), 0) from ledger where project_id = ?",
                              [project_id]).fetchone()
        return float(row[0])

    def cost_by_phase(self, project_id: str) -> dict[str, float]:
        rows = self.db.execute("select phase, sum(cost_usd) from ledger where project_id = ? group by phase",
                               [project_id]).fetchall()
        return {phase: float(total) for phase, total in rows}

    def ledger_rows(self, project_id: str) -> list[dict[str, Any]]:
        return list(self.db["ledger"].rows_where("project_id = ?", [project_id], order_by="created_at"))

    # -- the studio's jobs (so a restart finds what was running) ----------------------------
    def add_job(self, project_id: str, kind: str, label: str, tracks_phases: bool = True, restarts: int = 0) -> str:
        job_id = uuid.uuid4().hex
        now = _now()
        with self.write() as db:
            db["jobs"].insert({"id": job_id, "project_id": project_id, "kind": kind, "label": label,
                               "state": JOB_UNFINISHED, "tracks_phases": int(tracks_phases), "resume": None,
                               "restarts": restarts, "error": None, "created_at": now, "updated_at": now})
        return job_id

    def update_job(self, job_id: str, **fields: Any) -> None:
        bad = set(fields) - {"state", "resume", "error"}
        if bad:
            raise ValueError(f"cannot update {sorted(bad)}")
        if isinstance(fields.get("resume"), dict):
            fields["resume"] = json.dumps(fields["resume"])
        with self.write() as db:
            db["jobs"].update(job_id, {**fields, "updated_at": _now()})

    def unfinished_jobs(self) -> list[dict[str, Any]]:
        """Jobs no server finished, oldest first, with `resume` decoded."""
        rows = list(self.db["jobs"].rows_where("state = ?", [JOB_UNFINISHED], order_by="created_at, rowid"))
        return [{**r, "resume": json.loads(r["resume"]) if r["resume"] else None} for r in rows]

    def projects_with_status(self, statuses: tuple[str, ...]) -> list[str]:
        marks = ",".join("?" for _ in statuses)
        return [r[0] for r in self.db.execute(
            f"select id from projects where deleted = 0 and status in ({marks})", list(statuses)).fetchall()]

    # -- hosted predictions (so a restart polls instead of paying again) -------------------
    def remember_prediction(self, key: str, provider: str, prediction_id: str) -> None:
        with self.write() as db:
            db["predictions"].upsert({"key": key, "provider": provider, "prediction_id": prediction_id,
                                      "created_at": _now(), "status": "started"}, pk="key")

    def prediction_for(self, key: str) -> str | None:
        try:
            return self.db["predictions"].get(key)["prediction_id"]
        except sqlite_utils.db.NotFoundError:
            return None
