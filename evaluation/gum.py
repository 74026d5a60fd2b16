"""Score the actors layer on GUM's Wikinews news and interviews (train split).

    .venv/bin/python -m evaluation.gum [--data DIR] [--half even|odd] [--model NAME] [--errors]

Gold (see ../shared/datasets/gum/README.md): the person and organization clusters of each
document, with their `aliases` and every mention of the cluster. Two measures:

- actors P/R/F1 by the contract's rule: a predicted actor matches an unmatched gold actor when its
  `name` equals one of the gold aliases (a split cluster is a false positive);
- B-cubed P/R/F1 of the clustering over the gold *name* mentions (the mentions whose text holds
  one of the cluster's aliases and a capitalised word: pronouns and descriptions are left out).
  Each gold name mention takes the predicted actor with the mention overlapping it most; a gold
  mention no actor covers is a singleton of its own.

The same figures are printed for a baseline: the plain spaCy pipeline's PERSON and ORG entities
clustered by their folded text. `--half even|odd` scores every other document (sorted by name),
so rules tuned on one half can be measured on the other.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

from evaluation.score import _match, _prf
from service.nlp.names import fold

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "datasets" / "gum"
_CAPITALISED = re.compile(r"\b[A-Z]")
_PRONOUNS = frozenset("i me my mine myself we us our ours you your he him his she her it its "
                      "they them their".split())


def normalise(name: str) -> str:
    """GUM's aliases split names at hyphens and apostrophes ("kwok ka ki", "o reilly"): compare
    with punctuation as a space (and accents dropped), the contract's rule otherwise."""
    return fold(name)


def _named_fits(actor: dict, entry: dict) -> bool:
    return normalise(actor["name"]) in {normalise(alias) for alias in entry["aliases"]}


def load_documents(folder: Path, half: str | None) -> list[tuple[str, str, dict]]:
    """(name, text, gold) of every document, or of the even or odd ones in name order."""
    paths = sorted(folder.glob("*.gum.json"))
    if half is not None:
        paths = paths[0 if half == "even" else 1::2]
    documents = []
    for path in paths:
        gold = json.loads(path.read_text(encoding="utf-8"))
        text = path.with_name(path.name.replace(".gum.json", ".txt")).read_text(encoding="utf-8")
        documents.append((path.name.replace(".gum.json", ""), text, gold))
    return documents


def is_name_mention(mention: dict, aliases: list[str]) -> bool:
    """A mention that names its cluster (not a pronoun or a bare description)."""
    text = mention["text"]
    if normalise(text) in _PRONOUNS or not _CAPITALISED.search(text):
        return False
    folded = f" {normalise(text)} "
    return any(alias and f" {alias} " in folded for alias in aliases)


def name_mentions(gold: dict) -> list[tuple[int, int, str]]:
    """(start, end, cluster) of every gold name mention of an actor."""
    found = []
    for actor in gold["actors"]:
        aliases = [normalise(a) for a in actor["aliases"]]
        for mention in actor["mentions"]:
            if is_name_mention(mention, aliases):
                found.append((mention["start"], mention["end"], actor["cluster"]))
    return found


def bcubed(gold_mentions: list[tuple[int, int, str]], actors: list[dict]) -> Counter:
    """Summed B-cubed precision and recall over the gold name mentions, and their number."""
    predicted = []
    for index, (start, end, _) in enumerate(gold_mentions):
        best, best_overlap = f"unmatched-{index}", 0
        for actor in actors:
            for mention in actor["mentions"]:
                overlap = min(end, mention["end"]) - max(start, mention["start"])
                if overlap > best_overlap:
                    best, best_overlap = actor["id"], overlap
        predicted.append(best)
    counts = Counter()
    for i, (_, _, cluster) in enumerate(gold_mentions):
        same_pred = {j for j, p in enumerate(predicted) if p == predicted[i]}
        same_gold = {j for j, g in enumerate(gold_mentions) if g[2] == cluster}
        both = len(same_pred & same_gold)
        counts["precision"] += both / len(same_pred)
        counts["recall"] += both / len(same_gold)
        counts["n"] += 1
    return counts


def string_baseline(nlp, text: str) -> list[dict]:
    """Plain spaCy: every PERSON/ORG entity, clustered by its folded text."""
    clusters: dict[str, dict] = {}
    for ent in nlp(text).ents:
        if ent.label_ not in ("PERSON", "ORG"):
            continue
        key = normalise(ent.text)
        actor = clusters.setdefault(key, {"id": f"B{len(clusters) + 1}", "name": ent.text,
                                          "mentions": []})
        actor["mentions"].append({"start": ent.start_char, "end": ent.end_char})
    return list(clusters.values())


def document_counts(name: str, text: str, gold: dict, actors: list[dict],
                    errors: bool = False) -> tuple[Counter, Counter]:
    """(actor match counts, B-cubed sums) of one document."""
    pairs, counts = _match(actors, gold["actors"], _named_fits)
    if errors:
        matched = {id(item) for item, _ in pairs}
        found = {id(entry) for _, entry in pairs}
        for actor in actors:
            if id(actor) not in matched:
                print(f"FALSE {name}: {actor['name']!r}")
        for entry in gold["actors"]:
            if id(entry) not in found:
                print(f"MISS {name}: {entry['aliases']}")
    return counts, bcubed(name_mentions(gold), actors)


def summarise(per_document: list[tuple[Counter, Counter]]) -> dict:
    totals, cubed = Counter(), Counter()
    for counts, sums in per_document:
        totals.update(counts)
        cubed.update(sums)
    p = cubed["precision"] / cubed["n"] if cubed["n"] else 0.0
    r = cubed["recall"] / cubed["n"] if cubed["n"] else 0.0
    return {"actors": _prf(totals),
            "bcubed": {"precision": round(p, 3), "recall": round(r, 3),
                       "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0}}


def _row(label: str, figures: dict) -> str:
    return f"  {label:<28}" + "   ".join(
        f"{measure} " + " ".join(f"{k[0].upper()} {v:.3f}" for k, v in values.items())
        for measure, values in figures.items())


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--half", choices=("even", "odd"), default=None)
    parser.add_argument("--model", default=None, help="spaCy pipeline (default: SPACY_MODEL)")
    parser.add_argument("--errors", action="store_true", help="print false and missed actors")
    parser.add_argument("--no-baseline", action="store_true")
    args = parser.parse_args(argv)

    import spacy

    from service.config import Config
    from service.nlp.annotator import Annotator
    from service.nlp.model import load_pipeline, model_location
    model = args.model or Config.SPACY_MODEL
    documents = load_documents(args.data, args.half)
    annotator = Annotator(load_pipeline(model, 1_000_000))
    systems = {"service": lambda text: annotator.annotate(text, layers=("actors",))["actors"]}
    if not args.no_baseline:
        plain = spacy.load(model_location(model))
        systems["spaCy NER by string"] = lambda text: string_baseline(plain, text)
    print(f"GUM {args.half or 'all'}: {len(documents)} documents, model {model}")
    for label, annotate in systems.items():
        counts = [document_counts(name, text, gold, annotate(text),
                                  args.errors and label == "service")
                  for name, text, gold in documents]
        print(_row(label, summarise(counts)))
        if args.half is None:  # the two halves, to compare rules tuned on one with the other
            print(_row(f"{label} (even)", summarise(counts[0::2])))
            print(_row(f"{label} (odd)", summarise(counts[1::2])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
