"""Where one annotate call spends its time, in-process: spaCy components and each layer."""
from __future__ import annotations

import cProfile
import json
import pstats
import sys
import time

from .measures import percentile
from .servers import ROOT
from .texts import TARGET_WORDS, ArticleMaker, words

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
    from service.nlp.model.loading import model_location
    app = create_app()
    annotator = app.extensions["annotator"]
    bare = spacy.load(model_location(app.config["SPACY_MODEL"]))
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
    print("Same profile, the project's own functions (service/, schemas/) by cumulative time:")
    stats = pstats.Stats(profiler, stream=sys.stdout).sort_stats("cumulative")
    stats.print_stats(rf"^{ROOT}/(service|schemas)/", top)
