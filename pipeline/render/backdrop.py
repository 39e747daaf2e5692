"""Backdrops: the set each beat is shot on, painted once per beat as a still.

Painted at half resolution (everything here is soft: gradients, glows, bokeh) and enlarged
with a smooth filter, then graded with the spec's LUT before the camera starts moving.
"""

from __future__ import annotations

import math

import cv2
import numpy as np

from .layout import Layout
from .palette import RGB, Roles, mix

MARGIN = 1.2  # backdrop is this much larger than the frame, room for pans and rotation


def _vertical(h: int, w: int, top: RGB, bottom: RGB, curve: float = 1.0) -> np.ndarray:
    t = (np.linspace(0.0, 1.0, h, dtype=np.float32) ** curve)[:, None, None]
    return np.broadcast_to(np.array(top, np.float32) * (1 - t) + np.array(bottom, np.float32) * t, (h, w, 3)).copy()


def _radial(h: int, w: int, cx: float, cy: float, radius: float, squash: float = 1.0) -> np.ndarray:
    ys, xs = np.ogrid[:h, :w]
    d = np.sqrt(((xs - cx) / radius) ** 2 + ((ys - cy) / (radius * squash)) ** 2)
    return np.clip(1.0 - d, 0.0, 1.0).astype(np.float32) ** 2


def _add(img: np.ndarray, mask: np.ndarray, color: RGB, strength: float) -> None:
    img += mask[..., None] * (np.array(color, np.float32) - img) * strength


def paint_backdrop(shot_type: str, layout: Layout, roles: Roles, width: int, height: int,
                   seed: int, lighting: str, grade=None) -> np.ndarray:
    """RGB uint8 backdrop of size (width*MARGIN, height*MARGIN), rounded to even.

    `grade` (the spec's LUT and adjustments) is applied at the painting's half resolution,
    before enlarging: the backdrop has no detail a per-pixel grade could distinguish, and it
    is a quarter of the work."""
    bw, bh = int(width * MARGIN) & ~1, int(height * MARGIN) & ~1
    w, h = bw // 2, bh // 2  # paint at half size
    rng = np.random.default_rng(seed)
    ox, oy = (bw - width) / 4, (bh - height) / 4  # frame origin inside the half-size canvas
    fw, fh = width / 2, height / 2
    hx, hy = layout.hero_center or (0.5, 0.45)
    cx, cy = ox + hx * fw, oy + hy * fh

    img = _vertical(h, w, roles.backdrop_top, roles.backdrop_bottom, curve=1.3)
    light = lighting.lower()

    if shot_type == "text_card":
        _graphic_card(img, roles, rng, ox, oy, fw, fh)
    else:
        # Key light behind the subject: the spotlight every product ad is built on.
        spread = 0.55 if roles.dark_mode else 0.8
        _add(img, _radial(h, w, cx, cy - fh * 0.05, fw * spread, squash=0.85), roles.glow, 0.85)
        if any(k in light for k in ("rim", "neon", "vibrant", "colorful", "colourful")):
            _add(img, _radial(h, w, ox + fw * 0.05, oy + fh * 0.2, fw * 0.45), roles.accent, 0.35)
            _add(img, _radial(h, w, ox + fw * 0.95, oy + fh * 0.8, fw * 0.45), roles.third, 0.30)
        if layout.floor is not None:
            _floor(img, roles, oy + layout.floor * fh, cx)
        if shot_type in ("lifestyle", "medium", "close_up", "macro", "wide"):
            _bokeh(img, roles, rng, count=14 if shot_type in ("lifestyle", "medium") else 9,
                   size=fw * (0.05 if shot_type == "wide" else 0.09))
        if shot_type in ("lifestyle", "medium", "wide"):
            _beams(img, roles, rng, w, h)
        if shot_type == "overhead":
            _surface(img, roles, rng)
    # Vignette: darkens the edges, keeps the eye on the subject.
    vig = _radial(h, w, ox + fw / 2, oy + fh / 2, math.hypot(fw, fh) * 0.75)
    img *= (0.55 + 0.45 * np.sqrt(vig))[..., None] if roles.dark_mode else (0.86 + 0.14 * np.sqrt(vig))[..., None]
    small = np.clip(img, 0, 255).astype(np.uint8)
    if grade is not None:
        small = grade(small)
    big = cv2.resize(small, (bw, bh), interpolation=cv2.INTER_CUBIC)
    # Fine dither removes gradient banding that H.264 would otherwise turn into steps.
    noise = rng.integers(-1, 2, size=big.shape, dtype=np.int16)
    return np.clip(big.astype(np.int16) + noise, 0, 255).astype(np.uint8)


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
    layer = cv2.GaussianBlur(layer, (k, k), 0)
    alpha = cv2.GaussianBlur(alpha, (k, k), 0)
    img += (layer - img) * alpha[..., None]


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
    """Bold typographic card: a diagonal colour field, rings and a dot grid."""
    h, w = img.shape[:2]
    ys, xs = np.mgrid[:h, :w].astype(np.float32)
    diag = (xs - ox) / fw + (ys - oy) / fh * 0.55
    band = np.clip((diag - 0.95) * 40, 0, 1) * np.clip((1.45 - diag) * 40, 0, 1)
    _add(img, band.astype(np.float32), roles.accent, 0.22)
    _add(img, _radial(h, w, ox + fw * 0.5, oy + fh * 0.5, fw * 0.6, 0.8), roles.glow, 0.5)
    # OpenCV anti-aliases only 8-bit drawings: draw the masks as uint8, with 4 bits of
    # sub-pixel precision, then use them as float weights.
    ring = np.zeros((h, w), np.uint8)
    cv2.circle(ring, (int((ox + fw * 0.86) * 16), int((oy + fh * 0.2) * 16)), int(fh * 0.32 * 16), 255,
               max(2, int(fh * 0.012)), cv2.LINE_AA, shift=4)
    cv2.circle(ring, (int((ox + fw * 0.12) * 16), int((oy + fh * 0.86) * 16)), int(fh * 0.22 * 16), 255,
               max(2, int(fh * 0.008)), cv2.LINE_AA, shift=4)
    _add(img, ring.astype(np.float32) / 255, roles.accent, 0.55)
    dots = np.zeros((h, w), np.uint8)
    step = max(6, int(fh * 0.045))
    for y in range(int(oy + fh * 0.62), int(oy + fh * 0.95), step):
        for x in range(int(ox + fw * 0.78), int(ox + fw * 0.97), step):
            cv2.circle(dots, (x * 16, y * 16), max(16, step * 16 // 7), 255, -1, cv2.LINE_AA, shift=4)
    _add(img, dots.astype(np.float32) / 255, roles.third, 0.6)
