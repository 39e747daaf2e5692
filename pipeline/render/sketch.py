"""The local animatic and style guide: pencil storyboard keyframes and a one-page brand sheet.

`draw_keyframe` sketches one beat the way a storyboard artist would: warm paper, a faint
rule-of-thirds grid, the hero as a loose outline with a grey marker wash, the on-screen text in
its box and the camera move as arrows in the brand's accent colour, with a caption strip that
names the beat. Everything sits exactly where `layout_for` puts it in the final render, so what a
person approves here is what the chunks phase produces.

`draw_style_guide` lays out the spec's palette, type, mood, sound, grade and the product and
logo references as a page from an agency brand deck.

Drawing model of the keyframe: strokes go onto four 8-bit coverage layers (firm graphite, soft
graphite, marker tone and accent ink) with OpenCV's anti-aliased rasteriser, and the layers are
composited over the paper once at the end. Every wobble comes from a numpy Generator seeded
from the scene's seed, so a keyframe is a pure function of its inputs.
"""

from __future__ import annotations

import itertools
import io
import math
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterable, Sequence

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from . import typography as ty
from .layout import Layout, clear_of_text, layout_for, shows_text
from .motion import camera_pose
from .palette import RGB, Roles, contrast_ratio, hex_to_rgb, luminance, mix, roles_for
from .scene import SceneSpec

PAPER: RGB = (245, 240, 229)
GRAPHITE: RGB = (46, 45, 44)
MIN_SIDE = 360  # smaller keyframes are drawn at this size and reduced, so they stay proportional

_F_LIGHT = ty.FONTS / "Manrope-Light.ttf"
_F_REGULAR = ty.FONTS / "Manrope-Regular.ttf"
_F_SEMI = ty.FONTS / "Manrope-SemiBold.ttf"
_F_BOLD = ty.FONTS / "Manrope-ExtraBold.ttf"

_MOVE_LABELS = {
    "static": "LOCKED OFF", "slow_zoom_in": "SLOW ZOOM IN", "slow_zoom_out": "SLOW ZOOM OUT",
    "push_in": "PUSH IN", "pull_back": "PULL BACK", "pan_across": "PAN ACROSS",
    "pan_left": "PAN LEFT", "pan_right": "PAN RIGHT", "tilt_up": "TILT UP", "tilt_down": "TILT DOWN",
    "slow_dolly": "DOLLY", "orbit": "ORBIT",
}


# --- the caption ------------------------------------------------------------------------------


def keyframe_caption(scene: SceneSpec, beat_name: str, beat_index: int, total_beats: int) -> str:
    """The caption strip's text, e.g. ``1/6  HERO_REVEAL · product hero · slow zoom in · 4.1s``."""
    return (f"{beat_index + 1}/{total_beats}  {beat_name.upper()} · {scene.shot_type.replace('_', ' ')}"
            f" · {scene.camera_movement.replace('_', ' ')} · {scene.duration:.1f}s")


# --- geometry helpers -------------------------------------------------------------------------


def _resample(pts: np.ndarray, step: float) -> np.ndarray:
    """Points along a polyline about `step` apart (keeps both ends)."""
    pts = np.asarray(pts, np.float64)
    if len(pts) < 2:
        return pts
    seg = np.hypot(*np.diff(pts, axis=0).T)
    dist = np.concatenate([[0.0], np.cumsum(seg)])
    total = dist[-1]
    if total <= 1e-9:
        return pts[:1].repeat(2, axis=0)
    n = max(2, int(math.ceil(total / max(step, 0.5))) + 1)
    t = np.linspace(0.0, total, n)
    return np.stack([np.interp(t, dist, pts[:, 0]), np.interp(t, dist, pts[:, 1])], axis=1)


def _normals(pts: np.ndarray) -> np.ndarray:
    d = np.gradient(pts, axis=0) if len(pts) > 2 else np.repeat(np.diff(pts, axis=0), len(pts), axis=0)
    n = np.stack([-d[:, 1], d[:, 0]], axis=1)
    ln = np.hypot(n[:, 0], n[:, 1])[:, None]
    return n / np.maximum(ln, 1e-9)


def _ellipse_pts(cx: float, cy: float, rx: float, ry: float, a0: float = 0.0, a1: float = 2 * math.pi,
                 n: int = 72) -> np.ndarray:
    t = np.linspace(a0, a1, max(4, n))
    return np.stack([cx + rx * np.cos(t), cy + ry * np.sin(t)], axis=1)


def _rrect_pts(x0: float, y0: float, x1: float, y1: float, r: float, n: int = 8) -> np.ndarray:
    r = max(0.0, min(r, (x1 - x0) / 2, (y1 - y0) / 2))
    out: list[tuple[float, float]] = []
    for cx, cy, a in ((x1 - r, y0 + r, -90), (x1 - r, y1 - r, 0), (x0 + r, y1 - r, 90), (x0 + r, y0 + r, 180)):
        for k in range(n + 1):
            t = math.radians(a + 90 * k / n)
            out.append((cx + r * math.cos(t), cy + r * math.sin(t)))
    return np.array(out)


def _rect_pts(x0: float, y0: float, x1: float, y1: float) -> np.ndarray:
    return np.array([(x0, y0), (x1, y0), (x1, y1), (x0, y1)], np.float64)


def _bezier(p0, p1, p2, p3, n: int = 24) -> np.ndarray:
    t = np.linspace(0, 1, n)[:, None]
    p0, p1, p2, p3 = (np.asarray(p, np.float64) for p in (p0, p1, p2, p3))
    return (1 - t) ** 3 * p0 + 3 * (1 - t) ** 2 * t * p1 + 3 * (1 - t) * t ** 2 * p2 + t ** 3 * p3


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> float:
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    return max(0.0, w) * max(0.0, h)


# --- the pencil -------------------------------------------------------------------------------


