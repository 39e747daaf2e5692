"""Replicate's rate limit, as a new or low-credit account meets it: about six creates a minute
with a burst of one, a throttled create answered 429 with the reset time in its body and no
Retry-After header. Against the fake server throttling that way, over real HTTP; the service's
clock is compressed (`timescale`) so a minute passes in about a second."""

from __future__ import annotations

import time

import pytest

from pipeline.models import Spec
from pipeline.phases import animatic
from pipeline.providers import http
from pipeline.providers.local.spec_writer import write_spec
from pipeline.providers.replicate_api import throttle_wait
from pipeline.run import build_context, create_project, make_brief, with_project
from tests.fakes.fixtures import FAST
from tests.fakes.hosted import hosted_settings
from tests.fakes.servers import FakeReplicate

FLUX = r"^/v1/models/black-forest-labs/flux-schnell/predictions$"
BRIEF = dict(prompt="Create a sleek ad for luxury watches", duration_s=30, width=320, height=180)


@pytest.fixture
def throttled():
    """A fake Replicate that lets an account create six predictions a minute, one at a time,
    on a clock fifty times fast (a create every 0.2 s)."""
    server = FakeReplicate(creates_per_minute=6, timescale=0.02).start()
    yield server
    server.stop()


def image_ctx(tmp_path, server, timescale, notes=None, **over):
    ctx = build_context(hosted_settings(tmp_path, replicate=server, image_provider="replicate", **over),
                        progress=(lambda phase, fraction, message: notes.append(message)) if notes is not None else None)
    project = create_project(ctx, make_brief(**BRIEF))
    ctx = with_project(ctx, project.id)
    ctx.providers.image.policy = http.RetryPolicy(**{**FAST, "timescale": timescale})
    return ctx


def twelve_beat_spec() -> Spec:
    """The watches ad re-cut into twelve 2.5 s beats (cuts between them)."""
    spec = write_spec(make_brief(**BRIEF)).model_dump()
    model = spec["beats"]
    spec["beats"] = [{**model[i % len(model)], "name": f"beat_{i + 1}", "start": 2.5 * i, "duration": 2.5,
                      "seed": 1000 + i, "prompt": f"shot {i + 1}: {model[i % len(model)]['prompt']}"[:200]}
                     for i in range(12)]
    spec["transitions"] = [{"type": "cut", "duration": 0.0}] * 11
    return Spec.model_validate(spec)


