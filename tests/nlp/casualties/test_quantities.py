"""Numbers that are no count of people: measures, years the model missed, numbers in names."""
from __future__ import annotations

import pytest

from .helpers import summary


@pytest.mark.parametrize("text", [
    "A robber who fired at deputies was hurt when he fell 30 feet from a roof.",
    "Troopers said the driver was shot 4 times and later died.",
    "He was injured after a fall of 12 metres at the quarry.",
])
def test_measure_is_no_count(cas, text):
    assert all(value in (None, 1) for _, value, _ in summary(cas(text))), summary(cas(text))


def test_measure_prefix_is_a_count(cas):
    # "foot" opens "footballers": a count of people, not a measure.
    assert ("killed", 3, "exact") in summary(cas("3 footballers were killed in the crash."))


def test_headline_run_into_body_is_still_a_measure(cas):
    text = "Gunman falls 40 feetA gunman who fired at guards was injured in the fall."
    assert all(value != 40 for _, value, _ in summary(cas(text))), summary(cas(text))


@pytest.mark.parametrize("text", [
    "GLENWOOD (March 3, 2019)--One man is dead after a shooting at a bar.",
    "In 1998 a man was killed at the same crossing.",
])
def test_year_is_no_count(cas, text):
    assert all(value not in (2019, 1998) for _, value, _ in summary(cas(text)))


def test_four_digits_before_their_noun_count(cas):
    assert ("displaced", 1900, "approximately") in summary(
        cas("Some 1900 villagers fled their homes after the attack."))


def test_number_in_a_station_name_is_no_count(cas):
    text = "Two killed, three wounded in shooting at market - KRDX 9 Valley News"
    assert sorted(summary(cas(text))) == [("injured", 3, "exact"), ("killed", 2, "exact")]


def test_spelled_out_number_after_a_comma_is_no_age(cas):
    # Ages are written in figures; "three" after a comma is the headline's second count.
    assert ("injured", 3, "exact") in summary(cas("Two killed, three wounded in shooting at market"))
