"""The music's waveform with its beat grid and the cuts on top, as one image.

Drawn with numpy and Pillow (no plotting library): a min/max envelope per pixel column,
thin lines on every beat of the grid, stronger ones on downbeats (every 4th), and the beat
boundaries of the ad as labelled markers, so a person sees at a glance whether the cuts
land on the music.
"""

from __future__ import annotations

import wave
from pathlib import Path
from typing import Sequence

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from pipeline.config import ASSETS_DIR

BG = (250, 250, 252)
WAVE = (99, 102, 241)
WAVE_SOFT = (199, 200, 250)
GRID = (214, 216, 226)
DOWNBEAT = (160, 164, 184)
CUT = (17, 24, 39)
TEXT = (75, 85, 99)


def _font(size: int) -> ImageFont.ImageFont:
    for name in ("Manrope-SemiBold.ttf", "Manrope-Regular.ttf"):
        path = ASSETS_DIR / "fonts" / name
        if path.is_file():
            return ImageFont.truetype(str(path), size)
    return ImageFont.load_default()


def read_wav(path: str | Path) -> tuple[np.ndarray, int]:
    """Mono float32 samples in [-1, 1] and the sample rate of a PCM WAV."""
    with wave.open(str(path), "rb") as w:
        n, ch, width, rate = w.getnframes(), w.getnchannels(), w.getsampwidth(), w.getframerate()
        raw = w.readframes(n)
    if width == 2:
        data = np.frombuffer(raw, "<i2").astype(np.float32) / 32768.0
    elif width == 4:
        data = np.frombuffer(raw, "<i4").astype(np.float32) / 2147483648.0
    elif width == 1:
        data = (np.frombuffer(raw, np.uint8).astype(np.float32) - 128.0) / 128.0
    else:
        raise ValueError(f"{Path(path).name}: {8 * width}-bit WAV is not supported")
    if ch > 1:
        data = data.reshape(-1, ch).mean(axis=1)
    return data, rate


def envelope(samples: np.ndarray, columns: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per-column (min, max, rms) of the signal."""
    n = len(samples)
    if n == 0:
        z = np.zeros(columns, np.float32)
        return z, z, z
    edges = np.linspace(0, n, columns + 1).astype(int)
    lo = np.empty(columns, np.float32)
    hi = np.empty(columns, np.float32)
    rms = np.empty(columns, np.float32)
    for i in range(columns):
        seg = samples[edges[i]:max(edges[i + 1], edges[i] + 1)]
        lo[i], hi[i] = seg.min(), seg.max()
        rms[i] = float(np.sqrt(np.mean(seg * seg)))
    return lo, hi, rms


def draw_waveform(wav: str | Path, beat_grid: Sequence[float], cuts: Sequence[float] = (),
                  labels: Sequence[str] = (), width: int = 1400, height: int = 220,
                  duration: float | None = None) -> Image.Image:
    """The waveform of `wav` with the beat grid and the cut times (seconds) marked."""
    samples, rate = read_wav(wav)
    total = duration or (len(samples) / rate if rate else 0.0) or 1.0
    scale = 2  # draw at 2x, downsample for smooth lines
    W, H = width * scale, height * scale
    top, bottom = 36 * scale, H - 28 * scale
    mid = (top + bottom) / 2
    half = (bottom - top) / 2
    img = Image.new("RGB", (W, H), BG)
    d = ImageDraw.Draw(img)

    def x_of(t: float) -> float:
        return max(0.0, min(W - 1.0, t / total * (W - 1)))

    # Beat grid under the waveform.
    for k, t in enumerate(beat_grid):
        x = x_of(t)
        strong = k % 4 == 0
        d.line([(x, top), (x, bottom)], fill=DOWNBEAT if strong else GRID, width=2 if strong else 1)

    lo, hi, rms = envelope(samples, W)
    peak = max(float(np.max(np.abs(samples))) if len(samples) else 0.0, 1e-6)
    for x in range(W):
        y0, y1 = mid - hi[x] / peak * half, mid - lo[x] / peak * half
        d.line([(x, y0), (x, y1)], fill=WAVE_SOFT)
        r = rms[x] / peak * half
        d.line([(x, mid - r), (x, mid + r)], fill=WAVE)

    f = _font(13 * scale)
    small = _font(12 * scale)
    # Cuts (beat boundaries) on top, with the beat number between them.
    edges = [0.0, *cuts, total]
    for i, t in enumerate(cuts):
        x = x_of(t)
        d.line([(x, top - 8 * scale), (x, bottom)], fill=CUT, width=2 * scale)
        d.polygon([(x - 5 * scale, top - 14 * scale), (x + 5 * scale, top - 14 * scale), (x, top - 6 * scale)],
                  fill=CUT)
    for i in range(len(edges) - 1):
        a, b = x_of(edges[i]), x_of(edges[i + 1])
        text = labels[i] if i < len(labels) else str(i + 1)
        tw = d.textlength(text, font=f)
        if tw + 12 * scale < b - a:
            d.text(((a + b) / 2 - tw / 2, 6 * scale), text, fill=TEXT, font=f)
    # Time axis.
    step = 5 if total > 20 else (2 if total > 8 else 1)
    t = 0.0
    while t <= total + 1e-6:
        x = x_of(t)
        d.line([(x, bottom), (x, bottom + 5 * scale)], fill=DOWNBEAT, width=scale)
        label = f"{t:g}s"
        tw = d.textlength(label, font=small)
        d.text((min(max(x - tw / 2, 0), W - tw), bottom + 7 * scale), label, fill=TEXT, font=small)
        t += step
    return img.resize((width, height), Image.Resampling.LANCZOS)


def on_grid(cuts: Sequence[float], beat_grid: Sequence[float], tolerance: float = 0.05) -> list[bool]:
    """For each cut: does it land within `tolerance` seconds of a grid beat?"""
    grid = np.asarray(list(beat_grid), np.float64)
    if grid.size == 0:
        return [False for _ in cuts]
    return [bool(np.min(np.abs(grid - c)) <= tolerance) for c in cuts]
