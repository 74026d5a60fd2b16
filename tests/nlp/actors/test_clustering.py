"""Actors: one short sentence per clustering and context rule."""
from __future__ import annotations

import pytest

from service.nlp.actors import ActorIndex, ActorList, actor_at, cluster_actors
from service.nlp.article import Article
from service.nlp.mentions import EntityMention
from service.nlp.types import Actor, Span

from tests.timing import assert_linear


@pytest.fixture()
def actors_of(annotator):
    def run(text):
        return annotator.annotate(text, layers=("actors",))["actors"]
    return run


def _names(actors):
    return sorted(actor["name"] for actor in actors)


def test_title_and_surname_join_the_full_name(actors_of):
    actors = actors_of("Jonathan Whitfield arrived on Monday. Mr. Whitfield said little. "
                       "Whitfield left early.")
    assert _names(actors) == ["Jonathan Whitfield"]
    assert len(actors[0]["mentions"]) == 3


def test_name_first_met_short_takes_the_fuller_form(actors_of):
    actors = actors_of("Mr. Whitfield spoke first. Later, Jonathan Whitfield wrote a letter.")
    assert _names(actors) == ["Jonathan Whitfield"]


def test_canonical_name_has_no_title(actors_of):
    actors = actors_of("Senator Elizabeth Warren criticised the bank. Warren did not relent.")
    assert "Elizabeth Warren" in _names(actors)


def test_father_and_son_with_one_surname_stay_two_actors(actors_of):
    text = ("Omar Abdul Karimi led the province for decades. Mr. Karimi was killed in 2001. "
            "His son, Yusuf Karimi, now leads the movement. Mr. Karimi said he would fight.")
    actors = actors_of(text)
    people = {actor["name"]: actor for actor in actors if actor["kind"] == "person"}
    assert {"Omar Abdul Karimi", "Yusuf Karimi"} <= set(people)
    father_mentions = [m["start"] for m in people["Omar Abdul Karimi"]["mentions"]]
    son_mentions = [m["start"] for m in people["Yusuf Karimi"]["mentions"]]
    assert text.index("Mr. Karimi was") + 4 in father_mentions
    assert text.rindex("Mr. Karimi") + 4 in son_mentions


def test_acronym_joins_its_organization(actors_of):
    actors = actors_of("The North Atlantic Treaty Organization met on Monday. "
                       "NATO said the meeting went well.")
    orgs = [a for a in actors if a["kind"] == "organization"]
    assert len(orgs) == 1 and len(orgs[0]["mentions"]) == 2


def test_an_acronym_met_before_its_name_joins_it():
    # "(NWP)" in a dateline, "the Norvane Wire Press" later: one actor, named in full.
    text = "HARBORVILLE (NWP) - The storm passed, the Norvane Wire Press reported."
    mentions = [EntityMention(text.index("NWP"), text.index("NWP") + 3, "organization", "ORG"),
                EntityMention(text.index("the Norvane"), text.index(" reported"), "organization",
                              "ORG")]
    actors = cluster_actors(Article(text=text, doc=None), mentions)
    assert [(a.name, len(a.mentions)) for a in actors] == [("Norvane Wire Press", 2)]


def test_the_same_name_under_another_label_is_the_same_actor():
    text = "Corvane Health opened clinics. Corvane Health runs 120 of them."
    second = text.rindex("Corvane Health")
    mentions = [EntityMention(0, 14, "organization", "ORG"),
                EntityMention(second, second + 14, "person", "PERSON")]
    actors = cluster_actors(Article(text=text, doc=None), mentions)
    assert [(a.name, a.kind, len(a.mentions)) for a in actors] == [
        ("Corvane Health", "organization", 2)]


def test_name_before_a_place_designator_is_no_actor(actors_of):
    actors = actors_of("Fighting spread to northern Zarghun province on Tuesday.")
    assert "Zarghun" not in _names(actors)


