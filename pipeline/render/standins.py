"""Drawn product stand-ins: polished vector-style illustrations of a product when the user
uploaded no photo.

``draw_standin(kind, palette, height_px, brand, seed)`` returns an RGBA image (transparent
background, no shadow: the compositor adds it) whose height is ``height_px`` and whose width
suits the product. ``standin_kind_for(name, category)`` picks the kind from keywords.

How the drawings are made
-------------------------
Everything is drawn on a float32 premultiplied-RGBA canvas at 2x (3x for small sizes) and
downscaled with LANCZOS at the end, so every edge is anti-aliased twice over (shapes are
filled with OpenCV's anti-aliased polygon rasteriser at 1/16 px precision). A drawing is a
stack of coverage masks (``_M``: a float array placed at an offset, cropped to its bounding
box so that every operation only touches the pixels it needs) painted with colour fields:
flat colours or numpy gradients (linear, radial, conic, all through 1024-entry LUTs).
Materials are built from the same few moves: a base gradient, soft inner shading from a
blurred copy of the mask, bevel light from the gradient of a blurred mask (a cheap normal
map), specular streaks clipped to the shape, and thin rim lights on the edges. Colours come
from the palette: palette[0] is the dominant (usually dark) brand colour, palette[1] the
accent; metal parts become gold, rose gold, steel or gunmetal according to the accent.

Everything is deterministic: the only randomness is a numpy Generator seeded from ``seed``,
which also picks small design variants (a leather strap or a steel bracelet, for example).
"""

from __future__ import annotations

import colorsys
import math
import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Callable, Sequence

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

STANDIN_KINDS: tuple[str, ...] = (
    "watch", "bottle", "phone", "can", "cup", "headphones", "sneaker", "box",
)

_FONT_DIR = Path(__file__).resolve().parents[2] / "assets" / "fonts"
_SANS = "Manrope-SemiBold.ttf"
_SANS_BOLD = "Manrope-ExtraBold.ttf"
_SANS_LIGHT = "Manrope-Regular.ttf"
_SERIF = "SourceSerifPro-Semibold.ttf"

# --- kind from keywords ---------------------------------------------------------------------

# Checked in this order; the first kind with a matching keyword wins. Keywords are matched on
# lower-case, accent-stripped text as whole words with an optional plural ending. A leading
# "*" lets the keyword end a compound word (German "Armbanduhr", "Sportschuhe").
_RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("headphones", (
        "headphone", "headset", "earphone", "earbud", "over-ear", "over ear", "on-ear",
        "noise cancelling", "noise-cancelling", "auricular", "casque", "casque audio",
        "ecouteur", "*kopfhorer", "cuffia", "cuffie", "fone de ouvido",
    )),
    ("watch", (
        "watch", "wristwatch", "smartwatch", "timepiece", "chronograph", "chronometer",
        "horology", "horlogerie", "reloj", "montre", "*uhr", "orologio", "relogio",
    )),
    ("phone", (
        "smartphone", "phone", "iphone", "android", "cellphone", "cell phone", "mobile phone",
        "mobile", "telefono", "movil", "celular", "telephone", "*telefon", "smartfon",
    )),
    ("sneaker", (
        "sneaker", "shoe", "trainer", "running", "runner", "footwear", "boot", "kicks",
        "zapatilla", "zapato", "tenis", "deportiva", "calzado", "chaussure", "*schuh",
        "scarpa", "scarpe", "tenis",
    )),
    ("cup", (
        "coffee", "cafe", "caffe", "espresso", "latte", "cappuccino", "americano", "mocha",
        "cold brew", "macchiato", "barista", "roastery", "tea", "matcha", "chai", "cup",
        "mug", "taza", "tasse", "*kaffee", "cafeteria", "coffeehouse", "hot chocolate",
    )),
    ("bottle", (
        "perfume", "parfum", "fragrance", "cologne", "eau de", "scent", "serum", "skincare",
        "skin care", "bottle", "bouteille", "*flasche", "botella", "flacon", "oil", "huile",
        "aceite", "wine", "vin", "*wein", "vino", "gin", "whisky", "whiskey", "vodka", "rum",
        "tequila", "mezcal", "spirit", "liqueur", "lotion", "essence", "toner", "elixir",
        "tincture", "perfumeria", "parfumerie", "*duft", "profumo", "shampoo", "cosmetic",
    )),
    ("can", (
        "energy drink", "soda", "can", "canned", "cola", "soft drink", "beer", "lager",
        "ale", "ipa", "seltzer", "sparkling", "tonic", "lemonade", "limonade", "kombucha",
        "drink", "beverage", "lata", "refresco", "bebida", "canette", "boisson", "biere",
        "bier", "cerveza", "*getrank", "*dose", "lattina", "bibita",
    )),
)


def _keyword_pattern(words: Sequence[str]) -> re.Pattern[str]:
    parts = []
    for w in words:
        compound = w.startswith("*")
        w = re.escape(w.lstrip("*")).replace(r"\ ", r"[\s\-]+").replace(r"\-", r"[\s\-]?")
        if compound:
            parts.append(rf"{w}(?:e|en|n|s)?(?![a-z])")
        else:
            parts.append(rf"(?<![a-z]){w}(?:s|es)?(?![a-z])")
    return re.compile("|".join(parts))


_RULE_PATTERNS = tuple((kind, _keyword_pattern(words)) for kind, words in _RULES)


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return text.replace("ß", "ss")


def standin_kind_for(product_name: str, category: str) -> str:
    """The stand-in kind for a product: keyword rules (English plus common Spanish, French,
    German and Italian words) on the name and category, ``"box"`` when nothing matches."""
    text = _normalise(f"{product_name or ''} | {category or ''}")
    for kind, pattern in _RULE_PATTERNS:
        if pattern.search(text):
            return kind
    return "box"


# --- colour helpers -------------------------------------------------------------------------

Col = tuple[float, float, float]
WHITE: Col = (1.0, 1.0, 1.0)
BLACK: Col = (0.0, 0.0, 0.0)


def _mix(a: Col, b: Col, t: float) -> Col:
    return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t)


def _dark(c: Col, k: float) -> Col:
    return _mix(c, BLACK, k)


def _light(c: Col, k: float) -> Col:
    return _mix(c, WHITE, k)


def _lum(c: Col) -> float:
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]


def _hsv(c: Col) -> tuple[float, float, float]:
    return colorsys.rgb_to_hsv(*c)


def _from_hsv(h: float, s: float, v: float) -> Col:
    return colorsys.hsv_to_rgb(h % 1.0, min(1.0, max(0.0, s)), min(1.0, max(0.0, v)))


def _sat(c: Col, k: float) -> Col:
    h, s, v = _hsv(c)
    return _from_hsv(h, s * k, v)


def _with_v(c: Col, v: float) -> Col:
    h, s, _ = _hsv(c)
    return _from_hsv(h, s, v)


def _contrast(a: Col, b: Col) -> float:
    def lin(x: float) -> float:
        return x / 12.92 if x <= 0.04045 else ((x + 0.055) / 1.055) ** 2.4

    la = 0.2126 * lin(a[0]) + 0.7152 * lin(a[1]) + 0.0722 * lin(a[2])
    lb = 0.2126 * lin(b[0]) + 0.7152 * lin(b[1]) + 0.0722 * lin(b[2])
    hi, lo = max(la, lb), min(la, lb)
    return (hi + 0.05) / (lo + 0.05)


def _legible(bg: Col, *candidates: Col, need: float = 3.0) -> Col:
    """The first candidate with enough contrast on ``bg``; else black or white."""
    for c in candidates:
        if _contrast(c, bg) >= need:
            return c
    return (0.08, 0.08, 0.09) if _contrast(BLACK, bg) > _contrast(WHITE, bg) else (0.98, 0.97, 0.95)


class _Palette:
    """Material roles derived from the brand palette."""

    def __init__(self, palette: Sequence[Sequence[int]]):
        cols: list[Col] = []
        for c in list(palette or [])[:6]:
            try:
                r, g, b = (float(v) for v in list(c)[:3])
            except (TypeError, ValueError):
                continue
            cols.append((min(1.0, max(0.0, r / 255)), min(1.0, max(0.0, g / 255)),
                         min(1.0, max(0.0, b / 255))))
        if not cols:
            cols = [(0.07, 0.11, 0.22), (0.83, 0.68, 0.36)]
        self.main = cols[0]
        if len(cols) > 1:
            self.accent = cols[1]
        else:
            h, s, v = _hsv(self.main)
            self.accent = _from_hsv(h + 0.08, max(0.35, s), 0.85) if _lum(self.main) < 0.5 \
                else _from_hsv(h + 0.5, 0.5, 0.45)
        if _contrast(self.accent, self.main) < 1.25:  # the accent would vanish on the body
            self.accent = _light(self.accent, 0.5) if _lum(self.main) < 0.5 else _dark(self.accent, 0.5)
        if len(cols) > 2:
            self.extra = cols[2]
        else:
            # An analogous companion of the accent (warmer and lighter): never a clashing hue.
            h, s, v = _hsv(self.accent)
            if s > 0.2:
                self.extra = _from_hsv(h - 0.045, min(1.0, s * 1.05), min(1.0, v * 0.85 + 0.1))
            else:
                self.extra = _light(self.main, 0.35) if _lum(self.main) < 0.5 else _dark(self.main, 0.25)
        self.dark = _lum(self.main) < 0.42
        self.metal_kind, self.metal = self._metal()

    def _metal(self) -> tuple[str, Col]:
        h, s, v = _hsv(self.accent)
        if 0.07 <= h <= 0.17 and 0.28 <= s <= 0.9 and v >= 0.45:
            return "gold", _mix(_sat(self.accent, 0.8), (0.86, 0.71, 0.44), 0.55)
        if (h < 0.07 or h > 0.93) and 0.22 <= s <= 0.85 and v >= 0.55:
            return "rose", _mix(self.accent, (0.88, 0.64, 0.56), 0.65)
        if _lum(self.main) < 0.07 and s > 0.55:
            return "gunmetal", (0.42, 0.43, 0.46)
        return "steel", (0.76, 0.77, 0.79)


def _metal_ramp(base: Col, contrast: float = 1.0) -> dict[str, Col]:
    k = contrast
    return {
        "deep": _dark(base, min(0.85, 0.62 * k)),
        "dark": _dark(base, min(0.7, 0.38 * k)),
        "mid": base,
        "light": _light(base, min(0.9, 0.38 * k)),
        "white": _light(base, min(0.95, 0.78 * k)),
    }


def _metal_linear(base: Col, contrast: float = 1.0) -> list[tuple[float, Col]]:
    m = _metal_ramp(base, contrast)
    return [(0.0, m["light"]), (0.22, m["white"]), (0.4, m["mid"]), (0.62, m["dark"]),
            (0.8, m["mid"]), (0.92, m["light"]), (1.0, m["mid"])]


