"""Images, video, music and upscaling on Replicate, over its HTTP API (`replicate_api`).

Every prediction goes through `_Replicate._run`:

* its key is a hash of the model and its exact input; the prediction id is stored under that key
  the moment Replicate returns it, so a restarted run polls the running (or finished) prediction
  instead of paying for a new one;
* creates are paced to the account's rate limit (`ADSTUDIO_REPLICATE_CREATES_PER_MINUTE`, one
  limiter per account shared by every provider), a throttled create waits the time Replicate
  names and is tried again (it was never billed), and the run shows "waiting for Replicate's
  rate limit" meanwhile;
* every create carries its deadline (`Cancel-After`, a setting per model kind); a prediction
  still running when the provider stops waiting is canceled, so it stops billing;
* calls are made with timeouts and retried with backoff and jitter on 5xx, timeouts and
  connection errors, never on exhausted credit (402);
* the ledger records each prediction once, keyed by its id: a succeeded one at its price, a
  canceled one for the time it ran, an aborted or failed one not at all;
* its output is downloaded at once (outputs expire), only from Replicate's own hosts (the API's
  host, and replicate.delivery for the real service), and checked: the right kind of file,
  decodable, not too large.

Nothing here imports an SDK; httpx is imported when a provider first calls Replicate.
"""

from __future__ import annotations

import base64
import hashlib
import io
import math
import tempfile
import threading
import time
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import numpy as np

from .. import control
from ..config import Settings
from ..errors import ConfigError, ProviderError
from ..models import ClipPieces
from . import http, pricing
from .replicate_api import APIError, MalformedAnswer, Prediction, ReplicateAPI

REPLICATE_URL = "https://api.replicate.com"
DELIVERY_HOSTS = ("replicate.delivery", ".replicate.delivery")
LOOPBACK = ("127.0.0.1", "localhost", "::1")
CANCEL_SETTLE_POLLS = 10  # polls after a cancel for the prediction to say how it ended

_KEY_LOCKS: dict[str, threading.Lock] = {}
_KEY_LOCKS_GUARD = threading.Lock()
_LIMITERS: dict[tuple, http.RateLimiter] = {}
_LIMITERS_GUARD = threading.Lock()


def _lock_for(key: str) -> threading.Lock:
    """One lock per prediction key: two formats of one beat share one paid prediction."""
    with _KEY_LOCKS_GUARD:
        return _KEY_LOCKS.setdefault(key, threading.Lock())


def _account_limiter(base_url: str, token: str, per_minute: float, timescale: float) -> http.RateLimiter:
    """The create limiter of one account: the rate limit is the account's, not a provider's, so
    images, clips, music and upscaled frames all queue on the same one."""
    account = (base_url, hashlib.sha256(token.encode()).hexdigest(), per_minute, timescale)
    with _LIMITERS_GUARD:
        if account not in _LIMITERS:
            _LIMITERS[account] = http.RateLimiter(per_minute, timescale)
        return _LIMITERS[account]


def data_uri(img: Any, fmt: str = "PNG", quality: int = 92) -> str:
    """A PIL image as a data URI (Replicate accepts these for inputs under ~1 MB)."""
    buf = io.BytesIO()
    if fmt == "JPEG":
        img.convert("RGB").save(buf, format="JPEG", quality=quality)
    else:
        img.save(buf, format=fmt)
    mime = {"PNG": "image/png", "JPEG": "image/jpeg"}[fmt]
    return f"data:{mime};base64,{base64.b64encode(buf.getvalue()).decode('ascii')}"


def _key_material(value: Any) -> Any:
    """Input for the prediction key: data URIs by digest, so keys stay short."""
    if isinstance(value, str) and value.startswith("data:"):
        return "sha256:" + hashlib.sha256(value.encode("ascii", "ignore")).hexdigest()
    if isinstance(value, dict):
        return {k: _key_material(v) for k, v in sorted(value.items())}
    if isinstance(value, (list, tuple)):
        return [_key_material(v) for v in value]
    return value


