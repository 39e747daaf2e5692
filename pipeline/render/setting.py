"""Settings: the place a lifestyle beat shows (a campfire at night, a beach, a kitchen), painted
as three layers at different depths so the camera move gives true parallax.

- far: the sky by time of day (stars and moon, dawn and dusk gradients, a low sun, clouds) and
  distant silhouettes (mountains, a skyline, the sea, a tree line) or, indoors, a back wall with
  a window. Opaque RGB, the size of the backdrop (frame plus margin).
- mid: the ground plane (grass, sand, a road, a floor) and the setting's props (a tent, palm
  trees, a bench), drawn from emoji-style illustrations. RGBA: opaque from the horizon down.
- near: the people the brief describes, and the brief's own props, in front. RGBA.

Everything is painted once per beat; `compose_layers` then warps each layer with the camera
pose scaled by its depth, touching only the rows each layer can show: the far layer only down
to where the ground covers it, the ground's opaque rows without blending.

`SETTINGS` is the one table of recipes; `SYNONYMS` maps other words onto them. Illustrations
come from `illustrations` (Noto emoji, rendered crisp); when that module or a picture is
missing, the prop is left out and the setting still reads from its sky, silhouettes and ground.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFilter

from .color import YuvPlanes
from .compose import ScaleCache, warp_plane, chroma_matrix, scale_and_shift
from .layout import Layout
from .palette import RGB, Roles, mix

MARGIN = 1.2  # layers are this much larger than the frame (as backdrops): room for moves

# --- recipes --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Prop:
    """One illustration in a recipe. x is a fraction of the frame width, relative to the
    stage centre (where the group stands) unless `edge`; d is where it stands on the ground,
    0 at the horizon and 1 at the frame's bottom; h its height as a fraction of the frame."""

    noun: str
    x: float
    d: float
    h: float
    edge: bool = False  # x is absolute (frames the picture at its sides), not stage-relative
    flip: bool = False
    near: bool = False  # in the near layer (in front of the people) instead of the mid one
    table: bool = False  # stands on the table top (table settings), in the row with the people
    centre: bool = False  # the group's centrepiece (a campfire): in the row, in front of the people
    sky: float | None = None  # flies: its bottom at this fraction of the frame height (a kite)


@dataclass(frozen=True)
class Recipe:
    sky: str  # "outdoor" | "interior"
    silhouette: str  # mountains | city | sea | lake | trees | hills | dunes | snowy | stage | room
    ground: str  # grass | sand | road | street | floor | snow | dirt | stage | ...
    props: tuple[Prop, ...] = ()
    time: str = "day"  # time of day when the brief names none
    light: str = ""  # "fire": a warm point light at the stage centre; "lamps": warm interior
    wall: RGB = (222, 214, 200)  # interior back wall
    table: RGB | None = None  # interior: a table or counter top across the foreground
    floor: RGB = (168, 122, 84)  # interior floor (planks)
    window: str = "sky"  # what the interior window shows: sky | city | trees
    shelves: str = ""  # a shelf unit on the wall: "books" | "jars"
    shore: float = 0.0  # water (far layer) shows this much of the frame's height below the horizon


def P(noun: str, x: float, d: float, h: float, **kw) -> Prop:
    return Prop(noun, x, d, h, **kw)


FIRE_KEY, WOOD_KEY = "1f525", "1fab5"  # Noto's fire and wood: the campfire, by key so it never drifts
_TREES = (P("evergreen tree", 0.02, 0.05, 0.40, edge=True), P("evergreen tree", 0.10, 0.0, 0.30, edge=True),
          P("evergreen tree", 0.96, 0.04, 0.42, edge=True), P("evergreen tree", 0.88, 0.0, 0.28, edge=True))

SETTINGS: dict[str, Recipe] = {
    "campfire": Recipe("outdoor", "trees", "grass", (
        P(FIRE_KEY, 0.0, 0.0, 0.20, centre=True),
        P("tent", 0.90, 0.16, 0.20, edge=True), P("evergreen tree", 0.98, 0.0, 0.34, edge=True),
        P("evergreen tree", 0.02, 0.05, 0.42, edge=True), P("evergreen tree", 0.11, 0.0, 0.30, edge=True)),
        time="night", light="fire"),
    "beach": Recipe("outdoor", "sea", "sand", (
        P("palm tree", 0.04, 0.30, 0.64, edge=True), P("palm tree", 0.84, 0.10, 0.32, edge=True, flip=True),
        P("26f1", 0.95, 0.22, 0.26, edge=True), P("sailboat", 0.44, -0.07, 0.05, edge=True),
        P("shell", 0.95, 0.85, 0.05, edge=True)), shore=0.05),
    "mountain": Recipe("outdoor", "mountains", "road", (
        P("evergreen tree", 0.03, 0.25, 0.46, edge=True), P("evergreen tree", 0.12, 0.12, 0.30, edge=True),
        P("evergreen tree", 0.95, 0.30, 0.50, edge=True), P("evergreen tree", 0.86, 0.10, 0.26, edge=True))),
    "trail": Recipe("outdoor", "mountains", "dirt", (
        P("evergreen tree", 0.04, 0.2, 0.44, edge=True), P("evergreen tree", 0.94, 0.25, 0.46, edge=True),
        P("rock", 0.22, 0.55, 0.08, edge=True))),
    "city": Recipe("outdoor", "city", "street", (
        P("deciduous tree", 0.04, 0.22, 0.40, edge=True), P("deciduous tree", 0.95, 0.28, 0.42, edge=True),
        P("taxi", 0.25, 0.06, 0.09, edge=True, flip=True), P("bus", 0.78, 0.03, 0.09, edge=True))),
    "street": Recipe("outdoor", "city", "street", (
        P("deciduous tree", 0.05, 0.22, 0.40, edge=True), P("taxi", 0.72, 0.05, 0.09, edge=True))),
    "park": Recipe("outdoor", "hills", "grass", (
        P("deciduous tree", 0.05, 0.18, 0.50, edge=True), P("deciduous tree", 0.16, 0.02, 0.30, edge=True),
        P("deciduous tree", 0.93, 0.14, 0.46, edge=True), P("tulip", 0.30, 0.75, 0.06, edge=True),
        P("tulip", 0.33, 0.78, 0.05, edge=True), P("dog", 0.20, 0.45, 0.10),
        P("kite", 0.74, 0.0, 0.12, edge=True, sky=0.30))),
    "garden": Recipe("outdoor", "hills", "grass", (
        P("house with garden", 0.16, 0.0, 0.22, edge=True), P("deciduous tree", 0.94, 0.15, 0.46, edge=True),
        P("sunflower", 0.05, 0.55, 0.22, edge=True), P("tulip", 0.12, 0.7, 0.08, edge=True),
        P("tulip", 0.86, 0.8, 0.08, edge=True), P("potted plant", 0.26, 0.45, 0.10))),
    "forest": Recipe("outdoor", "trees", "dirt", (
        *_TREES, P("evergreen tree", 0.22, 0.08, 0.34, edge=True), P("evergreen tree", 0.78, 0.1, 0.36, edge=True),
        P("mushroom", 0.30, 0.7, 0.05, edge=True))),
    "lake": Recipe("outdoor", "lake", "grass", (
        P("evergreen tree", 0.04, 0.2, 0.44, edge=True), P("evergreen tree", 0.95, 0.25, 0.46, edge=True),
        P("canoe", 0.30, -0.12, 0.05, edge=True)), shore=0.08),
    "snow": Recipe("outdoor", "snowy", "snow", (
        P("evergreen tree", 0.04, 0.2, 0.44, edge=True), P("evergreen tree", 0.94, 0.25, 0.46, edge=True),
        P("snowman", 0.24, 0.40, 0.18))),
    "desert": Recipe("outdoor", "dunes", "sand", (
        P("cactus", 0.08, 0.3, 0.30, edge=True), P("cactus", 0.92, 0.2, 0.22, edge=True, flip=True),
        P("camel", 0.72, 0.02, 0.07, edge=True)), time="golden_hour"),
    "concert": Recipe("outdoor", "stage", "stage", (
        P("guitar", 0.25, 0.3, 0.16),), time="night", light="stage"),
    # Interiors: a back wall with a window; table settings put a table top across the front.
    "cafe": Recipe("interior", "room", "floor", (
        P("hot beverage", -1, 0.0, 0.13, table=True), P("croissant", 1, 0.0, 0.10, table=True),
        P("potted plant", 0.05, 0.0, 0.30, edge=True)),
        light="lamps", wall=(186, 140, 104), table=(150, 104, 70), window="city", shelves="jars"),
    "restaurant": Recipe("interior", "room", "floor", (
        P("spaghetti", -1, 0.0, 0.12, table=True), P("wine glass", 1, 0.0, 0.16, table=True),
        P("candle", 1, 0.0, 0.12, table=True), P("potted plant", 0.05, 0.0, 0.30, edge=True)),
        time="dusk", light="lamps", wall=(120, 62, 52), table=(236, 232, 224), window="city"),
    "kitchen": Recipe("interior", "room", "floor", (
        P("cooking", -1, 0.0, 0.11, table=True), P("lemon", 1, 0.0, 0.07, table=True),
        P("green apple", 1, 0.0, 0.07, table=True), P("potted plant", 0.06, 0.0, 0.28, edge=True)),
        light="lamps", wall=(238, 232, 220), table=(226, 222, 214), window="trees", shelves="jars"),
    "office": Recipe("interior", "room", "floor", (
        P("laptop", -1, 0.0, 0.15, table=True), P("hot beverage", 1, 0.0, 0.11, table=True),
        P("potted plant", 0.06, 0.0, 0.32, edge=True)),
        wall=(214, 226, 222), table=(200, 170, 130), window="city", shelves="books"),
    "classroom": Recipe("interior", "room", "floor", (
        P("books", -1, 0.0, 0.12, table=True), P("red apple", 1, 0.0, 0.08, table=True),
        P("globe", 0.07, 0.0, 0.16, edge=True)),
        wall=(206, 222, 210), table=(196, 160, 112), window="trees"),
    "library": Recipe("interior", "room", "floor", (
        P("books", -1, 0.0, 0.12, table=True), P("open book", 1, 0.0, 0.09, table=True)),
        light="lamps", wall=(130, 96, 70), table=(120, 80, 50), window="trees", shelves="books"),
    "living room": Recipe("interior", "room", "floor", (
        P("couch and lamp", 0.22, 0.0, 0.30, edge=True), P("potted plant", 0.92, 0.0, 0.30, edge=True)),
        light="lamps", wall=(214, 196, 172)),
    "bedroom": Recipe("interior", "room", "floor", (
        P("bed", 0.20, 0.0, 0.24, edge=True), P("potted plant", 0.92, 0.0, 0.28, edge=True)),
        light="lamps", wall=(206, 196, 216)),
    "gym": Recipe("interior", "room", "floor", (
        P("potted plant", 0.94, 0.0, 0.28, edge=True),), wall=(70, 76, 86), floor=(60, 62, 66)),
    "studio": Recipe("interior", "room", "floor", (
        P("artist palette", 0.12, 0.0, 0.12, edge=True), P("potted plant", 0.93, 0.0, 0.30, edge=True)),
        wall=(236, 234, 230), floor=(190, 176, 160)),
}

# Other words for the same places (matched as whole words, longest first).
SYNONYMS: dict[str, str] = {
    "bonfire": "campfire", "fire pit": "campfire", "firepit": "campfire", "camping": "campfire",
    "camp": "campfire", "campsite": "campfire", "campground": "campfire",
    "seaside": "beach", "shore": "beach", "coast": "beach", "ocean": "beach", "sea": "beach",
    "surf": "beach", "tropical": "beach", "island": "beach", "pool": "beach",
    "mountain road": "mountain", "road trip": "mountain", "highway": "mountain", "road": "mountain",
    "mountains": "mountain", "alps": "mountain", "countryside": "mountain",
    "trail": "trail", "hike": "trail", "hiking": "trail", "trek": "trail", "summit": "trail",
    "downtown": "city", "skyline": "city", "urban": "city", "rooftop": "city", "town": "street",
    "sidewalk": "street", "neighborhood": "street", "neighbourhood": "street",
    "coffee shop": "cafe", "coffeehouse": "cafe", "café": "cafe", "bakery": "cafe", "bar": "restaurant",
    "diner": "restaurant", "dinner": "restaurant", "bistro": "restaurant", "pub": "restaurant",
    "cooking": "kitchen", "workplace": "office", "workspace": "office", "coworking": "office",
    "meeting": "office", "desk": "office", "school": "classroom", "campus": "classroom",
    "university": "classroom", "lecture": "classroom", "study": "library", "bookstore": "library",
    "home": "living room", "lounge": "living room", "sofa": "living room", "couch": "living room",
    "window": "living room", "windowsill": "living room", "fireplace": "living room", "fireside": "living room",
    "armchair": "living room", "reading nook": "living room",
    "backyard": "garden", "yard": "garden", "patio": "garden", "picnic": "park", "meadow": "park",
    "field": "park", "playground": "park", "woods": "forest", "jungle": "forest",
    "lakeside": "lake", "river": "lake", "riverside": "lake", "cabin": "lake",
    "ski": "snow", "slope": "snow", "winter": "snow", "snowy": "snow",
    "dunes": "desert", "festival": "concert", "stage": "concert", "party": "concert", "club": "concert",
    "fitness": "gym", "workout": "gym", "yoga": "gym", "bed": "bedroom",
    "art studio": "studio", "workshop": "studio",
}

TIMES = ("dawn", "day", "golden_hour", "dusk", "night")


