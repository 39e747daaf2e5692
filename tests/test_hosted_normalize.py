"""Hosted clips normalised to the spec (size, fps, exact frames, grade, reframing), the price
table and the default video model, and the rules every hosted provider shares: SDKs imported
lazily, keys redacted, outputs fetched only from the provider's hosts."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from pipeline.config import Settings
from pipeline.models import ReferencesOutput
from pipeline.phases.chunks import clip_jobs
from pipeline.providers import http, pricing
from pipeline.providers.local.spec_writer import write_spec
from pipeline.render.ffmpeg import decode_rgb, probe
from pipeline.render.lut import grade, load_cube
from pipeline.render.normalize import centre_crop, normalise_clip, source_frames_for
from pipeline.run import build_context, make_brief
from tests.fakes import media

ROOT = Path(__file__).resolve().parent.parent


def test_centre_crop():
    assert centre_crop(160, 90, 320, 180) == (0, 0, 160, 90)
    x, y, w, h = centre_crop(160, 90, 180, 320)  # 16:9 -> 9:16: a centred vertical slice
    assert (y, h) == (0, 90) and abs(w - 51) <= 1 and abs(x - (160 - w) // 2) <= 1
    assert centre_crop(160, 90, 180, 180) == (35, 0, 90, 90)
    assert centre_crop(90, 160, 320, 180) == (0, 55, 90, 51) or centre_crop(90, 160, 320, 180)[3] in (50, 51)


def test_retiming_trims_stretches_and_holds():
    trim = source_frames_for(81, 16, 30, 30)  # 5 s source, 1 s needed: its first second
    assert trim[0] == 0 and trim[-1] == 15 and trim == sorted(trim)
    same = source_frames_for(48, 16, 90, 30)  # 3 s into 3 s: every source frame used
    assert set(same) == set(range(48))
    slow = source_frames_for(32, 16, 90, 30)  # 2 s into 3 s: slowed down 1.5x, no hold
    assert slow[-1] == 31 and slow.count(31) <= 3
    held = source_frames_for(16, 16, 90, 30)  # 1 s into 3 s: 1.5x, then the last frame held
    assert held[42] == 14 and held[-47:] == [15] * 47


@pytest.fixture
def jobs(tmp_path):
    ctx = build_context(Settings.from_env(environ={}, data_dir=str(tmp_path / "d"), x264_preset="ultrafast"))
    spec = write_spec(make_brief(prompt="Create a sleek ad for luxury watches", duration_s=5, width=320, height=180,
                                 formats=("16:9", "9:16", "1:1")))
    return ctx, spec, clip_jobs(ctx, spec, None, ReferencesOutput(style_guide="unused.png"))


def test_clip_normalised_to_each_format(tmp_path, jobs):
    ctx, spec, all_jobs = jobs
    src = tmp_path / "src.mp4"
    src.write_bytes(media.mp4(160, 90, 81, 16))
    for fmt in ("9:16", "1:1"):
        job = next(j for j in all_jobs if j.fmt == fmt and j.beat_index == 1)
        pieces = normalise_clip(ctx, job, src)
        w, h = spec.size_for(fmt)
        total = 0
        for part in ("head", "body", "tail"):
            path = getattr(pieces, part)
            if path:
                info = probe(path)
                assert (info.width, info.height, info.fps) == (w, h, 30)
                total += info.frames
        assert total == job.total_frames == pieces.frames


def test_hosted_pixels_are_graded_with_the_spec_lut(tmp_path, jobs):
    """A flat colour in, the spec's LUT + contrast + saturation applied once, out."""
    from imageio_ffmpeg import get_ffmpeg_exe

    ctx, spec, all_jobs = jobs
    job = next(j for j in all_jobs if j.fmt == "16:9" and j.beat_index == 2)
    job = replace(job, scene=replace(job.scene, text="", text_role="none", show_logo_bug=False))
    src = tmp_path / "flat.mp4"
    subprocess.run([get_ffmpeg_exe(), "-loglevel", "error", "-y", "-f", "lavfi", "-i",
                    "color=c=0x4080c0:size=160x90:rate=16", "-frames:v", "40", "-pix_fmt", "yuv444p",
                    "-c:v", "libx264", "-qp", "0", "-color_range", "tv", "-colorspace", "bt709", str(src)], check=True)
    source_rgb = next(iter(decode_rgb(src)))
    sc = job.scene
    expected = grade(source_rgb[:1, :1], load_cube(sc.lut_path), sc.contrast, sc.saturation, sc.grade_strength)[0, 0]
    pieces = normalise_clip(ctx, job, src)
    got = np.stack(list(decode_rgb(Path(pieces.body)))).reshape(-1, 3).mean(axis=0)
    assert np.abs(got - expected.astype(float)).max() < 6, (got, expected, source_rgb[0, 0])
    assert np.abs(got - source_rgb[0, 0].astype(float)).max() > 6  # the grade did something


