"""Cost of building a story against the cost of annotating its articles, in one run (issue 15).

    python -m evaluation.stories_bench [--articles 50] [--words 1000] [--copies 5] [--json]

Texts are generated (`evaluation.bench.ArticleMaker`: news-like sentences with varied names,
places and figures); `--copies` of them are republished with a new headline, so the duplicate
check has copies to find. The articles are annotated in one `Annotator.annotate_batch` pass (the
parse: what POST /v1/stories spends on its articles), then the story is built from the results
by `build_story` (the merge: story actors and locations, claims ledger, duplicates), several
times, and the median merge is reported as a share of the parse. Target: under 5%.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time

from .bench import ArticleMaker, log

MERGE_REPEATS = 5
TARGET_SHARE = 0.05


def story_texts(count: int, words: int, copies: int, seed: int = 15) -> list[str]:
    """`count` texts of about `words` words; the last `copies` republish earlier ones."""
    maker = ArticleMaker(seed)
    originals = [maker.article(words) for _ in range(count - copies)]
    republished = [f"Reprinted: {text.split(chr(10), 1)[0]}\n\n{text.split(chr(10), 1)[1]}"
                   for text in originals[:copies]]
    return originals + republished


def measure(annotator, texts: list[str]) -> dict:
    """Seconds of the parse and of the merge (median of MERGE_REPEATS), and the merge's share."""
    from service.nlp.annotator import LAYERS
    from service.nlp.stories import build_story
    started = time.perf_counter()
    results = annotator.annotate_batch([(text, LAYERS, None) for text in texts])
    parse = time.perf_counter() - started
    articles = [{"id": f"a{n}", "text": text, "result": result, "outlet": f"Outlet {n % 7}",
                 "published": None, "url": None}
                for n, (text, result) in enumerate(zip(texts, results))]
    merges, story = [], None
    for _ in range(MERGE_REPEATS):
        started = time.perf_counter()
        story = build_story(articles)
        merges.append(time.perf_counter() - started)
    merge = statistics.median(merges)
    return {"articles": len(texts), "words": sum(len(t.split()) for t in texts),
            "parse_s": round(parse, 3), "merge_s": round(merge, 4),
            "merge_share": round(merge / parse, 4),
            "story": {"actors": len(story["actors"]), "locations": len(story["locations"]),
                      "claims": len(story["claims"]),
                      "figures": sum(len(c["figures"]) for c in story["claims"]),
                      "duplicates": len(story["duplicates"])}}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=50)
    parser.add_argument("--words", type=int, default=1000)
    parser.add_argument("--copies", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)

    from service.config import Config
    from service.nlp.annotator import Annotator
    from service.nlp.model import load_pipeline
    log("loading the model")
    annotator = Annotator(load_pipeline(Config.SPACY_MODEL, Config.MAX_TEXT_CHARS))
    texts = story_texts(args.articles, args.words, min(args.copies, args.articles // 2))
    log(f"annotating {len(texts)} articles, then building the story {MERGE_REPEATS} times")
    figures = measure(annotator, texts)
    figures["target_share"] = TARGET_SHARE
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        print(f"{figures['articles']} articles, {figures['words']} words: parse "
              f"{figures['parse_s']} s, merge {figures['merge_s']} s = "
              f"{100 * figures['merge_share']:.2f}% of the parse (target < "
              f"{100 * TARGET_SHARE:.0f}%); story: {figures['story']}")
    return 0 if figures["merge_share"] < TARGET_SHARE else 1


if __name__ == "__main__":
    sys.exit(main())
