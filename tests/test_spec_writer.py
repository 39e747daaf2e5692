"""The local spec writer: deterministic rules from brief to a valid Spec."""

import pytest

from pipeline.models import Brief
from pipeline.providers.local.spec_writer import write_spec
from pipeline.render.typography import drawable


@pytest.mark.parametrize("prompt,template", [
    ("Create a sleek ad for luxury watches", "product_showcase"),
    ("Show off the craftsmanship of our leather bags", "product_showcase"),
    ("People using Sunny cold brew on their morning commute", "lifestyle_ad"),
    ("A family enjoying our picnic blanket at the weekend", "lifestyle_ad"),
    ("Launching the Nova X1 smartphone next week", "announcement"),
    ("Black Friday sale: 40% off all sneakers", "announcement"),
    ("Grand opening of Luna Bakery downtown", "announcement"),
    ("We are rebranding: meet the new Acme", "announcement"),
])
def test_template_follows_the_brief(prompt, template):
    assert write_spec(Brief(prompt=prompt)).template == template


def test_template_override():
    assert write_spec(Brief(prompt="Create a sleek ad for luxury watches", template="announcement")).template == "announcement"


def test_extracts_product_brand_style_and_colours():
    spec = write_spec(Brief(prompt='Create a luxury ad for "Aurum" watches in black and gold'))
    assert spec.product.brand == "Aurum"
    assert "watch" in spec.product.name.lower()
    assert spec.style.aesthetic == "luxury"
    assert "#c9a45c" in spec.style.palette and "#0d0d0f" in spec.style.palette  # gold, black
    assert spec.product.category == "watch"


def test_every_beat_has_prompt_and_text_and_a_cta_last():
    spec = write_spec(Brief(prompt="Create a sleek ad for luxury watches"))
    assert all(b.prompt and "{" not in b.prompt for b in spec.beats)
    assert spec.beats[-1].text_role == "cta" and spec.beats[-1].text
    assert spec.beats[0].text  # the title


def test_beat_boundaries_land_on_the_music_grid():
    spec = write_spec(Brief(prompt="Create a sleek ad for luxury watches"))
    period = 60.0 / spec.audio.tempo_bpm
    for b in spec.beats[1:]:
        assert abs(b.start / period - round(b.start / period)) < 1e-6


def test_deterministic():
    a = write_spec(Brief(prompt="An energetic ad for running shoes", seed=3))
    b = write_spec(Brief(prompt="An energetic ad for running shoes", seed=3))
    assert a == b
    assert a.style.mood == "energetic" and a.audio.tempo_bpm >= 110


@pytest.mark.parametrize("prompt", [
    "Anuncio elegante para relojes de lujo",
    "Publicité pour un parfum de luxe",
    "🎉✨ ad for Bloom perfume 🌸",
    "為高級手錶製作廣告",
    "Реклама для часов",
])
def test_non_english_and_emoji_briefs_give_valid_drawable_text(prompt):
    spec = write_spec(Brief(prompt=prompt))
    for beat in spec.beats:
        if beat.text_role != "none":
            assert drawable(beat.text), (prompt, beat.text)
    assert "🎉" not in spec.product.name and "✨" not in spec.product.name


def test_duration_scales_the_template():
    spec = write_spec(Brief(prompt="an ad for headphones", duration_s=15))
    assert abs(sum(b.duration for b in spec.beats) - 15) < 1e-6
