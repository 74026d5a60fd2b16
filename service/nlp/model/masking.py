"""The copy of the text that spaCy's tokenizer sees: same length, costly runs masked with spaces.

- Long runs of punctuation are masked with spaces of the same length, because spaCy's tokenizer
  is quadratic on them; offsets into the masked copy are offsets into the original.
- So are runs of control characters (NUL and the like) that stand alone between spaces: each
  would be a token of its own, and spaCy's cost grows with the number of tokens. Controls inside
  a word stay (they do not split it), so controls never make more tokens than letters would.
"""
from __future__ import annotations

import re

# Runs of 51+ characters that are neither word characters nor white space (separator lines,
# "!!!!", walls of quotation marks or emoji). The character class has no nested repetition, so the
# scan is linear.
_PUNCTUATION_RUN = re.compile(r"[^\w\s]{51,}")


# A run of control characters that are not white space (C0 and C1, NUL included), bounded by
# white space or the ends of the text. Possessive, and a run can only start after white space, so
# the scan is linear.
_CONTROL_RUN = re.compile(r"(?<!\S)[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f]++(?!\S)")


def _spaces(match: re.Match) -> str:
    return " " * (match.end() - match.start())


def mask_for_tokenizer(text: str) -> str:
    """The copy of `text` given to spaCy: same length, long punctuation runs and stand-alone
    control runs replaced by spaces, so spans found in it slice the original text."""
    return _PUNCTUATION_RUN.sub(_spaces, _CONTROL_RUN.sub(_spaces, text))
