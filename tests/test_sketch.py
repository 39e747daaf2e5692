"""The local animatic (pencil keyframes) and the brand style guide."""

from __future__ import annotations

import itertools
import time

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw

from pipeline.models import CAMERA_MOVES, SHOT_TYPES, Brief, Spec
from pipeline.providers.local.spec_writer import write_spec
from pipeline.render import sketch
from pipeline.render.layout import layout_for
from pipeline.render.palette import hex_to_rgb
from pipeline.render.scene import SceneSpec


@pytest.fixture(scope="module")
def spec() -> Spec:
    return write_spec(Brief(prompt="Create a sleek ad for luxury watches"))


def scene_for(spec: Spec, index: int = 0, width: int = 640, height: int = 360, **changes) -> SceneSpec:
    b = spec.beats[index]
    fields = dict(
        width=width, height=height, fps=spec.fps, duration=b.duration, shot_type=b.shot_type,
        camera_movement=b.camera_movement, text=b.text, text_role=b.text_role, seed=b.seed,
        palette=spec.style.palette, aesthetic=spec.style.aesthetic, mood=spec.style.mood,
        lighting=spec.style.lighting, product_name=spec.product.name, brand=spec.product.brand,
        category=spec.product.category,
    )
    fields.update(changes)
    return SceneSpec(**fields)


def arr(img: Image.Image) -> np.ndarray:
    return np.asarray(img, dtype=np.int16)


# --- keyframes --------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920), (1080, 1080), (160, 90), (90, 160), (64, 64)])
def test_keyframe_has_the_exact_size(spec, size):
    img = sketch.draw_keyframe(scene_for(spec, 0, *size), spec.beats[0].name, 0, len(spec.beats))
    assert img.mode == "RGB"
    assert img.size == size


@pytest.mark.parametrize("size", [(192, 108), (108, 192), (128, 128)])
def test_every_shot_type_and_text_role_draws_at_small_sizes(spec, size):
    roles = ("none", "title", "tagline", "feature", "cta")
    for i, shot in enumerate(SHOT_TYPES):
        role = roles[i % len(roles)]
        text = "" if role == "none" else "Precision in every second"
        for move in (CAMERA_MOVES[i], CAMERA_MOVES[-1 - i]):
            img = sketch.draw_keyframe(scene_for(spec, 0, *size, shot_type=shot, text_role=role, text=text,
                                                 camera_movement=move), "beat", 2, 6)
            assert img.size == size


def test_every_camera_move_draws_a_different_picture(spec):
    images = {}
    for move in CAMERA_MOVES:
        img = sketch.draw_keyframe(scene_for(spec, 0, 480, 270, camera_movement=move), "hero_reveal", 0, 6)
        images[move] = arr(img)
    for a, b in itertools.combinations(CAMERA_MOVES, 2):
        diff = np.abs(images[a] - images[b]).mean()
        assert diff > 0.05, f"{a} and {b} look the same"


def test_camera_move_is_drawn_in_the_accent_colour(spec):
    static = arr(sketch.draw_keyframe(scene_for(spec, 0, camera_movement="static"), "b", 0, 6))
    zoom = arr(sketch.draw_keyframe(scene_for(spec, 0, camera_movement="push_in"), "b", 0, 6))
    changed = np.abs(zoom - static).sum(axis=2) > 40
    # Gold accent: red clearly above blue where the arrows are.
    warm = (zoom[..., 0] - zoom[..., 2]) > 40
    assert (changed & warm).sum() > 500


@pytest.mark.parametrize("shot,role,text", [
    ("product_hero", "title", "Luxury watches"),
    ("close_up", "feature", "Precision in every second"),
    ("wide", "none", ""),
    ("macro", "tagline", "Crafted for the extraordinary."),
])
@pytest.mark.parametrize("size", [(960, 540), (540, 960), (540, 540)])
def test_hero_sits_where_the_layout_puts_it(spec, shot, role, text, size):
    w, h = size
    scene = scene_for(spec, 0, w, h, shot_type=shot, text_role=role, text=text, camera_movement="static")
    img = arr(sketch.draw_keyframe(scene, "b", 0, 6))
    lay = layout_for(shot, role, w, h, has_text=bool(text))
    cx, cy = int(lay.hero_center[0] * w), int(lay.hero_center[1] * h)
    r = max(4, int(min(w, h) * 0.03))
    patch = img[cy - r:cy + r, cx - r:cx + r].mean(axis=(0, 1))
    paper = np.array(sketch.PAPER)
    assert (paper - patch).mean() > 12, f"hero not drawn at the layout's centre: {patch} vs paper {paper}"


def test_paper_is_untouched_far_from_every_element(spec):
    # product_hero, landscape: hero in the middle, text at the bottom, tripod in the top right.
    w, h = 1920, 1080
    scene = scene_for(spec, 0, w, h, camera_movement="static")
    img = arr(sketch.draw_keyframe(scene, spec.beats[0].name, 0, 6))
    region = img[int(h * 0.06):int(h * 0.30), int(w * 0.04):int(w * 0.30)]
    paper = np.array(sketch.PAPER)
    assert np.abs(region - paper).max() <= 16  # only the grain
    assert np.abs(region.mean(axis=(0, 1)) - paper).max() <= 3
    assert region.std(axis=(0, 1)).max() < 5  # faint grain, not flat and not noisy


