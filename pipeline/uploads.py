"""Uploaded pictures (a logo, a product photo): checked from their header, decoded no larger than
they are used, and kept only as a fresh re-encoding.

Why never the person's own file: the data dir's uploads are served by the studio, and a file is
served as whatever its name says. A PNG renamed `poly.html` would become a web page on the
studio's origin (its script running with the studio's cookies); a photo's EXIF can carry the GPS
position of someone's home; bytes after the image's end can hide anything. What is kept is the
decoded pixels, written again as the format the header says it is (PNG and WEBP keep their
alpha, a JPEG has none), with no metadata, under a name AdStudio chooses.

Why decode small: a 36-megapixel PNG is more than 100 MB of pixels, and each full-size copy
(rotation, colour conversion) costs as much again. The header is read first (refusing image
bombs before a pixel is decoded), JPEGs are decoded straight at a reduced scale (`draft`), other
formats are reduced by an integer factor right after decoding, and everything after that works
on the small image.
"""

from __future__ import annotations

import io
import math
import os
import secrets
import struct
import warnings
import zlib
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageCms, UnidentifiedImageError

from .errors import InputError


ALLOWED_FORMATS = ("PNG", "JPEG", "WEBP")
EXTENSIONS = {"PNG": "png", "JPEG": "jpg", "WEBP": "webp"}
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
MAX_PIXELS = 40_000_000  # image-bomb protection: refused from the header, before decoding
# Pillow decodes a WEBP whole and holds it several times over (the decoder's frame, the image,
# a premultiplied copy to resize): up to 19 bytes a pixel, so 9 MP (a 4K frame) stays under
# 200 MB. PNG and JPEG are decoded once, or at a reduced scale.
MAX_WEBP_PIXELS = 9_000_000
MIN_SIDE = 32
# The kept copy is at most this long, what the renderers use (references.NORMALISED_LONG_SIDE):
# a 36 MP photo is not kept at full size, and normalising the kept copy needs no second resize.
KEPT_LONG_SIDE = 2048
WHAT_TO_UPLOAD = "upload a PNG, JPEG or WEBP"

# Errors Pillow raises on files that are damaged or cut short while decoding.
_DECODE_ERRORS = (OSError, SyntaxError, ValueError, EOFError, IndexError, struct.error, zlib.error,
                  Image.DecompressionBombError)
# EXIF orientation -> the transpose that shows the picture upright (as ImageOps.exif_transpose).
_UPRIGHT = {2: Image.Transpose.FLIP_LEFT_RIGHT, 3: Image.Transpose.ROTATE_180,
            4: Image.Transpose.FLIP_TOP_BOTTOM, 5: Image.Transpose.TRANSPOSE,
            6: Image.Transpose.ROTATE_270, 7: Image.Transpose.TRANSVERSE, 8: Image.Transpose.ROTATE_90}
_SRGB = ImageCms.createProfile("sRGB")


@dataclass(frozen=True)
class Header:
    format: str  # PNG, JPEG or WEBP
    width: int
    height: int


def _shown_name(path: Path, name: str | None) -> str:
    """The file's name as the person knows it (never a temp folder), kept short."""
    text = Path(name).name if name else path.name
    return text if len(text) <= 60 else text[:45] + "…" + text[-10:]


def _looks_like_svg(head: bytes) -> bool:
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return text.startswith(b"<svg") or (text.startswith((b"<?xml", b"<!doctype svg", b"<!--")) and b"<svg" in text)


def _is_raster(head: bytes) -> bool:
    return head.startswith((b"\x89PNG", b"\xff\xd8")) or (head[:4] == b"RIFF" and head[8:12] == b"WEBP")