def test_name_after_in_is_no_actor(actors_of):
    actors = actors_of("The fighting took place in Bekhal and the villages around it.")
    assert "Bekhal" not in _names(actors)


def test_pro_prefixed_description_is_no_actor(actors_of):
    assert actors_of("Pro-Kremlin accounts denied the report.") == [] or all(
        not a["name"].lower().startswith("pro") for a in actors_of("Pro-Kremlin accounts denied the report."))


def test_headline_fragment_is_no_actor(actors_of):
    text = "Rebel Rule Faces Its First Test\n\nThe rebels took the town on Monday."
    assert all("Rule" not in a["name"] for a in actors_of(text))


def test_countries_are_locations_not_actors(actors_of):
    actors = actors_of("France and Germany signed the treaty with the United Nations.")
    assert "France" not in _names(actors) and "Germany" not in _names(actors)


def _actor(number: int, *spans: tuple[int, int]) -> Actor:
    return Actor(id=f"A{number}", name=f"Name {number}", kind="person",
                 mentions=[Span(a, b) for a, b in spans])


def test_actor_at_prefers_the_longest_overlap():
    actors = ActorList([_actor(1, (0, 10), (50, 55)), _actor(2, (12, 40))])
    assert actor_at(actors, 8, 20).id == "A2"  # 8 characters of A2 against 2 of A1
    assert actor_at(actors, 51, 52).id == "A1"
    assert actor_at(actors, 41, 49) is None
    assert actor_at(list(actors), 8, 20).id == "A2"  # a plain list gives the same answer


def test_actor_index_finds_a_long_mention_that_starts_far_before():
    index = ActorIndex([_actor(1, (0, 500)), _actor(2, (510, 515))])
    assert index.at(490, 495).id == "A1"
    assert [actor.id for _, _, actor in index.before(520, 1000)] == ["A2", "A1"]
    assert [actor.id for _, _, actor in index.before(520, 15)] == ["A2"]


def test_clustering_many_distinct_names_is_linear():
    def run(size):
        names = [f"Person{chr(65 + n % 26)}{n} Surname{n}" for n in range(size)]
        text = ". ".join(names)
        mentions, position = [], 0
        for name in names:
            mentions.append(EntityMention(position, position + len(name), "person", "PERSON"))
            position += len(name) + 2
        cluster_actors(Article(text=text, doc=None), mentions)

    assert_linear(run, size=500)


def test_actor_at_takes_the_first_of_equally_long_overlaps():
    actors = ActorList([_actor(1, (20, 28)), _actor(2, (0, 8))])
    assert actor_at(actors, 0, 30).id == "A2"


# ---- issue 19: rules that hold on unseen news -------------------------------------------------

def test_a_defined_acronym_joins_its_organization_whatever_its_letters(actors_of):
    actors = actors_of("The Coalition for River Rights (KORA) met on Friday. KORA said it would "
                       "sue.")
    orgs = [a for a in actors if a["kind"] == "organization"]
    assert [a["name"] for a in orgs] == ["Coalition for River Rights"]
    assert len(orgs[0]["mentions"]) == 3


def test_a_later_surname_joins_the_full_name_after_a_role_word(actors_of):
    actors = actors_of("Spokeswoman Maria Delacroix said the road was closed. Delacroix added "
                       "that repairs would take a week.")
    assert _names(actors) == ["Maria Delacroix"]
    assert len(actors[0]["mentions"]) == 2


def test_a_missed_surname_joins_the_full_name(actors_of):
    actors = actors_of("Prime Minister Arvid Lenskog spoke on Monday. Critics said Lenskog was "
                       "late, and Lenskog agreed.")
    assert _names(actors) == ["Arvid Lenskog"]
    assert len(actors[0]["mentions"]) == 3


def test_a_demonym_is_not_an_actor(actors_of):
    assert "Ugandan" not in _names(actors_of("Ugandan troops arrived in the district on Monday, "
                                             "an officer said."))
