"""A beat as a scene: graded stills (backdrop, hero, text) plus the camera move that animates them.

`BeatScene.build` does all the expensive work once per beat: painting, drawing the product,
setting type, grading with the LUT and converting to YUV. `render_into` then produces any
frame of the beat (or of the handles a transition borrows) with two warps and a few blends.
"""

from __future__ import annotations


import json
import os
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path


import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFilter

from . import typography as ty
from .backdrop import paint_backdrop
from .color import YuvPlanes, rgb_to_yuv
from .compose import ScaleCache, affine, paste_over, warp_full, warp_over
from .layout import Layout, clear_of_text, layout_for, orientation, shows_text
from .motion import Pose, camera_pose, hero_pose, only_slides
from .material import recolour, tint_for
from .memo import disk_image, shared_cache
from .palette import Roles, roles_for
from . import setting as st

HERO_OVERSAMPLE = 1.2  # hero drawn larger than placed, so push-ins stay sharp
ZOOMING_MOVES = ("slow_zoom_in", "push_in", "slow_dolly", "pull_back", "slow_zoom_out")
TEXT_IN_S = 0.3  # text appears this long after the beat starts
TEXT_ANIM_S = 0.6


@dataclass(frozen=True)
class SceneSpec:
    """Everything needed to render one beat in one format; plain data, so it is picklable
    and hashable into the clip's artifact key."""

    width: int
    height: int
    fps: int
    duration: float
    shot_type: str
    camera_movement: str
    text: str
    text_role: str
    seed: int
    palette: tuple[str, ...]
    aesthetic: str
    mood: str
    lighting: str
    product_name: str
    brand: str
    category: str
    hero_path: str | None = None  # normalised product PNG (RGBA)
    logo_path: str | None = None  # normalised logo PNG (RGBA)
    lut_path: str | None = None
    contrast: float = 1.0
    saturation: float = 1.0
    grade_strength: float = 1.0
    show_logo_bug: bool = False  # small logo in a corner on non-final beats
    product_seed: int = 0  # the product looks the same in every beat: not the beat's seed
    # What the brief says the picture should show (see models.Story).
    product_noun: str = ""  # English common noun: picks the hero illustration
    news: str = ""  # announcement kind: "launch", "sale", ...; "" otherwise
    setting: str = ""  # "campfire", "beach", "city", ...
    time_of_day: str = ""
    weather: str = ""  # "rain" | "snow": falls in front of an outdoor setting (weather.py)
    people: str = ""
    props: tuple[str, ...] = ()
    # Where built scenes are kept between runs (not part of what the scene looks like).
    cache_dir: str | None = field(default=None, compare=False)


@dataclass
class Overlay:
    planes: YuvPlanes
    x: int
    y: int
    t_in: float  # seconds into the beat when it starts to appear
    slide: float  # pixels it rises while appearing
    opacity: float = 1.0
    # Kinetic type (see kinetic.py): how long the entrance takes, the scale it pops up from
    # (1 = no pop) and how far past full size it overshoots before settling.
    anim: float = TEXT_ANIM_S
    scale: float = 1.0
    overshoot: float = 0.0
    # End cards: where the light sweep shows (type and halo, float 0..1, the planes' size);
    # None = no sweep. See endcard.py.
    sheen: np.ndarray | None = None


