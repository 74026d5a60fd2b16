"""The annotate command against bare spaCy, and against itself at scale, in one run (issue 17).

    python -m evaluation.cli_bench [--articles N] [--words W] [--memory-articles M] [--json]
                                   [--skip-ray] [--skip-memory]

Every figure is a ratio of two runs on the same generated archive (evaluation.bench's news-like
article generator; nothing is read from a dataset), measured one after the other in this run,
with the load average beside it: the machine may be shared.

1. one process (`--repeats` rounds, a new archive each, the median of the per-round ratios):
   `annotate --jobs 1` against bare `nlp.pipe` over the same texts, timed inside
   a process that loaded the model first: `spacy.load` of the service's model (what bench.py
   calls bare spaCy), the same pipeline as the service configures it (`load_pipeline`), and the
   annotation core (`Annotator.annotate_batch`, no I/O). The command's time is the one its
   summary gives from the model loaded to the last shard written (`--summary-json`); each
   baseline runs in its own process, loaded once (the command reloads for every run). Also
   per CPU second (the process's CPU time over the same span), which other load on the
   machine does not change;
2. `--jobs 2` against `--jobs 1`, in the same rounds; and their CPU times (user + system of
   the command and its workers), whose ratio shows the work a second process adds whatever
   CPU the machine has free;
3. Ray local mode: `--engine ray` with 1 actor against the local engine (run just before, on
   the same archive), and 2 actors against 1.
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
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from evaluation.bench.measures import model_name
from evaluation.bench.servers import children, log, memory_kb
from evaluation.bench.texts import ArticleMaker

ROOT = Path(__file__).resolve().parents[1]
SHARD_SIZE = 32  # the command's default --batch-size


def write_archive(path: Path, count: int, words: int, seed: int) -> list[str]:
    maker = ArticleMaker(seed)
    texts = [maker.article(words) for _ in range(count)]
    with open(path, "w", encoding="utf-8") as stream:
        for i, text in enumerate(texts):
            stream.write(json.dumps({"id": f"g{i}", "text": text}) + "\n")
    return texts


BASELINES = ("spacy_load_pipe", "service_pipeline_pipe", "annotator_core")


def _bare_main(conn, baseline: str, model: str) -> None:
    """In a spawned process: load the model once, then time one baseline over each list of
    texts received (each round sends texts no process has seen)."""
    import spacy

    from service.config import Config
    from service.nlp.annotator import LAYERS, Annotator
    from service.nlp.model import load_pipeline, model_location

    if baseline == "spacy_load_pipe":
        nlp = spacy.load(model_location(model))
    else:
        nlp = load_pipeline(model, Config.MAX_TEXT_CHARS)
    annotator = Annotator(nlp, max_tokens=Config.MAX_TEXT_TOKENS)
    conn.send("ready")
    while (texts := conn.recv()) is not None:
        started, cpu = time.perf_counter(), time.process_time()
        if baseline == "annotator_core":
            for i in range(0, len(texts), 32):  # the command's batch size
                annotator.annotate_batch([(text, LAYERS, None) for text in texts[i:i + 32]])
        else:
            for _ in nlp.pipe(texts):
                pass
        conn.send((time.perf_counter() - started, time.process_time() - cpu))


class Bare:
    """The three baselines, each in its own process with its model loaded."""

    def __init__(self):
        context = multiprocessing.get_context("spawn")
        self.pipes, self.processes = {}, []
        for baseline in BASELINES:
            parent, child = context.Pipe()
            process = context.Process(target=_bare_main, args=(child, baseline, model_name()))
            process.start()
            self.pipes[baseline] = parent
            self.processes.append(process)
        for pipe in self.pipes.values():
            pipe.recv()

    def time(self, texts: list[str]) -> tuple[dict, dict]:
        """Wall and CPU seconds per baseline."""
        times, cpu = {}, {}
        for baseline, pipe in self.pipes.items():  # one at a time: each has the CPUs alone
            pipe.send(texts)
            times[baseline], cpu[baseline] = pipe.recv()
        return times, cpu

    def stop(self) -> None:
        for pipe in self.pipes.values():
            pipe.send(None)
        for process in self.processes:
            process.join()


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
    Shards of SHARD_SIZE articles: one `nlp.pipe` batch each (a batch never spans shards, and
    smaller batches cost spaCy throughput), enough of them for 2 processes or actors."""
    shard_size = SHARD_SIZE
    shutil.rmtree(out, ignore_errors=True)
    env = {**os.environ, "RAY_ADDRESS": "", "RAY_USAGE_STATS_ENABLED": "0",
           "PYTHONPATH": str(ROOT)}
    summary = out.with_suffix(".summary.json")
    cpu_before = _children_cpu()
    started = time.monotonic()
    process = subprocess.Popen([sys.executable, "-m", "service.cli", str(archive), "-o", str(out),
                                "--quiet", "--summary-json", str(summary),
                                "--shard-size", str(shard_size), *args],
                               stderr=subprocess.PIPE, env=env)
    sampler = Sampler(process.pid) if sample else None
    _, err = process.communicate()
    wall = time.monotonic() - started
    cpu = _children_cpu() - cpu_before  # the command and its workers, start-up included
    samples = sampler.stop() if sampler else []
    if process.returncode != 0:
        raise RuntimeError(f"annotate {' '.join(args)} failed: {err.decode()[-2000:]}")
    return {"wall": wall, "cpu": cpu, "started": started, "samples": samples,
            **json.loads(summary.read_text())}


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def load() -> float:
    return round(os.getloadavg()[0], 2)