def _metal_conic(base: Col, contrast: float = 1.0) -> list[tuple[float, Col]]:
    m = _metal_ramp(base, contrast)
    return [(0.0, m["mid"]), (0.08, m["light"]), (0.16, m["white"]), (0.26, m["light"]),
            (0.38, m["dark"]), (0.5, m["deep"]), (0.6, m["dark"]), (0.7, m["mid"]),
            (0.8, m["light"]), (0.87, m["white"]), (0.94, m["light"]), (1.0, m["mid"])]


# --- masks ----------------------------------------------------------------------------------


class _M:
    """A coverage mask: float32 array ``a`` (0..1) whose top-left pixel sits at canvas (x, y)."""

    __slots__ = ("x", "y", "a")

    def __init__(self, x: int, y: int, a: np.ndarray):
        self.x, self.y, self.a = int(x), int(y), a

    @property
    def x1(self) -> int:
        return self.x + self.a.shape[1]

    @property
    def y1(self) -> int:
        return self.y + self.a.shape[0]

    @property
    def box(self) -> tuple[int, int, int, int]:
        return self.x, self.y, self.x1, self.y1

    @staticmethod
    def empty() -> "_M":
        return _M(0, 0, np.zeros((1, 1), np.float32))

    def over(self, x0: int, y0: int, x1: int, y1: int) -> np.ndarray:
        """This mask's values over a box, zero outside the mask."""
        out = np.zeros((max(1, y1 - y0), max(1, x1 - x0)), np.float32)
        ix0, iy0 = max(x0, self.x), max(y0, self.y)
        ix1, iy1 = min(x1, self.x1), min(y1, self.y1)
        if ix1 > ix0 and iy1 > iy0:
            out[iy0 - y0:iy1 - y0, ix0 - x0:ix1 - x0] = \
                self.a[iy0 - self.y:iy1 - self.y, ix0 - self.x:ix1 - self.x]
        return out

    def __and__(self, o: "_M") -> "_M":
        x0, y0 = max(self.x, o.x), max(self.y, o.y)
        x1, y1 = min(self.x1, o.x1), min(self.y1, o.y1)
        if x1 <= x0 or y1 <= y0:
            return _M.empty()
        return _M(x0, y0, self.over(x0, y0, x1, y1) * o.over(x0, y0, x1, y1))

    def __or__(self, o: "_M") -> "_M":
        x0, y0 = min(self.x, o.x), min(self.y, o.y)
        x1, y1 = max(self.x1, o.x1), max(self.y1, o.y1)
        return _M(x0, y0, np.maximum(self.over(x0, y0, x1, y1), o.over(x0, y0, x1, y1)))

    def __sub__(self, o: "_M") -> "_M":
        return _M(self.x, self.y, self.a * (1.0 - o.over(*self.box)))

    def __mul__(self, k: float) -> "_M":
        return _M(self.x, self.y, self.a * np.float32(k))

    def blur(self, sigma: float) -> "_M":
        if sigma <= 0.3:
            return self
        pad = int(math.ceil(sigma * 3)) + 1
        a = cv2.copyMakeBorder(self.a, pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=0)
        # Big blurs run on a downsampled copy (a Gaussian is smooth, nothing is lost).
        f = int(sigma // 6)
        if f >= 2:
            h, w = a.shape
            small = cv2.resize(a, (max(1, w // f), max(1, h // f)), interpolation=cv2.INTER_AREA)
            small = cv2.GaussianBlur(small, (0, 0), sigma / f)
            a = cv2.resize(small, (w, h), interpolation=cv2.INTER_LINEAR)
        else:
            a = cv2.GaussianBlur(a, (0, 0), sigma)
        return _M(self.x - pad, self.y - pad, a)

    def shift(self, dx: float, dy: float) -> "_M":
        return _M(self.x + int(round(dx)), self.y + int(round(dy)), self.a)

    def dist(self) -> "_M":
        """Distance (px) from each inside pixel to the shape's edge."""
        a = cv2.copyMakeBorder((self.a > 0.5).astype(np.uint8), 1, 1, 1, 1, cv2.BORDER_CONSTANT, value=0)
        d = cv2.distanceTransform(a, cv2.DIST_L2, 5)[1:-1, 1:-1]
        return _M(self.x, self.y, d)


def _poly(*contours: np.ndarray | Sequence[tuple[float, float]]) -> _M:
    """Anti-aliased fill of one or more polygons (union; 1/16 px vertex precision)."""
    arrs = [np.asarray(c, np.float64).reshape(-1, 2) for c in contours]
    arrs = [a for a in arrs if len(a) >= 3]
    if not arrs:
        return _M.empty()
    allp = np.concatenate(arrs)
    x0, y0 = int(math.floor(allp[:, 0].min())) - 2, int(math.floor(allp[:, 1].min())) - 2
    x1, y1 = int(math.ceil(allp[:, 0].max())) + 3, int(math.ceil(allp[:, 1].max())) + 3
    img = np.zeros((y1 - y0, x1 - x0), np.uint8)
    pts = [np.round((a - (x0 - 0.5, y0 - 0.5)) * 16).astype(np.int32) for a in arrs]
    for p in pts:  # one call per contour: overlapping contours add up instead of cancelling
        cv2.fillPoly(img, [p], 255, cv2.LINE_AA, shift=4)
    return _M(x0, y0, img.astype(np.float32) * np.float32(1 / 255))


def _ellipse_pts(cx: float, cy: float, rx: float, ry: float, a0: float = 0.0,
                 a1: float = 2 * math.pi, rot: float = 0.0, n: int | None = None) -> np.ndarray:
    if n is None:
        n = int(max(24, min(2000, abs(a1 - a0) * max(rx, ry) / 2.5)))
    t = np.linspace(a0, a1, n, endpoint=abs(a1 - a0) < 2 * math.pi - 1e-6)
    x, y = rx * np.cos(t), ry * np.sin(t)
    if rot:
        c, s = math.cos(rot), math.sin(rot)
        x, y = x * c - y * s, x * s + y * c
    return np.stack([cx + x, cy + y], -1)


def _ellipse(cx: float, cy: float, rx: float, ry: float | None = None, rot: float = 0.0) -> _M:
    return _poly(_ellipse_pts(cx, cy, rx, rx if ry is None else ry, rot=rot))


def _ring(cx: float, cy: float, r_out: float, r_in: float) -> _M:
    return _ellipse(cx, cy, r_out) - _ellipse(cx, cy, r_in)


def _rrect_pts(x0: float, y0: float, x1: float, y1: float,
               r: float | Sequence[float]) -> np.ndarray:
    """Rounded rectangle; ``r`` is one radius or (top-left, top-right, bottom-right, bottom-left)."""
    rs = [r] * 4 if isinstance(r, (int, float)) else list(r)
    lim = min(x1 - x0, y1 - y0) / 2
    rs = [max(0.0, min(float(v), lim)) for v in rs]
    pts: list[np.ndarray] = []
    corners = ((x0 + rs[0], y0 + rs[0], math.pi, 1.5 * math.pi),
               (x1 - rs[1], y0 + rs[1], 1.5 * math.pi, 2 * math.pi),
               (x1 - rs[2], y1 - rs[2], 0.0, 0.5 * math.pi),
               (x0 + rs[3], y1 - rs[3], 0.5 * math.pi, math.pi))
    for (cx, cy, a0, a1), rr in zip(corners, rs):
        if rr <= 0.5:
            pts.append(np.array([[cx, cy]]))
        else:
            n = int(max(6, rr * (a1 - a0) / 2.5))
            t = np.linspace(a0, a1, n)
            pts.append(np.stack([cx + rr * np.cos(t), cy + rr * np.sin(t)], -1))
    return np.concatenate(pts)


def _rrect(x0: float, y0: float, x1: float, y1: float, r: float | Sequence[float]) -> _M:
    return _poly(_rrect_pts(x0, y0, x1, y1, r))


def _bez(p0, p1, p2, p3, n: int | None = None) -> np.ndarray:
    """Points of a cubic Bézier (p0 excluded so segments chain)."""
    p0, p1, p2, p3 = (np.asarray(p, np.float64) for p in (p0, p1, p2, p3))
    if n is None:
        length = (np.linalg.norm(p1 - p0) + np.linalg.norm(p2 - p1) + np.linalg.norm(p3 - p2))
        n = int(max(8, min(600, length / 3)))
    t = np.linspace(0, 1, n + 1)[1:, None]
    return ((1 - t) ** 3) * p0 + 3 * ((1 - t) ** 2) * t * p1 + 3 * (1 - t) * t * t * p2 + t ** 3 * p3


class _Path:
    """Polyline builder: move, line and cubic segments, flattened to points."""

    def __init__(self, x: float, y: float):
        self.pts: list[np.ndarray] = [np.array([[x, y]], np.float64)]

    @property
    def cur(self) -> np.ndarray:
        return self.pts[-1][-1]

    def line(self, x: float, y: float) -> "_Path":
        self.pts.append(np.array([[x, y]], np.float64))
        return self

    def curve(self, c1, c2, end) -> "_Path":
        self.pts.append(_bez(self.cur, c1, c2, end))
        return self

    def array(self) -> np.ndarray:
        return np.concatenate(self.pts)

    def mask(self) -> _M:
        return _poly(self.array())


def _stroke_pts(pts: np.ndarray, width: float | np.ndarray) -> np.ndarray:
    """Outline polygon of a polyline drawn with a (possibly varying) width, flat ends."""
    pts = np.asarray(pts, np.float64)
    d = np.gradient(pts, axis=0)
    d /= np.maximum(1e-9, np.linalg.norm(d, axis=1, keepdims=True))
    nrm = np.stack([-d[:, 1], d[:, 0]], -1)
    w = np.broadcast_to(np.asarray(width, np.float64), (len(pts),))[:, None] / 2
    return np.concatenate([pts + nrm * w, (pts - nrm * w)[::-1]])


def _stroke(pts: np.ndarray, width: float | np.ndarray, round_caps: bool = False) -> _M:
    m = _poly(_stroke_pts(pts, width))
    if round_caps:
        w = np.broadcast_to(np.asarray(width, np.float64), (len(pts),))
        m = m | _ellipse(pts[0][0], pts[0][1], w[0] / 2) | _ellipse(pts[-1][0], pts[-1][1], w[-1] / 2)
    return m


# --- colour fields --------------------------------------------------------------------------

Field = Callable[[np.ndarray, np.ndarray], np.ndarray]
_LUT_N = 1024


def _lut(stops: Sequence[tuple[float, object]]) -> np.ndarray:
    ts = np.array([s[0] for s in stops], np.float64)
    vs = np.array([np.atleast_1d(np.asarray(s[1], np.float64)) for s in stops])
    x = np.linspace(0, 1, _LUT_N)
    out = np.stack([np.interp(x, ts, vs[:, i]) for i in range(vs.shape[1])], -1)
    return out.astype(np.float32) if out.shape[1] > 1 else out[:, 0].astype(np.float32)


def _apply_lut(lut: np.ndarray, t: np.ndarray) -> np.ndarray:
    idx = np.clip(t * (_LUT_N - 1) + 0.5, 0, _LUT_N - 1).astype(np.int32)
    return lut[idx]


def _linear(p0: tuple[float, float], p1: tuple[float, float], stops) -> Field:
    lut = _lut(stops)
    dx, dy = p1[0] - p0[0], p1[1] - p0[1]
    l2 = max(1e-9, dx * dx + dy * dy)

    def f(X: np.ndarray, Y: np.ndarray) -> np.ndarray:
        if dy == 0:
            t = (X - p0[0]) * (dx / l2)
        elif dx == 0:
            t = (Y - p0[1]) * (dy / l2)
        else:
            t = (X - p0[0]) * (dx / l2) + (Y - p0[1]) * (dy / l2)
        return _apply_lut(lut, t)
    return f


def _radial(c: tuple[float, float], r: float | tuple[float, float], stops) -> Field:
    lut = _lut(stops)
    rx, ry = (r, r) if isinstance(r, (int, float)) else r

    def f(X: np.ndarray, Y: np.ndarray) -> np.ndarray:
        t = np.sqrt(((X - c[0]) / rx) ** 2 + ((Y - c[1]) / ry) ** 2)
        return _apply_lut(lut, t)
    return f


def _conic(c: tuple[float, float], stops, a0: float = 0.0) -> Field:
    """Angle gradient; t = 0 at angle ``a0`` (radians, 0 = +x, clockwise on screen)."""
    lut = _lut(stops)

    def f(X: np.ndarray, Y: np.ndarray) -> np.ndarray:
        t = ((np.arctan2(Y - c[1], X - c[0]) - a0) / (2 * math.pi)) % 1.0
        return _apply_lut(lut, t)
    return f


# --- the canvas -----------------------------------------------------------------------------


class _Canvas:
    def __init__(self, w: int, h: int):
        self.w, self.h = w, h
        self.buf = np.zeros((4, h, w), np.float32)  # premultiplied R, G, B, A planes

    def paint(self, m: _M, fill: Col | Field | np.ndarray, alpha: float | Field = 1.0) -> None:
        x0, y0 = max(0, m.x), max(0, m.y)
        x1, y1 = min(self.w, m.x1), min(self.h, m.y1)
        if x1 <= x0 or y1 <= y0:
            return
        a = m.a[y0 - m.y:y1 - m.y, x0 - m.x:x1 - m.x]
        if a.size > 40000:  # trim to the pixels that are actually covered
            nz = a > 1e-4
            rows, cols = np.flatnonzero(nz.any(1)), np.flatnonzero(nz.any(0))
            if rows.size == 0:
                return
            a = a[rows[0]:rows[-1] + 1, cols[0]:cols[-1] + 1]
            x0, y0, x1, y1 = x0 + cols[0], y0 + rows[0], x0 + cols[-1] + 1, y0 + rows[0] + a.shape[0]
        X = (np.arange(x0, x1, dtype=np.float32) + 0.5)[None, :]
        Y = (np.arange(y0, y1, dtype=np.float32) + 0.5)[:, None]
        if callable(alpha):
            a = a * alpha(X, Y)
        elif alpha != 1.0:
            a = a * np.float32(alpha)
        if callable(fill):
            col = fill(X, Y)
            chans = [col[..., i] for i in range(3)]
        else:
            col = np.asarray(fill, np.float32)
            if col.ndim == 3:
                col = col[y0 - m.y:y1 - m.y, x0 - m.x:x1 - m.x]
                chans = [col[..., i] for i in range(3)]
            else:
                chans = [np.float32(v) for v in col[:3]]
        for i in range(3):
            ch = self.buf[i, y0:y1, x0:x1]
            tmp = np.subtract(chans[i], ch, dtype=np.float32)
            tmp *= a
            ch += tmp
        ch = self.buf[3, y0:y1, x0:x1]
        tmp = np.subtract(np.float32(1.0), ch)
        tmp *= a
        ch += tmp

    def image(self, out_w: int, out_h: int, seed: int) -> Image.Image:
        chans = []
        for i in range(4):
            im = Image.fromarray(self.buf[i], "F")
            chans.append(np.asarray(im.resize((out_w, out_h), Image.Resampling.LANCZOS)))
        a = np.clip(chans[3], 0.0, 1.0)
        a[a < 0.5 / 255] = 0.0
        inv = 255.0 / np.maximum(a, 1e-6)
        # Triangular dither: no banding in the long gradients once they are 8-bit.
        rng = np.random.default_rng((seed & 0xFFFFFFFF, 0x5EED))
        noise = (rng.random((out_h, out_w), np.float32) - rng.random((out_h, out_w), np.float32)) * 0.75 + 0.5
        out = np.empty((out_h, out_w, 4), np.uint8)
        for i in range(3):
            out[..., i] = np.clip(np.clip(chans[i], 0.0, None) * inv + noise, 0, 255)
        out[..., 3] = np.clip(a * 255 + 0.5, 0, 255)
        out[out[..., 3] == 0] = 0
        return Image.fromarray(out, "RGBA")


# --- material effects -----------------------------------------------------------------------


def _shade_edges(cv: _Canvas, m: _M, width: float, strength: float = 0.5,
                 color: Col = BLACK, offset: tuple[float, float] = (0.0, 0.0)) -> None:
    """Soft inner shading along the inside of a shape's edge (offset: which edges get more)."""
    b = m.blur(width).shift(-offset[0], -offset[1])
    cv.paint(m - b, color, strength)


def _glow_edges(cv: _Canvas, m: _M, width: float, strength: float = 0.5,
                color: Col = WHITE, offset: tuple[float, float] = (0.0, 0.0)) -> None:
    _shade_edges(cv, m, width, strength, color, offset)


def _bevel(cv: _Canvas, m: _M, radius: float, light: tuple[float, float] = (-0.55, -0.83),
           hi: float = 0.5, lo: float = 0.4, hi_col: Col = WHITE, lo_col: Col = BLACK,
           clip: _M | None = None) -> None:
    """Raised-edge lighting from the gradient of the blurred mask (a cheap normal map)."""
    b = m.blur(radius)
    gy, gx = np.gradient(b.a)
    d = -(gx * light[0] + gy * light[1]) * (radius * 2.5)
    clip = m if clip is None else clip
    if hi > 0:
        cv.paint(_M(b.x, b.y, np.clip(d, 0, 1)) & clip, hi_col, hi)
    if lo > 0:
        cv.paint(_M(b.x, b.y, np.clip(-d, 0, 1)) & clip, lo_col, lo)


def _streak(cv: _Canvas, clip: _M, shape: _M, blur: float, alpha: float | Field = 0.6,
            color: Col = WHITE) -> None:
    """A specular highlight: a soft shape, clipped to the object."""
    cv.paint(shape.blur(blur) & clip, color, alpha)


def _drop(cv: _Canvas, m: _M, blur: float, dx: float, dy: float, strength: float = 0.45,
          clip: _M | None = None, color: Col = BLACK) -> None:
    """A soft shadow of ``m`` cast onto what is already drawn (clipped to ``clip``)."""
    s = m.blur(blur).shift(dx, dy)
    if clip is not None:
        s = s & clip
    cv.paint(s, color, strength)


# --- text -----------------------------------------------------------------------------------


@lru_cache(maxsize=64)
def _font(name: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(_FONT_DIR / name), max(4, size))


def _text_layout(text: str, font: str, size: float, tracking: float) -> tuple[float, float]:
    f = _font(font, int(round(size)))
    if tracking == 0:
        return f.getlength(text), size
    widths = [f.getlength(ch) for ch in text]
    return sum(widths) + tracking * size * (len(text) - 1), size


def _fit_size(text: str, font: str, size: float, tracking: float, max_w: float) -> float:
    w, _ = _text_layout(text, font, size, tracking)
    if w > max_w > 0:
        size *= max_w / w
        w, _ = _text_layout(text, font, size, tracking)
        if w > max_w:
            size *= max_w / w * 0.98
    return size


def _text(text: str, font: str, size: float, cx: float, cy: float, tracking: float = 0.0,
          max_w: float | None = None) -> _M:
    """Mask of a one-line text, centred on (cx, cy) by its cap height; shrunk to max_w."""
    text = " ".join(text.split())
    if not text:
        return _M.empty()
    if max_w:
        size = _fit_size(text, font, size, tracking, max_w)
    size = max(4.0, size)
    f = _font(font, int(round(size)))
    total, _ = _text_layout(text, font, size, tracking)
    asc, desc = f.getmetrics()
    pad = int(size * 0.3) + 4
    im = Image.new("L", (int(math.ceil(total)) + 2 * pad, asc + desc + 2 * pad), 0)
    d = ImageDraw.Draw(im)
    base = pad + asc
    if tracking == 0:
        d.text((pad, base), text, font=f, fill=255, anchor="ls")
    else:
        x = float(pad)
        for ch in text:
            d.text((x, base), ch, font=f, fill=255, anchor="ls")
            x += f.getlength(ch) + tracking * size
    cap = -f.getbbox("H", anchor="ls")[1]
    a = np.asarray(im, np.float32) * np.float32(1 / 255)
    ox = cx - pad - total / 2
    oy = cy - (base - cap / 2)
    return _M(int(round(ox)), int(round(oy)), a)


def _warp(m: _M, mat: np.ndarray) -> _M:
    """Affine-transform a mask (2x3 matrix in canvas coordinates)."""
    h, w = m.a.shape
    corners = np.array([[m.x, m.y, 1], [m.x + w, m.y, 1], [m.x, m.y + h, 1], [m.x + w, m.y + h, 1]],
                       np.float64) @ mat.T
    x0, y0 = int(math.floor(corners[:, 0].min())) - 2, int(math.floor(corners[:, 1].min())) - 2
    x1, y1 = int(math.ceil(corners[:, 0].max())) + 2, int(math.ceil(corners[:, 1].max())) + 2
    # local -> local: p_out = A (p_in + m.xy) + t - (x0, y0)
    A = mat[:, :2]
    t = mat[:, 2] + A @ np.array([m.x, m.y]) - np.array([x0, y0])
    local = np.hstack([A, t[:, None]])
    out = cv2.warpAffine(m.a, local, (x1 - x0, y1 - y0), flags=cv2.INTER_LINEAR,
                         borderMode=cv2.BORDER_CONSTANT, borderValue=0)
    return _M(x0, y0, out)


def _brand_text(brand: str, upper: bool = True, limit: int = 28) -> str:
    b = " ".join((brand or "").split())
    if len(b) > limit:  # long product names: keep whole words
        words, out = b.split(" "), ""
        for w in words:
            if len(out) + len(w) + (1 if out else 0) > limit:
                break
            out = f"{out} {w}".strip()
        b = out or b[:limit]
    return b.upper() if upper else b


# --- drawing context ------------------------------------------------------------------------


class _Ctx:
    """One drawing: canvas at the supersampled size, a design unit ``u`` (1% of the height)."""

    def __init__(self, height_px: int, aspect: float, pal: _Palette, brand: str, seed: int):
        self.out_h = int(height_px)
        self.out_w = max(8, int(round(height_px * aspect)))
        self.ss = 3 if height_px < 400 else 2
        self.W, self.H = self.out_w * self.ss, self.out_h * self.ss
        self.u = self.H / 100.0
        self.cx = self.W / 2
        self.cv = _Canvas(self.W, self.H)
        self.pal = pal
        self.brand = brand
        self.seed = seed
        self.rng = np.random.default_rng(abs(int(seed)) & 0xFFFFFFFF)

    def image(self) -> Image.Image:
        return self.cv.image(self.out_w, self.out_h, self.seed)


def _light_dir() -> tuple[float, float]:
    return (-0.55, -0.83)  # key light from the top left, like the compositor's glow


# --- watch ----------------------------------------------------------------------------------


def _draw_watch(c: _Ctx) -> None:
    cv, u, pal = c.cv, c.u, c.pal
    cx, cy = c.cx, 50 * u
    R = 22.5 * u
    metal = _metal_ramp(pal.metal)
    bracelet = c.seed % 2 == 1
    dial = pal.main
    # Strap: the brand colour when it is a colour, else the accent (a white strap would vanish).
    strap = pal.main if _lum(pal.main) < 0.6 else _mix(pal.accent, pal.main, 0.15)
    if _lum(strap) < 0.03:
        strap = (0.06, 0.06, 0.07)
    half_near, half_far = 11.0 * u, 10.2 * u

    # -- straps --
    top = _Path(cx - half_far, 5.5 * u).line(cx + half_far, 5.5 * u).line(cx + half_near, cy).line(cx - half_near, cy).mask()
    tip = 96.5 * u
    bottom = (_Path(cx - half_near, cy).line(cx + half_near, cy).line(cx + half_far, tip - half_far)
              .curve((cx + half_far, tip - half_far * 0.35), (cx + half_far * 0.45, tip), (cx, tip))
              .curve((cx - half_far * 0.45, tip), (cx - half_far, tip - half_far * 0.35), (cx - half_far, tip - half_far))
              .mask())
    straps = top | bottom
    if bracelet:
        _bracelet(c, top, bottom, cx, cy, half_near, metal)
    else:
        across = _linear((cx - half_near, 0), (cx + half_near, 0), [
            (0.0, _dark(strap, 0.45)), (0.12, _dark(strap, 0.1)), (0.4, _light(strap, 0.1)),
            (0.7, strap), (0.9, _dark(strap, 0.15)), (1.0, _dark(strap, 0.5))])
        cv.paint(straps, across)
        # Away from the case the strap turns from the light.
        cv.paint(top, BLACK, _linear((0, cy - R), (0, 5 * u), [(0, 0.0), (1, 0.28)]))
        cv.paint(bottom, BLACK, _linear((0, cy + R), (0, tip), [(0, 0.0), (1, 0.3)]))
        _leather_grain(c, straps, strap)
        _bevel(cv, top, 1.2 * u, hi=0.22, lo=0.35)
        _bevel(cv, bottom, 1.2 * u, hi=0.22, lo=0.35)
        stitch = _light(strap, 0.45) if _lum(strap) < 0.45 else _dark(strap, 0.35)
        if pal.metal_kind in ("gold", "rose") and _lum(strap) < 0.3:
            stitch = _mix(pal.accent, strap, 0.25)
        elif _hsv(pal.accent)[1] > 0.6 and _lum(strap) < 0.2:
            stitch = pal.accent
        _stitches(c, cx, 7.5 * u, cy - R + 2 * u, half_far, half_near, stitch)
        _stitches(c, cx, cy + R - 2 * u, tip - half_far, half_near, half_far, stitch)
        # Holes.
        for y in (70.5, 75.5, 80.5, 85.5):
            hole = _ellipse(cx, y * u, 0.95 * u, 0.95 * u)
            cv.paint(hole, _dark(strap, 0.8))
            _bevel(cv, hole, 0.5 * u, hi=0.0, lo=0.0)
            cv.paint(_ring(cx, y * u + 0.25 * u, 1.05 * u, 0.9 * u) & bottom - hole, _light(strap, 0.35), 0.55)
        # Buckle and keeper on the short strap.
        keeper = _rrect(cx - half_far - 0.9 * u, 12.5 * u, cx + half_far + 0.9 * u, 16.0 * u, 0.9 * u)
        _drop(cv, keeper, 0.8 * u, 0, 0.6 * u, 0.45, clip=top)
        cv.paint(keeper, _linear((0, 12.5 * u), (0, 16 * u), [(0, _light(strap, 0.18)), (0.5, strap), (1, _dark(strap, 0.4))]))
        _bevel(cv, keeper, 0.7 * u, hi=0.3, lo=0.3)
        bw0, bw1 = cx - half_far - 2.2 * u, cx + half_far + 2.2 * u
        frame = _rrect(bw0, 1.5 * u, bw1, 10.5 * u, 2.6 * u) - _rrect(bw0 + 1.6 * u, 3.1 * u, bw1 - 1.6 * u, 8.9 * u, 1.3 * u)
        _drop(cv, frame, 0.7 * u, 0.2 * u, 0.6 * u, 0.5, clip=top)
        cv.paint(frame, _linear((bw0, 1.5 * u), (bw1, 10.5 * u), _metal_linear(pal.metal)))
        _bevel(cv, frame, 0.5 * u, hi=0.6, lo=0.35)
        prong = _rrect(cx - 0.6 * u, 2.0 * u, cx + 0.6 * u, 10.2 * u, 0.6 * u)
        _drop(cv, prong, 0.5 * u, 0.2 * u, 0.5 * u, 0.5, clip=top)
        cv.paint(prong, _linear((cx - 0.6 * u, 0), (cx + 0.6 * u, 0),
                                [(0, metal["light"]), (0.45, metal["white"]), (1, metal["dark"])]))

    # -- lugs and case --
    lugs = []
    for sx in (-1, 1):
        for sy in (-1, 1):
            def P(x: float, y: float) -> tuple[float, float]:
                return (cx + sx * x * u, cy + sy * y * u)
            path = _Path(*P(9.8, 12.0)).line(*P(9.8, 25.0))
            path.curve(P(9.8, 26.6), P(13.4, 26.6), P(13.4, 25.0))
            path.line(*P(13.4, 20.6))
            path.curve(P(13.4, 18.2), P(14.3, 16.7), P(15.7, 15.6))
            path.line(*P(14.0, 10.0))
            lugs.append(path.mask())
    case = _ellipse(cx, cy, R)
    for lug in lugs:
        case = case | lug
    _drop(cv, case, 1.6 * u, 0.4 * u, 1.4 * u, 0.55, clip=straps)

    # Crown (under the case edge).
    cr_x0, cr_x1, cr_h = cx + R - 1.0 * u, cx + R + 3.8 * u, 3.0 * u
    stem = _rrect(cx + R - 1.5 * u, cy - 1.2 * u, cx + R + 1.4 * u, cy + 1.2 * u, 0.4 * u)
    cv.paint(stem, _linear((0, cy - 1.2 * u), (0, cy + 1.2 * u), [(0, metal["light"]), (0.5, metal["mid"]), (1, metal["deep"])]))
    crown = _rrect(cr_x0 + 1.2 * u, cy - cr_h, cr_x1, cy + cr_h, (0.5 * u, 1.2 * u, 1.2 * u, 0.5 * u))
    crown_lut = _lut([(0, metal["deep"]), (0.18, metal["light"]), (0.32, metal["white"]),
                      (0.55, metal["mid"]), (0.85, metal["dark"]), (1, metal["deep"])])
    period = 0.55 * u

    def crown_fill(X, Y):
        t = (Y - (cy - cr_h)) / (2 * cr_h)
        base = _apply_lut(crown_lut, t)
        ridge = 0.82 + 0.18 * np.cos(2 * math.pi * Y / period)
        return base * (ridge + 0 * X)[..., None]
    cv.paint(crown, crown_fill)
    cv.paint(_rrect(cr_x1 - 0.7 * u, cy - cr_h, cr_x1, cy + cr_h, 0.5 * u) & crown, BLACK, 0.25)

    ld = _light_dir()
    cv.paint(case, _linear((cx - R, cy - R), (cx + R, cy + R), _metal_linear(pal.metal)))
    _bevel(cv, case, 1.1 * u, light=ld, hi=0.55, lo=0.45)
    for sx in (-1, 1):  # a polished bevel along each lug's outer flank
        for sy in (-1, 1):
            pts = np.array([[cx + sx * 12.9 * u, cy + sy * 25.2 * u], [cx + sx * 12.9 * u, cy + sy * 19.0 * u]])
            cv.paint(_stroke(pts, 0.8 * u, True).blur(0.35 * u) & case, WHITE if sy < 0 else metal["light"],
                     0.5 if sy < 0 else 0.3)
    # Bezel: brushed ring, polished edges.
    bez = _ring(cx, cy, R * 0.965, R * 0.84)
    cv.paint(bez, _conic((cx, cy), _metal_conic(pal.metal, 1.1), a0=math.radians(-160)))
    _bevel(cv, _ellipse(cx, cy, R * 0.965), 0.5 * u, light=ld, hi=0.6, lo=0.5, clip=bez)
    cv.paint(_ring(cx, cy, R * 0.84, R * 0.815), _conic((cx, cy), [
        (0, metal["dark"]), (0.25, metal["mid"]), (0.4, metal["white"]), (0.6, metal["mid"]),
        (0.8, metal["deep"]), (1, metal["dark"])], a0=math.radians(-60)))

    # Dial: sunburst.
    rd = R * 0.815
    dial_m = _ellipse(cx, cy, rd)
    dl = _lum(dial)
    d_lo, d_hi = (_dark(dial, 0.35), _light(dial, 0.22)) if dl < 0.5 else (_dark(dial, 0.12), _light(dial, 0.6))
    light_ang = math.radians(-125)

    def dial_fill(X, Y):
        dx, dy = X - cx, Y - cy
        th = np.arctan2(dy, dx)
        burst = (0.5 + 0.5 * np.cos(2 * (th - light_ang))) ** 3
        rr = np.sqrt(dx * dx + dy * dy) / rd
        k = np.clip(0.25 + 0.75 * burst - 0.25 * rr * rr, 0, 1)[..., None]
        return np.asarray(d_lo, np.float32) + (np.asarray(d_hi, np.float32) - np.asarray(d_lo, np.float32)) * k
    cv.paint(dial_m, dial_fill)
    _shade_edges(cv, dial_m, 2.2 * u, 0.55, offset=(-0.5 * u, -0.9 * u))

    ink = _legible(dial, _light(dial, 0.75), _dark(dial, 0.7), need=2.5)
    # Minute track.
    ticks = []
    for i in range(60):
        if i % 5 == 0:
            continue
        a = i * math.pi / 30
        s, co = math.sin(a), -math.cos(a)
        r0, r1 = rd * 0.905, rd * 0.955
        ticks.append(_stroke_pts(np.array([[cx + s * r0, cy + co * r0], [cx + s * r1, cy + co * r1]]), 0.018 * R))
    tick_m = _poly(*ticks)
    cv.paint(tick_m, ink, 0.7)

    # Applied hour indices.
    lume = pal.metal_kind in ("steel", "gunmetal") and _hsv(pal.accent)[1] > 0.45 and _contrast(pal.accent, dial) > 2
    idx_all = _M.empty()
    idx_list = []
    for i in range(12):
        a = i * math.pi / 6
        s, co = math.sin(a), -math.cos(a)
        r0, r1 = rd * 0.66, rd * 0.88
        w = 0.055 * R if i % 3 else 0.07 * R
        offs = (-0.05 * R, 0.05 * R) if i == 0 else (0.0,)
        for o in offs:
            p0 = (cx + s * r0 + co * o * -1, cy + co * r0 + s * o)
            p1 = (cx + s * r1 + co * o * -1, cy + co * r1 + s * o)
            m = _stroke(np.array([p0, p1]), w)
            idx_list.append((m, a, np.array(p0), np.array(p1), w))
    idx_all = _poly(*[_stroke_pts(np.array([p0, p1]), w) for _, _, p0, p1, w in idx_list])
    _drop(cv, idx_all, 0.35 * u, 0.25 * u, 0.45 * u, 0.55, clip=dial_m)
    cv.paint(idx_all, _linear((cx - rd, cy - rd), (cx + rd, cy + rd), _metal_linear(pal.metal, 1.2)))
    for m, a, p0, p1, w in idx_list:  # facet: one side lit, the other in shade
        dirv = (p1 - p0) / np.linalg.norm(p1 - p0)
        nrm = np.array([-dirv[1], dirv[0]])
        half = _poly([p0, p1, p1 + nrm * w / 2, p0 + nrm * w / 2]) & m
        lit = float(-(nrm[0] * ld[0] + nrm[1] * ld[1]))
        cv.paint(half, WHITE if lit > 0 else BLACK, 0.35 * abs(lit) + 0.1)
        if lume:
            core = _stroke(np.array([p0 + dirv * w * 0.45, p1 - dirv * w * 0.45]), w * 0.42)
            cv.paint(core, _light(pal.accent, 0.1))
    # Brand.
    if c.brand:
        txt_col = metal["light"] if pal.metal_kind in ("gold", "rose") and _contrast(metal["light"], dial) > 1.8 else ink
        t = _text(_brand_text(c.brand), _SERIF, 0.13 * R, cx, cy - 0.33 * rd, tracking=0.16, max_w=0.78 * rd)
        cv.paint(t, txt_col)
        sub = _text("AUTOMATIC", _SANS, 0.052 * R, cx, cy + 0.34 * rd, tracking=0.35, max_w=0.5 * rd)
        cv.paint(sub, ink, 0.75)

    # Hands at 10:10, seconds at 35.
    def hand(angle_deg: float, length: float, width: float, tail: float) -> list[tuple[_M, float]]:
        a = math.radians(angle_deg)
        d = np.array([math.sin(a), -math.cos(a)])
        n = np.array([d[1], -d[0]])
        o = np.array([cx, cy])
        tipp, back = o + d * length, o - d * tail
        wide = o + d * length * 0.12
        out = []
        for sgn in (-1, 1):
            poly = [back, back + n * sgn * width * 0.28, wide + n * sgn * width / 2, tipp]
            lit = float(-(n[0] * sgn * ld[0] + n[1] * sgn * ld[1]))
            out.append((_poly(poly), lit))
        return out
    hands = hand(305, rd * 0.6, 0.085 * R, 0.12 * R) + hand(60, rd * 0.9, 0.07 * R, 0.14 * R)
    hands_m = hands[0][0]
    for m, _ in hands[1:]:
        hands_m = hands_m | m
    _drop(cv, hands_m, 0.6 * u, 0.6 * u, 1.1 * u, 0.5, clip=dial_m)
    hm = _metal_ramp(_dark(pal.metal, 0.25)) if dl > 0.6 else metal  # darker hands on a light dial
    for m, lit in hands:
        col = _mix(hm["mid"], hm["white"], 0.5 + 0.5 * lit) if lit > 0 else _mix(hm["mid"], hm["deep"], -lit * 0.8)
        cv.paint(m, col)
    if lume:
        for ang, ln in ((305, rd * 0.6), (60, rd * 0.9)):
            a = math.radians(ang)
            d = np.array([math.sin(a), -math.cos(a)])
            cv.paint(_stroke(np.array([[cx, cy] + d * ln * 0.3, [cx, cy] + d * ln * 0.8]), 0.022 * R, True), pal.accent)
    sec_col = pal.accent if _contrast(pal.accent, dial) > 1.6 else _legible(dial, metal["light"])
    if pal.metal_kind == "gold" and _contrast(pal.accent, dial) > 1.6:
        sec_col = metal["light"]
    a = math.radians(210)
    d = np.array([math.sin(a), -math.cos(a)])
    o = np.array([cx, cy])
    sec = _stroke(np.array([o - d * rd * 0.22, o + d * rd * 0.93]), 0.02 * R) | _ellipse(*(o - d * rd * 0.17), 0.045 * R)
    _drop(cv, sec, 0.5 * u, 0.8 * u, 1.4 * u, 0.4, clip=dial_m)
    cv.paint(_ellipse(cx, cy, 0.075 * R), _linear((cx - 0.07 * R, cy - 0.07 * R), (cx + 0.07 * R, cy + 0.07 * R),
                                                  [(0, metal["white"]), (1, metal["dark"])]))
    cv.paint(sec, sec_col)
    cv.paint(_ellipse(cx, cy, 0.05 * R), sec_col)
    cv.paint(_ellipse(cx, cy, 0.022 * R), metal["light"])

    # Crystal: a soft reflection across the top left, a bright crescent on the rim.
    glass = _ellipse(cx, cy, rd)
    refl = glass - _ellipse(cx + 0.32 * rd, cy + 0.42 * rd, rd * 1.08)
    _streak(cv, glass, refl, 1.5 * u, _linear((cx - rd, cy - rd), (cx, cy), [(0, 0.22), (1, 0.04)]))
    crescent = _ring(cx, cy, rd * 0.985, rd * 0.955) - _ellipse(cx + 0.12 * rd, cy + 0.16 * rd, rd)
    cv.paint(crescent.blur(0.3 * u) & glass, WHITE, 0.55)
    band = _poly([(cx + 0.25 * rd, cy - rd), (cx + 0.5 * rd, cy - rd), (cx - 0.4 * rd, cy + rd), (cx - 0.65 * rd, cy + rd)])
    _streak(cv, glass, band, 2.5 * u, 0.05)


def _stitches(c: _Ctx, cx: float, y0: float, y1: float, half0: float, half1: float, col: Col) -> None:
    u = c.u
    inset = 1.6 * u
    step, dash = 1.9 * u, 1.15 * u
    n = int((y1 - y0) // step)
    for sx in (-1, 1):
        for i in range(n):
            ya = y0 + i * step
            yb = ya + dash
            ha = half0 + (half1 - half0) * (ya - y0) / max(1e-6, (y1 - y0)) - inset
            hb = half0 + (half1 - half0) * (yb - y0) / max(1e-6, (y1 - y0)) - inset
            m = _stroke(np.array([[cx + sx * ha, ya], [cx + sx * hb, yb]]), 0.32 * u, round_caps=True)
            c.cv.paint(m.shift(0.1 * u, 0.2 * u), BLACK, 0.35)
            c.cv.paint(m, col, 0.9)


def _leather_grain(c: _Ctx, m: _M, base: Col) -> None:
    """Fine pebbled grain: seeded noise, blurred to a pebble size, as light and dark flecks."""
    h, w = m.a.shape
    rng = np.random.default_rng((abs(c.seed) & 0xFFFF, 17))
    n = rng.standard_normal((max(1, int(h / (0.35 * c.u))), max(1, int(w / (0.35 * c.u))))).astype(np.float32)
    n = cv2.GaussianBlur(n, (0, 0), 0.8)
    n = cv2.resize(n, (w, h), interpolation=cv2.INTER_CUBIC)
    n /= max(1e-6, float(np.abs(n).max()))
    c.cv.paint(_M(m.x, m.y, m.a * np.clip(n, 0, 1)), WHITE, 0.05)
    c.cv.paint(_M(m.x, m.y, m.a * np.clip(-n, 0, 1)), BLACK, 0.09)


def _bracelet(c: _Ctx, top: _M, bottom: _M, cx: float, cy: float, half: float, metal: dict) -> None:
    """A three-row bracelet: brushed outer links, polished centre links, thin dark joints."""
    cv, u = c.cv, c.u
    straps = top | bottom
    cv.paint(straps, metal["deep"])
    pitch = 4.2 * u
    cw = half * 0.46
    gap = 0.22 * u
    rows = []
    for sgn in (-1, 1):
        y = cy + sgn * 0.5 * pitch
        while 2 * u < y < 98 * u:
            rows.append(y)
            y += sgn * pitch
    outer_lut = _lut([(0, metal["dark"]), (0.25, metal["mid"]), (0.55, metal["light"]), (0.8, metal["mid"]), (1, metal["dark"])])
    pol_lut = _lut([(0, metal["white"]), (0.3, metal["light"]), (0.55, metal["mid"]), (0.8, metal["dark"]), (1, metal["mid"])])
    # Brushed grain: fine horizontal streaks.
    rng = np.random.default_rng((abs(c.seed) & 0xFFFF, 23))
    grain = rng.standard_normal((max(1, int(straps.a.shape[0] / (0.12 * u))), 24)).astype(np.float32)
    grain = cv2.resize(cv2.GaussianBlur(grain, (0, 0), 0.7), (straps.a.shape[1], straps.a.shape[0]), interpolation=cv2.INTER_LINEAR)
    outer_c, centre_c = [], []
    for yc in rows:
        y0, y1 = yc - pitch / 2 + gap, yc + pitch / 2 - gap
        outer_c.append(_rrect_pts(cx - half, y0, cx - cw / 2 - gap, y1, 0.5 * u))
        outer_c.append(_rrect_pts(cx + cw / 2 + gap, y0, cx + half, y1, 0.5 * u))
        centre_c.append(_rrect_pts(cx - cw / 2, y0 - 0.15 * u, cx + cw / 2, y1 + 0.15 * u, 0.9 * u))
    outer = _poly(*outer_c) & straps
    centre = _poly(*centre_c) & straps

    def outer_fill(X, Y):
        t = np.abs(X - cx) / half
        return _apply_lut(outer_lut, (t - 0.5) * 2 + 0 * Y)
    cv.paint(outer, outer_fill)
    cv.paint(_M(straps.x, straps.y, np.clip(grain, 0, None) * 0.5) & outer, WHITE, 0.25)
    cv.paint(_M(straps.x, straps.y, np.clip(-grain, 0, None) * 0.5) & outer, BLACK, 0.25)

    def centre_fill(X, Y):
        t = ((Y - cy) % pitch) / pitch
        return _apply_lut(pol_lut, t + 0 * X)
    cv.paint(centre, centre_fill)
    _bevel(cv, outer, 0.35 * u, hi=0.35, lo=0.3)
    _bevel(cv, centre, 0.35 * u, hi=0.5, lo=0.3)
    # The bracelet curves away from the case: it darkens toward the ends and the edges.
    cv.paint(straps, BLACK, lambda X, Y: np.clip(np.abs(Y - cy) / (48 * u), 0, 1) ** 1.5 * 0.5 + 0 * X)


def _cyl_stops(base: Col, gloss: float = 1.0, light_base: bool | None = None) -> list[tuple[float, Col]]:
    """Across a vertical cylinder lit from the upper left: dark rim, broad light, specular band,
    body colour, shadow side, a faint bounce light on the right rim."""
    lb = _lum(base) > 0.6 if light_base is None else light_base
    k = 0.55 if lb else 1.0
    return [(0.0, _dark(base, 0.5 * k)), (0.06, _dark(base, 0.15 * k)), (0.2, _light(base, 0.22 * gloss)),
            (0.27, _light(base, 0.55 * gloss)), (0.33, _light(base, 0.18 * gloss)), (0.5, base),
            (0.78, _dark(base, 0.3 * k)), (0.9, _dark(base, 0.4 * k)), (0.96, _mix(_dark(base, 0.2 * k), WHITE, 0.1)),
            (1.0, _dark(base, 0.55 * k))]


# --- bottle ---------------------------------------------------------------------------------


def _draw_bottle(c: _Ctx) -> None:
    if c.seed % 2 == 1:
        _draw_dropper(c)
        return
    cv, u, pal = c.cv, c.u, c.pal
    cx = c.cx
    metal = _metal_ramp(pal.metal)
    liquid = _liquid_colour(pal)
    bx0, bx1, by0, by1 = cx - 21 * u, cx + 21 * u, 37.5 * u, 98.5 * u
    body = _rrect(bx0, by0, bx1, by1, (6.5 * u, 6.5 * u, 4.5 * u, 4.5 * u))
    wall, base_t = 3.0 * u, 8.0 * u
    lx0, lx1, ly0, ly1 = bx0 + wall, bx1 - wall, by0 + 3.5 * u, by1 - base_t
    inner = _rrect(lx0, ly0, lx1, ly1, (4 * u, 4 * u, 2.5 * u, 2.5 * u))
    level = 44.5 * u
    liq = inner & _poly([(lx0 - u, level), (lx1 + u, level), (lx1 + u, ly1 + u), (lx0 - u, ly1 + u)])
    air = inner - liq

    # Glass: pale, slightly see-through, tinted by what it holds.
    glass = _mix(_light(liquid, 0.55), (0.85, 0.88, 0.9), 0.3)
    cv.paint(body, _linear((bx0, 0), (bx1, 0), [(0, _dark(glass, 0.25)), (0.15, glass), (0.5, _light(glass, 0.3)),
                                                 (0.85, glass), (1, _dark(glass, 0.3))]), 0.9)
    # The thick base refracts the liquid into a band of colour.
    base_m = body & _poly([(bx0 - u, ly1 - u), (bx1 + u, ly1 - u), (bx1 + u, by1 + u), (bx0 - u, by1 + u)])
    cv.paint(base_m, _linear((0, ly1), (0, by1), [(0, _dark(liquid, 0.2)), (0.3, _light(liquid, 0.25)), (0.55, _light(liquid, 0.6)),
                                                  (1, _dark(liquid, 0.15))]), 0.7)
    cv.paint(air, _linear((lx0, 0), (lx1, 0), [(0, _light(glass, 0.2)), (0.5, _light(glass, 0.55)), (1, glass)]), 0.55)
    # Liquid: saturated at the walls, light passing through the middle.
    cv.paint(liq, _linear((lx0, 0), (lx1, 0), [(0, _dark(liquid, 0.45)), (0.12, _dark(liquid, 0.1)), (0.4, _light(liquid, 0.18)),
                                               (0.62, liquid), (0.9, _dark(liquid, 0.25)), (1, _dark(liquid, 0.5))]))
    cv.paint(liq, BLACK, _linear((0, level), (0, ly1), [(0, 0.0), (1, 0.22)]))
    glow = _ellipse(cx - 2 * u, 74 * u, 11 * u, 17 * u).blur(5 * u) & liq
    cv.paint(glow, _light(liquid, 0.5), 0.45)
    _shade_edges(cv, liq, 2.2 * u, 0.35)
    # Meniscus and dip tube.
    cv.paint(_rrect(lx0, level - 0.2 * u, lx1, level + 0.7 * u, 0.4 * u) & inner, _light(liquid, 0.55), 0.8)
    tube = _rrect(cx - 0.55 * u, 33 * u, cx + 0.55 * u, ly1 - 0.6 * u, 0.5 * u)
    cv.paint(tube & air, _light(glass, 0.5), 0.7)
    cv.paint(tube & liq, _light(liquid, 0.35), 0.55)
    cv.paint(_rrect(cx - 0.2 * u, 33 * u, cx + 0.2 * u, ly1 - 0.6 * u, 0.2 * u) & body, WHITE, 0.35)
    # Glass edges and highlights.
    _glow_edges(cv, body, 0.9 * u, 0.55, WHITE, offset=(-0.2 * u, -0.2 * u))
    _shade_edges(cv, body, 0.5 * u, 0.25, _dark(liquid, 0.6), offset=(0.4 * u, 0.4 * u))
    _streak(cv, body, _rrect(bx0 + 4.6 * u, by0 + 6 * u, bx0 + 6.2 * u, by1 - 10 * u, 0.8 * u), 0.5 * u, 0.75)
    _streak(cv, body, _rrect(bx0 + 7.6 * u, by0 + 8 * u, bx0 + 8.1 * u, by1 - 16 * u, 0.25 * u), 0.3 * u, 0.4)
    _streak(cv, body, _rrect(bx1 - 5.0 * u, by0 + 5 * u, bx1 - 3.8 * u, by1 - 12 * u, 0.6 * u), 0.6 * u, 0.35)
    _streak(cv, body, _rrect(bx0 + 3 * u, by1 - 6.2 * u, bx1 - 3 * u, by1 - 5.4 * u, 0.4 * u), 0.5 * u, 0.45)
    _streak(cv, body, _ellipse(bx0 + 8 * u, by0 + 2.5 * u, 7 * u, 1.2 * u), 0.8 * u, 0.5)

    # Label plaque.
    lab = _rrect(cx - 12.5 * u, 63 * u, cx + 12.5 * u, 80 * u, 0.8 * u)
    plaque = pal.main
    _drop(cv, lab, 0.6 * u, 0.2 * u, 0.4 * u, 0.35, clip=body)
    cv.paint(lab, _linear((cx - 12.5 * u, 63 * u), (cx + 12.5 * u, 80 * u),
                          [(0, _light(plaque, 0.12)), (0.5, plaque), (1, _dark(plaque, 0.12))]))
    border = lab - _rrect(cx - 11.7 * u, 63.8 * u, cx + 11.7 * u, 79.2 * u, 0.5 * u)
    cv.paint(border, _linear((cx - 12.5 * u, 63 * u), (cx + 12.5 * u, 80 * u), _metal_linear(pal.metal)))
    ink = _legible(plaque, metal["light"] if pal.metal_kind in ("gold", "rose") else pal.accent, pal.accent, need=2.2)
    if c.brand:
        t = _text(_brand_text(c.brand), _SERIF, 3.6 * u, cx, 70.0 * u, tracking=0.2, max_w=19 * u)
        cv.paint(t, ink)
        cv.paint(_rrect(cx - 3 * u, 74.3 * u, cx + 3 * u, 74.55 * u, 0.1 * u), ink, 0.8)
    else:
        cv.paint(_rrect(cx - 5 * u, 71.3 * u, cx + 5 * u, 71.7 * u, 0.2 * u), ink, 0.9)
    _streak(cv, lab, _poly([(cx - 12.5 * u, 63 * u), (cx - 4 * u, 63 * u), (cx - 10 * u, 80 * u), (cx - 12.5 * u, 80 * u)]), 0.8 * u, 0.12)

    # Collar and cap.
    col_m = _rrect(cx - 7.2 * u, 31.5 * u, cx + 7.2 * u, 38.6 * u, 0.9 * u)
    _drop(cv, col_m, 0.8 * u, 0, 0.5 * u, 0.4, clip=body)
    cv.paint(col_m, _linear((cx - 7.2 * u, 0), (cx + 7.2 * u, 0), _cyl_stops(pal.metal, 1.2)))
    for yy in (33.2, 35.0, 36.8):
        cv.paint(_rrect(cx - 7.2 * u, yy * u, cx + 7.2 * u, (yy + 0.25) * u, 0) & col_m, metal["deep"], 0.5)
    _bevel(cv, col_m, 0.35 * u, hi=0.4, lo=0.3)
    cap_col = pal.main if _contrast(pal.main, glass) > 1.4 or pal.dark else _mix(pal.accent, pal.main, 0.2)
    cap = _rrect(cx - 10.5 * u, 2.0 * u, cx + 10.5 * u, 32.0 * u, (2.2 * u, 2.2 * u, 0.6 * u, 0.6 * u))
    _drop(cv, cap, 0.8 * u, 0, 0.6 * u, 0.45, clip=col_m)
    cv.paint(cap, _linear((cx - 10.5 * u, 0), (cx + 10.5 * u, 0), _cyl_stops(cap_col, 1.0)))
    cv.paint(cap, BLACK, _linear((0, 2 * u), (0, 32 * u), [(0, 0.0), (0.7, 0.05), (1, 0.25)]))
    _bevel(cv, cap, 0.6 * u, hi=0.45, lo=0.3)
    _streak(cv, cap, _rrect(cx - 6.5 * u, 4 * u, cx - 5.0 * u, 30 * u, 0.7 * u), 0.5 * u, 0.55)
    _streak(cv, cap, _rrect(cx + 6.2 * u, 4 * u, cx + 6.8 * u, 30 * u, 0.3 * u), 0.4 * u, 0.2)
    # A metal inlay ring near the bottom of the cap.
    inlay = _rrect(cx - 10.5 * u, 27.5 * u, cx + 10.5 * u, 28.6 * u, 0) & cap
    cv.paint(inlay, _linear((cx - 10.5 * u, 0), (cx + 10.5 * u, 0), _cyl_stops(pal.metal, 1.2)))


def _liquid_colour(pal: _Palette) -> Col:
    """Perfume tint: the accent (or the main colour if it is the colourful one), never muddy."""
    cand = pal.accent if _hsv(pal.accent)[1] >= _hsv(pal.main)[1] * 0.8 else pal.main
    h, s, v = _hsv(cand)
    if s < 0.15:
        return (0.93, 0.8, 0.58)  # a neutral perfume gold
    if 0.1 <= h <= 0.2:  # yellows and golds read as olive in a liquid: champagne instead
        return _from_hsv(0.1 + (h - 0.1) * 0.3, min(0.5, s * 0.7), max(0.9, v))
    if 0.2 < h < 0.45:  # greens: softer, a little bluer
        s *= 0.75
    return _from_hsv(h, min(0.72, s * 0.85), max(0.78, v))


def _draw_dropper(c: _Ctx) -> None:
    """A serum bottle: rounded shoulders, glass dropper with a rubber bulb, wrap-around label."""
    cv, u, pal = c.cv, c.u, c.pal
    cx = c.cx
    metal = _metal_ramp(pal.metal)
    liquid = _liquid_colour(pal)
    glass_tint = pal.main if pal.dark else _dark(_mix(pal.accent, pal.main, 0.3), 0.25)
    glass_tint = _mix(glass_tint, (0.45, 0.28, 0.12), 0.25) if pal.metal_kind == "gold" else glass_tint
    bx0, bx1, by0, by1 = cx - 17 * u, cx + 17 * u, 40 * u, 98.5 * u
    body = (_Path(cx - 5.5 * u, by0 - 2 * u).line(cx + 5.5 * u, by0 - 2 * u).line(cx + 5.5 * u, by0)
            .curve((cx + 14 * u, by0), (bx1, by0 + 3 * u), (bx1, by0 + 10 * u))
            .line(bx1, by1 - 3.5 * u).curve((bx1, by1 - 0.5 * u), (bx1 - 1 * u, by1), (bx1 - 4 * u, by1))
            .line(bx0 + 4 * u, by1).curve((bx0 + 1 * u, by1), (bx0, by1 - 0.5 * u), (bx0, by1 - 3.5 * u))
            .line(bx0, by0 + 10 * u).curve((bx0, by0 + 3 * u), (cx - 14 * u, by0), (cx - 5.5 * u, by0)).mask())
    # Amber/brand-tinted glass, see the liquid as a darker, warmer core.
    cv.paint(body, _linear((bx0, 0), (bx1, 0), _cyl_stops(glass_tint, 0.9, light_base=False)), 0.97)
    core = _rrect(bx0 + 2.2 * u, by0 + 12 * u, bx1 - 2.2 * u, by1 - 5 * u, 3 * u)
    cv.paint(core.blur(1.5 * u) & body, _mix(glass_tint, liquid, 0.35), 0.45)
    cv.paint(body, BLACK, _linear((0, by0), (0, by1), [(0, 0.0), (1, 0.2)]))
    # Pipette inside.
    pip = _rrect(cx - 1.3 * u, 36 * u, cx + 1.3 * u, by1 - 8 * u, 1.3 * u)
    cv.paint(pip & body, _light(glass_tint, 0.35), 0.5)
    cv.paint(_rrect(cx - 0.4 * u, 40 * u, cx + 0.1 * u, by1 - 9 * u, 0.3 * u) & body, WHITE, 0.35)
    _glow_edges(cv, body, 0.8 * u, 0.5, _light(glass_tint, 0.7), offset=(-0.3 * u, -0.3 * u))
    _streak(cv, body, _rrect(bx0 + 3.2 * u, by0 + 9 * u, bx0 + 5.0 * u, by1 - 6 * u, 0.9 * u), 0.5 * u, 0.7)
    _streak(cv, body, _ellipse(cx - 8 * u, by0 + 3.5 * u, 5 * u, 1.4 * u, rot=-0.35), 0.8 * u, 0.55)
    _streak(cv, body, _rrect(bx1 - 4.4 * u, by0 + 10 * u, bx1 - 3.4 * u, by1 - 8 * u, 0.5 * u), 0.5 * u, 0.3)
    # Wrap label.
    lab_col = _light(pal.main, 0.9) if pal.dark else pal.main
    if _contrast(lab_col, glass_tint) < 1.6:
        lab_col = (0.96, 0.95, 0.92)
    lab = _rrect(bx0, 63 * u, bx1, 88 * u, 0) & body
    cv.paint(lab, _linear((bx0, 0), (bx1, 0), _cyl_stops(lab_col, 0.5, light_base=True)))
    ink = _legible(lab_col, pal.main, pal.accent, need=3.0)
    if c.brand:
        cv.paint(_text(_brand_text(c.brand), _SERIF, 3.4 * u, cx, 71.5 * u, tracking=0.18, max_w=25 * u), ink)
    cv.paint(_rrect(cx - 4 * u, 76 * u, cx + 4 * u, 76.3 * u, 0), ink, 0.7)
    for i in range(3):
        cv.paint(_ellipse(cx + (i - 1) * 1.6 * u, 81 * u, 0.32 * u), ink, 0.6)
    _streak(cv, lab, _rrect(bx0 + 3.2 * u, 63 * u, bx0 + 5.0 * u, 88 * u, 0.9 * u), 0.5 * u, 0.35)
    # Collar (metal) and rubber bulb.
    col_m = _rrect(cx - 9 * u, 27 * u, cx + 9 * u, 39.5 * u, 1.2 * u)
    _drop(cv, col_m, 0.8 * u, 0, 0.5 * u, 0.4, clip=body)
    cv.paint(col_m, _linear((cx - 9 * u, 0), (cx + 9 * u, 0), _cyl_stops(pal.metal, 1.2)))
    for i in range(14):
        yy = 28.2 + i * 0.8
        cv.paint(_rrect(cx - 9 * u, yy * u, cx + 9 * u, (yy + 0.22) * u, 0) & col_m, metal["deep"], 0.25)
    _bevel(cv, col_m, 0.4 * u, hi=0.4, lo=0.3)
    bulb_col = pal.main if pal.dark else _dark(pal.accent, 0.1)
    bulb = (_Path(cx - 6 * u, 27.5 * u).line(cx - 6 * u, 14 * u)
            .curve((cx - 6 * u, 4 * u), (cx - 4.5 * u, 1.5 * u), (cx, 1.5 * u))
            .curve((cx + 4.5 * u, 1.5 * u), (cx + 6 * u, 4 * u), (cx + 6 * u, 14 * u))
            .line(cx + 6 * u, 27.5 * u).mask())
    _drop(cv, bulb, 0.8 * u, 0, 0.6 * u, 0.4, clip=col_m)
    cv.paint(bulb, _linear((cx - 6 * u, 0), (cx + 6 * u, 0), _cyl_stops(bulb_col, 0.45)))
    _bevel(cv, bulb, 1.0 * u, hi=0.2, lo=0.3)
    _streak(cv, bulb, _rrect(cx - 3.8 * u, 5 * u, cx - 2.6 * u, 25 * u, 0.6 * u), 0.6 * u, 0.25)


# --- phone ----------------------------------------------------------------------------------


def _draw_phone(c: _Ctx) -> None:
    """Two phones: the back (camera module) behind on the left, the screen in front."""
    cv, u, pal = c.cv, c.u, c.pal
    body_col = pal.main if _lum(pal.main) > 0.02 else (0.09, 0.09, 0.1)
    frame_base = pal.metal if pal.metal_kind != "gunmetal" else (0.36, 0.37, 0.4)
    metal = _metal_ramp(frame_base)

    # -- back phone --
    bx0, by0, bx1, by1 = 2.5 * u, 1.5 * u, 45.5 * u, 91.0 * u
    r = 7.2 * u
    back = _rrect(bx0, by0, bx1, by1, r)
    cv.paint(back, _linear((bx0, by0), (bx1, by1), _metal_linear(frame_base)))
    inner = _rrect(bx0 + 0.8 * u, by0 + 0.8 * u, bx1 - 0.8 * u, by1 - 0.8 * u, r - 0.8 * u)
    lb = _lum(body_col) > 0.6
    cv.paint(inner, _linear((bx0, by0), (bx1, by1 * 0.8), [
        (0, _light(body_col, 0.12 if not lb else 0.0)), (0.45, body_col), (1, _dark(body_col, 0.25 if not lb else 0.12))]))
    _streak(cv, inner, _poly([(bx0, by0 + 30 * u), (bx0 + 14 * u, by0), (bx0 + 26 * u, by0), (bx0, by0 + 52 * u)]), 4 * u, 0.10)
    _bevel(cv, back, 0.6 * u, hi=0.5, lo=0.4)
    # Camera module.
    mx, my, ms = bx0 + 3.4 * u, by0 + 3.4 * u, 19.5 * u
    mod = _rrect(mx, my, mx + ms, my + ms, 5 * u)
    _drop(cv, mod, 0.9 * u, 0.4 * u, 0.8 * u, 0.45, clip=inner)
    mod_col = _light(body_col, 0.08) if not lb else _dark(body_col, 0.04)
    cv.paint(mod, _linear((mx, my), (mx + ms, my + ms), [(0, _light(mod_col, 0.15)), (0.5, mod_col), (1, _dark(mod_col, 0.2))]))
    _bevel(cv, mod, 0.8 * u, hi=0.45, lo=0.45)
    for lx, ly in ((mx + 5.4 * u, my + 5.4 * u), (mx + 5.4 * u, my + 14.1 * u), (mx + 14.1 * u, my + 9.75 * u)):
        _lens(c, lx, ly, 3.75 * u, metal)
    cv.paint(_ellipse(mx + 14.1 * u, my + 3.4 * u, 1.25 * u), _radial((mx + 13.8 * u, my + 3.1 * u), 1.3 * u,
                                                                      [(0, (1, 0.98, 0.9)), (0.7, (0.92, 0.86, 0.7)), (1, (0.6, 0.55, 0.45))]))
    cv.paint(_ellipse(mx + 14.1 * u, my + 16.1 * u, 0.45 * u), _dark(mod_col, 0.6))
    # Side buttons on the back phone's left edge (seen from the back they are on the left).
    for y0, y1 in ((17 * u, 24 * u), (26.5 * u, 33.5 * u)):
        btn = _rrect(bx0 - 0.7 * u, y0, bx0 + 1 * u, y1, 0.5 * u)
        cv.paint(btn - back, _linear((bx0 - 0.7 * u, 0), (bx0 + 0.2 * u, 0), [(0, metal["dark"]), (1, metal["light"])]))
    cv.paint(_ellipse(bx0 + 21.5 * u, 46 * u, 3.2 * u), _light(body_col, 0.1) if not lb else _dark(body_col, 0.06), 0.6)
    _bevel(cv, _ellipse(bx0 + 21.5 * u, 46 * u, 3.2 * u), 0.5 * u, hi=0.25, lo=0.2)

    # -- front phone --
    fx0, fy0, fx1, fy1 = 29.5 * u, 6.5 * u, 73.5 * u, 98.5 * u
    r = 7.4 * u
    front = _rrect(fx0, fy0, fx1, fy1, r)
    _drop(cv, front, 1.6 * u, -0.8 * u, 1.2 * u, 0.5, clip=back)
    for y0, y1 in ((18 * u, 25 * u), (27.5 * u, 34.5 * u)):
        cv.paint(_rrect(fx0 - 0.7 * u, y0, fx0 + 1 * u, y1, 0.5 * u),
                 _linear((fx0 - 0.7 * u, 0), (fx0 + 0.3 * u, 0), [(0, metal["dark"]), (1, metal["light"])]))
    cv.paint(_rrect(fx1 - 1 * u, 22 * u, fx1 + 0.7 * u, 35 * u, 0.5 * u),
             _linear((fx1 - 0.3 * u, 0), (fx1 + 0.7 * u, 0), [(0, metal["light"]), (1, metal["dark"])]))
    cv.paint(front, _linear((fx0, fy0), (fx1, fy1), _metal_linear(frame_base)))
    _bevel(cv, front, 0.5 * u, hi=0.6, lo=0.45)
    bez = _rrect(fx0 + 0.75 * u, fy0 + 0.75 * u, fx1 - 0.75 * u, fy1 - 0.75 * u, r - 0.75 * u)
    cv.paint(bez, (0.02, 0.02, 0.025))
    sx0, sy0, sx1, sy1 = fx0 + 1.9 * u, fy0 + 1.9 * u, fx1 - 1.9 * u, fy1 - 1.9 * u
    screen = _rrect(sx0, sy0, sx1, sy1, r - 1.9 * u)
    _wallpaper(c, screen, sx0, sy0, sx1, sy1)
    # Lock screen: clock, status bar, island, home indicator.
    top_lum = _lum(_wall_colours(pal)[0])
    ui = WHITE if top_lum < 0.6 else (0.08, 0.08, 0.1)
    scx = (sx0 + sx1) / 2
    cv.paint(_rrect(sx1 - 7.2 * u, sy0 + 2.3 * u, sx1 - 3.6 * u, sy0 + 3.9 * u, 0.45 * u)
             - _rrect(sx1 - 6.95 * u, sy0 + 2.55 * u, sx1 - 3.85 * u, sy0 + 3.65 * u, 0.3 * u), ui, 0.6)
    cv.paint(_rrect(sx1 - 6.75 * u, sy0 + 2.75 * u, sx1 - 4.7 * u, sy0 + 3.45 * u, 0.2 * u), ui)
    for k in range(4):
        h = (0.45 + 0.3 * k) * u
        cv.paint(_rrect(sx1 - (12.2 - 0.85 * k) * u, sy0 + 3.9 * u - h, sx1 - (11.65 - 0.85 * k) * u, sy0 + 3.9 * u, 0.15 * u), ui)
    cv.paint(_rrect(scx - 5.8 * u, sy0 + 1.4 * u, scx + 5.8 * u, sy0 + 4.7 * u, 1.65 * u), (0.0, 0.0, 0.0))
    cv.paint(_ellipse(scx + 3.9 * u, sy0 + 3.05 * u, 0.75 * u), _radial((scx + 3.7 * u, sy0 + 2.85 * u), 0.9 * u,
                                                                        [(0, (0.2, 0.22, 0.35)), (1, (0.02, 0.02, 0.04))]))
    cv.paint(_text("9:41", _SANS_LIGHT, 13.5 * u, scx, sy0 + 17.5 * u, tracking=-0.02), ui, 0.92)
    if c.brand:
        cv.paint(_text(_brand_text(c.brand), _SANS, 2.2 * u, scx, sy0 + 8.4 * u, tracking=0.35, max_w=30 * u), ui, 0.85)
    cv.paint(_rrect(scx - 6.5 * u, sy1 - 1.6 * u, scx + 6.5 * u, sy1 - 1.0 * u, 0.3 * u), ui, 0.85)
    # Glass: a faint diagonal reflection and a crisp edge.
    _streak(cv, screen, _poly([(sx0, sy0 + 40 * u), (sx0 + 26 * u, sy0), (sx0 + 34 * u, sy0), (sx0, sy0 + 52 * u)]), 2.5 * u, 0.07)
    _glow_edges(cv, bez, 0.25 * u, 0.25, WHITE, offset=(-0.1 * u, -0.1 * u))


def _lens(c: _Ctx, x: float, y: float, r: float, metal: dict) -> None:
    cv = c.cv
    ring = _ellipse(x, y, r)
    _drop(cv, ring, r * 0.15, r * 0.06, r * 0.12, 0.5)
    cv.paint(ring, _conic((x, y), _metal_conic(metal["mid"], 1.1), a0=math.radians(-140)))
    cv.paint(_ellipse(x, y, r * 0.84), (0.03, 0.03, 0.04))
    glass = _ellipse(x, y, r * 0.66)
    cv.paint(glass, _radial((x - r * 0.15, y - r * 0.15), r * 0.8, [(0, (0.16, 0.18, 0.3)), (0.5, (0.06, 0.06, 0.12)), (1, (0.01, 0.01, 0.02))]))
    cv.paint(_ring(x, y, r * 0.5, r * 0.42), (0.25, 0.2, 0.45), 0.35)
    cv.paint(_ellipse(x, y, r * 0.22), (0.0, 0.0, 0.0))
    cv.paint(_ellipse(x - r * 0.25, y - r * 0.28, r * 0.12).blur(r * 0.03), WHITE, 0.8)
    cv.paint(_ellipse(x + r * 0.22, y + r * 0.2, r * 0.06), (0.6, 0.7, 1.0), 0.5)


def _wall_colours(pal: _Palette) -> tuple[Col, Col, Col, Col]:
    """Top, bottom, ribbon 1, ribbon 2 colours of the phone wallpaper."""
    a, e = pal.accent, pal.extra
    if pal.dark:
        top = _dark(pal.main, 0.4)
        bottom = _light(pal.main, 0.12) if _lum(pal.main) > 0.03 else _mix(pal.main, a, 0.12)
    else:
        top = _light(a, 0.75)
        bottom = _light(a, 0.35)
    return top, bottom, a, e


def _wallpaper(c: _Ctx, screen: _M, x0: float, y0: float, x1: float, y1: float) -> None:
    """An abstract lock-screen wallpaper: gradient ground, glows and two flowing ribbons."""
    cv, u, pal = c.cv, c.u, c.pal
    top, bottom, ca, ce = _wall_colours(pal)
    w, h = x1 - x0, y1 - y0
    cv.paint(screen, _linear((0, y0), (0, y1), [(0, top), (1, bottom)]))
    rng = np.random.default_rng((abs(c.seed) & 0xFFFF, 31))
    j = lambda: float(rng.uniform(-1, 1))  # noqa: E731
    cv.paint(_ellipse(x0 + w * (0.1 + 0.05 * j()), y0 + h * 0.78, w * 0.7, h * 0.3).blur(6 * u) & screen, ce, 0.55)
    cv.paint(_ellipse(x0 + w * 0.95, y0 + h * (0.35 + 0.05 * j()), w * 0.5, h * 0.22).blur(6 * u) & screen, ca, 0.45)
    # Ribbons: bands between two Béziers, each with a lit upper edge and a soft shadow.
    for k, (col_a, col_b) in enumerate(((ca, ce), (ce, _light(ca, 0.35)))):
        ya = y0 + h * (0.5 + 0.16 * k + 0.03 * j())
        thick = h * (0.14 - 0.03 * k)
        sway = h * (0.16 + 0.04 * j())
        top_pts = _bez((x0 - 2 * u, ya), (x0 + w * 0.35, ya - sway), (x0 + w * 0.6, ya + sway * 0.9), (x1 + 2 * u, ya - sway * 0.4))
        bot_pts = _bez((x1 + 2 * u, ya - sway * 0.4 + thick * 0.6), (x0 + w * 0.62, ya + sway * 0.9 + thick * 1.3),
                       (x0 + w * 0.3, ya - sway + thick * 0.6), (x0 - 2 * u, ya + thick))
        band = _poly(np.vstack([[(x0 - 2 * u, ya)], top_pts, bot_pts])) & screen
        _drop(cv, band, 2.5 * u, 0, 1.5 * u, 0.35, clip=screen)
        cv.paint(band, _linear((x0, ya - sway), (x1, ya + sway), [(0, _light(col_a, 0.1)), (0.5, col_a), (1, col_b)]))
        edge = _stroke(np.vstack([[(x0 - 2 * u, ya)], top_pts]), 1.2 * u).blur(0.6 * u) & band
        cv.paint(edge, WHITE, 0.45)
        _shade_edges(cv, band, 2.5 * u, 0.3, _dark(col_b, 0.5), offset=(0, 0.8 * u))
    cv.paint(screen, BLACK, _linear((0, y0), (0, y0 + h * 0.3), [(0, 0.25), (1, 0.0)]))


# --- entry point ----------------------------------------------------------------------------

_ASPECT = {
    "watch": 0.64,
    "bottle": 0.5,
    "phone": 0.76,
}
_DRAW = {
    "watch": _draw_watch,
    "bottle": _draw_bottle,
    "phone": _draw_phone,
}


def draw_standin(kind: str, palette: list[tuple[int, int, int]], height_px: int, brand: str = "",
                 seed: int = 0) -> Image.Image:
    """A drawn stand-in for the product: RGBA, transparent background, no shadow. The product
    fills the height (small transparent margin); the width suits the product."""
    kind = kind if kind in _DRAW else "box"
    height_px = max(16, int(height_px))
    ctx = _Ctx(height_px, _ASPECT[kind], _Palette(palette), (brand or "").strip(), int(seed))
    _DRAW[kind](ctx)
    return ctx.image()
