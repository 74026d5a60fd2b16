"""Cost of the service against bare spaCy, measured side by side in one run (issue 7).

    python -m evaluation.bench [--quick] [--json] [--requests N] [--seed S]
    python -m evaluation.bench --profile      # in-process: where an annotate call spends its time

Every figure is a ratio against a baseline measured in the same run, on the same texts, so that
the result is meaningful on a busy machine; there are no absolute thresholds.

Texts are generated here (news-like sentences with varied names, places and numbers), in three
classes: short (~100 words), typical (~1,000) and long (~10,000). Nothing is read from a dataset.

What runs:
- bare spaCy: `spacy.load(Config.SPACY_MODEL)` in a separate process (started with `spawn`, so it
  holds spaCy only), one `nlp(text)` call per article, timed inside that process;
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
"""
from __future__ import annotations

import argparse
import cProfile
import http.client
import json
import math
import multiprocessing
import os
import pstats
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

MODES = {
    # counts of short / typical / long texts, repeats of the 1,000-word article, growth requests
    # and the time cap (s) on the growth phase.
    "quick": {"counts": {"short": 8, "typical": 3, "long": 1}, "repeats": 5,
              "requests": 300, "growth_cap": 30},
    "full": {"counts": {"short": 40, "typical": 16, "long": 4}, "repeats": 20,
             "requests": 5000, "growth_cap": 270},
}
TARGET_WORDS = {"short": 100, "typical": 1000, "long": 10000}
GROWTH_WARM_UP = 30  # requests before the first memory sample of the growth phase


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# --- Generated texts ---------------------------------------------------------------------------

FIRST = ["Amina", "Carlos", "Mei", "Olusegun", "Priya", "Tomasz", "Fatima", "Kenji", "Ingrid",
         "Rashid", "Lucia", "Dmitri", "Nadia", "Samuel", "Aisha", "Jonas", "Elena", "Hamid",
         "Grace", "Mateo", "Yusuf", "Sofia", "Kwame", "Leila", "Pablo", "Hana", "Viktor", "Zainab"]
LAST = ["Okafor", "Haddad", "Novak", "Fernandes", "Tanaka", "Lindqvist", "Mensah", "Kowalski",
        "Rahimi", "Castillo", "Petrova", "Ndlovu", "Brennan", "Sato", "Ibrahim", "Moreau",
        "Quispe", "Varga", "Osei", "Hartmann", "Azizi", "Moreno", "Nakamura", "Abubakar"]
PLACES = [("Lagos", "Nigeria"), ("Aleppo", "Syria"), ("Mosul", "Iraq"), ("Kharkiv", "Ukraine"),
          ("Manila", "the Philippines"), ("Bogota", "Colombia"), ("Karachi", "Pakistan"),
          ("Nairobi", "Kenya"), ("Chicago", "the United States"), ("Marseille", "France"),
          ("Dhaka", "Bangladesh"), ("Mogadishu", "Somalia"), ("Kabul", "Afghanistan"),
          ("Caracas", "Venezuela"), ("Goma", "Congo"), ("Sanaa", "Yemen"), ("Juba", "South Sudan"),
          ("Bamako", "Mali"), ("Peshawar", "Pakistan"), ("Maiduguri", "Nigeria")]
ORGS = ["the Interior Ministry", "the Red Cross", "the United Nations", "the city police",
        "Doctors Without Borders", "the national army", "the World Health Organization",
        "the regional council", "Amnesty International", "the Health Ministry"]
ROLES = ["police spokesman", "provincial governor", "health minister", "local resident",
         "army commander", "hospital director", "aid worker", "mayor", "witness",
         "opposition leader"]
EVENTS = ["a car bomb exploded near a busy market", "gunmen opened fire on a passenger bus",
          "a fire swept through a garment factory", "floodwaters destroyed a riverside village",
          "an air strike hit a residential building", "a bridge collapsed during rush hour",
          "clashes broke out between rival groups", "a suicide bomber attacked a checkpoint"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "March", "April", "June", "August", "October", "November"]
QUOTES = ["We have lost everything", "The situation is getting worse every day",
          "We need medicine and clean water urgently", "Nobody warned us",
          "Those responsible will be brought to justice", "The hospital is full",
          "We heard three explosions and then the shooting started"]
