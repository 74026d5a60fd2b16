"""The phases of the benchmark (start-up, sequential, concurrent, memory, growth) and their statistics."""
from __future__ import annotations

import math
import os
import threading
import time
from pathlib import Path

from .servers import BareSpacy, Server, annotate, log, memory_kb
from .texts import TARGET_WORDS, ArticleMaker, make_corpus, words

MODES = {
    # counts of short / typical / long texts, repeats of the 1,000-word article, growth requests
    # and the time cap (s) on the growth phase.
    "quick": {"counts": {"short": 8, "typical": 3, "long": 1}, "repeats": 5,
              "requests": 300, "growth_cap": 30},
    "full": {"counts": {"short": 40, "typical": 16, "long": 4}, "repeats": 20,
             "requests": 5000, "growth_cap": 270},
}
GROWTH_WARM_UP = 30  # requests before the first memory sample of the growth phase


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def summary(samples: list[tuple[int, float]], wall: float | None = None) -> dict:
    """words/s and p50/p95 (ms) over (words, seconds) samples; words/s over `wall` if given."""
    seconds = [s for _, s in samples]
    total = wall if wall is not None else sum(seconds)
    return {"n": len(samples), "words": sum(w for w, _ in samples),
            "words_per_s": sum(w for w, _ in samples) / total,
            "p50_ms": 1000 * percentile(seconds, 50), "p95_ms": 1000 * percentile(seconds, 95)}


def by_class(classes: list[str], samples: list[tuple[int, float]], wall=None) -> dict:
    """summary() per text class and over all texts.

    With `wall` (concurrent runs) words/s is given over all texts only: per class, latencies
    overlap and include queueing, so their sum is no measure of throughput.
    """
    out = {cls: summary([s for c, s in zip(classes, samples) if c == cls])
           for cls in TARGET_WORDS if cls in classes}
    if wall is not None:
        for figures in out.values():
            figures["words_per_s"] = None
    out["all"] = summary(samples, wall)
    return out


def ratios(service: dict, bare: dict) -> dict:
    """service / bare for each figure of each class."""
    return {cls: {key: service[cls][key] / bare[cls][key] if bare[cls][key] else None
                  for key in ("words_per_s", "p50_ms", "p95_ms")} for cls in bare}


def sequential(server: Server, bare: BareSpacy, texts: list[str]) -> tuple[list, list]:
    """Each text to bare spaCy then to the 1-worker service; (bare, service) latencies."""
    bare_times, service_times = [], []
    for text in texts:
        bare_times.extend(bare.parse([text]))
        service_times.append(annotate(server.port, text))
    return bare_times, service_times


def concurrent_bare(bares: list[BareSpacy], texts: list[str]) -> tuple[list, float]:
    """Texts split between the bare processes, run at once; (latency per text, wall seconds)."""
    order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))  # longest first
    shares = [order[i::len(bares)] for i in range(len(bares))]
    for bare, share in zip(bares, shares):
        bare.send([texts[i] for i in share])
    results = [bare.receive() for bare in bares]
    latencies = [0.0] * len(texts)
    for share, (_, _, times) in zip(shares, results):
        for i, seconds in zip(share, times):
            latencies[i] = seconds
    wall = max(end for _, end, _ in results) - min(start for start, _, _ in results)
    return latencies, wall


def concurrent_service(port: int, texts: list[str], clients: int = 4) -> tuple[list, float]:
    """Texts taken longest first by `clients` threads; (latency per text, wall seconds)."""
    order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
    latencies, errors, lock = [0.0] * len(texts), [], threading.Lock()

    def client():
        while True:
            with lock:
                if not order or errors:
                    return
                i = order.pop(0)
            try:
                latencies[i] = annotate(port, texts[i])
            except Exception as error:  # reported after the threads are joined
                errors.append(error)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]
    return latencies, time.perf_counter() - began


