"""Geoparsing benchmark on TR-News and LGL (../shared/datasets/geo), end to end.

    .venv/bin/python -m evaluation.geo [--corpus trnews|lgl] [--half even|odd] [--limit N] [--errors N]

Runs the annotator's `locations` layer on each article and compares with the gold toponyms:
- recognition: a predicted mention matches an unmatched gold span it overlaps; precision,
  recall and F1 over spans (demonyms, which both corpora annotate as toponyms and the contract
  excludes, are dropped from the gold by a suffix rule on country/region/state-level entries);
- resolution, over the gold toponyms with a GeoNames entry that were recognised: accuracy
  within 161 km (100 miles) of the gold point, and the rate of exact GeoNames ids. A recognised
  mention whose location has `geo: null` counts as wrong; one with the gold's GeoNames id counts
  as within 161 km whatever its point (the corpora's GeoNames points for some countries, such as
  Canada, predate today's: the same entry, moved by a later GeoNames release).
TR-News spans that do not slice back to their phrase are realigned to the nearest earlier
occurrence (see the dataset README).
`--half even|odd` keeps the articles of even or odd position in the file: a rule written while
looking at one half shows on the other whether it generalises. The model is `SPACY_MODEL`
(the service's default when unset).
"""
from __future__ import annotations

import argparse
import math
import re
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

DATASETS = Path(__file__).resolve().parents[2] / "shared" / "datasets" / "geo"
CORPORA = {"trnews": "TR-News.xml", "lgl": "lgl.xml"}
_DEMONYM_END = re.compile(r"(?:an|ans|ian|ians|ese|ish|i|is|ic|ics|er|ers|ch|ean|eans)$", re.I)
_BROAD_CODES = ("PCL", "ADM1", "CONT", "RGN", "AREA", "ADMD")


@dataclass
class Toponym:
    start: int
    end: int
    phrase: str
    geonames_id: int | None
    lat: float | None
    lon: float | None
    name: str | None
    fcode: str | None


def _text(node, tag):
    child = node.find(tag)
    return child.text.strip() if child is not None and child.text else None


def load_corpus(name: str) -> list[tuple[str, list[Toponym]]]:
    root = ET.parse(DATASETS / CORPORA[name]).getroot()
    articles = []
    for article in root.iter("article"):
        text = article.find("text").text or ""
        toponyms = []
        for node in article.iter("toponym"):
            start, end = int(_text(node, "start")), int(_text(node, "end"))
            phrase = _text(node, "phrase") or ""
            if text[start:end] != phrase:
                found = _realign(text, phrase, start)
                if found is None:
                    continue
                start, end = found, found + len(phrase)
            tag = node.find("gaztag")
            gid = lat = lon = gname = fcode = None
            if tag is not None:
                gid = int(tag.get("geonameid")) if tag.get("geonameid") else None
                lat, lon = _text(tag, "lat"), _text(tag, "lon")
                lat = float(lat) if lat else None
                lon = float(lon) if lon else None
                gname, fcode = _text(tag, "name"), _text(tag, "fcode")
            toponym = Toponym(start, end, phrase, gid, lat, lon, gname, fcode)
            if not _is_demonym(toponym):
                toponyms.append(toponym)
        articles.append((text, toponyms))
    return articles


def _realign(text: str, phrase: str, start: int) -> int | None:
    best = None
    for match in re.finditer(re.escape(phrase), text):
        if best is None or abs(match.start() - start) < abs(best - start):
            best = match.start()
    return best


def _is_demonym(t: Toponym) -> bool:
    if not t.fcode or not t.fcode.startswith(_BROAD_CODES) or not t.name:
        return False
    phrase = t.phrase.lower().strip(". ")
    if phrase == t.name.lower() or len(phrase) <= 4 and phrase.isalpha() is False:
        return False
    return bool(_DEMONYM_END.search(phrase)) and not t.name.lower().startswith(phrase)


def distance_km(lat1, lon1, lat2, lon2) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


