"""An uploaded product photo, judged the way the client who uploaded it sees it: a clean
cut-out with no light halo and without the photo's own floor shadow, the product's own colours
through the grade, close-ups that never turn into a screen of flat colour, and a storyboard and
style guide that show this product, not a generic one.

The photo is made here: a red mug (rounded body, handle ring, specular highlight) on a white
sweep with a soft grey shadow on the floor, saved as JPEG so every edge carries compression
artefacts, as a phone or e-commerce photo does."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image

from pipeline.models import Brief
from pipeline.phases.references import normalise
from pipeline.providers.local.spec_writer import write_spec
from pipeline.render import sketch
from pipeline.render.compose import affine
from pipeline.render.layout import layout_for
from pipeline.render.motion import hero_pose
from pipeline.render.scene import BeatScene, SceneSpec, render_still

ROOT = Path(__file__).resolve().parent.parent
LUTS = sorted((ROOT / "luts").glob("*.cube"))
REC709 = np.array([0.2126, 0.7152, 0.0722], np.float32)
KER = np.ones((3, 3), np.uint8)


# --- the photo --------------------------------------------------------------------------------


def mug_photo(path: Path, size: tuple[int, int] = (720, 576), shading: float = 0.3, quality: int = 85) -> dict:
    """Write the mug photo as JPEG; return masks (at the photo's size) of the mug, of the floor
    shadow well away from the mug, and of the backdrop seen through the handle."""
    W, H = size
    ss = 3  # drawn 3x larger and reduced: anti-aliased edges, as a camera gives
    w, h = W * ss, H * ss
    yy, xx = np.mgrid[:h, :w].astype(np.float32)
    img = np.dstack([246 - 8 * yy / h] * 2 + [245 - 8 * yy / h])  # off-white sweep, gentle falloff
    cx, base = 0.46 * w, 0.80 * h
    shadow = np.exp(-(((xx - (cx + 0.09 * w)) / (0.28 * w)) ** 2 + ((yy - base) / (0.05 * h)) ** 2))
    img = img * (1 - 0.42 * shadow)[..., None]
    x0, x1, y0 = cx - 0.15 * w, cx + 0.15 * w, 0.22 * h
    body = np.zeros((h, w), np.uint8)  # a rounded rectangle
    r = int(0.03 * w)
    cv2.rectangle(body, (int(x0 + r), int(y0)), (int(x1 - r), int(base)), 255, -1)
    cv2.rectangle(body, (int(x0), int(y0 + r)), (int(x1), int(base - r)), 255, -1)
    for px, py in ((x0 + r, y0 + r), (x1 - r, y0 + r), (x0 + r, base - r), (x1 - r, base - r)):
        cv2.circle(body, (int(px), int(py)), r, 255, -1)
    hc = (int(x1 + 0.01 * w), int(0.50 * h))
    handle = np.zeros((h, w), np.uint8)
    cv2.ellipse(handle, hc, (int(0.085 * w), int(0.14 * h)), 0, 0, 360, 255, -1)
    hole = np.zeros_like(handle)
    cv2.ellipse(hole, hc, (int(0.045 * w), int(0.085 * h)), 0, 0, 360, 255, -1)
    handle[hole > 0] = 0
    handle[:, : int(x1 - 0.01 * w)] = 0
    hole[:, : int(x1) + 4 * ss] = 0
    u = np.clip((xx - x0) / (x1 - x0), 0, 1)
    red = np.array([196, 28, 36], np.float32)
    shade = 1 - shading + shading * np.sin(np.pi * np.clip(u * 0.9 + 0.05, 0, 1)) ** 0.7
    mug = red * shade[..., None]
    gloss = (np.exp(-(((u - 0.27) / 0.035) ** 2)) * np.clip((yy - y0) / (0.1 * h), 0, 1)
             * np.clip((base - yy) / (0.1 * h), 0, 1))
    mug = mug + (np.array([255, 236, 232], np.float32) - mug) * (0.85 * gloss)[..., None]
    img = np.where((handle > 0)[..., None], red * 0.85, img)
    img = np.where((body > 0)[..., None], mug, img)
    small = cv2.resize(np.clip(img, 0, 255).astype(np.uint8), (W, H), interpolation=cv2.INTER_AREA)
    Image.fromarray(small).save(path, quality=quality)

    def down(m: np.ndarray) -> np.ndarray:
        return cv2.resize(m.astype(np.float32), (W, H), interpolation=cv2.INTER_AREA) > 0.5

    mug_mask = down((body > 0) | (handle > 0))
    near_mug = cv2.dilate(mug_mask.astype(np.uint8), KER, iterations=6).astype(bool)
    return {"mug": mug_mask, "shadow": down(shadow > 0.25) & ~near_mug,
            "hole": cv2.erode(down(hole > 0).astype(np.uint8), KER, iterations=3).astype(bool)}


@pytest.fixture(scope="module")
def photo(tmp_path_factory) -> tuple[Path, dict]:
    path = tmp_path_factory.mktemp("photo") / "mug.jpg"
    return path, mug_photo(path)


@pytest.fixture(scope="module")
def cutout(photo) -> Path:
    out = photo[0].with_name("mug_cutout.png")
    normalise(str(photo[0]), out, True)
    return out


@pytest.fixture(scope="module")
def flat_cutout(tmp_path_factory) -> Path:
    """A mug with hardly any shading: its body is one flat red, the hardest case for close-ups."""
    d = tmp_path_factory.mktemp("flat")
    mug_photo(d / "flat.jpg", shading=0.06)
    normalise(str(d / "flat.jpg"), d / "flat.png", True)
    return d / "flat.png"


def rgba_of(path: Path) -> tuple[np.ndarray, np.ndarray]:
    arr = np.asarray(Image.open(path).convert("RGBA"), np.float32)
    return arr[..., :3], arr[..., 3] / 255.0


def cutout_offset(alpha: np.ndarray, mug: np.ndarray) -> tuple[int, int]:
    """Where the cut-out's (0, 0) lies in the photo: its opaque box matched to the mug's box."""
    ys, xs = np.nonzero(alpha > 0.5)
    my, mx = np.nonzero(mug)
    return int(mx.min() - xs.min()), int(my.min() - ys.min())


def fringe_figures(rgb: np.ndarray, alpha: np.ndarray) -> tuple[float, float, int]:
    """(mean luminance of the 2-px band just inside the alpha edge, of the product's interior,
    number of near-white pixels with alpha > 0.1 within 3 px of the edge)."""
    solid = (alpha > 0.5).astype(np.uint8)
    band = solid.astype(bool) & ~cv2.erode(solid, KER, iterations=2).astype(bool)
    interior = cv2.erode(solid, KER, iterations=8).astype(bool)
    edge_zone = cv2.dilate(solid, KER, iterations=3).astype(bool) & ~cv2.erode(solid, KER, iterations=3).astype(bool)
    lum = rgb @ REC709
    white = edge_zone & (alpha > 0.1) & (rgb.min(axis=2) > 200)
    return float(lum[band].mean()), float(lum[interior].mean()), int(white.sum())


# --- (a, b) the cut-out ----------------------------------------------------------------------


def test_cutout_is_a_png_with_alpha_cropped_to_the_mug(cutout, photo):
    img = Image.open(cutout)
    assert img.format == "PNG" and img.mode == "RGBA"
    mug = photo[1]["mug"]
    my, mx = np.nonzero(mug)
    # Cropped to the mug with a small margin: nothing of the floor shadow widened the box.
    assert abs(img.height - (my.max() - my.min() + 1)) <= 12
    assert abs(img.width - (mx.max() - mx.min() + 1)) <= 12


def test_cutout_has_no_light_fringe(cutout):
    rgb, alpha = rgba_of(cutout)
    band, interior, white = fringe_figures(rgb, alpha)
    assert band <= interior + 6, f"edge band luminance {band:.1f} vs interior {interior:.1f}"
    assert white == 0, f"{white} near-white pixels along the edge"
    # Over black, the edge must not light up either: no composited edge pixel brighter than
    # the brightest of the product's own colours beside it.
    over_black = rgb * alpha[..., None]
    solid = (alpha > 0.5).astype(np.uint8)
    ring = cv2.dilate(solid, KER, iterations=2).astype(bool) & ~cv2.erode(solid, KER, iterations=2).astype(bool)
    assert (over_black[ring] @ REC709).max() < 130


def test_floor_shadow_and_handle_hole_are_keyed_out(cutout, photo):
    _, alpha = rgba_of(cutout)
    masks = photo[1]
    ox, oy = cutout_offset(alpha, masks["mug"])
    h, w = alpha.shape
    for name in ("shadow", "hole"):
        ys, xs = np.nonzero(masks[name])
        ys, xs = ys - oy, xs - ox
        inside = (ys >= 0) & (ys < h) & (xs >= 0) & (xs < w)
        values = alpha[ys[inside], xs[inside]]
        assert len(values) == 0 or values.max() <= 0.05, f"{name}: alpha up to {values.max():.2f}"
    assert masks["hole"].sum() > 200 and (masks["shadow"].sum() > 2000)  # the masks are not empty
    # The mug itself is solid.
    ys, xs = np.nonzero(cv2.erode(masks["mug"].astype(np.uint8), KER, iterations=4))
    assert alpha[ys - oy, xs - ox].min() > 0.98


def test_a_grey_product_on_its_own_grey_shadow_is_kept_whole(tmp_path):
    """A shadow is removed by its colour (a darker backdrop) and softness; a grey product is
    the same colour, and must not go with it where the two meet."""
    h, w = 400, 400
    yy, xx = np.mgrid[:h, :w].astype(np.float32)
    img = np.full((h, w, 3), 240.0) * (1 - 0.45 * np.exp(-(((xx - 220) / 120) ** 2 + ((yy - 330) / 18) ** 2)))[..., None]
    can = (np.abs(xx - 200) < 70) & (yy > 80) & (yy < 330)
    img[can] = np.dstack([(0.45 + 0.25 * np.sin(np.pi * np.clip((xx - 130) / 140, 0, 1))) * 255] * 3)[can]
    Image.fromarray(img.astype(np.uint8)).save(tmp_path / "can.jpg", quality=90)
    normalise(str(tmp_path / "can.jpg"), tmp_path / "can.png", True)
    _, alpha = rgba_of(tmp_path / "can.png")
    assert abs(alpha.shape[0] - 250) <= 12 and abs(alpha.shape[1] - 139) <= 12
    assert (alpha > 0.98).sum() >= 0.95 * can.sum()


def test_photos_with_transparency_or_a_busy_background_are_kept(tmp_path):
    cut = Image.new("RGBA", (200, 200), (255, 255, 255, 0))
    cut.paste((0, 0, 255, 255), (50, 50, 150, 150))
    cut.save(tmp_path / "cut.png")
    normalise(str(tmp_path / "cut.png"), tmp_path / "cut_n.png", True)
    assert np.array_equal(np.asarray(Image.open(tmp_path / "cut_n.png"))[..., 3], np.asarray(cut)[..., 3])
    busy = np.random.default_rng(3).integers(0, 256, (240, 320, 3), dtype=np.uint8)
    Image.fromarray(busy).save(tmp_path / "busy.png")
    normalise(str(tmp_path / "busy.png"), tmp_path / "busy_n.png", True)
    out = np.asarray(Image.open(tmp_path / "busy_n.png"))
    assert out.shape == (240, 320, 4) and out[..., 3].min() == 255


# --- (c, d) in the scene ------------------------------------------------------------------------


def scene_spec(hero: Path | None, shot: str, move: str = "static", size=(640, 360), **kw) -> SceneSpec:
    fields = dict(
        width=size[0], height=size[1], fps=30, duration=3.0, shot_type=shot, camera_movement=move, text="",
        text_role="none", seed=11, palette=("#c8102e", "#3b2a22", "#e8a87c"), aesthetic="warm cozy",
        mood="warm", lighting="warm golden hour", product_name="Red ceramic mug", brand="", category="mug",
        hero_path=str(hero) if hero else None, product_seed=3,
    )
    fields.update(kw)
    return SceneSpec(**fields)


def product_mask(scene: BeatScene, t: float) -> np.ndarray:
    """Where the product itself (the hero layer's opaque part, not its shadow) is in the frame."""
    s = scene.spec
    hp = hero_pose(s.camera_movement, t / s.duration)
    fx, fy = scene.focus()
    m = affine(hp, scene.hero_anchor, (fx - hp.dx * s.width, fy - hp.dy * s.height), scale=scene.hero_scale)
    a = cv2.warpAffine(scene.hero.a, m, (s.width, s.height))
    return cv2.erode((a > 0.98).astype(np.uint8), KER, iterations=2).astype(bool)


def dominant_hue_chroma(rgb: np.ndarray, mask: np.ndarray) -> tuple[float, float]:
    """Hue (degrees) and chroma of the median CIELAB a*b* of the masked pixels."""
    lab = cv2.cvtColor(rgb.astype(np.float32) / 255.0, cv2.COLOR_RGB2LAB)[mask]
    a, b = float(np.median(lab[:, 1])), float(np.median(lab[:, 2]))
    return float(np.degrees(np.arctan2(b, a))), float(np.hypot(a, b))


def colour_drift(cutout: Path, shot: str, lut: Path, contrast: float, saturation: float) -> tuple[float, float]:
    """(hue drift in degrees, relative chroma change) of the product's dominant colour."""
    rgb, alpha = rgba_of(cutout)
    inside = cv2.erode((alpha > 0.98).astype(np.uint8), KER, iterations=3).astype(bool)
    hue0, chroma0 = dominant_hue_chroma(rgb, inside)
    scene = BeatScene.build(scene_spec(cutout, shot, lut_path=str(lut), contrast=contrast, saturation=saturation))
    t = 1.0
    frame = render_still(scene, t)
    hue1, chroma1 = dominant_hue_chroma(frame, product_mask(scene, t))
    return abs((hue1 - hue0 + 180) % 360 - 180), chroma1 / chroma0 - 1


@pytest.mark.parametrize("lut", LUTS, ids=[p.stem for p in LUTS])
@pytest.mark.parametrize("shot", ["product_hero", "close_up"])
def test_the_grade_keeps_the_products_own_colour(cutout, shot, lut):
    hue, chroma = colour_drift(cutout, shot, lut, contrast=1.1, saturation=1.2)
    assert hue <= 8, f"hue moved {hue:.1f} degrees"
    assert abs(chroma) <= 0.15, f"chroma changed {chroma:+.0%}"


def flat_fraction(rgb: np.ndarray, tol: int = 12) -> float:
    """Share of the frame within `tol` levels (every channel) of its most common colour."""
    px = rgb.reshape(-1, 3).astype(np.int16)
    q = (px // 8).astype(np.int32)
    mode = np.bincount((q[:, 0] << 10) | (q[:, 1] << 5) | q[:, 2]).argmax()
    centre = np.array([(mode >> 10) & 31, (mode >> 5) & 31, mode & 31]) * 8 + 4
    centre = px[np.abs(px - centre).max(axis=1) <= tol].mean(axis=0)  # the mode's own mean
    return float((np.abs(px - centre).max(axis=1) <= tol).mean())


def test_flat_fraction_sees_a_flat_screen():
    red = np.zeros((90, 160, 3), np.uint8)
    red[:] = (200, 30, 40)
    red[:, :40] = (30, 20, 20)
    assert flat_fraction(red) == pytest.approx(0.75, abs=0.01)


@pytest.mark.parametrize("shot", ["close_up", "macro"])
@pytest.mark.parametrize("size", [(640, 360), (360, 640)])
def test_close_ups_of_a_photo_never_fill_the_frame_with_one_flat_colour(flat_cutout, shot, size):
    for move in ("push_in", "pan_across", "static"):
        scene = BeatScene.build(scene_spec(flat_cutout, shot, move, size))
        for u in np.linspace(0.0, 1.0, 6):
            t = u * scene.spec.duration
            frame = render_still(scene, t)
            flat = flat_fraction(frame)
            assert flat <= 0.6, f"{move} at {u:.1f}: one flat colour covers {flat:.0%} of the frame"
            shown = product_mask(scene, t).mean()
            assert shown >= 0.12, f"{move} at {u:.1f}: the product covers only {shown:.0%}"


# --- (e) the storyboard and the style guide --------------------------------------------------


def test_storyboard_sketches_the_uploaded_photo(cutout):
    plain = scene_spec(None, "product_hero")
    with_photo = replace(plain, hero_path=str(cutout))
    a = np.asarray(sketch.draw_keyframe(plain, "hero", 0, 6), np.float32)
    b = np.asarray(sketch.draw_keyframe(with_photo, "hero", 0, 6), np.float32)
    assert np.abs(a - b).mean() > 2.0
    # The hero is the photo's silhouette, drawn in pencil (no photo colours) where the render
    # puts it: dark inside the mug's outline, paper in its handle's hole.
    w, h = plain.width, plain.height
    lay = layout_for("product_hero", "none", w, h, has_text=False)
    _, alpha = rgba_of(cutout)
    H = lay.hero_height * h
    W = H * alpha.shape[1] / alpha.shape[0]
    x0, y0 = int(lay.hero_center[0] * w - W / 2), int(lay.hero_center[1] * h - H / 2)
    sil = cv2.resize(alpha, (int(W), int(H))) > 0.5
    box = b[y0:y0 + sil.shape[0], x0:x0 + sil.shape[1]]
    darkness = np.array(sketch.PAPER, np.float32).mean() - box.mean(axis=2)
    inner = cv2.erode(sil.astype(np.uint8), KER, iterations=3).astype(bool)
    outer = ~cv2.dilate(sil.astype(np.uint8), KER, iterations=4).astype(bool)
    assert darkness[inner].mean() > darkness[outer].mean() + 15
    assert (box[inner].max(axis=1) - box[inner].min(axis=1)).mean() < 25  # graphite, not red


def test_style_guide_shows_the_photo_itself(cutout):
    spec = write_spec(Brief(prompt="Create a sleek ad for luxury watches"))  # no red in this palette
    rgb, alpha = rgba_of(cutout)
    inside = cv2.erode((alpha > 0.98).astype(np.uint8), KER, iterations=3).astype(bool)
    red = np.median(rgb[inside], axis=0)

    def red_pixels(img: Image.Image) -> int:
        arr = np.asarray(img.convert("RGB"), np.float32)
        return int((np.abs(arr - red).max(axis=2) <= 25).sum())

    assert red_pixels(sketch.draw_style_guide(spec, None, None, size=(1280, 720))) < 50
    assert red_pixels(sketch.draw_style_guide(spec, str(cutout), None, size=(1280, 720))) > 3000
