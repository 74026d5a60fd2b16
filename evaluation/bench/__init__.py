"""Cost of the service against bare spaCy, measured side by side in one run (issue 7).

    python -m evaluation.bench [--quick] [--json] [--requests N] [--seed S]
    python -m evaluation.bench --profile      # in-process: where an annotate call spends its time

Every figure is a ratio against a baseline measured in the same run, on the same texts, so that
the result is meaningful on a busy machine; there are no absolute thresholds.

Texts are generated here (news-like sentences with varied names, places and numbers), in three
classes: short (~100 words), typical (~1,000) and long (~10,000). Nothing is read from a dataset.

What runs:
- bare spaCy: `spacy.load` of `Config.SPACY_MODEL` (through `model_location`) in a separate
  process (started with `spawn`, so it holds spaCy only), one `nlp(text)` call per article, timed inside that process;
- the service: gunicorn with `gunicorn.conf.py`, bound to 127.0.0.1 on a free port, JSON POSTs to
  /v1/annotate (all layers), timed by the client (http.client, one connection per request, as
  gunicorn's sync workers close it anyway). Worker recycling is off (MAX_REQUESTS=0) so the worker
  whose memory is followed stays the same process.

Measurements, in this order:
1. start-up: launching gunicorn (1 worker) until /readyz answers 200, against starting a bare
   process until `spacy.load` returns;
2. sequential: each text goes to bare spaCy then to the service (1 worker, one client),
   interleaved so that both see the same background load: words/s, per-article p50/p95;
3. one ~1,000-word article repeated, interleaved: p50 service / p50 bare `nlp()`;
4. concurrent: gunicorn gets a second worker (SIGTTIN, forked from the preloaded master); the
   texts go to 4 client threads against 2 workers, and in halves to 2 bare processes. Client
   latency includes waiting in the listen queue (4 clients, 2 workers);
5. memory: PSS (/proc/PID/smaps_rollup) of the gunicorn master + 2 workers against one bare
   process, both after the same texts;
6. growth: back to 1 worker (SIGTTOU), N more requests with fresh short texts (new names and
   numbers each time, the case `memory_zone` is for); RSS and private memory of that worker
   after a short warm-up and at the end. N and a time cap are bounded by mode. Private memory
   also grows as the worker writes to pages it shared with the master (copy-on-write), so RSS
   is the better measure of a leak.

The benchmark stops gunicorn with SIGTERM at the end (SIGKILL on time-out) and checks that no
master or worker it started is left. Progress goes to stderr; the report (or --json) to stdout.

Modules: texts (the generated articles), servers (bare spaCy and gunicorn processes, requests,
/proc memory), measures (the phases and their statistics), report (the printed tables),
profiling (--profile), __main__ (the command line).
"""
from .measures import percentile
from .servers import ROOT, Server, alive, free_port, log, memory_kb
from .texts import ArticleMaker

__all__ = ["ROOT", "ArticleMaker", "Server", "alive", "free_port", "log", "memory_kb", "percentile"]
