"""The studio's service layer: one object that the tabs and the HTTP API share.

Everything here is plain Python over the `pipeline` package's public API (no Gradio types
except where a handler needs the request to know who is asking). The tabs call it from
their handlers; `studio.api` exposes the same operations to scripts.

Who owns what: with login on (ADSTUDIO_AUTH or Hugging Face OAuth on Spaces) every project
belongs to the user who created it and nobody else can read or change it, its files included
(studio.files, studio.gate); on a Space each guest browser has its own workspace
(studio.guests). With login off there is one shared workspace.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import logging
import math
import os
import re
import secrets
import threading
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import Any

from pipeline import cost, run
from pipeline.config import LUTS_DIR, Context, Settings
from pipeline.control import CANCELED_MESSAGE
from pipeline.errors import AdStudioError, ConfigError, DiskFull, InputError, NotFoundError, is_disk_full, shown
from pipeline.models import PHASES, Brief, Project, Spec, project_name
from pipeline.templates import load_templates

log = logging.getLogger("adstudio.studio")

PHASE_TITLES = {"spec": "Spec", "animatic": "Animatic", "references": "References",
                "chunks": "Chunks", "refine": "Refine", "export": "Export"}
PHASE_BLURBS = {"spec": "structure, style, beats", "animatic": "one keyframe per beat",
                "references": "style guide, uploads", "chunks": "one clip per beat",
                "refine": "music, transitions, grade", "export": "MP4 per format, poster"}
FORMAT_LABELS = {"16:9": "16:9 landscape", "9:16": "9:16 vertical", "1:1": "1:1 square"}
RESOLUTIONS = {  # label -> (width, height) of the 16:9 master
    "1080p · 1920×1080": (1920, 1080),
    "720p · 1280×720": (1280, 720),
    "Draft · 640×360": (640, 360),
    "Tiny · 320×180": (320, 180),
}
ACTIVE_STATUSES = ("queued", "waiting", "running")


class Busy(AdStudioError):
    """The render queue is full; nothing was started."""


def on_spaces() -> bool:
    return os.environ.get("SYSTEM") == "spaces" and bool(os.environ.get("SPACE_ID"))


def parse_auth(secret: Any) -> list[tuple[str, str]]:
    """ADSTUDIO_AUTH="user:password" or "alice:pw1,bob:pw2" -> [(user, password), ...]."""
    if secret is None:
        return []
    raw = secret.get_secret_value() if hasattr(secret, "get_secret_value") else str(secret)
    pairs = []
    for item in raw.split(","):
        item = item.strip()
        if not item:
            continue
        user, sep, password = item.partition(":")
        if not sep or not user.strip() or not password:
            raise ConfigError("ADSTUDIO_AUTH must look like user:password (several: alice:pw1,bob:pw2)")
        pairs.append((user.strip(), password))
    return pairs


def secret_values(settings: Settings) -> list[str]:
    """Every configured secret, so messages can be scrubbed of them before anyone sees them."""
    out = []
    for name in ("openai_api_key", "replicate_api_token", "auth"):
        v = getattr(settings, name, None)
        if v is not None:
            raw = v.get_secret_value()
            out.append(raw)
            if name == "auth":
                out.extend(p for _, p in parse_auth(v))
    return [s for s in out if s and len(s) >= 4]


def friendly(exc: BaseException, settings: Settings | None = None) -> str:
    """One readable line (or a few) for a person: pipeline errors as they are, bugs briefly."""
    if isinstance(exc, AdStudioError):
        msg = str(exc)
    elif is_disk_full(exc):  # never a raw OSError: say which folder to free
        msg = str(DiskFull(settings.data_dir if settings is not None else "the data folder"))
    else:
        log.exception("unexpected error in the studio", exc_info=exc)
        msg = (f"Something went wrong ({type(exc).__name__}). Your project is saved; "
               "try again, and if it keeps happening the server log has the details.")
    if settings is not None:
        for s in secret_values(settings):
            msg = msg.replace(s, "•••")
    return msg


def _now() -> datetime:
    return datetime.now(timezone.utc)


def when(iso: str | None) -> str:
    """'2 min ago', 'yesterday 14:05', '12 Mar 2026' from an ISO timestamp."""
    if not iso:
        return ""
    try:
        t = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    if t.tzinfo is None:
        t = t.replace(tzinfo=timezone.utc)
    s = (_now() - t).total_seconds()
    if s < 60:
        return "just now"
    if s < 3600:
        return f"{int(s // 60)} min ago"
    if s < 86400:
        return f"{int(s // 3600)} h ago"
    if s < 7 * 86400:
        return t.strftime("%a %H:%M")
    return t.strftime("%d %b %Y")


def money(x: float | None) -> str:
    x = float(x or 0.0)
    return "$0.00" if abs(x) < 0.005 else f"${x:,.2f}"


@lru_cache(maxsize=512)
def _thumb_bytes(path: str, mtime: float, width: int, height: int) -> bytes:
    from PIL import Image, ImageOps
    with Image.open(path) as img:
        img = ImageOps.fit(img.convert("RGB"), (width, height))
    buf = io.BytesIO()
    img.save(buf, format="JPEG", quality=82)
    return buf.getvalue()


def thumb_uri(path: str | None, width: int = 320, height: int = 180) -> str | None:
    """A small JPEG data: URI of an image (cached), for HTML views; None when unreadable."""
    if not path or not Path(path).is_file():
        return None
    try:
        data = _thumb_bytes(str(path), Path(path).stat().st_mtime, width, height)
    except Exception:  # a half-written or odd file: show the placeholder instead
        return None
    return "data:image/jpeg;base64," + base64.b64encode(data).decode("ascii")


def list_luts() -> list[str]:
    return sorted(p.stem for p in LUTS_DIR.glob("*.cube"))


def templates_info() -> dict[str, dict[str, str]]:
    return {name: {"title": t.title, "description": t.description} for name, t in sorted(load_templates().items())}


# --- the view of one project that every tab renders from -----------------------------------


@dataclass
class PhaseView:
    phase: str
    status: str  # done, reused, running, waiting, pending, failed, stale, not_run
    progress: float = 0.0
    message: str = ""
    duration_s: float = 0.0
    cost_usd: float = 0.0
    provider: str = ""
    reused: bool = False  # the latest run found everything cached; duration_s is the run that did the work


@dataclass
class View:
    """Everything a tab needs about one project, read from the store in one go."""

    project: Project
    state: dict[str, Any]
    outputs: dict[str, dict[str, Any]]
    phases: list[PhaseView]
    running: bool
    interrupted: bool
    profile: str
    spec_saved_at: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return self.project.id

    @property
    def spec(self) -> Spec | None:
        return self.project.spec

    def phase(self, name: str) -> PhaseView:
        return next(p for p in self.phases if p.phase == name)

    def keyframes(self) -> list[str]:
        kfs = list(self.outputs.get("animatic", {}).get("keyframes", []))
        return [k for k in kfs if Path(k).is_file()]

    def clip_previews(self, fmt: str | None = None) -> dict[int, str]:
        """beat index -> preview MP4 of the master format (or `fmt`)."""
        clips = self.outputs.get("chunks", {}).get("clips", [])
        fmts = [c["format"] for c in clips]
        want = fmt or (self.spec.formats[0] if self.spec and self.spec.formats[0] in fmts
                       else (fmts[0] if fmts else None))
        return {c["beat"]: c["preview"] for c in clips if c["format"] == want and Path(c["preview"]).is_file()}


class Prefs:
    """Per-project studio preferences the store has no column for (the provider profile)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()

    def _read(self) -> dict[str, Any]:
        try:
            return json.loads(self.path.read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError):
            return {}

    def get(self, project_id: str, key: str, default: Any = None) -> Any:
        return self._read().get(project_id, {}).get(key, default)

    def set(self, project_id: str, key: str, value: Any) -> None:
        with self._lock:
            data = self._read()
            data.setdefault(project_id, {})[key] = value
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_name(f".{self.path.name}.{secrets.token_hex(4)}.tmp")
            tmp.write_text(json.dumps(data, indent=1), encoding="utf-8")
            os.replace(tmp, self.path)


