"""The news classifier: a learned second opinion on the kind of news (news_classifier.py).

Briefs here are not in the evaluation set the classifier was trained on."""

from __future__ import annotations

import pytest

from pipeline.providers.local import brief_reader as br
from pipeline.providers.local import news_classifier as nc
from pipeline.providers.local.brief_reader import read_brief


@pytest.mark.parametrize("prompt, news", [
    ("Pre-order the Trailwise T2 hiking poles now, shipping from April 3", "pre_order"),
    ("Grand opening of Crumb & Co bakery on Elm Street this Saturday at 8am", "opening"),
    ("Summer sale at Dune Outfitters: 40% off all swimwear until Sunday", "sale"),
    ("Free webinar: bookkeeping basics for makers, Tuesday May 6 at 1pm", "webinar"),
    ("Handmade walnut cutting board, oiled, 40 x 25 cm", ""),
])
def test_the_kind_of_news_fits_the_brief(prompt, news):
    assert read_brief(prompt).news == news


def test_without_weights_the_rules_decide(monkeypatch, tmp_path):
    text, _, _, facts = br.prepare("Launching our new Lime Fizz flavour, 20% off the first week")
    rules = br.find_news(text, facts)
    monkeypatch.setattr(nc, "WEIGHTS_FILE", tmp_path / "missing.json")
    nc.weights.cache_clear()
    try:
        assert nc.choose(text, facts, rules) == rules
    finally:
        nc.weights.cache_clear()


def test_every_kind_the_reader_knows_is_a_candidate():
    assert {kind for kind, _ in br._NEWS_RX} <= set(nc.KINDS)
