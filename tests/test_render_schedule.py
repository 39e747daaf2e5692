"""How a render spends its time without changing a pixel: the order clips are rendered in, the
transitions made beside the last clips, encoders sharing the cores, the poster taken while the
file is assembled, and what a later process of the same project finds on disk."""

from __future__ import annotations

import os
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest
from PIL import Image

from pipeline.phases.chunks import _in_render_order
from pipeline.render import illustrations
from pipeline.render.ffmpeg import extract_frame_png
from pipeline.render.lut import load_cube
from pipeline.render.memo import disk_image
from pipeline.render.pieces import encoders, pooled_threads
from pipeline.run import create_project, regenerate_beat, run_project
from tests.helpers import export_path

ROOT = Path(__file__).resolve().parent.parent
CAMPFIRE = "Friends laughing around a campfire on a summer night, sharing our craft lemonade"


def _job(beat: int, frames: int, shot: str, setting: str = "campfire"):
    scene = SimpleNamespace(setting=setting, shot_type=shot, text_role="title")
    return SimpleNamespace(beat_index=beat, body_frames=frames, scene=scene)


def test_the_first_clip_is_one_whose_scene_is_quick_to_build():
    jobs = [_job(0, 140, "wide"), _job(1, 170, "medium"), _job(2, 100, "close_up"), _job(3, 150, "product_hero")]
    order = [j.beat_index for j in _in_render_order(jobs)]
    # The longest clip with no painted setting first, then longest first as before.
    assert order == [3, 1, 0, 2]
    plain = [_job(0, 140, "wide", setting=""), _job(1, 170, "close_up", setting="")]
    assert [j.beat_index for j in _in_render_order(plain)] == [1, 0]  # nothing to gain: unchanged


