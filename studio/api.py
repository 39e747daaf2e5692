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
    Brief, spec, status and the latest outputs (keyframes, clips, music, exports with download URLs).
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
    A fast 640 px preview of the whole cut with music. Returns its URL.
``/rename_project(project_id, name)``, ``/duplicate_project(project_id)``, ``/delete_project(project_id)``

File URLs in answers are paths on this server (``/gradio_api/file=...``); fetch them with the
same session (and credentials) as the API calls.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import gradio as gr

from pipeline import run
from pipeline.errors import InputError
from pipeline.models import PHASES

from .core import Busy, Studio, friendly


def file_url(path: str | None) -> str | None:
    if not path:
        return None
    if "://" in path:
        return path
    return f"/gradio_api/file={Path(path).resolve()}"


def _project_dict(studio: Studio, pid: str, owner: str | None) -> dict[str, Any]:
    view = studio.view(pid, owner)
    p = view.project
    outputs = view.outputs
    exports = [{"format": f["format"], "width": f["width"], "height": f["height"], "frames": f["frames"],
                "url": file_url(f["path"]), "storage_url": f.get("url")} for f in studio.export_files(view)]
    return {
        "id": p.id, "name": p.name, "status": view.state.get("status"), "created_at": p.created_at.isoformat(),
        "updated_at": p.updated_at.isoformat(), "cost_usd": round(p.cost_usd, 4), "profile": view.profile,
        "brief": p.brief.model_dump(mode="json", exclude={"logo_path", "product_image_path"}) | {
            "has_logo": bool(p.brief.logo_path), "has_product_image": bool(p.brief.product_image_path)},
        "spec": p.spec.model_dump(mode="json") if p.spec else None,
        "outputs": {
            "keyframes": [file_url(k) for k in view.keyframes()],
            "style_guide": file_url(outputs.get("references", {}).get("style_guide")),
            "clips": {str(i + 1): file_url(path) for i, path in sorted(view.clip_previews().items())},
            "music": file_url(outputs.get("refine", {}).get("music")),
            "beat_grid": outputs.get("refine", {}).get("beat_grid"),
            "exports": exports,
            "poster": file_url(outputs.get("export", {}).get("poster")),
        },
    }


def _status(studio: Studio, pid: str, owner: str | None) -> dict[str, Any]:
    view = studio.view(pid, owner)
    st = view.state
    job = view.extra.get("job")
    return {
        "id": pid, "status": st.get("status"), "current_phase": st.get("current_phase"),
        "progress": st.get("progress"), "message": st.get("message"), "error": st.get("error"),
        "running": view.running, "interrupted": view.interrupted,
        "job": None if job is None else {"kind": job.kind, "label": job.label, "state": job.state,
                                         "elapsed_s": round(job.elapsed, 1)},
        "phases": [{"phase": pv.phase, "status": pv.status, "progress": round(pv.progress, 3),
                    "duration_s": pv.duration_s, "cost_usd": pv.cost_usd, "provider": pv.provider}
                   for pv in view.phases],
    }


def _beat_index(beat: int, studio: Studio, pid: str, owner: str | None) -> int:
    spec = studio.project(pid, owner).spec
    if spec is None:
        raise InputError("this project has no spec yet; call write_spec first")
    if not 1 <= int(beat) <= len(spec.beats):
        raise InputError(f"beat {beat} does not exist; this ad has beats 1 to {len(spec.beats)}")
    return int(beat) - 1


