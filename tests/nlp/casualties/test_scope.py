"""Scope (scope.py), partitives, victims, numbers that are no counts and the recall of the other
categories, on invented text."""
from __future__ import annotations

import pytest

from .helpers import one, summary, text_of


@pytest.mark.parametrize("sentence, scope", [
    ("Six farmers were killed in the raid on Tuesday.", "event"),
    ("Six farmers were killed on March 3, 2024, in the raid.", "event"),
    ("More than 12,000 people have been killed since the uprising began.", "cumulative"),
    ("At least 90 people have been shot dead in the city this year.", "cumulative"),
    ("Some 400 migrants have died at sea in the past three years.", "cumulative"),
    ("The 1998 flood killed 3,000 people.", "other"),
    ("In October 2011, 40 pilgrims were killed on the same road.", "other"),
    ("It was the deadliest day since 2009, when 17 guards were killed.", "other"),
    ("A previous attack on the base killed eight soldiers.", "other"),
    ("Another shooting across town killed two brothers.", "other"),
    ("Three guards were wounded in another attack on Friday.", "other"),
    ("Another guard was wounded in the attack.", "event"),
    ("The blast left 11 people dead, the deadliest attack in the valley since 2015.", "event"),
])
def test_scope(cas, sentence, scope):
    assert one(cas(sentence))["scope"] == scope


def test_the_event_beside_its_background_in_one_article(cas):
    records = cas("Two climbers died on the north face on Sunday. More than 300 climbers have "
                  "died on the mountain since records began.")
    assert [(r["count"]["value"], r["scope"]) for r in records] == [(2, "event"),
                                                                   (300, "cumulative")]


def test_a_partitive_counts_the_part_not_the_population(cas):
    record = one(cas("At least 70 of the town's 2,400 inhabitants were killed."))
    assert record["count"]["value"] == 70 and text_of(record["victims"]) == "inhabitants"


def test_two_of_the_five(cas):
    record = one(cas("Two of the seven hostages were killed."))
    assert record["count"]["value"] == 2 and text_of(record["victims"]) == "hostages"


@pytest.mark.parametrize("sentence, value", [
    ("A 17-year-old was shot four times at 2 a.m. on Sunday.", 1),
    ("The man was hit with a 20-gauge shotgun in the 700 block of Birch Road.", None),
    ("A man was shot in the 1200 block of Cedar Lane in 2019.", 1),
    ("Girl, 8, shot in park", 1),
])
def test_ages_times_shots_gauges_and_street_numbers_are_no_counts(cas, sentence, value):
    values = [r["count"]["value"] for r in cas(sentence)]
    assert values == ([value] if value else [])


def test_a_headline_age_between_commas_is_no_count(cas):
    assert all(r["count"]["value"] != 8 for r in cas("Boy, 8, shot at bus stop"))


def test_killing_as_a_verb_and_forced_to_flee(cas):
    records = cas("Mudslides buried the hamlet on Sunday, killing 14 people and forcing "
                  "hundreds to flee, the county said.")
    assert summary(records) == [("killed", 14, "exact"), ("displaced", None, "vague")]
    assert text_of(records[1]["victims"]) == "hundreds"


@pytest.mark.parametrize("sentence, category, value", [
    ("Nearly a million people have fled their homes.", "displaced", 1000000),
    ("Dozens are still unaccounted for.", "missing", None),
    ("Bandits kidnapped 17 passengers from the bus.", "captured", 17),
    ("Police arrested four men earlier in the week.", "arrested", 4),
    ("The death toll rose to 212.", "killed", 212),
    ("Health officials recorded 212 deaths.", "killed", 212),
])
def test_recall_of_the_other_categories_and_tolls(cas, sentence, category, value):
    record = one(cas(sentence))
    assert (record["category"], record["count"]["value"]) == (category, value)


def test_injuring_oneself_is_no_victim(cas):
    assert cas("The driver fled and injured himself in the crash.") == []


def test_victims_keep_their_group_and_link_to_it(cas):
    record = one(cas("An airstrike killed at least 20 members of the Ardan Brigades in the hills."))
    assert text_of(record["victims"]) == "members of the Ardan Brigades"
    assert record["victims"]["actor_id"] is not None


def test_left_dead_counts_the_object(cas):
    record = one(cas("The storm left 11 villagers dead."))
    assert record["count"]["value"] == 11 and text_of(record["victims"]) == "villagers"


def test_a_perfect_right_after_a_running_total_continues_the_background(cas):
    records = cas("A mortar round killed three people on Monday. The war has killed more than "
                  "9,000 people since 2019. More than 200,000 people have been displaced.")
    assert [(r["count"]["value"], r["scope"]) for r in records] == [
        (3, "event"), (9000, "cumulative"), (200000, "cumulative")]
    # A new paragraph, or a sentence with no perfect, is the event again.
    records = cas("The war has killed more than 9,000 people since 2019.\n\nMore than 2,000 "
                  "people have been displaced by this week's fighting.")
    assert [r["scope"] for r in records] == ["cumulative", "event"]


@pytest.mark.parametrize("sentence, expected", [
    ("Eleven migrants drowned when the dinghy capsized.", [("killed", 11, "exact")]),
    ("Two fishermen were drowned in the storm.", [("killed", 2, "exact")]),
    ("He drowned his sorrows at the bar.", []),
    ("Divers searched for 14 villagers swept away by the torrent.", [("missing", 14, "exact")]),
    ("Two herders were swept away and drowned.", [("killed", 2, "exact")]),
    ("The torrent washed away 80 houses and a bridge.", []),
])
def test_drowned_is_a_death_and_people_swept_away_are_missing(cas, sentence, expected):
    assert summary(cas(sentence)) == expected
