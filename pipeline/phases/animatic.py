"""Phase 2, animatic: one low-detail keyframe per beat (composition, placement, camera move)."""

from __future__ import annotations

from dataclasses import replace

from ..artifacts import artifact_key
from ..config import Context
from ..control import ThreadPool
from ..models import AnimaticOutput, Brief, ReferencesOutput, Spec
from .common import scene_for, scene_key_parts


KEYFRAME_MAX_WIDTH = 960  # a keyframe is a sketch: half of 1080p shows all it has to say


def product_photo(ctx: Context, brief: Brief | None) -> str | None:
    """The uploaded product, cut out exactly as the references phase does it (the same cached
    artifact), so the storyboard draws the user's product, not a generic one."""
    if brief is None or not brief.product_image_path:
        return None
    from .references import product_cutout
    return product_cutout(ctx, brief)


def keyframe_key(ctx: Context, spec: Spec, index: int, photo: str | None = None) -> tuple[str, object]:
    refs = ReferencesOutput(style_guide="", product_image=photo) if photo else None
    # The scene cache (not part of the key): a keyframe's stand-in and illustrations are read
    # from it and kept there, so a later process (a changed beat's keyframe) does not draw them
    # again (a third of a second for a stand-in, 20-60 ms an illustration).
    scene = replace(scene_for(spec, index, spec.formats[0], refs), cache_dir=str(ctx.artifacts.root / "scenes"))
    if scene.width > KEYFRAME_MAX_WIDTH:
        k = KEYFRAME_MAX_WIDTH / scene.width
        scene = replace(scene, width=KEYFRAME_MAX_WIDTH, height=int(scene.height * k) & ~1)
    p = ctx.providers.image
    key = artifact_key("keyframe", scene=scene_key_parts(scene), prompt=spec.beats[index].prompt,
                       name=spec.beats[index].name, index=index, total=len(spec.beats),
                       provider=p.name, version=p.version)
    return key, scene


def render_keyframe(ctx: Context, spec: Spec, index: int, force: bool = False,
                    photo: str | None = None) -> tuple[str, bool]:
    key, scene = keyframe_key(ctx, spec, index, photo)
    path = ctx.artifacts.path("keyframe", key, "keyframe.png")
    if ctx.artifacts.has("keyframe", key, "keyframe.png") and not force:
        return str(path), False
    beat = spec.beats[index]
    img = ctx.providers.image.keyframe(ctx, scene, beat.name, index, len(spec.beats), beat.prompt)
    with ctx.artifacts.writing(path) as tmp:
        img.convert("RGB").save(tmp, format="PNG", compress_level=1)
    ctx.store.record_artifact(key, "keyframe", str(path), ctx.project_id, {"beat": index})
    return str(path), True


def run(ctx: Context, spec: Spec, brief: Brief | None = None,
        local_workers: int | None = None) -> tuple[AnimaticOutput, bool]:
    """`local_workers`: threads for local keyframes (default: the render workers); one when the
    animatic is drawn beside the clips, which keep the cores busy."""
    n = len(spec.beats)
    photo = product_photo(ctx, brief)
    workers = n if getattr(ctx.providers.image, "remote", False) else (local_workers or ctx.settings.render_workers)
    with ThreadPool(max_workers=max(1, min(n, workers))) as pool:
        futures = [pool.submit(render_keyframe, ctx, spec, i, False, photo) for i in range(n)]
        results = []
        for i, fut in enumerate(futures):
            results.append(fut.result())
            ctx.report("animatic", (i + 1) / n, f"keyframe {i + 1}/{n}")
    return AnimaticOutput(keyframes=tuple(p for p, _ in results)), any(did for _, did in results)