class Studio:
    """Settings, contexts per provider profile, the job runner and project access rules."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings.from_env()
        self.ctx = run.build_context(self.settings)
        self._contexts: dict[str, Context] = {self.settings.profile: self.ctx}
        self._lock = threading.Lock()
        self.auth_pairs = parse_auth(self.settings.auth)
        self.oauth = on_spaces() and bool(os.environ.get("OAUTH_CLIENT_ID")) and not self.auth_pairs
        self.data_dir = Path(self.settings.data_dir).resolve()
        self.prefs = Prefs(self.data_dir / "studio" / "prefs.json")
        from .files import FileAccess
        self.files = FileAccess(self.ctx.store, self.data_dir)
        self._secret: str | None = None
        from .jobs import JobRunner
        self.jobs = JobRunner(self, slots=self.settings.render_slots,
                              max_waiting=int(os.environ.get("ADSTUDIO_MAX_WAITING", "8") or 8))
        # The previous server's renders: resumed or marked interrupted, its temp files removed.
        from .recovery import recover
        self.server_lock: Any = None
        self.recovery = recover(self)

    # -- settings ------------------------------------------------------------------------------
    @property
    def store(self):
        return self.ctx.store

    @property
    def login_enabled(self) -> bool:
        return bool(self.auth_pairs) or self.oauth

    def served_dirs(self) -> list[str]:
        """Folders whose files the studio links in place (artifacts, exports, uploads, previews).
        studio.gate serves them, each file only to its project's owner; never the DB."""
        return self.files.served_dirs()

    def blocked_files(self) -> list[str]:
        """Never a file for anyone: the database, the studio's preferences and its secret."""
        return [str(self.data_dir / n) for n in ("adstudio.db", "adstudio.db-wal", "adstudio.db-shm")] + [
            str(self.data_dir / "studio" / "prefs.json"), str(self.data_dir / "studio" / "secret")]

    def browser_secret(self) -> str:
        """A fixed secret for gr.BrowserState and the studio's signed cookies, kept across restarts."""
        if self._secret:
            return self._secret
        path = self.data_dir / "studio" / "secret"
        try:
            self._secret = path.read_text().strip()
        except FileNotFoundError:
            path.parent.mkdir(parents=True, exist_ok=True)
            value = secrets.token_hex(16)
            tmp = path.with_name(f".secret.{secrets.token_hex(4)}.tmp")
            tmp.write_text(value)
            os.replace(tmp, path)
            self._secret = value
        return self._secret

    def storage_warning(self) -> str | None:
        """On a Space whose data dir is not on persistent storage: what will be lost, and the fix."""
        from pipeline.config import persistent_root
        if not on_spaces():
            return None
        root = persistent_root()
        if root is not None and self.data_dir.is_relative_to(Path(root).resolve()):
            return None
        return ("This Space has no persistent storage, so projects and renders are lost when it restarts. "
                "Download your exports, or enable persistent storage in the Space's settings "
                "(AdStudio then keeps its data under /data).")

    def profile_for(self, project_id: str | None) -> str:
        if not project_id:
            return self.settings.profile
        return self.prefs.get(project_id, "profile", self.settings.profile)

    def set_profile(self, project_id: str, profile: str) -> None:
        if profile not in ("local", "hosted"):
            raise InputError(f"profile must be local or hosted, not {profile!r}")
        self.prefs.set(project_id, "profile", profile)

    def context(self, profile: str | None = None) -> Context:
        """The pipeline context for a provider profile (built once, on first use)."""
        profile = profile or self.settings.profile
        with self._lock:
            if profile not in self._contexts:
                from pipeline.providers.registry import build_providers
                settings = self.settings.model_copy(update={"profile": profile})
                self._contexts[profile] = Context(settings=settings, store=self.ctx.store,
                                                  artifacts=self.ctx.artifacts, providers=build_providers(settings))
            return self._contexts[profile]

    def ctx_for(self, project_id: str) -> Context:
        return replace(self.context(self.profile_for(project_id)), project_id=project_id)

    def keys_status(self) -> dict[str, bool]:
        return self.settings.configured_keys()

    # -- who is asking ---------------------------------------------------------------------------
    def owner(self, request: Any = None) -> str | None:
        """The owner to filter by: the signed-in user, "guest:<id>" for a guest browser on Spaces
        (studio.guests), None with login off."""
        if self.auth_pairs:
            user = getattr(request, "username", None) if request is not None else None
            if not user:
                raise NotFoundError("sign in to see your projects")
            return str(user)
        if self.oauth:
            try:
                info = request.session.get("oauth_info") if request is not None else None
            except Exception:
                info = None
            expired = bool(info) and (info.get("expires_at") or float("inf")) < datetime.now().timestamp()
            name = (info or {}).get("userinfo", {}).get("preferred_username") if info and not expired else None
            if name:
                return str(name)
            from .guests import guest_owner
            guest = guest_owner(request, self.browser_secret().encode())
            if guest is None:  # studio.gate gives every browser one; without it there is no workspace
                raise NotFoundError("this browser sent no AdStudio cookie: allow cookies for this site "
                                    "(or open the Space in its own tab), or sign in")
            return guest
        return None

    def project(self, project_id: str | None, owner: str | None) -> Project:
        if not project_id:
            raise InputError("no project is open; create one in the Brief tab or open one in Projects")
        return self.store.get_project(project_id, owner=owner)

    def projects(self, owner: str | None) -> list[dict[str, Any]]:
        return self.store.list_projects(owner)

    # -- briefs and projects -----------------------------------------------------------------
    def make_brief(self, prompt: str, template: str | None = None, logo: str | None = None,
                   product: str | None = None, formats: list[str] | tuple[str, ...] | None = None,
                   duration_s: float | None = None, resolution: str | None = None, fps: int | None = None,
                   seed: int | None = None) -> Brief:
        width = height = None
        if resolution:
            if resolution in RESOLUTIONS:
                width, height = RESOLUTIONS[resolution]
            else:
                try:
                    width, height = (int(v) for v in str(resolution).lower().replace("×", "x").split("x"))
                except ValueError:
                    raise InputError(f"resolution {shown(resolution)} is not WIDTHxHEIGHT, e.g. 1920x1080") from None
        return run.make_brief(prompt=(prompt or "").strip(), template=template or None, logo_path=logo or None,
                              product_image_path=product or None,
                              formats=tuple(formats) if formats else None,
                              duration_s=float(duration_s) if duration_s else None,
                              width=width, height=height, fps=int(fps) if fps else None,
                              seed=int(seed) if seed is not None else None)

    def create(self, brief: Brief, owner: str | None, name: str | None = None, profile: str | None = None) -> Project:
        self.files.check_brief_files(brief, owner)
        if brief.template is not None and brief.template not in load_templates():
            raise InputError(f"template: unknown template {brief.template!r}; choose one of "
                             + ", ".join(sorted(load_templates())))
        project = run.create_project(self.ctx, brief, name=(name or "").strip() or None, owner=owner or "")
        if profile:
            self.set_profile(project.id, profile)
        return project

    def update_brief(self, project_id: str, owner: str | None, brief: Brief) -> Brief:
        """Save an edited brief; uploads are checked and copied beside the project's other files."""
        self.project(project_id, owner)
        self.files.check_brief_files(brief, owner)
        from pipeline.uploads import store_upload
        copies: dict[str, str] = {}
        for attr, what, stem in run.UPLOADS:
            src = getattr(brief, attr)
            if not src:
                continue
            dest_dir = self.data_dir / "uploads" / project_id
            if Path(src).resolve().parent == dest_dir.resolve():
                continue  # already ours
            # Only a clean re-encoding is kept, named after its real format (pipeline.uploads).
            copies[attr] = str(store_upload(src, dest_dir, stem, what))
        brief = brief.model_copy(update=copies)
        self.store.update_project(project_id, brief=brief)
        return brief

    def rename(self, project_id: str, owner: str | None, name: str) -> None:
        self.project(project_id, owner)
        name = project_name(name)
        if not name:
            raise InputError("name: type a name for the project")
        self.store.update_project(project_id, name=name)

    def duplicate(self, project_id: str, owner: str | None) -> Project:
        self.project(project_id, owner)
        copy = self.store.duplicate_project(project_id)  # keeps the owner
        profile = self.prefs.get(project_id, "profile")
        if profile:
            self.set_profile(copy.id, profile)
        return copy

    def delete(self, project_id: str, owner: str | None) -> None:
        self.project(project_id, owner)
        if self.jobs.active(project_id):
            raise InputError("this project is rendering; cancel the render or wait for it to finish before "
                             "deleting it")
        self.store.delete_project(project_id)
        self.files.project_deleted(project_id)  # its files are refused from now on, its own folders removed

    def cancel(self, project_id: str, owner: str | None) -> Any:
        """Cancel the project's render, waiting or running (see JobRunner.cancel). Returns the job,
        or None when none is running; a project the store still shows as rendering with no job
        behind it is cleared, so a cancel always leaves it ready for Generate."""
        self.project(project_id, owner)
        job = self.jobs.cancel(project_id)
        if job is None and self.store.project_state(project_id).get("status") in ACTIVE_STATUSES:
            self.store.update_project(project_id, status="canceled", current_phase=None, message=CANCELED_MESSAGE)
        return job

    def guard_idle(self, project_id: str) -> None:
        job = self.jobs.active(project_id)
        if job is not None:
            raise InputError(f"this project is busy ({job.label}); wait for it to finish, then try again")

    # -- spec ------------------------------------------------------------------------------------
    def write_spec(self, project_id: str, owner: str | None, force: bool = True) -> Spec:
        """Phase 1 only. Runs right here: it is quick, or a remote call that no render slot limits."""
        project = self.project(project_id, owner)
        self.guard_idle(project_id)
        run.run_project(self.ctx_for(project_id), project_id, stop_after="spec",
                        force_spec=force or project.spec is None)
        spec = self.store.get_project(project_id).spec
        assert spec is not None
        return spec

    def save_spec(self, project_id: str, owner: str | None, data: Spec | dict[str, Any], note: str = "edited") -> Spec:
        self.project(project_id, owner)
        self.guard_idle(project_id)
        return run.update_spec(self.ctx, project_id, data, note=note)

    def estimate(self, project_id: str | None, owner: str | None, beats: list[int] | None = None,
                 profile: str | None = None) -> cost.Estimate:
        spec = None
        if project_id:
            spec = self.project(project_id, owner).spec
        ctx = self.context(profile or self.profile_for(project_id))
        return cost.estimate(ctx, spec, beats=beats, include_spec=spec is None)

    # -- reading a project -------------------------------------------------------------------
    def stamp(self, project_id: str | None) -> str:
        """Changes whenever something a tab shows changes (not on every progress tick)."""
        if not project_id:
            return "none"
        db = self.store.db
        row = db.execute("select name, status, thumbnail, deleted, spec from projects where id = ?",
                         [project_id]).fetchone()
        if row is None or row[3]:
            return f"{project_id}|gone"
        runs = db.execute("select count(*), coalesce(max(id), 0) from phase_runs where project_id = ?",
                          [project_id]).fetchone()
        versions = db.execute("select count(*), coalesce(max(id), 0) from beat_versions where project_id = ?",
                              [project_id]).fetchone()
        spec_digest = hashlib.sha1((row[4] or "").encode()).hexdigest()[:10]
        return "|".join(str(x) for x in (project_id, row[0], row[1], row[2], spec_digest, *runs, *versions))

    def view(self, project_id: str, owner: str | None) -> View:
        project = self.project(project_id, owner)
        state = self.store.project_state(project_id)
        outputs = run.latest_outputs(self.ctx, project_id)
        rows = self.store.phase_runs(project_id)
        history = self.store.spec_history(project_id)
        spec_saved_at = history[-1]["created_at"] if history else None
        job = self.jobs.active(project_id)
        running = job is not None
        interrupted = (not running) and (state.get("status") in ACTIVE_STATUSES
                                         or state.get("status") == "interrupted")
        latest: dict[str, dict[str, Any]] = {}
        worked: dict[str, dict[str, Any]] = {}  # the last run that did the work (not a cache hit)
        for r in rows:
            latest[r["phase"]] = r
            if r["status"] == "succeeded":
                worked[r["phase"]] = r
        costs = self.store.cost_by_phase(project_id)
        current = state.get("current_phase")
        phases: list[PhaseView] = []
        for i, name in enumerate(PHASES):
            r = latest.get(name)
            pv = PhaseView(name, "not_run", cost_usd=costs.get(name, 0.0))
            if r is not None:
                did = worked.get(name, r)
                pv.duration_s = did["duration_s"] or 0.0
                pv.provider = r["provider"] or ""
                pv.reused = r["status"] == "reused"
                if r["status"] in ("succeeded", "reused"):
                    pv.status, pv.progress = "done", 1.0
                    if (name != "spec" and spec_saved_at and r["finished_at"]
                            and r["finished_at"] < spec_saved_at):
                        pv.status = "stale"
                elif r["status"] == "failed":
                    pv.status, pv.message = "failed", r["error"] or "failed"
                elif r["status"] == "canceled":
                    pv.status, pv.message = "canceled", "canceled"
                elif r["status"] == "stale":
                    pv.status = "stale"
            if running and current in PHASES:
                ci = PHASES.index(current)
                if i == ci:
                    pv.status = "waiting" if state.get("status") == "waiting" else "running"
                    pv.progress = float(state.get("progress") or 0.0)
                    pv.message = state.get("message") or ""
                elif i > ci and job is not None and job.covers(name):
                    pv.status, pv.progress = "pending", 0.0
            elif running and job is not None and job.covers(name) and pv.status != "done":
                pv.status = "pending"
            phases.append(pv)
        return View(project=project, state=state, outputs=outputs, phases=phases, running=running,
                    interrupted=interrupted, profile=self.profile_for(project_id), spec_saved_at=spec_saved_at,
                    extra={"job": job})

    def export_files(self, view: View) -> list[dict[str, Any]]:
        files = view.outputs.get("export", {}).get("files", [])
        return [f for f in files if Path(f["path"]).is_file()]

    def thumbnail_for(self, project_id: str) -> str | None:
        outputs = run.latest_outputs(self.ctx, project_id)
        poster = outputs.get("export", {}).get("poster")
        if poster and Path(poster).is_file():
            return poster
        kfs = outputs.get("animatic", {}).get("keyframes", [])
        return kfs[0] if kfs and Path(kfs[0]).is_file() else None