def test_encoders_that_run_side_by_side_take_a_share_of_the_cores(settings):
    two = settings.model_copy(update={"render_workers": 2})
    one = settings.model_copy(update={"render_workers": 1})
    assert pooled_threads(one) == 0  # alone: x264 decides
    assert pooled_threads(two) == max(1, (os.cpu_count() or 1) // 2)
    main, handle = encoders(two, pooled=True)
    assert (main.preset, main.crf) == (two.x264_preset, two.crf)  # same quality settings
    # Artifact keys see the encoder without its thread count: a clip is the same clip
    # whichever number of workers rendered it.
    assert encoders(two)[0].threads == 0 and encoders(one)[0] == encoders(two)[0]


@pytest.fixture(scope="module")
def campfire_run(tmp_path_factory):
    from pipeline.config import Settings
    from pipeline.run import build_context, make_brief

    data = tmp_path_factory.mktemp("campfire") / "data"
    ctx = build_context(Settings.from_env(environ={}, data_dir=str(data)))
    project = create_project(ctx, make_brief(prompt=CAMPFIRE, duration_s=8.0, width=320, height=180))
    chunks_only = run_project(ctx, project.id, stop_after="chunks")
    made_by_chunks = sorted((data / "artifacts" / "transition").rglob("transition.mp4"))
    results = run_project(ctx, project.id)
    return SimpleNamespace(ctx=ctx, project=project, data=data, chunks_only=chunks_only,
                           made_by_chunks=made_by_chunks, results=results)


def test_transitions_are_made_beside_the_last_clips_and_refine_reuses_them(campfire_run):
    spec = campfire_run.ctx.store.get_project(campfire_run.project.id).spec
    blended = [t for t in spec.transitions if t.type != "cut"]
    assert blended and len(campfire_run.made_by_chunks) == len(blended)
    after = sorted((campfire_run.data / "artifacts" / "transition").rglob("transition.mp4"))
    assert after == campfire_run.made_by_chunks  # refine made none again
    timeline = campfire_run.results[-2].outputs["timelines"]["16:9"]
    assert sum("/transition/" in s for s in timeline) == len(blended)


def test_a_changed_beat_is_a_new_cut_even_when_chunks_made_its_transitions(ctx, small_brief):
    project = create_project(ctx, small_brief(CAMPFIRE))
    run_project(ctx, project.id)
    status = {r.phase: r.status for r in regenerate_beat(ctx, project.id, 1)}
    assert status["chunks"] == status["refine"] == status["export"] == "succeeded"
    assert {r.phase: r.status for r in run_project(ctx, project.id)}["refine"] == "reused"


def test_the_poster_is_the_frame_a_seek_in_the_finished_file_gives(campfire_run, tmp_path):
    poster = Path(campfire_run.results[-1].outputs["poster"])
    from pipeline.phases.export import poster_frame

    spec = campfire_run.ctx.store.get_project(campfire_run.project.id).spec
    from_file = tmp_path / "from_file.png"
    extract_frame_png(Path(export_path(campfire_run.results)), from_file, poster_frame(spec), spec.fps)
    assert np.array_equal(np.asarray(Image.open(poster)), np.asarray(Image.open(from_file)))


def test_a_later_process_reads_what_the_scenes_were_built_from(campfire_run):
    scenes = campfire_run.data / "artifacts" / "scenes"
    assert list((scenes / "illustrations").glob("*.npy")), "the setting's people and props are kept"
    assert list((scenes / "standins").glob("*.npy")), "the hero stand-in is kept"
    tables = list((scenes / "luts").glob("*.npy"))
    assert len(tables) == 1  # the spec's LUT, by content
    spec = campfire_run.ctx.store.get_project(campfire_run.project.id).spec
    lut = load_cube(ROOT / "luts" / f"{spec.color_grading.lut}.cube")
    assert np.array_equal(np.load(tables[0]), lut.rg_table())


def test_kept_images_and_tables_are_what_was_made(tmp_path):
    key = illustrations.find("tent")
    made = illustrations.render(key, 120)
    kept = illustrations.render_kept(key, 120, str(tmp_path))
    again = illustrations.render_kept(key, 120, str(tmp_path))  # now read from disk
    assert np.array_equal(np.asarray(made), np.asarray(kept)) and np.array_equal(np.asarray(kept), np.asarray(again))
    broken = tmp_path / "broken.npy"
    broken.write_bytes(b"not an array")
    assert np.array_equal(np.asarray(disk_image(broken, lambda: made)), np.asarray(made))  # made again
    lut = load_cube(ROOT / "luts" / "golden_hour.cube")
    fresh = load_cube(ROOT / "luts" / "golden_hour.cube")
    lut.keep_rg_table(tmp_path / "table.npy")
    fresh.keep_rg_table(tmp_path / "table.npy")  # read, not built
    assert np.array_equal(lut.rg_table(), fresh.rg_table())


def test_the_language_model_is_loaded_once_and_a_request_waits_for_a_load_in_progress(monkeypatch):
    import threading

    from pipeline.providers.local import language_model

    started, release, loads = threading.Event(), threading.Event(), []

    def slow_load():
        loads.append(1)
        started.set()
        release.wait(5)
        return object()

    monkeypatch.setattr(language_model, "_model", None)
    monkeypatch.setattr(language_model, "_load", slow_load)
    language_model.load_in_background()
    assert started.wait(5)
    language_model.load_in_background()  # already loading: no second load
    got = []
    waiter = threading.Thread(target=lambda: got.append(language_model.identifier()))
    waiter.start()
    release.set()
    waiter.join(5)
    assert len(loads) == 1 and got and got[0] is language_model.identifier()

    def failing_load():
        loads.append(1)
        raise OSError("model file missing")

    monkeypatch.setattr(language_model, "_model", None)
    monkeypatch.setattr(language_model, "_load", failing_load)
    with pytest.raises(OSError):
        language_model.identifier()
    monkeypatch.setattr(language_model, "_load", slow_load)
    assert language_model.identifier() is not None  # a failed load is tried again


def test_the_language_model_read_in_one_piece_is_py3langids_own():
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    from pipeline.providers.local.language_model import _read_model

    ours = _read_model(MODEL_DIR / MODEL_FILE, LanguageIdentifier)
    theirs = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    assert ours.nb_classes == theirs.nb_classes and ours.tk_output == theirs.tk_output
    assert ours.tk_nextmove == theirs.tk_nextmove and ours.tk_row == theirs.tk_row
    assert np.array_equal(ours.nb_ptc, theirs.nb_ptc) and np.array_equal(ours.nb_pc, theirs.nb_pc)
    for text in ("Friends around a campfire", "Nuestra limonada artesanal", "Unsere neue Uhr"):
        assert ours.classify(text) == theirs.classify(text)
