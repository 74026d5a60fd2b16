"""Plain data produced by the annotation layers.

Spans hold code-point offsets into the original input only; their text is sliced from the input
when the result is serialized (`to_plain`), so a span's text can never disagree with its offsets.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields, is_dataclass
from typing import Any


@dataclass(frozen=True, order=True)
class Span:
    start: int
    end: int


def strip_range(text: str, start: int, end: int) -> tuple[int, int]:
    """[start, end) without the white space at either end (start == end when all blank)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


@dataclass(frozen=True, order=True)
class Reference(Span):
    """A noun phrase in the text (victims, perpetrator, source), linked to an actor when known."""
    actor_id: str | None = None


@dataclass
class Actor:
    id: str
    name: str
    kind: str  # person | organization | group
    mentions: list[Span] = field(default_factory=list)


@dataclass
class Location:
    id: str
    name: str
    kind: str  # country | admin1 | admin2 | city | natural | facility | region | other
    mentions: list[Span] = field(default_factory=list)
    geo: dict | None = None


@dataclass
class Ignored:
    start: int
    end: int
    reason: str


def to_plain(value: Any, text: str) -> Any:
    """Turn layer output into JSON-ready data, filling each span's text from `text`."""
    if isinstance(value, Span):
        plain = {"start": value.start, "end": value.end, "text": text[value.start:value.end]}
        plain.update({f.name: getattr(value, f.name) for f in fields(value)[2:]})
        return plain
    if is_dataclass(value):
        return {f.name: to_plain(getattr(value, f.name), text) for f in fields(value)}
    if isinstance(value, (list, tuple)):
        return [to_plain(item, text) for item in value]
    if isinstance(value, dict):
        return {key: to_plain(item, text) for key, item in value.items()}
    return value
