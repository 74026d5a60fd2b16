"""Small readers of casualty records for the tests."""
from __future__ import annotations


def one(records, category=None):
    if category:
        records = [r for r in records if r["category"] == category]
    assert len(records) == 1, records
    return records[0]


def summary(records):
    return [(r["category"], r["count"]["value"], r["count"]["qualifier"]) for r in records]


def text_of(ref):
    return ref["text"] if ref else None
