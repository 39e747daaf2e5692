"""Settings for lifestyle beats: the place, the time of day and the people the brief names,
painted as far, mid and near layers that move with parallax. Small sizes: fast."""

from __future__ import annotations

import time
from dataclasses import replace

import cv2
import numpy as np
import pytest

from pipeline.models import Brief
from pipeline.providers.local.spec_writer import write_spec
from pipeline.render import setting as st
from pipeline.render.color import rgb_to_yuv
from pipeline.render.palette import roles_for
from pipeline.render.scene import BeatScene, SceneSpec, _load_scene, cached_scene, hero_box, render_still

W, H = 640, 360


def spec_for(setting: str, time_of_day: str = "", people: str = "", shot: str = "lifestyle",
             move: str = "pan_right", text: str = "", **changes) -> SceneSpec:
    fields = dict(width=W, height=H, fps=30, duration=4.0, shot_type=shot, camera_movement=move, text=text,
                  text_role="tagline" if text else "none", seed=3, palette=("#F4D35E", "#EE964B", "#0D3B66"),
                  aesthetic="modern", mood="joyful", lighting="natural", product_name="Lemonade", brand="Sunny",
                  category="beverage", product_noun="lemonade", setting=setting, time_of_day=time_of_day,
                  people=people)
    fields.update(changes)
    return SceneSpec(**fields)


def layers_of(spec: SceneSpec) -> st.SettingLayers:
    return st.paint_setting(spec, roles_for(spec.palette, st.setting_lighting(spec)), spec.width, spec.height)


def test_night_campfire_is_dark_blue_above_and_warm_by_the_fire():
    spec = spec_for("campfire", "night", "friends", props=("lemonade",))
    frame = render_still(BeatScene.build(spec), 2.0).astype(np.float32)
    sky = frame[: int(H * 0.2)]
    assert sky.mean() < 60, "a night sky is dark"
    assert sky[..., 2].mean() > sky[..., 0].mean() + 10, "and blue"
    # The fire: the centrepiece of the group; bright warm pixels around it.
    layout = st.setting_layout(spec, _layout(spec))
    fire = next(p for p in st.plan_stage(spec, _layout(spec)).row if p.kind == "centre")
    x, y = int(fire.x * W), int((fire.base - fire.height / 2) * H)
    win = frame[max(0, y - 40): y + 40, max(0, x - 40): x + 40]
    warm = (win[..., 0] > 180) & (win[..., 0] > win[..., 2] + 60)
    assert warm.mean() > 0.1, "warm firelight where the fire is"
    assert layout.hero_center is not None


def test_day_beach_has_blue_sky_and_sand():
    frame = render_still(BeatScene.build(spec_for("beach", "day", "couple")), 2.0).astype(np.float32)
    top = frame[: int(H * 0.15)].reshape(-1, 3).mean(axis=0)
    assert top[2] > top[0] + 30 and top.mean() > 130, f"light blue sky, got {top}"
    bottom = frame[int(H * 0.93):, : int(W * 0.3)].reshape(-1, 3).mean(axis=0)
    r, g, b = bottom
    assert r > 170 and g > 140 and r > b + 30, f"sand, got {bottom}"


def _layout(spec: SceneSpec):
    from pipeline.render.layout import layout_for
    return layout_for(spec.shot_type, spec.text_role, spec.width, spec.height, has_text=bool(spec.text.strip()))


def _shift(a: np.ndarray, b: np.ndarray) -> float:
    (dx, dy), _ = cv2.phaseCorrelate(cv2.cvtColor(a, cv2.COLOR_RGB2GRAY).astype(np.float64),
                                     cv2.cvtColor(b, cv2.COLOR_RGB2GRAY).astype(np.float64))
    return float(np.hypot(dx, dy))


def test_layers_move_with_parallax():
    scene = BeatScene.build(spec_for("campfire", "night", "friends"))
    depths = sorted({layer.depth for layer in scene.layers})
    assert len(depths) == 2 and [layer.depth for layer in scene.layers] == sorted(layer.depth for layer in scene.layers)
    # Far alone, and near alone over a flat backdrop: how far each moves between two frames.
    flat = rgb_to_yuv(np.full((scene.backdrop.size[1], scene.backdrop.size[0], 3), 40, np.uint8))
    far_only = replace(scene, layers=[], hero=None, overlays=[])
    near_only = replace(scene, backdrop=flat, layers=[x for x in scene.layers if x.depth == depths[1]], hero=None,
                        overlays=[])
    far_shift = _shift(render_still(far_only, 0.4), render_still(far_only, 3.6))
    near_shift = _shift(render_still(near_only, 0.4), render_still(near_only, 3.6))
    print(f"pan: far layer moved {far_shift:.1f} px, near layer {near_shift:.1f} px")
    assert far_shift > 5
    assert near_shift > far_shift * 1.3


def test_people_only_when_the_brief_has_people():
    with_people = layers_of(spec_for("park", "day", "kids"))
    without = layers_of(spec_for("park", "day", ""))
    assert with_people.people and not without.people
    assert sum(int((p.rgba[..., 3] > 200).sum()) for p in with_people.near) > 500
    assert sum(int((p.rgba[..., 3] > 200).sum()) for p in without.near) == 0
    fire = layers_of(spec_for("campfire", "night", "friends"))
    assert len(fire.people) >= 2