@dataclass
class BeatScene:
    spec: SceneSpec
    layout: Layout
    backdrop: YuvPlanes
    hero: YuvPlanes | None
    hero_anchor: tuple[float, float]
    hero_scale: float
    overlays: list[Overlay] = field(default_factory=list)
    _motes: object | None = field(default=None, repr=False)  # end cards: endcard.Motes, made on first use
    _weather: object | None = field(default=None, repr=False)  # weather.Precipitation or False, on first use
    _plate: YuvPlanes | None = field(default=None, repr=False)  # static beats: backdrop + hero, made on first use
    # A setting's moving layers (mid: ground and props, near: people), far to near; the
    # backdrop is then the setting's far layer. Empty for every other beat.
    layers: list[st.Layer] = field(default_factory=list)
    # Pans and tilts: the planes resized once, shared by all frames (made on first use).
    _scaled: ScaleCache | None = field(default=None, init=False, repr=False, compare=False)

    # -- building -----------------------------------------------------------------------
    @classmethod
    def build(cls, spec: SceneSpec) -> "BeatScene":
        w, h = spec.width, spec.height
        roles = roles_for(spec.palette, spec.lighting)
        layout = layout_for(spec.shot_type, spec.text_role, w, h, has_text=bool(spec.text.strip()))
        lut = _load_lut(spec.lut_path, spec.cache_dir)

        def grade(rgb: np.ndarray) -> np.ndarray:
            if lut is None and spec.contrast == 1.0 and spec.saturation == 1.0:
                return rgb
            from .lut import grade as apply_grade
            return apply_grade(rgb, lut, contrast=spec.contrast, saturation=spec.saturation,
                               strength=spec.grade_strength)

        setting = None
        if st.uses_setting(spec):
            # A lifestyle beat shows the place the brief names: far, mid and near layers.
            roles = roles_for(spec.palette, st.setting_lighting(spec))
            setting = st.paint_setting(spec, roles, w, h, layout=layout, grade=grade)
            layout = st.setting_layout(spec, layout)

        hero = None
        anchor = (0.0, 0.0)
        # Zooms need a hero drawn larger than placed to stay sharp; other moves do not.
        oversample = HERO_OVERSAMPLE if spec.camera_movement in ZOOMING_MOVES else 1.0
        hero_scale = 1.0 / oversample
        if layout.hero_center is not None:
            hero_h = layout.hero_height
            if spec.hero_path:
                hero_h = upload_hero_height(spec, layout)
            hero_rgba, anchor = _hero_layer(spec, layout, roles, int(hero_h * h * oversample))
            if setting is None:  # settings place the product among their people themselves
                layout, k = _clear_of_text(spec, layout, hero_rgba, anchor, hero_scale)
                if k < 1.0:
                    hero_rgba, anchor = _hero_layer(spec, layout, roles, int(hero_h * k * h * oversample))
            hero_rgba, anchor = _crop_to_view(hero_rgba, anchor, layout, w, h, oversample)
            if setting is not None:  # lit by the scene's light, part way: it stays the star
                hero_rgba = st.relight(hero_rgba, setting.light_at(*layout.hero_center))
            graded = grade(hero_rgba)
            if spec.hero_path:
                if graded is not hero_rgba:
                    graded = keep_photo_colours(hero_rgba, graded)
                graded = _bleed_into_transparent(graded)
            hero = rgb_to_yuv(_even_rgba(graded))
        if setting is not None:
            backdrop = rgb_to_yuv(setting.far)
        else:  # painted after the hero is placed: its glow sits behind the product
            backdrop = rgb_to_yuv(paint_backdrop(spec.shot_type, layout, roles, w, h, spec.seed, spec.lighting,
                                                 grade=grade, aesthetic=spec.aesthetic))

        scene = cls(spec, layout, backdrop, hero, anchor, hero_scale)
        if setting is not None:
            scene.layers = st.yuv_layers(setting, LAYER_DEPTH)
        scene.overlays = _overlays(spec, layout, roles)
        return scene

    # -- rendering ----------------------------------------------------------------------
    def focus(self) -> tuple[float, float]:
        w, h = self.spec.width, self.spec.height
        if self.layout.hero_center is None:
            return w / 2, h / 2
        return self.layout.hero_center[0] * w, self.layout.hero_center[1] * h

    def render_into(self, t: float, out: YuvPlanes) -> None:
        """Compose the frame at t seconds from the beat's start (may be outside the beat).

        No frame is composed once and copied: nothing in an ad may hold still for more than
        1.5 s, so a "static" camera drifts (motion.STATIC_DRIFT). Backdrop and hero then move
        as one, so they are composed once into a plate and a frame costs the one warp every
        other move pays. End cards also get drifting motes and a light sweep (endcard.py)."""
        if self.spec.camera_movement == "static" and not self.layers:
            self._warp_plate(t, out)
        else:
            self._compose_moving(t, out)
        weather = self._falling_weather()
        if weather is not None:  # in front of the scene and the product, behind the type
            weather.draw(t, out)
        motes = self._end_card_motes()
        if motes is not None:
            motes.draw(t, out)
        for ov in self.overlays:
            _draw_overlay(ov, t, out)

    def _plate_frame(self) -> tuple[tuple[float, float], tuple[float, float]]:
        """(source centre on the backdrop, its place in the frame) at rest."""
        s = self.spec
        fx, fy = self.focus()
        bw, bh = self.backdrop.size
        return (bw / 2 + fx - s.width / 2, bh / 2 + fy - s.height / 2), (fx, fy)

    def _warp_plate(self, t: float, out: YuvPlanes) -> None:
        """A static beat: the backdrop with the hero painted in, drifting as one."""
        if self._plate is None:
            plate = _planes_copy(self.backdrop)
            src_c, _ = self._plate_frame()
            if self.hero is not None:  # where _compose_moving puts it at rest
                warp_over(self.hero, affine(Pose(), self.hero_anchor, src_c, scale=self.hero_scale), plate)
            self._plate = plate
        src_c, dst_c = self._plate_frame()
        cam = camera_pose("static", t / max(self.spec.duration, 1e-6))
        warp_full(self._plate, affine(cam, src_c, dst_c), out)

    def _falling_weather(self):
        """Rain or snow falling over an outdoor setting, made on the first frame and kept (False
        when none falls); None elsewhere (indoors the rain is on the window, painted with the room)."""
        if self._weather is None:
            from .weather import make_precipitation
            s = self.spec
            falls = bool(s.weather) and bool(self.layers) and st.resolve(s.setting, s.time_of_day)[1].sky != "interior"
            self._weather = (falls and make_precipitation(s.weather, s.width, s.height, s.seed)) or False
        return self._weather or None

    def _end_card_motes(self):
        """The end card's motes, made on first use (cheap, and the same in every process)."""
        if self.spec.text_role != "cta":
            return None
        if self._motes is None:
            from .backdrop import look_for, look_roles, metal_for
            from .endcard import make_motes
            s = self.spec
            roles = look_roles(roles_for(s.palette, s.lighting), s.aesthetic, s.lighting)
            self._motes = make_motes(s.width, s.height, s.seed, look_for(s.aesthetic).name, roles,
                                     metal_for(roles), grade=_grader(s))
        return self._motes

    def _scale_cache(self) -> ScaleCache | None:
        """Pans and tilts hold their zoom, so every frame can sample planes resized once
        (compose.ScaleCache); None for moves that zoom or turn."""
        if not only_slides(self.spec.camera_movement):
            return None
        if self._scaled is None:
            self._scaled = ScaleCache()
        return self._scaled

    def _compose_moving(self, t: float, out: YuvPlanes) -> YuvPlanes:
        s = self.spec
        cache = self._scale_cache()
        u = t / max(s.duration, 1e-6)
        fx, fy = self.focus()
        cam = camera_pose(s.camera_movement, u)
        bw, bh = self.backdrop.size
        shift = (cam.dx * s.width, cam.dy * s.height)
        src_c = (bw / 2 + fx - s.width / 2, bh / 2 + fy - s.height / 2)
        m_far = affine(cam, src_c, (fx - shift[0], fy - shift[1]))
        if self.layers:
            # Parallax: each layer moves with the camera pose scaled by its depth.
            moving = []
            for layer in self.layers:
                p = _depth_pose(cam, layer.depth)
                moving.append((layer, affine(p, src_c, (fx - p.dx * s.width, fy - p.dy * s.height))))
            st.compose_layers(self.backdrop, m_far, moving, out, cache)
        else:
            warp_full(self.backdrop, m_far, out, cache)
        if self.hero is not None:
            hp = _depth_pose(cam, LAYER_DEPTH["hero"]) if self.layers else hero_pose(s.camera_movement, u)
            hshift = (hp.dx * s.width, hp.dy * s.height)
            m = affine(hp, self.hero_anchor, (fx - hshift[0], fy - hshift[1]), scale=self.hero_scale)
            warp_over(self.hero, m, out, cache=cache)
        return out


# Setting scenes: how far each layer moves with the camera, relative to the far layer (sky and
# distant silhouettes move with the camera pose itself). Nearer layers pan and zoom more: the
# ground and its props, then the people, then the product standing in front of them.
LAYER_DEPTH = {"far": 1.0, "mid": 1.3, "near": 1.65, "hero": 1.85}


def _depth_pose(cam: Pose, k: float) -> Pose:
    return Pose(zoom=cam.zoom ** k, dx=cam.dx * k, dy=cam.dy * k, angle=cam.angle)


_SCENES_LOCK = threading.Lock()
_SCENES: "OrderedDict[SceneSpec, BeatScene]" = OrderedDict()
_SCENE_CACHE_SIZE = 8
_BUILDING: dict[SceneSpec, threading.Lock] = {}  # one lock per scene being made


def _cached(spec: SceneSpec) -> BeatScene | None:
    with _SCENES_LOCK:
        scene = _SCENES.get(spec)
        if scene is not None:
            _SCENES.move_to_end(spec)
        return scene


def cached_scene(spec: SceneSpec) -> BeatScene:
    """Build a scene once per process: a beat's clip and the transitions on either side of it
    use the same stills. Scenes are read-only once built, so threads can share them. Threads
    that ask for a scene being built wait for it rather than build it again (a beat rendered
    alone is split into parts, one per core, that all start by asking for its scene)."""
    scene = _cached(spec)
    if scene is not None:
        return scene
    with _SCENES_LOCK:
        building = _BUILDING.setdefault(spec, threading.Lock())
    with building:
        scene = _cached(spec)  # made while this thread waited
        if scene is not None:
            return scene
        try:
            scene = _load_scene(spec)
            if scene is None:
                scene = BeatScene.build(spec)
                _save_scene(scene)
            with _SCENES_LOCK:
                _SCENES[spec] = scene
                while len(_SCENES) > _SCENE_CACHE_SIZE:
                    _SCENES.popitem(last=False)
        finally:
            with _SCENES_LOCK:
                _BUILDING.pop(spec, None)
    return scene


def scene_key(spec: SceneSpec) -> str:
    """What the scene looks like, as a key: its fields, with files by their content."""
    from dataclasses import asdict

    from ..artifacts import artifact_key, file_digest

    parts = asdict(spec)
    parts.pop("cache_dir")
    for k in ("hero_path", "logo_path", "lut_path"):
        parts[k] = file_digest(parts[k])
    return artifact_key("scene", **parts)


