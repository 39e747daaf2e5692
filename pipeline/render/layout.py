"""Where things go in a frame: the hero, the text block and the logo, per shot and format.

The animatic sketches and the final renders share this one layout, so what a person approves
in the animatic is what they get in the ad. Coordinates are fractions of the frame.
"""

from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    w: float
    h: float

    def px(self, width: int, height: int) -> tuple[int, int, int, int]:
        return int(self.x * width), int(self.y * height), int(self.w * width), int(self.h * height)


@dataclass(frozen=True)
class Layout:
    hero_center: tuple[float, float] | None  # fractions of width, height; None = no hero
    hero_height: float  # fraction of frame height
    text_box: Box
    align: str  # "left" | "center"
    podium: bool = False
    floor: float | None = None  # horizon as a fraction of height, for a reflective floor


def orientation(width: int, height: int) -> str:
    r = width / height
    return "landscape" if r >= 1.2 else ("portrait" if r <= 0.85 else "square")


_LANDSCAPE = {
    "product_hero": Layout((0.5, 0.46), 0.60, Box(0.12, 0.80, 0.76, 0.15), "center", floor=0.70),
    "close_up": Layout((0.66, 0.52), 0.92, Box(0.07, 0.30, 0.40, 0.40), "left"),
    "macro": Layout((0.68, 0.62), 1.85, Box(0.06, 0.66, 0.30, 0.26), "left"),
    "medium": Layout((0.67, 0.52), 0.58, Box(0.07, 0.32, 0.42, 0.36), "left", floor=0.78),
    "lifestyle": Layout((0.66, 0.55), 0.52, Box(0.07, 0.32, 0.42, 0.36), "left", floor=0.80),
    "wide": Layout((0.5, 0.60), 0.34, Box(0.15, 0.08, 0.70, 0.20), "center", podium=True, floor=0.76),
    "overhead": Layout((0.62, 0.5), 0.62, Box(0.07, 0.55, 0.38, 0.35), "left"),
    "text_card": Layout(None, 0.0, Box(0.10, 0.25, 0.80, 0.50), "center"),
}
_CTA_LANDSCAPE = Layout((0.30, 0.50), 0.62, Box(0.52, 0.22, 0.42, 0.56), "center", floor=0.82)

_PORTRAIT = {
    "product_hero": Layout((0.5, 0.38), 0.40, Box(0.08, 0.66, 0.84, 0.22), "center", floor=0.56),
    "close_up": Layout((0.5, 0.36), 0.56, Box(0.08, 0.68, 0.84, 0.22), "center"),
    "macro": Layout((0.5, 0.36), 1.0, Box(0.08, 0.70, 0.84, 0.20), "center"),
    "medium": Layout((0.5, 0.38), 0.36, Box(0.08, 0.66, 0.84, 0.22), "center", floor=0.56),
    "lifestyle": Layout((0.5, 0.40), 0.34, Box(0.08, 0.66, 0.84, 0.22), "center", floor=0.58),
    "wide": Layout((0.5, 0.50), 0.22, Box(0.08, 0.12, 0.84, 0.18), "center", podium=True, floor=0.62),
    "overhead": Layout((0.5, 0.38), 0.38, Box(0.08, 0.66, 0.84, 0.22), "center"),
    "text_card": Layout(None, 0.0, Box(0.08, 0.30, 0.84, 0.40), "center"),
}
_CTA_PORTRAIT = Layout((0.5, 0.32), 0.34, Box(0.08, 0.56, 0.84, 0.34), "center", floor=0.52)

_SQUARE = {
    "product_hero": Layout((0.5, 0.42), 0.54, Box(0.08, 0.76, 0.84, 0.18), "center", floor=0.66),
    "close_up": Layout((0.5, 0.42), 0.72, Box(0.08, 0.76, 0.84, 0.18), "center"),
    "macro": Layout((0.5, 0.42), 1.4, Box(0.08, 0.76, 0.84, 0.18), "center"),
    "medium": Layout((0.5, 0.42), 0.50, Box(0.08, 0.76, 0.84, 0.18), "center", floor=0.66),
    "lifestyle": Layout((0.5, 0.44), 0.46, Box(0.08, 0.76, 0.84, 0.18), "center", floor=0.68),
    "wide": Layout((0.5, 0.56), 0.30, Box(0.10, 0.08, 0.80, 0.18), "center", podium=True, floor=0.72),
    "overhead": Layout((0.5, 0.42), 0.52, Box(0.08, 0.76, 0.84, 0.18), "center"),
    "text_card": Layout(None, 0.0, Box(0.08, 0.28, 0.84, 0.44), "center"),
}
_CTA_SQUARE = Layout((0.5, 0.34), 0.44, Box(0.10, 0.62, 0.80, 0.32), "center", floor=0.58)


