"""Backdrops: the set each beat is shot on, painted once per beat as a still.

Painted at half resolution (everything here is soft: gradients, glows, bokeh) and enlarged
with a smooth filter, then graded with the spec's LUT before the camera starts moving. Only
film grain is added at full resolution, after enlarging (grain enlarged 2x reads as blotches).

The spec's aesthetic picks a *look* (the `LOOKS` table): which way the set leans (dark or
light), its ground colours, how strong the key light is, and the motifs painted on it, so
"rugged" and "playful" are different sets, not the same soft gradient in other colours.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import cv2
import numpy as np

from .layout import Layout
from .palette import BRIGHT_LIGHTING, DARK_LIGHTING, RGB, Roles, contrast_ratio, mix

MARGIN = 1.2  # backdrop is this much larger than the frame, room for pans and rotation


# --- looks ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Look:
    """How an aesthetic dresses the set. Every rule about an aesthetic's backdrop is here."""

    name: str
    regime: str | None = None  # "dark" | "light": the look's own leaning; None = palette decides
    key: float = 0.85  # strength of the key light behind the subject
    bokeh: float = 1.0  # bokeh amount (0 = none)
    beams: bool = True  # light shafts on lifestyle / wide shots
    vignette: float = 1.0  # 1 = the default edge darkening; more = darker edges
    grain: int = 0  # full-resolution luminance grain, in levels either way (0 = dither only)
    graphic_card: bool = True  # text cards keep the diagonal band, rings and dot grid


# The four looks the brief names sharply get a leaning of their own (rugged and luxury are dark
# sets, natural organic and playful bright ones); the rest keep their palette's leaning and get a
# signature motif each, so no two aesthetics share a set. Explicit lighting words in the spec
# ("dramatic", "bright daylight") still win over a look's leaning: see `look_roles`.
LOOKS: dict[str, Look] = {
    "luxury": Look("luxury", regime="dark", key=0.8, bokeh=0.0, beams=False, vignette=1.5, graphic_card=False),
    "rugged": Look("rugged", regime="dark", key=0.6, bokeh=0.0, beams=False, vignette=1.6, grain=7,
                   graphic_card=False),
    "natural organic": Look("natural organic", regime="light", key=0.6, bokeh=0.5, beams=True, graphic_card=False),
    "playful": Look("playful", regime="light", key=0.5, bokeh=0.0, beams=False, vignette=0.4, graphic_card=False),
    "elegant": Look("elegant", key=0.75, bokeh=0.6, beams=False, vignette=1.1, graphic_card=False),
    "modern minimal": Look("modern minimal", key=0.6, bokeh=0.0, beams=False, vignette=0.6, graphic_card=False),
    "futuristic tech": Look("futuristic tech", key=0.8, bokeh=0.5, beams=False, vignette=1.2, graphic_card=False),
    "bold": Look("bold", key=0.9, bokeh=0.8, beams=False, vignette=1.2),
    "vintage": Look("vintage", key=0.7, bokeh=0.6, beams=True, vignette=1.5, grain=6, graphic_card=False),
    "warm cozy": Look("warm cozy", key=0.95, bokeh=1.6, beams=True, vignette=1.0),
    "default": Look("default"),
}

# Words in a free-text aesthetic that pick a look (the spec writer's names come first).
_LOOK_WORDS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("rugged", "outdoor", "workwear", "leather", "earthy", "rustic", "adventure"), "rugged"),
    (("natural", "organic", "eco", "botanical", "sustainable", "green", "plant"), "natural organic"),
    (("luxury", "luxurious", "premium", "opulent", "prestige"), "luxury"),
    (("playful", "fun", "whimsical", "quirky", "cheerful", "colorful", "colourful", "kids"), "playful"),
    (("elegant", "refined", "sophisticated", "classy", "graceful"), "elegant"),
    (("minimal", "minimalist", "clean", "modern", "sleek", "simple"), "modern minimal"),
    (("futuristic", "tech", "cyber", "digital", "sci-fi", "neon"), "futuristic tech"),
    (("bold", "energetic", "sporty", "dynamic", "punchy", "loud"), "bold"),
    (("vintage", "retro", "nostalgic", "classic", "heritage", "film"), "vintage"),
    (("cozy", "cosy", "warm", "homey", "hygge"), "warm cozy"),
)


def look_for(aesthetic: str) -> Look:
    a = aesthetic.lower().strip()
    if a in LOOKS:
        return LOOKS[a]
    for words, name in _LOOK_WORDS:
        if any(w in a for w in words):
            return LOOKS[name]
    return LOOKS["default"]


def metal_for(roles: Roles) -> RGB:
    """Gold or silver for luxury's fine lines: the palette's own when it has one."""
    for c in (roles.accent, roles.third, *roles.palette):
        r, g, b = c
        mx, mn = max(c), min(c)
        sat = (mx - mn) / max(1, mx)
        if mx > 120 and 0.25 < sat < 0.75 and r >= g > b:  # a gold / brass / champagne
            return c
        if mx > 150 and sat < 0.12:  # a silver / platinum
            return c
    return (212, 175, 108)


