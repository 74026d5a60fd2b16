"""Article metadata found in the text: headline, byline authors, dateline place, publication date.

Reads the lines `boilerplate.find_boilerplate` classified:
- `authors`: the names on "byline" lines ("By Jane Doe and John Roe", "By [Outlet](#)",
  "Articles by: [Outlet](#)", "Author: Jane Doe"), first occurrence of each name, in order. Those
  lines are ignored regions, so byline names never become actors;
- `published`: the date of an explicit "Published"/"Posted" line in the header; else the earliest
  date on a header publication line ("Outlet, August 25, 2021", "[Outlet](#) 24 August 2021") -
  a republished piece carries its repost date after the original's; "Updated" dates never count;
- `headline`: the first non-empty line when it reads as a title (short, not boilerplate), with a
  leading label ("Video:", "Opinion:") left out of the span;
- `dateline`: the place of a wire-style dateline opening one of the first body paragraphs
  ("LAGOS, Nigeria —", "LAGOS, March 3 (Reuters) -", "Lagos, Nigeria —"). It stays in
  the text (not ignored): the locations layer counts it as a location mention.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from datetime import date

from ..types import Ignored, Span
from .boilerplate import _MD_LINK, _lines, _plain, byline_names
from .dates import EXPLICIT_DATE, _explicit

# How far into the text the header (headline, byline, publication line) may reach.
HEADER_CHARS = 3000
# How many body paragraphs may carry the dateline.
DATELINE_PARAGRAPHS = 3

_LABEL = re.compile(r"^(?:video|watch|opinion|analysis|exclusive|breaking|live|update|updated|"
                    r"explainer|photos|listen|podcast|commentary|editorial|interview|"
                    r"breaking\snews)\s?[:|]\s{0,3}", re.IGNORECASE)
_PUBLISHED_LABEL = re.compile(r"^(?:first\s|originally\s)?(?:published|posted)(?:\son)?\b",
                              re.IGNORECASE)
_UPDATED = re.compile(r"\b(?:updated|modified|last\supdated)\b", re.IGNORECASE)
_AUTHOR_LABEL = re.compile(r"^(?:(?:articles?|posts?|more|stories)\sby|(?:written|reported|"
                           r"compiled|posted)\sby|(?:authors?|writers?|reporters?|"
                           r"contributors?)\s?:|by)\s{0,3}:?\s{0,3}", re.IGNORECASE)
# Leading white space only from the start of a run (possessive), so the scan is linear on long
# runs of spaces; otherwise the same splits as r"\s*(?:,|;|\band\b|&|\|)\s*".
_NAME_SPLIT = re.compile(r"(?:(?<!\s)\s++)?(?:,|;|\band\b|&|\|)\s*")
_NOT_NAMES = frozenset("""
staff reporter reporters correspondent correspondents editor editors writer contributor
""".split())

# "LAGOS, Nigeria —", "NEW YORK (AP) —", "LAGOS, March 3 (Reuters) -", "Lagos, Nigeria —"
_UPPER_PLACE = r"[A-Z][A-Z'’.-]{1,30}(?:\s[A-Z][A-Z'’.-]{1,30}){0,3}"
_TITLE_PLACE = r"[A-Z][a-z'’.-]{1,30}(?:[\s-][A-Z][a-z'’.-]{1,30}){0,2}"
_DATELINE = re.compile(
    rf"(?:\*\*)?(?:(?P<upper>{_UPPER_PLACE})(?:\*\*)?"
    rf"(?:,\s[A-Z][\w.'’-]{{1,30}}(?:\s[A-Z][\w.'’-]{{1,30}}){{0,2}})?"
    rf"|(?P<title>{_TITLE_PLACE}),\s[A-Z][\w.'’-]{{1,30}}(?:\s[A-Z][\w.'’-]{{1,30}})?)"
    rf"(?:,?\s[A-Z][a-z]{{2,8}}\.?\s\d{{1,2}})?"
    rf"(?:\s\([A-Za-z. ]{{1,30}}\))?\s{{0,2}}(?:—|–|--|-)\s")
_NOT_PLACES = frozenset("""
the a an but and or so yet however meanwhile still now then today yesterday update breaking
editor note advertisement
""".split())


@dataclass
class Metadata:
    headline: Span | None = None
    authors: list[Span] = field(default_factory=list)
    dateline: Span | None = None
    published: str | None = None  # ISO date found in the text


def _ignored_reason(ignored: list[Ignored], starts: list[int], start: int,
                    end: int) -> str | None:
    """The reason of a region (sorted by start) that covers [start, end), if any."""
    index = bisect.bisect_right(starts, start) - 1
    # Regions from one classifier do not nest; look at the few that start at or before `start`.
    for region in ignored[max(0, index - 2): index + 1]:
        if region.start <= start and end <= region.end:
            return region.reason
    return None


def _author_spans(text: str, start: int, end: int) -> list[Span]:
    """The names on one byline line, as spans of the input (link labels without brackets)."""
    line = text[start:end]
    # Work on a copy where "[Name](url)" becomes "Name" padded with spaces, offsets kept.
    padded = _MD_LINK.sub(lambda m: " " + m.group(1) + " " * (len(m.group(0)) - len(m.group(1)) - 1),
                          line)
    lead = len(padded) - len(padded.lstrip(" [*#>•·_"))
    label = _AUTHOR_LABEL.match(padded[lead:])
    if not label:
        return []
    names_at = lead + label.end()
    spans = []
    position = names_at
    for part in _NAME_SPLIT.split(padded[names_at:]) + [""]:
        if not part:
            continue
        index = padded.find(part, position)
        if index < 0:
            continue
        position = index + len(part)
        words = part.split()
        if not words or len(words) > 6 or not all(w[:1].isupper() or w.lower() in
                                                   {"de", "van", "von", "al", "bin", "el", "da"}
                                                   for w in words):
            continue
        if part.lower() in _NOT_NAMES:
            continue
        stripped = part.strip(" .,:;")
        offset = part.find(stripped)
        spans.append(Span(start + index + offset, start + index + offset + len(stripped)))
    return spans


def _line_dates(line: str, anchor: date | None) -> list[date]:
    values = []
    for match in EXPLICIT_DATE.finditer(line):
        if not (match.group("year") or match.group("year2") or match.group("iy")):
            continue
        if _UPDATED.search(line[max(0, match.start() - 30):match.start()]):
            continue
        value = _explicit(match, anchor)
        if value:
            values.append(value)
    return values


def _published(text: str, lines: list[tuple[int, int, str | None]]) -> str | None:
    labelled: list[date] = []
    others: list[date] = []
    for start, end, reason in lines:
        if start > HEADER_CHARS:
            break
        if reason not in {"publication_date", "byline"}:
            continue
        line = _plain(text[start:end])
        values = _line_dates(line, None)
        if _PUBLISHED_LABEL.match(line):
            labelled.extend(values[:1])
        else:
            others.extend(values)
    if labelled:
        return labelled[0].isoformat()
    if others:
        return min(others).isoformat()
    return None


def _headline(text: str, lines: list[tuple[int, int, str | None]]) -> Span | None:
    header_has_byline = any(reason in {"byline", "publication_date"} and start <= HEADER_CHARS
                            for start, _end, reason in lines)
    for start, end, reason in lines[:3]:
        if reason is not None:
            continue
        line = text[start:end]
        label = _LABEL.match(line)
        if label:
            start += label.end()
            line = text[start:end]
        words = line.split()
        if not words or len(line) > 250 or len(words) > 30 or line.endswith(":"):
            return None
        if not header_has_byline and (len(words) > 20 or line.endswith((".", "!", "?", "”", '"'))):
            return None
        if _DATELINE.match(line):
            return None
        return Span(start, end)
    return None


def _dateline(text: str, lines: list[tuple[int, int, str | None]],
              headline: Span | None) -> Span | None:
    body_start = 0
    for index, (start, end, reason) in enumerate(lines):
        if start > HEADER_CHARS:
            break
        if reason in {"byline", "publication_date"}:
            body_start = index + 1
    checked = 0
    for start, end, reason in lines[body_start:]:
        if checked >= DATELINE_PARAGRAPHS:
            break
        if reason is not None or (headline and headline.start <= start < headline.end + 1):
            continue
        checked += 1
        match = _DATELINE.match(text, start, end)
        if not match:
            continue
        group = "upper" if match.group("upper") else "title"
        place_start, place_end = match.start(group), match.end(group)
        place = text[place_start:place_end]
        if place.split()[0].lower().strip(".") in _NOT_PLACES:
            continue
        return Span(place_start, place_end)
    return None


def find_metadata(text: str, ignored: list[Ignored]) -> Metadata:
    """Headline, byline authors, dateline place and publication date found in `text`."""
    ignored = sorted(ignored, key=lambda r: r.start)
    starts = [region.start for region in ignored]
    lines = [(start, end, _ignored_reason(ignored, starts, start, end))
             for start, end in _lines(text)]
    authors: list[Span] = []
    seen: set[str] = set()
    for start, end, reason in lines:
        if reason != "byline":
            continue
        for span in _author_spans(text, start, end):
            key = " ".join(text[span.start:span.end].lower().split())
            if key not in seen:
                seen.add(key)
                authors.append(span)
    headline = _headline(text, lines)
    return Metadata(
        headline=headline,
        authors=authors,
        dateline=_dateline(text, lines, headline),
        published=_published(text, lines),
    )


def published_date(metadata: Metadata) -> date | None:
    """`metadata.published` as a date (the anchor for relative dates when the request has none)."""
    return date.fromisoformat(metadata.published) if metadata.published else None


__all__ = ["Metadata", "find_metadata", "published_date", "byline_names"]
