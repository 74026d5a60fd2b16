"""Dates in article text: explicit dates, and relative ones resolved against an anchor.

The anchor is the article's publication date (the request's `published`, else the date found in
the text by `metadata.find_metadata`). Resolution rules, as a wire service editor reads them:

- explicit dates: "Aug. 22", "August 22nd, 2021", "22 August 2021", "2021-08-22". A date without
  a year takes the anchor's year when that puts it no more than a week after the anchor, else the
  year before when that is within six months before the anchor, else it stays unresolved (a bare
  "Sept. 11" in an August article names an event, not a day of that year);
- weekdays: "on Friday", "Saturday", "Friday's attack": the most recent such day on or before the
  anchor; "last Friday" strictly before it; "next Friday", or a weekday in a sentence about the
  future ("will", "scheduled"), the next one on or after it;
- "yesterday", "last night" (anchor - 1), "today", "tonight", "this morning" (anchor),
  "tomorrow" (anchor + 1), "three days ago";
- "last week": anchor - 7 days (a conventional approximation; "this week", "last month" and
  other vaguer spans are recognised but left unresolved);
- "two days later", "the next day", "a day earlier": relative to a previously mentioned date when
  one is given, else to the anchor; "two days before <date>": relative to that date.

Every pattern is a bounded regular expression (no nested repetition), so a scan is linear.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9,
    "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12,
    "december": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
            "saturday": 5, "sunday": 6}
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a couple of": 2,
    "couple of": 2, "several": None, "few": None, "a few": None,
}

_MONTH = (r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|"
          r"aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
# "Aug. 22", "August 22nd, 2021", "Aug 21 2021"
_MDY = rf"\b{_MONTH}\s{{1,3}}{_DAY}\b(?:,?\s{{1,3}}{_YEAR}\b)?"
# "22 August 2021", "22nd of August"
_DMY = (rf"\b{_DAY.replace('day>', 'day2>')}\s{{1,3}}(?:of\s{{1,3}})?"
        rf"{_MONTH.replace('month>', 'month2>')}(?:,?\s{{1,3}}{_YEAR.replace('year>', 'year2>')}\b)?")
_ISO = r"\b(?P<iy>(?:19|20)\d\d)-(?P<im>[01]\d)-(?P<id>[0-3]\d)\b"
EXPLICIT_DATE = re.compile(rf"{_ISO}|{_MDY}|{_DMY}", re.IGNORECASE)

_COUNT = r"(?P<n>\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|(?:a\s)?couple\sof)"
_WEEKDAY = r"(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
RELATIVE = re.compile(
    r"\b(?:"
    rf"{_COUNT}\s{{1,3}}(?P<unit>days?|weeks?)\s{{1,3}}(?P<dir>later|earlier|after|before|ago|afterwards?)"
    r"|(?P<nextday>the\s(?:next|following|previous)\sday|the\sday\s(?:before|after)"
    r"|the\s(?:next|following)\smorning)"
    r"|(?P<word>yesterday|today|tonight|tomorrow|last\snight|this\s(?:morning|afternoon|evening)"
    r"|overnight)"
    r"|(?P<vague>last\sweek|this\sweek|earlier\sthis\s(?:week|month)|last\s(?:month|year|weekend)"
    r"|this\s(?:month|year|weekend)|recent\sdays|recent\sweeks)"
    rf"|(?P<mod>last|next|this\scoming|this\spast|past)?\s?{_WEEKDAY}\b"
    r")",
    re.IGNORECASE,
)
_FUTURE = re.compile(r"\b(?:will|shall|scheduled|planned|plans\sto|is\sto|are\sto|expected\sto|"
                     r"next|upcoming|coming)\b", re.IGNORECASE)
_STEP = {"later": 1, "after": 1, "afterward": 1, "afterwards": 1, "earlier": -1, "before": -1,
         "ago": -1}


@dataclass(frozen=True)
class DatePhrase:
    start: int
    end: int
    kind: str  # explicit | relative | weekday | word | vague | anchored


def _year_for(month: int, day: int, anchor: date | None) -> date | None:
    if anchor is None:
        return None
    try:
        this_year = date(anchor.year, month, day)
    except ValueError:
        return None
    if this_year <= anchor + timedelta(days=7):
        return this_year
    try:
        last_year = date(anchor.year - 1, month, day)
    except ValueError:
        return None
    return last_year if (anchor - last_year).days <= 183 else None


def _explicit(match: re.Match, anchor: date | None) -> date | None:
    g = match.groupdict()
    try:
        if g["iy"]:
            return date(int(g["iy"]), int(g["im"]), int(g["id"]))
        month = MONTHS[(g["month"] or g["month2"]).lower()]
        day = int(g["day"] or g["day2"])
        year = g["year"] or g["year2"]
        if year:
            return date(int(year), month, day)
        return _year_for(month, day, anchor)
    except (ValueError, KeyError):
        return None


def _count(text: str) -> int | None:
    text = " ".join(text.lower().split())
    if text.isdigit():
        return int(text)
    return NUMBER_WORDS.get(text)


def _weekday(target: int, anchor: date, mode: str) -> date:
    back = (anchor.weekday() - target) % 7
    if mode == "on_or_before":
        return anchor - timedelta(days=back)
    if mode == "before":
        return anchor - timedelta(days=back or 7)
    ahead = (target - anchor.weekday()) % 7
    if mode == "after":
        return anchor + timedelta(days=ahead or 7)
    return anchor + timedelta(days=ahead)  # on_or_after


def find_date_phrases(text: str) -> list[DatePhrase]:
    """Every explicit or relative date expression in `text`, in order, without overlaps."""
    phrases = [DatePhrase(m.start(), m.end(), "explicit") for m in EXPLICIT_DATE.finditer(text)]
    explicit_starts = [p.start for p in phrases]
    explicit_count = len(phrases)
    for match in RELATIVE.finditer(text):
        # Explicit dates are disjoint and sorted: only the last one starting before this match
        # can overlap it.
        index = bisect.bisect_left(explicit_starts, match.end()) - 1
        if 0 <= index < explicit_count and phrases[index].end > match.start():
            continue
        g = match.groupdict()
        start = match.start() if not match.group(0)[:1].isspace() else match.start() + 1
        if g["n"]:
            kind = "relative"
        elif g["nextday"]:
            kind = "relative"
        elif g["word"]:
            kind = "word"
        elif g["vague"]:
            kind = "vague"
        else:
            kind = "weekday"
            if not g["mod"]:
                start = match.start("wd")
        phrases.append(DatePhrase(start, match.end(), kind))
    phrases.sort(key=lambda p: p.start)
    return phrases


def _resolve_relative(match: re.Match, text: str, anchor: date | None,
                      reference: date | None) -> tuple[date | None, bool]:
    """(date, decided) for one RELATIVE match; `decided` is False only for unknown counts."""
    g = match.groupdict()
    if g["n"]:
        n = _count(g["n"])
        if n is None:
            return None, True
        days = n * (7 if g["unit"].lower().startswith("week") else 1)
        direction = g["dir"].lower()
        if direction == "ago":
            return (anchor - timedelta(days=days) if anchor else None), True
        step = _STEP[direction]
        if direction in {"before", "after"}:
            # "two days before the Sept. 11 attacks", "a day after Aug. 20"
            following = text[match.end(): match.end() + 40]
            target = EXPLICIT_DATE.search(following)
            if target and not following[:target.start()].strip(" ,the").strip():
                base = _explicit(target, anchor)
                return (base + timedelta(days=step * days) if base else None), True
            if following.strip()[:1].isalnum():
                # before/after some event that is not a date: unknown
                return None, True
        base = reference or anchor
        return (base + timedelta(days=step * days) if base else None), True
    if g["nextday"]:
        phrase = " ".join(g["nextday"].lower().split())
        step = -1 if ("previous" in phrase or "before" in phrase) else 1
        base = reference or anchor
        return (base + timedelta(days=step) if base else None), True
    if anchor is None:
        return None, True
    if g["word"]:
        word = " ".join(g["word"].lower().split())
        offset = {"yesterday": -1, "last night": -1, "tomorrow": 1, "overnight": -1}.get(word, 0)
        return anchor + timedelta(days=offset), True
    if g["vague"]:
        phrase = " ".join(g["vague"].lower().split())
        return (anchor - timedelta(days=7) if phrase == "last week" else None), True
    target = WEEKDAYS[g["wd"].lower()]
    mod = " ".join((g["mod"] or "").lower().split())
    if mod in {"last", "this past", "past"}:
        return _weekday(target, anchor, "before"), True
    if mod in {"next", "this coming"}:
        return _weekday(target, anchor, "after"), True
    if _FUTURE.search(text[max(0, match.start() - 120): match.start()]):
        return _weekday(target, anchor, "on_or_after"), True
    return _weekday(target, anchor, "on_or_before"), True


def as_date(value) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def resolve_date(text: str, anchor: date | str | None,
                 reference: date | str | None = None) -> date | None:
    """The date a phrase or sentence refers to, or None.

    An explicit date in `text` wins; otherwise the first relative expression in text order.
    `reference` is a previously mentioned date, used by "two days later" / "the next day"."""
    anchor, reference = as_date(anchor), as_date(reference)
    for match in EXPLICIT_DATE.finditer(text):
        # "two days before Aug. 20" is resolved with its relative phrase below.
        before = text[max(0, match.start() - 40): match.start()].lower()
        if re.search(r"\b(?:before|after)\s(?:the\s)?$", before):
            continue
        return _explicit(match, anchor)
    for match in RELATIVE.finditer(text):
        value, decided = _resolve_relative(match, text, anchor, reference)
        if decided:
            return value
    return None