def secs(x: float) -> str:
    """3.0 -> '3', 1.0666667 -> '1.07' (for labels; the spec keeps full precision)."""
    return f"{float(x):.2f}".rstrip("0").rstrip(".")


def beat_label(spec: Spec, i: int) -> str:
    b = spec.beats[i]
    return f"{i + 1} · {b.name.replace('_', ' ')} · {secs(b.duration)} s"


def rebalance(durations: list[float], index: int, value: float, total: float, minimum: float = 0.5,
              step: float = 0.01) -> list[float]:
    """Set beat `index` to `value` seconds and scale the others so the sum stays `total`.

    Others keep their proportions and never drop below `minimum`; the result is rounded to
    `step` with the rounding error given to the longest other beat, so the sum is exact."""
    n = len(durations)
    if not 0 <= index < n:
        raise InputError(f"beat {index + 1} does not exist; this ad has beats 1 to {n}")
    if n == 1:
        return [round(total, 6)]
    hi = total - minimum * (n - 1)
    if value < minimum or value > hi + 1e-9:
        raise InputError(f"duration: beat {index + 1} can be {minimum:g} to {hi:.2f} s long in a {total:g} s ad "
                         f"(the other beats need at least {minimum:g} s each)")
    others = [i for i in range(n) if i != index]
    remaining = total - value
    weights = {i: max(durations[i], 1e-6) for i in others}
    out = {index: value}
    fixed: set[int] = set()
    # Water-fill: scale proportionally, pin any that would fall below the minimum, repeat.
    while True:
        free = [i for i in others if i not in fixed]
        budget = remaining - minimum * len(fixed)
        wsum = sum(weights[i] for i in free)
        changed = False
        for i in free:
            d = budget * weights[i] / wsum
            if d < minimum:
                fixed.add(i)
                changed = True
        if not changed:
            for i in free:
                out[i] = budget * weights[i] / wsum
            for i in fixed:
                out[i] = minimum
            break
    res = [round(out[i] / step) * step for i in range(n)]
    res[index] = value
    err = total - sum(res)
    j = max(others, key=lambda i: res[i])
    res[j] += err
    return [round(x, 6) for x in res]


