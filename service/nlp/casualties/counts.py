"""How many: the count a trigger states, read from the counted noun phrase.

A stated quantity comes first ("at least 15 fighters", "two of the victims", "dozens of
people"); with none, an implicit count: a named person, a singular person noun ("a/one
soldier", "the man", "a 13-year-old") or he/she/another is 1, "both"/"the couple"/"twins" 2,
coordinated singular persons one each. A group is no count: "the crew", and a group's name
("the Taliban": an ORG or NORP entity with "the"). Plural counted nouns must denote people
("three districts" is no record).
"""
from __future__ import annotations

from spacy.tokens import Token

from ..numbers import match_relative
from .patients import injury_holders, is_verb, patients
from .phrases import (
    PEOPLE_ENTS,
    conjuncts,
    is_age_noun,
    is_passive,
    next_token_start,
    person_word,
    phrase,
)
from .partitives import partitive_victims
from .quantities import Found, exact, quantity_at, quantity_before, toll_count
from .triggers import multiplier
from .vocabulary import (
    COLLECTIVE_NOUNS,
    DEATH_NOUNS,
    EXPLICIT_ONLY,
    INJURY_NOUNS,
    MULTIPLIERS,
    NON_PERSON_NOUNS,
    ORDINALS,
    PRONOUN_COUNTS,
    RELATIVE_PRONOUNS,
    VAGUE_HEADS,
)

# Plural nominal triggers that carry their own count ("50 deaths", "12 arrests").
_COUNTED_NOUNS = ("deaths", "fatalities", "killings", "murders", "arrests", "injuries")
_RELATIVE_STARTS = ("half", "twice", "double", "triple", "a", "one", "two", "three")


def find_count(token: Token, category: str, text: str) -> Found | None:
    """The count stated by trigger `token` of `category`, or None (no quantity, not people)."""
    lower = token.lower_
    if category == "killed" and lower in ("toll", "tolls"):
        return toll_count(token, text)
    times = multiplier(token) if not is_verb(token) else None
    if times is not None:
        return _multiplied_count(times)
    if category == "injured" and (lower in INJURY_NOUNS or lower == "condition"):
        return _first_count(injury_holders(token), category, text, implicit=True)
    if category == "killed" and lower in DEATH_NOUNS and not is_verb(token):
        return _first_count(_of_objects(token)[:1], category, text, implicit=True)
    if category == "killed" and lower in ("body", "bodies"):
        return _body_count(token, text)
    if category == "killed" and lower == "victim":
        return count_np(token, category, text, allow_implicit=True)
    if token.lower_ not in ("unaccounted", "missing") and not is_verb(token):
        own = _nominal_own_count(token, category, text)
        if own:
            return own
    implicit = category not in EXPLICIT_ONLY and not _active_hurt(token)
    return _first_count(patients(token), category, text, implicit=implicit)


def _active_hurt(token: Token) -> bool:
    """ "the defeat hurt him", "the price rise hurt the mayor": active "hurt" is mostly
    figurative, so it needs a stated number ("the blast hurt 8 workers"); "he was hurt" counts
    as ever."""
    return token.lemma_ == "hurt" and is_verb(token) and not is_passive(token)


def _multiplied_count(times: Token) -> Found:
    """ "a double shooting": 2, stated by the multiplier, which names no victims."""
    n = MULTIPLIERS[times.lower_]
    found = exact(n, (times.idx, times.idx + len(times.text)))
    found.victims = None
    return found


def _first_count(candidates: list[Token], category: str, text: str,
                 implicit: bool) -> Found | None:
    for candidate in candidates:
        found = count_np(candidate, category, text, allow_implicit=implicit)
        if found:
            return found
    return None


def _of_objects(token: Token) -> list[Token]:
    """The objects of `token`'s "of" phrase ("the death of two guards")."""
    for c in token.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            return [g for g in c.children if g.dep_ == "pobj"]
    return []


def _nominal_own_count(token: Token, category: str, text: str) -> Found | None:
    """ "24 dead", "50 deaths", "15 missing": a number on the nominal trigger itself."""
    own = quantity_before(token, text)
    if own:
        return own
    if (token.pos_ in ("NOUN", "PROPN") and category != "killed") or \
            token.lower_ in _COUNTED_NOUNS:
        return count_np(token, category, text, allow_implicit=False)
    return None


def _body_count(token: Token, text: str) -> Found | None:
    """ "12 bodies", "a man's body", "the bodies of 12 migrants"."""
    own = quantity_before(token, text)
    if own:
        return own
    for c in token.children:
        if c.dep_ == "poss" and c.pos_ != "PRON":
            return count_np(c, "killed", text, allow_implicit=True)
        if c.dep_ == "prep" and c.lower_ == "of":
            return _first_count([g for g in c.children if g.dep_ == "pobj"][:1], "killed",
                                text, implicit=True)
    return None


def count_np(head: Token, category: str, text: str, allow_implicit: bool) -> Found | None:
    """The count of the noun phrase headed by `head` (and its victims span)."""
    of_obj = next(iter(_of_objects(head)), None)  # "two of the victims", "dozens of people"
    if head.lower_ in RELATIVE_PRONOUNS:
        head = _antecedent(head)
        if head is None:
            return None
    if head.pos_ == "PRON" and head.lower_ not in ("others", "one"):
        return _pronoun_count(head) if allow_implicit else None
    found = _stated_count(head, of_obj, text)
    if found is None and allow_implicit:
        found = _implicit_count(head)
    if found:
        found.head = head
    return found or None


