"""Settings and expectations for runs against the fake hosted services."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pipeline.config import Settings
from pipeline.providers import pricing


def hosted_settings(tmp_path: Path, openai: Any = None, replicate: Any = None, s3: dict | None = None,
                    **overrides: Any) -> Settings:
    """Settings pointing at the fakes, as a person would configure the real services
    (keys, base URLs, bucket), isolated from the real environment."""
    values: dict[str, Any] = {"data_dir": str(tmp_path / "data"), "x264_preset": "ultrafast"}
    if openai is not None:
        values.update(openai_api_key=openai.token, openai_base_url=openai.base + "/v1")
    if replicate is not None:
        values.update(replicate_api_token=replicate.token, replicate_base_url=replicate.base)
    if s3 is not None:
        values.update(storage="s3", s3_bucket=s3["bucket"], s3_endpoint_url=s3["endpoint"], s3_prefix="ads/")
    if openai is not None and replicate is not None:
        values["profile"] = "hosted"
    values.update(overrides)
    return Settings.from_env(environ={}, **values)


def replicate_call_cost(call: dict) -> float:
    p = pricing.replicate_price(call["model"])
    assert p is not None, call["model"]
    if p.billed_by_time:
        return round(call["predict_time"] * p.gpu_per_second, 6)
    if p.kind == "video":
        rate = p.resolutions[call["input"].get("resolution", p.default_resolution)]
        return round(rate * call["input"]["num_frames"] / p.base_frames, 6) if p.base_frames else rate
    return p.per_output


def openai_call_cost(call: dict) -> float:
    price = pricing.llm_price(call["model"])
    return round(price.cost(call["usage"]["prompt_tokens"], call["usage"]["completion_tokens"]), 8) if price else 0.0


def answered_cost(openai: Any = None, replicate: Any = None) -> float:
    """What the calls the fakes really answered cost: the ledger must say exactly this."""
    total = sum(openai_call_cost(c) for c in (openai.answered if openai else []))
    total += sum(replicate_call_cost(c) for c in (replicate.answered if replicate else []))
    return total
