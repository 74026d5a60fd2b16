"""Place mentions clustered on a name key, given a kind, then resolved (resolution.py)."""
from __future__ import annotations

import re

from ..article import Article
from ..gazetteer.placenames import (
    COMPASS,
    DESIGNATOR_KINDS,
    normalize,
    split_designator,
    strip_article,
)
from ..mentions import EntityMention, place_key
from ..types import Location, Span
from .resolution import PlaceCluster, resolve
from .vocabulary import (
    ABBREVIATIONS,
    BLACKLIST,
    DIVISION_ABBREVIATIONS,
    LABEL_KINDS,
    STATE_ABBREVIATION,
    US_POSTAL,
)

# "W. Va.", "N. Y.": an abbreviation spaced after its initial is read as "W.Va.".
_INITIAL_SPACE = re.compile(r"(?<=\b[A-Z])\.\s+(?=[A-Z])")


def _display_name(text: str) -> str:
    words = text.split()
    while len(words) > 1 and (words[0].lower() == "the" or words[0].lower() in COMPASS):
        words = words[1:]
    return " ".join(words)


def _parent_after(text: str, end: int) -> str | None:
    """"Paris, Texas" / "Paris, Tenn." / "Dublin, GA" / "Zarghun in Herat": the parent's name."""
    match = re.match(r",[ ]?([A-Z][A-Za-z.]*(?:[ ][A-Z][A-Za-z.]*){0,2})|[ ]in[ ]([A-Z][a-z]+(?:[ ][A-Z][a-z]+)?)",
                     text[end:end + 40])
    if not match:
        return None
    parent = (match.group(1) or match.group(2)).rstrip(".")
    if parent in US_POSTAL:
        return normalize(US_POSTAL[parent])
    key = normalize(parent)
    return normalize(STATE_ABBREVIATION.get(key, parent))


def cluster_locations(article: Article, mentions: list[EntityMention], gazetteer) -> list[Location]:
    """Cluster place mentions and resolve each cluster against `gazetteer` (geo or None)."""
    text = article.text
    clusters: dict[str, PlaceCluster] = {}
    for mention in mentions:
        if mention.role != "place":
            continue
        raw = text[mention.start:mention.end]
        stripped = _INITIAL_SPACE.sub(".", re.sub(r"^(?:[Tt]he)\s+", "", raw).strip())
        abbreviation = None
        if stripped in ABBREVIATIONS:
            abbreviation = ABBREVIATIONS[stripped]
        elif stripped.rstrip(".") in DIVISION_ABBREVIATIONS and (
                stripped.endswith(".") or text[mention.end:mention.end + 1] == "."):
            abbreviation = normalize(DIVISION_ABBREVIATIONS[stripped.rstrip(".")])
        elif stripped.isupper() and len(stripped.replace(".", "")) <= 3:
            continue  # an unknown code ("PK", "M.S."): not a place mention
        key = abbreviation or place_key(raw)
        full = strip_article(normalize(raw))
        core, hint, compass = split_designator(full)
        # "Western Australia", "North Carolina": the compass word is part of the name.
        # ("the West Bank": the capital after the article counts.)
        whole_name = (compass and re.sub(r"^\s*[Tt]he\s+", "", raw)[:1].isupper() and gazetteer is not None
                      and _is_place_name(gazetteer, full))
        if whole_name:
            core, hint = full, None
        end = mention.end
        named = _designator_in_name(gazetteer, text, mention, full) if gazetteer is not None else None
        if named:  # "Kansas" before "City": the name is "Kansas City"
            full, end = named
            core, whole_name = full, True
        elif hint == "city" and gazetteer is not None and _is_place_name(gazetteer, full):
            core, whole_name = full, True  # "Kansas City" is not "Kansas"
        if not key or not core or core in BLACKLIST:
            continue
        if gazetteer is not None and _is_demonym(gazetteer, core):
            continue
        if abbreviation is None and raw.isupper() and len(core) > 3:
            key = place_key(raw)
        if whole_name:
            key = full
        if gazetteer is not None:
            # The whole name first: "Democratic Republic of the Congo" is not "Congo".
            resolved_key = _merge_key(gazetteer, abbreviation or full) or _merge_key(
                gazetteer, abbreviation or core)
            key = resolved_key or key
        name = raw if not raw.isupper() or abbreviation else raw.title()
        name = re.sub(r"^[Tt]he\s+", "", name) if whole_name else _display_name(name)
        cluster = clusters.get(key)
        if cluster is None:
            cluster = clusters[key] = PlaceCluster(key, name, _kind_guess(mention, hint))
        elif abbreviation is None and _fuller(name, cluster.name):
            cluster.name = name  # "Congo" in the headline, "Democratic Republic of the Congo" later
        if abbreviation:
            cluster.abbreviation = abbreviation
        designator_hint = DESIGNATOR_KINDS.get(mention.designator or "")
        for h in (hint, designator_hint):
            if h:
                cluster.hints[h] += 1
        if (full, True) not in cluster.queries and abbreviation is None:
            cluster.queries.append((full, True))
        if (core, False) not in cluster.queries and abbreviation is None:
            cluster.queries.append((core, False))
        parent = _parent_after(text, end)
        if parent:
            cluster.parents.append(parent)
        cluster.mentions.append(Span(mention.start, mention.end))

    ordered = list(clusters.values())
    if gazetteer is not None:
        resolve(article, ordered, gazetteer)
        ordered = _merge_same_place(ordered)
    locations = []
    for number, c in enumerate(ordered, start=1):
        geo = gazetteer.geo(c.row) if c.row is not None else None
        kind = c.kind
        if c.row is not None and c.inner:
            kind = "facility"
        elif c.row is not None:
            kind = gazetteer.kind_of(c.row)
            hint = c.hints.most_common(1)[0][0] if c.hints else None
            if hint == "natural" and kind in ("admin1", "admin2"):
                kind = "natural"
        locations.append(Location(id=f"L{number}", name=c.name, kind=kind,
                                  mentions=sorted(c.mentions), geo=geo))
    return locations


