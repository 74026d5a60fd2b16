"""Place mentions the model misses, splits or mislabels, recovered from context and the gazetteer.

Run by `entities.entity_mentions` on its finished list of mentions; each rule needs both a
gazetteer name and a context that makes it a place, so a common word or a person's name that
the gazetteer happens to hold is not rescued without that context:
- compound names stay whole: "Jammu and Kashmir", "Trinidad and Tobago" become one mention
  when the joined name is a main gazetteer name (two mentions, or one and the capitalised
  name after "and");
- a shared plural designator reaches every conjunct: in "the Anhui and Jiangxi provinces" both
  names are provinces;
- locative frames make a PERSON/ORG span, or a capitalised name the model left unlabelled, a
  place: "the village of X", "X, a town in ...", "X district" (a designator after the name),
  and a PERSON/ORG span after a place preposition that names a place of a focus country;
  the other PERSON/ORG mentions of a name so rescued follow it;
- an ORG-tagged place abbreviation ("the DRC") is a place;
- a GPE/LOC span the gazetteer does not know at all that the model labels PERSON or ORG
  elsewhere in the text ("Montalvo said ...") is that actor, not a place.
"""
from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import replace

from ..gazetteer.placenames import ABBREVIATIONS, DESIGNATOR_KINDS, normalize, strip_article
from ..names import fold

_PLACE_LABELS = {"GPE", "LOC", "FAC"}
_ACTOR_ROLES = {"PERSON": "person", "ORG": "organization"}
# "the village of X", "the district of X": the frame word is X's designator.
_FRAME_BEFORE = re.compile(
    r"\b(?:the|a)\s+(village|town|city|district|province|region|county|state|regency|"
    r"municipality|township|governorate|oblast)\s+of\s+$", re.IGNORECASE)
# "Ana Velaro, 29, of X": news style gives a person's age and home town.
_AGE_OF_BEFORE = re.compile(r",\s*\d{1,3},\s+of\s+$")
# "X, a town in ...", "X, a village near ...", "X, the capital of ..."
_FRAME_AFTER = re.compile(
    r"^,\s+(?:a|an|the)\s+(?:small\s+|large\s+|remote\s+|coastal\s+|border\s+|northern\s+|"
    r"southern\s+|eastern\s+|western\s+)?(village|town|city|district|province|region|county|"
    r"capital|port|suburb|state)\b", re.IGNORECASE)
_FRAME_KINDS = {"capital": "city", "port": "city", "suburb": "city"}  # frame word -> designator
_NAME = r"[A-Z][\w'’]*(?:[-‐][\w'’]+)*"
# Spaces bounded so that a scan over long runs of white space stays linear.
_NAME_AFTER_AND = re.compile(rf"[ ]{{1,3}}(?:and|&)[ ]{{1,3}}({_NAME}(?:[ ]{{1,3}}{_NAME}){{0,2}})")
_CONJUNCTION = re.compile(r"[ ]{0,3}(?:,|,?[ ]{1,3}and|&)[ ]{0,3}")
_NAME_SEQ = re.compile(rf"{_NAME}(?:[ ]{_NAME}){{0,2}}")
FOCUS_TOWN_POPULATION = 10_000
_COMPOUND_KINDS = ("country", "admin1", "admin2", "city", "region", "natural")


def rescue_places(article, mentions: list, gaz, make) -> list:
    """The mentions with the rules above applied; `make` builds a new mention
    (start, end, role, label, designator)."""
    if gaz is None:
        return mentions
    text = article.text
    mentions = _join_compounds(text, sorted(mentions, key=lambda m: m.start), gaz, make)
    focus = _focus_countries(text, mentions, gaz)
    surnames = _actor_name_words(text, mentions)
    mentions = [_relabel(text, m, gaz, focus, surnames) for m in mentions]
    mentions = _same_name_as_rescued(text, mentions, surnames)
    mentions += _unlabelled_in_frames(article, mentions, gaz, make)
    mentions = _actors_tagged_as_places(text, mentions, gaz)
    mentions = [_with_designator_after(text, m) for m in mentions]
    mentions = _shared_designators(text, sorted(mentions, key=lambda m: m.start))
    return mentions


def _is_main_name(gaz, name: str, kinds=_COMPOUND_KINDS) -> bool:
    return any(main and gaz.kind_of(row) in kinds
               for row, main in gaz.exact(strip_article(normalize(name))))


def _known(gaz, name: str) -> bool:
    key = strip_article(normalize(name))
    return bool(key) and bool(gaz.exact(key))


