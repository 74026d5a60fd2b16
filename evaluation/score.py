"""Accuracy against gold files, by the scoring rules of the annotation contract.

    python -m evaluation.score FOLDER [--json] [--per-article] [--errors] [--model NAME]

FOLDER holds NAME.txt and NAME.gold.json pairs (the contract's gold format). Matching is greedy in
the order predictions are returned; gold entries marked optional (or byline) are neither rewarded
nor penalised; counts are summed over all articles (micro averages). `--errors` lists, per
article, what was missed or wrong: false and missed actors and locations, wrong kinds and points,
unmatched casualty records, wrong victims and sources, and wrong quote speakers.
"""
from __future__ import annotations

import argparse
import json
import math
import re
import sys
from collections import Counter
from datetime import date
from pathlib import Path

_PUNCTUATION = re.compile(r"[^\w\s]")
_SPACES = re.compile(r"\s+")
_WORD = re.compile(r"\w+")


def normalise(name: str | None) -> str:
    """Lowercase, drop punctuation, collapse white space, drop a leading "the"."""
    if name is None:
        return ""
    plain = _SPACES.sub(" ", _PUNCTUATION.sub("", name.lower())).strip()
    return plain[4:] if plain.startswith("the ") else plain


def _optional(entry: dict) -> bool:
    return bool(entry.get("optional") or entry.get("byline"))


def _distance_km(lat1, lon1, lat2, lon2) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


def _match(predicted: list, gold: list, fits) -> tuple[list[tuple], Counter]:
    """Greedy one-to-one matching; returns (pairs of non-optional matches, tp/fp/fn counts)."""
    used: set[int] = set()
    pairs, counts = [], Counter()
    for item in predicted:
        hit = next((i for i, g in enumerate(gold) if i not in used and fits(item, g)), None)
        if hit is None:
            # A second prediction for an optional entry is still neither rewarded nor penalised.
            if not any(_optional(g) and fits(item, g) for g in gold):
                counts["fp"] += 1
            continue
        used.add(hit)
        if not _optional(gold[hit]):
            counts["tp"] += 1
            pairs.append((item, gold[hit]))
    counts["fn"] += sum(1 for i, g in enumerate(gold) if i not in used and not _optional(g))
    return pairs, counts


def _named_fits(item, entry) -> bool:
    return normalise(item["name"]) in {normalise(a) for a in entry.get("aliases", [entry["name"]])}


def _kinds(entry: dict) -> list:
    return entry["kind"] if isinstance(entry["kind"], list) else [entry["kind"]]


def _casualty_fits(record, entry) -> bool:
    return record["category"] == entry["category"] and record["count"]["value"] == entry["value"]


def _quote_fits(quote, entry) -> bool:
    return _token_f1(quote["text"], entry["text"]) >= 0.8


def _has_point(entry: dict) -> bool:
    """A gold place with coordinates (geo accuracy counts only those)."""
    return entry.get("lat") is not None and entry.get("lon") is not None and "country_code" in entry


def _geo_right(geo: dict | None, entry: dict) -> bool:
    if not geo or (geo.get("country_code") or None) != (entry.get("country_code") or None):
        return False  # (a sea or a continent has no country: "" and null agree)
    kinds = _kinds(entry)
    if "country" in kinds:
        return True
    limit = 150.0 if {"admin1", "natural"} & set(kinds) else 50.0
    return _distance_km(geo["lat"], geo["lon"], entry["lat"], entry["lon"]) <= limit


def _contains_either_way(text: str | None, aliases) -> bool:
    if aliases is None:
        return text is None
    if text is None:
        return False
    got = normalise(text)
    aliases = aliases if isinstance(aliases, list) else [aliases]
    return bool(got) and any((got in normalise(a) or normalise(a) in got) for a in aliases)


def _token_f1(a: str, b: str) -> float:
    x, y = set(_WORD.findall(a.lower())), set(_WORD.findall(b.lower()))
    if not x or not y:
        return float(x == y)
    common = len(x & y)
    if not common:
        return 0.0
    precision, recall = common / len(x), common / len(y)
    return 2 * precision * recall / (precision + recall)


def _speaker_aliases(entry: dict, actors: list[dict]) -> set[str]:
    aliases = {normalise(entry["speaker"])} | {normalise(a) for a in entry.get("speaker_aliases", [])}
    for actor in actors:
        if normalise(actor["name"]) == normalise(entry["speaker"]):
            aliases |= {normalise(a) for a in actor.get("aliases", [])}
    return aliases


