"""One full-size run: the default export is what the issue promises, on a real 1080p file."""

import pytest

from pipeline.render.ffmpeg import probe
from pipeline.run import create_project, make_brief, run_project
from tests.helpers import export_path


@pytest.mark.slow
def test_default_export_is_1080p_30fps_900_frames(ctx):
    project = create_project(ctx, make_brief(prompt="Create a sleek ad for luxury watches"))
    results = run_project(ctx, project.id)
    info = probe(export_path(results))
    assert (info.width, info.height, info.fps) == (1920, 1080, 30)
    assert info.frames == 900 and abs(info.duration_s - 30.0) < 0.05
    assert info.video_codec == "h264" and info.pix_fmt == "yuv420p" and "bt709" in info.color
    assert info.audio_codec == "aac" and info.audio_rate == 48000
    assert abs(info.audio_duration_s - info.video_duration_s) < 1 / 30
    data = open(export_path(results), "rb").read()
    assert data.index(b"moov") < data.index(b"mdat")  # +faststart: playable while downloading
