"""Per-frame composition on YUV 4:2:0 planes, straight into the encoder's buffer.

Everything expensive (drawing, grading, typography, colour conversion) happened once on the
stills; per frame we only warp the backdrop and the hero (OpenCV, bilinear, sub-pixel: no
jitter) and alpha-blend small overlay regions. See RENDER-FACTS.md for the measurements this
design follows.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import cv2

import numpy as np

from .color import BLACK_YUV, WHITE_YUV, YuvPlanes
from .motion import Pose

_WARP = cv2.INTER_LINEAR
_BORDER = cv2.BORDER_REFLECT101

def affine(pose: Pose, src_center: tuple[float, float], dst_center: tuple[float, float],
           scale: float = 1.0) -> np.ndarray:
    """Forward 2x3 matrix: rotate and scale about the source centre, place at dst centre."""
    s = pose.zoom * scale
    m = cv2.getRotationMatrix2D((0.0, 0.0), pose.angle, s)
    m[:, 2] = np.array(dst_center) - m[:, :2] @ np.array(src_center)
    return m

def chroma_matrix(m: np.ndarray) -> np.ndarray:
    """The same transform for a half-resolution chroma plane (sample centres at 2c + 0.5)."""
    a, b = m[:, :2], m[:, 2]
    out = np.empty_like(m)
    out[:, :2] = a
    out[:, 2] = (a @ np.array([0.5, 0.5]) + b - 0.5) / 2
    return out

def warp_full(src: YuvPlanes, m: np.ndarray, dst: YuvPlanes) -> None:
    """Warp an opaque layer so it fills the whole destination frame."""
    w, h = dst.size
    mc = chroma_matrix(m)
    for plane, mat, out, size in ((src.y, m, dst.y, (w, h)), (src.u, mc, dst.u, (w // 2, h // 2)),
                                  (src.v, mc, dst.v, (w // 2, h // 2))):
        if not scale_and_shift(plane, mat, out):
            cv2.warpAffine(plane, mat, size, dst=out, flags=_WARP, borderMode=_BORDER)


def scale_and_shift(src: np.ndarray, m: np.ndarray, out: np.ndarray) -> bool:
    """A zoom and a sub-pixel pan without rotation, done as a resize (at the exact scale) and a
    sub-pixel crop: 2.5x cheaper than warpAffine's general path, and within one level of it on
    smooth backdrops. False (do nothing) for rotations or when the view leaves the source."""
    s = m[0, 0]
    if m[0, 1] != 0.0 or m[1, 0] != 0.0 or abs(m[1, 1] - s) > 1e-12 or not 0.5 < s < 4.0:
        return False
    h, w = out.shape
    tx, ty = m[0, 2], m[1, 2]
    cx, cy = int(math.floor(-tx / s)) - 1, int(math.floor(-ty / s)) - 1
    cw, ch = int(math.ceil(w / s)) + 3, int(math.ceil(h / s)) + 3
    if cx < 0 or cy < 0 or cx + cw > src.shape[1] or cy + ch > src.shape[0]:
        return False
    scaled = cv2.resize(src[cy:cy + ch, cx:cx + cw], None, fx=s, fy=s, interpolation=cv2.INTER_LINEAR)
    # Output pixel i sits at scaled coordinate i + d: d is what the integer crop left over.
    dx = -tx - s * cx + 0.5 * s - 0.5
    dy = -ty - s * cy + 0.5 * s - 0.5
    if dx < 0 or dy < 0 or dx + w + 1 > scaled.shape[1] or dy + h + 1 > scaled.shape[0]:
        return False
    cv2.getRectSubPix(scaled, (w, h), ((w - 1) / 2 + dx, (h - 1) / 2 + dy), patch=out)
    return True

def _roi(m: np.ndarray, src_w: int, src_h: int, w: int, h: int) -> tuple[int, int, int, int] | None:
    corners = np.array([[0, 0, 1], [src_w, 0, 1], [0, src_h, 1], [src_w, src_h, 1]], np.float64)
    pts = corners @ m.T
    x0 = max(0, int(math.floor(pts[:, 0].min())) - 2) & ~1
    y0 = max(0, int(math.floor(pts[:, 1].min())) - 2) & ~1
    x1 = min(w, (int(math.ceil(pts[:, 0].max())) + 3) & ~1)
    y1 = min(h, (int(math.ceil(pts[:, 1].max())) + 3) & ~1)
    if x1 - x0 < 2 or y1 - y0 < 2:
        return None
    return x0, y0, x1, y1

def _blend(dst: np.ndarray, src: np.ndarray, alpha: np.ndarray) -> None:
    """dst = src * alpha + dst * (1 - alpha), in place, for uint8 planes and float alpha."""
    cv2.blendLinear(src, dst, alpha, 1.0 - alpha, dst=dst)

_PAD = 8  # transparent border around a premultiplied layer (luma px; chroma gets half)


def _premultiplied(src: YuvPlanes) -> tuple[np.ndarray, ...]:
    """(y·a, u·a2, v·a2, 255·(1 − a), 255·(1 − a2)) as uint8 with a transparent border of
    _PAD pixels, computed once per layer: warping these and laying them over with
    `dst · clear/255 + colour` costs a third of warping a float alpha and blending with it (a
    hero is laid over every frame of its beat). The border lets a zoom read just past the
    layer's edge as a plain resize, without a border mode."""
    cached = getattr(src, "_premul", None)
    if cached is None:
        def premul(c: np.ndarray, a: np.ndarray, pad: int) -> np.ndarray:
            out = np.clip(c.astype(np.float32) * a + 0.5, 0, 255).astype(np.uint8)
            return cv2.copyMakeBorder(out, pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=0)

        def clear(a: np.ndarray, pad: int) -> np.ndarray:
            out = np.clip((1.0 - a) * 255.0 + 0.5, 0, 255).astype(np.uint8)
            return cv2.copyMakeBorder(out, pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=255)

        p, q = _PAD, _PAD // 2
        cached = (premul(src.y, src.a, p), premul(src.u, src.a2, q), premul(src.v, src.a2, q),
                  clear(src.a, p), clear(src.a2, q))
        src._premul = cached  # type: ignore[attr-defined]
    return cached


