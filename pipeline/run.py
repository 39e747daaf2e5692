"""The orchestrator: the six phases, top to bottom, with resume and per-beat re-runs.

Every phase reuses artifacts whose keys already exist, so running a project again does only
the work that is missing or changed: after a crash it resumes, after an edit it redoes what
the edit touched, and a regenerated beat costs one beat.
"""

from __future__ import annotations

import logging
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable

from pydantic import ValidationError

from . import control, cost, uploads
from .artifacts import ArtifactStore
from .config import Context, ProgressCallback, Settings
from .control import ThreadPool
from .errors import (AdStudioError, Canceled, DiskFull, InputError, NotFoundError, describe_validation_error,
                     is_disk_full, shown)
from .models import PHASES, Brief, PhaseResult, Project, Spec, project_name
from .phases import animatic, chunks, export, references, refine
from .phases import spec as spec_phase
from .providers.registry import build_providers
from .store import Store

log = logging.getLogger("adstudio.run")


def build_context(settings: Settings | None = None, progress: ProgressCallback | None = None,
                  project_id: str = "") -> Context:
    settings = settings or Settings.from_env()
    data = Path(settings.data_dir)
    data.mkdir(parents=True, exist_ok=True)
    ctx = Context(settings=settings, store=Store(data / "adstudio.db"), artifacts=ArtifactStore(data / "artifacts"),
                  providers=build_providers(settings), project_id=project_id)
    if progress is not None:
        ctx.progress = progress
    return ctx


def with_project(ctx: Context, project_id: str) -> Context:
    return Context(settings=ctx.settings, store=ctx.store, artifacts=ctx.artifacts, providers=ctx.providers,
                   project_id=project_id, progress=ctx.progress, ledger=ctx.ledger)


def make_brief(**fields: Any) -> Brief:
    """A Brief from loose input (CLI flags, form fields, JSON), with readable errors."""
    try:
        return Brief.model_validate({k: v for k, v in fields.items() if v is not None})
    except ValidationError as exc:
        raise InputError(describe_validation_error(exc, "the brief")) from None


UPLOADS = (("product_image_path", "product image", "product"), ("logo_path", "logo", "logo"))


def create_project(ctx: Context, brief: Brief, name: str | None = None, owner: str = "",
                   budget_usd: float | None = None) -> Project:
    """Check the name and uploads, save the project, and keep a clean copy of each upload in the
    data dir (never the person's file: see pipeline.uploads)."""
    name = project_name(name)
    # Every upload is decoded and re-encoded before anything is saved: a damaged file is refused
    # without leaving half a project behind.
    cleaned = {attr: (uploads.clean_copy(getattr(brief, attr), what), stem)
               for attr, what, stem in UPLOADS if getattr(brief, attr)}
    project = ctx.store.create_project(brief.model_copy(update={attr: None for attr in cleaned}), name=name,
                                       owner=owner,
                                       budget_usd=budget_usd if budget_usd is not None else ctx.settings.budget_usd)
    if cleaned:
        folder = Path(ctx.settings.data_dir) / "uploads" / project.id
        copies = {attr: str(uploads.write_clean(data, ext, folder, stem))
                  for attr, ((data, ext), stem) in cleaned.items()}
        ctx.store.update_project(project.id, brief=brief.model_copy(update=copies))
    return ctx.store.get_project(project.id)


def update_spec(ctx: Context, project_id: str, data: Spec | dict[str, Any], note: str = "edited") -> Spec:
    """Validate and save an edited spec. Invalid edits raise InputError and change nothing."""
    try:
        spec = data if isinstance(data, Spec) else Spec.model_validate(data)
    except ValidationError as exc:
        raise InputError(describe_validation_error(exc, "the spec")) from None
    from .phases.common import lut_path
    from .templates import load_templates
    if spec.template not in load_templates():
        raise InputError(f"template: unknown template {spec.template!r}")
    lut_path(spec)
    ctx.store.save_spec(project_id, spec, note)
    return spec


