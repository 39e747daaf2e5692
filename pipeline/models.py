"""The contracts between phases, the store, the CLI and the studio.

Every model is frozen and rejects unknown fields, so a typo in a template, a hand-edited spec
or an LLM's answer fails loudly at the boundary instead of being silently ignored three phases
later. Bounds live here, in one place, and are re-checked whenever a spec is edited.
"""

from __future__ import annotations

import math
import re
from datetime import datetime, timezone
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from .errors import InputError

# --- vocabularies -------------------------------------------------------------------------

ShotType = Literal[
    "close_up", "macro", "medium", "wide", "overhead", "product_hero", "lifestyle", "text_card",
]
SHOT_TYPES: tuple[str, ...] = ShotType.__args__  # type: ignore[attr-defined]

CameraMove = Literal[
    "static", "slow_zoom_in", "slow_zoom_out", "pan_across", "pan_left", "pan_right",
    "slow_dolly", "tilt_up", "tilt_down", "orbit", "push_in", "pull_back",
]
CAMERA_MOVES: tuple[str, ...] = CameraMove.__args__  # type: ignore[attr-defined]

TransitionType = Literal["cut", "crossfade", "fade_black", "wipe", "flash"]
TRANSITION_TYPES: tuple[str, ...] = TransitionType.__args__  # type: ignore[attr-defined]

TextRole = Literal["none", "title", "tagline", "feature", "cta"]

Format = Literal["16:9", "9:16", "1:1"]
FORMATS: tuple[str, ...] = Format.__args__  # type: ignore[attr-defined]

PHASES: tuple[str, ...] = ("spec", "animatic", "references", "chunks", "refine", "export")
PhaseName = Literal["spec", "animatic", "references", "chunks", "refine", "export"]

PhaseStatus = Literal["pending", "running", "succeeded", "failed", "canceled", "reused"]

# --- limits on what people type ------------------------------------------------------------
# One place for them: the models below enforce them, and the CLI, the studio and the HTTP API
# check against the same numbers, so an over-long value is refused at whichever door it comes
# in, with a message naming the field and the limit.
MAX_PROMPT_CHARS = 2000  # the brief
MAX_NAME_CHARS = 120  # a project's name
MAX_TEMPLATE_CHARS = 60  # a template's name (the stem of its file)
MAX_BEAT_PROMPT_CHARS = 600
MAX_BEAT_TEXT_CHARS = 80  # on-screen copy of one beat
MAX_ID_CHARS = 64  # a project id, a file id or a setting's name passed back by a script
MAX_PATH_CHARS = 1024  # where an upload is on disk

MIN_DURATION_S, MAX_DURATION_S = 5.0, 120.0
MAX_BEATS = 20
MIN_BEAT_S = 0.5
HEX_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")
# Text that ends up in prompts or on screen must not smuggle in paths or URLs: a hosted model
# could be steered to fetch them, and they are never what a viewer should read.
_URL_OR_PATH = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*://|(^|\s)(~|\.\.?)?/[\w.-]+/|\.\./|[A-Za-z]:\\")


def _check_free_text(value: str, field: str) -> str:
    if _URL_OR_PATH.search(value):
        raise ValueError(f"{field} must not contain a URL or file path")
    if any(ord(ch) < 32 and ch not in "\n\t" for ch in value):
        raise ValueError(f"{field} contains control characters")
    return value


def check_text(value: str, field: str, limit: int) -> str:
    """`value` if it is at most `limit` characters; an InputError naming the field otherwise."""
    if len(value) > limit:
        raise InputError(f"{field}: {len(value):,} characters is too long; the limit is {limit:,}")
    return value


def project_name(value: str | None) -> str | None:
    """A project's name as typed, trimmed (None when empty), within its limit and on one line."""
    name = (value or "").strip()
    if not name:
        return None
    check_text(name, "name", MAX_NAME_CHARS)
    if any(ord(ch) < 32 for ch in name):
        raise InputError("name: keep the project's name on one line, without control characters")
    return name


def _even_size(v: int) -> int:
    if v % 2:
        raise ValueError("must be even (H.264 4:2:0 needs even sizes)")
    return v


class Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


# --- the brief ----------------------------------------------------------------------------


