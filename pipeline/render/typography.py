"""Fonts and text setting: which face suits an aesthetic, fitting text into a box, and
keeping characters the fonts cannot draw off the screen (no tofu boxes in a client's ad)."""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from pathlib import Path

from PIL import ImageFont

from ..config import ASSETS_DIR

FONTS = ASSETS_DIR / "fonts"
SERIF_AESTHETICS = ("luxury", "elegant", "classic", "timeless", "sophisticated", "premium", "vintage",
                    "editorial", "heritage", "refined")

# Scripts our bundled fonts cover (Manrope: Latin, Cyrillic, Greek; Source Serif: Latin).
_SUPPORTED_SCRIPTS = ("LATIN", "DIGIT", "CYRILLIC", "GREEK")


def face(aesthetic: str, role: str) -> Path:
    serif = any(word in aesthetic.lower() for word in SERIF_AESTHETICS)
    if role in ("title", "headline"):
        return FONTS / ("SourceSerifPro-Semibold.ttf" if serif else "Manrope-ExtraBold.ttf")
    if role == "tagline":
        return FONTS / ("SourceSerifPro-Regular.ttf" if serif else "Manrope-SemiBold.ttf")
    if role == "label":
        return FONTS / "Manrope-SemiBold.ttf"
    if role == "light":
        return FONTS / "Manrope-Light.ttf"
    return FONTS / "Manrope-Regular.ttf"


@lru_cache(maxsize=256)
def font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(path), max(6, int(size)))


def drawable(text: str, serif: bool = False) -> str:
    """Drop characters the bundled fonts cannot draw (emoji, CJK, symbols), tidy spaces."""
    out = []
    for ch in text:
        if ch.isspace():
            out.append(" ")
            continue
        cat = unicodedata.category(ch)
        if cat.startswith("P") or cat in ("Sc", "Sm") and ord(ch) < 0x2100:
            out.append(ch)
            continue
        name = unicodedata.name(ch, "")
        scripts = ("LATIN", "DIGIT") if serif else _SUPPORTED_SCRIPTS
        if any(s in name for s in scripts):
            out.append(ch)
    return " ".join("".join(out).split())


def wrap(text: str, fnt: ImageFont.FreeTypeFont, max_width: int, tracking: float = 0.0) -> list[str]:
    words = text.split()
    lines: list[str] = []
    line = ""
    for word in words:
        candidate = f"{line} {word}".strip()
        if line and text_width(candidate, fnt, tracking) > max_width:
            lines.append(line)
            line = word
        else:
            line = candidate
    if line:
        lines.append(line)
    return lines


def text_width(text: str, fnt: ImageFont.FreeTypeFont, tracking: float = 0.0) -> float:
    """Width as drawn: tracked text is set glyph by glyph, so no kerning applies to it."""
    if not tracking:
        return fnt.getlength(text)
    return sum(fnt.getlength(ch) for ch in text) + tracking * fnt.size * max(0, len(text) - 1)


def fit(text: str, path: Path, max_width: int, max_height: int, start_size: int, max_lines: int = 2,
        tracking: float = 0.0, line_gap: float = 1.15) -> tuple[ImageFont.FreeTypeFont, list[str]]:
    """Largest size <= start_size at which text wraps into max_lines within the box."""
    size = start_size
    while size > 10:
        fnt = font(path, size)
        lines = wrap(text, fnt, max_width, tracking)
        height = len(lines) * size * line_gap
        if len(lines) <= max_lines and height <= max_height and all(
                text_width(ln, fnt, tracking) <= max_width for ln in lines):
            return fnt, lines
        size = int(size * 0.92)
    fnt = font(path, 10)
    return fnt, wrap(text, fnt, max_width, tracking)[:max_lines]


CTA_PILL_CHARS = 32  # what a call-to-action pill holds at its size before it would crowd the frame


def cta_parts(text: str) -> tuple[str, str]:
    """The call to action's pill and the line set under it. "Regístrate gratis · martaibanez.es"
    is too long for one pill: the action goes in the pill and the address, whole, under it (an
    address cut to "martaibanez…" sends nobody anywhere). Only an action too long on its own is
    shortened."""
    if len(text) <= CTA_PILL_CHARS:
        return text, ""
    action, _, where = text.partition(" · ")
    if len(action) > CTA_PILL_CHARS:
        action = action[:CTA_PILL_CHARS - 1] + "…"
    return action, where
