"""The end card's life: a light sweep across the type and logo, and motes drifting in the light.

Nothing in an ad may hold still for more than 1.5 s, and the end card is where a still frame
shows most: the camera has stopped, the logo and the call to action have landed, and three or
four seconds remain. Beside the camera's slow push (see `motion.STATIC_DRIFT`), the card gets:

- a light sweep: a soft diagonal band of light that glides across the type, the logo and the
  button once they have settled, and again every SWEEP_EVERY_S; drawn as a blend over the
  narrow strip of the text block the band covers (well under a millisecond at 1080p);
- motes: a dozen or so small soft lights (gold dust for luxury, embers for rugged, pollen for
  natural, confetti dots for playful) drifting up through the frame and twinkling; each is a
  tiny sprite pasted with a sub-pixel warp (about 1 ms a frame for all of them at 1080p).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import cv2
import numpy as np

from .color import YuvPlanes, rgb_to_yuv
from .compose import warp_over
from .palette import RGB, Roles, mix

# --- the light sweep --------------------------------------------------------------------------

SWEEP_DELAY_S = 0.2  # after the type has settled
SWEEP_S = 1.0  # time the band takes to cross the block
SWEEP_EVERY_S = 2.6  # it comes round again on a long end card
SWEEP_GAIN = 0.75  # how far towards white the band lifts the type at its centre
SWEEP_HALO = 0.5  # the faint light the band throws around the type (visible on dark sets)
SWEEP_SLANT = 0.45  # the band leans this much (dx per dy)


def sheen_mask(type_alpha: np.ndarray, unit: float) -> np.ndarray:
    """Where the sweep shows: the type itself, plus a soft halo around it."""
    a = type_alpha.astype(np.float32)
    r = max(3, int(unit * 0.012)) | 1
    halo = cv2.GaussianBlur(cv2.dilate(a, np.ones((r, r), np.uint8)), (0, 0), unit * 0.01)
    mask = np.clip(a + SWEEP_HALO * halo, 0.0, 1.0)
    # Fade the halo out towards the block's edges, so the light never shows the block's box.
    h, w = mask.shape
    edge = max(4.0, unit * 0.02)
    fy = np.clip(np.minimum(np.arange(h), np.arange(h)[::-1]) / edge, 0, 1).astype(np.float32)
    fx = np.clip(np.minimum(np.arange(w), np.arange(w)[::-1]) / edge, 0, 1).astype(np.float32)
    window = (fy * fy * (3 - 2 * fy))[:, None] * (fx * fx * (3 - 2 * fx))[None, :]
    return np.maximum(a, mask * window)


def sweep_phase(t_since_settled: float) -> float | None:
    """Where the band is, 0..1 across the block, or None while it is away."""
    if t_since_settled < SWEEP_DELAY_S:
        return None
    p = (t_since_settled - SWEEP_DELAY_S) % SWEEP_EVERY_S
    if p > SWEEP_S:
        return None
    q = p / SWEEP_S
    return q * q * (3 - 2 * q)  # eased: the light accelerates in and slows out


def draw_sweep(mask: np.ndarray, x: int, y: int, q: float, out: YuvPlanes) -> None:
    """Blend the band at progress q over the block whose mask sits at (x, y) in the frame."""
    mh, mw = mask.shape
    fw, fh = out.size
    band = max(4.0, mh * 0.2, mw * 0.07)
    slant = SWEEP_SLANT * mh
    c = -band + q * (mw + slant + 2 * band)  # band centre along s = col + slant * (1 - row / mh)
    c0 = int(max(0, math.floor(c - band - slant))) & ~1
    c1 = min(mw, int(math.ceil(c + band)) + 2) & ~1
    # Clip to the frame.
    r0, r1 = max(0, -y), min(mh, fh - y)
    c0, c1 = max(c0, (-x + 1) & ~1 if x < 0 else 0), min(c1, fw - x)
    r0 += r0 & 1
    r1 -= r1 & 1
    c1 -= c1 & 1
    if c1 - c0 < 2 or r1 - r0 < 2:
        return
    rows = np.arange(r0, r1, dtype=np.float32)[:, None]
    cols = np.arange(c0, c1, dtype=np.float32)[None, :]
    d = (cols + slant * (1.0 - rows / mh) - c) / band
    prof = np.clip(1.0 - d * d, 0.0, 1.0)
    w = (prof * prof) * mask[r0:r1, c0:c1] * SWEEP_GAIN
    fy0, fx0 = y + r0, x + c0
    ys = out.y[fy0:fy0 + (r1 - r0), fx0:fx0 + (c1 - c0)]
    ys[...] = np.clip(ys + (235.0 - ys) * w, 0, 255).astype(np.uint8)
    wc = w[::2, ::2] * 0.6
    for plane in (out.u, out.v):
        cs = plane[fy0 // 2:fy0 // 2 + wc.shape[0], fx0 // 2:fx0 // 2 + wc.shape[1]]
        cs[...] = np.clip(cs + (128.0 - cs) * wc[: cs.shape[0], : cs.shape[1]], 0, 255).astype(np.uint8)


# --- motes ------------------------------------------------------------------------------------


# What floats in each look's light, and how much of it: (count, size as a fraction of the
# frame's short side, colours). Luxury gets fine gold dust, rugged embers, natural pollen,
# playful confetti dots; everything else soft specks of its own glow and accent.
def _mote_style(look: str, roles: Roles, metal: RGB) -> tuple[int, float, list[RGB]]:
    if look == "luxury":
        return 16, 0.006, [metal, mix(metal, (255, 255, 255), 0.5)]
    if look == "rugged":
        return 14, 0.005, [(255, 150, 64), (255, 196, 110)]
    if look == "natural organic":
        return 12, 0.007, [(250, 246, 206), (226, 240, 190)]
    if look == "playful":
        cols = [c for c in (roles.accent, roles.third, *roles.palette) if max(c) - min(c) > 40]
        return 22, 0.009, (cols + [(255, 107, 107), (78, 205, 196), (255, 209, 102), (132, 94, 247)])[:6]
    if look == "futuristic tech":
        return 14, 0.005, [roles.accent, mix(roles.accent, (255, 255, 255), 0.5)]
    light = mix(roles.glow, (255, 255, 255), 0.5) if roles.dark_mode else roles.accent
    return 12, 0.008, [light, mix(roles.accent, (255, 255, 255), 0.3)]


@dataclass
class Mote:
    sprite: YuvPlanes
    r: float  # half the sprite size, px
    x0: float
    y0: float
    vx: float  # px / s
    vy: float  # px / s, upwards
    sway: float  # px
    w_sway: float
    w_twinkle: float
    phase: float
    base: float  # opacity


@dataclass
class Motes:
    motes: list[Mote]
    width: int
    height: int

    def draw(self, t: float, out: YuvPlanes) -> None:
        W, H = self.width, self.height
        for m in self.motes:
            span = H + 4 * m.r
            y = (m.y0 - m.vy * t) % span - 2 * m.r
            x = m.x0 + m.vx * t + m.sway * math.sin(m.w_sway * t + m.phase)
            x = (x + 2 * m.r) % (W + 4 * m.r) - 2 * m.r
            op = m.base * (0.55 + 0.45 * math.sin(m.w_twinkle * t + 2.1 * m.phase))
            mat = np.array([[1.0, 0.0, x - m.r], [0.0, 1.0, y - m.r]])
            warp_over(m.sprite, mat, out, opacity=op)


def _sprite(color: RGB, size: int, core: float) -> np.ndarray:
    """A soft round light: a bright core in a gaussian glow, RGBA, even-sized."""
    n = max(4, size) & ~1
    ys, xs = np.mgrid[:n, :n].astype(np.float32)
    c = (n - 1) / 2
    d = np.sqrt((xs - c) ** 2 + (ys - c) ** 2) / (n / 2)
    glow = np.exp(-(d / 0.45) ** 2)
    hot = np.exp(-(d / 0.16) ** 2) * core
    a = np.clip(glow * 0.8 + hot, 0, 1)
    rgb = np.empty((n, n, 3), np.float32)
    white = np.array((255, 255, 255), np.float32)
    col = np.array(color, np.float32)
    rgb[...] = col + (white - col) * np.clip(hot, 0, 1)[..., None] * 0.6
    return np.dstack([rgb, a * 255]).clip(0, 255).astype(np.uint8)


def make_motes(width: int, height: int, seed: int, look: str, roles: Roles, metal: RGB, grade=None) -> Motes:
    rng = np.random.default_rng(seed + 7717)
    count, size_k, colours = _mote_style(look, roles, metal)
    unit = min(width, height)
    motes = []
    for i in range(count):
        r = max(2.0, unit * size_k * rng.uniform(0.6, 1.6)) * 2.2  # sprite half size: glow reaches far
        rgba = _sprite(colours[i % len(colours)], int(r * 2), core=rng.uniform(0.5, 1.0))
        if grade is not None:
            rgba = grade(rgba)
        motes.append(Mote(
            sprite=rgb_to_yuv(rgba), r=rgba.shape[0] / 2,
            x0=rng.uniform(0, width), y0=rng.uniform(0, height),
            vx=unit * rng.uniform(-0.012, 0.012), vy=unit * rng.uniform(0.025, 0.06),
            sway=unit * rng.uniform(0.004, 0.015), w_sway=rng.uniform(0.8, 2.0),
            w_twinkle=rng.uniform(2.0, 5.0), phase=rng.uniform(0, 2 * math.pi),
            base=rng.uniform(0.55, 0.95)))
    return Motes(motes, width, height)