def _phase(ctx: Context, name: str, fn: Callable[[], tuple[Any, bool]], provider: str,
           current: bool = True) -> tuple[Any, PhaseResult]:
    """`current`: False for a phase run beside a longer one (the storyboard beside the clips):
    the project goes on showing the longer one as its current phase."""
    control.check()  # canceled: this phase does not start
    started = datetime.now(timezone.utc).isoformat(timespec="milliseconds")
    t0 = time.perf_counter()
    # Phases can run side by side (animatic beside references), so a phase's cost is what the
    # ledger records under its own name, not the change in the project's total.
    spent_before = ctx.store.cost_by_phase(ctx.project_id).get(name, 0.0)
    if current:
        ctx.store.update_project(ctx.project_id, status="running", current_phase=name, message=f"{name}…", error=None)
    ctx.report(name, 0.0, "starting")
    try:
        output, worked = fn()
    except Exception as exc:
        failure = _as_failure(ctx, exc)
        canceled = isinstance(failure, Canceled)
        message = str(failure) if isinstance(failure, AdStudioError) else f"{type(exc).__name__}: {exc}"
        # Best effort: on a full disk these writes fail too, and the person must still hear why
        # the phase stopped (the job keeps the message; the database stays as it was).
        try:
            result = PhaseResult(phase=name, status="canceled" if canceled else "failed",
                                 duration_s=time.perf_counter() - t0, provider=provider, error=message,
                                 cost_usd=ctx.store.cost_by_phase(ctx.project_id).get(name, 0.0) - spent_before)
            ctx.store.record_phase(ctx.project_id, result, started)
            ctx.store.update_project(ctx.project_id, status="canceled" if canceled else "failed",
                                     error=None if canceled else message,
                                     message=message if canceled else f"{name} failed")
        except Exception:
            log.warning("could not record that phase %s failed", name, exc_info=True)
        if failure is exc:
            raise
        raise failure from exc
    outputs = output.model_dump(mode="json") if hasattr(output, "model_dump") else {}
    result = PhaseResult(phase=name, status="succeeded" if worked else "reused", outputs=outputs,
                         cost_usd=round(ctx.store.cost_by_phase(ctx.project_id).get(name, 0.0) - spent_before, 6),
                         duration_s=round(time.perf_counter() - t0, 3), provider=provider)
    ctx.store.record_phase(ctx.project_id, result, started)
    return output, result


def _as_failure(ctx: Context, exc: Exception) -> Exception:
    """What a phase's exception means to the person. A run that was canceled failed because it
    was canceled, whatever broke first as its processes were killed (a pipe, a half-written
    file); a full disk says which folder to free, never as a raw OSError."""
    if control.current().canceled and not isinstance(exc, Canceled):
        return Canceled(control.CANCELED_MESSAGE)
    if is_disk_full(exc) and not isinstance(exc, DiskFull):
        return DiskFull(ctx.settings.data_dir)
    return exc


def preflight(ctx: Context, project_id: str, stop_after: str | None = None) -> None:
    """What `run_project` would refuse, checked before a run is queued, so a caller that does not
    wait for the run still hears about a bad argument, a missing upload or the budget."""
    if stop_after is not None and stop_after not in PHASES:
        raise InputError(f"stop_after must be one of {', '.join(PHASES)}, not {shown(stop_after)}")
    project = ctx.store.get_project(project_id)
    for attr, what, _ in UPLOADS:
        path = getattr(project.brief, attr)
        if path and not Path(path).is_file():
            raise InputError(f"{what}: the uploaded file is gone from the server; upload it again in the brief")
    est = cost.estimate(ctx, project.spec, include_spec=project.spec is None)
    cost.check_budget(ctx, project_id, est, project.budget_usd)


