"""The date of a sentence: its own date phrase, else (for an event) its paragraph's or the event's.

Sentences are split with a light boundary rule (abbreviations and initials do not end one); date
phrases come from dates.py and are resolved against the article's publication date.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from ..types import strip_range
from .dates import DatePhrase, as_date, find_date_phrases, resolve_date

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
        self.anchor = as_date(anchor)
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
