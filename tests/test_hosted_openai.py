"""The OpenAI spec writer against a local server that speaks the chat-completions protocol:
structured output parsed and re-validated, bounds rejected before anything else is spent,
refusals reported, retries on 429/5xx/timeouts but not on exhausted quota, keys never shown."""

from __future__ import annotations

import json
import logging

import pytest

from pipeline import cost
from pipeline.errors import BudgetError, ConfigError, InputError, ProviderError
from pipeline.models import Spec
from pipeline.providers import http, pricing
from pipeline.providers.openai_spec import OpenAISpecWriter, SpecRefused, answer_schema
from pipeline.run import build_context, create_project, make_brief, run_project, with_project
from tests.fakes.fixtures import fake_openai, fast_retries  # noqa: F401
from tests.fakes.hosted import answered_cost, hosted_settings

BRIEF = dict(prompt="Create a sleek ad for luxury watches", duration_s=5, width=320, height=180)


@pytest.fixture
def spec_ctx(tmp_path, fake_openai, fast_retries):
    """A context whose spec writer is OpenAI (the fake), with a project to charge."""
    ctx = build_context(hosted_settings(tmp_path, openai=fake_openai, spec_provider="openai"))
    project = create_project(ctx, make_brief(**BRIEF))
    return with_project(ctx, project.id)


def write(ctx, template=None):
    return ctx.providers.spec.write_spec(ctx, ctx.store.get_project(ctx.project_id).brief, template)


def test_spec_from_structured_output(spec_ctx, fake_openai):
    spec = write(spec_ctx)
    assert isinstance(spec, Spec)
    assert spec.duration_s == 5 and (spec.width, spec.height, spec.fps) == (320, 180, 30)
    assert abs(sum(b.duration for b in spec.beats) - 5) < 1e-3
    # The request used the configured model, a strict JSON schema and the base URL we set.
    req = fake_openai.last_request
    assert req["model"] == "gpt-4o-mini"
    assert req["response_format"]["json_schema"]["strict"] is True
    assert req["response_format"]["json_schema"]["schema"] == answer_schema(None)
    assert "max_tokens" in req  # a custom base URL gets the widely supported parameter
    # One ledger row, keyed by the completion id, priced from the reported usage.
    rows = spec_ctx.store.ledger_rows(spec_ctx.project_id)
    assert [r["request_id"] for r in rows] == [f"openai:{fake_openai.answered[0]['id']}"]
    assert rows[0]["cost_usd"] == pytest.approx(answered_cost(openai=fake_openai)) and rows[0]["cost_usd"] > 0


def test_template_is_honoured(spec_ctx, fake_openai):
    spec = write(spec_ctx, "announcement")
    assert spec.template == "announcement"
    schema = fake_openai.last_request["response_format"]["json_schema"]["schema"]
    assert schema["properties"]["template"]["enum"] == ["announcement"]


def _mutate_beats(n):
    def mutate(d):
        beat = dict(d["beats"][0], duration=d["duration_s"] / n)
        d["beats"] = [dict(beat, name=f"b{i}") for i in range(n)]
        d["transitions"] = [{"type": "cut", "duration": 0.0}] * (n - 1)
        return d
    return mutate


OUT_OF_BOUNDS = {
    "an hour long": lambda d: {**d, "duration_s": 3600.0, "beats": [dict(d["beats"][0], duration=3600.0)],
                               "transitions": []},
    "500 beats": _mutate_beats(500),
    "a URL in a prompt": lambda d: {**d, "beats": [dict(d["beats"][0], prompt="see https://evil.example/x"),
                                                   *d["beats"][1:]]},
    "a path in the product name": lambda d: {**d, "product": dict(d["product"], name="../../etc/passwd")},
    "an unknown template": lambda d: {**d, "template": "no_such_template"},
    "an unknown LUT": lambda d: {**d, "color_grading": dict(d["color_grading"], lut="no_such_lut")},
    "the wrong length": lambda d: {**d, "duration_s": 9.0,
                                   "beats": [dict(b, duration=b["duration"] * 9 / 5) for b in d["beats"]]},
}


