"""Named-entity mentions with the small model's label errors corrected by context.

`en_core_web_sm` often tags unfamiliar place names as PERSON or ORG ("in Bano", "Baghlan
province", "leaders in Panjshir"). Each entity outside ignored regions becomes one mention with a
corrected role: `person`, `organization` or `place`. The actors and locations layers both read this
list, so a span is never both an actor and a location.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span as SpacySpan

from .article import Article
from .names import fold

ACTOR_LABELS = {"PERSON": "person", "ORG": "organization"}
PLACE_LABELS = {"GPE", "LOC", "FAC"}

# A word after a name that makes the name a place ("Baghlan province", "Panjshir Valley").
PLACE_DESIGNATORS = frozenset("""
province provinces district districts valley valleys region county counties state governorate
oblast prefecture city town village river mountains mountain island islands peninsula desert gorge
""".split())
# Prepositions that put a bare name in a place role ("in Bano", "into Panjshir").
PLACE_PREPOSITIONS = frozenset("in into near outside across throughout around".split())
COMPASS = frozenset("""north south east west northeast northwest southeast southwest northern
southern eastern western central""".split())
# Words that mark a name as an organization even after "in" ("in The Washington Post").
ORGANIZATION_WORDS = frozenset("""
post times news journal herald tribune press agency party ministry army forces council committee
company corp inc ltd group bank university college institute foundation union league association
department office court commission network twitter facebook
""".split())
# "pro-Taliban", "anti-government": descriptions, not names.
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
        if word in PLACE_DESIGNATORS:
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


def _is_headline_line(text: str, start: int, end: int) -> bool:
    """A short title-case line without final punctuation (a headline or section label)."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start: line_end if line_end >= 0 else len(text)].strip()
    words = [w for w in re.findall(r"[^\W\d_][\w’'-]*", line)]
    if not words or len(words) > 16 or line[-1:] in {".", "!", "?", "”", '"', ":"}:
        return False
    capitalised = sum(1 for w in words if w[0].isupper())
    return capitalised / len(words) >= 0.6 and len(words) >= 3


def entity_mentions(article: Article) -> list[EntityMention]:
    """Every usable PERSON/ORG/GPE/LOC/FAC mention, in text order, with corrected roles."""
    text = article.text
    ents = [
        ent for ent in article.doc.ents
        if (ent.label_ in ACTOR_LABELS or ent.label_ in PLACE_LABELS)
        and not article.is_ignored(ent.start_char, ent.end_char)
    ]
    # Names the model calls a place somewhere, or that stand before a designator, are places
    # wherever the same name occurs as a bare single word.
    place_names = {place_key(ent.text) for ent in ents if ent.label_ in PLACE_LABELS}
    place_names |= {place_key(ent.text) for ent in ents if _designator_after(ent)}
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
        if role != "place" and not _looks_like_organization(ent):
            single_word = len(ent) == 1
            if designator or (single_word and (place_key(ent.text) in place_names
                                               or _after_place_preposition(ent))):
                role = "place"
        start, end = _trim(ent)
        if start < end:
            mentions.append(EntityMention(start, end, role, ent.label_, designator))
    return mentions


def _trim(ent: SpacySpan) -> tuple[int, int]:
    """Drop a trailing possessive and surrounding punctuation from an entity's character span."""
    tokens = list(ent)
    while tokens and (tokens[-1].is_punct or tokens[-1].lower_ in {"'s", "’s", "'", "’"}):
        tokens.pop()
    while tokens and tokens[0].is_punct:
        tokens.pop(0)
    if not tokens:
        return ent.start_char, ent.start_char
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
