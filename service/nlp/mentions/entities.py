"""Named-entity mentions with the model's label errors corrected by context.

The small and medium models often tag unfamiliar place names as PERSON or ORG ("in Zarghun",
"Kunar province", "leaders in Nuristan"). Each entity outside ignored regions becomes one mention
with a corrected role: `person`, `organization` or `place`. The actors and locations layers both
read this list, so a span is never both an actor and a location.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from spacy.tokens import Span as SpacySpan

from .. import gazetteer as _gazetteer
from ..article import Article
from ..gazetteer.placenames import (
    COMPASS,
    DESIGNATOR_KINDS,
    DIVISION_ABBREVIATIONS,
    US_POSTAL,
    normalize,
    split_designator,
    strip_article,
)
from ..names import fold
from .compounds import join_compound_places
from .place_rescue import rescue_places
from .relabel import correct_mentions

ACTOR_LABELS = {"PERSON": "person", "ORG": "organization"}
PLACE_LABELS = {"GPE", "LOC", "FAC"}

# A word after a name that makes the name a place ("Kunar province", "Swat Valley").
PLACE_DESIGNATORS = frozenset(DESIGNATOR_KINDS)
# Prepositions that put a bare name in a place role ("in Zarghun", "into Nuristan").
PLACE_PREPOSITIONS = frozenset("in into near outside across throughout around".split())
# Words that mark a name as an organization even after "in" ("in The Washington Post").
ORGANIZATION_WORDS = frozenset("""
post times news journal herald tribune press agency party ministry army forces council committee
company corp inc ltd group bank university college institute foundation union league association
department office court commission network twitter facebook
""".split())
# "Selkirk, Man." / "Tupelo, MS" tagged as one person or organization: the name is a town.
_NAME_COMMA_DIVISION = re.compile(r"^([A-Z][^,]*), ?([A-Z][A-Za-z.]*?)\.?$")
# A US legislator's party before the state or town they represent.
_PARTY_TAG = re.compile(r"(?:D|R|I|DFL)[-‐–](?=[A-Z])")
# "pro-Kremlin", "anti-government": descriptions, not names.
_AFFIX_DESCRIPTION = re.compile(r"^(?:pro|anti|non|ex|post|pre)[-‐–]", re.IGNORECASE)


def place_key(name: str) -> str:
    """The clustering key of a place name: folded, without compass words and designators."""
    words = fold(name).split()
    while len(words) > 1 and words[0] in COMPASS:
        words = words[1:]
    while len(words) > 1 and words[-1] in PLACE_DESIGNATORS:
        words = words[:-1]
    return " ".join(words)


@dataclass(frozen=True)
class EntityMention:
    start: int
    end: int
    role: str  # person | organization | place
    label: str  # the model's label, kept as a hint for the place kind
    designator: str | None = None  # "province", "valley", ... when the next word names the kind


def _designator_after(ent: SpacySpan) -> str | None:
    doc = ent.doc
    if ent.end < len(doc):
        word = doc[ent.end].lower_
        # "the Sichuan city of Mianyang": the designator names the next place, not this one.
        of_follows = ent.end + 1 < len(doc) and doc[ent.end + 1].lower_ == "of"
        if word in PLACE_DESIGNATORS and not of_follows:
            return word
    last = ent[-1].lower_
    return last if last in PLACE_DESIGNATORS and len(ent) > 1 else None


def _after_place_preposition(ent: SpacySpan) -> bool:
    doc = ent.doc
    i = ent.start
    if i > 0 and doc[i - 1].lower_ in {"the"}:
        i -= 1
    if i == 0:
        return False
    before = doc[i - 1].lower_
    if before in PLACE_PREPOSITIONS:
        return True
    return before == "of" and i >= 2 and doc[i - 2].lower_ in COMPASS


def _looks_like_organization(ent: SpacySpan) -> bool:
    return any(token.lower_ in ORGANIZATION_WORDS for token in ent)


_HEADLINE_MAX_CHARS = 200
_WORD = re.compile(r"[^\W\d_][\w’'-]*")


def _is_headline_line(text: str, start: int, end: int) -> bool:
    """A short title-case line without final punctuation (a headline or section label)."""
    # Look at most a headline's length either side, so long lines cost O(1) per entity.
    line_start = text.rfind("\n", max(0, start - _HEADLINE_MAX_CHARS), start) + 1
    line_end = text.find("\n", end, end + _HEADLINE_MAX_CHARS + 1)
    if (line_start == 0 and start > _HEADLINE_MAX_CHARS) or line_end < 0 and len(text) - end > _HEADLINE_MAX_CHARS:
        return False
    line = text[line_start: line_end if line_end >= 0 else len(text)].strip()
    if len(line) > _HEADLINE_MAX_CHARS:
        return False
    words = _WORD.findall(line)
    if not words or len(words) > 16 or line[-1:] in {".", "!", "?", "”", '"', ":"}:
        return False
    capitalised = sum(1 for w in words if w[0].isupper())
    return capitalised / len(words) >= 0.6 and len(words) >= 3


def entity_mentions(article: Article) -> list[EntityMention]:
    """Every usable PERSON/ORG/GPE/LOC/FAC mention, in text order, with corrected roles."""
    text = article.text
    gaz = _gazetteer.current()
    ents = [
        ent for ent in article.doc.ents
        if (ent.label_ in ACTOR_LABELS or ent.label_ in PLACE_LABELS)
        and not article.is_ignored(ent.start_char, ent.end_char)
        and not (gaz is not None and ent.label_ in PLACE_LABELS and _is_demonym(gaz, ent.text))
    ]
    # Spans that context makes places although the model missed or mislabelled them: items of
    # "the provinces of X, Y and Z" lists, datelines, and gazetteer names after "in".
    forced = _forced_places(article, ents, gaz) if gaz is not None else {}
    # Names the model calls a place somewhere, or that stand before a designator, are places
    # wherever the same name occurs as a bare single word.
    place_names = {place_key(ent.text) for ent in ents if ent.label_ in PLACE_LABELS}
    place_names |= {place_key(ent.text) for ent in ents if _designator_after(ent)}
    place_names |= {place_key(text[a:b]) for a, b in forced}
    body_names = {fold(ent.text) for ent in ents
                  if not _is_headline_line(text, ent.start_char, ent.end_char)}

    mentions = []
    for ent in ents:
        if _AFFIX_DESCRIPTION.match(ent.text):
            continue
        if _is_headline_line(text, ent.start_char, ent.end_char) and fold(ent.text) not in body_names:
            continue
        designator = _designator_after(ent)
        role = ACTOR_LABELS.get(ent.label_, "place")
        overlap = [span for span in forced if span[0] < ent.end_char and ent.start_char < span[1]]
        if overlap and role != "place" and not _looks_like_organization(ent):
            # The list or dateline rule wins over the model's label; use the rule's own spans.
            for a, b in overlap:
                mentions.append(EntityMention(a, b, "place", ent.label_, forced.pop((a, b))))
            continue
        town = _town_before_division(text, ent) if role != "place" else None
        if town:
            mentions.append(EntityMention(ent.start_char, town, "place", ent.label_, None))
            continue
        if role != "place" and not _looks_like_organization(ent):
            single_word = len(ent) == 1
            if designator or (single_word and (place_key(ent.text) in place_names
                                               or _after_place_preposition(ent))):
                role = "place"
            elif gaz is not None and _gazetteer_place(gaz, ent):
                role = "place"
        start, end = _trim(ent)
        if role == "place":
            start = _without_party_tag(text, start, end)
        if start < end:
            mentions.append(EntityMention(start, end, role, ent.label_, designator))
    for (a, b), designator in forced.items():
        if not any(m.start < b and a < m.end for m in mentions):
            mentions.append(EntityMention(a, b, "place", "", designator))
    mentions = join_compound_places(text, mentions, gaz, EntityMention)  # compounds.py
    mentions = rescue_places(article, mentions, gaz, EntityMention)  # place_rescue.py
    # Person and organization corrections (relabel.py): non-names, spans, roles, missed names.
    return correct_mentions(article, mentions, gaz, EntityMention)


# ----------------------------------------------------------------------------------------------
# Gazetteer rescue
# ----------------------------------------------------------------------------------------------
_NAME = r"[A-Z][A-Za-z'’]*(?:[-‐][A-Za-z'’]+)*"
_NAME_SEQ = re.compile(rf"{_NAME}(?:[ ]{_NAME}){{0,3}}")
_LIST_TRIGGER = re.compile(
    r"\b(districts|provinces|villages|towns|cities|states|counties|regions|areas)"
    r"(?:\s+of)?\s*(?:[—–:-]|,)?\s*", re.IGNORECASE)
_LIST_ITEM = re.compile(rf"({_NAME}(?:[ ]{_NAME}){{0,2}})(\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s+or\s+))?")
_LIST_DESIGNATOR = {"districts": "district", "provinces": "province", "villages": "village",
                    "towns": "town", "cities": "city", "states": "state", "counties": "county",
                    "regions": "region", "areas": None}
# "LAGOS —", "LAGOS, Nigeria —", "NEW YORK (AP) —", "Lagos, Nigeria -"
_DATELINE = re.compile(
    r"^[ \t]*([A-Z][A-Z.'’-]+(?:[ ][A-Z][A-Z.'’-]+){0,3})(?:,[ ]?[A-Z][A-Za-z. ]{1,30})?"
    r"(?:[ ]?\([A-Za-z ]+\))?[ ]?[—–-]{1,2}[ ]", re.MULTILINE)
_RESCUE_BEFORE = PLACE_PREPOSITIONS | {"from", "to", "of", "at", "on", "through", "via", "between",
                                       "towards", "toward", "beyond"}
_NOT_PLACES = frozenset("""
i we he she they it this that these those the a an and or but mr mrs ms dr monday tuesday
wednesday thursday friday saturday sunday january february march april may june july august
september october november december god
""".split())


def _is_demonym(gaz, text: str) -> bool:
    key = strip_article(normalize(text))
    return key in gaz.demonyms


def _hits(gaz, key: str, variants: bool = True) -> list[tuple[int, int, bool]]:
    """(row, is_main, is_exact) gazetteer candidates for a normalised core name."""
    exact = [(row, main, True) for row, main in gaz.exact(key)]
    seen = {row for row, _, _ in exact}
    if variants:
        exact += [(row, main, False) for row, main in gaz.variants(key) if row not in seen]
    return exact


def _focus_countries(article: Article, ents, gaz) -> set[str]:
    """Countries the text names or whose demonyms it uses (a cheap focus for rescue)."""
    found = set()
    for token in article.doc:
        if token.is_title or token.is_upper:
            cc = gaz.demonyms.get(token.lower_)
            if cc:
                found.add(cc)
    for ent in ents:
        if ent.label_ in PLACE_LABELS:
            for row, main in gaz.exact(strip_article(normalize(ent.text))):
                if main and gaz.kind_of(row) == "country":
                    found.add(gaz.country_of(row))
    return found


def _rescuable(gaz, raw: str, focus: set[str], strong_context: bool) -> bool:
    key, hint, _ = split_designator(normalize(raw))
    if not key or key in _NOT_PLACES or key in gaz.demonyms:
        return False
    for row, main, exact in _hits(gaz, key):
        kind = gaz.kind_of(row)
        if exact and main and kind in ("country", "admin1", "region", "natural"):
            return True
        if gaz.country_of(row) in focus and (exact or len(key) >= 5):
            return True
        if strong_context and exact and main:
            return True
    return False


def _gazetteer_place(gaz, ent: SpacySpan) -> bool:
    """A PERSON/ORG span that is a well-known place (a country or a first-level division) or a
    place of the article's countries standing after a place preposition."""
    raw = strip_article(ent.text)
    key = strip_article(normalize(raw))
    if not key or key in gaz.demonyms:
        return False
    doc = ent.doc
    if ent.start > 0 and fold(doc[ent.start - 1].text) in {"mr", "mrs", "ms", "dr"}:
        return False
    if _acronym_in_running_text(ent):
        return False  # "the state news agency SANA": an acronym, not the place it spells
    for row, main in gaz.exact(key):
        kind = gaz.kind_of(row)
        if main and kind in ("country", "admin1") and (ent.label_ == "ORG" or len(ent) == 1):
            return True
        if main and kind in ("natural", "region"):  # curated well-known features
            return True
        if main and kind == "city" and int(gaz.pop[row]) >= 1_000_000 and ent.label_ == "ORG":
            return True
    return False


