"""Salience of actors and locations: headline and lead weigh more, values add up to 1."""
from __future__ import annotations

import pytest

from service.nlp.article import Article
from service.nlp.salience import lead_span, mention_weight, saliences
from service.nlp.types import Actor, Ignored, Span

HEADLINE = Span(0, 21)
TEXT = ("Storm floods Riverton\n"
        "Share this story on social media\n"
        "Mayor Elena Vasquez said on Monday that twelve people were hurt when the river rose.\n"
        "Later in the day the council met again to discuss what to do next about it.\n")


def _article(text=TEXT, ignored=()):
    return Article(text=text, doc=None, ignored=list(ignored))


def test_the_lead_is_the_first_long_enough_paragraph_outside_boilerplate():
    share = TEXT.index("Share")
    article = _article(ignored=[Ignored(share, share + 32, "boilerplate")])
    lead = lead_span(article, HEADLINE)
    assert TEXT[lead.start:lead.end].startswith("Mayor Elena Vasquez")


def test_short_lines_are_not_the_lead():
    article = _article(text="Headline\nBy Someone\nShort line here.\n")
    assert lead_span(article, Span(0, 8)) is None


def test_weights_headline_then_lead_then_position():
    lead = Span(60, 140)
    assert mention_weight(Span(2, 8), 1000, HEADLINE, lead) == 3.0
    assert mention_weight(Span(70, 75), 1000, HEADLINE, lead) == 2.0
    early, late = (mention_weight(Span(s, s + 5), 1000, HEADLINE, lead) for s in (200, 900))
    assert 1.0 > early > late >= 0.5


def test_saliences_add_up_to_one_and_rank_the_headline_entity_first():
    article = _article()
    riverton = Actor("L1", "Riverton", "city", [Span(13, 21)])
    vasquez = Actor("A1", "Elena Vasquez", "person",
                    [Span(TEXT.index("Elena"), TEXT.index(" said"))])
    council = Actor("A2", "council", "organization", [Span(TEXT.index("council"),
                                                           TEXT.index("council") + 7)])
    values = saliences(article, [riverton, vasquez, council], HEADLINE)
    assert sum(values.values()) == pytest.approx(1.0, abs=1e-3)
    assert values["L1"] > values["A1"] > values["A2"] > 0
    assert all(0 <= value <= 1 for value in values.values())


def test_no_entities_gives_no_saliences():
    assert saliences(_article(), [], HEADLINE) == {}


ARTICLE = ("Floods hit Riverton\n\n"
           "Mayor Elena Vasquez said the river rose overnight in Riverton and that the town "
           "would rebuild its bridges.\n\n"
           "Officials in Texas said the Red Cross would help. Vasquez thanked them.")


def test_the_api_gives_every_actor_and_location_a_salience_whatever_the_layers(client):
    full = client.post("/v1/annotate", json={"text": ARTICLE}).get_json()
    entities = full["actors"] + full["locations"]
    assert len(entities) >= 3
    assert sum(e["salience"] for e in entities) == pytest.approx(1.0, abs=1e-3)
    only_actors = client.post("/v1/annotate", json={"text": ARTICLE, "layers": ["actors"]}
                              ).get_json()
    assert [a["salience"] for a in only_actors["actors"]] == [a["salience"] for a in full["actors"]]
    # Two mentions, one of them in the lead, outweigh one mention anywhere.
    twice = [e for e in entities if len(e["mentions"]) == 2]
    assert "Elena Vasquez" in {e["name"] for e in twice}
    once = [e for e in entities if len(e["mentions"]) == 1]
    assert once and min(e["salience"] for e in twice) > max(e["salience"] for e in once)