def first_url(output: Any) -> str | None:
    if isinstance(output, str):
        return output
    if isinstance(output, (list, tuple)) and output and isinstance(output[0], str):
        return output[0]
    if isinstance(output, dict):
        for k in ("video", "audio", "image", "output", "url"):
            if isinstance(output.get(k), str):
                return output[k]
    return None


class _Replicate:
    """What every Replicate provider shares: client, key check, predictions, ledger, downloads."""

    name = "replicate"
    remote = True
    kind = ""  # image, video, music, upscale (the price table's kind)
    phase = ""  # ledger phase of this provider's calls
    model_var = ""  # the setting that names the model
    provider_var = ""  # the setting that chooses the provider

    @property
    def per_image(self) -> float:
        """Price of one output: billed per output, else the model's typical run."""
        return self.info.per_output or self.info.typical_run

    def __init__(self, settings: Settings, model_ref: str) -> None:
        token = settings.replicate_api_token.get_secret_value().strip() if settings.replicate_api_token else ""
        if not token:
            raise ConfigError(f"Replicate {self.kind} generation needs a token: set REPLICATE_API_TOKEN "
                              f"(or {self.provider_var}=local to work offline)")
        self._token = token
        self.base_url = (settings.replicate_base_url or REPLICATE_URL).rstrip("/")
        name, version, resolution = pricing.split_model(model_ref)
        price = pricing.replicate_price(name)
        if price is None or price.kind != self.kind:
            known = ", ".join(m for m, p in sorted(pricing.REPLICATE_PRICES.items()) if p.kind == self.kind)
            raise ConfigError(f"{self.model_var}={model_ref!r} is not a {self.kind} model in the price table, so "
                              f"its cost cannot be known before a run; use one of {known}")
        self.info = price
        self.model = name
        self.model_version = version or price.version
        self.resolution = resolution or price.default_resolution
        if price.resolutions and self.resolution not in price.resolutions:
            raise ConfigError(f"{self.model_var}: {name} has no resolution {self.resolution!r}; "
                              f"use one of {', '.join(price.resolutions)}")
        self.version = f"{name}:{self.model_version or 'latest'}" + (f"@{self.resolution}" if self.resolution else "")
        parts = urlsplit(self.base_url)
        host = (parts.hostname or "").lower()
        self.allowed_hosts = (host,) + (DELIVERY_HOSTS if host == "api.replicate.com" else ())
        self.allow_http = (host,) if parts.scheme == "http" and host in LOOPBACK else ()
        self.policy = http.DEFAULT_POLICY
        self.creates_per_minute = settings.replicate_creates_per_minute
        self.cancel_after_s = settings.replicate_cancel_after_s(self.kind)
        self._client: ReplicateAPI | None = None
        self._client_timeout = 0.0
        self._lock = threading.Lock()

    # -- the API ----------------------------------------------------------------------------
    def api(self) -> ReplicateAPI:
        """The HTTP client, built on first use with the policy's timeout (again if it changed)."""
        with self._lock:
            if self._client is None or self._client_timeout != self.policy.timeout_s:
                if self._client is not None:
                    self._client.close()
                self._client = ReplicateAPI(self.base_url, self._token, self.policy.timeout_s)
                self._client_timeout = self.policy.timeout_s
            return self._client

    def limiter(self) -> http.RateLimiter:
        return _account_limiter(self.base_url, self._token, self.creates_per_minute, self.policy.timescale)

    def _classifier(self, creating: bool):
        def classify(exc: BaseException) -> http.Failure | None:
            if isinstance(exc, APIError):
                kind = http.status_kind(exc.status, exc.detail)
                if creating and exc.status == 429 and kind == http.RETRY:
                    kind = http.THROTTLED  # refused before it ran: wait and try again, unbilled
                return http.Failure(kind, f"HTTP {exc.status}: {exc.detail}", exc.status, exc.retry_after)
            if isinstance(exc, MalformedAnswer):
                # A create whose answer cannot be read may have started a prediction: never
                # repeat it blindly. A poll or cancel can be asked again.
                return http.Failure(http.FATAL if creating else http.RETRY,
                                    "the answer is not a valid prediction (malformed JSON)")
            return http.transport_failure(exc)

        return classify

    def _call(self, fn, what: str, creating: bool = False, **pacing: Any) -> Any:
        return http.call_with_retries(fn, self._classifier(creating), policy=self.policy,
                                      provider=f"Replicate ({self.model})", what=what,
                                      key_var="REPLICATE_API_TOKEN", secrets=[self._token], **pacing)

    # -- predictions -----------------------------------------------------------------------
    def prediction_key(self, inp: dict[str, Any]) -> str:
        from ..artifacts import artifact_key
        return artifact_key("prediction", model=self.model, version=self.model_version, input=_key_material(inp))

    def _create(self, ctx: Any, inp: dict[str, Any], what: str, phase: str) -> Prediction:
        """Start a prediction when the account's rate limit allows, saying so while it waits."""
        def waiting(seconds: float) -> None:
            ctx.note(f"waiting for Replicate's rate limit (about {math.ceil(seconds)} s) before starting {what}",
                     phase)

        return self._call(lambda: self.api().create(self.model, self.model_version, inp, self.cancel_after_s),
                          f"starting {what}", creating=True, limiter=self.limiter(), on_wait=waiting)

    def _get_or_none(self, pid: str) -> Prediction | None:
        try:
            return self.api().get(pid)
        except APIError as exc:
            if exc.status == 404:
                return None
            raise

    @property
    def wait_limit_s(self) -> float:
        """How long a prediction is waited for: the local timeout, at most its deadline."""
        return min(self.policy.prediction_timeout_s, self.cancel_after_s)

    def _wait(self, pred: Prediction, what: str) -> tuple[Prediction, bool]:
        """Poll until the prediction ends: (the prediction, whether it was canceled here). One
        still running when the wait is over is canceled, so it stops billing. (A canceled run
        stops polling but keeps the prediction: the resumed run polls it, unpaid twice.)"""
        deadline = time.monotonic() + self.wait_limit_s
        while not pred.done:
            if time.monotonic() > deadline:
                return self._cancel(pred, what), True
            control.current().sleep(self.policy.poll_interval_s)
            pid = pred.id
            pred = self._call(lambda: self.api().get(pid), f"checking on {what}")
        return pred, False

    def _cancel(self, pred: Prediction, what: str) -> Prediction:
        """Cancel a prediction and wait (briefly) for it to say how it ended."""
        pid = pred.id
        pred = self._call(lambda: self.api().cancel(pid), f"canceling {what}")
        for _ in range(CANCEL_SETTLE_POLLS):
            if pred.done:
                return pred
            control.current().sleep(self.policy.poll_interval_s)
            pred = self._call(lambda: self.api().get(pid), f"checking on {what}")
        # Canceled, but not yet saying so: treat it as canceled, its time unknown (so the
        # ledger takes the full price).
        return pred if pred.done else replace(pred, status="canceled", metrics={})

    def _charge(self, pred: Prediction, estimate: float) -> float | None:
        """What a finished prediction cost, or None when it was not billed. The billing rules
        are pricing.py's (see its docstring)."""
        if pred.status in ("aborted", "failed") or (pred.status == "canceled" and pred.predict_time == 0):
            return None
        if self.info.billed_by_time and pred.predict_time is not None:
            return round(pred.predict_time * self.info.gpu_per_second, 6)
        return estimate  # per-output price; for a canceled one an upper bound

    def _record(self, ctx: Any, pred: Prediction, estimate: float, description: str, phase: str) -> float:
        cost = self._charge(pred, estimate)
        if cost is None:
            return 0.0
        ctx.store.record_cost(request_id=f"replicate:{pred.id}", project_id=ctx.project_id, phase=phase,
                              provider="replicate", model=self.model, cost_usd=cost, description=description)
        return cost

    def _ended_without_output(self, ctx: Any, key: str, pred: Prediction, timed_out: bool, estimate: float,
                              what: str, phase: str) -> ProviderError:
        """Record what an unsuccessful prediction cost, forget it (a re-run starts a new one)
        and say what happened."""
        ctx.store.remember_prediction(key, "replicate", "")
        cost = self._record(ctx, pred, estimate, what, phase)
        who = f"Replicate ({self.model})"
        if pred.status == "aborted":
            detail = ("was aborted by Replicate before it started (its Cancel-After deadline passed while it "
                      "was queued); nothing was charged")
        elif pred.status == "canceled":
            charged = f"charged ${cost:.4f} for the time it ran" if cost else "nothing was charged"
            detail = (f"was still working after {self.wait_limit_s:.0f} s and was canceled so it stops "
                      f"billing ({charged})" if timed_out else f"was canceled ({charged})")
        else:
            detail = f"failed: {http.redact(pred.error or pred.status, [self._token])}"
        return ProviderError(f"{who} could not make {what}: it {detail}. Run again to start it afresh.",
                             retryable=True, provider="replicate")

    def _run(self, ctx: Any, inp: dict[str, Any], dest: Path, *, kind: str, estimate: float,
             what: str, phase: str = "") -> Path:
        """Get `inp`'s output into `dest`: reuse a stored prediction or start one, wait for it,
        record its cost once, download and check its output."""
        phase = phase or self.phase
        key = self.prediction_key(inp)
        with _lock_for(key):
            pred = None
            pid = ctx.store.prediction_for(key)
            if pid:
                # A stored prediction: poll it rather than pay for a new one. Only a prediction
                # the provider does not know (404) or that ended without output is started afresh.
                pred = self._call(lambda: self._get_or_none(pid), f"checking on {what}")
                if pred is not None and pred.status in ("failed", "canceled", "aborted"):
                    pred = None
            if pred is None:
                pred = self._create(ctx, inp, what, phase)
                ctx.store.remember_prediction(key, "replicate", pred.id)
            pred, timed_out = self._wait(pred, what)
            if pred.status != "succeeded":
                raise self._ended_without_output(ctx, key, pred, timed_out, estimate, what, phase)
            self._record(ctx, pred, estimate, what, phase)
            url = first_url(pred.output)
            try:
                if not url:
                    raise http.OutputRejected(f"Replicate ({self.model}) returned no output file for {what}",
                                              retryable=True, provider="replicate")
                return http.download(url, dest, kind=kind, allowed_hosts=self.allowed_hosts,
                                     allow_http=self.allow_http, policy=self.policy,
                                     provider=f"Replicate ({self.model})", what=what, secrets=[self._token])
            except http.OutputRejected:
                # Unusable output: forget the prediction so a re-run makes a new one. (A download
                # that failed for a passing reason keeps it: the re-run fetches it again, unpaid.)
                ctx.store.remember_prediction(key, "replicate", "")
                raise