class Brief(Strict):
    """What the person asked for. Paths point at uploads already copied into the data dir."""

    prompt: str = Field(min_length=1, max_length=MAX_PROMPT_CHARS)
    template: str | None = Field(default=None, max_length=MAX_TEMPLATE_CHARS)
    logo_path: str | None = Field(default=None, max_length=MAX_PATH_CHARS)
    product_image_path: str | None = Field(default=None, max_length=MAX_PATH_CHARS)
    formats: tuple[Format, ...] = Field(default=("16:9",), max_length=len(FORMATS))
    duration_s: float = Field(default=30.0, ge=MIN_DURATION_S, le=MAX_DURATION_S)
    seed: int = Field(default=0, ge=0, le=2**31 - 1)
    width: int = Field(default=1920, ge=64, le=3840)
    height: int = Field(default=1080, ge=64, le=2160)
    fps: int = Field(default=30, ge=12, le=60)

    @field_validator("prompt")
    @classmethod
    def _prompt_has_words(cls, v: str) -> str:
        if not any(ch.isalnum() for ch in v):
            raise ValueError("the brief needs at least one word describing the product")
        return v

    @field_validator("template")
    @classmethod
    def _template_is_a_name(cls, v: str | None) -> str | None:
        if v is not None and not re.fullmatch(r"[a-z0-9_]+", v):
            raise ValueError("use a template's name, e.g. product_showcase (lowercase letters, digits and _)")
        return v

    @field_validator("formats")
    @classmethod
    def _formats_unique(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        if not v:
            raise ValueError("choose at least one format (16:9, 9:16 or 1:1)")
        return tuple(dict.fromkeys(v))

    _even = field_validator("width", "height")(classmethod(lambda cls, v: _even_size(v)))


# --- the spec -----------------------------------------------------------------------------


class Product(Strict):
    name: str = Field(min_length=1, max_length=60)
    brand: str = Field(default="", max_length=60)
    category: str = Field(default="product", max_length=60)
    tagline: str = Field(default="", max_length=90)
    # The common noun for what the product is ("e-bike", "lemonade", "skillet"), in English:
    # the local renderers pick the hero picture by it. Empty when the brief names no object.
    noun: str = Field(default="", max_length=40)

    @field_validator("name", "brand", "category", "tagline", "noun")
    @classmethod
    def _text(cls, v: str, info: Any) -> str:
        return _check_free_text(v, f"product.{info.field_name}")


class Style(Strict):
    aesthetic: str = Field(min_length=1, max_length=40)
    palette: tuple[str, ...] = Field(min_length=2, max_length=6)
    mood: str = Field(min_length=1, max_length=40)
    lighting: str = Field(min_length=1, max_length=40)

    @field_validator("palette")
    @classmethod
    def _hex(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        for i, c in enumerate(v):
            if not HEX_COLOR.match(c):
                raise ValueError(f"palette[{i}] {c!r} is not a #rrggbb colour")
        return tuple(c.lower() for c in v)

    @field_validator("aesthetic", "mood", "lighting")
    @classmethod
    def _text(cls, v: str, info: Any) -> str:
        return _check_free_text(v, f"style.{info.field_name}")


NewsKind = Literal[
    "", "launch", "pre_order", "coming_soon", "sale", "opening", "reopening", "event", "webinar",
    "rebrand", "new_season", "new_flavour",
]
NEWS_KINDS: tuple[str, ...] = NewsKind.__args__  # type: ignore[attr-defined]
TimeOfDay = Literal["", "dawn", "day", "golden_hour", "dusk", "night"]
Weather = Literal["", "rain", "snow"]


class Story(Strict):
    """What the brief says beyond the product: the news and its facts, and the world around it.

    The facts are kept as the brief wrote them ("March 1st", "50% off"): on-screen copy must
    carry them, and the renderers draw the setting, people and props for lifestyle beats."""

    news: NewsKind = ""
    offer: str = Field(default="", max_length=60)
    date: str = Field(default="", max_length=40)
    time: str = Field(default="", max_length=40)
    place: str = Field(default="", max_length=60)
    audience: str = Field(default="", max_length=60)
    setting: str = Field(default="", max_length=40)  # "campfire", "beach", "city", "kitchen", ...
    time_of_day: TimeOfDay = ""
    weather: Weather = ""  # rain or snow falling in the scene
    people: str = Field(default="", max_length=40)  # "friends", "family", "students", "couple", ...
    activity: str = Field(default="", max_length=60)
    props: tuple[str, ...] = Field(default=(), max_length=8)  # English nouns to illustrate
    language: str = Field(default="en", pattern=r"^[a-z]{2}$")

    @field_validator("offer", "date", "time", "place", "audience", "setting", "people", "activity")
    @classmethod
    def _text(cls, v: str, info: Any) -> str:
        return _check_free_text(v, f"story.{info.field_name}")

    @field_validator("props")
    @classmethod
    def _props(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        for p in v:
            if not p or len(p) > 40:
                raise ValueError("story.props are nouns of 1 to 40 characters")
            _check_free_text(p, "story.props")
        return v


class Beat(Strict):
    name: str = Field(min_length=1, max_length=40, pattern=r"^[a-z0-9_]+$")
    start: float = Field(ge=0)
    duration: float = Field(ge=MIN_BEAT_S, le=MAX_DURATION_S)
    shot_type: ShotType
    action: str = Field(min_length=1, max_length=60)
    prompt: str = Field(min_length=1, max_length=MAX_BEAT_PROMPT_CHARS)
    camera_movement: CameraMove
    text: str = Field(default="", max_length=MAX_BEAT_TEXT_CHARS)
    text_role: TextRole = "none"
    seed: int = Field(default=0, ge=0, le=2**31 - 1)

    @field_validator("action", "prompt", "text")
    @classmethod
    def _text(cls, v: str, info: Any) -> str:
        return _check_free_text(v, f"beat.{info.field_name}")

    @property
    def end(self) -> float:
        return self.start + self.duration


class Transition(Strict):
    type: TransitionType = "cut"
    duration: float = Field(default=0.0, ge=0.0, le=2.0)

    @model_validator(mode="after")
    def _cut_has_no_length(self) -> "Transition":
        if self.type == "cut" and self.duration:
            raise ValueError("a cut has no duration; use crossfade for a blend")
        if self.type != "cut" and self.duration <= 0:
            raise ValueError(f"a {self.type} needs a duration above 0 s")
        return self


class Audio(Strict):
    style: str = Field(min_length=1, max_length=60)
    mood: str = Field(min_length=1, max_length=40)
    tempo_bpm: float = Field(ge=60, le=180)
    key: str = Field(default="C", pattern=r"^[A-G](#|b)?$")
    scale: Literal["major", "minor"] = "major"

    @field_validator("style", "mood")
    @classmethod
    def _text(cls, v: str, info: Any) -> str:
        return _check_free_text(v, f"audio.{info.field_name}")


class ColorGrading(Strict):
    lut: str = Field(pattern=r"^[a-z0-9_]+$", description="name of a .cube file in luts/")
    contrast: float = Field(default=1.0, ge=0.5, le=1.6)
    saturation: float = Field(default=1.0, ge=0.0, le=2.0)
    strength: float = Field(default=1.0, ge=0.0, le=1.0)


class Spec(Strict):
    """The structured plan of the ad: everything later phases need, nothing they don't."""

    template: str = Field(max_length=MAX_TEMPLATE_CHARS, pattern=r"^[a-z0-9_]+$")
    brief: str = Field(min_length=1, max_length=MAX_PROMPT_CHARS)
    product: Product
    style: Style
    story: Story = Story()
    beats: tuple[Beat, ...] = Field(min_length=1, max_length=MAX_BEATS)
    transitions: tuple[Transition, ...] = ()
    audio: Audio
    color_grading: ColorGrading
    formats: tuple[Format, ...] = Field(default=("16:9",), max_length=len(FORMATS))
    duration_s: float = Field(ge=MIN_DURATION_S, le=MAX_DURATION_S)
    width: int = Field(default=1920, ge=64, le=3840)
    height: int = Field(default=1080, ge=64, le=2160)
    fps: int = Field(default=30, ge=12, le=60)
    seed: int = Field(default=0, ge=0, le=2**31 - 1)

    _even = field_validator("width", "height")(classmethod(lambda cls, v: _even_size(v)))

    @model_validator(mode="after")
    def _timeline_is_consistent(self) -> "Spec":
        total = sum(b.duration for b in self.beats)
        if not math.isclose(total, self.duration_s, abs_tol=1e-3):
            raise ValueError(
                f"beat durations add up to {total:.3f} s but the ad is {self.duration_s:.3f} s; "
                "make them sum to the total"
            )
        t = 0.0
        for i, b in enumerate(self.beats):
            if not math.isclose(b.start, t, abs_tol=1e-3):
                raise ValueError(f"beats[{i}].start is {b.start:.3f} s, expected {t:.3f} s")
            t += b.duration
        names = [b.name for b in self.beats]
        if len(set(names)) != len(names):
            raise ValueError("beat names must be unique")
        if len(self.transitions) != len(self.beats) - 1:
            raise ValueError(
                f"{len(self.beats)} beats need {len(self.beats) - 1} transitions, "
                f"got {len(self.transitions)}"
            )
        # A transition borrows half its length from each neighbour: it must fit.
        for i, b in enumerate(self.beats):
            borrowed = 0.0
            if i > 0:
                borrowed += self.transitions[i - 1].duration / 2
            if i < len(self.transitions):
                borrowed += self.transitions[i].duration / 2
            if borrowed > b.duration - 1.0 / self.fps + 1e-9:
                raise ValueError(
                    f"transitions around beats[{i}] ({b.name}) take {borrowed:.2f} s of a "
                    f"{b.duration:.2f} s beat; shorten them"
                )
        if not self.formats:
            raise ValueError("choose at least one format")
        return self

    # Frame bookkeeping lives on the spec so every phase counts frames the same way.
    @property
    def total_frames(self) -> int:
        return round(self.duration_s * self.fps)

    def beat_frame_range(self, index: int) -> tuple[int, int]:
        """[first, end) output frames of a beat; cumulative rounding keeps the total exact."""
        b = self.beats[index]
        return round(b.start * self.fps), round(b.end * self.fps)

    def transition_frames(self, index: int) -> int:
        """Frames of the transition after beat `index` (0 for a cut), always even."""
        if index < 0 or index >= len(self.transitions):
            return 0
        n = round(self.transitions[index].duration * self.fps)
        return n + (n % 2)

    def size_for(self, fmt: str) -> tuple[int, int]:
        return format_size(fmt, self.width, self.height)

    def with_beat(self, index: int, **changes: Any) -> "Spec":
        beats = list(self.beats)
        beats[index] = Beat.model_validate({**beats[index].model_dump(), **changes})
        return Spec.model_validate({**self.model_dump(), "beats": [b.model_dump() for b in beats]})


def format_size(fmt: str, width: int, height: int) -> tuple[int, int]:
    """Frame size of an export format, derived from the master 16:9 size."""
    short = min(width, height)
    if fmt == "16:9":
        return width, height
    if fmt == "9:16":
        return short, _even(short * 16 / 9)
    if fmt == "1:1":
        return short, short
    raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")


def _even(x: float) -> int:
    return int(round(x / 2)) * 2


# --- phase bookkeeping --------------------------------------------------------------------


class PhaseResult(Strict):
    phase: PhaseName
    status: PhaseStatus
    outputs: dict[str, Any] = Field(default_factory=dict)
    cost_usd: float = 0.0
    duration_s: float = 0.0
    provider: str = ""
    error: str | None = None


class Project(Strict):
    id: str
    name: str
    owner: str = ""
    created_at: datetime = Field(default_factory=lambda: datetime.now(timezone.utc))
    updated_at: datetime = Field(default_factory=lambda: datetime.now(timezone.utc))
    status: str = "new"
    brief: Brief
    spec: Spec | None = None
    cost_usd: float = 0.0
    budget_usd: float | None = None


# --- phase outputs ------------------------------------------------------------------------


class AnimaticOutput(Strict):
    keyframes: tuple[str, ...]  # one PNG path per beat


class ReferencesOutput(Strict):
    style_guide: str
    product_image: str | None = None  # normalised RGBA PNG, background kept
    logo: str | None = None  # normalised RGBA PNG
    # What the local renderers show as the hero: "upload", "standin:<kind>",
    # "illustration:<key>" or "brandmark" (pipeline.render.scene.hero_source_for).
    hero: str = ""


class ClipPieces(Strict):
    """One beat's clip for one format, split where transitions need the frames again.

    `head` covers the incoming transition window, `body` the frames only this beat shows,
    `tail` the outgoing transition window. Each is a self-contained H.264 stream with our
    export settings, so the export can join bodies without re-encoding them.
    """

    format: Format
    beat: int
    key: str
    head: str | None
    body: str
    tail: str | None
    preview: str  # an MP4 of the beat for players
    frames: int  # head + body + tail frames
    # Procedural clips (the local renderer) keep no encoded handles: a transition renders the
    # frames it needs straight from both beats' scenes, pristine and without a second encode.
    procedural: bool = False
    # A long body rendered alone may be encoded as consecutive parts, one per core; the cut
    # joins them like any other segments.
    body_parts: tuple[str, ...] = ()
    scene: dict[str, Any] | None = None  # the SceneSpec a procedural clip renders from
    head_frames: int = 0
    tail_frames: int = 0


def body_segments(clip: ClipPieces) -> tuple[str, ...]:
    return clip.body_parts or (clip.body,)


class ChunksOutput(Strict):
    clips: tuple[ClipPieces, ...]

    def for_format(self, fmt: str) -> list[ClipPieces]:
        return sorted((c for c in self.clips if c.format == fmt), key=lambda c: c.beat)


class RefineOutput(Strict):
    music: str  # WAV, exactly the ad's length
    music_aac: str = ""  # the same, encoded once as AAC: exports copy it without re-encoding
    beat_grid: tuple[float, ...]
    timelines: dict[str, tuple[str, ...]]  # format -> ordered H.264 segments of the cut


class ExportFile(Strict):
    format: Format
    path: str
    url: str
    width: int
    height: int
    frames: int


class ExportOutput(Strict):
    files: tuple[ExportFile, ...]
    poster: str