def test_default_video_model_is_the_cheapest_under_fifty_cents():
    cheapest = pricing.cheapest_video_model(0.50)
    assert Settings().video_model == cheapest == "wan-video/wan-2.2-i2v-fast"
    assert pricing.ad_video_cost(cheapest) < 0.50
    # The whole default hosted ad (spec, 6 keyframes, style guide, 6 clips, music) too.
    total = (pricing.LLM_PRICES["gpt-4o-mini"].cost(pricing.SPEC_PROMPT_TOKENS, pricing.SPEC_MAX_OUTPUT_TOKENS)
             + 7 * pricing.REPLICATE_PRICES["black-forest-labs/flux-schnell"].per_output
             + pricing.ad_video_cost(cheapest)
             + 32 * pricing.REPLICATE_PRICES["meta/musicgen"].per_output_second)
    assert total < 0.50


def test_every_default_model_has_a_price():
    s = Settings()
    assert pricing.llm_price(s.openai_model)
    for ref in (s.image_model, s.video_model, s.music_model, s.upscale_model):
        assert pricing.replicate_price(ref), ref


def test_sdks_are_imported_only_when_a_hosted_provider_is_built(tmp_path):
    code = f"""
import sys
from pipeline.config import Settings
from pipeline.run import build_context, make_brief, create_project
from pipeline import cost, cli
import pipeline.providers.registry, pipeline.render.normalize, pipeline.providers.http, pipeline.providers.pricing
ctx = build_context(Settings.from_env(environ={{}}, data_dir={str(tmp_path / 'd')!r}))
cost.estimate(ctx, None, include_spec=True)
bad = [m for m in ("openai", "replicate", "boto3", "botocore", "gradio") if m in sys.modules]
assert not bad, bad
"""
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr[-2000:]


def test_redaction():
    text = ("Incorrect API key provided: sk-proj-abc123DEF456ghi. Authorization: Bearer r8_Zz9Yy8Xx7Ww6 "
            "token=abcdefghijklmnop secret aws_secret_access_key=wJalrXUtnFEMI/K7MDENG")
    out = http.redact(text, ["my-own-secret-value"])
    for s in ("sk-proj-abc123DEF456ghi", "r8_Zz9Yy8Xx7Ww6", "abcdefghijklmnop", "wJalrXUtnFEMI"):
        assert s not in out
    assert http.redact("the key my-own-secret-value leaked", ["my-own-secret-value"]) == "the key [redacted] leaked"


def test_outputs_only_from_the_providers_hosts():
    hosts = ("api.replicate.com", ".replicate.delivery")
    assert http.host_allowed("https://replicate.delivery/pbxt/x/out.mp4", hosts + ("replicate.delivery",))
    assert http.host_allowed("https://pbxt.replicate.delivery/x/out.png", hosts)
    assert not http.host_allowed("https://evil.example/replicate.delivery/x.png", hosts)
    assert not http.host_allowed("https://replicate.delivery.evil.example/x.png", hosts)
    assert not http.host_allowed("http://pbxt.replicate.delivery/x.png", hosts)  # https only
    assert not http.host_allowed("file:///etc/passwd", hosts)
    assert not http.host_allowed("https://user:pw@pbxt.replicate.delivery/x", hosts)
    assert http.host_allowed("http://127.0.0.1:8080/files/x", ("127.0.0.1",), allow_http=("127.0.0.1",))


def test_backoff_is_exponential_with_jitter_and_honours_retry_after():
    p = http.RetryPolicy(base_delay_s=1.0, max_delay_s=8.0)
    for attempt, cap in ((1, 1.0), (2, 2.0), (3, 4.0), (5, 8.0), (9, 8.0)):
        delays = {p.backoff(attempt) for _ in range(20)}
        assert all(cap / 2 <= d <= cap for d in delays) and len(delays) > 1
    assert p.backoff(1, retry_after=3.0) == 3.0 and p.backoff(1, retry_after=60) == 8.0