def look_roles(roles: Roles, aesthetic: str, lighting: str) -> Roles:
    """The palette's roles as the look wants them: its leaning (dark or light), its ground and
    glow, and text that stays legible on that ground. The overlays set type with these same
    roles, so the text always matches the set it sits on."""
    look = look_for(aesthetic)
    light = lighting.lower()
    dark = roles.dark_mode
    # Explicit lighting words were the person's choice and win; otherwise the look leans.
    if look.regime and not any(wd in light for wd in DARK_LIGHTING + BRIGHT_LIGHTING):
        dark = look.regime == "dark"
    base = roles.palette[0] if roles.palette else roles.backdrop_top
    acc = roles.accent
    top, bottom, glow = roles.backdrop_top, roles.backdrop_bottom, roles.glow
    n = look.name
    if n == "luxury":
        if dark:  # deep blacks with a breath of the accent; a dim warm key
            top, bottom = mix((12, 11, 12), acc, 0.05), (3, 3, 4)
            glow = mix((52, 46, 40), metal_for(roles), 0.3)
        else:  # ivory and champagne
            top, bottom = mix((250, 246, 238), metal_for(roles), 0.08), mix((228, 219, 202), metal_for(roles), 0.12)
            glow = (255, 252, 244)
    elif n == "rugged":
        if dark:  # tobacco leather, charred wood, the warm low light of a lamp
            top, bottom = mix((66, 48, 34), base, 0.18), (24, 17, 12)
            glow = (150, 96, 52)
        else:  # kraft paper, sandstone
            top, bottom = mix((206, 186, 156), base, 0.12), (160, 136, 106)
            glow = (240, 218, 184)
    elif n == "natural organic":
        if dark:  # forest shade
            top, bottom = mix((40, 64, 42), base, 0.12), (14, 26, 16)
            glow = (118, 150, 92)
        else:  # sage and leaf green in soft daylight
            top, bottom = mix((226, 236, 212), base, 0.15), mix((168, 192, 150), base, 0.1)
            glow = (252, 250, 234)
    elif n == "playful":
        pastel = [c for c in (base, acc, roles.third) if max(c) - min(c) > 40] or [acc]
        if dark:  # a deep, saturated night with bright pops
            top, bottom = mix((62, 34, 96), pastel[0], 0.2), mix((34, 20, 64), pastel[-1], 0.15)
            glow = mix((120, 80, 170), pastel[0], 0.3)
        else:  # candy pastels
            top = mix(_saturate(pastel[0], 1.2), (255, 255, 255), 0.62)
            bottom = mix(_saturate(pastel[-1], 1.2), (255, 255, 255), 0.5)
            glow = (255, 255, 255)
    elif n == "vintage":  # sepia, faded
        top = mix(top, (170, 132, 92) if dark else (232, 214, 184), 0.45)
        bottom = mix(bottom, (70, 50, 36) if dark else (196, 170, 134), 0.45)
        glow = mix(glow, (255, 196, 130), 0.35)
    elif n == "warm cozy":
        top = mix(top, (120, 70, 40) if dark else (250, 226, 196), 0.3)
        bottom = mix(bottom, (40, 22, 14) if dark else (226, 196, 160), 0.3)
        glow = mix(glow, (255, 184, 110), 0.4)
    elif n == "futuristic tech":
        if dark:
            top, bottom = mix(top, (8, 14, 36), 0.5), mix(bottom, (2, 4, 14), 0.5)
        glow = mix(glow, acc, 0.25)
    elif n == "elegant":  # muted, lifted
        top, bottom = mix(top, (128, 120, 116), 0.12), mix(bottom, (128, 120, 116), 0.08)
    elif n == "modern minimal":  # flat and calm
        top, bottom = mix(top, bottom, 0.35), mix(bottom, top, 0.2)
    if dark == roles.dark_mode and (top, bottom, glow) == (roles.backdrop_top, roles.backdrop_bottom, roles.glow):
        return roles
    if dark:
        text, soft = (246, 242, 234), (214, 206, 194)
    else:
        text = mix(bottom, (0, 0, 0), 0.84)
        if contrast_ratio(text, top) < 7:
            text = (26, 26, 30)
        soft = mix(text, bottom, 0.25)
    return replace(roles, dark_mode=dark, backdrop_top=top, backdrop_bottom=bottom, glow=glow, text=text,
                   text_soft=soft)


def _saturate(c: RGB, k: float) -> RGB:
    g = sum(c) / 3
    return tuple(int(max(0, min(255, g + (x - g) * k))) for x in c)  # type: ignore[return-value]


# --- painting ------------------------------------------------------------------------------


def _vertical(h: int, w: int, top: RGB, bottom: RGB, curve: float = 1.0) -> np.ndarray:
    t = (np.linspace(0.0, 1.0, h, dtype=np.float32) ** curve)[:, None, None]
    return np.broadcast_to(np.array(top, np.float32) * (1 - t) + np.array(bottom, np.float32) * t, (h, w, 3)).copy()


def _radial(h: int, w: int, cx: float, cy: float, radius: float, squash: float = 1.0) -> np.ndarray:
    ys, xs = np.ogrid[:h, :w]
    d = np.sqrt(((xs - cx) / radius) ** 2 + ((ys - cy) / (radius * squash)) ** 2)
    return np.clip(1.0 - d, 0.0, 1.0).astype(np.float32) ** 2


def _add(img: np.ndarray, mask: np.ndarray, color: RGB, strength: float) -> None:
    """img += mask * (color - img) * strength, only over the rows and columns the mask touches
    (most masks are lines, leaves or glows: a fraction of the canvas)."""
    rows = np.flatnonzero(mask.any(axis=1))
    if len(rows) == 0:
        return
    cols = np.flatnonzero(mask[rows[0]:rows[-1] + 1].any(axis=0))
    r, c = slice(rows[0], rows[-1] + 1), slice(cols[0], cols[-1] + 1)
    region = img[r, c]
    t = np.subtract(np.array(color, np.float32), region)
    t *= (mask[r, c] * np.float32(strength))[..., None]
    region += t


@dataclass(frozen=True)
class _Canvas:
    """Where the frame and the subject sit on the half-size painting."""

    w: int
    h: int
    ox: float  # frame origin
    oy: float
    fw: float  # frame size
    fh: float
    cx: float  # subject centre
    cy: float
    horizon: float | None  # floor line, canvas y
    card: bool  # a text card: the middle belongs to the type


