"""Person and organization names the model missed, found from what the text says around them.

A capitalised run after a role word ("resident Omar Haddad") or ending in a group's head word
("the Coordination Committee"), the name before an acronym in parentheses and that acronym's
later uses, and later uses of a name already found ("Sunak" after "Rishi Sunak").
"""
from __future__ import annotations

import bisect
import itertools
import re

from ..article import Article
from ..names import TITLES, fold, initials, name_tokens
from .vocabulary import GROUP_HEADS, ROLE_WORDS

_ACRONYM_DEFINITION = re.compile(r"\(([A-Z][A-Z&]{1,9})\)")


def covered(mentions, start: int, end: int) -> bool:
    return any(m.start < end and start < m.end for m in mentions)


class Cover:
    """Whether [start, end) overlaps one of the spans, by bisection (spans may overlap)."""

    def __init__(self, spans):
        spans = sorted((m.start, m.end) for m in spans)
        self._starts = [a for a, _ in spans]
        self._reach = list(itertools.accumulate((b for _, b in spans), max))

    def __call__(self, start: int, end: int) -> bool:
        index = bisect.bisect_left(self._starts, end) - 1
        return index >= 0 and self._reach[index] > start


def role_word_names(article: Article, mentions: list, make) -> list:
    """"resident Omar Haddad": a capitalised run of one to three words after a role word."""
    in_mention = Cover(mentions)
    doc = article.doc
    found = []
    for token in doc:
        if token.lower_ not in ROLE_WORDS or token.i + 1 >= len(doc):
            continue
        first = token.i + 1
        while first < len(doc) and (doc[first].lower_ in ROLE_WORDS or doc[first].lower_ == "vice"):
            first += 1  # "Former Vice President X": the name follows the whole title
        run = []
        for nxt in doc[first: first + 3]:
            if nxt.pos_ != "PROPN" or not nxt.text[:1].isupper() or nxt.lower_ in ROLE_WORDS:
                break
            run.append(nxt)
        if not run or (len(run) == 1 and doc[first - 1].lower_ not in TITLES):
            continue
        after = doc[run[-1].i + 1] if run[-1].i + 1 < len(doc) else None
        if after is not None and after.pos_ == "NOUN" and after.text.islower():
            continue  # "the late Panjshiri leader": the capitalised word describes the noun
        start, end = run[0].idx, run[-1].idx + len(run[-1].text)
        if article.is_ignored(start, end) or in_mention(start, end) \
                or covered(found[-1:], start, end):
            continue
        found.append(make(start, end, "person", "PERSON"))
    return found


_CONNECTORS = frozenset("of for and".split())


def _word_ending_at(text: str, position: int) -> tuple[int, str] | None:
    """(start, word) of the word just before `position`, spaces between them allowed (a scan
    back over at most 40 characters, no regular expression: it stays linear)."""
    end = position
    while end > 0 and position - end < 40 and text[end - 1] in " \t":
        end -= 1
    start = end
    while start > 0 and end - start < 40 and (text[start - 1].isalnum()
                                               or text[start - 1] in "’'&-_"):
        start -= 1
    return (start, text[start:end]) if start < end else None


def _capitalised_run_before(text: str, end: int, through_the: bool = False
                            ) -> tuple[int, int] | None:
    """The run of capitalised words (with "of", "for", "and" between them, and with
    `through_the` "for the", "of the") ending at `end`."""
    start = None
    position = end
    pending = None  # a connector kept only when a capitalised word comes before it
    for _ in range(10):
        found = _word_ending_at(text, position)
        if found is None:
            break
        word_start, word = found
        if word[:1].isupper() and word not in ("The", "A", "An"):
            start, pending = word_start, None
        elif word.lower() in _CONNECTORS and start is not None and (
                pending is None or text[pending:pending + 4] == "the "):
            pending = word_start  # "for", or "for the" ("Office for the Coordination of ...")
        elif word == "the" and through_the and start is not None and pending is None:
            pending = word_start
        else:
            break
        position = word_start
    if start is None or len(text[start:end].split()) < 2:
        return None
    return start, end


