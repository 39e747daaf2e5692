"""The Replicate providers against a local server that speaks the predictions protocol (and
checks every input against the model's published schema): each provider's happy path, then the
faults: 429/5xx/timeouts retried, exhausted credit not, malformed answers, undecodable or
wrong-kind outputs, outputs on foreign hosts, failed and expired predictions, a restart that
polls the stored prediction instead of paying again; deadlines (Cancel-After on every create, a
stuck prediction canceled and billed for its time, aborted ones not billed); Wan's frame
counts; and the fake's own strictness. Rate limits: test_replicate_throttling.py."""

from __future__ import annotations

import logging
import math
import threading
import time
from dataclasses import replace

import numpy as np
import pytest
from PIL import Image

from pipeline import control
from pipeline.errors import Canceled, ConfigError, ProviderError
from pipeline.models import ReferencesOutput
from pipeline.phases.chunks import clip_jobs
from pipeline.providers import http, pricing
from pipeline.providers.local.spec_writer import write_spec
from pipeline.providers.replicate_providers import ReplicateImages, beat_phase, decode_audio
from pipeline.render.ffmpeg import probe
from pipeline.render.scene import SceneSpec
from pipeline.run import build_context, create_project, make_brief, with_project
from tests.fakes.fixtures import fake_replicate, fast_retries  # noqa: F401
from tests.fakes.hosted import answered_cost, hosted_settings

BRIEF = dict(prompt="Create a sleek ad for luxury watches", duration_s=5, width=320, height=180)
FLUX = r"^/v1/models/black-forest-labs/flux-schnell/predictions"


def make_ctx(tmp_path, server, **over):
    settings = hosted_settings(tmp_path, replicate=server, **over)
    ctx = build_context(settings)
    project = create_project(ctx, make_brief(**BRIEF))
    return with_project(ctx, project.id)


@pytest.fixture
def img_ctx(tmp_path, fake_replicate, fast_retries):
    return make_ctx(tmp_path, fake_replicate, image_provider="replicate")


def scene(w=320, h=180, **kw):
    base = dict(width=w, height=h, fps=30, duration=1.0, shot_type="product_hero", camera_movement="slow_zoom_in",
                text="", text_role="none", seed=7, palette=("#101820", "#f2aa4c", "#ffffff"), aesthetic="luxury",
                mood="sophisticated", lighting="dramatic", product_name="Watch", brand="Acme", category="watch")
    base.update(kw)
    return SceneSpec(**base)


def keyframe(ctx, **kw):
    return ctx.providers.image.keyframe(ctx, scene(**kw), "hero", 0, 3, "a gold watch on black velvet")


def ledger(ctx):
    return ctx.store.ledger_rows(ctx.project_id)


def wait_for(condition, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.005)


# --- happy paths -------------------------------------------------------------------------

def test_flux_keyframe(img_ctx, fake_replicate):
    img = keyframe(img_ctx)
    assert isinstance(img, Image.Image) and img.size == (320, 180)
    assert fake_replicate.count("POST", FLUX) == 1
    pred = fake_replicate.created[0]
    inp = fake_replicate.predictions[pred["id"]]["input"]
    assert inp["aspect_ratio"] == "16:9" and inp["seed"] == 7 and "gold watch" in inp["prompt"]
    rows = ledger(img_ctx)
    assert [(r["request_id"], r["phase"], r["cost_usd"]) for r in rows] == [
        (f"replicate:{pred['id']}", "animatic", 0.003)]


def test_sdxl_by_pinned_version(tmp_path, fake_replicate, fast_retries):
    ctx = make_ctx(tmp_path, fake_replicate, image_provider="replicate", image_model="stability-ai/sdxl")
    img = keyframe(ctx, w=180, h=320)
    assert img.size == (180, 320)
    assert fake_replicate.count("POST", r"^/v1/predictions$") == 1  # community model: by version
    inp = fake_replicate.predictions[fake_replicate.created[0]["id"]]["input"]
    assert inp["width"] % 64 == 0 and inp["height"] > inp["width"]
    # Billed by GPU time: the ledger holds the measured time times the hardware's rate.
    assert ledger(ctx)[0]["cost_usd"] == pytest.approx(4.2 * pricing.L40S)


