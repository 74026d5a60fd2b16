"""Archive inputs cut into shards: the unit of work, of output files and of resumption.

A shard is `shard_size` consecutive records of one input and has a stable name (input stem and
index), so a rerun on the same inputs finds the same shards. Where the input can be reopened at
a position (plain JSONL: a byte offset; Parquet: a row group and a slice; a folder: file paths)
the shard only says where its records are, and whoever annotates it (a local process, a Ray
actor) reads them itself. Compressed JSONL and standard input are read once, here, and their
shards carry their raw lines.

Records come out as (line, raw) pairs: `line` the 1-based line (JSONL) or row (Parquet), None for
a file of a folder; `raw` the JSONL line's bytes, a Parquet row's dict, or a file's fields.
"""
from __future__ import annotations

import datetime
import gzip
import itertools
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

TEXT_SUFFIXES = {".txt": "text", ".html": "html", ".htm": "html"}
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
PARQUET_SUFFIXES = (".parquet",)
# Parquet columns read: the request's fields (the schema refuses other ones).
REQUEST_COLUMNS = ("id", "text", "published", "offsets", "layers", "format")


class InputError(ValueError):
    """An input that cannot be read at all (missing, unknown kind): the run stops."""


@dataclass(frozen=True)
class Shard:
    name: str                 # output file stem: unique per input and index
    source: str               # the input as given ("-" for standard input)
    kind: str                 # "jsonl", "parquet", "files" or "lines" (raw lines carried along)
    count: int                # records in the shard
    first_line: int = 1       # line or row number of its first record
    offset: int = 0           # jsonl: byte offset; parquet: row in the row group
    row_group: int = 0
    paths: tuple = ()         # files: (path, id) pairs
    lines: tuple = field(default=(), repr=False)


@dataclass
class Plan:
    """The shards of all inputs: `shards` is lazy where inputs are streamed; `total` is None
    when the number of records is not known before reading (standard input)."""

    shards: Iterator[Shard]
    total: int | None


def input_kind(path: str) -> str:
    name = path.lower()
    if path == "-" or name.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if name.endswith(PARQUET_SUFFIXES):
        return "parquet"
    if Path(path).is_dir():
        return "folder"
    if Path(name).suffix in TEXT_SUFFIXES:
        return "file"
    raise InputError(f"{path}: not a .txt, .html, .jsonl(.gz), .parquet file, a folder or '-'")


def stem(path: str) -> str:
    if path == "-":
        return "stdin"
    name = Path(path.rstrip("/")).name
    for suffix in (".gz", ".jsonl", ".ndjson", ".parquet", *TEXT_SUFFIXES):
        name = name.removesuffix(suffix)
    return name or "input"


def plan(paths: list[str], shard_size: int) -> Plan:
    """The shards of `paths`, in order. Two inputs with the same stem would write the same
    shard names, so that is refused."""
    stems = [stem(path) for path in paths]
    clash = next((s for s in stems if stems.count(s) > 1), None)
    if clash:
        raise InputError(f"two inputs would write shards named {clash!r}: "
                         "annotate them into separate output folders")
    for path in paths:
        if path != "-" and not Path(path).exists():
            raise InputError(f"{path}: no such file or folder")
    planned = [_plan_one(path, shard_size) for path in paths]
    totals = [total for _, total in planned]
    total = None if None in totals else sum(totals)
    return Plan(itertools.chain.from_iterable(shards for shards, _ in planned), total)


def _plan_one(path: str, size: int) -> tuple[Iterator[Shard], int | None]:
    kind = input_kind(path)
    if kind == "file":
        return iter([Shard(stem(path) + "-00000", path, "files", 1,
                           paths=((path, Path(path).name),))]), 1
    if kind == "folder":
        return _folder_shards(path, size)
    if kind == "parquet":
        return _parquet_shards(path, size)
    if path == "-" or path.lower().endswith(".gz"):
        total = None if path == "-" else _count_lines(path)
        return _line_shards(path, size), total
    return _jsonl_shards(path, size)


def _name(path: str, index: int) -> str:
    return f"{stem(path)}-{index:05d}"


def _chunks(items: list, size: int) -> list[list]:
    return [items[i:i + size] for i in range(0, len(items), size)]


