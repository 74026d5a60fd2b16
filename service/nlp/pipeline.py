"""Loading the spaCy pipeline once, and preparing text for it.

The pipeline is loaded once per process (gunicorn's `preload_app` shares it between workers).
Guards run before the model sees the text:
- paragraph breaks always start a sentence (the statistical parser merges across blank lines
  and splits after an opening quotation mark);
- long runs of punctuation are masked with spaces of the same length, because spaCy's tokenizer
  is quadratic on them; offsets into the masked copy are offsets into the original;
- so are runs of control characters (NUL and the like) that stand alone between spaces: each
  would be a token of its own, and spaCy's cost grows with the number of tokens. Controls inside
  a word stay (they do not split it), so controls never make more tokens than letters would.
The model's `attribute_ruler` is swapped for a compiled equivalent (same output, a fraction of
the cost; see attribute_rules.py).
"""
from __future__ import annotations

import re

import spacy
from spacy.language import Language

from .attribute_rules import replace_attribute_ruler

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


@Language.component("paragraph_boundaries")
def paragraph_boundaries(doc):
    """Start a sentence at the first token after any white space that contains a line break."""
    for token in doc[:-1]:
        if "\n" in token.whitespace_ or (token.is_space and "\n" in token.text):
            doc[token.i + 1].is_sent_start = True
    return doc


def load_pipeline(name: str, max_chars: int) -> Language:
    """Load an installed spaCy pipeline by package name or path, ready for annotation."""
    nlp = spacy.load(name)
    replace_attribute_ruler(nlp)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("paragraph_boundaries", before="parser")
    nlp.max_length = max_chars + 1
    return nlp


def model_info(nlp: Language) -> dict:
    meta = nlp.meta
    name = meta.get("name", "unknown")
    lang = meta.get("lang", "")
    if lang and not name.startswith(f"{lang}_"):
        name = f"{lang}_{name}"
    return {"name": name, "version": meta.get("version", "unknown")}
