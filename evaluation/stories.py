"""Story accuracy against gold stories, by the stories scoring of the annotation contract.

    python -m evaluation.stories PATH [PATH ...] [--json] [--per-story] [--model NAME]

PATH is a gold story (`*.story.json`: its articles, claim groups, story actors and locations, in
the contract's story gold format) or a folder of them; each article's text is the file its
`file` names, next to the story. Each article is annotated (with its `published` date) and the
story built by `service.nlp.stories.build_story`; then, summed over the stories:
- figures: a predicted figure matches an unmatched gold figure of the same article, category and
  value (greedy, in ledger order). Precision, recall, F1;
- groups: B-cubed precision and recall of the claim groups over the matched figures;
- agreement: accuracy over the gold groups with two or more figures, judged on the predicted
  group holding most of the group's matched figures (none matched: wrong);
- story actors and locations: a predicted story entity matches an unmatched gold one when its
  name is one of the gold aliases; a second one for the same gold entity (a split across
  articles) is a false positive, and so is one that merges members named as two gold entities.
  Gold stories list the entities whose merging matters, not every actor of every report, so a
  predicted entity that fits no gold entity is not counted (the article layers' own scorer,
  `evaluation.score`, judges those);
- duplicates, when the gold lists them: pairs of articles found to be copies.
Entries marked `"optional": true` (a figure, a group, an entity) are neither rewarded nor
penalised.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from datetime import date
from itertools import combinations
from pathlib import Path

from .score import _named_fits, _prf, _ratio, annotate_function, report


def _gold_figures(gold: dict) -> list[dict]:
    return [{**figure, "category": group["category"], "group": number,
             "optional": bool(figure.get("optional") or group.get("optional"))}
            for number, group in enumerate(gold.get("claims", []))
            for figure in group["figures"]]


def _match_figures(story: dict, gold_figures: list[dict]) -> tuple[list[tuple], Counter]:
    """Greedy matches ((predicted group, gold figure) pairs, optional ones included) and tp/fp/fn."""
    used, pairs, counts = set(), [], Counter()
    for group in story["claims"]:
        for figure in group["figures"]:
            def fits(g):
                return (g["article"], g["category"], g["value"]) == (
                    figure["article"], group["category"], figure["value"])
            hit = next((i for i, g in enumerate(gold_figures) if i not in used and fits(g)), None)
            if hit is None:
                counts["fp"] += not any(g["optional"] and fits(g) for g in gold_figures)
                continue
            used.add(hit)
            pairs.append((group["id"], gold_figures[hit]))
            counts["tp"] += not gold_figures[hit]["optional"]
    counts["fn"] += sum(1 for i, g in enumerate(gold_figures) if i not in used and not g["optional"])
    return pairs, counts


def _bcubed(pairs: list[tuple]) -> Counter:
    """Sums of per-figure B-cubed precision and recall over the matched required figures."""
    required = [(predicted, gold["group"]) for predicted, gold in pairs if not gold["optional"]]
    counts = Counter()
    for predicted, gold in required:
        same_predicted = [p for p, g in required if p == predicted]
        same_gold = [p for p, g in required if g == gold]
        both = sum(1 for p, g in required if p == predicted and g == gold)
        counts["precision"] += both / len(same_predicted)
        counts["recall"] += both / len(same_gold)
        counts["n"] += 1
    return counts


def _agreement(story: dict, gold: dict, pairs: list[tuple]) -> Counter:
    agreement = {group["id"]: group["agreement"] for group in story["claims"]}
    counts = Counter()
    for number, group in enumerate(gold.get("claims", [])):
        if group.get("optional") or len(group["figures"]) < 2:
            continue
        holders = Counter(p for p, g in pairs if g["group"] == number)
        counts["total"] += 1
        if holders:
            counts["right"] += agreement[holders.most_common(1)[0][0]] == group["agreement"]
    return counts


def _member_names(entity: dict, results: dict, layer: str) -> list[str]:
    by_id = {(aid, e["id"]): e["name"] for aid, result in results.items()
             for e in result.get(layer, [])}
    return [by_id[(m["article"], m["id"])] for m in entity["mentions"]]


def _match_entities(predicted: list[dict], gold: list[dict], results: dict, layer: str) -> Counter:
    used, counts = set(), Counter()
    for entity in predicted:
        fitting = [i for i, g in enumerate(gold) if _named_fits(entity, g)]
        if not fitting:
            continue
        members = {i for name in _member_names(entity, results, layer)
                   for i, g in enumerate(gold) if _named_fits({"name": name}, g)}
        hit = fitting[0]
        optional = bool(gold[hit].get("optional"))
        if hit in used or members - {hit}:
            counts["fp"] += not optional  # a split, or two gold entities merged into one
        else:
            counts["tp"] += not optional
        used.add(hit)
    counts["fn"] += sum(1 for i, g in enumerate(gold) if i not in used and not g.get("optional"))
    return counts


def _duplicate_pairs(groups: list[list[str]]) -> set[frozenset]:
    return {frozenset(pair) for group in groups for pair in combinations(group, 2)}


def score_story(story: dict, gold: dict, results: dict) -> dict[str, Counter]:
    """Counts for one story; `results` maps each article id to its annotation result."""
    pairs, figures = _match_figures(story, _gold_figures(gold))
    out = {"figures": figures, "groups": _bcubed(pairs),
           "agreement": _agreement(story, gold, pairs),
           "actors": _match_entities(story["actors"], gold.get("actors", []), results, "actors"),
           "locations": _match_entities(story["locations"], gold.get("locations", []), results,
                                        "locations"),
           "duplicates": Counter()}
    if "duplicates" in gold:
        found, expected = _duplicate_pairs(story["duplicates"]), _duplicate_pairs(gold["duplicates"])
        out["duplicates"] = Counter(tp=len(found & expected), fp=len(found - expected),
                                    fn=len(expected - found))
    return out


def summarise(totals: dict[str, Counter]) -> dict:
    groups = totals["groups"]
    precision = groups["precision"] / groups["n"] if groups["n"] else 1.0
    recall = groups["recall"] / groups["n"] if groups["n"] else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "figures": _prf(totals["figures"]),
        "groups_bcubed": {"precision": round(precision, 3), "recall": round(recall, 3),
                          "f1": round(f1, 3)},
        "agreement_accuracy": _ratio(totals["agreement"]["right"], totals["agreement"]["total"]),
        "actors": _prf(totals["actors"]),
        "locations": _prf(totals["locations"]),
        "duplicates": _prf(totals["duplicates"]),
    }


def story_files(paths: list[Path]) -> list[Path]:
    return [file for path in paths
            for file in (sorted(path.glob("*.story.json")) if path.is_dir() else [path])]


def build_gold_story(path: Path, annotate) -> tuple[dict, dict, dict]:
    """(predicted story, gold, results by article id); `annotate(text, published)` -> result."""
    from service.nlp.stories import build_story
    gold = json.loads(path.read_text(encoding="utf-8"))
    articles = []
    for entry in gold["articles"]:
        text = path.with_name(entry["file"]).read_text(encoding="utf-8")
        published = date.fromisoformat(entry["published"]) if entry.get("published") else None
        articles.append({"id": entry["id"], "text": text, "outlet": entry.get("outlet"),
                         "published": published, "url": entry.get("url"),
                         "result": annotate(text, published)})
    return build_story(articles), gold, {a["id"]: a["result"] for a in articles}


def score_stories(paths: list[Path], annotate) -> tuple[dict, dict]:
    """The summary over every story in `paths`, and the summary of each story."""
    totals = {key: Counter() for key in ("figures", "groups", "agreement", "actors", "locations",
                                         "duplicates")}
    per_story = {}
    for path in story_files(paths):
        counts = score_story(*build_gold_story(path, annotate))
        per_story[path.name] = summarise(counts)
        for key, counter in counts.items():
            totals[key].update(counter)
    return summarise(totals), per_story


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", type=Path, nargs="+")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--per-story", action="store_true")
    parser.add_argument("--model", default=None, help="spaCy pipeline (default: SPACY_MODEL)")
    args = parser.parse_args(argv)

    summary, per_story = score_stories(args.paths, annotate_function(args.model))
    report(summary, {"stories": per_story}, args.json, args.per_story)
    return 0
    rows = per_story.items() if args.per_story else []
    for name, figures in [*rows, ("ALL", summary)]:
        print(f"== {name}")
        for measure, values in figures.items():
            shown = "  ".join(f"{k}={v}" for k, v in values.items()) if isinstance(values, dict) \
                else values
            print(f"  {measure:<19}{shown}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
