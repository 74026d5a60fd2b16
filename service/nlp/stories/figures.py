"""Figures: the casualty records of every article, with what the ledger groups them by.

A figure is one statement of a count: its article, the record, its victims as a key (a story
actor, a class of noun, or nothing when the noun says nothing: "people", "others"), its place (a
story location: the town, district or facility of its sentence, else the last one named before
it in its paragraph: "A bomb went off in Asadabad. Five were killed.") and its date. A statement repeated inside one article is one
figure (the casualties layer already merges most repeats; this catches the rest).
"""
from __future__ import annotations

import bisect
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
    "military": "soldier troop serviceman servicemen trooper paratrooper commando marine force",
    "police": "police policeman policemen officer constable",
    "civilians": "civilian resident villager bystander",
}
# Heads that say "some of": the victims are named after "of".
_PARTITIVES = frozenset("member members part rest most all each none".split())
# Words before the head noun that qualify it without telling whose people they are.
_NOT_QUALIFIERS = frozenset("the a an some its their his her our this that these those".split())
_CLASS_OF = {word: name for name, words in VICTIM_CLASSES.items() for word in words.split()}
# Words of a sentence that restate a toll later in the day ("the toll rose to 14"): its date is
# when the count was given, not when the event happened.
_UPDATE = re.compile(r"\b(?:toll|rose|risen|rising|climbed|increased|jumped|reached|now|"
                     r"updated|revised|so far|total)\b", re.IGNORECASE)
# A sentence dated by when it was said ("officials said on Tuesday that ..."): the event may be
# older, so the date does not place it.
_TOLD_ON = re.compile(r"\b(?:said|says|told|announced|reported|confirmed|added|stated)\s+"
                      r"(?:\w+\s+)?(?:on|late|early|last)\b", re.IGNORECASE)


# Place kinds precise enough to tell two events apart; a country or province holds many.
FINE_PLACES = frozenset({"city", "admin2", "facility"})


@dataclass
class Figure:
    article: int
    article_id: str
    record: dict
    scope: str
    victims_key: tuple | None  # ("actor", SA id) or victims_noun(); None: generic
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
    """("noun", class or singular head, qualifier) of a victims phrase, None when it is generic.
    The qualifier is the phrase's capitalized words before the head ("Russian soldiers":
    "russian"), or None: "Russian soldiers" and "Ukrainian soldiers" are two sets of victims."""
    words = (text or "").split()
    folded = [fold(word) for word in words]
    if "of" in folded:
        cut = folded.index("of")
        # "members of the security forces", "dozens of villagers": the people come after "of";
        # "residents of the town": before it.
        before = folded[cut - 1] if cut else ""
        if before in GENERIC_VICTIMS or before in _PARTITIVES or not before:
            words, folded = words[cut + 1:], folded[cut + 1:]
        else:
            words, folded = words[:cut], folded[:cut]
    if not folded or not folded[-1] or folded[-1] in GENERIC_VICTIMS:
        return None
    head = folded[-1]
    singular = head[:-1] if head.endswith("s") and len(head) > 3 else head
    qualifier = " ".join(f for w, f in zip(words[:-1], folded[:-1])
                         if w[:1].isupper() and f and f not in _NOT_QUALIFIERS)
    return ("noun", _CLASS_OF.get(head) or _CLASS_OF.get(singular) or singular, qualifier or None)


def victims_fit(a: tuple, b: tuple) -> bool:
    """Two victim keys that may name the same people: equal, or nouns of one class whose
    qualifiers do not differ ("soldiers" fits "Malian soldiers")."""
    if a == b:
        return True
    return (a[0] == b[0] == "noun" and a[1] == b[1]
            and (a[2] is None or b[2] is None or a[2] == b[2]))


def _story_id(ids: dict, article: int, reference: dict | None) -> str | None:
    actor = (reference or {}).get("actor_id")
    return ids.get((article, actor)) if actor else None


class _Scenes:
    """Where each sentence of one article happens: its own precise place, else the last precise
    place named before it in its paragraph."""

    def __init__(self, article: dict):
        self.text = article["text"]
        self.kinds = {loc["id"]: loc["kind"] for loc in article["result"].get("locations") or []}
        self.mentions = sorted((m["start"], m["end"], loc["id"])
                               for loc in article["result"].get("locations") or []
                               if loc["kind"] in FINE_PLACES for m in loc["mentions"])
        self.starts = [m[0] for m in self.mentions]

    def place_of(self, record: dict) -> str | None:
        if self.kinds.get(record.get("location_id")) in FINE_PLACES:
            return record["location_id"]
        start = record["evidence"]["start"]
        index = bisect.bisect_left(self.starts, start) - 1
        if index < 0:
            return None
        _, end, location_id = self.mentions[index]
        return None if "\n" in self.text[end:start] else location_id


def figures_of(articles: list[dict], actor_ids: dict, location_ids: dict) -> list[Figure]:
    """The figures of every article, in story order, one per distinct statement."""
    figures = []
    for number, article in enumerate(articles):
        seen, scenes = set(), _Scenes(article)
        for record in article["result"].get("casualties") or []:
            location = scenes.place_of(record)
            figure = _figure(number, article["id"], record, actor_ids,
                             location_ids.get((number, location)) if location else None)
            key = _statement(figure)
            if key not in seen:
                seen.add(key)
                figures.append(figure)
    return figures


def _figure(number: int, article_id: str, record: dict, actor_ids: dict,
            place: str | None) -> Figure:
    victims = record.get("victims")
    victim_actor = _story_id(actor_ids, number, victims)
    head = victims_noun((victims or {}).get("text"))
    scope = record.get("scope", "event")
    if scope == "other" and record.get("date"):
        # "In a separate attack, five were killed on Tuesday": another event of the article, but
        # dated to the day, so it is an event of the story that another report may lead with;
        # its date and place keep it apart from the article's own event.
        scope = "event"
    evidence = record["evidence"]["text"]
    undated = bool(_UPDATE.search(evidence) or _TOLD_ON.search(evidence))
    return Figure(
        article=number, article_id=article_id, record=record, scope=scope,
        victims_key=("actor", victim_actor) if victim_actor else head, victims_head=head,
        victim_actor=victim_actor, source_actor=_story_id(actor_ids, number, record.get("source")),
        place=place,
        date=None if undated or scope != "event" else record.get("date"))


def _statement(figure: Figure) -> tuple:
    """What makes two records of one article the same statement."""
    count, source = figure.record["count"], figure.record.get("source")
    said_by = figure.source_actor or fold((source or {}).get("text") or "")
    return (figure.scope, figure.category, count["value"], count["low"], count["high"],
            count["qualifier"], said_by, figure.victims_key)
