"""The annotate command against bare spaCy, and against itself at scale, in one run (issue 17).

    python -m evaluation.cli_bench [--articles N] [--words W] [--memory-articles M] [--json]
                                   [--skip-ray] [--skip-memory]

Every figure is a ratio of two runs on the same generated archive (evaluation.bench's news-like
article generator; nothing is read from a dataset), measured one after the other in this run,
with the load average beside it: the machine may be shared.

1. one process (best of `--repeats` interleaved rounds): `annotate --jobs 1` against bare `nlp.pipe` over the same texts, timed inside
   a process that loaded the model first: `spacy.load` of the service's model (what bench.py
   calls bare spaCy), the same pipeline as the service configures it (`load_pipeline`), and the
   annotation core (`Annotator.annotate_batch`, no I/O). The command's time is the one its
   summary gives from the model loaded to the last shard written (`--summary-json`);
2. `--jobs 2` against `--jobs 1`, the same way;
3. Ray local mode: `--engine ray` with 1 actor against the local engine, and 2 actors against 1.
   Ray's start-up (the local cluster, the actors loading the model) is taken as the wall time
   of a run on a one-article archive, and the figures are given with and without it;
4. memory: `annotate --jobs 1` over an archive of M short articles (10,000 by default); the
   process's RSS and PSS sampled every second, after start-up and a tenth of the annotation
   time, and at the end (growth), and the peak.
"""
from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from evaluation.bench import ArticleMaker, children, log, memory_kb, model_name

ROOT = Path(__file__).resolve().parents[1]


def write_archive(path: Path, count: int, words: int, seed: int) -> list[str]:
    maker = ArticleMaker(seed)
    texts = [maker.article(words) for _ in range(count)]
    with open(path, "w", encoding="utf-8") as stream:
        for i, text in enumerate(texts):
            stream.write(json.dumps({"id": f"g{i}", "text": text}) + "\n")
    return texts


BASELINES = ("spacy_load_pipe", "service_pipeline_pipe", "annotator_core")


def _bare_main(conn, baseline: str, model: str, texts: list[str]) -> None:
    """In a spawned process: one baseline over the texts, timed after its model is loaded (each
    in a fresh process, so none sees texts that an earlier one already put in the caches)."""
    import spacy

    from service.config import Config
    from service.nlp.annotator import LAYERS, Annotator
    from service.nlp.pipeline import load_pipeline

    if baseline == "spacy_load_pipe":
        nlp = spacy.load(model)
    else:
        nlp = load_pipeline(model, Config.MAX_TEXT_CHARS)
    if baseline == "annotator_core":
        annotator = Annotator(nlp, max_tokens=Config.MAX_TEXT_TOKENS)
        started = time.perf_counter()
        for i in range(0, len(texts), 32):  # the command's batch size
            annotator.annotate_batch([(text, LAYERS, None) for text in texts[i:i + 32]])
    else:
        started = time.perf_counter()
        for _ in nlp.pipe(texts):
            pass
    conn.send(time.perf_counter() - started)


def bare(texts: list[str]) -> dict:
    context = multiprocessing.get_context("spawn")
    times = {}
    for baseline in BASELINES:
        parent, child = context.Pipe()
        process = context.Process(target=_bare_main,
                                  args=(child, baseline, model_name(), texts))
        process.start()
        times[baseline] = parent.recv()
        process.join()
    return times


class Sampler:
    """RSS and PSS (kB) of a process and its children, every `interval` seconds."""

    def __init__(self, pid: int, interval: float = 1.0):
        self.pid, self.interval, self.samples = pid, interval, []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            try:
                pids = [self.pid, *children(self.pid)]
                self.samples.append((time.monotonic(), [memory_kb(p) for p in pids]))
            except (FileNotFoundError, ProcessLookupError, KeyError):
                pass

    def stop(self) -> list:
        self._stop.set()
        self._thread.join()
        return self.samples