class _Sketch:
    """Coverage layers plus the pencil moves that draw onto them."""

    def __init__(self, w: int, h: int, seed: int, min_lw: int = 1):
        self.w, self.h = w, h
        self.unit = min(w, h)
        self.rng = np.random.default_rng([int(seed), 0x5CE7C4])
        self.lw = max(min_lw, int(round(self.unit * 0.0024)))
        self.dark = np.zeros((h, w), np.uint8)  # firm graphite
        self.soft = np.zeros((h, w), np.uint8)  # second passes, grid, hatching
        self.tone = np.zeros((h, w), np.uint8)  # grey marker wash
        self.accent = np.zeros((h, w), np.uint8)  # camera moves, in the brand's accent
        self.hero = np.zeros((h, w), np.uint8)  # the hero's silhouette, for things that pass behind it

    # -- strokes --------------------------------------------------------------------------
    def _wobble(self, pts: np.ndarray, amp: float) -> np.ndarray:
        if len(pts) < 3 or amp <= 0:
            return pts
        t = np.linspace(0.0, 1.0, len(pts))
        length = float(np.sum(np.hypot(*np.diff(pts, axis=0).T)))
        cycles = max(0.6, min(4.0, length / (self.unit * 0.25)))
        f1, f2 = self.rng.uniform(0.5, 1.0) * cycles, self.rng.uniform(1.5, 2.6) * cycles
        p1, p2 = self.rng.uniform(0, 2 * math.pi, 2)
        off = amp * (0.75 * np.sin(2 * math.pi * f1 * t + p1) + 0.25 * np.sin(2 * math.pi * f2 * t + p2))
        return pts + _normals(pts) * off[:, None]

    def _poly(self, layer: np.ndarray, pts: np.ndarray, value: int, width: int, closed: bool = False) -> None:
        p = np.round(np.asarray(pts) * 16).astype(np.int32)
        cv2.polylines(layer, [p], closed, int(value), max(1, int(width)), cv2.LINE_AA, shift=4)

    def stroke(self, pts: Sequence, *, closed: bool = False, value: int = 235, width: float = 1.0,
               passes: int = 2, layer: str = "dark", wobble: float = 1.0, overshoot: float = 1.0) -> None:
        """A hand-drawn line along `pts`: wobbly, overshooting its ends, with a lighter second pass."""
        pts = np.asarray(pts, np.float64)
        if len(pts) < 2:
            return
        if closed:
            pts = np.concatenate([pts, pts[:1]])
        step = max(2.0, self.unit * 0.008)
        dense = _resample(pts, step)
        amp = self.unit * 0.0016 * wobble
        over = self.unit * 0.006 * overshoot
        lw = max(1, int(round(self.lw * width)))
        target = getattr(self, layer)
        for k in range(passes):
            p = dense.copy()
            if closed:
                # Carry on a little past the start, like a hand closing a loop.
                extra = max(2, int(len(p) * self.rng.uniform(0.03, 0.07)))
                p = np.concatenate([p, p[1:extra + 1]])
            elif over > 0 and len(p) >= 2:
                d0 = p[0] - p[1]
                d1 = p[-1] - p[-2]
                d0 /= max(np.hypot(*d0), 1e-9)
                d1 /= max(np.hypot(*d1), 1e-9)
                p[0] = p[0] + d0 * over * self.rng.uniform(0.2, 1.2)
                p[-1] = p[-1] + d1 * over * self.rng.uniform(0.2, 1.2)
            p = self._wobble(p, amp * (1.0 if k == 0 else 1.6))
            if k == 0:
                self._poly(target, p, value, lw)
            else:
                shift = self.rng.normal(0, self.unit * 0.0012, 2)
                self._poly(self.soft if layer == "dark" else target, p + shift, int(value * 0.75),
                           max(1, lw - 1))

    def line(self, p0, p1, **kw) -> None:
        self.stroke([p0, p1], **kw)

    def ellipse(self, cx: float, cy: float, rx: float, ry: float, *, value: int = 235, width: float = 1.0,
                passes: int = 2, layer: str = "dark", a0: float | None = None, sweep: float | None = None) -> None:
        """A loose ellipse that overshoots its start and does not quite meet itself."""
        target = getattr(self, layer)
        lw = max(1, int(round(self.lw * width)))
        n = max(24, int(2 * math.pi * max(rx, ry) / max(2.0, self.unit * 0.008)))
        for k in range(passes):
            start = self.rng.uniform(0, 2 * math.pi) if a0 is None else a0
            span = (2 * math.pi + self.rng.uniform(0.15, 0.45)) if sweep is None else sweep
            t = np.linspace(start, start + span, n)
            drift = 1.0 + self.rng.uniform(-0.025, 0.025) * (t - start) / (2 * math.pi)
            wob = 1.0 + 0.012 * np.sin(t * self.rng.integers(2, 4) + self.rng.uniform(0, 6.28))
            r = drift * wob
            pts = np.stack([cx + rx * r * np.cos(t), cy + ry * r * np.sin(t)], axis=1)
            if k == 0:
                self._poly(target, pts, value, lw)
            else:
                dest = self.soft if layer == "dark" else target
                self._poly(dest, pts + self.rng.normal(0, self.unit * 0.0012, 2), int(value * 0.75), max(1, lw - 1))

    def rect(self, x0: float, y0: float, x1: float, y1: float, **kw) -> None:
        """Four separate strokes that cross at the corners, as a storyboard artist draws a box."""
        for a, b in (((x0, y0), (x1, y0)), ((x1, y0), (x1, y1)), ((x1, y1), (x0, y1)), ((x0, y1), (x0, y0))):
            self.line(a, b, **kw)

    def dashed(self, pts: Sequence, *, closed: bool = False, dash: float = 0.02, gap: float = 0.012,
               value: int = 230, width: float = 1.0, layer: str = "accent", behind_hero: bool = False) -> None:
        pts = np.asarray(pts, np.float64)
        if closed:
            pts = np.concatenate([pts, pts[:1]])
        dense = _resample(pts, 1.5)
        seg = np.hypot(*np.diff(dense, axis=0).T)
        dist = np.concatenate([[0.0], np.cumsum(seg)])
        period = (dash + gap) * self.unit
        on = (dist % period) < dash * self.unit
        dest = getattr(self, layer)
        target = np.zeros_like(dest) if behind_hero else dest
        lw = max(1, int(round(self.lw * width)))
        i = 0
        while i < len(dense):
            if not on[i]:
                i += 1
                continue
            j = i
            while j + 1 < len(dense) and on[j + 1]:
                j += 1
            if j > i:
                self._poly(target, dense[i:j + 1], value, lw)
            i = j + 1
        if behind_hero:
            hidden = cv2.dilate(self.hero, np.ones((3, 3), np.uint8), iterations=max(1, self.lw * 2))
            np.maximum(dest, cv2.subtract(target, hidden), out=dest)

    def fill(self, polys: Iterable[np.ndarray], value: int, layer: str = "tone") -> None:
        target = getattr(self, layer)
        ps = [np.round(np.asarray(p) * 16).astype(np.int32) for p in polys if len(p) >= 3]
        if ps:
            cv2.fillPoly(target, ps, int(value), cv2.LINE_AA, shift=4)

    # -- text ------------------------------------------------------------------------------
    def text(self, xy: tuple[float, float], text: str, fnt: ImageFont.FreeTypeFont, *, value: int = 235,
             layer: str = "dark", anchor: str = "la", tracking: float = 0.0, passes: int = 1) -> tuple[int, int]:
        """Writes text into a layer; returns its drawn (width, height)."""
        if not text:
            return 0, 0
        mask = _text_mask(text, fnt, tracking)
        tw, th = mask.shape[1], mask.shape[0]
        x, y = xy
        if anchor[0] == "m":
            x -= tw / 2
        elif anchor[0] == "r":
            x -= tw
        if anchor[1] == "m":
            y -= th / 2
        elif anchor[1] == "b":
            y -= th
        m = (mask.astype(np.float32) * (value / 255.0)).astype(np.uint8)
        _blit_max(getattr(self, layer), m, int(round(x)), int(round(y)))
        if passes > 1:
            dx = max(1, int(round(self.unit * 0.0012)))
            _blit_max(self.soft if layer == "dark" else getattr(self, layer), (m * 0.45).astype(np.uint8),
                      int(round(x)) + dx, int(round(y)))
        return tw, th

    # -- accent shapes ---------------------------------------------------------------------
    def block_arrow(self, path: np.ndarray, width: float, *, bold: float = 1.0, tint: int = 54) -> None:
        """A hollow storyboard arrow along `path` (pixels): tinted body, inked outline, big head."""
        path = _resample(np.asarray(path, np.float64), max(2.0, self.unit * 0.006))
        if len(path) < 3:
            return
        seg = np.hypot(*np.diff(path, axis=0).T)
        dist = np.concatenate([[0.0], np.cumsum(seg)])
        head_len = min(width * 1.7, dist[-1] * 0.45)
        body = path[dist <= dist[-1] - head_len]
        if len(body) < 2:
            body = path[:2]
        nrm = _normals(body)
        taper = np.linspace(0.72, 1.0, len(body))[:, None]
        left = body + nrm * width / 2 * taper
        right = body - nrm * width / 2 * taper
        tip = path[-1]
        base = body[-1]
        bn = nrm[-1]
        h1 = base + bn * width * 1.05
        h2 = base - bn * width * 1.05
        outline = np.concatenate([left, [h1, tip, h2], right[::-1]])
        self.fill([outline], tint, layer="accent")
        self.stroke(outline, closed=True, value=240, width=1.5 * bold, passes=2, layer="accent", wobble=0.7)

    def line_arrow(self, p0, p1, *, width: float = 1.6, head: float | None = None, value: int = 240) -> None:
        p0 = np.asarray(p0, np.float64)
        p1 = np.asarray(p1, np.float64)
        d = p1 - p0
        ln = float(np.hypot(*d))
        if ln < 2:
            return
        d /= ln
        head = head if head is not None else min(ln * 0.45, self.unit * 0.028 * max(1.0, width / 1.6))
        base = p1 - d * head * 0.8
        self.stroke([p0, base], value=value, width=width, layer="accent", passes=2, overshoot=0.0)
        n = np.array([-d[1], d[0]])
        tri = np.array([p1, p1 - d * head + n * head * 0.55, p1 - d * head * 0.72, p1 - d * head - n * head * 0.55])
        self.fill([tri], value, layer="accent")

    # -- compositing -----------------------------------------------------------------------
    def composite(self, grain: np.ndarray, accent: RGB) -> np.ndarray:
        """Layers over the paper (PAPER + grain), per channel with OpenCV's vectorised ops."""
        v = np.arange(256, dtype=np.float32) / np.float32(255.0)
        keep = cv2.multiply(cv2.LUT(self.dark, 1.0 - v * np.float32(0.86)),
                            cv2.LUT(self.soft, 1.0 - v * np.float32(0.42)))
        keep = cv2.multiply(keep, cv2.LUT(self.tone, 1.0 - v))
        keep_a = cv2.LUT(self.accent, 1.0 - v * np.float32(0.96))
        chans = []
        for c, (base, g, a) in enumerate(zip(PAPER, GRAPHITE, accent)):
            t = cv2.addWeighted(grain, _GRAIN_TINT[c], grain, 0.0, float(base - g))
            t = cv2.multiply(t, keep)
            t = cv2.addWeighted(t, 1.0, t, 0.0, float(g - a))
            t = cv2.multiply(t, keep_a)
            chans.append(cv2.convertScaleAbs(t, alpha=1.0, beta=float(a)))
        return cv2.merge(chans)


def _tracked_width(text: str, fnt: ImageFont.FreeTypeFont, tracking: float) -> float:
    """Advance of text set character by character with `tracking` em between characters."""
    if not tracking:
        return fnt.getlength(text)
    return sum(fnt.getlength(ch) for ch in text) + tracking * fnt.size * max(0, len(text) - 1)


def _text_mask(text: str, fnt: ImageFont.FreeTypeFont, tracking: float = 0.0) -> np.ndarray:
    asc, desc = fnt.getmetrics()
    if tracking:
        width = int(_tracked_width(text, fnt, tracking)) + 4
    else:
        width = int(fnt.getlength(text)) + 4
    img = Image.new("L", (max(1, width), asc + desc + 2), 0)
    d = ImageDraw.Draw(img)
    if tracking:
        x = 1.0
        for ch in text:
            d.text((x, 1), ch, font=fnt, fill=255)
            x += fnt.getlength(ch) + tracking * fnt.size
    else:
        d.text((1, 1), text, font=fnt, fill=255)
    return np.asarray(img)


def _smallcaps_mask(text: str, path: Path, size: int, tracking: float = 0.08) -> np.ndarray:
    """Capitals at full size, lower case as capitals at 78 %, on one baseline."""
    big = ty.font(path, size)
    small = ty.font(path, max(6, int(round(size * 0.78))))
    asc, desc = big.getmetrics()
    runs = []
    x = 1.0
    for ch in text:
        f = small if ch.islower() else big
        c = ch.upper()
        runs.append((x, c, f))
        x += f.getlength(c) + tracking * size
    img = Image.new("L", (int(x) + 4, asc + desc + 2), 0)
    d = ImageDraw.Draw(img)
    for x0, c, f in runs:
        d.text((x0, asc + 1), c, font=f, fill=255, anchor="ls")
    return np.asarray(img)


def _blit_max(layer: np.ndarray, src: np.ndarray, x: int, y: int) -> None:
    h, w = layer.shape
    sh, sw = src.shape
    x0, y0 = max(0, x), max(0, y)
    x1, y1 = min(w, x + sw), min(h, y + sh)
    if x1 <= x0 or y1 <= y0:
        return
    region = layer[y0:y1, x0:x1]
    np.maximum(region, src[y0 - y:y1 - y, x0 - x:x1 - x], out=region)


# --- paper ----------------------------------------------------------------------------------


_GRAIN_TINT = (1.0, 0.98, 0.94)