def group_names(article: Article, mentions: list, make) -> list:
    """"the Coordination Committee said": capitalised words ending in a group's head word
    (committee, council, front, company, ...) that the model missed name an organization."""
    in_mention = Cover(mentions)
    text = article.text
    found = []
    for token in article.doc:
        if token.lower_ not in GROUP_HEADS or not token.text[:1].isupper() or token.i == 0:
            continue
        end = token.idx + len(token.text)
        run = _capitalised_run_before(text, end)
        if run is None or in_mention(*run) or covered(found[-1:], *run) \
                or article.is_ignored(*run):
            continue
        if text[run[0]:end].split()[0].lower() in ROLE_WORDS:
            continue
        found.append(make(run[0], run[1], "organization", "ORG"))
    return found


def acronym_names(article: Article, mentions: list, make) -> list:
    """"the Coalition for River Rights (KORA)": a capitalised run before an acronym in
    parentheses is the organization's name, when the model missed it or found only a part of it
    whose initials are not the acronym's ("Dockworkers Alliance" and "Velmar" before "(DAV)")."""
    in_mention = Cover(mentions)
    sorted_spans = _SortedSpans(mentions)
    ends = {m.end: m for m in mentions}
    text = article.text
    found = []
    for definition in _ACRONYM_DEFINITION.finditer(text):
        end = definition.start()
        while end > 0 and text[end - 1].isspace():
            end -= 1
        run = _capitalised_run_before(text, end)
        longer = _capitalised_run_before(text, end, through_the=True)
        if longer != run and _spells(_initials(text, longer), definition.group(1).lower(),
                                     text[longer[0]:longer[1]]):
            run = longer  # "Office for the Coordination of Humanitarian Affairs (OCHA)"
        if run is None or article.is_ignored(*run):
            continue
        before = next((ends[k] for k in range(definition.start() - 2, definition.start() + 1)
                       if k in ends), None)
        spelled = _spells(_initials(text, run), definition.group(1).lower(), text[run[0]:run[1]])
        if before is None and not in_mention(*run):
            found.append(make(run[0], run[1], "organization", "ORG"))
        elif spelled and (before is None or before.start > run[0] and _initials(
                text, (before.start, before.end)) != definition.group(1).lower()):
            # The model's parts, "The Dockworkers Alliance" and "Velmar", give way to the whole
            # (with their article).
            if text[max(0, run[0] - 4):run[0]] in ("The ", "the "):
                run = (run[0] - 4, run[1])
            if _holds_its_overlaps(run, sorted_spans):
                found.append(make(run[0], run[1], "organization", "ORG"))
        # Else the model found the name: acronym_uses joins the acronym to it.
    return found


def _spells(initials: str, acronym: str, run: str) -> bool:
    """The run's initials are the acronym's, perhaps after a qualifier in capitals ("UN Office for
    the Coordination of Humanitarian Affairs (OCHA)")."""
    first = run.split()[0]
    return initials == acronym or (first.isupper() and initials == first[0].lower() + acronym)


def _holds_its_overlaps(run: tuple[int, int], spans: "_SortedSpans") -> bool:
    """Every mention overlapping `run` lies inside it (so the run can replace them)."""
    return spans.reach_before(run[0]) <= run[0] and spans.max_end_from(run[0], run[1]) <= run[1]


class _SortedSpans:
    """Mentions by start, with the farthest end reached before a point and within a range, by
    bisection, so the checks above stay linear in the number of acronyms and mentions."""

    def __init__(self, mentions: list):
        spans = sorted((m.start, m.end) for m in mentions)
        self._starts = [a for a, _ in spans]
        self._ends = [b for _, b in spans]
        self._reach = list(itertools.accumulate(self._ends, max))

    def reach_before(self, position: int) -> int:
        index = bisect.bisect_left(self._starts, position) - 1
        return self._reach[index] if index >= 0 else -1

    def max_end_from(self, start: int, end: int) -> int:
        lo, hi = bisect.bisect_left(self._starts, start), bisect.bisect_left(self._starts, end)
        return max(self._ends[lo:hi], default=-1)


def _initials(text: str, span: tuple[int, int]) -> str:
    return initials(name_tokens(text[span[0]:span[1]]))


