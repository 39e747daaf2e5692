"""Shared fixtures: an isolated data dir and context per test, and small briefs.

The local providers are the test doubles: tests run the real pipeline, at small sizes
wherever the property under test allows."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from pipeline.config import Settings
from pipeline.run import build_context, make_brief

SMALL = {"width": 320, "height": 180}


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings.from_env(environ={}, data_dir=str(tmp_path / "data"))


@pytest.fixture
def ctx(settings: Settings):
    return build_context(settings)


@pytest.fixture
def small_brief():
    def make(prompt: str = "Create a sleek ad for luxury watches", duration_s: float = 6.0, **kw):
        return make_brief(prompt=prompt, duration_s=duration_s, **{**SMALL, **kw})
    return make


@pytest.fixture
def product_png(tmp_path: Path) -> Path:
    """A product photo on a plain white studio backdrop (the common e-commerce shot)."""
    img = Image.new("RGB", (400, 600), (250, 250, 250))
    arr = np.asarray(img).copy()
    yy, xx = np.mgrid[:600, :400]
    bottle = ((xx - 200) / 110) ** 2 + ((yy - 330) / 220) ** 2 < 1
    arr[bottle] = (180, 40, 60)
    path = tmp_path / "product.png"
    Image.fromarray(arr).save(path)
    return path


@pytest.fixture
def logo_png(tmp_path: Path) -> Path:
    img = Image.new("RGBA", (300, 120), (0, 0, 0, 0))
    arr = np.asarray(img).copy()
    arr[20:100, 20:280] = (20, 90, 200, 255)
    path = tmp_path / "logo.png"
    Image.fromarray(arr).save(path)
    return path