def _scene_file(spec: SceneSpec) -> Path | None:
    if not spec.cache_dir:
        return None
    key = scene_key(spec)
    return Path(spec.cache_dir) / key[:2] / f"{key}.npz"


_PLANES = ("y", "u", "v", "a", "a2")


def _save_scene(scene: BeatScene) -> None:
    """Keep a built scene's stills on disk: a later run that re-renders one beat, or the
    transitions beside it, loads its neighbours in milliseconds instead of painting them."""
    path = _scene_file(scene.spec)
    if path is None:
        return
    arrays: dict[str, np.ndarray] = {}
    meta = {"hero_anchor": list(scene.hero_anchor), "hero_scale": scene.hero_scale, "overlays": []}

    def put(prefix: str, planes: YuvPlanes) -> None:
        for name in _PLANES:
            value = getattr(planes, name)
            if value is not None:
                arrays[f"{prefix}.{name}"] = value

    put("backdrop", scene.backdrop)
    if scene.hero is not None:
        put("hero", scene.hero)
    for i, ov in enumerate(scene.overlays):
        put(f"overlay{i}", ov.planes)
        meta["overlays"].append({"x": ov.x, "y": ov.y, "t_in": ov.t_in, "slide": ov.slide, "opacity": ov.opacity,
                                 "anim": ov.anim, "scale": ov.scale, "overshoot": ov.overshoot})
        if ov.sheen is not None:
            arrays[f"overlay{i}.sheen"] = ov.sheen
    if scene.layers:
        meta["layers"] = []
        for i, layer in enumerate(scene.layers):
            arrays.update({f"layer{i}.{k}": v for k, v in layer.arrays().items()})
            meta["layers"].append(layer.meta())
    arrays["meta"] = np.frombuffer(json.dumps(meta).encode(), np.uint8)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.stem}.{os.getpid()}.{threading.get_ident()}.tmp.npz")
    try:
        np.savez(tmp, **arrays)
        os.replace(tmp, path)
    except OSError:
        tmp.unlink(missing_ok=True)  # a cache: failing to keep it is not an error


def _load_scene(spec: SceneSpec) -> BeatScene | None:
    path = _scene_file(spec)
    if path is None or not path.is_file():
        return None
    try:
        with np.load(path) as data:
            arrays = {k: data[k] for k in data.files}
    except (OSError, ValueError):
        return None
    meta = json.loads(arrays.pop("meta").tobytes())

    def get(prefix: str) -> YuvPlanes | None:
        if f"{prefix}.y" not in arrays:
            return None
        return YuvPlanes(**{n: arrays.get(f"{prefix}.{n}") for n in _PLANES})

    layout = layout_for(spec.shot_type, spec.text_role, spec.width, spec.height, has_text=bool(spec.text.strip()))
    layers: list[st.Layer] = []
    if st.uses_setting(spec):
        if "layers" not in meta:
            return None  # kept before settings were painted: build it again
        layout = st.setting_layout(spec, layout)
        layers = [st.Layer.restore({k.split(".", 1)[1]: v for k, v in arrays.items() if k.startswith(f"layer{i}.")}, m)
                  for i, m in enumerate(meta["layers"])]
    if any("anim" not in o for o in meta["overlays"]):
        return None  # kept before kinetic type and end-card sweeps: build it again
    overlays = [Overlay(get(f"overlay{i}"), o["x"], o["y"], o["t_in"], o["slide"], o["opacity"], o["anim"],
                        o["scale"], o["overshoot"], arrays.get(f"overlay{i}.sheen"))
                for i, o in enumerate(meta["overlays"])]
    return BeatScene(spec, layout, get("backdrop"), get("hero"), tuple(meta["hero_anchor"]), meta["hero_scale"],
                     overlays, layers=layers)


def scene_frames(spec: SceneSpec, start_frame: int, count: int):
    """Yield frames [start, start + count) of a beat as flat yuv420p buffers, counted from the
    beat's first frame (negative = before the beat, for an incoming transition). The same
    buffer is reused: consume each frame before asking for the next."""
    from .color import frame_buffer

    scene = cached_scene(spec)
    flat, planes = frame_buffer(spec.width, spec.height)
    for k in range(count):
        scene.render_into((start_frame + k) / spec.fps, planes)
        yield flat


def _draw_overlay(ov: Overlay, t: float, out: YuvPlanes) -> None:
    k = (t - ov.t_in) / ov.anim
    if k <= 0:
        return
    if k >= 1:
        paste_over(ov.planes, ov.x, ov.y, out, ov.opacity)
        if ov.sheen is not None:
            from .endcard import draw_sweep, sweep_phase
            q = sweep_phase(t - ov.t_in - ov.anim)
            if q is not None:
                draw_sweep(ov.sheen, ov.x, ov.y, q, out)
        return
    e = 1 - (1 - k) ** 3  # ease-out: quick start, soft landing
    if ov.scale == 1.0:
        m = affine(Pose(), (0.0, 0.0), (float(ov.x), ov.y + ov.slide * (1 - e)))
        warp_over(ov.planes, m, out, opacity=ov.opacity * e)
        return
    # Scale pop (kinetic type): from `scale` up past full size by `overshoot`, then settle;
    # about the piece's centre, rising by `slide`, fully opaque a third of the way in.
    c = _back_constant(ov.overshoot / max(1e-6, 1.0 - ov.scale))
    back = 1 + (c + 1) * (k - 1) ** 3 + c * (k - 1) ** 2  # ease-out-back: overshoots, then lands
    s = ov.scale + (1.0 - ov.scale) * back
    w, h = ov.planes.size
    m = affine(Pose(zoom=max(0.01, s)), (w / 2, h / 2), (ov.x + w / 2, ov.y + h / 2 + ov.slide * (1 - e)))
    warp_over(ov.planes, m, out, opacity=ov.opacity * min(1.0, k * 3.0))


@lru_cache(maxsize=64)
def _back_constant(overshoot: float) -> float:
    """c of the ease-out-back curve 1 + (c+1)(k-1)^3 + c(k-1)^2 whose peak is 1 + overshoot
    (the peak is 4c^3 / (27 (c+1)^2) above 1; c = 1.70158 is the usual 10%)."""
    if overshoot <= 0:
        return 0.0
    lo, hi = 0.0, 50.0
    for _ in range(40):
        mid = (lo + hi) / 2
        if 4 * mid ** 3 / (27 * (mid + 1) ** 2) < overshoot:
            lo = mid
        else:
            hi = mid
    return lo


# --- stills ---------------------------------------------------------------------------------


_LUT_CACHE: dict[str, object] = {}
_LUT_DIGESTS: dict[str, str] = {}


def _load_lut(path: str | None, cache_dir: str | None = None):
    """The LUT at `path`, parsed once per process; with `cache_dir`, its interpolation table is
    kept there too (Lut3D.keep_rg_table), by the file's content."""
    if not path:
        return None
    if path not in _LUT_CACHE:
        from .lut import load_cube
        _LUT_CACHE[path] = load_cube(path)
    lut = _LUT_CACHE[path]
    if cache_dir:
        if path not in _LUT_DIGESTS:
            from ..artifacts import file_digest
            _LUT_DIGESTS[path] = file_digest(path)
        lut.keep_rg_table(Path(cache_dir) / "luts" / f"{_LUT_DIGESTS[path]}.npy")
    return lut


