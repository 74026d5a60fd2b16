"""Gazetteer load time, resident-memory growth and lookup time (targets: < 0.2 s, < 60 MB,
< 0.1 ms per lookup).

    .venv/bin/python -m evaluation.gazetteer_bench
"""
from __future__ import annotations

import sys
import time

import numpy  # noqa: F401  (imported before measuring: the service has it loaded already)
import psutil

from service.nlp.gazetteer import index as gazetteer_module
from service.nlp.gazetteer.placenames import normalize

NAMES = ["Kabul", "Washington", "Paris", "Pul-e-Hesar", "Baghlan province", "Springfield",
         "United States", "Deh-e-Salah", "Bano", "Iwo Jima", "Nowhereville", "São Paulo"]


def main() -> int:
    path = gazetteer_module.gazetteer_path()
    if not path.exists():
        print(f"{path} missing: run `make install` (or python -m service.nlp.gazetteer.build)")
        return 1
    process = psutil.Process()
    rss_before = process.memory_info().rss
    started = time.perf_counter()
    gaz = gazetteer_module.load_gazetteer(path)
    load_s = time.perf_counter() - started
    rss_loaded = process.memory_info().rss
    keys = [normalize(name) for name in NAMES]
    rounds = 2000
    started = time.perf_counter()
    for _ in range(rounds):
        for key in keys:
            gaz.exact(key)
            gaz.variants(key)
    lookup_ms = (time.perf_counter() - started) / (rounds * len(keys) * 2) * 1000
    rss_after = process.memory_info().rss
    print(f"file            {path} ({path.stat().st_size / 2**20:.1f} MiB, {len(gaz)} places)")
    print(f"load            {load_s:.3f} s   (target < 0.2 s)")
    print(f"rss at load     +{(rss_loaded - rss_before) / 2**20:.1f} MB")
    print(f"rss after use   +{(rss_after - rss_before) / 2**20:.1f} MB   (target < 60 MB; "
          "memory-mapped pages are shared between workers)")
    print(f"lookup          {lookup_ms:.4f} ms per key lookup (a mention needs two: exact + variant; target < 0.1 ms)")
    ok = load_s < 0.2 and (rss_after - rss_before) < 60 * 2**20 and lookup_ms < 0.1
    print("within targets" if ok else "OUTSIDE TARGETS")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