SENTENCES = [
    "At least {n} people were killed and {m} others wounded when {event} in {city} on {day}, "
    "{org} said.",
    "{person}, a {role}, said the attack began shortly after {hour} p.m.",
    '"{quote}," said {person}, the {role}.',
    "{person} told reporters that {org} had sent {m} trucks of supplies to {city}.",
    "The death toll rose to {n} on {day}, according to {org}.",
    "{org} said {big} civilians had fled their homes in {country} since {month}.",
    "Residents of {city} said the fighting had lasted for {m} hours.",
    '"{quote}," {person} said by telephone from {city}.',
    "Officials in {country} have not confirmed the figures.",
    "The government announced a curfew from {hour} p.m. in {city} and nearby districts.",
    "{person} was arrested on {day} in {city} and charged with murder.",
    "Talks between {org} and rebel leaders are expected to resume in {city} next week.",
    "Prices of bread in {city} rose by {m} percent in {month}, traders said.",
    "Among the dead were {m} children and a {role}, {person} said.",
]


class ArticleMaker:
    """News-like articles of about a target length, from templates with random fillers."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)

    def person(self) -> str:
        return f"{self.rng.choice(FIRST)} {self.rng.choice(LAST)}"

    def fill(self, template: str, city: str, country: str) -> str:
        rng = self.rng
        return template.format(
            n=rng.randint(3, 400), m=rng.randint(2, 60), big=f"{rng.randint(1, 90)},"
            f"{rng.randint(0, 999):03d}", hour=rng.randint(1, 11), person=self.person(),
            role=rng.choice(ROLES), org=rng.choice(ORGS), event=rng.choice(EVENTS),
            day=rng.choice(DAYS), month=rng.choice(MONTHS), quote=rng.choice(QUOTES),
            city=city, country=country)

    def article(self, target_words: int) -> str:
        city, country = self.rng.choice(PLACES)
        headline = f"{self.rng.randint(3, 90)} killed as violence flares in {city}"
        lead = f"{city.upper()}, {country} — " + self.fill(SENTENCES[0], city, country)
        paragraphs, words = [headline, lead], len(headline.split()) + len(lead.split())
        while words < target_words:
            sentences = [self.fill(self.rng.choice(SENTENCES), *self.place(city, country))
                         for _ in range(self.rng.randint(2, 4))]
            paragraphs.append(" ".join(sentences))
            words += len(paragraphs[-1].split())
        return "\n\n".join(paragraphs) + "\n"

    def place(self, city: str, country: str) -> tuple[str, str]:
        """Mostly the article's own place, sometimes another one."""
        return (city, country) if self.rng.random() < 0.7 else self.rng.choice(PLACES)


def make_corpus(counts: dict, seed: int) -> list[tuple[str, str]]:
    """(class, text) pairs, classes mixed in a fixed random order."""
    maker = ArticleMaker(seed)
    corpus = [(cls, maker.article(TARGET_WORDS[cls]))
              for cls, count in counts.items() for _ in range(count)]
    random.Random(seed).shuffle(corpus)
    return corpus


def words(text: str) -> int:
    return len(text.split())


# --- Statistics --------------------------------------------------------------------------------

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


# --- /proc -------------------------------------------------------------------------------------

def memory_kb(pid: int) -> dict:
    """Rss, Pss and private (clean + dirty) memory of a process, in kB."""
    fields = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
        name, value = line.split(":", 1)
        fields[name] = int(value.split()[0])
    return {"rss": fields["Rss"], "pss": fields["Pss"],
            "private": fields["Private_Clean"] + fields["Private_Dirty"]}


