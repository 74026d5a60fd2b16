"""The mentions layer: named entities with a corrected role (person, organization or place).

Returns `EntityMention` values (`entity_mentions`), which both the actors and the places layers
read, so a span is never both an actor and a location. Reads the article and the gazetteer.
"""
from .entities import EntityMention, entity_mentions, place_key

__all__ = ["EntityMention", "entity_mentions", "place_key"]