def test_style_guide(img_ctx, fake_replicate):
    spec = write_spec(make_brief(**BRIEF))
    img = img_ctx.providers.image.style_guide(img_ctx, spec, None, None)
    assert img.width > img.height > 0
    assert ledger(img_ctx)[0]["phase"] == "references"


def _jobs(ctx, formats=("16:9",), duration_s=5):
    spec = write_spec(make_brief(**{**BRIEF, "duration_s": duration_s, "formats": formats}))
    return spec, clip_jobs(ctx, spec, None, ReferencesOutput(style_guide="unused.png"))


def _video_ctx_and_jobs(tmp_path, server, formats=("16:9",)):
    """Video on Replicate, with hosted keyframes (a plain picture stands in for one)."""
    ctx = make_ctx(tmp_path, server, video_provider="replicate", image_provider="replicate")
    spec, jobs = _jobs(ctx, formats=formats)
    kf = tmp_path / "keyframe.png"
    Image.new("RGB", (320, 180), (30, 60, 90)).save(kf)
    return ctx, spec, [replace(j, keyframe=str(kf)) for j in jobs]


def test_video_clip_normalised_to_exact_frames_and_shared_across_formats(tmp_path, fake_replicate, fast_retries):
    ctx, spec, jobs = _video_ctx_and_jobs(tmp_path, fake_replicate, formats=("16:9", "9:16"))
    beat0 = [j for j in jobs if j.beat_index == 0]
    out: dict = {}
    threads = [threading.Thread(target=lambda j=j: out.__setitem__(j.fmt, ctx.providers.video.render_clip(ctx, j)))
               for j in beat0]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(fake_replicate.created) == 1  # both formats of the beat share one paid prediction
    for job in beat0:
        pieces = out[job.fmt]
        w, h = spec.size_for(job.fmt)
        counted = 0
        for part, n in (("head", job.head_frames), ("body", job.body_frames), ("tail", job.tail_frames)):
            path = getattr(pieces, part)
            if n:
                info = probe(path)
                assert (info.width, info.height, info.fps) == (w, h, 30)
                counted += info.frames
        assert counted == job.total_frames == pieces.frames
    inp = fake_replicate.predictions[fake_replicate.created[0]["id"]]["input"]
    assert inp["image"].startswith("data:image/jpeg;base64,")  # conditioned on the beat's picture
    assert inp["resolution"] == "480p" and 81 <= inp["num_frames"] <= 121
    rows = ledger(ctx)
    assert len(rows) == 1 and rows[0]["cost_usd"] == 0.05 and rows[0]["phase"] == "chunks"
    assert ctx.providers.video.price("video_seconds", 5.5) == 0.05


def test_music_lands_on_the_beat_grid(tmp_path, fake_replicate, fast_retries):
    ctx = make_ctx(tmp_path, fake_replicate, music_provider="replicate")
    spec = write_spec(make_brief(**{**BRIEF, "duration_s": 6}))
    out = tmp_path / "music.wav"
    grid = ctx.providers.music.compose(ctx, spec, out)
    x = decode_audio(out)
    assert len(x) == 6 * 48000  # exactly the ad's length
    period = 60 / spec.audio.tempo_bpm
    assert grid == pytest.approx([k * period for k in range(len(grid))]) and grid[-1] < 6
    # The fake's beats start 0.17 s in; after alignment they fall on the grid.
    assert beat_phase(x, 48000, spec.audio.tempo_bpm) == pytest.approx(0.0, abs=0.012) or \
        beat_phase(x, 48000, spec.audio.tempo_bpm) == pytest.approx(period, abs=0.012)
    inp = fake_replicate.predictions[fake_replicate.created[0]["id"]]["input"]
    assert f"{spec.audio.tempo_bpm:g} BPM" in inp["prompt"] and spec.audio.style in inp["prompt"]
    assert inp["duration"] >= 6
    assert ledger(ctx)[0]["cost_usd"] == pytest.approx(12.5 * pricing.A100_80)


