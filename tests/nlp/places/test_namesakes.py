"""Resolution rules of issue 14: countries and divisions first, famous places over namesakes,
the focus country over population. Invented sentences."""
from __future__ import annotations

import pytest

from service.nlp.gazetteer.placenames import split_designator
from service.nlp.places.resolution import FAMOUS_PENALTY, _famous_penalty


@pytest.fixture(scope="session")
def locate(annotator):
    def run(text):
        return {loc["name"]: loc for loc in annotator.annotate(text, layers=("locations",))["locations"]}
    return run


def test_capital_beats_small_namesakes_and_counties(locate):
    loc = locate("The senator flew from Washington to Texas on Monday.")["Washington"]
    assert loc["geo"]["geonames_id"] == 4140963


def test_bare_state_name_is_the_state(locate):
    loc = locate("The senator flew from Washington to Texas on Monday.")["Texas"]
    assert loc["kind"] == "admin1" and loc["geo"]["admin1"] == "Texas"


def test_bare_division_name_is_the_division(locate):
    loc = locate("Storms hit Tasmania again this week.")["Tasmania"]
    assert loc["kind"] == "admin1" and loc["geo"]["country_code"] == "AU"


def test_city_sharing_its_division_name_stays_a_city(locate):
    loc = locate("Three people were hurt in Rafah, Palestinian medics said.")["Rafah"]
    assert loc["kind"] == "city" and loc["geo"]["country_code"] == "PS"


def test_focus_country_wins_for_a_town(locate):
    places = locate("Iraqi officials in Baghdad said a car bomb exploded in Hilla.")
    assert places["Hilla"]["geo"]["country_code"] == "IQ"


def test_far_compass_phrase_reads_the_division():
    assert split_designator("far north queensland") == ("queensland", None, True)


def test_democratic_republic_is_not_its_neighbour(locate):
    loc = locate("Rebels attacked a convoy in the Democratic Republic of the Congo.")
    assert loc["Democratic Republic of the Congo"]["geo"]["country_code"] == "CD"


def test_famous_penalty_scales_with_the_namesake_size():
    assert _famous_penalty(30_000, 1_000_000) == FAMOUS_PENALTY
    assert _famous_penalty(60_000, 1_000_000) == 0.0
    assert _famous_penalty(300_000, 8_000_000) == 0.0  # a city of its own (London, Ontario)
    assert _famous_penalty(100_000, 8_000_000) == FAMOUS_PENALTY


def test_capital_beats_a_county_of_a_state_named_beside_it(locate):
    loc = locate("Senators left Washington on Friday and flew home to Oregon.")["Washington"]
    assert loc["geo"]["geonames_id"] == 4140963


def test_a_place_is_named_by_its_fullest_mention(locate):
    found = locate("Congo talks stall\n\nTalks on the Democratic Republic of the Congo stalled "
                   "in the capital on Monday, the Congo's envoy said.")
    congo = found["Democratic Republic of the Congo"]
    assert congo["geo"]["country_code"] == "CD" and len(congo["mentions"]) >= 2
    assert "Congo" not in found
