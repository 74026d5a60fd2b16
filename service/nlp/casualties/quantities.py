"""Figures in the parse: a quantity starting at a token (never a date, an age, money or a
percentage), the figure before a nominal trigger ("24 dead") and after a toll ("the death toll
rose to 273")."""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Token

from ..article.dates import MONTHS
from ..numbers import Quantity, match_quantity, match_relative, parse_quantity
from .phrases import phrase
from .vocabulary import (AGE_FOLLOWERS, BAD_NUMBER_ENTS, MEASURE_UNITS, NAME_NUMBER_ENTS,
                         TOLL_FIGURE_STARTS)

_CURRENCY = ("$", "£", "€")
# A unit right after the number; "(?![a-z])" so that "3 footballers" is no measure while a
# headline run into its body ("falls 40 feetA gunman...") still is.
_MEASURE = re.compile(r"[\s-]?(?i:%s)(?![a-z])" % "|".join(
    re.escape(u) for u in sorted(MEASURE_UNITS, key=len, reverse=True)))
_YEAR_PRECEDERS = frozenset({"in", "since", "of", "until", "by", "from", "to", "before", "after",
                             "during", ","})


@dataclass
class Found:
    """A count read from a sentence, before it becomes a record (offsets in characters)."""
    quantity: Quantity
    count_span: tuple[int, int]
    victims: tuple[int, int] | None
    more: bool = False  # "two dozen more": the victims of the previous record
    relative: float | None = None  # "half that number": a factor of an earlier figure
    head: Token | None = None  # the head of the counted phrase, for coordinated counts


def exact(n: int, span: tuple[int, int], length: int = 0) -> Found:
    """An implicit count ("a soldier", "both"): `span` is both the count and the victims."""
    return Found(Quantity(n, n, n, "exact", length), span, span)


def quantity_at(tok: Token, limit: int, text: str) -> tuple[Quantity, int, int] | None:
    """A quantity starting at `tok` and ending at or before `limit` (a character offset), with
    its start and end offsets."""
    if bad_entity(tok) or tok.is_punct or tok.is_space:
        return None
    if "/" in tok.text:
        return None  # a date or a fraction ("3/4", "24/7", "1/2"), not a count of people
    if tok.text.isdigit() and tok.dep_ in ("appos", "amod", "npadvmod") and _after_comma(tok):
        return None  # "Smith, 41, was killed": an age, in figures as news style writes ages
    q = match_quantity(text[tok.idx:limit])
    if q is None:
        return None
    end = tok.idx + q.length
    if _parenthetical_age(tok, q, text, end):
        return None
    if text[end:end + 8].lower().startswith(AGE_FOLLOWERS):
        return None  # "a 13-year-old"
    if _money_or_date_inside(tok, end):
        return None
    if _MEASURE.match(text[end:end + 12]) or _year(tok, text, end) or _in_name(tok):
        return None
    if text[end:end + 1] in ("%", "$") or text[tok.idx - 1:tok.idx] in (*_CURRENCY, "#"):
        return None
    return q, tok.idx, end


def _after_comma(tok: Token) -> bool:
    return tok.i > 0 and tok.doc[tok.i - 1].text == ","


def _parenthetical_age(tok: Token, q: Quantity, text: str, end: int) -> bool:
    """ "the victim, 19, died": a bare number between commas after a noun."""
    if not (_after_comma(tok) and text[end:end + 1] == "," and q.qualifier == "exact" and
            tok.like_num and tok.i > 1):
        return False
    # A headline's "Boy, 9, shot" tags the noun as anything (an interjection): any word will do
    # but one that would make the number a count ("said, 9, ...", "and, 9, ...").
    before = tok.doc[tok.i - 2]
    return before.is_alpha and before.pos_ not in ("VERB", "AUX", "ADP", "DET", "CCONJ", "SCONJ")


def _year(tok: Token, text: str, end: int) -> bool:
    """ "(March 3, 2019)--One man": a year the model did not tag as a date. A four-digit
    number from 1800 to 2099 is a year unless it counts the word after it ("2000 people")."""
    digits = text[tok.idx:end]
    if not (len(digits) == 4 and digits.isdigit() and 1800 <= int(digits) <= 2099):
        return False
    before = tok.doc[tok.i - 1].lower_ if tok.i else ""
    if before in _YEAR_PRECEDERS or before in MONTHS:
        return True
    after = text[end:end + 3]
    return not (after[:1].isspace() and after.lstrip()[:1].islower())


