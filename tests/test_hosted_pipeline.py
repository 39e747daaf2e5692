"""The hosted profile end to end, through local servers that speak the OpenAI and Replicate
protocols and moto's S3 server: a finished MP4 on S3, a ledger equal to the calls really
answered, a resumed run that polls instead of paying twice, and a budget that refuses a run
before any call."""

from __future__ import annotations

import threading
import time

import httpx
import pytest

from pipeline import control, cost
from pipeline.errors import BudgetError, Canceled, ProviderError
from pipeline.providers import pricing
from pipeline.render.ffmpeg import probe
from pipeline.run import build_context, create_project, make_brief, run_project
from tests.fakes.fixtures import fake_openai, fake_replicate, fast_retries, moto_s3, moto_s3_server  # noqa: F401
from tests.fakes.hosted import answered_cost, hosted_settings

BRIEF = dict(prompt="Create a sleek ad for luxury watches", duration_s=5, width=320, height=180)
VIDEO = r"^/v1/models/wan-video/wan-2.2-i2v-fast/predictions$"
FLUX = r"^/v1/models/black-forest-labs/flux-schnell/predictions$"


def assert_ledger_matches(ctx, project_id, openai, replicate):
    rows = ctx.store.ledger_rows(project_id)
    ids = [r["request_id"] for r in rows]
    assert len(ids) == len(set(ids))
    assert len(rows) == len(openai.answered) + len(replicate.answered)
    assert {f"replicate:{c['id']}" for c in replicate.answered} | {f"openai:{c['id']}" for c in openai.answered} \
        == set(ids)
    assert ctx.store.project_cost(project_id) == pytest.approx(answered_cost(openai, replicate), abs=1e-9)
    return rows


def test_hosted_run_to_a_finished_mp4_on_s3(tmp_path, fake_openai, fake_replicate, moto_s3, fast_retries):
    ctx = build_context(hosted_settings(tmp_path, openai=fake_openai, replicate=fake_replicate, s3=moto_s3))
    assert ctx.providers.describe() == {"spec": "openai", "image": "replicate", "video": "replicate",
                                        "music": "replicate", "upscaler": "lanczos", "storage": "s3"}
    project = create_project(ctx, make_brief(**BRIEF, formats=("16:9", "1:1")), budget_usd=1.0)
    results = run_project(ctx, project.id)
    assert [r.status for r in results] == ["succeeded"] * 6
    spec = ctx.store.get_project(project.id).spec
    n = len(spec.beats)

    for f in results[-1].outputs["files"]:
        info = probe(f["path"])
        assert (info.width, info.height) == spec.size_for(f["format"])
        assert info.fps == 30 and info.frames == 150 and info.video_codec == "h264"
        assert info.audio_codec == "aac" and abs(info.audio_duration_s - info.video_duration_s) < 1 / 30
        got = httpx.get(f["url"])  # the presigned S3 link serves the very file
        assert got.status_code == 200 and got.content == open(f["path"], "rb").read()
    assert "X-Amz-Signature=" in results[-1].outputs["poster"]

    # One paid call per keyframe, style guide, beat (shared by both formats) and the music.
    assert fake_replicate.count("POST", FLUX) == n + 1
    assert fake_replicate.count("POST", VIDEO) == n
    assert len(fake_openai.answered) == 1
    rows = assert_ledger_matches(ctx, project.id, fake_openai, fake_replicate)
    by_phase = ctx.store.cost_by_phase(project.id)
    est = cost.estimate(ctx, spec)
    assert by_phase["chunks"] == pytest.approx(est.per_phase["chunks"]) == pytest.approx(0.05 * n)
    assert by_phase["animatic"] == pytest.approx(est.per_phase["animatic"])
    assert by_phase["references"] == pytest.approx(0.003)
    assert by_phase["refine"] == pytest.approx(12.5 * pricing.A100_80)  # MusicGen, billed by GPU time
    assert by_phase["spec"] == pytest.approx(answered_cost(openai=fake_openai))
    assert sum(by_phase.values()) == pytest.approx(sum(r["cost_usd"] for r in rows))
    assert ctx.store.project_cost(project.id) < 0.50