def _planes_copy(p: YuvPlanes) -> YuvPlanes:
    return YuvPlanes(y=p.y.copy(), u=p.u.copy(), v=p.v.copy())


def _grader(spec: SceneSpec):
    """The spec's grade as a function of an RGB(A) image (None when it changes nothing): for
    what is made after `build`, such as an end card's motes."""
    lut = _load_lut(spec.lut_path)
    if lut is None and spec.contrast == 1.0 and spec.saturation == 1.0:
        return None
    from .lut import grade as apply_grade
    return lambda rgb: apply_grade(rgb, lut, contrast=spec.contrast, saturation=spec.saturation,
                                   strength=spec.grade_strength)


def beat_poses(spec: SceneSpec) -> list[tuple[float, float]]:
    """The (zoom, dx) the hero passes through during the beat, for placing it."""
    return [(p.zoom, p.dx) for p in (hero_pose(spec.camera_movement, u) for u in np.linspace(0.0, 1.0, 9))]


def _clear_of_text(spec: SceneSpec, layout: Layout, rgba: np.ndarray, anchor: tuple[float, float],
                   scale: float) -> tuple[Layout, float]:
    """layout.clear_of_text for the hero as drawn: its opaque extent around the anchor."""
    cols = np.nonzero(rgba[..., 3].max(axis=0) > 40)[0]
    if not len(cols):
        return layout, 1.0
    left, right = (anchor[0] - cols[0]) * scale, (cols[-1] + 1 - anchor[0]) * scale
    return clear_of_text(layout, spec.shot_type, left, right, spec.width, beat_poses(spec),
                         shows_text(spec.text, spec.text_role), lettered=hero_source(spec) == "brandmark")


def _crop_to_view(rgba: np.ndarray, anchor: tuple[float, float], layout: Layout, w: int, h: int,
                  oversample: float) -> tuple[np.ndarray, tuple[float, float]]:
    """Drop the parts of a hero larger than the frame (macro shots) that can never be seen,
    with a margin for camera moves: less to grade, convert and warp."""
    assert layout.hero_center is not None
    cx, cy = layout.hero_center[0] * w, layout.hero_center[1] * h
    k = oversample
    margin = 0.15
    x0 = int(max(0, anchor[0] - (cx + w * margin) * k))
    y0 = int(max(0, anchor[1] - (cy + h * margin) * k))
    x1 = int(min(rgba.shape[1], anchor[0] + (w - cx + w * margin) * k))
    y1 = int(min(rgba.shape[0], anchor[1] + (h - cy + h * margin) * k))
    if x0 == 0 and y0 == 0 and x1 == rgba.shape[1] and y1 == rgba.shape[0]:
        return rgba, anchor
    return rgba[y0:y1, x0:x1], (anchor[0] - x0, anchor[1] - y0)


def _even_rgba(img: np.ndarray) -> np.ndarray:
    h, w = img.shape[:2]
    return np.ascontiguousarray(img[: h & ~1, : w & ~1])


@shared_cache(maxsize=16)
def _standin(kind: str, palette: tuple, height_px: int, brand: str, seed: int) -> Image.Image:
    from .standins import draw_standin
    return draw_standin(kind, list(palette), height_px, brand=brand, seed=seed)


def _cached_standin(cache_dir: str | None, kind: str, palette: tuple, height_px: int, brand: str,
                    seed: int) -> Image.Image:
    """A stand-in drawing, kept on disk too (memo.disk_image)."""
    if not cache_dir:
        return _standin(kind, palette, height_px, brand, seed)
    from ..artifacts import artifact_key
    key = artifact_key("standin", product_kind=kind, palette=palette, height=height_px, brand=brand, seed=seed)
    return disk_image(Path(cache_dir) / "standins" / f"{key}.npy",
                      lambda: _standin(kind, palette, height_px, brand, seed))


# Illustrations that have a drawn stand-in of their own: the stand-in (drawn in the brand's
# colours, with its name on it) is the better hero.
_STANDIN_FOR_ILLUSTRATION = {"1f4f1": "phone", "231a": "watch", "1f3a7": "headphones", "1f45f": "sneaker",
                             "2615": "cup", "1f9f4": "bottle"}


@lru_cache(maxsize=256)
def hero_source_for(product_name: str, product_noun: str = "", category: str = "",
                    hero_path: str | None = None) -> str:
    """What the hero is: "upload", "standin:<kind>", "illustration:<key>" or "brandmark".

    In order: the uploaded photo; then what the spec's noun names (an English common noun
    the spec writer fills: "e-bike"), as a drawn stand-in if there is one of its kind, else as
    an illustration; then the same for the product's name and category; and when nothing
    names a drawable thing, a brand mark (never a gift box). The noun goes first because it
    says what the object is; the category alone ("beverage") only picks a stand-in when the
    noun names nothing drawable."""
    if hero_path:
        return "upload"
    from . import illustrations
    from .standins import standin_kind_for

    noun = (product_noun or "").strip()
    tries = ([(noun, "")] if noun else []) + [(illustrations.without_metaphors(product_name or ""), category or "")]
    for i, (text, cat) in enumerate(tries):
        kind = standin_kind_for(text, cat)
        if kind != "box":
            return f"standin:{kind}"
        key = illustrations.find(text)
        if key is not None:
            kind = _STANDIN_FOR_ILLUSTRATION.get(key)
            return f"standin:{kind}" if kind else f"illustration:{key}"
    return "brandmark"


def hero_source(spec: SceneSpec) -> str:
    """The hero's source for a scene (see hero_source_for); the render, the storyboard and the
    references phase all decide with this."""
    return hero_source_for(spec.product_name, spec.product_noun, spec.category, spec.hero_path)


def _cached_illustration(cache_dir: str | None, key: str, height_px: int) -> Image.Image:
    """An illustration rasterised at the hero's size, kept on disk like the stand-ins."""
    from . import illustrations
    return illustrations.render_kept(key, height_px, cache_dir)