def _grain(w: int, h: int, seed: int) -> np.ndarray:
    """Faint paper grain in levels (float32, about +-3): a fine tooth tiled from a seeded 256 px
    patch, plus a soft mottle enlarged from a coarse grid."""
    rng = np.random.default_rng([int(seed), 0x9A9E])
    tile = cv2.GaussianBlur(rng.standard_normal((256, 256), dtype=np.float32), (0, 0), 0.6) * np.float32(2.4)
    fine = np.tile(tile, (h // 256 + 1, w // 256 + 1))[:h, :w]
    ch, cw = max(2, h // 24), max(2, w // 24)
    mottle = cv2.resize(rng.standard_normal((ch, cw), dtype=np.float32), (w, h), interpolation=cv2.INTER_LINEAR)
    return cv2.scaleAdd(mottle, 1.1, fine)


# --- hero outlines --------------------------------------------------------------------------

# Width/height of each kind's outline; the stand-in module's own ratio wins when it has one.
_ASPECT = {"watch": 0.64, "bottle": 0.62, "phone": 0.5, "can": 0.54, "cup": 0.95, "headphones": 0.9,
           "sneaker": 2.0, "box": 0.86, "generic": 0.68}


@dataclass
class _Drawing:
    fills: list[np.ndarray]  # closed silhouettes (union = the marker wash)
    lines: list[tuple[np.ndarray, bool]]  # (points, closed): firm outline strokes
    details: list[tuple[np.ndarray, bool]]  # lighter interior strokes


def _kind_drawing(kind: str, aspect: float) -> _Drawing:
    """The hero in unit coordinates: height 1, centred on (0, 0), width `aspect`."""
    E, RR, R = _ellipse_pts, _rrect_pts, _rect_pts
    hw = aspect / 2
    if kind == "watch":
        r = min(0.26, hw * 0.82)
        strap_top = np.array([(-0.15, -0.2), (-0.13, -0.5), (0.13, -0.5), (0.15, -0.2)])
        strap_bot = strap_top * np.array([1, -1])
        crown = RR(r - 0.01, -0.035, r + 0.045, 0.035, 0.01)
        fills = [E(0, 0, r, r), strap_top, strap_bot, crown]
        lines = [(E(0, 0, r, r), True), (strap_top, False), (strap_bot, False), (crown, True)]
        det: list[tuple[np.ndarray, bool]] = [(E(0, 0, r * 0.82, r * 0.82), True)]
        for i in range(12):
            a = math.radians(i * 30)
            r0 = r * (0.62 if i % 3 == 0 else 0.68)
            det.append((np.array([(r0 * math.cos(a), r0 * math.sin(a)),
                                  (r * 0.74 * math.cos(a), r * 0.74 * math.sin(a))]), False))
        det.append((np.array([(0, 0), (-0.866 * r * 0.38, -0.5 * r * 0.38)]), False))
        det.append((np.array([(0, 0), (0.866 * r * 0.58, -0.5 * r * 0.58)]), False))
        for yy in (0.32, 0.37, 0.42):
            det.append((E(0, yy, 0.012, 0.012, n=12), True))
        return _Drawing(fills, lines, det)
    if kind == "bottle":
        body = RR(-hw * 0.97, -0.1, hw * 0.97, 0.5, 0.07)
        neck = R(-0.07, -0.2, 0.07, -0.1)
        cap = RR(-0.14, -0.5, 0.14, -0.2, 0.025)
        return _Drawing([body, neck, cap], [(body, True), (neck, False), (cap, True)],
                        [(R(-hw * 0.6, 0.1, hw * 0.6, 0.32), True),
                         (np.array([(-hw * 0.75, 0.0), (-hw * 0.75, 0.4)]), False),
                         (np.array([(-0.1, -0.35), (0.1, -0.35)]), False)])
    if kind == "phone":
        body = RR(-hw, -0.5, hw, 0.5, 0.065)
        screen = RR(-hw + 0.03, -0.47, hw - 0.03, 0.47, 0.045)
        return _Drawing([body], [(body, True)],
                        [(screen, True), (RR(-0.06, -0.45, 0.06, -0.425, 0.012), True),
                         (np.array([(hw + 0.008, -0.25), (hw + 0.008, -0.12)]), False),
                         (np.array([(-hw * 0.5, 0.1), (hw * 0.1, -0.25)]), False)])
    if kind == "can":
        rx, ry = hw * 0.98, 0.055
        top, bot = -0.44, 0.445
        sil = np.concatenate([E(0, top, rx, ry, math.pi, 2 * math.pi, 24), E(0, bot, rx, ry, 0, math.pi, 24)])
        return _Drawing([sil],
                        [(E(0, top, rx, ry), True), (np.array([(-rx, top), (-rx, bot)]), False),
                         (np.array([(rx, top), (rx, bot)]), False), (E(0, bot, rx, ry, 0, math.pi, 24), False)],
                        [(E(0, -0.12, rx, ry, 0, math.pi, 24), False), (E(0, 0.22, rx, ry, 0, math.pi, 24), False),
                         (RR(-0.06, top - 0.025, 0.06, top + 0.02, 0.015), True),
                         (np.array([(-rx * 0.6, -0.05), (-rx * 0.6, 0.15)]), False)])
    if kind == "cup":
        ox = -0.05
        rim = E(ox, -0.12, 0.30, 0.06)
        left = _bezier((ox - 0.30, -0.12), (ox - 0.29, 0.12), (ox - 0.24, 0.3), (ox - 0.17, 0.36))
        right = _bezier((ox + 0.17, 0.36), (ox + 0.24, 0.3), (ox + 0.29, 0.12), (ox + 0.30, -0.12))
        body = np.concatenate([left, right, E(ox, -0.12, 0.30, 0.06, 0, -math.pi, 24)])
        handle = E(ox + 0.31, 0.06, 0.11, 0.12, -1.3, 1.5, 24)
        saucer = E(0, 0.40, hw * 0.98, 0.09)
        steam = []
        for k, sx in enumerate((ox - 0.1, ox + 0.02, ox + 0.14)):
            ys = np.linspace(-0.2, -0.48 + 0.04 * (k % 2), 20)
            steam.append((np.stack([sx + 0.025 * np.sin((ys + 0.2) * 22 + k), ys], axis=1), False))
        return _Drawing([saucer, body], [(saucer, True), (rim, True), (left, False), (right, False), (handle, False)],
                        [(E(ox, 0.37, 0.17, 0.035, 0, math.pi, 16), False)] + steam)
    if kind == "headphones":
        outer = E(0, 0.08, hw * 0.86, 0.58, math.pi, 2 * math.pi, 40)
        inner = E(0, 0.08, hw * 0.72, 0.50, 2 * math.pi, math.pi, 40)
        band = np.concatenate([outer, inner])
        cl = RR(-hw, 0.02, -hw + 0.2, 0.5, 0.08)
        cr = RR(hw - 0.2, 0.02, hw, 0.5, 0.08)
        return _Drawing([band, cl, cr], [(outer, False), (inner, False), (cl, True), (cr, True)],
                        [(RR(-hw + 0.16, 0.07, -hw + 0.26, 0.45, 0.04), True),
                         (RR(hw - 0.26, 0.07, hw - 0.16, 0.45, 0.04), True)])
    if kind == "sneaker":
        s = hw
        sole = np.concatenate([
            np.array([(-0.97 * s, 0.27), (-0.99 * s, 0.4)]),
            _bezier((-0.99 * s, 0.4), (-0.98 * s, 0.47), (-0.9 * s, 0.48), (-0.8 * s, 0.48)),
            np.array([(0.72 * s, 0.48)]),
            _bezier((0.72 * s, 0.48), (0.92 * s, 0.48), (1.0 * s, 0.38), (0.99 * s, 0.22)),
        ])
        upper = np.concatenate([
            np.array([(-0.95 * s, 0.28), (-0.96 * s, 0.0)]),
            _bezier((-0.96 * s, 0.0), (-0.97 * s, -0.25), (-0.93 * s, -0.44), (-0.84 * s, -0.46)),
            _bezier((-0.84 * s, -0.46), (-0.72 * s, -0.44), (-0.62 * s, -0.30), (-0.5 * s, -0.32)),
            _bezier((-0.5 * s, -0.32), (-0.42 * s, -0.36), (-0.4 * s, -0.5), (-0.3 * s, -0.5)),
            _bezier((-0.3 * s, -0.5), (0.0, -0.34), (0.35 * s, -0.12), (0.62 * s, -0.03)),
            _bezier((0.62 * s, -0.03), (0.85 * s, 0.04), (0.97 * s, 0.1), (0.99 * s, 0.22)),
        ])
        det = [(np.array([(-0.95 * s, 0.3), (0.98 * s, 0.3)]), False),
               (_bezier((-0.62 * s, 0.16), (-0.25 * s, 0.22), (0.05 * s, 0.02), (0.42 * s, 0.1)), False),
               (_bezier((-0.95 * s, -0.1), (-0.8 * s, -0.05), (-0.72 * s, 0.1), (-0.74 * s, 0.28)), False),
               (_bezier((0.55 * s, -0.05), (0.6 * s, 0.1), (0.7 * s, 0.25), (0.72 * s, 0.28)), False)]
        for k in range(5):
            t = 0.12 + k * 0.17
            x = -0.3 * s + t * 0.8 * s
            y = -0.5 + t * 0.4
            det.append((np.array([(x - 0.06 * s, y + 0.0), (x + 0.04 * s, y + 0.1)]), False))
        return _Drawing([sole, upper], [(sole, False), (upper, False)], det)
    if kind == "box":
        x0, x1, xs = -hw, hw * 0.38, hw
        front = R(x0, -0.18, x1, 0.5)
        top = np.array([(x0, -0.18), (x0 + (xs - x1), -0.5), (xs, -0.5), (x1, -0.18)])
        side = np.array([(x1, -0.18), (xs, -0.5), (xs, 0.2), (x1, 0.5)])
        return _Drawing([front, top, side], [(front, True), (top, True), (side, True)],
                        [(np.array([((x0 + x1) / 2 - 0.04, -0.18), ((x0 + x1) / 2 - 0.04, 0.5)]), False),
                         (np.array([((x0 + x1) / 2 - 0.04, -0.18), ((x0 + x1) / 2 - 0.04 + (xs - x1), -0.5)]), False)])
    # generic: a soft capsule with a highlight, clearly "the product goes here"
    body = RR(-hw, -0.5, hw, 0.5, hw * 0.55)
    return _Drawing([body], [(body, True)],
                    [(E(0, -0.05, hw * 0.55, 0.2), True),
                     (np.array([(-hw * 0.7, -0.3), (-hw * 0.7, 0.2)]), False)])


def _hero_kind(scene: SceneSpec) -> tuple[str, float]:
    if getattr(scene, "hero_path", None):
        # An uploaded photo: the storyboard sketches the photo itself, at its proportions.
        from .scene import _photo_aspect
        photo_aspect = _photo_aspect(scene.hero_path)
        if photo_aspect:
            return "photo", photo_aspect
    kind = "generic"
    try:  # the same choice as the render: a stand-in, an illustration or a brand mark
        from .scene import hero_source
        source = hero_source(scene)
    except Exception:
        source = ""
    if source.startswith("illustration:") or source == "brandmark":
        pic = _hero_picture(scene, source, 256)
        return source, pic.width / max(1, pic.height)
    if source.startswith("standin:"):
        kind = source.split(":", 1)[1]
    if kind not in _ASPECT:
        kind = "generic"
    aspect = _ASPECT[kind]
    try:  # match the final render's proportions when the stand-in module declares them
        from . import standins
        aspect = float(getattr(standins, "_ASPECT", {}).get(kind, aspect))
    except Exception:
        pass
    return kind, aspect


def _hero_picture(scene: SceneSpec, source: str, height: int) -> Image.Image:
    """The illustration or brand mark the render shows as the hero, RGBA, ``height`` tall."""
    if source.startswith("illustration:"):
        from . import illustrations
        return illustrations.render(source.split(":", 1)[1], height)
    from dataclasses import replace

    from .scene import brandmark_image
    roles = replace(roles_for(scene.palette, scene.lighting), text=GRAPHITE)  # pencil on paper, not white type
    return brandmark_image(scene.product_name or scene.brand, scene.aesthetic, roles, height,
                           initial_from=scene.brand or scene.product_name)


def _hero_picture_png(scene: SceneSpec, source: str, height: int) -> io.BytesIO:
    buf = io.BytesIO()
    _hero_picture(scene, source, height).save(buf, format="PNG", compress_level=1)
    buf.seek(0)
    return buf


# --- keyframe -------------------------------------------------------------------------------


def _paper_accent(roles: Roles) -> RGB:
    """The palette's accent, deepened until it reads on paper as clearly as a marker would."""
    cands = [roles.accent, roles.third, *roles.palette]

    def chroma(c: RGB) -> int:
        return max(c) - min(c)

    best = roles.accent
    if chroma(best) < 40:  # a grey accent says nothing: prefer a coloured palette entry
        coloured = [c for c in cands if chroma(c) >= 40]
        if coloured:
            best = coloured[0]
    c = best
    for _ in range(30):
        if contrast_ratio(c, PAPER) >= 3.2:
            break
        c = mix(c, (0, 0, 0), 0.08)
    if chroma(c) < 25 and contrast_ratio(c, PAPER) < 3.2:
        c = (178, 64, 40)
    return c


def _rgb(c: Sequence[int]) -> RGB:
    return int(c[0]), int(c[1]), int(c[2])


def draw_keyframe(scene: SceneSpec, beat_name: str, beat_index: int, total_beats: int) -> Image.Image:
    """The animatic keyframe for one beat: an RGB pencil storyboard panel of the scene's size."""
    w, h = int(scene.width), int(scene.height)
    if w < 1 or h < 1:
        raise ValueError(f"keyframe size must be positive, got {w}x{h}")
    k = 1
    if min(w, h) < MIN_SIDE:
        k = int(math.ceil(MIN_SIDE / min(w, h)))
    img = _draw_panel(scene, beat_name, beat_index, total_beats, w * k, h * k, min_lw=max(1, round(k * 0.7)))
    if k > 1:
        img = cv2.resize(img, (w, h), interpolation=cv2.INTER_AREA)
    return Image.fromarray(img, "RGB")


def _draw_panel(scene: SceneSpec, beat_name: str, beat_index: int, total_beats: int, w: int, h: int,
                min_lw: int = 1) -> np.ndarray:
    roles = roles_for(scene.palette, scene.lighting)
    accent = _paper_accent(roles)
    has_text = bool(scene.text.strip())
    lay = layout_for(scene.shot_type, scene.text_role, w, h, has_text=has_text)
    sk = _Sketch(w, h, scene.seed, min_lw)
    u = sk.unit
    strip_h = max(10, int(round(u * 0.05)))
    frame_bottom = h - strip_h

    # Frame border and the rule-of-thirds grid.
    inset = max(2, int(round(u * 0.012)))
    sk.rect(inset, inset, w - inset, frame_bottom - 1, value=200, width=1.0, passes=1, wobble=0.4, overshoot=0.0)
    for f in (1 / 3, 2 / 3):
        sk.line((f * w, inset * 2), (f * w, frame_bottom - inset * 2), value=80, width=0.6, passes=1, layer="soft",
                wobble=0.3)
        sk.line((inset * 2, f * h), (w - inset * 2, f * h), value=80, width=0.6, passes=1, layer="soft", wobble=0.3)

    occupied: list[tuple[float, float, float, float]] = []

    # A lifestyle beat in a setting: the storyboard sketches the scene the render will show
    # (sky, ground, people, props and the product where it will stand).
    hero_box = None
    kind, aspect = _hero_kind(scene)
    in_setting = _draw_setting(sk, scene, w, frame_bottom)
    if in_setting:
        lay = replace(lay, hero_center=None, floor=None, podium=False)
    if lay.hero_center is not None:
        H = lay.hero_height * h
        if kind == "photo":  # close-ups of a photo are not zoomed past recognition (as rendered)
            from .scene import upload_hero_height
            H = upload_hero_height(scene, lay) * h
        W = aspect * H
        from .scene import beat_poses  # where the render moves the product clear of the type
        lay, k = clear_of_text(lay, scene.shot_type, W / 2, W / 2, w, beat_poses(scene),
                               shows_text(scene.text, scene.text_role), lettered=kind == "brandmark")
        H, W = H * k, W * k
        cx, cy = lay.hero_center[0] * w, lay.hero_center[1] * h
        hero_box = (cx - W / 2, cy - H / 2, cx + W / 2, cy + H / 2)
        occupied.append(hero_box)
    if lay.floor is not None:
        fy = lay.floor * h
        sk.line((inset * 2, fy), (w - inset * 2, fy), value=150, width=0.8, passes=2, wobble=0.6)
        # A couple of receding lines on the floor: depth, and "this surface reflects".
        fx = lay.hero_center[0] * w if lay.hero_center else w / 2
        for dx in (-0.42, 0.42):
            x_end = fx + dx * w * 1.1
            sk.line((fx + dx * w * 0.35, fy + (frame_bottom - fy) * 0.05), (x_end, frame_bottom - inset * 2),
                    value=70, width=0.6, passes=1, layer="soft", wobble=0.4, overshoot=0.0)
    if hero_box is not None:
        _draw_hero(sk, scene, lay, kind, aspect, hero_box)

    # Text block.
    if (has_text and scene.text_role != "none") or scene.text_role == "cta":
        tb = _draw_text_block(sk, scene, lay, w, h)
        if tb is not None:
            occupied.append(tb)

    # Camera move, in the accent colour.
    _draw_camera(sk, scene, lay, hero_box, occupied, w, h, frame_bottom, inset)

    # Caption strip: an opaque band, so nothing of the picture runs through it.
    for layer in (sk.dark, sk.soft, sk.tone, sk.accent):
        layer[frame_bottom:] = 0
    sk.line((0, frame_bottom), (w, frame_bottom), value=235, width=1.0, passes=2, wobble=0.3, overshoot=0.0)
    cap_size = max(6, int(round(strip_h * 0.42)))
    num = f"{beat_index + 1}/{total_beats}"
    rest = keyframe_caption(scene, beat_name, beat_index, total_beats)[len(num):].strip()
    pad = int(round(u * 0.02))
    nm = _smallcaps_mask(num, _F_BOLD, cap_size, 0.06)
    ty_ = frame_bottom + (strip_h - nm.shape[0]) // 2 + 1
    _blit_max(sk.accent, nm, pad, ty_)
    rm = _smallcaps_mask(rest, _F_SEMI, cap_size, 0.08)
    _blit_max(sk.dark, (rm * 0.9).astype(np.uint8), pad + nm.shape[1] + int(cap_size * 1.1), ty_)

    out = sk.composite(_grain(w, h, scene.seed), accent)
    strip = out[frame_bottom:]
    strip[:] = cv2.convertScaleAbs(strip, alpha=0.955)

    # Palette swatch dots at the right of the strip, in the exact brand colours.
    r = max(2, int(round(strip_h * 0.2)))
    gap = int(round(r * 2.7))
    ccy = frame_bottom + strip_h // 2
    x = w - pad - r
    for col in reversed(roles.palette):
        cv2.circle(out, (x, ccy), r, _rgb(col), -1, cv2.LINE_AA)
        cv2.circle(out, (x, ccy), r, GRAPHITE, 1, cv2.LINE_AA)
        x -= gap
    return out


def _draw_hero(sk: _Sketch, scene: SceneSpec, lay: Layout, kind: str, aspect: float,
               box: tuple[float, float, float, float]) -> None:
    x0, y0, x1, y1 = box
    H = y1 - y0
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    dr = _kind_drawing(kind, aspect)

    # Podium (wide shots) and contact shadow, under the hero.
    if lay.podium:
        pw = aspect * H * 1.5
        hh = H * 0.22
        eh = hh * 0.35
        top_y = y1 - H * 0.04 + eh / 2
        bot_y = top_y + hh - eh
        sk.fill([np.concatenate([_ellipse_pts(cx, top_y, pw / 2, eh / 2, math.pi, 2 * math.pi, 32),
                                 _ellipse_pts(cx, bot_y, pw / 2, eh / 2, 0, math.pi, 32)])], 22)
        sk.ellipse(cx, top_y, pw / 2, eh / 2, value=210, width=1.0)
        sk.line((cx - pw / 2, top_y), (cx - pw / 2, bot_y), value=210)
        sk.line((cx + pw / 2, top_y), (cx + pw / 2, bot_y), value=210)
        sk.stroke(_ellipse_pts(cx, bot_y, pw / 2, eh / 2, 0, math.pi, 32), value=210, overshoot=0.0)
    elif lay.floor is not None or scene.shot_type in ("product_hero", "medium", "lifestyle"):
        sw, sh = aspect * H * 0.62, max(2.0, H * 0.035)
        sy = y1 - H * 0.01
        n = max(3, int(sh * 2 / max(2.0, sk.unit * 0.006)))
        for i in range(n):
            t = (i + 0.5) / n * 2 - 1
            half = sw * math.sqrt(max(0.0, 1 - t * t))
            sk.line((cx - half, sy + t * sh), (cx + half, sy + t * sh), value=120, width=0.7, passes=1,
                    layer="soft", wobble=0.3, overshoot=0.3)

    if kind == "photo":
        drawn = _draw_photo(sk, scene.hero_path, box)
    elif kind.startswith("illustration:") or kind == "brandmark":  # sketched like a photo
        drawn = _draw_photo(sk, _hero_picture_png(scene, kind, max(8, int(round(box[3] - box[1])))), box)
    else:
        drawn = False
    if not drawn:
        _draw_kind(sk, dr, box, aspect)

    # Registration mark at the layout's hero centre.
    m = sk.unit * 0.012
    sk.line((cx - m, cy), (cx + m, cy), value=150, width=0.6, passes=1, layer="soft", overshoot=0.0)
    sk.line((cx, cy - m), (cx, cy + m), value=150, width=0.6, passes=1, layer="soft", overshoot=0.0)


def _draw_setting(sk: _Sketch, scene: SceneSpec, w: int, h: int) -> bool:
    """Sketch the beat's setting from the render itself, so the animatic shows the campfire,
    the friends and where the product stands. False when the beat has no setting."""
    from .setting import uses_setting
    if not uses_setting(scene):
        return False
    from .scene import BeatScene, render_still
    # A pencil sketch needs little resolution: render the scene small and let the sketch scale it.
    k = min(1.0, SETTING_SKETCH_WIDTH / w)
    sw, sh = int(w * k) & ~1, int(h * k) & ~1
    still_spec = replace(scene, width=sw, height=sh, text="", text_role="none", lut_path=None,
                         camera_movement="static")
    still = Image.fromarray(render_still(BeatScene.build(still_spec), 0.0)).resize((w, h), Image.Resampling.BICUBIC)
    return _draw_photo(sk, still, (0, 0, w, h), outline=False)


SETTING_SKETCH_WIDTH = 480  # the scene a storyboard panel is sketched from


def _draw_photo(sk: _Sketch, path, box: tuple[float, float, float, float], outline: bool = True) -> bool:
    """The uploaded photo (a path or an image) as a pencil sketch in the hero box: a marker wash
    in a few tones from its shading, pencil lines where its tones change (a dodge-blend sketch
    filter), hatching in its darks and a hand-drawn outline of its silhouette. False if it
    cannot be read."""
    if isinstance(path, Image.Image):
        photo = path.convert("RGBA")
    else:
        try:
            with Image.open(path) as im:
                photo = im.convert("RGBA")
        except Exception:
            return False
    x0, y0, x1, y1 = (int(round(v)) for v in box)
    bw, bh = x1 - x0, y1 - y0
    if bw < 4 or bh < 4:
        return False
    # Only the part of the box inside the panel is drawn (macro boxes can be larger).
    cx0, cy0, cx1, cy1 = max(0, x0), max(0, y0), min(sk.w, x1), min(sk.h, y1)
    if cx1 - cx0 < 2 or cy1 - cy0 < 2:
        return False
    arr = np.asarray(photo.resize((bw, bh), Image.Resampling.BILINEAR), np.float32)
    arr = arr[cy0 - y0:cy1 - y0, cx0 - x0:cx1 - x0]
    alpha = arr[..., 3] / 255.0
    gray = arr[..., :3] @ np.array([0.299, 0.587, 0.114], np.float32)
    # Transparent pixels read as paper, so the silhouette's edge is not drawn as a dark line.
    gray = gray * alpha + 245.0 * (1.0 - alpha)
    sig = max(1.0, sk.unit * 0.004)
    dark = 1.0 - cv2.GaussianBlur(gray, (0, 0), sig * 0.8) / 255.0
    # Marker wash: three flat tones, as a storyboard artist lays in light, mid and shadow.
    steps = np.clip(np.floor(dark * 3.2), 0, 3)
    tone = ((16 + 20 * steps) * alpha).astype(np.uint8)
    # Pencil lines: the dodge blend (grey / inverted blur) turns tone changes into strokes.
    blur = cv2.GaussianBlur(255.0 - gray, (0, 0), sig * 1.6)
    dodge = np.clip(gray * 255.0 / np.maximum(255.0 - blur, 1.0), 0, 255)
    lines = np.clip((255.0 - dodge) * 2.2, 0, 255) * alpha
    # Hatching in the photo's own darks (its shadow side), not over all of a dark product.
    inside = alpha > 0.5
    dark_from = float(np.percentile(dark[inside], 65)) if inside.any() else 0.5
    hh, ww = gray.shape
    hatch = np.zeros((hh, ww), np.uint8)
    spacing = max(3, int(sk.unit * 0.011))
    for c in range(-hh, ww, spacing):
        j = sk.rng.uniform(-0.3, 0.3) * spacing
        cv2.line(hatch, (int(c + j), hh), (int(c + hh + j), 0), 255, max(1, sk.lw - 1), cv2.LINE_AA)
    shade = np.clip((dark - dark_from) / 0.12, 0, 1) * alpha
    hatch = (hatch * shade * 0.7).astype(np.uint8)
    region = (slice(cy0, cy1), slice(cx0, cx1))
    np.maximum(sk.tone[region], tone, out=sk.tone[region])
    np.maximum(sk.soft[region], np.maximum(hatch, (lines * 0.55).astype(np.uint8)), out=sk.soft[region])
    np.maximum(sk.dark[region], (np.clip(lines - 90, 0, 255) * 0.8).astype(np.uint8), out=sk.dark[region])
    np.maximum(sk.hero[region], (alpha * 255).astype(np.uint8), out=sk.hero[region])
    if not outline:
        return True
    # The silhouette, outer outline and holes, drawn by hand.
    mask = (alpha > 0.5).astype(np.uint8)
    contours, _ = cv2.findContours(mask, cv2.RETR_CCOMP, cv2.CHAIN_APPROX_NONE)
    if contours:
        biggest = max(cv2.contourArea(c) for c in contours)
        for c in contours:
            if cv2.contourArea(c) < biggest * 0.01 or len(c) < 8:
                continue
            c = cv2.approxPolyDP(c, max(1.0, sk.unit * 0.002), True)
            pts = c.reshape(-1, 2).astype(np.float64) + (cx0, cy0)
            # Edges where the photo leaves the panel are not outlines.
            inside = ((pts[:, 0] > 1) & (pts[:, 0] < sk.w - 2) & (pts[:, 1] > 1) & (pts[:, 1] < sk.h - 2))
            if inside.all():
                sk.stroke(pts, closed=True, value=235, width=1.2, passes=2, wobble=0.5, overshoot=0.4)
            else:
                for run in _runs(inside):
                    if len(run) >= 2:
                        sk.stroke(pts[run], value=235, width=1.2, passes=2, wobble=0.5, overshoot=0.0)
    return True


def _runs(flags: np.ndarray) -> list[np.ndarray]:
    """Index arrays of the consecutive True stretches of a closed sequence of flags."""
    idx = np.nonzero(flags)[0]
    if not len(idx):
        return []
    splits = np.nonzero(np.diff(idx) > 1)[0] + 1
    runs = np.split(idx, splits)
    if len(runs) > 1 and runs[0][0] == 0 and runs[-1][-1] == len(flags) - 1:
        runs[0] = np.concatenate([runs[-1], runs[0]])
        runs.pop()
    return runs


def _draw_kind(sk: _Sketch, dr: _Drawing, box: tuple[float, float, float, float], aspect: float) -> None:
    """The hero's silhouette: marker wash, hatching on the shadow side, outline and details."""
    x0, y0, x1, y1 = box
    H = y1 - y0
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2

    def px(p: np.ndarray) -> np.ndarray:
        return np.asarray(p, np.float64) * H + np.array([cx, cy])

    # Marker wash over the silhouette, then hatching on the shadow side.
    fills = [px(p) for p in dr.fills]
    pad = int(sk.unit * 0.01) + 2
    rx0, ry0 = max(0, int(x0 - H * 0.1) - pad), max(0, int(y0) - pad)
    rx1, ry1 = min(sk.w, int(x1 + H * 0.1) + pad), min(sk.h, int(y1) + pad)
    if rx1 > rx0 and ry1 > ry0:
        roi = np.zeros((ry1 - ry0, rx1 - rx0), np.uint8)
        ps = [np.round((p - [rx0, ry0]) * 16).astype(np.int32) for p in fills]
        cv2.fillPoly(roi, ps, 255, cv2.LINE_AA, shift=4)
        sk.hero[ry0:ry1, rx0:rx1] = roi
        tone = sk.tone[ry0:ry1, rx0:rx1]
        np.maximum(tone, (roi.astype(np.uint16) * 40 // 255).astype(np.uint8), out=tone)
        # Shadow side: pixels near the lower right edge (light comes from the upper left).
        band = max(2, int(H * aspect * 0.16))
        shifted = np.zeros_like(roi)
        dy = int(band * 0.5)
        shifted[: roi.shape[0] - dy, : roi.shape[1] - band] = roi[dy:, band:]
        shade = cv2.subtract(roi, shifted)
        hatch = np.zeros_like(roi)
        spacing = max(3, int(sk.unit * 0.011))
        hh_, ww_ = roi.shape
        lw = max(1, sk.lw - 1)
        for c in range(-hh_, ww_, spacing):
            j = sk.rng.uniform(-0.3, 0.3) * spacing
            cv2.line(hatch, (int(c + j), hh_), (int(c + hh_ + j), 0), 255, lw, cv2.LINE_AA)
        kb = max(1, int(band * 0.3)) | 1
        shade = cv2.blur(cv2.blur(shade, (kb, kb)), (kb, kb))
        hatch = (hatch.astype(np.uint16) * shade // 255).astype(np.uint8)
        soft = sk.soft[ry0:ry1, rx0:rx1]
        np.maximum(soft, hatch, out=soft)

    for pts, closed in dr.lines:
        sk.stroke(px(pts), closed=closed, value=240, width=1.25, passes=2)
    for pts, closed in dr.details:
        sk.stroke(px(pts), closed=closed, value=175, width=0.8, passes=1, wobble=0.6, overshoot=0.4)



def _fit_font(text: str, path: Path, max_w: int, max_h: int, start: int, max_lines: int,
              tracking: float = 0.0) -> tuple[ImageFont.FreeTypeFont, list[str]]:
    size = max(6, start)
    while True:
        fnt = ty.font(path, size)
        lines = ty.wrap(text, fnt, max_w, tracking) or [text]
        if (len(lines) <= max_lines and len(lines) * size * 1.15 <= max_h
                and all(ty.text_width(ln, fnt, tracking) <= max_w for ln in lines)) or size <= 6:
            return fnt, lines[:max_lines]
        size = max(6, int(size * 0.9))


def _draw_text_block(sk: _Sketch, scene: SceneSpec, lay: Layout, w: int, h: int):
    bx, by, bw, bh = lay.text_box.px(w, h)
    u = sk.unit
    serif = any(word in scene.aesthetic.lower() for word in ty.SERIF_AESTHETICS)
    text = ty.drawable(scene.text, serif=serif and scene.text_role in ("title", "tagline"))
    role = scene.text_role
    # The box itself: light pencil, a faint wash, and the role in the corner.
    sk.fill([_rect_pts(bx, by, bx + bw, by + bh)], 12)
    sk.rect(bx, by, bx + bw, by + bh, value=150, width=0.8, passes=1, wobble=0.5, overshoot=0.6)
    tag = {"cta": "END CARD", "title": "TITLE", "tagline": "TAGLINE", "feature": "FEATURE"}.get(role, "TEXT")
    tag_size = max(6, int(u * 0.017))
    sk.text((bx + u * 0.008, by - u * 0.006), tag, ty.font(_F_SEMI, tag_size), value=170, anchor="lb",
            tracking=0.12)

    ipad = int(u * 0.02)
    iw, ih = max(4, bw - 2 * ipad), max(4, bh - 2 * ipad)
    pieces: list[tuple[str, ImageFont.FreeTypeFont, list[str], float, int, str]] = []  # kind, font, lines, tracking
    if role == "cta":
        name = ty.drawable(scene.product_name)
        if name:
            fnt, lines = _fit_font(name, _F_REGULAR, iw, int(ih * 0.3), int(u * 0.055), 2)
            pieces.append(("text", fnt, lines, 0.0, 240, "name"))
        if text:
            action, where = ty.cta_parts(text)
            pieces.append(("pill", ty.font(_F_REGULAR, max(6, int(u * 0.036))), [action.upper()], 0.1, 240, "pill"))
            if where:
                pieces.append(("text", ty.font(_F_REGULAR, max(6, int(u * 0.036))), [where], 0.0, 230, "where"))
    elif text:
        if role == "title":
            size = int(u * (0.10 if scene.shot_type == "text_card" else 0.085))
            fnt, lines = _fit_font(text, _F_REGULAR, iw, ih, size, 3 if scene.shot_type == "text_card" else 2)
            pieces.append(("text", fnt, lines, 0.0, 245, "title"))
        elif role == "tagline":
            fnt, lines = _fit_font(text, _F_LIGHT, iw, ih, int(u * 0.058), 2)
            pieces.append(("text", fnt, lines, 0.0, 245, "tagline"))
        else:
            label = text.upper()
            fnt, lines = _fit_font(label, _F_REGULAR, iw, ih, int(u * 0.04), 2, tracking=0.12)
            pieces.append(("text", fnt, lines, 0.12, 245, "feature"))

    logo_h = int(u * 0.08) if role == "cta" else 0
    gap = int(u * 0.022)
    heights = []
    for kind, fnt, lines, _tr, _v, _n in pieces:
        if kind == "pill":
            heights.append(int(fnt.size * 2.1))
        else:
            heights.append(int(len(lines) * fnt.size * 1.15 + (fnt.size * 0.4 if _n == "title" else 0)))
    total = sum(heights) + gap * max(0, len(pieces) - 1) + (logo_h + gap if logo_h else 0)
    y = by + (bh - total) / 2
    center = lay.align == "center"
    cxm = bx + bw / 2
    left = bx + ipad

    if logo_h:
        # Logo placeholder: a circle with a monogram, as the end card's lock-up.
        r = logo_h / 2
        sk.ellipse(cxm, y + r, r, r, value=220, width=1.0)
        letter = (scene.brand or scene.product_name or "L").strip()[:1].upper() or "L"
        sk.text((cxm, y + r), ty.drawable(letter) or "L", ty.font(_F_REGULAR, max(6, int(logo_h * 0.5))), value=220,
                anchor="mm")
        y += logo_h + gap
    for (kind, fnt, lines, tr, val, name), ph in zip(pieces, heights):
        if kind == "pill":
            label = lines[0]
            tw = _tracked_width(label, fnt, tr)
            pw = tw + fnt.size * 2.4
            px0 = cxm - pw / 2 if center else left
            sk.stroke(_rrect_pts(px0, y, px0 + pw, y + ph, ph / 2), closed=True, value=230, width=1.1, passes=2)
            sk.text((px0 + pw / 2, y + ph / 2), label, fnt, value=val, anchor="mm", tracking=tr)
        else:
            for ln in lines:
                if center:
                    sk.text((cxm, y), ln, fnt, value=val, anchor="ma", tracking=tr, passes=2)
                else:
                    sk.text((left, y), ln, fnt, value=val, anchor="la", tracking=tr, passes=2)
                y += fnt.size * 1.15
            y -= fnt.size * 1.15 * len(lines)
            if name == "title":
                # The accent rule under a title, as the render draws it.
                rw = bw * 0.14
                rx = cxm - rw / 2 if center else left
                ry = y + len(lines) * fnt.size * 1.15 + fnt.size * 0.22
                sk.line((rx, ry), (rx + rw, ry), value=200, width=1.3, passes=1, layer="accent", overshoot=0.0)
        y += ph + gap
    return (bx, by - u * 0.03, bx + bw, by + bh)


def _draw_camera(sk: _Sketch, scene: SceneSpec, lay: Layout, hero_box, occupied, w: int, h: int,
                 frame_bottom: int, inset: int) -> None:
    move = scene.camera_movement
    u = sk.unit
    label = _MOVE_LABELS.get(move, move.replace("_", " ").upper())
    label_font = ty.font(_F_BOLD, max(6, int(u * 0.024)))
    if hero_box is not None:
        fx, fy = (hero_box[0] + hero_box[2]) / 2, (hero_box[1] + hero_box[3]) / 2
    else:
        fx, fy = w / 2, h / 2
    m = inset * 2.6
    bottom = frame_bottom - inset

    frame = (0.0, 0.0, float(w), float(bottom))

    def pick(cands: list[tuple[float, float, float, float]]) -> int:
        """The candidate box that covers least of the hero and text (and stays in frame);
        ties go to the earlier candidate."""
        def score(i: int, b: tuple[float, float, float, float]) -> float:
            area = (b[2] - b[0]) * (b[3] - b[1])
            covered = sum(_overlap(b, o) for o in occupied)
            outside = area - _overlap(b, frame)
            return covered + outside * 3 + i * u * 0.5
        return int(np.argmin([score(i, b) for i, b in enumerate(cands)]))

    def place_label(options: list[tuple[float, float, str]]) -> None:
        """Writes the move's name at the first option that collides least with the picture."""
        tw = _tracked_width(label, label_font, 0.12)
        th = label_font.size * 1.3
        boxes = []
        for x, y, anchor in options:
            bx = x - (tw / 2 if anchor[0] == "m" else tw if anchor[0] == "r" else 0)
            by = y - (th if anchor[1] == "b" else th / 2 if anchor[1] == "m" else 0)
            boxes.append((bx, by, bx + tw, by + th))
        x, y, anchor = options[pick(boxes)]
        sk.text((x, y), label, label_font, value=245, layer="accent", anchor=anchor, tracking=0.12)

    if move in ("slow_zoom_in", "push_in", "slow_zoom_out", "pull_back"):
        inward = move in ("slow_zoom_in", "push_in")
        z = camera_pose(move, 1.0 if inward else 0.0).zoom
        ix0, iy0 = fx - fx / z, fy - fy / z
        ix1, iy1 = fx + (w - fx) / z, fy + (min(h, bottom) - fy) / z
        bold = move in ("push_in", "pull_back")
        # The end framing (zoom in) or the start framing (zoom out), dashed.
        sk.dashed(_rect_pts(ix0, iy0, ix1, iy1), closed=True, value=235, width=1.7 if bold else 1.2,
                  dash=0.024, gap=0.014)
        corners_out = [(m, m), (w - m, m), (w - m, bottom - m * 0.6), (m, bottom - m * 0.6)]
        corners_in = [(ix0, iy0), (ix1, iy0), (ix1, iy1), (ix0, iy1)]
        length = u * (0.19 if bold else 0.15)
        thick = u * (0.034 if bold else 0.022)
        for (ox, oy), (qx, qy) in zip(corners_out, corners_in):
            d = np.array([fx - ox, fy - oy])
            d /= max(np.hypot(*d), 1e-9)
            a = np.array([ox, oy], np.float64) + d * u * 0.01
            b = a + d * max(length, float(np.hypot(qx - ox, qy - oy)) + u * 0.05)
            sk.block_arrow(np.array([a, b] if inward else [b, a]), thick, bold=1.4 if bold else 1.0,
                           tint=90 if bold else 54)
        extra = f"  1× → {z:.2f}×" if inward else f"  {z:.2f}× → 1×"
        label = label + extra
        lx = (ix0 + ix1) / 2
        place_label([(lx, iy0 + u * 0.018, "ma"), (lx, iy1 - u * 0.018, "mb"),
                     (ix0 + u * 0.2, (iy0 + iy1) / 2, "lm"), (ix1 - u * 0.2, (iy0 + iy1) / 2, "rm")])
        return

    if move in ("pan_left", "pan_right", "pan_across"):
        length = min(w * 0.5, w - 4 * m)
        thick = u * 0.045
        ys = [0.13, 0.22, 0.86 * frame_bottom / h, 0.5, 0.75]
        xcs = [fx, w / 2, w * 0.3, w * 0.7]
        opts = []
        for y in ys:
            for xc in xcs:
                x0 = min(max(xc - length / 2, 2 * m), w - 2 * m - length)
                opts.append((x0, y * h))
        cands = [(x0, yb - thick * 2.2, x0 + length, yb + thick) for x0, yb in opts]
        x0, yb = opts[pick(cands)]
        pts = [(x0, yb), (x0 + length, yb)]
        if move == "pan_left":
            pts = pts[::-1]
        sk.block_arrow(np.array(pts), thick)
        sk.text(((x0 + x0 + length) / 2, yb - thick * 1.25), label, label_font, value=240, layer="accent",
                anchor="mb", tracking=0.1)
        return

    if move in ("tilt_up", "tilt_down"):
        thick = u * 0.045
        full = min(h * 0.5, bottom - 4 * m)
        short = min(h * 0.26, full)
        spans = [(min(max(fy - full / 2, 2 * m), bottom - 2 * m - full), full), (2 * m, short),
                 (bottom - 2 * m - short, short)]
        xs = [0.07, 0.93, 0.18, 0.82, 0.5]
        lab = _tracked_width(label, label_font, 0.12) + thick * 1.3
        opts = [(x * w, y0, ln) for y0, ln in spans for x in xs]
        cands = [(x - thick, y0, x + lab, y0 + ln) if x < w / 2 else (x - lab, y0, x + thick, y0 + ln)
                 for x, y0, ln in opts]
        xb, y0, length = opts[pick(cands)]
        pts = [(xb, y0 + length), (xb, y0)]
        if move == "tilt_down":
            pts = pts[::-1]
        sk.block_arrow(np.array(pts), thick)
        left_side = xb < w / 2
        sk.text((xb + (thick * 1.3 if left_side else -thick * 1.3), y0 + length / 2), label, label_font, value=240,
                layer="accent", anchor="lm" if left_side else "rm", tracking=0.1)
        return

    if move == "slow_dolly":
        # The camera travels in and to the right: an arrow up (into the set) and right.
        thick = u * 0.04
        L = u * 0.30
        hb = hero_box or (fx - u * 0.1, fy - u * 0.1, fx + u * 0.1, fy + u * 0.1)
        d = np.array([0.78, -0.62])
        heads = [(hb[0] - u * 0.04, fy + (hb[3] - hb[1]) * 0.18),
                 ((hb[0] + hb[2]) / 2 - u * 0.06, min(hb[3] + u * 0.02, bottom - m) ),
                 (hb[2] + u * 0.04 + L * d[0], fy + (hb[3] - hb[1]) * 0.18 - L * 0.3),
                 (hb[0] - u * 0.04, fy - (hb[3] - hb[1]) * 0.1)]
        options = [(np.array(hd) - d * L, np.array(hd)) for hd in heads]
        cands = [(min(t[0], hd[0]) - thick, min(t[1], hd[1]) - thick, max(t[0], hd[0]) + thick,
                  max(t[1], hd[1]) + thick) for t, hd in options]
        tail, head = options[pick(cands)]
        sk.block_arrow(np.array([tail, head]), thick)
        place_label([(tail[0], tail[1] + thick * 0.9, "ma"), (tail[0] - thick, tail[1], "rm"),
                     (head[0], head[1] - thick * 1.2, "mb")])
        return

    if move == "orbit":
        hb = hero_box or (fx - u * 0.15, fy - u * 0.15, fx + u * 0.15, fy + u * 0.15)
        hw_ = (hb[2] - hb[0]) / 2
        rx = min(max(hw_ * 1.45, (hb[3] - hb[1]) * 0.42), w * 0.44)
        ry = rx * 0.26
        ocx = fx
        ocy = min(fy + (hb[3] - hb[1]) * 0.28, bottom - ry - m)
        thick = u * 0.034
        # Behind the hero: dashed; in front: the block arrow sweeping left to right.
        sk.dashed(_ellipse_pts(ocx, ocy, rx, ry, math.pi * 1.04, math.pi * 1.96, 48), value=210, width=1.2,
                  behind_hero=True)
        front = _ellipse_pts(ocx, ocy, rx, ry, math.pi * 0.97, math.pi * 0.06, 64)
        sk.block_arrow(front, thick)
        place_label([(ocx - rx - thick, ocy, "rm"), (ocx + rx + thick * 1.5, ocy, "lm"),
                     (ocx, ocy + ry + thick * 1.2, "ma"), (ocx - rx, ocy - ry - thick, "mb")])
        return

    # static: a tripod with a padlock, in a free corner.
    s = u * 0.085
    cw, chh = s * 2.6, s * 2.0
    cands = [(w - m - cw, m, w - m, m + chh), (m, m, m + cw, m + chh),
             (w - m - cw, bottom - m - chh, w - m, bottom - m), (m, bottom - m - chh, m + cw, bottom - m)]
    bx0, by0, bx1, by1 = cands[pick(cands)]
    tx, ty0 = (bx0 + bx1) / 2 + s * 0.2, by0 + s * 0.22
    body = _rrect_pts(tx - s * 0.45, ty0, tx + s * 0.35, ty0 + s * 0.42, s * 0.06)
    sk.fill([body], 70, layer="accent")
    sk.stroke(body, closed=True, value=245, width=1.4, layer="accent", passes=1)
    sk.stroke(np.array([(tx + s * 0.35, ty0 + s * 0.12), (tx + s * 0.58, ty0 + s * 0.0),
                        (tx + s * 0.58, ty0 + s * 0.42), (tx + s * 0.35, ty0 + s * 0.30)]), closed=True, value=245,
              width=1.2, layer="accent", passes=1)
    sk.ellipse(tx - s * 0.22, ty0 - s * 0.14, s * 0.13, s * 0.13, value=245, width=1.1, layer="accent", passes=1)
    sk.ellipse(tx + s * 0.1, ty0 - s * 0.14, s * 0.13, s * 0.13, value=245, width=1.1, layer="accent", passes=1)
    head = (tx - s * 0.05, ty0 + s * 0.45)
    for ex in (-0.5, -0.05, 0.4):
        sk.line(head, (tx + ex * s, ty0 + s * 1.4), value=245, width=1.4, layer="accent", passes=1, overshoot=0.0)
    # padlock beside it
    lx, ly = tx - s * 1.05, ty0 + s * 0.55
    sk.fill([_rrect_pts(lx - s * 0.22, ly, lx + s * 0.22, ly + s * 0.34, s * 0.04)], 245, layer="accent")
    sk.stroke(_ellipse_pts(lx, ly, s * 0.14, s * 0.2, math.pi, 2 * math.pi, 16), value=245, width=1.5,
              layer="accent", passes=1, overshoot=0.0)
    lbl_w = _tracked_width(label, label_font, 0.12)
    lx_c = min(max((bx0 + bx1) / 2, m + lbl_w / 2), w - m - lbl_w / 2)
    sk.text((lx_c, ty0 + s * 1.5), label, label_font, value=245, layer="accent", anchor="ma", tracking=0.12)


# --- style guide ------------------------------------------------------------------------------

_PAGE: RGB = (250, 248, 244)
_INK: RGB = (24, 24, 27)
_MUTED: RGB = (118, 115, 110)
_HAIR: RGB = (222, 218, 210)
_CARD: RGB = (241, 238, 232)


def palette_role_names(palette: Sequence[str], lighting: str) -> list[str]:
    """What each palette colour does in the ad: Background, Accent, Highlight or Support."""
    roles = roles_for(tuple(palette), lighting)
    names = []
    for i, c in enumerate(palette):
        rgb = hex_to_rgb(c)
        if i == 0:
            names.append("Background")
        elif rgb == roles.accent and "Accent" not in names:
            names.append("Accent")
        elif rgb == roles.third and "Highlight" not in names:
            names.append("Highlight")
        else:
            names.append("Support")
    return names


_ROLE_USE = {"Background": "Set, backdrop, end card", "Accent": "Rules, buttons, rim light",
             "Highlight": "Glints, secondary type", "Support": "Details, graphic cards"}


class _Page:
    """PIL drawing with a scale factor and a few typographic helpers."""

    def __init__(self, size: tuple[int, int], scale: float):
        self.img = Image.new("RGB", size, _PAGE)
        self.d = ImageDraw.Draw(self.img)
        self.s = scale

    def px(self, v: float) -> int:
        return int(round(v * self.s))

    def font(self, path: Path, size: float) -> ImageFont.FreeTypeFont:
        return ty.font(path, max(6, self.px(size)))

    def text(self, xy, text: str, fnt, fill=_INK, anchor: str = "la", tracking: float = 0.0) -> float:
        """Draws text (tracking in em) and returns its advance width."""
        x, y = xy
        if not tracking:
            self.d.text((x, y), text, font=fnt, fill=fill, anchor=anchor)
            return fnt.getlength(text)
        width = _tracked_width(text, fnt, tracking)
        if anchor[0] == "r":
            x -= width
        elif anchor[0] == "m":
            x -= width / 2
        a = "l" + anchor[1]
        for ch in text:
            self.d.text((x, y), ch, font=fnt, fill=fill, anchor=a)
            x += fnt.getlength(ch) + tracking * fnt.size
        return width

    def caps(self, xy, text: str, size: float, fill=_MUTED, anchor: str = "la", path: Path = _F_SEMI) -> float:
        return self.text(xy, text.upper(), self.font(path, size), fill, anchor, tracking=0.16)

    def hline(self, x0: float, x1: float, y: float, fill=_HAIR, width: float = 1.0) -> None:
        self.d.rectangle([int(x0), int(y), int(x1) - 1, int(y) + max(1, self.px(width)) - 1], fill=fill)

    def rounded(self, box, radius: float, fill=None, outline=None, width: float = 1.0) -> None:
        """An anti-aliased rounded rectangle (drawn at 4x and reduced)."""
        x0, y0, x1, y1 = (int(round(v)) for v in box)
        w, h = x1 - x0, y1 - y0
        if w < 2 or h < 2:
            return
        k = 4
        big = Image.new("L", (w * k, h * k), 0)
        bd = ImageDraw.Draw(big)
        r = int(radius * k)
        if fill is not None:
            bd.rounded_rectangle([0, 0, w * k - 1, h * k - 1], r, fill=255)
            mask = big.resize((w, h), Image.Resampling.LANCZOS)
            self.img.paste(Image.new("RGB", (w, h), tuple(fill)), (x0, y0), mask)
        if outline is not None:
            big = Image.new("L", (w * k, h * k), 0)
            bd = ImageDraw.Draw(big)
            lw = max(1, int(round(width * k)))
            bd.rounded_rectangle([0, 0, w * k - 1, h * k - 1], r, outline=255, width=lw)
            mask = big.resize((w, h), Image.Resampling.LANCZOS)
            self.img.paste(Image.new("RGB", (w, h), tuple(outline)), (x0, y0), mask)


def _legible_on(bg: RGB, c: RGB, need: float = 3.0) -> RGB:
    out = c
    toward = (0, 0, 0) if luminance(bg) > 0.4 else (255, 255, 255)
    for _ in range(30):
        if contrast_ratio(out, bg) >= need:
            break
        out = mix(out, toward, 0.08)
    return out


def _font_label(path: Path) -> str:
    try:
        family, style = ImageFont.truetype(str(path), 12).getname()
        return f"{family} {style}".strip()
    except Exception:
        return path.stem.replace("-", " ")


def _fit_in(img: Image.Image, w: int, h: int) -> Image.Image:
    k = min(w / img.width, h / img.height)
    return img.resize((max(1, int(img.width * k)), max(1, int(img.height * k))), Image.Resampling.LANCZOS)


def _open_rgba(path: str | None) -> Image.Image | None:
    if not path:
        return None
    try:
        with Image.open(path) as im:
            im.load()
            return im.convert("RGBA")
    except Exception:
        return None


def _standin_image(spec, size: int) -> tuple[Image.Image, str]:
    """The drawn stand-in (or, while that module cannot draw this kind, a pencil sketch of it)."""
    kind = "generic"
    try:  # the same choice as the render (an upload is shown by the caller)
        from .scene import hero_source_for
        source = hero_source_for(spec.product.name, spec.product.noun, spec.product.category)
    except Exception:
        source = ""
    if source.startswith("illustration:"):
        from . import illustrations
        key = source.split(":", 1)[1]
        return illustrations.render(key, size), f"Illustration · {illustrations.name(key)} (Noto Emoji)"
    if source == "brandmark":
        from .scene import brandmark_image
        img = brandmark_image(spec.product.name or spec.product.brand, spec.style.aesthetic,
                              roles_for(spec.style.palette, spec.style.lighting), size,
                              initial_from=spec.product.brand or spec.product.name)
        return img, "Brand mark · no product picture"
    if source.startswith("standin:"):
        kind = source.split(":", 1)[1]
    try:
        from .standins import draw_standin
        img = draw_standin(kind, [hex_to_rgb(c) for c in spec.style.palette], size,
                           brand=spec.product.brand or spec.product.name, seed=spec.seed)
        return img.convert("RGBA"), kind
    except Exception:
        pass
    k = kind if kind in _ASPECT else "generic"
    aspect = _ASPECT[k]
    side = max(64, size)
    sk = _Sketch(side, side, spec.seed)
    H = side * 0.86
    box = (side / 2 - aspect * H / 2, side * 0.07, side / 2 + aspect * H / 2, side * 0.07 + H)
    if aspect > 1:
        H = side * 0.86 / aspect
        box = (side * 0.07, side / 2 - H / 2, side * 0.93, side / 2 + H / 2)
    _draw_kind(sk, _kind_drawing(k, aspect), box, aspect)
    rgb = sk.composite(np.zeros((side, side), np.float32), PAPER)
    ink = np.maximum(np.maximum(sk.dark, sk.soft), sk.tone)
    rgba = np.dstack([rgb, np.clip(ink.astype(np.int32) * 3, 0, 255).astype(np.uint8)])
    return Image.fromarray(rgba, "RGBA"), kind


def _wordmark(text: str, path: Path, height: int, color: RGB) -> Image.Image:
    text = ty.drawable(text).upper() or "BRAND"
    fnt = ty.font(path, max(8, height))
    wd = int(_tracked_width(text, fnt, 0.18)) + 8
    asc, desc = fnt.getmetrics()
    img = Image.new("RGBA", (max(8, wd), asc + desc + 4), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    x = 4.0
    for ch in text:
        d.text((x, 2), ch, font=fnt, fill=tuple(color) + (255,))
        x += fnt.getlength(ch) + 0.18 * fnt.size
    bbox = img.getbbox()
    return img.crop(bbox) if bbox else img


def _sample_lut(lut, rgb: np.ndarray) -> np.ndarray:
    """Trilinear lookup of a few uint8 colours (N x 3) in a Lut3D; float32 0..255."""
    n = lut.size
    lo = np.array(lut.domain_min, np.float32)
    hi = np.array(lut.domain_max, np.float32)
    pos = np.clip((rgb.astype(np.float32) / 255.0 - lo) / (hi - lo), 0.0, 1.0) * (n - 1)
    i0 = np.minimum(np.floor(pos).astype(np.int64), n - 2)
    f = pos - i0
    t = lut.table  # [b, g, r, c]
    out = np.zeros((len(rgb), 3), np.float32)
    for db, dg, dr in itertools.product((0, 1), repeat=3):
        wgt = ((f[:, 2] if db else 1 - f[:, 2]) * (f[:, 1] if dg else 1 - f[:, 1]) * (f[:, 0] if dr else 1 - f[:, 0]))
        out += t[i0[:, 2] + db, i0[:, 1] + dg, i0[:, 0] + dr] * wgt[:, None]
    return out * np.float32(255.0)


def _grade_preview(spec, w: int, h: int) -> np.ndarray:
    """Two bars of height h: a ramp through the palette (dark to light) as shot, and graded."""
    cols = sorted((hex_to_rgb(c) for c in spec.style.palette), key=luminance)
    stops = np.array([(0, 0, 0), *cols, (255, 255, 255)], np.float32)
    xs = np.linspace(0, len(stops) - 1, max(2, w), dtype=np.float32)
    i0 = np.clip(np.floor(xs).astype(int), 0, len(stops) - 1)
    i1 = np.clip(i0 + 1, 0, len(stops) - 1)
    f = (xs - i0)[:, None]
    ramp = stops[i0] * (1 - f) + stops[i1] * f
    row = np.clip(ramp + 0.5, 0, 255).astype(np.uint8)
    graded_row = row
    try:
        from ..config import LUTS_DIR
        from .lut import adjust
        from .scene import _load_lut  # shared cache with the renders
        g = spec.color_grading
        path = LUTS_DIR / f"{g.lut}.cube"
        lut = _load_lut(str(path)) if path.exists() else None
        out = row.astype(np.float32)
        if lut is not None:
            out = out + (_sample_lut(lut, row) - out) * np.float32(g.strength)
        graded_row = adjust(np.clip(out + 0.5, 0, 255).astype(np.uint8)[None], g.contrast, g.saturation)[0]
    except Exception:
        graded_row = row
    src = np.repeat(row[None], max(1, h), axis=0)
    graded = np.repeat(graded_row[None], max(1, h), axis=0)
    return np.stack([src, graded])


def draw_style_guide(spec, product_png: str | None, logo_png: str | None,
                     size: tuple[int, int] = (1920, 1080)) -> Image.Image:
    """A one-page brand style guide for the spec: palette, type, references, mood, sound, grade."""
    W, H = int(size[0]), int(size[1])
    portrait = W / max(H, 1) < 1.2
    s = min(W / 1080, H / 1920) if portrait else min(W / 1920, H / 1080)
    pg = _Page((W, H), s)
    P = pg.px
    roles = roles_for(spec.style.palette, spec.style.lighting)
    accent = _legible_on(_PAGE, roles.accent, 3.0)
    aest = spec.style.aesthetic
    serif = any(word in aest.lower() for word in ty.SERIF_AESTHETICS)
    head_face = ty.face(aest, "headline")
    body_face = ty.face(aest, "body")
    tag_face = ty.face(aest, "tagline")
    M = P(88) if not portrait else P(72)

    # Header.
    y = P(64)
    pg.d.rectangle([M, y + P(3), M + P(10), y + P(13)], fill=roles.accent)
    pg.caps((M + P(22), y), "Brand style guide", 15)
    meta = f"AdStudio · {spec.template.replace('_', ' ')} · {spec.duration_s:g} s"
    pg.caps((W - M, y), meta, 15, anchor="ra")
    title = ty.drawable(spec.product.name, serif=serif) or spec.product.name
    tfont, tlines = ty.fit(title, head_face, W - 2 * M, P(110), P(92), 1)
    y += P(34)
    pg.text((M, y), tlines[0] if tlines else title, tfont, _INK)
    y += int(tfont.size * 1.18)
    sub_parts = [p for p in (spec.product.brand, spec.product.tagline) if p]
    sub = ty.drawable("  —  ".join(sub_parts), serif=serif) or ty.drawable(spec.brief)[:90]
    sfont = pg.font(tag_face, 28)
    sub_lines = ty.wrap(sub, sfont, W - 2 * M)[:1]
    if sub_lines:
        pg.text((M, y), sub_lines[0], sfont, _MUTED)
    y += P(62)
    pg.hline(M, W - M, y, _INK, 1.5)
    top = y + P(32)

    def section(x: float, y: float, width: float, num: str, name: str) -> float:
        pg.text((x, y), num, pg.font(_F_SEMI, 15), accent, tracking=0.1)
        nx = x + P(38)
        wname = pg.caps((nx, y), name, 15, _INK)
        pg.hline(nx + wname + P(16), x + width, y + P(9))
        return y + P(44)

    # 01 Colour ------------------------------------------------------------------------------
    def colour(x: float, y: float, width: float) -> float:
        y = section(x, y, width, "01", "Colour")
        names = palette_role_names(spec.style.palette, spec.style.lighting)
        n = len(spec.style.palette)
        gap = P(24)
        sw = min(P(320), int((width - gap * (n - 1)) / n))
        sh = P(220)
        for i, (hx, role) in enumerate(zip(spec.style.palette, names)):
            c = hex_to_rgb(hx)
            x0 = int(x + i * (sw + gap))
            if contrast_ratio(c, _PAGE) < 1.25:  # a swatch close to the page gets a hairline
                pg.d.rectangle([x0 - 1, int(y) - 1, x0 + sw, int(y) + sh], outline=_HAIR)
            pg.d.rectangle([x0, int(y), x0 + sw - 1, int(y) + sh - 1], fill=c)
            on = (255, 255, 255) if contrast_ratio(c, (255, 255, 255)) >= contrast_ratio(c, _INK) else _INK
            pg.text((x0 + P(16), int(y) + sh - P(16)), f"{i + 1:02d}", pg.font(_F_SEMI, 14), on, anchor="lb",
                    tracking=0.1)
            ty_ = y + sh + P(16)
            pg.text((x0, ty_), role, pg.font(_F_SEMI, 21), _INK)
            pg.text((x0, ty_ + P(30)), hx.upper(), pg.font(_F_REGULAR, 18), _INK, tracking=0.04)
            small = int(sw - min(gap, P(12)))
            for dy, txt in ((56, f"RGB {c[0]} {c[1]} {c[2]}"), (78, _ROLE_USE.get(role, ""))):
                f, lines = _fit_font(txt, _F_REGULAR if dy == 56 else _F_LIGHT, small, P(20), P(14), 1)
                if lines and lines[0] != txt:
                    continue  # does not fit the swatch's width even small: leave it out
                pg.text((x0, ty_ + P(dy)), txt, f, _MUTED)
        return y + sh + P(136)

    # 02 Typography --------------------------------------------------------------------------
    def typography(x: float, y: float, width: float) -> float:
        y = section(x, y, width, "02", "Typography")
        specimens = [("Headline", head_face, spec.product.tagline or spec.product.name),
                     ("Body & labels", body_face, "Sapphire crystal, crafted detail, every second.")]
        feats = [b.text for b in spec.beats if b.text_role == "feature" and b.text]
        if feats:
            specimens[1] = ("Body & labels", body_face, feats[0])
        cols = 2 if width >= P(700) else 1
        gap = P(32)
        cw = (width - gap * (cols - 1)) / cols
        ch = P(210)
        for i, (role, path, sample) in enumerate(specimens):
            cx0 = x + (i % cols) * (cw + gap)
            cy0 = y + (i // cols) * (ch + gap)
            big = pg.font(path, 150)
            pg.text((cx0, cy0 + P(150)), "Aa", big, _INK, anchor="ls")
            aw = big.getlength("Aa")
            tx = cx0 + aw + P(28)
            tw = max(P(60), cx0 + cw - tx)
            pg.caps((tx, cy0 + P(14)), role, 13)
            pg.text((tx, cy0 + P(38)), _font_label(path), pg.font(_F_SEMI, 21), _INK)
            sample = ty.drawable(sample, serif=serif) or "Aa"
            sfont, slines = _fit_font(sample, path, int(tw), P(36), P(28), 1)
            if sfont.size < P(20):
                sfont, slines = _fit_font(sample, path, int(tw), P(60), P(24), 2)
            yy = cy0 + P(76)
            for ln in slines:
                pg.text((tx, yy), ln, sfont, _INK)
                yy += sfont.size * 1.2
            glyphs = "ABCDEFGHIJKLM abcdefghijklm 0123456789"
            gfont, glines = _fit_font(glyphs, path, int(tw), P(24), P(15), 1)
            pg.text((tx, max(cy0 + P(150), yy + P(24))), glines[0] if glines else "", gfont, _MUTED, anchor="ls")
        rows = (len(specimens) + cols - 1) // cols
        y += rows * ch + (rows - 1) * gap + P(6)
        also = [("Taglines", tag_face), ("Labels & buttons", ty.face(aest, "label"))]
        xx = x
        for role, path in also:
            xx += pg.caps((xx, y), role, 12) + P(12)
            xx += pg.text((xx, y - P(2)), _font_label(path), pg.font(path, 16), _INK) + P(40)
        return y + P(40)

    # 03 References -------------------------------------------------------------------------
    def references(x: float, y: float, width: float) -> float:
        y = section(x, y, width, "03", "Product & logo")
        gap = P(24)
        tw = int((width - gap) / 2)
        th = min(tw, P(250))
        tiles = []
        prod = _open_rgba(product_png)
        if prod is not None:
            tiles.append(("Product", prod, f"Product photo · {prod.width}×{prod.height}"))
        else:
            img, kind = _standin_image(spec, int(th * 0.8))
            tiles.append(("Product", img, kind if " · " in kind else f"Drawn stand-in · {kind}"))
        logo = _open_rgba(logo_png)
        if logo is not None:
            tiles.append(("Logo", logo, f"Logo · {logo.width}×{logo.height}"))
        else:
            name = spec.product.brand or spec.product.name
            tiles.append(("Logo", _wordmark(name, head_face, int(th * 0.16), roles.text if roles.dark_mode else _INK),
                          "Wordmark · no logo uploaded"))
        for i, (label, img, note) in enumerate(tiles):
            x0 = int(x + i * (tw + gap))
            y0 = int(y)
            # Light artwork goes on a dark tile, dark artwork on a light one.
            a = np.asarray(img.getchannel("A"), np.float32) / 255.0
            rgb = np.asarray(img.convert("RGB"), np.float32)
            lum = float((rgb.mean(axis=2) * a).sum() / max(a.sum(), 1.0)) / 255.0
            base = hex_to_rgb(spec.style.palette[0])
            bg = _CARD if lum <= 0.72 else (base if luminance(base) < 0.3 else (38, 38, 40))
            pg.d.rectangle([x0, y0, x0 + tw - 1, y0 + th - 1], fill=bg)
            fit = _fit_in(img, int(tw * 0.78), int(th * (0.78 if label == "Product" else 0.5)))
            pg.img.paste(fit, (x0 + (tw - fit.width) // 2, y0 + (th - fit.height) // 2), fit)
            pg.caps((x0, y0 + th + P(14)), label, 13, _INK)
            pg.text((x0, y0 + th + P(36)), note, pg.font(_F_REGULAR, 15), _MUTED)
        return y + th + P(84)

    # 04 Mood, sound and grade ---------------------------------------------------------------
    def mood(x: float, y: float, width: float) -> float:
        y = section(x, y, width, "04", "Mood, sound & grade")
        pf = pg.font(_F_REGULAR, 17)
        px_ = x
        ph = P(38)
        for i, word in enumerate((aest, spec.style.mood, spec.style.lighting)):
            word = ty.drawable(word).lower()
            wdt = pf.getlength(word) + P(36)
            if px_ + wdt > x + width and px_ > x:
                break
            fill = roles.accent if i == 0 else None
            white = contrast_ratio(roles.accent, (255, 255, 255)) >= contrast_ratio(roles.accent, _INK)
            on = (255, 255, 255) if white else _INK
            pg.rounded((px_, y, px_ + wdt, y + ph), ph / 2, fill=fill, outline=None if fill else _INK, width=1.2)
            pg.text((px_ + wdt / 2, y + ph / 2), word, pf, on if fill else _INK, anchor="mm")
            px_ += wdt + P(10)
        y += ph + P(22)
        a = spec.audio
        g = spec.color_grading
        rows = [("Music", f"{a.style}"), ("Tempo · key", f"{a.tempo_bpm:g} BPM · {a.key} {a.scale}"),
                ("Audio mood", a.mood),
                ("Grade", f"LUT {g.lut} · contrast {g.contrast:.2f} · saturation {g.saturation:.2f}")]
        lf = pg.font(_F_REGULAR, 17)
        for label, value in rows:
            pg.caps((x, y + P(3)), label, 12)
            v = ty.drawable(value)
            while lf.getlength(v) > width - P(150) and len(v) > 4:
                v = v[:-2].rstrip() + "…"
            pg.text((x + P(150), y), v, lf, _INK)
            pg.hline(x, x + width, y + P(30))
            y += P(40)
        y += P(6)
        bh = P(22)
        before, after = _grade_preview(spec, int(width - P(150)), bh)
        for label, bar in (("As shot", before), ("Graded", after)):
            pg.caps((x, y + bh / 2), label, 12, anchor="lm")
            pg.img.paste(Image.fromarray(bar, "RGB"), (int(x + P(150)), int(y)))
            y += bh + P(8)
        return y + P(8)

    if portrait:
        col_w = W - 2 * M
        y = top
        for fn in (colour, typography, references, mood):
            y = fn(M, y, col_w) + P(16)
    else:
        left_w = int((W - 2 * M) * 0.61)
        right_x = M + left_w + P(72)
        right_w = W - M - right_x
        y = colour(M, top, left_w)
        typography(M, y, left_w)
        y = references(right_x, top, right_w)
        mood(right_x, y, right_w)

    # Footer.
    fy = H - P(54)
    pg.hline(M, W - M, fy, _HAIR)
    brief = ty.drawable(spec.brief)
    ff = pg.font(_F_REGULAR, 14)
    while ff.getlength(f"Brief — “{brief}”") > (W - 2 * M) * 0.6 and len(brief) > 8:
        brief = brief[:-2].rstrip() + "…"
    pg.text((M, fy + P(16)), f"Brief — “{brief}”", ff, _MUTED)
    formats = " · ".join(spec.formats)
    pg.text((W - M, fy + P(16)), f"{spec.duration_s:g} s · {spec.fps} fps · {formats} · {len(spec.beats)} beats",
            ff, _MUTED, anchor="ra")
    return pg.img
