"""The weak injury rule: "X was shot" with no stated outcome counts X as injured.

News reports often say only that someone was shot; most of those people survive, so the layer
reads a bare "shot" (and "gunned", a wound, "in critical condition") as injured. The reading is
weak: it gives way whenever the article reports a death that could be the same person.

- "shot dead", "shot to death", "gunned down", "fatally shot" are deaths, not injuries;
- "shot and killed", "shot and died": the death is the record, the "shot" none;
- "shot down" is said of aircraft, not people;
- "shot himself" states no outcome and no victim apart from the shooter: no record;
- "a double shooting" counts everyone shot, the dead too: dropped whenever a death is reported;
- a weak injured record is dropped when a killed record comes from the same sentence, when its
  victims match a killed record's (same actor or head word), or when its count is no larger
  than the article's largest killed count (without coreference, "a man was shot ... he died"
  is one person), unless its victims are set apart from the dead (`_someone_else`);
- the wounded who are being cared for ("were being treated for gunshot wounds") are alive: that
  injury is no weak reading, unless the care ends in a death ("treated ... but died").
"""
from __future__ import annotations

from spacy.tokens import Token

from ..names import fold
from .phrases import coordinated_with, word_at
from .records import Casualty
from .vocabulary import FATALLY, INJURY_NOUNS, REFLEXIVES

_DEATH_LEMMAS = ("kill", "die", "murder", "execute")
_DEATH_FORMS = ("dead", "killed", "died")
_CARE_LEMMAS = ("treat", "hospitalize", "hospitalise", "recover", "nurse")


def shot_category(token: Token) -> str | None:
    """The category of "shot", "stabbed", "beaten", "burned" or "gunned" used as a verb."""
    nxt = word_at(token, 1)
    if nxt == "dead" or (nxt == "to" and word_at(token, 2) == "death"):
        return "killed"
    if token.lower_ == "gunned" and nxt == "down":
        return "killed"
    if any(c.dep_ == "prt" and c.lower_ == "down" for c in token.children):
        return None  # "shot down a plane"; a person is "gunned down"
    if _coordinated_with_death(token):
        return None
    if any(c.dep_ == "dobj" and c.lower_ in REFLEXIVES for c in token.children):
        return None
    if any(c.lower_ in FATALLY for c in token.children):
        return "killed"
    if token.lemma_ == "shoot" or token.lower_ == "gunned":
        return "injured"
    return None  # "stabbed", "beaten" alone: the outcome is unknown


def is_weak(token: Token, category: str) -> bool:
    """An injured reading that a death may override: "shot", a wound or condition noun, unless
    the wounded are being cared for ("seven people were being treated for gunshot wounds": they
    are alive)."""
    return category == "injured" and (token.lemma_ == "shoot" or token.lower_ in (
        "gunned", "condition", "shooting") or token.lower_ in INJURY_NOUNS) \
        and not _cared_for(token)


def _cared_for(token: Token) -> bool:
    """The verb above the harm is one of care, not followed by a death ("treated ... but
    died")."""
    node = token
    for _ in range(3):
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            return node.lemma_.lower() in _CARE_LEMMAS and not any(
                c.dep_ == "conj" and _is_death(c) for c in node.children)
    return False


def _is_death(token: Token) -> bool:
    return token.lemma_.lower() in _DEATH_LEMMAS or token.lower_ in _DEATH_FORMS


def _coordinated_with_death(token: Token) -> bool:
    return any(_is_death(other) for other in coordinated_with(token))


def drop_weak_injuries(records: list[Casualty], weak: set[int], text: str) -> list[Casualty]:
    """`records` without the weak injured ones (ids in `weak`) that may be a reported death."""
    killed = [r for r in records if r.category == "killed" and r.count.value is not None]
    if not killed:
        return records
    most = max(r.count.value for r in killed)
    keys = {_victim_key(r, text) for r in killed}
    sentences = {r.evidence for r in killed}

    def may_be_dead(record: Casualty) -> bool:
        if record.evidence in sentences or record.victims is None:
            return True  # no victims phrase ("a double shooting"): any death may be among them
        if _someone_else(record, text, most):
            return False
        return _victim_key(record, text) in keys or record.count.value <= most

    return [r for r in records
            if not (id(r) in weak and r.count.value is not None and may_be_dead(r))]


def _victim_key(record: Casualty, text: str) -> str | None:
    """The victims' actor, else their head word (the last word of the phrase)."""
    if record.victims is None:
        return None
    if record.victims.actor_id:
        return record.victims.actor_id
    words = fold(text[record.victims.start:record.victims.end]).split()
    return words[-1] if words else None


def _someone_else(record: Casualty, text: str, most_killed: int) -> bool:
    """ "another teen", "a second victim" introduce a new person; "the other man" is the
    remaining member of a set, outside the dead only when a single death was reported (it may
    be the other of two women killed)."""
    if record.victims is None:
        return False
    words = fold(text[record.victims.start:record.victims.end]).split()
    if "another" in words or "second" in words or "third" in words:
        return True
    return "other" in words and most_killed == 1
