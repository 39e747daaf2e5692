"""Motion quality, measured on real decoded output: nothing freezes, every cut shows, the
headline card's words arrive one by one with the facts in the accent colour, and the
aesthetic words give visibly different sets.

Thresholds were measured on this renderer's own H.264 output (x264 veryfast, crf 21) at
320x180 and 640x360; the figures are next to each constant.
"""

from __future__ import annotations

from collections import deque
from pathlib import Path

import cv2
import numpy as np
import pytest

from pipeline.config import Settings
from pipeline.render.backdrop import LOOKS, look_roles, paint_backdrop
from pipeline.render.ffmpeg import decode_rgb
from pipeline.render.layout import layout_for
from pipeline.render.palette import roles_for
from pipeline.run import build_context, create_project, make_brief, run_project, update_spec
from tests.conftest import SMALL
from tests.helpers import export_path, frames_of

FPS = 30
FROZEN_S = 1.5  # nothing may hold still longer than this
# A frame against the frame 1.5 s later (mean absolute difference, RGB 0..255). A truly
# frozen picture still differs by up to 0.063 after H.264 (quality wobbles between I and P
# frames); a 1% push-in over a 4 s beat gives at least 0.35 and our 2% "static" drift at
# least 0.65 (luxury, bold and minimal end cards, 320x180 and 640x360). Consecutive frames
# cannot tell a freeze from a slow push: identical frames give up to 0.05 and a 1-2% push
# 0.0-0.08, because x264 skips sub-pixel motion for several frames at a time.
FROZEN_MAD = 0.15
# The frame before a transition against the frame after it. Within a shot, camera motion
# changes a frame by at most ~3.5 from one frame to the next; the templates' boundaries
# measure 11.6 (luxury lifestyle -> wide cut) to 86; two beats made identical except for their
# seed measure 3.6 (static product shots) to 19 across a cut.
BOUNDARY_MAD = 5.0

BRIEFS = {
    "product_showcase": "Create a sleek ad for luxury watches",
    "lifestyle_ad": "A lifestyle ad for our cozy wool blanket, friends at a campfire",
    "announcement": "Announcing the launch of the Nova X1 headphones on March 1st",
}
# Long enough that the end card (4 of 30 s in every template) outlasts the 1.5 s rule.
DURATION_S = 20.0


def _context(tmp_path_factory, name: str):
    return build_context(Settings.from_env(environ={}, data_dir=str(tmp_path_factory.mktemp(name) / "data")))


@pytest.fixture(scope="module")
def measured(tmp_path_factory):
    """Each template rendered once, measured as it decodes (frames are not all kept)."""
    cache: dict[str, dict] = {}

    def get(template: str) -> dict:
        if template not in cache:
            ctx = _context(tmp_path_factory, template)
            brief = make_brief(prompt=BRIEFS[template], template=template, duration_s=DURATION_S, **SMALL)
            project = create_project(ctx, brief)
            results = run_project(ctx, project.id)
            spec = ctx.store.get_project(project.id).spec
            span = int(FROZEN_S * FPS)
            window: deque[np.ndarray] = deque(maxlen=span + 1)
            still = []  # MAD of each frame against the frame FROZEN_S later
            keep: dict[int, np.ndarray] = {}
            wanted = set()
            for i in range(len(spec.beats) - 1):
                before, after = _around_boundary(spec, i)
                wanted |= {before, after}
            for k, frame in enumerate(decode_rgb(Path(export_path(results)))):
                f = frame.astype(np.int16)
                window.append(f)
                if len(window) == span + 1:
                    still.append(float(np.abs(window[-1] - window[0]).mean()))
                if k in wanted:
                    keep[k] = f
            cache[template] = {"spec": spec, "still": np.array(still), "frames": keep}
        return cache[template]
    return get


def _around_boundary(spec, i: int) -> tuple[int, int]:
    """The last frame wholly of beat i and the first wholly of beat i + 1 (a transition is
    centred on the cut)."""
    _, cut = spec.beat_frame_range(i)
    n = spec.transition_frames(i)
    return cut - n // 2 - 1, cut + (n - n // 2)


@pytest.mark.parametrize("template", list(BRIEFS))
def test_nothing_holds_still_longer_than_a_second_and_a_half(measured, template):
    m = measured(template)
    still = m["still"]
    worst = int(np.argmin(still))
    spec = m["spec"]
    beat = next(i for i in range(len(spec.beats)) if spec.beat_frame_range(i)[1] > worst)
    assert still.min() > FROZEN_MAD, (
        f"{template}: frames {worst}..{worst + int(FROZEN_S * FPS)} (beat {beat}, {spec.beats[beat].name}, "
        f"{spec.beats[beat].camera_movement}) differ by only {still.min():.3f}: a frozen picture")


