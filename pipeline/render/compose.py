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

def warp_full(src: YuvPlanes, m: np.ndarray, dst: YuvPlanes, cache: ScaleCache | None = None) -> None:
    """Warp an opaque layer so it fills the whole destination frame."""
    w, h = dst.size
    mc = chroma_matrix(m)
    for plane, mat, out, size in ((src.y, m, dst.y, (w, h)), (src.u, mc, dst.u, (w // 2, h // 2)),
                                  (src.v, mc, dst.v, (w // 2, h // 2))):
        if not scale_and_shift(plane, mat, out, cache):
            cv2.warpAffine(plane, mat, size, dst=out, flags=_WARP, borderMode=_BORDER)


class ScaleCache:
    """Planes enlarged whole, once, for a beat whose camera holds its zoom (pans and tilts).

    Every frame of such a beat samples the same enlarged plane, so a frame costs one sub-pixel
    crop per plane instead of a resize and a crop: about half the work. The result differs
    from the per-frame resize only in where the intermediate samples fall: 0.1 of a level on
    average, a few levels on fine detail, and more only on single-pixel points (stars, sparks),
    which the two passes soften by different amounts from frame to frame either way. One scale
    is kept per plane, so a move whose zoom does change costs time, never memory. Threads
    rendering the same scene (a clip and its transitions) share it; two of them filling the
    same entry is harmless. Keys are the planes' ids; each entry keeps its plane alive, so an
    id cannot be reused while it is cached."""

    def __init__(self) -> None:
        self._planes: dict[int, tuple[np.ndarray, float, np.ndarray]] = {}

    def scaled(self, src: np.ndarray, s: float) -> np.ndarray:
        hit = self._planes.get(id(src))
        if hit is not None and hit[0] is src and hit[1] == s:
            return hit[2]
        out = cv2.resize(src, None, fx=s, fy=s, interpolation=cv2.INTER_LINEAR)
        self._planes[id(src)] = (src, s, out)
        return out


def scale_and_shift(src: np.ndarray, m: np.ndarray, out: np.ndarray, cache: ScaleCache | None = None) -> bool:
    """A zoom and a sub-pixel pan without rotation, done as a resize (at the exact scale) and a
    sub-pixel crop: 2.5x cheaper than warpAffine's general path, and within one level of it on
    smooth backdrops. With a cache (a move that holds its zoom) the resize is done once per
    plane. False (do nothing) for rotations or when the view leaves the source."""
    s = m[0, 0]
    if m[0, 1] != 0.0 or m[1, 0] != 0.0 or abs(m[1, 1] - s) > 1e-12 or not 0.5 < s < 4.0:
        return False
    if cache is not None:
        return _shift_scaled(cache.scaled(src, s), m, out)
    h, w = out.shape
    tx, ty = m[0, 2], m[1, 2]
    cx, cy = int(math.floor(-tx / s)) - 1, int(math.floor(-ty / s)) - 1
    # The crop reaches up to 2.5 + 1/s source pixels past the view (the sub-pixel remainder
    # and the interpolation's neighbour): +5 covers every scale above 0.5, where +3 missed
    # about one frame in ten, which then fell back to warpAffine (2.5x the time, and a
    # sharper frame among softer ones). Clipped to the source; the check below decides.
    cw = min(int(math.ceil(w / s)) + 5, src.shape[1] - cx)
    ch = min(int(math.ceil(h / s)) + 5, src.shape[0] - cy)
    if cx < 0 or cy < 0 or cw < 2 or ch < 2:
        return False
    scaled = cv2.resize(src[cy:cy + ch, cx:cx + cw], None, fx=s, fy=s, interpolation=cv2.INTER_LINEAR)
    # Output pixel i sits at scaled coordinate i + d: d is what the integer crop left over.
    dx = -tx - s * cx + 0.5 * s - 0.5
    dy = -ty - s * cy + 0.5 * s - 0.5
    if dx < 0 or dy < 0 or dx + w + 1 > scaled.shape[1] or dy + h + 1 > scaled.shape[0]:
        return False
    cv2.getRectSubPix(scaled, (w, h), ((w - 1) / 2 + dx, (h - 1) / 2 + dy), patch=out)
    return True


def _shift_scaled(scaled: np.ndarray, m: np.ndarray, out: np.ndarray) -> bool:
    """The sub-pixel crop of scale_and_shift, from a plane resized whole by m's scale: output
    pixel i sits at scaled coordinate i + d (as above, with the crop at the origin)."""
    h, w = out.shape
    s = m[0, 0]
    dx = -m[0, 2] + 0.5 * s - 0.5
    dy = -m[1, 2] + 0.5 * s - 0.5
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


def warp_plane(src: np.ndarray, m: np.ndarray, size: tuple[int, int], outside: int,
               cache: ScaleCache | None = None) -> np.ndarray:
    out = np.empty((size[1], size[0]), np.uint8)
    if not scale_and_shift(src, m, out, cache):
        cv2.warpAffine(src, m, size, dst=out, flags=_WARP, borderMode=cv2.BORDER_CONSTANT, borderValue=outside)
    return out


def _lay_over(region: np.ndarray, colour: np.ndarray, clear: np.ndarray) -> None:
    cv2.multiply(region, clear, dst=region, scale=1 / 255)
    cv2.add(region, colour, dst=region)

def warp_over(src: YuvPlanes, m: np.ndarray, dst: YuvPlanes, opacity: float = 1.0,
              cache: ScaleCache | None = None) -> None:
    """Warp a layer with alpha and blend it over the frame, touching only its bounding box.
    `cache`: for a layer whose scale holds from frame to frame (see ScaleCache)."""
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
        _lay_over(dst.y[y0:y1, x0:x1], warp_plane(py, mp, size, 0, cache), warp_plane(t, mp, size, 255, cache))
        mc = _padded(chroma_matrix(m_roi), _PAD // 2)
        csize = (size[0] // 2, size[1] // 2)
        clear2 = warp_plane(t2, mc, csize, 255, cache)
        for plane_src, plane_dst in ((pu, dst.u), (pv, dst.v)):
            _lay_over(plane_dst[y0 // 2:y1 // 2, x0 // 2:x1 // 2], warp_plane(plane_src, mc, csize, 0, cache), clear2)
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
    if opacity >= 1.0:
        _paste_premultiplied(src, sx, sy, dst, (x0, y0, x1, y1))
        return
    rows, cols = slice(sy, sy + y1 - y0), slice(sx, sx + x1 - x0)
    crows, ccols = slice(sy // 2, (sy + y1 - y0) // 2), slice(sx // 2, (sx + x1 - x0) // 2)
    a, a2 = src.a * opacity, src.a2 * opacity
    cv2.blendLinear(src.y[rows, cols], dst.y[y0:y1, x0:x1], a[rows, cols], 1.0 - a[rows, cols],
                    dst=dst.y[y0:y1, x0:x1])
    for ps, pd in ((src.u, dst.u), (src.v, dst.v)):
        region = pd[y0 // 2:y1 // 2, x0 // 2:x1 // 2]
        cv2.blendLinear(ps[crows, ccols], region, a2[crows, ccols], 1.0 - a2[crows, ccols], dst=region)


def _paste_premultiplied(src: YuvPlanes, sx: int, sy: int, dst: YuvPlanes, box: tuple[int, int, int, int]) -> None:
    """Lay an overlay at full opacity over the frame's box (even corners), from its pixel
    (sx, sy). A settled overlay (the type, once it has landed) is laid over every frame of its beat:
    its premultiplied planes, made once, cost a multiply and an add per pixel, a fifth of a
    float-weighted blend; they differ from it by a level at most, on anti-aliased edges."""
    x0, y0, x1, y1 = box
    py, pu, pv, t, t2 = _premultiplied(src)
    rows, cols = slice(_PAD + sy, _PAD + sy + y1 - y0), slice(_PAD + sx, _PAD + sx + x1 - x0)
    _lay_over(dst.y[y0:y1, x0:x1], py[rows, cols], t[rows, cols])
    q = _PAD // 2
    rows = slice(q + sy // 2, q + (sy + y1 - y0) // 2)
    cols = slice(q + sx // 2, q + (sx + x1 - x0) // 2)
    for ps, pd in ((pu, dst.u), (pv, dst.v)):
        _lay_over(pd[y0 // 2:y1 // 2, x0 // 2:x1 // 2], ps[rows, cols], t2[rows, cols])

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
        """Left-to-right wipe with a soft, eased edge (B revealed on the left). Only the soft
        edge is blended: left of it is B and right of it A, copied (what a blend with weights
        1 and 0 gives, at a tenth of the cost)."""
        w, h = self.width, self.height
        e = 0.5 - 0.5 * math.cos(math.pi * p)
        feather = 0.06
        edge = -feather + (1 + 2 * feather) * e
        for plane_w, plane_h, off in ((w, h, 0), (w // 2, h // 2, w * h), (w // 2, h // 2, w * h + (w // 2) * (h // 2))):
            xs = (np.arange(plane_w, dtype=np.float32) + 0.5) / plane_w
            weight_b = np.clip((edge - xs) / feather + 0.5, 0.0, 1.0)  # falls from 1 to 0 across the edge
            c0, c1 = int(np.count_nonzero(weight_b == 1.0)), plane_w - int(np.count_nonzero(weight_b == 0.0))
            pa = a[off:off + plane_w * plane_h].reshape(plane_h, plane_w)
            pb = b[off:off + plane_w * plane_h].reshape(plane_h, plane_w)
            po = out[off:off + plane_w * plane_h].reshape(plane_h, plane_w)
            po[:, :c0] = pb[:, :c0]
            po[:, c1:] = pa[:, c1:]
            if c1 > c0:
                wb = np.ascontiguousarray(np.broadcast_to(weight_b[c0:c1], (plane_h, c1 - c0)))
                cv2.blendLinear(pb[:, c0:c1], pa[:, c0:c1], wb, 1.0 - wb, dst=po[:, c0:c1])
