"""Benchmark of the casualties layer on the Gun Violence Database (GVDB) dev split.

    python -m evaluation.gvdb [--data ../shared/datasets/gvdb/dev.tsv] [--limit N] [--errors]
                              [--half even|odd]

Gold per article (../shared/datasets/README.md): killed = victims whose `victim-was` contains
"killed"; injured = victims whose `victim-was` is non-empty and does not contain "killed".
Prediction per article: killed = the largest `value` (or vague `low`) of the article's killed
records of the reported event (`scope` "event": background tolls and running totals are not the
article's incident), injured = the same over injured records; 0 when there is no such record.
GVDB lists the shooters apart from the victims, so injured records whose victims are a shooter
("the suspect was shot by officers") are left out of the prediction (a shooter killed is often
in its victims: "the gunman killed himself").

Articles with 0 gold are kept: predicting 0 there is a correct answer, predicting a figure is an
error. Two figures are reported per category: over all articles, and over the articles whose gold
count for that category is at least 1 ("with casualties"). Also within-1 accuracy and MAE, and the
predicted and gold sums of killed and injured over the articles (over-counting shows as a
predicted sum above the gold one). `--half even|odd` scores every other article (by position in
the file), so that a rule written while reading one half can be checked on the other.
Data: Pavlick et al., EMNLP 2016; splits of Ebner et al., ACL 2020 (pitrack/arglinking).
"""
from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from pathlib import Path

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "datasets" / "gvdb" / "dev.tsv"


def gold_counts(annotation: dict) -> tuple[int, int]:
    killed = injured = 0
    for victim in annotation.get("victim-section") or []:
        outcome = victim.get("victim-was") or []
        if "killed" in outcome:
            killed += 1
        elif outcome:
            injured += 1
    return killed, injured


def load(path: Path) -> list[dict]:
    csv.field_size_limit(sys.maxsize)
    rows = []
    with open(path, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            killed, injured = gold_counts(json.loads(row["Json"]))
            rows.append({"id": row["Article id"], "text": row["Full text"],
                         "killed": killed, "injured": injured})
    return rows


# Head words of victims who are the shooters (GVDB's "shooter section", not its victims).
SHOOTERS = frozenset({"suspect", "suspects", "gunman", "gunmen", "shooter", "shooters",
                      "attacker", "attackers", "assailant", "assailants", "robber", "robbers",
                      "burglar", "burglars", "intruder", "himself", "herself"})


def _shooter(record: dict) -> bool:
    words = re.findall(r"[a-z]+", ((record.get("victims") or {}).get("text") or "").lower())
    return record["category"] == "injured" and bool(words) and words[-1] in SHOOTERS


def predicted_counts(casualties: list[dict]) -> tuple[int, int]:
    best = {"killed": 0, "injured": 0}
    for record in casualties:
        if record["category"] not in best or record.get("scope", "event") != "event" or \
                _shooter(record):
            continue
        count = record["count"]
        value = count["value"] if count["value"] is not None else count["low"]
        if value is not None:
            best[record["category"]] = max(best[record["category"]], value)
    return best["killed"], best["injured"]


def make_annotate():
    """The service's annotator, casualties layer only."""
    from service.nlp.annotator import Annotator
    from service.config import Config
    from service.nlp.model import load_pipeline
    annotator = Annotator(load_pipeline(Config.SPACY_MODEL, 1_000_000))
    return lambda text: annotator.annotate(text, layers=("casualties",))["casualties"]


def report(rows: list[dict], predictions: list[tuple[int, int]]) -> dict:
    out = {}
    for index, category in enumerate(("killed", "injured")):
        pairs = [(row[category], pred[index]) for row, pred in zip(rows, predictions)]
        positive = [(g, p) for g, p in pairs if g > 0]

        def stats(items):
            n = len(items) or 1
            return {
                "n": len(items),
                "exact": round(sum(g == p for g, p in items) / n, 3),
                "within1": round(sum(abs(g - p) <= 1 for g, p in items) / n, 3),
                "mae": round(sum(abs(g - p) for g, p in items) / n, 3),
            }
        out[category] = {"all": stats(pairs), "with_casualties": stats(positive),
                         "sum": {"predicted": sum(p for _, p in pairs),
                                 "gold": sum(g for g, _ in pairs)}}
    return out


def half(rows: list[dict], which: str) -> list[dict]:
    """Every other article: `even` the 0th, 2nd, ...; `odd` the 1st, 3rd, ..."""
    return rows[which == "odd"::2]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--errors", action="store_true", help="list the articles missed")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--half", choices=("even", "odd"), default=None,
                        help="score every other article only")
    args = parser.parse_args(argv)
    rows = load(args.data)
    if args.half:
        rows = half(rows, args.half)
    if args.limit:
        rows = rows[:args.limit]
    annotate = make_annotate()
    predictions = []
    for row in rows:
        records = annotate(row["text"])
        predictions.append(predicted_counts(records))
        if args.errors and (predictions[-1][0] != row["killed"]
                            or predictions[-1][1] != row["injured"]):
            print(f"# {row['id']} gold k={row['killed']} i={row['injured']} "
                  f"pred k={predictions[-1][0]} i={predictions[-1][1]}")
            for record in records:
                if record["category"] in ("killed", "injured"):
                    print(f"    {record['category']} {record['count']['value']} "
                          f"{record.get('scope', '')} [{record['count']['span']['text']}] "
                          f"{record['evidence']['text'][:160]!r}")
    result = report(rows, predictions)
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print(f"GVDB {args.data.name}{f' ({args.half} half)' if args.half else ''}: "
          f"{len(rows)} articles")
    for category, parts in result.items():
        for part in ("all", "with_casualties"):
            s = parts[part]
            print(f"  {category:8} {part:16} n={s['n']:4} exact={s['exact']:.3f} "
                  f"within1={s['within1']:.3f} mae={s['mae']:.3f}")
        total = parts["sum"]
        print(f"  {category:8} {'sum':16} predicted={total['predicted']} gold={total['gold']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
