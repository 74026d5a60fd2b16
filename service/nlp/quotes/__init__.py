"""The quotes layer: quoted speech with its cue and its speaker.

Returns `Quote` values (`find_quotes`). Reads the article and the actors (speakers resolve to
them). Modules: marks (pairing quotation marks), speakers (cues and speaker resolution),
vocabulary (the words those read), extraction (the entry point).
"""
from .extraction import find_quotes

__all__ = ["find_quotes"]
