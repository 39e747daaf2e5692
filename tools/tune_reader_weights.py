"""Check the brief reader's product-candidate weights against the evaluation set's dev split.

    python tools/tune_reader_weights.py              # one pass: try each weight at a few values
    python tools/tune_reader_weights.py --passes 2   # more passes of the same coordinate search

For every weight in `pipeline.providers.local.brief_reader.W` it tries a few values around the
current one and keeps the best by the dev split's product accuracy (ties keep the current value),
then prints the weights it would use and the dev and holdout accuracy before and after. It
changes nothing on disk: copy the printed weights into `W` if they are better, and look at the
holdout line first — a gain on dev alone is only tuning to the examples.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import spec_eval  # noqa: E402

from pipeline.providers.local import brief_reader  # noqa: E402

FACTORS = (0.0, 0.5, 0.75, 1.25, 1.5, 2.0)


def product_accuracy(items: list[dict]) -> float:
    hits = 0
    for item in items:
        guess = brief_reader.read_brief(item["prompt"]).product.name
        hits += spec_eval.name_matches(guess, item["product"])
    return hits / max(1, len(items))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--passes", type=int, default=1)
    args = ap.parse_args(argv)
    data = json.loads((ROOT / "benchmarks" / "spec_eval_set.json").read_text())
    dev = [d for d in data if d["split"] == "dev"]
    holdout = [d for d in data if d["split"] == "holdout"]
    weights = brief_reader.W
    start = dict(weights)
    before = (product_accuracy(dev), product_accuracy(holdout))
    best = before[0]
    for _ in range(args.passes):
        for name in list(weights):
            current = weights[name]
            for f in FACTORS:
                weights[name] = round(current * f, 4) if current else f
                score = product_accuracy(dev)
                if score > best + 1e-9:
                    best, current = score, weights[name]
            weights[name] = current
    after = (product_accuracy(dev), product_accuracy(holdout))
    changed = {k: v for k, v in weights.items() if v != start[k]}
    print("weights:", json.dumps(weights, indent=2))
    print("changed:", changed or "nothing")
    print(f"product accuracy  dev {before[0]:.1%} -> {after[0]:.1%}   holdout {before[1]:.1%} -> {after[1]:.1%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