def run_project(ctx: Context, project_id: str, stop_after: str | None = None,
                force_spec: bool = False) -> list[PhaseResult]:
    """Run (or resume) every phase up to `stop_after`. Work already done is reused."""
    if stop_after is not None and stop_after not in PHASES:
        raise InputError(f"--stop-after must be one of {', '.join(PHASES)}, not {shown(stop_after)}")
    ctx = with_project(ctx, project_id)
    with control.scope(ctx.settings):  # cancel and ffmpeg rules reach every thread of this run
        return _run_phases(ctx, project_id, stop_after, force_spec)


def _run_phases(ctx: Context, project_id: str, stop_after: str | None, force_spec: bool) -> list[PhaseResult]:
    project = ctx.store.get_project(project_id)
    brief = project.brief
    results: list[PhaseResult] = []
    p = ctx.providers

    def stop(name: str) -> bool:
        return stop_after == name

    # 1. spec — an existing (possibly hand-edited) spec is kept.
    def do_spec() -> tuple[Spec, bool]:
        if project.spec is not None and not force_spec:
            return project.spec, False
        est = cost.estimate(ctx, None, include_spec=True)
        cost.check_budget(ctx, project_id, cost.Estimate({"spec": est.per_phase["spec"]}), project.budget_usd)
        s = spec_phase.run(ctx, brief)
        ctx.store.save_spec(project_id, s, "written by " + p.spec.name)
        return s, True

    spec, r = _phase(ctx, "spec", do_spec, p.spec.name)
    results.append(r)
    if not stop("spec"):
        cost.check_budget(ctx, project_id, cost.estimate(ctx, spec), project.budget_usd)
        _after_spec(ctx, spec, brief, project_id, stop, results)
    last = results[-1].phase
    ctx.store.update_project(project_id, status="done" if last == "export" else f"stopped after {last}",
                             current_phase=None, progress=1.0, message="")
    return results


def _after_spec(ctx: Context, spec: Spec, brief: Brief, project_id: str, stop: Callable[[str], bool],
                results: list[PhaseResult]) -> None:
    """Phases 2 to 6. Whatever depends only on the spec starts as early as it can: the
    animatic and the references side by side, the music beside the chunks. A hosted run then
    waits for the slowest of each pair, not for each in turn (its critical path). Clips that do
    not need the keyframes do not wait for them (_after_spec_storyboard_beside)."""
    if _clips_ignore_keyframes(ctx) and not stop("animatic") and not stop("references"):
        return _after_spec_storyboard_beside(ctx, spec, brief, project_id, stop, results)
    p = ctx.providers
    with ThreadPool(max_workers=2) as side:
        # 2. animatic, with 3. references beside it
        refs_job = None
        if not stop("animatic"):
            refs_job = side.submit(_phase, ctx, "references", lambda: references.run(ctx, spec, brief), p.image.name)
        try:
            anim, r = _phase(ctx, "animatic", lambda: animatic.run(ctx, spec, brief), p.image.name)
            results.append(r)
        finally:
            if refs_job is not None:
                refs_job.exception()  # wait for it either way; never leave it running
        if refs_job is None:
            return
        refs, r = refs_job.result()
        results.append(r)
        if stop("references"):
            return
        # 4. chunks, with the music composed beside them (it needs only the spec)
        music_job = side.submit(refine.compose_music, ctx, spec) if not stop("chunks") else None
        clips, r = _phase(ctx, "chunks", lambda: chunks.run(ctx, spec, anim, refs), p.video.name)
        results.append(r)
        if stop("chunks"):
            return
        cut = _refine(ctx, spec, clips, music_job, stop, results)
    if cut is not None:
        _export(ctx, spec, cut, project_id, results)


def _refine(ctx: Context, spec: Spec, clips: Any, music_job: Any, stop: Callable[[str], bool],
            results: list[PhaseResult]) -> Any:
    """5. refine: the cut, or None when the run stops after it."""
    cut, r = _phase(ctx, "refine", lambda: refine.run(ctx, spec, clips, music_job), ctx.providers.music.name)
    results.append(r)
    return None if stop("refine") else cut


