"""The casualties layer: one record per claim of people killed, injured, captured, missing,
arrested or displaced, with its count, victims, perpetrator and source.

Returns `Casualty` records (`find_casualties`; see extraction.py for the shape). Reads the
article, the actors (sources, victims) and the locations. The steps, each a module: vocabulary,
triggers, phrases, quantities, patients, counts, partitives, coordination, sources,
weak_injuries, scope, claims; records holds the types.
"""
from .extraction import find_casualties
from .records import Casualty, Count
from .vocabulary import CATEGORIES

__all__ = ["CATEGORIES", "Casualty", "Count", "find_casualties"]
