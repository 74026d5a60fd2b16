"""Casualty figures: who was killed, injured, captured, missing, arrested or displaced, how many,
by whom, and who says so.

One record per distinct claim (CONTRACT.md, "Casualties"):

    {"id": "C1", "category": "killed",
     "count": {"value": 30, "low": None, "high": 30, "qualifier": "at_most", "span": Span},
     "victims": Reference | None, "perpetrator": Reference | None, "source": Reference | None,
     "location_id": "L1" | None, "evidence": Span (the sentence),
     "derived_from": None | {"id": "C1", "factor": 0.5, "span": Span},
     "scope": "event" | "other" | "cumulative", "part_of": "C1" | None,
     "mentions": [Span, ...] (the claim's other statements)}

`derived_from` (extra field, always present, null unless relative): a count stated relative to an
earlier figure of the same article ("put the death toll at half that number") has its value
computed as factor x the earlier record's value; `id` names that earlier record, `factor` the
multiplier and `span` the relative phrase. Its qualifier is the earlier record's when that was
exact, else `approximately`.

How a sentence is read (spaCy dependency parse of `article.doc`), one module per step:
1. Triggers (`triggers`, words in `vocabulary`): verbs, adjectives and nouns
   of the six categories. Negated ("were not killed") and modal/irrealis ("could be killed",
   "threatened to kill", "if ... killed") triggers give no record.
2. The counted noun phrase (`patients`) and its count (`counts`, figures from
   `quantities` and `numbers`); increments ("two more were killed") give the
   increment, adjectival uses ("3 injured people") count, "two dozen more" takes the victims of
   the sentence's previous record.
3. A bare "shot" is a weak injury (`weak_injuries`) that a possible death overrides.
4. Perpetrator and source (`sources`).
5. Coordinated counts (`coordination`): "23 pupils and four teachers" are two records; a total
   beside its parts ("12 people, 11 soldiers and an officer") the total plus parts (`part_of`).
6. Scope (`scope`): `event`, `other` (another, dated event) or `cumulative` (a running total).
7. One record per claim (`claims`): the statements of the same claim (headline, body, repeated
   lead) merge into the fullest one, the others listed in `mentions`; the same count from
   another source is another record.
Sentences inside boilerplate (`article.is_ignored`) are skipped.
"""
from __future__ import annotations

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from ..article import Article
from ..names import fold
from ..numbers import Quantity
from ..types import Actor, Location, Reference, Span, strip_range
from .claims import first_mention, merge_claims
from .coordination import coordinated
from .counts import count_np, find_count
from .quantities import Found
from .records import Casualty, Count
from .scope import scope_of
from .sources import perpetrator, reference, source
from .triggers import irrealis, trigger_category
from .weak_injuries import drop_weak_injuries, is_weak


def find_casualties(article: Article, actors: list[Actor], locations: list[Location]) -> list:
    records: list[Casualty] = []
    weak: set[int] = set()  # ids of records read as weak injuries
    totals: dict[int, Casualty] = {}  # id of a part -> the total it is a part of
    for sent in article.doc.sents:
        if not any(ch.isalpha() for ch in sent.text):
            continue
        for record, is_weak_injury, total in _sentence_records(article, actors, locations, sent,
                                                                records):
            records.append(record)
            if is_weak_injury:
                weak.add(id(record))
            if total is not None:
                totals[id(record)] = total
    records = drop_weak_injuries(records, weak, article.text)
    for record in records:
        if id(record) in totals:
            record.part_of = "part"  # numbered below; marks the record for merging
    records, into = merge_claims(records, article.text)
    records.sort(key=lambda r: (first_mention(r), r.evidence.start))
    _number(records, into, totals)
    return records


def _sentence_records(article: Article, actors, locations, sent: SpacySpan,
                      previous: list[Casualty]) -> list[tuple[Casualty, bool, Casualty | None]]:
    """The records of one sentence, each with whether it is a weak injury and the total it is a
    part of."""
    out: list[tuple[Casualty, bool, Casualty | None]] = []
    used_counts: set[tuple[int, int]] = set()
    triggers = [(t, trigger_category(t)) for t in sent]
    # Weak readings ("was shot" as injured) come after the strong ones, so that "was shot and
    # pronounced dead" gives the death and the count is used up.
    triggers = sorted(((t, c) for t, c in triggers if c), key=lambda tc: (is_weak(*tc), tc[0].i))
    for token, category in triggers:
        if article.is_ignored(token.idx, token.idx + len(token.text)) or irrealis(token):
            continue
        found = find_count(token, category, article.text)
        if found is None or found.count_span in used_counts:
            continue
        earlier = previous + [r for r, _, _ in out]
        record = _build(article, actors, locations, sent, token, category, found, earlier)
        if record is None:
            continue
        used_counts.add(found.count_span)
        out.append((record, is_weak(token, category), None))
        for extra, is_part in coordinated(found, count_np, category, article.text):
            if extra.count_span in used_counts:
                continue
            used_counts.add(extra.count_span)
            part = _build(article, actors, locations, sent, token, category, extra, earlier)
            if part is not None:
                out.append((part, is_weak(token, category), record if is_part else None))
    return out


