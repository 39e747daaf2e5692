"""HTTP servers on 127.0.0.1 that speak the OpenAI and Replicate protocols.

They use the real request and response shapes, so the official SDKs talk to them unmodified:

* FakeOpenAI: POST /v1/chat/completions -> {id, object, created, model, choices[0].message
  {content, refusal}, finish_reason, usage}. By default the answer is the local spec writer's
  spec for the brief found in the request, in the shape of the structured-output schema.
* FakeReplicate: POST /v1/models/{owner}/{name}/predictions and POST /v1/predictions {version},
  GET /v1/predictions/{id} (starting -> processing -> succeeded), POST .../cancel; outputs are
  URLs on the server itself (/files/...), with metrics.predict_time.

Faults are queued with `fail(...)` (HTTP status, Retry-After, a delay past the client's timeout,
a malformed body) and, for Replicate, with `output_faults` (undecodable or wrong-kind output, an
output on a foreign host, a failed prediction, an expired file). Every answered call is kept in
`answered`, so a test can compare the cost ledger with what was really served.
"""

from __future__ import annotations

import base64
import json
import re
import threading
import time
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable

from . import media


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

KNOWN_VERSIONS = {
    "7762fd07cf82c948538e41f63f77d685e02b063e37e496e96eefd46c929f9bdc": "stability-ai/sdxl",
    "671ac645ce5e552cc63a54a2bbff63fcf798043055d2dac5fc9e36a837eedcfb": "meta/musicgen",
    "f121d640bd286e1fdc67f9799164c1d5be36ff74576ee11c803ae5b665dd46aa": "nightmareai/real-esrgan",
}
RATIOS = {"16:9": (160, 90), "9:16": (90, 160), "1:1": (120, 120), "4:3": (160, 120), "3:4": (120, 160),
          "21:9": (168, 72), "3:2": (150, 100), "2:3": (100, 150), "4:5": (112, 140), "5:4": (140, 112),
          "9:21": (72, 168)}


class FakeReplicate(FakeServer):
    """The predictions API. `polls_to_finish` GETs take a prediction from starting to succeeded.
    `output_faults` is a queue of faults for the next predictions to finish: "undecodable",
    "html", "foreign", "failed", "missing", "expired"."""

    def __init__(self, token: str = "r8_fakeToken0123456789abcdefABCDEF", polls_to_finish: int = 2,
                 music_offset_s: float = 0.17, video_size: tuple[int, int] = (160, 90)) -> None:
        super().__init__(token)
        self.polls_to_finish = polls_to_finish
        self.music_offset_s = music_offset_s
        self.video_size = video_size
        self.predictions: dict[str, dict] = {}
        self.polls: dict[str, int] = {}
        self.files: dict[str, tuple[str, bytes]] = {}
        self.output_faults: list[str | tuple[str, str]] = []  # fault, or (model substring, fault)
        self.model_polls: dict[str, int] = {}  # model substring -> polls to finish (slow models)
        # model substring -> seconds a prediction takes, however often it is polled (benchmarks)
        self.model_latency_s: dict[str, float] = {}
        self.started: dict[str, float] = {}
        self.answered: list[dict] = []  # succeeded predictions: {"id", "model", "predict_time", "input"}
        self.created: list[dict] = []
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
            return self._create(f"{m.group(1)}/{m.group(2)}", "", json.loads(body or b"{}"))
        if method == "POST" and path == "/v1/predictions":
            req = json.loads(body or b"{}")
            version = req.get("version", "")
            model = KNOWN_VERSIONS.get(version.split(":")[-1])
            if model is None:
                return _json(422, {"title": "Invalid version", "detail": f"version {version} does not exist",
                                   "status": 422})
            return self._create(model, version, req)
        m = re.fullmatch(r"/v1/predictions/([^/]+)", path)
        if method == "GET" and m:
            return self._get(m.group(1))
        m = re.fullmatch(r"/v1/predictions/([^/]+)/cancel", path)
        if method == "POST" and m and m.group(1) in self.predictions:
            p = self.predictions[m.group(1)]
            p["status"] = "canceled"
            return _json(200, self._prediction_json(p))
        return _json(404, {"title": "Not found", "detail": f"no route {method} {path}", "status": 404})

    def _create(self, model: str, version: str, req: dict):
        if not isinstance(req.get("input"), dict):
            return _json(422, {"title": "Input validation failed", "detail": "input is required", "status": 422})
        pid = uuid.uuid4().hex[:26]
        now = time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime())
        p = {"id": pid, "model": model, "version": version or "hidden", "status": "starting", "input": req["input"],
             "output": None, "logs": "", "error": None, "metrics": {}, "created_at": now, "started_at": None,
             "completed_at": None, "data_removed": False,
             "urls": {"get": f"{self.base}/v1/predictions/{pid}", "cancel": f"{self.base}/v1/predictions/{pid}/cancel"}}
        with self.lock:
            self.predictions[pid] = p
            self.polls[pid] = 0
            self.started[pid] = time.monotonic()
            self.created.append({"id": pid, "model": model})
        return _json(201, self._prediction_json(p))

    def _get(self, pid: str):
        with self.lock:
            p = self.predictions.get(pid)
            if p is None:
                return _json(404, {"title": "Not found", "detail": "Prediction not found", "status": 404})
            if p["status"] in ("succeeded", "failed", "canceled"):
                return _json(200, self._prediction_json(p))
            self.polls[pid] += 1
            polls = self.polls[pid]
            needed = next((n for k, n in self.model_polls.items() if k in p["model"]), self.polls_to_finish)
            latency = next((s for k, s in self.model_latency_s.items() if k in p["model"]), 0.0)
            if polls < needed or time.monotonic() - self.started[pid] < latency:
                p["status"] = "processing"
                p["started_at"] = p["started_at"] or p["created_at"]
                p["logs"] = f"{50 * polls // needed}%|#####     | {polls}/{needed}"
                return _json(200, self._prediction_json(p))
            fault = None
            for i, f in enumerate(self.output_faults):
                if isinstance(f, str) or f[0] in p["model"]:
                    fault = f if isinstance(f, str) else f[1]
                    del self.output_faults[i]
                    break
        self._finish(p, fault)
        return _json(200, self._prediction_json(p))

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
            if "flux" in p["model"] or "sdxl" in p["model"]:
                output = [url]
            if fault == "missing":
                output = None
            pt = self.predict_time(p["model"])
            p.update(status="succeeded", output=output, completed_at=now, metrics={"predict_time": pt})
            self.answered.append({"id": p["id"], "model": p["model"], "predict_time": pt, "input": p["input"]})