def _folder_shards(path: str, size: int) -> tuple[Iterator[Shard], int]:
    root = Path(path)
    files = sorted(p for p in root.rglob("*") if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES)
    pairs = [(str(p), p.relative_to(root).as_posix()) for p in files]
    shards = [Shard(_name(path, i), path, "files", len(chunk), paths=tuple(chunk))
              for i, chunk in enumerate(_chunks(pairs, size))]
    return iter(shards), len(pairs)


def _jsonl_shards(path: str, size: int) -> tuple[Iterator[Shard], int]:
    """One pass over the file for the byte offset of every shard's first line."""
    shards, offset, line = [], 0, 0
    with open(path, "rb") as stream:
        while True:
            start, lines = offset, 0
            for raw in itertools.islice(stream, size):
                offset += len(raw)
                lines += 1
            if not lines:
                break
            shards.append(Shard(_name(path, len(shards)), path, "jsonl", lines,
                                first_line=line + 1, offset=start))
            line += lines
    return iter(shards), line


def _open_lines(path: str):
    if path == "-":
        return sys.stdin.buffer
    return gzip.open(path, "rb") if path.lower().endswith(".gz") else open(path, "rb")


def _count_lines(path: str) -> int:
    with _open_lines(path) as stream:
        return sum(1 for _ in stream)


def _line_shards(path: str, size: int) -> Iterator[Shard]:
    """Shards carrying their lines, read here once (compressed files, standard input)."""
    stream = _open_lines(path)
    try:
        for index in itertools.count():
            lines = tuple(itertools.islice(stream, size))
            if not lines:
                return
            yield Shard(_name(path, index), path, "lines", len(lines),
                        first_line=index * size + 1, lines=lines)
    finally:
        if stream is not sys.stdin.buffer:
            stream.close()


def _parquet_shards(path: str, size: int) -> tuple[Iterator[Shard], int]:
    import pyarrow.parquet as pq

    metadata = pq.ParquetFile(path).metadata
    shards, row = [], 0
    for group in range(metadata.num_row_groups):
        rows = metadata.row_group(group).num_rows
        for offset in range(0, rows, size):
            count = min(size, rows - offset)
            shards.append(Shard(_name(path, len(shards)), path, "parquet", count,
                                first_line=row + offset + 1, offset=offset, row_group=group))
        row += rows
    return iter(shards), row


def read_shard(shard: Shard) -> Iterator[tuple[int | None, object]]:
    """The shard's records as (line, raw) pairs; blank JSONL lines are no records."""
    if shard.kind == "files":
        for path, ident in shard.paths:
            yield None, _file_record(path, ident)
        return
    if shard.kind == "parquet":
        yield from _parquet_rows(shard)
        return
    lines = shard.lines if shard.kind == "lines" else _jsonl_lines(shard)
    for line, raw in enumerate(lines, start=shard.first_line):
        if raw.strip():
            yield line, raw


def _jsonl_lines(shard: Shard) -> list[bytes]:
    with open(shard.source, "rb") as stream:
        stream.seek(shard.offset)
        return list(itertools.islice(stream, shard.count))


def _file_record(path: str, ident: str) -> dict:
    """A file of a folder as request fields; bytes that are not UTF-8 stay bytes (a 400)."""
    raw = Path(path).read_bytes()
    fmt = TEXT_SUFFIXES[Path(path).suffix.lower()]
    try:
        return {"id": ident, "text": raw.decode("utf-8"), "format": fmt}
    except UnicodeDecodeError as error:
        return {"id": ident, "undecodable": error.start}


def _parquet_rows(shard: Shard) -> Iterator[tuple[int, dict]]:
    import pyarrow.parquet as pq

    parquet = pq.ParquetFile(shard.source)
    columns = [name for name in REQUEST_COLUMNS if name in parquet.schema_arrow.names]
    table = parquet.read_row_group(shard.row_group, columns=columns)
    rows = table.slice(shard.offset, shard.count).to_pylist()
    for line, row in enumerate(rows, start=shard.first_line):
        # A null cell is an absent field; dates as the ISO strings a JSON request would hold.
        yield line, {key: value.isoformat() if isinstance(value, datetime.date) else value
                     for key, value in row.items() if value is not None}
