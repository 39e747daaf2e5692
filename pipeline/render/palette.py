"""Colour roles derived from a spec's palette: backdrop, glow, accent and legible text."""

from __future__ import annotations

from dataclasses import dataclass

RGB = tuple[int, int, int]


def hex_to_rgb(value: str) -> RGB:
    value = value.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def luminance(c: RGB) -> float:
    def lin(x: float) -> float:
        x /= 255
        return x / 12.92 if x <= 0.04045 else ((x + 0.055) / 1.055) ** 2.4
    r, g, b = c
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)


def contrast_ratio(a: RGB, b: RGB) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def mix(a: RGB, b: RGB, t: float) -> RGB:
    return tuple(int(round(x + (y - x) * t)) for x, y in zip(a, b))  # type: ignore[return-value]


def scale(c: RGB, k: float) -> RGB:
    return tuple(int(max(0, min(255, round(x * k)))) for x in c)  # type: ignore[return-value]


@dataclass(frozen=True)
class Roles:
    dark_mode: bool
    backdrop_top: RGB
    backdrop_bottom: RGB
    glow: RGB
    accent: RGB
    third: RGB
    text: RGB
    text_soft: RGB
    on_accent: RGB
    palette: tuple[RGB, ...]


DARK_LIGHTING = ("dramatic", "moody", "low-key", "low key", "noir", "night", "dark", "spotlight", "cinematic")
BRIGHT_LIGHTING = ("bright", "airy", "high-key", "high key", "natural", "soft daylight", "daylight", "sunny")


def roles_for(palette: tuple[str, ...] | list[str], lighting: str) -> Roles:
    cols = tuple(hex_to_rgb(c) for c in palette)
    base = cols[0]
    # The accent is the palette's second colour unless it would vanish against the first.
    if len(cols) > 1 and contrast_ratio(cols[1], base) >= 1.8:
        accent = cols[1]
    elif len(cols) > 1:
        accent = max(cols[1:], key=lambda c: contrast_ratio(c, base))
    else:
        accent = mix(base, (255, 255, 255), 0.6)
    others = [c for c in cols[1:] if c != accent]
    third = others[0] if others else mix(accent, base, 0.5)
    light = lighting.lower()
    dark = luminance(base) < 0.3
    if any(w in light for w in DARK_LIGHTING):
        dark = True
    elif any(w in light for w in BRIGHT_LIGHTING) and luminance(base) > 0.12:
        dark = False
    if dark:
        ground = base if luminance(base) < 0.08 else scale(base, 0.45)
        top, bottom = mix(ground, accent, 0.10), scale(ground, 0.55)
        glow = mix(mix(ground, accent, 0.35), (255, 255, 255), 0.10)
        text, text_soft = (246, 243, 236), (214, 208, 198)
    else:
        ground = base if luminance(base) > 0.45 else mix(base, (255, 255, 255), 0.82)
        top, bottom = mix(ground, (255, 255, 255), 0.35), scale(ground, 0.88)
        glow = mix(ground, (255, 255, 255), 0.6)
        text = mix(base, (0, 0, 0), 0.75) if luminance(base) < 0.45 else (28, 28, 32)
        text_soft = mix(text, ground, 0.25)
    on_accent = (255, 255, 255) if contrast_ratio(accent, (255, 255, 255)) >= contrast_ratio(accent, (20, 20, 20)) else (20, 20, 20)
    return Roles(dark, top, bottom, glow, accent, third, text, text_soft, on_accent, cols)