def brandmark_image(name: str, aesthetic: str, roles: Roles, height_px: int, initial_from: str = "") -> Image.Image:
    """A product-neutral hero: a medallion with the brand's initial in the aesthetic's title
    face, and the name set large beneath it in spaced capitals. RGBA, ``height_px`` tall."""
    H = max(16, int(height_px))
    ss = 2  # drawn at twice the size and reduced: smooth edges
    text = ty.drawable(name).upper() or "BRAND"
    initial = (ty.drawable(initial_from).strip() or text).strip()[:1].upper() or "B"
    serif = any(w in aesthetic.lower() for w in ty.SERIF_AESTHETICS)
    disc = int(H * 0.64) * ss
    name_h = int(H * 0.24) * ss
    max_w = int(H * 1.7) * ss
    fnt, lines = ty.fit(text, ty.face(aesthetic, "tagline" if serif else "label"), max_w, name_h,
                        int(H * 0.15) * ss, 2, tracking=0.14)
    words = _text_image(lines, fnt, tuple(roles.text) + (255,), "center", max_w, tracking=0.14, line_gap=1.1)
    wb = words.getbbox() or (0, 0, words.width, words.height)
    words = words.crop(wb)
    W = max(disc, words.width) + 8 * ss
    img = Image.new("RGBA", (W, H * ss), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    x0 = (W - disc) // 2
    acc = np.array(roles.accent, np.float32)
    # The medallion: a soft vertical gradient in the accent colour, a fine inner ring, the initial.
    grad = np.linspace(1.18, 0.78, disc, dtype=np.float32)[:, None, None] * acc[None, None, :]
    face = np.broadcast_to(np.clip(grad, 0, 255), (disc, disc, 3)).astype(np.uint8)
    mask = Image.new("L", (disc, disc), 0)
    ImageDraw.Draw(mask).ellipse([0, 0, disc - 1, disc - 1], fill=255)
    medal = Image.fromarray(np.ascontiguousarray(face), "RGB").convert("RGBA")
    medal.putalpha(mask)
    img.alpha_composite(medal, (x0, 0))
    on = tuple(roles.on_accent) + (235,)
    inset = int(disc * 0.07)
    d.ellipse([x0 + inset, inset, x0 + disc - inset, disc - inset], outline=on, width=max(2, disc // 90))
    letter = ty.font(ty.face(aesthetic, "title"), int(disc * 0.5))
    bb = d.textbbox((0, 0), initial, font=letter)
    d.text((x0 + (disc - (bb[2] - bb[0])) / 2 - bb[0], (disc - (bb[3] - bb[1])) / 2 - bb[1]), initial,
           font=letter, fill=tuple(roles.on_accent) + (255,))
    # The name, under a short accent rule.
    gap = int(H * 0.05) * ss
    rule_y = disc + gap
    rw = int(disc * 0.22)
    d.rectangle([(W - rw) // 2, rule_y, (W + rw) // 2, rule_y + max(2, ss * H // 160)], fill=tuple(roles.accent) + (255,))
    ty_ = rule_y + gap
    if words.height > H * ss - ty_:
        k = (H * ss - ty_) / words.height
        words = words.resize((max(1, int(words.width * k)), max(1, int(words.height * k))), Image.Resampling.LANCZOS)
    img.alpha_composite(words, ((W - words.width) // 2, ty_))
    out = img.resize((max(2, W // ss), H), Image.Resampling.LANCZOS)
    bbox = out.getbbox()
    if bbox:
        out = out.crop((bbox[0], 0, bbox[2], H))
    return out


def product_image(spec: SceneSpec, roles: Roles, height_px: int) -> Image.Image:
    """The hero product (see hero_source): the uploaded photo, a drawn stand-in of the right
    kind, an illustration of the thing, or a brand mark. Stand-ins and illustrations are drawn
    once per size and reused by every beat (beats render in threads)."""
    source = hero_source(spec)
    if source == "upload":
        img = Image.open(spec.hero_path).convert("RGBA")
        scale = height_px / img.height
        return img.resize((max(2, int(img.width * scale)), height_px), Image.Resampling.LANCZOS)
    if source.startswith("illustration:"):
        img = _cached_illustration(spec.cache_dir, source.split(":", 1)[1], height_px)
        tint = tint_for(spec.product_name)
        # A "leather wallet" is brown whatever colour the drawing came in.
        return recolour(img, tint) if tint else img
    if source == "brandmark":
        return brandmark_image(spec.product_name or spec.brand, spec.aesthetic, roles, height_px,
                               initial_from=spec.brand or spec.product_name)
    kind = source.split(":", 1)[1]
    # Draw at a few fixed sizes and scale down: beats with similar hero sizes share one drawing.
    bucket = 1024 if height_px <= 1024 else 2048
    img = _cached_standin(spec.cache_dir, kind, tuple(roles.palette), bucket, spec.brand or spec.product_name,
                          spec.product_seed)
    if img.height == height_px:
        return img.copy()
    k = height_px / img.height
    return img.resize((max(2, int(img.width * k)), height_px), Image.Resampling.LANCZOS)


def _hero_layer(spec: SceneSpec, layout: Layout, roles: Roles, height_px: int) -> tuple[np.ndarray, tuple[float, float]]:
    """RGBA hero with its contact shadow and, on a floor, its reflection. Returns the image and
    the anchor (the product's centre) in its pixel coordinates."""
    prod = product_image(spec, roles, max(8, height_px))
    lettered = hero_source(spec) == "brandmark"  # a name cut by the frame edge reads as a mistake
    if (spec.shot_type not in ("macro", "close_up") or lettered) and layout.hero_center is not None:
        # Wide products (a sneaker, a box, a long brand name) are fitted by width too, so they
        # never run into the type or off the frame; close-ups of a product crop on purpose.
        cx = layout.hero_center[0]
        off_centre = abs(cx - 0.5) > 0.05
        share = min(0.5 if off_centre else 0.7, 2 * min(cx, 1 - cx) * 0.92)  # the nearer edge bounds it
        max_w = int(spec.width * share * height_px / (layout.hero_height * spec.height))
        if prod.width > max_w:
            k = max_w / prod.width
            prod = prod.resize((max_w, max(2, int(prod.height * k))), Image.Resampling.LANCZOS)
    pw, ph = prod.size
    pad_x = int(pw * 0.15) + 8
    extra = int(ph * 0.45) if layout.floor is not None or layout.podium else int(ph * 0.12)
    canvas = Image.new("RGBA", (pw + 2 * pad_x, ph + extra + 16), (0, 0, 0, 0))
    top = 8
    # Podium for wide shots: the product stands on something.
    if layout.podium:
        podium = _podium(pw, ph, roles)
        canvas.alpha_composite(podium, (pad_x + pw // 2 - podium.width // 2, top + ph - int(ph * 0.04)))
    # Contact shadow.
    shadow = _silhouette_shadow(prod, canvas.size, pad_x, top) if spec.hero_path else None
    if shadow is None:
        shadow = Image.new("L", canvas.size, 0)
        d = ImageDraw.Draw(shadow)
        sy = top + ph - int(ph * 0.02)
        d.ellipse([pad_x + pw * 0.12, sy - ph * 0.025, pad_x + pw * 0.88, sy + ph * 0.035], fill=150)
        shadow = shadow.filter(ImageFilter.GaussianBlur(max(2, ph * 0.02)))
    black = Image.new("RGBA", canvas.size, (0, 0, 0, 255))
    black.putalpha(shadow)
    canvas.alpha_composite(black)
    # Reflection on a glossy floor.
    if layout.floor is not None and not layout.podium:
        refl = prod.transpose(Image.Transpose.FLIP_TOP_BOTTOM)
        fade = np.linspace(0.28 if roles.dark_mode else 0.18, 0.0, refl.height, dtype=np.float32) ** 1.5
        a = np.asarray(refl.getchannel("A"), np.float32) * fade[:, None]
        refl.putalpha(Image.fromarray(a.astype(np.uint8)))
        canvas.alpha_composite(refl.crop((0, 0, pw, min(refl.height, extra))), (pad_x, top + ph + 2))
    canvas.alpha_composite(prod, (pad_x, top))
    arr = np.asarray(canvas)
    return arr, (pad_x + pw / 2, top + ph / 2)


# --- an uploaded photo as the hero -----------------------------------------------------------

PHOTO_MIN_VISIBLE = 0.70  # share of the product's box a close-up of a photo keeps in frame
PHOTO_MAX_COVER = 0.60  # share of the frame the product's box may cover, so the set shows around it


def upload_hero_height(spec: SceneSpec, layout: Layout) -> float:
    """The hero height (fraction of the frame's height) for an uploaded photo.

    Close-up and macro layouts make the hero larger than the frame, which suits a drawn
    stand-in (detail everywhere) but turns a photo of a plain product into a screen of flat
    colour. For a photo the zoom is limited so that, at the tightest point of the camera move,
    at least PHOTO_MIN_VISIBLE of the product's box is in frame and the box covers at most
    PHOTO_MAX_COVER of the frame: the silhouette stays recognisable, with the set around it.
    The animatic uses the same height, so the storyboard shows the framing the render has."""
    if spec.shot_type not in ("close_up", "macro") or layout.hero_center is None or not spec.hero_path:
        return layout.hero_height
    aspect = _photo_aspect(spec.hero_path)
    if aspect is None:
        return layout.hero_height
    w, h = spec.width, spec.height
    cx, cy = layout.hero_center[0] * w, layout.hero_center[1] * h
    poses = [hero_pose(spec.camera_movement, u) for u in np.linspace(0.0, 1.0, 9)]

    def fits(frac: float) -> bool:
        for p in poses:
            ph = frac * h * p.zoom
            pw = ph * aspect
            x, y = cx - p.dx * w, cy - p.dy * h
            vw = max(0.0, min(w, x + pw / 2) - max(0.0, x - pw / 2))
            vh = max(0.0, min(h, y + ph / 2) - max(0.0, y - ph / 2))
            if vw * vh < PHOTO_MIN_VISIBLE * pw * ph or vw * vh > PHOTO_MAX_COVER * w * h:
                return False
        return True

    frac = layout.hero_height
    while frac > 0.3 and not fits(frac):
        frac *= 0.96
    return frac


@lru_cache(maxsize=32)
def _photo_aspect_cached(path: str, mtime: float) -> float | None:
    try:
        with Image.open(path) as img:
            return img.width / max(1, img.height)
    except OSError:
        return None


def _photo_aspect(path: str) -> float | None:
    try:
        return _photo_aspect_cached(path, os.path.getmtime(path))
    except OSError:
        return None


# How much of the grade an uploaded photo takes. The grade (LUT, contrast, saturation) is
# made for the painted set; applied in full to a photo it pushes the product's own colours
# (a red mug came out oversaturated and off-hue), and those colours are the client's product
# and brand. The photo takes part of the grade's lightness, so it sits in the same light as the
# set, and a tenth of its colour change: hue and chroma stay within a few percent.
PHOTO_GRADE_LIGHTNESS = 0.4
PHOTO_GRADE_COLOUR = 0.1


def keep_photo_colours(original: np.ndarray, graded: np.ndarray) -> np.ndarray:
    """The photo `graded` by the scene's grade, pulled back to `original`'s hue and chroma
    (CIELAB a*b*) and part-way back in lightness (L*). RGB(A) uint8 in, same layout out."""
    o = original[..., :3].astype(np.float32) * np.float32(1 / 255)
    g = graded[..., :3].astype(np.float32) * np.float32(1 / 255)
    lab_o = cv2.cvtColor(o, cv2.COLOR_RGB2LAB)
    lab_g = cv2.cvtColor(g, cv2.COLOR_RGB2LAB)
    k = np.array([PHOTO_GRADE_LIGHTNESS, PHOTO_GRADE_COLOUR, PHOTO_GRADE_COLOUR], np.float32)
    lab = lab_o + (lab_g - lab_o) * k
    rgb = cv2.cvtColor(lab, cv2.COLOR_LAB2RGB)
    out = graded.copy()
    out[..., :3] = np.clip(rgb * 255 + 0.5, 0, 255).astype(np.uint8)
    return out


def _bleed_into_transparent(rgba: np.ndarray) -> np.ndarray:
    """Fully transparent pixels take the colour of the opaque ones beside them. The hero is
    warped and chroma-subsampled with straight (not premultiplied) alpha, so an edge pixel
    mixes in its transparent neighbours' colour: black there draws a dark rim round a photo."""
    a = rgba[..., 3].astype(np.float32) * np.float32(1 / 255)
    clear = a == 0
    if not clear.any():
        return rgba
    weight = cv2.GaussianBlur(a, (0, 0), 2.0)
    fill = cv2.GaussianBlur(rgba[..., :3].astype(np.float32) * a[..., None], (0, 0), 2.0)
    fill = fill / np.maximum(weight, 1e-4)[..., None]
    out = rgba.copy()
    near = clear & (weight > 1e-3)
    out[..., :3][near] = np.clip(fill[near] + 0.5, 0, 255).astype(np.uint8)
    return out


def _silhouette_shadow(prod: Image.Image, size: tuple[int, int], x0: int, top: int) -> Image.Image | None:
    """A contact shadow from the product's own silhouette, in the canvas `size` with the
    product's top-left at (x0, top). Each column of the silhouette shades the floor below it
    by how much of it is near the floor (a handle halfway up adds little), spread in a thin
    soft band; the footprint of the lowest rows adds a dark, tight line where the product
    touches the surface, so it sits on it rather than floats."""
    a = np.asarray(prod.getchannel("A"), np.float32) * np.float32(1 / 255)
    rows = np.nonzero(a.max(axis=1) > 0.5)[0]
    if len(rows) < 4:
        return None
    y_top, y_bot = int(rows[0]), int(rows[-1])
    ph = y_bot - y_top + 1
    pw = a.shape[1]
    cw, ch = size
    contact = top + y_bot + 1
    # Per column: the silhouette weighted by nearness to the floor (ambient occlusion).
    height_above = (y_bot - np.arange(y_top, y_bot + 1, dtype=np.float32))[:, None]
    near = np.exp(-height_above / (ph * 0.12))
    occ = (a[y_top:y_bot + 1] * near).sum(axis=0) / (ph * 0.12)
    soft_x = np.clip(occ, 0, 1)
    # A thin band, densest just under the contact line, fading below it. Only the rows
    # around the contact line are worked on: this runs once per beat, at up to 4K heroes.
    band = max(2.0, ph * 0.045)
    sigma = max(1.5, ph * 0.02)
    r0 = max(0, int(contact - band - 4 * sigma))
    r1 = min(ch, int(contact + 3 * band + 4 * sigma) + 1)
    if r1 - r0 < 2:
        return None
    ys = np.arange(r0, r1, dtype=np.float32) - contact
    soft_y = np.where(ys < 0, np.exp(-(ys / (band * 0.5)) ** 2), np.exp(-(ys / band) ** 2))
    out = np.zeros((r1 - r0, cw), np.float32)
    x1 = min(cw, x0 + pw)
    out[:, x0:x1] = soft_y[:, None] * soft_x[None, : x1 - x0] * 0.55
    out = cv2.GaussianBlur(out, (0, 0), sigma)
    # Contact: where the bottom rows touch the floor.
    foot = a[max(y_top, y_bot - max(1, int(ph * 0.02)) + 1):y_bot + 1].max(axis=0)
    core = np.zeros_like(out)
    c_h = max(2, int(ph * 0.012))
    c0 = max(0, contact - c_h // 2 - 1 - r0)
    core[c0:c0 + c_h, x0:x1] = foot[None, : x1 - x0] * 0.7
    core = cv2.GaussianBlur(core, (0, 0), max(1.0, ph * 0.008))
    shade = np.zeros((ch, cw), np.uint8)
    shade[r0:r1] = np.clip((1.0 - (1.0 - out) * (1.0 - core)) * 255 + 0.5, 0, 255).astype(np.uint8)
    return Image.fromarray(shade, "L")


def _podium(pw: int, ph: int, roles: Roles) -> Image.Image:
    w = int(pw * 1.5)
    hh = int(ph * 0.22)
    ss = 2
    img = Image.new("RGBA", (w * ss, hh * ss), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    base = roles.backdrop_top if roles.dark_mode else roles.backdrop_bottom
    side = tuple(int(c * 0.75) for c in base) + (255,)
    topc = tuple(min(255, int(c * 1.25 + 18)) for c in base) + (255,)
    eh = int(hh * ss * 0.35)
    d.rectangle([0, eh // 2, w * ss, hh * ss - eh // 2], fill=side)
    d.ellipse([0, hh * ss - eh, w * ss, hh * ss], fill=side)
    d.ellipse([0, 0, w * ss, eh], fill=topc)
    rim = tuple(roles.accent) + (200,)
    d.ellipse([0, 0, w * ss, eh], outline=rim, width=max(2, ss * 2))
    return img.resize((w, hh), Image.Resampling.LANCZOS)


# --- typography overlays --------------------------------------------------------------------


def _text_image(lines: list[str], fnt, color, align: str, width: int, tracking: float = 0.0,
                line_gap: float = 1.15) -> Image.Image:
    size = fnt.size
    h = int(len(lines) * size * line_gap + size * 0.4)
    img = Image.new("RGBA", (width, max(2, h)), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    y = 0.0
    for ln in lines:
        tw = ty.text_width(ln, fnt, tracking)
        x = (width - tw) / 2 if align == "center" else 0
        if tracking:
            for ch in ln:
                d.text((x, y), ch, font=fnt, fill=color)
                x += fnt.getlength(ch) + tracking * size
        else:
            d.text((x, y), ln, font=fnt, fill=color)
        y += size * line_gap
    return img


def _with_shadow(img: Image.Image, strength: int, radius: float) -> Image.Image:
    """Soft drop shadow under type: legible over any part of the backdrop."""
    pad = int(radius * 3)
    out = Image.new("RGBA", (img.width + 2 * pad, img.height + 2 * pad), (0, 0, 0, 0))
    shadow = Image.new("L", out.size, 0)
    shadow.paste(img.getchannel("A"), (pad, pad + int(radius * 0.4)))
    shadow = shadow.filter(ImageFilter.GaussianBlur(radius)).point(lambda v: v * strength // 255)
    black = Image.new("RGBA", out.size, (0, 0, 0, 255))
    black.putalpha(shadow)
    out.alpha_composite(black)
    out.alpha_composite(img, (pad, pad))
    return out


def _pill(text: str, fnt, fill, color) -> Image.Image:
    tw = int(fnt.getlength(text))
    ph = int(fnt.size * 2.1)
    pw = tw + int(fnt.size * 2.4)
    ss = 3
    img = Image.new("RGBA", (pw * ss, ph * ss), (0, 0, 0, 0))
    ImageDraw.Draw(img).rounded_rectangle([0, 0, pw * ss - 1, ph * ss - 1], radius=ph * ss // 2, fill=tuple(fill) + (255,))
    img = img.resize((pw, ph), Image.Resampling.LANCZOS)
    d = ImageDraw.Draw(img)
    bbox = d.textbbox((0, 0), text, font=fnt)
    d.text(((pw - (bbox[2] - bbox[0])) / 2 - bbox[0], (ph - (bbox[3] - bbox[1])) / 2 - bbox[1]), text, font=fnt, fill=tuple(color))
    return img


def _logo_image(spec: SceneSpec, roles: Roles, height_px: int) -> Image.Image:
    if spec.logo_path:
        logo = Image.open(spec.logo_path).convert("RGBA")
        k = height_px / logo.height
        if logo.width * k > height_px * 4:
            k = height_px * 4 / logo.width
        return logo.resize((max(2, int(logo.width * k)), max(2, int(logo.height * k))), Image.Resampling.LANCZOS)
    # A wordmark from the brand name: a thin ring monogram and the name in spaced capitals.
    name = ty.drawable(spec.brand or spec.product_name).upper() or "BRAND"
    serif = any(w in spec.aesthetic.lower() for w in ty.SERIF_AESTHETICS)
    fnt = ty.font(ty.face(spec.aesthetic, "tagline" if serif else "label"), int(height_px * 0.55))
    mono = Image.new("RGBA", (height_px * 3, height_px * 3), (0, 0, 0, 0))
    d = ImageDraw.Draw(mono)
    d.ellipse([4, 4, height_px * 3 - 5, height_px * 3 - 5], outline=tuple(roles.accent) + (255,), width=max(3, height_px // 6))
    letter = ty.font(ty.face(spec.aesthetic, "title"), int(height_px * 1.5))
    bbox = d.textbbox((0, 0), name[0], font=letter)
    d.text(((height_px * 3 - (bbox[2] - bbox[0])) / 2 - bbox[0], (height_px * 3 - (bbox[3] - bbox[1])) / 2 - bbox[1]),
           name[0], font=letter, fill=tuple(roles.accent) + (255,))
    mono = mono.resize((height_px, height_px), Image.Resampling.LANCZOS)
    word = _text_image([name], fnt, tuple(roles.text) + (255,), "left", int(ty.text_width(name, fnt, 0.25) + 4), tracking=0.25)
    out = Image.new("RGBA", (mono.width + int(height_px * 0.4) + word.width, height_px), (0, 0, 0, 0))
    out.alpha_composite(mono, (0, 0))
    out.alpha_composite(word, (mono.width + int(height_px * 0.4), max(0, (height_px - word.height) // 2 + int(height_px * 0.08))))
    return out


def _overlays(spec: SceneSpec, layout: Layout, roles: Roles) -> list[Overlay]:
    w, h = spec.width, spec.height
    if not st.uses_setting(spec):
        # Type is set in the colours of the set the look paints (dark or light), so it reads.
        from .backdrop import look_roles
        roles = look_roles(roles, spec.aesthetic, spec.lighting)
    serif = any(word in spec.aesthetic.lower() for word in ty.SERIF_AESTHETICS)
    text = ty.drawable(spec.text, serif=serif and spec.text_role in ("title", "tagline"))
    bx, by, bw, bh = layout.text_box.px(w, h)
    unit = min(w, h) if orientation(w, h) != "landscape" else h
    portrait = orientation(w, h) == "portrait"
    t_in = min(TEXT_IN_S, spec.duration * 0.15)
    slide = unit * 0.025
    out: list[Overlay] = []
    text_rgba = tuple(roles.text) + (255,)
    pieces: list[Image.Image] = []

    if spec.text_role == "cta":
        logo_h = int(unit * (0.09 if not portrait else 0.075))
        logo = _logo_image(spec, roles, logo_h)
        if logo.width > bw:
            logo = logo.resize((bw, max(2, int(logo.height * bw / logo.width))), Image.Resampling.LANCZOS)
        pieces.append(logo)
        name = ty.drawable(spec.product_name)
        if name:
            fnt, lines = ty.fit(name, ty.face(spec.aesthetic, "tagline"), bw, int(bh * 0.3), int(unit * 0.055), 2)
            pieces.append(_text_image(lines, fnt, text_rgba, "center", bw))
        if text:
            fnt = ty.font(ty.face(spec.aesthetic, "label"), int(unit * 0.036))
            action, where = ty.cta_parts(text)
            pieces.append(_pill(action, fnt, roles.accent, roles.on_accent))
            if where:
                wfnt, wlines = ty.fit(where, ty.face(spec.aesthetic, "label"), bw, int(unit * 0.1), int(unit * 0.036), 1)
                pieces.append(_text_image(wlines, wfnt, text_rgba, "center", bw))
    elif text and spec.text_role != "none":
        role = spec.text_role
        if role == "title" and spec.shot_type == "text_card":
            # The headline card: the news as kinetic type, word by word, facts punched out.
            out.extend(_kinetic_headline(spec, layout, roles, text, unit))
        elif role == "title":
            size = int(unit * (0.10 if spec.shot_type == "text_card" else 0.085))
            fnt, lines = ty.fit(text, ty.face(spec.aesthetic, "title"), bw, bh, size, 3 if spec.shot_type == "text_card" else 2)
            pieces.append(_text_image(lines, fnt, text_rgba, layout.align, bw))
            rule = Image.new("RGBA", (bw, max(2, int(unit * 0.006))), (0, 0, 0, 0))
            rw = int(bw * 0.14)
            x0 = (bw - rw) // 2 if layout.align == "center" else 0
            ImageDraw.Draw(rule).rectangle([x0, 0, x0 + rw, rule.height], fill=tuple(roles.accent) + (255,))
            pieces.append(rule)
        elif role == "tagline":
            fnt, lines = ty.fit(text, ty.face(spec.aesthetic, "tagline"), bw, bh, int(unit * 0.058), 2)
            pieces.append(_text_image(lines, fnt, text_rgba, layout.align, bw))
        elif role == "feature":
            label = text.upper()
            fnt, lines = ty.fit(label, ty.face(spec.aesthetic, "label"), bw - int(unit * 0.03), bh,
                                int(unit * 0.04), 2, tracking=0.12)
            body = _text_image(lines, fnt, text_rgba, layout.align, bw - int(unit * 0.03), tracking=0.12)
            if layout.align == "left":
                bar_w = max(3, int(unit * 0.006))
                block = Image.new("RGBA", (bw, body.height), (0, 0, 0, 0))
                ImageDraw.Draw(block).rectangle([0, int(fnt.size * 0.1), bar_w, body.height - int(fnt.size * 0.4)],
                                                fill=tuple(roles.accent) + (255,))
                block.alpha_composite(body, (int(unit * 0.03), 0))
                pieces.append(block)
            else:
                pieces.append(body)
    if spec.show_logo_bug and spec.logo_path and spec.text_role != "cta":
        bug = _logo_image(spec, roles, int(unit * 0.05))
        bug = _with_shadow(bug, 90, unit * 0.004)
        bx2 = w - bug.width - int(unit * 0.04)
        out.append(Overlay(rgb_to_yuv(_even_rgba(np.asarray(bug))), bx2 & ~1, int(unit * 0.04) & ~1, 0.0, 0.0, 0.85))

    if not pieces:
        return out
    gap = int(unit * 0.025)
    stack_w = max(p.width for p in pieces)
    stack_h = sum(p.height for p in pieces) + gap * (len(pieces) - 1)
    stack = Image.new("RGBA", (max(stack_w, bw), stack_h), (0, 0, 0, 0))
    y = 0
    for p in pieces:
        x = (stack.width - p.width) // 2 if layout.align == "center" else 0
        stack.alpha_composite(p, (x, y))
        y += p.height + gap
    shadowed = _with_shadow(stack, 110 if roles.dark_mode else 40, unit * 0.008)
    pad = (shadowed.width - stack.width) // 2
    # Vertically centre the stack in the text box.
    sx = bx - pad
    sy = by + (bh - stack_h) // 2 - pad
    sheen = None
    if spec.text_role == "cta":
        # The end card's light sweep runs over the logo, the name and the button (endcard.py),
        # so the block is cropped to them: the band crosses the type, not the empty text box.
        from .endcard import sheen_mask
        type_alpha = np.zeros((shadowed.height, shadowed.width), np.float32)
        type_alpha[pad:pad + stack.height, pad:pad + stack.width] = np.asarray(stack.getchannel("A"), np.float32) / 255
        cols = np.nonzero(np.asarray(shadowed.getchannel("A")).max(axis=0) > 0)[0]
        if len(cols):
            c0, c1 = int(cols[0]) & ~1, min(shadowed.width, int(cols[-1]) + 2)
            shadowed = shadowed.crop((c0, 0, c1, shadowed.height))
            type_alpha = type_alpha[:, c0:c1]
            sx += c0
        sheen = np.ascontiguousarray(sheen_mask(type_alpha, unit)[: shadowed.height & ~1, : shadowed.width & ~1])
    out.append(Overlay(rgb_to_yuv(_even_rgba(np.asarray(shadowed))), sx & ~1, sy & ~1, t_in, slide, sheen=sheen))
    return out


def _kinetic_headline(spec: SceneSpec, layout: Layout, roles: Roles, text: str, unit: float) -> list[Overlay]:
    """One overlay per word (fact groups and the accent rule too), each with its own entrance
    time, rise and scale pop; see kinetic.py for the rules."""
    from . import kinetic
    from .palette import mix
    ground = mix(roles.backdrop_top, roles.glow, 0.4)
    pieces = kinetic.headline(text, spec.aesthetic, roles.text, roles.accent, ground, layout.text_box.px(spec.width, spec.height),
                              unit, spec.duration, layout.align)
    out = []
    for p in pieces:
        shadowed = _with_shadow(p.image, 120 if roles.dark_mode else 45, unit * 0.008)
        pad = (shadowed.width - p.image.width) // 2
        out.append(Overlay(rgb_to_yuv(_even_rgba(np.asarray(shadowed))), (p.x - pad) & ~1, (p.y - pad) & ~1,
                           p.t_in, unit * (0.045 if p.fact else 0.035), anim=p.anim, scale=p.start_scale,
                           overshoot=p.overshoot))
    return out


def render_still(scene: BeatScene, t: float) -> np.ndarray:
    """One frame as RGB, for keyframes, posters and tests."""
    from .color import frame_buffer, yuv_to_rgb
    flat, planes = frame_buffer(scene.spec.width, scene.spec.height)
    scene.render_into(t, planes)
    return yuv_to_rgb(flat, scene.spec.width, scene.spec.height)


def hero_box(scene: BeatScene) -> tuple[float, float, float, float] | None:
    """Hero bounding box in frame pixels at rest, for reframing and tests."""
    if scene.hero is None:
        return None
    fx, fy = scene.focus()
    hw, hh = scene.hero.size
    s = scene.hero_scale
    ax, ay = scene.hero_anchor
    return fx - ax * s, fy - ay * s, fx + (hw - ax) * s, fy + (hh - ay) * s