def growth(server: Server, requests: int, cap: float, seed: int) -> dict:
    """Memory of the single worker before and after `requests` fresh short articles."""
    (worker,) = server.workers()
    maker = ArticleMaker(seed + 1)
    for _ in range(GROWTH_WARM_UP):  # a worker forked late still un-shares pages at first
        annotate(server.port, maker.article(TARGET_WORDS["short"]))
    samples = [(0, memory_kb(worker))]
    deadline, done = time.monotonic() + cap, 0
    step = max(1, requests // 5)
    while done < requests and time.monotonic() < deadline:
        annotate(server.port, maker.article(TARGET_WORDS["short"]))
        done += 1
        if done % step == 0:
            samples.append((done, memory_kb(worker)))
    if samples[-1][0] != done:
        samples.append((done, memory_kb(worker)))
    if server.workers() != [worker]:
        raise RuntimeError("the worker changed during the growth phase")
    first, last = samples[0][1], samples[-1][1]
    return {"requests": done, "asked": requests, "capped": done < requests,
            "rss_start_mb": first["rss"] / 1024, "rss_end_mb": last["rss"] / 1024,
            "rss_growth_mb": (last["rss"] - first["rss"]) / 1024,
            "private_growth_mb": (last["private"] - first["private"]) / 1024,
            "rss_kb_per_request": (last["rss"] - first["rss"]) / max(done, 1),
            "samples": [{"requests": n, "rss_mb": m["rss"] / 1024,
                         "private_mb": m["private"] / 1024} for n, m in samples]}


# --- The run -----------------------------------------------------------------------------------

def model_name() -> str:
    from service.config import Config  # imported here: spawned children must stay light
    return Config.SPACY_MODEL


def run(mode: dict, seed: int, log_path: Path) -> dict:
    corpus = make_corpus(mode["counts"], seed)
    classes, texts = [c for c, _ in corpus], [t for _, t in corpus]
    counts = [words(t) for t in texts]
    model = model_name()
    log(f"{len(texts)} texts, {sum(counts)} words; model {model}; gunicorn log {log_path}")
    server, bares = Server(log_path), [BareSpacy(model), BareSpacy(model)]
    results = {"model": model, "cpus": os.cpu_count(),
               "load_average": os.getloadavg(),
               "corpus": {cls: {"n": classes.count(cls),
                                "words": sum(w for c, w in zip(classes, counts) if c == cls)}
                          for cls in TARGET_WORDS}}
    try:
        results["startup"] = startup(server, bares)
        results["memory_idle"] = memory_figures(server, bares)
        results["sequential"] = run_sequential(server, bares[0], classes, texts, counts)
        results["article_1000"] = run_article_1000(server, bares[0], mode["repeats"], seed)
        results["concurrent"] = run_concurrent(server, bares, classes, texts, counts)
        results["memory"] = memory_figures(server, bares)
        server.set_workers(1)
        log(f"growth: up to {mode['requests']} requests, cap {mode['growth_cap']} s")
        results["growth"] = growth(server, mode["requests"], mode["growth_cap"], seed)
    finally:
        for bare in bares:
            bare.stop()
        server.stop()
    results["load_average_end"] = os.getloadavg()
    return results


def startup(server: Server, bares: list[BareSpacy]) -> dict:
    log("starting gunicorn (1 worker)")
    service = server.start(workers=1)
    log(f"gunicorn ready in {service:.1f} s; starting bare spaCy processes")
    bare = bares[0].start()
    bares[1].start()
    return {"service_s": service, "bare_s": bare, "ratio": service / bare}


def run_sequential(server, bare, classes, texts, counts) -> dict:
    log("sequential: bare nlp() and 1 worker, interleaved")
    warm = ArticleMaker(-1).article(TARGET_WORDS["short"])
    sequential(server, bare, [warm, warm])
    bare_times, service_times = sequential(server, bare, texts)
    result = {"bare": by_class(classes, list(zip(counts, bare_times))),
              "service": by_class(classes, list(zip(counts, service_times)))}
    result["ratio"] = ratios(result["service"], result["bare"])
    return result


def run_article_1000(server, bare, repeats: int, seed: int) -> dict:
    log(f"one 1,000-word article, {repeats} times each, interleaved")
    text = ArticleMaker(seed + 2).article(TARGET_WORDS["typical"])
    bare_times, service_times = sequential(server, bare, [text] * repeats)
    p50_bare, p50_service = percentile(bare_times, 50), percentile(service_times, 50)
    return {"words": words(text), "repeats": repeats, "bare_p50_ms": 1000 * p50_bare,
            "service_p50_ms": 1000 * p50_service, "ratio": p50_service / p50_bare}


def run_concurrent(server, bares, classes, texts, counts) -> dict:
    log("concurrent: adding a second worker (SIGTTIN)")
    server.set_workers(2)
    server.wait_ready(30)
    warm = [ArticleMaker(-2).article(TARGET_WORDS["short"])] * 4
    concurrent_bare(bares, warm)
    concurrent_service(server.port, warm)
    log("concurrent: 2 bare processes")
    bare_times, bare_wall = concurrent_bare(bares, texts)
    log("concurrent: 2 workers, 4 client threads")
    service_times, service_wall = concurrent_service(server.port, texts)
    result = {"bare": by_class(classes, list(zip(counts, bare_times)), bare_wall),
              "service": by_class(classes, list(zip(counts, service_times)), service_wall)}
    result["ratio"] = ratios(result["service"], result["bare"])
    return result


def memory_figures(server: Server, bares: list[BareSpacy]) -> dict:
    """PSS of gunicorn (master + workers) against the first bare process (and all of them)."""
    service = server.memory()
    service_pss = service["master"]["pss"] + sum(w["pss"] for w in service["workers"])
    bare_pss = memory_kb(bares[0].process.pid)["pss"]
    bares_pss = sum(memory_kb(b.process.pid)["pss"] for b in bares if b.process.is_alive())
    return {"service_workers": len(service["workers"]), "service_pss_mb": service_pss / 1024,
            "master_pss_mb": service["master"]["pss"] / 1024,
            "worker_pss_mb": [w["pss"] / 1024 for w in service["workers"]],
            "bare_pss_mb": bare_pss / 1024, "ratio": service_pss / bare_pss,
            # The issue's measure: the workers' PSS alone (each carries its share of the pages
            # it shares with the master and the other worker).
            "workers_ratio": sum(w["pss"] for w in service["workers"]) / bare_pss,
            "bare_processes_pss_mb": bares_pss / 1024}
