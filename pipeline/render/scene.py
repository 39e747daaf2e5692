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
from .compose import affine, paste_over, warp_full, warp_over
from .layout import Layout, layout_for, orientation
from .motion import Pose, camera_pose, hero_pose
from .palette import Roles, roles_for

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


@dataclass
class BeatScene:
    spec: SceneSpec
    layout: Layout
    backdrop: YuvPlanes
    hero: YuvPlanes | None
    hero_anchor: tuple[float, float]
    hero_scale: float
    overlays: list[Overlay] = field(default_factory=list)
    _still: YuvPlanes | None = field(default=None, repr=False)

    # -- building -----------------------------------------------------------------------
    @classmethod
    def build(cls, spec: SceneSpec) -> "BeatScene":
        w, h = spec.width, spec.height
        roles = roles_for(spec.palette, spec.lighting)
        layout = layout_for(spec.shot_type, spec.text_role, w, h, has_text=bool(spec.text.strip()))
        lut = _load_lut(spec.lut_path)

        def grade(rgb: np.ndarray) -> np.ndarray:
            if lut is None and spec.contrast == 1.0 and spec.saturation == 1.0:
                return rgb
            from .lut import grade as apply_grade
            return apply_grade(rgb, lut, contrast=spec.contrast, saturation=spec.saturation,
                               strength=spec.grade_strength)

        backdrop = rgb_to_yuv(paint_backdrop(spec.shot_type, layout, roles, w, h, spec.seed, spec.lighting,
                                             grade=grade))

        hero = None
        anchor = (0.0, 0.0)
        # Zooms need a hero drawn larger than placed to stay sharp; other moves do not.
        oversample = HERO_OVERSAMPLE if spec.camera_movement in ZOOMING_MOVES else 1.0
        hero_scale = 1.0 / oversample
        if layout.hero_center is not None:
            hero_rgba, anchor = _hero_layer(spec, layout, roles, int(layout.hero_height * h * oversample))
            hero_rgba, anchor = _crop_to_view(hero_rgba, anchor, layout, w, h, oversample)
            hero = rgb_to_yuv(_even_rgba(grade(hero_rgba)))

        scene = cls(spec, layout, backdrop, hero, anchor, hero_scale)
        scene.overlays = _overlays(spec, layout, roles)
        return scene

    # -- rendering ----------------------------------------------------------------------
    def focus(self) -> tuple[float, float]:
        w, h = self.spec.width, self.spec.height
        if self.layout.hero_center is None:
            return w / 2, h / 2
        return self.layout.hero_center[0] * w, self.layout.hero_center[1] * h

    def render_into(self, t: float, out: YuvPlanes) -> None:
        """Compose the frame at t seconds from the beat's start (may be outside the beat)."""
        s = self.spec
        if s.camera_movement == "static":
            # Nothing moves but the type: compose backdrop and hero once, then copy.
            if self._still is None:
                self._still = _planes_copy(self._compose_moving(t, out))
            for src, dst in ((self._still.y, out.y), (self._still.u, out.u), (self._still.v, out.v)):
                np.copyto(dst, src)
        else:
            self._compose_moving(t, out)
        for ov in self.overlays:
            _draw_overlay(ov, t, out)

    def _compose_moving(self, t: float, out: YuvPlanes) -> YuvPlanes:
        s = self.spec
        u = t / max(s.duration, 1e-6)
        fx, fy = self.focus()
        cam = camera_pose(s.camera_movement, u)
        bw, bh = self.backdrop.size
        shift = (cam.dx * s.width, cam.dy * s.height)
        src_c = (bw / 2 + fx - s.width / 2, bh / 2 + fy - s.height / 2)
        warp_full(self.backdrop, affine(cam, src_c, (fx - shift[0], fy - shift[1])), out)
        if self.hero is not None:
            hp = hero_pose(s.camera_movement, u)
            hshift = (hp.dx * s.width, hp.dy * s.height)
            m = affine(hp, self.hero_anchor, (fx - hshift[0], fy - hshift[1]), scale=self.hero_scale)
            warp_over(self.hero, m, out)
        return out


_SCENES_LOCK = threading.Lock()
_SCENES: "OrderedDict[SceneSpec, BeatScene]" = OrderedDict()
_SCENE_CACHE_SIZE = 8


