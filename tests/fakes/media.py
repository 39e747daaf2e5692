"""Small, real media files for the fake servers: PNG images (Pillow), H.264 MP4 clips (the ffmpeg
from imageio-ffmpeg) and WAV music with a steady beat (numpy)."""

from __future__ import annotations

import functools
import io
import math
import subprocess
import tempfile
import wave
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw


def png(width: int, height: int, seed: int = 0) -> bytes:
    """A colourful gradient with a few shapes, so crops and grades are visible."""
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:height, 0:width]
    base = np.stack([x / max(1, width - 1) * 255, y / max(1, height - 1) * 255,
                     np.full_like(x, int(rng.integers(60, 200)), dtype=float)], axis=-1).astype(np.uint8)
    img = Image.fromarray(base, "RGB")
    d = ImageDraw.Draw(img)
    for _ in range(3):
        cx, cy = int(rng.integers(0, width)), int(rng.integers(0, height))
        r = int(rng.integers(3, max(4, min(width, height) // 3)))
        d.ellipse([cx - r, cy - r, cx + r, cy + r], fill=tuple(int(v) for v in rng.integers(0, 255, 3)))
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    return buf.getvalue()


def upscaled_png(data: bytes, scale: int) -> bytes:
    with Image.open(io.BytesIO(data)) as img:
        out = img.convert("RGB").resize((img.width * scale, img.height * scale), Image.Resampling.LANCZOS)
    buf = io.BytesIO()
    out.save(buf, format="PNG")
    return buf.getvalue()


@functools.lru_cache(maxsize=32)
def mp4(width: int, height: int, frames: int, fps: int = 16) -> bytes:
    """An H.264 clip of a moving test pattern."""
    from imageio_ffmpeg import get_ffmpeg_exe

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "clip.mp4"
        subprocess.run([get_ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-nostdin", "-y", "-f", "lavfi",
                        "-i", f"testsrc2=size={width}x{height}:rate={fps}", "-frames:v", str(frames),
                        "-pix_fmt", "yuv420p", "-c:v", "libx264", "-preset", "ultrafast", str(out)], check=True)
        return out.read_bytes()


def wav(duration_s: float, bpm: float = 120.0, offset_s: float = 0.0, sample_rate: int = 32000) -> bytes:
    """Stereo music stand-in: a soft chord with a sharp click on every beat, the first at offset_s."""
    n = int(round(duration_s * sample_rate))
    t = np.arange(n) / sample_rate
    x = 0.08 * (np.sin(2 * math.pi * 220 * t) + np.sin(2 * math.pi * 277.2 * t) + np.sin(2 * math.pi * 329.6 * t))
    period = 60.0 / bpm
    click = np.exp(-np.arange(int(0.03 * sample_rate)) / (0.004 * sample_rate)) * np.sin(
        2 * math.pi * 1800 * np.arange(int(0.03 * sample_rate)) / sample_rate)
    k = 0
    while offset_s + k * period < duration_s:
        s = int(round((offset_s + k * period) * sample_rate))
        e = min(n, s + len(click))
        x[s:e] += 0.6 * click[: e - s]
        k += 1
    pcm = (np.clip(x, -1, 1) * 32767).astype("<i2")
    stereo = np.repeat(pcm[:, None], 2, axis=1)
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(2)
        w.setsampwidth(2)
        w.setframerate(sample_rate)
        w.writeframes(stereo.tobytes())
    return buf.getvalue()