@pytest.mark.parametrize("template", list(BRIEFS))
def test_every_beat_boundary_shows(measured, template):
    m = measured(template)
    spec = m["spec"]
    for i in range(len(spec.beats) - 1):
        before, after = _around_boundary(spec, i)
        diff = np.abs(m["frames"][before] - m["frames"][after]).mean()
        assert diff > BOUNDARY_MAD, (f"{template}: {spec.transitions[i].type} between {spec.beats[i].name} and "
                                     f"{spec.beats[i + 1].name} changes the picture by only {diff:.2f}")


def test_identical_looking_text_cards_still_cut_visibly(tmp_path_factory):
    """Two cards in a row with the same words: the cut must still show."""
    ctx = _context(tmp_path_factory, "lookalike")
    project = create_project(ctx, make_brief(prompt=BRIEFS["announcement"], template="announcement",
                                             duration_s=12.0, **SMALL))
    run_project(ctx, project.id, stop_after="spec")
    data = ctx.store.get_project(project.id).spec.model_dump()
    data["beats"] = [dict(b) for b in data["beats"]]
    data["transitions"] = [dict(t) for t in data["transitions"]]
    for j in (1, 2):
        data["beats"][j].update(shot_type="text_card", camera_movement="static", text="Same words",
                                text_role="tagline")
    data["transitions"][1] = {"type": "cut", "duration": 0.0}
    update_spec(ctx, project.id, data)
    results = run_project(ctx, project.id)
    spec = ctx.store.get_project(project.id).spec
    frames = frames_of(export_path(results)).astype(np.int16)
    before, after = _around_boundary(spec, 1)
    assert np.abs(frames[before] - frames[after]).mean() > BOUNDARY_MAD


# --- kinetic headline ---------------------------------------------------------------------------

HEADLINE = "Nova X1 arrives March 1st"


@pytest.fixture(scope="module")
def headline(tmp_path_factory):
    """An announcement whose headline carries a date, decoded."""
    ctx = _context(tmp_path_factory, "headline")
    project = create_project(ctx, make_brief(prompt=BRIEFS["announcement"], template="announcement",
                                             duration_s=DURATION_S, **SMALL))
    run_project(ctx, project.id, stop_after="spec")
    data = ctx.store.get_project(project.id).spec.model_dump()
    data["beats"] = [dict(b) for b in data["beats"]]
    data["beats"][0].update(text=HEADLINE, text_role="title", shot_type="text_card")
    data["story"] = {**data["story"], "news": "launch", "date": "March 1st"}
    update_spec(ctx, project.id, data)
    results = run_project(ctx, project.id)
    spec = ctx.store.get_project(project.id).spec
    return spec, frames_of(export_path(results)).astype(np.int16)


def _text_region(spec) -> tuple[slice, slice]:
    w, h = SMALL["width"], SMALL["height"]
    x, y, bw, bh = layout_for("text_card", "title", w, h).text_box.px(w, h)
    return slice(y, y + bh), slice(x, x + bw)


