"""HTTP servers on 127.0.0.1 that speak the OpenAI and Replicate protocols.

They use the real request and response shapes, so the official SDKs talk to them unmodified:

* FakeOpenAI: POST /v1/chat/completions -> {id, object, created, model, choices[0].message
  {content, refusal}, finish_reason, usage}. By default the answer is the local spec writer's
  spec for the brief found in the request, in the shape of the structured-output schema.
* FakeReplicate: POST /v1/models/{owner}/{name}/predictions (official models) and POST
  /v1/predictions {version} (community models), GET /v1/predictions/{id} (starting ->
  processing -> succeeded), POST .../cancel; outputs are URLs on the server itself (/files/...),
  with metrics.predict_time. It is as strict as the service where the project depends on it:
  only the models in tests/fakes/schemas exist, every input is checked against that model's
  published schema (422 otherwise), a create's `Cancel-After` deadline is enforced (aborted
  before it starts, canceled while it runs), and with `creates_per_minute` set creates are
  throttled the way a new account is: 429 with the reset time in the body and no Retry-After.

Faults are queued with `fail(...)` (HTTP status, Retry-After, a delay past the client's timeout,
a malformed body) and, for Replicate, with `output_faults` (undecodable or wrong-kind output, an
output on a foreign host, a failed or aborted prediction, an expired file). Every answered call
is kept in `answered` (and every canceled one in `canceled`), so a test can compare the cost
ledger with what was really served.
"""

from __future__ import annotations

import base64
import json
import math
import re
import threading
import time
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable

from . import media, schemas


@dataclass
class Fault:
    method: str
    path: str  # regex matched against the request path
    status: int = 500
    times: int = 1
    body: Any = None  # dict -> JSON; bytes/str -> as is
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds to stall before answering (a timeout when longer than the client waits)


class FakeServer:
    def __init__(self, token: str) -> None:
        self.token = token
        self.faults: list[Fault] = []
        self.requests: list[tuple[str, str, int]] = []  # (method, path, status)
        self.log: list[dict] = []  # the same, with the time each was answered (time.monotonic)
        self.lock = threading.Lock()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:  # quiet
                return

            def _do(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                body = self.rfile.read(length) if length else b""
                status, headers, payload = outer._dispatch(self.command, self.path, dict(self.headers.items()), body)
                try:
                    self.send_response(status)
                    for k, v in headers.items():
                        self.send_header(k, v)
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            do_GET = do_POST = do_PUT = do_DELETE = _do

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02},
                                       daemon=True)

    def start(self) -> "FakeServer":
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def fail(self, method: str, path: str, status: int = 500, times: int = 1, body: Any = None,
             headers: dict[str, str] | None = None, delay: float = 0.0) -> None:
        """Answer the next `times` matching requests with this fault instead."""
        with self.lock:
            self.faults.append(Fault(method, path, status, times, body, headers or {}, delay))

    def count(self, method: str, path_regex: str, status: int | None = None) -> int:
        with self.lock:
            return sum(1 for m, p, s in self.requests if m == method and re.search(path_regex, p)
                       and (status is None or s == status))

    # -- plumbing -------------------------------------------------------------------------
    def _dispatch(self, method: str, path: str, headers: dict[str, str], body: bytes) -> tuple[int, dict, bytes]:
        fault = None
        with self.lock:
            for f in self.faults:
                if f.times > 0 and f.method == method and re.search(f.path, path):
                    f.times -= 1
                    fault = f
                    break
        if fault is not None:
            self._log(method, path, fault.status)
            if fault.delay:
                time.sleep(fault.delay)
            payload = fault.body
            if isinstance(payload, dict):
                data, ctype = json.dumps(payload).encode(), "application/json"
            elif isinstance(payload, str):
                data, ctype = payload.encode(), "application/json"
            else:
                data, ctype = payload or b"", "application/json"
            return fault.status, {"Content-Type": ctype, **fault.headers}, data
        try:
            status, hdrs, payload = self.handle(method, path, {k.lower(): v for k, v in headers.items()}, body)
        except Exception as exc:  # a bug in the fake: make it visible
            status, hdrs, payload = 599, {"Content-Type": "text/plain"}, repr(exc).encode()
        self._log(method, path, status)
        return status, hdrs, payload

    def _log(self, method: str, path: str, status: int) -> None:
        with self.lock:
            self.requests.append((method, path.split("?")[0], status))
            self.log.append({"method": method, "path": path.split("?")[0], "status": status, "t": time.monotonic()})

    def authorised(self, headers: dict[str, str]) -> bool:
        return headers.get("authorization") == f"Bearer {self.token}"

    def handle(self, method: str, path: str, headers: dict[str, str], body: bytes) -> tuple[int, dict, bytes]:
        raise NotImplementedError


