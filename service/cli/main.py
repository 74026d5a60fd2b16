"""`annotate`: the `/v1/annotate` response of every article of an archive, without HTTP.

    annotate INPUT... [-o DIR] [--format jsonl|parquet] [--layers L,L] [--offsets UNIT]
             [--model NAME] [--jobs N | --engine ray --actors N] [--errors FILE] [--force]

See `annotate --help` and the README ("Archives" and "Scaling out"). Exit status: 0 when every
record was annotated, 1 when some were bad (listed in the errors file), 2 when the run could
not start (options, inputs, an output folder written with other options).
"""
from __future__ import annotations

import argparse
import io
import json
import os
import resource
import sys
import time
from pathlib import Path

from service import responses
from service.config import Config
from service.problem import Problem
from schemas import AnnotateOptionsSchema

from . import engines, inputs, outputs
from .progress import Progress, duration
from .work import Options, ShardResult, ShardWorker, error_line

MANIFEST = "_annotate.json"
DEFAULT_ERRORS = "annotate-errors.jsonl"


class Stop(Exception):
    """The run cannot start; the message says why (exit status 2)."""


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="annotate", description="Annotate articles (files, a folder, JSONL, Parquet) with "
        "the service's core: one /v1/annotate response per article, as JSONL or Parquet.")
    p.add_argument("inputs", nargs="+", metavar="INPUT",
                   help=".txt or .html file, folder of them, .jsonl[.gz], .parquet, or - (JSONL "
                        "on standard input)")
    p.add_argument("-o", "--output", default="-",
                   help="folder for the shard files (resumable), or - for standard output")
    p.add_argument("--format", choices=sorted(outputs.FORMATS), default="jsonl",
                   help="output format (default jsonl)")
    p.add_argument("--layers", help="comma-separated layers (default: all), unless a record "
                                    "gives its own")
    p.add_argument("--offsets", help="offset unit: codepoint, utf16 or utf8, unless a record "
                                     "gives its own")
    p.add_argument("--request-format", choices=("text", "html"),
                   help="`format` of JSONL/Parquet records that give none (default text)")
    p.add_argument("--model", default=Config.SPACY_MODEL, help="installed spaCy pipeline")
    p.add_argument("--jobs", type=int, default=1, help="local processes (default 1)")
    p.add_argument("--engine", choices=("local", "ray"), default="local",
                   help="ray: Ray Data actors (local Ray, or the cluster in RAY_ADDRESS)")
    p.add_argument("--actors", type=int, default=2, help="Ray actors (default 2)")
    p.add_argument("--shard-size", type=int, default=500, help="records per output shard")
    p.add_argument("--batch-size", type=int, default=32, help="records per nlp.pipe call")
    p.add_argument("--errors", help=f"errors file (default DIR/errors.jsonl, or ./{DEFAULT_ERRORS} "
                                    "with standard output)")
    p.add_argument("--force", action="store_true", help="annotate finished shards again")
    p.add_argument("--quiet", action="store_true", help="no progress display")
    p.add_argument("--log-seconds", type=float, default=10.0,
                   help="seconds between progress lines when not on a terminal")
    p.add_argument("--summary-json", metavar="FILE",
                   help="also write the closing summary's figures to FILE as JSON")
    return p


def _defaults(args) -> dict:
    """The request fields given on the command line, checked by the API's option schema."""
    given = {"layers": args.layers.split(",") if args.layers else None,
             "offsets": args.offsets}
    given = {key: value for key, value in given.items() if value is not None}
    try:
        responses.load_request(AnnotateOptionsSchema(), given)
    except Problem as problem:
        raise Stop(f"invalid options: {json.dumps(problem.errors)}") from None
    if args.request_format:
        given["format"] = args.request_format
    return given


def _settings(args) -> dict:
    """Everything a worker needs to build its ShardWorker (also sent to Ray actors)."""
    return {"model": args.model, "max_chars": Config.MAX_TEXT_CHARS,
            "max_tokens": Config.MAX_TEXT_TOKENS, "defaults": _defaults(args),
            "limits": {"max_chars": Config.MAX_TEXT_CHARS,
                       "html_seconds": Config.HTML_EXTRACTION_SECONDS},
            "batch_size": args.batch_size,
            "out_dir": None if args.output == "-" else args.output, "out_format": args.format}


def _check_folder(args, settings: dict) -> None:
    """Create the output folder, or check that it was written with the same options."""
    folder = Path(args.output)
    folder.mkdir(parents=True, exist_ok=True)
    manifest = {"model": args.model, "format": args.format, "shard_size": args.shard_size,
                "defaults": settings["defaults"]}
    path = folder / MANIFEST
    if path.exists() and not args.force and json.loads(path.read_text()) != manifest:
        raise Stop(f"{folder} holds shards written with other options ({path}); "
                   "use --force to annotate again, or another folder")
    outputs.write_atomically(path, json.dumps(manifest, indent=1).encode())
    outputs.remove_temporaries(folder)


