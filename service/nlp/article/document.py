"""The article being annotated: original text, parsed doc and the regions no layer may use."""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc

from ..types import Ignored


@dataclass
class Article:
    text: str
    doc: Doc  # parsed from a masked copy of `text` of the same length: offsets are shared
    published: date | None = None
    ignored: list[Ignored] = field(default_factory=list)

    def __post_init__(self):
        # Disjoint, sorted [start, end) intervals, so one bisection answers `is_ignored`.
        merged: list[list[int]] = []
        for region in sorted(self.ignored, key=lambda r: r.start):
            if merged and region.start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], region.end)
            else:
                merged.append([region.start, region.end])
        self._ignored_starts = [start for start, _ in merged]
        self._ignored_ends = [end for _, end in merged]

    def is_ignored(self, start: int, end: int) -> bool:
        """True when [start, end) overlaps a region excluded from annotation."""
        index = bisect.bisect_left(self._ignored_starts, end) - 1
        return index >= 0 and self._ignored_ends[index] > start
