"""The offline pipeline end to end, on real files at small sizes."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from pipeline.errors import InputError
from pipeline.render.ffmpeg import probe
from pipeline.run import create_project, regenerate_beat, run_project
from tests.helpers import export_path, frames_of

ROOT = Path(__file__).resolve().parent.parent


def _run(ctx, brief, **kw):
    project = create_project(ctx, brief)
    return project, run_project(ctx, project.id, **kw)


def _clip_artifacts(ctx) -> int:
    return ctx.store.db.execute("select count(*) from artifacts where kind = 'clip'").fetchone()[0]


def test_export_formats_sizes_and_lengths(ctx, small_brief):
    project, results = _run(ctx, small_brief(formats=("16:9", "9:16", "1:1")))
    assert [r.phase for r in results] == ["spec", "animatic", "references", "chunks", "refine", "export"]
    expected = {"16:9": (320, 180), "9:16": (180, 320), "1:1": (180, 180)}
    for fmt, (w, h) in expected.items():
        info = probe(export_path(results, fmt))
        assert (info.width, info.height) == (w, h), fmt
        assert info.fps == 30 and info.frames == 180, fmt  # 6 s at 30 fps, decodable to the end
        assert info.video_codec == "h264" and info.pix_fmt == "yuv420p" and "bt709" in info.color
        assert info.audio_codec == "aac"
        assert abs(info.audio_duration_s - info.video_duration_s) < 1 / 30, fmt
    assert Path(results[-1].outputs["poster"]).is_file()
    assert sum(r.cost_usd for r in results) == 0.0


def test_beats_differ_and_move(ctx, small_brief):
    project, results = _run(ctx, small_brief(duration_s=12))
    spec = ctx.store.get_project(project.id).spec
    frames = frames_of(export_path(results)).astype(np.int16)
    mids = []
    for i, beat in enumerate(spec.beats):
        f0, f1 = spec.beat_frame_range(i)
        mids.append(frames[(f0 + f1) // 2])
        first, last = frames[f0 + 3], frames[f1 - 3]
        moving = np.abs(first - last).mean()
        if beat.camera_movement != "static":
            assert moving > 1.0, f"beat {i} ({beat.camera_movement}) does not move"
    for i in range(len(mids)):
        for j in range(i + 1, len(mids)):
            assert np.abs(mids[i] - mids[j]).mean() > 3.0, f"beats {i} and {j} look the same"


def test_regenerating_one_beat_changes_only_that_beat(ctx, small_brief):
    project, first = _run(ctx, small_brief(duration_s=12))
    before = frames_of(export_path(first)).astype(np.int16)
    clips_before = _clip_artifacts(ctx)
    second = regenerate_beat(ctx, project.id, 1, seed=12345)
    after = frames_of(export_path(second)).astype(np.int16)
    spec = ctx.store.get_project(project.id).spec
    assert before.shape == after.shape
    assert _clip_artifacts(ctx) == clips_before + 1  # one clip rendered, not six
    chunk_phase = next(r for r in second if r.phase == "chunks")
    assert chunk_phase.status == "succeeded"
    assert next(r for r in second if r.phase == "animatic").status == "succeeded"  # one new keyframe
    for i in range(len(spec.beats)):
        f0, f1 = spec.beat_frame_range(i)
        # Stay clear of the transitions, which blend two beats.
        a, b = f0 + 12, f1 - 12
        diff = np.abs(before[a:b] - after[a:b]).max()
        if i == 1:
            assert diff > 20, "beat 2 did not change"
        else:
            assert diff == 0, f"beat {i + 1} changed but should not have"
    versions = ctx.store.beat_versions(project.id, 1)
    assert len(versions) == 2 and versions[-1]["chosen"] == 1


def test_rerun_reuses_everything(ctx, small_brief):
    project, first = _run(ctx, small_brief())
    again = run_project(ctx, project.id)
    assert [r.status for r in again] == ["reused"] * 6
    assert export_path(again) == export_path(first)


def test_resume_after_phase_three(ctx, small_brief):
    project, results = _run(ctx, small_brief(), stop_after="references")
    assert [r.phase for r in results] == ["spec", "animatic", "references"]
    resumed = run_project(ctx, project.id)
    status = {r.phase: r.status for r in resumed}
    assert status == {"spec": "reused", "animatic": "reused", "references": "reused",
                      "chunks": "succeeded", "refine": "succeeded", "export": "succeeded"}


def test_killed_run_resumes_at_chunks(tmp_path):
    """A real kill (SIGKILL) during phase 4; the next run picks up there."""
    data = tmp_path / "data"
    env = {**os.environ, "ADSTUDIO_DATA_DIR": str(data), "ADSTUDIO_RENDER_WORKERS": "1"}
    cmd = [sys.executable, "-m", "pipeline", "Create a sleek ad for luxury watches", "--size", "320x180",
           "--duration", "20", "--quiet"]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    from pipeline.store import Store
    deadline = time.time() + 60
    project_id = None
    while time.time() < deadline:
        time.sleep(0.05)
        db = data / "adstudio.db"
        if db.exists():
            rows = Store(db).list_projects()
            if rows and rows[0]["current_phase"] == "chunks":
                project_id = rows[0]["id"]
                break
    assert project_id, "the run never reached phase 4"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    out = subprocess.run([sys.executable, "-m", "pipeline", "--project", project_id], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    lines = {ln.split()[0]: ln.split()[1] for ln in out.stderr.splitlines() if ln.startswith("  ")}
    assert lines["spec"] == lines["references"] == "reused"
    # Local clips do not wait for the storyboard (run.py draws it beside them): the kill may
    # come before its last keyframe, which the resumed run then draws.
    assert lines["animatic"] in ("reused", "succeeded")
    assert lines["chunks"] == "succeeded"
    assert probe(Path(out.stdout.split("16:9: ")[1].split()[0])).frames == 600


def test_uploads_are_used_and_normalised(ctx, small_brief, product_png, logo_png):
    project, results = _run(ctx, small_brief(product_image_path=str(product_png), logo_path=str(logo_png)))
    refs = next(r for r in results if r.phase == "references").outputs
    from PIL import Image
    product = Image.open(refs["product_image"])
    assert product.mode == "RGBA"
    alpha = np.asarray(product.getchannel("A"))
    assert alpha[0, 0] == 0 and alpha[alpha.shape[0] // 2, alpha.shape[1] // 2] == 255  # white backdrop keyed out
    assert Path(refs["logo"]).is_file()


def test_non_image_upload_is_rejected_clearly(ctx, small_brief, tmp_path):
    fake = tmp_path / "logo.png"
    fake.write_text("this is not an image")
    with pytest.raises(InputError, match="logo: logo.png is not an image; upload a PNG, JPEG or WEBP"):
        create_project(ctx, small_brief(logo_path=str(fake)))
    assert ctx.store.list_projects() == []  # nothing half-created


def test_gif_upload_is_rejected(ctx, small_brief, tmp_path):
    from PIL import Image
    gif = tmp_path / "product.gif"
    Image.new("RGB", (100, 100), (255, 0, 0)).save(gif)
    with pytest.raises(InputError, match="is GIF; upload a PNG, JPEG or WEBP"):
        create_project(ctx, small_brief(product_image_path=str(gif)))


def _cli(*args, data: Path, timeout=300):
    env = {**os.environ, "ADSTUDIO_DATA_DIR": str(data)}
    return subprocess.run([sys.executable, "-m", "pipeline", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=timeout)


def test_cli_empty_brief_fails_clearly(tmp_path):
    out = _cli("   ", data=tmp_path)
    assert out.returncode == 2
    assert "error: the brief is empty" in out.stderr and "Traceback" not in out.stderr


def test_cli_bad_flags_fail_clearly(tmp_path):
    out = _cli("watch ad", "--formats", "4:3", data=tmp_path)
    assert out.returncode == 2 and "formats" in out.stderr and "Traceback" not in out.stderr
    out = _cli("watch ad", "--template", "nope", data=tmp_path)
    assert out.returncode == 2 and "unknown template 'nope'" in out.stderr
    out = _cli("watch ad", "--logo", str(tmp_path / "missing.png"), data=tmp_path)
    assert out.returncode == 2 and "does not exist" in out.stderr
    out = _cli("--project", "nope", "--beat", "2", data=tmp_path)
    assert out.returncode == 2 and "project 'nope' does not exist" in out.stderr


def test_cli_stop_after_spec_prints_json(tmp_path):
    out = _cli("Launching the Nova X1 smartphone", "--stop-after", "spec", data=tmp_path)
    assert out.returncode == 0, out.stderr
    spec = json.loads(out.stdout)
    assert spec["template"] == "announcement" and len(spec["beats"]) == 6
    assert "[1/6 spec" in out.stderr and "cost: $0.00" in out.stderr


def test_cli_out_and_beat_rerender(tmp_path):
    out_file = tmp_path / "ad.mp4"
    first = _cli("An energetic ad for running shoes", "--size", "320x180", "--duration", "6", "--out", str(out_file),
                 data=tmp_path / "data")
    assert first.returncode == 0, first.stderr
    assert probe(out_file).frames == 180
    project_id = first.stderr.split("project ")[1].split()[0]
    second = _cli("--project", project_id, "--beat", "2", "--seed", "99", "--out", str(out_file), data=tmp_path / "data")
    assert second.returncode == 0, second.stderr
    assert "chunks     succeeded" in second.stderr and "spec       reused" in second.stderr
