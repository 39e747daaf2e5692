"""Phase 3, references: the style guide, and the uploaded product photo and logo, checked and
normalised (orientation, colour mode, size; a plain studio background keyed out)."""

from __future__ import annotations

import threading
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from ..artifacts import artifact_key, file_digest
from ..config import Context
from ..errors import InputError
from ..models import Brief, ReferencesOutput, Spec

ALLOWED_FORMATS = {"PNG", "JPEG", "WEBP"}
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
MAX_PIXELS = 40_000_000
MIN_SIDE = 32
NORMALISED_LONG_SIDE = 2048


def check_upload(path: str | Path, what: str) -> None:
    """Reject anything but a reasonably sized PNG, JPEG or WEBP, with a message that says why."""
    p = Path(path)
    if not p.is_file():
        raise InputError(f"{what}: file {p.name} does not exist")
    size = p.stat().st_size
    if size == 0:
        raise InputError(f"{what}: {p.name} is empty")
    if size > MAX_UPLOAD_BYTES:
        raise InputError(f"{what}: {p.name} is {size / 1e6:.1f} MB; the limit is {MAX_UPLOAD_BYTES // 1_000_000} MB")
    try:
        with Image.open(p) as img:
            fmt = img.format
            w, h = img.size
            img.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise InputError(f"{what}: {p.name} is not an image; upload a PNG, JPEG or WEBP file") from None
    except Image.DecompressionBombError:
        raise InputError(f"{what}: {p.name} has too many pixels; use an image under 40 megapixels") from None
    if fmt not in ALLOWED_FORMATS:
        raise InputError(f"{what}: {p.name} is {fmt}; upload a PNG, JPEG or WEBP file")
    if w * h > MAX_PIXELS:
        raise InputError(f"{what}: {p.name} is {w}x{h}; use an image under 40 megapixels")
    if min(w, h) < MIN_SIDE:
        raise InputError(f"{what}: {p.name} is only {w}x{h}; use an image at least {MIN_SIDE} px on each side")


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
    """
    arr = np.asarray(rgba)
    if arr[..., 3].min() < 250:
        return rgba  # already has transparency
    rgb = arr[..., :3].astype(np.float32)
    h, w = rgb.shape[:2]
    band = max(1, min(h, w) // 200)
    border = np.concatenate([rgb[:band].reshape(-1, 3), rgb[-band:].reshape(-1, 3),
                             rgb[:, :band].reshape(-1, 3), rgb[:, -band:].reshape(-1, 3)])
    bg = np.median(border, axis=0)
    if np.mean(np.abs(border - bg)) > 12:  # busy background: keep the photo as it is
        return rgba
    matte = _backdrop_matte(rgb, bg)
    if matte is None:
        return rgba
    alpha, colour = matte
    out = np.dstack([np.clip(colour + 0.5, 0, 255), alpha * 255 + 0.5]).astype(np.uint8)
    img = Image.fromarray(out, "RGBA")
    # Crop to the subject.
    ys, xs = np.nonzero(alpha > 0.1)
    if len(xs):
        pad = 4
        img = img.crop((max(0, xs.min() - pad), max(0, ys.min() - pad), min(img.width, xs.max() + pad),
                        min(img.height, ys.max() + pad)))
    return img


def _blur_where(values: np.ndarray, mask: np.ndarray, sigma: float) -> tuple[np.ndarray, np.ndarray]:
    """Normalised convolution: the average of `values` over `mask` near each pixel, and the
    weight it rests on (0 where no masked pixel is near)."""
    m = mask.astype(np.float32)
    weight = cv2.GaussianBlur(m, (0, 0), sigma)
    num = cv2.GaussianBlur(values * m[..., None], (0, 0), sigma)
    return num / np.maximum(weight, 1e-6)[..., None], weight


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


def _backdrop_matte(rgb: np.ndarray, bg: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """(alpha 0..1, decontaminated colour) of the subject on a plain backdrop of colour `bg`."""
    h, w = rgb.shape[:2]
    bgf = bg.astype(np.float32)
    bb = float(bgf @ bgf)
    dist = np.sqrt(((rgb - bgf) ** 2).sum(axis=2))
    close = dist < 16  # the backdrop itself, within JPEG noise and a little falloff
    if bb < 30.0 ** 2 * 3:
        # A dark backdrop shows no shadows: the backdrop is whatever is close to its colour.
        like = dist < 24
        strong = np.zeros((h, w), bool)
        close = like
    else:
        # Backdrop-like: the backdrop's own colour scaled darker (a shadow has its hue, less
        # light and no chroma of its own), within JPEG noise.
        k = (rgb @ bgf) / bb
        resid = np.sqrt(((rgb - k[..., None] * bgf) ** 2).sum(axis=2))
        like = (k > 0.3) & (k < 1.08) & (resid < 8 + 10 * np.clip(1 - k, 0, 1))
        # Shadows are soft; a product's outline is an edge. The backdrop may only spread
        # through gentle gradients.
        lum = cv2.GaussianBlur(rgb @ np.array([0.2126, 0.7152, 0.0722], np.float32), (0, 0), 1.0)
        gx = cv2.Sobel(lum, cv2.CV_32F, 1, 0, ksize=3) / 8
        gy = cv2.Sobel(lum, cv2.CV_32F, 0, 1, ksize=3) / 8
        strong = np.hypot(gx, gy) >= 7.0
    cand = (like & ~strong).astype(np.uint8)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(cand, connectivity=8)
    edge_labels = np.unique(np.concatenate([labels[0], labels[-1], labels[:, 0], labels[:, -1]]))
    touches = np.zeros(n, bool)
    touches[edge_labels] = True
    touches[0] = False  # label 0 is "not a candidate"
    flooded = touches[labels]
    # Enclosed backdrop (seen through a handle, between legs): only what really is the
    # backdrop's colour and not a speck, so a white highlight on the product stays.
    closeness = np.bincount(labels.ravel(), weights=close.ravel().astype(np.float32), minlength=n) / np.maximum(stats[:, 4], 1)
    min_area = max(12, int(h * w * 0.0004))
    enclosed = (~touches) & (closeness > 0.9) & (stats[:, 4] >= min_area)
    enclosed[0] = False
    strict_bg = (flooded & close) | enclosed[labels]
    core = _without_specks(~strict_bg)
    if core is None:
        return None
    # Shadows: the darker, soft backdrop-like region reached from the backdrop, outside the
    # product's outline. Where a grey product meets its own shadow the two can be the same
    # grey, and a flood alone would run on into the product; the outline (its strong edges,
    # closed over small gaps, or their convex hull if they do not close) stops it.
    outline = strong & cv2.dilate(core.astype(np.uint8), np.ones((5, 5), np.uint8)).astype(bool)
    backdrop = strict_bg | (flooded & ~_enclosed_by(outline))
    subject = _without_specks(~backdrop)
    if subject is None or subject.mean() > 0.97:
        return None  # nothing (or nothing sensible) was keyed out: keep the photo

    # The soft matte needs only the subject and a margin around it.
    ys, xs = np.nonzero(subject)
    m = 24
    y0, y1, x0, x1 = max(0, ys.min() - m), min(h, ys.max() + m + 1), max(0, xs.min() - m), min(w, xs.max() + m + 1)
    alpha = np.zeros((h, w), np.float32)
    colour = rgb.copy()
    alpha[y0:y1, x0:x1], colour[y0:y1, x0:x1] = _soft_matte(rgb[y0:y1, x0:x1], subject[y0:y1, x0:x1], bgf)
    return alpha, colour


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
    sure_fg = cv2.erode(sub8, ker, iterations=3).astype(bool)
    a_hard = cv2.GaussianBlur(subject.astype(np.float32), (0, 0), 0.8)
    for _ in range(2):
        F, wf = _blur_where(rgb, sure_fg, 3.0)
        F_far, _ = _blur_where(rgb, sure_fg, 12.0)
        F = np.where((wf < 0.02)[..., None], F_far, F)
        d = F - B
        dd = (d * d).sum(axis=2)
        a_proj = np.clip(((rgb - B) * d).sum(axis=2) / np.maximum(dd, 1.0), 0.0, 1.0)
        # Where product and backdrop are too alike to measure, trust the hard mask (softened).
        a_proj = np.where(dd > 40.0 ** 2, a_proj, a_hard)
        a_proj = np.where(deep, 1.0, np.where(subject, a_proj, 0.0))
        sure_fg = deep | ((a_proj > 0.95) & cv2.erode(sub8, ker, iterations=1).astype(bool))
    edge = subject & ~sure_fg
    # Levels on the matte: JPEG noise leaves a product pixel at 0.95 or a backdrop one at 0.03.
    alpha = np.clip((a_proj - 0.04) / (0.92 - 0.04), 0.0, 1.0).astype(np.float32)
    # About a pixel in from the edge, then a soft (but tight) feather.
    alpha = 0.5 * alpha + 0.5 * cv2.erode(alpha, ker, iterations=1)
    alpha = np.minimum(cv2.GaussianBlur(alpha, (0, 0), 0.6), subject.astype(np.float32))
    alpha[alpha < 0.02] = 0.0
    # Un-mix the backdrop from the edge pixels; where too little product is left to un-mix,
    # use the nearby product colour.
    a_safe = np.maximum(a_proj, 1e-3)[..., None]
    unmixed = np.clip((rgb - (1.0 - a_safe) * B) / a_safe, 0, 255)
    # Trusted where enough product is left, and where the result stays near the product's own
    # colour (a wrong estimate of B or F un-mixes to black or white).
    off = np.sqrt(((unmixed - F) ** 2).sum(axis=2))
    trust = (np.clip((a_proj - 0.25) / 0.5, 0, 1) * np.clip((120 - off) / 60, 0, 1))[..., None]
    colour = np.where(edge[..., None], unmixed * trust + F * (1 - trust), rgb)
    # JPEG ringing also leaves a dark line just inside an edge: the outermost two pixels of the
    # product take the colour from a little further in.
    inner = cv2.erode(sure_fg.astype(np.uint8), ker, iterations=2).astype(bool)
    F_in, w_in = _blur_where(rgb, inner, 2.5)
    ring = sure_fg & ~inner & (w_in > 0.02)
    colour = np.where(ring[..., None], F_in, colour)
    colour = np.where((alpha > 0)[..., None], colour, F)
    return alpha, colour


def normalise(src: str, out: Path, key_background: bool) -> None:
    with Image.open(src) as img:
        img = ImageOps.exif_transpose(img)
        img = img.convert("RGBA")
    scale = min(1.0, NORMALISED_LONG_SIDE / max(img.size))
    if scale < 1.0:
        img = img.resize((max(1, int(img.width * scale)), max(1, int(img.height * scale))), Image.Resampling.LANCZOS)
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
            normalise(src, tmp, key_background)
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
