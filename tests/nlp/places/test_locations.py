"""Locations layer: one short sentence per rule (detection, clustering, kind, geo)."""
from __future__ import annotations

import pytest

from service.nlp.places.resolution import _inner_names


@pytest.fixture(scope="session")
def locate(annotator):
    def run(text):
        return annotator.annotate(text, layers=("locations",))["locations"]
    return run


def _by_name(locations):
    return {loc["name"]: loc for loc in locations}


def test_country_resolves_with_geonames_point(locate):
    loc = _by_name(locate("Officials in Afghanistan said the road was closed."))["Afghanistan"]
    assert loc["kind"] == "country"
    assert loc["geo"]["country_code"] == "AF" and loc["geo"]["geonames_id"] == 1149361


def test_abbreviation_and_full_name_cluster(locate):
    locations = locate("The United States sent aid. US officials said the aid was late.")
    countries = [loc for loc in locations if loc["kind"] == "country"]
    assert len(countries) == 1 and len(countries[0]["mentions"]) == 2


def test_designator_selects_first_level_division(locate):
    loc = _by_name(locate("Fighting was reported in northern Baghlan province on Monday."))["Baghlan"]
    assert loc["kind"] == "admin1" and loc["geo"]["geonames_id"] == 1147537


def test_big_city_beats_division_of_same_name(locate):
    loc = _by_name(locate("She flew to Kabul last week."))["Kabul"]
    assert loc["kind"] == "city" and loc["geo"]["geonames_id"] == 1138958


def test_dateline_in_capitals_is_a_place(locate):
    locations = locate("KABUL — The market reopened on Tuesday after a week of rain.")
    assert any(loc["geo"] and loc["geo"]["geonames_id"] == 1138958 for loc in locations)


def test_list_after_districts_is_rescued_with_focus_country(locate):
    text = ("Afghan officials said fighting spread to three districts — Andarab, Khinjan and "
            "Dahana-ye Ghori — on Sunday.")
    names = _by_name(locate(text))
    assert {"Andarab", "Khinjan"} <= set(names)
    assert all(names[n]["geo"] and names[n]["geo"]["country_code"] == "AF"
               for n in ("Andarab", "Khinjan"))


def test_demonym_is_not_a_place(locate):
    names = _by_name(locate("Afghan and Pakistani officials met on Friday."))
    assert "Afghan" not in names and "Pakistani" not in names


def test_place_inside_organization_name_is_not_a_place(locate):
    names = _by_name(locate("The Washington Post reported the story on Monday."))
    assert "Washington" not in names


def test_focus_country_disambiguates_small_place(locate):
    text = "Afghan forces moved from Kabul into Andarab, where Taliban fighters were seen."
    loc = _by_name(locate(text))["Andarab"]
    assert loc["geo"]["country_code"] == "AF"


def test_city_with_state_parent(locate):
    loc = _by_name(locate("The fair was held in Paris, Texas, on Saturday."))["Paris"]
    assert loc["geo"]["country_code"] == "US" and loc["geo"]["admin1"] == "Texas"


def test_state_abbreviation_parent(locate):
    loc = _by_name(locate("A plant closed in Dublin, Ga., last year."))["Dublin"]
    assert loc["geo"]["country_code"] == "US" and loc["geo"]["admin1"] == "Georgia"


def test_curated_natural_feature(locate):
    loc = _by_name(locate("Marines landed on Iwo Jima in 1945."))["Iwo Jima"]
    assert loc["kind"] == "natural" and loc["geo"]["country_code"] == "JP"


def test_valley_and_bare_name_cluster(locate):
    locations = locate("Resistance fighters held the Swat Valley. Later they left Swat quietly.")
    swat = [loc for loc in locations if "Swat" in loc["name"]]
    assert len(swat) == 1 and len(swat[0]["mentions"]) == 2


def test_unknown_place_has_null_geo(locate):
    locations = locate("They walked to Qzxvbrook yesterday.")
    assert all(loc["geo"] is None for loc in locations if loc["name"] == "Qzxvbrook")


def test_ids_follow_first_mention(locate):
    locations = locate("Kabul and Herat are cities in Afghanistan.")
    assert [loc["id"] for loc in locations] == [f"L{i}" for i in range(1, len(locations) + 1)]
    assert locations[0]["name"] == "Kabul"


def test_country_name_beats_namesake_town(locate):
    # Countries first (CLIFF), even beside a state that has a town of the same name.
    loc = _by_name(locate("The mayor of Dayton, Ohio, flew to Russia last week."))["Russia"]
    assert loc["kind"] == "country" and loc["geo"]["country_code"] == "RU"