def recipe_for(setting: str) -> tuple[str, Recipe] | None:
    """The recipe a setting phrase names, by its words; None when no word is known."""
    text = " " + re.sub(r"[^a-z ]+", " ", setting.lower().replace("é", "e")) + " "
    names = sorted({**{k: k for k in SETTINGS}, **SYNONYMS}.items(), key=lambda kv: -len(kv[0]))
    for word, key in names:
        w = word.replace("é", "e")
        if f" {w} " in text or f" {w}s " in text:
            return key, SETTINGS[key]
    return None


_INDOOR_WORDS = ("room", "hall", "house", "home", "shop", "store", "studio", "office", "indoor", "inside",
                 "kitchen", "apartment", "hotel", "lobby", "gallery", "museum", "salon", "spa")


def resolve(setting: str, time_of_day: str) -> tuple[str, Recipe, str]:
    """(recipe name, recipe, time of day) for any setting phrase: unknown places fall back to
    a plain room or an open landscape, by their words."""
    found = recipe_for(setting)
    if found is None:
        indoor = any(w in setting.lower() for w in _INDOOR_WORDS)
        key = "room" if indoor else "outdoors"
        recipe = (Recipe("interior", "room", "floor", (P("potted plant", 0.06, 0.0, 0.30, edge=True),), light="lamps")
                  if indoor else
                  Recipe("outdoor", "hills", "grass", (P("deciduous tree", 0.05, 0.15, 0.46, edge=True),
                                                        P("deciduous tree", 0.94, 0.2, 0.42, edge=True))))
    else:
        key, recipe = found
    tod = time_of_day if time_of_day in TIMES else recipe.time
    return key, recipe, tod


# --- framing ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Framing:
    horizon: float  # fraction of frame height
    figure: float  # a standing person's height, fraction of frame height
    feet: float  # where the people stand (their feet), fraction of frame height
    hero: float  # the product's height, fraction of frame height
    scale: float  # props scale
    table_top: float = 0.76  # table settings: the table's back edge, fraction of frame height


FRAMINGS = {
    "wide": Framing(horizon=0.60, figure=0.32, feet=0.88, hero=0.18, scale=0.85),
    "lifestyle": Framing(horizon=0.58, figure=0.40, feet=0.90, hero=0.24, scale=1.0),
    "medium": Framing(horizon=0.52, figure=0.56, feet=1.0, hero=0.32, scale=1.25),
}
SETTING_SHOTS = tuple(FRAMINGS)
TABLE_TOP = {"wide": 0.78, "lifestyle": 0.76, "medium": 0.78}  # table settings: the table's back edge


def framing_for(spec, layout: Layout) -> Framing:
    """The shot's framing for this format. Landscape as in FRAMINGS; portrait and square
    frames size people by the frame's width and stand them just above the text block."""
    from .layout import orientation

    fr = replace(FRAMINGS.get(spec.shot_type, FRAMINGS["lifestyle"]), table_top=TABLE_TOP.get(spec.shot_type, 0.76))
    if orientation(spec.width, spec.height) == "landscape":
        return fr
    unit = min(spec.width, spec.height) / spec.height
    figure = fr.figure * unit
    feet = min(fr.feet, layout.text_box.y + 0.03) if layout.text_box.y > 0.5 else fr.feet
    return Framing(horizon=feet - 0.8 * figure, figure=figure, feet=feet, hero=fr.hero * unit, scale=fr.scale * unit,
                   table_top=feet - 0.10 * unit)


def uses_setting(spec) -> bool:
    """Lifestyle beats (wide, lifestyle, medium) of a brief that names a place; not the call to
    action, whose end card keeps its calm backdrop."""
    return bool(spec.setting.strip()) and spec.shot_type in SETTING_SHOTS and spec.text_role != "cta"


def stage_x(layout: Layout) -> float:
    """Where the group stands: beside the text block, or centred when the text is above."""
    if layout.hero_center is None:
        return 0.5
    if layout.align == "left" and layout.text_box.x < 0.3:
        return max(0.55, layout.hero_center[0] - 0.02)
    return 0.5


def setting_layout(spec, layout: Layout) -> Layout:
    """The beat's layout with the product placed in the scene: standing on the near ground (or
    the table) beside the group, smaller than in a product shot; no podium, no mirror floor."""
    if layout.hero_center is None:
        return layout
    x, base, hh = plan_stage(spec, layout).hero
    return replace(layout, hero_center=(x, base - hh / 2), hero_height=hh, podium=False, floor=None)


@dataclass(frozen=True)
class Placed:
    """Something in the group's row: a figure, the centrepiece or a table item."""

    kind: str  # "figure" | "centre" | "item"
    key: str  # illustration key (figures) or noun
    x: float  # centre, fraction of frame width
    base: float  # where it stands, fraction of frame height
    height: float  # fraction of frame height
    flip: bool = False
    tone: RGB | None = None


@dataclass(frozen=True)
class Stage:
    x: float
    row: tuple[Placed, ...]  # drawn in this order
    hero: tuple[float, float, float]  # x, base, height as fractions of the frame
    table_top: float | None


@lru_cache(maxsize=64)
def plan_stage(spec, layout: Layout) -> Stage:
    """Where the people, the centrepiece, the table items and the product stand: one row
    across the stage, centred beside the text, nearer things a little lower in the frame."""
    _, recipe, _ = resolve(spec.setting, spec.time_of_day)
    fr = framing_for(spec, layout)
    sx = stage_x(layout)
    to_w = spec.height / max(1, spec.width)  # heights (fractions of H) to widths (fractions of W)
    table = recipe.table is not None
    top = fr.table_top if table else None
    centre = next((p for p in recipe.props if p.centre), None)
    kinds = people_keys(spec.people, table=table, around_fire=centre is not None)
    fig_h = fr.figure * (0.9 if table else 1.0)

    # Row entries: [kind, key, width, height, base, faces_left, index]
    figures = []
    for i, (key, rel, faces_left) in enumerate(kinds):
        hgt = fig_h * rel
        if table:  # behind the table: its top cuts busts at the chest and figures at the hips
            base = top + hgt * (0.06 if rel < 0.9 else 0.40)
        else:
            base = fr.feet
        figures.append(["figure", key, hgt * _aspect(key, spec.cache_dir) * to_w, hgt, base, faces_left, i])
    items = [p for p in recipe.props if p.table] if table else []
    hero_h = fr.hero * (0.9 if table else 1.0)
    hero_base = top + 0.14 if table else min(0.97, fr.feet + 0.05)
    hero_w = hero_h * 0.5 * to_w  # most products are taller than wide

    behind: list[list] = []
    row: list[list] = list(figures)
    if centre is not None:
        ch = centre.h * fr.scale
        c = ["centre", centre.noun, ch * _aspect(centre.noun, spec.cache_dir) * to_w * 1.25, ch, fr.feet + 0.03, False, -1]
        # Around a fire: one group either side (the left one a step back). Nobody sits behind
        # it: seen from the front, flames over a body read as a person on fire.
        if figures:
            figures[0][4] -= 0.025
            figures[0][3] *= 0.94
            figures[0][2] *= 0.94
        row = figures[:1] + [c] + figures[1:2]
    for p in items:
        ih = p.h * fr.scale
        entry = ["item", p.noun, ih * _aspect(p.noun, spec.cache_dir) * to_w, ih, top + (0.12 if p.x < 0 else 0.10), False, -1]
        if p.x < 0:
            row.insert(0, entry)
        else:
            row.append(entry)
    row.insert(len(row) - (1 if items and items[-1].x >= 0 else 0), ["hero", "", hero_w, hero_h, hero_base, False, -1])
    gap = 0.012
    total = sum(r[2] for r in row) + gap * (len(row) - 1)
    # Keep the row inside the frame and, outdoors, clear of the text block on its left: a row
    # too wide for the room beside the text stands a little further back (smaller).
    lo = 0.04
    if layout.align == "left" and layout.text_box.x < 0.3 and not table:
        lo = max(lo, layout.text_box.x + layout.text_box.w * 0.55)
    room = 0.97 - lo
    if total > room:
        k = room / total
        for r in row + behind:
            r[2] *= k
            r[3] *= k
        hero_h *= k
        total = room
    x0 = max(lo, min(sx - total / 2, 0.97 - total))
    n_fig = len(figures)
    placed: list[Placed] = []
    hero = (sx, hero_base, hero_h)
    x = x0
    for kind, key, wd, hgt, base, faces_left, idx in row:
        cx = x + wd / 2
        x += wd + gap
        if kind == "hero":
            hero = (cx, hero_base, hero_h)
            continue
        flip, tone = False, None
        if kind == "figure":
            face_right = cx < sx if n_fig > 1 else cx < 0.5  # towards the group, or into the frame
            flip = faces_left == face_right
            tone = SKIN_TONES[(spec.seed + idx) % len(SKIN_TONES)]
        placed.append(Placed(kind, key, cx, base, hgt, flip, tone))
    for kind, key, wd, hgt, base, faces_left, idx in behind:
        c = next(p for p in placed if p.kind == "centre")
        placed.insert(0, Placed("figure", key, c.x, base - 0.045, hgt, False,
                                SKIN_TONES[(spec.seed + idx) % len(SKIN_TONES)]))
    # Draw order: far (higher base) first, so nearer things overlap farther ones.
    placed.sort(key=lambda p: p.base)
    return Stage(sx, tuple(placed), hero, top)


@lru_cache(maxsize=256)
def _aspect(noun: str, cache_dir: str | None = None) -> float:
    # Kept in the scene cache like the drawings: a later process plans its stage without
    # rasterising each figure again (40-60 ms each).
    img = _illustration(noun, 96, cache_dir)
    return img.width / img.height if img is not None else 0.6


def setting_lighting(spec) -> str:
    """The lighting word the palette roles see: light type over night and dusk scenes."""
    _, recipe, tod = resolve(spec.setting, spec.time_of_day)
    if tod in ("night", "dusk") or recipe.silhouette == "stage":
        return (spec.lighting + " night").strip()
    return spec.lighting


# --- the layers --------------------------------------------------------------------------------


@dataclass
class Piece:
    """Part of a moving layer: an RGBA uint8 crop, its top-left in backdrop pixels and, for a
    ground (or a table top), the first crop row from which every row is opaque. A layer is
    kept as pieces so each frame warps and blends only where something is."""

    rgba: np.ndarray
    x: int
    y: int
    opaque_from: int | None = None


@dataclass
class SettingLayers:
    """The three layers in backdrop coordinates (frame plus MARGIN, frame centred): far is
    opaque RGB; mid and near are lists of pieces, drawn in order."""

    far: np.ndarray
    mid: list[Piece] = field(default_factory=list)
    near: list[Piece] = field(default_factory=list)
    light: np.ndarray | None = None  # (h, w, 3) float32 light multiplier, small, over the backdrop
    recipe: str = ""
    time_of_day: str = ""
    people: list[str] = field(default_factory=list)  # illustration keys of the people drawn

    def light_at(self, fx: float, fy: float) -> np.ndarray:
        """The scene's light multiplier at a frame position (fractions), for relighting."""
        if self.light is None:
            return np.ones(3, np.float32)
        lh, lw = self.light.shape[:2]
        x = int(np.clip((fx * (1 / MARGIN) + (1 - 1 / MARGIN) / 2) * lw, 0, lw - 1))
        y = int(np.clip((fy * (1 / MARGIN) + (1 - 1 / MARGIN) / 2) * lh, 0, lh - 1))
        return self.light[y, x].copy()


def paint_setting(spec, roles: Roles, width: int, height: int, layout: Layout | None = None,
                  grade=None) -> SettingLayers:
    """Paint the beat's setting as far, mid and near layers (see the module's docstring)."""
    from .layout import layout_for

    if layout is None:
        layout = layout_for(spec.shot_type, spec.text_role, width, height, has_text=bool(spec.text.strip()))
    name, recipe, tod = resolve(spec.setting, spec.time_of_day)
    painter = _Painter(spec, roles, width, height, layout, name, recipe, tod)
    painter.grade = grade
    out = painter.paint()
    if grade is not None:
        for piece in out.mid + out.near:
            piece.rgba = grade(piece.rgba)
    return out


# Sky colour stops, top of the sky (0) to the horizon (1), per time of day.
SKIES: dict[str, list[tuple[float, RGB]]] = {
    "night": [(0.0, (5, 8, 24)), (0.55, (14, 22, 54)), (1.0, (40, 52, 96))],
    "dusk": [(0.0, (26, 34, 84)), (0.45, (92, 68, 128)), (0.8, (214, 114, 110)), (1.0, (252, 164, 104))],
    "dawn": [(0.0, (84, 112, 178)), (0.5, (186, 164, 198)), (0.85, (252, 192, 170)), (1.0, (255, 224, 184))],
    "golden_hour": [(0.0, (88, 140, 204)), (0.5, (176, 184, 196)), (0.82, (250, 196, 130)), (1.0, (255, 212, 146))],
    "day": [(0.0, (62, 132, 222)), (0.6, (132, 186, 240)), (1.0, (206, 230, 248))],
}
# Ambient light per time of day: what the ground and props are multiplied by.
AMBIENT: dict[str, tuple[float, float, float]] = {
    "night": (0.42, 0.48, 0.72), "dusk": (0.70, 0.64, 0.78), "dawn": (0.96, 0.90, 0.94),
    "golden_hour": (1.06, 0.94, 0.80), "day": (1.0, 1.0, 1.0),
}
# Light through an interior window, added to the lamps' warmth.
INTERIOR_AMBIENT: dict[str, tuple[float, float, float]] = {
    "night": (0.62, 0.58, 0.60), "dusk": (0.82, 0.76, 0.76), "dawn": (0.96, 0.94, 0.96),
    "golden_hour": (1.04, 0.96, 0.86), "day": (1.0, 1.0, 1.0),
}
# Weather the brief names (see weather.py): an overcast sky, greyer and darker for rain, paler
# for snow, and the light it gives. (grey mix, brightness) per weather.
OVERCAST: dict[str, tuple[float, float]] = {"rain": (0.75, 0.70), "snow": (0.65, 1.02)}
WEATHER_AMBIENT: dict[str, tuple[float, float, float]] = {"rain": (0.80, 0.83, 0.90), "snow": (0.96, 0.98, 1.03)}


