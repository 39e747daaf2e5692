"""What each hosted model costs, so a run's price is known (and checked against the budget)
before anything is spent.

US dollars. Providers change prices: each entry below says where its figure comes from and
when it was read. On 2026-11-30 the prices were re-checked with the project's search tool (a
stored copy of public pages, not the live web): where no current figure could be found the
entry says so and keeps the figure this table was first written with (2026-11-23, from each
model's page, https://replicate.com/<owner>/<name>, and https://openai.com/api/pricing).

Billing rules the estimates and the ledger follow:
* Models billed per output (FLUX per image, Wan 2.2 i2v fast per video, Seedance and Kling per
  second of video) are listed with that price. Wan's price is for its default 81-frame clip;
  longer clips (up to 121 frames, in steps of 4) are assumed to cost proportionally more, and
  the provider asks for the fewest frames that fill a beat.
* Models billed by GPU time (SDXL, MusicGen, Real-ESRGAN) list the hardware's rate and the
  page's typical cost per run; the ledger records the measured time (`metrics.predict_time`)
  times the rate, the estimate uses the typical cost.
* A prediction Replicate `aborted` (its Cancel-After deadline passed before it started) is not
  billed. One that was `canceled` is billed for the time it ran: time-billed models by the
  measured time; for per-output models the pages do not say what a canceled prediction costs,
  so the ledger records the full price (a budget must never be under-counted).

The default video model is not a guess: `cheapest_video_model()` picks, from this table, the
cheapest image-to-video model whose 30-second, six-beat ad stays under $0.50, and a test checks
that `Settings().video_model` is that model.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

# --- language models (spec writer) -------------------------------------------------------


@dataclass(frozen=True)
class LLMPrice:
    input_per_mtok: float
    output_per_mtok: float
    # A reasoning model spends hidden (billed) output tokens thinking before it answers; its
    # output cap must leave room for them, and it is asked to think briefly.
    reasoning: bool = False

    def cost(self, prompt_tokens: int, completion_tokens: int) -> float:
        return (prompt_tokens * self.input_per_mtok + completion_tokens * self.output_per_mtok) / 1e6


# Read on 2026-11-30: OpenAI's own pricing page could not be read here. gpt-4o-mini, gpt-4.1,
# gpt-4.1-mini and gpt-4.1-nano match a third-party table "verified 2026-05-07" (Sraleik/
# undetermini PRICING.md, from aipricing.guru, noting OpenAI's page no longer lists the 4.x
# models); gpt-4.1 and gpt-5-mini match GitHub's Copilot price table (github/docs,
# data/tables/copilot/models-and-pricing.yml, undated); gpt-5 matches the openai-cost crate's
# table ("openai.com/api/pricing as of 2026-Q2", docs.rs). gpt-4o and gpt-5-nano: no dated
# figure found; kept from 2026-11-23.
LLM_PRICES: dict[str, LLMPrice] = {
    "gpt-4o-mini": LLMPrice(0.15, 0.60),
    "gpt-4o": LLMPrice(2.50, 10.00),
    "gpt-4.1": LLMPrice(2.00, 8.00),
    "gpt-4.1-mini": LLMPrice(0.40, 1.60),
    "gpt-4.1-nano": LLMPrice(0.10, 0.40),
    "gpt-5": LLMPrice(1.25, 10.00, reasoning=True),
    "gpt-5-mini": LLMPrice(0.25, 2.00, reasoning=True),
    "gpt-5-nano": LLMPrice(0.05, 0.40, reasoning=True),
}

# A spec request is about 2,000 prompt tokens (system prompt, templates, schema) plus the brief
# (at most 2,000 characters); the answer is capped at SPEC_MAX_OUTPUT_TOKENS, so the estimate
# is an upper bound for one call.
SPEC_PROMPT_TOKENS = 3000
SPEC_MAX_OUTPUT_TOKENS = 4096
# What a reasoning model may think at "low" effort before it answers, on top of the answer's cap:
# at the default effort gpt-5-mini can spend the whole 4,096 thinking and answer nothing.
SPEC_REASONING_TOKENS = 8192
SPEC_REASONING_EFFORT = "low"


def spec_output_cap(price: LLMPrice | None) -> int:
    """The output-token cap for a spec request (answer plus any hidden reasoning)."""
    return SPEC_MAX_OUTPUT_TOKENS + (SPEC_REASONING_TOKENS if price is not None and price.reasoning else 0)


def llm_price(model: str) -> LLMPrice | None:
    """The price of an OpenAI model, also for dated snapshots ("gpt-4o-mini-2024-07-18")."""
    if model in LLM_PRICES:
        return LLM_PRICES[model]
    for name in sorted(LLM_PRICES, key=len, reverse=True):
        if model.startswith(name + "-") and model[len(name) + 1:][:1].isdigit():
            return LLM_PRICES[name]
    return None


# --- Replicate models ----------------------------------------------------------------------

# $ per GPU second, as read on 2026-11-30 from a transcription of https://replicate.com/pricing
# (api-evangelist/replicate, plans/replicate-plans-pricing.yml, dated 2026-05-04); the page
# itself could not be read here.
T4, L40S, A100_80 = 0.000225, 0.000975, 0.0014


@dataclass(frozen=True)
class ModelPrice:
    """One Replicate model. `kind` is image, video, music or upscale."""

    model: str
    kind: str
    per_output: float = 0.0  # $ per image, or per video clip at `resolution`
    per_output_second: float = 0.0  # $ per second of output (video or audio)
    gpu_per_second: float = 0.0  # $ per GPU second, for models billed by time
    typical_run: float = 0.0  # $ per run on the page, for time-billed models
    version: str = ""  # pinned version for community models (POST /v1/predictions)
    resolutions: dict[str, float] = field(default_factory=dict)  # video: resolution -> $ per clip or per s
    default_resolution: str = ""
    max_clip_s: float = 0.0  # longest clip one call returns (video)
    clip_lengths: tuple[float, ...] = ()  # billed clip lengths for per-second video models
    base_frames: int = 0  # per-clip video: the price is for this many frames...
    max_frames: int = 0  # ...and grows in proportion up to this many
    frame_step: int = 0  # frame counts must be frame_step * n + 1 (Wan: 4n + 1)

    @property
    def billed_by_time(self) -> bool:
        return self.gpu_per_second > 0


REPLICATE_PRICES: dict[str, ModelPrice] = {p.model: p for p in [
    # Images. FLUX: $3.00 per thousand output images (schnell) and $0.025 per image (dev), as
    # read on 2026-11-30 from a transcription of https://replicate.com/pricing dated 2026-10-07
    # (api-evangelist/replicate, plans/replicate-plans-pricing.yml).
    ModelPrice("black-forest-labs/flux-schnell", "image", per_output=0.003),
    ModelPrice("black-forest-labs/flux-dev", "image", per_output=0.025),
    # SDXL: no current typical cost found on 2026-11-30; kept from 2026-11-23. A prediction page
    # of this version (replicate.com/p/ey7z80d79srgj0cgqhpvf0sw7m) shows it ran on an A40
    # (Large), which is cheaper per second than the L40S rate used here: the estimate and the
    # ledger may be high, never low.
    ModelPrice("stability-ai/sdxl", "image", gpu_per_second=L40S, typical_run=0.0063,
               version="7762fd07cf82c948538e41f63f77d685e02b063e37e496e96eefd46c929f9bdc"),
    # Image-to-video. Wan 2.2 fast is billed per clip (81-121 frames of the form 4n + 1, 16 fps by
    # default); Seedance and Kling per second of a 5 or 10 s clip. None of these prices could be
    # found on 2026-11-30 (the stored copies of the model pages have no pricing section); all are
    # kept from 2026-11-23.
    ModelPrice("wan-video/wan-2.2-i2v-fast", "video", resolutions={"480p": 0.05, "720p": 0.11},
               default_resolution="480p", max_clip_s=121 / 16, base_frames=81, max_frames=121, frame_step=4),
    ModelPrice("bytedance/seedance-1-lite", "video", resolutions={"480p": 0.018, "720p": 0.036, "1080p": 0.072},
               default_resolution="480p", max_clip_s=10.0, clip_lengths=(5.0, 10.0)),
    ModelPrice("kwaivgi/kling-v2.1", "video", resolutions={"720p": 0.05, "1080p": 0.09},
               default_resolution="720p", max_clip_s=10.0, clip_lengths=(5.0, 10.0)),
    # Wan 2.1 at 480p is published by wavespeedai, not wan-video (checked 2026-11-30: replicate.com/
    # wavespeedai/wan-2.1-i2v-480p has API pages; no wan-video/wan-2.1-i2v-480p was found). Its
    # price (per second of video at 16 fps) could not be found; kept from 2026-11-23.
    ModelPrice("wavespeedai/wan-2.1-i2v-480p", "video", resolutions={"480p": 0.09}, default_resolution="480p",
               max_clip_s=5.0, clip_lengths=(5.0,)),
    # Music: MusicGen on an A100 takes roughly 1.5 GPU seconds per second of audio. Its metadata
    # (as mirrored by generated Replicate clients) names an A100 (40GB), cheaper than the 80GB
    # rate used here; no current price was found on 2026-11-30, kept from 2026-11-23.
    ModelPrice("meta/musicgen", "music", gpu_per_second=A100_80, per_output_second=0.0021,
               version="671ac645ce5e552cc63a54a2bbff63fcf798043055d2dac5fc9e36a837eedcfb"),
    # Upscaling, per image (frame). Typical cost: not found on 2026-11-30, kept from 2026-11-23.
    ModelPrice("nightmareai/real-esrgan", "upscale", gpu_per_second=T4, typical_run=0.0025,
               version="f121d640bd286e1fdc67f9799164c1d5be36ff74576ee11c803ae5b665dd46aa"),
]}

# What hosted clips are generated at before they are normalised: frames per second of the
# source clip (Wan's default), used to price per-frame upscaling.
SOURCE_FPS = 16


def split_model(model: str) -> tuple[str, str, str]:
    """"owner/name[:version][@resolution]" -> (owner/name, version, resolution)."""
    base, _, resolution = model.partition("@")
    name, _, version = base.partition(":")
    return name.strip(), version.strip(), resolution.strip()


def replicate_price(model: str) -> ModelPrice | None:
    return REPLICATE_PRICES.get(split_model(model)[0])


# A clip may be slowed down to this factor to fill its beat (see render/normalize.py), so one
# call covers a beat up to max_clip_s * MAX_STRETCH long; longer beats hold their last frame.
MAX_STRETCH = 1.5


def video_request_seconds(p: ModelPrice, clip_s: float) -> float:
    """Seconds of video to ask for to fill a clip of `clip_s` seconds with one call."""
    if p.clip_lengths:
        need = clip_s / MAX_STRETCH
        return next((c for c in sorted(p.clip_lengths) if c >= need - 1e-6), max(p.clip_lengths))
    return min(p.max_clip_s, clip_s)


def video_request_frames(p: ModelPrice, clip_s: float) -> int:
    """Frames to ask a per-clip model (Wan) for: the fewest (cheapest) that fill the clip when
    slowed down by at most MAX_STRETCH, rounded up to a count the model makes (4n + 1 for Wan),
    between base_frames and max_frames. The clip is retimed to the beat afterwards."""
    need = max(p.base_frames, math.ceil(clip_s * SOURCE_FPS / MAX_STRETCH - 1e-9))
    if p.frame_step:
        need = p.frame_step * math.ceil((need - 1) / p.frame_step) + 1
    return int(min(p.max_frames, need))


def video_call_price(p: ModelPrice, resolution: str, clip_s: float) -> float:
    """Dollars for the one call that produces a clip of `clip_s` seconds."""
    rate = p.resolutions.get(resolution or p.default_resolution)
    if rate is None:
        raise KeyError(f"{p.model} has no price for {resolution!r}; use one of {', '.join(p.resolutions)}")
    if p.clip_lengths:  # billed per second of a fixed-length clip
        return round(video_request_seconds(p, clip_s) * rate, 6)
    if p.base_frames:  # billed per clip, in proportion to its frames beyond the base length
        return round(rate * video_request_frames(p, clip_s) / p.base_frames, 6)
    return rate


def ad_video_cost(model: str, seconds: float = 30.0, beats: int = 6, handles_s: float = 0.5) -> float:
    """Video cost of a typical ad: `beats` equal beats, each clip with transition handles."""
    p = replicate_price(model)
    if p is None or p.kind != "video":
        raise KeyError(model)
    _, _, res = split_model(model)
    return round(beats * video_call_price(p, res or p.default_resolution, seconds / beats + handles_s), 4)


def cheapest_video_model(limit_usd: float = 0.50, seconds: float = 30.0, beats: int = 6) -> str:
    """The cheapest image-to-video model in the table whose typical `seconds` ad stays under
    `limit_usd` (at each model's default resolution)."""
    costs = {m: ad_video_cost(m, seconds, beats) for m, p in REPLICATE_PRICES.items() if p.kind == "video"}
    fitting = {m: c for m, c in costs.items() if c < limit_usd}
    if not fitting:
        raise ValueError(f"no video model keeps a {seconds:g} s ad under ${limit_usd:.2f}")
    return min(fitting, key=lambda m: (fitting[m], m))
