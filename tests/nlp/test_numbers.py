"""Quantity parsing for the casualties layer (pure functions, no model)."""
from __future__ import annotations

import pytest

from service.nlp.numbers import match_quantity, match_relative, parse_number, parse_quantity

from tests.timing import assert_linear


@pytest.mark.parametrize("text, value", [
    ("7", 7),
    ("1,200", 1200),
    ("12,345,678", 12345678),
    ("twenty-three", 23),
    ("ninety nine", 99),
    ("one hundred and five", 105),
    ("a hundred", 100),
    ("forty-two thousand", 42000),
    ("two thousand five hundred", 2500),
    ("a dozen", 12),
    ("two dozen", 24),
    ("half a dozen", 6),
    ("3 dozen", 36),
    ("1.2 million", 1_200_000),
    ("2 million", 2_000_000),
    ("a couple of", 2),
    ("eleven", 11),
])
def test_exact_numbers(text, value):
    q = parse_quantity(text)
    assert q is not None and q.value == value and q.qualifier == "exact"
    assert q.low == q.high == value
    assert parse_number(text) == value


@pytest.mark.parametrize("text, value, qualifier, low, high", [
    ("at least 15", 15, "at_least", 15, None),
    ("more than 100", 100, "at_least", 100, None),
    ("over 40", 40, "at_least", 40, None),
    ("no fewer than 8", 8, "at_least", 8, None),
    ("as many as 30", 30, "at_most", None, 30),
    ("up to 12", 12, "at_most", None, 12),
    ("no more than 5", 5, "at_most", None, 5),
    ("fewer than 10", 10, "at_most", None, 10),
    ("less than a dozen", 12, "at_most", None, 12),
    ("about 50", 50, "approximately", None, None),
    ("around twenty", 20, "approximately", None, None),
    ("roughly 1,000", 1000, "approximately", None, None),
    ("some 200", 200, "approximately", None, None),
    ("an estimated 3,000", 3000, "approximately", None, None),
    ("nearly two dozen", 24, "approximately", None, 24),
    ("almost 90", 90, "approximately", None, 90),
])
def test_qualifiers(text, value, qualifier, low, high):
    q = parse_quantity(text)
    assert (q.value, q.qualifier, q.low, q.high) == (value, qualifier, low, high)


@pytest.mark.parametrize("text, low, high", [
    ("10 to 20", 10, 20),
    ("10-20", 10, 20),
    ("10–20", 10, 20),
    ("between ten and twenty", 10, 20),
    ("from 5 to 7", 5, 7),
    ("two or three", 2, 3),
])
def test_ranges(text, low, high):
    q = parse_quantity(text)
    assert q.qualifier == "range" and q.value == low and q.low == low and q.high == high


@pytest.mark.parametrize("text, low", [
    ("dozens", 24), ("Dozens", 24), ("scores", 40), ("hundreds", 200), ("thousands", 2000),
    ("several", 3), ("a handful", 3), ("tens of thousands", 20000),
])
def test_vague(text, low):
    q = parse_quantity(text)
    assert q.value is None and q.qualifier == "vague" and q.low == low


@pytest.mark.parametrize("text", ["13:10 - Two killed", "3:45 a.m.", "a 3:1 vote"])
def test_a_time_or_a_ratio_is_no_number(text):
    assert match_quantity(text) is None


def test_prefix_match_reports_length():
    q = match_quantity("at least 15 Taliban fighters")
    assert q.value == 15 and q.length == len("at least 15")
    q = match_quantity("hundreds of people")
    assert q.low == 200 and q.length == len("hundreds")


@pytest.mark.parametrize("text", ["", "people", "the", "a man", "some", "about", "many",
                                  "numerous"])
def test_not_quantities(text):
    assert match_quantity(text) is None


def test_two_dozen_is_not_two():
    assert parse_number("two dozen") == 24


def test_age_stops_at_the_number():
    # The casualties layer rejects a number followed by "-year"; the parser only reads "13".
    assert match_quantity("13-year-old").length == 2


def test_relative():
    factor, length = match_relative("half that number.")
    assert factor == 0.5 and length == len("half that number")
    assert match_relative("twice that figure")[0] == 2.0
    assert match_relative("half of them") is None


def test_no_catastrophic_backtracking():
    def run(size):
        match_quantity("1" * size + "," * size)
        match_quantity("one " * size)
        match_relative("half " + " " * size + "x")

    assert_linear(run, size=2_500)
