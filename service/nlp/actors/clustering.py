"""Actors: PERSON/ORG mentions clustered into people and organizations.

Each mention joins the nearest preceding actor whose name it fits: a shorter form of the same
name ("Mr. Whitfield", "Whitfield" after "Jonathan Whitfield"), a fuller form of a name first
met short, or an acronym of an organization (also the name of an acronym met first: "(AP)" in a
dateline, "The Associated Press" later). Two people who share a surname stay apart when their
full names differ ("Omar Abdul Karimi", "Yusuf Karimi"); a later bare "Mr. Karimi" joins
whichever of them was mentioned last. The actor's name is its fullest mention, without titles.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property

from ..article import Article
from ..mentions import EntityMention
from ..names import TITLES, fold, initials, name_tokens, strip_possessive
from ..types import Actor, Span


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
    if cluster.name.isupper() and len(cluster.tokens) == 1 and len(tokens) >= 2:
        return initials(tokens) == cluster.tokens[0]  # "AP" in the dateline, then its name
    return False


def _same_person_shape(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Neither name adds a given name that contradicts the other (Mohammed vs Muhammad Karimi)."""
    shorter, longer = (a, b) if len(a) <= len(b) else (b, a)
    if len(shorter) == 1:
        return True
    # A multi-word short form must keep the order of the longer one.
    positions = [longer.index(word) for word in shorter if word in longer]
    return positions == sorted(positions) and len(positions) == len(shorter)


# "the Allied Liberation Front (ALF)": an acronym defined right after the name it abbreviates.
_DEFINED_ACRONYM = re.compile(r" ?\(([A-Z][A-Z&]{1,9})\)")


def cluster_actors(article: Article, mentions: list[EntityMention]) -> list[Actor]:
    clusters: list[_Cluster] = []
    defined: dict[str, int] = {}  # acronym -> number of the cluster it was defined after
    # name token -> numbers of the clusters whose name has it: a cluster a mention fits shares a
    # token with it (one name is a subset of the other), except for acronyms.
    by_token: dict[str, set[int]] = {}
    acronyms: dict[str, int] = {}  # an acronym met before its name -> its cluster's number
    text = article.text
    for mention in mentions:
        if mention.role == "place":
            continue
        raw = text[mention.start:mention.end]
        tokens = name_tokens(raw)
        if not tokens:
            continue
        if raw in defined:
            candidates = [defined[raw]]
        elif raw.isupper():
            candidates = range(len(clusters))
        else:
            candidates = sorted(set().union(*(by_token.get(t, ()) for t in tokens)))
            if mention.role == "organization" and initials(tokens) in acronyms:
                candidates.append(acronyms[initials(tokens)])
        # Another role joins only by a one-word name or the very same name ("Brightline Health"
        # tagged once as a person): one name, one actor.
        fitting = [n for n in candidates if (raw in defined or _fits(tokens, raw, clusters[n]))
                   and (clusters[n].kind == mention.role or len(tokens) == 1
                        or tokens == clusters[n].tokens)]
        span = Span(mention.start, mention.end)
        if fitting:
            number = max(fitting, key=lambda n: clusters[n].last_seen)
            cluster = clusters[number]
            if len(tokens) > len(cluster.tokens):
                cluster.tokens, cluster.name = tokens, _display_name(raw)
                cluster.kind = mention.role
        else:
            number, cluster = len(clusters), _Cluster(mention.role, tokens, _display_name(raw))
            clusters.append(cluster)
            if raw.isupper() and len(tokens) == 1 and 2 <= len(raw) <= 6:
                acronyms.setdefault(tokens[0], number)
        for token in cluster.tokens:
            by_token.setdefault(token, set()).add(number)
        cluster.mentions.append(span)
        cluster.last_seen = mention.start
        acronym = _DEFINED_ACRONYM.match(text, mention.end)
        if acronym and mention.role == "organization" and not raw.isupper():
            defined.setdefault(acronym.group(1), number)
    return ActorList(
        Actor(id=f"A{number}", name=c.name, kind=c.kind, mentions=c.mentions)
        for number, c in enumerate(clusters, start=1)
    )


class ActorIndex:
    """Actor mentions sorted by position, found by bisection instead of a scan of every actor."""

    def __init__(self, actors: list[Actor]):
        self._mentions = sorted(((m.start, m.end, actor) for actor in actors
                                 for m in actor.mentions), key=lambda m: m[0])
        self._starts = [m[0] for m in self._mentions]
        self._longest = max((end - start for start, end, _ in self._mentions), default=0)

    def at(self, start: int, end: int) -> Actor | None:
        """The actor with a mention overlapping [start, end), preferring the longest overlap."""
        best, best_overlap = None, 0
        for m_start, m_end, actor in self._ending_after(end, start - self._longest):
            overlap = min(end, m_end) - max(start, m_start)
            # Nearest first, so `>=` lets the earliest of equally long overlaps win.
            if overlap > 0 and overlap >= best_overlap:
                best, best_overlap = actor, overlap
        return best

    def before(self, position: int, window: int):
        """(start, end, actor) of mentions ending by `position`, nearest first, within `window`."""
        for mention in self._ending_after(position, position - window):
            if mention[1] <= position:
                yield mention

    def _ending_after(self, limit: int, floor: int):
        # Mentions starting before `limit`, nearest first, down to those starting at `floor`.
        index = bisect.bisect_left(self._starts, limit) - 1
        while index >= 0 and self._mentions[index][0] >= floor:
            yield self._mentions[index]
            index -= 1


class ActorList(list):
    """The actors of one article, with their `ActorIndex` built on first use."""

    @cached_property
    def by_position(self) -> ActorIndex:
        return ActorIndex(self)


def actor_at(actors: list[Actor], start: int, end: int) -> Actor | None:
    """The actor with a mention overlapping [start, end), preferring the longest overlap."""
    lookup = actors.by_position if isinstance(actors, ActorList) else ActorIndex(actors)
    return lookup.at(start, end)