def sky_stops(tod: str, weather: str = "") -> list[tuple[float, RGB]]:
    """The sky's colour stops for a time of day, overcast when it rains or snows."""
    stops = SKIES[tod]
    if weather not in OVERCAST:
        return stops
    grey_mix, gain = OVERCAST[weather]
    out = []
    for pos, c in stops:
        lum = 0.3 * c[0] + 0.59 * c[1] + 0.11 * c[2]
        grey = (lum * 0.96, lum, lum * 1.06)
        out.append((pos, tuple(int(min(255, v * gain)) for v in mix(c, grey, grey_mix))))
    return out


FIRE = (255, 150, 60)
LAMP = (255, 196, 120)


class _Painter:
    def __init__(self, spec, roles: Roles, width: int, height: int, layout: Layout, name: str,
                 recipe: Recipe, tod: str) -> None:
        self.spec, self.roles, self.layout = spec, roles, layout
        self.name, self.recipe, self.tod = name, recipe, tod
        self.weather = getattr(spec, "weather", "")
        self.sky = sky_stops(tod, self.weather)
        self.w, self.h = width, height
        self.bw, self.bh = int(width * MARGIN) & ~1, int(height * MARGIN) & ~1
        self.ox, self.oy = (self.bw - width) / 2, (self.bh - height) / 2
        self.rng = np.random.default_rng(spec.seed)
        self.grade = None
        self.fr = framing_for(spec, layout)
        self.indoor = recipe.sky == "interior"
        horizon = self.fr.horizon + (0.06 if self.indoor else 0.0)
        self.horizon = self.Y(horizon)
        self.ground_top = self.horizon + (0.0 if self.indoor else recipe.shore * height)
        self.sx = stage_x(layout)
        self.fire: tuple[float, float] | None = None  # backdrop px of the centrepiece (a fire)
        self._floor_top = self.Y(self.fr.horizon + 0.10)  # interiors: where the wall meets the floor
        self.stage = plan_stage(spec, layout)
        self._table_top = self.Y(self.stage.table_top if self.stage.table_top is not None else 0.8)
        centre = next((p for p in self.stage.row if p.kind == "centre"), None)
        if centre is not None:
            self.fire = (self.X(centre.x), self.Y(centre.base))

    # frame fractions -> backdrop pixels
    def X(self, fx: float) -> float:
        return self.ox + fx * self.w

    def Y(self, fy: float) -> float:
        return self.oy + fy * self.h

    def ground_y(self, d: float) -> float:
        """Backdrop row where something at ground depth d stands (0 horizon, 1 frame bottom)."""
        return self.ground_top + (self.Y(1.0) - self.ground_top) * d

    def paint(self) -> SettingLayers:
        """Far; mid = ground + props; near = the group (behind a table top, and the things on
        it, in table settings). Each drawn on its own canvas, lit and cut into pieces; the
        canvas is then wiped for the next layer rather than a new one made: a 1080p canvas is
        48 MB, and faulting in fresh memory took 30-100 ms a canvas with both cores busy,
        against a few ms to wipe one."""
        r = self.recipe
        far = self._far()
        light = self._light()
        spare: list[np.ndarray] = []  # canvases whose pixels are in their pieces already

        def canvas() -> np.ndarray:
            if spare:
                reused = spare.pop()
                reused.fill(0)
                return reused
            return np.zeros((self.bh, self.bw, 4), np.float32)

        def done(layer: np.ndarray, opaque_row: int | None = None) -> list[Piece]:
            self._apply_light(layer, light)
            pieces = _pieces(layer, opaque_row)  # copies: the canvas can be wiped and reused
            spare.append(layer)
            return pieces

        ground = canvas()
        if self.indoor:
            self._floor(ground)
        else:
            self._ground(ground)
        self._fire_extras(far, ground, None)
        self._scrim(far, (ground,))
        mid = done(ground, int(math.ceil(self.ground_top if not self.indoor else self._floor_top)) + 2)
        props = canvas()
        self._recipe_props(props)
        self._brief_props(props, None)
        self._fire_extras(None, None, props)
        mid += done(props)
        group = canvas()
        table = front = None
        if r.table is not None:
            table, front = canvas(), canvas()
        people = self._row(group, table, front)
        self._brief_props(None, front if front is not None else group)
        near = done(group)
        if table is not None:
            near += done(table, int(math.ceil(self._table_top)) + 2) + done(front)
        return SettingLayers(far=np.clip(far, 0, 255).astype(np.uint8), mid=mid, near=near,
                             light=cv2.resize(light, (96, 54), interpolation=cv2.INTER_AREA),
                             recipe=self.name, time_of_day=self.tod, people=people)

    # -- far -------------------------------------------------------------------------------
    def _far(self) -> np.ndarray:
        """Sky and silhouettes, painted at half size (all soft, all distant) and enlarged."""
        bw, bh = self.bw, self.bh
        w, h = bw // 2, bh // 2
        k = 0.5
        hz = self.horizon * k
        img = _gradient(h, w, self.sky, 0.0, hz)
        self._celestial(img, k, hz)
        if self.indoor:
            img = self._room(img, k)
        else:
            self._silhouettes(img, k, hz)
        small = np.clip(img, 0, 255).astype(np.uint8)
        if self.grade is not None:  # graded at half size, as backdrops are: nothing here is fine detail
            small = self.grade(small)
        big = cv2.resize(small, (bw, bh), interpolation=cv2.INTER_CUBIC).astype(np.float32)
        if self.tod == "night" and not self.indoor and not self.weather:
            self._stars(big)
        return big

    def _celestial(self, img: np.ndarray, k: float, hz: float) -> None:
        h, w = img.shape[:2]
        rng = self.rng
        # The sun or the moon sits away from the text and above the group's far side.
        side = 0.80 if self.sx <= 0.5 or self.layout.align != "left" else 0.86
        if self.layout.align != "left":
            side = 0.18 if self.spec.seed % 2 else 0.82
        cx = self.X(side) * k
        tod = self.tod
        if self.weather in OVERCAST:
            # No sun or moon behind the overcast: a low ceiling of heavy cloud instead.
            lum = sum(self.sky[0][1]) / 3
            for shade in (0.8, 1.15):
                self._clouds(img, k, tuple(int(min(255, lum * shade)) for _ in range(3)), 0.75, hz)
            return
        if tod == "night":
            cy = self.Y(0.16) * k
            r = self.h * 0.045 * k
            _add(img, _radial(h, w, cx, cy, r * 7), (120, 140, 190), 0.35)
            _add(img, _radial(h, w, cx, cy, r * 2.2), (200, 210, 230), 0.35)
            disc = _disc(h, w, cx, cy, r)
            _add(img, disc, (246, 242, 224), 1.0)
            # A few soft craters keep the moon from looking like a lamp.
            for _ in range(4):
                a, d = rng.uniform(0, 2 * math.pi), rng.uniform(0.1, 0.6) * r
                _add(img, _disc(h, w, cx + math.cos(a) * d, cy + math.sin(a) * d, r * rng.uniform(0.12, 0.25)) * disc,
                     (214, 208, 194), 0.6)
            return
        if tod == "day":
            cy = self.Y(0.10) * k
            _add(img, _radial(h, w, cx, cy, self.h * 0.5 * k), (255, 252, 236), 0.45)
            _add(img, _disc(h, w, cx, cy, self.h * 0.04 * k), (255, 254, 244), 1.0)
            self._clouds(img, k, (255, 255, 255), 0.85, hz)
            return
        sun_y = {"dawn": 0.94, "golden_hour": 0.82, "dusk": 1.02}[tod]
        cy = hz - (hz - self.Y(0.0) * k) * (1 - sun_y) * 1.6
        col = {"dawn": (255, 236, 200), "golden_hour": (255, 226, 160), "dusk": (255, 190, 120)}[tod]
        _add(img, _radial(h, w, cx, cy, w * 0.55, squash=0.55), col, 0.55)
        _add(img, _radial(h, w, cx, cy, self.h * 0.2 * k), (255, 248, 230), 0.6)
        _add(img, _disc(h, w, cx, cy, self.h * 0.05 * k), (255, 250, 236), 1.0)
        cloud = {"dawn": (255, 196, 200), "golden_hour": (255, 214, 170), "dusk": (226, 130, 150)}[tod]
        self._clouds(img, k, cloud, 0.7, hz, streaks=True)

    def _clouds(self, img: np.ndarray, k: float, col: RGB, strength: float, hz: float, streaks: bool = False) -> None:
        h, w = img.shape[:2]
        rng = self.rng
        mask = np.zeros((h, w), np.uint8)
        n = 5 if not streaks else 6
        for i in range(n):
            x = rng.uniform(0.05, 0.95) * w
            y = rng.uniform(0.12, 0.62) * hz
            cw = rng.uniform(0.08, 0.16) * w * (1.8 if streaks else 1.0)
            for _ in range(6):
                px = x + rng.uniform(-0.5, 0.5) * cw
                py = y + rng.uniform(-0.08, 0.06) * cw * (0.4 if streaks else 1.0)
                rx = cw * rng.uniform(0.22, 0.4)
                ry = rx * (0.18 if streaks else rng.uniform(0.45, 0.7))
                cv2.ellipse(mask, (int(px), int(py)), (int(rx), max(1, int(ry))), 0, 0, 360, 255, -1, cv2.LINE_AA)
        m = cv2.GaussianBlur(mask.astype(np.float32) / 255, (0, 0), max(1.0, h * 0.012))
        # Shade the bottoms of the clouds a little: they read as volumes.
        under = np.roll(m, int(h * 0.012), axis=0) - m
        _add(img, m, col, strength)
        if not streaks:
            _add(img, np.clip(under, 0, 1) * m, (180, 196, 220), 0.5)

    def _stars(self, img: np.ndarray) -> None:
        rng = self.rng
        bh, bw = img.shape[:2]
        n = int(bw * bh / 2600)
        xs = rng.uniform(0, bw, n)
        ys = (rng.uniform(0, 1, n) ** 1.6) * self.horizon * 0.95
        b = rng.uniform(0.25, 1.0, n) ** 2
        layer = np.zeros((bh, bw), np.float32)
        xi, yi = xs.astype(int), ys.astype(int)
        np.add.at(layer, (yi, xi), b * 255)
        big = b > 0.7
        for x, y in zip(xi[big], yi[big]):
            cv2.circle(layer, (int(x), int(y)), max(1, int(self.h / 700)), 255.0, -1, cv2.LINE_AA)
        layer = cv2.GaussianBlur(layer, (0, 0), max(0.6, self.h / 1400))
        # Fewer stars near the horizon (haze) and none on the moon's glow.
        fade = np.clip(1.2 - (np.arange(bh, dtype=np.float32) / max(1.0, self.horizon)), 0, 1)[:, None]
        # Only the pixels a star reaches (a few percent of the sky) change: blend just those.
        ys, xs = np.nonzero(layer * fade)
        a = np.clip(layer[ys, xs] * fade[ys, 0] / 255, 0, 1)[:, None]
        img[ys, xs] += a * (np.array((235, 240, 255), np.float32) - img[ys, xs]) * 0.9

    def _silhouettes(self, img: np.ndarray, k: float, hz: float) -> None:
        h, w = img.shape[:2]
        rng = self.rng
        sil = self.recipe.silhouette
        horizon_col = np.array(self.sky[-1][1], np.float32)
        dark = {"night": (8, 12, 28), "dusk": (44, 34, 64), "dawn": (84, 86, 128),
                "golden_hour": (104, 86, 96), "day": (70, 104, 132)}[self.tod]
        green = {"night": (10, 16, 26), "dusk": (40, 40, 58), "dawn": (70, 92, 100),
                 "golden_hour": (84, 92, 60), "day": (58, 108, 70)}[self.tod]
        if sil in ("mountains", "snowy"):
            ranges = [(0.32, 0.55, 0.75, dark), (0.18, 0.75, 0.55, dark), (0.08, 0.95, 0.8, green)]
            for height, strength, rough, col in ranges:
                ridge = hz - self.h * k * height * (0.35 + 0.65 * _ridge(w, rng, rough))
                c = mix(tuple(int(v) for v in horizon_col), col, strength)
                _fill_below(img, ridge, c)
                if sil == "snowy" or height > 0.25:
                    # Snow above a ragged snow line: only the peaks wear it.
                    top = float(ridge.min())
                    line = top + (hz - top) * (0.16 if sil != "snowy" else 0.45)
                    line = line + (_ridge(w, rng, 0.9) - 0.5) * self.h * k * 0.03
                    ys = np.arange(h, dtype=np.float32)[:, None]
                    m = _below(h, w, ridge) * np.clip(line[None, :] - ys + 0.5, 0, 1)
                    snow = mix((250, 250, 255), tuple(int(v) for v in horizon_col), 0.3 if self.tod != "night" else 0.7)
                    _add(img, m, snow, 0.9)
            self._tree_line(img, k, hz, mix(tuple(int(v) for v in horizon_col), green, 0.9), 0.03)
        elif sil == "city":
            self._skyline(img, k, hz, dark, horizon_col)
        elif sil in ("sea", "lake"):
            if sil == "lake":
                ridge = hz - self.h * k * 0.16 * (0.3 + 0.7 * _ridge(w, rng, 0.5))
                _fill_below(img, ridge, mix(tuple(int(v) for v in horizon_col), dark, 0.55))
                self._tree_line(img, k, hz, mix(tuple(int(v) for v in horizon_col), green, 0.85), 0.05)
            self._water(img, k, hz)
        elif sil == "trees":
            ridge = hz - self.h * k * 0.14 * (0.3 + 0.7 * _ridge(w, rng, 0.4))
            _fill_below(img, ridge, mix(tuple(int(v) for v in horizon_col), dark, 0.5))
            self._tree_line(img, k, hz, mix(tuple(int(v) for v in horizon_col), green, 0.7), 0.12, conifer=True)
            self._tree_line(img, k, hz + self.h * k * 0.01, mix(tuple(int(v) for v in horizon_col), green, 0.92),
                            0.07, conifer=True)
        elif sil == "hills":
            for height, strength in ((0.12, 0.45), (0.06, 0.75)):
                ridge = hz - self.h * k * height * (0.4 + 0.6 * _ridge(w, rng, 0.12))
                _fill_below(img, ridge, mix(tuple(int(v) for v in horizon_col), green, strength))
            self._tree_line(img, k, hz, mix(tuple(int(v) for v in horizon_col), green, 0.85), 0.04)
        elif sil == "dunes":
            for height, strength in ((0.10, 0.35), (0.05, 0.6)):
                ridge = hz - self.h * k * height * (0.4 + 0.6 * _ridge(w, rng, 0.08))
                c = mix(tuple(int(v) for v in horizon_col), (200, 140, 90) if self.tod != "night" else (40, 36, 50),
                        strength)
                _fill_below(img, ridge, c)
        elif sil == "stage":
            self._stage(img, k, hz)

    def _tree_line(self, img: np.ndarray, k: float, base: float, col: RGB, height: float,
                   conifer: bool = False) -> None:
        """A band of distant tree crowns along the horizon."""
        h, w = img.shape[:2]
        rng = self.rng
        mask = np.zeros((h, w), np.uint8)
        th = self.h * k * height
        x = -th
        while x < w + th:
            hh = th * rng.uniform(0.5, 1.0)
            if conifer:
                pts = np.array([[x, base + 2], [x + hh * 0.22, base - hh], [x + hh * 0.44, base + 2]], np.int32)
                cv2.fillPoly(mask, [pts], 255, cv2.LINE_AA)
                x += hh * rng.uniform(0.18, 0.34)
            else:
                cv2.circle(mask, (int(x), int(base - hh * 0.6)), max(1, int(hh * 0.45)), 255, -1, cv2.LINE_AA)
                x += hh * rng.uniform(0.3, 0.6)
        mask[int(base):] = 255
        _add(img, mask.astype(np.float32) / 255, col, 1.0)

    def _skyline(self, img: np.ndarray, k: float, hz: float, dark: RGB, horizon_col: np.ndarray) -> None:
        h, w = img.shape[:2]
        rng = self.rng
        lit = self.tod in ("night", "dusk", "dawn")
        for row, (height, strength) in enumerate(((0.34, 0.45), (0.24, 0.72))):
            col = np.array(mix(tuple(int(v) for v in horizon_col), dark, strength), np.float32)
            x = -rng.uniform(0, 30)
            while x < w:
                bwid = self.w * k * rng.uniform(0.035, 0.08)
                bh = self.h * k * height * rng.uniform(0.35, 1.0)
                x0, x1, y0 = int(x), int(x + bwid), int(hz - bh)
                shade = col * rng.uniform(0.9, 1.08)
                img[max(0, y0):int(hz) + 2, max(0, x0):max(0, x1)] = shade
                if rng.random() < 0.25:  # a spire or a stepped top
                    sw = max(1, int(bwid * 0.3))
                    img[max(0, y0 - int(bh * 0.12)):y0, max(0, x0 + sw):max(0, x1 - sw)] = shade
                # windows: a grid, some lit
                step_x, step_y = max(3, int(bwid / 5)), max(3, int(self.h * k * 0.018))
                ww, wh = max(1, step_x // 2), max(1, step_y // 2)
                for wy in range(y0 + step_y, int(hz) - step_y, step_y):
                    for wx in range(x0 + step_x // 2, x1 - ww, step_x):
                        if lit and rng.random() < (0.45 if self.tod == "night" else 0.3):
                            c = (255, 214, 130) if rng.random() < 0.8 else (200, 220, 255)
                            a = 0.9 if row == 1 else 0.6
                            img[wy:wy + wh, wx:wx + ww] = img[wy:wy + wh, wx:wx + ww] * (1 - a) + np.array(c) * a
                        elif not lit:
                            img[wy:wy + wh, wx:wx + ww] = mix(tuple(int(v) for v in shade), (230, 240, 250), 0.22)
                x = x1 + rng.uniform(0, 0.01) * self.w * k
        if lit:
            _add(img, _radial(h, w, w / 2, hz, w * 0.7, squash=0.25), (255, 190, 120), 0.18)

    def _water(self, img: np.ndarray, k: float, hz: float) -> None:
        """The sea (or a lake) from the horizon down: the sky's colours, darker, with a glitter
        path under the sun or the moon."""
        h, w = img.shape[:2]
        y0 = int(hz)
        sky = self.sky
        deep = {"night": (10, 18, 44), "dusk": (60, 50, 100), "dawn": (110, 130, 180),
                "golden_hour": (70, 110, 150), "day": (28, 110, 170)}[self.tod]
        near = {"night": (20, 30, 60), "dusk": (120, 80, 110), "dawn": (150, 170, 200),
                "golden_hour": (110, 150, 170), "day": (40, 160, 190)}[self.tod]
        water = _gradient(h - y0, w, [(0.0, mix(sky[-1][1], deep, 0.6)), (0.4, deep), (1.0, near)], 0.0, h - y0)
        img[y0:] = water
        rng = self.rng
        # ripples: thin lighter streaks
        for _ in range(int(w / 6)):
            yy = y0 + int((rng.uniform(0, 1) ** 1.8) * (h - y0))
            xx = rng.uniform(0, w)
            ln = (4 + 40 * (yy - y0) / max(1, h - y0)) * rng.uniform(0.5, 1.5)
            under = img[min(h - 1, yy), min(w - 1, int(xx))]
            c = (np.array(mix(sky[-1][1], (255, 255, 255), 0.3), np.float32) + under) * 0.5
            cv2.line(img, (int(xx), yy), (int(xx + ln), yy), tuple(float(v) for v in c), 1, cv2.LINE_AA)
        side = 0.82 if self.layout.align == "left" else (0.18 if self.spec.seed % 2 else 0.82)
        cx = self.X(side) * k
        glow_col = (255, 240, 200) if self.tod != "night" else (220, 226, 240)
        path = _radial(h, w, cx, y0 + (h - y0) * 0.1, w * 0.08, squash=4.0)
        path[:y0] = 0
        jitter = (rng.random((h, w)) > 0.55).astype(np.float32)
        jitter = cv2.GaussianBlur(jitter, (0, 0), 0.8)
        _add(img, path * jitter, glow_col, 0.8 if self.tod != "day" else 0.5)
        # a bright line where sea meets sky
        band = np.exp(-((np.arange(h, dtype=np.float32) - y0) / max(1.0, h * 0.004)) ** 2)[:, None]
        _add(img, np.broadcast_to(band, (h, w)).astype(np.float32), mix(sky[-1][1], (255, 255, 255), 0.4), 0.5)

    def _stage(self, img: np.ndarray, k: float, hz: float) -> None:
        h, w = img.shape[:2]
        rng = self.rng
        img[:] = img * 0.4
        ys, xs = np.mgrid[:h, :w].astype(np.float32)
        cols = [self.roles.accent, self.roles.third, (120, 160, 255), (255, 90, 170)]
        for i in range(6):
            x0 = w * (0.1 + 0.16 * i)
            ang = math.radians(rng.uniform(-25, 25))
            d = (xs - x0) * math.cos(ang) + ys * math.sin(ang)
            beam = np.exp(-(d / (w * 0.02 + ys * 0.08)) ** 2) * np.clip(ys / hz, 0, 1)
            _add(img, beam.astype(np.float32), cols[i % len(cols)], 0.35)
        # truss and the crowd's heads along the bottom
        img[: int(h * 0.05)] *= 0.3
        for _ in range(int(w / 8)):
            x = rng.uniform(0, w)
            r = self.h * k * rng.uniform(0.018, 0.03)
            y = hz - r * rng.uniform(0.2, 1.6)
            cv2.circle(img, (int(x), int(y)), int(r), (10, 10, 16), -1, cv2.LINE_AA)
        img[int(hz):] = (10, 10, 16)

    # -- interior ----------------------------------------------------------------------------
    def _room(self, sky: np.ndarray, k: float) -> np.ndarray:
        """A back wall with a window onto the sky, optional shelves and pendant lamps."""
        h, w = sky.shape[:2]
        r = self.recipe
        wall_col = mix(r.wall, self.roles.backdrop_top, 0.15)
        amb = np.array(INTERIOR_AMBIENT[self.tod], np.float32)
        wall = _gradient(h, w, [(0.0, _scale3(wall_col, amb * 0.86)), (1.0, _scale3(wall_col, amb))], 0, h)
        floor_top = self._floor_top * k
        # The window: on the side away from the text, showing the time of day outside.
        win_w, win_h = self.w * k * 0.34, self.h * k * 0.44
        side = 0.74 if self.layout.align == "left" and self.layout.text_box.x < 0.3 else 0.5
        wx0 = int(self.X(side) * k - win_w / 2)
        wy0 = int(self.Y(0.08) * k)
        wx1, wy1 = int(wx0 + win_w), int(wy0 + win_h)
        outside = sky.copy()
        hz_in = wy1 - win_h * 0.22
        self._window_view(outside, k, hz_in)
        img = wall
        img[wy0:wy1, wx0:wx1] = outside[wy0:wy1, wx0:wx1]
        if self.weather == "rain":
            self._rain_on_glass(img, wx0, wy0, wx1, wy1)
        frame_col = mix(wall_col, (255, 255, 255), 0.6) if sum(wall_col) < 500 else (250, 250, 248)
        t = max(2, int(self.h * k * 0.012))
        cv2.rectangle(img, (wx0, wy0), (wx1, wy1), frame_col, t * 2)
        cv2.line(img, ((wx0 + wx1) // 2, wy0), ((wx0 + wx1) // 2, wy1), frame_col, t)
        cv2.line(img, (wx0, (wy0 + wy1) // 2), (wx1, (wy0 + wy1) // 2), frame_col, t)
        sill = _scale3(frame_col, amb * 0.92)
        cv2.rectangle(img, (wx0 - t * 3, wy1), (wx1 + t * 3, wy1 + t * 2), sill, -1)
        # Light falling from the window onto the wall (day), soft.
        if self.tod in ("day", "golden_hour", "dawn"):
            _add(img, _radial(h, w, (wx0 + wx1) / 2, (wy0 + wy1) / 2, win_w * 1.2, squash=0.9),
                 (255, 246, 226), 0.18)
        if r.shelves:
            self._shelves(img, k, wx0, wx1)
        if r.light == "lamps" or self.tod in ("night", "dusk"):
            for fx in (0.22, 0.5, 0.78) if side == 0.5 else (0.16, 0.42):
                lx = self.X(fx) * k
                if wx0 - 20 < lx < wx1 + 20:
                    continue
                ly = self.Y(0.14) * k
                cv2.line(img, (int(lx), 0), (int(lx), int(ly)), (40, 36, 34), max(1, int(self.h * k * 0.003)), cv2.LINE_AA)
                sh = self.h * k * 0.035
                pts = np.array([[lx - sh, ly + sh * 0.9], [lx - sh * 0.35, ly], [lx + sh * 0.35, ly],
                                [lx + sh, ly + sh * 0.9]], np.int32)
                cv2.fillPoly(img, [pts], (46, 42, 40), cv2.LINE_AA)
                _add(img, _radial(h, w, lx, ly + sh, self.h * k * 0.22), LAMP, 0.35)
                _add(img, _disc(h, w, lx, ly + sh * 0.95, sh * 0.45, squash=0.35), (255, 240, 200), 1.0)
        # Baseboard and floor.
        fy = int(floor_top)
        floor = _gradient(h - fy, w, [(0.0, _scale3(r.floor, amb * 0.8)), (1.0, _scale3(r.floor, amb))], 0, h - fy)
        img[fy:] = floor
        cv2.rectangle(img, (0, fy - max(2, int(self.h * k * 0.02))), (w, fy), _scale3(wall_col, amb * 0.7), -1)
        # Lamp light pooling on the wall, and a gentle darkening towards the corners.
        if r.light == "lamps" and self.tod in ("night", "dusk"):
            _add(img, _radial(h, w, w * 0.5, h * 0.5, w * 0.6), LAMP, 0.15)
        vig = _radial(h, w, w / 2, h * 0.45, w * 0.75)
        img *= (0.8 + 0.2 * np.sqrt(vig))[..., None]
        return img

    def _rain_on_glass(self, img: np.ndarray, x0: int, y0: int, x1: int, y1: int) -> None:
        """Rain on a window: drops beading on the glass and a few running down, light against
        the grey outside (indoors nothing falls in front of the room)."""
        rng = self.rng
        glass = img[y0:y1, x0:x1]
        drops = np.zeros(glass.shape[:2], np.float32)
        gh, gw = drops.shape
        for _ in range(int(gw * gh / 520)):
            x, y = int(rng.uniform(0, gw)), int(rng.uniform(0, gh))
            r = max(1, int(rng.uniform(0.002, 0.005) * self.h * 0.5))  # (the glass is painted at half size)
            cv2.ellipse(drops, (x, y), (r, int(r * 1.4)), 0, 0, 360, float(rng.uniform(0.3, 0.8)), -1, cv2.LINE_AA)
            if rng.random() < 0.3:  # a drop that has run, leaving a thin trail
                cv2.line(drops, (x, y), (x + int(rng.uniform(-2, 2)), y - int(rng.uniform(0.05, 0.25) * gh)),
                         0.3, 1, cv2.LINE_AA)
        drops = cv2.GaussianBlur(drops, (0, 0), 0.6)
        glass += (np.array((235, 240, 248), np.float32) - glass) * (drops * 0.45)[..., None]

    def _window_view(self, img: np.ndarray, k: float, hz: float) -> None:
        h, w = img.shape[:2]
        view = self.recipe.window
        sky = self.sky
        img[:] = _gradient(h, w, sky, 0.0, hz)
        horizon_col = np.array(sky[-1][1], np.float32)
        dark = {"night": (10, 14, 30), "dusk": (50, 40, 70), "dawn": (100, 100, 140),
                "golden_hour": (110, 96, 100), "day": (120, 140, 170)}[self.tod]
        if view == "city":
            saved = self.h
            self.h = int(saved * 0.5)
            self._skyline(img, k, hz, dark, horizon_col)
            self.h = saved
        else:
            green = {"night": (12, 20, 24), "dusk": (50, 50, 60), "dawn": (90, 110, 100),
                     "golden_hour": (100, 110, 70), "day": (70, 130, 80)}[self.tod]
            self._tree_line(img, k, hz, mix(tuple(int(v) for v in horizon_col), green, 0.8), 0.08)
        img[int(hz):] = img[int(hz):] * 0.6 + np.array(mix(tuple(int(v) for v in horizon_col), (90, 110, 80), 0.6)) * 0.4

    def _shelves(self, img: np.ndarray, k: float, wx0: int, wx1: int) -> None:
        """On the wall opposite the window, three shelves of books, or of jars and bowls."""
        h, w = img.shape[:2]
        rng = self.rng
        if (wx0 + wx1) / 2 > w / 2:
            x0, x1 = int(self.X(0.02) * k), int(self.X(0.40) * k)
        else:
            x0, x1 = int(self.X(0.60) * k), int(self.X(0.98) * k)
        wood = (112, 78, 52)
        jars = self.recipe.shelves == "jars"
        books = [(170, 60, 50), (60, 90, 140), (220, 190, 120), (70, 120, 90), (230, 230, 220)]
        glass = [(214, 168, 90), (196, 96, 60), (120, 150, 90), (236, 214, 160), (150, 90, 60)]
        for fy in (0.16, 0.30, 0.44):
            y = int(self.Y(fy) * k)
            x = x0 + 4
            while x < x1 - 8:
                if jars:
                    jw = int(self.w * k * rng.uniform(0.018, 0.028))
                    jh = int(self.h * k * rng.uniform(0.05, 0.085))
                    if x + jw > x1 - 4:
                        break
                    c = mix(glass[int(rng.integers(0, len(glass)))], self.recipe.wall, 0.2)
                    if rng.random() < 0.3:  # a bowl
                        cv2.ellipse(img, (x + jw // 2, y - jh // 4), (jw // 2 + 2, jh // 4), 0, 0, 180, c, -1, cv2.LINE_AA)
                    else:
                        cv2.rectangle(img, (x, y - jh + 3), (x + jw, y), c, -1, cv2.LINE_AA)
                        cv2.rectangle(img, (x + 2, y - jh), (x + jw - 2, y - jh + 4), (90, 70, 56), -1)
                        cv2.line(img, (x + 2, y - jh + 6), (x + 2, y - 3), mix(c, (255, 255, 255), 0.5), 1)
                    x += jw + int(self.w * k * rng.uniform(0.004, 0.014))
                    continue
                bw_ = int(self.w * k * rng.uniform(0.008, 0.016))
                bh_ = int(self.h * k * rng.uniform(0.06, 0.1))
                if rng.random() < 0.15:
                    x += bw_ * 2
                    continue
                c = mix(books[int(rng.integers(0, len(books)))], self.recipe.wall, 0.25)
                cv2.rectangle(img, (x, y - bh_), (x + bw_, y), c, -1)
                x += bw_ + 1
            cv2.rectangle(img, (x0, y), (x1, y + max(2, int(self.h * k * 0.012))), wood, -1)

    # -- ground --------------------------------------------------------------------------------
    def _ground(self, mid: np.ndarray) -> None:
        """The ground plane, opaque from the horizon to the bottom, painted at half size."""
        bw, bh = self.bw, self.bh
        w, h = bw // 2, bh // 2
        k = 0.5
        hz = self.ground_top * k
        y0 = int(hz)
        rng = self.rng
        g = self.recipe.ground
        tod = self.tod
        cols = {
            "grass": ((120, 160, 88), (70, 128, 58)), "sand": ((236, 214, 170), (226, 196, 148)),
            "snow": ((232, 238, 248), (246, 248, 252)), "dirt": ((150, 128, 98), (120, 96, 70)),
            "road": ((128, 160, 96), (84, 134, 64)), "street": ((160, 160, 166), (126, 126, 134)),
            "stage": ((20, 18, 24), (30, 28, 36)),
        }.get(g, ((120, 160, 88), (70, 128, 58)))
        far_c, near_c = cols
        sky_h = self.sky[-1][1]
        far_c = mix(far_c, sky_h, 0.35)  # haze towards the horizon
        ground = _gradient(h - y0, w, [(0.0, far_c), (1.0, near_c)], 0.0, h - y0)
        tex = _noise(h - y0, w, rng, 6) * 0.6 + _noise(h - y0, w, rng, 24) * 0.4
        amp = {"grass": 14, "sand": 7, "snow": 4, "dirt": 12, "road": 14, "street": 5, "stage": 3}.get(g, 10)
        ground += tex[..., None] * amp
        if g == "sand" and self.recipe.silhouette == "sea":
            # wet sand and foam where the waves reach
            t = np.arange(h - y0, dtype=np.float32)[:, None]
            xs = np.arange(w, dtype=np.float32)[None, :]
            wave = (h - y0) * 0.09 + np.sin(xs / w * 9 + 1.3) * (h - y0) * 0.02 + np.sin(xs / w * 23) * (h - y0) * 0.008
            wet = np.clip((wave - t) / ((h - y0) * 0.05), 0, 1)
            ground = ground * (1 - wet[..., None] * 0.18) + np.array((140, 130, 120), np.float32) * wet[..., None] * 0.18
            foam = np.exp(-((t - wave) / max(1.0, (h - y0) * 0.008)) ** 2)
            foam2 = np.exp(-((t - wave * 0.45) / max(1.0, (h - y0) * 0.005)) ** 2) * 0.6
            ground += (np.array((255, 255, 255), np.float32) - ground) * np.clip(foam + foam2, 0, 1)[..., None] * 0.85
            water = np.clip((wave * 0.45 - t) / 2, 0, 1)
            sea = np.array({"day": (60, 170, 200), "night": (20, 34, 70)}.get(tod, (120, 140, 170)), np.float32)
            ground = ground * (1 - water[..., None]) + sea * water[..., None]
        if g in ("road", "street"):
            self._road(ground, k, hz, street=(g == "street"))
        if g == "grass":
            self._grass_tufts(ground, k)
        small = np.zeros((h, w, 4), np.float32)
        small[y0:, :, :3] = ground
        small[y0:, :, 3] = 255
        # soft horizon edge (antialiased over a pixel)
        frac = hz - y0
        small[y0, :, 3] = 255 * (1 - frac)
        _enlarge_into(small, mid)

    def _road(self, ground: np.ndarray, k: float, hz: float, street: bool) -> None:
        """A road in perspective, from a vanishing point on the horizon to the frame's bottom,
        with edge lines and dashed centre lines shrinking with distance."""
        gh, w = ground.shape[:2]
        vx = self.X(0.38 if self.sx > 0.5 else 0.5) * k
        bottom = gh
        ys = np.arange(gh, dtype=np.float32)[:, None] + 0.5
        xs = np.arange(w, dtype=np.float32)[None, :]
        t = ys / bottom  # 0 at the horizon, 1 at the bottom (perspective: width ∝ t)
        half = (self.w * k * (0.62 if street else 0.42)) * t + 1.0
        dx = xs - vx
        road = np.clip(half - np.abs(dx) + 0.5, 0, 1)
        asphalt = np.array((70, 72, 78) if not street else (84, 86, 92), np.float32)
        if self.tod == "night":
            asphalt = asphalt * 0.9
        ground[:] = ground * (1 - road[..., None]) + (asphalt + _noise(gh, w, self.rng, 40)[..., None] * 4) * road[..., None]
        line_w = np.maximum(0.6, half * 0.018)
        edge = np.clip(line_w - np.abs(np.abs(dx) - half * 0.93) + 0.5, 0, 1)
        ground[:] += (np.array((236, 236, 230), np.float32) - ground) * edge[..., None] * 0.9
        # dashes: world distance z ∝ 1/t, dashes every fixed z
        z = 1.0 / np.maximum(t, 1e-3)
        dash = ((z * 3.0) % 1.0 < 0.5).astype(np.float32)
        lanes = (0.0,) if not street else (-0.31, 0.31)
        for lane in lanes:
            centre = np.clip(line_w - np.abs(dx - lane * half * 2 * 0.5) + 0.5, 0, 1) * dash
            col = (250, 206, 70) if not street else (240, 240, 236)
            ground[:] += (np.array(col, np.float32) - ground) * centre[..., None] * 0.9
        if street:
            # kerbs: a lighter pavement outside the road
            kerb = np.clip(np.abs(dx) - half - 0.5, 0, 1) * np.clip(half * 1.6 - np.abs(dx), 0, 1)
            ground[:] += (np.array((186, 184, 180), np.float32) - ground) * kerb[..., None] * 0.6

    def _grass_tufts(self, ground: np.ndarray, k: float) -> None:
        gh, w = ground.shape[:2]
        rng = self.rng
        n = int(w * gh / 180)
        ys = (rng.uniform(0, 1, n) ** 0.7) * gh
        xs = rng.uniform(0, w, n)
        for x, y in zip(xs, ys):
            ln = 1 + (y / gh) * self.h * k * 0.02
            c = ground[int(min(gh - 1, y)), int(min(w - 1, x))] * rng.uniform(0.75, 1.2)
            cv2.line(ground, (int(x), int(y)), (int(x + rng.uniform(-0.4, 0.4) * ln), int(y - ln)),
                     tuple(float(v) for v in c), 1, cv2.LINE_AA)

    def _floor(self, mid: np.ndarray) -> None:
        """Interior: wooden planks in perspective, from the wall's foot to the frame's bottom."""
        bw, bh = self.bw, self.bh
        w, h = bw // 2, bh // 2
        k = 0.5
        y0 = int(self._floor_top * k)
        gh = h - y0
        amb = np.array(INTERIOR_AMBIENT[self.tod], np.float32)
        base = np.array(self.recipe.floor, np.float32) * amb
        ys = np.arange(gh, dtype=np.float32)[:, None] + 0.5
        xs = np.arange(w, dtype=np.float32)[None, :]
        t = (ys + gh * 0.35) / (gh * 1.35)
        vx = w / 2
        u = (xs - vx) / t  # plank coordinate across
        plank = self.w * k * 0.06
        idx = np.floor(u / plank)
        tone = (np.sin(idx * 12.9898) * 43758.5453) % 1.0
        col = base * (0.86 + 0.22 * tone[..., None])
        seam = np.clip(1.2 - np.abs((u / plank) - np.round(u / plank)) * plank * t / 1.0, 0, 1)
        col *= (1 - seam[..., None] * 0.35)
        grain = _noise(gh, w, self.rng, 60)[..., None] * 6
        col += grain
        col *= (0.78 + 0.22 * np.clip(t, 0, 1))[..., None]
        small = np.zeros((h, w, 4), np.float32)
        small[y0:, :, :3] = col
        small[y0:, :, 3] = 255
        _enlarge_into(small, mid)

    def _table(self, near: np.ndarray) -> None:
        """Table settings: a table top across the foreground, seen from just above it (the
        people sit behind it): boards running along it (wood) or a smooth stone top, lighter
        at the back where the room's light falls, with a bright back edge."""
        r = self.recipe
        top = self._table_top
        bw, bh = self.bw, self.bh
        y0 = int(top)
        th = bh - y0
        amb = np.array(INTERIOR_AMBIENT[self.tod], np.float32)
        base = np.array(r.table, np.float32) * amb
        ys = np.arange(th, dtype=np.float32)[:, None] + (y0 - top)
        t = np.clip(ys / max(1.0, self.Y(1.0) - top), 0, 1.2)
        col = base * (1.06 - 0.22 * t)[..., None] * np.ones((1, bw, 1), np.float32)
        if sum(r.table) < 600:
            # boards parallel to the edge, narrower with distance (perspective: 1/z spacing)
            z = 1.0 / (t + 0.25)
            board = np.floor(z * 4.0)
            tone = (np.sin(board * 12.9898) * 43758.5453) % 1.0
            col *= (0.92 + 0.12 * tone)[..., None]
            seam = np.clip(1.0 - np.abs((z * 4.0) - np.round(z * 4.0)) / (0.02 + 0.02 * t), 0, 1)
            col *= (1 - 0.25 * seam)[..., None]
            grain = _noise(th, bw, self.rng, 120) * 0.6 + _noise(th, bw, self.rng, 400) * 0.4
            col += grain[..., None] * 7
        else:
            col += _noise(th, bw, self.rng, 30)[..., None] * 4
        # the room's light reflected in the top, behind the group
        glow = _radial(th, bw, self.X(self.sx), -th * 0.1, self.w * 0.45, squash=0.35)
        col += (255 - col) * glow[..., None] * 0.25
        edge = np.exp(-(ys / max(1.0, self.h * 0.003)) ** 2)
        col += (255 - col) * edge[..., None] * 0.45
        a = np.clip(ys + 0.5, 0, 1) * np.ones((1, bw), np.float32)
        region = near[y0:]
        region[..., :3] = region[..., :3] * (1 - a[..., None]) + col * a[..., None]
        region[..., 3] = np.maximum(region[..., 3], a * 255)

    # -- props ---------------------------------------------------------------------------------
    def _recipe_props(self, mid: np.ndarray) -> None:
        """The setting's own props around the picture (trees, a tent), far to near."""
        r = self.recipe
        props = [p for p in r.props if not p.table and not p.centre]
        for p in sorted(props, key=lambda p: p.d):
            x = p.x if p.edge else self.sx + p.x
            if p.sky is not None:
                self._place(mid, p.noun, self.X(x), self.Y(p.sky), p.h * self.fr.scale, depth=0.6, flip=p.flip,
                            shadow=False)
                continue
            if self.indoor:  # against the back wall, standing on the floor
                base = self._floor_top + (self.Y(1.0) - self._floor_top) * 0.25
                self._place(mid, p.noun, self.X(x), base, p.h * self.fr.scale, depth=0.5, flip=p.flip)
                continue
            self._place(mid, p.noun, self.X(x), self.ground_y(p.d), p.h * self.fr.scale, depth=p.d, flip=p.flip)
        if r.silhouette == "city" and not self.indoor:
            self._lamp_posts(mid)

    def _row(self, group: np.ndarray, table: np.ndarray | None, front: np.ndarray | None) -> list[str]:
        """The group: people and the centrepiece; at a table, the people sit behind its top
        and the items stand on it."""
        drawn = []
        if table is not None:
            self._table(table)
        for p in self.stage.row:
            layer = front if (front is not None and p.kind != "figure") else group
            if p.kind == "centre" and p.key == FIRE_KEY:
                self._campfire(layer, self.X(p.x), self.Y(p.base), p.height)
                continue
            self._place(layer, p.key, self.X(p.x), self.Y(p.base), p.height, depth=0.85 if p.kind == "figure" else 0.9,
                        flip=p.flip, skin=p.tone, shadow=not (table is not None and p.kind == "figure"))
            if p.kind == "figure":
                drawn.append(p.key)
        return drawn

    def _campfire(self, near: np.ndarray, x: float, base: float, height: float) -> None:
        """Logs, a ring of stones' glow and the flames."""
        logs = _illustration(WOOD_KEY, max(8, int(self.h * height * 0.32)), self.spec.cache_dir)
        if logs is not None:
            arr = np.asarray(logs, np.float32)
            lw = arr.shape[1]
            # two logs crossed: the wood emoji, turned on its side both ways
            side = cv2.rotate(arr, cv2.ROTATE_90_CLOCKWISE)
            side = cv2.resize(side, (int(side.shape[1] * 1.3), int(side.shape[0] * 0.55)))
            for flip in (False, True):
                img = side[:, ::-1] if flip else side
                self._blit(near, img, x - img.shape[1] / 2 + (lw * 0.25 if flip else -lw * 0.25),
                           base - img.shape[0], depth=0.9, shadow=not flip)
        self._place(near, FIRE_KEY, x, base - self.h * height * 0.08, height, depth=0.9, shadow=False)

    def _brief_props(self, mid: np.ndarray | None, near: np.ndarray | None) -> None:
        """The brief's own props: big ones (a tent, a car) in the mid ground behind the group,
        small ones on the ground (or the table) at the ends of the group. Draws into the
        layers given (None: not this time)."""
        noun = self.spec.product_noun.lower().strip()
        recipe_nouns = {p.noun for p in self.recipe.props}
        props = [p for p in self.spec.props if p.strip() and p.lower().strip() != noun and p not in recipe_nouns][:3]
        if not props:
            return
        xs = [p.x for p in self.stage.row] + [self.stage.hero[0]]
        lo, hi = (min(xs), max(xs)) if xs else (self.sx - 0.1, self.sx + 0.1)
        slots = [hi + 0.09, lo - 0.09, hi + 0.16]
        big_slots = [0.30 if self.sx > 0.5 else 0.2, 0.8]
        table = self.recipe.table is not None
        for i, noun_i in enumerate(props):
            size = PROP_SIZES.get(_singular(noun_i.lower()), 0.30)
            if size >= 0.6 and not table:  # a tent or a car: in the mid ground, behind the group
                d = 0.12
                if mid is None:
                    continue
                self._place(mid, noun_i, self.X(big_slots[i % 2]), self.ground_y(d), self.fr.figure * size * 0.7,
                            depth=d)
                continue
            x = min(0.96, max(0.04, slots[i]))
            if near is None:
                continue
            if table:
                self._place(near, noun_i, self.X(x), self._table_top + self.h * 0.10,
                            0.12 * self.fr.scale * (1.6 if size >= 0.6 else 1.0), depth=0.95)
            else:
                self._place(near, noun_i, self.X(x), self.Y(self.fr.feet + 0.02), self.fr.figure * size, depth=0.9)

    def _lamp_posts(self, mid: np.ndarray) -> None:
        """Street lamps along the kerb, lit from dusk to dawn."""
        lit = self.tod in ("night", "dusk", "dawn")
        for fx, d in ((0.30, 0.10), (0.84, 0.22)):
            x, base = self.X(fx), self.ground_y(d)
            ph = self.h * (0.30 + 0.3 * d) * self.fr.scale
            lw = max(2, int(self.h * 0.006))
            col = (44, 48, 56, 255)
            img = Image.new("RGBA", (int(ph * 0.5) + 4, int(ph) + 4), (0, 0, 0, 0))
            dr = ImageDraw.Draw(img)
            cx = img.width // 2
            dr.rectangle([cx - lw // 2, int(ph * 0.08), cx + lw // 2, int(ph)], fill=col)
            dr.rectangle([cx - lw, int(ph * 0.92), cx + lw, int(ph)], fill=col)
            dr.line([cx, int(ph * 0.08), cx + int(ph * 0.14), int(ph * 0.04)], fill=col, width=lw)
            hx = cx + int(ph * 0.14)
            dr.polygon([(hx - ph * 0.05, ph * 0.05), (hx + ph * 0.05, ph * 0.05), (hx + ph * 0.03, ph * 0.02),
                        (hx - ph * 0.03, ph * 0.02)], fill=col)
            if lit:
                glow = Image.new("L", img.size, 0)
                ImageDraw.Draw(glow).ellipse([hx - ph * 0.12, ph * 0.0, hx + ph * 0.12, ph * 0.16], fill=160)
                glow = glow.filter(ImageFilter.GaussianBlur(ph * 0.03))
                lamp = Image.new("RGBA", img.size, (255, 214, 150, 255))
                lamp.putalpha(glow)
                img.alpha_composite(lamp)
                dr.ellipse([hx - ph * 0.03, ph * 0.045, hx + ph * 0.03, ph * 0.065], fill=(255, 240, 200, 255))
            self._blit(mid, np.asarray(img, np.float32), x - cx, base - ph, depth=d, shadow=False)

    # -- placing illustrations -----------------------------------------------------------------
    def _place(self, layer: np.ndarray, noun: str, x: float, base: float, h_frac: float, depth: float,
               flip: bool = False, skin: RGB | None = None, shadow: bool = True) -> None:
        """Put an illustration in a layer: bottom-centre at (x, base) in backdrop px, h_frac of
        the frame tall, graded towards the sky with distance and with a soft contact shadow."""
        hp = max(8, int(self.h * h_frac))
        img = _illustration(noun, hp, self.spec.cache_dir)
        if img is None:
            return
        arr = np.asarray(img, np.float32)
        if skin is not None:
            arr = _reskin(arr, skin)
        if flip:
            arr = arr[:, ::-1]
        ah, aw = arr.shape[:2]
        # Haze: far things take on the horizon's colour and lose some saturation.
        haze = (1 - np.clip(depth, 0, 1)) ** 2 * (0.28 if not self.indoor else 0.10)
        if haze > 0:
            sky = np.array(self.sky[-1][1] if not self.indoor else self.recipe.wall, np.float32)
            grey = arr[..., :3].mean(axis=2, keepdims=True)
            arr[..., :3] = arr[..., :3] * (1 - haze * 0.5) + grey * haze * 0.5
            arr[..., :3] = arr[..., :3] * (1 - haze) + sky * haze
        self._blit(layer, arr, x - aw / 2, base - ah, depth=depth, shadow=shadow)

    def _blit(self, layer: np.ndarray, arr: np.ndarray, x: float, y: float, depth: float, shadow: bool) -> None:
        ah, aw = arr.shape[:2]
        if shadow:
            sw = aw * 0.9
            sh = max(3.0, aw * 0.16 * (0.4 + 0.6 * depth))
            pad = int(sh * 2)
            m = np.zeros((int(sh * 2 + pad * 2), int(sw + pad * 2)), np.float32)
            cv2.ellipse(m, (m.shape[1] // 2, m.shape[0] // 2), (int(sw / 2), int(sh / 2)), 0, 0, 360, 1.0, -1, cv2.LINE_AA)
            # the alpha's own footprint: shadows under the actual contact points
            m = cv2.GaussianBlur(m, (0, 0), max(1.0, sh * 0.35))
            strength = 0.55 if self.tod != "night" else 0.45
            sx0 = int(x + aw / 2 - m.shape[1] / 2)
            sy0 = int(y + ah - m.shape[0] / 2 - sh * 0.05)
            _over(layer, np.dstack([np.zeros(m.shape + (3,), np.float32) + 8, m * 255 * strength]), sx0, sy0)
        _over(layer, arr, int(round(x)), int(round(y)))

    # -- lighting ------------------------------------------------------------------------------
    def _light(self) -> np.ndarray:
        """Light multiplier over the backdrop, at a quarter size: ambient by time of day, a
        warm pool around a fire or under lamps."""
        qw, qh = self.bw // 4, self.bh // 4
        amb = np.array(AMBIENT[self.tod] if not self.indoor else INTERIOR_AMBIENT[self.tod], np.float32)
        if self.weather in WEATHER_AMBIENT:  # an overcast day lights everything flatter and cooler
            amb = amb * np.array(WEATHER_AMBIENT[self.weather], np.float32)
        light = np.broadcast_to(amb, (qh, qw, 3)).copy()
        if self.fire is not None:
            fx = self.fire[0] / 4
            fy = (self.fire[1] - self.h * 0.05) / 4
            r = self.h * 0.75 / 4
            pool = _radial(qh, qw, fx, fy, r, squash=0.7)
            warm = np.array(FIRE, np.float32) / 255 * (2.2 if self.tod in ("night", "dusk") else 0.7)
            light += pool[..., None] * warm
        if self.tod == "golden_hour" and not self.indoor:
            light *= np.linspace(1.08, 0.94, qw, dtype=np.float32)[None, :, None] if self.layout.align == "left" else 1.0
        return light

    def _apply_light(self, layer: np.ndarray, light: np.ndarray) -> None:
        if getattr(self, "_light_big", None) is None:
            self._light_big = cv2.resize(light, (self.bw, self.bh), interpolation=cv2.INTER_LINEAR)
        rows = np.flatnonzero(layer[..., 3].max(axis=1) > 0)
        if rows.size:
            y0, y1 = int(rows[0]), int(rows[-1]) + 1
            layer[y0:y1, :, :3] *= self._light_big[y0:y1]

    def _fire_extras(self, far: np.ndarray | None, ground: np.ndarray | None, props: np.ndarray | None) -> None:
        """A campfire: its glow on the night air (far layer: a soft glow need not move with the
        fire), firelight on the ground and sparks rising; into the layers given."""
        if self.fire is None:
            return
        x, base = self.fire
        cy = base - self.h * 0.07
        if far is not None:
            strength = 0.55 if self.tod in ("night", "dusk") else 0.2
            glow = _radial(self.bh, self.bw, x, cy, self.h * 0.42, squash=0.9)
            _add(far, glow, (255, 140, 60), strength)
        if ground is not None:  # firelight on the ground: warm, not the grass's green made brighter
            r = self.h * 0.5
            box = _reach(self.bh, self.bw, x, base, r, r * 0.45)  # the pool is zero elsewhere
            if box is not None:
                pool = _radial(self.bh, self.bw, x, base, r, squash=0.45)[box]
                lit = ground[box + (slice(0, 3),)]
                lit += (np.array((150, 70, 24), np.float32) - lit) * pool[..., None] * 0.5
        if props is None:
            return
        rng = self.rng
        half = int(self.h * 0.1)
        top = int(cy - self.h * 0.3)
        spark = np.zeros((int(self.h * 0.3) + 4, 2 * half, 4), np.float32)
        for _ in range(26):
            sx = half + rng.normal(0, self.h * 0.03)
            sy = spark.shape[0] - self.h * rng.uniform(0.04, 0.26)
            r = max(1, int(self.h * rng.uniform(0.0015, 0.003)))
            cv2.circle(spark, (int(sx), int(sy)), r, (255, 200, 110, 255 * rng.uniform(0.5, 1)), -1, cv2.LINE_AA)
        _over(props, spark, int(x) - half, top)

    def _scrim(self, far: np.ndarray, mids: tuple[np.ndarray, ...]) -> None:
        """Keep the text legible: darken (light text) or lighten (dark text) softly behind the
        text block, on the layers that pass behind it."""
        if not self.spec.text.strip() or self.spec.text_role in ("none",):
            return
        tb = self.layout.text_box
        cx, cy = self.X(tb.x + tb.w / 2), self.Y(tb.y + tb.h / 2)
        m = _radial(self.bh, self.bw, cx, cy, self.w * tb.w * 0.75, squash=max(0.35, tb.h / tb.w * 1.3))
        m = np.sqrt(m)
        target = (0, 0, 0) if self.roles.dark_mode else (255, 255, 255)
        k = 0.25 if self.roles.dark_mode else 0.16
        _add(far, m, target, k)
        for mid in mids:
            _add(mid[..., :3], m, target, k)


# --- people and prop sizes ----------------------------------------------------------------------

# People words -> the figures drawn: Noto emoji keys (or phrases for `illustrations.find`), each
# with its height relative to a standing adult and whether it faces left (flipped to face the
# group when it stands left of the centre). Full-body figures stand on the ground; at a table,
# busts (a student, an office worker) sit behind it. Up to three figures, in order.
_PAIR, _WPAIR, _MPAIR, _COUPLE = "1f9d1-200d-1f91d-200d-1f9d1", "1f46d", "1f46c", "1f46b"
_STAND, _WOMAN, _MAN = "1f9cd", "1f9cd-200d-2640", "1f9cd-200d-2642"
PEOPLE: dict[str, list[tuple[str, float, bool]]] = {
    "friends": [(_PAIR, 1.0, False), (_WPAIR, 1.0, False), ("1f57a", 1.0, False)],
    "family": [(_COUPLE, 1.0, False), (_STAND, 0.66, False), (_WOMAN, 0.58, False)],
    "couple": [(_COUPLE, 1.0, False)],
    "students": [(_WOMAN, 1.0, False), (_MAN, 1.0, False), (_PAIR, 1.0, False)],
    "kids": [(_STAND, 0.7, False), ("1f938", 0.62, False), (_WOMAN, 0.66, False)],
    "team": [(_MPAIR, 1.0, False), (_WOMAN, 1.0, False), (_MAN, 1.0, False)],
    "runner": [("1f3c3-200d-27a1", 1.0, False), ("person running", 1.0, True)],
    "cyclist": [("1f6b4", 0.95, True), ("person biking", 0.95, True)],
    "person": [(_STAND, 1.0, False)],
    "parents": [(_COUPLE, 1.0, False), (_STAND, 0.55, False)],
    "hiker": [("1f6b6-200d-27a1", 1.0, False), ("person walking", 1.0, True)],
    "chef": [("1f9d1-200d-1f373", 0.75, False)],
    "musician": [("1f9d1-200d-1f3a4", 0.75, False)],
    "dancer": [("1f483", 1.0, False), ("1f57a", 1.0, False)],
    "women": [(_WPAIR, 1.0, False)],
    "men": [(_MPAIR, 1.0, False)],
    "woman": [(_WOMAN, 1.0, False)],
    "man": [(_MAN, 1.0, False)],
}
# At a table, where only the upper body shows.
TABLE_PEOPLE: dict[str, list[tuple[str, float, bool]]] = {
    "students": [("1f9d1-200d-1f393", 0.75, False), ("1f9d1-200d-1f393", 0.75, False)],
    "team": [("1f9d1-200d-1f4bc", 0.75, False), ("1f9d1-200d-1f4bb", 0.75, False)],
    "chef": [("1f9d1-200d-1f373", 0.8, False)],
}
PEOPLE_SYNONYMS = {
    "friend": "friends", "group": "friends", "crowd": "friends", "people": "friends", "guests": "friends",
    "families": "family", "parent": "parents", "mom": "parents", "dad": "parents", "couples": "couple",
    "lovers": "couple", "partners": "couple", "student": "students", "children": "kids", "child": "kids",
    "kid": "kids", "colleagues": "team", "coworkers": "team", "employees": "team", "workers": "team",
    "runners": "runner", "jogger": "runner", "athlete": "runner", "cyclists": "cyclist", "biker": "cyclist",
    "rider": "cyclist", "someone": "person", "customer": "person",
    "hikers": "hiker", "walker": "hiker", "cook": "chef", "band": "musician", "singer": "musician",
    "dancers": "dancer",
    # The brief's own words in the other languages (the spec keeps them): whole figures, never
    # the emoji's head-and-shoulders "woman" that a name lookup finds.
    **dict.fromkeys("ladies mujeres señoras femmes frauen donne mulheres senhoras freundinnen amigas chicas "
                    "ragazze filles girls".split(), "women"),
    **dict.fromkeys("guys hombres hommes männer uomini homens".split(), "men"),
    **dict.fromkeys("mujer señora femme frau donna mulher lady".split(), "woman"),
    **dict.fromkeys("hombre homme mann uomo homem guy".split(), "man"),
    **dict.fromkeys("amigos amis freunde amici".split(), "friends"),
    **dict.fromkeys("familia famille familie famiglia família".split(), "family"),
    **dict.fromkeys("niños enfants kinder bambini crianças".split(), "kids"),
    **dict.fromkeys("pareja paar coppia casal".split(), "couple"),
}
SOLO = ("runner", "cyclist", "person", "chef", "hiker", "musician", "woman", "man")
# Noto's figures have emoji-yellow skin; people in a scene get natural tones (Noto's own
# skin-tone modifier colours), a different one for each figure.
SKIN_TONES: tuple[RGB, ...] = ((224, 187, 149), (191, 143, 104), (250, 220, 188), (155, 100, 61), (89, 69, 57))


def people_keys(people: str, table: bool = False, around_fire: bool = False) -> list[tuple[str, float, bool]]:
    """Illustration keys for the people a brief describes: [(key, relative height, faces left)]."""
    words = re.findall(r"[a-z]+", people.lower())
    if not words:
        return []
    kind = None
    for w in words:
        kind = w if w in PEOPLE else PEOPLE_SYNONYMS.get(w, _singular(w) if _singular(w) in PEOPLE else None)
        if kind:
            break
    if table and kind in TABLE_PEOPLE:
        candidates = TABLE_PEOPLE[kind]
    elif kind is None:
        candidates = [(people, 1.0, False)] + PEOPLE["person"]
    else:
        candidates = PEOPLE[kind]
    ill = _illustrations()
    if ill is None:
        return []
    out: list[tuple[str, float, bool]] = []
    try:
        for phrase, rel, faces_left in candidates:
            key = illustration_key(phrase)
            if key is not None:
                out.append((key, rel, faces_left))
    except Exception:  # no library, no people: the setting still reads without them
        return []
    if kind is None and out and words[-1].endswith("s") and len(words[-1]) > 3:
        return out[:1] * 2  # "welders", "enfermeras": people no list knows, more than one
    if kind in SOLO or kind is None:
        return out[:1]
    if kind == "friends" and not around_fire:
        return out[:2]  # two pairs: four friends, not a line-up
    return out[:3]


# Prop sizes relative to a standing person.
PROP_SIZES = {
    "tent": 0.9, "car": 0.7, "bicycle": 0.6, "bike": 0.6, "guitar": 0.45, "dog": 0.35, "cat": 0.25,
    "surfboard": 1.0, "tree": 1.6, "umbrella": 1.0, "bench": 0.5, "chair": 0.5, "table": 0.5,
    "backpack": 0.3, "ball": 0.15, "basket": 0.2, "cooler": 0.25, "skateboard": 0.2, "kayak": 0.4,
    "lantern": 0.18, "lemonade": 0.2, "drink": 0.18, "cup": 0.12, "bottle": 0.22, "phone": 0.1,
}


def _singular(word: str) -> str:
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def _reskin(arr: np.ndarray, tone: RGB) -> np.ndarray:
    """Emoji-yellow skin (Noto's #ffca28 and its darker shades) -> a natural skin tone, keeping
    the drawing's shading; clothes, hair and other yellows (saturated oranges) stay."""
    rgb = np.clip(arr[..., :3], 0, 255).astype(np.uint8)
    hsv = cv2.cvtColor(rgb, cv2.COLOR_RGB2HSV)
    hue, sat, val = hsv[..., 0], hsv[..., 1], hsv[..., 2]
    core = ((hue >= 17) & (hue <= 26) & (sat > 150) & (val > 200)).astype(np.uint8)
    if not core.any():
        return arr
    # and the anti-aliased rim where skin meets hair or outline: near the skin, still orange
    rim = cv2.dilate(core, np.ones((3, 3), np.uint8)) & ((hue >= 8) & (hue <= 30) & (sat > 90)).astype(np.uint8)
    mask = np.maximum(core.astype(np.float32), rim.astype(np.float32) * 0.85)
    shade = np.clip(arr[..., 1] / 202.0, 0.5, 1.1)  # green carries Noto's skin shading
    skin = np.array(tone, np.float32)[None, None, :] * (0.35 + 0.65 * shade)[..., None]
    out = arr.copy()
    out[..., :3] = arr[..., :3] * (1 - mask[..., None]) + skin * mask[..., None]
    return out


# --- illustrations --------------------------------------------------------------------------------


def _illustrations():
    try:
        from . import illustrations
    except ImportError:
        return None
    return illustrations


_KEYS: dict[str, str | None] = {}


def illustration_key(noun: str) -> str | None:
    """The illustration for a noun: a library key as is (recipes and the people table name
    their figures by key, so they never drift), otherwise the library's best match."""
    if noun in _KEYS:
        return _KEYS[noun]
    ill = _illustrations()
    if ill is None:
        return None
    try:
        try:
            ill.name(noun)
            key = noun
        except KeyError:
            key = ill.find(noun)
    except Exception:  # the library is unavailable: no props, the setting still reads
        return None
    _KEYS[noun] = key
    return key


@lru_cache(maxsize=256)
def _illustration(noun: str, height_px: int, cache_dir: str | None = None) -> Image.Image | None:
    """The illustration for a noun, `height_px` tall; with `cache_dir`, kept on disk there (a
    one-beat re-render paints its beat's people and props at the sizes it had before)."""
    ill = _illustrations()
    if ill is None:
        return None
    try:
        key = illustration_key(noun)
        if key is None:
            return None
        return ill.render_kept(key, height_px, cache_dir).convert("RGBA")
    except Exception:  # a picture that fails to render is left out, not a failed beat
        return None


# --- per-frame composition -------------------------------------------------------------------------

_LAYER_ARRAYS = ("y", "u", "v", "t", "t2")
_PIECE_PAD = 4  # chroma pixels of transparent border around a moving piece (luma: twice that)


@dataclass
class Layer:
    """A moving piece of a layer in YUV 4:2:0, premultiplied: y, u and v are the colour times
    alpha, t and t2 the transparency 255·(1 − alpha) at luma and chroma size, all uint8. A
    frame is then `dst · t/255 + colour` after one warp of each: a third of the cost of
    warping a float alpha and blending with it. (x, top) is where the crop sits in backdrop
    pixels; opaque_from the first crop row from which every row is opaque (a ground)."""

    y: np.ndarray
    u: np.ndarray
    v: np.ndarray
    t: np.ndarray
    t2: np.ndarray
    x: int
    top: int
    opaque_from: int | None
    depth: float

    @property
    def size(self) -> tuple[int, int]:
        return self.y.shape[1], self.y.shape[0]

    @property
    def pad(self) -> int:
        """The transparent border (luma pixels) that from_rgba adds around a piece."""
        return 2 * _PIECE_PAD if self.opaque_from is None else 0

    @classmethod
    def from_rgba(cls, rgba: np.ndarray, x: int, top: int, opaque_from: int | None, depth: float) -> "Layer":
        from .color import rgb_to_yuv

        p = rgb_to_yuv(rgba)

        def premul(c: np.ndarray, a: np.ndarray) -> np.ndarray:
            return np.clip(c.astype(np.float32) * a + 0.5, 0, 255).astype(np.uint8)

        def clear(a: np.ndarray) -> np.ndarray:
            return np.clip((1.0 - a) * 255 + 0.5, 0, 255).astype(np.uint8)

        planes = [premul(p.y, p.a), premul(p.u, p.a2), premul(p.v, p.a2), clear(p.a), clear(p.a2)]
        if opaque_from is None:
            # A transparent border lets zooms and pans read just past the piece's edge as a
            # plain resize (compose.scale_and_shift). Grounds keep their opaque bottom rows.
            q = _PIECE_PAD
            planes = [cv2.copyMakeBorder(a, pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=value)
                      for a, pad, value in zip(planes, (2 * q, q, q, 2 * q, q), (0, 0, 0, 255, 255))]
            x, top = x - 2 * q, top - 2 * q
        return cls(*planes, x, top, opaque_from, depth)

    def arrays(self) -> dict[str, np.ndarray]:
        return {k: getattr(self, k) for k in _LAYER_ARRAYS}

    def meta(self) -> dict:
        return {"x": self.x, "top": self.top, "opaque_from": self.opaque_from, "depth": self.depth}

    @classmethod
    def restore(cls, arrays: dict[str, np.ndarray], meta: dict) -> "Layer":
        return cls(*(arrays[k] for k in _LAYER_ARRAYS), meta["x"], meta["top"], meta["opaque_from"], meta["depth"])


def yuv_layers(layers: SettingLayers, depth: dict[str, float]) -> list[Layer]:
    """The painted mid and near pieces as moving YUV layers, far to near, in drawing order."""
    return [Layer.from_rgba(p.rgba, p.x, p.y, p.opaque_from, depth[name])
            for name in ("mid", "near") for p in getattr(layers, name)]


def relight(rgba: np.ndarray, light: np.ndarray, strength: float = 0.55) -> np.ndarray:
    """Tint an RGBA uint8 image (the product) part way towards the scene's light there; never
    darker than 60 %, so the product stays readable at night."""
    k = 1.0 + (np.clip(light, 0.6, 1.6) - 1.0) * strength
    if np.allclose(k, 1.0, atol=0.01):
        return rgba
    out = rgba.copy()
    out[..., :3] = np.clip(rgba[..., :3].astype(np.float32) * k.astype(np.float32), 0, 255).astype(np.uint8)
    return out


def layer_matrix(m: np.ndarray, layer: Layer) -> np.ndarray:
    """A backdrop-to-frame matrix, for the layer's crop."""
    out = m.copy()
    out[:, 2] += m[:, :2] @ np.array([layer.x, layer.top], np.float64)
    return out


def _opaque_row(m: np.ndarray, layer: Layer, w: int, h: int) -> int:
    """First frame row from which the layer's opaque part covers the whole frame width."""
    if layer.opaque_from is None:
        return h
    inv = cv2.invertAffineTransform(m)
    a, b, c = inv[1]
    if b <= 1e-6:
        return h
    need = layer.opaque_from + 1.5
    y = (need - c - min(0.0, a * w)) / b
    # The crop must also reach the frame's sides and bottom there: check the corners.
    lw, lh = layer.size
    for xx, yy in ((0, h), (w, h), (0, max(0, min(h, y))), (w, max(0, min(h, y)))):
        px = inv[0, 0] * xx + inv[0, 1] * yy + inv[0, 2]
        py = inv[1, 0] * xx + inv[1, 1] * yy + inv[1, 2]
        if px < 0.5 or px > lw - 1.5 or py > lh - 1.5:
            return h
    return int(min(h, max(0, (math.ceil(y) + 1) & ~1)))


def _warp_rows_opaque(src, m: np.ndarray, dst: YuvPlanes, y0: int, y1: int, cache: ScaleCache | None) -> None:
    """Warp an opaque layer (YuvPlanes or the opaque rows of a Layer) into frame rows
    [y0, y1) (even), overwriting them."""
    if y1 - y0 < 2:
        return
    w = dst.size[0]
    mm = m.copy()
    mm[1, 2] -= y0
    if not scale_and_shift(src.y, mm, dst.y[y0:y1], cache):
        cv2.warpAffine(src.y, mm, (w, y1 - y0), dst=dst.y[y0:y1], flags=cv2.INTER_LINEAR,
                       borderMode=cv2.BORDER_REPLICATE)
    mc = chroma_matrix(mm)
    for ps, pd in ((src.u, dst.u), (src.v, dst.v)):
        if not scale_and_shift(ps, mc, pd[y0 // 2:y1 // 2], cache):
            cv2.warpAffine(ps, mc, (w // 2, (y1 - y0) // 2), dst=pd[y0 // 2:y1 // 2], flags=cv2.INTER_LINEAR,
                           borderMode=cv2.BORDER_REPLICATE)


def _warp_rows_over(src: Layer, m: np.ndarray, dst: YuvPlanes, y0: int, y1: int, cache: ScaleCache | None) -> None:
    """Warp a premultiplied layer and lay it over frame rows [y0, y1), within its bounding box.
    The box is that of the piece inside its transparent border: laying the border over changes
    nothing, and leaving it out keeps the source window inside the planes, where
    scale_and_shift's resize and crop take 40 % of the time of warpAffine's general path."""
    w, h = dst.size
    sw, sh = src.size
    p = src.pad
    corners = np.array([[p, p, 1], [sw - p, p, 1], [p, sh - p, 1], [sw - p, sh - p, 1]], np.float64) @ m.T
    x0 = max(0, int(math.floor(corners[:, 0].min())) - 2) & ~1
    x1 = min(w, (int(math.ceil(corners[:, 0].max())) + 3) & ~1)
    y0 = max(y0, max(0, int(math.floor(corners[:, 1].min())) - 2) & ~1)
    y1 = min(y1, min(h, (int(math.ceil(corners[:, 1].max())) + 3) & ~1))
    if x1 - x0 < 2 or y1 - y0 < 2:
        return
    mm = m.copy()
    mm[:, 2] -= (x0, y0)
    mc = chroma_matrix(mm)
    for planes, tt, mat, (cx0, cy0, cx1, cy1) in (
            (((src.y, dst.y),), src.t, mm, (x0, y0, x1, y1)),
            (((src.u, dst.u), (src.v, dst.v)), src.t2, mc, (x0 // 2, y0 // 2, x1 // 2, y1 // 2))):
        size = (cx1 - cx0, cy1 - cy0)
        clear = warp_plane(tt, mat, size, 255, cache)
        for ps, pd in planes:
            colour = warp_plane(ps, mat, size, 0, cache)
            region = pd[cy0:cy1, cx0:cx1]
            cv2.multiply(region, clear, dst=region, scale=1 / 255)
            cv2.add(region, colour, dst=region)


def compose_layers(far: YuvPlanes, m_far: np.ndarray, layers: list[tuple[Layer, np.ndarray]], out: YuvPlanes,
                   cache: ScaleCache | None = None) -> None:
    """Far layer, then each moving layer (far to near) with its own matrix (backdrop to frame).
    Rows a nearer layer covers opaquely are not drawn by the layers behind it. `cache`: for a
    move that holds its zoom (compose.ScaleCache)."""
    w, h = out.size
    mats = [layer_matrix(m, layer) for layer, m in layers]
    cut = [_opaque_row(mm, layer, w, h) for (layer, _), mm in zip(layers, mats)]
    # limits[i]: the first frame row hidden by the layers after i
    limit = h
    limits = []
    for c in reversed(cut):
        limits.append(limit)
        limit = min(limit, c)
    limits.reverse()
    from .compose import warp_full

    if limit >= h:
        warp_full(far, m_far, out, cache)
    else:
        _warp_rows_opaque(far, m_far, out, 0, limit, cache)
    for (layer, _), mm, c, lim in zip(layers, mats, cut, limits):
        top_opaque = min(c, lim)
        _warp_rows_over(layer, mm, out, 0, top_opaque, cache)
        _warp_rows_opaque(layer, mm, out, top_opaque, lim, cache)


# --- small painting helpers ----------------------------------------------------------------------


def _pieces(layer: np.ndarray, opaque_row: int | None = None, gap: int = 24) -> list[Piece]:
    """A float RGBA canvas -> uint8 pieces cropped to its visible pixels (even origins and
    sizes). With `opaque_row` (a ground): one full-width piece, opaque from that row down.
    Otherwise one piece per run of occupied columns (runs closer than `gap` merge)."""
    a = layer[..., 3]
    hh, ww = a.shape
    rows_any = a.max(axis=1) > 1.0
    if not rows_any.any():
        return []
    if opaque_row is not None:
        y0 = int(np.flatnonzero(rows_any)[0]) & ~1
        crop = np.clip(layer[y0:], 0, 255).astype(np.uint8)
        r = max(0, opaque_row - y0)
        holes = np.flatnonzero(crop[..., 3].min(axis=1) < 255)
        if holes.size and holes[-1] >= r:
            r = int(holes[-1]) + 1
        return [Piece(np.ascontiguousarray(crop), 0, y0, r if r < crop.shape[0] else None)]
    cols = np.flatnonzero(a.max(axis=0) > 1.0)
    runs = []
    start = prev = int(cols[0])
    for c in cols[1:]:
        c = int(c)
        if c - prev > gap:
            runs.append((start, prev))
            start = c
        prev = c
    runs.append((start, prev))
    out = []
    for c0, c1 in runs:
        x0, x1 = c0 & ~1, min(ww, (c1 + 2) & ~1)
        rows = np.flatnonzero(a[:, x0:x1].max(axis=1) > 1.0)
        y0, y1 = int(rows[0]) & ~1, min(hh, (int(rows[-1]) + 2) & ~1)
        crop = np.clip(layer[y0:y1, x0:x1], 0, 255).astype(np.uint8)
        out.append(Piece(np.ascontiguousarray(crop), x0, y0))
    return out


def _enlarge_into(small: np.ndarray, canvas: np.ndarray) -> None:
    """Resize a layer painted at half size straight into its full-size canvas, with no 48 MB
    temporary to fault in and copy over."""
    out = cv2.resize(small, (canvas.shape[1], canvas.shape[0]), dst=canvas, interpolation=cv2.INTER_LINEAR)
    if out is not canvas:  # OpenCV made a new array (the canvas did not fit its output): copy it
        canvas[:] = out


def _over(layer: np.ndarray, arr: np.ndarray, x: int, y: int) -> None:
    """Alpha-composite float RGBA `arr` (alpha 0..255) onto float `layer` at (x, y), clipped."""
    lh, lw = layer.shape[:2]
    ah, aw = arr.shape[:2]
    x0, y0, x1, y1 = max(0, x), max(0, y), min(lw, x + aw), min(lh, y + ah)
    if x1 <= x0 or y1 <= y0:
        return
    src = arr[y0 - y:y1 - y, x0 - x:x1 - x]
    dst = layer[y0:y1, x0:x1]
    sa = src[..., 3:4] / 255
    da = dst[..., 3:4] / 255
    oa = sa + da * (1 - sa)
    safe = np.where(oa > 0, oa, 1)
    dst[..., :3] = (src[..., :3] * sa + dst[..., :3] * da * (1 - sa)) / safe
    dst[..., 3:4] = oa * 255


def _gradient(h: int, w: int, stops: list[tuple[float, RGB]], top: float, bottom: float) -> np.ndarray:
    """Vertical gradient through colour stops placed between rows top and bottom."""
    ys = (np.arange(h, dtype=np.float32) - top) / max(1.0, bottom - top)
    pos = np.array([s[0] for s in stops], np.float32)
    cols = np.array([s[1] for s in stops], np.float32)
    out = np.stack([np.interp(ys, pos, cols[:, c]) for c in range(3)], axis=1).astype(np.float32)
    return np.broadcast_to(out[:, None, :], (h, w, 3)).copy()


def _radial(h: int, w: int, cx: float, cy: float, radius: float, squash: float = 1.0) -> np.ndarray:
    out = np.zeros((h, w), np.float32)
    box = _reach(h, w, cx, cy, radius, radius * squash)  # zero outside: d >= 1 there
    if box is not None:
        ys, xs = _grid(box)
        d = np.sqrt(((xs - cx) / radius) ** 2 + ((ys - cy) / (radius * squash)) ** 2)
        out[box] = np.clip(1.0 - d, 0.0, 1.0) ** 2
    return out


def _disc(h: int, w: int, cx: float, cy: float, r: float, squash: float = 1.0) -> np.ndarray:
    out = np.zeros((h, w), np.float32)
    box = _reach(h, w, cx, cy, r + 0.5, (r + 0.5) * squash)  # zero outside: d >= r + 0.5 there
    if box is not None:
        ys, xs = _grid(box)
        d = np.sqrt(((xs - cx)) ** 2 + ((ys - cy) / squash) ** 2)
        out[box] = np.clip(r - d + 0.5, 0.0, 1.0)
    return out


def _reach(h: int, w: int, cx: float, cy: float, rx: float, ry: float) -> tuple[slice, slice] | None:
    """The rows and columns of an (h, w) canvas within rx, ry of (cx, cy), a pixel wider each
    way: a glow or a disc is painted (and costs) only there, not over the whole 1080p canvas.
    None when that is nothing."""
    y0, y1 = max(0, math.floor(cy - abs(ry)) - 1), min(h, math.ceil(cy + abs(ry)) + 2)
    x0, x1 = max(0, math.floor(cx - abs(rx)) - 1), min(w, math.ceil(cx + abs(rx)) + 2)
    if y1 <= y0 or x1 <= x0:
        return None
    return slice(y0, y1), slice(x0, x1)


def _grid(box: tuple[slice, slice]) -> tuple[np.ndarray, np.ndarray]:
    """np.ogrid over a box: the same integer coordinates as over the whole canvas."""
    rows, cols = box
    return np.arange(rows.start, rows.stop)[:, None], np.arange(cols.start, cols.stop)[None, :]


def _add(img: np.ndarray, mask: np.ndarray, color, strength: float) -> None:
    """img += mask * (color - img) * strength, only where the mask reaches (see backdrop._add)."""
    from .backdrop import _add as add_where_masked
    add_where_masked(img, mask, color, strength)


def _scale3(c: RGB, k: np.ndarray) -> RGB:
    return tuple(int(max(0, min(255, v * f))) for v, f in zip(c, k))  # type: ignore[return-value]


def _noise(h: int, w: int, rng: np.random.Generator, cells: int) -> np.ndarray:
    """Smooth value noise in -1..1 with about `cells` cells across."""
    gw = max(2, cells)
    gh = max(2, int(cells * h / max(1, w)) + 1)
    g = rng.uniform(-1, 1, (gh, gw)).astype(np.float32)
    return cv2.resize(g, (w, h), interpolation=cv2.INTER_CUBIC)


def _ridge(n: int, rng: np.random.Generator, rough: float) -> np.ndarray:
    """A 1-D mountain ridge profile in 0..1: octaves of smooth noise, sharper with rough."""
    out = np.zeros(n, np.float32)
    amp, total = 1.0, 0.0
    cells = 3
    for _ in range(5):
        g = rng.uniform(0, 1, cells + 1).astype(np.float32)
        out += amp * np.interp(np.linspace(0, cells, n), np.arange(cells + 1), g).astype(np.float32)
        total += amp
        amp *= 0.35 + rough * 0.3
        cells *= 2
    out /= total
    return (out - out.min()) / max(1e-6, out.max() - out.min())


def _below(h: int, w: int, ridge: np.ndarray) -> np.ndarray:
    ys = np.arange(h, dtype=np.float32)[:, None]
    return np.clip(ys - ridge[None, :] + 0.5, 0, 1)


def _fill_below(img: np.ndarray, ridge: np.ndarray, col) -> None:
    _add(img, _below(img.shape[0], img.shape[1], ridge), col, 1.0)
