"""Build the hero illustration library in ``assets/illustrations/`` (run by hand, not at run time).

    python tools/build_illustration_index.py                  # fetches the npm package with `npm pack`
    python tools/build_illustration_index.py --package DIR    # an unpacked (or .tgz) copy of it
    python tools/build_illustration_index.py --check          # exit 1 if the committed files differ

Source: Noto Emoji (Google, Apache-2.0) as published in the npm package ``@iconify-json/noto``:
one optimised SVG body per emoji (``icons.json``, 128x128 user units), the code points of each
(``chars.json``) and its Unicode category (``metadata.json``). Kept: single code point emoji and
ZWJ sequences; dropped: skin-tone variants, flags, keycaps. Each becomes
``assets/illustrations/noto/<code points>.svg`` (hex, ``-`` between code points, no FE0F).

Names: the PyPI package ``emoji`` (``EMOJI_DATA``: CLDR short names in en, es, fr, de, it, pt and
English aliases) gives every kept emoji its names, written with its category and Unicode version
to ``assets/illustrations/index.json``; ``pipeline/render/illustrations.py`` reads only that file
and the hand-curated ``synonyms.txt`` beside it, so ``emoji`` is needed only here
(``pip install emoji``). The build also checks that every target in ``synonyms.txt`` exists.

English words that another language's emoji name also spells ("canon" is the Spanish name's
head for the confetti cannon, "chat" the French name of the cat, "area" ...) are listed in the
index as ``english_words``: as a one-word query they only match English names and synonyms. The
list comes from the English word list of Debian's ``wamerican`` package
(``apt-get install wamerican``: ``/usr/share/dict/words``), used here only.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "assets" / "illustrations"
NPM_PACKAGE = "@iconify-json/noto"
NPM_VERSION = "1.2.9"
LANGS = ("en", "es", "fr", "de", "it", "pt")
SKIN_TONES = {"1f3fb", "1f3fc", "1f3fd", "1f3fe", "1f3ff"}
APACHE = Path("/usr/share/common-licenses/Apache-2.0")
DICT = Path("/usr/share/dict/words")


def _package_dir(arg: str | None, tmp: Path) -> Path:
    if arg:
        p = Path(arg)
        if p.is_dir():
            return p / "package" if (p / "package" / "icons.json").is_file() else p
        with tarfile.open(p) as tf:
            tf.extractall(tmp, filter="data")
        return tmp / "package"
    subprocess.run(["npm", "pack", f"{NPM_PACKAGE}@{NPM_VERSION}", "--silent"], cwd=tmp, check=True,
                   stdout=subprocess.DEVNULL)
    tgz = next(tmp.glob("*.tgz"))
    with tarfile.open(tgz) as tf:
        tf.extractall(tmp, filter="data")
    return tmp / "package"


def _key(emoji_str: str) -> str:
    return "-".join(f"{ord(ch):04x}" for ch in emoji_str if ord(ch) != 0xFE0F)


def _name(raw: str) -> str:
    return raw.strip(":").replace("_", " ").strip()


def _kept(key: str, category: str | None) -> bool:
    parts = key.split("-")
    if len(parts) > 1 and "200d" not in parts:
        return False  # keycaps and other non-ZWJ sequences
    if SKIN_TONES & set(parts) or category == "Flags":
        return False
    if any("1f1e6" <= p <= "1f1ff" for p in parts) or "e007f" in parts:
        return False  # regional indicators, subdivision flags
    return True


def build(pkg: Path) -> tuple[dict, dict[str, str]]:
    """(index, {file name: svg text})."""
    import emoji

    emoji.config.load_language(list(LANGS[1:]))
    data: dict[str, dict] = {}
    for e, v in emoji.EMOJI_DATA.items():
        data.setdefault(_key(e), v)
    icons = json.loads((pkg / "icons.json").read_text())
    chars = json.loads((pkg / "chars.json").read_text())
    cats = json.loads((pkg / "metadata.json").read_text())["categories"]
    category = {n: c for c, names in cats.items() for n in names}
    version = json.loads((pkg / "package.json").read_text())["version"]
    width, height = icons.get("width", 16), icons.get("height", 16)

    def body(name: str) -> tuple[str, int, int]:
        ic = icons["icons"].get(name)
        if ic is None:
            alias = icons["aliases"][name]
            if set(alias) - {"parent"}:
                raise ValueError(f"alias {name} transforms its parent; not supported")
            ic = icons["icons"][alias["parent"]]
        return ic["body"], ic.get("width", width), ic.get("height", height)

    entries: dict[str, dict] = {}
    svgs: dict[str, str] = {}
    for key, icon_name in sorted(chars.items()):
        cat = category.get(icon_name)
        if not _kept(key, cat) or key not in data:
            continue
        d = data[key]
        names: dict[str, list[str]] = {}
        for lang in LANGS:
            if d.get(lang):
                names[lang] = [_name(d[lang])]
        if "en" not in names:
            continue
        extra = [_name(a) for a in d.get("alias", [])] + [icon_name.replace("-", " ")]
        for a in extra:
            if a and a not in names["en"]:
                names["en"].append(a)
        b, w, h = body(icon_name)
        svgs[f"{key}.svg"] = f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}">{b}</svg>\n'
        entries[key] = {"name": names["en"][0], "category": cat or "", "unicode": d.get("E", 0),
                        "names": names}
    index = {
        "source": {"package": f"npm {NPM_PACKAGE}", "version": version, "artwork": "Noto Emoji (Google)",
                   "license": "Apache-2.0", "names": f"PyPI emoji {emoji.__version__} (CLDR short names)"},
        "illustrations": entries,
    }
    return index, svgs


def english_words(index: dict) -> list[str]:
    """Dictionary words whose one-word lookup differs once other languages' names are used."""
    sys.path.insert(0, str(ROOT))
    from pipeline.render.illustrations import _Library, _norm

    if not DICT.is_file():
        raise SystemExit(f"{DICT} is missing: apt-get install wamerican")
    lib = _Library({**index, "english_words": []}, (OUT / "synonyms.txt").read_text())
    out = set()
    for line in DICT.read_text(encoding="utf-8", errors="ignore").splitlines():
        w = line.strip()
        if len(w) < 3 or not w.isalpha() or not w.islower():
            continue
        w = _norm(w)
        if " " in w or w in out:
            continue
        if lib.lookup([w], english_only=False) != lib.lookup([w], english_only=True):
            out.add(w)
    return sorted(out)


