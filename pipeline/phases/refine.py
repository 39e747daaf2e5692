"""Phase 5, refine: music on the beat grid, transitions at exact frames, the cut per format.

The grade was applied to the stills (local) or frames (hosted) as clips were made, once;
here each transition is blended from the two clips' handles and encoded as its own segment,
and the timeline is the ordered list of segments: body, transition, body, ...
"""

from __future__ import annotations

from concurrent.futures import Future

from ..artifacts import artifact_key
from ..config import Context
from ..control import ThreadPool
from ..models import ChunksOutput, RefineOutput, Spec, body_segments
from ..render.compose import TransitionMixer
from ..render.ffmpeg import YuvWriter, decode_yuv, encode_aac
from ..render.pieces import encoders


def music_key(ctx: Context, spec: Spec) -> str:
    m = ctx.providers.music
    return artifact_key("music", audio=spec.audio, duration=spec.duration_s, seed=spec.seed, provider=m.name,
                        version=m.version, model=getattr(m, "model", ""))


def compose_music(ctx: Context, spec: Spec) -> tuple[str, str, tuple[float, ...], bool]:
    """The music as WAV and AAC, and its beat grid. Cached by everything that shapes it."""
    import json
    key = music_key(ctx, spec)
    wav = ctx.artifacts.path("music", key, "music.wav")
    aac = ctx.artifacts.path("music", key, "music.m4a")
    row = ctx.store.artifact(key)
    if row and wav.is_file() and aac.is_file():
        return str(wav), str(aac), tuple(json.loads(row["meta"])["beat_grid"]), False
    with ctx.artifacts.writing(wav) as tmp:
        grid = ctx.providers.music.compose(ctx, spec, tmp)
    encode_aac(wav, aac)
    ctx.store.record_artifact(key, "music", str(wav), ctx.project_id, {"beat_grid": list(grid)})
    return str(wav), str(aac), tuple(grid), True


def _handle(clip, which: str, n: int, w: int, h: int):
    """The frames of a clip's head or tail: decoded from its encoded handle, or rendered
    afresh from its scene when the clip is procedural."""
    if clip.procedural and clip.scene is not None:
        from ..render.scene import SceneSpec, scene_frames
        scene = SceneSpec(**{**clip.scene, "palette": tuple(clip.scene["palette"]),
                             "props": tuple(clip.scene.get("props", ()))})
        beat_frames = round(scene.duration * scene.fps)
        start = beat_frames - n // 2 if which == "tail" else -(n // 2)
        return scene_frames(scene, start, n)
    return decode_yuv(getattr(clip, which), w, h)


def transition_segment(ctx: Context, spec: Spec, fmt: str, index: int, a, b, pooled: bool = True) -> tuple[str, bool]:
    """Blend beat `index`'s tail with the next beat's head into one encoded segment. `pooled`:
    other encoders run meanwhile (pieces.encoders); one alone gets x264's own threads."""
    tr = spec.transitions[index]
    n = spec.transition_frames(index)
    main, _ = encoders(ctx.settings)
    key = artifact_key("transition", a=a.key, b=b.key, type=tr.type, frames=n, encoder=main)
    path = ctx.artifacts.path("transition", key, "transition.mp4")
    if ctx.artifacts.has("transition", key, "transition.mp4"):
        return str(path), False
    w, h = spec.size_for(fmt)
    mixer = TransitionMixer(tr.type, w, h)
    import numpy as np
    out = np.empty(w * h * 3 // 2, np.uint8)
    encoder, _ = encoders(ctx.settings, pooled=pooled)
    with YuvWriter(path, w, h, spec.fps, encoder) as writer:
        for k, (fa, fb) in enumerate(zip(_handle(a, "tail", n, w, h), _handle(b, "head", n, w, h))):
            mixer.mix(fa, fb, (k + 0.5) / n, out)
            writer.write(out)
        if writer.frames != n:
            from ..errors import RenderError
            raise RenderError(f"transition {index + 1} has {writer.frames} frames, expected {n}")
    return str(path), True


def run(ctx: Context, spec: Spec, chunks: ChunksOutput, music_job: Future | None = None) -> tuple[RefineOutput, bool]:
    """`music_job`: the music, already started beside the chunks by the orchestrator."""
    # Music and every transition are independent: run them side by side.
    with ThreadPool(max_workers=max(1, ctx.settings.render_workers)) as pool:
        if music_job is None:
            music_job = pool.submit(compose_music, ctx, spec)
        jobs: dict[tuple[str, int], Future] = {}
        seams = [(fmt, i) for fmt in spec.formats for i in range(len(spec.beats) - 1)
                 if spec.transitions[i].type != "cut"]
        for fmt, i in seams:
            clips = chunks.for_format(fmt)
            jobs[(fmt, i)] = pool.submit(transition_segment, ctx, spec, fmt, i, clips[i], clips[i + 1],
                                         pooled=len(seams) > 1)
        music, music_aac, grid, worked = music_job.result()
        ctx.report("refine", 0.3, f"music: {spec.audio.style}, {spec.audio.tempo_bpm:g} BPM")
        timelines: dict[str, tuple[str, ...]] = {}
        for fi, fmt in enumerate(spec.formats):
            clips = chunks.for_format(fmt)
            segments: list[str] = []
            for i, clip in enumerate(clips):
                segments.extend(body_segments(clip))
                if (fmt, i) in jobs:
                    seg, did = jobs[(fmt, i)].result()
                    worked |= did
                    segments.append(seg)
            timelines[fmt] = tuple(segments)
            ctx.report("refine", 0.3 + 0.7 * (fi + 1) / len(spec.formats), f"{fmt} cut assembled")
    out = RefineOutput(music=music, music_aac=music_aac, beat_grid=grid, timelines=timelines)
    return out, worked or _new_cut(ctx, out)


def _new_cut(ctx: Context, out: RefineOutput) -> bool:
    """Whether the cut differs from the last one this project recorded. Local renders make their
    transitions beside the last clips (chunks), so this phase often makes no segment itself:
    a changed cut is still its work, not a reuse."""
    last = ctx.store.latest_phase(ctx.project_id, "refine") if ctx.project_id else None
    return last is None or last.outputs.get("timelines") != out.model_dump(mode="json")["timelines"]
