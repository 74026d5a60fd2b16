"""Story actors: the actors of several reports merged into one list.

People join across reports when their names agree: the same surname, no contradicting given name
and no contradicting generational suffix ("Ahmad Massoud" and "Ahmad Massoud Jr." join; "Ahmed
Shah Massoud" and "Ahmad Massoud Jr." do not; "Daniel Okoro Sr." and "Daniel Okoro Jr." do not).
A name given as a surname only ("Massoud Jr.", "Saleh") joins the one person of the story with
that surname, never one of several. A surname spelled another way ("Zelensky", "Zelenskyy";
the same consonants) joins when the given names are the same and no one has the exact
surname. Full names are placed first, so that a bare surname meets
every candidate before it is placed. Organizations and unnamed groups join by name, or an
acronym by the initials of a name ("UN", "United Nations"). An "organization" whose name is a
person's full name fitting exactly one person of the story joins that person (the entity
recognizer reads "Governor Ibrahim Kanto Sule" as an organization now and then); otherwise
people and organizations never merge.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..names import fold, initials, name_tokens, strip_possessive
from .entities import Cluster, Member, fullest, members_of, most_common, numbered

SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
# Particles of a name ("al-Baghdadi", "van der Berg") that a short form may drop or keep.
PARTICLES = frozenset({"al", "el", "bin", "ibn", "bint", "van", "von", "der", "den", "de", "da",
                       "di", "du", "le", "la", "ul"})


@dataclass(frozen=True)
class PersonName:
    given: tuple[str, ...]  # every word before the surname
    surname: str
    suffix: str | None


def person_name(name: str) -> PersonName | None:
    tokens = name_tokens(name)
    suffix = None
    if len(tokens) > 1 and tokens[-1] in SUFFIXES:
        suffix, tokens = tokens[-1], tokens[:-1]
    if not tokens:
        return None
    return PersonName(tuple(t for t in tokens[:-1] if t not in PARTICLES), tokens[-1], suffix)


# Letters that transliterations of one name swap ("Kovalenko", "Kowalenko").
_SOUNDS = (("ph", "f"), ("w", "v"), ("q", "k"), ("c", "k"))


def skeleton(surname: str) -> str | None:
    """The surname's first letter and its other consonants, repeats collapsed: one key for the
    spellings of a transliterated name ("massoud", "masoud"); None when too short to trust."""
    if len(surname) < 5:
        return None
    for spelling, sound in _SOUNDS:
        surname = surname.replace(spelling, sound)
    letters = surname[0] + "".join(ch for ch in surname[1:] if ch not in "aeiouy")
    return "".join(ch for i, ch in enumerate(letters) if i == 0 or ch != letters[i - 1])


def _same_word(a: str, b: str) -> bool:
    """Equal, or one is the other's initial ("J" and "John")."""
    return a == b or (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b))


