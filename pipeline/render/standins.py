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
        "scarpa", "scarpe", "sneaker*",
    )),
    ("cup", (
        "coffee", "cafe", "caffe", "espresso", "latte", "cappuccino", "americano", "mocha",
        "cold brew", "macchiato", "barista", "roastery", "tea", "matcha", "chai", "cup",
        "mug", "taza", "tasse", "*kaffee", "kaffee*", "*becher", "*tasse", "cafeteria", "coffeehouse", "hot chocolate",
    )),
    ("bottle", (
        "perfume", "parfum", "fragrance", "cologne", "eau de", "scent", "serum", "skincare",
        "skin care", "bottle", "bouteille", "*flasche", "botella", "flacon", "oil", "huile",
        "aceite", "wine", "vin", "*wein", "wein*", "vino", "gin", "whisky", "whiskey", "vodka", "rum",
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
        ends_compound, starts_compound = w.startswith("*"), w.endswith("*")
        core = w.strip("*")
        # Spaces and hyphens in a keyword match any run of spaces/hyphens (or none for "-").
        pieces = re.split(r"([ \-])", core)
        rx = "".join(r"[\s\-]+" if p == " " else r"[\s\-]?" if p == "-" else re.escape(p) for p in pieces)
        left = "" if ends_compound else r"(?<![a-z])"
        right = "" if starts_compound else (r"(?:e|en|n|s)?(?![a-z])" if ends_compound else r"(?:s|es)?(?![a-z])")
        parts.append(left + rx + right)
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
    """Darker by ``k``; yellows and golds turn toward amber instead of olive."""
    out = _mix(c, BLACK, k)
    h, s, _ = colorsys.rgb_to_hsv(*c)
    if s > 0.25 and 0.09 < h < 0.2 and k > 0:
        _, os_, ov = colorsys.rgb_to_hsv(*out)
        out = colorsys.hsv_to_rgb(h - (h - 0.075) * min(1.0, k * 1.2), min(1.0, os_ * (1 + 0.2 * k)), ov)
    return out


def _light(c: Col, k: float) -> Col:
    return _mix(c, WHITE, k)


def _lum(c: Col) -> float:
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]


def _hsv(c: Col) -> tuple[float, float, float]:
    return colorsys.rgb_to_hsv(*c)


def _from_hsv(h: float, s: float, v: float) -> Col:
    return colorsys.hsv_to_rgb(h % 1.0, min(1.0, max(0.0, s)), min(1.0, max(0.0, v)))


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
            return "gold", _from_hsv(min(h, 0.105), min(0.58, max(0.42, s * 0.7)), 0.86)
        if (h < 0.07 or h > 0.93) and 0.22 <= s <= 0.85 and v >= 0.55:
            return "rose", _mix(self.accent, (0.88, 0.64, 0.56), 0.65)
        if _lum(self.main) < 0.07 and s > 0.55:
            return "gunmetal", (0.42, 0.43, 0.46)
        return "steel", (0.76, 0.77, 0.79)


def _metal_ramp(base: Col, contrast: float = 1.0) -> dict[str, Col]:
    """Tones of a polished metal. Shadows keep the metal's warmth (dark gold is bronze, not
    olive); highlights go toward white."""
    k = contrast
    h, s, v = _hsv(base)
    warm = s > 0.12 and (h < 0.17 or h > 0.9)
    if warm:
        shadow = _from_hsv(h - 0.025, min(1.0, s * 1.25), v * 0.22)
    else:
        shadow = _mix(_dark(base, 0.78), (0.05, 0.06, 0.09), 0.3)
    return {
        "deep": _mix(base, shadow, min(0.95, 0.8 * k)),
        "dark": _mix(base, shadow, min(0.8, 0.5 * k)),
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
    """Premultiplied float RGBA planes. Masks and colour fields use design coordinates; the
    buffer row of design y is ``y + oy`` (slack above the design frame)."""

    def __init__(self, w: int, h: int, oy: int = 0):
        self.w, self.h, self.oy = w, h, oy
        self.buf = np.zeros((4, h, w), np.float32)  # premultiplied R, G, B, A planes

    def paint(self, m: _M, fill: Col | Field | np.ndarray, alpha: float | Field = 1.0) -> None:
        if not callable(alpha) and alpha <= 0:
            return
        x0, y0 = max(0, m.x), max(-self.oy, m.y)
        x1, y1 = min(self.w, m.x1), min(self.h - self.oy, m.y1)
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
        b0, b1 = y0 + self.oy, y1 + self.oy
        for i in range(3):
            ch = self.buf[i, b0:b1, x0:x1]
            tmp = np.subtract(chans[i], ch, dtype=np.float32)
            tmp *= a
            ch += tmp
        ch = self.buf[3, b0:b1, x0:x1]
        tmp = np.subtract(np.float32(1.0), ch)
        tmp *= a
        ch += tmp

    def image(self, out_h: int, seed: int, margin_y: float = 0.015, margin_x: float = 0.025) -> Image.Image:
        """Downscale (LANCZOS) to ``out_h`` rows, framing the drawn content with fixed margins
        (fractions of the height): every kind sits the same way in its image."""
        alpha = self.buf[3]
        rows = np.flatnonzero(alpha.max(axis=1) > 1e-3)
        cols = np.flatnonzero(alpha.max(axis=0) > 1e-3)
        if rows.size == 0:
            return Image.new("RGBA", (max(1, out_h // 2), out_h), (0, 0, 0, 0))
        y0, y1, x0, x1 = float(rows[0]), float(rows[-1] + 1), float(cols[0]), float(cols[-1] + 1)
        my = max(margin_y * out_h, 5.0)  # the LANCZOS kernel reaches 3 output px
        mx = max(margin_x * out_h, 5.0)
        scale = (y1 - y0) / max(1.0, out_h - 2 * my)  # source px per output px
        out_w = max(12, int(math.ceil((x1 - x0) / scale + 2 * mx)))
        bw, bh = out_w * scale, out_h * scale
        bx0, by0 = (x0 + x1) / 2 - bw / 2, (y0 + y1) / 2 - bh / 2
        # Pad when the frame reaches past the canvas (PIL wants the box inside the image).
        pl, pt = max(0, int(math.ceil(-bx0))), max(0, int(math.ceil(-by0)))
        pr, pb = max(0, int(math.ceil(bx0 + bw - self.w))), max(0, int(math.ceil(by0 + bh - self.h)))
        chans = []
        for i in range(4):
            plane = self.buf[i]
            if pl or pt or pr or pb:
                plane = cv2.copyMakeBorder(plane, pt, pb, pl, pr, cv2.BORDER_CONSTANT, value=0)
            im = Image.fromarray(plane, "F")
            box = (bx0 + pl, by0 + pt, bx0 + pl + bw, by0 + pt + bh)
            chans.append(np.asarray(im.resize((out_w, out_h), Image.Resampling.LANCZOS, box=box)))
        a = np.clip(chans[3], 0.0, 1.0)
        a[a < 1.0 / 255] = 0.0
        inv = 255.0 / np.maximum(a, 1e-6)
        # Triangular dither: no banding in the long gradients once they are 8-bit.
        rng = np.random.default_rng((seed & 0xFFFFFFFF, 0x5EED))
        noise = (rng.random((out_h, out_w), np.float32) - rng.random((out_h, out_w), np.float32)) * 0.75 + 0.5
        out = np.empty((out_h, out_w, 4), np.uint8)
        for i in range(3):
            out[..., i] = np.clip(np.clip(chans[i], 0.0, None) * inv + noise, 0, 255)
        out[..., 3] = np.clip(a * 255 + 0.5, 0, 255)
        out[[0, -1], :, 3] = 0  # a guaranteed clear frame (content sits >= 5 px inside)
        out[:, [0, -1], 3] = 0
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
    """Raised-edge lighting from the gradient of the blurred mask (a cheap normal map). Wide
    bevels are computed on a reduced copy (the field is smooth) and scaled back up."""
    pad = int(math.ceil(radius * 3)) + 1
    a = cv2.copyMakeBorder(m.a, pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=0)
    h, w = a.shape
    f = max(1, int(radius // 4))
    small = cv2.resize(a, (max(1, w // f), max(1, h // f)), interpolation=cv2.INTER_AREA) if f > 1 else a
    small = cv2.GaussianBlur(small, (0, 0), radius / f)
    k = np.float32(radius * 2.5 * 0.5 / f)
    kern = np.array([[0, light[1], 0], [light[0], 0, -light[0]], [0, -light[1], 0]], np.float32) * k
    d = cv2.filter2D(small, cv2.CV_32F, kern, borderType=cv2.BORDER_CONSTANT)  # -(grad . light) * 2.5 r
    if f > 1:
        d = cv2.resize(d, (w, h), interpolation=cv2.INTER_LINEAR)
    clip = m if clip is None else clip
    x0, y0 = m.x - pad, m.y - pad
    if hi > 0:
        cv.paint(_M(x0, y0, np.clip(d, 0, 1)) & clip, hi_col, hi)
    if lo > 0:
        cv.paint(_M(x0, y0, np.clip(-d, 0, 1)) & clip, lo_col, lo)


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


@lru_cache(maxsize=4096)
def _has_glyph(font: str, ch: str) -> bool:
    """Whether the font draws ``ch`` (not its missing-glyph box)."""
    if ch.isspace():
        return True
    f = _font(font, 32)
    return bytes(f.getmask(ch)) != bytes(f.getmask("\ue000"))


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
    text = " ".join("".join(ch for ch in text if _has_glyph(font, ch)).split())
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
    """One drawing: canvas at the supersampled size, a design unit ``u`` (1% of the height).
    Designs draw in a 100-unit-high frame with some slack around it; the final image is framed
    on what was actually drawn (see ``_Canvas.image``)."""

    def __init__(self, height_px: int, aspect: float, pal: _Palette, brand: str, seed: int):
        self.out_h = int(height_px)
        # Supersampling: 3x for small images, 2x, and less for very large canvases (the
        # polygon fills are anti-aliased themselves, so 1.5x still gives clean edges).
        ss = 3.0 if height_px < 400 else 2.0
        self.ss = max(1.25, min(ss, math.sqrt(3.2e6 / max(1.0, aspect * height_px * height_px))))
        self.pad = 2  # design units of slack on every side
        self.u = self.out_h * self.ss / 100.0
        self.W = int(math.ceil((aspect * 100 + 2 * self.pad) * self.u))
        self.H = int(math.ceil((100 + 2 * self.pad) * self.u))
        self.cx = self.W / 2
        self.cv = _Canvas(self.W, self.H, oy=int(round(self.pad * self.u)))
        self.pal = pal
        self.brand = brand
        self.seed = seed

    def image(self) -> Image.Image:
        return self.cv.image(self.out_h, self.seed)


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
    if bracelet:  # a bracelet recedes at both ends: straight cuts, narrowing in perspective
        hf = half_far * 0.9
        top = _poly([(cx - hf, 1.5 * u), (cx + hf, 1.5 * u), (cx + half_near, cy), (cx - half_near, cy)])
        bottom = _poly([(cx - half_near, cy), (cx + half_near, cy), (cx + hf, 98.5 * u), (cx - hf, 98.5 * u)])
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
    pitch = 3.6 * u
    gap = 0.2 * u
    rows = []
    for sgn in (-1, 1):
        y = cy + sgn * 0.5 * pitch
        while 0 < y < 100 * u:
            rows.append(y)
            y += sgn * pitch
    # Brushed grain: fine horizontal streaks.
    rng = np.random.default_rng((abs(c.seed) & 0xFFFF, 23))
    grain = rng.standard_normal((max(1, int(straps.a.shape[0] / (0.1 * u))), 16)).astype(np.float32)
    grain = cv2.resize(cv2.GaussianBlur(grain, (0, 0), 0.6), (straps.a.shape[1], straps.a.shape[0]), interpolation=cv2.INTER_LINEAR)
    outer_c, centre_c = [], []
    for yc in rows:
        y0, y1 = yc - pitch / 2 + gap, yc + pitch / 2 - gap
        w = half * (1 - 0.1 * min(1.0, abs(yc - cy) / (48 * u)))
        cw = w * 0.44
        outer_c.append(_rrect_pts(cx - w - u, y0, cx - cw / 2 - gap, y1, 0.45 * u))
        outer_c.append(_rrect_pts(cx + cw / 2 + gap, y0, cx + w + u, y1, 0.45 * u))
        centre_c.append(_rrect_pts(cx - cw / 2, y0 - 0.1 * u, cx + cw / 2, y1 + 0.1 * u, 1.0 * u))
    outer = _poly(*outer_c) & straps
    centre = _poly(*centre_c) & straps
    outer_lut = _lut([(0, metal["dark"]), (0.2, metal["mid"]), (0.5, metal["light"]), (0.8, metal["mid"]), (1, metal["dark"])])
    cv.paint(outer, lambda X, Y: _apply_lut(outer_lut, np.abs(X - cx) / half + 0 * Y))
    cv.paint(_M(straps.x, straps.y, np.clip(grain, 0, None) * 0.5) & outer, WHITE, 0.3)
    cv.paint(_M(straps.x, straps.y, np.clip(-grain, 0, None) * 0.5) & outer, BLACK, 0.3)
    pol_lut = _lut([(0, metal["mid"]), (0.25, metal["white"]), (0.45, metal["light"]), (0.75, metal["mid"]), (1, metal["dark"])])
    cv.paint(centre, lambda X, Y: _apply_lut(pol_lut, (X - (cx - half * 0.22)) / (half * 0.44) + 0 * Y))
    _bevel(cv, outer, 0.3 * u, hi=0.3, lo=0.35)
    _bevel(cv, centre, 0.45 * u, hi=0.55, lo=0.35)
    # The bracelet curves away from the case: it darkens toward the ends.
    cv.paint(straps, BLACK, lambda X, Y: np.clip(np.abs(Y - cy) / (50 * u), 0, 1) ** 1.6 * 0.55 + 0 * X)


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
    inner = _rrect(bx0 + 0.8 * u, by0 + 0.8 * u, bx1 - 0.8 * u, by1 - 0.8 * u, r - 0.8 * u)
    cv.paint(back - _rrect(bx0 + 2 * u, by0 + 2 * u, bx1 - 2 * u, by1 - 2 * u, r - 2 * u),
             _linear((bx0, by0), (bx1, by1), _metal_linear(frame_base)))  # only the rim shows
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
    bez = _rrect(fx0 + 0.75 * u, fy0 + 0.75 * u, fx1 - 0.75 * u, fy1 - 0.75 * u, r - 0.75 * u)
    cv.paint(front - _rrect(fx0 + 2 * u, fy0 + 2 * u, fx1 - 2 * u, fy1 - 2 * u, r - 2 * u),
             _linear((fx0, fy0), (fx1, fy1), _metal_linear(frame_base)))
    _bevel(cv, front, 0.5 * u, hi=0.6, lo=0.45)
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
        bx = sx1 - (12.2 - 0.85 * k) * u
        cv.paint(_rrect(bx, sy0 + 3.9 * u - h, bx + 0.55 * u, sy0 + 3.9 * u, 0.15 * u), ui)
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
    glow2 = _light(pal.main, 0.3) if pal.dark else ca
    cv.paint(_ellipse(x0 + w * 0.95, y0 + h * (0.35 + 0.05 * j()), w * 0.5, h * 0.22).blur(6 * u) & screen, glow2, 0.45)
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


# --- cylinders: lighting and wrapped artwork -------------------------------------------------


def _across(cx: float, hw: float | Callable[[np.ndarray], np.ndarray]) -> Callable[[np.ndarray, np.ndarray], np.ndarray]:
    """t in 0..1 across a vertical cylinder (or cone: ``hw`` a function of y) centred on cx."""
    def t(X: np.ndarray, Y: np.ndarray) -> np.ndarray:
        h = hw(Y) if callable(hw) else hw
        return (X - cx) / (2 * h) + 0.5
    return t


def _cyl_light(cv: _Canvas, m: _M, cx: float, hw, strength: float = 1.0, gloss: float = 1.0) -> None:
    """Light a printed cylinder without changing its colours: shade the sides, add the broad
    key light, a crisp specular band and a faint bounce on the right rim."""
    t = _across(cx, hw)
    shade = _lut([(0, 0.62), (0.06, 0.28), (0.16, 0.05), (0.3, 0.0), (0.55, 0.0), (0.75, 0.16), (0.9, 0.34),
                  (0.955, 0.22), (0.985, 0.34), (1, 0.6)])
    broad = _lut([(0, 0), (0.12, 0.0), (0.22, 0.16), (0.32, 0.12), (0.45, 0.0), (1, 0)])
    spec = _lut([(0, 0), (0.205, 0), (0.235, 0.75), (0.265, 0.75), (0.3, 0), (0.86, 0), (0.91, 0.16), (0.94, 0), (1, 0)])
    cv.paint(m, BLACK, lambda X, Y: _apply_lut(shade, t(X, Y)) * strength)
    cv.paint(m, WHITE, lambda X, Y: _apply_lut(broad, t(X, Y)) * gloss)
    cv.paint(m.blur(0.0), WHITE, lambda X, Y: _apply_lut(spec, t(X, Y)) * gloss)


def _wrap(m: _M, cx: float, R: float, arc: float = 0.0) -> _M:
    """Wrap flat artwork (drawn at true size, centred on cx) onto a cylinder of radius R seen
    from slightly above: compressed toward the sides, middle sagging ``arc`` px."""
    y0, y1 = m.y - int(abs(arc)) - 2, m.y1 + int(abs(arc)) + 2
    x0, x1 = int(math.floor(cx - R)), int(math.ceil(cx + R))
    X = np.arange(x0, x1, dtype=np.float32) + 0.5
    Y = np.arange(y0, y1, dtype=np.float32) + 0.5
    q = np.clip((X - cx) / R, -0.999, 0.999)
    src_x = cx + R * np.arcsin(q) - m.x - 0.5
    sag = arc * np.sqrt(1 - q * q)
    map_x = np.broadcast_to(src_x[None, :], (len(Y), len(X))).astype(np.float32)
    map_y = (Y[:, None] - sag[None, :] - m.y - 0.5).astype(np.float32)
    out = cv2.remap(m.a, map_x, map_y, cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=0)
    return _M(x0, y0, out)


def _arc_band(cx: float, hw0: float, hw1: float, y0: float, y1: float, sag: float) -> _M:
    """A horizontal band around a cylinder/cone seen from above: both edges sag in the middle."""
    n = 120
    q = np.linspace(-1, 1, n)
    top = np.stack([cx + q * hw0, y0 + sag * np.sqrt(1 - q * q)], -1)
    bot = np.stack([cx + q[::-1] * hw1, y1 + sag * np.sqrt(1 - q[::-1] ** 2)], -1)
    return _poly(np.vstack([top, bot]))


# --- can ------------------------------------------------------------------------------------


def _draw_can(c: _Ctx) -> None:
    cv, u, pal = c.cv, c.u, c.pal
    cx = c.cx
    R = 22.5 * u
    alu = _metal_ramp((0.78, 0.79, 0.81))
    top_y, top_rx, top_ry = 5.2 * u, 18.6 * u, 2.7 * u
    body_top, body_bot = 13.5 * u, 90.5 * u
    bot_rx, bot_y = 19.2 * u, 96.6 * u
    right = (_Path(cx + top_rx + 0.6 * u, top_y).line(cx + top_rx + 0.4 * u, top_y + 1.6 * u)
             .curve((cx + top_rx + 0.3 * u, top_y + 3.5 * u), (cx + R, body_top - 4 * u), (cx + R, body_top))
             .line(cx + R, body_bot).curve((cx + R, body_bot + 3 * u), (cx + bot_rx + 1 * u, bot_y - 1.5 * u), (cx + bot_rx, bot_y)))
    rp = right.array()
    lp = rp[::-1].copy()
    lp[:, 0] = 2 * cx - lp[:, 0]
    bottom_arc = _ellipse_pts(cx, bot_y, bot_rx, 1.9 * u, 0, math.pi)
    top_arc = _ellipse_pts(cx, top_y, top_rx + 0.6 * u, top_ry, math.pi, 2 * math.pi)
    can = _poly(np.vstack([rp, bottom_arc, lp, top_arc]))
    hw = lambda Y: np.interp(Y, [top_y, top_y + 1.6 * u, body_top - 2 * u, body_top, body_bot, bot_y],  # noqa: E731
                             [top_rx + 0.6 * u, top_rx + 0.4 * u, R - 0.6 * u, R, R, bot_rx]).astype(np.float32)
    # Aluminium first (neck and base), then the printed sleeve over the straight body.
    cv.paint(can, lambda X, Y: _apply_lut(_lut(_cyl_stops(alu["mid"], 1.0)), _across(cx, hw)(X, Y)))
    print_m = can & _poly([(cx - R - u, body_top - 0.4 * u), (cx + R + u, body_top - 0.4 * u),
                           (cx + R + u, body_bot + 0.6 * u), (cx - R - u, body_bot + 0.6 * u)])
    base = pal.main
    cv.paint(print_m, base)
    # Artwork in label space: a sweeping accent band and a thin companion stripe, then the brand.
    L = math.pi * R / 2

    def band(ya: float, yb: float, amp: float, phase: float) -> _M:
        s = np.linspace(-L, L, 160)
        ytop = ya + amp * np.sin(s / L * 1.6 + phase)
        ybot = yb + amp * 0.8 * np.sin(s / L * 1.6 + phase + 0.5)
        pts = np.vstack([np.stack([cx + R * np.sin(s / R), ytop], -1), np.stack([cx + R * np.sin(s / R), ybot], -1)[::-1]])
        return _poly(pts) & print_m
    acc = pal.accent if _contrast(pal.accent, base) > 1.3 else _light(base, 0.4)
    b1 = band(56 * u, 72 * u, 5 * u, 0.4)
    cv.paint(b1, _linear((0, 50 * u), (0, 78 * u), [(0, _light(acc, 0.12)), (1, _dark(acc, 0.1))]))
    b2 = band(74.5 * u, 76.5 * u, 5 * u, 0.9)
    cv.paint(b2, pal.extra if _contrast(pal.extra, base) > 1.3 else acc, 0.9)
    b3 = band(52.5 * u, 53.6 * u, 5 * u, 0.2)
    cv.paint(b3, acc, 0.8)
    ink = _legible(base, WHITE if pal.dark else (0.1, 0.1, 0.12), acc, need=3.0)
    if c.brand:
        t = _text(_brand_text(c.brand, limit=14), _SANS_BOLD, 9.5 * u, cx, 35 * u, tracking=0.02, max_w=2.1 * R)
        t = _wrap(t, cx, R, arc=1.2 * u)
        cv.paint(t, ink)
    sub_ink = acc if _contrast(acc, base) > 2 else ink
    cv.paint(_wrap(_rrect(cx - 6 * u, 43.2 * u, cx + 6 * u, 43.6 * u, 0.2 * u), cx, R, 1.2 * u), sub_ink, 0.9)
    for k in range(3):
        cv.paint(_wrap(_ellipse(cx + (k - 1) * 2.4 * u, 47 * u, 0.45 * u), cx, R, 1.2 * u), sub_ink, 0.8)
    cv.paint(print_m, BLACK, _linear((0, body_top), (0, body_top + 3 * u), [(0, 0.35), (1, 0.0)]))
    cv.paint(print_m, BLACK, _linear((0, body_bot - 3 * u), (0, body_bot + 0.6 * u), [(0, 0.0), (1, 0.3)]))
    _cyl_light(cv, can, cx, hw, strength=0.85, gloss=0.9)
    # Neck ridges and the seam at the base.
    for yy, a in ((9.2, 0.35), (11.0, 0.25), (91.6, 0.3), (93.4, 0.25)):
        rr = float(hw(np.array([yy * u]))[0])
        cv.paint(_arc_band(cx, rr, rr, yy * u, yy * u + 0.35 * u, 0.6 * u) & can, BLACK, a)
        cv.paint(_arc_band(cx, rr, rr, yy * u + 0.35 * u, yy * u + 0.7 * u, 0.6 * u) & can, WHITE, a * 0.8)
    # Lid: rolled rim, recessed panel, tab.
    rim = _ellipse(cx, top_y, top_rx + 0.6 * u, top_ry + 0.5 * u)
    cv.paint(rim, _conic((cx, top_y), _metal_conic(alu["mid"], 1.0), a0=math.radians(-150)))
    lid = _ellipse(cx, top_y + 0.25 * u, top_rx - 0.9 * u, top_ry - 0.45 * u)
    cv.paint(lid, _linear((cx - top_rx, 0), (cx + top_rx, 0), [(0, alu["dark"]), (0.4, alu["mid"]), (1, alu["light"])]))
    _shade_edges(cv, lid, 0.6 * u, 0.5, offset=(0, -0.3 * u))
    tab = _ellipse(cx, top_y + 0.5 * u, 3.6 * u, 1.0 * u) - _ellipse(cx, top_y + 0.3 * u, 1.6 * u, 0.45 * u)
    cv.paint(tab, _linear((cx - 3.6 * u, 0), (cx + 3.6 * u, 0), [(0, alu["light"]), (0.5, alu["white"]), (1, alu["dark"])]))
    cv.paint(_ellipse(cx, top_y + 0.5 * u, 0.5 * u, 0.25 * u), alu["deep"])
    cv.paint(_ellipse(cx - 1.0 * u, top_y + 1.35 * u, 2.6 * u, 0.55 * u) - _ellipse(cx - 1.0 * u, top_y + 1.35 * u, 2.35 * u, 0.35 * u), alu["deep"], 0.5)


# --- cup ------------------------------------------------------------------------------------


def _draw_cup(c: _Ctx) -> None:
    """A takeaway coffee cup: paper cup, moulded lid, printed sleeve with the brand."""
    cv, u, pal = c.cv, c.u, c.pal
    cx = c.cx
    cup_col = pal.main if pal.dark else (0.97, 0.96, 0.94)
    if _lum(cup_col) < 0.03:
        cup_col = (0.07, 0.07, 0.08)
    sleeve_col = pal.accent if _contrast(pal.accent, cup_col) > 1.3 else _dark(cup_col, 0.3)
    if not pal.dark and _lum(pal.main) > 0.8:
        sleeve_col = pal.accent
    lid_col = (0.95, 0.94, 0.92) if _lum(cup_col) < 0.5 else (0.13, 0.13, 0.14)
    ytop, ybot = 15.5 * u, 96.0 * u
    hw_top, hw_bot = 24.0 * u, 17.0 * u
    sag = 2.0 * u
    hw = lambda Y: (hw_top + (hw_bot - hw_top) * np.clip((Y - ytop) / (ybot - ytop), 0, 1)).astype(np.float32)  # noqa: E731
    body = _arc_band(cx, hw_top, hw_bot, ytop - 3 * u, ybot, sag)
    cv.paint(body, cup_col)
    # Paper seam, faint.
    seam_x = cx + 0.55 * (hw_top + hw_bot) / 2
    cv.paint(_poly([(seam_x, ytop), (seam_x + 0.25 * u, ytop), (cx + 0.55 * hw_bot + 0.25 * u, ybot), (cx + 0.55 * hw_bot, ybot)]) & body,
             _dark(cup_col, 0.25), 0.18)
    # Sleeve.
    s0, s1 = 44.0 * u, 76.0 * u
    hs0, hs1 = float(hw(np.array([s0]))[0]) + 0.5 * u, float(hw(np.array([s1]))[0]) + 0.5 * u
    sleeve = _arc_band(cx, hs0, hs1, s0, s1, sag)
    _drop(cv, sleeve, 0.8 * u, 0, 0.7 * u, 0.35, clip=body)
    cv.paint(sleeve, sleeve_col)
    ink = _legible(sleeve_col, cup_col, WHITE, (0.1, 0.08, 0.06), need=2.5)
    R_mid = (hs0 + hs1) / 2
    if c.brand:
        t = _text(_brand_text(c.brand, limit=16), _SERIF, 5.6 * u, cx, 57.8 * u, tracking=0.12, max_w=1.55 * R_mid)
        cv.paint(_wrap(t, cx, R_mid, arc=sag), ink)
    for k in range(3):
        cv.paint(_wrap(_ellipse(cx + (k - 1) * 1.8 * u, 65.0 * u, 0.38 * u), cx, R_mid, arc=sag), ink, 0.75)
    for yy in (48.6, 70.4):
        line = _arc_band(cx, R_mid, R_mid, yy * u, yy * u + 0.3 * u, sag)
        cv.paint(line & sleeve, ink, 0.55)
    # Light the whole cup as a cone, then the sleeve's own edge relief.
    cup_all = body | sleeve
    _cyl_light(cv, cup_all, cx, lambda Y: hw(Y) + 0.3 * u, strength=0.7 if _lum(cup_col) > 0.5 else 0.9, gloss=0.55)
    _bevel(cv, sleeve, 0.5 * u, hi=0.35, lo=0.35)
    cv.paint(body, BLACK, _linear((0, ybot - 5 * u), (0, ybot + 2 * u), [(0, 0.0), (1, 0.2)]))
    # Base rim.
    rim_b = _arc_band(cx, hw_bot + 0.1 * u, hw_bot, ybot - 1.2 * u, ybot, sag) & body
    cv.paint(rim_b, _dark(cup_col, 0.25), 0.5)
    # Lid: skirt, step, raised top with the sip opening.
    lid_lut = _lut(_cyl_stops(lid_col, 0.8))
    skirt = _arc_band(cx, 25.6 * u, 25.0 * u, 11.4 * u, 17.2 * u, sag)
    _drop(cv, skirt, 1.0 * u, 0, 0.9 * u, 0.4, clip=body)
    step = _arc_band(cx, 23.2 * u, 25.4 * u, 7.8 * u, 11.8 * u, sag * 0.9)
    top = _ellipse(cx, 7.8 * u, 23.2 * u, 2.4 * u)
    for part, hwp in ((skirt, 25.6 * u), (step, 24.3 * u)):
        cv.paint(part, lambda X, Y, h=hwp: _apply_lut(lid_lut, (X - cx) / (2 * h) + 0.5))
    _bevel(cv, skirt, 0.5 * u, hi=0.5, lo=0.4)
    cv.paint(_arc_band(cx, 25.5 * u, 25.5 * u, 13.4 * u, 13.8 * u, sag) & skirt, BLACK, 0.18)
    cv.paint(top, _linear((cx - 23 * u, 6 * u), (cx + 23 * u, 9 * u), [(0, _light(lid_col, 0.2)), (0.5, lid_col), (1, _dark(lid_col, 0.18))]))
    lip = _ellipse_pts(cx, 7.8 * u, 23.0 * u, 2.3 * u, 0.05 * math.pi, 0.95 * math.pi)
    cv.paint(_stroke(lip, 0.45 * u).blur(0.2 * u), _light(lid_col, 0.6), 0.5)
    inner_top = _ellipse(cx, 8.0 * u, 19.5 * u, 1.6 * u)
    cv.paint(inner_top, _dark(lid_col, 0.08))
    _shade_edges(cv, inner_top, 0.5 * u, 0.35, offset=(0, -0.2 * u))
    sip = _rrect(cx - 2.2 * u, 8.9 * u, cx + 2.2 * u, 9.5 * u, 0.3 * u)
    cv.paint(sip, (0.05, 0.04, 0.03))
    _streak(cv, step, _rrect(cx - 16 * u, 8 * u, cx - 13 * u, 12 * u, 1 * u), 0.7 * u, 0.45)
    _streak(cv, skirt, _rrect(cx - 18 * u, 12 * u, cx - 14.5 * u, 16.5 * u, 1 * u), 0.8 * u, 0.35)


# --- headphones -----------------------------------------------------------------------------


def _draw_headphones(c: _Ctx) -> None:
    """Over-ear headphones in a three-quarter view: the near cup shows its outer face, the
    headband arcs back to the far cup, whose cushion faces us."""
    cv, u, pal = c.cv, c.u, c.pal
    cx = c.cx
    shell = pal.main if _lum(pal.main) > 0.02 else (0.07, 0.07, 0.08)
    metal = _metal_ramp(pal.metal if pal.metal_kind != "gunmetal" else (0.55, 0.56, 0.6))
    cushion = _dark(shell, 0.55) if _lum(shell) < 0.6 else _mix(shell, (0.55, 0.55, 0.57), 0.35)
    ring_col = pal.metal if pal.metal_kind in ("gold", "rose") else pal.accent
    N = np.array([cx - 7.0 * u, 66.0 * u])   # near cup centre
    F = np.array([cx + 21.0 * u, 57.0 * u])  # far cup centre

    def fork(centre: np.ndarray, rx: float, ry: float, w: float) -> tuple[_M, list[np.ndarray]]:
        fa = np.linspace(math.pi * 1.02, math.pi * 1.98, 140)
        pts = np.stack([centre[0] + rx * np.cos(fa), centre[1] + ry * np.sin(fa)], -1)
        return _stroke(pts, w, round_caps=True), [pts[0], pts[-1]]

    def pivot(p: np.ndarray, r: float) -> None:
        piv = _ellipse(p[0], p[1], r)
        _drop(cv, piv, 0.3 * r, 0.05 * r, 0.2 * r, 0.4)
        cv.paint(piv, _radial((p[0] - 0.3 * r, p[1] - 0.3 * r), 1.3 * r, [(0, metal["white"]), (0.5, metal["mid"]), (1, metal["dark"])]))
        cv.paint(_ellipse(p[0], p[1], 0.32 * r), metal["dark"], 0.7)

    def rod(x: float, y0: float, y1: float, w: float) -> None:
        m = _rrect(x - w / 2, y0, x + w / 2, y1, w * 0.4)
        cv.paint(m, _linear((x - w / 2, 0), (x + w / 2, 0), [(0, metal["dark"]), (0.35, metal["white"]), (1, metal["dark"])]))
        for k in range(3):
            yy = y0 + (k + 1) * (y1 - y0) / 4.5
            cv.paint(_rrect(x - w / 2, yy, x + w / 2, yy + 0.25 * u, 0), metal["deep"], 0.5)

    # -- far cup (behind): shell sliver, then the cushion facing us --
    rod(F[0] + 1.0 * u, 33.0 * u, 40.5 * u, 1.4 * u)
    far_shell = _ellipse(F[0] + 3.2 * u, F[1], 9.6 * u, 19.6 * u, rot=0.06)
    cv.paint(far_shell, _linear((F[0] - 6 * u, 0), (F[0] + 13 * u, 0), [(0, _dark(shell, 0.1)), (1, _dark(shell, 0.5))]))
    _bevel(cv, far_shell, 1.2 * u, hi=0.25, lo=0.35)
    ff, fends = fork(F + [1.6 * u, 0], 11.2 * u, 21.4 * u, 1.6 * u)
    cv.paint(ff, _linear((F[0] - 10 * u, F[1] - 20 * u), (F[0] + 10 * u, F[1]), _metal_linear(metal["mid"])))
    _bevel(cv, ff, 0.4 * u, hi=0.4, lo=0.4)
    cush_f = _ellipse(F[0], F[1], 9.0 * u, 19.2 * u, rot=0.06)
    cv.paint(cush_f, _radial((F[0] - 2 * u, F[1] - 6 * u), (12 * u, 24 * u), [(0, _light(cushion, 0.15)), (0.6, cushion), (1, _dark(cushion, 0.45))]))
    _bevel(cv, cush_f, 2.2 * u, hi=0.3, lo=0.5)
    hole = _ellipse(F[0] + 0.6 * u, F[1] + 0.5 * u, 4.6 * u, 12.6 * u, rot=0.06)
    cv.paint(hole, _dark(cushion, 0.55))
    _shade_edges(cv, hole, 1.4 * u, 0.6, offset=(-0.4 * u, -0.8 * u))
    cv.paint(_ellipse(F[0] + 1.2 * u, F[1] + 3 * u, 2.2 * u, 5.5 * u, rot=0.06).blur(1.2 * u) & hole, _light(cushion, 0.12), 0.5)
    pivot(fends[1], 1.3 * u)

    # -- headband: padded arc, foreshortened, wider toward us --
    P0, C1, C2, P3 = (F[0] + 1.0 * u, 34.0 * u), (F[0] + 3.5 * u, 6.5 * u), (N[0] - 4.0 * u, -3.0 * u), (N[0] - 1.0 * u, 37.0 * u)
    band_c = np.vstack([P0, _bez(P0, C1, C2, P3, n=300)])
    kk = np.linspace(0, 1, len(band_c))
    width = (4.6 + 4.4 * kk) * u
    steel_c = np.vstack([(P0[0] + 2.4 * u, P0[1]), _bez((P0[0] + 2.4 * u, P0[1]), (C1[0] + 2.8 * u, C1[1] - 3 * u),
                                                         (C2[0] - 0.5 * u, C2[1] - 4.5 * u), (P3[0] - 5.2 * u, P3[1]), n=300)])
    steel = _stroke(steel_c, (1.1 + 0.8 * kk) * u)
    cv.paint(steel, _linear((N[0] - 10 * u, 0), (F[0] + 5 * u, 0), _metal_linear(metal["mid"])))
    _bevel(cv, steel, 0.4 * u, hi=0.6, lo=0.4)
    pad = _stroke(band_c, width)
    _drop(cv, pad, 0.8 * u, -0.3 * u, 0.6 * u, 0.35, clip=steel | cush_f)
    cv.paint(pad, _linear((0, 0), (0, 40 * u), [(0, _light(shell, 0.12)), (0.6, shell), (1, _dark(shell, 0.3))]))
    cv.paint(pad, BLACK, _linear((N[0], 0), (F[0] + 3 * u, 0), [(0, 0.0), (1, 0.35)]))
    _bevel(cv, pad, 1.5 * u, hi=0.35, lo=0.45)
    _streak(cv, pad, _stroke(band_c[60:230] + [-1.2 * u, -1.2 * u], 0.9 * u), 0.5 * u, 0.35)
    # Metal end caps where the sliders leave the band.
    for end, d_end, w_end in ((band_c[0], band_c[0] - band_c[6], width[0]), (band_c[-1], band_c[-1] - band_c[-7], width[-1])):
        d_end = d_end / np.linalg.norm(d_end)
        cap_pts = np.array([end - d_end * 2.2 * u, end + d_end * 0.6 * u])
        cap = _stroke(cap_pts, w_end * 1.04)
        cv.paint(cap, _linear((end[0] - w_end / 2, 0), (end[0] + w_end / 2, 0), _cyl_stops(metal["mid"], 1.0)))
        _bevel(cv, cap, 0.35 * u, hi=0.45, lo=0.4)
    sp = band_c[20:290]
    seg = []
    step = 3
    for k in range(0, len(sp) - step, step * 2):
        seg.append(_stroke_pts(sp[k:k + step + 1], 0.26 * u))
    stitch_col = _light(shell, 0.35) if _lum(shell) < 0.5 else _dark(shell, 0.3)
    cv.paint(_poly(*seg) & pad, stitch_col, 0.55)

    # -- near cup: cushion crescent, shell wall, outer face --
    rod(N[0] - 1.0 * u, 36.0 * u, 42.5 * u, 1.9 * u)
    cush_n = _ellipse(N[0] + 6.5 * u, N[1] + 0.5 * u, 14.0 * u, 24.0 * u, rot=-0.05)
    cv.paint(cush_n, _radial((N[0] + 9 * u, N[1] - 8 * u), (16 * u, 28 * u), [(0, _light(cushion, 0.2)), (0.6, cushion), (1, _dark(cushion, 0.5))]))
    _bevel(cv, cush_n, 2.6 * u, hi=0.3, lo=0.55)
    for k in range(5):  # soft wrinkles of the protein leather
        yy = N[1] + (k - 2) * 8.5 * u
        w_pts = _bez((N[0] + 13.5 * u, yy - 0.8 * u), (N[0] + 16 * u, yy + 0.3 * u), (N[0] + 18 * u, yy), (N[0] + 19.5 * u, yy - 0.6 * u))
        cv.paint(_stroke(w_pts, 0.4 * u).blur(0.3 * u) & cush_n, BLACK, 0.25)
    wall = _ellipse(N[0] + 2.6 * u, N[1], 16.2 * u, 25.4 * u, rot=-0.05)
    _drop(cv, wall, 1.2 * u, 0.8 * u, 0.3 * u, 0.45, clip=cush_n)
    cv.paint(wall, _linear((N[0] - 10 * u, 0), (N[0] + 19 * u, 0), [(0, shell), (0.6, _dark(shell, 0.25)), (1, _dark(shell, 0.5))]))
    _bevel(cv, wall, 1.4 * u, hi=0.25, lo=0.3)
    nf, nends = fork(N + [0.8 * u, 0], 18.6 * u, 27.6 * u, 2.3 * u)
    cv.paint(nf, _linear((N[0] - 17 * u, N[1] - 26 * u), (N[0] + 17 * u, N[1]), _metal_linear(metal["mid"])))
    _bevel(cv, nf, 0.5 * u, hi=0.55, lo=0.4)
    hinge = _rrect(N[0] - 2.8 * u, 37.2 * u, N[0] + 0.8 * u, 40.8 * u, 1.0 * u)
    cv.paint(hinge, _linear((N[0] - 2.8 * u, 0), (N[0] + 0.8 * u, 0), _cyl_stops(metal["mid"], 1.0)))
    _bevel(cv, hinge, 0.4 * u, hi=0.4, lo=0.4)
    face_out = _ellipse(N[0], N[1], 15.6 * u, 24.8 * u, rot=-0.05)
    cv.paint(face_out, _radial((N[0] - 5 * u, N[1] - 10 * u), (22 * u, 36 * u), [(0, _light(shell, 0.22)), (0.45, shell), (1, _dark(shell, 0.45))]))
    _bevel(cv, face_out, 2.2 * u, hi=0.4, lo=0.45)
    ring = _ellipse(N[0], N[1], 12.6 * u, 20.6 * u, rot=-0.05) - _ellipse(N[0], N[1], 11.7 * u, 19.6 * u, rot=-0.05)
    cv.paint(ring, _linear((N[0] - 12 * u, N[1] - 20 * u), (N[0] + 12 * u, N[1] + 20 * u), _metal_linear(ring_col)))
    face = _ellipse(N[0], N[1], 11.7 * u, 19.6 * u, rot=-0.05)
    cv.paint(face, _radial((N[0] - 3 * u, N[1] - 7 * u), (16 * u, 27 * u), [(0, _light(shell, 0.1)), (1, _dark(shell, 0.22))]))
    _shade_edges(cv, face, 1.3 * u, 0.35, offset=(-0.4 * u, -0.7 * u))
    if c.brand:
        mono = _text(_brand_text(c.brand), _SANS, 2.6 * u, N[0], N[1], tracking=0.3, max_w=17 * u)
        cv.paint(mono.shift(0.12 * u, 0.2 * u), BLACK, 0.35)
        cv.paint(mono, _linear((N[0] - 8 * u, N[1] - 2 * u), (N[0] + 8 * u, N[1] + 2 * u), _metal_linear(ring_col)))
    _streak(cv, face_out, _ellipse(N[0] - 8 * u, N[1] - 11 * u, 2.2 * u, 7.5 * u, rot=0.45), 1.0 * u, 0.4)
    _streak(cv, face_out, _ellipse(N[0] + 9 * u, N[1] + 13 * u, 1.0 * u, 5.5 * u, rot=0.5), 0.8 * u, 0.12)
    for p_ in nends:
        pivot(p_, 2.2 * u)


# --- sneaker --------------------------------------------------------------------------------


def _draw_sneaker(c: _Ctx) -> None:
    """A side-view running sneaker, toe to the right."""
    cv, u, pal = c.cv, c.u, c.pal
    upper = pal.main if _lum(pal.main) > 0.015 else (0.06, 0.06, 0.07)
    light_upper = _lum(upper) > 0.7
    acc = pal.accent if _contrast(pal.accent, upper) > 1.3 else _dark(upper, 0.4)
    metal = _metal_ramp(pal.metal)
    mid_col = (0.965, 0.96, 0.945)
    out_col = (0.13, 0.13, 0.14) if not light_upper else _dark(acc, 0.1)
    ox = c.cx - 110 * u  # design space: 220 x 100

    def P(a: float, b: float) -> tuple[float, float]:
        return (ox + a * u, b * u)

    def path(*segs) -> _M:
        pth = _Path(*P(*segs[0]))
        for sg in segs[1:]:
            if len(sg) == 2:
                pth.line(*P(*sg))
            else:
                pth.curve(P(*sg[0]), P(*sg[1]), P(*sg[2]))
        return pth.mask()

    # Tongue (behind the upper).
    tongue = path((60, 34), ((60, 20), (63, 9), (69, 5.5)), ((75, 2.5), (84, 3), (88, 7.5)), ((91, 13), (93, 21), (97, 30)), (72, 42))
    tongue_col = _dark(upper, 0.1) if not light_upper else _dark(upper, 0.04)
    cv.paint(tongue, _linear(P(60, 4), P(96, 30), [(0, _light(tongue_col, 0.14)), (1, _dark(tongue_col, 0.22))]))
    _bevel(cv, tongue, 1.6 * u, hi=0.3, lo=0.45)
    tl = _rrect(*P(70.5, 8.2), *P(84.5, 15.2), 1.2 * u)
    cv.paint(tl, acc)
    _bevel(cv, tl, 0.3 * u, hi=0.3, lo=0.3)
    if c.brand:
        cv.paint(_text(_brand_text(c.brand, limit=10), _SANS_BOLD, 2.6 * u, *P(77.5, 11.7), tracking=0.06, max_w=11.5 * u),
                 _legible(acc, upper, WHITE, BLACK, need=2.5))
    throat = np.vstack([P(84, 24), _bez(P(84, 24), P(112, 32), P(142, 43.5), P(168, 49))])
    tband = _stroke(throat, 6.5 * u, round_caps=True)
    cv.paint(tband, _linear(P(0, 20), P(0, 52), [(0, _light(tongue_col, 0.1)), (1, _dark(tongue_col, 0.25))]))
    _bevel(cv, tband, 1.2 * u, hi=0.25, lo=0.4)
    # Upper.
    up = path((12, 76), ((7, 64), (7, 46), (12, 32)), ((13.5, 27), (17, 24), (22, 24.5)),
              ((32, 25.5), (40, 34), (50, 34.5)), ((57, 34.8), (61, 30), (64, 25)),
              (88, 27.5), ((112, 36), (142, 47), (168, 52)), ((190, 56), (206, 61), (211, 69)),
              ((213, 73), (212, 77), (209, 79)), (12, 79))
    cv.paint(up, _linear(P(0, 24), P(0, 80), [(0, _light(upper, 0.12)), (0.55, upper), (1, _dark(upper, 0.18))]))
    # Collar opening: the padded lining shows inside.
    lining = path((18, 25), ((30, 26.5), (40, 34.5), (50, 35)), ((57, 35.2), (61, 30.5), (64, 25.5)),
                  ((63, 33), (58, 39), (50, 39.5)), ((40, 39.5), (30, 31.5), (18, 29)))
    cv.paint(lining & up, _dark(upper, 0.6) if not light_upper else _dark(acc, 0.3))
    collar = up & _stroke(np.vstack([P(16, 26.5), _bez(P(16, 26.5), P(32, 27.5), P(42, 37), P(51, 37.5)),
                                     _bez(P(51, 37.5), P(58, 37.5), P(62, 31), P(65, 26))]), 3.2 * u)
    _bevel(cv, up, 2.4 * u, hi=0.32, lo=0.35)
    _bevel(cv, collar - lining, 0.9 * u, hi=0.35, lo=0.3)
    # Knit texture on the vamp: fine offset dots, fading toward the heel.
    vamp = up & _poly([P(96, 20), P(220, 40), P(220, 80), P(96, 80)])
    vh, vw = vamp.a.shape
    per = max(3.0, 1.25 * u)
    yy = np.arange(vh, dtype=np.float32)[:, None]
    xx = np.arange(vw, dtype=np.float32)[None, :]
    row = np.floor(yy / per)
    dots = (np.abs(((xx + row * per * 0.5) % per) - per / 2) < per * 0.22) & (np.abs((yy % per) - per / 2) < per * 0.22)
    dots = cv2.GaussianBlur(dots.astype(np.float32), (0, 0), per * 0.12)
    fade = np.clip((xx + vamp.x - P(100, 0)[0]) / (40 * u), 0, 1)
    cv.paint(_M(vamp.x, vamp.y, dots * fade) & vamp, BLACK if not light_upper else _dark(upper, 0.45), 0.14)
    # Overlays.
    over_col = _dark(upper, 0.2) if not light_upper else (0.9, 0.9, 0.89)
    toe = up & path((172, 80), ((174, 70), (181, 61.5), (194, 59)), (220, 58), (220, 82))
    heel = up & path((4, 44), ((14, 44), (24, 52), (30, 60)), ((34, 66), (40, 72), (52, 80)), (4, 82))
    eyestay = up & _stroke(np.vstack([P(82, 29.5), _bez(P(82, 29.5), P(110, 37), P(140, 47), P(168, 53.5))]), 8.2 * u)
    for m, col in ((toe, over_col), (eyestay, over_col), (heel, acc)):
        _drop(cv, m, 0.6 * u, 0, 0.5 * u, 0.3, clip=up)
        cv.paint(m, col)
        cv.paint(m, BLACK, _linear(P(0, 24), P(0, 80), [(0, 0.0), (1, 0.15)]))
        _bevel(cv, m, 0.8 * u, hi=0.3, lo=0.35)
    for k in range(6):  # perforations on the toe cap
        for r in range(2):
            cv.paint(_ellipse(*P(185 + k * 4 + r * 2, 64.5 + r * 3.4), 0.55 * u), _dark(over_col, 0.45), 0.8)
    # The accent curve: a tapered sweep rising from the heel toward the laces (no real brand's logo).
    sw_c = np.vstack([P(30, 69), _bez(P(30, 69), P(72, 74), P(116, 67), P(150, 54))])
    k = np.linspace(0, 1, len(sw_c))
    sweep = _poly(_stroke_pts(sw_c, (np.sin(np.pi * k) ** 0.7 * 6.5 + 0.3) * u)) & up
    sw_col = pal.accent if _contrast(pal.accent, upper) > 1.3 else _light(upper, 0.5)
    _drop(cv, sweep, 0.6 * u, 0, 0.6 * u, 0.35, clip=up)
    cv.paint(sweep, _linear(P(30, 70), P(150, 54), [(0, _dark(sw_col, 0.15)), (0.5, sw_col), (1, _light(sw_col, 0.2))]))
    _bevel(cv, sweep, 0.7 * u, hi=0.45, lo=0.3)
    thin_c = np.vstack([P(46, 76), _bez(P(46, 76), P(92, 79), P(134, 71), P(164, 59))])
    cv.paint(_poly(_stroke_pts(thin_c, (np.sin(np.pi * np.linspace(0, 1, len(thin_c))) * 1.0 + 0.15) * u)) & up, sw_col, 0.9)
    stitch_col = _light(upper, 0.4) if not light_upper else _dark(upper, 0.3)
    for m in (toe, heel, eyestay):
        _stitch_outline(c, m, stitch_col)
    # Eyelets and laces: each lace runs from an eyelet up over the throat and meets its partner
    # from the far side on top of the tongue.
    lace_col = (0.97, 0.96, 0.94) if not light_upper else _dark(pal.accent, 0.05)
    holes = []
    for i in range(6):
        f = i / 5
        px, py = 90 + 70 * f, 31.6 + 20.5 * f - 2.5 * f * f
        holes.append((px, py))
        cv.paint(_ellipse(*P(px, py), 1.1 * u), _dark(over_col, 0.6))
        cv.paint(_ring(*P(px, py), 1.1 * u, 0.62 * u), metal["light"], 0.9)
    lace_back, lace_front = [], []
    for i in range(5):
        (ax, ay), (bx, by) = holes[i], holes[i + 1]
        top = ((ax + bx) / 2 - 1.0, (ay + by) / 2 - 6.2)
        lace_back.append(np.array([P(*top), P(bx, by)]))
        lace_front.append(np.array([P(ax, ay), P(*top)]))
    for seg, dark, lw in ((lace_back, 0.42, 1.45), (lace_front, 0.0, 1.95)):
        for pts in seg:
            lace = _stroke(pts, lw * u, round_caps=True)
            _drop(cv, lace, 0.45 * u, 0.1 * u, 0.5 * u, 0.4)
            base_c = _dark(lace_col, dark)
            cv.paint(lace, _linear(tuple(pts[0]), tuple(pts[1]), [(0, _dark(base_c, 0.12)), (0.5, _light(base_c, 0.2)), (1, _dark(base_c, 0.1))]))
            _bevel(cv, lace, 0.5 * u, hi=0.3, lo=0.35)
    # Heel pull tab.
    tab = path((12.8, 31), ((12.3, 25.5), (13.2, 20.5), (16.4, 20.2)), ((19.4, 20.0), (20.6, 22), (20.2, 26.5)), (19, 29))
    _drop(cv, tab, 0.5 * u, 0, 0.4 * u, 0.3, clip=up)
    cv.paint(tab, acc)
    _bevel(cv, tab, 0.6 * u, hi=0.3, lo=0.35)
    # Sole: sculpted midsole with a flared heel, dark outsole with tread.
    sole = path((10, 73), ((4, 78), (3, 88), (10, 92)), ((14, 95.5), (24, 97), (40, 97)), (160, 97),
                ((185, 97), (203, 93), (210, 86)), ((213, 82), (215, 77), (211, 75.5)),
                ((196, 79), (170, 80.5), (140, 79.5)), ((110, 78.5), (90, 80), (70, 79)), ((48, 77.5), (28, 72), (10, 73)))
    outsole = sole & path((0, 92.5), ((40, 93), (120, 93), (160, 92.8)), ((185, 92.5), (202, 89.5), (212, 83)), (222, 83), (222, 100), (0, 100))
    midsole = sole - outsole
    _drop(cv, sole, 0.8 * u, 0, -0.6 * u, 0.3, clip=up)
    cv.paint(midsole, _linear(P(0, 73), P(0, 93), [(0, WHITE), (0.35, mid_col), (1, _dark(mid_col, 0.14))]))
    wave = np.vstack([P(12, 86), _bez(P(12, 86), P(50, 82), P(100, 89), P(205, 84))])
    cv.paint(_stroke(wave, 0.55 * u).blur(0.35 * u) & midsole, _dark(mid_col, 0.35), 0.55)
    cv.paint(_stroke(wave + [0, 0.9 * u], 0.5 * u).blur(0.35 * u) & midsole, WHITE, 0.7)
    pod = midsole & path((18, 88), ((30, 84), (52, 84.5), (66, 88.5)), ((52, 90.5), (32, 91), (18, 88)))
    cv.paint(pod, pal.accent if _contrast(pal.accent, mid_col) > 1.3 else _dark(upper, 0.1))
    _bevel(cv, pod, 0.4 * u, hi=0.3, lo=0.3)
    _bevel(cv, midsole, 1.0 * u, hi=0.45, lo=0.3)
    cv.paint(outsole, out_col)
    tread = [_rrect_pts(*P(14 + i * 5.2, 95.6), *P(16.0 + i * 5.2, 101), 0.3 * u) for i in range(38)]
    cv.paint(_poly(*tread) & outsole, _light(out_col, 0.12), 0.5)
    _bevel(cv, outsole, 0.5 * u, hi=0.25, lo=0.3)
    # Gloss.
    _streak(cv, up, _ellipse(*P(192, 62.5), 9 * u, 1.4 * u, rot=0.28), 1.0 * u, 0.25)
    _streak(cv, up, _ellipse(*P(12.5, 50), 1.3 * u, 9 * u, rot=0.05), 1.0 * u, 0.22)
    _streak(cv, up, _ellipse(*P(120, 43), 14 * u, 1.0 * u, rot=0.33), 1.2 * u, 0.12)


def _stitch_outline(c: _Ctx, m: _M, col: Col) -> None:
    """A dashed stitch just inside a shape's edge (from its distance field)."""
    u = c.u
    d = m.dist()
    inset = 1.1 * u
    band = np.clip(1 - np.abs(d.a - inset) / (0.16 * u), 0, 1)
    h, w = band.shape
    yy = np.arange(h, dtype=np.float32)[:, None]
    xx = np.arange(w, dtype=np.float32)[None, :]
    dash = ((((xx + yy) / (1.5 * u)) % 1.0) < 0.55).astype(np.float32)
    c.cv.paint(_M(m.x, m.y, band * dash * np.clip(m.a, 0, 1)), col, 0.65)


# --- box ------------------------------------------------------------------------------------


def _draw_box(c: _Ctx) -> None:
    """A premium box in a three-quarter view: lid, satin ribbon and bow, foil brand."""
    cv, u, pal = c.cv, c.u, c.pal
    box_col = pal.main
    ribbon = pal.accent if _contrast(pal.accent, box_col) > 1.3 else _light(box_col, 0.5)
    foil = pal.metal if pal.metal_kind in ("gold", "rose") else (pal.accent if _hsv(pal.accent)[1] > 0.4 else pal.metal)
    foil_flat = False
    if _contrast(foil, box_col) < 2.6:  # foil must read on the box: deepen it on a light box
        if _contrast(_dark(pal.accent, 0.2), box_col) >= 2.6:
            foil = _dark(pal.accent, 0.2)
        else:
            foil, foil_flat = _legible(box_col), True
    fm = _metal_ramp(foil)
    a, b = math.radians(20), math.radians(27)
    er = np.array([math.cos(a), -math.sin(a)])
    el = np.array([-math.cos(b), -math.sin(b)])
    ez = np.array([0.0, -1.0])
    Wr, Wl, Hb = 44 * u, 58 * u, 42 * u
    left_w = Wl * math.cos(b)
    right_w = Wr * math.cos(a)
    ox = c.cx + (left_w - right_w) / 2
    P0 = np.array([ox, 97.5 * u])

    def pt(r: float, l: float, z: float) -> np.ndarray:
        return P0 + er * r + el * l + ez * z

    def quad(*pts) -> _M:
        return _poly(np.array(pts))

    lid_h = 11 * u
    o = 0.9 * u  # lid overhang
    zl = Hb - lid_h
    # Body faces.
    left_face = quad(pt(0, 0, 0), pt(0, Wl, 0), pt(0, Wl, zl), pt(0, 0, zl))
    right_face = quad(pt(0, 0, 0), pt(Wr, 0, 0), pt(Wr, 0, zl), pt(0, 0, zl))
    base_l = _light(box_col, 0.06) if _lum(box_col) < 0.7 else _dark(box_col, 0.04)
    base_r = _dark(box_col, 0.3) if _lum(box_col) < 0.7 else _dark(box_col, 0.16)
    top_c = _light(box_col, 0.16) if _lum(box_col) < 0.7 else box_col
    cv.paint(left_face, _linear(tuple(pt(0, Wl, zl)), tuple(pt(0, 0, 0)), [(0, _dark(base_l, 0.12)), (1, base_l)]))
    cv.paint(right_face, _linear(tuple(pt(0, 0, zl)), tuple(pt(Wr, 0, 0)), [(0, base_r), (1, _dark(base_r, 0.2))]))
    # Lid (slightly proud of the body).
    lo_ = lambda r, l, z: pt(r - o, l - o, z)  # noqa: E731
    lid_left = quad(lo_(0, 0, zl - 0.4 * u), lo_(0, Wl + 2 * o, zl - 0.4 * u), lo_(0, Wl + 2 * o, Hb), lo_(0, 0, Hb))
    lid_right = quad(lo_(0, 0, zl - 0.4 * u), lo_(Wr + 2 * o, 0, zl - 0.4 * u), lo_(Wr + 2 * o, 0, Hb), lo_(0, 0, Hb))
    lid_top = quad(lo_(0, 0, Hb), lo_(Wr + 2 * o, 0, Hb), lo_(Wr + 2 * o, Wl + 2 * o, Hb), lo_(0, Wl + 2 * o, Hb))
    _drop(cv, lid_left | lid_right, 0.8 * u, 0, 0.8 * u, 0.5, clip=left_face | right_face)
    cv.paint(lid_left, _linear(tuple(lo_(0, Wl, Hb)), tuple(lo_(0, 0, zl)), [(0, _dark(base_l, 0.05)), (1, _light(base_l, 0.05))]))
    cv.paint(lid_right, _linear(tuple(lo_(0, 0, Hb)), tuple(lo_(Wr, 0, zl)), [(0, _light(base_r, 0.04)), (1, _dark(base_r, 0.15))]))
    cv.paint(lid_top, _linear(tuple(lo_(0, 0, Hb)), tuple(lo_(Wr, Wl, Hb)), [(0, _light(top_c, 0.12)), (0.6, top_c), (1, _dark(top_c, 0.08))]))
    # Crisp lit edges.
    for p_a, p_b, al in ((lo_(0, 0, Hb), lo_(0, Wl + 2 * o, Hb), 0.55), (lo_(0, 0, Hb), lo_(Wr + 2 * o, 0, Hb), 0.35),
                         (lo_(0, 0, zl - 0.4 * u), lo_(0, 0, Hb), 0.3), (pt(0, 0, 0), pt(0, 0, zl), 0.25)):
        cv.paint(_stroke(np.array([p_a, p_b]), 0.35 * u).blur(0.2 * u), WHITE, al)
    # Ribbon along the left direction, off-centre toward the right: over the top and down the right face.
    rw = 6.2 * u
    r0 = Wr * 0.66
    rib_top = quad(lo_(r0 - rw / 2, 0, Hb), lo_(r0 + rw / 2, 0, Hb), lo_(r0 + rw / 2, Wl + 2 * o, Hb), lo_(r0 - rw / 2, Wl + 2 * o, Hb))
    rib_lid = quad(lo_(r0 - rw / 2, 0, Hb), lo_(r0 + rw / 2, 0, Hb), lo_(r0 + rw / 2, 0, zl - 0.4 * u), lo_(r0 - rw / 2, 0, zl - 0.4 * u))
    rib_body = quad(pt(r0 - rw / 2, 0, zl), pt(r0 + rw / 2, 0, zl), pt(r0 + rw / 2, 0, 0), pt(r0 - rw / 2, 0, 0))
    satin = lambda p, q, base: _linear(tuple(p), tuple(q), [  # noqa: E731
        (0, _dark(base, 0.25)), (0.3, _light(base, 0.25)), (0.45, _light(base, 0.4)), (0.6, base), (1, _dark(base, 0.3))])
    cv.paint(rib_top, satin(lo_(r0 - rw / 2, 0, Hb), lo_(r0 + rw / 2, 0, Hb), _light(ribbon, 0.05)))
    cv.paint(rib_lid, satin(lo_(r0 - rw / 2, 0, Hb), lo_(r0 + rw / 2, 0, Hb), _dark(ribbon, 0.2)))
    cv.paint(rib_body, satin(pt(r0 - rw / 2, 0, zl), pt(r0 + rw / 2, 0, zl), _dark(ribbon, 0.3)))
    cv.paint(quad(pt(r0 - rw / 2, 0, zl), pt(r0 + rw / 2, 0, zl), pt(r0 + rw / 2, 0, zl - 1.2 * u), pt(r0 - rw / 2, 0, zl - 1.2 * u)), BLACK, 0.3)
    # Brand in foil on the front (left) face, embossed.
    if c.brand:
        text = _brand_text(c.brand, limit=18)
        size = 7.5 * u
        flat = _text(text, _SERIF, size, 0, 0, tracking=0.14, max_w=Wl * 0.74)
        centre = pt(0, Wl * 0.5, zl * 0.52)
        right_dir = -el  # reading direction along the face
        mat = np.array([[right_dir[0], 0.0, centre[0]], [right_dir[1], 1.0, centre[1]]])
        tm = _warp(flat, mat)
        cv.paint(tm.shift(0.15 * u, 0.3 * u), BLACK, 0.35 if _lum(box_col) < 0.5 else 0.18)
        foil_fill = _linear(tuple(centre - [10 * u, 6 * u]), tuple(centre + [10 * u, 6 * u]),
                            _metal_linear(foil, 1.2 if _lum(box_col) < 0.5 else 0.45))
        cv.paint(tm, foil if foil_flat else foil_fill)
        _bevel(cv, tm, 0.25 * u, hi=0.45, lo=0.3)
        line = _stroke(np.array([centre + right_dir * -7 * u + [0, 5.5 * u], centre + right_dir * 7 * u + [0, 5.5 * u]]), 0.3 * u)
        cv.paint(line, fm["light"], 0.8)
    # Bow on the ribbon, at the middle of the top: two loops, two tails, a knot.
    bc = lo_(r0, Wl * 0.5 + o, Hb) + np.array([0, -1.0 * u])
    bowc = _light(ribbon, 0.05)
    top_clip = lid_top | rib_top
    for sgn, ang in ((-1, 0.62), (1, -0.38)):
        d = np.array([math.cos(ang) * sgn, -abs(math.sin(ang)) * 0.6 - 0.15])
        d = d / np.linalg.norm(d)
        n = np.array([-d[1], d[0]])
        end = bc + d * 16 * u + np.array([0, 9.5 * u])
        tail = _poly([bc - n * 1.8 * u, bc + n * 1.8 * u, end + n * 2.1 * u + d * 1.3 * u, end, end - n * 2.1 * u + d * 1.3 * u])
        _drop(cv, tail, 0.6 * u, 0.3 * u, 0.7 * u, 0.4, clip=top_clip)
        cv.paint(tail, _linear(tuple(bc), tuple(end), [(0, _dark(bowc, 0.35)), (0.5, _dark(bowc, 0.1)), (1, _dark(bowc, 0.3))]))
        _bevel(cv, tail, 0.4 * u, hi=0.3, lo=0.3)
    for sgn, ang, ln in ((-1, 0.5, 16.0), (1, 0.28, 14.5)):
        d = np.array([math.cos(ang) * sgn, -math.sin(ang)])
        L, Wd = ln * u, 8.6 * u
        centre = bc + d * L * 0.55
        rot = math.atan2(d[1], d[0])
        lobe = _ellipse(centre[0], centre[1], L * 0.55, Wd / 2, rot=rot)
        _drop(cv, lobe, 1.0 * u, 0.4 * u, 1.4 * u, 0.45, clip=top_clip)
        cv.paint(lobe, _linear(tuple(bc), tuple(bc + d * L), [(0, _dark(bowc, 0.3)), (0.45, bowc), (0.8, _light(bowc, 0.3)), (1, _dark(bowc, 0.05))]))
        _bevel(cv, lobe, 0.9 * u, hi=0.45, lo=0.35)
        fold = _ellipse(*(bc + d * L * 0.42 + np.array([0, 0.6 * u])), L * 0.3, Wd * 0.16, rot=rot)
        cv.paint(fold.blur(0.4 * u) & lobe, _dark(bowc, 0.6), 0.75)
        n = np.array([-d[1], d[0]]) * (-sgn)
        sheen = _stroke(np.array([bc + d * L * 0.35 - n * Wd * 0.3, bc + d * L * 0.85 - n * Wd * 0.28]), 0.5 * u, True)
        cv.paint(sheen.blur(0.35 * u) & lobe, WHITE, 0.45)
    knot = _rrect(bc[0] - 3.3 * u, bc[1] - 3.3 * u, bc[0] + 3.3 * u, bc[1] + 3.0 * u, 2.0 * u)
    _drop(cv, knot, 0.5 * u, 0.2 * u, 0.5 * u, 0.4)
    cv.paint(knot, _radial((bc[0] - 0.8 * u, bc[1] - 1.5 * u), 4 * u, [(0, _light(bowc, 0.35)), (0.6, bowc), (1, _dark(bowc, 0.35))]))
    _bevel(cv, knot, 0.6 * u, hi=0.3, lo=0.35)


# --- entry point ----------------------------------------------------------------------------

_ASPECT = {
    "watch": 0.64,
    "bottle": 0.5,
    "phone": 0.76,
    "can": 0.52,
    "cup": 0.6,
    "headphones": 0.78,
    "sneaker": 2.2,
    "box": 0.98,
}
_DRAW = {
    "watch": _draw_watch,
    "bottle": _draw_bottle,
    "phone": _draw_phone,
    "can": _draw_can,
    "cup": _draw_cup,
    "headphones": _draw_headphones,
    "sneaker": _draw_sneaker,
    "box": _draw_box,
}


def draw_standin(kind: str, palette: list[tuple[int, int, int]], height_px: int, brand: str = "",
                 seed: int = 0) -> Image.Image:
    """A drawn stand-in for the product: RGBA, transparent background, no shadow. The product
    fills the height (a clear margin of 1.5% of the height, at least 5 px, on every side); the
    width suits the product. ``seed`` picks small variants (watch: leather strap or bracelet;
    bottle: perfume flacon or serum dropper; phone: the wallpaper's ribbons); the same
    arguments always give the same pixels. Unknown kinds draw a box."""
    kind = (kind or "").strip().lower()
    kind = kind if kind in _DRAW else "box"
    height_px = max(16, int(height_px))
    ctx = _Ctx(height_px, _ASPECT[kind], _Palette(palette), (brand or "").strip(), int(seed))
    _DRAW[kind](ctx)
    return ctx.image()