# -- compounds ------------------------------------------------------------------------------
def _join_compounds(text: str, mentions: list, gaz, make) -> list:
    """"Jammu" + "and Kashmir": one place mention when the whole is a main gazetteer name."""
    out: list = []
    skip_until = -1
    for m in mentions:
        if m.start < skip_until:
            continue
        joined = _compound_end(text, m, gaz) if m.role == "place" or m.label in _PLACE_LABELS else None
        if joined is None:
            out.append(m)
            continue
        out.append(make(m.start, joined, "place", m.label or "GPE", None))
        skip_until = joined
    return out


def _compound_end(text: str, m, gaz) -> int | None:
    after = _NAME_AFTER_AND.match(text, m.end)
    if not after:
        return None
    words = list(re.finditer(r"\S+", after.group(1)))
    for k in range(len(words), 0, -1):  # longest first: "Saint Kitts and Nevis"
        end = after.start(1) + words[k - 1].end()
        if _is_main_name(gaz, text[m.start:end]):
            return end
    return None


# -- locative frames ------------------------------------------------------------------------
def _frame_designator(text: str, start: int, end: int) -> str | None:
    """The designator a locative frame gives the name at [start, end), else None."""
    before = _FRAME_BEFORE.search(text[max(0, start - 40):start])
    if before:
        return before.group(1).lower()
    after = _FRAME_AFTER.match(text[end:end + 50])
    if after:
        word = after.group(1).lower()
        return _FRAME_KINDS.get(word, word)
    return None


def _relabel(text: str, m, gaz, focus: set[str], surnames: frozenset = frozenset()):
    """A PERSON/ORG mention is a place in a locative frame ("the village of X": the frame alone
    suffices), in "X, a town in ..." or after a place preposition when the gazetteer knows
    it, or after a preposition when it is a main name of a focus country's place ("roads to
    Fort Smith" in a story about the United States); an ORG place abbreviation is a place."""
    if m.role == "place":
        return m
    raw = text[m.start:m.end]
    bare = re.sub(r"^[Tt]he\s+", "", raw)
    if m.label == "ORG" and bare in ABBREVIATIONS and ABBREVIATIONS[bare] != "european union":
        return replace(m, role="place")
    if _AGE_OF_BEFORE.search(text[max(0, m.start - 16):m.start]) and (
            m.label != "ORG" or _known(gaz, raw)):
        return replace(m, role="place")  # "Tanya Ruiz, 29, of Mason": where a person lives
    if _FRAME_BEFORE.search(text[max(0, m.start - 40):m.start]):
        return replace(m, role="place", designator=m.designator or _frame_designator(text, m.start, m.end))
    designator = _frame_designator(text, m.start, m.end)
    if designator and _known(gaz, raw):
        return replace(m, role="place", designator=m.designator or designator)
    if (_after_preposition(text, m.start) and not bare.isupper() and fold(bare) not in surnames
            and _focus_place(gaz, bare, focus)):
        return replace(m, role="place")
    return m


def _actor_name_words(text: str, mentions: list) -> frozenset:
    """Words of multi-word PERSON names ("Rick Santorum"): the bare surname is that person,
    even when a town in the gazetteer shares it."""
    words = set()
    for m in mentions:
        parts = fold(text[m.start:m.end]).split()
        if m.label == "PERSON" and len(parts) > 1:
            words.update(parts)
    return frozenset(words)


_PREPOSITION_BEFORE = re.compile(
    r"\b(?:in|into|near|outside|to|from|through|via|between|towards?|around)\s+(?:the\s+)?$")


def _after_preposition(text: str, start: int) -> bool:
    return bool(_PREPOSITION_BEFORE.search(text[max(0, start - 16):start]))


def _focus_place(gaz, name: str, focus: set[str]) -> bool:
    """A main name of a focus country's division, or of a town of 10,000 or more there."""
    return any(main and gaz.country_of(row) in focus
               and (gaz.kind_of(row) in ("admin1", "admin2")
                    or gaz.kind_of(row) == "city" and int(gaz.pop[row]) >= FOCUS_TOWN_POPULATION)
               for row, main in gaz.exact(strip_article(normalize(name))))


