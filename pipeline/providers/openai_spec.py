"""The spec writer on OpenAI (or any OpenAI-compatible server: Ollama, vLLM, ...).

One chat completion with a strict JSON schema returns the creative plan; it is parsed into
our `Spec` and validated again by our own rules, so an answer out of bounds (an hour-long ad,
500 beats, a URL or a path in a text field, a template or LUT we do not have) is rejected here,
before any later phase spends money. A refusal is reported as a refusal. The call is recorded in
the cost ledger once, under the completion's id, whatever its answer.

The `openai` package is imported when this provider is built, never at pipeline import.
"""

from __future__ import annotations

import json
import math
import threading
import uuid
from typing import Any

from pydantic import ValidationError

from ..config import Settings
from ..errors import ConfigError, InputError, ProviderError, describe_validation_error
from ..models import CAMERA_MOVES, MAX_BEATS, SHOT_TYPES, TRANSITION_TYPES, Brief, Spec
from . import http, pricing

OPENAI_URL = "https://api.openai.com/v1"


class SpecRefused(ProviderError):
    """The model declined to write this spec (its refusal is in the message)."""


class OpenAISpecWriter:
    name = "openai"
    remote = True

    def __init__(self, settings: Settings) -> None:
        key = settings.openai_api_key.get_secret_value().strip() if settings.openai_api_key else ""
        if not key:
            raise ConfigError("the OpenAI spec writer needs a key: set OPENAI_API_KEY "
                              "(or ADSTUDIO_SPEC_PROVIDER=local to write specs offline)")
        import openai  # noqa: F401  - lazily, and so a missing package is reported at build time

        self._key = key
        self.model = settings.openai_model
        self.version = self.model
        self.base_url = (settings.openai_base_url or OPENAI_URL).rstrip("/")
        self.official = self.base_url == OPENAI_URL
        self._price = pricing.llm_price(self.model)
        if self._price is None and self.official:
            known = ", ".join(sorted(pricing.LLM_PRICES))
            raise ConfigError(f"ADSTUDIO_OPENAI_MODEL={self.model!r} has no price in the price table, so a run's "
                              f"cost cannot be known before it runs; use one of {known}")
        self.policy = http.DEFAULT_POLICY
        self._client: Any = None
        self._lock = threading.Lock()

    # -- price ----------------------------------------------------------------------------
    def price(self, what: str, units: float = 1.0) -> float:
        """An upper bound for one spec call: the usual prompt and the capped answer."""
        if what != "spec" or self._price is None:
            return 0.0
        return round(units * self._price.cost(pricing.SPEC_PROMPT_TOKENS, pricing.spec_output_cap(self._price)), 6)

    def cost_of(self, usage: Any) -> float:
        if self._price is None:
            return 0.0
        if usage is None:
            return self.price("spec")
        return round(self._price.cost(int(getattr(usage, "prompt_tokens", 0) or 0),
                                      int(getattr(usage, "completion_tokens", 0) or 0)), 8)

    # -- the call -------------------------------------------------------------------------
    def client(self) -> Any:
        with self._lock:
            if self._client is None:
                import openai
                self._client = openai.OpenAI(api_key=self._key, base_url=self.base_url, max_retries=0,
                                             timeout=self.policy.timeout_s)
            return self._client

    def _classify(self, exc: BaseException) -> http.Failure | None:
        import openai

        if isinstance(exc, openai.APITimeoutError):
            return http.Failure(http.RETRY, "the request timed out")
        if isinstance(exc, openai.APIConnectionError):
            return http.Failure(http.RETRY, "could not connect")
        if isinstance(exc, openai.APIStatusError):
            body = exc.body if isinstance(exc.body, dict) else {}
            code = str(body.get("code") or body.get("type") or "")
            message = str(body.get("message") or exc.message or "")
            text = f"{code} {message}".strip()
            kind = http.QUOTA if code == "insufficient_quota" else http.status_kind(exc.status_code, text)
            retry_after = http.parse_retry_after(exc.response.headers.get("retry-after")) if exc.response else None
            return http.Failure(kind, f"HTTP {exc.status_code}: {text or 'no detail'}", exc.status_code, retry_after)
        if isinstance(exc, openai.APIResponseValidationError):
            return http.Failure(http.FATAL, "the server's answer does not follow the chat completions protocol")
        return None

    @property
    def reasoning(self) -> bool:
        return self._price is not None and self._price.reasoning

    def request(self, brief: Brief, template: str | None) -> dict[str, Any]:
        # OpenAI's own API takes max_completion_tokens, and reasoning models refuse max_tokens
        # wherever they run; other servers speaking the protocol may know only max_tokens.
        limit_key = "max_completion_tokens" if self.official or self.reasoning else "max_tokens"
        req = {
            "model": self.model,
            "messages": [{"role": "system", "content": SYSTEM_PROMPT},
                         {"role": "user", "content": user_prompt(brief, template)}],
            "response_format": {"type": "json_schema",
                                "json_schema": {"name": "ad_spec", "strict": True, "schema": answer_schema(template)}},
            limit_key: pricing.spec_output_cap(self._price),
            "seed": brief.seed,
        }
        if self.reasoning:
            req["reasoning_effort"] = pricing.SPEC_REASONING_EFFORT
        return req

    def write_spec(self, ctx, brief: Brief, template: str | None) -> Spec:
        req = self.request(brief, template)
        completion = http.call_with_retries(
            lambda: self.client().chat.completions.create(**req), self._classify, policy=self.policy,
            provider=f"OpenAI ({self.model})", what="writing the spec", key_var="OPENAI_API_KEY",
            secrets=[self._key])
        # Answered, so paid: record it once, under the provider's id, before judging the answer.
        request_id = str(getattr(completion, "id", "") or f"local-{uuid.uuid4().hex}")
        ctx.store.record_cost(request_id=f"openai:{request_id}", project_id=ctx.project_id, phase="spec",
                              provider="openai", model=self.model, cost_usd=self.cost_of(getattr(completion, "usage", None)),
                              description="spec")
        choices = getattr(completion, "choices", None) or []
        if not choices:
            raise ProviderError(f"OpenAI ({self.model}) returned no answer", retryable=True, provider="openai")
        choice = choices[0]
        message = choice.message
        refusal = getattr(message, "refusal", None)
        if refusal:
            raise SpecRefused(f"OpenAI ({self.model}) refused to write a spec for this brief: "
                              f"\u201c{http.redact(refusal, [self._key])[:300]}\u201d. Rephrase the brief or use the "
                              "local spec writer.", retryable=False, provider="openai")
        if choice.finish_reason == "content_filter":
            raise SpecRefused(f"OpenAI ({self.model}) stopped the answer with its content filter; rephrase the "
                              "brief or use the local spec writer.", retryable=False, provider="openai")
        if choice.finish_reason == "length" or not (message.content or "").strip():
            raise ProviderError(_cut_off(self.model, getattr(completion, "usage", None), choice.finish_reason),
                                retryable=True, provider="openai")
        try:
            data = json.loads(message.content or "")
        except (TypeError, ValueError):
            raise ProviderError(f"OpenAI ({self.model}) returned a spec that is not valid JSON; try again.",
                                retryable=True, provider="openai") from None
        return spec_from_answer(data, brief, template)


