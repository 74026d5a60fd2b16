"""Conversion of code-point offsets to UTF-16 or UTF-8 offsets, done once at the edge.

All layers work in code points (Python `str` indices). A client may ask for `utf16` (JavaScript
string indices) or `utf8` (byte offsets); span texts stay the same, since the slice of the encoded
input at the converted offsets decodes to the same characters.
"""
from __future__ import annotations

from typing import Any, Iterator

UNITS = ("codepoint", "utf16", "utf8")

_ENCODED_LENGTH = {
    "utf16": lambda segment: len(segment.encode("utf-16-le", "surrogatepass")) // 2,
    "utf8": lambda segment: len(segment.encode("utf-8", "surrogatepass")),
}


def _needs_conversion(text: str, unit: str) -> bool:
    if unit == "codepoint" or text.isascii():
        return False
    if unit == "utf16":
        return any(ord(ch) > 0xFFFF for ch in text)
    return True


def _offset_dicts(value: Any) -> Iterator[dict]:
    if isinstance(value, dict):
        if isinstance(value.get("start"), int) and isinstance(value.get("end"), int):
            yield value
        for item in value.values():
            yield from _offset_dicts(item)
    elif isinstance(value, list):
        for item in value:
            yield from _offset_dicts(item)


def offset_map(text: str, offsets: set[int], unit: str) -> dict[int, int]:
    """Map each code-point offset to `unit`, encoding each stretch of text between them once."""
    encoded_length = _ENCODED_LENGTH[unit]
    mapping: dict[int, int] = {}
    previous, total = 0, 0
    for offset in sorted(offsets):
        total += encoded_length(text[previous:offset])
        mapping[offset] = total
        previous = offset
    return mapping


def convert_offsets(result: Any, text: str, unit: str) -> Any:
    """Rewrite, in place, every `start`/`end` pair in `result` from code points to `unit`."""
    if not _needs_conversion(text, unit):
        return result
    holders = list(_offset_dicts(result))
    mapping = offset_map(text, {h["start"] for h in holders} | {h["end"] for h in holders}, unit)
    for holder in holders:
        holder["start"] = mapping[holder["start"]]
        holder["end"] = mapping[holder["end"]]
    return result


def text_length(text: str, unit: str) -> int:
    if not _needs_conversion(text, unit):
        return len(text)
    return _ENCODED_LENGTH[unit](text)
