"""RGB <-> BT.709 limited-range YUV 4:2:0, the format we pipe to the encoder.

Stills are converted once; per-frame work then happens on planes (Y at full size, U and V at
quarter size), which is half the pixels of RGB and needs no conversion per frame. Chroma is
averaged over each 2x2 block before subsampling (INTER_AREA), as ffmpeg's own conversion does;
plain decimation makes files about half again as large (RENDER-FACTS).
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

# BT.709, limited range (Y 16..235, C 16..240), rows = Y, U(Cb), V(Cr); last column offsets.
_KR, _KB = 0.2126, 0.0722
_KG = 1 - _KR - _KB
_Y = np.array([_KR, _KG, _KB]) * 219 / 255
_U = np.array([-_KR / (2 * (1 - _KB)), -_KG / (2 * (1 - _KB)), 0.5]) * 224 / 255
_V = np.array([0.5, -_KG / (2 * (1 - _KR)), -_KB / (2 * (1 - _KR))]) * 224 / 255
RGB_TO_Y = np.array([[*_Y, 16.0]], np.float32)
RGB_TO_UV = np.array([[*_U, 128.0], [*_V, 128.0]], np.float32)

BLACK_YUV = (16, 128, 128)
WHITE_YUV = (235, 128, 128)


@dataclass
class YuvPlanes:
    """A still or a frame in 4:2:0: y is (H, W); u and v are (H/2, W/2). alpha optional."""

    y: np.ndarray
    u: np.ndarray
    v: np.ndarray
    a: np.ndarray | None = None  # float32 0..1, (H, W)
    a2: np.ndarray | None = None  # float32 0..1, (H/2, W/2)

    @property
    def size(self) -> tuple[int, int]:
        return self.y.shape[1], self.y.shape[0]


def rgb_to_yuv(rgb: np.ndarray) -> YuvPlanes:
    """uint8 RGB or RGBA (H, W, 3|4) with even H and W -> YuvPlanes (alpha kept as float)."""
    h, w = rgb.shape[:2]
    if h % 2 or w % 2:
        raise ValueError(f"image size {w}x{h} must be even for 4:2:0")
    color = np.ascontiguousarray(rgb[..., :3])
    y = cv2.transform(color, RGB_TO_Y)
    small = cv2.resize(color, (w // 2, h // 2), interpolation=cv2.INTER_AREA)
    uv = cv2.transform(small, RGB_TO_UV)
    planes = YuvPlanes(y=np.ascontiguousarray(y.reshape(h, w)), u=np.ascontiguousarray(uv[..., 0]),
                       v=np.ascontiguousarray(uv[..., 1]))
    if rgb.shape[2] == 4:
        a = rgb[..., 3].astype(np.float32) / 255.0
        planes.a = a
        planes.a2 = cv2.resize(a, (w // 2, h // 2), interpolation=cv2.INTER_AREA)
    return planes


def yuv_to_rgb(flat: np.ndarray, width: int, height: int) -> np.ndarray:
    """A flat yuv420p frame -> RGB (H, W, 3) uint8 (BT.709 limited); for previews and tests."""
    y = flat[: width * height].reshape(height, width).astype(np.float32)
    q = (width // 2) * (height // 2)
    u = flat[width * height: width * height + q].reshape(height // 2, width // 2).astype(np.float32)
    v = flat[width * height + q:].reshape(height // 2, width // 2).astype(np.float32)
    u = cv2.resize(u, (width, height), interpolation=cv2.INTER_LINEAR) - 128
    v = cv2.resize(v, (width, height), interpolation=cv2.INTER_LINEAR) - 128
    yy = (y - 16) * 255 / 219
    cb, cr = u * 255 / 224, v * 255 / 224
    r = yy + 2 * (1 - _KR) * cr
    b = yy + 2 * (1 - _KB) * cb
    g = (yy - _KR * r - _KB * b) / _KG
    return np.clip(np.dstack([r, g, b]) + 0.5, 0, 255).astype(np.uint8)


def frame_buffer(width: int, height: int) -> tuple[np.ndarray, YuvPlanes]:
    """One flat yuv420p buffer and plane views into it: composing writes straight into what
    the encoder reads, with no copy per frame."""
    n = width * height
    q = n // 4
    flat = np.empty(n + 2 * q, np.uint8)
    planes = YuvPlanes(y=flat[:n].reshape(height, width), u=flat[n:n + q].reshape(height // 2, width // 2),
                       v=flat[n + q:].reshape(height // 2, width // 2))
    return flat, planes