def annotate(archive: Path, out: Path, *args: str, sample: bool = False) -> dict:
    """One run of the command (a fresh output folder); wall time, summary, memory samples.
    Shards of 1/16 of the archive (at most 500), so that 2 processes or actors share it."""
    with open(archive, "rb") as stream:
        shard_size = min(500, max(1, sum(1 for _ in stream) // 16))
    shutil.rmtree(out, ignore_errors=True)
    env = {**os.environ, "RAY_ADDRESS": "", "RAY_USAGE_STATS_ENABLED": "0",
           "PYTHONPATH": str(ROOT)}
    summary = out.with_suffix(".summary.json")
    started = time.monotonic()
    process = subprocess.Popen([sys.executable, "-m", "service.cli", str(archive), "-o", str(out),
                                "--quiet", "--summary-json", str(summary),
                                "--shard-size", str(shard_size), *args],
                               stderr=subprocess.PIPE, env=env)
    sampler = Sampler(process.pid) if sample else None
    _, err = process.communicate()
    wall = time.monotonic() - started
    samples = sampler.stop() if sampler else []
    if process.returncode != 0:
        raise RuntimeError(f"annotate {' '.join(args)} failed: {err.decode()[-2000:]}")
    return {"wall": wall, "started": started, "samples": samples,
            **json.loads(summary.read_text())}


def load() -> float:
    return round(os.getloadavg()[0], 2)


def local_rounds(archive: Path, texts: list[str], work: Path, repeats: int) -> tuple[dict, dict]:
    """Bare spaCy, --jobs 1 and --jobs 2 in turn, `repeats` rounds; the best time of each, so
    that a burst of load from elsewhere counts against neither side."""
    rounds = []
    for round_ in range(repeats):
        log(f"round {round_ + 1}/{repeats}: bare spaCy baselines (spawned process)")
        baselines = bare(texts)
        log(f"round {round_ + 1}/{repeats}: annotate --jobs 1, then --jobs 2")
        one, two = annotate(archive, work / "j1"), annotate(archive, work / "j2", "--jobs", "2")
        rounds.append((baselines, one, two, load()))
    best = {name: min(r[0][name] for r in rounds) for name in rounds[0][0]}
    net = min(r[1]["annotating_seconds"] for r in rounds)
    wall = min(r[1]["wall"] for r in rounds)
    net2 = min(r[2]["annotating_seconds"] for r in rounds)
    wall2 = min(r[2]["wall"] for r in rounds)
    one_process = {"load_after_rounds": [r[3] for r in rounds], "cli_wall_s": wall,
                   "cli_net_s": net, "baselines_s": best,
                   "ratios": {name: seconds / net for name, seconds in best.items()}}
    jobs = {"net_s": net2, "wall_s": wall2, "speedup": net / net2, "speedup_wall": wall / wall2}
    return one_process, jobs


def ray(archive: Path, small: Path, work: Path, one: dict) -> dict:
    figures = {"load_before": load()}
    for actors in ("1", "2"):
        log(f"annotate --engine ray --actors {actors} (start-up, then the archive)")
        startup = annotate(small, work / f"rs{actors}", "--engine", "ray", "--actors",
                           actors)["wall"]
        wall = annotate(archive, work / f"r{actors}", "--engine", "ray", "--actors",
                        actors)["wall"]
        figures[actors] = {"startup_s": startup, "wall_s": wall, "net_s": wall - startup}
    figures["overhead_net"] = figures["1"]["net_s"] / one["cli_net_s"]
    figures["overhead_wall"] = figures["1"]["wall_s"] / one["cli_wall_s"]
    figures["speedup_2_vs_1"] = figures["1"]["net_s"] / figures["2"]["net_s"]
    return figures


def memory(count: int, work: Path, seed: int) -> dict:
    archive = work / "memory.jsonl"
    write_archive(archive, count, 100, seed + 1)
    log(f"memory: annotate --jobs 1 over {count:,} articles")
    run = annotate(archive, work / "m", sample=True)
    # The first sample after start-up and a tenth of the annotation time (the model loaded, the
    # caches warm), and the last one.
    warm = run["started"] + run["wall"] - 0.9 * run["annotating_seconds"]
    samples = [sample for sample in run["samples"] if sample[0] >= warm]
    if len(samples) < 2:
        return {"articles": count, "wall_s": run["wall"], "samples": len(samples)}
    first, last = samples[0][1][0], samples[-1][1][0]
    return {"articles": count, "wall_s": run["wall"], "samples": len(samples),
            "rss_mb_after_tenth": first["rss"] / 1024, "rss_mb_end": last["rss"] / 1024,
            "pss_mb_after_tenth": first["pss"] / 1024, "pss_mb_end": last["pss"] / 1024,
            "rss_peak_mb": max(s[1][0]["rss"] for s in samples) / 1024,
            "growth_mb": (last["rss"] - first["rss"]) / 1024,
            "growth_kb_per_1000": (last["rss"] - first["rss"]) / (count * 0.9) * 1000,
            "articles_per_s": run["annotated"] / run["annotating_seconds"]}


def report(r: dict) -> None:
    one = r["one_process"]
    print(f"annotate command vs bare spaCy ({model_name()}), {os.cpu_count()} CPUs, "
          f"{r['articles']} articles of ~{r['words']} words; load average "
          f"{r['load_start']} at start, {r['load_end']} at end.")
    print(f"One process (best of {len(one['load_after_rounds'])} rounds; load average after "
          f"each {one['load_after_rounds']}): annotate {one['cli_net_s']:.1f} s after start-up "
          f"(wall {one['cli_wall_s']:.1f} s)")
    for name, ratio in one["ratios"].items():
        print(f"  vs {name:22s} {one['baselines_s'][name]:6.1f} s: {ratio:.2f}x articles/s")
    j = r["jobs"]
    print(f"--jobs 2 vs --jobs 1: {j['speedup']:.2f}x ({j['net_s']:.1f} s; wall with start-up "
          f"{j['speedup_wall']:.2f}x)")
    if "ray" in r:
        y = r["ray"]
        print(f"Ray local, 1 actor vs local engine: {y['overhead_net']:.2f}x the time "
              f"({y['1']['net_s']:.1f} s vs {one['cli_net_s']:.1f} s less start-up; with start-up "
              f"{y['1']['wall_s']:.1f} s vs {one['cli_wall_s']:.1f} s, {y['overhead_wall']:.2f}x);"
              f" 2 actors vs 1: {y['speedup_2_vs_1']:.2f}x; load {y['load_before']}")
    if "memory" in r and "growth_mb" in r["memory"]:
        m = r["memory"]
        print(f"Memory over {m['articles']:,} articles ({m['wall_s']:.0f} s, "
              f"{m['articles_per_s']:.0f} articles/s): RSS "
              f"{m['rss_mb_after_tenth']:.0f} MB after a tenth -> {m['rss_mb_end']:.0f} MB at the "
              f"end ({m['growth_mb']:+.1f} MB, {m['growth_kb_per_1000']:+.0f} kB per 1,000 "
              f"articles), peak {m['rss_peak_mb']:.0f} MB; PSS {m['pss_mb_after_tenth']:.0f} -> "
              f"{m['pss_mb_end']:.0f} MB")


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--articles", type=int, default=150)
    p.add_argument("--words", type=int, default=300)
    p.add_argument("--memory-articles", type=int, default=10_000)
    p.add_argument("--seed", type=int, default=17)
    p.add_argument("--repeats", type=int, default=2, help="rounds of the local comparisons")
    p.add_argument("--skip-ray", action="store_true")
    p.add_argument("--skip-memory", action="store_true")
    p.add_argument("--json", action="store_true")
    args = p.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="cli-bench-"))
    try:
        archive, small = work / "archive.jsonl", work / "one.jsonl"
        texts = write_archive(archive, args.articles, args.words, args.seed)
        write_archive(small, 1, args.words, args.seed)
        r = {"articles": args.articles, "words": args.words, "load_start": load()}
        r["one_process"], r["jobs"] = local_rounds(archive, texts, work, args.repeats)
        if not args.skip_ray:
            r["ray"] = ray(archive, small, work, r["one_process"])
        if not args.skip_memory:
            r["memory"] = memory(args.memory_articles, work, args.seed)
        r["load_end"] = load()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if args.json:
        print(json.dumps(r, indent=1, default=str))
    else:
        report(r)
    return 0


if __name__ == "__main__":
    sys.exit(main())