def check_upload(path: str | Path, what: str, name: str | None = None) -> Header:
    """Refuse anything but a reasonably sized PNG, JPEG or WEBP, from its header alone, with a
    message that says what is wrong and what to upload instead. `name` is the file's name as the
    person uploaded it (the studio receives it under a temporary one)."""
    p = Path(path)
    shown = _shown_name(p, name)
    if not p.is_file():
        raise InputError(f"{what}: file {shown} does not exist")
    size = p.stat().st_size
    if size == 0:
        raise InputError(f"{what}: {shown} is empty; {WHAT_TO_UPLOAD} file")
    if size > MAX_UPLOAD_BYTES:
        raise InputError(f"{what}: {shown} is {size / 1e6:.1f} MB; the limit is "
                         f"{MAX_UPLOAD_BYTES // 1_000_000} MB: {WHAT_TO_UPLOAD} under that size")
    with p.open("rb") as f:
        head = f.read(1024)
    if _looks_like_svg(head) or (shown.lower().endswith((".svg", ".svgz")) and not _is_raster(head)):
        raise InputError(f"{what}: {shown} is an SVG drawing, which AdStudio does not take; "
                         f"export it as a picture and {WHAT_TO_UPLOAD}")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # refused below, by our own limit
            with Image.open(p) as img:
                fmt, (w, h) = img.format, img.size
    except Image.DecompressionBombError:
        raise InputError(f"{what}: {shown} has far too many pixels; use a picture under "
                         f"{MAX_PIXELS // 1_000_000} megapixels") from None
    except (UnidentifiedImageError, *_DECODE_ERRORS):
        raise InputError(f"{what}: {shown} is not an image; {WHAT_TO_UPLOAD} file") from None
    if fmt not in ALLOWED_FORMATS:
        raise InputError(f"{what}: {shown} is {fmt}; {WHAT_TO_UPLOAD} file")
    if fmt == "WEBP" and w * h > MAX_WEBP_PIXELS:
        raise InputError(f"{what}: {shown} is a {w}x{h} WEBP ({w * h / 1e6:.1f} megapixels); WEBP pictures are "
                         f"decoded whole, so their limit is {MAX_WEBP_PIXELS // 1_000_000} megapixels: scale it "
                         "down, or upload it as PNG or JPEG")
    if w * h > MAX_PIXELS:
        raise InputError(f"{what}: {shown} is {w}x{h} ({w * h / 1e6:.1f} megapixels); use a picture under "
                         f"{MAX_PIXELS // 1_000_000} megapixels")
    if min(w, h) < MIN_SIDE:
        raise InputError(f"{what}: {shown} is only {w}x{h}; use a picture at least {MIN_SIDE} px on each side")
    return Header(fmt, w, h)


def decode(path: str | Path, what: str, long_side: int, name: str | None = None) -> Image.Image:
    """The picture upright, in sRGB, as RGB (or RGBA when it has transparency), at most
    `long_side` pixels long (never enlarged). A file that cannot be decoded to the end is
    refused with an InputError."""
    return _decode(Path(path), check_upload(path, what, name), what, long_side, name)


def _decode(p: Path, header: Header, what: str, long_side: int, name: str | None) -> Image.Image:
    try:
        with Image.open(p) as img:
            return _decoded(img, header, long_side)
    except _DECODE_ERRORS:
        raise InputError(f"{what}: {_shown_name(p, name)} is damaged or cut short (it could not be read to "
                         f"the end); save it again and {WHAT_TO_UPLOAD} file") from None


