"""Language of an article's prose, offline (py3langid, a naive Bayes model shipped in its wheel).

The annotation pipeline is English only: a Spanish article would come back with "Al menos" as a
person. `detect(text)` decides on the article's prose, not on every stray line:
- each line of at least BLOCK_CHARS characters is classified on its own (a paragraph in news
  text; headings, bylines and captions are too short to count), the whole text when no line is
  that long;
- each language's share is the letters of the blocks confidently classified as it; the
  dominant language wins only with more than DOMINANT_SHARE of them, so an English article
  quoting a paragraph in another language stays English;
- a text with fewer than MIN_LETTERS letters, or with no confident block, is too short (or too
  odd) to tell and counts as English, the language the service was asked for by default.

Cost: about 0.5 ms per 1,000 characters (the model walks the UTF-8 bytes in Python), measured
in `evaluation.language`. The model (4.5 MB) loads once, before gunicorn forks.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from babel import Locale, UnknownLocaleError

SUPPORTED = ("en",)
DEFAULT = "en"
# Below this many letters the detector guesses (one sentence, a headline): annotate as English.
MIN_LETTERS = 60
# Lines of at least this many characters are classified: a paragraph, or a sentence of one.
BLOCK_CHARS = 100
# A block counts only when the model gives its language at least this probability.
MIN_CONFIDENCE = 0.8
# The dominant language needs more than this share of the classified letters.
DOMINANT_SHARE = 0.5

# The model's labels for text with no linguistic content (code, symbols): not a language.
NO_LANGUAGE = frozenset({"zxx", "und"})

_LINE = re.compile(r"[^\n]*\n|[^\n]+")
_LETTER = re.compile(r"[^\W\d_]")


@dataclass(frozen=True)
class Detection:
    language: str       # ISO 639-1 code of the prose, or DEFAULT when too short to tell
    share: float        # share of the classified letters in that language (0 when undecided)
    decided: bool       # False: too short or no confident block, DEFAULT assumed

    @property
    def supported(self) -> bool:
        return self.language in SUPPORTED


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def warm_up() -> None:
    """Load the model now (in gunicorn's master, so that workers share it)."""
    _identifier()


def blocks(text: str) -> list[str]:
    """The lines of at least BLOCK_CHARS characters (paragraphs of prose; headings, bylines and
    captions are left out), or the whole text when it has none."""
    lines = [line for line in _LINE.findall(text) if len(line) >= BLOCK_CHARS]
    return lines or [text]


def letters(text: str) -> int:
    return len(_LETTER.findall(text))


def language_shares(text: str) -> dict[str, int]:
    """Letters per language over the blocks classified with confidence."""
    identifier, shares = _identifier(), {}
    for block in blocks(text):
        count = letters(block)
        if not count:
            continue
        language, confidence = identifier.classify(block)
        if confidence >= MIN_CONFIDENCE and language not in NO_LANGUAGE:
            shares[language] = shares.get(language, 0) + count
    return shares


def detect(text: str) -> Detection:
    """The language of the article's prose (see the module's docstring)."""
    if letters(text) < MIN_LETTERS:
        return Detection(DEFAULT, 0.0, decided=False)
    shares = language_shares(text)
    total = sum(shares.values())
    if not total:
        return Detection(DEFAULT, 0.0, decided=False)
    language, count = max(shares.items(), key=lambda item: item[1])
    share = count / total
    if language != DEFAULT and share <= DOMINANT_SHARE:
        # No language holds most of the prose: the default's claim is as good as any.
        return Detection(DEFAULT, shares.get(DEFAULT, 0) / total, decided=False)
    return Detection(language, share, decided=True)


def language_name(code: str) -> str:
    """The English name of a language code ("es" -> "Spanish"), or the code itself."""
    try:
        return Locale.parse(code).get_display_name("en")
    except (UnknownLocaleError, ValueError):
        return code


def check(text: str, forced: str | None = None) -> Detection:
    """The language the article is annotated as: `forced` (the request's "language") when
    given, else the detected one. Callers refuse it when not `supported`."""
    if forced is not None:
        return Detection(forced, 1.0, decided=True)
    return detect(text)
