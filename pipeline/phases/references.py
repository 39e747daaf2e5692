"""Phase 3, references: the style guide, and the uploaded product photo and logo, checked and
normalised (orientation, colour mode, size; a plain studio background keyed out)."""

from __future__ import annotations

from pathlib import Path

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
    """A product shot on a plain backdrop gets that backdrop removed, so it sits in our scene."""
    arr = np.asarray(rgba).astype(np.float32)
    if arr[..., 3].min() < 250:
        return rgba  # already has transparency
    border = np.concatenate([arr[0, :, :3], arr[-1, :, :3], arr[:, 0, :3], arr[:, -1, :3]])
    bg = np.median(border, axis=0)
    if np.mean(np.abs(border - bg)) > 12:  # busy background: keep the photo as it is
        return rgba
    dist = np.sqrt(((arr[..., :3] - bg) ** 2).sum(axis=2))
    alpha = np.clip((dist - 18) / 30, 0, 1)
    out = arr.copy()
    out[..., 3] = alpha * 255
    # Crop to the subject.
    ys, xs = np.nonzero(alpha > 0.1)
    img = Image.fromarray(out.astype(np.uint8), "RGBA")
    if len(xs):
        pad = 4
        img = img.crop((max(0, xs.min() - pad), max(0, ys.min() - pad), min(img.width, xs.max() + pad),
                        min(img.height, ys.max() + pad)))
    return img


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
    if ctx.artifacts.has("upload", key, f"{what}.png"):
        return str(path), False
    with ctx.artifacts.writing(path) as tmp:
        normalise(src, tmp, key_background)
    ctx.store.record_artifact(key, "upload", str(path), ctx.project_id)
    return str(path), True


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
    return ReferencesOutput(style_guide=str(path), product_image=product, logo=logo), worked
