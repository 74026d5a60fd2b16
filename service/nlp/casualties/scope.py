"""Which toll a record states: the event the article reports, another event, or a running total.

Articles mix the event's toll with background ("more than 40,000 have been killed since the war
began", "the 2003 quake killed 26,000"). A reader and the cross-article ledger must tell them
apart, so every record gets a `scope`:

- `cumulative`: a total over a period ("since the war began", "this year", "to date",
  "in the past two years");
- `other`: another event, dated by a bare year or month and year ("the 2003 quake", "in December
  2012", "in 2007, when 28 were killed"), long ago ("died 40 years ago") or set apart by its words
  ("a previous attack", "another shooting");
- `event`: everything else.

The words read are those of the trigger's clause (the verb it hangs on and that verb's subtree,
without nested clauses of their own) plus, for "when/where" clauses, the phrase they modify.
"""
from __future__ import annotations

import re

from spacy.tokens import Token

SCOPES = ("event", "other", "cumulative")

# Words that make a figure a running total.
# ("in total", "overall", "so far" and "the tally" also state one event's toll: not listed.)
_CUMULATIVE_WORDS = frozenset({"since", "cumulative", "annually"})
_CUMULATIVE_PHRASES = (("to", "date"), ("this", "year"), ("this", "month"),
                       ("this", "decade"), ("each", "year"), ("every", "year"), ("a", "year"),
                       ("per", "year"))
_LONG_PERIODS = frozenset({"years", "months", "decades", "decade", "centuries"})
# Words that set an event apart from the one the article reports.
_OTHER_WORDS = frozenset({"previous", "earlier", "prior", "last", "similar", "separate", "another"})
_OTHER_HEADS = frozenset({"attack", "attacks", "shooting", "shootings", "bombing", "quake",
                          "earthquake", "war", "massacre", "rampage", "incident", "crash",
                          "flood", "floods", "storm", "tsunami", "fire", "riots", "year"})
_FIRSTS = frozenset({"first", "worst", "deadliest", "largest", "biggest", "bloodiest"})
_NESTED = ("advcl", "relcl", "ccomp", "parataxis", "acl", "conj")
_YEAR = re.compile(r"^(1[89]\d\d|20\d\d)s?$")
_DAY = re.compile(r"^\d{1,2}(st|nd|rd|th)?$")


def scope_of(trigger: Token) -> str:
    """The scope of the casualty that `trigger` states."""
    words, antecedent = _clause_words(trigger)
    if _cumulative(words):
        return "cumulative"
    if _dated_elsewhere(words, antecedent) or _set_apart(words) or _long_ago(words):
        return "other"
    return "event"


def _clause_words(trigger: Token) -> tuple[list[Token], Token | None]:
    """The words of the trigger's clause, and the phrase a "when/where" clause modifies."""
    verb = trigger
    for _ in range(4):
        if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
            break
        verb = verb.head
    words = _own_subtree(verb)
    antecedent = None
    if verb.dep_ in ("relcl", "advcl") and any(
            c.lower_ in ("when", "where") for c in verb.children):
        antecedent = verb.head
        words += _own_subtree(antecedent, skip=verb)  # "since 2007, when 28 were killed"
    return sorted(words, key=lambda t: t.i), antecedent


def _own_subtree(head: Token, skip: Token | None = None) -> list[Token]:
    """`head` and its descendants, without nested clauses (which carry their own scope)."""
    out, stack = [], [head]
    while stack:
        tok = stack.pop()
        out.append(tok)
        for child in tok.children:
            if skip is not None and child.i == skip.i:
                continue
            if child.dep_ in _NESTED and child.pos_ in ("VERB", "AUX"):
                # The clause's own marker still dates this one: "killed since the war began".
                out += [g for g in child.children if g.dep_ == "mark"]
                continue
            stack.append(child)
    return out


def _cumulative(words: list[Token]) -> bool:
    if any(t.lower_ in _CUMULATIVE_WORDS and not _superlative_since(t) for t in words):
        return True
    lowers = [t.lower_ for t in words]
    for n in range(len(lowers)):
        if any(tuple(lowers[n:n + len(p)]) == p for p in _CUMULATIVE_PHRASES):
            return True
        # "in the past two years", "over the last decade"
        if lowers[n] in ("past", "last") and any(w in _LONG_PERIODS for w in lowers[n + 1:n + 4]):
            return True
    return False


def _other_than(tok: Token, other: Token | None) -> bool:
    return other is None or tok.i != other.i  # spaCy makes a new Token object on each access


def _superlative_since(tok: Token) -> bool:
    """ "the deadliest shooting since 2012", "the first death since May": a comparison that
    dates nothing about this toll."""
    if tok.lower_ != "since":
        return False
    node = tok.head
    for _ in range(2):
        if node.tag_ in ("JJS", "RBS") or node.lower_ in _FIRSTS or any(
                c.tag_ in ("JJS", "RBS") or c.lower_ in _FIRSTS for c in node.children):
            return True
        node = node.head
    return False


def _dated_elsewhere(words: list[Token], antecedent: Token | None) -> bool:
    """A year with no day ("in 2007", "December 2012", "the 2003 quake"): another event. A full
    date ("Jan. 17, 2016") is how an article dates its own event."""
    for tok in words:
        if not _YEAR.match(tok.text) or (_other_than(tok, antecedent) and _superlative_since(tok.head)):
            continue
        if tok.ent_type_ not in ("DATE", "CARDINAL", "") or tok.i + 1 < len(tok.doc) and \
                tok.doc[tok.i + 1].lower_ in ("block",):
            continue
        neighbours = tok.doc[max(tok.i - 4, 0):tok.i]
        if not any(_DAY.match(t.text) for t in neighbours):
            return True
    return False


def _long_ago(words: list[Token]) -> bool:
    """ "30 years ago", "a year ago", "decades ago"; not "two days ago", which may date this
    event."""
    lowers = [t.lower_ for t in words]
    for n, word in enumerate(lowers):
        before = lowers[max(n - 2, 0):n]
        if word == "ago" and any(w in _LONG_PERIODS or w == "year" for w in before):
            return True
    return False


def _set_apart(words: list[Token]) -> bool:
    """ "a previous attack", "last year's bombing", "a similar shooting"."""
    for tok in words:
        if tok.lower_ in _OTHER_HEADS and any(c.lower_ in _OTHER_WORDS for c in tok.children):
            return True
    return False
