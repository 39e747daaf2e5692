"""Providers by capability and name. Built-ins register here; a third-party provider calls
`register("video", "myname", factory)` before the pipeline runs. Hosted SDKs are imported
only when their provider is built, so the local path never needs them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from ..config import Settings
from ..errors import ConfigError

Factory = Callable[[Settings], Any]
CAPABILITIES = ("spec", "image", "video", "music", "upscaler", "storage")
_REGISTRY: dict[str, dict[str, Factory]] = {c: {} for c in CAPABILITIES}


def register(capability: str, name: str, factory: Factory) -> None:
    if capability not in _REGISTRY:
        raise ValueError(f"unknown capability {capability!r}; one of {', '.join(CAPABILITIES)}")
    _REGISTRY[capability][name] = factory


def available(capability: str) -> list[str]:
    _load_builtins()
    return sorted(_REGISTRY[capability])


def _lazy(module: str, cls: str) -> Factory:
    def build(settings: Settings) -> Any:
        import importlib
        return getattr(importlib.import_module(module, __package__), cls)(settings)
    return build


_BUILTINS_LOADED = False


def _load_builtins() -> None:
    global _BUILTINS_LOADED
    if _BUILTINS_LOADED:
        return
    _BUILTINS_LOADED = True
    local = ".local.providers"
    for cap, cls in (("spec", "LocalSpecWriter"), ("image", "LocalImages"), ("video", "LocalVideo"),
                     ("music", "LocalMusic"), ("upscaler", "LocalUpscaler"), ("storage", "LocalStorage")):
        _REGISTRY[cap].setdefault("local", _lazy(local, cls))
    hosted = {
        ("spec", "openai"): (".openai_spec", "OpenAISpecWriter"),
        ("image", "replicate"): (".replicate_providers", "ReplicateImages"),
        ("video", "replicate"): (".replicate_providers", "ReplicateVideo"),
        ("music", "replicate"): (".replicate_providers", "ReplicateMusic"),
        ("upscaler", "replicate"): (".replicate_providers", "ReplicateUpscaler"),
        ("storage", "s3"): (".s3_storage", "S3Storage"),
    }
    for (cap, name), (mod, cls) in hosted.items():
        _REGISTRY[cap].setdefault(name, _lazy(mod, cls))


@dataclass
class Providers:
    spec: Any
    image: Any
    video: Any
    music: Any
    upscaler: Any
    storage: Any

    def describe(self) -> dict[str, str]:
        return {cap: f"{getattr(self, cap).name}" for cap in CAPABILITIES}


def build_providers(settings: Settings) -> Providers:
    _load_builtins()
    built = {}
    for cap in CAPABILITIES:
        name = settings.storage if cap == "storage" else settings.provider_for(cap)
        factory = _REGISTRY[cap].get(name)
        if factory is None:
            raise ConfigError(f"no {cap} provider named {name!r}; available: {', '.join(sorted(_REGISTRY[cap]))}")
        try:
            built[cap] = factory(settings)
        except ModuleNotFoundError as exc:
            raise ConfigError(f"the {name} {cap} provider is not available: {exc.name} is not installed "
                              f"(pip install -r requirements.txt)") from None
    return Providers(**built)
