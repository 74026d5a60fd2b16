"""Casualty figures (being built: see issue "Casualty figures")."""
from __future__ import annotations

from .article import Article
from .types import Actor, Location


def find_casualties(article: Article, actors: list[Actor], locations: list[Location]) -> list:
    return []
