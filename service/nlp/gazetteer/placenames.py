"""Place-name normalisation shared by the gazetteer build and the run-time lookup.

`normalize` folds a name to the key the exact index uses: diacritics dropped, case folded,
apostrophes removed, hyphens, dots and other punctuation turned into single spaces
("Qal‘a-e-Naw" -> "qala e naw", "U.S." -> "u s").

`skeleton` is a coarser key for transliteration variants: the Persian/Arabic connector "e"/"i"
("Kuh-e-Baba" ~ "Kuh Baba"), spaces, e/i/y, o/u, q/k and doubled letters are all merged
("Qala-e-Naw" ~ "Qala-i Now", "Nuristan" ~ "Nooristan", "Qandahar" ~ "Kandahar").

`split_designator` takes a compass prefix and a trailing designator off a mention
("northern Kunar province" -> ("kunar", "admin1")), so the designator becomes a kind hint.

Pure Python with no third-party imports: it runs in the service and in the build.
"""
from __future__ import annotations

import re
import unicodedata

# Letters that NFKD does not decompose into a base letter plus marks.
_SPECIAL = str.maketrans({
    "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "ß": "ss", "đ": "d", "Đ": "D", "ı": "i",
    "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "þ": "th", "Þ": "Th", "ð": "d", "Ð": "D",
    "ħ": "h", "Ħ": "H", "ŀ": "l", "ĸ": "k",
})
_APOSTROPHES = re.compile(r"[’'ʼʻ`ʿʾ‘´]")
_NON_WORD = re.compile(r"[\W_]+")
_DOUBLES = re.compile(r"(.)\1+")
_SKELETON_MAP = str.maketrans({"e": "i", "y": "i", "o": "u", "q": "k"})
# Connectors of Persian/Arabic compound names ("Qala-e-Naw", "Deh-i-Sabz", "Kuh-e Baba").
_CONNECTORS = frozenset({"e", "i", "ye", "yi"})

# Directions that may precede a place name ("northern X") or a relation ("north of X").
COMPASS = frozenset("""
north south east west northeast northwest southeast southwest northern southern eastern western
central northeastern northwestern southeastern southwestern
""".split())
# Words stripped from the front of a name before lookup ("Upper Dir" is looked up as "Dir").
COMPASS_WORDS = COMPASS | {"upper", "lower", "greater", "far"}

# Trailing (or leading, "Province of X") designators and the kind they suggest.
DESIGNATOR_KINDS = {
    "province": "admin1", "provinces": "admin1", "state": "admin1", "governorate": "admin1",
    "oblast": "admin1", "prefecture": "admin1", "region": "admin1", "territory": "admin1",
    "district": "admin2", "districts": "admin2", "county": "admin2", "counties": "admin2",
    "parish": "admin2", "municipality": "admin2", "regency": "admin2", "raion": "admin2",
    "city": "city", "town": "city", "village": "city", "township": "city",
    "valley": "natural", "valleys": "natural", "river": "natural", "rivers": "natural",
    "lake": "natural", "lakes": "natural", "mountain": "natural",
    "mountains": "natural", "island": "natural", "islands": "natural", "peninsula": "natural",
    "desert": "natural", "gorge": "natural", "mount": "natural",
    "sea": "natural", "ocean": "natural", "gulf": "natural", "strait": "natural",
    "plateau": "natural", "pass": "natural", "range": "natural", "bay": "natural",
}

# Last words of a street's name: a street named after a town ("Amersham Road", "Heron Road")
# is not in that town; a county road ("Birch County Road") is in its county.
STREET_WORDS = frozenset("""
street st road rd avenue ave lane ln drive dr boulevard blvd way parkway pkwy terrace crescent
""".split())

# Case-sensitive abbreviations of places (never matched in lower case: "us" is a pronoun);
# the mentions layer reads them to give an ORG-tagged "DRC" its place role.
ABBREVIATIONS = {
    "US": "united states", "U.S.": "united states", "USA": "united states",
    "U.S.A.": "united states", "UK": "united kingdom", "U.K.": "united kingdom",
    "UAE": "united arab emirates", "U.A.E.": "united arab emirates",
    "DRC": "democratic republic of the congo", "PRC": "china", "EU": "european union",
    "E.U.": "european union", "DPRK": "north korea", "ROK": "south korea", "KSA": "saudi arabia",
    "D.C.": "washington d c", "DC": "washington d c",
}