def _cut_off(model: str, usage: Any, finish_reason: str | None) -> str:
    """What to say of an answer that stopped short (it was billed all the same)."""
    details = getattr(usage, "completion_tokens_details", None)
    hidden = getattr(details, "reasoning_tokens", None) or 0
    spent = getattr(usage, "completion_tokens", None) or 0
    what = "was cut off before the spec was finished" if finish_reason == "length" else "came back empty"
    why = f" ({hidden:,} of its {spent:,} output tokens went to hidden reasoning)" if hidden else ""
    return f"OpenAI ({model})'s answer {what}{why}; it was billed. Try again, or shorten the brief."


# --- prompt and schema ---------------------------------------------------------------------

SYSTEM_PROMPT = """You are the creative director of AdStudio, which turns a brief into a short \
video advertisement. Write the ad's plan as JSON that follows the given schema exactly.
Rules:
- duration_s equals the brief's duration; the beats' durations add up to exactly duration_s.
- 3 to 8 beats, each at least 1 second; beat names are lowercase snake_case and unique.
- transitions: exactly one fewer than beats. A "cut" has duration 0; any other transition lasts \
0.2 to 0.8 seconds and at most a third of each beat it joins.
- Each beat's prompt describes the picture for an image and video model: subject, setting, \
composition, light. No text, logos or captions in the picture.
- On-screen text is short (at most 40 characters); the last beat is a call to action (text_role "cta").
- palette: 3 to 5 colours as #rrggbb. tempo_bpm between 60 and 180. key like "C", "F#" or "Bb".
- Text fields hold plain words only: never a URL, an e-mail address or a file path.
- Choose template and color_grading.lut from the allowed values only."""


def user_prompt(brief: Brief, template: str | None) -> str:
    from ..config import LUTS_DIR
    from ..templates import load_templates

    templates = load_templates()
    offered = {template: templates[template]} if template in templates else templates
    info = {
        "brief": brief.prompt,
        "duration_s": brief.duration_s,
        "formats": list(brief.formats),
        "template": template,
        "templates": {
            name: {"description": t.description,
                   "beats": [{"name": b.name, "shot_type": b.shot_type, "seconds": b.duration,
                              "text_role": b.text_role} for b in t.beats]}
            for name, t in sorted(offered.items())
        },
        "luts": sorted(p.stem for p in LUTS_DIR.glob("*.cube")),
    }
    return "Write the spec for this brief:\n" + json.dumps(info, ensure_ascii=False, indent=1)


def _obj(props: dict[str, Any]) -> dict[str, Any]:
    return {"type": "object", "additionalProperties": False, "properties": props, "required": list(props)}