def cached_scene(spec: SceneSpec) -> BeatScene:
    """Build a scene once per process: a beat's clip and the transitions on either side of it
    use the same stills. Scenes are read-only once built, so threads can share them."""
    with _SCENES_LOCK:
        scene = _SCENES.get(spec)
        if scene is not None:
            _SCENES.move_to_end(spec)
            return scene
    scene = _load_scene(spec)
    if scene is None:
        scene = BeatScene.build(spec)
        _save_scene(scene)
    with _SCENES_LOCK:
        _SCENES[spec] = scene
        while len(_SCENES) > _SCENE_CACHE_SIZE:
            _SCENES.popitem(last=False)
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
        meta["overlays"].append({"x": ov.x, "y": ov.y, "t_in": ov.t_in, "slide": ov.slide, "opacity": ov.opacity})
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
    overlays = [Overlay(get(f"overlay{i}"), o["x"], o["y"], o["t_in"], o["slide"], o["opacity"])
                for i, o in enumerate(meta["overlays"])]
    return BeatScene(spec, layout, get("backdrop"), get("hero"), tuple(meta["hero_anchor"]), meta["hero_scale"],
                     overlays)


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
    k = (t - ov.t_in) / TEXT_ANIM_S
    if k <= 0:
        return
    if k >= 1:
        paste_over(ov.planes, ov.x, ov.y, out, ov.opacity)
        return
    e = 1 - (1 - k) ** 3  # ease-out: quick start, soft landing
    m = affine(Pose(), (0.0, 0.0), (float(ov.x), ov.y + ov.slide * (1 - e)))
    warp_over(ov.planes, m, out, opacity=ov.opacity * e)


# --- stills ---------------------------------------------------------------------------------


_LUT_CACHE: dict[str, object] = {}


def _load_lut(path: str | None):
    if not path:
        return None
    if path not in _LUT_CACHE:
        from .lut import load_cube
        _LUT_CACHE[path] = load_cube(path)
    return _LUT_CACHE[path]


def _planes_copy(p: YuvPlanes) -> YuvPlanes:
    return YuvPlanes(y=p.y.copy(), u=p.u.copy(), v=p.v.copy())


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


@lru_cache(maxsize=16)
def _standin(kind: str, palette: tuple, height_px: int, brand: str, seed: int) -> Image.Image:
    from .standins import draw_standin
    return draw_standin(kind, list(palette), height_px, brand=brand, seed=seed)


def _cached_standin(cache_dir: str | None, kind: str, palette: tuple, height_px: int, brand: str,
                    seed: int) -> Image.Image:
    """A stand-in drawing, kept on disk too: a new process (a one-beat re-render, a preview)
    loads it instead of drawing it again."""
    if not cache_dir:
        return _standin(kind, palette, height_px, brand, seed)
    from ..artifacts import artifact_key
    key = artifact_key("standin", product_kind=kind, palette=palette, height=height_px, brand=brand, seed=seed)
    path = Path(cache_dir) / "standins" / f"{key}.png"
    if path.is_file():
        try:
            return Image.open(path).convert("RGBA")
        except OSError:
            pass
    img = _standin(kind, palette, height_px, brand, seed)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.stem}.{os.getpid()}.{threading.get_ident()}.tmp.png")
    try:
        img.save(tmp, format="PNG", compress_level=1)
        os.replace(tmp, path)
    except OSError:
        tmp.unlink(missing_ok=True)
    return img


def product_image(spec: SceneSpec, roles: Roles, height_px: int) -> Image.Image:
    """The hero product: the uploaded photo, or a drawn stand-in of the right kind. The
    stand-in is drawn once per size and reused by every beat (beats render in threads)."""
    if spec.hero_path:
        img = Image.open(spec.hero_path).convert("RGBA")
        scale = height_px / img.height
        return img.resize((max(2, int(img.width * scale)), height_px), Image.Resampling.LANCZOS)
    from .standins import standin_kind_for
    kind = standin_kind_for(spec.product_name, spec.category)
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
    if spec.shot_type not in ("macro", "close_up") and layout.hero_center is not None:
        # Wide products (a sneaker, a box) are fitted by width too, so they never run into
        # the type or off the frame; close-ups crop on purpose.
        off_centre = abs(layout.hero_center[0] - 0.5) > 0.05
        max_w = int(spec.width * (0.5 if off_centre else 0.7) * height_px / (layout.hero_height * spec.height))
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
            label = text if len(text) <= 32 else text[:31] + "…"
            pieces.append(_pill(label, fnt, roles.accent, roles.on_accent))
    elif text and spec.text_role != "none":
        role = spec.text_role
        if role == "title":
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
    out.append(Overlay(rgb_to_yuv(_even_rgba(np.asarray(shadowed))), sx & ~1, sy & ~1, t_in, slide))
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


