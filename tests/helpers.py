"""Small utilities tests share: decoding exports into frames to compare."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from pipeline.render.ffmpeg import decode_rgb


def frames_of(path: str | Path) -> np.ndarray:
    """All frames of a (small) video as one uint8 array (N, H, W, 3)."""
    return np.stack(list(decode_rgb(Path(path))))


def export_path(results, fmt: str = "16:9") -> str:
    files = results[-1].outputs["files"]
    return next(f["path"] for f in files if f["format"] == fmt)
