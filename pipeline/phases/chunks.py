"""Phase 4, chunks: one clip per beat (and per format), rendered in parallel.

Each clip is keyed by everything that shapes its pixels; a clip whose key exists is reused,
so regenerating one beat re-renders one beat. The transitions between procedural clips are
started here as soon as both their clips exist, behind the clips still to render (refine then
finds them made and assembles the cut).
"""

from __future__ import annotations

from concurrent.futures import Future, as_completed
from dataclasses import replace
from typing import Callable

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


def run(ctx: Context, spec: Spec, animatic: AnimaticOutput | None, refs: ReferencesOutput,
        beside: Callable[[], None] | None = None) -> tuple[ChunksOutput, bool]:
    """`beside`: more work for the clip pool (the storyboard, when the clips do not need it),
    queued once every worker has a first task: it then shares the cores with encoders that
    are running rather than with the first scenes being built, which it would only delay
    (both are mostly Python). Waited for, never raised: it reports its own failures. Not run
    when there is no clip to render."""
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
        # Local renders keep a worker per core even for one split clip: its seams (below) run
        # on the other worker meanwhile.
        size = max(1, min(workers, len(todo)) if remote else workers)
        plan = getattr(ctx.providers.video, "planned_pieces", None)
        prepare = getattr(ctx.providers.video, "prepare", None)
        if prepare is not None and len(todo) > 1:
            # The first clip's scene is built before the other workers start on theirs. Scenes
            # are built mostly in Python: side by side they take turns for the interpreter,
            # and the first encoder waited 1.9 s for a scene that takes 0.7 s alone.
            prepare(todo[0])
        with ThreadPool(max_workers=size) as pool:
            extra: list[Future] = []

            def queue_beside() -> None:
                if beside is not None and not extra:
                    extra.append(pool.submit(beside))

            futures: dict[Future, ClipJob] = {}
            for k, job in enumerate(todo):
                if k == size:
                    queue_beside()
                futures[pool.submit(ctx.providers.video.render_clip, ctx, job)] = job
            seams: list[Future] = _queue_seams(pool, ctx, spec, todo, done, plan, list(futures)) if plan else []
            queue_beside()
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
                if failure is None and plan is None:
                    clips_left = any(not f.done() for f in futures)
                    seams += _start_seams(pool, ctx, spec, job, done, pooled=clips_left)
            if failure is not None:
                for seam in seams:
                    seam.cancel()  # those not started yet: the run fails anyway
            _wait_for_seams(seams + extra)
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


def _queue_seams(pool: ThreadPool, ctx: Context, spec: Spec, todo: list[ClipJob], done: dict[str, ClipPieces],
                 plan: Callable[[ClipJob], ClipPieces], clips: list[Future]) -> list[Future]:
    """Queue, behind the clips, the transitions beside every clip being rendered, when the
    provider's clips are procedural (`plan` gives what a transition reads of a clip before it
    is rendered: its key and scene). Their frames come from the two beats' scenes, not from
    the clips, so they need not wait for them: the pool ends on short transitions instead of
    a clip's transition started after it, and a beat rendered alone has its transitions made
    on the second worker beside its parts instead of after them (0.5 to 1 s of a one-beat
    re-render on one core). A transition takes one core's share while two other encoders
    still run, and x264's own threads when at most one does (the run's last transitions:
    one core no longer idles while the other encodes the last of them)."""
    from .refine import transition_segment

    pieces = {**{f"{j.fmt}/{j.beat_index}": plan(j) for j in todo}, **done}
    rendering = {(j.fmt, j.beat_index) for j in todo}
    pending = [(f, j.split) for f, j in zip(clips, todo)]  # a split clip runs `split` encoders

    def seam(fmt: str, i: int, a: ClipPieces, b: ClipPieces) -> tuple[str, bool]:
        others = sum(n for f, n in pending if not f.done()) - 1  # itself is not done either
        return transition_segment(ctx, spec, fmt, i, a, b, pooled=others >= 2)

    for fmt in spec.formats:
        for i in range(len(spec.beats) - 1):
            a, b = pieces.get(f"{fmt}/{i}"), pieces.get(f"{fmt}/{i + 1}")
            if (spec.transitions[i].type == "cut" or a is None or b is None or not (a.procedural and b.procedural)
                    or not {(fmt, i), (fmt, i + 1)} & rendering):
                continue
            pending.append((pool.submit(seam, fmt, i, a, b), 1))
    return [f for f, _ in pending[len(clips):]]


def _wait_for_seams(seams: list[Future]) -> None:
    """Wait for the transitions started early. One that failed is left to refine, which makes it
    again and reports the failure as its own; a canceled run stops at refine's start."""
    for fut in seams:
        if not fut.cancelled():  # one cancelled after a clip failed never ran
            fut.exception()