def _acronym_in_running_text(ent: SpacySpan) -> bool:
    """A one-word all-capitals name inside a sentence written in lower case (not a dateline
    or a headline in capitals)."""
    if len(ent) != 1 or not ent.text.isalpha() or not ent.text.isupper() or len(ent.text) < 3:
        return False
    sentence = ent.sent
    return ent.start > sentence.start and sum(t.is_lower for t in sentence) >= 3


class _EntityCover:
    """Whether a character range overlaps an entity, by binary search (entities are sorted and
    never overlap), so checking every capitalised name of a long article stays cheap."""

    def __init__(self, ents):
        self._starts = [e.start_char for e in ents]
        self._ends = [e.end_char for e in ents]

    def __call__(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self._ends, start)
        return i < len(self._starts) and self._starts[i] < end


def _forced_places(article: Article, ents, gaz) -> dict[tuple[int, int], str | None]:
    text = article.text
    focus = _focus_countries(article, ents, gaz)
    forced: dict[tuple[int, int], str | None] = {}
    in_entity = _EntityCover(ents)

    def add(a: int, b: int, designator: str | None) -> None:
        if not article.is_ignored(a, b) and b > a:
            forced.setdefault((a, b), designator)

    for match in _LIST_TRIGGER.finditer(text):
        designator = _LIST_DESIGNATOR.get(match.group(1).lower())
        position = match.end()
        items = []
        while True:
            item = _LIST_ITEM.match(text, position)
            if not item:
                break
            items.append((item.start(1), item.end(1)))
            if not item.group(2):
                break
            position = item.end()
        if len(items) >= 2 or (items and designator):
            for a, b in items:
                if _rescuable(gaz, text[a:b], focus, strong_context=True) or len(items) >= 2:
                    add(a, b, designator)
    for match in _DATELINE.finditer(text):
        a, b = match.span(1)
        if _rescuable(gaz, text[a:b], focus, strong_context=True):
            add(a, b, None)
    # Capitalised names the model missed entirely, after a place preposition; also names it
    # took for a group ("of Tampere", "eastern Tampere" as NORP) that are no demonym.
    groups = {(e.start_char, e.end_char) for e in article.doc.ents if e.label_ == "NORP"}
    rescued_keys = set()
    for match in _NAME_SEQ.finditer(text):
        a, b = match.span()
        if in_entity(a, b):
            continue
        before = text[max(0, a - 12):a].split()
        word = before[-1].lower() if before else ""
        group = (a, b) in groups
        if word not in _RESCUE_BEFORE and not (group and word in COMPASS):
            continue
        if _rescuable(gaz, text[a:b], focus, strong_context=group):
            add(a, b, None)
            rescued_keys.add(normalize(text[a:b]))
    if rescued_keys:  # the same names elsewhere in the text
        for match in _NAME_SEQ.finditer(text):
            a, b = match.span()
            if normalize(text[a:b]) in rescued_keys and not in_entity(a, b):
                add(a, b, None)
    return forced


