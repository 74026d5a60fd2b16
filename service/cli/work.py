"""Annotating one shard: each record validated like a JSON request to `/v1/annotate`, the valid
ones annotated in `nlp.pipe` batches, and per record either an output row or an error entry.

An output row is keyed by the article's id, the SHA-256 of its text (the request's `text`, as
given) and the annotator version, and holds the exact `/v1/annotate` response; an error entry
holds the record's source, line and id and the problem the API would have answered.
The same code runs in the local process, in `--jobs` worker processes and in Ray actors.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

from service import API_VERSION
from service.body import parse_json
from service import responses
from service.problem import Problem
from schemas import AnnotateRequestSchema, AnnotateResponseSchema

from .inputs import Shard, read_shard
from .outputs import encode_rows, write_shard


@dataclass(frozen=True)
class Options:
    """What every record gets unless it says otherwise (like query options of a JSON request)."""

    defaults: dict
    limits: responses.Limits
    batch_size: int = 32


@dataclass
class ShardResult:
    name: str
    annotated: int = 0
    errors: list = field(default_factory=list)
    payload: bytes | None = None   # the encoded rows, when the shard goes to standard output


def annotator_version(model: dict) -> str:
    """What produced a row: the spaCy pipeline and the service's API version."""
    return f"{model['name']}-{model['version']}/api-{API_VERSION}"


class ShardWorker:
    """Annotates shards with one annotator: the model is loaded once per process."""

    def __init__(self, annotator, options: Options, out_dir=None, out_format: str = "jsonl"):
        self.annotator, self.options = annotator, options
        self.out_dir, self.out_format = out_dir, out_format
        self.version = annotator_version(annotator.model)
        self.request_schema, self.response_schema = AnnotateRequestSchema(), AnnotateResponseSchema()

    def process(self, shard: Shard, progress=None) -> ShardResult:
        """Annotate `shard`; with an output folder, write its files (else return the rows)."""
        rows, errors = [], []
        batch = []
        for line, raw in read_shard(shard):
            batch.append(self._validated(shard, line, raw))
            if len(batch) >= self.options.batch_size:
                self._flush(batch, rows, errors, progress)
        self._flush(batch, rows, errors, progress)
        result = ShardResult(shard.name, annotated=len(rows), errors=errors)
        if self.out_dir is None:
            result.payload = encode_rows(rows, self.out_format)
        else:
            write_shard(self.out_dir, shard.name, self.out_format, rows, errors)
        return result

    def _validated(self, shard: Shard, line, raw) -> tuple[dict, dict | Problem]:
        """(the row's keys, the checked request fields or the record's Problem)."""
        key = {"id": None, "text_sha256": None, "annotator": self.version,
               "source": shard.source, "line": line}
        try:
            record = _record(raw)
            key["id"] = record.get("id") if isinstance(record.get("id"), str) else None
            fields = responses.load_request(self.request_schema,
                                            {**self.options.defaults, **record})
            key["text_sha256"] = hashlib.sha256(fields["text"].encode("utf-8",
                                                "surrogatepass")).hexdigest()
            limits = self.options.limits
            return key, responses.text_to_annotate(fields, limits, limits.html_until())
        except Problem as problem:
            return key, problem

    def _flush(self, batch: list, rows: list, errors: list, progress) -> None:
        if not batch:
            return
        outcomes = responses.annotate_batch(self.annotator, [fields for _, fields in batch])
        for (key, _), outcome in zip(batch, outcomes):
            if isinstance(outcome, Problem):
                errors.append({"source": key["source"], "line": key["line"], "id": key["id"],
                               "problem": outcome.body()})
            else:
                rows.append({**key, "response": self.response_schema.dump(outcome)})
        if progress is not None:
            progress(len(batch))
        batch.clear()


def _record(raw) -> dict:
    """A record as a request mapping: a JSONL line parsed as strictly as a JSON body."""
    if isinstance(raw, bytes):
        raw = parse_json(raw)
        if not isinstance(raw, dict):
            raise Problem(422, "Unprocessable Content", "A JSONL line must hold an object.",
                          errors={"_schema": ["Invalid input type."]})
    elif "undecodable" in raw:
        raise Problem(400, "Bad Request",
                      f"The file is not valid UTF-8 (byte offset {raw['undecodable']}).")
    return raw


def error_line(entry: dict) -> str:
    return json.dumps(entry, ensure_ascii=False) + "\n"
