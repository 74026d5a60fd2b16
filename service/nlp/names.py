"""Name normalisation shared by the layers and the scorer's conventions."""
from __future__ import annotations

import re
import unicodedata

# Honorifics and offices that may precede a personal name; never part of an actor's name.
TITLES = frozenset("""
mr mrs ms miss mx dr prof sir dame lord lady rev fr sheikh mullah imam
president vice-president vp premier chancellor minister secretary senator sen rep representative
gov governor mayor gen general lt col colonel maj major capt captain cmdr commander adm admiral
sgt sergeant cpl corporal pvt private officer det detective chief judge justice king queen prince
princess ambassador spokesman spokeswoman spokesperson deputy former acting late speaker
""".split())

_PUNCTUATION = re.compile(r"[^\w\s]")
_SPACES = re.compile(r"\s+")
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")


def fold(text: str) -> str:
    """Lowercase, strip accents and punctuation, collapse white space (the scorer's comparison)."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    plain = _PUNCTUATION.sub(" ", plain.casefold())
    plain = _SPACES.sub(" ", plain).strip()
    return plain[4:] if plain.startswith("the ") else plain


def strip_possessive(text: str) -> str:
    return _POSSESSIVE.sub("", text)


def name_tokens(text: str) -> tuple[str, ...]:
    """Folded words of a name with leading titles removed ("Mr. Whitfield" -> ("whitfield",))."""
    words = fold(strip_possessive(text)).split()
    while len(words) > 1 and words[0] in TITLES:
        words = words[1:]
    return tuple(words)


def initials(tokens: tuple[str, ...]) -> str:
    return "".join(word[0] for word in tokens if word not in {"of", "the", "and", "for", "on"})