def _export(ctx: Context, spec: Spec, cut: Any, project_id: str, results: list[PhaseResult]) -> None:
    """6. export."""
    _, r = _phase(ctx, "export", lambda: export.run(ctx, spec, cut, project_id), ctx.providers.storage.name)
    results.append(r)


def _clips_ignore_keyframes(ctx: Context) -> bool:
    """Whether the video provider renders its clips without the animatic's keyframes (the local
    renderer draws each beat from its scene): then the storyboard need not come first."""
    return getattr(ctx.providers.video, "uses_keyframes", True) is False


def _after_spec_storyboard_beside(ctx: Context, spec: Spec, brief: Brief, project_id: str,
                                  stop: Callable[[str], bool], results: list[PhaseResult]) -> None:
    """Phases 2 to 6 when the clips do not need the keyframes: the references first (the clips
    show their product), then the clips, with the animatic drawn in the clip pool beside them
    instead of before them. The storyboard is a second or two of mostly Python on one core,
    before every new ad's first frame and before a changed beat's re-render; beside the clips,
    their encoders use the other core meanwhile. Results are listed in the usual order, and a
    failed animatic still fails the run, after the clips (which are kept)."""
    p = ctx.providers
    storyboard: dict[str, Any] = {}

    def draw_storyboard() -> None:
        try:
            storyboard["done"] = _phase(ctx, "animatic", lambda: animatic.run(ctx, spec, brief, local_workers=1),
                                        p.image.name, current=False)
        except BaseException as exc:  # recorded by _phase; raised after the clips, below
            storyboard["failed"] = exc

    with ThreadPool(max_workers=1) as side:
        # The music needs only the spec: composed from now on, beside the references and the
        # first scene (one core's work) instead of beside the clips (two cores busy), its
        # synthesis and AAC encoding (over a second of CPU) use a core that would idle.
        music_job = side.submit(refine.compose_music, ctx, spec) if not stop("chunks") else None
        refs, refs_result = _phase(ctx, "references", lambda: references.run(ctx, spec, brief), p.image.name)
        # 4. chunks
        clips, chunks_result = _phase(ctx, "chunks", lambda: chunks.run(ctx, spec, None, refs, beside=draw_storyboard),
                                      p.video.name)
        if not storyboard:  # every clip was there already: no pool drew it
            draw_storyboard()
        if "failed" in storyboard:
            raise storyboard["failed"]
        results += [storyboard["done"][1], refs_result, chunks_result]
        if stop("chunks"):
            return
        cut = _refine(ctx, spec, clips, music_job, stop, results)
    if cut is not None:
        _export(ctx, spec, cut, project_id, results)


def regenerate_beat(ctx: Context, project_id: str, index: int, *, prompt: str | None = None,
                    seed: int | None = None, camera_movement: str | None = None, text: str | None = None,
                    shot_type: str | None = None) -> list[PhaseResult]:
    """Change one beat (new seed, prompt, camera move or text) and re-export, reusing the rest."""
    project = ctx.store.get_project(project_id)
    if project.spec is None:
        raise InputError("this project has no spec yet; write the spec first")
    n = len(project.spec.beats)
    if not 0 <= index < n:
        raise InputError(f"beat {index + 1} does not exist; this ad has beats 1 to {n}")
    old = project.spec.beats[index]
    changes = {k: v for k, v in {"prompt": prompt, "seed": seed, "camera_movement": camera_movement,
                                 "text": text, "shot_type": shot_type}.items() if v is not None}
    if not changes:
        changes["seed"] = (old.seed + 7919) % (2**31 - 1)  # "try again": a new seed
    try:
        spec = project.spec.with_beat(index, **changes)
    except ValidationError as exc:
        raise InputError(describe_validation_error(exc, f"beat {index + 1}")) from None
    if not ctx.store.beat_versions(project_id, index):
        ctx.store.add_beat_version(project_id, index, old.model_dump(mode="json"))
    update_spec(ctx, project_id, spec, note=f"beat {index + 1} changed: {', '.join(changes)}")
    ctx.store.add_beat_version(project_id, index, spec.beats[index].model_dump(mode="json"))
    return run_project(ctx, project_id)


