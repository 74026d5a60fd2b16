"""Locations: place mentions clustered by name, each with a kind and (when resolved) geo.

Mentions of one place are clustered on a key that ignores a leading "the", compass adjectives and
a trailing designator ("the Panjshir Valley", "Panjshir"; "northern Baghlan province", "Baghlan").
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .article import Article
from .entities import COMPASS, EntityMention, place_key
from .types import Location, Span

DESIGNATOR_KINDS = {
    "province": "admin1", "provinces": "admin1", "state": "admin1", "governorate": "admin1",
    "oblast": "admin1", "prefecture": "admin1", "region": "admin1",
    "district": "admin2", "districts": "admin2", "county": "admin2", "counties": "admin2",
    "city": "city", "town": "city", "village": "city",
    "valley": "natural", "valleys": "natural", "river": "natural", "mountain": "natural",
    "mountains": "natural", "island": "natural", "islands": "natural", "peninsula": "natural",
    "desert": "natural", "gorge": "natural",
}
LABEL_KINDS = {"GPE": "city", "LOC": "natural", "FAC": "facility"}


def _display_name(text: str) -> str:
    words = text.split()
    while len(words) > 1 and (words[0].lower() == "the" or words[0].lower() in COMPASS):
        words = words[1:]
    return " ".join(words)


@dataclass
class _Cluster:
    key: str
    name: str
    kind: str
    mentions: list[Span] = field(default_factory=list)


def cluster_locations(article: Article, mentions: list[EntityMention], country_names) -> list[Location]:
    """Cluster place mentions; `country_names` maps folded names to True for known countries."""
    clusters: dict[str, _Cluster] = {}
    for mention in mentions:
        if mention.role != "place":
            continue
        raw = article.text[mention.start:mention.end]
        key = place_key(raw)
        if not key:
            continue
        kind = _kind(key, mention, country_names)
        cluster = clusters.get(key)
        if cluster is None:
            cluster = clusters[key] = _Cluster(key, _display_name(raw), kind)
        elif cluster.kind in LABEL_KINDS.values() and kind not in LABEL_KINDS.values():
            cluster.kind = kind  # an explicit designator beats a guess from the NER label
        cluster.mentions.append(Span(mention.start, mention.end))
    return [
        Location(id=f"L{number}", name=c.name, kind=c.kind, mentions=c.mentions)
        for number, c in enumerate(clusters.values(), start=1)
    ]


def _kind(key: str, mention: EntityMention, country_names) -> str:
    if key in country_names:
        return "country"
    if mention.designator:
        return DESIGNATOR_KINDS.get(mention.designator, "other")
    return LABEL_KINDS.get(mention.label, "city")
