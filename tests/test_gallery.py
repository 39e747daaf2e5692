"""The gallery script: one contact sheet per ad, a frame per beat, through the real pipeline."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parent.parent


def _gallery():
    spec = importlib.util.spec_from_file_location("gallery", ROOT / "benchmarks" / "gallery.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_sheet_shows_every_beat_of_the_ad(tmp_path):
    gallery = _gallery()
    path = gallery.render_sheet("mug_photo", gallery.BRIEFS["mug_photo"], tmp_path, (160, 90), tmp_path / "data")
    sheet = Image.open(path)
    # Six beats in rows of three, each 160x90 with its caption, under the brief's title.
    assert sheet.width == 3 * 160 + 4 * 12
    assert sheet.height > 2 * 90 + 70
    # The uploaded red mug is in the frames: the sheet holds clearly red pixels.
    px = sheet.convert("RGB").load()
    reds = sum(1 for x in range(0, sheet.width, 3) for y in range(70, sheet.height, 3)
               if px[x, y][0] > 150 and px[x, y][1] < 80 and px[x, y][2] < 90)
    assert reds > 200
