"""Learns the brief reader's three models from the evaluation set's dev split.

    python tools/train_reader_models.py            # train on dev, report dev and holdout, write weights
    python tools/train_reader_models.py --dry-run  # report only

- The product ranker (`product_ranker.py`): each dev brief is read as the studio reads it
  (`brief_reader.prepare`, then the rules' `find_product`); every candidate span gets its
  features, and the spans whose words are one of the brief's accepted names are the right
  answers (the first listed, the most natural, counts most).
- The news classifier (`news_classifier.py`): the kinds of news (and none) are the candidates,
  with the brief's features crossed with each; the labelled kind is right.
- The template classifier (`template_classifier.py`): the three built-in templates are the
  candidates, with the brief's features crossed with each; the labelled one is right.

Both are conditional logits over a brief's candidates: training maximises the probability of the
right ones, with an L2 penalty that keeps rarely seen features near zero. Plain gradient descent
with a fixed number of steps and no randomness: the same data gives the same weights.

The holdout split is never trained on; the figures printed for it are what to expect on briefs
the models have not seen.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from pipeline.providers.local import brief_reader as br  # noqa: E402
from pipeline.providers.local import product_ranker as pr  # noqa: E402
from pipeline.providers.local import news_classifier as nc  # noqa: E402
from pipeline.providers.local import template_classifier as tc  # noqa: E402
from pipeline.providers.local.spec_writer import rules_template  # noqa: E402
from pipeline.templates import load_templates  # noqa: E402
from spec_eval import DATA_FILE, name_matches  # noqa: E402


PREFERENCE = 0.3  # weight of an accepted name that is not the first listed


def load(split: str) -> list[dict]:
    return [x for x in json.loads(DATA_FILE.read_text()) if split == "all" or x["split"] == split]


def examples(items: list[dict]):
    """(spans, features, right-answer mask, rules' pick) per brief."""
    out = []
    for item in items:
        text, _, lang, facts = br.prepare(item["prompt"])
        guess = br.find_product(text, lang, facts)
        spans, feats = pr.featurise(text, lang, facts, guess.name)
        # Every accepted name is right, the first (the most natural) more so: the ranker learns
        # to say "Aurum watches" rather than only "Aurum" when the brief allows both.
        right = np.array([1.0 if name_matches(sp.text, item["product"][:1]) else
                          PREFERENCE if name_matches(sp.text, item["product"]) else 0.0 for sp in spans])
        out.append((spans, feats, right, guess.name, item))
    return out


def news_examples(items: list[dict]):
    """(kinds, features, right-answer mask, rules' kind, item) per brief, like `examples`."""
    out = []
    for item in items:
        text, _, _, facts = br.prepare(item["prompt"])
        rules = br.find_news(text, facts)
        feats = nc.crossed(nc.brief_features(text, facts, rules))
        right = np.array([1.0 if k == item["news"] else 0.0 for k in nc.KINDS])
        out.append((list(nc.KINDS), feats, right, rules, item))
    return out


def template_examples(items: list[dict]):
    """(templates, features, right-answer mask, rules' choice, item) per brief, like `examples`."""
    templates = load_templates()
    out = []
    for item in items:
        reading = br.read_brief(item["prompt"])
        rules = rules_template(reading, templates)
        feats = tc.crossed(tc.brief_features(reading, rules))
        right = np.array([1.0 if t == item["template"] else 0.0 for t in tc.BUILT_IN])
        out.append((list(tc.BUILT_IN), feats, right, rules, item))
    return out


def matrices(data, names: list[str]):
    index = {n: k for k, n in enumerate(names)}
    mats = []
    for spans, feats, right, _, _ in data:
        x = np.zeros((len(feats), len(names)))
        for r, f in enumerate(feats):
            for k, v in f.items():
                if k in index:
                    x[r, index[k]] = v
        mats.append((x, right))
    return mats


def train(mats, n_features: int, l2: float, steps: int, rate: float) -> np.ndarray:
    w = np.zeros(n_features)
    m = np.zeros(n_features)
    v = np.zeros(n_features)
    usable = [(x, r) for x, r in mats if r.any()]  # a brief with no right span teaches nothing
    for step in range(1, steps + 1):
        grad = l2 * w
        for x, right in usable:
            s = x @ w
            p = np.exp(s - s.max())
            p /= p.sum()
            q = p * right
            q /= q.sum()
            grad -= (q - p) @ x / len(usable)  # d(-log sum_right p)/dw
        # Adam: steady steps whatever the scale of each feature.
        m = 0.9 * m + 0.1 * grad
        v = 0.999 * v + 0.001 * grad * grad
        w -= rate * (m / (1 - 0.9 ** step)) / (np.sqrt(v / (1 - 0.999 ** step)) + 1e-8)
    return w


def accuracy(data, w: np.ndarray, names: list[str], rules_right) -> tuple[float, float]:
    """(model, rules alone) share of briefs whose pick is right."""
    ranked = rules = 0
    for (spans, feats, right, reader, item), (x, _) in zip(data, matrices(data, names)):
        ranked += bool(right[int(np.argmax(x @ w))] > 0) if len(spans) else 0
        rules += rules_right(reader, item)
    return 100 * ranked / len(data), 100 * rules / len(data)


def fit_and_report(label: str, dev, holdout, args, rules_right, out_file: Path) -> None:
    names = sorted({k for _, feats, _, _, _ in dev for f in feats for k in f})
    w = train(matrices(dev, names), len(names), args.l2, args.steps, args.rate)
    for split, data in (("dev", dev), ("holdout", holdout)):
        model, rules = accuracy(data, w, names, rules_right)
        print(f"{label:9s} {split:8s} {len(data):4d} briefs   right: rules {rules:5.1f}%   model {model:5.1f}%")
    if not args.dry_run:
        weights = {n: round(float(x), 4) for n, x in zip(names, w) if abs(x) >= 1e-4}
        out_file.write_text(json.dumps({
            "trained_on": "benchmarks/spec_eval_set.json, split dev",
            "l2": args.l2, "steps": args.steps, "weights": weights}, indent=1, sort_keys=True) + "\n")
        print(f"wrote {len(weights)} weights to {out_file.relative_to(ROOT)}")
        for model in (pr, nc, tc):
            model.weights.cache_clear()  # what is read next (the template's examples) uses the new weights


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    # Chosen by 5-fold cross-validation over the dev split (0.0003-0.003 within a point).
    ap.add_argument("--l2", type=float, default=0.001)
    ap.add_argument("--steps", type=int, default=600)
    ap.add_argument("--rate", type=float, default=0.05)
    ap.add_argument("--dry-run", action="store_true")
    args = ap.parse_args()
    dev, holdout = load("dev"), load("holdout")
    fit_and_report("product", examples(dev), examples(holdout), args,
                   lambda reader, item: name_matches(reader, item["product"]), pr.WEIGHTS_FILE)
    # News first: the template classifier reads the news kind the reading settles on.
    fit_and_report("news", news_examples(dev), news_examples(holdout), args,
                   lambda rules, item: rules == item["news"], nc.WEIGHTS_FILE)
    fit_and_report("template", template_examples(dev), template_examples(holdout), args,
                   lambda rules, item: rules == item["template"], tc.WEIGHTS_FILE)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
