"""Helpers for checking spans in responses."""
from __future__ import annotations

ENCODINGS = {"utf16": "utf-16-le", "utf8": "utf-8"}
UNIT_SIZE = {"utf16": 2, "utf8": 1}


def iter_spans(value):
    """Every dict with integer start/end and a text, anywhere in a response."""
    if isinstance(value, dict):
        if isinstance(value.get("start"), int) and "text" in value:
            yield value
        for item in value.values():
            yield from iter_spans(item)
    elif isinstance(value, list):
        for item in value:
            yield from iter_spans(item)


def slice_in_unit(text: str, start: int, end: int, unit: str) -> str:
    if unit == "codepoint":
        return text[start:end]
    encoded = text.encode(ENCODINGS[unit], "surrogatepass")
    size = UNIT_SIZE[unit]
    return encoded[start * size:end * size].decode(ENCODINGS[unit])


def assert_spans_slice_back(response_json: dict, text: str, unit: str) -> int:
    """Assert every span's text is the input slice at its offsets; return how many spans."""
    count = 0
    for span in iter_spans(response_json):
        assert 0 <= span["start"] <= span["end"], span
        assert slice_in_unit(text, span["start"], span["end"], unit) == span["text"], span
        count += 1
    return count