def paint_backdrop(shot_type: str, layout: Layout, roles: Roles, width: int, height: int,
                   seed: int, lighting: str, grade=None, aesthetic: str = "") -> np.ndarray:
    """RGB uint8 backdrop of size (width*MARGIN, height*MARGIN), rounded to even.

    `aesthetic` picks the look (see `LOOKS`). `grade` (the spec's LUT and adjustments) is
    applied at the painting's half resolution, before enlarging: the backdrop has no detail a
    per-pixel grade could distinguish, and it is a quarter of the work."""
    look = look_for(aesthetic)
    roles = look_roles(roles, aesthetic, lighting)
    bw, bh = int(width * MARGIN) & ~1, int(height * MARGIN) & ~1
    w, h = bw // 2, bh // 2  # paint at half size
    rng = np.random.default_rng(seed)
    ox, oy = (bw - width) / 4, (bh - height) / 4  # frame origin inside the half-size canvas
    fw, fh = width / 2, height / 2
    hx, hy = layout.hero_center or (0.5, 0.45)
    cx, cy = ox + hx * fw, oy + hy * fh
    cv = _Canvas(w, h, ox, oy, fw, fh, cx, cy, oy + layout.floor * fh if layout.floor is not None else None,
                 shot_type == "text_card")

    img = _vertical(h, w, roles.backdrop_top, roles.backdrop_bottom, curve=1.3)
    light = lighting.lower()

    if shot_type == "text_card":
        if look.graphic_card:
            _graphic_card(img, roles, rng, ox, oy, fw, fh)
        else:
            _add(img, _radial(h, w, ox + fw * 0.5, oy + fh * 0.5, fw * 0.6, 0.8), roles.glow, 0.45 * look.key)
    else:
        # Key light behind the subject: the spotlight every product ad is built on.
        spread = 0.55 if roles.dark_mode else 0.8
        _add(img, _radial(h, w, cx, cy - fh * 0.05, fw * spread, squash=0.85), roles.glow, look.key)
        if any(k in light for k in ("rim", "neon", "vibrant", "colorful", "colourful")):
            _add(img, _radial(h, w, ox + fw * 0.05, oy + fh * 0.2, fw * 0.45), roles.accent, 0.35)
            _add(img, _radial(h, w, ox + fw * 0.95, oy + fh * 0.8, fw * 0.45), roles.third, 0.30)
        if layout.floor is not None:
            _floor(img, roles, oy + layout.floor * fh, cx)
        if shot_type in ("lifestyle", "medium", "close_up", "macro", "wide") and look.bokeh > 0:
            _bokeh(img, roles, rng, count=int(round((14 if shot_type in ("lifestyle", "medium") else 9) * look.bokeh)),
                   size=fw * (0.05 if shot_type == "wide" else 0.09))
        if shot_type in ("lifestyle", "medium", "wide") and look.beams:
            _beams(img, roles, rng, w, h)
        if shot_type == "overhead":
            _surface(img, roles, rng)
    _MOTIFS.get(look.name, _no_motif)(img, roles, rng, cv)
    # Vignette: darkens the edges, keeps the eye on the subject.
    vig = np.sqrt(_radial(h, w, ox + fw / 2, oy + fh / 2, math.hypot(fw, fh) * 0.75))
    depth = min(0.9, (0.45 if roles.dark_mode else 0.14) * look.vignette)
    img *= (1.0 - depth + depth * vig)[..., None]
    small = np.clip(img, 0, 255).astype(np.uint8)
    if grade is not None:
        small = grade(small)
    big = cv2.resize(small, (bw, bh), interpolation=cv2.INTER_CUBIC)
    # Fine dither removes gradient banding that H.264 would otherwise turn into steps; looks
    # with film grain or a rough surface get a stronger, luminance-only grain.
    out = big.astype(np.int16)
    out += rng.integers(-1, 2, size=big.shape, dtype=np.int16)
    if look.grain:
        out += rng.integers(-look.grain, look.grain + 1, size=(bh, bw, 1), dtype=np.int16)
    np.clip(out, 0, 255, out=out)
    return out.astype(np.uint8)


def _floor(img: np.ndarray, roles: Roles, horizon: float, cx: float) -> None:
    h, w = img.shape[:2]
    y0 = int(max(0, min(h - 1, horizon)))
    ys = np.arange(h, dtype=np.float32)[:, None]
    t = np.clip((ys - y0) / max(1, h - y0), 0, 1)
    floor_col = np.array(mix(roles.backdrop_bottom, (0, 0, 0) if roles.dark_mode else (255, 255, 255), 0.25), np.float32)
    mask = (ys >= y0).astype(np.float32) * (0.55 + 0.45 * t)
    img += (floor_col - img) * mask[..., None] * 0.8
    # A soft horizon glow where floor meets wall.
    band = np.exp(-((ys - y0) / (h * 0.012)) ** 2)
    xs = np.arange(w, dtype=np.float32)[None, :]
    across = np.exp(-((xs - cx) / (w * 0.35)) ** 2)
    _add(img, (band * across).astype(np.float32), roles.glow, 0.5)


def _bokeh(img: np.ndarray, roles: Roles, rng: np.random.Generator, count: int, size: float) -> None:
    h, w = img.shape[:2]
    layer = np.zeros_like(img)
    alpha = np.zeros(img.shape[:2], np.float32)
    for _ in range(count):
        x, y = rng.uniform(0, w), rng.uniform(0, h * 0.75)
        r = size * rng.uniform(0.5, 1.6)
        col = [roles.accent, roles.third, roles.glow][int(rng.integers(0, 3))]
        a = rng.uniform(0.10, 0.28)
        cv2.circle(layer, (int(x), int(y)), int(r), tuple(float(c) for c in col), -1, cv2.LINE_AA)
        cv2.circle(alpha, (int(x), int(y)), int(r), float(a), -1, cv2.LINE_AA)
    k = int(size * 0.5) | 1
    # Blend premultiplied: blurring colour and coverage apart would leave dark fringes.
    layer = cv2.GaussianBlur(layer * alpha[..., None], (k, k), 0)
    alpha = cv2.GaussianBlur(alpha, (k, k), 0)
    img *= (1.0 - alpha)[..., None]
    img += layer


def _beams(img: np.ndarray, roles: Roles, rng: np.random.Generator, w: int, h: int) -> None:
    ys, xs = np.mgrid[:h, :w].astype(np.float32)
    for _ in range(3):
        angle = math.radians(rng.uniform(55, 70))
        off = rng.uniform(-0.2, 0.6) * w
        d = (xs - off) * math.cos(angle) - ys * math.sin(angle) * -1 * 0.0 - ys * 0.35
        beam = np.exp(-((d % (w * 0.9)) - w * 0.3) ** 2 / (2 * (w * rng.uniform(0.03, 0.06)) ** 2))
        fall = np.clip(1 - ys / h, 0, 1)
        _add(img, (beam * fall).astype(np.float32), mix(roles.glow, (255, 244, 220), 0.5), 0.12)


