"""Where shards are annotated: this process, `--jobs N` forked processes, or Ray actors.

Each engine takes the shards still to do and yields a `ShardResult` per shard, in order. The
model is loaded once per process: in this process before forking (the workers share its pages,
as gunicorn's preloaded workers do), or in each Ray actor's constructor.
"""
from __future__ import annotations

import gc
import json
import logging
import multiprocessing
import os
import pickle
from collections import deque
from pathlib import Path
from typing import Iterable, Iterator

from .work import ShardResult, ShardWorker

ROOT = Path(__file__).resolve().parents[2]
_worker: dict = {}  # set in the parent before forking: the ShardWorker and the progress hook


def load_annotator(model: str, max_chars: int, max_tokens: int):
    from service.nlp.annotator import Annotator
    from service.nlp.article.html import warm_up
    from service.nlp.model import load_pipeline

    annotator = Annotator(load_pipeline(model, max_chars), max_tokens=max_tokens or None)
    warm_up()
    return annotator


def run_here(worker: ShardWorker, shards: Iterable, progress) -> Iterator[ShardResult]:
    for shard in shards:
        yield worker.process(shard, progress.add)


def _process_in_child(shard) -> ShardResult:
    return _worker["worker"].process(shard, _worker["progress"])


def run_forked(worker: ShardWorker, shards: Iterable, progress, jobs: int
               ) -> Iterator[ShardResult]:
    """`jobs` processes forked now, before the caller starts any thread (a child must not
    inherit a lock that a thread of the parent held)."""
    _worker.update(worker=worker, progress=progress.add)
    gc.collect()
    gc.freeze()  # keep the model's objects out of the children's collections (shared pages)
    pool = multiprocessing.get_context("fork").Pool(jobs)
    gc.unfreeze()
    return _forked_results(pool, shards, jobs)


def _forked_results(pool, shards: Iterable, jobs: int) -> Iterator[ShardResult]:
    """At most two shards per process are read ahead, so streamed inputs (standard input,
    .gz) are not read into memory whole."""
    with pool:
        pending: deque = deque()
        for shard in shards:
            pending.append(pool.apply_async(_process_in_child, (shard,)))
            if len(pending) >= 2 * jobs:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()


class RayShardActor:
    """A Ray Data actor: loads the model once, then annotates the shards it is given and
    writes their files itself (the output folder must be shared by the cluster's nodes)."""

    def __init__(self, settings: dict):
        from service.responses import Limits

        from .work import Options

        annotator = load_annotator(settings["model"], settings["max_chars"],
                                   settings["max_tokens"])
        options = Options(settings["defaults"], Limits(**settings["limits"]),
                          settings["batch_size"])
        self.worker = ShardWorker(annotator, options, settings["out_dir"],
                                  settings["out_format"])

    def __call__(self, batch: dict) -> dict:
        results = [self.worker.process(pickle.loads(item)) for item in batch["shard"]]
        return {"name": [r.name for r in results],
                "annotated": [r.annotated for r in results],
                "errors": [json.dumps(r.errors, ensure_ascii=False) for r in results]}


def _init_ray(actors: int, quiet: bool):
    import ray
    import ray.data

    address = os.environ.get("RAY_ADDRESS")
    if address:
        # A cluster: the job's working directory (ray job submit --working-dir) holds the code.
        ray.init(address=address, logging_level=logging.WARNING)
    else:
        ray.init(num_cpus=max(actors, 1), include_dashboard=False, logging_level=logging.WARNING,
                 log_to_driver=not quiet, object_store_memory=256 * 1024 * 1024,
                 runtime_env={"env_vars": {"PYTHONPATH": str(ROOT)}})
    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = False
    return ray


def run_ray(settings: dict, shards: Iterable, progress, actors: int, quiet: bool
            ) -> Iterator[ShardResult]:
    """The shards as a Ray Dataset, `map_batches` over a pool of `actors` RayShardActors."""
    ray = _init_ray(actors, quiet)
    try:
        items = [{"shard": pickle.dumps(shard)} for shard in shards]
        if not items:
            return
        dataset = ray.data.from_items(items, override_num_blocks=len(items)).map_batches(
            RayShardActor, fn_constructor_kwargs={"settings": settings}, batch_size=1,
            compute=ray.data.ActorPoolStrategy(size=actors), num_cpus=1)
        for row in dataset.iter_rows():
            result = ShardResult(row["name"], int(row["annotated"]), json.loads(row["errors"]))
            progress.add(result.annotated + len(result.errors))
            yield result
    finally:
        ray.shutdown()
