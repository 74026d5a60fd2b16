"""Date resolution against the publication date, and dates of evidence sentences."""
from __future__ import annotations

import re
from datetime import date

import pytest

from service.nlp.article.dates import find_date_phrases, resolve_date
from service.nlp.article.sentence_dates import SentenceDates, sentence_date
from service.nlp.types import Ignored

from tests.timing import assert_linear

SATURDAY = date(2020, 3, 7)  # a Saturday


@pytest.mark.parametrize("phrase, expected", [
    ("on Friday", "2020-03-06"),
    ("Saturday", "2020-03-07"),  # the anchor's own weekday is the anchor
    ("on Sunday", "2020-03-01"),
    ("Friday's storm", "2020-03-06"),
    ("last Saturday", "2020-02-29"),
    ("next Monday", "2020-03-09"),
    ("The council will vote on Tuesday", "2020-03-10"),
    ("yesterday", "2020-03-06"),
    ("last night", "2020-03-06"),
    ("today", "2020-03-07"),
    ("tomorrow", "2020-03-08"),
    ("three days ago", "2020-03-04"),
    ("a week ago", "2020-02-29"),
    ("last week", "2020-02-29"),
    ("two days later", "2020-03-09"),  # no earlier date given: from the anchor
    ("the next day", "2020-03-08"),
    ("Mar. 2", "2020-03-02"),
    ("March 2nd", "2020-03-02"),
    ("2 March", "2020-03-02"),
    ("March 2, 2019", "2019-03-02"),
    ("2019-03-02", "2019-03-02"),
    ("Dec. 30", "2019-12-30"),  # no year, months before the anchor: last year
    ("July 4", None),  # too far after the anchor, too far back last year: an event name
    ("two days before the July 4 holiday", None),
    ("two days before March 5", "2020-03-03"),
    ("Two days later, on March 4th, the water fell", "2020-03-04"),  # explicit wins
    ("this week", None),
    ("last month", None),
    ("the water fell", None),
    ("on Fridays the market opens", None),
])
def test_resolve_date(phrase, expected):
    value = resolve_date(phrase, SATURDAY)
    assert (value.isoformat() if value else None) == expected


def test_relative_to_reference_date():
    assert resolve_date("two days later", SATURDAY, date(2020, 2, 1)) == date(2020, 2, 3)
    assert resolve_date("a day earlier", SATURDAY, "2020-02-01") == date(2020, 1, 31)
    assert resolve_date("the following day", SATURDAY, date(2020, 2, 1)) == date(2020, 2, 2)


def test_no_anchor():
    assert resolve_date("on Friday", None) is None
    assert resolve_date("March 2, 2019", None) == date(2019, 3, 2)
    assert resolve_date("anything", "not a date") is None


def test_find_date_phrases_spans():
    text = "On Friday, and again on March 2, 2020, then two days later."
    found = [(text[p.start:p.end], p.kind) for p in find_date_phrases(text)]
    assert found == [("Friday", "weekday"), ("March 2, 2020", "explicit"),
                     ("two days later", "relative")]


STORY = (
    "Floods cut off two towns\n\n"
    "By Jane Roe\n\n"
    "The flooding began in the hills on Friday, and the river rose fast. Mr. Doe said the dam "
    "held. Officials said 12 people died.\n\n"
    "Aid arrived slowly. Last week the council warned of storms.\n\n"
    "The flooding left 300 people homeless, the U.S. embassy said.\n\n"
    "“We lost everything,” a farmer said on Saturday.\n\n"
    "On March 1 the army opened a shelter. Two days later, it was full.\n\n"
    "The mayor spoke this week about the costs.\n\n"
    "Sign up for our newsletter on Friday.\n"
)


def span_of(needle: str) -> tuple[int, int]:
    start = STORY.index(needle)
    return start, start + len(needle)


@pytest.mark.parametrize("needle, expected", [
    ("The flooding began", "2020-03-06"),  # its own phrase
    ("12 people died", "2020-03-06"),  # same paragraph, earlier sentence
    ("Mr. Doe said", "2020-03-06"),  # "Mr." does not end the sentence
    ("left 300 people homeless", "2020-03-06"),  # "the flooding": the dated flooding
    ("We lost everything", "2020-03-07"),  # a quote: the sentence around it
    ("it was full", "2020-03-03"),  # two days after the earlier date mentioned
    ("The mayor spoke", None),  # "this week": found but not a day
])
def test_sentence_date(needle, expected):
    start, end = span_of(needle)
    assert sentence_date(STORY, start, end, SATURDAY) == expected


def test_sentence_date_without_inheritance():
    start, end = span_of("12 people died")
    assert sentence_date(STORY, start, end, SATURDAY, inherit=False) is None


def test_sentence_date_skips_ignored_phrases():
    start, end = span_of("Sign up for our newsletter on Friday.")
    ignored = [Ignored(start, end, "subscribe")]
    assert sentence_date(STORY, start, end, "2020-03-07") == "2020-03-06"
    assert sentence_date(STORY, start, end, "2020-03-07", ignored=ignored) is None


def test_sentence_date_without_anchor_and_bad_spans():
    start, end = span_of("12 people died")
    assert sentence_date(STORY, start, end, None) is None
    assert sentence_date("", 0, 0, SATURDAY) is None
    assert sentence_date(STORY, len(STORY), len(STORY), SATURDAY) is None


@pytest.mark.parametrize("chunk", ["last Friday ", "two days later ", "Aug 1 ", "A. ", "word ",
                                   "\n", "on March 3, 2020 and ", "the fighting. "])
def test_linear_on_100k_worst_cases(chunk):
    def run(size):
        text = (chunk * (size // len(chunk) + 1))[:size]
        find_date_phrases(text)
        sentence_date(text, size // 2, size // 2 + 10, SATURDAY)
        sentence_date(text, size - 1000, size - 990, SATURDAY)

    assert_linear(run, size=25_000)


@pytest.mark.parametrize("paragraph", [
    "The attack killed 3 people on Friday. Two days later the attack resumed.\n",
    "It rained on Friday.\nThe attack killed 3 people.\n",  # every record looks back for the event
])
def test_dating_every_sentence_of_a_long_article_is_linear(paragraph):
    def run(size):
        text = paragraph * (size // len(paragraph) + 1)
        dates = SentenceDates(text, SATURDAY)
        for match in re.finditer("killed", text):
            dates.date_of(match.start(), match.end())

    assert_linear(run, size=10_000)