def test_headline_words_arrive_one_after_another(headline):
    spec, frames = headline
    rows, cols = _text_region(spec)
    f0, f1 = spec.beat_frame_range(0)
    at = lambda s: frames[f0 + int(round(s * FPS))][rows, cols]  # noqa: E731
    blank = at(0.0)
    settled = frames[f1 - spec.transition_frames(0) // 2 - 2][rows, cols]
    assert np.abs(at(0.2) - at(0.6)).mean() > 2.0, "the headline does not move between 0.2 s and 0.6 s"
    # Words land in reading order: part way in, the first line is done while the last is not.
    ink = np.abs(settled - blank).max(axis=2) > 40
    lines = np.nonzero(ink.any(axis=1))[0]
    mid = (lines[0] + lines[-1]) // 2
    top, bottom = slice(lines[0], mid), slice(mid, lines[-1] + 1)

    def done(frame: np.ndarray, part: slice) -> float:
        region = ink[part]
        return 1.0 - np.abs(frame[part] - settled[part]).max(axis=2)[region].mean() / \
            np.abs(blank[part] - settled[part]).max(axis=2)[region].mean()

    early = at(0.55)
    assert done(early, top) > 0.6, f"first line only {done(early, top):.2f} in at 0.55 s"
    assert done(early, top) - done(early, bottom) > 0.3, "the lines arrive together, not word by word"


def test_headline_fact_is_in_the_accent_colour(headline):
    spec, frames = headline
    rows, cols = _text_region(spec)
    f0, f1 = spec.beat_frame_range(0)
    roles = look_roles(roles_for(spec.style.palette, spec.style.lighting), spec.style.aesthetic, spec.style.lighting)
    accent = np.array(roles.accent, np.int16)
    settled = frames[f1 - spec.transition_frames(0) // 2 - 2][rows, cols]
    blank = frames[f0][rows, cols]
    near = lambda img: (np.abs(img - accent).max(axis=2) < 40)  # noqa: E731
    grown = int(near(settled).sum()) - int(near(blank).sum())
    area = settled.shape[0] * settled.shape[1]
    # "March 1st" in the accent colour covers about 2% of the text box; the accent rule alone 0.1%.
    assert grown > area * 0.01, f"only {grown} more accent-coloured pixels once the headline is in"
    # ...and it is the larger, lower line: the fact, not the rule.
    ys = np.nonzero(near(settled).any(axis=1))[0]
    assert ys.max() - ys.min() > SMALL["height"] * 0.05


# --- looks --------------------------------------------------------------------------------------

W, H = 480, 270
PALETTE, LIGHTING = ("#5a6270", "#d08c4a", "#e8e2d6"), "soft studio"  # neutral: the look decides


def _look(aesthetic: str, shot: str = "product_hero", seed: int = 3) -> np.ndarray:
    roles = roles_for(PALETTE, LIGHTING)
    img = paint_backdrop(shot, layout_for(shot, "tagline", W, H), roles, W, H, seed, LIGHTING, aesthetic=aesthetic)
    bh, bw = img.shape[:2]
    y0, x0 = (bh - H) // 2, (bw - W) // 2
    return img[y0:y0 + H, x0:x0 + W].astype(np.float32)


def _stats(img: np.ndarray) -> dict[str, float]:
    lum = img @ np.array([0.2126, 0.7152, 0.0722], np.float32)
    # Fine bright lines: what a 7x7 opening removes from the bright side (a white top-hat), by
    # more than 50 levels. Grain and confetti edges stay below that (<0.03% of the frame).
    tophat = lum - cv2.morphologyEx(lum, cv2.MORPH_OPEN, np.ones((7, 7), np.uint8))
    return {
        "lum": float(lum.mean()),
        "green": float((img[..., 1] - (img[..., 0] + img[..., 2]) / 2).mean()),
        "texture": float(np.abs(lum - cv2.GaussianBlur(lum, (0, 0), 2.0)).mean()),
        "thin_bright": float((tophat > 50).mean()),
        "saturation": float((img.max(axis=2) - img.min(axis=2)).mean()),
    }


@pytest.mark.parametrize("shot", ["product_hero", "text_card"])
def test_the_four_looks_differ_in_the_expected_direction(shot):
    s = {a: _stats(_look(a, shot)) for a in ("luxury", "rugged", "natural organic", "playful")}
    lux, rug, nat, play = s["luxury"], s["rugged"], s["natural organic"], s["playful"]
    # Rugged: earthy and dark, textured (wood, leather, grain).
    assert rug["lum"] < play["lum"] - 80
    assert rug["texture"] > 2 * play["texture"] and rug["texture"] > 2 * nat["texture"]
    # Natural organic: green.
    assert nat["green"] > 10 and all(nat["green"] > s[a]["green"] + 8 for a in s if a != "natural organic")
    # Luxury: the darkest, with fine bright lines of metal.
    assert all(lux["lum"] < s[a]["lum"] for a in s if a != "luxury")
    assert lux["thin_bright"] > 0.005 and all(lux["thin_bright"] > 5 * s[a]["thin_bright"] for a in s if a != "luxury")
    # Playful: bright and saturated.
    assert play["lum"] > 170 and all(play["saturation"] > s[a]["saturation"] * 1.5 for a in s if a != "playful")


def test_every_aesthetic_has_a_set_of_its_own():
    looks = [a for a in LOOKS if a != "default"]
    imgs = {a: _look(a) for a in looks}
    for i, a in enumerate(looks):
        for b in looks[i + 1:]:
            diff = np.abs(imgs[a] - imgs[b]).mean()
            assert diff > 4.0, f"{a} and {b} look alike ({diff:.2f})"
