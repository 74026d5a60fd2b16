"""Coordinated counts: one trigger, several counted phrases.

"At least 23 pupils and four teachers were killed" states two counts (23, 4); "11 soldiers and a
police officer" too (11, 1). A total set out beside its parts ("12 people, 11 soldiers and a
police officer") is the total plus the parts, each part marked as a part of the total: the first
phrase is followed by a comma (not "and") and the phrases after it add up to it. Counted
phrases after "including" ("45 people, including 12 children") are parts of the total too, and
so are the counts after the trigger's comma that say "of them" ("46 people were wounded, 11 of
them children", "among them eight children"). A
phrase with a trigger of its own ("nine people dead and 30 more wounded") is that trigger's
count, not this one's.
"""
from __future__ import annotations

import itertools
import re

from spacy.tokens import Token

from ..numbers import match_quantity
from .phrases import conjuncts
from .quantities import Found
from .triggers import trigger_category


def coordinated(found: Found, count_np, category: str, text: str) -> list[tuple[Found, bool]]:
    """The further counts coordinated with the phrase `found` was read from, each with whether it
    is a part of `found` (a total). `count_np(head, category, text, allow_implicit)` reads one
    phrase."""
    if found.head is None or found.relative is not None:
        return []
    included = _included(found, count_np, category, text) + _of_them(found, text)
    return _listed(found, count_np, category, text) + [(extra, True) for extra in included]


# After the comma: "among them" before the part's count, "of them/whom (were)" after it.
_AFTER_COMMA = re.compile(r",\s*(among them\s+)?")
_OF_THEM = re.compile(r" of (?:them|whom) (?:(?:were|are|was) )?")


def _of_them(found: Found, text: str) -> list[Found]:
    """The part stated after the comma that closes the total's clause: "46 people were
    wounded, 11 of them children", "among them eight children", "four of whom were women"."""
    value = found.quantity.value if found.quantity.value is not None else found.quantity.low
    end = found.head.sent.end_char
    comma = text.find(",", found.head.idx, end)
    if value is None or comma < 0:
        return []
    opening = _AFTER_COMMA.match(text, comma, end)
    quantity = match_quantity(text[opening.end():end])
    if quantity is None or quantity.value is None or not 0 < quantity.value < value:
        return []
    count = (opening.end(), opening.end() + quantity.length)
    noun_at = count[1]
    if not opening.group(1):
        of_them = _OF_THEM.match(text, count[1], end)
        if of_them is None:
            return []
        noun_at = of_them.end()
    noun = _noun_at(text, noun_at, end)
    return [Found(quantity, count, noun)] if noun else []


def _noun_at(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The lower-case word at `start` (after spaces and an article): "children" of "a children"
    is "children". Read by hand, as a pattern would rescan long runs of letters."""
    words = text[start:min(end, start + 60)].split()
    if words and words[0] in ("a", "an") and len(words) > 1:
        words = words[1:]
    if not words:
        return None
    word = "".join(itertools.takewhile(str.isalpha, words[0]))
    if not word or not word.islower():
        return None
    at = text.index(word, start)
    return at, at + len(word)


def _included(found: Found, count_np, category: str, text: str) -> list[Found]:
    """ "45 people, including 12 children and three women": counted parts of the total."""
    value = found.quantity.value if found.quantity.value is not None else found.quantity.low
    parts = []
    for prep in found.head.children:
        if prep.dep_ == "prep" and prep.lower_ == "including":
            for head in (h for pobj in prep.children if pobj.dep_ == "pobj"
                         for h in conjuncts(pobj)):
                extra = count_np(head, category, text, allow_implicit=False)
                if extra is not None and extra.quantity.value is not None and \
                        value is not None and extra.quantity.value < value:
                    parts.append(extra)
    return parts


def _listed(found: Found, count_np, category: str, text: str) -> list[tuple[Found, bool]]:
    listed = _listed_after(found.head)
    others = []
    for conj in listed:
        if found.count_span[0] <= conj.idx < found.count_span[1]:
            return []  # "an officer and a bystander": already counted together
        if _own_trigger(conj, category):
            break
        extra = count_np(conj, category, text, allow_implicit=True)
        if extra is None or extra.quantity.value is None and extra.quantity.low is None:
            break
        others.append(extra)
    if not others:
        return []
    parts = _is_total(found, others, found.head, listed[0])
    return [(extra, parts) for extra in others]


def _own_trigger(phrase_head: Token, category: str) -> bool:
    """ "30 more wounded" beside "nine dead": a modifier of another category."""
    return any(c.dep_ in ("amod", "acl") and trigger_category(c) not in (None, category)
               for c in phrase_head.children)


def _listed_after(head: Token) -> list[Token]:
    """The phrases coordinated with `head`, or set beside it as an apposition ("15 people, 13
    soldiers and two officers" parses either way)."""
    listed = conjuncts(head)[1:]
    if listed:
        return listed
    beside = next((c for c in head.children if c.dep_ == "appos" and c.pos_ == "NOUN"), None)
    # Only numbers beside numbers: "John Reyes, a carpenter" is one person described twice.
    if beside is None or not (_numbered(head) and _numbered(beside)):
        return []
    return conjuncts(beside)


def _numbered(head: Token) -> bool:
    return any(t.like_num for t in head.doc[head.left_edge.i:head.i])


def _is_total(found: Found, others: list[Found], head: Token, first: Token) -> bool:
    """ "Twelve people, 11 soldiers and a police officer": a comma after the first phrase and
    the rest adding up to it."""
    value = found.quantity.value
    if value is None or any(o.quantity.value is None for o in others):
        return False
    between = head.doc[head.i + 1:first.left_edge.i]
    if not any(t.text == "," for t in between) or any(t.dep_ == "cc" for t in between):
        return False
    return sum(o.quantity.value for o in others) == value