def answer_schema(template: str | None = None) -> dict[str, Any]:
    """The strict JSON schema of the answer (only keywords strict mode accepts). Bounds the
    schema cannot express are enforced by `Spec` when the answer is validated."""
    from ..config import LUTS_DIR
    from ..templates import load_templates

    names = sorted(load_templates())
    if template in names:
        names = [template]
    luts = sorted(p.stem for p in LUTS_DIR.glob("*.cube"))
    s, n = {"type": "string"}, {"type": "number"}
    beat = _obj({
        "name": s, "duration": n, "shot_type": {"type": "string", "enum": list(SHOT_TYPES)},
        "action": s, "prompt": s, "camera_movement": {"type": "string", "enum": list(CAMERA_MOVES)},
        "text": s, "text_role": {"type": "string", "enum": ["none", "title", "tagline", "feature", "cta"]},
    })
    return _obj({
        "template": {"type": "string", "enum": names},
        "product": _obj({"name": s, "brand": s, "category": s, "tagline": s}),
        "style": _obj({"aesthetic": s, "palette": {"type": "array", "items": s}, "mood": s, "lighting": s}),
        "beats": {"type": "array", "items": beat},
        "transitions": {"type": "array", "items": _obj({"type": {"type": "string", "enum": list(TRANSITION_TYPES)},
                                                        "duration": n})},
        "audio": _obj({"style": s, "mood": s, "tempo_bpm": n, "key": s,
                       "scale": {"type": "string", "enum": ["major", "minor"]}}),
        "color_grading": _obj({"lut": {"type": "string", "enum": luts}, "contrast": n, "saturation": n,
                               "strength": n}),
        "duration_s": n,
    })


# --- answer -> Spec ------------------------------------------------------------------------

def _reject(reason: str) -> InputError:
    return InputError(f"the spec the model wrote was rejected before anything else ran: {reason}")


def spec_from_answer(data: Any, brief: Brief, template: str | None = None) -> Spec:
    """Parse the model's answer into a Spec and check it by our rules, not the model's.

    Size, fps, formats, seed and the brief text come from the brief; beat starts and seeds are
    computed; everything else must pass `Spec` validation plus: the length the brief asked for,
    a template and a LUT that exist. Beat boundaries are then snapped to the music's beat grid.
    """
    from ..phases.common import lut_path
    from ..templates import load_templates
    from .local.spec_writer import snap_to_grid

    if not isinstance(data, dict):
        raise _reject("the answer is not a JSON object")
    templates = load_templates()
    name = data.get("template")
    if not isinstance(name, str) or name not in templates:
        raise _reject(f"template: unknown template {name!r}; we have {', '.join(sorted(templates))}")
    if template is not None and name != template:
        raise _reject(f"template: the brief asked for {template!r}, the model chose {name!r}")
    raw_beats = data.get("beats")
    if not isinstance(raw_beats, list) or not all(isinstance(b, dict) for b in raw_beats):
        raise _reject("beats: not a list of beats")
    if len(raw_beats) > MAX_BEATS:
        raise _reject(f"beats: {len(raw_beats)} beats; an ad has at most {MAX_BEATS}")
    beats, t = [], 0.0
    for i, b in enumerate(raw_beats):
        d = b.get("duration")
        if not isinstance(d, (int, float)) or not math.isfinite(d):
            raise _reject(f"beats[{i}].duration is not a number")
        beats.append({**b, "start": round(t, 6), "duration": round(float(d), 6),
                      "seed": (brief.seed * 1000 + i * 7919) % (2**31 - 1)})
        t += round(float(d), 6)
    total = data.get("duration_s")
    # A model's arithmetic may be off by a rounding step: absorb up to 2 % in the last beat.
    if beats and isinstance(total, (int, float)) and math.isfinite(total) and total > 0 \
            and 1e-6 < abs(t - total) <= 0.02 * total:
        beats[-1]["duration"] = round(beats[-1]["duration"] + (total - t), 6)
    values = {**{k: v for k, v in data.items() if k != "beats"}, "beats": beats, "brief": brief.prompt,
              "formats": list(brief.formats), "width": brief.width, "height": brief.height, "fps": brief.fps,
              "seed": brief.seed}
    try:
        spec = Spec.model_validate(values)
    except ValidationError as exc:
        raise _reject(describe_validation_error(exc, "the spec")) from None
    if abs(spec.duration_s - brief.duration_s) > 0.01:
        raise _reject(f"duration_s: the spec is {spec.duration_s:g} s long but the brief asks for "
                      f"{brief.duration_s:g} s")
    try:
        lut_path(spec)
    except InputError as exc:
        raise _reject(str(exc)) from None
    durations = snap_to_grid([b.duration for b in spec.beats], spec.duration_s, spec.audio.tempo_bpm)
    if durations != [b.duration for b in spec.beats]:
        snapped, t = [], 0.0
        for b, d in zip(spec.beats, durations):
            snapped.append({**b.model_dump(), "start": round(t, 6), "duration": d})
            t += d
        try:
            spec = Spec.model_validate({**spec.model_dump(), "beats": snapped})
        except ValidationError:
            pass  # the snapped timing breaks a transition: keep the model's timing
    return spec