def _town_before_division(text: str, ent: SpacySpan) -> int | None:
    """The end of "Selkirk" in an entity "Selkirk, Man." or "Tupelo, MS": a name, a comma
    and a state's or province's abbreviation (its dot after it, or a postal code) is a town."""
    match = _NAME_COMMA_DIVISION.match(ent.text)
    if not match:
        return None
    code = match.group(2).rstrip(".")
    dotted = ent.text.endswith(".") or text[ent.end_char:ent.end_char + 1] == "."
    if code in US_POSTAL or code in DIVISION_ABBREVIATIONS and dotted:
        return ent.start_char + match.end(1)
    return None


def _without_party_tag(text: str, start: int, end: int) -> int:
    """The start of the place in a legislator's party tag ("Ann Roe, D-N.Y.", "(R-Texas)")."""
    match = _PARTY_TAG.match(text, start, end)
    if match is None or text[max(0, start - 2):start].strip() not in (",", "("):
        return start
    return match.end()


def _trim(ent: SpacySpan) -> tuple[int, int]:
    """Drop a trailing possessive and surrounding punctuation from an entity's character span."""
    tokens = list(ent)
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space
                      or tokens[-1].lower_ in {"'s", "’s", "'", "’"}):
        tokens.pop()
    while tokens and (tokens[0].is_punct or tokens[0].is_space):
        tokens.pop(0)
    if not tokens:
        return ent.start_char, ent.start_char
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
