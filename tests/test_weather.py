"""Rain and snow the brief describes: an overcast sky, and rain or snow falling in front of an
outdoor scene frame by frame; indoors, rain on the window and nothing falling in the room."""

from __future__ import annotations

import numpy as np
import pytest

from pipeline.render.color import frame_buffer
from pipeline.render.scene import BeatScene, SceneSpec
from pipeline.render.weather import make_precipitation


def _spec(**changes) -> SceneSpec:
    fields = dict(width=320, height=180, fps=30, duration=2.0, shot_type="wide", camera_movement="static",
                  text="", text_role="none", seed=5, palette=("#F4D35E", "#EE964B", "#0D3B66"), aesthetic="modern",
                  mood="calm", lighting="natural", product_name="Drift umbrella", brand="Drift", category="fashion",
                  product_noun="umbrella", setting="city", time_of_day="day", people="friends")
    fields.update(changes)
    return SceneSpec(**fields)


def _frame(scene: BeatScene, t: float) -> np.ndarray:
    flat, planes = frame_buffer(scene.spec.width, scene.spec.height)
    scene.render_into(t, planes)
    return flat.copy()


def _luma(scene: BeatScene, t: float) -> np.ndarray:
    w, h = scene.spec.width, scene.spec.height
    return _frame(scene, t)[: w * h].reshape(h, w).astype(np.float32)


def _sky_chroma(scene: BeatScene) -> float:
    """How coloured the sky is: the mean distance of its chroma from grey."""
    w, h = scene.spec.width, scene.spec.height
    flat = _frame(scene, 0.5)
    u = flat[w * h: w * h + w * h // 4].reshape(h // 2, w // 2).astype(np.float32)
    v = flat[w * h + w * h // 4:].reshape(h // 2, w // 2).astype(np.float32)
    top = slice(0, h // 8)  # the sky, above the group and the product
    return float(np.mean(np.hypot(u[top] - 128, v[top] - 128)))


@pytest.mark.parametrize("weather", ["rain", "snow"])
def test_falling_weather_moves_every_frame_and_greys_the_sky(weather):
    dry, wet = BeatScene.build(_spec()), BeatScene.build(_spec(weather=weather))
    step = 1 / 30
    top = slice(0, 40)
    # A static camera drifts a little: the dry scene's change between frames is the baseline.
    dry_change = np.abs(_luma(dry, 1.0 + step) - _luma(dry, 1.0))[top].mean()
    wet_change = np.abs(_luma(wet, 1.0 + step) - _luma(wet, 1.0))[top].mean()
    assert wet_change > dry_change + 0.5, (dry_change, wet_change)
    assert _sky_chroma(wet) < 0.7 * _sky_chroma(dry), "an overcast sky is greyer than a clear one"


def test_indoors_the_rain_is_on_the_window_and_nothing_falls_in_the_room():
    dry = BeatScene.build(_spec(setting="living room"))
    wet = BeatScene.build(_spec(setting="living room", weather="rain"))
    assert wet._falling_weather() is None
    assert not np.array_equal(_frame(dry, 0.5), _frame(wet, 0.5)), "the window shows the rain"


def test_the_falling_sheets_wrap_seamlessly_at_any_time():
    rain = make_precipitation("rain", 64, 36, seed=3)
    assert make_precipitation("hail", 64, 36, seed=3) is None
    for t in (0.0, 0.37, 1.0, 12.345, 100.0):
        for sheet in rain.sheets:
            assert sheet.window(t).shape == (36, 64)
    # Pure function of time: two draws at the same t give the same frame.
    flat_a, planes_a = frame_buffer(64, 36)
    flat_b, planes_b = frame_buffer(64, 36)
    flat_a[:] = flat_b[:] = 16  # a dark scene (the buffers come uninitialised)
    rain.draw(2.5, planes_a)
    rain.draw(2.5, planes_b)
    assert np.array_equal(flat_a, flat_b) and flat_a.max() > 16