@pytest.mark.parametrize("setting,time_of_day", [
    ("spaceship bridge", ""), ("underwater kingdom", "dusk"), ("hotel lobby", "night"), ("xyzzy", "dawn"),
    ("rooftop bar", "golden_hour"), ("snowy mountain cabin", "day"),
])
def test_unknown_or_odd_settings_render(setting, time_of_day):
    for shot in ("wide", "medium"):
        scene = BeatScene.build(spec_for(setting, time_of_day, "someone", shot=shot, text="Hello there"))
        frame = render_still(scene, 1.0)
        assert frame.shape == (H, W, 3) and frame.std() > 5
    name, recipe, tod = st.resolve(setting, time_of_day)
    assert tod in st.TIMES


def test_every_recipe_renders_and_synonyms_resolve():
    for name in st.SETTINGS:
        frame = render_still(BeatScene.build(spec_for(name, "", "couple", shot="wide", move="orbit")), 3.0)
        assert frame.std() > 5, name
    assert st.resolve("a bonfire on the beach", "")[0] in ("campfire", "beach")
    assert st.resolve("cozy coffee shop", "")[0] == "cafe"
    assert st.resolve("seaside", "")[0] == "beach"
    assert st.resolve("mountain hike", "")[0] in ("mountain", "trail")


def test_only_lifestyle_shots_get_settings():
    for shot in ("product_hero", "close_up", "macro", "text_card"):
        assert not BeatScene.build(spec_for("campfire", "night", "friends", shot=shot)).layers
    assert not BeatScene.build(spec_for("", "", "", shot="lifestyle")).layers


def test_hero_sits_in_the_scene_and_cache_round_trips(tmp_path):
    spec = spec_for("kitchen", "golden_hour", "family", text="Made at home", cache_dir=str(tmp_path))
    scene = cached_scene(spec)
    box = hero_box(scene)
    assert box is not None
    x0, y0, x1, y1 = box
    assert 0 <= x0 < x1 <= W and 0 <= y0 < y1 <= H * 1.02
    assert (y1 - y0) < H * 0.35, "smaller than in a product shot"
    loaded = _load_scene(spec)
    assert loaded is not None and len(loaded.layers) == len(scene.layers)
    a, b = render_still(scene, 1.3), render_still(loaded, 1.3)
    assert np.abs(a.astype(int) - b.astype(int)).max() <= 1


def test_static_and_every_move_compose():
    for move in ("static", "slow_zoom_in", "push_in", "pull_back", "pan_left", "tilt_up", "tilt_down", "orbit",
                 "slow_dolly"):
        scene = BeatScene.build(spec_for("city", "dusk", "cyclist", move=move))
        for t in (-0.5, 0.0, 2.0, 4.4):
            frame = render_still(scene, t)
            # no holes: the ground covers the bottom of every frame
            assert frame[-4:].std() > 1 and frame[-4:].mean() > 20, (move, t)


def test_build_is_fast():
    spec = spec_for("campfire", "night", "friends", props=("lemonade", "guitar"), text="Summer nights")
    BeatScene.build(spec)  # warm the illustration cache
    t0 = time.perf_counter()
    BeatScene.build(replace(spec, seed=11))
    print(f"setting scene build at {W}x{H}: {time.perf_counter() - t0:.3f} s")


def test_moving_layers_are_premultiplied_pieces():
    scene = BeatScene.build(spec_for("beach", "day", "couple"))
    for layer in scene.layers:
        w, h = layer.size
        assert layer.y.shape == layer.t.shape == (h, w) and layer.u.shape == layer.t2.shape == (h // 2, w // 2)
        assert all(a.dtype == np.uint8 for a in layer.arrays().values())
        # where a piece is fully transparent its colour is zero (premultiplied)
        assert not layer.y[layer.t == 255].any()
    # the ground is one opaque piece; the rest are small


def test_people_no_list_knows_are_drawn_and_several_stay_several():
    from pipeline.render.setting import people_keys
    assert len(people_keys("welder")) == 1
    assert len(people_keys("welders")) == 2


@pytest.mark.parametrize("prompt, setting", [
    ("Surfers paddling out at dawn off a rocky point, all of them in Tideline wetsuits", "beach"),
    ("Skiers carving fresh powder at first light, everyone in Frostpeak goggles", "snow"),
])
def test_people_doing_something_bring_their_usual_place_when_the_brief_names_none(prompt, setting):
    spec = write_spec(Brief(prompt=prompt))
    assert spec.story.setting == setting
    assert spec.story.people in ("surfers", "skiers")  # drawn as themselves, not as generic athletes
    keys = [key for key, _, _ in st.people_keys(spec.story.people)]
    assert keys and all(key in ("1f3c4", "26f7") for key in keys), keys  # a surfer, a skier: not skis


def test_an_english_word_is_not_split_like_a_german_compound():
    from pipeline.render import illustrations

    assert illustrations.find("wetsuits") != illustrations.find("necktie")  # a wetsuit is no suit and tie
    assert illustrations.find("Armbanduhr") == illustrations.find("watch")  # German compounds still are
