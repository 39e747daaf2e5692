"""A hosted model's clip becomes a beat's head/body/tail pieces, like a locally rendered one.

Hosted clips come back at the model's size and frame rate (Wan: 832x480 at 16 fps, 81-121
frames) and ungraded. Here each clip is:

* reframed: cropped around the centre to the format's aspect (16:9 -> 9:16 or 1:1);
* resized: upscaled by the configured upscaler (Lanczos locally, or Real-ESRGAN) when smaller
  than the format, area-downscaled when larger;
* retimed to the spec's fps and exact frame count: frames are picked by time, so a longer clip
  is trimmed, a shorter one slowed down (up to `MAX_STRETCH`) and then held on its last frame;
* graded with the spec's LUT, contrast and saturation, once per source frame;
* given the beat's on-screen text (the same overlays the local renderer sets);
* written with `write_pieces`, so transitions and the export treat it like any other clip.

Frames stream: only the current source frame (and a few in flight to a remote upscaler) are
held in memory.
"""

from __future__ import annotations

import math
from collections import deque
from pathlib import Path
from typing import Any, Iterator

import cv2
import numpy as np

from ..control import ThreadPool
from ..errors import RenderError
from .color import YuvPlanes, frame_buffer, rgb_to_yuv
from .ffmpeg import decode_rgb, probe

MAX_STRETCH = 1.5  # a short clip is slowed down at most this much before its last frame is held
REMOTE_WINDOW = 8  # frames in flight to a remote upscaler


def centre_crop(src_w: int, src_h: int, dst_w: int, dst_h: int) -> tuple[int, int, int, int]:
    """(x, y, w, h) of the largest centred box of the destination's aspect ratio."""
    target = dst_w / dst_h
    if src_w / src_h > target:  # source wider: cut the sides
        w = max(1, min(src_w, int(round(src_h * target))))
        return (src_w - w) // 2, 0, w, src_h
    h = max(1, min(src_h, int(round(src_w / target))))
    return 0, (src_h - h) // 2, src_w, h


def source_frames_for(n_src: int, src_fps: float, n_out: int, out_fps: float,
                      max_stretch: float = MAX_STRETCH) -> list[int]:
    """For each output frame, the source frame to show (non-decreasing).

    A source at least as long as the output is trimmed (its start is kept); a shorter one is
    slowed down to fill the output, by at most `max_stretch`, and then holds its last frame."""
    if n_src < 1 or n_out < 0 or src_fps <= 0 or out_fps <= 0:
        raise RenderError(f"cannot retime a clip of {n_src} frames at {src_fps} fps to {n_out} at {out_fps}")
    src_s, out_s = n_src / src_fps, n_out / out_fps
    stretch = min(max_stretch, out_s / src_s) if out_s > src_s else 1.0
    return [min(n_src - 1, int(math.floor(k / out_fps / stretch * src_fps + 1e-6))) for k in range(n_out)]


_PROBED: dict[tuple[str, int, int], object] = {}


def _probe(path: Path):
    """probe() with exact counts, once per source file (every format of a beat shares it)."""
    st = path.stat()
    key = (str(path), st.st_size, st.st_mtime_ns)
    if key not in _PROBED:
        if len(_PROBED) > 256:
            _PROBED.clear()
        _PROBED[key] = probe(path, count=True)
    return _PROBED[key]


def text_overlays(scene) -> list:
    """The beat's on-screen text as the local renderer sets it (title, feature, CTA, logo)."""
    from .layout import layout_for
    from .palette import roles_for
    from .scene import _overlays

    layout = layout_for(scene.shot_type, scene.text_role, scene.width, scene.height,
                        has_text=bool(scene.text.strip()))
    return _overlays(scene, layout, roles_for(scene.palette, scene.lighting))