def test_resumed_run_polls_instead_of_paying_twice(tmp_path, fake_openai, fake_replicate, fast_retries):
    settings = hosted_settings(tmp_path, openai=fake_openai, replicate=fake_replicate)
    ctx = build_context(settings)
    project = create_project(ctx, make_brief(**BRIEF))
    # The video model is slow and this process is stopped while it waits (as if it were killed).
    fake_replicate.model_polls["wan-video"] = 10_000
    first_run, stopped = control.Control(), []

    def first_process() -> None:
        with control.using(first_run):
            try:
                run_project(ctx, project.id)
            except Canceled as exc:
                stopped.append(exc)

    thread = threading.Thread(target=first_process)
    thread.start()
    deadline = time.monotonic() + 60
    while not (spec := ctx.store.get_project(project.id).spec) or \
            fake_replicate.count("POST", VIDEO) < len(spec.beats) or \
            fake_replicate.count("GET", r"^/v1/predictions/") < 3 * len(spec.beats):
        assert time.monotonic() < deadline and thread.is_alive(), "the clips were never all requested"
        time.sleep(0.01)
    first_run.cancel()
    thread.join(30)
    n = len(spec.beats)
    assert stopped
    assert fake_replicate.count("POST", VIDEO) == n  # every beat's prediction is running, none answered yet
    assert fake_replicate.count("POST", r"/cancel$") == 0  # a stopped run leaves them running (paid once)
    first = {"images": fake_replicate.count("POST", FLUX), "spec": len(fake_openai.answered)}

    # A new process resumes: the running predictions are polled, nothing is created again.
    fake_replicate.model_polls["wan-video"] = 1
    ctx2 = build_context(settings)
    results = run_project(ctx2, project.id)
    assert results[-1].phase == "export" and probe(results[-1].outputs["files"][0]["path"]).frames == 150
    assert fake_replicate.count("POST", VIDEO) == n
    assert fake_replicate.count("POST", FLUX) == first["images"] and len(fake_openai.answered) == first["spec"]
    assert_ledger_matches(ctx2, project.id, fake_openai, fake_replicate)

    # And once more: everything is reused, nothing is paid.
    spent = ctx2.store.project_cost(project.id)
    requests = len(fake_replicate.created)
    run_project(build_context(settings), project.id)
    assert len(fake_replicate.created) == requests and ctx2.store.project_cost(project.id) == spent


def test_failed_beat_is_redone_alone(tmp_path, fake_openai, fake_replicate, fast_retries):
    settings = hosted_settings(tmp_path, openai=fake_openai, replicate=fake_replicate)
    ctx = build_context(settings)
    project = create_project(ctx, make_brief(**BRIEF))
    fake_replicate.output_faults.append(("wan-video", "failed"))
    with pytest.raises(ProviderError, match="could not make the clip"):
        run_project(ctx, project.id, stop_after="chunks")
    n = len(ctx.store.get_project(project.id).spec.beats)
    paid_video = sum(1 for c in fake_replicate.answered if "wan" in c["model"])
    assert paid_video == n - 1
    run_project(build_context(settings), project.id, stop_after="chunks")
    assert fake_replicate.count("POST", VIDEO) == n + 1  # only the failed beat was made again
    rows = assert_ledger_matches(ctx, project.id, fake_openai, fake_replicate)
    assert sum(1 for r in rows if r["phase"] == "chunks") == n


def test_budget_refuses_a_run_before_any_call(tmp_path, fake_openai, fake_replicate, fast_retries):
    ctx = build_context(hosted_settings(tmp_path, openai=fake_openai, replicate=fake_replicate))
    # Too little even for the spec: nothing at all is called.
    project = create_project(ctx, make_brief(**BRIEF), budget_usd=0.001)
    with pytest.raises(BudgetError):
        run_project(ctx, project.id)
    assert fake_openai.requests == [] and fake_replicate.requests == []
    # Enough for the spec but not the ad: the spec is written, then the run stops before Replicate.
    project = create_project(ctx, make_brief(**BRIEF), budget_usd=0.05)
    with pytest.raises(BudgetError, match="exceeds the project budget"):
        run_project(ctx, project.id)
    assert len(fake_openai.answered) == 1 and fake_replicate.requests == []
    # The estimate for one beat is known before it runs.
    spec = ctx.store.get_project(project.id).spec
    one = cost.estimate(ctx, spec, beats=[1])
    assert one.per_phase["chunks"] == pytest.approx(0.05) and one.per_phase["animatic"] == pytest.approx(0.003)
    assert one.total == pytest.approx(0.053)
