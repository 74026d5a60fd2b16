"""The benchmark's report: ratio tables printed from the measured figures."""
from __future__ import annotations


def _num(value: float | None, width: int, decimals: int) -> str:
    return f"{value:>{width}.{decimals}f}" if value is not None else f"{'-':>{width}}"


def print_table(title: str, figures: dict) -> None:
    print(f"\n{title}")
    print(f"  {'class':8} {'n':>4} {'words':>7} | {'words/s bare':>12} {'service':>8} "
          f"{'ratio':>6} | {'p50 ms bare':>11} {'service':>8} {'ratio':>6} | "
          f"{'p95 ms bare':>11} {'service':>8} {'ratio':>6}")
    for cls, bare in figures["bare"].items():
        service, ratio = figures["service"][cls], figures["ratio"][cls]
        print(f"  {cls:8} {bare['n']:>4} {bare['words']:>7} | {_num(bare['words_per_s'], 12, 0)} "
              f"{_num(service['words_per_s'], 8, 0)} {_num(ratio['words_per_s'], 6, 2)} | "
              f"{bare['p50_ms']:>11.1f} {service['p50_ms']:>8.1f} {ratio['p50_ms']:>6.2f} | "
              f"{bare['p95_ms']:>11.1f} {service['p95_ms']:>8.1f} {ratio['p95_ms']:>6.2f}")


def print_report(r: dict) -> None:
    print(f"Service vs bare spaCy ({r['model']}), {r['cpus']} CPUs, load average "
          f"{r['load_average'][0]:.2f} at start, {r['load_average_end'][0]:.2f} at end.")
    print("Ratios are service / bare: words/s below 1 and latency above 1 mean the service is "
          "slower.\nOther load on the machine makes every figure noisy; compare ratios, not "
          "absolute numbers.")
    print_table("Sequential: 1 worker, 1 client vs bare nlp() in 1 process", r["sequential"])
    print_table("Concurrent: 2 workers, 4 client threads vs bare nlp() in 2 processes "
                "(all: words/s over wall time)", r["concurrent"])
    a = r["article_1000"]
    print(f"\n1,000-word article ({a['words']} words, {a['repeats']} runs each): p50 "
          f"{a['service_p50_ms']:.1f} ms service vs {a['bare_p50_ms']:.1f} ms bare nlp(), "
          f"ratio {a['ratio']:.2f}")
    for key, label in (("memory_idle", "after start-up, 1 worker"),
                       ("memory", "after the same texts, 2 workers")):
        m = r[key]
        print(f"Memory {label}: PSS master + {m['service_workers']} workers "
              f"{m['service_pss_mb']:.0f} MB (master {m['master_pss_mb']:.0f}, workers "
              f"{', '.join(f'{w:.0f}' for w in m['worker_pss_mb'])}) vs one bare process "
              f"{m['bare_pss_mb']:.0f} MB, ratio {m['ratio']:.2f}, workers alone "
              f"{m['workers_ratio']:.2f} (both bare processes: "
              f"{m['bare_processes_pss_mb']:.0f} MB)")
    g = r["growth"]
    print(f"Growth of one worker over {g['requests']} requests"
          f"{' (time cap reached)' if g['capped'] else ''}: RSS {g['rss_start_mb']:.0f} -> "
          f"{g['rss_end_mb']:.0f} MB ({g['rss_growth_mb']:+.1f} MB, "
          f"{g['rss_kb_per_request']:+.2f} kB/request), private {g['private_growth_mb']:+.1f} MB")
    s = r["startup"]
    print(f"Start-up: gunicorn launch to /readyz 200 {s['service_s']:.1f} s vs bare process "
          f"to spacy.load done {s['bare_s']:.1f} s, ratio {s['ratio']:.2f}")