_DEMONYM_SUFFIXES = ("is", "i", "ans", "an", "ese", "ites", "ite", "s")


def _is_demonym(gazetteer, core: str) -> bool:
    """"Afghan", "Afghans" (known demonyms) or "Swatis" (a place name plus a demonym
    suffix, when the word itself names no place)."""
    if core in gazetteer.demonyms:
        return True
    if " " in core or gazetteer.exact(core):
        return False
    for suffix in _DEMONYM_SUFFIXES:
        stem = core[: -len(suffix)]
        if core.endswith(suffix) and len(stem) >= 4 and any(
                gazetteer.kind_of(row) != "city" or main and int(gazetteer.pop[row]) > 100_000
                for row, main in gazetteer.exact(stem)):
            return True
    return False


def _designator_in_name(gazetteer, text: str, mention: EntityMention, full: str):
    """(name, end) when the designator after a mention completes a place name ("Kansas City",
    "Salt Lake City"), else None."""
    if not mention.designator or full.endswith(" " + mention.designator):
        return None
    after = re.match(r"[ ]+(\w+)", text[mention.end:mention.end + 30])
    if not after or after.group(1).lower() != mention.designator:
        return None
    name = f"{full} {mention.designator}"
    return (name, mention.end + after.end()) if _is_place_name(gazetteer, name) else None


def _is_place_name(gazetteer, key: str) -> bool:
    return any(main for _, main in gazetteer.exact(key))


def _merge_key(gazetteer, core: str) -> str | None:
    """A key shared by names that are the same country ("us", "united states", "america")."""
    for row, main in gazetteer.exact(core):
        if gazetteer.kind_of(row) == "country":
            return "country:" + gazetteer.country_of(row)
    return None


def _kind_guess(mention: EntityMention, hint: str | None) -> str:
    if hint:
        return hint
    if mention.designator:
        return DESIGNATOR_KINDS.get(mention.designator, "other")
    return LABEL_KINDS.get(mention.label, "city")


def _fuller(name: str, than: str) -> bool:
    """ "Democratic Republic of the Congo" is a fuller name than "Congo"; an abbreviation or a
    name in capitals is never the fuller one."""
    return (not name.isupper() and len(name.split()) > len(than.split())
            and re.search(rf"(?<!\w){re.escape(than)}(?!\w)", name) is not None)


def _merge_same_place(clusters: list[PlaceCluster]) -> list[PlaceCluster]:
    by_row: dict[int, PlaceCluster] = {}
    merged = []
    for c in clusters:
        if c.row is not None and c.row in by_row:
            target = by_row[c.row]
            target.mentions.extend(c.mentions)
            if _fuller(c.name, target.name):
                target.name = c.name
            continue
        if c.row is not None:
            by_row[c.row] = c
        merged.append(c)
    return merged