def test_a_burst_of_twelve_keyframes_under_six_a_minute(tmp_path, throttled):
    """All twelve keyframes of the animatic are asked for at once; the account may create one
    every ten seconds. The run waits its turns (and says so), throttled creates are tried again,
    and every beat gets exactly one prediction."""
    notes: list[str] = []
    ctx = image_ctx(tmp_path, throttled, timescale=0.02, notes=notes)
    spec = twelve_beat_spec()
    t0 = time.monotonic()
    out, _ = animatic.run(ctx, spec)
    elapsed = time.monotonic() - t0

    assert len(out.keyframes) == 12  # no failed beat
    created = throttled.created
    assert len(created) == 12 and len({c["id"] for c in created}) == 12  # one prediction per beat
    seeds = sorted(throttled.predictions[c["id"]]["input"]["seed"] for c in created)
    assert seeds == [1000 + i for i in range(12)]
    rows = ctx.store.ledger_rows(ctx.project_id)
    assert len(rows) == 12 and sum(r["cost_usd"] for r in rows) == pytest.approx(12 * 0.003)

    # Paced by the client: eleven intervals of 10 s (0.2 s here) at least, creates spaced about
    # that far apart when they reach the server, so few are refused (a request delayed on the
    # way can land one early) and those cost nothing. Unpaced, eleven of the twelve would be.
    interval = 10 * 0.02
    assert elapsed >= 11 * interval
    gaps = sorted(b["t"] - a["t"] for a, b in zip(created, created[1:]))
    assert gaps[len(gaps) // 2] >= 0.9 * interval, gaps
    assert throttled.count("POST", FLUX, 429) == len(throttled.throttled) <= 3
    assert any("waiting for Replicate's rate limit" in n for n in notes)


@pytest.mark.parametrize("body, named_s", [
    ({"detail": "Request was throttled. Your rate limit resets in ~30s."}, 30),
    ({"detail": "Request was throttled. Your rate limit for creating predictions is reduced to 6 requests per "
                "minute with a burst of 1 requests while you have less than $5.0 in credit. Your rate limit "
                "resets in ~5s.", "status": 429, "retry_after": 5}, 5),
])
def test_a_throttled_create_waits_the_time_named_in_the_body(tmp_path, body, named_s):
    """No Retry-After header: the wait comes from the body. The low-credit body mentions credit
    but is a throttle, not exhausted credit: it is waited out, not reported as out of credit.
    (A funded account's pace, 600 a minute, so the wait measured is the one the body names.)"""
    server = FakeReplicate().start()
    try:
        notes: list[str] = []
        ctx = image_ctx(tmp_path, server, timescale=0.01, notes=notes, replicate_creates_per_minute=600)
        server.fail("POST", FLUX, 429, body=body)  # no headers at all
        img = ctx.providers.image.keyframe(ctx, _scene(), "hero", 0, 1, "a gold watch")
        assert img.size == (320, 180)
        posts = [e for e in server.log if e["method"] == "POST" and e["path"].endswith("/predictions")]
        assert [e["status"] for e in posts] == [429, 201]
        waited = posts[1]["t"] - posts[0]["t"]
        assert named_s * 0.01 <= waited < named_s * 0.01 + 0.5
        assert len(server.created) == 1 and len(ctx.store.ledger_rows(ctx.project_id)) == 1
        assert any(f"waiting for Replicate's rate limit (about {named_s} s)" in n for n in notes)
    finally:
        server.stop()


def test_throttled_tries_are_not_attempts_but_have_a_deadline(tmp_path):
    server = FakeReplicate().start()
    try:
        # A funded account (600 creates a minute), so the waits are the ones the body names.
        ctx = image_ctx(tmp_path, server, timescale=0.001, replicate_creates_per_minute=600)
        throttle = {"detail": "Request was throttled. Your rate limit resets in ~2s."}
        server.fail("POST", FLUX, 429, times=FAST["attempts"] + 3, body=throttle)
        assert ctx.providers.image.keyframe(ctx, _scene(), "hero", 0, 1, "a gold watch").size == (320, 180)
        assert server.count("POST", FLUX, 429) == FAST["attempts"] + 3 and len(server.created) == 1

        # Refused for longer than the deadline (60 s here, 0.6 s of real time): given up, and
        # nothing charged. (Each try also spends its round trip, a few service seconds here.)
        ctx.providers.image.policy = http.RetryPolicy(**{**FAST, "timescale": 0.01, "throttle_deadline_s": 60})
        server.fail("POST", FLUX, 429, times=1000, body=throttle)
        t0 = time.monotonic()
        with pytest.raises(http.ProviderError, match="still refused by the rate limit") as err:
            ctx.providers.image.keyframe(ctx, _scene(), "hero", 0, 1, "another watch")
        assert 0.55 <= time.monotonic() - t0 < 3
        assert err.value.retryable and "nothing was charged" in str(err.value)
        assert 10 <= server.count("POST", FLUX, 429) - FAST["attempts"] - 3 <= 31  # every 2 s or more, for 60 s
        assert len(server.created) == 1 and len(ctx.store.ledger_rows(ctx.project_id)) == 1
    finally:
        server.stop()


def test_the_limiter_spaces_callers_and_holds_them_all_when_throttled():
    now = [0.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    limiter = http.RateLimiter(6, timescale=0.5, clock=lambda: now[0])
    heard: list[float] = []
    starts = []
    for _ in range(3):
        limiter.wait_turn(sleep, heard.append)
        starts.append(limiter.now())
    # Service seconds: one every 10 s (and 5% more, so network jitter does not land one early).
    assert starts == pytest.approx([0.0, 10.5, 21.0])
    assert now[0] == pytest.approx(10.5)  # 21 service seconds are 10.5 real ones at timescale 0.5
    assert heard and heard[0] == pytest.approx(10.5)
    limiter.hold(45)  # a throttled answer: nobody starts for 45 s
    limiter.wait_turn(sleep)
    assert limiter.now() == pytest.approx(66.0)


def test_the_wait_a_429_names():
    assert throttle_wait({"retry-after": "7"}, {"detail": "resets in ~30s"}) == 7  # the header wins
    assert throttle_wait({}, {"detail": "x", "retry_after": 5}) == 5
    assert throttle_wait({}, {"detail": "Request was throttled. Your rate limit resets in ~30s."}) == 30
    assert throttle_wait({}, {"detail": "Too many requests"}) is None
    assert throttle_wait({}, None) is None


def _scene():
    from pipeline.render.scene import SceneSpec

    return SceneSpec(width=320, height=180, fps=30, duration=1.0, shot_type="product_hero",
                     camera_movement="slow_zoom_in", text="", text_role="none", seed=7,
                     palette=("#101820", "#f2aa4c", "#ffffff"), aesthetic="luxury", mood="sophisticated",
                     lighting="dramatic", product_name="Watch", brand="Acme", category="watch")


def test_a_wait_is_shown_under_the_running_phase_without_moving_its_progress(tmp_path):
    """The channel the wait reaches the studio and the CLI by: the context's progress callback,
    with the phase and fraction last reported (so no progress bar jumps back)."""
    heard: list[tuple[str, float, str]] = []
    ctx = build_context(hosted_settings(tmp_path), progress=lambda *report: heard.append(report))
    ctx.note("waiting for Replicate's rate limit (about 8 s)", "animatic")  # before any report
    ctx.report("chunks", 0.5, "beat 3 rendered")
    ctx.note("waiting for Replicate's rate limit (about 20 s)", "refine")  # the music, beside the clips
    assert heard == [("animatic", 0.0, "waiting for Replicate's rate limit (about 8 s)"),
                     ("chunks", 0.5, "beat 3 rendered"),
                     ("chunks", 0.5, "waiting for Replicate's rate limit (about 20 s)")]
