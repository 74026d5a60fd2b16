"""Place rescue (mentions/place_rescue.py): one invented sentence per rule."""
from __future__ import annotations

import re

import pytest
from spacy.tokens import Span

from service.nlp.article import Article

from service.nlp import gazetteer
from service.nlp.mentions.entities import EntityMention, _forced_places
from service.nlp.mentions.place_rescue import _actors_tagged_as_places, _shared_designators


@pytest.fixture(scope="session")
def annotate(annotator):
    def run(text):
        return annotator.annotate(text, layers=("locations", "actors"))
    return run


def _places(result):
    return {loc["name"]: loc for loc in result["locations"]}


def _actor_names(result):
    return {actor["name"] for actor in result["actors"]}


def test_compound_division_stays_whole(annotate):
    places = _places(annotate("Police in Jammu and Kashmir closed the highway on Friday."))
    assert "Jammu" not in places and "Kashmir" not in places
    loc = places["Jammu and Kashmir"]
    assert loc["kind"] == "admin1" and loc["geo"]["country_code"] == "IN"


def test_compound_country_stays_whole(annotate):
    places = _places(annotate("The ferry to Trinidad and Tobago was cancelled."))
    assert places["Trinidad and Tobago"]["geo"]["country_code"] == "TT"
    assert "Trinidad" not in places


def test_village_frame_makes_a_place(annotate):
    result = annotate("Soldiers reached the village of Sangin in Helmand province at dawn.")
    assert _places(result)["Sangin"]["geo"]["country_code"] == "AF"
    assert "Sangin" not in _actor_names(result)


def test_town_in_frame_makes_a_place(annotate):
    result = annotate("Moradabad, a town in Uttar Pradesh, lost power after the storm.")
    loc = _places(result)["Moradabad"]
    assert loc["kind"] == "city" and loc["geo"]["country_code"] == "IN"
    assert "Moradabad" not in _actor_names(result)


def test_designator_after_unlabelled_name(annotate):
    loc = _places(annotate("Families left Kasese district in western Uganda after the rain."))["Kasese"]
    assert loc["kind"] == "admin2" and loc["geo"]["country_code"] == "UG"


def test_sentence_initial_word_before_designator_is_not_a_place(annotate):
    assert annotate("Police district chiefs met on Monday.")["locations"] == []


def test_org_tagged_place_abbreviation_is_a_place(annotate):
    result = annotate("Aid convoys crossed into the DRC on Monday.")
    assert _places(result)["DRC"]["geo"]["country_code"] == "CD"
    assert "DRC" not in _actor_names(result)


def test_regency_designator_is_admin2(annotate):
    loc = _places(annotate("Floods cut roads in North Luwu Regency on Sunday."))["North Luwu Regency"]
    assert loc["kind"] == "admin2" and loc["geo"]["country_code"] == "ID"


def test_designator_before_of_names_the_next_place(annotate):
    places = _places(annotate("Rain flooded the Sichuan city of Mianyang overnight."))
    assert places["Sichuan"]["kind"] == "admin1"
    assert places["Mianyang"]["geo"]["country_code"] == "CN"


def test_west_bank_keeps_its_compass_word(annotate):
    places = _places(annotate("Clashes spread to the West Bank on Thursday."))
    assert "West Bank" in places and places["West Bank"]["geo"]["country_code"] == "PS"


def test_shared_plural_designator_reaches_the_first_conjunct(annotator):
    text = "Rain fell on Anhui and Jiangxi provinces."
    a, b = text.index("Anhui"), text.index("Jiangxi")
    mentions = [EntityMention(a, a + 5, "place", "GPE"),
                EntityMention(b, b + 7, "place", "GPE", "provinces")]
    out = _shared_designators(text, mentions)
    assert out[0].designator == "provinces" and out[1].designator == "provinces"


