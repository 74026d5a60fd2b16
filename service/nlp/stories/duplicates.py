"""Near-duplicate articles: syndicated wire copy republished by several outlets.

Each text is reduced to its set of word 5-grams (shingles, hashed). Two articles are copies when
most of the shorter one's shingles are in the longer one (containment >= 0.7): a copy with a new
headline, a trimmed ending or a local paragraph added still counts, while two reports written
separately share only quotes and names (containment well under 0.3). Texts too short for
shingles are copies when their words are the same.
"""
from __future__ import annotations

import re

SHINGLE_WORDS = 5
CONTAINMENT = 0.7
# Fewer shingles than this and a shared sentence or two would decide: compare words instead.
MIN_SHINGLES = 8
_WORD = re.compile(r"\w+")


def shingles(text: str) -> frozenset[int]:
    words = _WORD.findall(text.casefold())
    return frozenset(hash(tuple(words[i:i + SHINGLE_WORDS]))
                     for i in range(len(words) - SHINGLE_WORDS + 1))


def _copies(a: frozenset, b: frozenset, words_a: tuple, words_b: tuple) -> bool:
    if min(len(a), len(b)) < MIN_SHINGLES:
        return bool(words_a) and words_a == words_b
    return len(a & b) / min(len(a), len(b)) >= CONTAINMENT


def find_duplicates(ids: list[str], texts: list[str]) -> list[list[str]]:
    """Groups of ids (two or more, in request order) whose texts are copies of one another."""
    sets = [shingles(text) for text in texts]
    short = [tuple(_WORD.findall(t.casefold())) if len(s) < MIN_SHINGLES else ()
             for t, s in zip(texts, sets)]
    parent = list(range(len(texts)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(texts)):
        for j in range(i + 1, len(texts)):
            if root(i) != root(j) and _copies(sets[i], sets[j], short[i], short[j]):
                parent[root(j)] = root(i)
    groups: dict[int, list[str]] = {}
    for i, article_id in enumerate(ids):
        groups.setdefault(root(i), []).append(article_id)
    return [members for members in groups.values() if len(members) > 1]
