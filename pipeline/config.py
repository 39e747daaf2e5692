"""Settings from the environment, and the Context every phase receives.

Phases never read the environment or globals: everything arrives in the Context, so tests
and the studio can run several differently configured pipelines side by side.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError, field_validator

from .errors import ConfigError, describe_validation_error

PACKAGE_ROOT = Path(__file__).resolve().parent.parent
TEMPLATES_DIR = PACKAGE_ROOT / "ad_templates"
LUTS_DIR = PACKAGE_ROOT / "luts"
ASSETS_DIR = PACKAGE_ROOT / "assets"

Profile = Literal["local", "hosted"]

# Hugging Face Spaces mount persistent storage (when the Space has it) here; everything else on
# a Space is lost at each restart.
SPACES_STORAGE = Path("/data")


def on_spaces(environ: dict[str, str] | None = None) -> bool:
    env = os.environ if environ is None else environ
    return env.get("SYSTEM") == "spaces" and bool(env.get("SPACE_ID"))


def persistent_root(environ: dict[str, str] | None = None) -> Path | None:
    """The Space's persistent storage (/data) when running on a Space that has it, else None."""
    if not on_spaces(environ):
        return None
    root = SPACES_STORAGE
    return root if root.is_dir() and os.access(root, os.W_OK | os.X_OK) else None

# Environment variable -> Settings field. One table, so the README and the code agree.
ENV_VARS: dict[str, str] = {
    "ADSTUDIO_DATA_DIR": "data_dir",
    "ADSTUDIO_PROFILE": "profile",
    "ADSTUDIO_SPEC_PROVIDER": "spec_provider",
    "ADSTUDIO_IMAGE_PROVIDER": "image_provider",
    "ADSTUDIO_VIDEO_PROVIDER": "video_provider",
    "ADSTUDIO_MUSIC_PROVIDER": "music_provider",
    "ADSTUDIO_UPSCALER": "upscaler",
    "ADSTUDIO_STORAGE": "storage",
    "ADSTUDIO_RENDER_WORKERS": "render_workers",
    "ADSTUDIO_RENDER_SLOTS": "render_slots",
    "ADSTUDIO_X264_PRESET": "x264_preset",
    "ADSTUDIO_CRF": "crf",
    "ADSTUDIO_FFMPEG": "ffmpeg_path",
    "ADSTUDIO_FFMPEG_STALL_S": "ffmpeg_stall_s",
    "ADSTUDIO_BUDGET_USD": "budget_usd",
    "ADSTUDIO_AUTH": "auth",
    "OPENAI_API_KEY": "openai_api_key",
    "OPENAI_BASE_URL": "openai_base_url",
    "ADSTUDIO_OPENAI_MODEL": "openai_model",
    "REPLICATE_API_TOKEN": "replicate_api_token",
    "REPLICATE_BASE_URL": "replicate_base_url",
    "ADSTUDIO_IMAGE_MODEL": "image_model",
    "ADSTUDIO_VIDEO_MODEL": "video_model",
    "ADSTUDIO_MUSIC_MODEL": "music_model",
    "ADSTUDIO_UPSCALE_MODEL": "upscale_model",
    "ADSTUDIO_REPLICATE_CREATES_PER_MINUTE": "replicate_creates_per_minute",
    "ADSTUDIO_REPLICATE_CANCEL_AFTER_IMAGE_S": "replicate_cancel_after_image_s",
    "ADSTUDIO_REPLICATE_CANCEL_AFTER_VIDEO_S": "replicate_cancel_after_video_s",
    "ADSTUDIO_REPLICATE_CANCEL_AFTER_MUSIC_S": "replicate_cancel_after_music_s",
    "ADSTUDIO_REPLICATE_CANCEL_AFTER_UPSCALE_S": "replicate_cancel_after_upscale_s",
    "ADSTUDIO_S3_BUCKET": "s3_bucket",
    "ADSTUDIO_S3_PREFIX": "s3_prefix",
    "ADSTUDIO_S3_ENDPOINT_URL": "s3_endpoint_url",
    "AWS_REGION": "s3_region",
    "ADSTUDIO_S3_CHECKSUMS": "s3_checksums",
}


