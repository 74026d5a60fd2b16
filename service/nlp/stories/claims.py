"""The claims ledger: figures grouped by what they count, with agreement, bounds and the
conservative figure.

A claim group holds the figures of one category, one scope, the same victims and the same event.
Figures are placed in story order into the first group they fit:
- the same `scope` (event, other, cumulative: background and running totals never join the
  event's figures) and category;
- victims: the same story actor, or the same class of noun; a noun that elsewhere in the story
  names an actor's victims stands for that actor ("fighters" after "Taliban fighters"); generic
  victims ("people", "others") fit any group. A group whose victims are known is preferred;
- the same event: a figure placed in a town, district or facility does not join a group placed
  in another one of the same country more than 30 km away (a neighbourhood stays with its city;
  places without coordinates, or resolved to two countries, which is more often a misread place
  than a story across a border, do not tell events apart), and a dated figure does not join a
  group dated another day (a figure dated by when it was told, "officials said on Tuesday that",
  or restating a toll, "the toll rose to 14 on Tuesday", is not dated).
A figure derived from another ("half that number") goes to the group of the one it comes from.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date

from .figures import FINE_PLACES, Figure, victims_fit

# Two places of one country farther apart than this are two scenes (a town and its suburb are
# closer).
SAME_SCENE_KM = 30.0


@dataclass
class _Group:
    scope: str
    category: str
    figures: list[Figure] = field(default_factory=list)
    victims: set = field(default_factory=set)
    places: set = field(default_factory=set)
    dates: set = field(default_factory=set)


class _Ledger:
    def __init__(self, figures: list[Figure], locations: list[dict]):
        self.groups: list[_Group] = []
        self.group_of: dict[tuple[int, str], _Group] = {}
        self.links = _noun_links(figures)
        self.places = {loc["id"]: loc for loc in locations if loc["kind"] in FINE_PLACES}

    def key(self, figure: Figure) -> tuple | None:
        """The figure's victims: a noun the story uses for one actor's people is that actor."""
        key = figure.victims_key
        if not key or key[0] != "noun":
            return key
        actors = {actor for actor, qualifier in self.links.get(key[:2], ())
                  if key[2] is None or key[2] == qualifier}
        return ("actor", actors.pop()) if len(actors) == 1 else key

    def place(self, figure: Figure) -> None:
        key = self.key(figure)
        group = self._base_group(figure)
        if group is None:
            fitting = [g for g in self.groups if self._fits(g, figure, key)]
            known = [g for g in fitting if key is not None and key in g.victims]
            group = (known or fitting or [None])[0]
        if group is None:
            group = _Group(figure.scope, figure.category)
            self.groups.append(group)
        group.figures.append(figure)
        if key is not None:
            group.victims.add(key)
        if figure.place in self.places:
            group.places.add(figure.place)
        if figure.date:
            group.dates.add(figure.date)
        self.group_of[(figure.article, figure.record["id"])] = group

    def _base_group(self, figure: Figure) -> _Group | None:
        derived = figure.record.get("derived_from")
        group = self.group_of.get((figure.article, derived["id"])) if derived else None
        if group and (group.scope, group.category) == (figure.scope, figure.category):
            return group
        return None

    def _fits(self, group: _Group, figure: Figure, key) -> bool:
        if (group.scope, group.category) != (figure.scope, figure.category):
            return False
        if key is not None and not all(victims_fit(key, other) for other in group.victims):
            return False
        if figure.place in self.places and any(self._apart(figure.place, other)
                                               for other in group.places):
            return False
        return not (figure.date and group.dates and figure.date not in group.dates)

    def _apart(self, a: str, b: str) -> bool:
        """Two precise places of one country more than SAME_SCENE_KM apart."""
        geo_a, geo_b = self.places[a].get("geo"), self.places[b].get("geo")
        if a == b or not (geo_a and geo_b) or geo_a["country_code"] != geo_b["country_code"]:
            return False
        return _distance_km(geo_a, geo_b) > SAME_SCENE_KM


def _distance_km(a: dict, b: dict) -> float:
    p1, p2 = math.radians(a["lat"]), math.radians(b["lat"])
    dp, dl = p2 - p1, math.radians(b["lon"] - a["lon"])
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def _noun_links(figures: list[Figure]) -> dict[tuple, set[tuple]]:
    """Victim nouns the story uses for an actor's people ("Taliban fighters": fighters), with
    the qualifier they came with."""
    links: dict[tuple, set[tuple]] = {}
    for figure in figures:
        if figure.victim_actor and figure.victims_head:
            head = figure.victims_head
            links.setdefault(head[:2], set()).add((figure.victim_actor, head[2]))
    return links


def build_claims(articles: list[dict], figures: list[Figure], locations: list[dict]) -> list[dict]:
    """The claim groups (`K1`...) in order of their first figure."""
    ledger = _Ledger(figures, locations)
    for figure in figures:
        ledger.place(figure)
    return [_claim(f"K{number}", group, articles)
            for number, group in enumerate(ledger.groups, start=1)]


def _claim(claim_id: str, group: _Group, articles: list[dict]) -> dict:
    figures = group.figures
    values = [f.value for f in figures if f.value is not None]
    lows = [f.record["count"]["low"] for f in figures if f.record["count"]["low"] is not None]
    highs = [f.record["count"]["high"] for f in figures if f.record["count"]["high"] is not None]
    if len(figures) == 1:
        agreement = "single"
    else:
        agreement = "conflicting" if len(set(values)) > 1 else "consistent"
    return {
        "id": claim_id, "category": group.category, "scope": group.scope,
        "victims": _victims(figures),
        "figures": [_figure(f, articles[f.article]) for f in figures],
        "agreement": agreement,
        "low": min(lows, default=None), "high": max(highs, default=None),
        # ACLED's rule for a disputed toll: the lowest count some source states.
        "conservative": min(values, default=None),
    }


def _victims(figures: list[Figure]) -> dict | None:
    """The victims of the group: the first phrase that names an actor, else the first phrase."""
    named = [f for f in figures if f.victim_actor] or [f for f in figures if f.record.get("victims")]
    if not named:
        return None
    return {"text": named[0].record["victims"]["text"], "actor_id": named[0].victim_actor}


def _figure(figure: Figure, article: dict) -> dict:
    record, count = figure.record, figure.record["count"]
    source, derived = record.get("source"), record.get("derived_from")
    return {
        "article": figure.article_id, "casualty_id": record["id"],
        "value": count["value"], "low": count["low"], "high": count["high"],
        "qualifier": count["qualifier"],
        "source": {"text": source["text"], "actor_id": figure.source_actor} if source else None,
        "outlet": article.get("outlet"),
        "date": record.get("date") or _published(article),
        "derived_from": {"article": figure.article_id, "casualty_id": derived["id"],
                         "factor": derived["factor"]} if derived else None,
    }


def _published(article: dict) -> str | None:
    """The article's date: the request's, else the one found in its text."""
    published = article.get("published") or (article["result"].get("metadata") or {}).get(
        "published")
    return published.isoformat() if isinstance(published, date) else published
