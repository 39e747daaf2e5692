"""AdStudio's HTTP API for scripts: the same operations as the studio, by name.

Every endpoint is a named Gradio API endpoint on the studio's server (they are listed on the
page linked from the app's footer, "Use via API"). Call them with ``gradio_client`` or plain
HTTP. With login on (``ADSTUDIO_AUTH=user:password``), pass the same credentials
(``Client(url, auth=("user", "password"))``) and you only see your own projects. The UI's own
events are private and not part of this API.

Beats are numbered from 1, as in the CLI. Renders run on the server and keep running if the
client goes away; ``wait=False`` returns at once and ``project_status`` tells how far it got.
Errors come back as a readable message (the same text the studio shows), never a traceback.

Endpoints (``api_name`` → what it does):

``/list_projects()``
    Your projects, newest first: ``[{id, name, status, created_at, updated_at, cost_usd}]``.
``/create_project(prompt, template="", formats=["16:9"], duration_s=30, width=1920, height=1080, fps=30, seed=0, name="", profile="")``
    Save a new project from a brief (no render yet). Returns the project (see ``get_project``).
``/get_project(project_id)``
    Brief, spec, status and the latest outputs (keyframes, clips, music, exports) as file ids.
``/project_status(project_id)``
    Status, current phase, progress 0..1, message, error, and a per-phase summary. Poll this.
``/estimate_cost(project_id, beats=None)``
    Dollars per phase before anything runs (``beats``: 1-based beat numbers to price one re-render).
``/write_spec(project_id)``
    Phase 1 only: write (or rewrite) the spec from the brief. Returns the spec.
``/update_spec(project_id, spec)``
    Validate and save an edited spec (a JSON object like the one ``get_project`` returns).
    Invalid edits change nothing and return an error naming each bad field.
``/generate(project_id, stop_after="", wait=True)``
    Run every phase (or up to ``stop_after``), reusing finished work. Returns the status.
``/regenerate_beat(project_id, beat, prompt="", camera_movement="", text=None, seed=None, wait=True)``
    Change one beat and re-render only it, then re-export. Nothing changed = a new seed.
``/beat_versions(project_id, beat)``
    Every version of a beat that was rendered: ``[{id, created_at, chosen, beat}]``.
``/choose_beat_version(project_id, beat, version_id, wait=True)``
    Bring an earlier version back (its clip is reused) and re-export.
``/render_preview(project_id, wait=True)``
    A fast 640 px preview of the whole cut with music. Returns its file id.
``/cancel(project_id)``
    Stop the project's render, waiting or running: its ffmpeg is killed, its render slot freed
    and nothing more is spent. Finished work is kept, so ``generate`` resumes it. Answers
    ``{id, state, canceled, message, status}``; ``state`` is "canceled", "canceling" (still
    stopping), "idle" (nothing was rendering), or "done"/"failed" if it ended first.
``/download_file(project_id, file)``
    One of a project's files, by the id an answer gave (``exports/<id>/ad_16x9.mp4``); the
    client saves it and returns where.
``/rename_project(project_id, name)``, ``/duplicate_project(project_id)``, ``/delete_project(project_id)``

Files in answers are ids: where the file lies inside the data dir, never a path on the server's
disk. Every argument is checked before anything runs; a bad one is refused with a message that
names it (over-long text says the limit), and ``wait=False`` answers "queued" only for a run
that passed the same checks.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import gradio as gr
from pydantic import ValidationError

from pipeline import run
from pipeline.control import CANCELED_MESSAGE
from pipeline.errors import InputError, NotFoundError, describe_validation_error, shown
from pipeline.models import (CAMERA_MOVES, FORMATS, MAX_BEAT_PROMPT_CHARS, MAX_BEAT_TEXT_CHARS, MAX_BEATS,
                             MAX_DURATION_S, MAX_ID_CHARS, MAX_NAME_CHARS, MAX_PATH_CHARS, MAX_PROMPT_CHARS,
                             MAX_TEMPLATE_CHARS, MIN_DURATION_S, PHASES)

from . import args
from .core import Busy, Studio, friendly
from .jobs import Resume

MAX_SEED = 2**31 - 1
CANCEL_WAIT_S = 15.0  # a canceled render's processes die at once; its thread stops within a moment
MAX_VERSION_ID = 2**63 - 1


def file_id(studio: Studio, path: str | None) -> str | None:
    """Where a file lies inside the data dir ("exports/<id>/ad_16x9.mp4"): what answers carry
    instead of a path on the server's disk. None for anything outside it."""
    if not path:
        return None
    real = Path(os.path.realpath(path))
    try:
        return real.relative_to(studio.data_dir).as_posix()
    except ValueError:
        return None