def local_rounds(work: Path, count: int, words: int, seed: int, repeats: int
                 ) -> tuple[dict, dict]:
    """Bare spaCy, --jobs 1 and --jobs 2 in turn on a new archive each round, `repeats` rounds;
    per round the ratios of times measured a few seconds apart, and the median over rounds, so
    that the bursts of load of a shared machine count against neither side for long."""
    bare = Bare()
    rounds = []
    try:
        for round_ in range(repeats):
            archive = work / f"round{round_}.jsonl"
            texts = write_archive(archive, count, words, seed + 100 + round_)
            log(f"round {round_ + 1}/{repeats}: baselines, annotate --jobs 1, --jobs 2")
            baselines, baselines_cpu = bare.time(texts)
            one = annotate(archive, work / "j1")
            two = annotate(archive, work / "j2", "--jobs", "2")
            rounds.append({"baselines_s": baselines, "baselines_cpu_s": baselines_cpu,
                           "cli_annotating_cpu_s": one["annotating_cpu_seconds"],
                           "cli_net_s": one["annotating_seconds"],
                           "cli_wall_s": one["wall"], "jobs2_net_s": two["annotating_seconds"],
                           "cli_cpu_s": one["cpu"], "jobs2_cpu_s": two["cpu"],
                           "load": load()})
    finally:
        bare.stop()
    one_process = {"rounds": rounds, "ratios": {
        name: median([r["baselines_s"][name] / r["cli_net_s"] for r in rounds])
        for name in BASELINES}, "cpu_ratios": {
        name: median([r["baselines_cpu_s"][name] / r["cli_annotating_cpu_s"] for r in rounds])
        for name in BASELINES}}
    jobs = {"speedups": [r["cli_net_s"] / r["jobs2_net_s"] for r in rounds]}
    jobs["speedup"] = median(jobs["speedups"])
    # CPU time of --jobs 2 over --jobs 1: 1.0 when the second process adds no work, so the
    # speed-up is what free CPU allows (a saturated machine gives none).
    jobs["cpu_ratio"] = median([r["jobs2_cpu_s"] / r["cli_cpu_s"] for r in rounds])
    return one_process, jobs