def _grader(scene):
    if not scene.lut_path and scene.contrast == 1.0 and scene.saturation == 1.0:
        return lambda rgb: rgb
    from .lut import grade
    from .scene import _load_lut  # cached per LUT file, with its lookup tables

    lut = _load_lut(scene.lut_path)
    return lambda rgb: grade(rgb, lut, contrast=scene.contrast, saturation=scene.saturation,
                             strength=scene.grade_strength)


def normalise_clip(ctx: Any, job: Any, source: Path) -> Any:
    """Turn a hosted clip (any size, fps and length) into `job`'s ClipPieces."""
    from .pieces import write_pieces

    scene = job.scene
    W, H, fps = scene.width, scene.height, scene.fps
    info = _probe(Path(source))
    if info.frames < 1 or info.width < 2 or info.height < 2:
        raise RenderError(f"{Path(source).name} has no decodable frames")
    src_fps = info.fps or 16.0
    wanted = source_frames_for(info.frames, src_fps, job.total_frames, fps)
    x, y, cw, ch = centre_crop(info.width, info.height, W, H)
    upscaler = getattr(getattr(ctx, "providers", None), "upscaler", None)
    remote = bool(getattr(upscaler, "remote", False))
    grade = _grader(scene)
    overlays = text_overlays(scene) if scene.text.strip() or scene.show_logo_bug else []

    def prepare(rgb: np.ndarray) -> YuvPlanes:
        crop = np.ascontiguousarray(rgb[y:y + ch, x:x + cw])
        if cw < W or ch < H:
            if upscaler is not None:
                out = np.asarray(upscaler.upscale(ctx, crop, W, H), dtype=np.uint8)
            else:
                out = cv2.resize(crop, (W, H), interpolation=cv2.INTER_LANCZOS4)
            if out.shape[:2] != (H, W):
                out = cv2.resize(out, (W, H), interpolation=cv2.INTER_AREA)
        elif (cw, ch) != (W, H):
            out = cv2.resize(crop, (W, H), interpolation=cv2.INTER_AREA)
        else:
            out = crop
        return rgb_to_yuv(np.ascontiguousarray(grade(np.ascontiguousarray(out[..., :3]))))

    def prepared() -> Iterator[tuple[int, YuvPlanes]]:
        """(source index, prepared planes) for each needed source frame, in order."""
        needed = sorted(set(wanted))
        need_iter = iter(needed)
        nxt = next(need_iter, None)
        decoded = ((i, f) for i, f in enumerate(decode_rgb(source)))
        if not remote:
            for i, rgb in decoded:
                if nxt is None:
                    break
                if i == nxt:
                    yield i, prepare(rgb)
                    nxt = next(need_iter, None)
            return
        with ThreadPool(max_workers=REMOTE_WINDOW) as pool:
            inflight: deque = deque()
            for i, rgb in decoded:
                if nxt is None:
                    break
                if i == nxt:
                    inflight.append((i, pool.submit(prepare, rgb.copy())))
                    nxt = next(need_iter, None)
                    if len(inflight) >= REMOTE_WINDOW:
                        j, fut = inflight.popleft()
                        yield j, fut.result()
            while inflight:
                j, fut = inflight.popleft()
                yield j, fut.result()

    def frames() -> Iterator[np.ndarray]:
        flat, planes = frame_buffer(W, H)
        source_iter = prepared()
        current: tuple[int, YuvPlanes] | None = None
        for k, want in enumerate(wanted):
            while current is None or current[0] < want:
                got = next(source_iter, None)
                if got is None:  # the decoder gave fewer frames than probed: hold the last
                    if current is None:
                        raise RenderError(f"{Path(source).name} has no decodable frames")
                    break
                current = got
            base = current[1]
            planes.y[...] = base.y
            planes.u[...] = base.u
            planes.v[...] = base.v
            if overlays:
                from .scene import _draw_overlay
                t = (k - job.head_frames // 2) / fps
                for ov in overlays:
                    _draw_overlay(ov, t, planes)
            yield flat

    return write_pieces(job, frames(), ctx.settings)