class Settings(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    data_dir: Path = Path("data")
    profile: Profile = "local"
    # Per-phase providers; None means "what the profile says".
    spec_provider: str | None = None
    image_provider: str | None = None
    video_provider: str | None = None
    music_provider: str | None = None
    upscaler: str | None = None
    storage: str = "local"
    render_workers: int = Field(default_factory=lambda: max(1, os.cpu_count() or 1), ge=1, le=64)
    render_slots: int = Field(default=1, ge=1, le=16)
    x264_preset: str = "veryfast"
    crf: int = Field(default=21, ge=0, le=51)
    # ffmpeg to run instead of imageio-ffmpeg's (a system build), and how long one may keep a
    # render waiting without progress before it is stopped (pipeline.render.watchdog).
    ffmpeg_path: str | None = None
    ffmpeg_stall_s: float = Field(default=120.0, gt=0, le=86400)
    budget_usd: float | None = Field(default=None, ge=0)
    auth: SecretStr | None = None
    openai_api_key: SecretStr | None = None
    openai_base_url: str | None = None
    openai_model: str = "gpt-4o-mini"
    replicate_api_token: SecretStr | None = None
    replicate_base_url: str | None = None
    image_model: str = "black-forest-labs/flux-schnell"
    video_model: str = "wan-video/wan-2.2-i2v-fast"
    music_model: str = "meta/musicgen"
    upscale_model: str = "nightmareai/real-esrgan"
    # Predictions the account may create a minute. Replicate gives accounts without a payment
    # method, or with little credit, "6 requests per minute with a burst of 1" (docs: topics/
    # predictions/rate-limits); 600 a minute otherwise. Creates are paced to this, one at a time.
    replicate_creates_per_minute: float = Field(default=6.0, gt=0, le=6000)
    # Each prediction's deadline (the Cancel-After header), per model kind, in seconds from its
    # creation: Replicate aborts it (not billed) if it has not started by then, cancels it (billed
    # for the time it ran) if it is still running. It is also how long the provider waits before
    # canceling the prediction itself. Replicate stops any prediction after 30 minutes.
    replicate_cancel_after_image_s: float = Field(default=300.0, ge=5, le=1800)
    replicate_cancel_after_video_s: float = Field(default=900.0, ge=5, le=1800)
    replicate_cancel_after_music_s: float = Field(default=600.0, ge=5, le=1800)
    replicate_cancel_after_upscale_s: float = Field(default=300.0, ge=5, le=1800)
    s3_bucket: str | None = None
    s3_prefix: str = "adstudio/"
    s3_endpoint_url: str | None = None
    s3_region: str = ""  # AWS_REGION; empty: AWS_DEFAULT_REGION or the AWS profile's, then us-east-1
    # When boto3 adds and checks CRC checksums: "when_supported" (boto3's default since 1.36) or
    # "when_required". Empty: when_required for custom endpoints (Hugging Face buckets and other
    # S3-compatible stores refuse the new checksum headers), when_supported for AWS.
    s3_checksums: Literal["", "when_supported", "when_required"] = ""

    @field_validator("ffmpeg_path")
    @classmethod
    def _ffmpeg_runs(cls, value: str | None) -> str | None:
        if value is not None and not (os.path.isfile(value) and os.access(value, os.X_OK)):
            raise ValueError(f"{value!r} is not an executable file; give the full path of an ffmpeg binary "
                             "or leave it unset to use the one that comes with imageio-ffmpeg")
        return value

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None, **overrides: Any) -> "Settings":
        env = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for var, name in ENV_VARS.items():
            raw = env.get(var)
            if raw is not None and raw.strip() != "":
                values[name] = raw.strip()
        values.update({k: v for k, v in overrides.items() if v is not None})
        if "data_dir" not in values and (root := persistent_root(env)) is not None:
            values["data_dir"] = root / "adstudio"  # survive the Space's restarts
        try:
            return cls.model_validate(values)
        except ValidationError as exc:
            names = {v: k for k, v in ENV_VARS.items()}
            msg = describe_validation_error(exc, "settings")
            for field_name, var in names.items():
                msg = msg.replace(f"\n  {field_name}:", f"\n  {var}:")
            raise ConfigError(msg) from None

    def provider_for(self, capability: str) -> str:
        """The provider name for a capability: explicit setting, else the profile's default."""
        explicit = getattr(self, f"{capability}_provider", None) if capability != "upscaler" else self.upscaler
        if explicit:
            return explicit
        hosted = {"spec": "openai", "image": "replicate", "video": "replicate",
                  "music": "replicate", "upscaler": "local"}
        return hosted[capability] if self.profile == "hosted" else "local"

    def replicate_cancel_after_s(self, kind: str) -> float:
        """The prediction deadline for a model kind: image, video, music or upscale."""
        return float(getattr(self, f"replicate_cancel_after_{kind}_s"))

    def configured_keys(self) -> dict[str, bool]:
        """Which keys are present (never their values): for the studio and the CLI."""
        return {
            "OPENAI_API_KEY": self.openai_api_key is not None,
            "REPLICATE_API_TOKEN": self.replicate_api_token is not None,
            "ADSTUDIO_S3_BUCKET": self.s3_bucket is not None,
        }


ProgressCallback = Callable[[str, float, str], None]  # (phase, fraction 0..1, message)


def _no_progress(phase: str, fraction: float, message: str) -> None:
    return None


@dataclass
class Context:
    """Everything a phase may use. Built by `pipeline.run.build_context`."""

    settings: Settings
    store: Any  # pipeline.store.Store
    artifacts: Any  # pipeline.artifacts.ArtifactStore
    providers: Any  # pipeline.providers.registry.Providers
    project_id: str = ""
    progress: ProgressCallback = field(default=_no_progress)
    ledger: Any = None  # pipeline.cost.Ledger
    # What was last reported, so `note` can say something without moving any progress bar.
    _last: dict[str, Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    def report(self, phase: str, fraction: float, message: str = "") -> None:
        fraction = max(0.0, min(1.0, fraction))
        self._last["phase"] = phase
        self._last[phase] = fraction
        self.progress(phase, fraction, message)

    def note(self, message: str, phase: str = "") -> None:
        """A message about the run that moves no progress (a wait on a remote service's rate
        limit): shown under the phase last reported, at its last fraction; `phase` before any."""
        shown = self._last.get("phase") or phase
        self.progress(shown, self._last.get(shown, 0.0), message)