def _focus_countries(text: str, mentions: list, gaz) -> set[str]:
    """Countries the article names among its place mentions, or by a demonym."""
    found = set()
    for m in mentions:
        if m.role == "place":
            found.update(gaz.country_of(row) for row, main in
                         gaz.exact(strip_article(normalize(text[m.start:m.end])))
                         if main and gaz.kind_of(row) == "country")
    for word in re.findall(r"\b[A-Z][a-z]+\b", text):
        cc = gaz.demonyms.get(word.lower())
        if cc:
            found.add(cc)
    return found


def _same_name_as_rescued(text: str, mentions: list, surnames: frozenset = frozenset()) -> list:
    """The model tagged a name PERSON/ORG and context made one of its mentions a place: its
    other PERSON/ORG mentions are that place too ("near Hilla" ... "between Hilla and ...").
    A name the model itself calls a place somewhere keeps its actor mentions (Michael Jordan
    beside Jordan)."""
    rescued = {fold(text[m.start:m.end]) for m in mentions
               if m.role == "place" and m.label in _ACTOR_ROLES}
    modelled = {fold(text[m.start:m.end]) for m in mentions if m.label in _PLACE_LABELS}
    follow = rescued - modelled - surnames
    return [replace(m, role="place") if m.role != "place" and m.label in _ACTOR_ROLES
            and fold(text[m.start:m.end]) in follow else m for m in mentions]


def _unlabelled_in_frames(article, mentions: list, gaz, make) -> list:
    """Capitalised names no mention covers, in a locative frame or before a designator."""
    text = article.text
    covered = _Cover(mentions)
    found = []
    for match in _NAME_SEQ.finditer(text):
        a, b = match.span()
        if covered(a, b) or article.is_ignored(a, b):
            continue
        designator = _frame_designator(text, a, b) or _designator_word_after(text, b)
        if designator and _known(gaz, text[a:b]) and not _sentence_initial_word(text, a, b):
            found.append(make(a, b, "place", "", designator))
    return found


class _Cover:
    """Whether a range overlaps a mention, by binary search over the mentions' ends (mentions
    do not overlap), so a long article costs O(names log mentions)."""

    def __init__(self, mentions: list):
        spans = sorted((m.start, m.end) for m in mentions)
        self._starts = [a for a, _ in spans]
        self._ends = list(itertools.accumulate((b for _, b in spans), max))

    def __call__(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self._ends, start)
        return i < len(self._starts) and self._starts[i] < end


def _designator_word_after(text: str, end: int) -> str | None:
    after = re.match(r"[ ]([a-z]+)\b", text[end:end + 16])
    word = after.group(1) if after else None
    return word if word in DESIGNATOR_KINDS and DESIGNATOR_KINDS[word] != "natural" else None


def _with_designator_after(text: str, m):
    """A place rescued by an earlier rule ("in Kasese") still reads "district" after it."""
    if m.role != "place" or m.designator:
        return m
    designator = _designator_word_after(text, m.end)
    return replace(m, designator=designator) if designator else m


def _sentence_initial_word(text: str, a: int, b: int) -> bool:
    """"Police district ...": one capitalised word opening a sentence is no evidence."""
    before = text[max(0, a - 3):a].strip()
    return " " not in text[a:b] and (not before or before[-1] in ".!?\n\"“")


# -- actors tagged as places ----------------------------------------------------------------
def _actors_tagged_as_places(text: str, mentions: list, gaz) -> list:
    actor_roles = {}
    for m in mentions:
        if m.label in _ACTOR_ROLES and m.role != "place":
            actor_roles.setdefault(fold(text[m.start:m.end]), _ACTOR_ROLES[m.label])
    out = []
    for m in mentions:
        role = actor_roles.get(fold(text[m.start:m.end]))
        if (m.role == "place" and m.label in _PLACE_LABELS and role and not m.designator
                and not _known(gaz, text[m.start:m.end])
                and not gaz.variants(strip_article(normalize(text[m.start:m.end])))):
            m = replace(m, role=role)
        out.append(m)
    return out


# -- shared designators ---------------------------------------------------------------------
def _shared_designators(text: str, mentions: list) -> list:
    """"Anhui and Jiangxi provinces": the plural designator of the last conjunct reaches the
    earlier ones, and makes them places whatever the model took them for ("the Tamor and Arun
    rivers")."""
    out = list(mentions)
    for i in range(len(out) - 2, -1, -1):
        m, nxt = out[i], out[i + 1]
        plural = nxt.designator and nxt.designator.endswith("s")
        if (plural and nxt.role == "place" and not m.designator
                and _CONJUNCTION.fullmatch(text, m.end, nxt.start)):
            out[i] = replace(m, role="place", designator=nxt.designator)
    return out