def scale_durations(durations: list[float], total: float, minimum: float = 0.5, step: float = 0.01) -> list[float]:
    """Scale all beats so they add up to `total` (the ad's new length)."""
    n = len(durations)
    if total < minimum * n:
        raise InputError(f"duration_s: {n} beats need at least {minimum * n:g} s")
    s = sum(durations) or 1.0
    res = [max(minimum, round(d * total / s / step) * step) for d in durations]
    err = total - sum(res)
    j = max(range(n), key=lambda i: res[i])
    res[j] += err
    return [round(x, 6) for x in res]


def respace(spec_data: dict[str, Any]) -> dict[str, Any]:
    """Recompute every beat's start from the durations (after a reorder or a new duration)."""
    t = 0.0
    beats = []
    for b in spec_data["beats"]:
        beats.append({**b, "start": round(t, 6)})
        t += float(b["duration"])
    return {**spec_data, "beats": beats}


def move_beat(spec: Spec, index: int, delta: int) -> dict[str, Any]:
    """The spec with beat `index` moved `delta` places; transitions stay between positions."""
    beats = [b.model_dump(mode="json") for b in spec.beats]
    j = index + delta
    if not 0 <= index < len(beats):
        raise InputError(f"beat {index + 1} does not exist")
    if not 0 <= j < len(beats):
        raise InputError("that beat is already " + ("first" if j < 0 else "last"))
    beats[index], beats[j] = beats[j], beats[index]
    return respace({**spec.model_dump(mode="json"), "beats": beats})


