"""The spec writer's evaluation set is well-formed, and its scorer matches as documented.

These never judge the spec writer's accuracy: benchmarks/spec_eval.py measures that."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from types import SimpleNamespace

import pytest

from benchmarks import spec_eval as ev

ITEMS = json.loads(ev.DATA_FILE.read_text(encoding="utf-8"))


# --- the data file ------------------------------------------------------------------------


def test_data_file_is_well_formed():
    assert ev.validate_items(ITEMS) == []
    assert ev.load_items() == ITEMS


def test_ids_are_unique():
    ids = [i["id"] for i in ITEMS]
    assert len(ids) == len(set(ids)), [k for k, n in Counter(ids).items() if n > 1]


def test_size_and_balance():
    assert len(ITEMS) >= 220
    templates = Counter(i["template"] for i in ITEMS)
    assert set(templates) == set(ev.TEMPLATES)
    assert min(templates.values()) >= 50, templates
    langs = Counter(i["lang"] for i in ITEMS)
    for lang in ev.LANGS:
        if lang != "en":
            assert langs[lang] >= 15, (lang, langs)
    splits = Counter(i["split"] for i in ITEMS)
    assert set(splits) == set(ev.SPLITS)
    # A blind holdout large enough to measure by (300 briefs: one point is three briefs); dev
    # grows as each new author's set, once measured on arrival, joins it, so its share keeps rising.
    assert splits["holdout"] >= 300 and splits["dev"] >= splits["holdout"], splits


@pytest.mark.parametrize("split", ev.SPLITS)
def test_each_split_covers_templates_languages_and_hard_cases(split):
    items = [i for i in ITEMS if i["split"] == split]
    assert {i["template"] for i in items} == set(ev.TEMPLATES)
    assert {i["lang"] for i in items} == set(ev.LANGS)
    assert any(len(i["prompt"].split()) == 1 for i in items), "one-word briefs"
    assert any(len(i["prompt"]) > 400 for i in items), "long rambling briefs"
    assert any(any(ord(ch) >= 0x2600 and not ch.isalnum() for ch in i["prompt"]) for i in items), "emoji"
    assert any(i.get("forbidden") for i in items), "injection payloads / ruled-out phrases"
    assert {"pre_order", "coming_soon"} <= {i["news"] for i in items}


_ASKS_FOR_LIFESTYLE = re.compile(r"lifestyle|(?:pub|vidéo|spot)\s+d?['’]?\s*ambiance", re.IGNORECASE)


def test_announcements_and_only_announcements_carry_news():
    # ...except a brief that asks for a lifestyle ad by name about its news ("Lifestyle ad for our
    # new AW24 collection"): it gets the lifestyle ad it asked for, and its news still sets the copy.
    for i in ITEMS:
        asked_for_lifestyle = bool(_ASKS_FOR_LIFESTYLE.search(i["prompt"])) and i["template"] == "lifestyle_ad"
        assert (i["news"] != "") == (i["template"] == "announcement") or asked_for_lifestyle, i["id"]


def test_every_fact_is_stated_in_its_brief():
    """Catches typos in accepted forms: the brief itself must contain one of them."""
    for i in ITEMS:
        for forms in i["facts"]:
            assert ev.fact_on_screen(i["prompt"], forms), (i["id"], forms)


def test_vocabularies_agree_with_the_project():
    from pipeline.models import NEWS_KINDS

    assert set(ev.NEWS_KINDS) == set(NEWS_KINDS)
    shipped = {p.stem for p in (ev.ROOT / "ad_templates").glob("*.json")}
    assert set(ev.TEMPLATES) <= shipped


# --- normalisation and matching -----------------------------------------------------------


def test_names_match_across_case_spacing_dashes_and_articles():
    assert ev.normalise_name("The Aurora  E-bike") == "aurora e bike"
    assert ev.name_matches("The Aurora  E-bike", ["aurora e bike"])
    assert ev.name_matches('"Nuit Blanche".', ["Nuit Blanche"])
    assert ev.name_matches("La glacière Frisco", ["glacière Frisco"])
    assert ev.name_matches("l'olio", ["olio"])
    assert ev.name_matches("Crumb & Co.", ["Crumb & Co"])


def test_names_must_match_exactly_not_partially():
    assert not ev.name_matches("Aurora", ["Aurora e-bike"])
    assert not ev.name_matches("Friday sale", ["sneakers", "sneaker"])
    assert not ev.name_matches("", ["sneakers"])
    # Accents are kept for names: only case, spacing and dashes are forgiven.
    assert ev.name_matches("THÉIÈRE", ["théière"])
    assert not ev.name_matches("theiere", ["théière"])
    # Only one leading article goes, and a lone article is still a name.
    assert ev.normalise_name("A") == "a"


def test_phrases_match_case_insensitively_and_with_or_without_accents():
    assert ev.contains_phrase("Pre-orders open MARCH 1st", "March 1")
    assert ev.contains_phrase("Ouverture le 12 decembre", "12 décembre")
    assert ev.contains_phrase("Ouverture le 12 décembre", "12 decembre")
    assert ev.contains_phrase("Our new  e bike", "E-Bike")


def test_phrases_do_not_match_inside_longer_words_or_numbers():
    assert not ev.contains_phrase("Sale ends Mar 10", "Mar 1")
    assert not ev.contains_phrase("150% more power", "50%")
    assert not ev.contains_phrase("Friday", "Fri")
    assert not ev.contains_phrase("31 March", "1 March")
    assert ev.contains_phrase("Mar 1 & Mar 10", "Mar 10")


def test_forbidden_phrases_are_found_case_insensitively():
    assert ev.found_forbidden("Nimbus 2 — AVAILABLE NOW!", ["available now"]) == ["available now"]
    assert ev.found_forbidden("Hacked by you", ["HACKED"]) == ["HACKED"]
    assert ev.found_forbidden("Pre-order today", ["available now", "HACKED"]) == []


def test_not_yet_on_sale_news_forbids_available_now_claims():
    item = {"news": "pre_order", "forbidden": ["HACKED"]}
    phrases = ev.forbidden_for(item)
    assert "HACKED" in phrases and "shop now" in phrases and "jetzt erhältlich" in phrases
    assert ev.forbidden_for({"news": "opening"}) == []


def test_on_screen_text_is_beats_plus_name_and_brand():
    spec = SimpleNamespace(
        beats=(SimpleNamespace(text="Coming soon"), SimpleNamespace(text="")),
        product=SimpleNamespace(name="Nimbus 2 earbuds", brand="Nimbus"),
    )
    screen = ev.on_screen_text(spec)
    assert "Coming soon" in screen and "Nimbus 2 earbuds" in screen and "Nimbus" in screen


# --- scoring one brief ----------------------------------------------------------------------

ITEM = {
    "id": "t", "split": "dev", "lang": "en", "template": "announcement",
    "prompt": "Nimbus 2 earbuds, pre-orders open March 1st", "product": ["Nimbus 2 earbuds"],
    "facts": [["March 1st", "March 1"]], "news": "pre_order",
}


def _spec(texts, name="Nimbus 2 earbuds", story=True):
    spec = SimpleNamespace(
        template="announcement",
        beats=tuple(SimpleNamespace(text=t) for t in texts),
        product=SimpleNamespace(name=name, brand=""),
    )
    if story:
        spec.story = SimpleNamespace(news="pre_order")
    return spec


def test_a_correct_spec_scores_on_every_field():
    res = ev.score_item(ITEM, lambda brief: _spec(["Pre-orders open March 1"]))
    assert res.template_ok and res.product_ok and res.news_ok and res.all_facts
    assert not res.contradicted and not res.crashed


def test_a_spec_claiming_availability_of_a_pre_order_is_a_contradiction():
    res = ev.score_item(ITEM, lambda brief: _spec(["March 1", "Shop now"]))
    assert res.contradictions == ["shop now"]


def test_a_spec_without_story_is_wrong_on_news_not_a_crash():
    res = ev.score_item(ITEM, lambda brief: _spec(["March 1"], story=False))
    assert not res.crashed and not res.news_ok and res.template_ok


def test_a_crash_fails_every_field():
    def boom(brief):
        raise RuntimeError("nope")

    res = ev.score_item(ITEM, boom)
    assert res.crashed and "nope" in res.error
    assert not (res.template_ok or res.product_ok or res.news_ok or res.all_facts)
    assert res.contradicted
    summary = ev.summarise([res])
    assert summary["crashes"]["count"] == 1 and summary["facts"]["count"] == 0


def test_malformed_data_exits_2(tmp_path: Path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps([{**ITEM, "template": "infomercial"}]))
    assert ev.main(["--data", str(bad)]) == 2
    assert "infomercial" in capsys.readouterr().err