def median(values: list[float]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def ray(archive: Path, small: Path, work: Path) -> dict:
    log("annotate --jobs 1 on the Ray comparison's archive")
    run = annotate(archive, work / "rl")
    figures = {"load_before": load(),
               "local": {"cli_net_s": run["annotating_seconds"], "cli_wall_s": run["wall"]}}
    for actors in ("1", "2"):
        log(f"annotate --engine ray --actors {actors} (start-up, then the archive)")
        startup = annotate(small, work / f"rs{actors}", "--engine", "ray", "--actors",
                           actors)["wall"]
        wall = annotate(archive, work / f"r{actors}", "--engine", "ray", "--actors",
                        actors)["wall"]
        figures[actors] = {"startup_s": startup, "wall_s": wall, "net_s": wall - startup}
    local = figures["local"]
    figures["overhead_net"] = figures["1"]["net_s"] / local["cli_net_s"]
    figures["overhead_wall"] = figures["1"]["wall_s"] / local["cli_wall_s"]
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
    print(f"annotate command vs bare spaCy ({model_name()}), {os.cpu_count()} CPUs, "
          f"{r['articles']} articles of ~{r['words']} words per round; load average "
          f"{r['load_start']} at start, {r['load_end']} at end.")
    if "one_process" in r:
        _report_local(r["one_process"], r["jobs"])
    if "ray" in r:
        _report_ray(r["ray"], r["ray_articles"])
    if "memory" in r and "growth_mb" in r["memory"]:
        _report_memory(r["memory"])


def _report_local(one: dict, j: dict) -> None:
    print(f"One process, median over {len(one['rounds'])} rounds (load average after each "
          f"{[x['load'] for x in one['rounds']]}); annotate --jobs 1 "
          f"{[round(x['cli_net_s'], 1) for x in one['rounds']]} s after start-up:")
    for name, ratio in one["ratios"].items():
        seconds = [round(x["baselines_s"][name], 1) for x in one["rounds"]]
        print(f"  vs {name:22s} {seconds} s: {ratio:.2f}x articles/s; per CPU second "
              f"{one['cpu_ratios'][name]:.2f}x")
    print(f"--jobs 2 vs --jobs 1: {j['speedup']:.2f}x (per round "
          f"{[round(x, 2) for x in j['speedups']]}); CPU time of --jobs 2 / --jobs 1: "
          f"{j['cpu_ratio']:.2f}")


def _report_ray(y: dict, articles: int) -> None:
    print(f"Ray local ({articles} articles), 1 actor vs local engine: "
          f"{y['overhead_net']:.2f}x the time ({y['1']['net_s']:.1f} s vs "
          f"{y['local']['cli_net_s']:.1f} s less start-up; with start-up {y['1']['wall_s']:.1f} s "
          f"vs {y['local']['cli_wall_s']:.1f} s, {y['overhead_wall']:.2f}x); 2 actors vs 1: "
          f"{y['speedup_2_vs_1']:.2f}x; load {y['load_before']}")


def _report_memory(m: dict) -> None:
    print(f"Memory over {m['articles']:,} articles ({m['wall_s']:.0f} s, "
          f"{m['articles_per_s']:.0f} articles/s): RSS {m['rss_mb_after_tenth']:.0f} MB after a "
          f"tenth -> {m['rss_mb_end']:.0f} MB at the end ({m['growth_mb']:+.1f} MB, "
          f"{m['growth_kb_per_1000']:+.0f} kB per 1,000 articles), peak {m['rss_peak_mb']:.0f} "
          f"MB; PSS {m['pss_mb_after_tenth']:.0f} -> {m['pss_mb_end']:.0f} MB")


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--articles", type=int, default=256, help="per round (8 shards)")
    p.add_argument("--words", type=int, default=150)
    p.add_argument("--memory-articles", type=int, default=10_000)
    p.add_argument("--seed", type=int, default=17)
    p.add_argument("--repeats", type=int, default=5, help="rounds of the local comparisons")
    p.add_argument("--ray-articles", type=int, default=1024)
    p.add_argument("--skip-local", action="store_true")
    p.add_argument("--skip-ray", action="store_true")
    p.add_argument("--skip-memory", action="store_true")
    p.add_argument("--json", action="store_true")
    args = p.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="cli-bench-"))
    try:
        archive, small = work / "archive.jsonl", work / "one.jsonl"
        # Ray's start-up (about 15 s) is subtracted: a larger archive keeps its noise small.
        write_archive(archive, args.ray_articles, args.words, args.seed)
        write_archive(small, 1, args.words, args.seed)
        r = {"articles": args.articles, "words": args.words, "load_start": load(),
             "ray_articles": args.ray_articles}
        if not args.skip_local:
            r["one_process"], r["jobs"] = local_rounds(work, args.articles, args.words,
                                                       args.seed, args.repeats)
        if not args.skip_ray:
            r["ray"] = ray(archive, small, work)
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
