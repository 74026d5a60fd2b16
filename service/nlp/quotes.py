"""Quotes with their speakers (being built: see issue "Quotes with their speakers")."""
from __future__ import annotations

from .article import Article
from .types import Actor


def find_quotes(article: Article, actors: list[Actor]) -> list:
    return []