def _decoded(img: Image.Image, header: Header, long_side: int) -> Image.Image:
    w, h = header.width, header.height
    if max(w, h) > long_side:
        # JPEG decodes at 1/2, 1/4 or 1/8 scale, never smaller than asked; other formats ignore this.
        scale = long_side / max(w, h)
        img.draft(None, (math.ceil(w * scale), math.ceil(h * scale)))
    img.load()
    orientation = img.getexif().get(0x0112, 1)
    icc = img.info.get("icc_profile")
    small = _reduced(img, max(1, max(img.size) // long_side))
    if small is not img:
        img.close()  # the full-size pixels go before anything else is allocated
    scale = min(1.0, long_side / max(small.size))
    if scale < 1.0:
        small = small.resize((max(1, int(small.width * scale)), max(1, int(small.height * scale))),
                             Image.Resampling.LANCZOS)
    if orientation in _UPRIGHT:
        small = small.transpose(_UPRIGHT[orientation])
    return _in_srgb(small, icc)


def _eight_bit_mode(img: Image.Image) -> str:
    """The 8-bit mode Pillow can resize that keeps what `img` shows: L, LA, RGB, RGBA or CMYK."""
    if img.mode in ("L", "LA", "RGB", "RGBA", "CMYK"):
        return img.mode
    if img.mode.startswith("I") or img.mode == "1":
        return "L"
    if img.mode == "PA" or (img.mode == "P" and "transparency" in img.info):
        return "RGBA"
    return "RGB"


def _eight_bit(img: Image.Image, mode: str) -> Image.Image:
    if img.mode == mode:
        return img
    if img.mode.startswith("I"):  # 16-bit greyscale PNG: keep the top 8 bits
        return img.convert("I").point(lambda v: v / 256, "L")
    return img.convert(mode)


def _reduced(img: Image.Image, factor: int) -> Image.Image:
    """`img` in 8 bits per channel, box-reduced by `factor`, converted and reduced a band of rows
    at a time: Pillow premultiplies (RGBA) or widens (palette, 16-bit) a whole copy otherwise,
    and a 40 MP copy is 160 MB."""
    mode = _eight_bit_mode(img)
    if factor < 2 and mode == img.mode:
        return img
    w, h = img.size
    out = Image.new(mode, (math.ceil(w / factor), math.ceil(h / factor)))
    premultiplied = {"LA": "La", "RGBA": "RGBa"}.get(mode) if factor > 1 else None
    rows = factor * 64
    for y in range(0, h, rows):
        band = _eight_bit(img.crop((0, y, w, min(h, y + rows))), mode)
        if premultiplied:
            band = band.convert(premultiplied).reduce(factor).convert(mode)
        elif factor > 1:
            band = band.reduce(factor)
        out.paste(band, (0, y // factor))
    return out


def _in_srgb(img: Image.Image, icc: bytes | None) -> Image.Image:
    """RGB or RGBA in sRGB: a wide-gamut or CMYK profile is converted, not dropped, so the colours
    stay what the person saw; an alpha channel that is opaque everywhere is dropped."""
    alpha = img.getchannel("A") if img.mode in ("LA", "RGBA") else None
    colour = img.convert("CMYK" if img.mode == "CMYK" else ("L" if img.mode in ("L", "LA") else "RGB"))
    rgb = None
    if icc:
        try:
            rgb = ImageCms.profileToProfile(colour, ImageCms.ImageCmsProfile(io.BytesIO(icc)), _SRGB,
                                            outputMode="RGB")
        except (ImageCms.PyCMSError, OSError, ValueError):
            rgb = None  # an unreadable profile: the plain conversion below is the best guess
    if rgb is None:
        rgb = colour.convert("RGB")
    if alpha is not None and alpha.getextrema()[0] < 255:
        rgb.putalpha(alpha)
    rgb.info = {}  # nothing of the original's metadata travels with the pixels
    return rgb


def clean_copy(path: str | Path, what: str, name: str | None = None) -> tuple[bytes, str]:
    """The picture re-encoded from its pixels, as (file bytes, extension): the format its header
    says, no EXIF, GPS, XMP, ICC or text chunks, nothing after the image data."""
    header = check_upload(path, what, name)
    img = _decode(Path(path), header, what, KEPT_LONG_SIDE, name)
    buf = io.BytesIO()
    if header.format == "JPEG":
        img.convert("RGB").save(buf, format="JPEG", quality=95, subsampling=0)
    elif header.format == "WEBP":
        img.save(buf, format="WEBP", quality=95, alpha_quality=100, method=4)
    else:
        img.save(buf, format="PNG", compress_level=6)
    return buf.getvalue(), EXTENSIONS[header.format]


def write_clean(data: bytes, ext: str, dest_dir: str | Path, stem: str) -> Path:
    """Write a clean copy as `dest_dir/stem.ext` (atomically) and remove any other `stem.*` there:
    an earlier upload in another format, or an original kept by an older version."""
    dest_dir = Path(dest_dir)
    dest_dir.mkdir(parents=True, exist_ok=True)
    dest = dest_dir / f"{stem}.{ext}"
    tmp = dest_dir / f".{stem}.{secrets.token_hex(4)}.tmp"
    tmp.write_bytes(data)
    os.replace(tmp, dest)
    for other in dest_dir.glob(f"{stem}.*"):
        if other != dest and other.is_file():
            other.unlink(missing_ok=True)
    return dest


def store_upload(path: str | Path, dest_dir: str | Path, stem: str, what: str, name: str | None = None) -> Path:
    """Check an upload and keep only its clean copy, `dest_dir/stem.<png|jpg|webp>`."""
    data, ext = clean_copy(path, what, name)
    return write_clean(data, ext, dest_dir, stem)
