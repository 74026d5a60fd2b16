"""Compound place names kept whole: a place mention is extended over "and", "of" or "of the"
and the capitalised words beyond it when the whole is one gazetteer name of a country, a
division or a region ("Jammu and Kashmir", "Bosnia and Herzegovina", "Democratic Republic of the
Congo"). Two names joined by "and" stay two places unless the gazetteer has the whole
("Iraq and Syria")."""
from __future__ import annotations

import re

from ..gazetteer.placenames import normalize

_JOINER = r"(?:and|&|of the|of)"
# Bounded repeats: the patterns run in a window of _REACH characters, and stay linear anywhere.
_WORD = r"[A-Z][\w'’-]{0,30}"
_GAP = r"[ \t]{1,3}"
_RIGHT = re.compile(rf"{_GAP}{_JOINER}{_GAP}({_WORD}(?:{_GAP}{_WORD}){{0,2}})")
_LEFT = re.compile(rf"({_WORD}(?:{_GAP}{_WORD}){{0,2}}){_GAP}{_JOINER}{_GAP}$")
_WHOLE_KINDS = frozenset({"country", "admin1", "admin2", "region"})
_REACH = 60  # characters either side: three words and a joiner


def join_compound_places(text: str, mentions: list, gaz, make) -> list:
    """`mentions` with each place extended to the compound name it is part of, and the mentions
    overlapping a compound dropped (`make(start, end, role, label)` builds a mention)."""
    if gaz is None:
        return mentions
    joined = []
    for m in mentions:
        if m.role != "place":
            continue
        span = _compound(text, m.start, m.end, gaz)
        if span != (m.start, m.end):
            joined.append(make(span[0], span[1], "place", m.label))
    if not joined:
        return mentions
    kept = [m for m in mentions if not any(j.start < m.end and m.start < j.end for j in joined)]
    unique = {(j.start, j.end): j for j in joined}
    return sorted(kept + list(unique.values()), key=lambda m: m.start)


def _compound(text: str, start: int, end: int, gaz) -> tuple[int, int]:
    """The longest compound around [start, end) that the gazetteer names as a whole."""
    best = (start, end)
    right = _RIGHT.match(text, end, min(len(text), end + _REACH))
    ends = [end]
    if right:
        words = list(re.finditer(r"\S+", right.group(1)))
        ends += [right.start(1) + w.end() for w in words]
    left = _LEFT.search(text, max(0, start - _REACH), start)
    starts = [start]
    if left:
        words = list(re.finditer(r"\S+", left.group(1)))
        starts += [left.start(1) + w.start() for w in words]
    for a in starts:
        for b in ends:
            if (a, b) != (start, end) and b - a > best[1] - best[0] and _whole_name(
                    gaz, text[a:b]):
                best = (a, b)
    return best


def _whole_name(gaz, name: str) -> bool:
    return any(gaz.kind_of(row) in _WHOLE_KINDS for row, _ in gaz.exact(normalize(name)))