def without_paths(studio: Studio, text: str | None) -> str | None:
    """A message with the data dir's location taken out (an unexpected error can quote a full
    path): files in it read as their ids."""
    if not text:
        return text
    for root in {str(studio.data_dir), os.path.abspath(studio.settings.data_dir), str(studio.settings.data_dir)}:
        if root not in (".", ""):
            text = text.replace(root.rstrip(os.sep) + os.sep, "").replace(root, "<data dir>")
    return text


def _web_url(url: str | None) -> str | None:
    """A storage URL worth giving out (S3's presigned link); local storage's is a disk path."""
    return url if url and url.startswith(("https://", "http://")) else None


def _project_dict(studio: Studio, pid: str, owner: str | None) -> dict[str, Any]:
    view = studio.view(pid, owner)
    p = view.project
    outputs = view.outputs

    def fid(path: str | None) -> str | None:
        return file_id(studio, path)

    exports = [{"format": f["format"], "width": f["width"], "height": f["height"], "frames": f["frames"],
                "file": fid(f["path"]), "storage_url": _web_url(f.get("url"))} for f in studio.export_files(view)]
    return {
        "id": p.id, "name": p.name, "status": view.state.get("status"), "created_at": p.created_at.isoformat(),
        "updated_at": p.updated_at.isoformat(), "cost_usd": round(p.cost_usd, 4), "profile": view.profile,
        "brief": p.brief.model_dump(mode="json", exclude={"logo_path", "product_image_path"}) | {
            "has_logo": bool(p.brief.logo_path), "has_product_image": bool(p.brief.product_image_path)},
        "spec": p.spec.model_dump(mode="json") if p.spec else None,
        "outputs": {
            "keyframes": [fid(k) for k in view.keyframes()],
            "style_guide": fid(outputs.get("references", {}).get("style_guide")),
            "clips": {str(i + 1): fid(path) for i, path in sorted(view.clip_previews().items())},
            "music": fid(outputs.get("refine", {}).get("music")),
            "beat_grid": outputs.get("refine", {}).get("beat_grid"),
            "exports": exports,
            "poster": fid(outputs.get("export", {}).get("poster")),
        },
    }


def _status(studio: Studio, pid: str, owner: str | None) -> dict[str, Any]:
    view = studio.view(pid, owner)
    st = view.state
    job = view.extra.get("job")
    return {
        "id": pid, "status": st.get("status"), "current_phase": st.get("current_phase"),
        "progress": st.get("progress"), "message": without_paths(studio, st.get("message")),
        "error": without_paths(studio, st.get("error")),
        "running": view.running, "interrupted": view.interrupted,
        "job": None if job is None else {"kind": job.kind, "label": job.label, "state": job.shown_state,
                                         "elapsed_s": round(job.elapsed, 1)},
        "phases": [{"phase": pv.phase, "status": pv.status, "progress": round(pv.progress, 3),
                    "duration_s": pv.duration_s, "cost_usd": pv.cost_usd, "provider": pv.provider}
                   for pv in view.phases],
    }


def _beat_index(beat: Any, studio: Studio, pid: str, owner: str | None, field: str = "beat") -> int:
    number = args.integer(beat, field, -2**63, 2**63)
    spec = studio.project(pid, owner).spec
    if spec is None:
        raise InputError("this project has no spec yet; call write_spec first")
    if not 1 <= number <= len(spec.beats):
        raise InputError(f"{field}: beat {number} does not exist; this ad has beats 1 to {len(spec.beats)}")
    return number - 1