@pytest.mark.parametrize("case", list(OUT_OF_BOUNDS))
def test_out_of_bounds_spec_rejected_before_anything_is_spent(tmp_path, fake_openai, fast_retries, case):
    fake_openai.answers.append({"mutate": OUT_OF_BOUNDS[case]})
    ctx = build_context(hosted_settings(tmp_path, openai=fake_openai, spec_provider="openai"))
    project = create_project(ctx, make_brief(**BRIEF))
    with pytest.raises(InputError, match="rejected"):
        run_project(ctx, project.id)
    # Nothing after the spec ran and the only charge is the answered spec call.
    assert ctx.store.get_project(project.id).spec is None
    phases = [r["phase"] for r in ctx.store.phase_runs(project.id)]
    assert phases == ["spec"]
    assert len(ctx.store.ledger_rows(project.id)) == 1


def test_refusal_is_reported_as_such(spec_ctx, fake_openai):
    fake_openai.answers.append({"refusal": "I'm sorry, I can't help with that request."})
    with pytest.raises(SpecRefused, match="refused.*can't help"):
        write(spec_ctx)
    assert len(spec_ctx.store.ledger_rows(spec_ctx.project_id)) == 1  # answered, so paid


def test_malformed_answer(spec_ctx, fake_openai):
    fake_openai.answers.append({"content": '{"template": "product_showcase", "beats": [ '})
    with pytest.raises(ProviderError, match="not valid JSON"):
        write(spec_ctx)


def test_cut_off_answer(spec_ctx, fake_openai):
    fake_openai.answers.append({"content": '{"template"', "finish_reason": "length"})
    with pytest.raises(ProviderError, match="was cut off before the spec was finished; it was billed"):
        write(spec_ctx)


def test_retries_rate_limits_server_errors_and_timeouts(spec_ctx, fake_openai):
    spec_ctx.providers.spec.policy = http.RetryPolicy(attempts=5, base_delay_s=0.01, max_delay_s=0.05,
                                                      timeout_s=0.4)
    path = r"^/v1/chat/completions"
    fake_openai.fail("POST", path, 429, body={"error": {"message": "Rate limit reached", "type": "requests",
                                                        "code": "rate_limit_exceeded"}},
                     headers={"Retry-After": "0"})
    fake_openai.fail("POST", path, 500, body={"error": {"message": "The server had an error"}})
    fake_openai.fail("POST", path, 200, delay=1.0, body={})  # never answered in time
    fake_openai.fail("POST", path, 503, body="<html>upstream down</html>")
    spec = write(spec_ctx)
    assert isinstance(spec, Spec)
    assert fake_openai.count("POST", path) == 5
    assert len(fake_openai.answered) == 1
    assert len(spec_ctx.store.ledger_rows(spec_ctx.project_id)) == 1


def test_exhausted_quota_is_not_retried(spec_ctx, fake_openai):
    fake_openai.fail("POST", "/v1/chat", 429, times=3, body={"error": {
        "message": "You exceeded your current quota, please check your plan and billing details.",
        "type": "insufficient_quota", "code": "insufficient_quota"}})
    with pytest.raises(http.QuotaError, match="out of credit or quota"):
        write(spec_ctx)
    assert fake_openai.count("POST", "/v1/chat") == 1
    assert spec_ctx.store.ledger_rows(spec_ctx.project_id) == []


def test_gives_up_after_the_last_attempt(spec_ctx, fake_openai):
    fake_openai.fail("POST", "/v1/chat", 502, times=10, body={"error": {"message": "bad gateway"}})
    with pytest.raises(ProviderError, match="after 4 attempts") as err:
        write(spec_ctx)
    assert err.value.retryable
    assert fake_openai.count("POST", "/v1/chat") == 4


