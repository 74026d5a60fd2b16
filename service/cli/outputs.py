"""Output rows as JSONL or Parquet; shard files written whole or not at all.

A shard's file is written under a temporary name in the output folder and renamed when complete
(a rename within one folder is atomic), so a folder only ever holds finished shards: a run
killed half-way leaves at most temporary files, which the next run removes. A shard's bad
records go to `<shard>.errors.jsonl`, renamed into place before the shard's output, so a
finished shard always has its errors beside it; the run's errors file is rebuilt from those.

Parquet columns: id, text_sha256, annotator, source (strings), line (int64) and response (the
`/v1/annotate` response as a JSON string: its layers vary in shape from article to article).
"""
from __future__ import annotations

import io
import json
import os
from pathlib import Path

FORMATS = {"jsonl": ".jsonl", "parquet": ".parquet"}
ERRORS_SUFFIX = ".errors.jsonl"
TEMPORARY = ".tmp-"
_KEY_COLUMNS = ("id", "text_sha256", "annotator", "source", "line")


def _jsonl(rows: list) -> bytes:
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows).encode("utf-8")


def parquet_table(rows: list):
    import pyarrow as pa

    schema = pa.schema([("id", pa.string()), ("text_sha256", pa.string()),
                        ("annotator", pa.string()), ("source", pa.string()),
                        ("line", pa.int64()), ("response", pa.string())])
    columns = {name: [row[name] for row in rows] for name in _KEY_COLUMNS}
    columns["response"] = [json.dumps(row["response"], ensure_ascii=False) for row in rows]
    return pa.table(columns, schema=schema)


def _parquet(rows: list) -> bytes:
    import pyarrow.parquet as pq

    buffer = io.BytesIO()
    pq.write_table(parquet_table(rows), buffer)
    return buffer.getvalue()


def encode_rows(rows: list, out_format: str) -> bytes:
    return _parquet(rows) if out_format == "parquet" else _jsonl(rows)


def shard_path(out_dir, name: str, out_format: str) -> Path:
    return Path(out_dir) / (name + FORMATS[out_format])


def write_atomically(path: Path, data: bytes) -> None:
    """Write `data` to a temporary name beside `path`, then rename it into place."""
    temporary = path.with_name(f".{path.name}{TEMPORARY}{os.getpid()}")
    with open(temporary, "wb") as stream:
        stream.write(data)
        stream.flush()
        os.fsync(stream.fileno())
    os.replace(temporary, path)


def write_shard(out_dir, name: str, out_format: str, rows: list, errors: list) -> None:
    errors_path = Path(out_dir) / (name + ERRORS_SUFFIX)
    if errors:
        write_atomically(errors_path, _jsonl(errors))
    else:
        errors_path.unlink(missing_ok=True)  # from an earlier run with --force
    write_atomically(shard_path(out_dir, name, out_format), encode_rows(rows, out_format))


def remove_temporaries(out_dir) -> int:
    """Delete what killed runs left half-written; their shards are annotated again."""
    stale = [path for path in Path(out_dir).glob(".*" + TEMPORARY + "*") if path.is_file()]
    for path in stale:
        path.unlink()
    return len(stale)


def shard_errors(out_dir, names: list[str]) -> list[bytes]:
    """The error lines of the finished shards `names`, in that order."""
    lines = []
    for name in names:
        path = Path(out_dir) / (name + ERRORS_SUFFIX)
        if path.exists():
            lines.extend(path.read_bytes().splitlines(keepends=True))
    return lines


def read_rows(path) -> list[dict]:
    """The rows of a shard file (either format), responses as objects."""
    path = Path(path)
    if path.suffix == ".parquet":
        import pyarrow.parquet as pq

        rows = pq.read_table(path).to_pylist()
        return [{**row, "response": json.loads(row["response"])} for row in rows]
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