def test_town_is_not_its_own_evidence_and_places_share_a_state(locate):
    # Leave-one-out focus and first-level-division co-occurrence: both names have a
    # candidate in Louisiana, so the English town of the same name loses.
    loc = _by_name(locate("Voters in Mansfield and Shreveport went to the polls on Tuesday."))["Mansfield"]
    assert loc["geo"]["country_code"] == "US" and loc["geo"]["admin1"] == "Louisiana"


def test_unambiguous_local_place_outweighs_famous_namesake(locate):
    loc = _by_name(locate("Deputies from Rapides Parish searched a house in Alexandria on Sunday."))["Alexandria"]
    assert loc["geo"]["country_code"] == "US" and loc["geo"]["admin1"] == "Louisiana"


def test_facility_resolves_to_the_place_it_is_named_after(locate):
    loc = _by_name(locate("He was booked into the Travis County Jail on Friday."))["Travis County Jail"]
    assert loc["kind"] == "facility"
    assert loc["geo"]["country_code"] == "US" and loc["geo"]["admin1"] == "Texas"


def test_compass_word_that_is_part_of_the_name(locate):
    names = _by_name(locate("The team from Western Australia beat South Australia and Australia."))
    assert names["Western Australia"]["kind"] == "admin1"
    assert names["South Australia"]["geo"]["geonames_id"] == 2061327
    assert names["Australia"]["kind"] == "country"


def test_city_designator_inside_a_name_with_state_abbreviation(locate):
    # "Kansas City" is not "Kansas", and "Kan." picks the Kansas one.
    names = _by_name(locate("A man of Kansas City, Kan., was charged on Monday."))
    assert names["Kansas City"]["kind"] == "city"
    assert names["Kansas City"]["geo"]["admin1"] == "Kansas"


@pytest.mark.parametrize("text, name, admin1", [
    ("Sen. Ada Quenby, D-N.Y., voted against the bill.", "N.Y.", "New York"),
    ("Rep. Tim Orlo (R-Texas) backed it.", "Texas", "Texas"),
])
def test_a_party_tag_is_no_part_of_the_place(locate, text, name, admin1):
    loc = _by_name(locate(text))[name]
    assert loc["kind"] == "admin1" and loc["geo"]["admin1"] == admin1


def test_a_division_abbreviation_spaced_after_its_initial(locate):
    loc = _by_name(locate("She grew up in Buckhannon, W. Va., on the river."))["W. Va."]
    assert loc["kind"] == "admin1" and loc["geo"]["admin1"] == "West Virginia"


@pytest.mark.parametrize("name, first", [
    ("port of harlow", "harlow"),
    ("university of corvale cancer institute", "corvale cancer institute"),
    ("harlow district chamber of commerce", "harlow district chamber"),
])
def test_a_facility_is_named_after_the_place_on_its_side_of_of(name, first):
    names = _inner_names(name.split())
    assert names[0] == first and not any(n.endswith(" of") for n in names)
    assert ("commerce" in names) == name.endswith("commerce")


def test_an_unknown_lake_is_named_after_no_place_called_lake(locate):
    loc = _by_name(locate("Boaters crowded Lake Varnholm on Sunday."))["Lake Varnholm"]
    assert loc["kind"] == "natural" and loc["geo"] is None


def test_a_great_lake_resolves_to_the_lake(locate):
    loc = _by_name(locate("Fishing on Lake Victoria stopped for a week."))["Lake Victoria"]
    assert loc["kind"] == "natural" and loc["geo"]["country_code"] == "UG"


def test_an_acronym_in_running_text_is_no_place_it_spells(locate):
    assert "Sana" not in _by_name(locate("The statement was carried by the state news agency "
                                         "SANA on Monday."))
    loc = _by_name(locate("KABUL, Afghanistan - Officials met on Monday."))["Kabul"]
    assert loc["geo"]["country_code"] == "AF"  # a dateline in capitals stays a place


def test_the_town_after_a_persons_age_is_a_place(annotator):
    result = annotator.annotate("The victims were Dora Fenwick, 41, of Wellingborough, and Amos "
                                "Leland, 29, of Corby.", layers=("actors", "locations"))
    assert {"Wellingborough", "Corby"} <= {loc["name"] for loc in result["locations"]}
    assert not {"Wellingborough", "Corby"} & {actor["name"] for actor in result["actors"]}


def test_a_plural_river_designator_reaches_both_rivers(annotator):
    result = annotator.annotate("Villagers were stranded along the Tamor and Arun rivers on "
                                "Monday.", layers=("actors", "locations"))
    assert {"Tamor", "Arun"} <= {loc["name"] for loc in result["locations"]}
    assert result["actors"] == []