def test_wrong_key_never_shown(tmp_path, fake_openai, fast_retries, caplog):
    wrong = "sk-wrong-secret-key-0123456789"
    settings = hosted_settings(tmp_path, openai=fake_openai, spec_provider="openai", openai_api_key=wrong)
    ctx = build_context(settings)
    project = create_project(ctx, make_brief(**BRIEF))
    caplog.set_level(logging.DEBUG)
    with pytest.raises(ConfigError) as err:
        run_project(ctx, project.id)
    message = str(err.value)
    assert "OPENAI_API_KEY" in message
    assert wrong not in message and "sk-wrong" not in message
    assert wrong not in caplog.text
    stored = json.dumps(ctx.store.project_state(project.id)) + json.dumps(ctx.store.phase_runs(project.id))
    assert wrong not in stored
    assert wrong not in repr(ctx.providers.spec.__dict__.get("policy")) and wrong not in repr(settings)


def test_missing_key_names_the_variable(tmp_path):
    with pytest.raises(ConfigError, match="OPENAI_API_KEY"):
        build_context(hosted_settings(tmp_path, spec_provider="openai"))


def test_unknown_model_rejected_on_openai_allowed_on_own_server(tmp_path):
    with pytest.raises(ConfigError, match="no price"):
        OpenAISpecWriter(hosted_settings(tmp_path, openai_api_key="sk-x", openai_model="gpt-99-imaginary"))
    own = OpenAISpecWriter(hosted_settings(tmp_path, openai_api_key="sk-x", openai_model="llama3.1:8b",
                                           openai_base_url="http://127.0.0.1:11434/v1"))
    assert own.price("spec") == 0.0  # a self-hosted model costs nothing per call


def test_estimate_and_budget_before_any_call(tmp_path, fake_openai, fast_retries):
    ctx = build_context(hosted_settings(tmp_path, openai=fake_openai, spec_provider="openai"))
    est = cost.estimate(ctx, None, include_spec=True)
    p = pricing.LLM_PRICES["gpt-4o-mini"]
    assert est.per_phase["spec"] == pytest.approx(p.cost(pricing.SPEC_PROMPT_TOKENS, pricing.SPEC_MAX_OUTPUT_TOKENS),
                                                  abs=1e-4)
    project = create_project(ctx, make_brief(**BRIEF), budget_usd=est.per_phase["spec"] / 2)
    with pytest.raises(BudgetError):
        run_project(ctx, project.id)
    assert fake_openai.requests == []


def test_a_reasoning_model_thinks_briefly_and_has_room_to_answer(tmp_path, fake_openai, fast_retries):
    """gpt-5-mini counts its hidden reasoning against the output cap: at the default effort a
    4,096-token cap can be spent thinking. The request asks for low effort and leaves room."""
    ctx = build_context(hosted_settings(tmp_path, openai=fake_openai, spec_provider="openai",
                                        openai_model="gpt-5-mini"))
    ctx = with_project(ctx, create_project(ctx, make_brief(**BRIEF)).id)
    spec = write(ctx)
    req = fake_openai.last_request
    assert req["reasoning_effort"] == "low" and "max_tokens" not in req
    assert req["max_completion_tokens"] > 4096 + 1500  # the answer's cap plus low-effort thinking
    assert isinstance(spec, Spec) and spec.beats


def test_an_answer_cut_off_by_reasoning_says_so(tmp_path, fake_openai, fast_retries, monkeypatch):
    """If the thinking still eats the cap, the error says the answer was cut off and billed,
    and how much of it was hidden reasoning (not that the JSON was malformed)."""
    from pipeline.providers import pricing

    monkeypatch.setattr(pricing, "SPEC_MAX_OUTPUT_TOKENS", 1000)  # a cap the thinking nearly fills
    monkeypatch.setattr(pricing, "SPEC_REASONING_TOKENS", 600)
    ctx = build_context(hosted_settings(tmp_path, openai=fake_openai, spec_provider="openai",
                                        openai_model="gpt-5-mini"))
    ctx = with_project(ctx, create_project(ctx, make_brief(**BRIEF)).id)
    with pytest.raises(ProviderError, match=r"cut off.*hidden reasoning\).*billed"):
        write(ctx)