def check_synonyms(index: dict) -> list[str]:
    sys.path.insert(0, str(ROOT))
    from pipeline.render.illustrations import _norm, parse_synonyms

    by_name = {_norm(n) for e in index["illustrations"].values() for n in e["names"]["en"]}
    by_name |= set(index["illustrations"])
    problems = []
    for target, _words, line in parse_synonyms((OUT / "synonyms.txt").read_text()):
        if target != "-" and _norm(target) not in by_name:
            problems.append(f"synonyms.txt:{line}: no illustration named {target!r}")
    return problems


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--package", help="unpacked npm package dir or its .tgz (default: npm pack)")
    ap.add_argument("--check", action="store_true", help="compare with the committed files")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        index, svgs = build(_package_dir(args.package, Path(tmp)))
    index["english_words"] = english_words(index)
    index_text = json.dumps(index, ensure_ascii=False, indent=0, sort_keys=True) + "\n"
    svg_dir = OUT / "noto"
    if args.check:
        bad = [n for n, t in svgs.items() if not (svg_dir / n).is_file() or (svg_dir / n).read_text() != t]
        extra = sorted({p.name for p in svg_dir.glob("*.svg")} - set(svgs))
        same_index = (OUT / "index.json").is_file() and (OUT / "index.json").read_text() == index_text
        problems = check_synonyms(index)
        for p in problems:
            print(p)
        print(f"{len(bad)} svg differ, {len(extra)} extra, index {'same' if same_index else 'differs'}")
        return 0 if not bad and not extra and same_index and not problems else 1
    if svg_dir.exists():
        shutil.rmtree(svg_dir)
    svg_dir.mkdir(parents=True)
    for n, t in svgs.items():
        (svg_dir / n).write_text(t)
    (OUT / "index.json").write_text(index_text)
    if APACHE.is_file() and not (OUT / "LICENSE").is_file():
        shutil.copy(APACHE, OUT / "LICENSE")
    total = sum(p.stat().st_size for p in svg_dir.glob("*.svg"))
    print(f"{len(svgs)} illustrations, {total / 1e6:.1f} MB of SVG, index {len(index_text) / 1e6:.2f} MB")
    problems = check_synonyms(index) if (OUT / "synonyms.txt").is_file() else []
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