def _in_name(tok: Token) -> bool:
    """ "KRDX 9 Valley News", "Route 66 Diner": a number inside a name, or between two proper nouns."""
    if tok.ent_type_ in NAME_NUMBER_ENTS:
        return True
    doc = tok.doc
    return (0 < tok.i < len(doc) - 1 and doc[tok.i - 1].pos_ == "PROPN" and
            doc[tok.i + 1].pos_ == "PROPN" and not doc[tok.i - 1].whitespace_ == "" and
            doc[tok.i - 1].is_alpha and doc[tok.i + 1].is_alpha)


def _money_or_date_inside(tok: Token, end: int) -> bool:
    """The last words of the quantity must not be in a bad entity either (a year, "$5
    million")."""
    for t in tok.doc[tok.i:]:
        if t.idx >= end:
            return False
        if bad_entity(t) or t.text in (*_CURRENCY, "%"):
            return True
    return False


def bad_entity(tok: Token) -> bool:
    """Inside a date, time, money, percent, measure or ordinal: never a count of people. A
    "DATE" that is only a quantity ("Between 10 and 20", a tagger slip) is not a date."""
    if tok.ent_type_ not in BAD_NUMBER_ENTS:
        return False
    if tok.ent_type_ == "DATE":
        ent = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)
        if ent is not None and parse_quantity(ent.text) is not None and not any(
                t.shape_ == "dddd" for t in ent):
            return False
    return True


def quantity_before(token: Token, text: str) -> Found | None:
    """ "24 dead", "at least 15 missing": a quantity immediately before a nominal trigger."""
    doc = token.doc
    nums = [c for c in token.children if c.dep_ == "nummod" and c.i < token.i]
    if nums:
        first = nums[0]
    else:
        prev = doc[token.i - 1] if token.i > 0 else None
        if prev is None or not (prev.like_num or prev.lower_ in (
                "dozens", "hundreds", "thousands", "scores", "several", "dozen")):
            return None
        first = prev
    limit = doc[token.i - 1].idx + len(doc[token.i - 1].text)
    for i in range(first.left_edge.i, token.i):
        found = quantity_at(doc[i], limit, text)
        if found:
            q, s, e = found
            return Found(q, (s, e), None)
    return None


# Prepositions of a toll's own phrase that give its figure ("a toll of 15", "the toll at 40").
_TOLL_FIGURE_PREPOSITIONS = frozenset({"of", "at", "to", "above", "past", "near", "over"})


def _toll_figure_candidates(toll: Token, sent):
    """The toll's figure phrases, then the dozen tokens after its phrase: the rest of the toll's
    phrase ("from the magnitude 6.8 quake that struck on Friday") holds no figure of it."""
    doc = toll.doc
    for child in toll.children:
        if child.i > toll.i and (child.dep_ in ("nummod", "appos") or (
                child.dep_ == "prep" and child.lower_ in _TOLL_FIGURE_PREPOSITIONS)):
            yield from child.subtree
    after = max(toll.i, toll.right_edge.i) + 1
    yield from doc[after:min(sent.end, after + 12)]


def toll_count(token: Token, text: str) -> Found | None:
    """ "the death toll rose to 273", "a toll of 15", "put the toll at half that number": the
    first figure in the toll's own "of"/"at" phrase or within a dozen tokens after its phrase,
    in the same clause."""
    sent = token.sent
    victims = None
    for c in token.children:
        if c.dep_ == "poss":
            victims = phrase(c)  # "the militants' death toll"
    for tok in _toll_figure_candidates(token, sent):
        if tok.is_punct and tok.text in (".", ";", ":") or tok.dep_ == "mark" \
                or tok.lower_ == "but":
            break  # "the toll could rise because several ...": another clause's number
        rel = match_relative(text[tok.idx:sent.end_char])
        if rel:
            factor, length = rel
            q = Quantity(None, None, None, "exact", length)
            return Found(q, (tok.idx, tok.idx + length), victims, relative=factor)
        if not (tok.like_num or tok.lower_ in TOLL_FIGURE_STARTS):
            continue
        found = quantity_at(tok, sent.end_char, text)
        if found:
            q, s, e = found
            return Found(q, (s, e), victims)
    return None