def test_hero_is_sized_by_the_layout(spec):
    # A blank paper column tells where the hero's outline ends vertically.
    w, h = 1920, 1080
    scene = scene_for(spec, 2, w, h, shot_type="product_hero", text="", text_role="none", camera_movement="static")
    img = arr(sketch.draw_keyframe(scene, "b", 0, 6))
    lay = layout_for("product_hero", "none", w, h, has_text=False)
    cx = int(lay.hero_center[0] * w)
    column = (np.array(sketch.PAPER) - img[:, cx - 3:cx + 3].mean(axis=1)).mean(axis=1)  # darkness per row
    top = int((lay.hero_center[1] - lay.hero_height / 2) * h)
    bottom = int((lay.hero_center[1] + lay.hero_height / 2) * h)
    inside = column[top + 10:bottom - 10]
    assert (inside > 12).mean() > 0.9  # the wash covers the hero's full height
    assert column[max(0, top - 60):top - 25].max() < 30  # and stops at its top edge (grid lines are faint)


def test_keyframes_are_deterministic_and_follow_the_seed(spec):
    a = arr(sketch.draw_keyframe(scene_for(spec, 1), "x", 1, 6))
    b = arr(sketch.draw_keyframe(scene_for(spec, 1), "x", 1, 6))
    c = arr(sketch.draw_keyframe(scene_for(spec, 1, seed=12345), "x", 1, 6))
    assert np.array_equal(a, b)
    assert not np.array_equal(a, c)


def test_caption_names_the_beat_shot_move_and_length(spec):
    scene = scene_for(spec, 0)
    cap = sketch.keyframe_caption(scene, spec.beats[0].name, 0, len(spec.beats))
    assert spec.beats[0].name.upper() in cap
    assert cap.startswith(f"1/{len(spec.beats)}")
    assert spec.beats[0].shot_type.replace("_", " ") in cap
    assert spec.beats[0].camera_movement.replace("_", " ") in cap
    assert f"{spec.beats[0].duration:.1f}s" in cap


def test_caption_strip_is_drawn_with_the_palette_dots(spec):
    w, h = 1920, 1080
    img = arr(sketch.draw_keyframe(scene_for(spec, 0, w, h), spec.beats[0].name, 0, 6))
    strip = img[int(h * 0.955):, :]
    assert (strip.sum(axis=2) < 300).sum() > 200  # caption text
    for c in spec.style.palette:
        hit = np.all(np.abs(strip - np.array(hex_to_rgb(c))) <= 2, axis=2)
        assert hit.sum() > 20, f"palette dot {c} missing"


def test_keyframe_is_fast_at_full_hd(spec):
    scene = scene_for(spec, 1, 1920, 1080)  # macro: the biggest hero
    sketch.draw_keyframe(scene, "b", 0, 6)
    best = min(_timed(lambda: sketch.draw_keyframe(scene, "b", 0, 6)) for _ in range(3))
    assert best < 0.8  # typically ~0.1 s; loose for busy CI machines


def _timed(fn) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


# --- style guide ------------------------------------------------------------------------------


def _has_block(img: np.ndarray, color: tuple[int, int, int], side: int = 40) -> bool:
    mask = np.all(img == np.array(color, np.int16), axis=2).astype(np.uint8)
    return bool(cv2.erode(mask, np.ones((side, side), np.uint8)).any())


def test_style_guide_without_uploads(spec):
    img = sketch.draw_style_guide(spec, None, None)
    assert img.mode == "RGB" and img.size == (1920, 1080)
    a = arr(img)
    for c in spec.style.palette:
        assert _has_block(a, hex_to_rgb(c)), f"no large swatch of {c}"


def test_style_guide_with_product_and_logo(spec, tmp_path):
    product = Image.new("RGBA", (120, 160), (0, 0, 0, 0))
    ImageDraw.Draw(product).ellipse([10, 10, 110, 150], fill=(255, 0, 255, 255))
    logo = Image.new("RGBA", (200, 60), (0, 0, 0, 0))
    ImageDraw.Draw(logo).rectangle([0, 0, 199, 59], fill=(0, 200, 0, 255))
    pp, lp = tmp_path / "product.png", tmp_path / "logo.png"
    product.save(pp)
    logo.save(lp)
    img = sketch.draw_style_guide(spec, str(pp), str(lp), size=(1600, 900))
    assert img.size == (1600, 900)
    a = arr(img)
    assert _has_block(a, (255, 0, 255), 30), "product thumbnail missing"
    assert _has_block(a, (0, 200, 0), 20), "logo thumbnail missing"
    for c in spec.style.palette:
        assert _has_block(a, hex_to_rgb(c)), f"no large swatch of {c}"


def test_style_guide_tolerates_unreadable_uploads_and_other_sizes(spec, tmp_path):
    bad = tmp_path / "broken.png"
    bad.write_bytes(b"not a png")
    for size in [(1080, 1920), (1280, 720)]:
        img = sketch.draw_style_guide(spec, str(bad), str(tmp_path / "missing.png"), size=size)
        assert img.size == size


def test_style_guide_shows_six_colours(spec):
    d = spec.model_dump()
    d["style"]["palette"] = ["#1d3557", "#e63946", "#f1faee", "#a8dadc", "#457b9d", "#ffb703"]
    six = Spec.model_validate(d)
    a = arr(sketch.draw_style_guide(six, None, None))
    for c in six.style.palette:
        assert _has_block(a, hex_to_rgb(c)), f"no large swatch of {c}"
    names = sketch.palette_role_names(six.style.palette, six.style.lighting)
    assert names[0] == "Background" and "Accent" in names and "Highlight" in names