def _json(status: int, data: Any, headers: dict[str, str] | None = None) -> tuple[int, dict, bytes]:
    return status, {"Content-Type": "application/json", **(headers or {})}, json.dumps(data).encode()


# --- OpenAI ------------------------------------------------------------------------------


def spec_answer_for(request: dict) -> dict:
    """What a well-behaved model answers: the local spec writer's spec for the request's brief,
    in the structured-output shape (no fields the brief decides, no starts or seeds)."""
    from pipeline.models import Brief
    from pipeline.providers.local.spec_writer import write_spec

    user = [m for m in request["messages"] if m["role"] == "user"][-1]["content"]
    info = json.loads(user[user.index("{"):])
    brief = Brief(prompt=info["brief"], duration_s=info["duration_s"], formats=tuple(info["formats"]))
    spec = write_spec(brief, info.get("template"))
    d = spec.model_dump(mode="json")
    for k in ("brief", "formats", "width", "height", "fps", "seed"):
        d.pop(k)
    for b in d["beats"]:
        b.pop("start")
        b.pop("seed")
    return d


# Models that think before they answer, and how much they think at each reasoning effort
# (hidden output tokens, billed; the real figures vary, these are of the right size).
REASONING_MODELS = ("gpt-5", "o1", "o3", "o4")
REASONING_TOKENS = {"minimal": 300, "low": 1500, "medium": 5000, "high": 16000}


class FakeOpenAI(FakeServer):
    """POST /v1/chat/completions. `answers` is a queue of overrides for the next answers:
    {"refusal": text}, {"content": raw string}, {"data": dict}, {"mutate": fn(dict) -> dict},
    {"finish_reason": "length"}."""

    def __init__(self, token: str = "sk-test-fake-0123456789abcdef") -> None:
        super().__init__(token)
        self.answers: list[dict] = []
        self.answered: list[dict] = []  # {"id", "model", "usage"} of every 200 answer
        self.last_request: dict | None = None
        self.latency_s = 0.0  # how long a completion takes (benchmarks)

    def handle(self, method, path, headers, body):
        if self.latency_s and method == "POST":
            time.sleep(self.latency_s)
        if not path.startswith("/v1/chat/completions") or method != "POST":
            return _json(404, {"error": {"message": f"no route {method} {path}", "type": "invalid_request_error"}})
        if not self.authorised(headers):
            given = headers.get("authorization", "").removeprefix("Bearer ")
            return _json(401, {"error": {"message": f"Incorrect API key provided: {given}. You can find your "
                                                    "API key at https://platform.openai.com/account/api-keys.",
                                         "type": "invalid_request_error", "code": "invalid_api_key"}})
        req = json.loads(body)
        self.last_request = req
        reasoning = req["model"].startswith(REASONING_MODELS)
        # As the real API: reasoning models refuse max_tokens, the others refuse reasoning_effort.
        if reasoning and "max_tokens" in req:
            return _json(400, {"error": {"message": "Unsupported parameter: 'max_tokens' is not supported with this "
                                                    "model. Use 'max_completion_tokens' instead.",
                                         "type": "invalid_request_error", "param": "max_tokens",
                                         "code": "unsupported_parameter"}})
        if not reasoning and "reasoning_effort" in req:
            return _json(400, {"error": {"message": "Unsupported parameter: 'reasoning_effort' is not supported with "
                                                    "this model.", "type": "invalid_request_error",
                                         "param": "reasoning_effort", "code": "unsupported_parameter"}})
        fmt = req.get("response_format", {})
        assert fmt.get("type") == "json_schema" and fmt["json_schema"]["strict"] is True, fmt
        override = self.answers.pop(0) if self.answers else {}
        content, refusal = None, None
        if "refusal" in override:
            refusal = override["refusal"]
        elif "content" in override:
            content = override["content"]
        else:
            data = override.get("data") or spec_answer_for(req)
            if "mutate" in override:
                data = override["mutate"](data)
            content = json.dumps(data)
        rid = f"chatcmpl-{uuid.uuid4().hex[:20]}"
        finish = override.get("finish_reason", "stop")
        answer_tokens = len(content or refusal or "") // 4
        thought = REASONING_TOKENS[req.get("reasoning_effort", "medium")] if reasoning else 0
        cap = req.get("max_completion_tokens", req.get("max_tokens"))
        if reasoning and cap is not None and thought + answer_tokens > cap:
            # The hidden reasoning counts against the cap: what is left of it is all the answer
            # gets, and the whole cap is billed.
            room = max(0, cap - thought) * 4
            content, refusal, finish = (content or "")[:room], None, "length"
            thought, answer_tokens = min(thought, cap), len((content or "")[:room]) // 4
        usage = {"prompt_tokens": len(body) // 4, "completion_tokens": thought + answer_tokens,
                 "completion_tokens_details": {"reasoning_tokens": thought}}
        usage["total_tokens"] = usage["prompt_tokens"] + usage["completion_tokens"]
        with self.lock:
            self.answered.append({"id": rid, "model": req["model"], "usage": usage})
        return _json(200, {
            "id": rid, "object": "chat.completion", "created": int(time.time()), "model": req["model"],
            "system_fingerprint": "fp_fake",
            "choices": [{"index": 0, "logprobs": None, "finish_reason": finish,
                         "message": {"role": "assistant", "content": content, "refusal": refusal}}],
            "usage": usage,
        })


