"""Second opinion on the kind of news: a linear model over every news word the brief holds.

`brief_reader.find_news` returns the first kind whose words it meets, in a fixed order; a brief
often holds several ("launching our new flavour, 20% off the first week": a new flavour, a
launch and a sale). This model weighs all of them with the facts beside them (an offer, a date, a
time) and the rules' answer. Each kind is scored by a dot product of the brief's features crossed
with that kind; weights are learned from the dev split by `python tools/train_reader_models.py`
and kept in `news_classifier_weights.json` (no file, no second opinion). It overrides the rules
only by a clear margin, like the template classifier.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from . import brief_reader as br
from . import linear_model

WEIGHTS_FILE = Path(__file__).with_name("news_classifier_weights.json")
KINDS = ("", "launch", "pre_order", "coming_soon", "sale", "opening", "reopening", "event", "webinar", "rebrand",
         "new_season", "new_flavour")
OVERRIDE_MARGIN = 0.5  # the same reasoning as template_classifier.OVERRIDE_MARGIN


def brief_features(text: str, facts: br.Facts, rules_kind: str) -> dict[str, float]:
    f: dict[str, float] = {"rules_" + (rules_kind or "none"): 1.0, "bias": 1.0}
    for kind, rx in br._NEWS_RX:
        hits = rx.findall(text)
        if hits:
            f["words_" + kind] = 1.0
            if any(" " in h or "-" in h for h in hits):
                f["phrase_" + kind] = 1.0  # "grand opening", "pre-order": stronger than one word
    for key, value in (("offers", facts.offers), ("prices", facts.prices), ("dates", facts.dates),
                       ("times", facts.times), ("places", facts.places), ("occasion", facts.occasion)):
        if value:
            f["has_" + key] = 1.0
    if br._REBRAND.search(text):
        f["rebrand_pattern"] = 1.0
    if br._SOON_FIRST.match(text):
        f["soon_first"] = 1.0
    if br._JUST_OUT.search(text):
        f["just_out"] = 1.0
    if br._NOT_YET_CUE.search(text):
        f["not_yet_cue"] = 1.0
    if br._TICKETS.search(text):
        f["tickets"] = 1.0
    return f


def crossed(features: dict[str, float]) -> list[dict[str, float]]:
    """The features of each kind, in KINDS order (for training)."""
    return linear_model.crossed(features, KINDS)


@lru_cache(maxsize=1)
def weights() -> dict[str, float]:
    return linear_model.read_weights(WEIGHTS_FILE)


def choose(text: str, facts: br.Facts, rules_kind: str) -> str:
    w = weights()
    if not w or rules_kind not in KINDS:
        return rules_kind
    return linear_model.choose(w, brief_features(text, facts, rules_kind), KINDS, rules_kind,
                               list(range(len(KINDS))), OVERRIDE_MARGIN)
