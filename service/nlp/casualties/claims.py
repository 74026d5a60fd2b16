"""One record per claim: the statements of the same claim merged into one record.

A headline "Two dead, 14 hurt in club shooting", a standfirst and the body sentence "Two people
were killed and 14 wounded, police said" are one claim each for the dead and the hurt; so is a
lead paragraph that a live page or a wire story repeats. The same count from two different
sources is two claims (CONTRACT.md, "Casualties").

Two statements are the same claim when they agree on category, count (value, or a vague
count's low bound), scope and whether they are a part of a total, and their sources are
compatible: the same source, or one of them stated in the article's own voice (a headline
names nobody). Statements about two different named victims (two actors) stay apart.

The merged record keeps the fullest statement (a source, victims, a perpetrator, then the
longest sentence) as its `evidence`, with that statement's source; the other statements are
its `mentions`. Victims and place missing from the kept statement are taken from the others.
"""
from __future__ import annotations

from ..names import fold
from .records import Casualty


def merge_claims(records: list[Casualty], text: str) -> tuple[list[Casualty], dict[int, Casualty]]:
    """The claims of `records` (in reading order), and for the id() of every statement the record
    it was merged into."""
    claims: list[list[Casualty]] = []
    for record in records:
        group = next((g for g in claims if _same_claim(g, record, text)), None)
        if group is None:
            claims.append([record])
        else:
            group.append(record)
    merged, into = [], {}
    for group in claims:
        kept = _merge(group)
        merged.append(kept)
        for record in group:
            into[id(record)] = kept
    return merged, into


def first_mention(record: Casualty) -> int:
    """Where the claim is first stated (claims are numbered in that order)."""
    return min([record.count.span.start, *(m.start for m in record.mentions)])


def _same_claim(group: list[Casualty], record: Casualty, text: str) -> bool:
    first = group[0]
    if (first.category, _figure(first), first.scope, first.part_of is None,
            first.derived_from is None) != (record.category, _figure(record), record.scope,
                                            record.part_of is None, record.derived_from is None):
        return False
    if record.source is not None and not all(
            _same_source(r, record, text) for r in group if r.source is not None):
        return False
    victims = {r.victims.actor_id for r in group if r.victims and r.victims.actor_id}
    mine = record.victims.actor_id if record.victims else None
    return mine is None or not victims or mine in victims


def _figure(record: Casualty) -> tuple:
    return record.count.value, record.count.low


def _same_source(a: Casualty, b: Casualty, text: str) -> bool:
    """The same actor, or the same words ("the coast guard", "The coast guard")."""
    if a.source.actor_id and a.source.actor_id == b.source.actor_id:
        return True
    return _words(a.source, text) == _words(b.source, text)


def _words(ref, text: str) -> str:
    words = fold(text[ref.start:ref.end])
    return words[4:] if words.startswith("the ") else words


def _fullness(record: Casualty) -> tuple:
    return (record.source is not None, record.victims is not None,
            record.perpetrator is not None, record.evidence.end - record.evidence.start)


def _merge(group: list[Casualty]) -> Casualty:
    kept = max(group, key=_fullness)  # max keeps the first of equals: the earliest statement
    seen = {(kept.evidence.start, kept.evidence.end)}
    for record in group:
        if record is kept:
            continue
        where = (record.evidence.start, record.evidence.end)
        if where not in seen:
            seen.add(where)
            kept.mentions.append(record.evidence)
        kept.victims = kept.victims or record.victims
        kept.location_id = kept.location_id or record.location_id
    kept.mentions.sort(key=lambda span: span.start)
    return kept