def _surface(img: np.ndarray, roles: Roles, rng: np.random.Generator) -> None:
    h, w = img.shape[:2]
    noise = rng.normal(0, 1, (h // 8 + 1, w // 8 + 1)).astype(np.float32)
    noise = cv2.resize(noise, (w, h), interpolation=cv2.INTER_CUBIC)
    noise = cv2.GaussianBlur(noise, (0, 0), 3)
    img += noise[..., None] * (3.0 if roles.dark_mode else 2.5)


def _graphic_card(img: np.ndarray, roles: Roles, rng: np.random.Generator, ox: float, oy: float,
                  fw: float, fh: float) -> None:
    """Bold typographic card: a diagonal colour field, rings and a dot grid. Placed by the
    beat's seed (and mirrored half the time), so two cards in a row never look the same."""
    h, w = img.shape[:2]
    flip = rng.uniform() < 0.5

    def X(fx: float) -> float:  # a frame fraction across, mirrored or not, in canvas pixels
        return ox + fw * (1.0 - fx if flip else fx)

    ys, xs = np.mgrid[:h, :w].astype(np.float32)
    u = (xs - ox) / fw
    diag = (1.0 - u if flip else u) + (ys - oy) / fh * 0.55
    lo = rng.uniform(0.85, 1.05)
    hi = lo + rng.uniform(0.38, 0.6)
    band = np.clip((diag - lo) * 40, 0, 1) * np.clip((hi - diag) * 40, 0, 1)
    _add(img, band.astype(np.float32), roles.accent, 0.22)
    _add(img, _radial(h, w, ox + fw * 0.5, oy + fh * 0.5, fw * 0.6, 0.8), roles.glow, 0.5)
    # OpenCV anti-aliases only 8-bit drawings: draw the masks as uint8, with 4 bits of
    # sub-pixel precision, then use them as float weights.
    ring = np.zeros((h, w), np.uint8)
    cv2.circle(ring, _P(X(rng.uniform(0.78, 0.92)), oy + fh * rng.uniform(0.1, 0.3)), int(fh * rng.uniform(0.26, 0.38) * 16),
               255, max(2, int(fh * 0.012)), cv2.LINE_AA, shift=4)
    cv2.circle(ring, _P(X(rng.uniform(0.06, 0.2)), oy + fh * rng.uniform(0.76, 0.92)), int(fh * rng.uniform(0.16, 0.26) * 16),
               255, max(2, int(fh * 0.008)), cv2.LINE_AA, shift=4)
    _add(img, ring.astype(np.float32) / 255, roles.accent, 0.55)
    dots = np.zeros((h, w), np.uint8)
    step = max(6, int(fh * 0.045))
    gx = rng.uniform(0.76, 0.8)
    for y in range(int(oy + fh * 0.62), int(oy + fh * 0.95), step):
        for fx in np.arange(gx, 0.97, step / fw):
            cv2.circle(dots, _P(X(fx), y), max(16, step * 16 // 7), 255, -1, cv2.LINE_AA, shift=4)
    _add(img, dots.astype(np.float32) / 255, roles.third, 0.6)


# --- motifs: what each look paints on the set ----------------------------------------------


def _P(x: float, y: float) -> tuple[int, int]:
    """A canvas point with 4 bits of sub-pixel precision, for OpenCV's anti-aliased drawing."""
    return int(round(x * 16)), int(round(y * 16))


def _fbm(rng: np.random.Generator, h: int, w: int, cell: float, octaves: int = 4, gain: float = 0.55) -> np.ndarray:
    """Fractal value noise, about zero mean and unit spread: stone, leather, foliage."""
    out = np.zeros((h, w), np.float32)
    amp, total = 1.0, 0.0
    for _ in range(octaves):
        gh, gw = max(2, int(h / cell) + 2), max(2, int(w / cell) + 2)
        grid = rng.normal(0, 1, (gh, gw)).astype(np.float32)
        out += amp * cv2.resize(grid, (w, h), interpolation=cv2.INTER_CUBIC)
        total += amp * amp
        amp *= gain
        cell /= 2.1
    return out / math.sqrt(total)


def _calm_middle(cv: _Canvas) -> np.ndarray:
    """1 at the edges, lower where the subject or a card's type sits: motifs frame, not cover."""
    cx, cy = (cv.ox + cv.fw / 2, cv.oy + cv.fh / 2) if cv.card else (cv.cx, cv.cy)
    return 1.0 - 0.75 * _radial(cv.h, cv.w, cx, cy, cv.fw * (0.42 if cv.card else 0.3), 0.75)


def _no_motif(img: np.ndarray, roles: Roles, rng: np.random.Generator, cv: _Canvas) -> None:
    return None


def _luxury(img: np.ndarray, roles: Roles, rng: np.random.Generator, cv: _Canvas) -> None:
    """Deep blacks, a slow specular sheen, fine gold or silver lines."""
    h, w = cv.h, cv.w
    metal = metal_for(roles)
    ys, xs = np.mgrid[:h, :w].astype(np.float32)
    if roles.dark_mode:  # crush the shadows: luxury blacks are black
        img *= np.clip(img.mean(axis=2, keepdims=True) / 60.0, 0.5, 1.0)
    # The sheen: a broad, soft diagonal highlight, as on polished lacquer.
    d = ((xs - cv.ox) / cv.fw - 0.18) * rng.uniform(0.6, 1.0) + ((ys - cv.oy) / cv.fh) * 0.45 - rng.uniform(0.0, 0.45)
    sheen = np.exp(-(d / 0.09) ** 2) * np.clip(1.1 - (ys - cv.oy) / cv.fh, 0, 1)
    _add(img, sheen.astype(np.float32), mix(roles.glow, metal, 0.5), 0.2 if roles.dark_mode else 0.3)
    lines = np.zeros((h, w), np.uint8)
    th = 1
    if cv.card:
        # An inset double hairline frame with open corners, Art Deco style.
        for inset in (0.055, 0.075):
            x0, y0 = cv.ox + cv.fw * inset * 0.6, cv.oy + cv.fh * inset
            x1, y1 = cv.ox + cv.fw * (1 - inset * 0.6), cv.oy + cv.fh * (1 - inset)
            gap = cv.fh * 0.06
            for a, b in (((x0 + gap, y0), (x1 - gap, y0)), ((x0 + gap, y1), (x1 - gap, y1)),
                         ((x0, y0 + gap), (x0, y1 - gap)), ((x1, y0 + gap), (x1, y1 - gap))):
                cv2.line(lines, _P(*a), _P(*b), 255, th, cv2.LINE_AA, shift=4)
        for sx, sy in ((0, 0), (1, 0), (0, 1), (1, 1)):  # a small diamond in each corner
            px = cv.ox + cv.fw * (0.045 + sx * 0.91)
            py = cv.oy + cv.fh * (0.065 + sy * 0.87)
            r = cv.fh * 0.014
            pts = np.array([_P(px, py - r), _P(px + r, py), _P(px, py + r), _P(px - r, py)], np.int32)
            cv2.fillPoly(lines, [pts], 255, cv2.LINE_AA, shift=4)
    else:
        # Fine parallel lines sweeping across an upper corner, and a thin orbit behind the subject.
        corner = int(rng.integers(0, 2))
        for i in range(4):
            off = cv.fw * (0.1 + 0.022 * i)
            if corner == 0:
                a, b = (cv.ox - cv.fw * 0.05, cv.oy + off * 0.9), (cv.ox + off * 1.6, cv.oy - cv.fh * 0.05)
            else:
                a, b = (cv.ox + cv.fw * 1.05, cv.oy + off * 0.9), (cv.ox + cv.fw - off * 1.6, cv.oy - cv.fh * 0.05)
            cv2.line(lines, _P(*a), _P(*b), 255 - 40 * i, th, cv2.LINE_AA, shift=4)
        rx, ry = cv.fh * rng.uniform(0.42, 0.5), cv.fh * rng.uniform(0.12, 0.16)
        start = rng.uniform(190, 220)
        cv2.ellipse(lines, _P(cv.cx, cv.cy + cv.fh * 0.18), _P(rx, ry), -4.0, start, start + 150, 200, th,
                    cv2.LINE_AA, shift=4)
    mask = lines.astype(np.float32) / 255
    if not cv.card and cv.horizon is not None:  # a hairline at the horizon, fading out both ways
        edge = np.zeros((h, w), np.uint8)
        cv2.line(edge, _P(0, cv.horizon), _P(w, cv.horizon), 170, th, cv2.LINE_AA, shift=4)
        fade = np.exp(-((np.arange(w, dtype=np.float32) - cv.cx) / (cv.fw * 0.28)) ** 2)[None, :]
        mask = np.maximum(mask, edge.astype(np.float32) / 255 * fade)
    glow = cv2.GaussianBlur(mask, (0, 0), 2.5)  # the faint bloom around polished metal
    _add(img, glow, metal, 0.35)
    _add(img, mask, mix(metal, (255, 250, 236), 0.25), 0.95)


def _wood(rng: np.random.Generator, h: int, w: int, board: float) -> np.ndarray:
    """Weathered horizontal boards: wavy grain, a tone per board, dark seams and butt joints."""
    ys = np.arange(h, dtype=np.float32)[:, None]
    xs = np.arange(w, dtype=np.float32)[None, :]
    idx = np.floor(ys / board)  # the boards themselves are straight; their grain wanders
    frac = ys / board - idx
    yy = ys + _fbm(rng, h, w, cell=board * 1.5, octaves=2) * board * 0.12
    tone = rng.normal(0, 0.35, 256).astype(np.float32)
    grain = rng.normal(0, 1, (max(2, int(h / (board * 0.06))), max(2, int(w / (board * 2.2))))).astype(np.float32)
    grain = cv2.resize(grain, (w, h), interpolation=cv2.INTER_CUBIC)
    rings = np.sin(yy * (2 * math.pi / (board * 0.23)) + 3.0 * grain)
    tex = 0.55 * grain + 0.45 * rings + tone[(np.broadcast_to(idx, (h, w)).astype(np.int64) % 256)]
    seam = np.exp(-(np.minimum(frac, 1 - frac) * board / 1.1) ** 2)
    tex -= 2.2 * seam
    tex += 0.8 * np.exp(-((frac - 0.035) * board / 1.2) ** 2)  # the lit edge of each board
    joints = rng.uniform(0, w, 256)
    jx = joints[(idx.astype(np.int64) % 256)]  # one joint per board
    tex -= 1.8 * np.exp(-((xs - jx) / 1.1) ** 2)
    return tex


def _rugged(img: np.ndarray, roles: Roles, rng: np.random.Generator, cv: _Canvas) -> None:
    """Weathered wood, worn leather and stone under a warm, low lamp."""
    h, w = cv.h, cv.w
    dark = roles.dark_mode
    mottle = _fbm(rng, h, w, cell=cv.fh * 0.25, octaves=3)  # uneven wear and light
    pebble = _fbm(rng, h, w, cell=cv.fh * 0.02, octaves=2)  # leather's pebbled grain, stone's tooth
    if cv.card:
        # A leather patch: pebbled grain, soft wear, and a stitched seam inset from the edge.
        tex = 0.5 * mottle + 0.7 * pebble
        img *= (1.0 + (0.16 if dark else 0.1) * tex)[..., None]
        st = np.zeros((h, w), np.uint8)
        ins = cv.fh * 0.06
        x0, y0, x1, y1 = cv.ox + ins, cv.oy + ins, cv.ox + cv.fw - ins, cv.oy + cv.fh - ins
        dash, gap = cv.fh * 0.022, cv.fh * 0.014
        for (ax, ay), (bx, by) in (((x0, y0), (x1, y0)), ((x1, y0), (x1, y1)), ((x1, y1), (x0, y1)), ((x0, y1), (x0, y0))):
            length = math.hypot(bx - ax, by - ay)
            k = 0.0
            while k < length:
                e = min(length, k + dash)
                cv2.line(st, _P(ax + (bx - ax) * k / length, ay + (by - ay) * k / length),
                         _P(ax + (bx - ax) * e / length, ay + (by - ay) * e / length), 255, 2, cv2.LINE_AA, shift=4)
                k += dash + gap
        m = st.astype(np.float32) / 255
        img *= (1.0 - 0.5 * cv2.GaussianBlur(m, (0, 0), 1.6))[..., None]  # the holes the thread sinks into
        _add(img, m, mix((214, 168, 108), roles.glow, 0.2), 0.75)
    else:
        wall = _wood(rng, h, w, board=cv.fh * 0.15)
        tex = 0.75 * wall + 0.35 * mottle + 0.25 * pebble
        if cv.horizon is not None:  # a stone floor: coarser, no boards
            y0 = int(max(0, min(h - 1, cv.horizon)))
            tex[y0:] = 0.6 * mottle[y0:] + 0.8 * pebble[y0:]
        img *= (1.0 + (0.26 if dark else 0.15) * tex)[..., None]
    # The warm low light: a lamp from one side, raking across the surface.
    side = -1 if rng.uniform() < 0.5 else 1
    _add(img, _radial(h, w, cv.cx + side * cv.fw * 0.3, cv.oy + cv.fh * 0.1, cv.fw * 0.75, 0.8),
         mix(roles.glow, (255, 170, 90), 0.5), 0.4 if dark else 0.2)
    if dark:
        img *= np.clip(img.mean(axis=2, keepdims=True) / 70.0, 0.7, 1.0)


def _leaf(mask: np.ndarray, x: float, y: float, length: float, angle: float, width: float = 0.36,
          value: int = 255, rib: bool = True) -> None:
    """A leaf: a pointed lens shape along `angle` (degrees) from its stem at (x, y)."""
    a = math.radians(angle)
    ux, uy, vx, vy = math.cos(a), math.sin(a), -math.sin(a), math.cos(a)
    n = 18
    side1, side2 = [], []
    for i in range(n + 1):
        s = i / n
        half = width * length * 0.5 * math.sin(math.pi * s) ** 0.9 * (1 - 0.25 * s)
        px, py = x + ux * length * s, y + uy * length * s
        side1.append(_P(px + vx * half, py + vy * half))
        side2.append(_P(px - vx * half, py - vy * half))
    pts = np.array(side1 + side2[::-1], np.int32)
    cv2.fillPoly(mask, [pts], value, cv2.LINE_AA, shift=4)
    if rib:
        cv2.line(mask, _P(x, y), _P(x + ux * length * 0.92, y + uy * length * 0.92), int(value * 0.45),
                 1, cv2.LINE_AA, shift=4)


def _natural(img: np.ndarray, roles: Roles, rng: np.random.Generator, cv: _Canvas) -> None:
    """Soft daylight through leaves: a branch's shadow across the wall, sun flecks, and
    out-of-focus foliage at the edges."""
    h, w = cv.h, cv.w
    dark = roles.dark_mode
    side = -1 if rng.uniform() < 0.5 else 1
    # Daylight from high up one side.
    sun = (cv.ox + cv.fw * (0.5 + side * 0.42), cv.oy - cv.fh * 0.1)
    _add(img, _radial(h, w, sun[0], sun[1], cv.fw * 0.9), (255, 250, 228) if not dark else (170, 200, 130), 0.45)
    # Leaf shadows: a branch reaching in from the sunny side, cast soft on the wall.
    sh = np.zeros((h, w), np.uint8)
    bx0 = cv.ox + cv.fw * (0.5 + side * 0.62)
    by0 = cv.oy + cv.fh * rng.uniform(0.0, 0.25)
    for branch in range(2):
        ang = math.radians((180 if side > 0 else 0) + side * rng.uniform(-24, -10) + branch * side * 20)
        ln = cv.fw * rng.uniform(0.5, 0.68)
        x, y = bx0, by0 + branch * cv.fh * 0.12
        steps = 14
        for i in range(steps):
            nx, ny = x + math.cos(ang) * ln / steps, y + math.sin(ang) * ln / steps
            cv2.line(sh, _P(x, y), _P(nx, ny), 255, max(1, int(cv.fh * 0.006)), cv2.LINE_AA, shift=4)
            deg = math.degrees(ang)
            size = cv.fh * (0.14 - 0.06 * i / steps)
            _leaf(sh, nx, ny, size, deg + 50 + rng.uniform(-12, 12), width=0.42, rib=False)
            _leaf(sh, nx, ny, size * 0.95, deg - 50 + rng.uniform(-12, 12), width=0.42, rib=False)
            x, y = nx, ny
            ang += math.radians(rng.uniform(-4, 4))
    shadow = cv2.GaussianBlur(sh.astype(np.float32) / 255, (0, 0), cv.fh * 0.014)
    calm = _calm_middle(cv) if cv.card else np.clip(1.6 - _radial(h, w, cv.cx, cv.cy, cv.fw * 0.25), 0, 1)
    if cv.horizon is not None:
        calm = calm * (np.arange(h, dtype=np.float32)[:, None] < cv.horizon)
    shade = mix(roles.backdrop_bottom, (36, 70, 44), 0.5) if not dark else (6, 12, 8)
    _add(img, shadow * calm, shade, 0.3 if not dark else 0.5)
    # Sun flecks: small soft spots of light where the canopy opens.
    fl = np.zeros((h, w), np.float32)
    for _ in range(7):
        fx = cv.ox + cv.fw * rng.uniform(0.05, 0.95)
        fy = cv.oy + cv.fh * rng.uniform(0.05, 0.65)
        cv2.ellipse(fl, _P(fx, fy), _P(cv.fh * rng.uniform(0.03, 0.07), cv.fh * rng.uniform(0.02, 0.045)),
                    rng.uniform(0, 180), 0, 360, 1.0, -1, cv2.LINE_AA, shift=4)
    fl = cv2.GaussianBlur(fl, (0, 0), cv.fh * 0.02)
    _add(img, fl * calm, (255, 252, 226) if not dark else (200, 220, 150), 0.3)
    # Foliage: big blurred leaves in the foreground corners, a sharper sprig further back.
    leafy = mix((70, 112, 60), roles.accent, 0.2) if not dark else (22, 44, 24)
    fore = np.zeros((h, w), np.uint8)
    corners = [(cv.ox - cv.fw * 0.02, cv.oy - cv.fh * 0.02, 20, 80), (cv.ox + cv.fw * 1.02, cv.oy - cv.fh * 0.02, 100, 170),
               (cv.ox - cv.fw * 0.02, cv.oy + cv.fh * 1.02, -80, -15), (cv.ox + cv.fw * 1.02, cv.oy + cv.fh * 1.02, 195, 255)]
    picks = rng.permutation(4)[: 3 if cv.card else 2]
    for k in picks:
        x, y, a0, a1 = corners[int(k)]
        for _ in range(int(rng.integers(3, 6))):
            _leaf(fore, x + rng.uniform(-0.04, 0.04) * cv.fw, y + rng.uniform(-0.05, 0.05) * cv.fh,
                  cv.fh * rng.uniform(0.22, 0.42), rng.uniform(a0, a1), width=rng.uniform(0.3, 0.42), rib=False)
    fore_m = cv2.GaussianBlur(fore.astype(np.float32) / 255, (0, 0), cv.fh * 0.018)
    _add(img, fore_m, leafy, 0.78 if not dark else 0.85)
    back = np.zeros((h, w), np.uint8)
    sx = cv.ox + cv.fw * (0.86 if side < 0 else 0.14) + rng.uniform(-0.03, 0.03) * cv.fw
    stem_top = cv.oy + cv.fh * 0.22
    stem_bot = cv.oy + cv.fh * 0.98
    cv2.line(back, _P(sx, stem_bot), _P(sx + cv.fw * 0.01, stem_top), 200, 1, cv2.LINE_AA, shift=4)
    for i in range(9):
        t = i / 8
        py = stem_bot + (stem_top - stem_bot) * (0.15 + 0.85 * t)
        ln = cv.fh * (0.13 - 0.07 * t)
        _leaf(back, sx, py, ln, -35 - 20 * t, width=0.34, value=220)
        _leaf(back, sx, py - cv.fh * 0.02, ln, -145 + 20 * t, width=0.34, value=220)
    back_m = cv2.GaussianBlur(back.astype(np.float32) / 255, (0, 0), 1.4)
    _add(img, back_m, mix(leafy, roles.backdrop_top, 0.35), 0.5)


def _playful(img: np.ndarray, roles: Roles, rng: np.random.Generator, cv: _Canvas) -> None:
    """Candy pastel shapes and confetti."""
    h, w = cv.h, cv.w
    cols = [c for c in (roles.accent, roles.third, *roles.palette) if max(c) - min(c) > 40]
    cols += [(255, 107, 107), (78, 205, 196), (255, 209, 102), (132, 94, 247), (255, 143, 199)]
    pops = [_saturate(c, 1.25) for c in cols[:6]]
    calm = _calm_middle(cv)
    # Big soft pastel blobs around the edges.
    blob = np.zeros((h, w, 3), np.float32)
    balpha = np.zeros((h, w), np.float32)
    for i in range(5):
        ang = rng.uniform(0, 2 * math.pi)
        bx = cv.ox + cv.fw * (0.5 + 0.52 * math.cos(ang))
        by = cv.oy + cv.fh * (0.5 + 0.55 * math.sin(ang))
        r = cv.fh * rng.uniform(0.16, 0.32)
        col = mix(pops[i % len(pops)], (255, 255, 255), 0.35 if not roles.dark_mode else 0.0)
        cv2.circle(blob, _P(bx, by), int(r * 16), tuple(float(c) for c in col), -1, cv2.LINE_AA, shift=4)
        cv2.circle(balpha, _P(bx, by), int(r * 16), 0.85, -1, cv2.LINE_AA, shift=4)
    blur = cv.fh * 0.01
    # Blend premultiplied: blurring colour and coverage apart would leave dark fringes.
    blob = cv2.GaussianBlur(blob * balpha[..., None], (0, 0), blur)
    balpha = cv2.GaussianBlur(balpha, (0, 0), blur)
    img *= (1.0 - balpha)[..., None]
    img += blob
    # Confetti: little bars, dots and rings, thinner where the subject or the type sits.
    u = cv.fh
    for _ in range(70):
        x, y = rng.uniform(cv.ox - u * 0.05, cv.ox + cv.fw + u * 0.05), rng.uniform(cv.oy - u * 0.05, cv.oy + cv.fh * 1.05)
        xi, yi = int(min(w - 1, max(0, x))), int(min(h - 1, max(0, y)))
        if rng.uniform() > calm[yi, xi] ** 2:
            continue
        col = pops[int(rng.integers(0, len(pops)))]
        kind = rng.uniform()
        r = int(u * 0.03) + 3  # each piece is drawn on a small patch around it
        x0, y0 = max(0, xi - r), max(0, yi - r)
        x1, y1 = min(w, xi + r + 1), min(h, yi + r + 1)
        if x1 - x0 < 2 or y1 - y0 < 2:
            continue
        m = np.zeros((y1 - y0, x1 - x0), np.uint8)
        lx, ly = x - x0, y - y0
        if kind < 0.45:  # a confetti bar
            ang = rng.uniform(0, math.pi)
            ln, th = u * rng.uniform(0.018, 0.032), u * rng.uniform(0.006, 0.009)
            dx, dy = math.cos(ang) * ln / 2, math.sin(ang) * ln / 2
            nx, ny = -math.sin(ang) * th / 2, math.cos(ang) * th / 2
            pts = np.array([_P(lx - dx + nx, ly - dy + ny), _P(lx + dx + nx, ly + dy + ny),
                            _P(lx + dx - nx, ly + dy - ny), _P(lx - dx - nx, ly - dy - ny)], np.int32)
            cv2.fillPoly(m, [pts], 255, cv2.LINE_AA, shift=4)
        elif kind < 0.8:  # a dot
            cv2.circle(m, _P(lx, ly), int(u * rng.uniform(0.005, 0.011) * 16), 255, -1, cv2.LINE_AA, shift=4)
        else:  # a ring
            cv2.circle(m, _P(lx, ly), int(u * rng.uniform(0.01, 0.016) * 16), 255, max(1, int(u * 0.004)),
                       cv2.LINE_AA, shift=4)
        _add(img[y0:y1, x0:x1], m.astype(np.float32) / 255, col, 0.95)
    # A halftone patch in one corner.
    dots = np.zeros((h, w), np.uint8)
    step = max(6, int(u * 0.04))
    qx = 0.04 if rng.uniform() < 0.5 else 0.78
    for y in range(int(cv.oy + cv.fh * 0.06), int(cv.oy + cv.fh * 0.3), step):
        for x in range(int(cv.ox + cv.fw * qx), int(cv.ox + cv.fw * (qx + 0.18)), step):
            cv2.circle(dots, (x * 16, y * 16), max(16, step * 16 // 6), 255, -1, cv2.LINE_AA, shift=4)
    _add(img, dots.astype(np.float32) / 255, pops[1 % len(pops)], 0.55)


def _elegant(img: np.ndarray, roles: Roles, rng: np.random.Generator, cv: _Canvas) -> None:
    """Draped silk: long, soft folds of light, and one fine arc."""
    h, w = cv.h, cv.w
    ys, xs = np.mgrid[:h, :w].astype(np.float32)
    u = (xs - cv.ox) / cv.fw
    v = (ys - cv.oy) / cv.fh
    ph = rng.uniform(0, 2 * math.pi)
    fold = np.sin((u * 1.3 + v * 0.9) * 2 * math.pi * 0.8 + 0.9 * np.sin(v * 3.1 + ph) + ph)
    hi = np.clip(fold, 0, 1) ** 3
    lo = np.clip(-fold, 0, 1) ** 2
    _add(img, hi.astype(np.float32), mix(roles.glow, (255, 255, 255), 0.3), 0.34)
    img *= (1.0 - 0.22 * lo)[..., None]
    arc = np.zeros((h, w), np.uint8)
    ccx, ccy = (cv.ox + cv.fw * 0.5, cv.oy + cv.fh * 0.5) if cv.card else (cv.cx, cv.cy)
    r = cv.fh * (0.62 if cv.card else 0.55)
    cv2.ellipse(arc, _P(ccx, ccy), _P(r * 1.25, r), 0, 200, 330, 255, 1, cv2.LINE_AA, shift=4)
    _add(img, arc.astype(np.float32) / 255, roles.accent, 0.45)


def _minimal(img: np.ndarray, roles: Roles, rng: np.random.Generator, cv: _Canvas) -> None:
    """A clean studio: one flat arch behind the subject, one thin line; nothing else."""
    h, w = cv.h, cv.w
    m = np.zeros((h, w), np.uint8)
    if cv.card:
        r = cv.fh * 0.36
        ccx, ccy = cv.ox + cv.fw * (0.78 if rng.uniform() < 0.5 else 0.22), cv.oy + cv.fh * 0.62
        cv2.circle(m, _P(ccx, ccy), int(r * 16), 255, -1, cv2.LINE_AA, shift=4)
    else:
        aw, top = cv.fh * 0.34, cv.cy - cv.fh * 0.34
        bottom = cv.horizon if cv.horizon is not None else cv.oy + cv.fh * 1.1
        cv2.ellipse(m, _P(cv.cx, top + aw), _P(aw, aw), 0, 180, 360, 255, -1, cv2.LINE_AA, shift=4)
        cv2.rectangle(m, _P(cv.cx - aw, top + aw), _P(cv.cx + aw, bottom), 255, -1, cv2.LINE_AA, shift=4)
    tone = mix(roles.backdrop_top, (255, 255, 255) if not roles.dark_mode else roles.glow, 0.45)
    _add(img, m.astype(np.float32) / 255, tone, 0.55)
    line = np.zeros((h, w), np.uint8)
    ly = cv.oy + cv.fh * 0.14
    cv2.line(line, _P(cv.ox + cv.fw * 0.06, ly), _P(cv.ox + cv.fw * 0.2, ly), 255, 1, cv2.LINE_AA, shift=4)
    _add(img, line.astype(np.float32) / 255, roles.accent, 0.8)


def _tech(img: np.ndarray, roles: Roles, rng: np.random.Generator, cv: _Canvas) -> None:
    """A glowing perspective grid, scan lines and a field of data dots."""
    h, w = cv.h, cv.w
    grid = np.zeros((h, w), np.uint8)
    hz = cv.horizon if cv.horizon is not None else cv.oy + cv.fh * 0.72
    vx = cv.cx if not cv.card else cv.ox + cv.fw / 2
    y_end = cv.oy + cv.fh * 1.1
    for i in range(-14, 15):  # lines running to the vanishing point
        x_far = vx + i * cv.fw * 0.02
        x_near = vx + i * cv.fw * 0.16
        cv2.line(grid, _P(x_far, hz), _P(x_near, y_end), 255, 1, cv2.LINE_AA, shift=4)
    for j in range(1, 12):  # rungs, closer together towards the horizon
        y = hz + (y_end - hz) * (j / 11) ** 2.2
        cv2.line(grid, _P(cv.ox - cv.fw * 0.1, y), _P(cv.ox + cv.fw * 1.1, y), 255, 1, cv2.LINE_AA, shift=4)
    ys = np.arange(h, dtype=np.float32)[:, None]
    fade = np.clip((ys - hz) / (cv.fh * 0.35), 0, 1) ** 0.8
    gm = grid.astype(np.float32) / 255 * fade
    _add(img, cv2.GaussianBlur(gm, (0, 0), 2.0), roles.accent, 0.45)
    _add(img, gm, mix(roles.accent, (255, 255, 255), 0.3), 0.55)
    # A horizon glow and a dot field in an upper corner.
    _add(img, np.broadcast_to(np.exp(-((ys - hz) / (cv.fh * 0.03)) ** 2), (h, w)).astype(np.float32), roles.accent, 0.25)
    dots = np.zeros((h, w), np.uint8)
    step = max(5, int(cv.fh * 0.028))
    qx = 0.05 if rng.uniform() < 0.5 else 0.75
    for yy in range(int(cv.oy + cv.fh * 0.08), int(cv.oy + cv.fh * 0.32), step):
        for xx in range(int(cv.ox + cv.fw * qx), int(cv.ox + cv.fw * (qx + 0.2)), step):
            if rng.uniform() < 0.7:
                cv2.circle(dots, (xx * 16, yy * 16), 20, 255, -1, cv2.LINE_AA, shift=4)
    _add(img, dots.astype(np.float32) / 255, roles.third, 0.5)
    img[::3] *= 0.96  # scan lines


def _bold(img: np.ndarray, roles: Roles, rng: np.random.Generator, cv: _Canvas) -> None:
    """A hard-edged slab of the accent colour slicing through the set."""
    if cv.card:
        return  # the graphic card already is the bold look
    h, w = cv.h, cv.w
    ys, xs = np.mgrid[:h, :w].astype(np.float32)
    flip = rng.uniform() < 0.5
    u = (xs - cv.ox) / cv.fw
    u = 1 - u if flip else u
    d = u * 1.0 - (ys - cv.oy) / cv.fh * 0.6
    slab = np.clip((d - 0.62) * 60, 0, 1)
    stripe = np.clip((d - 0.5) * 60, 0, 1) * np.clip((0.53 - d) * 60, 0, 1)
    _add(img, slab.astype(np.float32), roles.accent, 0.3 if roles.dark_mode else 0.4)
    _add(img, stripe.astype(np.float32), roles.accent, 0.6)


def _vintage(img: np.ndarray, roles: Roles, rng: np.random.Generator, cv: _Canvas) -> None:
    """Faded sepia film: a retro sunburst behind the subject, lifted blacks, a light leak."""
    h, w = cv.h, cv.w
    ys, xs = np.mgrid[:h, :w].astype(np.float32)
    cx, cy = (cv.ox + cv.fw / 2, cv.oy + cv.fh * 0.55) if cv.card else (cv.cx, cv.cy + cv.fh * 0.1)
    ang = np.arctan2(ys - cy, xs - cx)
    rays = (np.sin(ang * 18 + rng.uniform(0, math.pi)) > 0).astype(np.float32)
    rays = cv2.GaussianBlur(rays, (0, 0), 1.2)
    reach = np.clip(np.hypot(xs - cx, ys - cy) / (cv.fw * 0.75), 0, 1)
    img *= (1.0 + 0.09 * (rays - 0.5) * (1 - reach) * (0.6 if cv.card else 1.0))[..., None]
    lum = img @ np.array([0.2126, 0.7152, 0.0722], np.float32)
    sepia = lum[..., None] * np.array([1.1, 0.95, 0.74], np.float32)
    img += (sepia - img) * 0.75
    img *= 0.88
    img += np.array([26.0, 20.0, 12.0], np.float32)  # faded, warm blacks
    corner = (cv.ox + cv.fw * (0.02 if rng.uniform() < 0.5 else 0.98), cv.oy + cv.fh * rng.uniform(0.05, 0.3))
    _add(img, _radial(h, w, corner[0], corner[1], cv.fw * 0.5, 1.4), (255, 120, 50), 0.7)


def _cozy(img: np.ndarray, roles: Roles, rng: np.random.Generator, cv: _Canvas) -> None:
    """Lamp-lit warmth: an amber cast and a window's glow low on one side."""
    h, w = cv.h, cv.w
    img *= np.array([1.04, 0.98, 0.88], np.float32)
    side = -1 if rng.uniform() < 0.5 else 1
    _add(img, _radial(h, w, cv.cx + side * cv.fw * 0.45, cv.oy + cv.fh * 0.55, cv.fw * 0.5, 1.2),
         (255, 190, 120), 0.3)


_MOTIFS = {
    "luxury": _luxury, "rugged": _rugged, "natural organic": _natural, "playful": _playful,
    "elegant": _elegant, "modern minimal": _minimal, "futuristic tech": _tech, "bold": _bold,
    "vintage": _vintage, "warm cozy": _cozy,
}
