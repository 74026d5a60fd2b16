"""Every list of spans in a result in text order, so a client can merge or scan them in one pass.

The layers already emit their spans in order; this makes it a guarantee of the response rather
than a property of each layer's current code.
"""
from __future__ import annotations


def _at(span: dict | None) -> tuple[int, int]:
    return (span["start"], span["end"]) if span else (-1, -1)


# Per layer: where an entry's position in the text is.
_ENTRY_POSITION = {
    "actors": lambda entry: _at(entry["mentions"][0] if entry["mentions"] else None),
    "locations": lambda entry: _at(entry["mentions"][0] if entry["mentions"] else None),
    "casualties": lambda entry: _at(entry["evidence"]),
    "quotes": lambda entry: _at(entry["span"]),
    "ignored": _at,
}


def sort_spans(result: dict) -> dict:
    """Sort, in place, mentions by (start, end) and each layer's entries by their position."""
    for layer in ("actors", "locations"):
        for entry in result.get(layer, []):
            entry["mentions"].sort(key=_at)
    for layer, position in _ENTRY_POSITION.items():
        if layer in result:
            result[layer].sort(key=position)
    metadata = result.get("metadata") or {}
    if metadata.get("authors"):
        metadata["authors"].sort(key=_at)
    return result
