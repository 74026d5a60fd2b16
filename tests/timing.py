"""Growth checks for linear-time code: ratios on the same machine, never absolute seconds."""
from __future__ import annotations

import time


def best_time(run, repeats: int = 3) -> float:
    best = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - started)
    return best


def growth_ratio(run_on_size, size: int, factor: int = 4) -> float:
    """Time at size × factor over time at size: about `factor` when linear, factor² when quadratic."""
    run_on_size(size)  # warm caches and compiled patterns
    small = best_time(lambda: run_on_size(size))
    large = best_time(lambda: run_on_size(size * factor))
    return large / max(small, 1e-6)


def assert_linear(run_on_size, size: int = 25_000, factor: int = 4) -> None:
    # Quadratic code gives about factor² (16); allow twice the linear ratio for a noisy machine.
    ratio = growth_ratio(run_on_size, size, factor)
    assert ratio < factor * 2, f"time grew {ratio:.1f}x for {factor}x the input"
