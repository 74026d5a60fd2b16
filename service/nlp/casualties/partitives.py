"""Partitives and populations: "at least 150 of the village's 1,800 residents" counts 150.

The phrase after "of" names the population the count is taken from; its own number (1,800) and
possessor ("the village's") are not the victims. The victims are the rest of the phrase:
"residents", "hostages", "the militants" (a phrase without a number keeps its determiner).
"""
from __future__ import annotations

from spacy.tokens import Token

from .phrases import phrase


def partitive_victims(of_obj: Token, text: str) -> tuple[int, int]:
    """The victims of "N of [the population]": the phrase without its number and possessor."""
    start, end = phrase(of_obj)
    doc = of_obj.doc
    cut = None
    for tok in doc[of_obj.left_edge.i:of_obj.i]:
        if tok.like_num or tok.dep_ in ("poss", "case") or tok.tag_ == "POS":
            cut = tok
    if cut is not None:
        start = doc[cut.i + 1].idx
    return start, end