def children(pid: int) -> list[int]:
    """Live child processes of `pid`, from /proc/*/stat."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            fields = stat.rsplit(")", 1)[1].split()
            if int(fields[1]) == pid and fields[0] != "Z":
                found.append(int(entry.name))
    return sorted(found)


def alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


# --- Bare spaCy in its own process -------------------------------------------------------------

def _bare_main(conn, model: str) -> None:
    """Child process: load the model, then time nlp(text) for each batch of texts it is sent."""
    import spacy
    nlp = spacy.load(model)
    conn.send("ready")
    while True:
        texts = conn.recv()
        if texts is None:
            return
        start, times = time.monotonic(), []
        for text in texts:
            began = time.perf_counter()
            nlp(text)
            times.append(time.perf_counter() - began)
        conn.send((start, time.monotonic(), times))


class BareSpacy:
    """A spawned process holding only spaCy and the model; `start()` returns its start-up time."""

    def __init__(self, model: str):
        context = multiprocessing.get_context("spawn")
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_bare_main, args=(child, model), daemon=True)

    def start(self) -> float:
        began = time.perf_counter()
        self.process.start()
        if self.conn.recv() != "ready":
            raise RuntimeError("bare spaCy process failed to start")
        return time.perf_counter() - began

    def send(self, texts: list[str]) -> None:
        self.conn.send(texts)

    def receive(self) -> tuple[float, float, list[float]]:
        return self.conn.recv()

    def parse(self, texts: list[str]) -> list[float]:
        self.send(texts)
        return self.receive()[2]

    def stop(self) -> None:
        if self.process.is_alive():
            self.conn.send(None)
            self.process.join(10)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(5)


# --- The service under gunicorn ----------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """gunicorn with the project's config, on 127.0.0.1 only, started and stopped by us."""

    def __init__(self, log_path: Path):
        self.port = free_port()
        self.log_path = log_path
        self.process: subprocess.Popen | None = None
        self.seen: set[int] = set()  # every worker pid we saw, to check none is left behind

    # The benchmark's settings: no recycling, so the followed worker stays the same process.
    SETTINGS = {"MAX_REQUESTS": "0", "WORKER_TIMEOUT": "300", "GRACEFUL_TIMEOUT": "10"}

    def start(self, workers: int, settings: dict | None = None, args: tuple = ()) -> float:
        """Launch gunicorn; return the seconds until /readyz answers 200.

        `settings` (environment read by gunicorn.conf.py) replace SETTINGS; `args` are extra
        gunicorn command-line options."""
        env = {**os.environ, **(self.SETTINGS if settings is None else settings),
               "WORKERS": str(workers), "HOST": "127.0.0.1", "PORT": str(self.port)}
        command = [str(Path(sys.executable).parent / "gunicorn"), "-c", "gunicorn.conf.py",
                   "-b", f"127.0.0.1:{self.port}", *args, "service:create_app()"]
        began = time.perf_counter()
        with open(self.log_path, "ab") as out:
            self.process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out,
                                            stderr=subprocess.STDOUT, start_new_session=True)
        self.wait_ready(timeout=180)
        return time.perf_counter() - began

    def wait_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited; see {self.log_path}")
            try:
                if request(self.port, "GET", "/readyz")[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.05)
        raise RuntimeError(f"gunicorn not ready after {timeout} s; see {self.log_path}")

    def workers(self) -> list[int]:
        pids = children(self.process.pid)
        self.seen.update(pids)
        return pids

    def set_workers(self, count: int, timeout: float = 60) -> None:
        """Add or remove workers with SIGTTIN / SIGTTOU, then wait until there are `count`."""
        change = count - len(self.workers())
        for _ in range(abs(change)):
            os.kill(self.process.pid, signal.SIGTTIN if change > 0 else signal.SIGTTOU)
            time.sleep(0.2)
        deadline = time.monotonic() + timeout
        while len(self.workers()) != count:
            if time.monotonic() > deadline:
                raise RuntimeError(f"gunicorn has {len(self.workers())} workers, wanted {count}")
            time.sleep(0.2)

    def memory(self) -> dict:
        """Memory of the master and of each worker, in kB."""
        return {"master": memory_kb(self.process.pid),
                "workers": [memory_kb(pid) for pid in self.workers()]}

    def stop(self) -> None:
        """SIGTERM the master, SIGKILL whatever of ours is left after the grace period."""
        if self.process is None:
            return
        if self.process.poll() is None:
            self.workers()
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)
        deadline = time.monotonic() + 15
        while any(alive(pid) for pid in self.seen) and time.monotonic() < deadline:
            time.sleep(0.2)
        for pid in self.seen:
            if alive(pid):
                os.kill(pid, signal.SIGKILL)
        left = [pid for pid in self.seen if alive(pid)]
        log(f"gunicorn stopped (exit {self.process.returncode}); left behind: {left or 'none'}")


def request(port: int, method: str, path: str, body: bytes | None = None) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
    try:
        headers = {"Content-Type": "application/json"} if body is not None else {}
        conn.request(method, path, body, headers)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def annotate(port: int, text: str) -> float:
    """POST one article; return the client-side latency in seconds."""
    body = json.dumps({"text": text}).encode()
    began = time.perf_counter()
    status, payload = request(port, "POST", "/v1/annotate", body)
    elapsed = time.perf_counter() - began
    if status != 200:
        raise RuntimeError(f"annotate returned {status}: {payload[:300]!r}")
    return elapsed


# --- Phases ------------------------------------------------------------------------------------

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


# --- Report ------------------------------------------------------------------------------------

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


# --- Profile (--profile) -----------------------------------------------------------------------

LAYER_FUNCTIONS = ("mask_for_tokenizer", "find_boilerplate", "find_metadata", "published_date",
                   "entity_mentions", "cluster_actors", "cluster_locations", "find_casualties",
                   "find_quotes", "to_plain")


