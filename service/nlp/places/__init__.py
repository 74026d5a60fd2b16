"""The places layer: place mentions clustered, given a kind, resolved offline to the gazetteer.

Mentions are first clustered on a key that ignores a leading "the", compass adjectives and a
trailing designator ("the Swat Valley", "Swat"; "northern Kunar province", "Kunar").
Each cluster is then resolved with CLIFF-style evidence, scored per candidate:
- the designator as a kind hint ("Kunar province" -> the ADM1, "Zarghun district" -> ADM2);
- the article's focus countries (countries named, demonyms, places already resolved);
- first-level divisions the article mentions, and "X, Y" / "X in Y" parents;
- CLIFF's rules: countries first (a country's own name is the country unless a parent, a
  designator, a division of that name or local evidence says otherwise); an exact ADM1 unless a
  city over 300k shares the name; a city over an admin area of the same name; a population prior;
- leave-one-out focus: a cluster's own first-pass country is not evidence for itself;
- first-level-division co-occurrence: a candidate gains for each other name of the article with
  a candidate in the same state or province ("Mansfield" beside "Shreveport"); a name found in
  one division only ("Rapides Parish") lets a town there beat a famous namesake abroad;
- proximity to places already resolved;
- a town's own county named in the article ("Lima" beside "Allen County");
- the focus is voted by the readings before, twice refined; clusters of one reading ("Paris",
  "X City Hall") are left out of each other's vote.
A street named after a town ("Amersham Road") is in no town.
A facility named after its place ("Travis County Jail", "Port of Los Angeles") that the
gazetteer lacks is resolved to that place, kind `facility`. A compass word that is part of a
name ("Western Australia", "North Carolina") is kept.
A cluster whose best candidate is a weak guess (only a spelling variant or an alternate name
outside the focus countries) gets `geo: null`. Clusters resolving to the same gazetteer row are
merged ("US" and "United States").

Reads the article (text and parse), the entity mentions whose role is `place` (mentions layer)
and the gazetteer. Returns `Location` values (types.py), mentions as code-point spans.
"""
from .clustering import cluster_locations

__all__ = ["cluster_locations"]