def _project_files(studio: Studio, pid: str, owner: str | None) -> dict[str, str]:
    """file id -> path of every file a project's answers name (and its preview)."""
    found: dict[str, str] = {}

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)
        elif isinstance(value, str) and (studio.data_dir / value).is_file():
            found[value] = str(studio.data_dir / value)

    outputs = _project_dict(studio, pid, owner)["outputs"]
    walk({k: v for k, v in outputs.items() if k != "beat_grid"})
    preview = file_id(studio, str(studio.data_dir / "exports" / pid / "preview.mp4"))
    if preview and (studio.data_dir / preview).is_file():
        found[preview] = str(studio.data_dir / preview)
    return found


def register(studio: Studio) -> dict[str, Any]:
    """Add the named endpoints to the Blocks being built. Returns them by name (for tests)."""

    def owner(request: Any) -> str | None:
        return studio.owner(request)

    def fail(exc: BaseException) -> gr.Error:
        return gr.Error(without_paths(studio, friendly(exc, studio.settings)), print_exception=False)

    def finish(job: Any, pid: str, who: str | None, wait: bool) -> dict[str, Any]:
        if wait:
            studio.jobs.wait(job)
            if job.state == "failed":
                raise gr.Error(without_paths(studio, job.error) or "the render failed", print_exception=False)
            if job.state == "canceled":
                raise gr.Error(f"The render was canceled. {CANCELED_MESSAGE}", print_exception=False)
        return _status(studio, pid, who)

    endpoints: dict[str, Any] = {}

    def endpoint(fn: Any, heavy: bool = False) -> Any:
        def call(*args: Any, **kwargs: Any) -> Any:
            try:
                return fn(*args, **kwargs)
            except gr.Error:
                raise
            except Exception as exc:
                raise fail(exc) from None

        import functools
        wrapped = functools.wraps(fn)(call)
        opts: dict[str, Any] = {"api_name": fn.__name__, "concurrency_limit": None}
        if heavy:
            opts.update(concurrency_id="render", concurrency_limit=studio.settings.render_slots)
        gr.api(wrapped, **opts)
        endpoints[fn.__name__] = wrapped
        return wrapped

    def list_projects(request: gr.Request) -> list[dict]:
        """Your projects, newest first."""
        return [{"id": r["id"], "name": r["name"], "status": r["status"], "created_at": r["created_at"],
                 "updated_at": r["updated_at"], "cost_usd": round(float(r["cost_usd"] or 0), 4)}
                for r in studio.projects(owner(request))]

    def create_project(prompt: str, template: str = "", formats: list[str] = ["16:9"],  # noqa: B006
                       duration_s: float = 30.0, width: int = 1920, height: int = 1080, fps: int = 30,
                       seed: int = 0, name: str = "", profile: str = "", request: gr.Request = None) -> dict:
        """Save a new project from a brief; nothing is rendered yet."""
        who = owner(request)
        prompt = args.text(prompt, "prompt", MAX_PROMPT_CHARS)
        template = args.text(template, "template", MAX_TEMPLATE_CHARS)
        formats = args.choices(["16:9"] if formats is None else formats, "formats", FORMATS) or ["16:9"]
        duration_s = args.number(duration_s, "duration_s", MIN_DURATION_S, MAX_DURATION_S)
        width, height = args.integer(width, "width", 1, 100_000), args.integer(height, "height", 1, 100_000)
        fps = args.integer(fps, "fps", 1, 1000)
        seed = args.integer(seed, "seed", 0, MAX_SEED)
        name = args.text(name, "name", MAX_NAME_CHARS)
        profile = args.text(profile, "profile", MAX_ID_CHARS)
        brief = studio.make_brief(prompt, template or None, None, None, formats, duration_s, f"{width}x{height}",
                                  fps, seed)
        project = studio.create(brief, who, name=name, profile=profile or None)
        return _project_dict(studio, project.id, who)

    def get_project(project_id: str, request: gr.Request) -> dict:
        """Brief, spec, status and the latest outputs of a project."""
        return _project_dict(studio, args.project_id(project_id), owner(request))

    def project_status(project_id: str, request: gr.Request) -> dict:
        """Where a project is: status, current phase, progress, message, per-phase summary."""
        return _status(studio, args.project_id(project_id), owner(request))

    def estimate_cost(project_id: str, beats: list[int] | None = None, request: gr.Request = None) -> dict:
        """Dollars per phase before anything runs; `beats` (1-based) prices re-rendering those beats."""
        who = owner(request)
        pid = args.project_id(project_id)
        numbers = args.integers(beats, "beats", 1, MAX_BEATS, MAX_BEATS) if beats is not None else []
        idx = [_beat_index(b, studio, pid, who, f"beats[{i}]") for i, b in enumerate(numbers)] or None
        est = studio.estimate(pid, who, beats=idx)
        return {"per_phase": est.per_phase, "total": est.total}

    def write_spec(project_id: str, request: gr.Request) -> dict:
        """Write (or rewrite) the spec from the brief: phase 1 only."""
        return studio.write_spec(args.project_id(project_id), owner(request), force=True).model_dump(mode="json")

    def update_spec(project_id: str, spec: dict, request: gr.Request) -> dict:
        """Validate and save an edited spec; an invalid one changes nothing."""
        pid = args.project_id(project_id)
        edited = args.mapping(spec, "spec")
        return studio.save_spec(pid, owner(request), edited, note="edited via API").model_dump(mode="json")

    def generate(project_id: str, stop_after: str = "", wait: bool = True, request: gr.Request = None) -> dict:
        """Run every phase (or up to `stop_after`), reusing finished work."""
        who = owner(request)
        pid = args.project_id(project_id)
        stop_after = args.text(stop_after, "stop_after", MAX_ID_CHARS)
        wait = args.flag(wait, "wait")
        studio.project(pid, who)
        if stop_after and stop_after not in PHASES:
            raise InputError(f"stop_after must be one of {', '.join(PHASES)}")
        run.preflight(studio.ctx_for(pid), pid, stop_after or None)  # keys, uploads, budget: before "queued"
        studio.guard_idle(pid)
        if studio.jobs.is_full():
            raise Busy(studio.jobs.full_message())
        job = studio.jobs.submit(pid, "generate", "Generate all",
                                 lambda ctx: run.run_project(ctx, pid, stop_after=stop_after or None),
                                 resume=Resume(stop_after or None))
        return finish(job, pid, who, wait)

    def regenerate_beat(project_id: str, beat: int, prompt: str = "", camera_movement: str = "",
                        text: str | None = None, seed: int | None = None, wait: bool = True,
                        request: gr.Request = None) -> dict:
        """Change one beat (1-based) and re-render only it, then re-export. Nothing changed = new seed."""
        from .tabs.chunks import changes_for, start_regenerate
        who = owner(request)
        pid = args.project_id(project_id)
        i = _beat_index(beat, studio, pid, who)
        prompt = args.text(prompt, "prompt", MAX_BEAT_PROMPT_CHARS)
        camera_movement = args.text(camera_movement, "camera_movement", MAX_ID_CHARS)
        if camera_movement and camera_movement not in CAMERA_MOVES:
            raise InputError(f"camera_movement must be one of {', '.join(CAMERA_MOVES)}")
        text = args.optional_text(text, "text", MAX_BEAT_TEXT_CHARS)
        seed = args.optional_integer(seed, "seed", 0, MAX_SEED)
        wait = args.flag(wait, "wait")
        spec = studio.project(pid, who).spec
        changes = changes_for(spec, i, prompt or None, camera_movement or None, text, seed)
        try:  # the edited beat must be valid before the job is queued, not fail in it
            spec.with_beat(i, **changes)
        except ValidationError as exc:
            raise InputError(describe_validation_error(exc, f"beat {i + 1}")) from None
        job = start_regenerate(studio, pid, who, i, changes)
        return finish(job, pid, who, wait)

    def beat_versions(project_id: str, beat: int, request: gr.Request) -> list[dict]:
        """Every rendered version of a beat (1-based)."""
        who = owner(request)
        pid = args.project_id(project_id)
        i = _beat_index(beat, studio, pid, who)
        return [{"id": r["id"], "created_at": r["created_at"], "chosen": bool(r["chosen"]), "beat": r["beat"]}
                for r in studio.store.beat_versions(pid, i)]

    def choose_beat_version(project_id: str, beat: int, version_id: int, wait: bool = True,
                            request: gr.Request = None) -> dict:
        """Bring back an earlier version of a beat (1-based) and re-export."""
        from .tabs.chunks import start_choose_version
        who = owner(request)
        pid = args.project_id(project_id)
        i = _beat_index(beat, studio, pid, who)
        version = args.integer(version_id, "version_id", 1, MAX_VERSION_ID)
        wait = args.flag(wait, "wait")
        if version not in {r["id"] for r in studio.store.beat_versions(pid, i)}:
            raise InputError(f"version_id: beat {i + 1} has no version {version} (beat_versions lists them)")
        job = start_choose_version(studio, pid, who, i, version)
        return finish(job, pid, who, wait)

    def render_preview(project_id: str, wait: bool = True, request: gr.Request = None) -> dict:
        """A fast 640 px preview of the whole cut with music."""
        who = owner(request)
        pid = args.project_id(project_id)
        wait = args.flag(wait, "wait")
        studio.project(pid, who)
        run.check_preview(studio.ctx_for(pid), pid)
        studio.guard_idle(pid)
        job = studio.jobs.submit(pid, "preview", "Preview",
                                 lambda ctx: run.render_preview(ctx, pid, width=640), tracks_phases=False)
        if not wait:
            return {"status": "started", "file": None}
        studio.jobs.wait(job)
        if job.state == "failed":
            raise gr.Error(without_paths(studio, job.error) or "the preview failed", print_exception=False)
        return {"status": "done", "file": file_id(studio, job.result)}

    def download_file(project_id: str, file: str, request: gr.Request) -> gr.FileData:
        """One of a project's files, by the id an answer gave; the client saves it."""
        who = owner(request)
        pid = args.project_id(project_id)
        wanted = args.text(file, "file", MAX_PATH_CHARS).strip()
        path = _project_files(studio, pid, who).get(wanted)
        if path is None:
            raise NotFoundError(f"file: this project has no file {shown(wanted)}; "
                                "get_project lists its files")
        # Linked in place, not copied into Gradio's upload folder: a copy there would be served to
        # anyone signed in who learns its URL, and outlive the project. studio.gate serves this
        # link only to the project's owner, and to nobody once the project is deleted.
        return gr.FileData(path=path, orig_name=Path(path).name)

    def cancel(project_id: str, request: gr.Request) -> dict:
        """Stop the project's render (waiting or running); finished work is kept for `generate`."""
        who = owner(request)
        pid = args.project_id(project_id)
        job = studio.cancel(pid, who)
        if job is None:
            state, message = "idle", "Nothing to cancel: this project is not rendering."
        else:
            studio.jobs.wait(job, CANCEL_WAIT_S)
            state = job.shown_state
            message = {"canceled": f"{job.label} canceled. {CANCELED_MESSAGE}",
                       "canceling": f"{job.label} is stopping; project_status shows when it has.",
                       "done": f"{job.label} had already finished.",
                       "failed": f"{job.label} had already failed: {job.error}"}.get(state, state)
        return {"id": pid, "state": state, "canceled": state in ("canceled", "canceling"),
                "message": without_paths(studio, message), "status": _status(studio, pid, who)}

    def rename_project(project_id: str, name: str, request: gr.Request) -> dict:
        """Rename a project."""
        who = owner(request)
        pid = args.project_id(project_id)
        studio.rename(pid, who, args.text(name, "name", MAX_NAME_CHARS))
        return {"id": pid, "name": studio.project(pid, who).name}

    def duplicate_project(project_id: str, request: gr.Request) -> dict:
        """Copy a project's brief and spec into a new project."""
        copy = studio.duplicate(args.project_id(project_id), owner(request))
        return {"id": copy.id, "name": copy.name}

    def delete_project(project_id: str, request: gr.Request) -> dict:
        """Delete a project (it disappears from every list)."""
        pid = args.project_id(project_id)
        studio.delete(pid, owner(request))
        return {"id": pid, "deleted": True}

    for fn in (list_projects, create_project, get_project, project_status, estimate_cost, write_spec, update_spec,
               beat_versions, download_file, rename_project, duplicate_project, delete_project, cancel):
        endpoint(fn)
    for fn in (generate, regenerate_beat, choose_beat_version, render_preview):
        endpoint(fn, heavy=True)
    return endpoints