class _TimedNlp:
    """Stands in for annotator.nlp: times its calls, delegates everything else."""

    def __init__(self, nlp, totals: dict):
        self._nlp, self._totals = nlp, totals

    def __call__(self, *args, **kwargs):
        began = time.perf_counter()
        try:
            return self._nlp(*args, **kwargs)
        finally:
            self._totals["spaCy nlp()"] = self._totals.get("spaCy nlp()", 0) + \
                time.perf_counter() - began

    def __getattr__(self, name):
        return getattr(self._nlp, name)


def _timed(name: str, function, totals: dict):
    def wrapper(*args, **kwargs):
        began = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            totals[name] = totals.get(name, 0) + time.perf_counter() - began
    return wrapper


def layer_times(annotator, text: str, repeats: int) -> dict:
    """Seconds per call of spaCy and of each layer inside Annotator.annotate (wall clock)."""
    from service.nlp import annotator as module
    totals: dict = {}
    originals = {name: getattr(module, name) for name in LAYER_FUNCTIONS}
    nlp = annotator.nlp
    try:
        for name, function in originals.items():
            setattr(module, name, _timed(name, function, totals))
        annotator.nlp = _TimedNlp(nlp, totals)
        began = time.perf_counter()
        for _ in range(repeats):
            annotator.annotate(text)
        totals["annotate (total)"] = time.perf_counter() - began
    finally:
        annotator.nlp = nlp
        for name, function in originals.items():
            setattr(module, name, function)
    return {name: seconds / repeats for name, seconds in totals.items()}


def component_times(nlp, text: str, repeats: int) -> dict:
    """Seconds per call of the tokenizer and of each pipeline component."""
    totals: dict = {}
    with nlp.memory_zone():
        for _ in range(repeats):
            began = time.perf_counter()
            doc = nlp.make_doc(text)
            totals["tokenizer"] = totals.get("tokenizer", 0) + time.perf_counter() - began
            for name, component in nlp.pipeline:
                began = time.perf_counter()
                doc = component(doc)
                totals[name] = totals.get(name, 0) + time.perf_counter() - began
    return {name: seconds / repeats for name, seconds in totals.items()}


def median_time(function, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        began = time.perf_counter()
        function()
        times.append(time.perf_counter() - began)
    return percentile(times, 50)


def profile(seed: int, repeats: int = 10, top: int = 25) -> None:
    """Where a 1,000-word annotate call spends its time, against the bare parse."""
    import spacy
    from service import create_app
    app = create_app()
    annotator = app.extensions["annotator"]
    bare = spacy.load(app.config["SPACY_MODEL"])
    text = ArticleMaker(seed + 2).article(TARGET_WORDS["typical"])
    body = json.dumps({"text": text})
    client = app.test_client()

    def bare_call():
        with bare.memory_zone():
            bare(text)

    def http_call():
        assert client.post("/v1/annotate", data=body, content_type="application/json"
                           ).status_code == 200

    calls = {"bare nlp()": bare_call, "Annotator.annotate": lambda: annotator.annotate(text),
             "POST /v1/annotate (Flask test client)": http_call}
    for function in calls.values():
        function()  # warm-up
    times = {label: median_time(function, repeats) for label, function in calls.items()}
    base = times["bare nlp()"]
    print(f"1,000-word article ({words(text)} words), p50 of {repeats} calls; last column: "
          "ratio to bare nlp() (bare spacy.load, no paragraph_boundaries):")
    for label, seconds in times.items():
        print(f"  {label:40} {1000 * seconds:8.1f} ms  {seconds / base:5.2f}")
    print("Inside Annotator.annotate (mean per call, wall clock):")
    for name, seconds in sorted(layer_times(annotator, text, repeats).items(),
                                key=lambda item: -item[1]):
        print(f"  {name:40} {1000 * seconds:8.1f} ms  {seconds / base:5.2f}")
    print("Service pipeline, per component (mean per call):")
    for name, seconds in component_times(annotator.nlp, text, repeats).items():
        print(f"  {name:40} {1000 * seconds:8.1f} ms  {seconds / base:5.2f}")
    print(f"cProfile of {repeats} POST /v1/annotate calls, top {top} by own time "
          "(profiling inflates Python code relative to spaCy's compiled code):")
    profiler = cProfile.Profile()
    profiler.runcall(lambda: [http_call() for _ in range(repeats)])
    pstats.Stats(profiler, stream=sys.stdout).strip_dirs().sort_stats("tottime").print_stats(top)
    print(f"Same profile, the project's own functions (service/, schemas/) by cumulative time:")
    stats = pstats.Stats(profiler, stream=sys.stdout).sort_stats("cumulative")
    stats.print_stats(rf"^{ROOT}/(service|schemas)/", top)


# --- Command line ------------------------------------------------------------------------------

def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
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
