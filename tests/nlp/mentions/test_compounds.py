"""Compound place names kept whole (mentions/compounds.py): hand-made mentions, so that the rule
is pinned whatever spans the model gives. Invented sentences."""
from __future__ import annotations

import pytest

from service.nlp.mentions import EntityMention
from service.nlp.mentions.compounds import join_compound_places


def _joined(text, spans, gazetteer):
    mentions = [EntityMention(text.index(raw), text.index(raw) + len(raw), role, label)
                for raw, role, label in spans]
    return [(text[m.start:m.end], m.role)
            for m in join_compound_places(text, mentions, gazetteer, EntityMention)]


@pytest.mark.parametrize("text, spans, whole", [
    # the model found one part: the whole extends right or left over the joiner
    ("Officials in Jammu and Kashmir closed the road.", [("Jammu", "place", "GPE")],
     "Jammu and Kashmir"),
    ("Aid reached Bosnia and Herzegovina on Monday.", [("Herzegovina", "place", "GPE")],
     "Bosnia and Herzegovina"),
    # the model split the name in two (and called one part an organization)
    ("Rebels crossed into the Democratic Republic of the Congo overnight.",
     [("Democratic Republic", "organization", "ORG"), ("Congo", "place", "GPE")],
     "Democratic Republic of the Congo"),
    # a final stop is not part of the name
    ("The ship sailed to Trinidad and Tobago.", [("Trinidad", "place", "GPE")],
     "Trinidad and Tobago"),
])
def test_a_compound_in_the_gazetteer_stays_whole(annotator, text, spans, whole):
    assert _joined(text, spans, annotator.gazetteer) == [(whole, "place")]


def test_two_countries_joined_by_and_stay_two(annotator):
    text = "Fighting spread across Iraq and Syria."
    spans = [("Iraq", "place", "GPE"), ("Syria", "place", "GPE")]
    assert _joined(text, spans, annotator.gazetteer) == [("Iraq", "place"), ("Syria", "place")]


def test_lowercase_words_after_and_are_never_joined(annotator):
    text = "Floods hit Jammu and kashmir valleys."
    assert _joined(text, [("Jammu", "place", "GPE")], annotator.gazetteer) == [("Jammu", "place")]


def test_without_a_gazetteer_nothing_changes():
    text = "Officials in Jammu and Kashmir closed the road."
    assert _joined(text, [("Jammu", "place", "GPE")], None) == [("Jammu", "place")]
