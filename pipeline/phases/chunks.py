"""Phase 4, chunks: one clip per beat (and per format), rendered in parallel.

Each clip is keyed by everything that shapes its pixels; a clip whose key exists is reused,
so regenerating one beat re-renders one beat.
"""

from __future__ import annotations

from concurrent.futures import as_completed
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
        # Hosted providers mostly wait on the network: let every beat run at once.
        workers = len(todo) if getattr(ctx.providers.video, "remote", False) else ctx.settings.render_workers
        # Longest clips first: the pool ends with short jobs, so no core idles at the end.
        todo.sort(key=lambda j: -j.body_frames)
        if len(todo) < workers:  # fewer clips than cores (one beat re-rendered): split them
            todo = [replace(j, split=workers // len(todo)) for j in todo]
        with ThreadPool(max_workers=max(1, min(workers, len(todo)))) as pool:
            futures = {pool.submit(ctx.providers.video.render_clip, ctx, job): job for job in todo}
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
            if failure is not None:
                raise failure
    clips = tuple(done[f"{j.fmt}/{j.beat_index}"] for j in jobs)
    return ChunksOutput(clips=clips), bool(todo)