def _padded(m: np.ndarray, pad: int) -> np.ndarray:
    """The matrix for a source that gained `pad` pixels on every side."""
    out = m.copy()
    out[:, 2] -= m[:, :2] @ np.array([pad, pad], np.float64)
    return out


def warp_plane(src: np.ndarray, m: np.ndarray, size: tuple[int, int], outside: int) -> np.ndarray:
    out = np.empty((size[1], size[0]), np.uint8)
    if not scale_and_shift(src, m, out):
        cv2.warpAffine(src, m, size, dst=out, flags=_WARP, borderMode=cv2.BORDER_CONSTANT, borderValue=outside)
    return out


def _lay_over(region: np.ndarray, colour: np.ndarray, clear: np.ndarray) -> None:
    cv2.multiply(region, clear, dst=region, scale=1 / 255)
    cv2.add(region, colour, dst=region)

def warp_over(src: YuvPlanes, m: np.ndarray, dst: YuvPlanes, opacity: float = 1.0) -> None:
    """Warp a layer with alpha and blend it over the frame, touching only its bounding box."""
    w, h = dst.size
    sw, sh = src.size
    box = _roi(m, sw, sh, w, h)
    if box is None or opacity <= 0.0:
        return
    x0, y0, x1, y1 = box
    m_roi = m.copy()
    m_roi[:, 2] -= (x0, y0)
    size = (x1 - x0, y1 - y0)
    if opacity >= 1.0:
        py, pu, pv, t, t2 = _premultiplied(src)
        mp = _padded(m_roi, _PAD)
        _lay_over(dst.y[y0:y1, x0:x1], warp_plane(py, mp, size, 0), warp_plane(t, mp, size, 255))
        mc = _padded(chroma_matrix(m_roi), _PAD // 2)
        csize = (size[0] // 2, size[1] // 2)
        clear2 = warp_plane(t2, mc, csize, 255)
        for plane_src, plane_dst in ((pu, dst.u), (pv, dst.v)):
            _lay_over(plane_dst[y0 // 2:y1 // 2, x0 // 2:x1 // 2], warp_plane(plane_src, mc, csize, 0), clear2)
        return
    a = cv2.warpAffine(src.a, m_roi, size, flags=_WARP, borderMode=cv2.BORDER_CONSTANT, borderValue=0)
    if opacity < 1.0:
        a *= opacity
    y = cv2.warpAffine(src.y, m_roi, size, flags=_WARP, borderMode=cv2.BORDER_REPLICATE)
    _blend(dst.y[y0:y1, x0:x1], y, a)
    mc = chroma_matrix(m_roi)
    csize = (size[0] // 2, size[1] // 2)
    a2 = cv2.warpAffine(src.a2, mc, csize, flags=_WARP, borderMode=cv2.BORDER_CONSTANT, borderValue=0)
    if opacity < 1.0:
        a2 *= opacity
    cy0, cy1, cx0, cx1 = y0 // 2, y1 // 2, x0 // 2, x1 // 2
    for plane_src, plane_dst in ((src.u, dst.u), (src.v, dst.v)):
        c = cv2.warpAffine(plane_src, mc, csize, flags=_WARP, borderMode=cv2.BORDER_REPLICATE)
        _blend(plane_dst[cy0:cy1, cx0:cx1], c, a2)

def paste_over(src: YuvPlanes, x: int, y: int, dst: YuvPlanes, opacity: float = 1.0) -> None:
    """Blend an unmoved overlay at even (x, y); clipped to the frame."""
    if opacity <= 0.0:
        return
    w, h = dst.size
    sw, sh = src.size
    x, y = x & ~1, y & ~1
    x0, y0, x1, y1 = max(0, x), max(0, y), min(w, x + sw), min(h, y + sh)
    if x1 - x0 < 2 or y1 - y0 < 2:
        return
    sx, sy = x0 - x, y0 - y
    rows, cols = slice(sy, sy + y1 - y0), slice(sx, sx + x1 - x0)
    crows, ccols = slice(sy // 2, (sy + y1 - y0) // 2), slice(sx // 2, (sx + x1 - x0) // 2)
    a, a2 = _alphas(src, opacity)
    cv2.blendLinear(src.y[rows, cols], dst.y[y0:y1, x0:x1], a[0][rows, cols], a[1][rows, cols],
                    dst=dst.y[y0:y1, x0:x1])
    for ps, pd in ((src.u, dst.u), (src.v, dst.v)):
        region = pd[y0 // 2:y1 // 2, x0 // 2:x1 // 2]
        cv2.blendLinear(ps[crows, ccols], region, a2[0][crows, ccols], a2[1][crows, ccols], dst=region)

def _alphas(src: YuvPlanes, opacity: float) -> tuple[tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]:
    """(alpha, 1 - alpha) at full and chroma resolution. A settled overlay is pasted on every
    frame of its beat, so the fully opaque pair is computed once and kept on the overlay."""
    if opacity >= 1.0:
        cached = getattr(src, "_weights", None)
        if cached is None:
            cached = ((src.a, 1.0 - src.a), (src.a2, 1.0 - src.a2))
            src._weights = cached  # type: ignore[attr-defined]
        return cached
    a, a2 = src.a * opacity, src.a2 * opacity
    return (a, 1.0 - a), (a2, 1.0 - a2)

# --- transitions between two whole frames (flat yuv420p buffers) ---------------------------

def _solid(width: int, height: int, yuv: tuple[int, int, int]) -> np.ndarray:
    n, q = width * height, (width // 2) * (height // 2)
    flat = np.empty(n + 2 * q, np.uint8)
    flat[:n], flat[n:n + q], flat[n + q:] = yuv
    return flat

@dataclass
class TransitionMixer:
    """Mixes outgoing frame A and incoming frame B at progress p in (0, 1)."""

    kind: str
    width: int
    height: int
    _black: np.ndarray = field(init=False, repr=False)
    _white: np.ndarray = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._black = _solid(self.width, self.height, BLACK_YUV)
        self._white = _solid(self.width, self.height, WHITE_YUV)

    def mix(self, a: np.ndarray, b: np.ndarray, p: float, out: np.ndarray) -> None:
        k = self.kind
        if k == "crossfade":
            cv2.addWeighted(a, 1.0 - p, b, p, 0.0, dst=out)
        elif k == "fade_black":  # dip to black: out first, then in
            if p < 0.5:
                cv2.addWeighted(a, 1.0 - 2 * p, self._black, 2 * p, 0.0, dst=out)
            else:
                cv2.addWeighted(b, 2 * p - 1.0, self._black, 2.0 - 2 * p, 0.0, dst=out)
        elif k == "flash":  # a quick white flash peaking a third of the way in
            peak = 1.0 / 3
            if p < peak:
                cv2.addWeighted(a, 1.0 - p / peak, self._white, p / peak, 0.0, dst=out)
            else:
                q = (p - peak) / (1 - peak)
                cv2.addWeighted(b, q, self._white, 1.0 - q, 0.0, dst=out)
        elif k == "wipe":
            self._wipe(a, b, p, out)
        else:
            raise ValueError(f"unknown transition {k!r}")

    def _wipe(self, a: np.ndarray, b: np.ndarray, p: float, out: np.ndarray) -> None:
        """Left-to-right wipe with a soft, eased edge (B revealed on the left)."""
        w, h = self.width, self.height
        e = 0.5 - 0.5 * math.cos(math.pi * p)
        feather = 0.06
        edge = -feather + (1 + 2 * feather) * e
        for plane_w, plane_h, off in ((w, h, 0), (w // 2, h // 2, w * h), (w // 2, h // 2, w * h + (w // 2) * (h // 2))):
            xs = (np.arange(plane_w, dtype=np.float32) + 0.5) / plane_w
            weight_b = np.clip((edge - xs) / feather + 0.5, 0.0, 1.0)
            pa = a[off:off + plane_w * plane_h].reshape(plane_h, plane_w)
            pb = b[off:off + plane_w * plane_h].reshape(plane_h, plane_w)
            po = out[off:off + plane_w * plane_h].reshape(plane_h, plane_w)
            wb = np.broadcast_to(weight_b, (plane_h, plane_w)).astype(np.float32)
            cv2.blendLinear(pb, pa, wb, 1.0 - wb, dst=po)