# --- images ------------------------------------------------------------------------------

FLUX_RATIOS = {"1:1": 1.0, "16:9": 16 / 9, "21:9": 21 / 9, "3:2": 1.5, "2:3": 2 / 3, "4:5": 0.8, "5:4": 1.25,
               "3:4": 0.75, "4:3": 4 / 3, "9:16": 9 / 16, "9:21": 9 / 21}
# FLUX dev's published schema has no 3:4 or 4:3 (schnell's has every ratio above).
NO_RATIOS = {"black-forest-labs/flux-dev": ("3:4", "4:3")}


def nearest_ratio(width: int, height: int, model: str = "") -> str:
    """The model's aspect ratio closest to width:height."""
    r = width / height
    ratios = [k for k in FLUX_RATIOS if k not in NO_RATIOS.get(model, ())]
    return min(ratios, key=lambda k: abs(math.log(FLUX_RATIOS[k] / r)))


def sdxl_size(width: int, height: int, pixels: int = 1024 * 1024) -> tuple[int, int]:
    r = width / height
    h = math.sqrt(pixels / r)
    return int(round(h * r / 64)) * 64, int(round(h / 64)) * 64


def look(style_aesthetic: str, lighting: str, mood: str) -> str:
    return f"{style_aesthetic} style, {lighting} lighting, {mood} mood"


