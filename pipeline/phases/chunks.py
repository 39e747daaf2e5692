"""Phase 4, chunks: one clip per beat (and per format), rendered in parallel.

Each clip is keyed by everything that shapes its pixels; a clip whose key exists is reused,
so regenerating one beat re-renders one beat. The transitions between procedural clips are
started here as soon as both their clips exist, behind the clips still to render (refine then
finds them made and assembles the cut).
"""

from __future__ import annotations

from concurrent.futures import Future, as_completed
from dataclasses import replace

from ..artifacts import artifact_key
from ..config import Context
from ..control import ThreadPool
from ..models import AnimaticOutput, ChunksOutput, ClipPieces, ReferencesOutput, Spec
from ..providers.base import ClipJob
from ..render.pieces import encoders
from .common import frame_plan, scene_for, scene_key_parts


def clip_jobs(ctx: Context, spec: Spec, animatic: AnimaticOutput | None, refs: ReferencesOutput) -> list[ClipJob]:
    p = ctx.providers.video
    main, handle = encoders(ctx.settings)
    jobs = []
    for fmt in spec.formats:
        for i, beat in enumerate(spec.beats):
            scene = replace(scene_for(spec, i, fmt, refs), cache_dir=str(ctx.artifacts.root / "scenes"))
            head, body, tail = frame_plan(spec, i)
            key = artifact_key("clip", scene=scene_key_parts(scene), prompt=beat.prompt, frames=(head, body, tail),
                               encoders=(main, handle), provider=p.name, version=p.version,
                               model=getattr(p, "model", ""))
            jobs.append(ClipJob(key=key, beat_index=i, fmt=fmt, scene=scene, prompt=beat.prompt,
                                keyframe=animatic.keyframes[i] if animatic else None,
                                head_frames=head, body_frames=body, tail_frames=tail,
                                out_dir=ctx.artifacts.dir_for("clip", key)))
    return jobs


def _cached(ctx: Context, job: ClipJob) -> ClipPieces | None:
    row = ctx.store.artifact(job.key)
    if row is None:
        return None
    import json
    try:
        pieces = ClipPieces.model_validate(json.loads(row["meta"]))
    except ValueError:
        return None
    from pathlib import Path
    files = [pieces.body, pieces.preview, pieces.head, pieces.tail]
    if all(f is None or Path(f).is_file() for f in files):
        return pieces.model_copy(update={"format": job.fmt, "beat": job.beat_index})
    return None


def run(ctx: Context, spec: Spec, animatic: AnimaticOutput | None, refs: ReferencesOutput) -> tuple[ChunksOutput, bool]:
    jobs = clip_jobs(ctx, spec, animatic, refs)
    done: dict[str, ClipPieces] = {}
    todo = []
    for job in jobs:
        cached = _cached(ctx, job)
        if cached is not None:
            done[f"{job.fmt}/{job.beat_index}"] = cached
        else:
            todo.append(job)
    total = len(jobs)
    ctx.report("chunks", len(done) / total, f"{len(done)} of {total} clips cached, rendering {len(todo)}")
    if todo:
        remote = getattr(ctx.providers.video, "remote", False)
        # Hosted providers mostly wait on the network: let every beat run at once.
        workers = len(todo) if remote else ctx.settings.render_workers
        todo = _in_render_order(todo)
        if len(todo) < workers:  # fewer clips than cores (one beat re-rendered): split them
            todo = [replace(j, split=workers // len(todo)) for j in todo]
        # Local renders keep a worker per core even for one split clip: the seams after it
        # (below) then run side by side, as refine would run them.
        size = max(1, min(workers, len(todo)) if remote else workers)
        with ThreadPool(max_workers=size) as pool:
            futures = {pool.submit(ctx.providers.video.render_clip, ctx, job): job for job in todo}
            seams: list[Future] = []
            failure: BaseException | None = None
            for fut in as_completed(futures):
                job = futures[fut]
                try:
                    pieces = fut.result()
                except BaseException as exc:  # keep every clip that did finish, then fail
                    failure = failure or exc
                    continue
                ctx.store.record_artifact(job.key, "clip", pieces.body, ctx.project_id,
                                          meta=pieces.model_dump(mode="json"))
                done[f"{job.fmt}/{job.beat_index}"] = pieces
                ctx.report("chunks", len(done) / total, f"beat {job.beat_index + 1} ({job.fmt}) rendered")
                if failure is None:
                    clips_left = any(not f.done() for f in futures)
                    seams += _start_seams(pool, ctx, spec, job, done, pooled=clips_left)
            _wait_for_seams(seams)
            if failure is not None:
                raise failure
    clips = tuple(done[f"{j.fmt}/{j.beat_index}"] for j in jobs)
    return ChunksOutput(clips=clips), bool(todo)


def _in_render_order(todo: list[ClipJob]) -> list[ClipJob]:
    """Longest clips first: the pool ends with short jobs, so no core idles at the end. But the
    first job is the longest of those whose scene is quick to build (no painted setting):
    its encoder starts within half a second, while the next worker paints its setting, instead
    of both encoders waiting a second or two for two settings painted side by side."""
    order = sorted(todo, key=lambda j: -j.body_frames)
    from ..render.setting import uses_setting
    quick = [j for j in order if not uses_setting(j.scene)]
    if quick and len(quick) < len(order):
        order.remove(quick[0])
        order.insert(0, quick[0])
    return order


def _start_seams(pool: ThreadPool, ctx: Context, spec: Spec, job: ClipJob,
                 done: dict[str, ClipPieces], pooled: bool) -> list[Future]:
    """Start the transitions on either side of a clip just rendered whose other side is there
    too. Refine blends each transition from the two clips' scenes and encodes it as its own
    segment; here that work queues behind the clips still to render, so it fills the cores
    while the last clips finish instead of waiting for all of them. Refine then finds the
    segments made (they are keyed by the two clips) and only assembles the cut. Only for
    procedural clips, whose seams are rendered from scenes this process holds. `pooled`:
    clips are still rendering beside them (their encoders then take one core's share)."""
    from .refine import transition_segment

    out = []
    for i in (job.beat_index - 1, job.beat_index):
        a, b = done.get(f"{job.fmt}/{i}"), done.get(f"{job.fmt}/{i + 1}")
        if a is None or b is None or not (a.procedural and b.procedural):
            continue
        if spec.transitions[i].type != "cut":
            out.append(pool.submit(transition_segment, ctx, spec, job.fmt, i, a, b, pooled=pooled))
    return out


def _wait_for_seams(seams: list[Future]) -> None:
    """Wait for the transitions started early. One that failed is left to refine, which makes it
    again and reports the failure as its own; a canceled run stops at refine's start."""
    for fut in seams:
        fut.exception()
