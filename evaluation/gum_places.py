"""Place recognition on GUM (../shared/datasets/gum/*.gum.json), end to end.

    .venv/bin/python -m evaluation.gum_places [--half even|odd] [--errors N]

GUM marks every mention of a place entity, pronouns and descriptions included ("there", "the
country"). The contract's locations are named places, so the gold here is the *named* place
mentions: those with a capitalised word that is not a pronoun or "the". A predicted location
mention matches an unmatched gold mention it overlaps; precision, recall and F1 over spans.
A prediction overlapping a non-named gold place mention ("the Pacific coast") is neither
rewarded nor penalised. `--half` as in evaluation.geo (documents in name order).
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

from evaluation.geo import select_half, summarise

GUM = Path(__file__).resolve().parents[2] / "shared" / "datasets" / "gum"
_NOT_NAMES = frozenset("the a an this that these those its their our my his her i we they it".split())


def is_named(text: str) -> bool:
    """"Mecca's Grand Mosque", "the US": a name; "the country", "there", "Its": not."""
    return any(word[:1].isupper() and word.lower() not in _NOT_NAMES for word in text.split())


def load_documents() -> list[tuple[str, list[dict], list[dict]]]:
    """(text, named gold place mentions, other gold place mentions) per document."""
    documents = []
    for path in sorted(GUM.glob("*.gum.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        text = path.with_name(path.name.replace(".gum.json", ".txt")).read_text(encoding="utf-8")
        mentions = [m for place in record["places"] for m in place["mentions"]]
        named = [m for m in mentions if is_named(m["text"])]
        others = [m for m in mentions if not is_named(m["text"])]
        documents.append((text, named, others))
    return documents


def _overlaps(a: tuple[int, int], m: dict) -> bool:
    return a[0] < m["end"] and m["start"] < a[1]


def score_document(predicted: list[tuple[int, int]], named: list[dict], others: list[dict],
                   text: str, errors: list) -> Counter:
    counts = Counter(gold=len(named))
    used: set[int] = set()
    for g in named:
        hit = next((i for i, p in enumerate(predicted) if i not in used and _overlaps(p, g)), None)
        if hit is None:
            errors.append(("MISS", g["text"]))
            continue
        used.add(hit)
        counts["tp"] += 1
    for i, p in enumerate(predicted):
        if i in used or any(_overlaps(p, m) for m in others):
            continue
        counts["fp"] += 1
        errors.append(("FP", text[p[0]:p[1]]))
    counts["predicted"] = counts["tp"] + counts["fp"]
    return counts


def evaluate(half: str | None = None, show_errors: int = 0) -> dict:
    from service.config import Config
    from service.nlp.annotator import Annotator
    from service.nlp.model import load_pipeline

    annotator = Annotator(load_pipeline(Config.SPACY_MODEL, 1_000_000))
    documents = select_half(load_documents(), half)
    totals: Counter = Counter()
    errors: list = []
    started = time.perf_counter()
    for text, named, others in documents:
        result = annotator.annotate(text, layers=("locations",))
        predicted = sorted((m["start"], m["end"]) for loc in result["locations"]
                           for m in loc["mentions"])
        totals += score_document(predicted, named, others, text, errors)
    figures = summarise(totals)
    report = {"documents": len(documents), "half": half or "all", "model": Config.SPACY_MODEL,
              **{k: figures[k] for k in ("gold_toponyms", "predicted_mentions", "precision",
                                         "recall", "f1")},
              "seconds": round(time.perf_counter() - started, 1)}
    for kind in ("MISS", "FP"):
        for error in [e for e in errors if e[0] == kind][:show_errors]:
            print("ERR", *error, file=sys.stderr)
    return report


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--half", choices=("even", "odd"), default=None)
    parser.add_argument("--errors", type=int, default=0, help="print up to N misses and false positives")
    args = parser.parse_args(argv)
    for key, value in evaluate(args.half, args.errors).items():
        print(f"{key:>22}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
