"""`python -m evaluation.bench`: see the package docstring."""
from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import sys
import tempfile
import time
from pathlib import Path

from .measures import MODES, run
from .profiling import profile
from .report import print_report
from .servers import ROOT


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evaluation.bench",
                                     description=sys.modules[__package__].__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer texts and requests (~90 s)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--requests", type=int, help="requests in the memory growth phase")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--profile", action="store_true",
                        help="only profile one 1,000-word annotate call in-process")
    args = parser.parse_args(argv)
    os.chdir(ROOT)
    sys.path.insert(0, str(ROOT))
    if args.profile:
        profile(args.seed)
        return 0
    mode = dict(MODES["quick" if args.quick else "full"])
    if args.requests is not None:
        mode["requests"] = args.requests
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # run the clean-up in `finally`
    began = time.perf_counter()
    log_dir = Path(tempfile.mkdtemp(prefix="bench-"))
    results = run(mode, args.seed, log_dir / "gunicorn.log")  # the log stays if this fails
    shutil.rmtree(log_dir)
    results["mode"], results["duration_s"] = ("quick" if args.quick else "full"), \
        time.perf_counter() - began
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        print_report(results)
        print(f"\n({results['mode']} mode, {results['duration_s']:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