def with_durations(spec: Spec, durations: list[float], total: float | None = None) -> dict[str, Any]:
    data = spec.model_dump(mode="json")
    beats = [{**b, "duration": float(d)} for b, d in zip(data["beats"], durations)]
    out = respace({**data, "beats": beats})
    if total is not None:
        out["duration_s"] = float(total)
    return out


def is_finite_number(x: Any) -> bool:
    try:
        return math.isfinite(float(x))
    except (TypeError, ValueError):
        return False


def spec_fields_from_error(message: str) -> dict[str, list[str]]:
    """Group an InputError's lines by the spec section they name.

    `run.update_spec` raises "the spec is invalid:\\n  style.palette.0: ...\\n  beats.2.prompt: ..."
    (or one line "color_grading.lut: ..."); sections are product, style, audio, color_grading,
    beats (incl. transitions and timing), output and general."""
    sections: dict[str, list[str]] = {}
    lines = [ln.strip() for ln in message.splitlines()]
    body = [ln for ln in lines[1:] if ln] if len(lines) > 1 else [lines[0]]
    for ln in body:
        loc, sep, msg = ln.partition(": ")
        key = loc.split(".")[0] if sep else "(top level)"
        if key in ("product", "style", "audio", "color_grading"):
            section = key
        elif key in ("beats", "transitions"):
            section = "beats"
        elif key in ("duration_s",):
            section = "beats"
        elif key in ("formats", "width", "height", "fps", "seed"):
            section = "output"
        elif key == "(top level)" and any(w in msg for w in ("beat", "transition", "duration")):
            section = "beats"
        else:
            section = "general"
        pretty = _pretty_loc(loc) if sep and key != "(top level)" else ""
        msg = _ONE_BASED.sub(lambda m: f"{_INDEX_NAMES[m.group(1)]} {int(m.group(2)) + 1}", msg)
        sections.setdefault(section, []).append(f"{pretty}: {msg}" if pretty else (msg if sep else ln))
    return sections


_INDEX_NAMES = {"palette": "colour", "beats": "beat", "transitions": "transition"}
_ONE_BASED = re.compile(r"\b(palette|beats|transitions)\[(\d+)\]")


def _pretty_loc(loc: str) -> str:
    """'beats.2.prompt' -> 'beat 3 · prompt', 'style.palette.0' -> 'style · palette colour 1' (1-based)."""
    names = {"beats": "beat", "transitions": "transition", "palette": "palette colour"}
    parts = loc.split(".")
    out: list[str] = []
    i = 0
    while i < len(parts):
        p = parts[i]
        if p in names and i + 1 < len(parts) and parts[i + 1].isdigit():
            out.append(f"{names[p]} {int(parts[i + 1]) + 1}")
            i += 2
            continue
        out.append(p.replace("_", " "))
        i += 1
    return " · ".join(out)