def _antecedent(pronoun: Token) -> Token | None:
    """ "the man who was killed", "a man whom police shot": the noun the clause modifies."""
    clause = pronoun.head
    for _ in range(4):
        if clause.dep_ != "conj":
            break
        clause = clause.head
    if clause.dep_ != "relcl" or clause.head.lower_ in RELATIVE_PRONOUNS:
        return None
    head = clause.head
    # "the founder of Acme Holdings, who died": the clause describes the person, though the
    # parser hangs it on the nearer organisation or place.
    if head.ent_type_ in ("ORG", "GPE", "FAC", "LOC") and head.dep_ == "pobj" and \
            head.head.lower_ == "of" and person_word(head.head.head):
        return head.head.head
    return head


def _pronoun_count(head: Token) -> Found | None:
    n = PRONOUN_COUNTS.get(head.lower_)
    if n is None:
        return None
    return exact(n, (head.idx, head.idx + len(head.text)), len(head.text))


def _stated_count(head: Token, of_obj: Token | None, text: str) -> Found | bool | None:
    """A quantity inside the phrase, before or at the head. None when there is none; False when
    there is one but the phrase is no count of people (or a relative figure, read from tolls)."""
    doc = head.doc
    end_char = head.idx + len(head.text)
    for tok in doc[head.left_edge.i:head.i + 1]:
        if tok.dep_ == "poss" or tok.tag_ == "POS":
            continue
        if tok.lower_ in _RELATIVE_STARTS and match_relative(text[tok.idx:end_char + 1]):
            return False
        found = quantity_at(tok, end_char, text)
        if not found:
            continue
        q, s, e = found
        if e < end_char:
            # "15 [fighters]", "20 [members of the Halvar Front]" (linked to the group)
            victims = (next_token_start(doc, e), _of_tail_end(head, end_char))
        elif of_obj is not None:
            victims = partitive_victims(of_obj, text)  # "two of the five [hostages]"
        else:
            victims = (s, e)  # "thousands fled": the figure is all the text says of them
        if not _people(head, of_obj):
            return False
        more = head.lower_ == "more" or doc[min(head.i + 1, len(doc) - 1)].lower_ == "more"
        return Found(q, (s, e), victims, more=more)
    return None


def _of_tail_end(head: Token, end_char: int) -> int:
    """The end of the phrase with a short "of" tail ("members of the group"), else `end_char`."""
    if any(c.dep_ == "prep" and c.lower_ == "of" for c in head.children):
        return max(end_char, phrase(head)[1])
    return end_char


def _people(head: Token, of_obj: Token | None) -> bool:
    """The counted thing is people (or the number stands alone: "15 were killed")."""
    if head.pos_ == "NUM" or head.like_num or head.lower_ in VAGUE_HEADS:
        return of_obj is None or person_word(of_obj) or of_obj.pos_ == "PRON" or \
            of_obj.ent_type_ in PEOPLE_ENTS
    if head.ent_type_ in PEOPLE_ENTS:
        return head.lower_ not in NON_PERSON_NOUNS
    return head.pos_ == "PROPN" or person_word(head)


def _implicit_count(head: Token) -> Found | None:
    """A count the phrase implies without a number."""
    dets = [c for c in head.children if c.dep_ in ("det", "predet", "poss", "nummod")]
    span = phrase(head)
    if any(d.lower_ == "both" for d in dets) and head.tag_ in ("NNS", "NNPS"):
        return exact(2, span)
    if head.lower_ in ("couple", "twins") and head.tag_ != "NNP":
        return exact(2, span)
    people = conjuncts(head)
    if len(people) > 1:
        return _coordinated_persons(people, span)
    if head.lower_ in ORDINALS and any(d.lower_ in ("a", "an") for d in dets):
        return exact(1, span)  # "a second was injured"
    if head.ent_type_ == "PERSON" and head.tag_ in ("NNP", "NN"):
        return exact(1, span)
    if _bare_name(head, dets):
        return exact(1, span)
    if _group(head, dets):
        return None
    if head.tag_ in ("NN", "NNP") and person_word(head) or is_age_noun(head):
        return exact(1, span)
    return None


def _bare_name(head: Token, dets: list[Token]) -> bool:
    """A proper noun with no article as the one harmed ("Voss was shot and killed") names a
    person, whatever label the model gave it: groups and places take "the" or are no patients
    of these verbs. Place labels are kept apart ("Kabul was hit")."""
    return head.tag_ == "NNP" and not dets and head.ent_type_ in ("", "ORG", "PERSON") and \
        head.is_title


def _coordinated_persons(people: list[Token], span: tuple[int, int]) -> Found | None:
    """ "an officer and a bystander were injured": one per coordinated singular person."""
    if not all(c.tag_ in ("NN", "NNP") and (c.ent_type_ == "PERSON" or person_word(c))
               for c in people):
        return None
    whole = (span[0], phrase(people[-1])[1])
    return exact(len(people), whole)


def _group(head: Token, dets: list[Token]) -> bool:
    """A singular noun for a group of people ("the crew"), or a group's name: an organisation or
    nationality entity with "the" ("the Taliban", "the Halvar Front"), since a person's name
    takes no article ("Fabian was killed" is one person, so is "an Afghan")."""
    if head.lower_ in COLLECTIVE_NOUNS:
        return True
    return head.ent_type_ in ("ORG", "NORP") and any(d.lower_ == "the" for d in dets)
