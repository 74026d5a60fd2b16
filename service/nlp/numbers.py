"""Quantities as news reports state them: pure functions, no spaCy.

`match_quantity(text)` reads the longest quantity phrase at the start of `text` and returns a
`Quantity` (value, low, high, qualifier, length in code points) or None. It handles:

- digits with separators ("1,200", "1 200" is NOT joined), decimals with a scale ("1.2 million");
- number words ("twenty-three", "one hundred and five", "a hundred", "a thousand");
- dozens: "a dozen" 12, "half a dozen" 6, "two dozen" 24, "dozen" after a number word or digit;
- "a couple (of)", "a pair (of)" = 2;
- qualifiers (CONTRACT.md): `at_least` (at least, more than, over, no fewer than, upwards of ...),
  `at_most` (up to, as many as, no more than, fewer than, less than, at most, under),
  `approximately` (about, around, nearly, almost, roughly, some, an estimated, approximately ...);
- ranges: "10 to 20", "10-20", "10–20", "between 10 and 20", "from 10 to 20", "two or three":
  value = low = the lower figure, high = the upper one, qualifier `range`;
- vague quantities, value None, qualifier `vague`, `low` as the contract fixes it: dozens 24,
  scores 40, hundreds 200, thousands 2000, several 3; and (not fixed by the contract) tens 20,
  "a handful" 3 (high 5), "a few" 2 (high 5), "tens/hundreds of thousands" 20000/200000,
  millions 2000000. The contract fixes no upper bound for open-ended words: `high` is None.

Bounds (`low`/`high`): exact N: N/N; at_least N: N/None; at_most N: None/N; approximately N:
None/None, except "nearly"/"almost"/"just under"/"close to" which imply high N.
Off-the-shelf number parsers are deliberately not used (they read "two dozen" as 2).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}

# Qualifier phrases (lower-case word sequences) -> (qualifier, implies an upper bound).
QUALIFIERS: dict[tuple[str, ...], tuple[str, bool]] = {}
for _phrase in ("at least", "more than", "over", "no fewer than", "no less than",
                "not less than", "not fewer than", "upwards of", "in excess of", "well over",
                "just over", "a minimum of", "at minimum", "a total of at least"):
    QUALIFIERS[tuple(_phrase.split())] = ("at_least", False)
for _phrase in ("up to", "as many as", "no more than", "not more than", "fewer than",
                "less than", "at most", "under", "a maximum of", "as much as"):
    QUALIFIERS[tuple(_phrase.split())] = ("at_most", False)
for _phrase in ("about", "around", "roughly", "some", "an estimated", "estimated",
                "approximately", "approx", "circa", "an approximate", "more or less",
                "or so", "round about", "perhaps", "possibly"):
    QUALIFIERS[tuple(_phrase.split())] = ("approximately", False)
for _phrase in ("nearly", "almost", "close to", "just under", "nearly all of", "just shy of"):
    QUALIFIERS[tuple(_phrase.split())] = ("approximately", True)
# "a total of", "exactly", "only": exact, but part of the phrase.
for _phrase in ("a total of", "exactly", "only", "just", "precisely", "all", "another",
                "an additional", "a further"):
    QUALIFIERS[tuple(_phrase.split())] = ("exact", False)
_MAX_QUALIFIER_WORDS = max(len(p) for p in QUALIFIERS)

# Vague quantity words -> (low, high). "dozens", "scores", ... also take "of".
VAGUE: dict[tuple[str, ...], tuple[int, int | None]] = {
    ("dozens",): (24, None),
    ("scores",): (40, None),
    ("hundreds",): (200, None),
    ("thousands",): (2000, None),
    ("tens", "of", "thousands"): (20_000, None),
    ("hundreds", "of", "thousands"): (200_000, None),
    ("millions",): (2_000_000, None),
    ("tens",): (20, None),
    ("several",): (3, None),
    ("a", "handful"): (3, 5),
    ("handful",): (3, 5),
    ("a", "few"): (2, 5),
    ("several", "dozen"): (36, None),
    ("several", "hundred"): (300, None),
    ("several", "thousand"): (3000, None),
    ("a", "few", "dozen"): (24, None),
    ("a", "few", "hundred"): (200, None),
    ("a", "few", "thousand"): (2000, None),
}
_MAX_VAGUE_WORDS = 3

# Words: digits (with separators/decimals), letters (with internal hyphen or apostrophe), or a
# dash. Every repetition is bounded, no nesting that can backtrack. Digits before ":" and a digit
# are a time or a ratio ("13:10", "3:1"), never a number of anything.
_WORD = re.compile(r"\d{1,3}(?:,\d{3}){1,5}(?![\d\w]|:\d)|\d{1,12}(?:\.\d{1,6})?(?![\d\w.]|:\d)"
                   r"|\d{1,12}(?:\.\d{1,6})?(?=\.(?!\d))|[A-Za-z]{1,20}|[-–—]")
_SPACE = re.compile(r"[ \t\u00a0]{0,5}")


@dataclass(frozen=True)
class Quantity:
    value: int | None
    low: int | None
    high: int | None
    qualifier: str  # exact | at_least | at_most | approximately | range | vague
    length: int = 0  # code points of the input the phrase covers


def _words(text: str, limit: int = 14) -> list[tuple[str, int, int]]:
    """Leading words of `text` as (lower-case word, start, end); stops at anything else."""
    out: list[tuple[str, int, int]] = []
    pos = 0
    while len(out) < limit:
        space = _SPACE.match(text, pos)
        pos = space.end()
        match = _WORD.match(text, pos)
        if not match:
            break
        word = match.group().lower()
        # A hyphenated number word ("twenty-three"): keep the hyphen as its own word.
        out.append((word, match.start(), match.end()))
        pos = match.end()
    return out


def _digits(word: str) -> float | None:
    if word[:1].isdigit():
        try:
            return float(word.replace(",", ""))
        except ValueError:
            return None
    return None


def _number(words: list[tuple[str, int, int]], i: int) -> tuple[int, int] | None:
    """A number starting at words[i]: (value, index after it) or None."""
    n = len(words)
    if i >= n:
        return None
    word = words[i][0]
    digits = _digits(word)
    if digits is not None:
        j = i + 1
        value = digits
        if j < n and words[j][0] in ("million", "billion", "thousand", "hundred"):
            value *= SCALES[words[j][0]]
            j += 1
        elif j < n and words[j][0] == "dozen":
            value *= 12
            j += 1
        if value != int(value):
            return None
        return int(value), j
    # "half a dozen"
    if word == "half" and i + 2 < n and words[i + 1][0] == "a" and words[i + 2][0] == "dozen":
        return 6, i + 3
    if word in ("a", "an", "one") and i + 1 < n and words[i + 1][0] == "dozen":
        return 12, i + 2
    if word in ("a", "an") and i + 1 < n and words[i + 1][0] in ("couple", "pair"):
        j = i + 2
        if j < n and words[j][0] == "of":
            j += 1
        return 2, j
    # Number words: a sequence like "one hundred and twenty-three thousand four hundred".
    total, current, j, seen = 0, 0, i, False
    while j < n:
        w = words[j][0]
        if w in UNITS:
            if seen and current % 100 and current % 10 == 0 and current % 100 >= 20 and UNITS[w] < 10:
                current += UNITS[w]
            elif seen and current % 100:
                break
            else:
                current += UNITS[w]
            seen = True
        elif w in TENS:
            if seen and current % 100:
                break
            current += TENS[w]
            seen = True
        elif w in ("a", "an") and not seen and j + 1 < n and words[j + 1][0] in SCALES:
            current = 1
            seen = True
        elif w in SCALES and seen:
            scale = SCALES[w]
            if scale == 100:
                current = (current or 1) * 100
            else:
                total += (current or 1) * scale
                current = 0
        elif w == "dozen" and seen:
            current = (current or 1) * 12
            j += 1
            break
        elif w in ("-", "and") and seen and j + 1 < n and (
                words[j + 1][0] in UNITS or words[j + 1][0] in TENS):
            if w == "and" and not (total or current >= 100):
                break
        else:
            break
        j += 1
    if not seen:
        return None
    # Do not end on a dangling "and"/"-".
    while j > i and words[j - 1][0] in ("and", "-"):
        j -= 1
    return total + current, j


def _vague(words, i) -> tuple[int, int | None, int] | None:
    for size in range(_MAX_VAGUE_WORDS, 0, -1):
        key = tuple(w for w, _, _ in words[i:i + size])
        if len(key) == size and key in VAGUE:
            low, high = VAGUE[key]
            return low, high, i + size
    return None


def _qualifier(words, i) -> tuple[str, bool, int]:
    for size in range(_MAX_QUALIFIER_WORDS, 0, -1):
        key = tuple(w for w, _, _ in words[i:i + size])
        if len(key) == size and key in QUALIFIERS:
            qualifier, capped = QUALIFIERS[key]
            return qualifier, capped, i + size
    return "exact", False, i


def match_quantity(text: str) -> Quantity | None:
    """The quantity phrase at the start of `text` (leading spaces allowed), or None."""
    words = _words(text)
    if not words:
        return None
    qualifier, capped, i = _qualifier(words, 0)
    if qualifier == "exact" and i == 0 and words[0][0] == "between":
        return _range(words, 1, "and")
    if words[i:i + 1] and words[i][0] == "from":
        ranged = _range(words, i + 1, "to")
        if ranged:
            return ranged
    vague = _vague(words, i)
    number = _number(words, i)
    if vague and (not number or vague[2] >= number[1]):
        low, high, j = vague
        if j < len(words) and words[j][0] == "of" and j + 1 < len(words) and \
                words[j + 1][0] in ("thousands", "millions"):
            pass
        return Quantity(None, low, high, "vague", words[j - 1][2])
    if not number:
        # A bare qualifier ("some", "about") without a number is no quantity.
        return None
    value, j = number
    # "two or three", "10 to 20", "10-20", "ten to fifteen".
    if j + 1 < len(words) and words[j][0] in ("to", "-", "–", "—", "or") and qualifier == "exact":
        other = _number(words, j + 1)
        if other and other[0] > value:
            return Quantity(value, value, other[0], "range", words[other[1] - 1][2])
    end = words[j - 1][2]
    if qualifier == "exact":
        return Quantity(value, value, value, "exact", end)
    if qualifier == "at_least":
        return Quantity(value, value, None, "at_least", end)
    if qualifier == "at_most":
        return Quantity(value, None, value, "at_most", end)
    return Quantity(value, None, value if capped else None, "approximately", end)


def _range(words, start: int, joiner: str) -> Quantity | None:
    """"between 10 and 20" (joiner "and") or "from 10 to 20" ("to"), numbers from `start`."""
    first = _number(words, start)
    if not first or first[1] >= len(words) or words[first[1]][0] != joiner:
        return None
    second = _number(words, first[1] + 1)
    if not second or second[0] <= first[0]:
        return None
    return Quantity(first[0], first[0], second[0], "range", words[second[1] - 1][2])


def parse_quantity(text: str) -> Quantity | None:
    """The quantity when the whole of `text` (stripped) is one quantity phrase, else None."""
    stripped = text.strip()
    found = match_quantity(stripped)
    if found and found.length == len(stripped):
        return found
    return None


def parse_number(text: str) -> int | None:
    """An exact number written in digits or words ("1,200", "twenty-three", "two dozen")."""
    found = parse_quantity(text)
    return found.value if found and found.qualifier == "exact" else None


# "half that number", "twice that figure", "double the toll": factor of an earlier figure.
RELATIVE_FACTORS = {
    "half": 0.5, "twice": 2.0, "double": 2.0, "triple": 3.0, "thrice": 3.0,
    "a third of": 1 / 3, "a quarter of": 0.25, "one third of": 1 / 3, "one half of": 0.5,
    "two thirds of": 2 / 3, "three times": 3.0,
}
_RELATIVE = re.compile(
    r"(half|twice|double|triple|thrice|a third of|a quarter of|one third of|one half of|"
    r"two thirds of|three times)\s{1,3}(?:of\s{1,3})?(?:that|this|the|those|these)"
    r"(?:\s{1,3}(?:number|figure|toll|count|total|many|amount))?\b",
    re.IGNORECASE,
)


def match_relative(text: str) -> tuple[float, int] | None:
    """A relative quantity at the start of `text`: (factor, length) or None."""
    found = _RELATIVE.match(text.lstrip())
    if not found:
        return None
    offset = len(text) - len(text.lstrip())
    return RELATIVE_FACTORS[found.group(1).lower()], offset + found.end()
