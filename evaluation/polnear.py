"""Score the quotes layer on PolNeAR (train or dev) direct quotations.

    .venv/bin/python -m evaluation.polnear [--split dev|train] [--data DIR] [--limit N] [--errors]

Gold (see ../shared/datasets/README.md): every `Content` fragment (a discontinuous content is
split at `;`) whose text contains a double quotation mark, from the first annotation file of each
article. A predicted quote matches an unmatched gold fragment when they overlap by at least half
of the shorter span (greedy, largest overlap first). The speaker is right when the predicted
speaker mention overlaps one of the gold `Source` fragments of that content's attribution; speaker
accuracy is over matched fragments whose attribution has a source.

Matching: a prediction is right when it matches any fragment and a fragment is found when any
prediction matches it (the README states no one-to-one rule, and one fragment can hold several
quoted phrases: `as a “con artist” and a “bully”`); the strict one-to-one figures are printed
too, as `1:1`.

Three variants are printed:
- `double` (the headline): gold as the README defines it (a fragment containing " “ ” „ « »);
  predictions opened by one of those marks, the family that defines the subset (quotes in single
  marks or in doubled apostrophes, as some NYT texts write them, are outside it either way);
- `all`: every quote the layer returns against the same gold (so '' quotes count as errors);
- `doubled`: gold also counting '' as a double mark, against every quote the layer returns.
"""
from __future__ import annotations

import argparse
import os
import re
import sys
import time
from dataclasses import dataclass, field

DEFAULT_DATA = os.path.join(os.path.dirname(__file__), "..", "..", "shared", "datasets", "polnear")
DOUBLE_MARKS = '"“”„«»'
_T_LINE = re.compile(r"^(T\d+)\t(\S+) ([\d ;]+)\t")
_E_LINE = re.compile(r"^(E\d+)\t(.*)$")


@dataclass
class GoldQuote:
    start: int
    end: int
    sources: list[tuple[int, int]] = field(default_factory=list)


def read_gold(ann_path: str, text: str, doubled: bool = False) -> list[GoldQuote]:
    """Gold direct-quote fragments; `doubled` also counts '' (two apostrophes) as a double mark."""
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    relations: list[str] = []
    with open(ann_path, encoding="utf-8") as handle:
        for line in handle:
            match = _T_LINE.match(line)
            if match:
                fragments = []
                for part in match.group(3).split(";"):
                    start, end = part.split()
                    fragments.append((int(start), int(end)))
                spans[match.group(1)] = (match.group(2), fragments)
                continue
            match = _E_LINE.match(line)
            if match:
                relations.append(match.group(2))
    gold: dict[tuple[int, int], GoldQuote] = {}
    for relation in relations:
        contents, sources = [], []
        for argument in relation.split():
            role, _, ref = argument.partition(":")
            if ref not in spans:
                continue
            if role.startswith("Content"):
                contents.extend(spans[ref][1])
            elif role.startswith("Source"):
                sources.extend(spans[ref][1])
        for start, end in contents:
            fragment = text[start:end]
            if not any(mark in fragment for mark in DOUBLE_MARKS) and not (
                    doubled and ("''" in fragment or "``" in fragment)):
                continue
            entry = gold.setdefault((start, end), GoldQuote(start, end))
            entry.sources.extend(s for s in sources if s not in entry.sources)
    return sorted(gold.values(), key=lambda g: (g.start, g.end))


def _overlap(a0, a1, b0, b1) -> int:
    return max(0, min(a1, b1) - max(a0, b0))


def match(predicted: list[dict], gold: list[GoldQuote]):
    """Greedy one-to-one matching; returns (pairs, unmatched predictions)."""
    candidates = []
    for p_index, quote in enumerate(predicted):
        p0, p1 = quote["span"]["start"], quote["span"]["end"]
        for g_index, g in enumerate(gold):
            overlap = _overlap(p0, p1, g.start, g.end)
            if overlap and overlap >= 0.5 * min(p1 - p0, g.end - g.start):
                candidates.append((-overlap, p_index, g_index))
    candidates.sort()
    used_p, used_g, pairs = set(), set(), []
    for _, p_index, g_index in candidates:
        if p_index in used_p or g_index in used_g:
            continue
        used_p.add(p_index)
        used_g.add(g_index)
        pairs.append((predicted[p_index], gold[g_index]))
    return pairs, [q for i, q in enumerate(predicted) if i not in used_p], \
        [g for i, g in enumerate(gold) if i not in used_g]


def match_any(predicted: list[dict], gold: list[GoldQuote]):
    """The README's rule without one-to-one pairing: a prediction is right when it matches some
    fragment (a fragment such as `a “con artist” and a “bully”` holds two quoted phrases), a
    fragment is found when some prediction matches it. Returns (right predictions, pairs of
    each found fragment with its best-overlapping prediction, missed fragments)."""
    best: dict[int, tuple[int, dict]] = {}
    right = 0
    for quote in predicted:
        p0, p1 = quote["span"]["start"], quote["span"]["end"]
        hit = False
        for g_index, g in enumerate(gold):
            overlap = _overlap(p0, p1, g.start, g.end)
            if overlap and overlap >= 0.5 * min(p1 - p0, g.end - g.start):
                hit = True
                if overlap > best.get(g_index, (0, None))[0]:
                    best[g_index] = (overlap, quote)
        right += hit
    pairs = [(quote, gold[g_index]) for g_index, (_, quote) in sorted(best.items())]
    return right, pairs, [g for i, g in enumerate(gold) if i not in best]


