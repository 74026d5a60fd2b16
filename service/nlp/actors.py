"""Actors: PERSON/ORG mentions clustered into people and organizations.

Each mention joins the nearest preceding actor whose name it fits: a shorter form of the same
name ("Mr. Whitfield", "Whitfield" after "Jonathan Whitfield"), a fuller form of a name first met short, or an
acronym of an organization. Two people who share a surname stay apart when their full names
differ ("Omar Abdul Karimi", "Yusuf Karimi"); a later bare "Mr. Karimi" joins whichever of
them was mentioned last. The actor's name is its fullest mention, without titles.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .article import Article
from .entities import EntityMention
from .names import TITLES, fold, initials, name_tokens, strip_possessive
from .types import Actor, Span


@dataclass
class _Cluster:
    kind: str
    tokens: tuple[str, ...]  # the fullest name seen so far
    name: str
    mentions: list[Span] = field(default_factory=list)
    last_seen: int = 0


def _display_name(text: str) -> str:
    """The mention's text without leading titles, a leading "the" or a possessive."""
    words = strip_possessive(text).split()
    while len(words) > 1 and (fold(words[0]) in TITLES or words[0].lower() == "the"):
        words = words[1:]
    return " ".join(words)


def _fits(tokens: tuple[str, ...], raw: str, cluster: _Cluster) -> bool:
    if set(tokens) <= set(cluster.tokens) or set(cluster.tokens) <= set(tokens):
        return _same_person_shape(tokens, cluster.tokens)
    if cluster.kind == "organization" and raw.isupper() and 2 <= len(raw) <= 6:
        return initials(cluster.tokens) == raw.lower()
    return False


def _same_person_shape(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Neither name adds a given name that contradicts the other (Mohammed vs Muhammad Karimi)."""
    shorter, longer = (a, b) if len(a) <= len(b) else (b, a)
    if len(shorter) == 1:
        return True
    # A multi-word short form must keep the order of the longer one.
    positions = [longer.index(word) for word in shorter if word in longer]
    return positions == sorted(positions) and len(positions) == len(shorter)


def cluster_actors(article: Article, mentions: list[EntityMention]) -> list[Actor]:
    clusters: list[_Cluster] = []
    text = article.text
    for mention in mentions:
        if mention.role == "place":
            continue
        raw = text[mention.start:mention.end]
        tokens = name_tokens(raw)
        if not tokens:
            continue
        fitting = [c for c in clusters if _fits(tokens, raw, c)
                   and (c.kind == mention.role or len(tokens) == 1)]
        span = Span(mention.start, mention.end)
        if fitting:
            cluster = max(fitting, key=lambda c: c.last_seen)
            if len(tokens) > len(cluster.tokens):
                cluster.tokens, cluster.name = tokens, _display_name(raw)
                cluster.kind = mention.role
        else:
            cluster = _Cluster(mention.role, tokens, _display_name(raw))
            clusters.append(cluster)
        cluster.mentions.append(span)
        cluster.last_seen = mention.start
    return [
        Actor(id=f"A{number}", name=c.name, kind=c.kind, mentions=c.mentions)
        for number, c in enumerate(clusters, start=1)
    ]


def actor_at(actors: list[Actor], start: int, end: int) -> Actor | None:
    """The actor with a mention overlapping [start, end), preferring the longest overlap."""
    best, best_overlap = None, 0
    for actor in actors:
        for mention in actor.mentions:
            overlap = min(end, mention.end) - max(start, mention.start)
            if overlap > best_overlap:
                best, best_overlap = actor, overlap
    return best
