"""The casualty record types: one `Casualty` per claim, its `Count` with bounds and qualifier."""
from __future__ import annotations

from dataclasses import dataclass

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