def _todo(args, shards, progress, names: list):
    """The shards to annotate: finished ones (their output file exists) skipped unless --force."""
    for shard in shards:
        names.append(shard.name)
        if (args.output != "-" and not args.force
                and outputs.shard_path(args.output, shard.name, args.format).exists()):
            progress.skip(shard.count)
            continue
        yield shard


def _results(args, settings: dict, shards, progress):
    if args.engine == "ray":
        if args.output == "-":
            raise Stop("--engine ray writes shard files: give an output folder with -o")
        return engines.run_ray(settings, shards, progress, args.actors, args.quiet)
    annotator = engines.load_annotator(args.model, settings["max_chars"], settings["max_tokens"])
    options = Options(settings["defaults"], responses.Limits(**settings["limits"]),
                      args.batch_size)
    worker = ShardWorker(annotator, options, settings["out_dir"], args.format)
    if args.jobs > 1:
        return engines.run_forked(worker, shards, progress, args.jobs)
    return engines.run_here(worker, shards, progress)


class _Stdout:
    """Rows to standard output: JSONL lines as they come; Parquet as one file at the end."""

    def __init__(self, out_format: str):
        self.out_format, self.tables = out_format, []

    def write(self, result: ShardResult) -> None:
        if self.out_format == "jsonl":
            sys.stdout.buffer.write(result.payload)
            sys.stdout.buffer.flush()
        else:
            import pyarrow.parquet as pq

            self.tables.append(pq.read_table(io.BytesIO(result.payload)))

    def close(self) -> None:
        if self.tables:
            import pyarrow as pa
            import pyarrow.parquet as pq

            pq.write_table(pa.concat_tables(self.tables), sys.stdout.buffer)
        sys.stdout.buffer.flush()


def _errors_path(args) -> Path:
    if args.errors:
        return Path(args.errors)
    return Path(args.output) / "errors.jsonl" if args.output != "-" else Path(DEFAULT_ERRORS)


def run(args) -> int:
    started = time.monotonic()
    settings = _settings(args)
    plan = inputs.plan(args.inputs, args.shard_size)
    if args.output != "-":
        _check_folder(args, settings)
    progress = Progress(plan.total, quiet=args.quiet, log_seconds=args.log_seconds)
    names: list[str] = []
    stdout = _Stdout(args.format) if args.output == "-" else None
    annotated, errors, written = 0, [], 0
    results = _results(args, settings, _todo(args, plan.shards, progress, names), progress)
    progress.restart()  # the local engines have loaded the model: rates count annotation only
    cpu_started = _cpu_seconds()
    try:
        for result in results:
            annotated, written = annotated + result.annotated, written + 1
            errors.extend(result.errors)
            if stdout:
                stdout.write(result)
    finally:
        progress.stop()
    if stdout:
        stdout.close()
    bad = _write_errors(args, names, errors)
    _summary(args, {"annotated": annotated, "bad": bad, "shards_written": written,
                    "shards_skipped": len(names) - written, "records_skipped": progress.skipped,
                    "seconds": time.monotonic() - started,
                    "annotating_seconds": time.monotonic() - progress.started,
                    "annotating_cpu_seconds": _cpu_seconds() - cpu_started})
    return 1 if bad else 0


def _cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the --jobs workers; not Ray's
    actors, which Ray starts)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def _write_errors(args, names: list[str], errors: list) -> int:
    """The run's errors file: with an output folder, the errors of every shard (finished in an
    earlier run or in this one), so a rerun gives the same file. Returns the number of lines."""
    path = _errors_path(args)
    if args.output != "-":
        lines = outputs.shard_errors(args.output, names)
    else:
        lines = [error_line(entry).encode("utf-8") for entry in errors]
    if lines or path.exists():
        outputs.write_atomically(path, b"".join(lines))
    return len(lines)


def _summary(args, figures: dict) -> None:
    rate = figures["annotated"] / max(figures["annotating_seconds"], 1e-9)
    where = "standard output" if args.output == "-" else args.output
    text = (f"annotate: {figures['annotated']:,} articles annotated into {where} ({rate:.1f} "
            f"articles/s, {duration(figures['seconds'])} in all), {figures['shards_written']} "
            f"shards written, {figures['shards_skipped']} finished shards skipped "
            f"({figures['records_skipped']:,} records), {figures['bad']:,} bad records")
    if figures["bad"]:
        text += f" (see {_errors_path(args)})"
    print(text, file=sys.stderr, flush=True)
    if args.summary_json:
        Path(args.summary_json).write_text(json.dumps(figures), encoding="utf-8")


def main(argv=None) -> int:
    args = parser().parse_args(argv)
    if args.jobs < 1 or args.actors < 1 or args.shard_size < 1 or args.batch_size < 1:
        print("annotate: --jobs, --actors, --shard-size and --batch-size must be >= 1",
              file=sys.stderr)
        return 2
    try:
        return run(args)
    except BrokenPipeError:  # standard output closed early (| head): not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except (Stop, inputs.InputError, OSError) as error:
        print(f"annotate: {error}", file=sys.stderr)
        return 2
