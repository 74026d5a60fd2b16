"""False refusals of the language check on English dev texts, and its cost per article.

    python -m evaluation.language [--shared ../shared] [--json]

Reads, at measure time only, the English texts of ../shared/devset (*.txt), the project's gold/
(*.txt), PolNeAR dev (datasets/polnear/dev/text/*.txt) and GVDB dev (datasets/gvdb/dev.tsv), runs
`service.nlp.article.language.detect` on each and reports per corpus: articles, refusals (a detected
language the service does not annotate: each one is a false refusal, since every text is
English), undecided texts (too short to tell), the lowest English share, and the cost in ms per
article and per 1,000 characters. Exit 1 on any false refusal.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from evaluation.gvdb import load as load_gvdb
from service.nlp.article import language

ROOT = Path(__file__).resolve().parents[1]


def corpora(shared: Path) -> dict[str, list[tuple[str, str]]]:
    """(name, text) pairs per corpus; corpora that are not there are left out."""
    def texts(folder: Path) -> list[tuple[str, str]]:
        return [(path.name, path.read_text(encoding="utf-8"))
                for path in sorted(folder.glob("*.txt"))]
    out = {"devset": texts(shared / "devset"), "gold": texts(ROOT / "gold"),
           "polnear-dev": texts(shared / "datasets" / "polnear" / "dev" / "text")}
    gvdb = shared / "datasets" / "gvdb" / "dev.tsv"
    if gvdb.exists():
        out["gvdb-dev"] = [(row["id"], row["text"]) for row in load_gvdb(gvdb)]
    return {name: items for name, items in out.items() if items}


def measure(items: list[tuple[str, str]]) -> dict:
    refused, undecided, shares, seconds, chars = [], 0, [], 0.0, 0
    for name, text in items:
        began = time.perf_counter()
        detection = language.detect(text)
        seconds += time.perf_counter() - began
        chars += len(text)
        if not detection.supported:
            refused.append({"text": name, "language": detection.language})
        undecided += not detection.decided
        if detection.decided:
            shares.append(detection.share)
    return {"articles": len(items), "false_refusals": len(refused), "refused": refused,
            "undecided": undecided, "min_share": round(min(shares), 3) if shares else None,
            "ms_per_article": round(1000 * seconds / len(items), 3),
            "ms_per_1000_chars": round(1e6 * seconds / max(chars, 1), 3)}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    language.warm_up()
    results = {name: measure(items) for name, items in corpora(args.shared).items()}
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        for name, r in results.items():
            print(f"{name:12} articles={r['articles']:4} false_refusals={r['false_refusals']} "
                  f"undecided={r['undecided']} min_english_share={r['min_share']} "
                  f"{r['ms_per_article']} ms/article {r['ms_per_1000_chars']} ms/1000 chars")
            for refusal in r["refused"]:
                print(f"    refused {refusal['text']} as {refusal['language']}")
    return 1 if any(r["false_refusals"] for r in results.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
