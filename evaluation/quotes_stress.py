"""Stress benchmark for the quotes layer: 1 MB of random letters and quotation marks.

    .venv/bin/python -m evaluation.quotes_stress [--size 1000000] [--seed 1]

Times the mark pairing alone and the whole layer (`find_quotes`, with actors) on an already
parsed text; the spaCy parse itself is timed separately, since it is not part of the layer.
Target: the layer under 2 s for 1 MB.
"""
from __future__ import annotations

import argparse
import random
import sys
import time

MARKS = "“”‘’\"'«»„"


def random_text(size: int, seed: int) -> str:
    rng = random.Random(seed)
    letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
    pieces = []
    total = 0
    while total < size:
        roll = rng.random()
        if roll < 0.12:
            piece = rng.choice(MARKS)
        elif roll < 0.15:
            piece = rng.choice([". ", ", ", "\n\n", "\n", ": "])
        elif roll < 0.17:
            piece = rng.choice([" said ", " he said ", " according to ", " told "])
        else:
            piece = "".join(rng.choice(letters) for _ in range(rng.randint(1, 9))) + " "
        pieces.append(piece)
        total += len(piece)
    return "".join(pieces)[:size]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)

    from service.nlp.actors import cluster_actors
    from service.nlp.article import Article
    from service.nlp.article import find_boilerplate
    from service.nlp.mentions import entity_mentions
    from service.config import Config
    from service.nlp.model import load_pipeline, mask_for_tokenizer
    from service.nlp.quotes.marks import pair_quotes
    from service.nlp.quotes import find_quotes

    text = random_text(args.size, args.seed)
    started = time.perf_counter()
    marked = pair_quotes(text)
    pairing = time.perf_counter() - started
    print(f"{len(text):,} characters: pair_quotes {pairing:.2f} s, {len(marked):,} quoted spans")

    nlp = load_pipeline(Config.SPACY_MODEL, max(1_000_000, len(text)))
    started = time.perf_counter()
    doc = nlp(mask_for_tokenizer(text))
    parse = time.perf_counter() - started
    article = Article(text=text, doc=doc, ignored=find_boilerplate(text))
    actors = cluster_actors(article, entity_mentions(article))
    print(f"spaCy parse (not the layer) {parse:.1f} s, {len(doc):,} tokens, {len(actors):,} actors")

    started = time.perf_counter()
    quotes = find_quotes(article, actors)
    layer = time.perf_counter() - started
    print(f"find_quotes {layer:.2f} s, {len(quotes):,} quotes "
          f"({'OK' if layer < 2 else 'OVER'} the 2 s target)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