def layout_for(shot_type: str, text_role: str, width: int, height: int, has_text: bool = True) -> Layout:
    o = orientation(width, height)
    if text_role == "cta" and shot_type != "text_card":
        return {"landscape": _CTA_LANDSCAPE, "portrait": _CTA_PORTRAIT, "square": _CTA_SQUARE}[o]
    table = {"landscape": _LANDSCAPE, "portrait": _PORTRAIT, "square": _SQUARE}[o]
    layout = table[shot_type]
    if not has_text and layout.hero_center is not None and o == "landscape" and layout.align == "left":
        # Without text the hero has no reason to sit off-centre.
        cx, cy = layout.hero_center
        return Layout((0.5 + (cx - 0.5) * 0.35, cy), layout.hero_height, layout.text_box, layout.align,
                      layout.podium, layout.floor)
    return layout


def shows_text(text: str, text_role: str) -> bool:
    """Whether a beat puts type on screen (an end card always does: logo, name and button)."""
    return text_role == "cta" or (bool(text.strip()) and text_role != "none")


TEXT_GAP = 0.02  # of the frame's width, kept clear between the type and the product
CLOSE_UP_CROP = 0.4  # share of a close-up's product that may fall off the frame's far edge


def clear_of_text(layout: Layout, shot_type: str, left: float, right: float, width: int,
                  poses: list[tuple[float, float]], has_text: bool = True,
                  lettered: bool = False) -> tuple[Layout, float]:
    """Move, and if need be shrink, a hero standing beside the text block so that no camera
    pose of the beat carries it over the type. Returns the layout with the hero's new centre
    and the factor its size is to be scaled by (1.0 = unchanged).

    `left` and `right` are how far the product reaches from its centre at rest, in pixels of a
    frame `width` wide; `poses` are the (zoom, dx) the beat moves the hero through, dx a
    fraction of the width. Only side-by-side layouts (type on one side, product on the other)
    are concerned; portrait and square frames stack them, the type's box spanning the product. A close-up may lose up to CLOSE_UP_CROP of the product off the far edge, as
    close-ups do; any other shot keeps the product whole, and so does a `lettered` hero (a
    brand mark: a name cut by the frame's edge reads as a mistake). Macro shots fill the frame with
    detail behind the type on purpose and are left alone."""
    if layout.hero_center is None or not has_text or shot_type == "macro" or not poses:
        return layout, 1.0
    box = layout.text_box
    cx = layout.hero_center[0] * width
    gap = TEXT_GAP * width
    if (box.x + box.w) * width <= cx:
        side, bound = "left", (box.x + box.w) * width + gap
    elif box.x * width >= cx:
        side, bound = "right", box.x * width - gap
    else:
        return layout, 1.0  # type above or below the product
    crop = CLOSE_UP_CROP if shot_type == "close_up" and not lettered else 0.0
    margin = 0.0 if crop else gap

    def placement(k: float) -> float | None:
        """The centre that clears the type at size k, or None when none keeps enough in frame."""
        lk, rk = left * k, right * k
        # A product kept whole is whole at every pose (a pan carries it towards the edge); how
        # much a close-up crops is judged at rest.
        judged = poses if not crop else [(1.0, 0.0)]
        if side == "left":
            centre = max(cx, max(bound + dx * width + lk * zoom for zoom, dx in poses))
            off = max(centre - dx * width + rk * zoom for zoom, dx in judged) - width
        else:
            centre = min(cx, min(bound + dx * width - rk * zoom for zoom, dx in poses))
            off = -min(centre - dx * width - lk * zoom for zoom, dx in judged)
        return centre if off <= crop * (lk + rk) - margin else None

    k = 1.0
    centre = placement(k)
    while centre is None and k > 0.3:
        k *= 0.97
        centre = placement(k)
    if centre is None or (centre == cx and k == 1.0):
        return layout, 1.0
    return replace(layout, hero_center=(centre / width, layout.hero_center[1])), k

