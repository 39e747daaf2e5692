"""Measures how well the offline spec writer understands briefs, on a labelled evaluation set.

    python benchmarks/spec_eval.py                       # dev split
    python benchmarks/spec_eval.py --split holdout       # briefs the writer was not tuned on
    python benchmarks/spec_eval.py --split all --show-failures 5
    python benchmarks/spec_eval.py --split all --json    # machine-readable report

Each brief in benchmarks/spec_eval_set.json goes through
`pipeline.providers.local.spec_writer.write_spec(Brief(prompt=...))` and is scored on:

  template        spec.template equals the labelled template
  product         spec.product.name equals one of the accepted names, after `normalise_name`
  facts           every stated fact (date, time, place, offer, price...) is on screen: one of its
                  accepted forms is in the on-screen text (beat texts + product name + brand)
  contradictions  briefs whose on-screen text says something it must not: the brief's own
                  `forbidden` phrases (injected payloads, "buy now" the brief ruled out...) and,
                  for pre-orders and coming-soon news, "available now"-style claims
  news            spec.story.news equals the labelled kind of news ("" when there is none)

A brief whose write_spec raises fails every field. This is a measurement, not a test: the exit
code is 0 whatever the scores, and 2 only when the data file is malformed.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DATA_FILE = ROOT / "benchmarks" / "spec_eval_set.json"

# The data set's own vocabulary. Kept here rather than imported from pipeline.models so that a
# change to the models cannot silently relabel the set; the tests check both agree.
TEMPLATES = ("announcement", "product_showcase", "lifestyle_ad")
LANGS = ("en", "es", "fr", "de", "it", "pt")
SPLITS = ("dev", "holdout")
NEWS_KINDS = (
    "", "launch", "pre_order", "coming_soon", "sale", "opening", "reopening", "event", "webinar",
    "rebrand", "new_season", "new_flavour",
)
# Something not yet on sale must not be advertised as if it were.
NOT_YET_NEWS = ("pre_order", "coming_soon")
NOT_YET_FORBIDDEN = (
    "now open", "available now", "out now", "shop now", "in stores now", "buy now",
    "ya disponible", "disponible ya", "disponible maintenant", "jetzt erhältlich",
    "ora disponibile", "já disponível", "agora disponível",
)

FIELDS = ("template", "product", "facts", "contradictions", "news")
# (comparison, threshold): a rate to reach, or a count to stay at or under.
TARGETS: dict[str, tuple[str, float]] = {
    "template": (">=", 95.0),
    "product": (">=", 95.0),
    "facts": (">=", 95.0),
    "contradictions": ("==", 0),
    "news": (">=", 90.0),
    "crashes": ("==", 0),
}

# Leading words a copywriter may or may not put before a name: "The Everyday Tote" is the
# "Everyday Tote". Only one is dropped, so a name made of articles is never emptied.
LEADING_ARTICLES = frozenset(
    "the a an our el la le les der die das il lo o".split()
)
DASHES = "-‐‑‒–—―"
_DASH_RE = re.compile(f"[{DASHES}]")
_SPACE_RE = re.compile(r"\s+")
# Quotes and trailing punctuation around a name are not part of it ('"Nuit Blanche".').
_EDGE_PUNCT = "\"'“”‘’«»„‚`.,;:!?()[]{} "
_ELISION_RE = re.compile(r"^(l|d)['’]\s*")  # French/Italian "l'huile", "l’olio"


class DataError(ValueError):
    """The evaluation set is malformed: the scores would mean nothing."""


# --- normalisation and matching -----------------------------------------------------------


def normalise_text(text: str) -> str:
    """Casefolded, dashes read as spaces, runs of whitespace collapsed. Accents are kept."""
    text = _DASH_RE.sub(" ", text.casefold())
    return _SPACE_RE.sub(" ", text).strip()


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def normalise_name(name: str) -> str:
    """A product name as compared: `normalise_text`, minus surrounding quotes/punctuation and
    one leading article ("The Aurora  E-bike" -> "aurora e bike")."""
    text = normalise_text(unicodedata.normalize("NFC", name)).strip(_EDGE_PUNCT)
    first, _, rest = text.partition(" ")
    if rest and first in LEADING_ARTICLES:
        text = rest
    elif _ELISION_RE.match(text) and _ELISION_RE.sub("", text):
        text = _ELISION_RE.sub("", text)
    return text.strip(_EDGE_PUNCT)


def name_matches(got: str, accepted: list[str]) -> bool:
    """Exact match, after `normalise_name`, against any accepted variant."""
    g = normalise_name(got)
    return bool(g) and any(g == normalise_name(a) for a in accepted)


def _char_class(ch: str) -> str:
    if ch.isdigit():
        return "digit"
    if ch.isalpha():
        return "alpha"
    return "other"


def _find_bounded(haystack: str, needle: str) -> bool:
    """Substring search that does not split a word or a number.

    A match is rejected when the character just outside it is of the same kind (letter or
    digit) as the needle's edge character: "Mar 1" is not in "Mar 10", "50%" is not in "150%",
    "Fri" is not in "Friday", but "March 1" is in "March 1st" (a digit then a letter).
    """
    if not needle:
        return False
    start = haystack.find(needle)
    while start != -1:
        end = start + len(needle)
        head, tail = _char_class(needle[0]), _char_class(needle[-1])
        ok_before = start == 0 or head == "other" or _char_class(haystack[start - 1]) != head
        ok_after = end == len(haystack) or tail == "other" or _char_class(haystack[end]) != tail
        if ok_before and ok_after:
            return True
        start = haystack.find(needle, start + 1)
    return False


def contains_phrase(text: str, phrase: str) -> bool:
    """Whether `phrase` is in `text`, case-insensitively, on word/number boundaries, with or
    without accents ("12 decembre" finds "12 décembre" and the other way round)."""
    t = normalise_text(unicodedata.normalize("NFC", text))
    p = normalise_text(unicodedata.normalize("NFC", phrase))
    return _find_bounded(t, p) or _find_bounded(strip_accents(t), strip_accents(p))


def fact_on_screen(screen: str, forms: list[str]) -> bool:
    return any(contains_phrase(screen, f) for f in forms)


def on_screen_text(spec: Any) -> str:
    """Everything a viewer reads: every beat's text, and the end card's name and brand.
    Joined by newlines so a fact cannot be stitched together across two pieces."""
    parts = [getattr(b, "text", "") or "" for b in getattr(spec, "beats", ())]
    product = getattr(spec, "product", None)
    parts += [getattr(product, "name", "") or "", getattr(product, "brand", "") or ""]
    return "\n".join(p for p in parts if p)


def forbidden_for(item: dict) -> list[str]:
    """Phrases this brief's ad must not show: its own list, plus "available now" and kin when
    the news is something not yet on sale."""
    phrases = list(item.get("forbidden", []))
    if item.get("news") in NOT_YET_NEWS:
        phrases += [p for p in NOT_YET_FORBIDDEN if p not in phrases]
    return phrases


def found_forbidden(screen: str, phrases: list[str]) -> list[str]:
    return [p for p in phrases if contains_phrase(screen, p)]


# --- the data set -------------------------------------------------------------------------


def validate_items(items: Any) -> list[str]:
    """Every problem with the data set, as readable sentences; empty when it is well-formed."""
    if not isinstance(items, list):
        return ["the data file must hold a JSON list of briefs"]
    problems: list[str] = []
    seen: set[str] = set()
    required = {"id", "split", "lang", "prompt", "template", "product", "facts", "news"}
    for n, item in enumerate(items):
        where = f"brief #{n}"
        if not isinstance(item, dict):
            problems.append(f"{where} is not an object")
            continue
        where = f"brief {item.get('id', f'#{n}')!r}"
        missing = required - item.keys()
        extra = item.keys() - required - {"forbidden"}
        if missing:
            problems.append(f"{where} lacks {sorted(missing)}")
            continue
        if extra:
            problems.append(f"{where} has unknown keys {sorted(extra)}")
        if not isinstance(item["id"], str) or not item["id"]:
            problems.append(f"{where}: id must be a non-empty string")
        elif item["id"] in seen:
            problems.append(f"{where}: duplicate id")
        seen.add(item["id"])
        if item["split"] not in SPLITS:
            problems.append(f"{where}: split {item['split']!r} not in {SPLITS}")
        if item["lang"] not in LANGS:
            problems.append(f"{where}: lang {item['lang']!r} not in {LANGS}")
        if item["template"] not in TEMPLATES:
            problems.append(f"{where}: template {item['template']!r} not in {TEMPLATES}")
        if item["news"] not in NEWS_KINDS:
            problems.append(f"{where}: news {item['news']!r} not in {NEWS_KINDS}")
        if not isinstance(item["prompt"], str) or not item["prompt"].strip():
            problems.append(f"{where}: prompt must be a non-empty string")
        if not _str_list(item["product"]) or not item["product"]:
            problems.append(f"{where}: product must be a non-empty list of names")
        elif any(not normalise_name(p) for p in item["product"]):
            problems.append(f"{where}: a product name normalises to nothing")
        if not isinstance(item["facts"], list) or any(
            not _str_list(f) or not f or any(not s.strip() for s in f) for f in item["facts"]
        ):
            problems.append(f"{where}: facts must be a list of non-empty lists of strings")
        if "forbidden" in item and (not _str_list(item["forbidden"]) or not all(item["forbidden"])):
            problems.append(f"{where}: forbidden must be a list of non-empty strings")
    return problems


def _str_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def load_items(path: Path = DATA_FILE) -> list[dict]:
    try:
        items = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise DataError(f"cannot read {path}: {exc}") from exc
    problems = validate_items(items)
    if problems:
        raise DataError(f"{path} is malformed:\n  " + "\n  ".join(problems))
    return items


# --- scoring ------------------------------------------------------------------------------


@dataclass
class Result:
    item: dict
    template_ok: bool = False
    product_ok: bool = False
    facts_found: int = 0
    missing_facts: list[list[str]] = field(default_factory=list)
    contradictions: list[str] = field(default_factory=list)
    news_ok: bool = False
    got_template: str = ""
    got_product: str = ""
    got_news: str | None = None
    screen: str = ""
    error: str = ""
    seconds: float = 0.0

    @property
    def crashed(self) -> bool:
        return bool(self.error)

    @property
    def contradicted(self) -> bool:
        return self.crashed or bool(self.contradictions)

    @property
    def all_facts(self) -> bool:
        return not self.crashed and not self.missing_facts


def score_item(item: dict, write_spec: Callable[[Any], Any]) -> Result:
    from pipeline.models import Brief

    res = Result(item=item)
    t0 = time.perf_counter()
    try:
        spec = write_spec(Brief(prompt=item["prompt"]))
    except Exception as exc:  # noqa: BLE001 - any failure of the writer is a data point
        res.seconds = time.perf_counter() - t0
        res.error = f"{type(exc).__name__}: {exc}"
        res.missing_facts = list(item["facts"])
        return res
    res.seconds = time.perf_counter() - t0

    res.got_template = str(getattr(spec, "template", ""))
    res.template_ok = res.got_template == item["template"]
    product = getattr(spec, "product", None)
    res.got_product = str(getattr(product, "name", "") or "")
    res.product_ok = name_matches(res.got_product, item["product"])

    res.screen = on_screen_text(spec)
    res.missing_facts = [f for f in item["facts"] if not fact_on_screen(res.screen, f)]
    res.facts_found = len(item["facts"]) - len(res.missing_facts)
    res.contradictions = found_forbidden(res.screen, forbidden_for(item))

    # Specs from before spec.story existed have no news: that is a wrong answer, not a crash.
    story = getattr(spec, "story", None)
    res.got_news = getattr(story, "news", None) if story is not None else None
    res.news_ok = res.got_news == item["news"]
    return res


def summarise(results: list[Result]) -> dict[str, dict[str, Any]]:
    """Per field: count, total, percent, target and whether it is met. `count` is the
    successes for template/product/facts/news and the bad briefs for contradictions/crashes."""
    n = len(results)
    stated = sum(len(r.item["facts"]) for r in results)
    with_facts = [r for r in results if r.item["facts"]]
    rows = {
        "template": (sum(r.template_ok for r in results), n),
        "product": (sum(r.product_ok for r in results), n),
        "facts": (sum(r.facts_found for r in results), stated),
        "briefs with all facts": (sum(r.all_facts for r in with_facts), len(with_facts)),
        "contradictions": (sum(r.contradicted for r in results), n),
        "news": (sum(r.news_ok for r in results), n),
        "crashes": (sum(r.crashed for r in results), n),
    }
    out: dict[str, dict[str, Any]] = {}
    for name, (count, total) in rows.items():
        pct = 100.0 * count / total if total else 100.0
        target = TARGETS.get(name)
        met = None
        if target:
            op, value = target
            met = pct >= value if op == ">=" else count <= value
        out[name] = {
            "count": count, "total": total, "percent": round(pct, 1),
            "target": f"{target[0]} {target[1]:g}{'%' if target[0] == '>=' else ''}" if target else "",
            "met": met,
        }
    return out


def by_language(results: list[Result]) -> dict[str, dict[str, float]]:
    out: dict[str, dict[str, float]] = {}
    for lang in LANGS:
        rs = [r for r in results if r.item["lang"] == lang]
        if not rs:
            continue
        s = summarise(rs)
        out[lang] = {"briefs": len(rs), **{f: s[f]["percent"] for f in ("template", "product", "facts", "news")}}
    return out


def failures(results: list[Result], field_name: str) -> list[dict[str, Any]]:
    """Failing briefs for one field, each with what was expected and what came out."""
    rows = []
    for r in results:
        base = {"id": r.item["id"], "prompt": r.item["prompt"]}
        if r.crashed:
            rows.append({**base, "expected": _expected(r.item, field_name), "got": f"CRASH {r.error}"})
            continue
        if field_name == "template" and not r.template_ok:
            rows.append({**base, "expected": r.item["template"], "got": r.got_template})
        elif field_name == "product" and not r.product_ok:
            rows.append({**base, "expected": r.item["product"], "got": r.got_product})
        elif field_name == "facts" and r.missing_facts:
            rows.append({**base, "expected": [f[0] for f in r.missing_facts], "got": r.screen})
        elif field_name == "contradictions" and r.contradictions:
            rows.append({**base, "expected": "none of " + ", ".join(forbidden_for(r.item)),
                         "got": r.contradictions})
        elif field_name == "news" and not r.news_ok:
            rows.append({**base, "expected": r.item["news"],
                         "got": "(no spec.story.news)" if r.got_news is None else r.got_news})
    return rows


def _expected(item: dict, field_name: str) -> Any:
    return {"template": item["template"], "product": item["product"],
            "facts": [f[0] for f in item["facts"]], "contradictions": "no crash",
            "news": item["news"]}[field_name]


# --- output -------------------------------------------------------------------------------


def _shorten(value: Any, width: int = 110) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    text = text.replace("\n", " | ")
    return text if len(text) <= width else text[: width - 1] + "…"


def print_table(split: str, results: list[Result]) -> None:
    summary = summarise(results)
    print(f"\n== {split}: {len(results)} briefs ==")
    print(f"{'field':<22} {'count/total':>14} {'percent':>8}  {'target':<8} ")
    for name, row in summary.items():
        mark = {True: "ok", False: "MISS", None: ""}[row["met"]]
        # Contradictions and crashes are counts of bad briefs; the others are successes.
        print(f"{name:<22} {row['count']:>6}/{row['total']:<7} {row['percent']:>7.1f}%  "
              f"{row['target']:<8} {mark}")
    langs = by_language(results)
    print(f"\n{'lang':<6} {'briefs':>6} {'template':>9} {'product':>8} {'facts':>7} {'news':>7}")
    for lang, row in langs.items():
        print(f"{lang:<6} {row['briefs']:>6} {row['template']:>8.1f}% {row['product']:>7.1f}% "
              f"{row['facts']:>6.1f}% {row['news']:>6.1f}%")


def print_failures(split: str, results: list[Result], limit: int) -> None:
    for name in FIELDS:
        rows = failures(results, name)
        if not rows:
            continue
        print(f"\n-- {split} / {name}: {len(rows)} failing, showing {min(limit, len(rows))} --")
        for row in rows[:limit]:
            print(f"  [{row['id']}] {_shorten(row['prompt'], 100)}")
            print(f"      expected: {_shorten(row['expected'])}")
            print(f"      got:      {_shorten(row['got'])}")


def run(split: str, path: Path = DATA_FILE) -> dict[str, list[Result]]:
    """Score the chosen split(s); returns results keyed by split name."""
    items = load_items(path)  # before importing the writer: bad data should fail fast
    from pipeline.providers.local.spec_writer import write_spec

    splits = SPLITS if split == "all" else (split,)
    return {s: [score_item(i, write_spec) for i in items if i["split"] == s] for s in splits}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=(*SPLITS, "all"), default="dev")
    parser.add_argument("--show-failures", type=int, default=0, metavar="N",
                        help="show up to N failing briefs per field")
    parser.add_argument("--json", action="store_true", help="print a JSON report instead of tables")
    parser.add_argument("--data", type=Path, default=DATA_FILE, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    t0 = time.perf_counter()
    try:
        results = run(args.split, args.data)
    except DataError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    wall = time.perf_counter() - t0

    if args.json:
        report: dict[str, Any] = {"wall_s": round(wall, 3), "splits": {}}
        for split, rs in results.items():
            report["splits"][split] = {
                "briefs": len(rs),
                "fields": summarise(rs),
                "by_language": by_language(rs),
                "failures": {f: failures(rs, f)[: args.show_failures] for f in FIELDS}
                if args.show_failures else {},
            }
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return 0

    for split, rs in results.items():
        print_table(split, rs)
    if args.show_failures:
        for split, rs in results.items():
            print_failures(split, rs, args.show_failures)
    n = sum(len(rs) for rs in results.values())
    slowest = max((r for rs in results.values() for r in rs), key=lambda r: r.seconds, default=None)
    print(f"\nwall time: {wall:.2f} s for {n} briefs"
          + (f" (slowest {slowest.seconds * 1000:.0f} ms: {slowest.item['id']})" if slowest else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
