"""Phase 3, references: the style guide, and the uploaded product photo and logo, checked and
normalised (orientation, colour mode, size; a plain studio background keyed out)."""

from __future__ import annotations

import threading
from pathlib import Path

import cv2
import numpy as np
from PIL import Image

from ..artifacts import artifact_key, file_digest
from ..config import Context
from ..models import Brief, ReferencesOutput, Spec
from ..uploads import KEPT_LONG_SIDE, check_upload, decode

NORMALISED_LONG_SIDE = KEPT_LONG_SIDE  # what the renderers use; a kept upload is no larger


def _key_out_background(rgba: Image.Image) -> Image.Image:
    """A product shot on a plain backdrop gets that backdrop removed, so it sits in our scene.

    What a client notices in a cut-out, and how each is avoided:
    - a light halo: edge pixels are a mix of product and backdrop. Their alpha is measured along
      the line from the local backdrop colour to the local product colour, the backdrop is
      un-mixed from their colour (C = (I - (1 - a) B) / a), the matte is eroded by about a pixel
      and feathered, and fully transparent pixels take the product's colour, so no later resize
      or warp can pull the backdrop back in;
    - the photo's own floor shadow kept as part of the product: soft, darker, low-chroma
      versions of the backdrop colour that connect to the backdrop are backdrop (the scene draws
      its own contact shadow);
    - holes: backdrop seen through the product (a mug's handle) is keyed out too.
    Photos that already have transparency, or whose background is not plain, are kept as-is.

    Memory: the per-pixel work never holds the whole photo in floating point. Full-frame masks
    are computed a band of rows at a time, and the soft matte (about 85 bytes a pixel while it
    runs) a band at a time with enough rows either side that every band's result is exactly what
    the whole image would give; a 2048 px photo filled by its product stays under 200 MB.
    """
    arr = np.asarray(rgba)
    if arr[..., 3].min() < 250:
        return rgba  # already has transparency
    h, w = arr.shape[:2]
    band = max(1, min(h, w) // 200)
    border = np.concatenate([arr[:band, :, :3].reshape(-1, 3), arr[-band:, :, :3].reshape(-1, 3),
                             arr[:, :band, :3].reshape(-1, 3), arr[:, -band:, :3].reshape(-1, 3)]).astype(np.float32)
    bg = np.median(border, axis=0)
    if np.mean(np.abs(border - bg)) > 12:  # busy background: keep the photo as it is
        return rgba
    matte = _backdrop_matte(arr, bg)
    if matte is None:
        return rgba
    (y0, x0), out = matte
    # Crop to the subject (the matte's region already holds it with a margin wider than the pad).
    rows = np.flatnonzero(out.kept_rows)
    cols = np.flatnonzero(out.kept_cols)
    if not len(cols):
        full = arr.copy()
        full[..., 3] = 0
        full[y0:y0 + out.rgba.shape[0], x0:x0 + out.rgba.shape[1]] = out.rgba
        return Image.fromarray(full, "RGBA")
    pad = 4
    top, left = max(0, y0 + rows[0] - pad), max(0, x0 + cols[0] - pad)
    bottom, right = min(h, y0 + rows[-1] + pad), min(w, x0 + cols[-1] + pad)
    return Image.fromarray(np.ascontiguousarray(out.rgba[top - y0:bottom - y0, left - x0:right - x0]), "RGBA")


def _blur_where(values: np.ndarray, mask: np.ndarray, sigma: float) -> tuple[np.ndarray, np.ndarray]:
    """Normalised convolution: the average of `values` over `mask` near each pixel, and the
    weight it rests on (0 where no masked pixel is near)."""
    m = mask.astype(np.float32)
    weight = cv2.GaussianBlur(m, (0, 0), sigma)
    lowest = np.maximum(weight, 1e-6)
    out = np.empty(values.shape, np.float32)
    # One channel at a time: the very sums of blurring all three at once, a third of the scratch.
    for c in range(values.shape[2]):
        np.divide(cv2.GaussianBlur(values[..., c] * m, (0, 0), sigma), lowest, out=out[..., c])
    return out, weight


def _projection(rgb: np.ndarray, B: np.ndarray, F: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(|F - B|^2, (rgb - B).(F - B)) per pixel, summed over the channels in order, one channel at a
    time (no three-channel temporaries)."""
    dd = num = None
    for c in range(3):
        d = F[..., c] - B[..., c]
        sq, dot = d * d, (rgb[..., c] - B[..., c]) * d
        if dd is None:
            dd, num = sq, dot
        else:
            dd += sq
            num += dot
    return dd, num


def _without_specks(mask: np.ndarray) -> np.ndarray | None:
    """The mask without components too small to be the product (JPEG noise, dust)."""
    h, w = mask.shape
    n, lab, st, _ = cv2.connectedComponentsWithStats(mask.astype(np.uint8), connectivity=8)
    big = st[:, 4] >= max(16, int(h * w * 0.0005))
    big[0] = False
    return big[lab] if big.any() else None


def _enclosed_by(edges: np.ndarray) -> np.ndarray:
    """The region an object's edge pixels outline: edges closed over gaps of a few percent of
    the image and filled; their convex hull when the outline does not close."""
    h, w = edges.shape
    if not edges.any():
        return np.zeros((h, w), bool)
    e8 = edges.astype(np.uint8)
    ks = max(5, int(min(h, w) * 0.04)) | 1
    closed = cv2.morphologyEx(e8, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (ks, ks)))
    pad = np.zeros((h + 2, w + 2), np.uint8)
    pad[1:-1, 1:-1] = closed
    outside = pad.copy()
    cv2.floodFill(outside, None, (0, 0), 2)
    filled = outside[1:-1, 1:-1] != 2
    hull = np.zeros((h, w), np.uint8)
    pts = cv2.findNonZero(e8)
    cv2.fillConvexPoly(hull, cv2.convexHull(pts), 1)
    hull_b = hull.astype(bool) | edges
    if filled.sum() < 0.5 * hull_b.sum():
        return hull_b
    return filled


class _Cutout:
    """The soft matte's result over its region: RGBA bytes, and which rows and columns hold
    alpha above 0.1 (what the cut-out is cropped to)."""

    def __init__(self, h: int, w: int) -> None:
        self.rgba = np.empty((h, w, 4), np.uint8)
        self.kept_rows = np.zeros(h, bool)
        self.kept_cols = np.zeros(w, bool)


_ROWS = 64  # rows of full-frame floating-point work at a time
_ROWS_HALO = 8  # rows either side that the luminance blur and Sobel reach (radius 4 + 1)
_MATTE_ROWS = 256  # rows of the soft matte kept from each band
# Rows either side that the soft matte's chain of erosions and blurs reaches: two rounds of
# the sigma-12 product blur (48 rows each) after a 3-row erosion, then 2 + 10 rows for the
# ring's colour; a band this much larger on each side gives exactly the whole image's result.
_MATTE_HALO = 128
_REC709 = np.array([0.2126, 0.7152, 0.0722], np.float32)


def _backdrop_masks(arr: np.ndarray, bgf: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(close, like, strong) over the whole photo, a band of rows at a time: the backdrop's
    own colour, backdrop-like (its colour scaled darker: a shadow), and strong luminance edges."""
    h, w = arr.shape[:2]
    bb = float(bgf @ bgf)
    dark = bb < 30.0 ** 2 * 3
    close, like, strong = np.empty((h, w), bool), np.empty((h, w), bool), np.zeros((h, w), bool)
    for y in range(0, h, _ROWS):
        a, b = max(0, y - _ROWS_HALO), min(h, y + _ROWS + _ROWS_HALO)
        keep = slice(y - a, min(h, y + _ROWS) - a)
        rows = slice(y, min(h, y + _ROWS))
        rgb = arr[a:b, :, :3].astype(np.float32)
        dist = np.sqrt(((rgb - bgf) ** 2).sum(axis=2))
        if dark:
            # A dark backdrop shows no shadows: the backdrop is whatever is close to its colour.
            like[rows] = close[rows] = (dist < 24)[keep]
            continue
        close[rows] = (dist < 16)[keep]  # the backdrop itself, within JPEG noise and a little falloff
        # Backdrop-like: the backdrop's own colour scaled darker (a shadow has its hue, less
        # light and no chroma of its own), within JPEG noise.
        k = (rgb @ bgf) / bb
        resid = np.sqrt(((rgb - k[..., None] * bgf) ** 2).sum(axis=2))
        like[rows] = ((k > 0.3) & (k < 1.08) & (resid < 8 + 10 * np.clip(1 - k, 0, 1)))[keep]
        # Shadows are soft; a product's outline is an edge. The backdrop may only spread
        # through gentle gradients.
        lum = cv2.GaussianBlur(rgb @ _REC709, (0, 0), 1.0)
        gx = cv2.Sobel(lum, cv2.CV_32F, 1, 0, ksize=3) / 8
        gy = cv2.Sobel(lum, cv2.CV_32F, 0, 1, ksize=3) / 8
        strong[rows] = (np.hypot(gx, gy) >= 7.0)[keep]
    return close, like, strong


def _backdrop_matte(arr: np.ndarray, bg: np.ndarray) -> tuple[tuple[int, int], _Cutout] | None:
    """The subject of an RGBA photo on a plain backdrop of colour `bg`, cut out: the top-left of
    the region it was cut from, and the cut-out over that region."""
    h, w = arr.shape[:2]
    bgf = bg.astype(np.float32)
    close, like, strong = _backdrop_masks(arr, bgf)
    cand = (like & ~strong).astype(np.uint8)
    del like
    n, labels, stats, _ = cv2.connectedComponentsWithStats(cand, connectivity=8)
    del cand
    edge_labels = np.unique(np.concatenate([labels[0], labels[-1], labels[:, 0], labels[:, -1]]))
    touches = np.zeros(n, bool)
    touches[edge_labels] = True
    touches[0] = False  # label 0 is "not a candidate"
    flooded = touches[labels]
    # Enclosed backdrop (seen through a handle, between legs): only what really is the
    # backdrop's colour and not a speck, so a white highlight on the product stays.
    closeness = np.bincount(labels[close], minlength=n) / np.maximum(stats[:, 4], 1)
    min_area = max(12, int(h * w * 0.0004))
    enclosed = (~touches) & (closeness > 0.9) & (stats[:, 4] >= min_area)
    enclosed[0] = False
    strict_bg = (flooded & close) | enclosed[labels]
    del labels, close
    core = _without_specks(~strict_bg)
    if core is None:
        return None
    # Shadows: the darker, soft backdrop-like region reached from the backdrop, outside the
    # product's outline. Where a grey product meets its own shadow the two can be the same
    # grey, and a flood alone would run on into the product; the outline (its strong edges,
    # closed over small gaps, or their convex hull if they do not close) stops it.
    outline = strong & cv2.dilate(core.astype(np.uint8), np.ones((5, 5), np.uint8)).astype(bool)
    del core, strong
    backdrop = strict_bg | (flooded & ~_enclosed_by(outline))
    del strict_bg, flooded, outline
    subject = _without_specks(~backdrop)
    del backdrop
    if subject is None or subject.mean() > 0.97:
        return None  # nothing (or nothing sensible) was keyed out: keep the photo

    # The soft matte needs only the subject and a margin around it.
    ys, xs = np.flatnonzero(subject.any(axis=1)), np.flatnonzero(subject.any(axis=0))
    m = 24
    y0, y1, x0, x1 = max(0, ys[0] - m), min(h, ys[-1] + m + 1), max(0, xs[0] - m), min(w, xs[-1] + m + 1)
    out = _Cutout(y1 - y0, x1 - x0)
    for y in range(y0, y1, _MATTE_ROWS):
        a, b = max(y0, y - _MATTE_HALO), min(y1, y + _MATTE_ROWS + _MATTE_HALO)
        keep = slice(y - a, min(y1, y + _MATTE_ROWS) - a)
        rgb = arr[a:b, x0:x1, :3].astype(np.float32)
        alpha, colour = _soft_matte(rgb, subject[a:b, x0:x1], bgf)
        alpha, colour = alpha[keep], colour[keep]
        rows = slice(y - y0, min(y1, y + _MATTE_ROWS) - y0)
        out.rgba[rows, :, :3] = np.clip(colour + 0.5, 0, 255)
        out.rgba[rows, :, 3] = alpha * 255 + 0.5
        kept = alpha > 0.1
        out.kept_rows[rows] = kept.any(axis=1)
        out.kept_cols |= kept.any(axis=0)
    return (y0, x0), out


def _soft_matte(rgb: np.ndarray, subject: np.ndarray, bgf: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Alpha and decontaminated colour along the edge of the hard `subject` mask."""
    # Soft alpha in the edge band: each pixel projected onto the line from the local backdrop
    # colour B to the local product colour F.
    sub8 = subject.astype(np.uint8)
    ker = np.ones((3, 3), np.uint8)
    # Sure product: well inside the subject (highlights there stay), and near the edge only
    # what measures as product. The subject runs a few pixels past the true edge, and around
    # it lie the edge's mixed pixels and JPEG ringing (light pixels that are not the product).
    deep = cv2.erode(sub8, ker, iterations=6).astype(bool)
    sure_bg = cv2.erode((~subject).astype(np.uint8), ker, iterations=2).astype(bool)
    B, wb = _blur_where(rgb, sure_bg, 4.0)
    B[wb < 1e-3] = bgf
    del wb, sure_bg
    sure_fg = cv2.erode(sub8, ker, iterations=3).astype(bool)
    a_hard = cv2.GaussianBlur(subject.astype(np.float32), (0, 0), 0.8)
    inside = cv2.erode(sub8, ker, iterations=1).astype(bool)
    F = None
    for _ in range(2):
        F = None  # the last round's estimate goes before the next is made
        F, wf = _blur_where(rgb, sure_fg, 3.0)
        F_far, _ = _blur_where(rgb, sure_fg, 12.0)
        np.copyto(F, F_far, where=(wf < 0.02)[..., None])
        del F_far, wf
        dd, num = _projection(rgb, B, F)
        a_proj = np.clip(num / np.maximum(dd, 1.0), 0.0, 1.0)
        # Where product and backdrop are too alike to measure, trust the hard mask (softened).
        a_proj = np.where(dd > 40.0 ** 2, a_proj, a_hard)
        a_proj = np.where(deep, 1.0, np.where(subject, a_proj, 0.0))
        sure_fg = deep | ((a_proj > 0.95) & inside)
        del dd, num
    edge = subject & ~sure_fg
    # Levels on the matte: JPEG noise leaves a product pixel at 0.95 or a backdrop one at 0.03.
    alpha = np.clip((a_proj - 0.04) / (0.92 - 0.04), 0.0, 1.0).astype(np.float32)
    # About a pixel in from the edge, then a soft (but tight) feather.
    alpha = 0.5 * alpha + 0.5 * cv2.erode(alpha, ker, iterations=1)
    alpha = np.minimum(cv2.GaussianBlur(alpha, (0, 0), 0.6), subject.astype(np.float32))
    alpha[alpha < 0.02] = 0.0
    # Un-mix the backdrop from the edge pixels (C = (I - (1 - a) B) / a); where too little
    # product is left to un-mix, use the nearby product colour. A channel at a time: the
    # un-mixed colour is computed twice (for its distance to F, then for the blend) rather than
    # held as a three-channel array.
    a_safe = np.maximum(a_proj, 1e-3)
    backdrop_share = 1.0 - a_safe
    off2 = None
    for c in range(3):
        sq = (_unmixed(rgb[..., c], B[..., c], backdrop_share, a_safe) - F[..., c]) ** 2
        off2 = sq if off2 is None else np.add(off2, sq, out=off2)
    # Trusted where enough product is left, and where the result stays near the product's own
    # colour (a wrong estimate of B or F un-mixes to black or white).
    trust = np.clip((a_proj - 0.25) / 0.5, 0, 1) * np.clip((120 - np.sqrt(off2)) / 60, 0, 1)
    del off2
    colour = np.empty_like(rgb)
    for c in range(3):
        unmixed = _unmixed(rgb[..., c], B[..., c], backdrop_share, a_safe)
        colour[..., c] = np.where(edge, unmixed * trust + F[..., c] * (1 - trust), rgb[..., c])
        del unmixed
    del B, trust, a_safe, backdrop_share
    # JPEG ringing also leaves a dark line just inside an edge: the outermost two pixels of the
    # product take the colour from a little further in.
    inner = cv2.erode(sure_fg.astype(np.uint8), ker, iterations=2).astype(bool)
    F_in, w_in = _blur_where(rgb, inner, 2.5)
    ring = sure_fg & ~inner & (w_in > 0.02)
    np.copyto(colour, F_in, where=ring[..., None])
    np.copyto(colour, F, where=~(alpha > 0)[..., None])
    return alpha, colour


def _unmixed(value: np.ndarray, backdrop: np.ndarray, backdrop_share: np.ndarray, a_safe: np.ndarray) -> np.ndarray:
    """One channel of the colour with the backdrop un-mixed: C = (I - (1 - a) B) / a."""
    return np.clip((value - backdrop_share * backdrop) / a_safe, 0, 255)


def normalise(src: str, out: Path, key_background: bool, what: str = "image") -> None:
    """The upload upright, in sRGB, as RGBA at most NORMALISED_LONG_SIDE long (decoded at that size,
    never at full size first), its plain backdrop keyed out when asked."""
    img = decode(src, what, NORMALISED_LONG_SIDE).convert("RGBA")
    if key_background:
        img = _key_out_background(img)
    img.save(out, format="PNG")


def _normalised(ctx: Context, src: str | None, what: str, key_background: bool) -> tuple[str | None, bool]:
    if not src:
        return None, False
    check_upload(src, what)
    key = artifact_key("upload", digest=file_digest(src), what=what, key_bg=key_background)
    path = ctx.artifacts.path("upload", key, f"{what}.png")
    # The animatic and this phase run side by side and both want the cut-out: one makes it,
    # the other waits for it instead of cutting the same photo out again.
    with _ONE_AT_A_TIME.setdefault(key, threading.Lock()):
        if ctx.artifacts.has("upload", key, f"{what}.png"):
            return str(path), False
        with ctx.artifacts.writing(path) as tmp:
            normalise(src, tmp, key_background, what)
        ctx.store.record_artifact(key, "upload", str(path), ctx.project_id)
    return str(path), True


_ONE_AT_A_TIME: dict[str, threading.Lock] = {}


def product_cutout(ctx: Context, brief: Brief) -> str | None:
    """The normalised, cut-out product photo (a cached artifact: computed once, shared)."""
    return _normalised(ctx, brief.product_image_path, "product", True)[0]


def run(ctx: Context, spec: Spec, brief: Brief) -> tuple[ReferencesOutput, bool]:
    product, w1 = _normalised(ctx, brief.product_image_path, "product", True)
    ctx.report("references", 0.3, "product image ready" if product else "no product image: drawing a stand-in")
    logo, w2 = _normalised(ctx, brief.logo_path, "logo", True)
    ctx.report("references", 0.5, "logo ready" if logo else "no logo: setting a wordmark")
    p = ctx.providers.image
    key = artifact_key("style_guide", style=spec.style, product=spec.product, audio=spec.audio,
                       grade=spec.color_grading, product_img=file_digest(product), logo=file_digest(logo),
                       provider=p.name, version=p.version)
    path = ctx.artifacts.path("style_guide", key, "style_guide.png")
    worked = w1 or w2
    if not ctx.artifacts.has("style_guide", key, "style_guide.png"):
        img = p.style_guide(ctx, spec, product, logo)
        with ctx.artifacts.writing(path) as tmp:
            img.convert("RGB").save(tmp, format="PNG")
        ctx.store.record_artifact(key, "style_guide", str(path), ctx.project_id)
        worked = True
    ctx.report("references", 1.0, "style guide ready")
    from ..render.scene import hero_source_for
    hero = hero_source_for(spec.product.name, spec.product.noun, spec.product.category, product)
    return ReferencesOutput(style_guide=str(path), product_image=product, logo=logo, hero=hero), worked
