"""The places layer's words: label kinds, abbreviations (from the gazetteer's placenames), the
key of each division abbreviation, ignored names."""
from __future__ import annotations

from ..gazetteer.placenames import (  # noqa: F401  (re-exported)
    ABBREVIATIONS,
    DIVISION_ABBREVIATIONS,
    US_POSTAL,
    normalize,
)

LABEL_KINDS = {"GPE": "city", "LOC": "natural", "FAC": "facility"}

STATE_ABBREVIATION = {normalize(k): v for k, v in DIVISION_ABBREVIATIONS.items()}
# Gazetteer noise to ignore as place names.
BLACKLIST = frozenset({"reddit", "twitter", "facebook", "internet", "web", "god", "earth", "eu"})