def test_shared_designator_needs_a_conjunction(annotator):
    text = "Anhui sent aid; Jiangxi provinces too."
    a, b = text.index("Anhui"), text.index("Jiangxi")
    mentions = [EntityMention(a, a + 5, "place", "GPE"),
                EntityMention(b, b + 7, "place", "GPE", "provinces")]
    assert _shared_designators(text, mentions)[0].designator is None


def test_unknown_gpe_named_as_a_person_elsewhere_is_an_actor(annotator):
    text = "Zorblatt said no. Zorblatt left."
    mentions = [EntityMention(0, 8, "person", "PERSON"), EntityMention(18, 26, "place", "GPE")]
    out = _actors_tagged_as_places(text, mentions, gazetteer.current())
    assert [m.role for m in out] == ["person", "person"]


def test_known_place_named_as_a_person_elsewhere_stays_a_place(annotator):
    text = "Kabul said no. Kabul left."
    mentions = [EntityMention(0, 5, "person", "PERSON"), EntityMention(15, 20, "place", "GPE")]
    out = _actors_tagged_as_places(text, mentions, gazetteer.current())
    assert out[1].role == "place"


def test_other_mentions_of_a_rescued_name_follow_it(annotator):
    from service.nlp.mentions.place_rescue import _same_name_as_rescued
    text = "Near Korbin the road ends. Korbin lies east."
    mentions = [EntityMention(5, 11, "place", "PERSON"), EntityMention(27, 33, "person", "PERSON")]
    assert [m.role for m in _same_name_as_rescued(text, mentions)] == ["place", "place"]


def test_a_name_the_model_calls_a_place_keeps_its_actor_mentions(annotator):
    from service.nlp.mentions.place_rescue import _same_name_as_rescued
    text = "Near Jordan the road ends. Jordan scored. Jordan is dry."
    mentions = [EntityMention(5, 11, "place", "PERSON"), EntityMention(27, 33, "person", "PERSON"),
                EntityMention(42, 48, "place", "GPE")]
    assert _same_name_as_rescued(text, mentions)[1].role == "person"


def test_frame_before_suffices_for_an_actor_labelled_name(annotator):
    from service.nlp.mentions.place_rescue import _relabel
    text = "They reached the village of Qarvash Dun at noon."
    start = text.index("Qarvash")
    m = EntityMention(start, start + len("Qarvash Dun"), "person", "PERSON")
    out = _relabel(text, m, gazetteer.current(), set())
    assert out.role == "place" and out.designator == "village"


def test_preposition_and_focus_country_name_make_a_place(annotator):
    from service.nlp.mentions.place_rescue import _relabel
    text = "Roads to Fort Portal were cut."
    m = EntityMention(9, 20, "person", "PERSON")
    assert _relabel(text, m, gazetteer.current(), {"UG"}).role == "place"
    assert _relabel(text, m, gazetteer.current(), {"FR"}).role == "person"


def test_rescued_place_reads_the_designator_after_it(annotate):
    loc = _places(annotate("Aid reached Kasese. Schools in the Kasese district stayed shut."))["Kasese"]
    assert loc["kind"] == "admin2"


def test_a_place_taken_for_a_group_is_a_place_after_a_place_word(nlp, annotator):
    text = "Families of Tampere left, and the army shelled eastern Tampere. Tampere voters met."
    doc = nlp(text)
    doc.ents = [Span(doc, t.i, t.i + 1, label="NORP") for t in doc if t.text == "Tampere"]
    forced = _forced_places(Article(text=text, doc=doc), [], annotator.gazetteer)
    starts = sorted(a for a, _ in forced)
    assert starts == [m.start() for m in re.finditer("Tampere", text)]  # the last: same name
    # Without a place word before it, a group name stays a group.
    text = "The Tampere voters met."
    doc = nlp(text)
    doc.ents = [Span(doc, 1, 2, label="NORP")]
    assert _forced_places(Article(text=text, doc=doc), [], annotator.gazetteer) == {}