def test_upscaler(tmp_path, fake_replicate, fast_retries):
    ctx = make_ctx(tmp_path, fake_replicate, upscaler="replicate")
    rgb = np.zeros((24, 40, 3), np.uint8)
    rgb[:, 20:] = (200, 40, 40)
    out = ctx.providers.upscaler.upscale(ctx, rgb, 160, 90)
    assert out.shape == (90, 160, 3) and out[45, 150, 0] > 150
    inp = fake_replicate.predictions[fake_replicate.created[0]["id"]]["input"]
    assert inp["scale"] == 4 and inp["image"].startswith("data:image/png")
    assert fake_replicate.count("POST", r"^/v1/predictions$") == 1
    assert ledger(ctx)[0]["cost_usd"] == pytest.approx(1.8 * pricing.T4)


# --- faults ------------------------------------------------------------------------------

def test_rate_limit_server_error_and_timeout_are_retried(img_ctx, fake_replicate):
    img_ctx.providers.image.policy = http.RetryPolicy(attempts=5, base_delay_s=0.01, max_delay_s=0.05,
                                                      timeout_s=0.5, poll_interval_s=0.005, timescale=0.001)
    fake_replicate.fail("POST", FLUX, 429, body={"title": "Too many requests", "detail": "Request was throttled.",
                                                 "status": 429}, headers={"Retry-After": "0"})
    fake_replicate.fail("POST", FLUX, 500, body={"title": "Internal server error", "status": 500})
    fake_replicate.fail("POST", FLUX, 201, delay=1.2, body={})
    fake_replicate.fail("GET", r"^/v1/predictions/", 502, body="<html>bad gateway</html>")
    assert keyframe(img_ctx).size == (320, 180)
    assert fake_replicate.count("POST", FLUX) == 4 and len(fake_replicate.created) == 1
    assert len(ledger(img_ctx)) == 1


def test_exhausted_credit_is_not_retried(img_ctx, fake_replicate):
    fake_replicate.fail("POST", FLUX, 402, times=5, body={
        "title": "Insufficient credit", "status": 402,
        "detail": "You have insufficient credit to run this model. Go to https://replicate.com/account/billing"})
    with pytest.raises(http.QuotaError, match="out of credit"):
        keyframe(img_ctx)
    assert fake_replicate.count("POST", FLUX) == 1 and ledger(img_ctx) == []


def test_malformed_poll_is_retried_malformed_create_is_not(img_ctx, fake_replicate):
    fake_replicate.fail("GET", r"^/v1/predictions/", 200, body="{not json")
    assert keyframe(img_ctx).size == (320, 180)
    fake_replicate.fail("POST", FLUX, 201, body='{"id": ')
    with pytest.raises(ProviderError, match="malformed"):
        keyframe(img_ctx, seed=8)
    assert fake_replicate.count("POST", FLUX) == 2  # a create is never repeated blindly


@pytest.mark.parametrize("fault, message", [
    ("undecodable", "does not decode as an image"),
    ("html", "text/html, not a image"),
    ("foreign", "not on Replicate"),
    ("missing", "no output file"),
    ("expired", "gone"),
])
def test_bad_outputs_refused(img_ctx, fake_replicate, fault, message):
    fake_replicate.output_faults.append(fault)
    with pytest.raises(ProviderError, match=message):
        keyframe(img_ctx)
    # It ran, so it was paid for (once); its unusable output is forgotten, so the next run
    # makes a new prediction instead of fetching the same bad file again.
    assert len(ledger(img_ctx)) == 1
    assert keyframe(img_ctx).size == (320, 180)
    assert len(fake_replicate.created) == 2 and len(ledger(img_ctx)) == 2
    assert img_ctx.store.ledger_rows(img_ctx.project_id)[0]["cost_usd"] == 0.003
    assert sum(r["cost_usd"] for r in ledger(img_ctx)) == pytest.approx(answered_cost(replicate=fake_replicate))


def test_undecodable_video_refused(tmp_path, fake_replicate, fast_retries):
    ctx, _, jobs = _video_ctx_and_jobs(tmp_path, fake_replicate)
    fake_replicate.output_faults.append("undecodable")
    with pytest.raises(ProviderError, match="does not decode as a video"):
        ctx.providers.video.render_clip(ctx, jobs[0])


