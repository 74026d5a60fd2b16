"""The offline gazetteer: normalisation, lookups and load cost."""
from __future__ import annotations


import pytest

from service.nlp.gazetteer import index as gazetteer_module
from service.nlp.gazetteer.placenames import normalize, skeleton, split_designator


@pytest.fixture(scope="session")
def gaz():
    return gazetteer_module.load_gazetteer()


def test_normalize_folds_diacritics_hyphens_and_apostrophes():
    assert normalize("Pul-e-Ḩişār") == "pul e hisar"
    assert normalize("São  Paulo") == "sao paulo"
    assert normalize("U.S.") == "u s"
    assert normalize("Kābūl’s") == "kabuls"


def test_skeleton_merges_transliteration_variants():
    assert skeleton(normalize("Pul-e-Hesar")) == skeleton(normalize("Pul-e Hisar"))
    assert skeleton(normalize("Deh-e-Salah")) == skeleton(normalize("Deh Salah"))
    assert skeleton(normalize("Qandahar")) == skeleton(normalize("Kandahaar"))
    assert skeleton(normalize("Tal Afarah")) == skeleton(normalize("Tal Afara"))  # a final "h"
    assert skeleton(normalize("Marrakesh")) != skeleton(normalize("Marrakes"))  # after a consonant
    assert skeleton("ab") == ""  # too short to be safe


def test_split_designator_gives_a_kind_hint():
    assert split_designator("northern baghlan province") == ("baghlan", "admin1", True)
    assert split_designator("the panjshir valley") == ("panjshir", "natural", False)
    assert split_designator("province of kunar") == ("kunar", "admin1", False)
    assert split_designator("logar") == ("logar", None, False)


def test_lookup_finds_countries_divisions_and_cities(gaz):
    kinds = {place.kind for place in gaz.lookup("Kabul")}
    assert {"city", "admin1"} <= kinds
    country = next(p for p in gaz.lookup("Afghanistan") if p.kind == "country")
    assert country.country_code == "AF" and country.geonames_id == 1149361
    assert (country.lat, country.lon) == (33.0, 66.0)


def test_city_records_carry_admin1_names(gaz):
    city = max((p for p in gaz.lookup("Kabul") if p.kind == "city"), key=lambda p: p.population)
    assert city.geonames_id == 1138958 and city.admin1 == "Kabul"
    assert gaz.geo(city.row)["country_code"] == "AF"


def test_variant_lookup_finds_other_spellings(gaz):
    rows = [row for row, _ in gaz.variants(normalize("Pul-e-Hisar"))]
    assert any(gaz.country_of(row) == "AF" for row in rows)


def test_curated_supplement_is_indexed(gaz):
    assert any(p.kind == "region" for p in gaz.lookup("Middle East"))
    assert any(p.kind == "natural" and p.country_code == "JP" for p in gaz.lookup("Iwo Jima"))


def test_demonyms_map_to_countries(gaz):
    assert gaz.demonyms["afghan"] == "AF"
    assert gaz.demonyms["americans"] == "US"


def test_reloading_gives_the_same_index(gaz):
    # Load time, memory and lookup speed are measured by evaluation/gazetteer_bench.py.
    again = gazetteer_module.load_gazetteer()
    assert again.exact("washington") == gaz.exact("washington")


def test_curated_division_points_replace_member_estimates(gaz):
    # Canadian provinces' towns lie along the southern border: GeoNames' own point is used.
    province = next(p for p in gaz.lookup("Manitoba") if p.kind == "admin1")
    assert (round(province.lat), round(province.lon)) == (55, -97)


@pytest.mark.parametrize("name, town, own, others", [
    ("Elm Harbor Kestrel Airport", "Elm Harbor", ["Elm Harbor Kestrel Airport"],
     ["Kestrel Airport", "Kestrel"]),
    ("Elmdale (Fenwick Field) Airport", "Elmdale",
     ["Elmdale (Fenwick Field) Airport", "Elmdale Airport"], []),
    ("Tarn / Brisa Bay Airport", "Tarn", ["Tarn / Brisa Bay Airport"],
     ["Brisa Bay Airport", "Brisa Bay"]),
    # A core that is generic or a town of the country is no short name of the airport.
    ("Elmdale International Airport", "Elmdale", ["Elmdale International Airport"], []),
    ("Elmdale Municipal Airport", "Elmdale", ["Elmdale Municipal Airport"], []),
    ("Norvane Regional Airport", "Pellmore", ["Norvane Regional Airport"], []),
])
def test_an_airport_goes_by_its_whole_and_its_short_names(name, town, own, others):
    from service.nlp.gazetteer.build import _airport_names

    towns = {"elm harbor", "elmdale", "norvane", "tarn"}
    assert _airport_names(name, town, lambda words: normalize(words) in towns) == (own, others)


def test_airports_are_facilities_at_their_own_point(annotator):
    result = annotator.annotate("Fog closed runways across England, and all flights at London "
                                "Stansted Airport were cancelled.", layers=("locations",))
    airport = next(loc for loc in result["locations"] if loc["name"] == "London Stansted Airport")
    assert airport["kind"] == "facility" and airport["geo"]["country_code"] == "GB"
    assert abs(airport["geo"]["lat"] - 51.885) < 0.05  # the airport's own point