# AP-style and postal abbreviations of US states ("Paris, Tenn.", "Dublin, GA").
US_STATES = {
    "Ala": "Alabama", "Ariz": "Arizona", "Ark": "Arkansas", "Calif": "California",
    "Colo": "Colorado", "Conn": "Connecticut", "Del": "Delaware", "Fla": "Florida", "Ga": "Georgia",
    "Ill": "Illinois", "Ind": "Indiana", "Kan": "Kansas", "Kans": "Kansas", "Ky": "Kentucky",
    "La": "Louisiana", "Md": "Maryland", "Mass": "Massachusetts", "Mich": "Michigan",
    "Minn": "Minnesota", "Miss": "Mississippi", "Mo": "Missouri", "Mont": "Montana",
    "Neb": "Nebraska", "Nebr": "Nebraska", "Nev": "Nevada", "N.H": "New Hampshire",
    "N.J": "New Jersey", "N.M": "New Mexico", "N.Y": "New York", "N.C": "North Carolina",
    "N.D": "North Dakota", "Okla": "Oklahoma", "Ore": "Oregon", "Pa": "Pennsylvania",
    "R.I": "Rhode Island", "S.C": "South Carolina", "S.D": "South Dakota", "Tenn": "Tennessee",
    "Tex": "Texas", "Vt": "Vermont", "Va": "Virginia", "Wash": "Washington",
    "W.Va": "West Virginia", "Wis": "Wisconsin", "Wyo": "Wyoming",
}
# Canadian Press abbreviations of provinces and territories ("Selkirk, Man.", "Moose Jaw, Sask.").
CANADIAN_PROVINCES = {
    "Alta": "Alberta", "B.C": "British Columbia", "Man": "Manitoba", "N.B": "New Brunswick",
    "Nfld": "Newfoundland and Labrador", "N.L": "Newfoundland and Labrador",
    "N.S": "Nova Scotia", "Ont": "Ontario", "P.E.I": "Prince Edward Island", "Que": "Quebec",
    "Sask": "Saskatchewan", "N.W.T": "Northwest Territories",
}
# Abbreviations read with their dot, as a mention ("Tenn.") or a parent ("Paris, Tenn.").
DIVISION_ABBREVIATIONS = {**US_STATES, **CANADIAN_PROVINCES}
US_POSTAL = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California",
    "CO": "Colorado", "CT": "Connecticut", "DE": "Delaware", "FL": "Florida", "GA": "Georgia",
    "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois", "IN": "Indiana", "IA": "Iowa", "KS": "Kansas",
    "KY": "Kentucky", "LA": "Louisiana", "ME": "Maine", "MD": "Maryland", "MA": "Massachusetts",
    "MI": "Michigan", "MN": "Minnesota", "MS": "Mississippi", "MO": "Missouri", "MT": "Montana",
    "NE": "Nebraska", "NV": "Nevada", "NH": "New Hampshire", "NJ": "New Jersey",
    "NM": "New Mexico", "NY": "New York", "NC": "North Carolina", "ND": "North Dakota",
    "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon", "PA": "Pennsylvania", "RI": "Rhode Island",
    "SC": "South Carolina", "SD": "South Dakota", "TN": "Tennessee", "TX": "Texas", "UT": "Utah",
    "VT": "Vermont", "VA": "Virginia", "WA": "Washington", "WV": "West Virginia",
    "WI": "Wisconsin", "WY": "Wyoming",
}


def normalize(name: str) -> str:
    """The exact-match key: no diacritics, casefolded, punctuation as single spaces."""
    text = unicodedata.normalize("NFKD", name.translate(_SPECIAL))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = _APOSTROPHES.sub("", text)
    return " ".join(_NON_WORD.sub(" ", text).split())


def is_latin(key: str) -> bool:
    """True for a normalised key written in (folded) Latin letters, digits and spaces."""
    return bool(key) and key.isascii()


def skeleton(key: str) -> str:
    """The spelling-variant key of a normalised name; "" when too short to be safe."""
    words = key.split()
    if len(words) > 1:
        words = [w for w in words if w not in _CONNECTORS] or words
    # A final "h" after a vowel is a transliteration's choice ("Fallujah", "Falluja").
    words = [w[:-1] if len(w) > 3 and w[-1] == "h" and w[-2] in "aeiou" else w for w in words]
    text = "".join(words).translate(_SKELETON_MAP)
    text = _DOUBLES.sub(r"\1", text)
    return text if len(text) >= 4 else ""


def strip_article(key: str) -> str:
    return key[4:] if key.startswith("the ") else key


def split_designator(key: str) -> tuple[str, str | None, bool]:
    """(core name, kind hint, had a compass word) for a normalised mention.

    "northern kunar province" -> ("kunar", "admin1", True); "province of kunar" ->
    ("kunar", "admin1", False); "swat valley" -> ("swat", "natural", False).
    """
    words = strip_article(key).split()
    compass = False
    while len(words) > 1 and words[0] in COMPASS_WORDS:
        words = words[1:]
        compass = True
    hint = None
    if len(words) > 2 and words[0] in DESIGNATOR_KINDS and words[1] == "of":
        hint = DESIGNATOR_KINDS[words[0]]
        words = words[2:]
    elif len(words) > 1 and words[-1] in DESIGNATOR_KINDS:
        hint = DESIGNATOR_KINDS[words[-1]]
        words = words[:-1]
    return " ".join(words), hint, compass