def test_failed_prediction_costs_nothing(img_ctx, fake_replicate):
    fake_replicate.output_faults.append("failed")
    with pytest.raises(ProviderError, match="CUDA out of memory"):
        keyframe(img_ctx)
    assert ledger(img_ctx) == []


def test_restart_polls_the_stored_prediction_instead_of_paying_again(img_ctx, fake_replicate):
    fake_replicate.polls_to_finish = 10_000  # the model is slow...
    first_run = control.Control()
    stopped: list[BaseException] = []

    def first_process() -> None:
        with control.using(first_run):
            try:
                keyframe(img_ctx)
            except Canceled as exc:
                stopped.append(exc)

    thread = threading.Thread(target=first_process)
    thread.start()
    wait_for(lambda: fake_replicate.count("GET", r"^/v1/predictions/") >= 2)
    first_run.cancel()  # ...and the run is stopped while it waits (as if its process died)
    thread.join(10)
    assert stopped and len(fake_replicate.created) == 1 and ledger(img_ctx) == []
    # A stopped run keeps its prediction running (it is reused, paid once); only the local
    # timeout cancels one.
    assert fake_replicate.count("POST", r"/cancel$") == 0
    # A new process: same store, fresh provider objects.
    fake_replicate.polls_to_finish = 1
    ctx2 = with_project(build_context(img_ctx.settings), img_ctx.project_id)
    assert keyframe(ctx2).size == (320, 180)
    assert len(fake_replicate.created) == 1  # polled, not created again
    assert keyframe(ctx2).size == (320, 180)  # and again: the finished prediction is reused
    assert len(fake_replicate.created) == 1 and len(ledger(ctx2)) == 1


def test_wrong_token_never_shown(tmp_path, fake_replicate, fast_retries, caplog):
    wrong = "r8_WrongSecretToken0123456789"
    ctx = make_ctx(tmp_path, fake_replicate, image_provider="replicate", replicate_api_token=wrong)
    caplog.set_level(logging.DEBUG)
    with pytest.raises(ConfigError, match="REPLICATE_API_TOKEN") as err:
        keyframe(ctx)
    assert wrong not in str(err.value) and wrong not in caplog.text


def test_missing_token_names_the_variable(tmp_path):
    with pytest.raises(ConfigError, match="REPLICATE_API_TOKEN"):
        build_context(hosted_settings(tmp_path, video_provider="replicate"))


def test_model_without_a_price_is_refused(tmp_path):
    with pytest.raises(ConfigError, match="price table"):
        ReplicateImages(hosted_settings(tmp_path, replicate_api_token="r8_x", image_model="someone/mystery-model"))


def test_prices_per_model():
    assert pricing.replicate_price("black-forest-labs/flux-schnell").per_output == 0.003
    wan = pricing.replicate_price("wan-video/wan-2.2-i2v-fast")
    assert pricing.video_call_price(wan, "480p", 5.5) == 0.05
    assert pricing.video_call_price(wan, "720p", 5.5) == 0.11
    seedance = pricing.replicate_price("bytedance/seedance-1-lite")
    assert pricing.video_call_price(seedance, "480p", 5.5) == pytest.approx(5 * 0.018)
    assert pricing.video_call_price(seedance, "480p", 9.0) == pytest.approx(10 * 0.018)
    # A 10 s clip needs 107 frames slowed down by 1.5; Wan makes 4n + 1, so 109 are asked for and paid.
    assert pricing.video_call_price(wan, "480p", 10.0) == pytest.approx(0.05 * 109 / 81, abs=1e-6)
    assert math.isclose(pricing.llm_price("gpt-4o-mini-2024-07-18").input_per_mtok, 0.15)
    assert pricing.llm_price("gpt-4o-mini-tts") is None


