"""Replicate's predictions API over plain HTTP: create, get and cancel a prediction.

Why not the `replicate` SDK: it cannot send a header with one create (`Cancel-After`, the
prediction's deadline), and its prediction model knows only the statuses starting, processing,
succeeded, failed and canceled, so a prediction Replicate `aborted` (its deadline passed before
it started) fails to parse and is polled until the client gives up. Here a status is a string
and every answer is checked for what this project uses.

The protocol (https://replicate.com/docs/reference/http, the rate-limit and lifecycle topics):

* `POST /v1/models/{owner}/{name}/predictions` (official models) or `POST /v1/predictions` with
  `version` (community models), body `{"input": {...}}`, answers 201 with the prediction;
* `GET /v1/predictions/{id}`; `POST /v1/predictions/{id}/cancel`;
* statuses: starting, processing, succeeded, failed, canceled (by the user, or its deadline
  passed while it ran: billed for the time it ran) and aborted (its deadline passed before it
  started: not billed);
* a throttled create answers 429 with a body like `{"detail": "Request was throttled. Your rate
  limit resets in ~30s."}` and, per the documentation, no Retry-After header; low-credit
  accounts have also been seen to add `"retry_after": 5` to the body.

httpx (a dependency of both hosted SDKs) is imported when a client is built.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

from . import http

TERMINAL = ("succeeded", "failed", "canceled", "aborted")

_RESETS_IN = re.compile(r"resets in ~?\s*(\d+(?:\.\d+)?)\s*s", re.IGNORECASE)


@dataclass(frozen=True)
class Prediction:
    """What this project reads of a prediction."""

    id: str
    status: str
    output: Any = None
    error: Any = None
    metrics: dict = field(default_factory=dict)

    @property
    def done(self) -> bool:
        return self.status in TERMINAL

    @property
    def predict_time(self) -> float | None:
        """Seconds the model ran, as Replicate measured them (what time-billed models charge)."""
        value = self.metrics.get("predict_time")
        return float(value) if isinstance(value, (int, float)) and value >= 0 else None

    @classmethod
    def from_json(cls, data: Any) -> "Prediction":
        if not isinstance(data, dict) or not isinstance(data.get("id"), str) or not data["id"] \
                or not isinstance(data.get("status"), str):
            raise MalformedAnswer("the answer is not a prediction (no id or status)")
        metrics = data.get("metrics") if isinstance(data.get("metrics"), dict) else {}
        return cls(id=data["id"], status=data["status"], output=data.get("output"), error=data.get("error"),
                   metrics=metrics)


class MalformedAnswer(ValueError):
    """An answer that is not JSON, or not the JSON expected."""


class APIError(Exception):
    """Replicate answered with an error status."""

    def __init__(self, status: int, detail: str, retry_after: float | None = None) -> None:
        super().__init__(f"HTTP {status}: {detail}")
        self.status, self.detail, self.retry_after = status, detail, retry_after


def throttle_wait(headers: Any, body: Any) -> float | None:
    """Seconds a 429 asks to wait: the Retry-After header if there is one, else the body's
    `retry_after`, else the "resets in ~30s" of its detail; None when it names no wait."""
    from_header = http.parse_retry_after(headers.get("retry-after"))
    if from_header is not None:
        return from_header
    if isinstance(body, dict):
        value = body.get("retry_after")
        if isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 0:
            return float(value)
        match = _RESETS_IN.search(str(body.get("detail") or ""))
        if match:
            return float(match.group(1))
    return None


def cancel_after_header(seconds: float) -> str:
    """A prediction deadline as the Cancel-After header writes durations ("15m", "90s")."""
    whole = max(1, int(math.ceil(seconds)))
    return f"{whole // 60}m" if whole % 60 == 0 else f"{whole}s"


class ReplicateAPI:
    """One account's client. Thread-safe (httpx clients are)."""

    def __init__(self, base_url: str, token: str, timeout_s: float) -> None:
        import httpx

        self._client = httpx.Client(base_url=base_url.rstrip("/"), trust_env=False,
                                    timeout=httpx.Timeout(timeout_s, connect=min(10.0, timeout_s)),
                                    headers={"Authorization": f"Bearer {token}", "User-Agent": "adstudio"})

    def create(self, model: str, version: str, inp: dict[str, Any], cancel_after_s: float) -> Prediction:
        """Start a prediction, by version for a community model, else by model name."""
        headers = {"Cancel-After": cancel_after_header(cancel_after_s)}
        if version:
            return self._prediction("POST", "/v1/predictions", {"version": version, "input": inp}, headers)
        return self._prediction("POST", f"/v1/models/{model}/predictions", {"input": inp}, headers)

    def get(self, pid: str) -> Prediction:
        return self._prediction("GET", f"/v1/predictions/{pid}")

    def cancel(self, pid: str) -> Prediction:
        """Cancel a prediction; its state after the cancel (asked for again when the answer to
        the cancel does not carry it: the API reference documents no body for it)."""
        try:
            return self._prediction("POST", f"/v1/predictions/{pid}/cancel")
        except MalformedAnswer:
            return self.get(pid)

    def close(self) -> None:
        self._client.close()

    def _prediction(self, method: str, path: str, body: dict | None = None,
                    headers: dict[str, str] | None = None) -> Prediction:
        resp = self._client.request(method, path, json=body, headers=headers)
        try:
            data = resp.json()
        except ValueError:
            data = None
        if resp.status_code >= 400:
            raise APIError(resp.status_code, _detail(data, resp.text),
                           throttle_wait(resp.headers, data) if resp.status_code == 429 else
                           http.parse_retry_after(resp.headers.get("retry-after")))
        if data is None:
            raise MalformedAnswer("the answer is not valid JSON (malformed)")
        return Prediction.from_json(data)


def _detail(data: Any, text: str) -> str:
    if isinstance(data, dict):
        parts = [str(data[k]) for k in ("title", "detail") if data.get(k)]
        if parts:
            return ": ".join(parts)
    return (text or "no detail").strip()[:300]
