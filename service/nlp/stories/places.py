"""Story locations: the places of several reports merged into one list.

A place joins the story location that has the same gazetteer entry (GeoNames id) first; failing
that, one with the same name whose gazetteer entry does not contradict it (one or both
unresolved) and whose kind is of the same family (a town may be read as a city or a district, never
as a valley); failing that, one of the same kind for which its name is a mention form ("Korvan"
for "the Korvan Valley"). Two places of one name resolved to two entries stay two.
"""
from __future__ import annotations

from ..names import fold
from .entities import Cluster, Member, fullest, members_of, most_common, numbered


# Kinds that one place may be given in different reports; "other" fits every kind.
_FAMILY = {"city": "settlement", "admin2": "settlement", "admin1": "settlement"}


def _kinds_fit(a: str, b: str) -> bool:
    return "other" in (a, b) or _FAMILY.get(a, a) == _FAMILY.get(b, b)


def _geonames_id(entity: dict):
    return (entity.get("geo") or {}).get("geonames_id")


class _Places:
    def __init__(self):
        self.clusters: list[Cluster] = []
        self.ids: list[set] = []  # the GeoNames ids of each cluster's members
        self.by_id: dict[int, int] = {}
        self.by_name: dict[str, list[int]] = {}
        self.by_form: dict[tuple[str, str], list[int]] = {}

    def place(self, member: Member) -> None:
        number = self._find(member)
        if number is None:
            number = len(self.clusters)
            self.clusters.append(Cluster(member.entity["kind"]))
            self.ids.append(set())
        self._add(number, member)

    def _find(self, member: Member) -> int | None:
        entity = member.entity
        gid = _geonames_id(entity)
        if gid is not None and gid in self.by_id and self.clusters[self.by_id[gid]].takes(member):
            return self.by_id[gid]
        for candidates in (self.by_name.get(fold(entity["name"]), ()),
                           self.by_form.get((entity["kind"], fold(entity["name"])), ())):
            fitting = [n for n in candidates if self.clusters[n].takes(member)
                       and (gid is None or not self.ids[n] or self.ids[n] == {gid})
                       and _kinds_fit(self.clusters[n].kind, entity["kind"])]
            if fitting:
                return fitting[0]
        return None

    def _add(self, number: int, member: Member) -> None:
        entity = member.entity
        self.clusters[number].add(member)
        gid = _geonames_id(entity)
        if gid is not None:
            self.ids[number].add(gid)
            self.by_id.setdefault(gid, number)
        name = fold(entity["name"])
        if number not in self.by_name.setdefault(name, []):
            self.by_name[name].append(number)
        for mention in entity.get("mentions", ()):
            key = (entity["kind"], fold(mention["text"]))
            if number not in self.by_form.setdefault(key, []):
                self.by_form[key].append(number)


def _describe(cluster: Cluster) -> dict:
    entities = [m.entity for m in cluster.members]
    resolved = [e for e in entities if e.get("geo")]
    # Kind and gazetteer entry from the resolved members when there are any: an unresolved
    # mention's kind is a guess from its words.
    chosen = resolved or entities
    gid = most_common([_geonames_id(e) for e in chosen])
    geo = next((e["geo"] for e in resolved if _geonames_id(e) == gid), None)
    return {"name": fullest([e["name"] for e in entities]),
            "kind": most_common([e["kind"] for e in chosen]), "geo": geo}


def merge_locations(articles: list[dict]) -> tuple[list[dict], dict]:
    """Story locations (`SL1`...) and the map (article index, article location id) -> story id."""
    places = _Places()
    for member in members_of(articles, "locations"):
        places.place(member)
    return numbered(places.clusters, "SL", _describe)
