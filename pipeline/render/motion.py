"""Camera moves: where the virtual camera is at any moment of a beat.

A pose is a function of u, the position in the beat (0 at its first frame, 1 at its last).
Moves are defined beyond [0, 1] too, continuing at their end speed, so the frames a transition
borrows from before or after a beat keep moving instead of freezing. The easing never stops
completely, which keeps consecutive beats feeling like one continuous camera.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class Pose:
    zoom: float = 1.0  # 1 = the layout's framing
    dx: float = 0.0  # camera offset, fraction of frame width (content moves the other way)
    dy: float = 0.0  # fraction of frame height
    angle: float = 0.0  # degrees, counter-clockwise


def ease(u: float) -> float:
    """Half linear, half sine ease: slow in and out, but never at rest; linear outside [0, 1]."""
    if u < 0:
        return 0.5 * u
    if u > 1:
        return 1 + 0.5 * (u - 1)
    return 0.5 * u + 0.5 * (0.5 - 0.5 * math.cos(math.pi * u))


# How much more the hero moves than the background: the depth cue that makes it feel 3D.
PARALLAX = {"slow_dolly": 2.2, "orbit": 2.0, "pan_across": 1.6, "pan_left": 1.6, "pan_right": 1.6,
            "tilt_up": 1.5, "tilt_down": 1.5}


# "static" is never a frozen frame: nothing in an ad may hold still for more than 1.5 s, so a
# locked-off camera still creeps forward this much over the beat, a push too slow to read as a
# move but enough that the picture breathes (and that H.264 does not turn it into repeated frames).
STATIC_DRIFT = 0.02


def camera_pose(move: str, u: float) -> Pose:
    e = ease(max(-0.3, min(1.3, u)))
    if move == "static":
        return Pose(zoom=1.0 + STATIC_DRIFT * e)
    if move == "slow_zoom_in":
        return Pose(zoom=1.0 + 0.10 * e)
    if move == "slow_zoom_out":
        return Pose(zoom=1.10 - 0.10 * e)
    if move == "push_in":
        return Pose(zoom=1.0 + 0.20 * e)
    if move == "pull_back":
        return Pose(zoom=1.20 - 0.20 * e)
    if move in ("pan_across", "pan_right"):
        return Pose(zoom=1.02, dx=-0.05 + 0.10 * e)
    if move == "pan_left":
        return Pose(zoom=1.02, dx=0.05 - 0.10 * e)
    if move == "tilt_up":
        return Pose(zoom=1.02, dy=0.045 - 0.09 * e)
    if move == "tilt_down":
        return Pose(zoom=1.02, dy=-0.045 + 0.09 * e)
    if move == "slow_dolly":
        return Pose(zoom=1.0 + 0.05 * e, dx=-0.025 + 0.05 * e)
    if move == "orbit":
        phase = (e - 0.5) * math.pi * 0.9
        return Pose(zoom=1.03, dx=0.04 * math.sin(phase), dy=0.01 * math.cos(phase), angle=-1.6 * (e - 0.5))
    raise ValueError(f"unknown camera move {move!r}")


@lru_cache(maxsize=None)
def only_slides(move: str) -> bool:
    """True when the move only slides the picture (pans and tilts): the same zoom and no
    rotation all through the beat and the transition handles around it, so its frames can
    share planes resized once (compose.ScaleCache)."""
    poses = [camera_pose(move, -0.3 + 0.1 * k) for k in range(17)]
    return len({p.zoom for p in poses}) == 1 and all(p.angle == 0.0 for p in poses)


def hero_pose(move: str, u: float) -> Pose:
    """The hero's pose: the camera's, with parallax (moves and zooms more than the backdrop)."""
    cam = camera_pose(move, u)
    k = PARALLAX.get(move, 1.0)
    zoom = cam.zoom ** (1.35 if move in ("slow_zoom_in", "slow_zoom_out", "push_in", "pull_back", "slow_dolly") else 1.0)
    return Pose(zoom=zoom, dx=cam.dx * k, dy=cam.dy * k, angle=cam.angle * 0.5)
