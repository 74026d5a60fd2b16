"""Salience of each actor and location: how central it is to the article, in [0, 1].

A CMS picks a story's main tags from it (as Google Cloud Natural Language's salience is used).
Every mention adds a weight that depends on where it stands:

- in the headline: HEADLINE_WEIGHT;
- in the lead (the first paragraph of at least LEAD_MIN_WORDS words after the headline, outside
  boilerplate): LEAD_WEIGHT;
- elsewhere: from 1 at the start of the text down to 1 - POSITION_DECAY at its end, since news
  puts what matters first.

An entity's salience is its summed weight divided by the summed weight of all actors and
locations of the article, so the saliences of one article add up to 1 (within rounding) and do
not depend on which layers the request asked for.
"""
from __future__ import annotations

import re

from .article import Article
from .types import Span

HEADLINE_WEIGHT = 3.0
LEAD_WEIGHT = 2.0
POSITION_DECAY = 0.5
LEAD_MIN_WORDS = 12
_PARAGRAPH = re.compile(r"[^\n]+")
_WORD = re.compile(r"\w+")


def lead_span(article: Article, headline: Span | None) -> Span | None:
    """The first paragraph (one line) after the headline with enough words, not boilerplate."""
    after = headline.end if headline else 0
    for match in _PARAGRAPH.finditer(article.text, after):
        if article.is_ignored(match.start(), match.end()):
            continue
        if len(_WORD.findall(match.group())) >= LEAD_MIN_WORDS:
            return Span(match.start(), match.end())
    return None


def _inside(mention: Span, region: Span | None) -> bool:
    return region is not None and region.start <= mention.start and mention.end <= region.end


def mention_weight(mention: Span, length: int, headline: Span | None, lead: Span | None) -> float:
    if _inside(mention, headline):
        return HEADLINE_WEIGHT
    if _inside(mention, lead):
        return LEAD_WEIGHT
    return 1.0 - POSITION_DECAY * mention.start / max(length, 1)


def saliences(article: Article, entities: list, headline: Span | None) -> dict[str, float]:
    """Entity id -> salience, over `entities` (actors and locations, each with `mentions`)."""
    lead = lead_span(article, headline)
    length = len(article.text)
    scores = {entity.id: sum(mention_weight(m, length, headline, lead) for m in entity.mentions)
              for entity in entities}
    total = sum(scores.values())
    return {key: round(score / total, 4) if total else 0.0 for key, score in scores.items()}


def add_salience(result: dict, article: Article, found: dict, metadata) -> None:
    """Set `salience` on the actors and locations present in `result` (plain dicts)."""
    values = saliences(article, found["actors"] + found["locations"], metadata.headline)
    for layer in ("actors", "locations"):
        for entity in result.get(layer, []):
            entity["salience"] = values[entity["id"]]