def _speaker_right(quote: dict, entry: dict, actors: list[dict]) -> bool:
    name = (quote.get("speaker") or {}).get("name")
    if entry.get("speaker") is None:
        return name is None
    return name is not None and normalise(name) in _speaker_aliases(entry, actors)


def score_article(result: dict, gold: dict) -> dict:
    """Counts for one article: `tp/fp/fn` per layer plus the per-match attribute tallies."""
    out: dict[str, Counter] = {}
    pairs, out["actors"] = _match(result.get("actors", []), gold.get("actors", []), _named_fits)
    pairs, counts = _match(result.get("locations", []), gold.get("locations", []), _named_fits)
    for loc, entry in pairs:
        counts["kind_right"] += loc["kind"] in _kinds(entry)
        if _has_point(entry):
            counts["geo_total"] += 1
            counts["geo_right"] += _geo_right(loc.get("geo"), entry)
    out["locations"] = counts
    pairs, counts = _match(result.get("casualties", []), gold.get("casualties", []), _casualty_fits)
    for record, entry in pairs:
        counts["qualifier_right"] += record["count"]["qualifier"] == entry.get("qualifier")
        victims = (record.get("victims") or {}).get("text")
        counts["victims_right"] += _contains_either_way(victims, entry.get("victims"))
        source = (record.get("source") or {}).get("text")
        counts["source_right"] += _contains_either_way(source, entry.get("source"))
    out["casualties"] = counts

    quotes = sorted(result.get("quotes", []), key=lambda q: q["span"]["start"])
    pairs, counts = _match(quotes, gold.get("quotes", []), _quote_fits)
    for quote, entry in pairs:
        right = _speaker_right(quote, entry, gold.get("actors", []))
        counts["end_to_end_tp"] += right
        if entry.get("speaker") is not None:
            counts["speaker_total"] += 1
            counts["speaker_right"] += right
    out["quotes"] = counts
    return out


def _prf(c: Counter, tp_key="tp") -> dict:
    tp, fp, fn = c[tp_key], c["fp"] + (c["tp"] - c[tp_key]), c["fn"] + (c["tp"] - c[tp_key])
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3)}


def _ratio(right: int, total: int) -> float | None:
    return round(right / total, 3) if total else None


def summarise(totals: dict[str, Counter]) -> dict:
    a, l, c, q = (totals[k] for k in ("actors", "locations", "casualties", "quotes"))
    matched_casualties = c["tp"]
    return {
        "actors": _prf(a),
        "locations": {**_prf(l), "kind_accuracy": _ratio(l["kind_right"], l["tp"]),
                      "geo_accuracy": _ratio(l["geo_right"], l["geo_total"])},
        "casualties": {**_prf(c),
                       "qualifier_accuracy": _ratio(c["qualifier_right"], matched_casualties),
                       "victims_accuracy": _ratio(c["victims_right"], matched_casualties),
                       "source_accuracy": _ratio(c["source_right"], matched_casualties)},
        "quotes": {**_prf(q), "speaker_accuracy": _ratio(q["speaker_right"], q["speaker_total"]),
                   "end_to_end_f1": _prf(q, "end_to_end_tp")["f1"]},
    }


