"""What story actors and story locations share: clusters of article-level entities, numbered.

A story entity gathers at most one article-level entity per article: the article's own clustering
already decided that two of its actors (or places) are different, and the story keeps that
decision ("Ahmed Shah Massoud" and "Ahmad Massoud" named in one report stay two).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..names import fold


@dataclass
class Member:
    """One article-level actor or location, with where it comes from."""
    article: int  # index of the article in the story
    article_id: str
    position: int  # index of the entity in its article's list (its order of first mention)
    entity: dict


@dataclass
class Cluster:
    kind: str
    members: list[Member] = field(default_factory=list)
    articles: set[int] = field(default_factory=set)

    def add(self, member: Member) -> None:
        self.members.append(member)
        self.articles.add(member.article)

    def takes(self, member: Member) -> bool:
        """Whether the cluster has no entity of the member's article yet."""
        return member.article not in self.articles

    def first(self) -> tuple[int, int]:
        return min((m.article, m.position) for m in self.members)


def members_of(articles: list[dict], layer: str) -> list[Member]:
    """Every article-level entity of `layer` ("actors" or "locations"), in story order."""
    return [Member(number, article["id"], position, entity)
            for number, article in enumerate(articles)
            for position, entity in enumerate(article["result"].get(layer) or [])]


def numbered(clusters: list[Cluster], prefix: str, describe) -> tuple[list[dict], dict]:
    """Story entities in order of first mention, with ids `prefix`1, 2, ...; and the map from
    (article index, article-level id) to the story id, for the claims ledger."""
    entities, story_id = [], {}
    for number, cluster in enumerate(sorted(clusters, key=Cluster.first), start=1):
        sid = f"{prefix}{number}"
        members = sorted(cluster.members, key=lambda m: (m.article, m.position))
        for member in members:
            story_id[(member.article, member.entity["id"])] = sid
        entities.append({
            "id": sid, **describe(cluster),
            "mentions": [{"article": m.article_id, "id": m.entity["id"]} for m in members],
        })
    return entities, story_id


def fullest(names: list[str]) -> str:
    """The fullest of the members' names: most words, then most characters (a leading "the" and
    punctuation not counted), then the first."""
    def size(name: str) -> tuple:
        plain = fold(name)
        return len(plain.split()), len(plain), -names.index(name)
    return max(names, key=size)


def most_common(values: list):
    """The most frequent value, the earliest on ties."""
    return max(values, key=lambda value: (values.count(value), -values.index(value)))
