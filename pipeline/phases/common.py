"""Helpers the phases share: a beat's scene description and its frame plan."""

from __future__ import annotations

from ..artifacts import file_digest
from ..config import LUTS_DIR
from ..errors import InputError
from ..models import ReferencesOutput, Spec


def lut_path(spec: Spec) -> str:
    path = LUTS_DIR / f"{spec.color_grading.lut}.cube"
    if not path.is_file():
        names = sorted(p.stem for p in LUTS_DIR.glob("*.cube"))
        raise InputError(f"color_grading.lut: no LUT named {spec.color_grading.lut!r}; choose one of {', '.join(names)}")
    return str(path)


def scene_for(spec: Spec, index: int, fmt: str, refs: ReferencesOutput | None):
    from ..render.scene import SceneSpec

    beat = spec.beats[index]
    w, h = spec.size_for(fmt)
    f0, f1 = spec.beat_frame_range(index)
    return SceneSpec(
        width=w, height=h, fps=spec.fps, duration=(f1 - f0) / spec.fps, shot_type=beat.shot_type,
        camera_movement=beat.camera_movement, text=beat.text, text_role=beat.text_role, seed=beat.seed,
        palette=spec.style.palette, aesthetic=spec.style.aesthetic, mood=spec.style.mood,
        lighting=spec.style.lighting, product_name=spec.product.name, brand=spec.product.brand,
        category=spec.product.category,
        hero_path=refs.product_image if refs else None, logo_path=refs.logo if refs else None,
        lut_path=lut_path(spec), contrast=spec.color_grading.contrast,
        saturation=spec.color_grading.saturation, grade_strength=spec.color_grading.strength,
        show_logo_bug=bool(refs and refs.logo), product_seed=spec.seed,
        product_noun=spec.product.noun, news=spec.story.news, setting=spec.story.setting,
        time_of_day=spec.story.time_of_day, weather=spec.story.weather, people=spec.story.people, props=tuple(spec.story.props),
    )


def scene_key_parts(scene) -> dict:
    """The scene as key material: file contents by digest, not by path."""
    from dataclasses import asdict

    d = asdict(scene)
    d.pop("cache_dir", None)
    for k in ("hero_path", "logo_path", "lut_path"):
        d[k] = file_digest(d[k])
    return d


def frame_plan(spec: Spec, index: int) -> tuple[int, int, int]:
    """(head, body, tail) frame counts. A transition is centred on the cut, so a beat's head
    starts d_in/2 frames before the beat and its tail ends d_out/2 frames after it."""
    f0, f1 = spec.beat_frame_range(index)
    d_in = spec.transition_frames(index - 1)
    d_out = spec.transition_frames(index)
    body = (f1 - d_out // 2) - (f0 + d_in // 2)
    return d_in, body, d_out
