"""The template classifier: a learned second opinion on the template (template_classifier.py).

Briefs here are not in the evaluation set the classifier was trained on."""

from __future__ import annotations

import pytest

from pipeline.models import Brief
from pipeline.providers.local import template_classifier as tc
from pipeline.providers.local.brief_reader import read_brief
from pipeline.providers.local.spec_writer import rules_template, write_spec
from pipeline.templates import load_templates


@pytest.mark.parametrize("prompt, template", [
    # An offer no word list names, with a weekend: news, so an announcement.
    ("$2.5k off every display piano at Harmony House this weekend, Saturday & Sunday only", "announcement"),
    # People doing something somewhere: a lifestyle ad, though no list knows these people.
    ("Two roofers finishing a slate roof at sunrise, steam rising from their Kettleworks flasks", "lifestyle_ad"),
    # A product and its specs: a showcase.
    ("Kettleworks steel flask, 1 litre, keeps tea hot for 24 hours, powder-coated", "product_showcase"),
])
def test_the_template_fits_the_brief(prompt, template):
    assert write_spec(Brief(prompt=prompt)).template == template


def test_without_weights_the_rules_choose(monkeypatch, tmp_path):
    templates = load_templates()
    reading = read_brief("Two roofers finishing a slate roof at sunrise, steam rising from their Kettleworks flasks")
    monkeypatch.setattr(tc, "WEIGHTS_FILE", tmp_path / "missing.json")
    tc.weights.cache_clear()
    try:
        rules = rules_template(reading, templates)
        assert tc.choose(reading, rules, frozenset(templates)) == rules
    finally:
        tc.weights.cache_clear()


def test_only_available_templates_are_chosen_and_added_templates_are_left_to_the_rules():
    reading = read_brief("$2.5k off every display piano at Harmony House this weekend")
    assert tc.choose(reading, "product_showcase", frozenset({"product_showcase", "lifestyle_ad"})) != "announcement"
    assert tc.choose(reading, "my_custom_template", frozenset({"my_custom_template", "announcement"})) \
        == "my_custom_template"
