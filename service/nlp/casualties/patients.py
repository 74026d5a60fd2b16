"""Who a trigger counts: the noun phrases that may hold the casualties' number, in the order to
try them.

- intransitive deaths and flights, "missing": the subject ("two died", "12 drowned", "15 are
  missing");
- passive verbs: the passive subject ("15 fighters were killed"), the noun a participle
  modifies ("the 15 people killed"), the subject shared through coordination ("were shot and
  killed") or of the clause an "after being shot" modifies;
- active verbs: the object ("killed as many as 30 rebels"), also on a coordinated verb;
- adjectives: the noun they modify ("3 injured people") or the subject they describe ("two
  people are dead");
- wounds and conditions: the person described ("a man with a gunshot wound"), the object of the
  verb the phrase sits on ("left him in critical condition"), else the verb's subject.
"""
from __future__ import annotations

from spacy.tokens import Token

from .phrases import headline_victim, inherited, is_passive, subjects
from .triggers import governor
from .vocabulary import (
    ADJ_CATEGORY,
    BODY_VERBS,
    CAPTIVE_NOUNS,
    ELLIPTIC_PASSIVES,
    HARM_PARTICIPLES,
)

_NOMINALS = ("NOUN", "PROPN", "NUM", "PRON")


def is_verb(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB")


def patients(token: Token) -> list[Token]:
    """The candidate counted noun phrases of a verb or adjective trigger."""
    if token.lower_ in ("dies", "died"):
        found = _intransitive_patients(token) if is_verb(token) else []
        victim = None if found else headline_victim(token)
        return [victim] if victim is not None else found
    if token.lower_ in ("unaccounted", "missing") or (
            token.lemma_ in ("die", "drown", "flee", "lose") and is_verb(token)
            and not is_passive(token) and not (token.lemma_ == "drown" and any(
                c.dep_ in ("dobj", "obj") for c in token.children))):
        return _intransitive_patients(token)
    if is_verb(token) and is_passive(token):
        return _passive_patients(token)
    if is_verb(token):
        return _active_patients(token)
    return _adjective_patients(token)


def _intransitive_patients(token: Token) -> list[Token]:
    found = subjects(token)
    if not found and token.dep_ in ("acomp", "oprd", "attr", "xcomp"):
        # "forcing thousands to flee": the object of the verb above; "are feared dead",
        # "remain missing": its subject.
        found = [c for c in token.head.children if c.dep_ in ("dobj", "obj")] or \
            subjects(token.head)
    return found


def _passive_patients(token: Token) -> list[Token]:
    found = [c for c in token.children if c.dep_ == "nsubjpass"]
    if token.dep_ in ("acl", "amod") and token.head.pos_ in _NOMINALS:
        found.append(_harmed_noun(token.head))
    if token.dep_ == "relcl":
        found.append(token.head)
    if found:
        return found
    found = [c for c in token.children if c.dep_ == "nsubj"]
    if not found and token.dep_ == "conj":
        found = inherited(token, ("nsubjpass", "nsubj"))
    if not found and (token.dep_ == "oprd" or (token.dep_ == "advcl"
                                               and token.head.lemma_ == "leave")):
        # "left three soldiers wounded": an object predicate describes the verb's object (a
        # smaller parser hangs it on "left" as an adverbial clause).
        found = [c for c in token.head.children if c.dep_ in ("dobj", "obj")]
    if not found and token.dep_ in ("acomp", "oprd", "attr"):
        found = subjects(token.head)
    if not found and token.dep_ in ("advcl", "xcomp", "ccomp") and token.tag_ == "VBN":
        found = [c for c in token.head.children if c.dep_ == "nsubjpass"]
    if not found and token.dep_ in ("pcomp", "advcl") and any(
            c.dep_ == "auxpass" for c in token.children):
        found = _modified_clause_subjects(token)
    return found


def _harmed_noun(head: Token) -> Token:
    """ "Woman shot, killed in ...": a headline's harm participle tagged as a noun ("shot") with
    the victim as its compound; the victim is the one the next participle describes."""
    if head.lower_ in HARM_PARTICIPLES and head.pos_ == "NOUN":
        victims = [c for c in head.children if c.dep_ == "compound" and c.pos_ in _NOMINALS]
        if victims:
            return victims[-1]
    return head


def _modified_clause_subjects(token: Token) -> list[Token]:
    """ "A man is recovering after being shot": the subject of the clause it modifies."""
    node = token.head
    for _ in range(3):
        if node.pos_ in ("VERB", "AUX"):
            return [c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")]
        node = node.head
    return []


def _active_patients(token: Token) -> list[Token]:
    found = [c for c in token.children if c.dep_ in ("dobj", "obj")]
    if not found:
        # "shot and killed two people": the object may hang on the coordinated verb.
        coordinated = [c for c in token.children if c.dep_ == "conj"]
        found = [c for c in coordinated if c.pos_ in ("NOUN", "NUM")]
        for conj in coordinated:
            found += [c for c in conj.children if c.dep_ == "dobj"]
    if not found and token.tag_ in ("VBN", "VBD") and token.lemma_ in ELLIPTIC_PASSIVES:
        # "12 were killed and 20 others wounded": a counted subject and no object is a passive
        # whose auxiliary the coordination left out.
        found = [c for c in token.children if c.dep_ == "nsubj" and _counted(c)]
    if not found and token.dep_ in ("ccomp", "xcomp", "oprd") and \
            token.head.lemma_.lower() in BODY_VERBS:
        # "found a man shot to death": the participle, parsed as a verb with the man as its
        # subject, describes the one found.
        found = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
    if token.lemma_ in ("take", "hold"):
        # "took four tourists hostage": "hostage" is the predicate, not the people.
        found = [c for c in found if c.lower_ not in CAPTIVE_NOUNS] or [
            c for c in token.children if c.dep_ == "nsubjpass"]
    return found


def _counted(noun: Token) -> bool:
    return noun.like_num or any(c.dep_ == "nummod" for c in noun.children)


def _adjective_patients(token: Token) -> list[Token]:
    found = []
    if token.dep_ == "amod" and token.head.pos_ in ("NOUN", "PROPN", "NUM"):
        found.append(token.head)  # "3 injured people", "9 dead and 30 more wounded"
    if token.dep_ in ("acomp", "oprd", "attr", "ccomp", "xcomp", "advcl") and \
            token.lower_ in ADJ_CATEGORY:
        objects = [c for c in token.head.children if c.dep_ == "dobj"]
        # "left 11 people dead", "found two men dead": an object predicate describes the object.
        own = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
        if token.dep_ == "oprd" and objects:
            found += objects
        elif own and token.head.lemma_.lower() in BODY_VERBS:
            found += own  # "found a man and a woman dead", parsed as a clause of its own
        else:
            found += subjects(token.head) or objects
    return found


def injury_holders(token: Token) -> list[Token]:
    """Who has the wound or is in the condition that `token` names."""
    holder = governor(token)
    if holder is None:
        return []
    if holder.pos_ in ("NOUN", "PROPN"):
        return [holder]
    # A wound or condition in a phrase on the verb describes the verb's object: "found a man
    # with a gunshot wound", "left him in critical condition".
    if token.head.dep_ == "prep" and token.head.head.i == holder.i:
        return [c for c in holder.children if c.dep_ == "dobj"] + subjects(holder)
    return subjects(holder)
