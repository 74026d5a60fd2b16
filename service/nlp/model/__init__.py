"""The model layer: the spaCy pipeline loaded once per process, and the text it is given.

Returns a ready `Language` (`load_pipeline`), its name and version (`model_info`) and the masked
copy of a text that the tokenizer sees (`mask_for_tokenizer`). Reads no other layer.
"""
from .loading import load_pipeline, model_info, model_location
from .masking import mask_for_tokenizer

__all__ = ["load_pipeline", "mask_for_tokenizer", "model_info", "model_location"]