# --- Replicate ---------------------------------------------------------------------------

RATIOS = {"16:9": (160, 90), "9:16": (90, 160), "1:1": (120, 120), "4:3": (160, 120), "3:4": (120, 160),
          "21:9": (168, 72), "3:2": (150, 100), "2:3": (100, 150), "4:5": (112, 140), "5:4": (140, 112),
          "9:21": (72, 168)}
CREATE_BODY_FIELDS = {"input", "version", "webhook", "webhook_events_filter", "stream"}
# A Go-style duration, as Replicate writes Cancel-After in its examples ("1m").
DURATION = re.compile(r"^(?:\d+(?:\.\d+)?(?:h|m|s|ms))+$")
_DURATION_PART = re.compile(r"(\d+(?:\.\d+)?)(ms|h|m|s)")
TERMINAL = ("succeeded", "failed", "canceled", "aborted")


def duration_s(text: str) -> float:
    unit = {"h": 3600.0, "m": 60.0, "s": 1.0, "ms": 0.001}
    return sum(float(n) * unit[u] for n, u in _DURATION_PART.findall(text))


class FakeReplicate(FakeServer):
    """The predictions API. `polls_to_finish` GETs take a prediction from starting to succeeded.
    `output_faults` is a queue of faults for the next predictions to finish: "undecodable",
    "html", "foreign", "failed", "aborted", "missing", "expired".

    Throttling: with `creates_per_minute` set, creates are limited like a new account's ("6
    requests per minute with a burst of 1"): a create over the limit gets 429 and a body naming
    when the limit resets (`throttle_body`: "docs", the documented `{"detail": "Request was
    throttled. Your rate limit resets in ~30s."}`, or "low_credit", the longer body low-credit
    accounts see, with a `retry_after` field) and never a Retry-After header. `timescale` is
    real seconds per second of the service's clock (minutes compressed into seconds), and
    applies to throttling and Cancel-After deadlines; predict times are in service seconds."""

    def __init__(self, token: str = "r8_fakeToken0123456789abcdefABCDEF", polls_to_finish: int = 2,
                 music_offset_s: float = 0.17, video_size: tuple[int, int] = (160, 90),
                 creates_per_minute: float | None = None, timescale: float = 1.0, throttle_body: str = "docs") -> None:
        super().__init__(token)
        self.polls_to_finish = polls_to_finish
        self.music_offset_s = music_offset_s
        self.video_size = video_size
        self.creates_per_minute = creates_per_minute
        self.timescale = timescale
        self.throttle_body = throttle_body
        self._tokens, self._bucket_t = 1.0, None  # the create limit's bucket (burst of one)
        self.throttled: list[float] = []  # when each throttled create was refused (time.monotonic)
        self.predictions: dict[str, dict] = {}
        self.polls: dict[str, int] = {}
        self.files: dict[str, tuple[str, bytes]] = {}
        self.output_faults: list[str | tuple[str, str]] = []  # fault, or (model substring, fault)
        self.model_polls: dict[str, int] = {}  # model substring -> polls to finish (slow models)
        # model substring -> seconds a prediction takes, however often it is polled (benchmarks)
        self.model_latency_s: dict[str, float] = {}
        self.started: dict[str, float] = {}  # id -> when it was created (time.monotonic)
        self.running_since: dict[str, float] = {}  # id -> when it started processing
        self.answered: list[dict] = []  # succeeded predictions: {"id", "model", "predict_time", "input"}
        self.canceled: list[dict] = []  # canceled predictions: {"id", "model", "predict_time", "input"}
        self.created: list[dict] = []  # {"id", "model", "cancel_after", "t"}
        self.outputs: dict[str, Callable[[dict], tuple[str, str, bytes]]] = {}

    # -- outputs by model -----------------------------------------------------------------
    def make_output(self, model: str, inp: dict) -> tuple[str, str, bytes]:
        """(file name, content type, bytes) of a model's output for `inp`."""
        if model in self.outputs:
            return self.outputs[model](inp)
        seed = int(inp.get("seed") or 0)
        if "real-esrgan" in model:
            raw = base64.b64decode(inp["image"].split(",", 1)[1])
            return "out.png", "image/png", media.upscaled_png(raw, int(inp.get("scale", 4)))
        if "flux" in model or "sdxl" in model:
            if "width" in inp:
                w, h = inp["width"], inp["height"]
                k = 160 / max(w, h)
                w, h = max(16, int(w * k)), max(16, int(h * k))
            else:
                w, h = RATIOS.get(inp.get("aspect_ratio", "16:9"), (160, 90))
            return "out-0.png", "image/png", media.png(w, h, seed)
        if any(k in model for k in ("wan", "seedance", "kling")):
            fps = int(inp.get("frames_per_second", 16))
            frames = int(inp.get("num_frames") or fps * int(inp.get("duration", 5)))
            if "wan" in model:
                frames = 4 * ((frames - 1) // 4) + 1  # Wan makes 4n + 1 frames
            return "output.mp4", "video/mp4", media.mp4(*self.video_size, frames, fps)
        if "musicgen" in model:
            bpm = float(re.search(r"(\d+(?:\.\d+)?) BPM", inp["prompt"]).group(1))
            return "out.wav", "audio/wav", media.wav(float(inp.get("duration", 8)), bpm, self.music_offset_s)
        raise ValueError(f"the fake has no output for {model}")

    def predict_time(self, model: str) -> float:
        return {"meta/musicgen": 12.5, "stability-ai/sdxl": 4.2, "nightmareai/real-esrgan": 1.8}.get(model, 2.0)

    # -- protocol -------------------------------------------------------------------------
    def _prediction_json(self, p: dict) -> dict:
        return {k: p[k] for k in ("id", "model", "version", "status", "input", "output", "logs", "error", "metrics",
                                  "created_at", "started_at", "completed_at", "urls", "data_removed")}

    def handle(self, method, path, headers, body):
        path = path.split("?")[0]
        if method == "GET" and path.startswith("/files/"):
            name = path[len("/files/"):]
            if name not in self.files:
                return 404, {"Content-Type": "text/plain"}, b"not found"
            ctype, data = self.files[name]
            return 200, {"Content-Type": ctype}, data
        if not self.authorised(headers):
            return _json(401, {"title": "Unauthenticated", "detail": "You did not pass a valid authentication token",
                               "status": 401})
        m = re.fullmatch(r"/v1/models/([^/]+)/([^/]+)/predictions", path)
        if method == "POST" and m:
            model = f"{m.group(1)}/{m.group(2)}"
            doc = schemas.model_schemas().get(model)
            if doc is None:
                return _json(404, {"title": "Not found", "detail": f"Model {model} not found", "status": 404})
            if not doc["official"]:
                # Only official models run by name; any other needs a version.
                return _json(404, {"title": "Not found", "detail": f"{model} is not an official model: create its "
                                   "predictions with a version (POST /v1/predictions)", "status": 404})
            return self._create(model, "", body, headers)
        if method == "POST" and path == "/v1/predictions":
            req = _body(body)
            version = str((req or {}).get("version", ""))
            model = schemas.versions().get(version.split(":")[-1])
            if model is None:
                return _json(422, {"title": "Invalid version", "detail": f"version {version} does not exist",
                                   "status": 422})
            return self._create(model, version.split(":")[-1], body, headers)
        m = re.fullmatch(r"/v1/predictions/([^/]+)", path)
        if method == "GET" and m:
            return self._get(m.group(1))
        m = re.fullmatch(r"/v1/predictions/([^/]+)/cancel", path)
        if method == "POST" and m:
            return self._cancel(m.group(1))
        return _json(404, {"title": "Not found", "detail": f"no route {method} {path}", "status": 404})

    # -- creating ---------------------------------------------------------------------------
    def _create(self, model: str, version: str, body: bytes, headers: dict[str, str]):
        wait = self._throttle_wait()
        if wait is not None:
            return self._throttled_answer(wait)
        req = _body(body)
        if req is None:
            return _json(400, {"title": "Bad request", "detail": "the body is not a JSON object", "status": 400})
        unknown = sorted(set(req) - CREATE_BODY_FIELDS)
        if unknown:
            return _json(422, {"title": "Invalid request", "detail": f"unknown fields: {', '.join(unknown)}",
                               "status": 422})
        cancel_after = headers.get("cancel-after")
        if cancel_after is not None and (not DURATION.match(cancel_after) or duration_s(cancel_after) <= 0):
            return _json(422, {"title": "Invalid Cancel-After", "detail": f"{cancel_after!r} is not a duration such "
                                                                          "as 30s, 5m or 1h", "status": 422})
        errors = schemas.input_errors(model, req.get("input"))
        if errors:
            return _json(422, {"title": "Input validation failed",
                               "detail": "".join(f"- {f}: {d}\n" for f, _, d in errors), "status": 422,
                               "invalid_fields": [{"type": t, "field": f, "description": d} for f, t, d in errors]})
        return _json(201, self._new_prediction(model, version, req["input"], cancel_after))

    def _new_prediction(self, model: str, version: str, inp: dict, cancel_after: str | None) -> dict:
        pid = uuid.uuid4().hex[:26]
        now = time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime())
        p = {"id": pid, "model": model, "version": version or "hidden", "status": "starting", "input": inp,
             "output": None, "logs": "", "error": None, "metrics": {}, "created_at": now, "started_at": None,
             "completed_at": None, "data_removed": False,
             "urls": {"get": f"{self.base}/v1/predictions/{pid}", "cancel": f"{self.base}/v1/predictions/{pid}/cancel"},
             "deadline_s": duration_s(cancel_after) if cancel_after else None}
        with self.lock:
            self.predictions[pid] = p
            self.polls[pid] = 0
            self.started[pid] = time.monotonic()
            self.created.append({"id": pid, "model": model, "cancel_after": cancel_after, "t": time.monotonic()})
        return self._prediction_json(p)

    def _throttle_wait(self) -> float | None:
        """None when a create may go ahead now (and takes the turn), else the service seconds
        until the limit lets one through."""
        if self.creates_per_minute is None:
            return None
        rate = self.creates_per_minute / 60.0
        with self.lock:
            now = time.monotonic() / self.timescale
            last = now if self._bucket_t is None else self._bucket_t
            self._tokens = min(1.0, self._tokens + (now - last) * rate)
            self._bucket_t = now
            if self._tokens >= 1.0 - 1e-9:
                self._tokens -= 1.0
                return None
            self.throttled.append(time.monotonic())
            return (1.0 - self._tokens) / rate

    def _throttled_answer(self, wait: float):
        resets = max(1, math.ceil(wait))
        if self.throttle_body == "low_credit":
            body = {"detail": "Request was throttled. Your rate limit for creating predictions is reduced to "
                              f"{self.creates_per_minute:g} requests per minute with a burst of 1 requests while you "
                              f"have less than $5.0 in credit. Your rate limit resets in ~{resets}s.",
                    "status": 429, "retry_after": resets}
        else:
            body = {"detail": f"Request was throttled. Your rate limit resets in ~{resets}s."}
        return _json(429, body)  # and, as documented, no Retry-After header

    # -- running ----------------------------------------------------------------------------
    def _age_s(self, pid: str) -> float:
        return (time.monotonic() - self.started[pid]) / self.timescale

    def _ran_s(self, pid: str, until: float | None = None) -> float:
        """Service seconds the prediction has been processing (up to `until`, a service age)."""
        if pid not in self.running_since:
            return 0.0
        ran = (time.monotonic() - self.running_since[pid]) / self.timescale
        if until is not None:
            ran = min(ran, max(0.0, until - (self.running_since[pid] - self.started[pid]) / self.timescale))
        return round(ran, 3)

    def _stop(self, p: dict, status: str, ran_s: float) -> None:
        """End a prediction that did not succeed (lock held): aborted ones never ran, canceled
        ones are billed for the time they ran."""
        now = time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime())
        p.update(status=status, completed_at=now, metrics={"predict_time": ran_s} if status == "canceled" else {})
        if status == "canceled" and ran_s > 0:
            self.canceled.append({"id": p["id"], "model": p["model"], "predict_time": ran_s, "input": p["input"]})

    def _past_deadline(self, p: dict) -> bool:
        """Enforce Cancel-After (lock held): aborted if it never started, else canceled."""
        deadline = p.get("deadline_s")
        if p["status"] in TERMINAL or deadline is None or self._age_s(p["id"]) <= deadline:
            return False
        running = p["id"] in self.running_since
        self._stop(p, "canceled" if running else "aborted", self._ran_s(p["id"], until=deadline))
        return True

    def _cancel(self, pid: str):
        with self.lock:
            p = self.predictions.get(pid)
            if p is None:
                return _json(404, {"title": "Not found", "detail": "Prediction not found", "status": 404})
            if not self._past_deadline(p) and p["status"] not in TERMINAL:
                self._stop(p, "canceled", self._ran_s(pid))
            return _json(200, self._prediction_json(p))

    def _get(self, pid: str):
        with self.lock:
            p = self.predictions.get(pid)
            if p is None:
                return _json(404, {"title": "Not found", "detail": "Prediction not found", "status": 404})
            if self._past_deadline(p) or p["status"] in TERMINAL:
                return _json(200, self._prediction_json(p))
            self.polls[pid] += 1
            polls = self.polls[pid]
            needed = next((n for k, n in self.model_polls.items() if k in p["model"]), self.polls_to_finish)
            latency = next((s for k, s in self.model_latency_s.items() if k in p["model"]), 0.0)
            fault = self._fault_for(p["model"], peek=True)
            if fault == "aborted":  # as if its deadline passed while it was queued
                self._fault_for(p["model"])
                self._stop(p, "aborted", 0.0)
                return _json(200, self._prediction_json(p))
            if polls < needed or time.monotonic() - self.started[pid] < latency:
                p["status"] = "processing"
                p["started_at"] = p["started_at"] or p["created_at"]
                self.running_since.setdefault(pid, time.monotonic())
                p["logs"] = f"{50 * polls // needed}%|#####     | {polls}/{needed}"
                return _json(200, self._prediction_json(p))
            fault = self._fault_for(p["model"])
        self._finish(p, fault)
        return _json(200, self._prediction_json(p))

    def _fault_for(self, model: str, peek: bool = False) -> str | None:
        """The next queued output fault that applies to `model` (lock held); removed unless peeking."""
        for i, f in enumerate(self.output_faults):
            if isinstance(f, str) or f[0] in model:
                if not peek:
                    del self.output_faults[i]
                return f if isinstance(f, str) else f[1]
        return None

    def _finish(self, p: dict, fault: str | None) -> None:
        now = time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime())
        if fault == "failed":
            with self.lock:
                p.update(status="failed", error="CUDA out of memory (fake)", completed_at=now)
            return
        name, ctype, data = self.make_output(p["model"], p["input"])
        if fault == "undecodable":
            data = data[:8] + b"\x00garbage\x00" * 40
        elif fault == "html":
            ctype, data = "text/html", b"<html><body>Service unavailable</body></html>"
        fname = f"{p['id']}/{name}"
        url = f"{self.base}/files/{fname}"
        if fault == "foreign":
            url = f"https://evil.example.com/files/{fname}"
        with self.lock:
            if fault != "expired":
                self.files[fname] = (ctype, data)
            output: Any = url
            if schemas.model_schemas()[p["model"]]["output"] == "array":
                output = [url]
            if fault == "missing":
                output = None
            pt = self.predict_time(p["model"])
            p.update(status="succeeded", output=output, completed_at=now, metrics={"predict_time": pt})
            self.answered.append({"id": p["id"], "model": p["model"], "predict_time": pt, "input": p["input"]})


def _body(body: bytes) -> dict | None:
    try:
        data = json.loads(body or b"{}")
    except ValueError:
        return None
    return data if isinstance(data, dict) else None
