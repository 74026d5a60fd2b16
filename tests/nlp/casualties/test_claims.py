"""One record per claim (claims.py) and coordinated counts (coordination.py), on invented text."""
from __future__ import annotations

import pytest

from service.nlp.casualties.claims import merge_claims
from service.nlp.casualties.records import Casualty, Count
from service.nlp.types import Reference, Span

from tests.timing import assert_linear

from .helpers import one, summary, text_of


def test_headline_and_body_are_one_claim_with_the_body_as_evidence(cas):
    text = ("Three dead, nine hurt in depot blast\n\n"
            "Three workers were killed and nine injured in a blast at a fuel depot on Monday, "
            "the fire brigade said.")
    records = cas(text)
    assert summary(records) == [("killed", 3, "exact"), ("injured", 9, "exact")]
    killed = one(records, "killed")
    assert killed["evidence"]["text"].startswith("Three workers were killed")
    assert text_of(killed["source"]) == "the fire brigade"
    assert [m["text"] for m in killed["mentions"]] == ["Three dead, nine hurt in depot blast"]


def test_a_repeated_lead_is_one_claim(cas):
    lead = "Four miners were killed in a tunnel collapse on Friday, the company said."
    records = cas(f"{lead}\n\nRescuers worked through the night.\n\n{lead}")
    record = one(records)
    assert record["count"]["value"] == 4 and len(record["mentions"]) == 1


def test_the_same_count_from_two_sources_is_two_claims(cas):
    records = cas("The army said five rebels were killed. The rebels said five rebels were "
                  "killed.")
    assert [text_of(r["source"]) for r in records] == ["The army", "The rebels"]


def test_a_claim_stated_once_has_no_other_mentions(cas):
    assert one(cas("Two hikers died on the glacier."))["mentions"] == []


def test_coordinated_counts_are_two_records(cas):
    records = cas("At least 31 pupils and six teachers were killed in the fire.")
    assert summary(records) == [("killed", 31, "at_least"), ("killed", 6, "exact")]
    assert [text_of(r["victims"]) for r in records] == ["pupils", "teachers"]
    assert all(r["part_of"] is None for r in records)


def test_a_count_and_a_single_person(cas):
    records = cas("Nine sailors and a harbour pilot died when the ferry sank.")
    assert summary(records) == [("killed", 9, "exact"), ("killed", 1, "exact")]


def test_a_total_beside_its_parts_marks_the_parts(cas):
    records = cas("Fifteen people, 13 soldiers and two police officers, were killed in the raid.")
    assert summary(records) == [("killed", 15, "exact"), ("killed", 13, "exact"),
                                ("killed", 2, "exact")]
    total = records[0]
    assert total["part_of"] is None
    assert [r["part_of"] for r in records[1:]] == [total["id"], total["id"]]


def test_counts_after_including_are_parts_of_the_total(cas):
    records = cas("The shelling killed at least 30 villagers, including nine children and two "
                  "teachers, and wounded 50 others.")
    assert summary(records) == [("killed", 30, "at_least"), ("killed", 9, "exact"),
                                ("killed", 2, "exact"), ("injured", 50, "exact")]
    total = records[0]
    assert [r["part_of"] for r in records] == [None, total["id"], total["id"], None]


def test_a_list_that_does_not_add_up_has_no_total(cas):
    records = cas("Eight soldiers, three police officers and two guards were wounded.")
    assert [r["count"]["value"] for r in records] == [8, 3, 2]
    assert all(r["part_of"] is None for r in records)


def test_a_person_described_in_apposition_is_one_count(cas):
    records = cas("Maria Lopes, a nurse, was killed in the crash.")
    assert summary(records) == [("killed", 1, "exact")]


def test_an_elliptical_count_takes_the_victims_of_the_sentence(cas):
    records = cas("Four porters were killed and eleven injured in the avalanche.")
    assert [text_of(r["victims"]) for r in records] == ["porters", "porters"]


def test_the_same_source_in_other_words_is_one_claim(cas):
    text = ("The toll from the landslide rose to 64, the rescue service said. Late on Monday "
            "The rescue service said the toll from the landslide rose to 64.")
    assert len(cas(text)) == 1


def test_two_people_in_one_sentence_are_two_claims(cas):
    records = cas("A 30-year-old man was shot in the leg and a 22-year-old woman was grazed on "
                  "the arm.")
    assert [r["count"]["value"] for r in records] == [1, 1]


