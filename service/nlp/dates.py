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
from functools import lru_cache

from .types import strip_range

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


def _as_date(value) -> date | None:
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
    anchor, reference = _as_date(anchor), _as_date(reference)
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


# --- Sentences -------------------------------------------------------------------------------

_ABBREVIATIONS = frozenset("""
mr mrs ms dr prof gen lt col maj capt sgt cpl gov sen rep st jr sr no vs etc inc ltd co corp
jan feb mar apr jun jul aug sep sept oct nov dec mt ft adm cmdr rev fr u.s u.n u.k
""".split())
_BOUNDARY = re.compile(r"[.!?][\"”’')\]]{0,3}\s{1,20}(?=[\"“‘(\[]{0,3}[A-Z0-9])|\n")
EVENT_NOUNS = frozenset("""
fighting attack attacks clash clashes battle uprising offensive assault bombing blast explosion
strike strikes airstrike airstrikes raid raids ambush shooting shelling violence riot riots protest
protests massacre siege incident operation killings killing crackdown unrest rally march
flood floods flooding storm earthquake quake fire blaze wildfire crash collision collapse
landslide eruption outbreak
""".split())
_DEFINITE_EVENT = re.compile(r"\b(?:the|that|this|those|these)\s(?P<noun>[a-z]{3,12})\b",
                             re.IGNORECASE)


def _is_boundary(text: str, match: re.Match) -> bool:
    if match.group(0) == "\n":
        return True
    i = match.start()
    j = i
    while j > 0 and (text[j - 1].isalpha() or text[j - 1] == "."):
        j -= 1
    word = text[j:i].lower()
    if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
        return False
    # "U.S." and other dotted initials
    return not (len(word) <= 4 and "." in word)


@dataclass(frozen=True)
class _Sentence:
    start: int
    end: int
    paragraph: int
    phrases: tuple[DatePhrase, ...]


@lru_cache(maxsize=8)
def _sentences(text: str) -> tuple[_Sentence, ...]:
    sentences = []
    start, paragraph = 0, 0
    phrases = find_date_phrases(text)
    starts = [p.start for p in phrases]

    def add(end: int):
        nonlocal start
        s, e = strip_range(text, start, end)
        if s < e:
            lo, hi = bisect.bisect_left(starts, s), bisect.bisect_left(starts, e)
            sentences.append(_Sentence(s, e, paragraph, tuple(p for p in phrases[lo:hi]
                                                              if p.end <= e)))

    for match in _BOUNDARY.finditer(text):
        if not _is_boundary(text, match):
            continue
        end = match.end()
        add(end)
        start = end
        if "\n" in match.group(0):
            paragraph += 1
    add(len(text))
    return tuple(sentences)


def _covering(sentences: tuple[_Sentence, ...], start: int, end: int) -> list[int]:
    starts = [s.start for s in sentences]
    first = max(0, bisect.bisect_right(starts, start) - 1)
    indexes = []
    for i in range(first, len(sentences)):
        if sentences[i].start >= max(end, start + 1):
            break
        if sentences[i].end > start:
            indexes.append(i)
    return indexes


def _usable(phrase: DatePhrase, ignored) -> bool:
    if not ignored:
        return True
    return not any(r.start < phrase.end and phrase.start < r.end for r in ignored)


def _sentence_value(text: str, sentence: _Sentence, anchor: date | None, reference: date | None,
                    ignored) -> tuple[bool, date | None]:
    phrases = [p for p in sentence.phrases if _usable(p, ignored)]
    if not phrases:
        return False, None
    return True, resolve_date(text[sentence.start:sentence.end], anchor, reference)


class SentenceDates:
    """Dates of the sentences of one text, each resolved at most once (with and without the
    date mentioned before it), so dating every record of a long article stays linear."""

    def __init__(self, text: str, anchor: date | str | None, ignored=None):
        self.text = text
        self.anchor = _as_date(anchor)
        self.ignored = ignored
        self.sentences = _sentences(text)
        self._plain: dict[int, tuple[bool, date | None]] = {}
        self._referenced: dict[int, tuple[bool, date | None]] = {}
        self._dated_mentions: dict[str, list[int]] | None = None  # event noun -> dated sentences

    def _value(self, index: int) -> tuple[bool, date | None]:
        if index not in self._plain:
            self._plain[index] = _sentence_value(self.text, self.sentences[index], self.anchor,
                                                 None, self.ignored)
        return self._plain[index]

    def _reference_before(self, index: int) -> date | None:
        for j in range(index - 1, max(-1, index - 40), -1):
            found, value = self._value(j)
            if found and value:
                return value
        return None

    def _value_in_context(self, index: int) -> tuple[bool, date | None]:
        if index not in self._referenced:
            found, _ = self._value(index)
            self._referenced[index] = (found, None) if not found else _sentence_value(
                self.text, self.sentences[index], self.anchor, self._reference_before(index),
                self.ignored)
        return self._referenced[index]

    def date_of(self, start: int, end: int, inherit: bool = True) -> str | None:
        """The ISO date of the event or statement in the sentence(s) covering text[start:end].

        The sentence's own date phrase wins (an unresolvable one, such as "this week", gives
        None). With `inherit`, a sentence without one takes the date of an earlier sentence of
        its paragraph; failing that, when the paragraph speaks of a definite event ("the
        fighting", "the attack"), the date of the latest earlier sentence that dates that same
        event. Returns None when nothing dates the sentence."""
        sentences, text = self.sentences, self.text
        covering = _covering(sentences, start, end)
        if not covering:
            return None
        for i in covering:
            found, value = self._value_in_context(i)
            if found:
                return value.isoformat() if value else None
        if not inherit:
            return None
        first = covering[0]
        paragraph = sentences[first].paragraph
        j = first - 1
        while j >= 0 and sentences[j].paragraph == paragraph:
            found, value = self._value_in_context(j)
            if found:
                return value.isoformat() if value else None
            j -= 1
        paragraph_start = j + 1
        nouns = set()
        for k in range(paragraph_start, covering[-1] + 1):
            s = sentences[k]
            nouns |= {m.group("noun").lower()
                      for m in _DEFINITE_EVENT.finditer(text, s.start, s.end)
                      if m.group("noun").lower() in EVENT_NOUNS}
        if not nouns:
            return None
        earlier = [self._latest_dated_mention(noun, paragraph_start) for noun in nouns]
        latest = max((k for k in earlier if k is not None), default=None)
        return None if latest is None else self._value_in_context(latest)[1].isoformat()

    def _latest_dated_mention(self, noun: str, before: int) -> int | None:
        """The last sentence before `before` that names the event `noun` and has a date."""
        if self._dated_mentions is None:
            self._dated_mentions = {}
            for k, s in enumerate(self.sentences):
                found, value = self._value_in_context(k)
                if not found or value is None:
                    continue
                words = set(re.findall(r"[a-z]{3,12}", self.text[s.start:s.end].lower()))
                for word in words & EVENT_NOUNS:
                    self._dated_mentions.setdefault(word, []).append(k)
        mentions = self._dated_mentions.get(noun, [])
        position = bisect.bisect_left(mentions, before)
        return mentions[position - 1] if position else None


def sentence_date(text: str, start: int, end: int, anchor: date | str | None,
                  ignored=None, inherit: bool = True) -> str | None:
    """`SentenceDates.date_of` for one span. `anchor` is the publication date (date or ISO
    string); `ignored` (optional) the article's ignored regions, whose date phrases are never
    used."""
    return SentenceDates(text, anchor, ignored).date_of(start, end, inherit)
