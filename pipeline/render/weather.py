"""Falling rain and snow over an outdoor setting, a few milliseconds a frame at 1080p.

A brief that says "a rainy autumn evening" or "snow falling on the cabin" should look it: the
setting's sky turns overcast (setting.py) and, frame by frame, rain or snow falls in front of
the scene. Each is two sheets (far: small and slow; near: larger and faster, for depth), each a
tile the size of the frame painted once so that it wraps at its edges, kept as a 2x2 mosaic.
A frame adds a frame-sized window of each sheet onto the luma plane (one saturating add, no
blending: rain and snow are light on a darker scene); the window slides with time along the
fall, so every frame is a pure function of t (resumable, identical in every process).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import cv2
import numpy as np

from .color import YuvPlanes

WEATHERS = ("rain", "snow")


@dataclass(frozen=True)
class SheetStyle:
    count: int  # streaks or flakes per frame-sized tile
    length: float  # streak length, fraction of the frame height (0: a round flake)
    size: float  # stroke width or flake radius, fraction of the frame height
    brightness: float  # luma added at the core
    speed: float  # fall speed, frame heights a second
    slant: float  # dx per dy of the fall (wind)
    sway: float = 0.0  # side-to-side drift, fraction of the frame width (snow)


STYLES: dict[str, tuple[SheetStyle, SheetStyle]] = {
    "rain": (SheetStyle(220, 0.035, 0.0012, 34, 1.1, 0.12),
             SheetStyle(70, 0.075, 0.0022, 52, 1.9, 0.14)),
    "snow": (SheetStyle(260, 0.0, 0.0030, 70, 0.07, 0.10, sway=0.010),
             SheetStyle(60, 0.0, 0.0065, 95, 0.13, 0.14, sway=0.022)),
}


@dataclass
class Sheet:
    mosaic: np.ndarray  # (2h, 2w) uint8: the tile repeated 2x2
    style: SheetStyle
    width: int
    height: int
    phase: float

    def window(self, t: float) -> np.ndarray:
        w, h, s = self.width, self.height, self.style
        fall = s.speed * h * t
        dy = int(fall) % h
        dx = int(fall * s.slant + s.sway * w * math.sin(1.3 * t + self.phase)) % w
        # Sliding the window up the mosaic makes its content move down the frame.
        return self.mosaic[h - dy: 2 * h - dy, w - dx: 2 * w - dx]


@dataclass
class Precipitation:
    sheets: list[Sheet]

    def draw(self, t: float, out: YuvPlanes) -> None:
        for sheet in self.sheets:
            cv2.add(out.y, sheet.window(t), dst=out.y)


def _tile(style: SheetStyle, width: int, height: int, rng: np.random.Generator) -> np.ndarray:
    """One frame-sized tile of streaks or flakes that wraps at its edges (each drawn again
    shifted by the tile's size wherever it crosses one)."""
    tile = np.zeros((height, width), np.uint8)
    thick = max(1, int(round(style.size * height)))
    for _ in range(style.count):
        x, y = rng.uniform(0, width), rng.uniform(0, height)
        lum = int(style.brightness * rng.uniform(0.5, 1.0))
        ln = style.length * height * rng.uniform(0.7, 1.2)
        r = style.size * height * rng.uniform(0.6, 1.2)
        for ox in (-width, 0, width):
            for oy in (-height, 0, height):
                x0, y0 = x + ox, y + oy
                if style.length > 0:
                    x1, y1 = x0 + style.slant * ln, y0 + ln
                    if max(x0, x1) < -4 or min(x0, x1) > width + 4 or y1 < -4 or y0 > height + 4:
                        continue
                    cv2.line(tile, (int(x0 * 4), int(y0 * 4)), (int(x1 * 4), int(y1 * 4)), lum, thick,
                             cv2.LINE_AA, shift=2)
                elif -r <= x0 <= width + r and -r <= y0 <= height + r:
                    cv2.circle(tile, (int(x0 * 4), int(y0 * 4)), max(4, int(r * 4)), lum, -1, cv2.LINE_AA, shift=2)
    if style.length == 0:
        tile = cv2.GaussianBlur(tile, (0, 0), max(0.6, style.size * height * 0.45))  # soft flakes
    return tile


def make_precipitation(kind: str, width: int, height: int, seed: int) -> Precipitation | None:
    """Rain or snow for a frame of this size; None for any other weather."""
    if kind not in STYLES:
        return None
    rng = np.random.default_rng(seed + 4409)
    sheets = []
    for style in STYLES[kind]:
        tile = _tile(style, width, height, rng)
        sheets.append(Sheet(np.tile(tile, (2, 2)), style, width, height, rng.uniform(0, 2 * math.pi)))
    return Precipitation(sheets)