def speaker_right(quote: dict, gold: GoldQuote) -> bool:
    speaker = quote.get("speaker")
    if not speaker:
        return False
    m0, m1 = speaker["mention"]["start"], speaker["mention"]["end"]
    return any(_overlap(m0, m1, s0, s1) > 0 for s0, s1 in gold.sources)


def opened_by_double(text: str, quote: dict) -> bool:
    i = quote["span"]["start"] - 1
    while i >= 0 and text[i].isspace():
        i -= 1
    return i >= 0 and text[i] in DOUBLE_MARKS and text[i - 1:i + 1] not in ("''", "``")


def build_annotate():
    """The annotator's quotes layer, on the service's own pipeline."""
    from service.nlp.annotator import Annotator
    from service.config import Config
    from service.nlp.model import load_pipeline
    annotator = Annotator(load_pipeline(Config.SPACY_MODEL, 1_000_000))
    return lambda text: annotator.annotate(text, layers=("quotes",))["quotes"]


def _scores(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="dev", choices=("dev", "train"))
    parser.add_argument("--data", default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=0, help="score the first N articles only")
    parser.add_argument("--errors", action="store_true", help="print misses and false alarms")
    args = parser.parse_args(argv)

    split_dir = os.path.join(args.data, args.split)
    texts = sorted(f for f in os.listdir(os.path.join(split_dir, "text")) if f.endswith(".txt"))
    annotations = sorted(os.listdir(os.path.join(split_dir, "attributions")))
    if args.limit:
        texts = texts[:args.limit]
    annotate = build_annotate()
    variants = ("double", "all", "doubled")
    totals = {name: {"tp": 0, "right": 0, "strict": 0, "pred": 0, "gold": 0, "spk": 0, "spk_n": 0}
              for name in variants}
    started = time.perf_counter()
    for name in texts:
        slug = name[:-4]
        ann = next((a for a in annotations if a.startswith(slug + "_")), None)
        if ann is None:
            continue
        with open(os.path.join(split_dir, "text", name), encoding="utf-8") as handle:
            text = handle.read()
        ann_path = os.path.join(split_dir, "attributions", ann)
        golds = {False: read_gold(ann_path, text), True: read_gold(ann_path, text, doubled=True)}
        predicted = annotate(text)
        for variant in variants:
            gold = golds[variant == "doubled"]
            preds = predicted if variant != "double" else [
                q for q in predicted if opened_by_double(text, q)]
            strict_pairs, false_alarms, _ = match(preds, gold)
            right, pairs, misses = match_any(preds, gold)
            total = totals[variant]
            total["strict"] += len(strict_pairs)
            total["right"] += right
            total["tp"] += len(pairs)
            total["pred"] += len(preds)
            total["gold"] += len(gold)
            if variant == "double":
                false_alarms = [q for q in false_alarms if not any(
                    q is quote for quote, _ in pairs) and match_any([q], gold)[0] == 0]
            for quote, g in pairs:
                if g.sources:
                    total["spk_n"] += 1
                    right = speaker_right(quote, g)
                    total["spk"] += right
                    if args.errors and variant == "double" and not right:
                        sp = quote["speaker"]
                        print(f"SPEAKER {slug}: {quote['text'][:70]!r} -> "
                              f"{sp and sp['mention']['text']!r} (cue "
                              f"{quote['cue'] and quote['cue']['text']!r}); gold "
                              f"{[text[s:e] for s, e in g.sources]}")
            if args.errors and variant == "double":
                for quote in false_alarms:
                    sp = quote["speaker"]
                    print(f"FALSE {slug}: {quote['text'][:80]!r} -> "
                          f"{sp and sp['mention']['text']!r}")
                for g in misses:
                    print(f"MISS {slug}: {text[g.start:g.end][:100]!r} ; "
                          f"{[text[s:e] for s, e in g.sources]}")
    elapsed = time.perf_counter() - started
    print(f"PolNeAR {args.split}: {len(texts)} articles, {elapsed:.1f} s")
    for variant in variants:
        total = totals[variant]
        p = total["right"] / total["pred"] if total["pred"] else 0.0
        r = total["tp"] / total["gold"] if total["gold"] else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        sp, sr, sf = _scores(total["strict"], total["pred"], total["gold"])
        accuracy = total["spk"] / total["spk_n"] if total["spk_n"] else 0.0
        print(f"  {variant:7s} predicted {total['pred']:5d} gold {total['gold']:5d}  "
              f"P {p:.3f} R {r:.3f} F1 {f:.3f}  speaker accuracy {accuracy:.3f} "
              f"({total['spk']}/{total['spk_n']})   1:1 P {sp:.3f} R {sr:.3f} F1 {sf:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