def register(studio: Studio) -> dict[str, Any]:
    """Add the named endpoints to the Blocks being built. Returns them by name (for tests)."""

    def owner(request: Any) -> str | None:
        return studio.owner(request)

    def fail(exc: BaseException) -> gr.Error:
        return gr.Error(friendly(exc, studio.settings), print_exception=False)

    def finish(job: Any, pid: str, who: str | None, wait: bool) -> dict[str, Any]:
        if wait:
            studio.jobs.wait(job)
            if job.state == "failed":
                raise gr.Error(job.error or "the render failed", print_exception=False)
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
        brief = studio.make_brief(prompt, template or None, None, None, formats or ["16:9"], duration_s,
                                  f"{int(width)}x{int(height)}", fps, seed)
        project = studio.create(brief, who, name=name, profile=profile or None)
        return _project_dict(studio, project.id, who)

    def get_project(project_id: str, request: gr.Request) -> dict:
        """Brief, spec, status and the latest outputs of a project."""
        return _project_dict(studio, project_id, owner(request))

    def project_status(project_id: str, request: gr.Request) -> dict:
        """Where a project is: status, current phase, progress, message, per-phase summary."""
        return _status(studio, project_id, owner(request))

    def estimate_cost(project_id: str, beats: list[int] | None = None, request: gr.Request = None) -> dict:
        """Dollars per phase before anything runs; `beats` (1-based) prices re-rendering those beats."""
        who = owner(request)
        idx = [_beat_index(b, studio, project_id, who) for b in beats] if beats else None
        est = studio.estimate(project_id, who, beats=idx)
        return {"per_phase": est.per_phase, "total": est.total}

    def write_spec(project_id: str, request: gr.Request) -> dict:
        """Write (or rewrite) the spec from the brief: phase 1 only."""
        return studio.write_spec(project_id, owner(request), force=True).model_dump(mode="json")

    def update_spec(project_id: str, spec: dict, request: gr.Request) -> dict:
        """Validate and save an edited spec; an invalid one changes nothing."""
        return studio.save_spec(project_id, owner(request), spec, note="edited via API").model_dump(mode="json")

    def generate(project_id: str, stop_after: str = "", wait: bool = True, request: gr.Request = None) -> dict:
        """Run every phase (or up to `stop_after`), reusing finished work."""
        who = owner(request)
        studio.project(project_id, who)
        if stop_after and stop_after not in PHASES:
            raise InputError(f"stop_after must be one of {', '.join(PHASES)}")
        if studio.jobs.is_full():
            raise Busy(studio.jobs.full_message())
        job = studio.jobs.submit(project_id, "generate", "Generate all",
                                 lambda ctx: run.run_project(ctx, project_id, stop_after=stop_after or None))
        return finish(job, project_id, who, wait)

    def regenerate_beat(project_id: str, beat: int, prompt: str = "", camera_movement: str = "",
                        text: str | None = None, seed: int | None = None, wait: bool = True,
                        request: gr.Request = None) -> dict:
        """Change one beat (1-based) and re-render only it, then re-export. Nothing changed = new seed."""
        from .tabs.chunks import changes_for, start_regenerate
        who = owner(request)
        i = _beat_index(beat, studio, project_id, who)
        spec = studio.project(project_id, who).spec
        changes = changes_for(spec, i, prompt or None, camera_movement or None, text, seed)
        job = start_regenerate(studio, project_id, who, i, changes)
        return finish(job, project_id, who, wait)

    def beat_versions(project_id: str, beat: int, request: gr.Request) -> list[dict]:
        """Every rendered version of a beat (1-based)."""
        who = owner(request)
        i = _beat_index(beat, studio, project_id, who)
        return [{"id": r["id"], "created_at": r["created_at"], "chosen": bool(r["chosen"]), "beat": r["beat"]}
                for r in studio.store.beat_versions(project_id, i)]

    def choose_beat_version(project_id: str, beat: int, version_id: int, wait: bool = True,
                            request: gr.Request = None) -> dict:
        """Bring back an earlier version of a beat (1-based) and re-export."""
        from .tabs.chunks import start_choose_version
        who = owner(request)
        i = _beat_index(beat, studio, project_id, who)
        job = start_choose_version(studio, project_id, who, i, int(version_id))
        return finish(job, project_id, who, wait)

    def render_preview(project_id: str, wait: bool = True, request: gr.Request = None) -> dict:
        """A fast 640 px preview of the whole cut with music."""
        who = owner(request)
        studio.project(project_id, who)
        studio.guard_idle(project_id)
        job = studio.jobs.submit(project_id, "preview", "Preview",
                                 lambda ctx: run.render_preview(ctx, project_id, width=640), tracks_phases=False)
        if not wait:
            return {"status": "started", "url": None}
        studio.jobs.wait(job)
        if job.state == "failed":
            raise gr.Error(job.error or "the preview failed", print_exception=False)
        return {"status": "done", "url": file_url(job.result)}

    def rename_project(project_id: str, name: str, request: gr.Request) -> dict:
        """Rename a project."""
        who = owner(request)
        studio.rename(project_id, who, name)
        return {"id": project_id, "name": studio.project(project_id, who).name}

    def duplicate_project(project_id: str, request: gr.Request) -> dict:
        """Copy a project's brief and spec into a new project."""
        who = owner(request)
        copy = studio.duplicate(project_id, who)
        return {"id": copy.id, "name": copy.name}

    def delete_project(project_id: str, request: gr.Request) -> dict:
        """Delete a project (it disappears from every list)."""
        studio.delete(project_id, owner(request))
        return {"id": project_id, "deleted": True}

    for fn in (list_projects, create_project, get_project, project_status, estimate_cost, write_spec, update_spec,
               beat_versions, rename_project, duplicate_project, delete_project):
        endpoint(fn)
    for fn in (generate, regenerate_beat, choose_beat_version, render_preview):
        endpoint(fn, heavy=True)
    return endpoints
