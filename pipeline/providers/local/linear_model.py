"""What the reader's three learned models share: weights kept as JSON, features crossed with
each answer, a dot product as the score, and the rule that the model overrides the rules only
by a margin. The models themselves (product_ranker, news_classifier, template_classifier) say
which features they read; tools/train_reader_models.py learns the weights."""

from __future__ import annotations

import json
from pathlib import Path


def read_weights(path: Path) -> dict[str, float]:
    """{feature: weight} from a trained model's file; empty (no second opinion) without one."""
    try:
        return {k: float(v) for k, v in json.loads(path.read_text())["weights"].items()}
    except FileNotFoundError:
        return {}


def score(weights: dict[str, float], features: dict[str, float]) -> float:
    return sum(weights.get(name, 0.0) * value for name, value in features.items())


def crossed(features: dict[str, float], answers: tuple[str, ...]) -> list[dict[str, float]]:
    """The features of each possible answer, in order: every sign counts once per answer."""
    return [{f"{answer or 'none'}|{k}": v for k, v in features.items()} for answer in answers]


def choose(weights: dict[str, float], features: dict[str, float], answers: tuple[str, ...], rules: str,
           allowed: list[int], margin: float) -> str:
    """The answer the model scores highest among the allowed ones, unless the rules' own answer
    (when allowed) is within `margin` of it."""
    scores = [score(weights, f) for f in crossed(features, answers)]
    best = max(allowed, key=lambda k: (scores[k], -k))
    own = answers.index(rules) if rules in answers else -1
    if own in allowed and scores[best] - scores[own] <= margin:
        return rules
    return answers[best]