def test_clip_upscaled_by_real_esrgan_frame_by_frame(tmp_path, fake_replicate, fast_retries):
    """With the Replicate upscaler, each distinct source frame a clip shows is upscaled once
    (in parallel, in order), paid once, and the estimate covers it."""
    from pipeline import cost
    from pipeline.render.normalize import normalise_clip, source_frames_for
    from tests.fakes import media

    ctx = make_ctx(tmp_path, fake_replicate, upscaler="replicate")
    spec, jobs = _jobs(ctx)
    job = min(jobs, key=lambda j: j.total_frames)
    src = tmp_path / "src.mp4"
    src.write_bytes(media.mp4(80, 45, 81, 16))  # a quarter of the 320x180 format
    pieces = normalise_clip(ctx, job, src)
    assert pieces.frames == job.total_frames
    distinct = len(set(source_frames_for(81, 16, job.total_frames, 30)))
    assert len(fake_replicate.created) == distinct
    rows = ledger(ctx)
    assert len(rows) == distinct and all(r["phase"] == "chunks" for r in rows)
    est = cost.estimate(ctx, spec, beats=[job.beat_index])
    assert est.per_phase["chunks"] >= sum(r["cost_usd"] for r in rows)


def test_download_failing_for_a_passing_reason_is_fetched_again_unpaid(img_ctx, fake_replicate):
    fake_replicate.fail("GET", r"^/files/", 503, times=4, body=b"busy")  # every attempt of this run
    with pytest.raises(ProviderError, match="after 4 attempts"):
        keyframe(img_ctx)
    assert keyframe(img_ctx).size == (320, 180)  # the next run fetches the same output
    assert len(fake_replicate.created) == 1 and len(ledger(img_ctx)) == 1


# --- deadlines: Cancel-After, local timeouts, aborted and canceled predictions ------------------

def test_every_create_carries_its_deadline(tmp_path, fake_replicate, fast_retries):
    ctx = make_ctx(tmp_path, fake_replicate, image_provider="replicate", music_provider="replicate",
                   upscaler="replicate", replicate_cancel_after_music_s=90)
    keyframe(ctx)
    ctx.providers.music.compose(ctx, write_spec(make_brief(**{**BRIEF, "duration_s": 6})), tmp_path / "m.wav")
    ctx.providers.upscaler.upscale(ctx, np.zeros((24, 40, 3), np.uint8), 160, 90)
    sent = {c["model"]: c["cancel_after"] for c in fake_replicate.created}
    assert sent == {"black-forest-labs/flux-schnell": "5m", "meta/musicgen": "90s", "nightmareai/real-esrgan": "5m"}
    video_ctx, _, jobs = _video_ctx_and_jobs(tmp_path / "v", fake_replicate)
    video_ctx.providers.video.render_clip(video_ctx, jobs[0])
    assert fake_replicate.created[-1]["cancel_after"] == "15m"


def test_a_stuck_prediction_is_canceled_at_the_local_timeout_and_billed_for_its_time(tmp_path, fake_replicate,
                                                                                    fast_retries):
    """MusicGen is billed by GPU time: a prediction canceled after running is charged what
    Replicate measured, once; the run says so; the next run starts a new prediction."""
    ctx = make_ctx(tmp_path, fake_replicate, music_provider="replicate")
    spec = write_spec(make_brief(**{**BRIEF, "duration_s": 6}))
    fake_replicate.model_polls["musicgen"] = 10_000  # it never finishes
    ctx.providers.music.policy = replace(fast_retries, prediction_timeout_s=0.3)
    with pytest.raises(ProviderError, match="canceled so it stops billing") as err:
        ctx.providers.music.compose(ctx, spec, tmp_path / "music.wav")
    assert fake_replicate.count("POST", r"/cancel$") == 1
    pred = fake_replicate.predictions[fake_replicate.created[0]["id"]]
    assert pred["status"] == "canceled"
    billed = fake_replicate.canceled[0]["predict_time"]
    assert 0.2 <= billed < 5
    rows = ledger(ctx)
    assert len(rows) == 1 and rows[0]["request_id"] == f"replicate:{pred['id']}"
    assert rows[0]["cost_usd"] == pytest.approx(billed * pricing.A100_80, abs=1e-6)
    assert f"charged ${rows[0]['cost_usd']:.4f}" in str(err.value) and err.value.retryable

    fake_replicate.model_polls["musicgen"] = 1
    ctx.providers.music.compose(ctx, spec, tmp_path / "music.wav")
    assert len(fake_replicate.created) == 2  # a new prediction, not the canceled one
    assert len(ledger(ctx)) == 2 and fake_replicate.count("POST", r"/cancel$") == 1


