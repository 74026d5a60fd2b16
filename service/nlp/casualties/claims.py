"""One record per claim: the statements of the same claim merged into one record.

A headline "Two dead, 14 hurt in club shooting", a standfirst and the body sentence "Two people
were killed and 14 wounded, police said" are one claim each for the dead and the hurt; so is a
lead paragraph that a live page or a wire story repeats. The same count from two different
sources is two claims (CONTRACT.md, "Casualties").

Two statements are the same claim when they agree on category, count (value, or a vague
count's low bound), scope and whether they are a part of a total, come from two sentences, and
their sources are compatible: the same source (same actor or same words), or one of them stated
in the article's own voice (a headline names nobody), or the later one refers back to the
figure ("of the 60 wounded"). Statements about two different named victims (two actors) stay
apart. A vague claim with no source ("Hundreds left homeless" in a headline) whose bounds hold
exactly one stated figure of the same category ("more than 300") is that figure's claim.

The merged record keeps the fullest statement (one that does not refer back, a source, victims,
a perpetrator, then the longest sentence) as its `evidence`, with that statement's source; the
other statements are its `mentions`. Victims and place missing from the kept statement are
taken from the others, and so are victims where the kept statement gives only a number or a
vague quantity ("Gunmen kill 12", "kills dozens").
"""
from __future__ import annotations

from ..names import fold
from ..numbers import SCALES, TENS, UNITS, VAGUE
from .records import Casualty


class _Claim:
    """The statements of one claim so far, with what a new statement must agree with."""

    def __init__(self, first: Casualty, text: str):
        self.statements = [first]
        self.sources: set[str] = set()  # the words of its sources ("the coast guard")
        self.source_actors: set[str] = set()
        self.victim_actors: set[str] = set()
        self.sentences: set[int] = set()
        self.add(first, text)

    def add(self, record: Casualty, text: str) -> None:
        if record is not self.statements[0]:
            self.statements.append(record)
        if record.source is not None:
            self.sources.add(_words(record.source, text))
            if record.source.actor_id:
                self.source_actors.add(record.source.actor_id)
        if record.victims is not None and record.victims.actor_id:
            self.victim_actors.add(record.victims.actor_id)
        self.sentences.add(record.evidence.start)

    def admits(self, record: Casualty, text: str) -> bool:
        # One sentence does not repeat itself: "a man was shot and a woman was grazed" is two.
        if record.evidence.start in self.sentences:
            return False
        if record.source is not None and self.sources and not _refers_back(record, text) and not (
                self.sources == {_words(record.source, text)} or
                record.source.actor_id and self.source_actors == {record.source.actor_id}):
            return False
        mine = record.victims.actor_id if record.victims else None
        return mine is None or not self.victim_actors or mine in self.victim_actors


def merge_claims(records: list[Casualty], text: str) -> tuple[list[Casualty], dict[int, Casualty]]:
    """The claims of `records` (in reading order), and for the id() of every statement the record
    it was merged into."""
    by_figure: dict[tuple, list[_Claim]] = {}
    claims: list[_Claim] = []
    for record in records:
        candidates = by_figure.setdefault(_key(record), [])
        claim = next((c for c in candidates if c.admits(record, text)), None)
        if claim is None:
            claim = _Claim(record, text)
            candidates.append(claim)
            claims.append(claim)
        else:
            claim.add(record, text)
    claims = _vague_into_exact(claims, text)
    merged, into = [], {}
    for claim in claims:
        kept = _merge(claim.statements, text)
        merged.append(kept)
        for record in claim.statements:
            into[id(record)] = kept
    return merged, into


def _refers_back(record: Casualty, text: str) -> bool:
    """ "Of the 60 wounded, 15 were ...": a count with "the" refers to a figure already stated,
    whoever states this sentence."""
    start = record.count.span.start
    return text[max(0, start - 4):start].lower() == "the "


# A vague quantity's bounds when the wording gives no upper one: "dozens" 24 to 120.
_VAGUE_SPAN = 5


def _vague_into_exact(claims: list[_Claim], text: str) -> list[_Claim]:
    """ "Hundreds left homeless" in a headline, "more than 300 were left homeless" in the body:
    a vague claim with no source of its own whose bounds hold exactly one stated figure of the
    same category and scope is that figure's claim."""
    out = []
    for claim in claims:
        first = claim.statements[0]
        count = first.count
        if count.value is not None or count.low is None or claim.sources:
            out.append(claim)
            continue
        high = count.high or count.low * _VAGUE_SPAN
        fits = [c for c in claims if c is not claim and c.statements[0].count.value is not None
                and c.statements[0].category == first.category
                and c.statements[0].scope == first.scope and c.statements[0].part_of is None
                and count.low <= c.statements[0].count.value <= high]
        if len(fits) == 1 and first.part_of is None \
                and first.evidence.start not in fits[0].sentences:
            for record in claim.statements:
                fits[0].add(record, text)
        else:
            out.append(claim)
    return out


def first_mention(record: Casualty) -> int:
    """Where the claim is first stated (claims are numbered in that order)."""
    return min([record.count.span.start, *(m.start for m in record.mentions)])


def _key(record: Casualty) -> tuple:
    """What the statements of one claim have in common."""
    return (record.category, record.count.value, record.count.low, record.scope,
            record.part_of is None, record.derived_from is None)


def _words(ref, text: str) -> str:
    words = fold(text[ref.start:ref.end])
    return words[4:] if words.startswith("the ") else words


def _fullness(record: Casualty, text: str) -> tuple:
    return (not _refers_back(record, text), record.source is not None,
            record.victims is not None, record.perpetrator is not None,
            record.evidence.end - record.evidence.start)


def _merge(group: list[Casualty], text: str) -> Casualty:
    # max keeps the first of equals: the earliest statement.
    kept = max(group, key=lambda record: _fullness(record, text))
    seen = {(kept.evidence.start, kept.evidence.end)}
    for record in group:
        if record is kept:
            continue
        where = (record.evidence.start, record.evidence.end)
        if where not in seen:
            seen.add(where)
            kept.mentions.append(record.evidence)
        kept.location_id = kept.location_id or record.location_id
    kept.victims = _best_victims(kept, group, text)
    kept.mentions.sort(key=lambda span: span.start)
    return kept


def _best_victims(kept: Casualty, group: list[Casualty], text: str):
    """The kept statement's victims unless they are only a number ("Gunmen kill 12"): then the
    first statement that names them ("12 villagers"), else any victims stated."""
    if _names_victims(kept, text):
        return kept.victims
    named = next((r.victims for r in group if _names_victims(r, text)), None)
    return named or kept.victims or next((r.victims for r in group if r.victims), None)


# Words of a number or a vague quantity ("12", "twelve", "dozens", "at least"): no victims.
_NUMBER_WORDS = frozenset(UNITS) | frozenset(TENS) | frozenset(SCALES) | frozenset(
    word for phrase in VAGUE for word in phrase) | {"at", "least", "more", "than", "about", "some"}


def _names_victims(record: Casualty, text: str) -> bool:
    if record.victims is None:
        return False
    words = text[record.victims.start:record.victims.end].lower().replace("-", " ").split()
    return not all(w.replace(",", "").isdigit() or w in _NUMBER_WORDS for w in words)
