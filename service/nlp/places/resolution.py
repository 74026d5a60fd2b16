"""Resolving place clusters against the gazetteer: candidates, CLIFF-style scores, two passes.

See the package docstring for the evidence each candidate is scored on.
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

from ..article import Article
from ..gazetteer.placenames import DESIGNATOR_KINDS, STREET_WORDS, normalize, split_designator
from ..types import Span
from .vocabulary import BLACKLIST

FAMOUS_POPULATION = 500_000
FAMOUS_PENALTY = 4.0
FAMOUS_RATIO = 50  # a city of 100k+ fifty times smaller than a famous namesake needs local evidence
FAMOUS_RATIO_NEAR = 20  # ... a smaller town, twenty times smaller
COUNTRY_SCORE = 10.0  # an exact main-name country: CLIFF resolves countries first
MIN_SCORE = 3.0  # below this the best candidate is a guess: geo null
FACILITY_NAME = 4.0  # a facility's (an airport's) own whole name: above MIN_SCORE alone
AREA_WEIGHT = 1.0  # per other place name with a candidate in the same first-level division
# A bare "Washington" read as "Washington County" only through an alias: a weak reading.
DESIGNATED_ALIAS_PENALTY = 1.0
VARIANT_BESIDE_EXACT = 3.0  # a spelling variant against an exact main-name match
CITY_SHARE_OF_DIVISION = 5  # a city with a fifth of its namesake division's people
MINOR_CITY_SHARE = 10  # a city with under a tenth of them yields its bare name to the division
LOCAL_NAMESAKE_POPULATION = 5_000  # a town this big in a focus country can be what a name means
PASSES_WITH_FOCUS = 2  # readings refined with the focus of the readings before
COUNTY_LINK = 4  # a town whose own county the article names ("Allen County"): local evidence


@dataclass
class PlaceCluster:
    key: str
    name: str
    kind: str
    mentions: list[Span] = field(default_factory=list)
    hints: Counter = field(default_factory=Counter)
    queries: list[tuple[str, bool]] = field(default_factory=list)  # (normalised name, full)
    abbreviation: str | None = None
    parents: list[str] = field(default_factory=list)  # normalised "X, Y" / "X in Y" parents
    row: int | None = None
    score: float = 0.0
    candidates: dict = field(default_factory=dict)  # row -> (main, exact, full), set once
    areas: frozenset = frozenset()  # first-level divisions this cluster's candidates lie in
    vote: tuple[str, float] | None = None  # (country, weight) the first pass gave the focus
    inner: bool = False  # resolved through the place a facility is named after
    first_row: int | None = None  # the first pass's reading, before the focus is known


def _candidates(gazetteer, c: PlaceCluster) -> dict[int, tuple[bool, bool, bool]]:
    """row -> (is main name, exact match, matched the full name with its designator)."""
    found: dict[int, tuple[bool, bool, bool]] = {}
    queries = [(c.abbreviation, True)] if c.abbreviation else c.queries
    for query, full in queries:
        if not query:
            continue
        for row, main in gazetteer.exact(query):
            old = found.get(row)
            # A country's long name ("democratic republic of the congo") is as good as its main
            # name and fuller than a short one shared with a neighbour ("congo").
            long_country = full and len(query.split()) >= 3 and gazetteer.kind_of(row) == "country"
            value = (bool(main) or long_country, True,
                     long_country or (full and query != _core(query)))
            if old is None or value > old:
                found[row] = value
        if c.abbreviation:
            continue
        for row, main in gazetteer.variants(query):
            if row not in found:
                found[row] = (bool(main), False, False)
    if not found and c.queries and not c.abbreviation:
        found = _inner_place(gazetteer, c)
    return found


_INNER_KINDS = ("city", "admin1", "admin2")


def _inner_place(gazetteer, c: PlaceCluster) -> dict[int, tuple[bool, bool, bool]]:
    """A facility or institution named after its place ("Titus County Jail", "Port of Los
    Angeles", "Vancouver International Airport"): the place it is named after, as an exact
    main-name prefix (or the name after "of"). The cluster becomes a facility at that place.
    A street is only in a place its name designates ("Birch County Road"): "Heron
    Street" lies in no place called Heron."""
    words = c.queries[0][0].split()
    street = words[-1] in STREET_WORDS
    inner = _inner_names(words)
    for name in inner:
        core, hint, _ = split_designator(name)
        if len(core) < 4 or core in BLACKLIST or core in DESIGNATOR_KINDS \
                or street and hint is None:
            continue  # ("Lake Varnholm" is named after no place called Lake)
        found = {row: (True, True, hint is not None) for row, main in gazetteer.exact(core)
                 if main and gazetteer.kind_of(row) in _INNER_KINDS}
        if found:
            c.inner = True
            if hint:
                c.hints[hint] += 1
            return found
    return {}


def _inner_names(words: list[str]) -> list[str]:
    """The names a facility's name may be named after, in the order to try them: the name after
    a single word and "of" ("Port of Los Angeles", "University of Corvale Medical Center") and
    its prefixes, else the prefixes before "of" ("Woodstock District Chamber of Commerce") and
    then the name after it; never a prefix that runs into "of"."""
    if "of" not in words[1:-1]:
        return [" ".join(words[:k]) for k in range(len(words) - 1, 0, -1)]
    at = words.index("of")
    before = [" ".join(words[:k]) for k in range(at, 0, -1)]
    after = [" ".join(words[at + 1:k]) for k in range(len(words), at + 1, -1)]
    return after + before if at == 1 else before + after


def _core(query: str) -> str:
    return split_designator(query)[0]


def _distance_km(lat1, lon1, lat2, lon2) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


@dataclass
class _Context:
    focus: Counter
    admin1_rows: set
    resolved: list  # rows resolved so far
    areas: Counter = field(default_factory=Counter)  # admin1 row -> clusters with a candidate in it
    sole_areas: Counter = field(default_factory=Counter)  # ... whose candidates lie in it alone
    counties: Counter = field(default_factory=Counter)  # admin2 row -> clusters naming it
    county_towns: Counter = field(default_factory=Counter)  # admin2 row -> clusters with a town in it


def _score(gazetteer, row: int, info, c: PlaceCluster, ctx: _Context, big_city: bool,
           famous: int | None = None) -> float:
    main, exact, full = info
    kind = gazetteer.kind_of(row)
    cc = gazetteer.country_of(row)
    hint = c.hints.most_common(1)[0][0] if c.hints else None
    score = 0.0
    if hint:
        if kind == hint:
            score += 10
        elif hint == "admin2" and kind == "city" or hint == "city" and kind == "admin2":
            score += 6
        elif hint in ("admin1", "admin2") and kind in ("admin1", "admin2"):
            score += 4
    if kind == "country":
        score += (COUNTRY_SCORE if exact else 6) if main else 4
    top = ctx.focus.most_common(1)[0][1] if ctx.focus else 0
    if cc and top:
        weight = ctx.focus.get(cc, 0)
        if weight == top:
            score += 5
        elif weight >= max(1, top / 2):
            score += 3
        elif weight > 0:
            score += 1.5
    adm1 = int(gazetteer.adm1[row])
    # In a division the article names, or in the division of its own name (CLIFF's city over
    # an admin area of the same name: "Rafah" is the city in Rafah governorate).
    if adm1 >= 0 and kind != "admin1" and (adm1 in ctx.admin1_rows or adm1 in c.candidates):
        score += 3
    area = _area_of(gazetteer, row)
    others = ctx.areas.get(area, 0) - (area in c.areas)  # other names with a candidate here
    score += AREA_WEIGHT * min(others, 3)
    parent_fit = 0.0
    if c.parents:
        parent_rows = set()
        for parent in c.parents:
            parent_rows.update(r for r, _ in gazetteer.exact(parent))
        parent_ccs = {gazetteer.country_of(r) for r in parent_rows
                      if gazetteer.kind_of(r) == "country"}
        if adm1 in parent_rows or int(gazetteer.adm2[row]) in parent_rows:
            parent_fit = 8
        elif cc in parent_ccs:
            parent_fit = 6
    if not parent_fit and _county_link(gazetteer, row, c, ctx):
        parent_fit = COUNTY_LINK
    score += parent_fit
    if not exact:
        score -= 2
    if not main:
        score -= 1.5 if ctx.focus.get(cc, 0) else 3
    if full:
        score += 3
    if kind == "city":
        score += 1.5 + math.log10(int(gazetteer.pop[row]) + 1) / 2
    elif kind == "admin1":
        score += 2.5 + (4 if exact and main and not big_city else 0)
    elif kind == "admin2":
        score += 2.0
    elif kind in ("natural", "region"):
        score += 6.0 if full or exact else 0  # curated entries: well-known names
    elif kind == "facility" and exact and main:
        score += FACILITY_NAME  # its own whole name ("Kestrel Bay International Airport")
    if kind == "admin2" and not hint and _designated_name(gazetteer, row):
        # Weak beside a famous city of that name ("Washington"); local news does call DeKalb
        # County "DeKalb".
        score -= DESIGNATED_ALIAS_PENALTY * (3 if famous else 1)
    if (kind in ("city", "admin2") and famous and famous != row and not parent_fit
            and ctx.sole_areas.get(area, 0) - (c.areas == {area}) <= 0):
        score -= _famous_penalty(int(gazetteer.pop[row]), int(gazetteer.pop[famous]))
    if ctx.resolved and kind not in ("country", "region"):
        lat, lon = float(gazetteer.lat[row]), float(gazetteer.lon[row])
        near = min(_distance_km(lat, lon, float(gazetteer.lat[r]), float(gazetteer.lon[r]))
                   for r in ctx.resolved[-20:])
        if near < 100:
            score += 2
        elif near < 300:
            score += 1
    return score


def _county_link(gazetteer, row: int, c: PlaceCluster, ctx: _Context) -> bool:
    """A town and its own county both named in the article ("Lima" beside "Allen County"):
    the town in that county, the county holding that town."""
    kind = gazetteer.kind_of(row)
    if kind == "city":
        county = int(gazetteer.adm2[row])
        return county >= 0 and ctx.counties.get(county, 0) - (county in c.candidates) > 0
    if kind == "admin2":
        own = any(int(gazetteer.adm2[r]) == row for r in c.candidates)
        return ctx.county_towns.get(row, 0) - own > 0
    return False


def _counties(gazetteer, clusters: list[PlaceCluster]) -> tuple[Counter, Counter]:
    """Per admin2 row: the clusters naming it with a designator ("Allen County"), and the
    clusters with an exact main-name town in it."""
    counties, towns = Counter(), Counter()
    for c in clusters:
        exact_main = [r for r, (main, exact, _) in c.candidates.items() if main and exact]
        if "admin2" in c.hints:  # "Allen County", not a bare "Washington"
            counties.update({r for r in exact_main if gazetteer.kind_of(r) == "admin2"})
        towns.update({int(gazetteer.adm2[r]) for r in exact_main
                      if gazetteer.kind_of(r) == "city" and int(gazetteer.adm2[r]) >= 0})
    return counties, towns


def _famous_penalty(population: int, famous_population: int) -> float:
    """Washington, D.C. over a namesake town, unless a parent ("Dublin, Ga.") or a name found
    in one division only ("Rapides Parish") puts the article in the town's division. A town
    twenty times smaller than the famous city needs that evidence; a city of 100k or more
    (London, Ontario) only when fifty times smaller."""
    ratio = FAMOUS_RATIO if population >= 100_000 else FAMOUS_RATIO_NEAR
    return FAMOUS_PENALTY if population * ratio < famous_population else 0.0


def _resolve_cluster(gazetteer, c: PlaceCluster, ctx: _Context) -> tuple[int | None, float]:
    candidates = c.candidates
    if not candidates:
        return None, 0.0
    country = _country_reading(gazetteer, c, ctx)
    if country is not None:
        return country, COUNTRY_SCORE
    division = _admin1_reading(gazetteer, c, ctx)
    if division is not None:
        return division, COUNTRY_SCORE
    big_city = any(gazetteer.kind_of(r) == "city" and int(gazetteer.pop[r]) > 300_000
                   and info[1] for r, info in candidates.items())
    famous = max((r for r, info in candidates.items() if info[0] and info[1]
                  and gazetteer.kind_of(r) == "city" and int(gazetteer.pop[r]) >= FAMOUS_POPULATION),
                 key=lambda r: int(gazetteer.pop[r]), default=None)
    exact_main = any(main and exact for main, exact, _ in candidates.values())
    best, best_score = None, -1e9
    for row, info in candidates.items():
        s = _score(gazetteer, row, info, c, ctx, big_city, famous)
        if exact_main and not info[1]:
            s -= VARIANT_BESIDE_EXACT  # an exact "Anhui" is Anhui, not a big city spelt alike
        if s > best_score or (s == best_score and best is not None
                              and int(gazetteer.pop[row]) > int(gazetteer.pop[best])):
            best, best_score = row, s
    main, exact, _ = candidates[best]
    if c.abbreviation:
        return best, best_score  # a known abbreviation ("D.C.", "UAE") names its place
    in_focus = ctx.focus.get(gazetteer.country_of(best), 0) > 0
    if best_score < MIN_SCORE or (not exact and not in_focus) or (
            not main and not in_focus and int(gazetteer.pop[best]) < 50_000
            and gazetteer.kind_of(best) == "city"):
        return None, best_score
    return best, best_score


def _country_reading(gazetteer, c: PlaceCluster, ctx: _Context) -> int | None:
    """CLIFF's countries-first pass: a country's own name ("Russia", "Jordan") is the country
    unless the text gives a parent or a designator ("Russia, Ohio"), the name is also a
    first-level division ("Georgia"), or a town of 5,000 or more of that name lies in a
    division other place names of the article share ("Palestine" beside "Anderson County")."""
    if c.parents or c.hints:
        return None
    countries = []
    for row, (main, exact, full) in c.candidates.items():
        if not (main and exact):
            continue
        kind = gazetteer.kind_of(row)
        if kind == "country":
            countries.append((bool(full), row))
        elif kind == "admin1" or kind == "city" and int(gazetteer.pop[row]) >= 5_000 and (
                ctx.areas.get(int(gazetteer.adm1[row]), 0) - (int(gazetteer.adm1[row]) in c.areas)):
            return None
    if not countries:
        return None
    # The country the fuller name names; of two that share a name ("Congo"), the one the
    # article's other places are in, else the more populous.
    def preference(item):
        full, row = item
        return full, ctx.focus.get(gazetteer.country_of(row), 0), int(gazetteer.pop[row])
    return max(countries, key=preference)[1]


def _admin1_reading(gazetteer, c: PlaceCluster, ctx: _Context) -> int | None:
    """CLIFF's exact-ADM1 pass: a bare first-level division name ("Texas", "Tasmania") is the
    division, unless a city over 300k (but for a minor city of that division) or a country
    shares the name, or the text gives a parent or a designator. A division outside the focus countries yields to a town of some size of
    that name inside them (a "Victoria" in a Texas story)."""
    if c.parents or c.hints:
        return None
    exact_main = [row for row, (main, exact, _) in c.candidates.items() if main and exact]
    if any(gazetteer.kind_of(row) == "country" for row in exact_main):
        return None
    divisions = [row for row in exact_main if gazetteer.kind_of(row) == "admin1"]
    if not divisions or _city_of_division_name(gazetteer, c, divisions):
        return None
    if any(gazetteer.kind_of(row) == "city" and int(gazetteer.pop[row]) > 300_000
           and not _minor_city_of(gazetteer, row, divisions) for row in exact_main):
        return None
    best = max(divisions, key=lambda r: (ctx.focus.get(gazetteer.country_of(r), 0),
                                         int(gazetteer.pop[r])))
    if ctx.focus.get(gazetteer.country_of(best), 0) or not _local_namesake(gazetteer, c, ctx):
        return best
    return None


def _city_of_division_name(gazetteer, c: PlaceCluster, divisions: list[int]) -> bool:
    """A city of the division's own country shares its name and holds a fifth or more of the
    division's people ("Rafah", "Jenin"): left to the scores, where the city-over-admin rule
    reads it. "Delaware", Ohio, beside the state of Delaware is far smaller."""
    biggest = {}
    for r in divisions:
        cc = gazetteer.country_of(r)
        biggest[cc] = max(biggest.get(cc, 0), int(gazetteer.pop[r]))
    return any(exact and gazetteer.kind_of(r) == "city"  # "Janīn" lists "Jenin" as an alias
               and not _designated_name(gazetteer, r)  # "Oklahoma City" is named after it
               and gazetteer.country_of(r) in biggest
               and int(gazetteer.pop[r]) * CITY_SHARE_OF_DIVISION >= biggest[gazetteer.country_of(r)] > 0
               for r, (_, exact, _) in c.candidates.items())


def _minor_city_of(gazetteer, city: int, divisions: list[int]) -> bool:
    """A city inside the division of its name holding under a tenth of its people ("Quebec"
    the city in Quebec the province): the bare name is the division. A city holding a sixth of
    its division stays the city, and New York City holds far more of its state."""
    division = int(gazetteer.adm1[city])
    return (division in divisions
            and int(gazetteer.pop[city]) * MINOR_CITY_SHARE < int(gazetteer.pop[division]))


def _local_namesake(gazetteer, c: PlaceCluster, ctx: _Context) -> bool:
    return any(main and exact and gazetteer.kind_of(r) in ("city", "admin2")
               and ctx.focus.get(gazetteer.country_of(r), 0)
               and int(gazetteer.pop[r]) >= LOCAL_NAMESAKE_POPULATION
               for r, (main, exact, _) in c.candidates.items())


def _designated_name(gazetteer, row: int) -> bool:
    """True when a division's own name carries its designator ("Washington County")."""
    return split_designator(normalize(gazetteer.name_of(row)))[1] is not None


def _area_of(gazetteer, row: int) -> int:
    """The first-level division a row lies in (itself for a division)."""
    return row if gazetteer.kind_of(row) == "admin1" else int(gazetteer.adm1[row])


def _areas(gazetteer, c: PlaceCluster) -> frozenset:
    """First-level divisions holding an exact main-name candidate (the co-occurrence vote:
    "Alexandria" and "Rapides Parish" both have one in Louisiana). A designator keeps the
    candidates of its kind when there are some: a town "Birch" is no reading of "Birch County"."""
    exact_main = [row for row, (main, exact, _) in c.candidates.items() if main and exact]
    hint = c.hints.most_common(1)[0][0] if c.hints else None
    if any(gazetteer.kind_of(row) == hint for row in exact_main):
        exact_main = [row for row in exact_main if gazetteer.kind_of(row) == hint]
    if any(gazetteer.kind_of(row) in ("country", "region") or gazetteer.kind_of(row) == "city"
           and int(gazetteer.pop[row]) >= FAMOUS_POPULATION for row in exact_main):
        return frozenset()  # "Paris", "Russia": a well-known reading, no local evidence
    return frozenset(a for row in exact_main
                     if gazetteer.kind_of(row) in ("city", "admin2", "admin1")
                     and (a := _area_of(gazetteer, row)) >= 0)


def _without(focus: Counter, c: PlaceCluster, clusters: list[PlaceCluster]) -> Counter:
    """The focus without the votes of the clusters that first resolved where this one did: a
    name is not evidence for itself, nor is the same name inside a facility's ("Paris" and
    "Paris City Hall" are two clusters but one reading)."""
    if c.vote is None:
        return focus
    others = Counter(focus)
    for same in clusters:
        if same.vote is not None and same.first_row == c.first_row:
            others[same.vote[0]] -= same.vote[1]
    return +others


def resolve(article: Article, clusters: list[PlaceCluster], gazetteer) -> None:
    """Three passes: a first reading with no focus but the article's demonyms and countries;
    a second with the focus the first readings vote for; a third with the focus of the second,
    so that one name misread at first ("Edmonton" in Alberta beside "London" in England) does
    not steer the others."""
    demonyms = _demonym_focus(article, gazetteer)
    areas: Counter = Counter()
    for c in clusters:
        c.candidates = _candidates(gazetteer, c)
        c.areas = _areas(gazetteer, c)
        areas.update(c.areas)
    sole_areas = Counter(next(iter(c.areas)) for c in clusters if len(c.areas) == 1)
    counties, county_towns = _counties(gazetteer, clusters)
    for c in clusters:
        c.row, _ = _resolve_cluster(gazetteer, c, _Context(Counter(demonyms), set(), []))
    for _ in range(PASSES_WITH_FOCUS):
        focus, admin1_rows = _votes(gazetteer, clusters, demonyms)
        ctx = _Context(focus=focus, admin1_rows=admin1_rows, resolved=[], areas=areas,
                       sole_areas=sole_areas, counties=counties, county_towns=county_towns)
        _resolve_with_focus(gazetteer, clusters, ctx)


def _demonym_focus(article: Article, gazetteer) -> Counter:
    """Focus evidence from demonyms ("Afghan officials")."""
    focus: Counter = Counter()
    for token in article.doc:
        if token.is_title or token.is_upper:
            cc = gazetteer.demonyms.get(token.lower_)
            if cc and not article.is_ignored(token.idx, token.idx + len(token)):
                focus[cc] += 1
    return focus


def _votes(gazetteer, clusters: list[PlaceCluster], demonyms: Counter) -> tuple[Counter, set]:
    """The focus the clusters' current readings vote for (a country counts double), and the
    first-level divisions they read."""
    focus, admin1_rows = Counter(demonyms), set()
    for c in clusters:
        c.first_row, c.vote = c.row, None
        if c.row is None:
            continue
        weight = 2 if gazetteer.kind_of(c.row) == "country" else 1
        c.vote = (gazetteer.country_of(c.row), weight * len(c.mentions))
        focus[c.vote[0]] += c.vote[1]
        if gazetteer.kind_of(c.row) == "admin1":
            admin1_rows.add(c.row)
    return focus, admin1_rows


def _resolve_with_focus(gazetteer, clusters: list[PlaceCluster], ctx: _Context) -> None:
    focus = ctx.focus
    for c in sorted(clusters, key=lambda c: _resolution_order(gazetteer, c)):
        ctx.focus = _without(focus, c, clusters)
        c.row, c.score = _resolve_cluster(gazetteer, c, ctx)
        if c.row is not None:
            ctx.resolved.append(c.row)
            if gazetteer.kind_of(c.row) == "admin1":
                ctx.admin1_rows.add(c.row)


def _resolution_order(gazetteer, c: PlaceCluster) -> int:
    """CLIFF's order: countries, then first-level divisions, then everything else."""
    if c.row is None:
        return 3
    kind = gazetteer.kind_of(c.row)
    return {"country": 0, "region": 0, "admin1": 1}.get(kind, 2)