def test_a_canceled_per_output_prediction_is_charged_its_full_price(img_ctx, fake_replicate):
    """The price pages do not say what a canceled per-image prediction costs: the ledger takes
    the full price, so a budget is never under-counted."""
    fake_replicate.polls_to_finish = 10_000
    img_ctx.providers.image.policy = replace(img_ctx.providers.image.policy, prediction_timeout_s=0.2)
    with pytest.raises(ProviderError, match="canceled"):
        keyframe(img_ctx)
    assert [r["cost_usd"] for r in ledger(img_ctx)] == [0.003]


def test_an_aborted_prediction_is_not_billed(img_ctx, fake_replicate):
    fake_replicate.output_faults.append("aborted")
    with pytest.raises(ProviderError, match="aborted by Replicate before it started") as err:
        keyframe(img_ctx)
    assert "nothing was charged" in str(err.value)
    assert fake_replicate.predictions[fake_replicate.created[0]["id"]]["status"] == "aborted"
    assert ledger(img_ctx) == [] and fake_replicate.count("POST", r"/cancel$") == 0
    assert keyframe(img_ctx).size == (320, 180)  # the next run starts a new one
    assert len(fake_replicate.created) == 2 and len(ledger(img_ctx)) == 1


def test_a_stored_prediction_found_aborted_is_started_again(img_ctx, fake_replicate):
    keyframe(img_ctx)
    first = fake_replicate.created[0]["id"]
    fake_replicate.predictions[first]["status"] = "aborted"  # as a resumed run could find it
    ctx2 = with_project(build_context(img_ctx.settings), img_ctx.project_id)
    assert keyframe(ctx2).size == (320, 180)
    assert len(fake_replicate.created) == 2 and fake_replicate.created[1]["id"] != first


def test_replicate_cancels_a_prediction_running_past_its_deadline(tmp_path, fake_replicate, fast_retries):
    """The deadline is Replicate's to enforce too: one still running when its Cancel-After
    passes is canceled by the service and billed for the time it ran (here 5 s on a clock
    a hundred times fast)."""
    fake_replicate.timescale = 0.01
    ctx = make_ctx(tmp_path, fake_replicate, music_provider="replicate", replicate_cancel_after_music_s=5)
    fake_replicate.model_polls["musicgen"] = 10_000
    ctx.providers.music.policy = replace(fast_retries, prediction_timeout_s=60)
    with pytest.raises(ProviderError, match=r"it was canceled \(charged \$"):
        ctx.providers.music.compose(ctx, write_spec(make_brief(**{**BRIEF, "duration_s": 6})), tmp_path / "m.wav")
    assert fake_replicate.count("POST", r"/cancel$") == 0  # the service did it
    assert fake_replicate.created[0]["cancel_after"] == "5s"
    billed = fake_replicate.canceled[0]["predict_time"]
    # Billed for the time it ran: the deadline less the time before it started running, which
    # depends on when the client first polled (milliseconds that a busy machine stretches).
    pid = fake_replicate.created[0]["id"]
    waited = (fake_replicate.running_since[pid] - fake_replicate.started[pid]) / fake_replicate.timescale
    assert 0 < billed <= 5 and billed == pytest.approx(5 - waited, abs=0.01)
    assert ledger(ctx)[0]["cost_usd"] == pytest.approx(billed * pricing.A100_80, abs=1e-6)


# --- model details ---------------------------------------------------------------------------

def test_wan_frame_counts_are_4n_plus_1_within_81_to_121_and_fill_the_beat():
    wan = pricing.replicate_price("wan-video/wan-2.2-i2v-fast")
    for tenth in range(5, 200):
        clip_s = tenth / 10
        frames = pricing.video_request_frames(wan, clip_s)
        assert 81 <= frames <= 121 and (frames - 1) % 4 == 0, (clip_s, frames)
        # Slowed down by at most 1.5, the clip fills the beat whenever a clip can.
        if clip_s <= 121 / pricing.SOURCE_FPS * pricing.MAX_STRETCH:
            assert frames / pricing.SOURCE_FPS * pricing.MAX_STRETCH >= clip_s - 1e-9
        # ...and it is the cheapest such count: four frames fewer would not fill it.
        if frames > 81:
            assert (frames - 4) / pricing.SOURCE_FPS * pricing.MAX_STRETCH < clip_s


