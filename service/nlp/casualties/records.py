"""The casualty record types: one `Casualty` per claim, its `Count` with bounds and qualifier."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..types import Reference, Span


@dataclass
class Count:
    value: int | None
    low: int | None
    high: int | None
    qualifier: str
    span: Span


@dataclass
class Casualty:
    id: str
    category: str
    count: Count
    victims: Reference | None
    perpetrator: Reference | None
    source: Reference | None
    location_id: str | None
    evidence: Span
    derived_from: dict | None = None
    # "event" (the article's event), "other" (another event) or "cumulative" (a running total).
    scope: str = "event"
    # The id of the total this count is a part of ("12 people, 11 soldiers and an officer").
    part_of: str | None = None
    # The other statements of the same claim (headline, standfirst, repeated lead).
    mentions: list[Span] = field(default_factory=list)