def _number(records: list[Casualty], into: dict[int, Casualty],
            totals: dict[int, Casualty]) -> None:
    """Ids in text order; a derived record names the record it was computed from, a part the
    total (through `into`, the claim each statement was merged into)."""
    ids = {id(record): f"C{n}" for n, record in enumerate(records, start=1)}

    def id_of(statement: Casualty) -> str | None:
        return ids.get(id(into.get(id(statement), statement)))

    for record in records:
        record.id = ids[id(record)]
        if record.derived_from and "_record" in record.derived_from:
            record.derived_from["id"] = id_of(record.derived_from.pop("_record"))
        if id(record) in totals:
            record.part_of = id_of(totals[id(record)])


def _source_key(source_ref: Reference | None, text: str):
    if source_ref is None:
        return None
    if source_ref.actor_id:
        return source_ref.actor_id
    return fold(text[source_ref.start:source_ref.end])


def _build(article: Article, actors, locations, sent: SpacySpan, trigger: Token,
           category: str, found: Found, previous: list[Casualty]) -> Casualty | None:
    q = found.quantity
    derived = None
    if found.relative is not None:
        base = next((r for r in reversed(previous) if r.category == category
                     and r.count.value is not None), None)
        if base is None:
            return None  # "half that number" with nothing to be half of
        q = _relative_quantity(base, found)
        derived = {"_record": base, "factor": found.relative, "span": Span(*found.count_span)}
    evidence = _sentence_span(sent, article.text)
    victims = reference(found.victims, actors)
    # "two dozen more", "three were killed and nine injured": the victims of the sentence's
    # previous record.
    if found.more or _elliptical(found):
        same_sentence = [r for r in previous if r.evidence.start == evidence.start]
        if same_sentence and same_sentence[-1].victims is not None:
            victims = same_sentence[-1].victims
    count = Count(q.value, q.low, q.high, q.qualifier, Span(*found.count_span))
    return Casualty(id="", category=category, count=count, victims=victims,
                    perpetrator=perpetrator(trigger, category, actors),
                    source=source(article, actors, trigger, sent),
                    location_id=_location_in(locations, sent.start_char, sent.end_char,
                                             trigger.idx),
                    evidence=evidence, derived_from=derived,
                    scope=_scope(article.text, trigger, evidence, previous))


def _scope(text: str, trigger: Token, evidence: Span, previous: list[Casualty]) -> str:
    """The trigger's own scope; a perfect with no time of its own right after a running total in
    the same paragraph continues that background ("The war has killed 150,000 since 2015. More
    than four million have been displaced.")."""
    scope = scope_of(trigger)
    if scope != "event" or not previous or previous[-1].scope != "cumulative":
        return scope
    last = previous[-1].evidence
    between = text[last.end:evidence.start]
    if last.end > evidence.start or "\n" in between or between.strip():
        return scope
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else trigger.head
    perfect = any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)
    return "cumulative" if perfect else scope


def _elliptical(found: Found) -> bool:
    """ "... were killed and nine injured": a bare number as the subject of a coordinated verb."""
    head = found.head
    if head is None or not head.like_num or found.victims != found.count_span or \
            head.dep_ not in ("nsubj", "nsubjpass"):
        return False
    verb = head.head.head if head.head.dep_ in ("aux", "auxpass") else head.head
    return verb.dep_ == "conj"


def _relative_quantity(base: Casualty, found: Found) -> Quantity:
    """factor x the earlier figure: exact when that was exact, else approximately."""
    value = int(round(base.count.value * found.relative))
    if base.count.qualifier == "exact":
        return Quantity(value, value, value, "exact", found.quantity.length)
    return Quantity(value, None, None, "approximately", found.quantity.length)


def _sentence_span(sent: SpacySpan, text: str) -> Span:
    return Span(*strip_range(text, sent.start_char, sent.end_char))


def _location_in(locations, start: int, end: int, near: int) -> str | None:
    """The location mentioned in [start, end) nearest to offset `near`."""
    best = None
    for loc in locations:
        for m in loc.mentions:
            if m.start >= start and m.end <= end:
                distance = abs(m.start - near)
                if best is None or distance < best[0]:
                    best = (distance, loc.id)
    return best[1] if best else None