def test_a_hosted_clip_asks_wan_for_4n_plus_1_frames(tmp_path, fake_replicate, fast_retries):
    ctx, spec, jobs = _video_ctx_and_jobs(tmp_path, fake_replicate)
    job = max(jobs, key=lambda j: j.total_frames)
    pieces = ctx.providers.video.render_clip(ctx, job)
    inp = fake_replicate.predictions[fake_replicate.created[0]["id"]]["input"]
    assert (inp["num_frames"] - 1) % 4 == 0 and 81 <= inp["num_frames"] <= 121
    assert pieces.frames == job.total_frames  # retimed to the beat's exact length


# --- the fake is as strict as the service ------------------------------------------------------

def test_the_fake_refuses_what_replicate_would(fake_replicate):
    import httpx

    api = httpx.Client(base_url=fake_replicate.base, headers={"Authorization": f"Bearer {fake_replicate.token}"})
    wan = "/v1/models/wan-video/wan-2.2-i2v-fast/predictions"
    good = {"image": "data:image/jpeg;base64,AA==", "prompt": "a watch", "num_frames": 81, "resolution": "480p"}

    def create(path, body, **headers):
        return api.post(path, json=body, headers=headers)

    assert create(wan, {"input": good}, **{"Cancel-After": "15m"}).status_code == 201
    assert create("/v1/models/wan-video/wan-2.1-i2v-480p/predictions", {"input": good}).status_code == 404
    assert create("/v1/models/stability-ai/sdxl/predictions", {"input": {"prompt": "x"}}).status_code == 404
    assert create("/v1/predictions", {"version": "0" * 64, "input": {"prompt": "x"}}).status_code == 422
    refused = create(wan, {"input": {**good, "num_frame": 81}})
    assert refused.status_code == 422 and refused.json()["title"] == "Input validation failed"
    assert refused.json()["invalid_fields"][0]["type"] == "additional_property_not_allowed"
    for wrong in ({"num_frames": 80}, {"num_frames": 125}, {"num_frames": "81"}, {"resolution": "1080p"},
                  {"go_fast": "yes"}):
        assert create(wan, {"input": {**good, **wrong}}).status_code == 422, wrong
    assert create(wan, {"input": {"prompt": "a watch"}}).status_code == 422  # image is required
    assert create(wan, {"input": good, "webhooks": "x"}).status_code == 422  # unknown body field
    assert create(wan, {"input": good}, **{"Cancel-After": "soon"}).status_code == 422
    assert len(fake_replicate.created) == 1


def test_every_priced_model_is_called_as_its_published_schema_allows(tmp_path):
    """Each model the price table offers has a schema copy in tests/fakes/schemas, and the input
    the provider builds for it passes that schema: a call that works against the fake is one
    the service would accept."""
    from pipeline.providers.replicate_providers import ReplicateMusic, ReplicateUpscaler, ReplicateVideo
    from tests.fakes import schemas

    assert set(pricing.REPLICATE_PRICES) <= set(schemas.model_schemas())
    for model, price in pricing.REPLICATE_PRICES.items():
        if price.version:  # community models are created by their pinned version
            assert schemas.model_schemas()[model]["version"] == price.version, model
        settings = hosted_settings(tmp_path, replicate_api_token="r8_x", **{f"{price.kind}_model": model})
        spec = write_spec(make_brief(**{**BRIEF, "duration_s": 30}))
        if price.kind == "image":
            provider = ReplicateImages(settings)
            inputs = [provider._input("a watch", w, h, 7) for w, h in ((1920, 1080), (1080, 1920), (640, 1080),
                                                                        (1440, 1080), (1080, 1080))]
        elif price.kind == "video":
            provider = ReplicateVideo(settings)
            inputs = [provider._input("data:image/jpeg;base64,AA==", "a watch", s, 7) for s in (1.0, 5.5, 9.0, 14.0)]
        elif price.kind == "music":
            inputs = [ReplicateMusic(settings)._input(spec)]
        else:
            inputs = [ReplicateUpscaler(settings)._input("data:image/png;base64,AA==", s) for s in (2, 4)]
        for inp in inputs:
            assert schemas.input_errors(model, inp) == [], (model, inp)