SHOT_WORDS = {"close_up": "close-up shot", "macro": "macro shot", "medium": "medium shot", "wide": "wide shot",
              "overhead": "overhead shot", "product_hero": "hero product shot", "lifestyle": "lifestyle scene",
              "text_card": "clean graphic background with empty space"}


class ReplicateImages(_Replicate):
    """Keyframes and the style guide's mood image: FLUX schnell by default, SDXL as an alternative."""

    kind, model_var, provider_var = "image", "ADSTUDIO_IMAGE_MODEL", "ADSTUDIO_IMAGE_PROVIDER"

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings, settings.image_model)

    def price(self, what: str, units: float = 1.0) -> float:
        return round(self.per_image * units, 6) if what == "image" else 0.0

    def _input(self, prompt: str, width: int, height: int, seed: int) -> dict[str, Any]:
        if "sdxl" in self.model:
            w, h = sdxl_size(width, height)
            return {"prompt": prompt, "negative_prompt": "text, letters, watermark, logo, blurry, lowres",
                    "width": w, "height": h, "num_outputs": 1, "seed": seed}
        if "flux" in self.model:
            return {"prompt": prompt, "aspect_ratio": nearest_ratio(width, height, self.model), "num_outputs": 1,
                    "output_format": "png", "seed": seed, "go_fast": True, "megapixels": "1"}
        return {"prompt": prompt, "aspect_ratio": nearest_ratio(width, height, self.model), "seed": seed}

    def generate(self, ctx: Any, prompt: str, width: int, height: int, seed: int, what: str, phase: str):
        from PIL import Image, ImageOps

        inp = self._input(prompt, width, height, seed)
        with tempfile.TemporaryDirectory(prefix="adstudio-img-") as tmp:
            path = self._run(ctx, inp, Path(tmp) / "image", kind="image", estimate=self.per_image, what=what,
                             phase=phase)
            with Image.open(path) as img:
                rgb = img.convert("RGB")
        return ImageOps.fit(rgb, (width, height), Image.Resampling.LANCZOS)

    def keyframe(self, ctx, scene, beat_name, index, total, prompt):
        text = (f"{prompt}. {SHOT_WORDS.get(scene.shot_type, 'shot')}, {look(scene.aesthetic, scene.lighting, scene.mood)}, "
                "professional advertising photography, no text, no watermark")
        return self.generate(ctx, text, scene.width, scene.height, scene.seed, f"keyframe {index + 1} of {total}",
                             "animatic")

    def style_guide(self, ctx, spec, product, logo):
        from PIL import Image

        from ..render.sketch import draw_style_guide

        st = spec.style
        prompt = (f"mood board image for {spec.product.name or spec.product.category} advertising: "
                  f"{look(st.aesthetic, st.lighting, st.mood)}, colours {', '.join(st.palette)}, no text")
        mood = self.generate(ctx, prompt, 640, 1080, spec.seed, "the style guide's mood image", "references")
        page = draw_style_guide(spec, product, logo).convert("RGB")
        mood = mood.resize((max(2, page.height * 640 // 1080), page.height), Image.Resampling.LANCZOS)
        out = Image.new("RGB", (page.width + mood.width, page.height), (255, 255, 255))
        out.paste(mood, (0, 0))
        out.paste(page, (mood.width, 0))
        return out


# --- video -------------------------------------------------------------------------------

CAMERA_WORDS = {
    "static": "locked-off static camera", "slow_zoom_in": "slow zoom in", "slow_zoom_out": "slow zoom out",
    "pan_across": "smooth pan across the scene", "pan_left": "slow pan left", "pan_right": "slow pan right",
    "slow_dolly": "slow dolly forward", "tilt_up": "slow tilt up", "tilt_down": "slow tilt down",
    "orbit": "slow orbit around the subject", "push_in": "gentle push in", "pull_back": "slow pull back",
}
SHORT_SIDE = {"480p": 480, "720p": 720, "1080p": 1080}


class ReplicateVideo(_Replicate):
    """One image-to-video prediction per beat, conditioned on the beat's keyframe (with the
    product photo placed where the layout puts the hero), shared by every format of the beat and
    normalised to each format's size, fps and exact frame count."""

    kind, model_var, provider_var = "video", "ADSTUDIO_VIDEO_MODEL", "ADSTUDIO_VIDEO_PROVIDER"
    phase = "chunks"
    reframes = True  # one generation per beat; other formats are cropped from it

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings, settings.video_model)

    def price(self, what: str, units: float = 1.0) -> float:
        """`video_seconds`: the price of the one call that makes a clip `units` seconds long."""
        if what != "video_seconds" or units <= 0:
            return 0.0
        return pricing.video_call_price(self.info, self.resolution, units)

    def conditioning_image(self, ctx: Any, job: Any):
        """The beat's keyframe when the images are hosted; otherwise the local renderer's still
        of the beat (ungraded, without text) at the keyframe's size, so every format of a beat
        shares one conditioning image and one prediction."""
        from PIL import Image

        short = min(job.scene.width, job.scene.height)
        size = (int(round(short * 16 / 9 / 2)) * 2, short)  # the same for every format of the beat
        if job.keyframe and Path(job.keyframe).is_file():
            with Image.open(job.keyframe) as kf:
                img = kf.convert("RGB")
            if getattr(getattr(ctx.providers, "image", None), "remote", False):
                return _with_product(img, replace(job.scene, width=img.width - img.width % 2,
                                                  height=img.height - img.height % 2))
            size = (img.width - img.width % 2, img.height - img.height % 2)
        from ..render.scene import BeatScene, render_still

        scene = replace(job.scene, width=size[0], height=size[1], text="", text_role="none", show_logo_bug=False,
                        lut_path=None, contrast=1.0, saturation=1.0)
        built = BeatScene.build(scene)
        built.overlays = []
        return Image.fromarray(render_still(built, scene.duration / 2))

    def _input(self, image_uri: str, prompt: str, clip_s: float, seed: int) -> dict[str, Any]:
        if "wan-2.2" in self.model:
            frames = pricing.video_request_frames(self.info, clip_s)
            return {"image": image_uri, "prompt": prompt, "num_frames": frames, "resolution": self.resolution,
                    "frames_per_second": pricing.SOURCE_FPS, "go_fast": True, "seed": seed}
        seconds = int(pricing.video_request_seconds(self.info, clip_s))
        if "kling" in self.model:
            return {"start_image": image_uri, "prompt": prompt, "duration": seconds,
                    "mode": "pro" if self.resolution == "1080p" else "standard"}
        if "seedance" in self.model:
            return {"image": image_uri, "prompt": prompt, "duration": seconds, "resolution": self.resolution,
                    "seed": seed}
        return {"image": image_uri, "prompt": prompt, "seed": seed}

    def render_clip(self, ctx: Any, job: Any) -> ClipPieces:
        from PIL import Image

        from ..render.normalize import normalise_clip

        scene = job.scene
        clip_s = job.total_frames / scene.fps
        img = self.conditioning_image(ctx, job)
        short = SHORT_SIDE.get(self.resolution, 480)
        k = short / min(img.size)
        if k < 1:
            img = img.resize((max(2, round(img.width * k)), max(2, round(img.height * k))), Image.Resampling.LANCZOS)
        prompt = (f"{job.prompt}. {CAMERA_WORDS.get(scene.camera_movement, 'smooth camera move')}. "
                  f"{look(scene.aesthetic, scene.lighting, scene.mood)}. Smooth cinematic commercial footage, "
                  "steady, no text, no captions, no watermark.")
        inp = self._input(data_uri(img, "JPEG"), prompt, clip_s, scene.seed)
        source = ctx.artifacts.path("hosted_clip", self.prediction_key(inp), "source.mp4")
        with _lock_for("file:" + str(source)):
            if not (source.is_file() and source.stat().st_size > 0):
                self._run(ctx, inp, source, kind="video", estimate=self.price("video_seconds", clip_s),
                          what=f"the clip for beat {job.beat_index + 1}")
        return normalise_clip(ctx, job, source)


def _with_product(img: Any, scene: Any) -> Any:
    """The keyframe with the uploaded product photo where the layout puts the hero."""
    if not scene.hero_path or not Path(scene.hero_path).is_file():
        return img
    from PIL import Image

    from ..render.layout import layout_for

    layout = layout_for(scene.shot_type, scene.text_role, img.width, img.height, has_text=bool(scene.text.strip()))
    if layout.hero_center is None:
        return img
    with Image.open(scene.hero_path) as p:
        product = p.convert("RGBA")
    h = max(2, int(layout.hero_height * img.height))
    w = max(2, int(product.width * h / max(1, product.height)))
    if w > img.width * 0.9:
        w = int(img.width * 0.9)
        h = max(2, int(product.height * w / max(1, product.width)))
    product = product.resize((w, h), Image.Resampling.LANCZOS)
    cx, cy = layout.hero_center[0] * img.width, layout.hero_center[1] * img.height
    out = img.convert("RGBA")
    out.alpha_composite(product, (int(max(0, min(img.width - w, cx - w / 2))), int(max(0, min(img.height - h, cy - h / 2)))))
    return out.convert("RGB")


# --- music -------------------------------------------------------------------------------

SAMPLE_RATE = 48000


def decode_audio(path: Path, sample_rate: int = SAMPLE_RATE) -> np.ndarray:
    """Any audio file as float32 stereo (n, 2) at `sample_rate`."""
    from ..errors import RenderError
    from ..render import watchdog
    from ..render.ffmpeg import ffmpeg_exe

    proc = watchdog.run([ffmpeg_exe(), "-hide_banner", "-nostdin", "-loglevel", "error", "-i", str(path),
                         "-map", "0:a:0", "-ac", "2", "-ar", str(sample_rate), "-f", "f32le", "-"],
                        f"decoding {Path(path).name}")
    if proc.returncode != 0:
        raise RenderError(f"{Path(path).name} does not decode as audio")
    return np.frombuffer(proc.stdout, np.float32).reshape(-1, 2).copy()


def beat_phase(samples: np.ndarray, sample_rate: int, bpm: float, hop: int = 256) -> float:
    """Seconds from the start to the first beat: the offset whose grid (every 60/bpm s) has the
    strongest onsets. Onsets are rises in short-time log energy."""
    mono = samples.mean(axis=1) if samples.ndim == 2 else samples
    n = len(mono) // hop
    if n < 4:
        return 0.0
    energy = (mono[: n * hop].reshape(n, hop).astype(np.float64) ** 2).sum(axis=1)
    onset = np.maximum(0.0, np.diff(np.log(energy + 1e-9)))
    period = 60.0 / bpm
    bins = max(1, int(round(period * sample_rate / hop)))
    t = (np.arange(1, n) * hop) / sample_rate  # diff k is the rise into frame k
    phase_bin = np.floor((t % period) / period * bins).astype(np.int64) % bins
    score = np.bincount(phase_bin, weights=onset, minlength=bins)
    # Smooth over neighbouring bins so one sharp hit does not beat a steady pulse.
    score = score + 0.5 * (np.roll(score, 1) + np.roll(score, -1))
    return float(np.argmax(score) * period / bins)


class ReplicateMusic(_Replicate):
    """MusicGen with the spec's style, mood, tempo and key. The answer is shifted so its beats
    fall on the grid k * 60 / tempo (where the spec's cuts are), then cut to the ad's exact length."""

    kind, model_var, provider_var = "music", "ADSTUDIO_MUSIC_MODEL", "ADSTUDIO_MUSIC_PROVIDER"
    phase = "refine"

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings, settings.music_model)

    @staticmethod
    def request_seconds(duration_s: float, bpm: float = 60.0) -> int:
        """Generate a beat (and a little) more than needed, so the start can be trimmed to the grid."""
        return int(math.ceil(duration_s + 60.0 / bpm + 0.5))

    def price(self, what: str, units: float = 1.0) -> float:
        if what != "music_seconds" or units <= 0:
            return 0.0
        return round(self.info.per_output_second * self.request_seconds(units), 6)

    def _input(self, spec: Any) -> dict[str, Any]:
        a = spec.audio
        bpm = float(a.tempo_bpm)
        prompt = (f"{a.style}, {a.mood} mood, {bpm:g} BPM, in {a.key} {a.scale}, instrumental music for an "
                  "advertisement, steady beat, no vocals")
        return {"prompt": prompt, "duration": self.request_seconds(spec.duration_s, bpm),
                "model_version": "stereo-large", "output_format": "wav", "normalization_strategy": "loudness",
                "seed": spec.seed}

    def compose(self, ctx: Any, spec: Any, out_wav: Path) -> list[float]:
        from ..render.music import write_wav

        bpm = float(spec.audio.tempo_bpm)
        inp = self._input(spec)
        with tempfile.TemporaryDirectory(prefix="adstudio-music-") as tmp:
            path = self._run(ctx, inp, Path(tmp) / "music", kind="audio", estimate=self.price("music_seconds",
                             spec.duration_s), what="the music")
            x = decode_audio(path)
        n = int(round(spec.duration_s * SAMPLE_RATE))
        offset = int(round(beat_phase(x, SAMPLE_RATE, bpm) * SAMPLE_RATE))
        if len(x) - offset < n:
            offset = max(0, len(x) - n)
        x = x[offset:offset + n]
        if len(x) < n:
            x = np.concatenate([x, np.zeros((n - len(x), 2), np.float32)])
        fade_in, fade_out = int(0.01 * SAMPLE_RATE), int(min(1.0, spec.duration_s / 10) * SAMPLE_RATE)
        x[:fade_in] *= np.linspace(0, 1, fade_in, dtype=np.float32)[:, None]
        x[n - fade_out:] *= np.linspace(1, 0, fade_out, dtype=np.float32)[:, None]
        peak = float(np.abs(x).max()) if len(x) else 0.0
        if peak > 0.95:
            x *= 0.95 / peak
        write_wav(x, out_wav, SAMPLE_RATE)
        period = 60.0 / bpm
        return [k * period for k in range(int(math.ceil(spec.duration_s / period))) if k * period < spec.duration_s]


# --- upscaling ---------------------------------------------------------------------------

class ReplicateUpscaler(_Replicate):
    """Real-ESRGAN, one prediction per distinct frame, then resized to the exact size."""

    kind, model_var, provider_var = "upscale", "ADSTUDIO_UPSCALE_MODEL", "ADSTUDIO_UPSCALER"
    phase = "chunks"

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings, settings.upscale_model)

    def price(self, what: str, units: float = 1.0) -> float:
        if what == "image":
            return round(self.per_image * units, 6)
        if what == "video_seconds":  # every source frame of a hosted clip
            return round(self.per_image * math.ceil(units * pricing.SOURCE_FPS), 6)
        return 0.0

    @staticmethod
    def _input(image_uri: str, scale: int) -> dict[str, Any]:
        return {"image": image_uri, "scale": scale, "face_enhance": False}

    def upscale(self, ctx: Any, rgb: np.ndarray, width: int, height: int) -> np.ndarray:
        import cv2
        from PIL import Image

        src = np.ascontiguousarray(np.asarray(rgb, dtype=np.uint8)[..., :3])
        h0, w0 = src.shape[:2]
        scale = int(min(4, max(2, math.ceil(max(width / w0, height / h0)))))
        inp = self._input(data_uri(Image.fromarray(src), "PNG"), scale)
        with tempfile.TemporaryDirectory(prefix="adstudio-up-") as tmp:
            path = self._run(ctx, inp, Path(tmp) / "frame", kind="image", estimate=self.per_image,
                             what="an upscaled frame")
            with Image.open(path) as img:
                out = np.asarray(img.convert("RGB"))
        if out.shape[:2] != (height, width):
            interp = cv2.INTER_AREA if out.shape[1] >= width else cv2.INTER_LANCZOS4
            out = cv2.resize(out, (width, height), interpolation=interp)
        return out

