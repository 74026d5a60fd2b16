"""Local evidence in resolution (issue 14): a town's own county, a name not voting for itself
through a facility named after it, designators, streets, minor cities of a division, known
abbreviations, Canadian provinces, refined passes. Invented sentences."""
from __future__ import annotations

from collections import Counter
from types import SimpleNamespace

import pytest

from service.nlp.gazetteer import current
from service.nlp.mentions.entities import _town_before_division
from service.nlp.places import resolution
from service.nlp.places.resolution import PlaceCluster, _areas, _candidates, _without


@pytest.fixture(scope="session")
def locate(annotator):
    def run(text):
        return {loc["name"]: loc for loc in annotator.annotate(text, layers=("locations",))["locations"]}
    return run


@pytest.fixture(scope="session")
def gazetteer(annotator):
    return current()


def test_town_beside_its_own_county_is_the_town_in_that_county(locate):
    found = locate("Deputies from Allen County searched the woods near Lima.")
    assert found["Lima"]["geo"]["admin1"] == "Ohio"
    assert found["Allen County"]["geo"]["admin1"] == "Ohio"


def test_town_and_county_outweigh_a_famous_namesake(locate):
    found = locate("Paris police said a man was arrested in Lamar County.")
    assert found["Paris"]["geo"]["country_code"] == "US"
    assert found["Paris"]["geo"]["admin1"] == found["Lamar County"]["geo"]["admin1"]


def test_famous_city_stays_without_local_evidence(locate):
    assert locate("Tourists in Paris visited the Louvre.")["Paris"]["geo"]["country_code"] == "FR"


def test_same_reading_through_a_facility_is_not_evidence_for_itself():
    town = PlaceCluster("paris", "Paris", "city", vote=("FR", 1), first_row=7)
    hall = PlaceCluster("paris city hall", "Paris City Hall", "facility", vote=("FR", 1), first_row=7)
    county = PlaceCluster("lamar county", "Lamar County", "admin2", vote=("US", 1), first_row=9)
    focus = Counter(FR=2, US=1)
    assert _without(focus, town, [town, hall, county]) == Counter(US=1)
    assert _without(focus, county, [town, hall, county]) == Counter(FR=2)


def test_a_designator_keeps_the_candidates_of_its_kind(gazetteer):
    cluster = PlaceCluster("laurens", "Laurens County", "admin2", hints=Counter(admin2=1),
                           queries=[("laurens county", True), ("laurens", False)])
    cluster.candidates = _candidates(gazetteer, cluster)
    kinds = {gazetteer.kind_of(r) for r in cluster.candidates}
    assert "city" in kinds  # towns called Laurens exist ...
    areas = _areas(gazetteer, cluster)
    counties = {resolution._area_of(gazetteer, r) for r in cluster.candidates
                if gazetteer.kind_of(r) == "admin2"}
    assert areas and areas <= counties  # ... but only the counties' states are its areas


def test_street_named_after_a_town_is_not_in_it(locate):
    assert locate("A truck overturned on Amersham Road on Monday.")["Amersham Road"]["geo"] is None


def test_county_road_is_in_its_county(locate):
    road = locate("A truck overturned on Allen County Road on Monday.")["Allen County Road"]
    assert road["kind"] == "facility" and road["geo"]["country_code"] == "US"


def test_bare_division_name_beats_a_minor_city_of_it(locate):
    loc = locate("Snow closed schools across Quebec on Tuesday.")["Quebec"]
    assert loc["kind"] == "admin1" and loc["geo"]["country_code"] == "CA"


def test_known_abbreviation_always_resolves(locate):
    loc = locate("He moved to D.C. last year.")["D.C."]
    assert loc["geo"]["admin1"] == "District of Columbia"


def test_canadian_province_abbreviation_is_a_parent(locate):
    loc = locate("She grew up in Selkirk, Man., before moving away.")["Selkirk"]
    assert loc["geo"]["country_code"] == "CA" and loc["geo"]["admin1"] == "Manitoba"


@pytest.mark.parametrize("entity, following, town", [
    ("Selkirk, Man.", " She", "Selkirk"),
    ("Selkirk, Man", ". She", "Selkirk"),
    ("Tupelo, MS", " said", "Tupelo"),
])
def test_name_comma_division_entity_is_a_town(entity, following, town):
    text = entity + following
    ent = SimpleNamespace(text=entity, start_char=0, end_char=len(entity))
    assert text[:_town_before_division(text, ent)] == town


@pytest.mark.parametrize("entity, following", [
    ("Anna Kovacs, Man of the Year", ","),  # no dot: a title, not Manitoba
    ("Kovacs, Smith", " said"),
])
def test_name_comma_other_words_is_no_town(entity, following):
    ent = SimpleNamespace(text=entity, start_char=0, end_char=len(entity))
    assert _town_before_division(entity + following, ent) is None


def test_second_refining_pass_corrects_a_name_misread_first(locate, monkeypatch):
    text = "A man from Edmonton was jailed at a court in London after an assault in Enfield."
    assert locate(text)["London"]["geo"]["country_code"] == "GB"
    monkeypatch.setattr(resolution, "PASSES_WITH_FOCUS", 1)
    assert locate(text)["London"]["geo"]["country_code"] == "CA"  # what one pass gives


def test_bare_name_of_a_major_city_of_a_division_stays_the_city(locate):
    loc = locate("Football officials met in Salzburg on Monday.")["Salzburg"]
    assert loc["kind"] == "city" and loc["geo"]["country_code"] == "AT"


@pytest.mark.parametrize("text, country", [
    ("Rebels seized the town of Bunagana, near Goma, and Congo's army withdrew.", "CD"),
    ("Talks on Congo resumed in Brazzaville on Monday.", "CG"),
    ("Talks on Congo resumed on Monday.", "CD"),  # no other place: the more populous
])
def test_of_two_countries_sharing_a_name_the_articles_places_choose(annotator, text, country):
    result = annotator.annotate(text, layers=("locations",))
    congo = next(loc for loc in result["locations"] if loc["name"] == "Congo")
    assert congo["geo"]["country_code"] == country
