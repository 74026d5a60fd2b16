"""Stories: several reports of one event merged, with a claims ledger (CONTRACT.md, "Stories").

    build_story(articles) -> {"actors": [...], "locations": [...], "claims": [...],
                              "duplicates": [[id, ...], ...]}

Reads, per article, a dict `{"id", "text", "result", "outlet", "published", "url"}`: `result` is
what `Annotator.annotate` returns for `text` (plain dicts, code-point offsets; it must hold
`actors`, `locations` and `casualties`), `published` an ISO date string, a `date` or None, and
`outlet`/`url` free text or None. Articles that failed to annotate are left out by the caller.
The story reads ids, names, kinds, geo, mentions and casualty records, and the code-point
offsets of location mentions and casualty evidence (to place a sentence in its paragraph's town):
build it before the articles' offsets are converted for the client.

Returns plain data with no offsets:
- `actors`: `{"id": "SA1", "name", "kind", "mentions": [{"article", "id"}]}`, one per person or
  organization across the reports (`actors.py`);
- `locations`: `{"id": "SL1", "name", "kind", "geo", "mentions": [...]}` (`places.py`);
- `claims`: `{"id": "K1", "category", "scope", "victims": {"text", "actor_id"} | None,
  "figures": [{"article", "casualty_id", "value", "low", "high", "qualifier", "source": {"text",
  "actor_id"} | None, "outlet", "date", "derived_from": {"article", "casualty_id", "factor"} |
  None}], "agreement": "single" | "consistent" | "conflicting", "low", "high", "conservative"}`,
  actor ids being story actor ids (`figures.py`, `claims.py`);
- `duplicates`: groups of ids of articles whose texts are copies of one another
  (`duplicates.py`).
"""
from __future__ import annotations

from .actors import merge_actors
from .claims import build_claims
from .duplicates import find_duplicates
from .figures import figures_of
from .places import merge_locations

__all__ = ["build_story"]


def build_story(articles: list[dict]) -> dict:
    actors, actor_ids = merge_actors(articles)
    locations, location_ids = merge_locations(articles)
    figures = figures_of(articles, actor_ids, location_ids)
    return {
        "actors": actors,
        "locations": locations,
        "claims": build_claims(articles, figures, locations),
        "duplicates": find_duplicates([a["id"] for a in articles], [a["text"] for a in articles]),
    }