def errors_of(result: dict, gold: dict) -> list[str]:
    """One line per error of `result` against `gold`, by the same matching as `score_article`."""
    lines = []
    for layer in ("actors", "locations"):
        predicted, entries = result.get(layer, []), gold.get(layer, [])
        pairs, _ = _match(predicted, entries, _named_fits)
        matched = {id(item) for item, _ in pairs}
        found = {id(entry) for _, entry in pairs}
        lines += [f"{layer} FALSE {item['name']!r}" for item in predicted if id(item) not in matched
                  and not any(_optional(g) and _named_fits(item, g) for g in entries)]
        lines += [f"{layer} MISSED {entry['name']!r}" for entry in entries
                  if id(entry) not in found and not _optional(entry)]
        for item, entry in pairs if layer == "locations" else []:
            kinds = _kinds(entry)
            if item["kind"] not in kinds:
                lines.append(f"locations KIND {item['name']!r} {item['kind']} (gold {kinds})")
            if _has_point(entry) and not _geo_right(item.get("geo"), entry):
                geo = item.get("geo") or {}
                lines.append(f"locations GEO {item['name']!r} {geo.get('country_code')} "
                             f"{geo.get('admin1')} (gold {entry['country_code']})")
    records, entries = result.get("casualties", []), gold.get("casualties", [])
    pairs, _ = _match(records, entries, _casualty_fits)
    matched, found = {id(r) for r, _ in pairs}, {id(e) for _, e in pairs}
    lines += [f"casualties FALSE {r['category']} {r['count']['value']} | {r['evidence']['text'][:90]!r}"
              for r in records if id(r) not in matched
              and not any(_optional(g) and _casualty_fits(r, g) for g in entries)]
    lines += [f"casualties MISSED {e['category']} {e['value']} {e.get('victims')}" for e in entries
              if id(e) not in found and not _optional(e)]
    for record, entry in pairs:
        for field in ("victims", "source"):
            got = (record.get(field) or {}).get("text")
            if not _contains_either_way(got, entry.get(field)):
                lines.append(f"casualties {field.upper()} {entry['category']} {entry['value']}: "
                             f"{got!r} (gold {entry.get(field)})")
    quotes = sorted(result.get("quotes", []), key=lambda q: q["span"]["start"])
    pairs, _ = _match(quotes, gold.get("quotes", []), _quote_fits)
    for quote, entry in pairs:
        if not _speaker_right(quote, entry, gold.get("actors", [])):
            lines.append(f"quotes SPEAKER {quote['text'][:50]!r}: "
                         f"{(quote.get('speaker') or {}).get('name')!r} (gold {entry['speaker']!r})")
    matched = {id(q) for q, _ in pairs}
    lines += [f"quotes FALSE {q['text'][:60]!r}" for q in quotes if id(q) not in matched
              and not any(_optional(g) and _quote_fits(q, g) for g in gold.get("quotes", []))]
    found = {id(e) for _, e in pairs}
    lines += [f"quotes MISSED {e['text'][:60]!r}" for e in gold.get("quotes", [])
              if id(e) not in found and not _optional(e)]
    return lines


def score_folder(folder: Path, annotate, errors: bool = False) -> tuple[dict, dict]:
    """Score every NAME.gold.json in `folder`; `annotate(text, published)` returns a result
    (with `errors`, print each article's errors as it goes)."""
    totals = {k: Counter() for k in ("actors", "locations", "casualties", "quotes")}
    per_article = {}
    for gold_path in sorted(folder.glob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text_path = gold_path.with_name(gold.get("article") or gold_path.name.replace(".gold.json", ".txt"))
        published = date.fromisoformat(gold["published"]) if gold.get("published") else None
        result = annotate(text_path.read_text(encoding="utf-8"), published)
        counts = score_article(result, gold)
        if errors:
            for line in errors_of(result, gold):
                print(f"{gold_path.name.replace('.gold.json', '')}: {line}")
        per_article[gold_path.name] = summarise(counts)
        for layer, counter in counts.items():
            totals[layer].update(counter)
    return summarise(totals), per_article


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--per-article", action="store_true")
    parser.add_argument("--errors", action="store_true", help="list each article's errors")
    parser.add_argument("--model", default=None, help="spaCy pipeline (default: SPACY_MODEL)")
    args = parser.parse_args(argv)

    summary, per_article = score_folder(args.folder, annotate_function(args.model), args.errors)
    report(summary, {"articles": per_article}, args.json, args.per_article)
    return 0


def annotate_function(model: str | None):
    """`annotate(text, published) -> result` with the named spaCy pipeline (or SPACY_MODEL)."""
    from service.config import Config
    from service.nlp.annotator import Annotator
    from service.nlp.model import load_pipeline
    annotator = Annotator(load_pipeline(model or Config.SPACY_MODEL, Config.MAX_TEXT_CHARS))
    return lambda text, published: annotator.annotate(text, published=published)


def report(summary: dict, parts: dict[str, dict], as_json: bool, per_part: bool) -> None:
    """Print the summary (and with `per_part` each part's, `parts` = {"articles": {...}})."""
    if as_json:
        print(json.dumps({"summary": summary, **parts} if per_part else summary, indent=2))
        return
    rows = [row for part in parts.values() for row in part.items()] if per_part else []
    for name, figures in [*rows, ("ALL", summary)]:
        print(f"== {name}")
        width = max(map(len, figures)) + 2
        for measure, values in figures.items():
            shown = ("  ".join(f"{k}={v}" for k, v in values.items())
                     if isinstance(values, dict) else values)
            print(f"  {measure:<{width}}{shown}")


if __name__ == "__main__":
    sys.exit(main())
