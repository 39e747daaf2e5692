"""One Protocol per capability. Built-in and third-party providers implement these and
register by name (see registry.py). Every provider states its price per call, so a run's cost
is known before anything is spent."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

if TYPE_CHECKING:
    from PIL import Image

    from ..config import Context
    from ..models import Brief, ClipPieces, Spec
    from ..render.scene import SceneSpec


@dataclass(frozen=True)
class ClipJob:
    """Render one beat in one format as head/body/tail pieces (see models.ClipPieces)."""

    key: str
    beat_index: int
    fmt: str
    scene: "SceneSpec"
    prompt: str
    keyframe: str | None  # animatic keyframe PNG, for image-to-video models
    head_frames: int
    body_frames: int
    tail_frames: int
    out_dir: Path
    split: int = 1  # a provider may encode the body in this many parts at once (idle cores)

    @property
    def total_frames(self) -> int:
        return self.head_frames + self.body_frames + self.tail_frames


@runtime_checkable
class Provider(Protocol):
    name: str
    version: str

    def price(self, what: str, units: float = 1.0) -> float:
        """US dollars for `units` of `what` (a call, a second of video...)."""
        ...


class SpecWriter(Provider, Protocol):
    def write_spec(self, ctx: "Context", brief: "Brief", template: str | None) -> "Spec": ...


class ImageGenerator(Provider, Protocol):
    def keyframe(self, ctx: "Context", scene: "SceneSpec", beat_name: str, index: int, total: int,
                 prompt: str) -> "Image.Image": ...

    def style_guide(self, ctx: "Context", spec: "Spec", product: str | None, logo: str | None) -> "Image.Image": ...


class VideoGenerator(Provider, Protocol):
    """Optional: `uses_keyframes` (default True): False for a provider whose clips do not read
    `ClipJob.keyframe`, so the orchestrator may render them before the animatic is done.
    `planned_pieces(job)`: for a provider whose clips are procedural, the ClipPieces a
    transition reads (key, scene) before the clip is rendered, so chunks starts transitions
    beside the clips instead of after them. `prepare(job)`: do the job's set-up work now (the
    local renderer builds its scene), so chunks can get the first clip going alone."""

    def render_clip(self, ctx: "Context", job: ClipJob) -> "ClipPieces": ...


class MusicGenerator(Provider, Protocol):
    def compose(self, ctx: "Context", spec: "Spec", out_wav: Path) -> list[float]:
        """Write a WAV exactly spec.duration_s long; return its beat grid (seconds)."""
        ...


class Upscaler(Provider, Protocol):
    def upscale(self, ctx: "Context", rgb: Any, width: int, height: int) -> Any: ...


class Storage(Provider, Protocol):
    def put(self, ctx: "Context", local_path: Path, key: str) -> str:
        """Store a finished file; return a URL or path the person can open."""
        ...


class FreeProvider:
    """Mixin for providers that cost nothing (the local ones)."""

    def price(self, what: str, units: float = 1.0) -> float:
        return 0.0