def without_parts_of(mentions: list, spans: list) -> list:
    """The mentions that do not lie inside one of `spans` (disjoint names, each replacing the
    parts found in it); the spans themselves stay."""
    spans = sorted(spans, key=lambda s: s.start)
    starts = [s.start for s in spans]
    kept = []
    for mention in mentions:
        index = bisect.bisect_right(starts, mention.start) - 1
        span = spans[index] if index >= 0 else None
        inside = span is not None and mention.end <= span.end and (
            (span.start, span.end) != (mention.start, mention.end))
        if not inside:
            kept.append(mention)
    return kept


def acronym_uses(article: Article, mentions: list, make) -> list:
    """Later uses of an acronym defined in parentheses after an organization's name."""
    text = article.text
    found = []
    ends = {m.end for m in mentions if m.role == "organization"}
    in_mention = Cover(mentions)
    seen = set()
    for definition in _ACRONYM_DEFINITION.finditer(text):
        acronym = definition.group(1)
        if acronym in seen or not ends & set(range(definition.start() - 2, definition.start() + 1)):
            continue
        seen.add(acronym)  # each acronym's uses are found once
        for use in re.finditer(rf"(?<![\w-]){re.escape(acronym)}(?![\w-])", text):
            a, b = use.span()
            if article.is_ignored(a, b) or in_mention(a, b) or covered(found[-1:], a, b):
                continue
            found.append(make(a, b, "organization", "ORG"))
    return found


def actor_keys(text: str, mentions: list) -> dict[str, str]:
    """Name strings of person and organization mentions -> their role: the whole name, and a
    person's surname. A string used by both roles is left out."""
    keys: dict[str, str] = {}
    clash = set()
    for mention in mentions:
        if mention.role == "place":
            continue
        words = _POSSESSIVE.sub("", text[mention.start:mention.end]).split()
        while words and (words[0].lower() == "the" or fold(words[0]) in TITLES):
            words = words[1:]
        candidates = [" ".join(words)] if words else []
        if mention.role == "person" and len(words) >= 2:
            candidates.append(words[-1])
        for key in candidates:
            if len(key) < 3 or not key[:1].isupper():
                continue
            if keys.setdefault(key, mention.role) != mention.role:
                clash.add(key)
    return {key: role for key, role in keys.items() if key not in clash}


_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")


def repeated_names(article: Article, mentions: list, make) -> list:
    """Other uses of a person's or an organization's name the model missed ("Sunak" after
    "Rishi Sunak"), when the name is not also a lower-case word of the text."""
    text = article.text
    keys = actor_keys(text, mentions)
    lower_words = set(re.findall(r"\b[a-z][a-z'-]+\b", text))
    keys = {key: role for key, role in keys.items() if key.lower() not in lower_words}
    if not keys:
        return []
    found = []
    in_mention = Cover(mentions)
    longest = max(len(key.split()) for key in keys)
    starts = [m.start() for m in _CAPITALISED.finditer(text)]
    for start in starts:  # each capitalised word, with the next few: linear in the text
        words = text[start:start + 120].split("\n", 1)[0].split(" ")[:longest]
        for size in range(len(words), 0, -1):
            candidate = _TRAILING.sub("", " ".join(words[:size]))
            role = keys.get(candidate)
            if role is None:
                continue
            a, b = start, start + len(candidate)
            if not (article.is_ignored(a, b) or in_mention(a, b) or covered(found[-1:], a, b)
                    or _in_longer_name(text, a, b)):
                found.append(make(a, b, role, "PERSON" if role == "person" else "ORG"))
            break
    return found


_CAPITALISED = re.compile(r"(?<![\w'’-])[A-Z]")
# What may follow a name inside the same space-separated word: a possessive, punctuation.
_TRAILING = re.compile(r"(?:['’]s|['’]|[^\w'’-])+$|[^\w\s'’&.-].*$")


def _in_longer_name(text: str, start: int, end: int) -> bool:
    """A capitalised word right before or after: part of a longer name the model missed."""
    before = text[max(0, start - 30):start].split()
    after = text[end:end + 30].split()
    joined_before = start > 0 and not text[start - 1].isspace()
    return joined_before or (bool(before) and before[-1][:1].isupper() and not before[-1].endswith(
        (".", ",", ":", ";", "”", '"'))) or (bool(after) and after[0][:1].isupper()
                                            and text[end:end + 1] == " ")