def _given_fit(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """The first given names agree and the shorter list is an ordered part of the longer."""
    shorter, longer = (a, b) if len(a) <= len(b) else (b, a)
    if not _same_word(shorter[0], longer[0]):
        return False
    rest = iter(longer[1:])
    return all(any(_same_word(word, other) for other in rest) for word in shorter[1:])


def names_fit(a: PersonName, b: PersonName) -> bool:
    if a.surname != b.surname:
        return False
    if a.suffix and b.suffix and a.suffix != b.suffix:
        return False
    return not a.given or not b.given or _given_fit(a.given, b.given)


class _People:
    """Person clusters indexed by surname."""

    def __init__(self):
        self.clusters: list[Cluster] = []
        self.names: list[set[PersonName]] = []  # the distinct names of each cluster
        self.by_surname: dict[str, list[int]] = {}
        self.by_skeleton: dict[str, list[int]] = {}

    def place(self, member: Member, name: PersonName) -> None:
        candidates = [n for n in self.by_surname.get(name.surname, ())
                      if self.clusters[n].takes(member)
                      and all(names_fit(name, other) for other in self.names[n])]
        chosen = self._choose(candidates, name)
        if chosen is None and not candidates:
            chosen = self._spelled_alike(member, name)
        if chosen is None:
            chosen = len(self.clusters)
            self.clusters.append(Cluster("person"))
            self.names.append(set())
        self._index(chosen, name)
        self.clusters[chosen].add(member)
        self.names[chosen].add(name)

    def adopt(self, member: Member, name: PersonName) -> bool:
        """Place an organization named like a person in the one person cluster it fits by full
        name (given names on both sides); False when there is none or several."""
        candidates = [n for n in self.by_surname.get(name.surname, ())
                      if self.clusters[n].takes(member)
                      and all(names_fit(name, other) for other in self.names[n])
                      and any(other.given for other in self.names[n])]
        if len(candidates) != 1:
            return False
        self._index(candidates[0], name)
        self.clusters[candidates[0]].add(member)
        self.names[candidates[0]].add(name)
        return True

    def _index(self, number: int, name: PersonName) -> None:
        if number not in self.by_surname.setdefault(name.surname, []):
            self.by_surname[name.surname].append(number)
        key = skeleton(name.surname)
        if key and number not in self.by_skeleton.setdefault(key, []):
            self.by_skeleton[key].append(number)

    def _spelled_alike(self, member: Member, name: PersonName) -> int | None:
        """The one cluster holding the same given names with a surname spelled alike."""
        key = skeleton(name.surname)
        if not key or not name.given:
            return None
        candidates = [n for n in self.by_skeleton.get(key, ()) if self.clusters[n].takes(member)
                      and any(other.given == name.given for other in self.names[n])
                      and all(names_fit(PersonName(name.given, other.surname, name.suffix), other)
                              for other in self.names[n])]
        return candidates[0] if len(candidates) == 1 else None

    def _choose(self, candidates: list[int], name: PersonName) -> int | None:
        """The one fitting cluster; among several, the one holding this very name (with the same
        suffix); else none: two people who might both be meant stay apart from this one."""
        if len(candidates) <= 1:
            return candidates[0] if candidates else None
        same = [n for n in candidates if any(other.given == name.given and other.suffix ==
                                             name.suffix for other in self.names[n])]
        return same[0] if len(same) == 1 else None


def org_key(name: str) -> str:
    """The folded name; a dotted acronym as one word ("U.N." as "un")."""
    words = fold(strip_possessive(name)).split()
    return "".join(words) if words and all(len(word) == 1 for word in words) else " ".join(words)


def _org_keys(name: str) -> set[str]:
    """The name's key, plus its initials for a name of two or more words."""
    key = org_key(name)
    keys = {key}
    if len(key.split()) >= 2:
        keys.add(initials(tuple(key.split())))
    return {key for key in keys if key}


class _Organizations:
    """Organization and group clusters indexed by name key."""

    def __init__(self):
        self.clusters: list[Cluster] = []
        self.by_key: dict[str, list[int]] = {}

    def place(self, member: Member) -> None:
        name = member.entity["name"]
        keys = _org_keys(name)
        # Only the folded name looks up: an acronym of a long name finds a cluster named by that
        # acronym, never another long name with the same initials.
        folded = org_key(name)
        candidates = [n for n in self.by_key.get(folded, ()) if self.clusters[n].takes(member)]
        if not candidates and len(folded.split()) >= 2:
            acronym = initials(tuple(folded.split()))
            candidates = [n for n in self.by_key.get(acronym, ())
                          if self.clusters[n].takes(member) and self._is_acronym(n, acronym)]
        if candidates:
            number = candidates[0]
        else:
            number = len(self.clusters)
            self.clusters.append(Cluster(member.entity["kind"]))
        self.clusters[number].add(member)
        for key in keys:
            if number not in self.by_key.setdefault(key, []):
                self.by_key[key].append(number)

    def _is_acronym(self, number: int, acronym: str) -> bool:
        return any(org_key(m.entity["name"]) == acronym for m in self.clusters[number].members)


def _describe(cluster: Cluster) -> dict:
    names = [m.entity["name"] for m in cluster.members]
    kinds = [m.entity["kind"] for m in cluster.members]
    return {"name": fullest(names),
            "kind": "person" if cluster.kind == "person" else most_common(kinds)}


def _person_order(item: tuple[Member, PersonName]) -> tuple:
    member, name = item
    # Full names first, the fullest first, then story order.
    return (-len(name.given), name.suffix is None, member.article, member.position)


def merge_actors(articles: list[dict]) -> tuple[list[dict], dict]:
    """Story actors (`SA1`...) and the map (article index, article actor id) -> story actor id."""
    people, organizations = _People(), _Organizations()
    persons, others = [], []
    for member in members_of(articles, "actors"):
        name = person_name(member.entity["name"]) if member.entity["kind"] == "person" else None
        if name is None:
            others.append(member)
        else:
            persons.append((member, name))
    for member, name in sorted(persons, key=_person_order):
        people.place(member, name)
    for member in others:
        name = person_name(member.entity["name"])
        if not (name and name.given and people.adopt(member, name)):
            organizations.place(member)
    return numbered(people.clusters + organizations.clusters, "SA", _describe)