def select_half(articles: list, half: str | None) -> list:
    """The articles at even (0, 2, ...) or odd positions in the file; all when `half` is None."""
    if half is None:
        return articles
    return articles[{"even": 0, "odd": 1}[half]::2]


def _score_article(predicted: list, gold: list[Toponym], errors: list) -> Counter:
    counts = Counter(predicted=len(predicted), gold=len(gold))
    used = set()
    for g in gold:
        match = next((i for i, p in enumerate(predicted)
                      if i not in used and p[0] < g.end and g.start < p[1]), None)
        if match is None:
            errors.append(("MISS", g.phrase, g.name, g.fcode))
            continue
        used.add(match)
        counts["tp"] += 1
        if g.lat is None or g.geonames_id is None:
            continue
        counts["resolvable"] += 1
        geo = predicted[match][2]
        same_id = geo is not None and geo.get("geonames_id") == g.geonames_id
        ok = same_id or geo is not None and distance_km(geo["lat"], geo["lon"], g.lat, g.lon) <= 161
        counts["within"] += ok
        counts["exact"] += same_id
        if not ok:
            errors.append(("GEO", g.phrase, g.name, g.fcode, g.lat, g.lon, predicted[match][3], geo))
    errors.extend(("FP", p[3], p[4]) for i, p in enumerate(predicted) if i not in used)
    return counts


def summarise(counts: Counter) -> dict:
    """Recognition precision/recall/F1 and, over recognised resolvable toponyms, acc@161 km and
    the exact GeoNames-id rate."""
    precision = counts["tp"] / counts["predicted"] if counts["predicted"] else 0.0
    recall = counts["tp"] / counts["gold"] if counts["gold"] else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    resolvable = counts["resolvable"]
    return {
        "gold_toponyms": counts["gold"], "predicted_mentions": counts["predicted"],
        "precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3),
        "resolvable_recognised": resolvable,
        "acc_161km": round(counts["within"] / resolvable, 3) if resolvable else 0.0,
        "exact_id": round(counts["exact"] / resolvable, 3) if resolvable else 0.0,
    }


def evaluate(corpus: str, limit: int | None = None, show_errors: int = 0,
             half: str | None = None) -> dict:
    """The report for the selected articles, with the even and odd halves of them apart."""
    from service.config import Config
    from service.nlp.annotator import Annotator
    from service.nlp.model import load_pipeline

    annotator = Annotator(load_pipeline(Config.SPACY_MODEL, 1_000_000))
    articles = list(enumerate(load_corpus(corpus)))
    articles = select_half(articles, half)[:limit]
    totals = {"all": Counter(), "even": Counter(), "odd": Counter()}
    errors: list = []
    started = time.perf_counter()
    for position, (text, gold) in articles:
        result = annotator.annotate(text, layers=("locations",))
        predicted = [(m["start"], m["end"], loc["geo"], loc["name"], text[m["start"]:m["end"]])
                     for loc in result["locations"] for m in loc["mentions"]]
        counts = _score_article(predicted, gold, errors)
        totals["all"] += counts
        totals["odd" if position % 2 else "even"] += counts
    report = {"corpus": corpus, "half": half or "all", "model": Config.SPACY_MODEL,
              "articles": len(articles), **summarise(totals["all"]),
              "seconds": round(time.perf_counter() - started, 1)}
    if half is None:
        for name in ("even", "odd"):
            figures = summarise(totals[name])
            report[name] = {k: figures[k] for k in ("f1", "acc_161km", "exact_id")}
    for kind in ("GEO", "MISS", "FP"):
        for error in [e for e in errors if e[0] == kind][:show_errors]:
            print("ERR", *error, file=sys.stderr)
    return report


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", choices=sorted(CORPORA), default="trnews")
    parser.add_argument("--half", choices=("even", "odd"), default=None,
                        help="only the articles at even or odd positions")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--errors", type=int, default=0, help="print up to N resolution errors, misses and false positives")
    args = parser.parse_args(argv)
    report = evaluate(args.corpus, args.limit, args.errors, args.half)
    for key, value in report.items():
        print(f"{key:>22}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
