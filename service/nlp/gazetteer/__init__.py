"""The gazetteer layer: the offline place index (GeoNames data), loaded once per process.

Returns the `Gazetteer` (`load_gazetteer`; `current()` is the one loaded) whose lookups take a
name normalised by `placenames`; `build` writes the index file at install time. Reads no other
layer.
"""
from .index import Gazetteer, current, load_gazetteer

__all__ = ["Gazetteer", "current", "load_gazetteer"]
