"""Phase 2, animatic: one low-detail keyframe per beat (composition, placement, camera move)."""

from __future__ import annotations

from ..artifacts import artifact_key
from ..config import Context
from ..models import AnimaticOutput, Spec
from .common import scene_for, scene_key_parts


def keyframe_key(ctx: Context, spec: Spec, index: int) -> tuple[str, object]:
    scene = scene_for(spec, index, spec.formats[0], None)
    p = ctx.providers.image
    key = artifact_key("keyframe", scene=scene_key_parts(scene), prompt=spec.beats[index].prompt,
                       name=spec.beats[index].name, index=index, total=len(spec.beats),
                       provider=p.name, version=p.version)
    return key, scene


def render_keyframe(ctx: Context, spec: Spec, index: int, force: bool = False) -> tuple[str, bool]:
    key, scene = keyframe_key(ctx, spec, index)
    path = ctx.artifacts.path("keyframe", key, "keyframe.png")
    if ctx.artifacts.has("keyframe", key, "keyframe.png") and not force:
        return str(path), False
    beat = spec.beats[index]
    img = ctx.providers.image.keyframe(ctx, scene, beat.name, index, len(spec.beats), beat.prompt)
    with ctx.artifacts.writing(path) as tmp:
        img.convert("RGB").save(tmp, format="PNG")
    ctx.store.record_artifact(key, "keyframe", str(path), ctx.project_id, {"beat": index})
    return str(path), True


def run(ctx: Context, spec: Spec) -> tuple[AnimaticOutput, bool]:
    paths, worked = [], False
    for i in range(len(spec.beats)):
        path, did = render_keyframe(ctx, spec, i)
        paths.append(path)
        worked |= did
        ctx.report("animatic", (i + 1) / len(spec.beats), f"keyframe {i + 1}/{len(spec.beats)}")
    return AnimaticOutput(keyframes=tuple(paths)), worked
