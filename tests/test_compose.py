"""Per-frame composition shortcuts (compose.py, setting.py): each does less work for the same
picture. Checked against the general path they replace, at small sizes."""

from __future__ import annotations

import math
import sys
from dataclasses import replace

import cv2
import numpy as np
import pytest

from pipeline.render import compose, setting as st
from pipeline.render.color import YuvPlanes, frame_buffer, rgb_to_yuv
from pipeline.render.compose import ScaleCache, TransitionMixer, paste_over, scale_and_shift
from pipeline.render.motion import only_slides
from pipeline.render.scene import BeatScene, SceneSpec


def _smooth(h: int, w: int, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return cv2.GaussianBlur(rng.integers(0, 256, (h, w), np.uint8), (0, 0), 2.0)


def _pan(s: float, tx: float, ty: float) -> np.ndarray:
    return np.array([[s, 0.0, tx], [0.0, s, ty]])


def test_a_pan_samples_one_resized_plane_and_matches_the_per_frame_resize():
    src = _smooth(300, 420)
    cache = ScaleCache()
    for k in range(12):  # a pan: the scale holds, the offset slides by sub-pixel steps
        m = _pan(1.02, -20.0 - 3.37 * k, -11.6 - 0.8 * k)
        fresh, shared = np.empty((240, 360), np.uint8), np.empty((240, 360), np.uint8)
        assert scale_and_shift(src, m, fresh)
        assert scale_and_shift(src, m, shared, cache)
        # Both are two bilinear passes whose intermediate samples fall in different places:
        # as close to each other, and to the one-pass warp, as rounding allows (fine noise
        # here: 0.3 of a level on average). Nothing moved: a shift would cost far more.
        reference = cv2.warpAffine(src, m, (360, 240), flags=cv2.INTER_LINEAR)
        for a, b in ((fresh, shared), (reference, shared)):
            diff = np.abs(a.astype(int) - b.astype(int))
            assert diff.mean() < 0.5 and diff.max() <= 3, (k, diff.mean(), diff.max())
    assert len(cache._planes) == 1


def test_the_cache_keeps_one_scale_per_plane():
    src, other = _smooth(100, 120), _smooth(100, 120, seed=1)
    cache = ScaleCache()
    a = cache.scaled(src, 1.02)
    assert cache.scaled(src, 1.02) is a, "the same plane at the same scale is resized once"
    assert cache.scaled(other, 1.02) is not a
    b = cache.scaled(src, 1.05)
    assert b.shape != a.shape and len(cache._planes) == 2, "a new scale replaces the old one"


def test_only_slides_are_pans_and_tilts():
    moves = ("static", "slow_zoom_in", "slow_zoom_out", "push_in", "pull_back", "pan_across", "pan_left",
             "pan_right", "tilt_up", "tilt_down", "slow_dolly", "orbit")
    assert [m for m in moves if only_slides(m)] == ["pan_across", "pan_left", "pan_right", "tilt_up", "tilt_down"]


def _spec(move: str, **changes) -> SceneSpec:
    fields = dict(width=320, height=180, fps=30, duration=2.0, shot_type="lifestyle", camera_movement=move,
                  text="", text_role="none", seed=5, palette=("#F4D35E", "#EE964B", "#0D3B66"), aesthetic="modern",
                  mood="joyful", lighting="natural", product_name="Lemonade", brand="Sunny", category="beverage",
                  product_noun="lemonade", setting="campfire", time_of_day="night", people="friends")
    fields.update(changes)
    return SceneSpec(**fields)


def _frames(scene: BeatScene, times) -> list[np.ndarray]:
    out = []
    for t in times:
        flat, planes = frame_buffer(scene.spec.width, scene.spec.height)
        scene.render_into(t, planes)
        out.append(flat.copy())
    return out


@pytest.mark.parametrize("move", ["pan_right", "tilt_up"])
def test_pan_frames_look_the_same_with_the_shared_planes(move):
    scene = BeatScene.build(_spec(move))
    times = (-0.2, 0.0, 0.7, 1.9, 2.3)
    shared = _frames(scene, times)
    assert scene._scaled is not None and scene._scaled._planes, "a pan fills the cache"
    fresh_scene = replace(scene)  # the same stills, a cache of its own
    fresh_scene._scale_cache = lambda: None  # the per-frame resize path
    fresh = _frames(fresh_scene, times)
    for a, b in zip(shared, fresh):
        d = np.abs(a.astype(int) - b.astype(int))
        assert d.mean() < 0.5, d.mean()


def test_zooming_moves_do_not_fill_a_cache():
    scene = BeatScene.build(_spec("push_in"))
    _frames(scene, (0.0, 1.0))
    assert scene._scaled is None


def test_setting_pieces_are_laid_over_without_the_general_warp(monkeypatch):
    """A piece's box leaves out its transparent border, so its source window stays inside the
    planes and scale_and_shift (a resize and a crop) does the work, not warpAffine."""
    scene = BeatScene.build(_spec("push_in"))
    pieces = [layer for layer in scene.layers if layer.opaque_from is None]
    assert pieces

    def no_general_warp(*args, **kwargs):
        raise AssertionError("warpAffine used for a piece")

    flat, out = frame_buffer(320, 180)
    for layer in pieces:
        for s in (1.0, 1.13, 1.31):
            w, h = layer.size
            m = _pan(s, 160 - s * w / 2 + 0.37, 90 - s * h / 2 + 0.61)
            monkeypatch.setattr(compose.cv2, "warpAffine", no_general_warp)
            st._warp_rows_over(layer, m, out, 0, 180, None)
            monkeypatch.undo()


def _overlay(w: int = 64, h: int = 40) -> YuvPlanes:
    rgba = np.zeros((h, w, 4), np.uint8)
    rgba[..., :3] = (240, 200, 40)
    cv2.putText(rgba, "Hi", (4, 32), cv2.FONT_HERSHEY_SIMPLEX, 1.2, (240, 200, 40, 255), 3, cv2.LINE_AA)
    rgba[..., 3] = cv2.GaussianBlur(rgba[..., 3], (0, 0), 1.0)
    return rgb_to_yuv(rgba)


def test_a_settled_overlay_is_laid_over_as_a_blend_would_lay_it():
    ov = _overlay()
    for x, y in ((10, 20), (-8, -6), (290, 150)):  # inside, and clipped at two corners
        flat_a, a = frame_buffer(320, 180)
        flat_b, b = frame_buffer(320, 180)
        bg = _smooth(180, 320)
        for f in (a, b):
            f.y[:] = bg
            f.u[:] = bg[::2, ::2]
            f.v[:] = 255 - bg[::2, ::2]
        paste_over(ov, x, y, a)
        # the float blend it replaces: dst * (1 - alpha) + overlay * alpha
        x0, y0, x1, y1 = max(0, x), max(0, y), min(320, x + 64), min(180, y + 40)
        sx, sy = x0 - x, y0 - y
        for src, dst, al, k in ((ov.y, b.y, ov.a, 1), (ov.u, b.u, ov.a2, 2), (ov.v, b.v, ov.a2, 2)):
            region = dst[y0 // k:y1 // k, x0 // k:x1 // k]
            part = (slice(sy // k, sy // k + region.shape[0]), slice(sx // k, sx // k + region.shape[1]))
            blended = src[part] * al[part] + region * (1.0 - al[part])
            region[:] = np.clip(blended + 0.5, 0, 255).astype(np.uint8)
        assert np.abs(flat_a.astype(int) - flat_b.astype(int)).max() <= 1, (x, y)


def _wipe_reference(a: np.ndarray, b: np.ndarray, p: float, w: int, h: int) -> np.ndarray:
    """The wipe as a blend of the whole frame (what TransitionMixer did before)."""
    out = np.empty_like(a)
    e = 0.5 - 0.5 * math.cos(math.pi * p)
    edge = -0.06 + 1.12 * e
    for pw, ph, off in ((w, h, 0), (w // 2, h // 2, w * h), (w // 2, h // 2, w * h + (w // 2) * (h // 2))):
        xs = (np.arange(pw, dtype=np.float32) + 0.5) / pw
        wb = np.broadcast_to(np.clip((edge - xs) / 0.06 + 0.5, 0.0, 1.0), (ph, pw)).astype(np.float32)
        plane = slice(off, off + pw * ph)
        cv2.blendLinear(b[plane].reshape(ph, pw), a[plane].reshape(ph, pw), wb, 1.0 - wb,
                        dst=out[plane].reshape(ph, pw))
    return out


def test_the_wipe_blends_only_its_soft_edge_and_gives_the_same_frames():
    w, h = 320, 180
    rng = np.random.default_rng(3)
    a, b = (rng.integers(0, 256, w * h * 3 // 2, np.uint8) for _ in range(2))
    mixer = TransitionMixer("wipe", w, h)
    out = np.empty_like(a)
    for p in (0.0, 0.03, 0.25, 0.5, 0.77, 0.99, 1.0):
        mixer.mix(a, b, p, out)
        assert np.array_equal(out, _wipe_reference(a, b, p, w, h)), p


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="pipe sizes are a Linux feature")
def test_frames_go_to_the_encoder_through_a_wide_pipe(tmp_path):
    import fcntl

    from pipeline.render.ffmpeg import EncoderSettings, YuvWriter

    with YuvWriter(tmp_path / "x.mp4", 64, 64, 30, EncoderSettings()) as writer:
        assert fcntl.fcntl(writer.proc.stdin.fileno(), fcntl.F_GETPIPE_SZ) >= 1 << 20
        for _ in range(3):
            writer.write(np.full(64 * 64 * 3 // 2, 128, np.uint8))
    assert (tmp_path / "x.mp4").stat().st_size > 0


def test_threads_asking_for_the_same_scene_build_it_once(monkeypatch):
    """A beat rendered alone is split into parts, one per core, each asking for its scene."""
    import threading
    import time

    from pipeline.render import scene as scene_module

    spec = _spec("pan_left", seed=91, width=160, height=90)
    built = []
    real_build = BeatScene.build.__func__

    def slow_build(cls, s):
        built.append(s)
        time.sleep(0.2)  # long enough for every thread to arrive while it is being built
        return real_build(cls, s)

    monkeypatch.setattr(BeatScene, "build", classmethod(slow_build))
    got = []
    threads = [threading.Thread(target=lambda: got.append(scene_module.cached_scene(spec))) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(built) == 1 and len(got) == 3 and all(g is got[0] for g in got)


@pytest.mark.parametrize("text, pill, under", [
    ("Shop now", "Shop now", ""),
    # Too long for the pill: the action stays in it and the address goes under it, whole.
    ("Regístrate gratis · martaibanez.es", "Regístrate gratis", "martaibanez.es"),
    ("Register free · brewbooks.co.uk/webinar", "Register free", "brewbooks.co.uk/webinar"),
    ("Inscreva-se grátis · link na bio e no site", "Inscreva-se grátis", "link na bio e no site"),
])
def test_a_call_to_action_never_cuts_where_to_go(text, pill, under):
    from pipeline.render.typography import cta_parts
    assert cta_parts(text) == (pill, under)

