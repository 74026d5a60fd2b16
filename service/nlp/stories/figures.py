"""Figures: the casualty records of every article, with what the ledger groups them by.

A figure is one statement of a count: its article, the record, its victims as a key (a story
actor, a class of noun, or nothing when the noun says nothing: "people", "others"), the place of
its sentence (a story location) and its date. A statement repeated inside one article is one
figure (the casualties layer already merges most repeats; this catches the rest).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..names import fold

# Victim nouns that tell nothing about who the victims are: such a figure joins the group of its
# category and event whatever its victims.
GENERIC_VICTIMS = frozenset("""
people persons person others other more those individuals victims casualties dead injured
wounded bodies lives many some several dozens hundreds scores thousands they them who one ones
""".split())
# Nouns that name the same kind of victims: "militants", "fighters" and "insurgents" are one
# class, so that one side's "fighters" meets the other side's "militants".
VICTIM_CLASSES = {
    "combatants": "militant fighter insurgent rebel jihadist gunman gunmen extremist terrorist "
                  "attacker assailant",
    "security forces": "soldier troop police policeman policemen officer serviceman servicemen "
                       "personnel guard trooper commando",
    "civilians": "civilian resident villager bystander",
}
_CLASS_OF = {word: name for name, words in VICTIM_CLASSES.items() for word in words.split()}
# Words of a sentence that restate a toll later in the day ("the toll rose to 14"): its date is
# when the count was given, not when the event happened.
_UPDATE = re.compile(r"\b(?:toll|rose|risen|rising|climbed|increased|jumped|reached|now|"
                     r"updated|revised|so far|total)\b", re.IGNORECASE)


@dataclass
class Figure:
    article: int
    article_id: str
    record: dict
    scope: str
    victims_key: tuple | None  # ("actor", SA id) or ("noun", class or word); None: generic
    victims_head: tuple | None  # ("noun", ...) of the victims phrase, even when it has an actor
    victim_actor: str | None
    source_actor: str | None
    place: str | None  # story location id of the sentence
    date: str | None  # the event's date per the sentence, unless it restates a toll

    @property
    def category(self) -> str:
        return self.record["category"]

    @property
    def value(self):
        return self.record["count"]["value"]


def victims_noun(text: str | None) -> tuple | None:
    """The class or singular head noun of a victims phrase; None when it is generic."""
    words = fold(text or "").split()
    if "of" in words:  # "members of the group": the head comes before "of"
        words = words[:words.index("of")]
    if not words or words[-1] in GENERIC_VICTIMS:
        return None
    head = words[-1]
    singular = head[:-1] if head.endswith("s") and len(head) > 3 else head
    return ("noun", _CLASS_OF.get(head) or _CLASS_OF.get(singular) or singular)


def _story_id(ids: dict, article: int, reference: dict | None) -> str | None:
    actor = (reference or {}).get("actor_id")
    return ids.get((article, actor)) if actor else None


def figures_of(articles: list[dict], actor_ids: dict, location_ids: dict) -> list[Figure]:
    """The figures of every article, in story order, one per distinct statement."""
    figures = []
    for number, article in enumerate(articles):
        seen = set()
        for record in article["result"].get("casualties") or []:
            figure = _figure(number, article["id"], record, actor_ids, location_ids)
            key = _statement(figure)
            if key not in seen:
                seen.add(key)
                figures.append(figure)
    return figures


def _figure(number: int, article_id: str, record: dict, actor_ids: dict,
            location_ids: dict) -> Figure:
    victims = record.get("victims")
    victim_actor = _story_id(actor_ids, number, victims)
    head = victims_noun((victims or {}).get("text"))
    scope = record.get("scope", "event")
    restates = bool(_UPDATE.search(record["evidence"]["text"]))
    location = record.get("location_id")
    return Figure(
        article=number, article_id=article_id, record=record, scope=scope,
        victims_key=("actor", victim_actor) if victim_actor else head, victims_head=head,
        victim_actor=victim_actor, source_actor=_story_id(actor_ids, number, record.get("source")),
        place=location_ids.get((number, location)) if location else None,
        date=None if restates or scope != "event" else record.get("date"))


def _statement(figure: Figure) -> tuple:
    """What makes two records of one article the same statement."""
    count, source = figure.record["count"], figure.record.get("source")
    said_by = figure.source_actor or fold((source or {}).get("text") or "")
    return (figure.scope, figure.category, count["value"], count["low"], count["high"],
            count["qualifier"], said_by, figure.victims_key)