def choose_beat_version(ctx: Context, project_id: str, index: int, version_id: int) -> Spec:
    """Bring back an earlier version of a beat (its clip is still cached)."""
    project = ctx.store.get_project(project_id)
    versions = {v["id"]: v for v in ctx.store.beat_versions(project_id, index)}
    if version_id not in versions or project.spec is None:
        raise NotFoundError(f"beat {index + 1} has no version {version_id}")
    beat = versions[version_id]["beat"]
    spec = project.spec.with_beat(index, **{k: v for k, v in beat.items() if k not in ("start", "duration", "name")})
    ctx.store.add_beat_version(project_id, index, spec.beats[index].model_dump(mode="json"))
    return update_spec(ctx, project_id, spec, note=f"beat {index + 1}: version {version_id} chosen")


def latest_outputs(ctx: Context, project_id: str) -> dict[str, dict[str, Any]]:
    out = {}
    for phase in PHASES:
        r = ctx.store.latest_phase(project_id, phase)
        if r is not None and r.status in ("succeeded", "reused"):
            out[phase] = r.outputs
    return out


def _hosted(ctx: Context) -> bool:
    return any(getattr(getattr(ctx.providers, cap), "remote", False) for cap in ("image", "video", "music"))


def check_preview(ctx: Context, project_id: str) -> Project:
    """The project, if a preview of it can be made (checked before one is queued)."""
    project = ctx.store.get_project(project_id)
    if project.spec is None:
        raise InputError("this project has no spec yet; write the spec first")
    if _hosted(ctx) and not latest_outputs(ctx, project_id).get("export"):
        # Hosted clips cost money: a preview must never create them. It is made from the clips
        # already rendered, scaled down.
        raise InputError("a hosted project's preview is made from its rendered clips: "
                         "generate the ad first, then preview edits to the timeline")
    return project


def render_preview(ctx: Context, project_id: str, width: int = 640) -> str:
    """A fast low-resolution preview of the whole cut with music (16:9 only)."""
    with control.scope(ctx.settings):
        return _render_preview(ctx, project_id, width)


def _render_preview(ctx: Context, project_id: str, width: int) -> str:
    project = check_preview(ctx, project_id)
    spec = project.spec
    assert spec is not None
    height = int(round(width * spec.height / spec.width / 2)) * 2
    out = Path(ctx.settings.data_dir) / "exports" / project_id / "preview.mp4"
    if _hosted(ctx):
        exported = latest_outputs(ctx, project_id)["export"]
        from .render.ffmpeg import transcode_preview
        transcode_preview(Path(exported["files"][0]["path"]), out, width, height)
        return str(out)
    small = Spec.model_validate({**spec.model_dump(), "width": width, "height": height, "formats": ["16:9"]})
    settings = ctx.settings.model_copy(update={"x264_preset": "ultrafast", "crf": 26})
    pctx = Context(settings=settings, store=ctx.store, artifacts=ctx.artifacts, providers=ctx.providers,
                   project_id=project_id, progress=ctx.progress)
    anim = None
    refs = references.run(pctx, small, project.brief)[0]
    clips = chunks.run(pctx, small, anim, refs)[0]
    cut = refine.run(pctx, small, clips)[0]
    from .render.ffmpeg import concat_and_mux
    concat_and_mux([Path(s) for s in cut.timelines["16:9"]], Path(cut.music_aac or cut.music), out, small.fps)
    return str(out)