def test_merging_a_claim_repeated_many_times_is_linear():
    sentence = "Two guards were killed, officials said. "

    def statements(n):
        out = []
        for k in range(n):
            at = k * len(sentence)
            count = Count(2, 2, 2, "exact", Span(at, at + 3))
            out.append(Casualty("", "killed", count, None, None, Reference(at + 24, at + 33),
                                None, Span(at, at + len(sentence) - 1)))
        return sentence * n, out

    def run(n):
        text, records = statements(n)
        merged, _ = merge_claims(records, text)
        assert len(merged) == 1 and len(merged[0].mentions) == n - 1
    assert_linear(run, size=2_000)


def test_a_claim_takes_its_victims_from_a_statement_that_names_them(cas):
    # The body's statement (kept: it has the source) counts a bare number; the headline names
    # the people.
    text = ("Storm kills six fishermen off Varnholm\n\n"
            "The storm killed six, the coast guard said.")
    record = one(cas(text), "killed")
    assert text_of(record["source"]) == "the coast guard"
    assert text_of(record["victims"]) == "fishermen"


def test_the_kept_statement_takes_named_victims_over_its_bare_number():
    text = "Nine villagers killed. Raid kills nine, the mayor said."
    headline = Casualty("", "killed", Count(9, 9, 9, "exact", Span(0, 4)), Reference(5, 14),
                        None, None, None, Span(0, 22))
    body = Casualty("", "killed", Count(9, 9, 9, "exact", Span(34, 38)), Reference(34, 38),
                    None, Reference(40, 49), None, Span(23, len(text)))
    merged, _ = merge_claims([headline, body], text)
    assert len(merged) == 1 and merged[0].evidence.start == 23  # the statement with a source
    assert text[merged[0].victims.start:merged[0].victims.end] == "villagers"
    # Only a number stated: the kept statement keeps its own.
    bare = Casualty("", "killed", Count(9, 9, 9, "exact", Span(0, 4)), Reference(0, 4),
                    None, None, None, Span(0, 22))
    body = Casualty("", "killed", Count(9, 9, 9, "exact", Span(34, 38)), Reference(34, 38),
                    None, Reference(40, 49), None, Span(23, len(text)))
    merged, _ = merge_claims([bare, body], text)
    assert text[merged[0].victims.start:merged[0].victims.end] == "nine"


def test_a_count_that_refers_back_is_the_same_claim_whoever_says_it(cas):
    records = cas("At least 40 people were wounded in the blast, officials said. Of the 40 "
                  "wounded, nine were in critical condition, a doctor told reporters.")
    injured = [r for r in records if r["category"] == "injured" and r["count"]["value"] == 40]
    assert len(injured) == 1 and text_of(injured[0]["source"]) == "officials"


def test_a_vague_count_alone_names_no_victims(cas):
    records = cas("Blast kills dozens at depot\n\nThe blast killed dozens, the company said. "
                  "Dozens of workers were killed in the blast.")
    record = one(records, "killed")
    assert text_of(record["source"]) == "the company" and text_of(record["victims"]) == "workers"


def test_a_vague_headline_figure_is_the_stated_figure_it_bounds(cas):
    records = cas("Dozens wounded in market blast\n\nMore than 40 people were wounded in the "
                  "blast, the mayor said.")
    assert summary(records) == [("injured", 40, "at_least")]
    assert len(records[0]["mentions"]) == 1
    # Two figures inside the bounds: which one the headline sums up is unknown.
    records = cas("Dozens wounded in market blast\n\nMore than 40 people were wounded in the "
                  "blast, the mayor said. Another 30 were wounded in the stampede.")
    assert len(records) == 3


@pytest.mark.parametrize("sentence, part, victims", [
    ("The agency said 38 people were wounded, 9 of them children, in the market.", 9, "children"),
    ("At least 25 villagers were killed, among them six women.", 6, "women"),
    ("Fourteen miners died, three of whom were teenagers.", 3, "teenagers"),
])
def test_a_count_of_them_after_the_comma_is_a_part_of_the_total(cas, sentence, part, victims):
    total, piece = cas(sentence)
    assert piece["count"]["value"] == part and piece["part_of"] == total["id"]
    assert text_of(piece["victims"]) == victims


def test_a_toll_that_could_rise_takes_no_number_from_the_reason_clause(cas):
    records = cas("Officials said 20 people were hurt and warned that the toll could rise because "
                  "several of the injured were in critical condition.")
    assert summary(records) == [("injured", 20, "exact")]
