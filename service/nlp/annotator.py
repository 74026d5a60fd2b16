"""The annotation core: one parse per text, then each requested layer, returning plain data.

No web framework here: `Annotator.annotate` takes a string and options and returns JSON-ready
dicts with code-point offsets, so it serves the HTTP API, a CLI or a batch job alike.
"""
from __future__ import annotations

from datetime import date

from spacy.language import Language

from .actors import cluster_actors
from .article import Article
from .boilerplate import find_boilerplate
from .casualties import find_casualties
from .entities import entity_mentions
from .dates import SentenceDates
from .gazetteer import load_gazetteer
from .locations import cluster_locations
from .metadata import find_metadata, published_date
from .pipeline import mask_punctuation_runs, model_info
from .quotes import find_quotes
from .types import to_plain

LAYERS = ("actors", "locations", "casualties", "quotes")

# A short article that exercises every pipe, run once at start-up outside any memory zone so the
# tokenizer cache and lazily built tables are filled before workers fork.
_WARM_UP_TEXT = (
    'LAGOS, Nigeria — At least 12 people were killed in Borno state, officials said. '
    '"We will rebuild," said Maria Okonkwo.'
)


class Annotator:
    def __init__(self, nlp: Language):
        self.nlp = nlp
        self.model = model_info(nlp)
        self.gazetteer = load_gazetteer()
        self.annotate(_WARM_UP_TEXT, zone=False)

    def annotate(self, text: str, layers=LAYERS, published: date | None = None,
                 zone: bool = True) -> dict:
        """Annotate `text`; the result lists only the requested `layers`, offsets in code points."""
        if zone:
            with self.nlp.memory_zone():
                return self._annotate(text, self.nlp(mask_punctuation_runs(text)), layers, published)
        return self._annotate(text, self.nlp(mask_punctuation_runs(text)), layers, published)

    def count_tokens(self, text: str) -> int:
        """How many tokens spaCy will see in `text` (tokenizer only, a fraction of the cost)."""
        with self.nlp.memory_zone():
            return len(self.nlp.make_doc(mask_punctuation_runs(text)))

    def annotate_batch(self, requests: list[tuple[str, tuple, date | None]]) -> list[dict]:
        """Annotate several (text, layers, published) requests with one `nlp.pipe` pass."""
        with self.nlp.memory_zone():
            docs = self.nlp.pipe((mask_punctuation_runs(text) for text, _, _ in requests),
                                 batch_size=8)
            return [self._annotate(text, doc, layers, published)
                    for (text, layers, published), doc in zip(requests, docs)]

    def _annotate(self, text: str, doc, layers, published: date | None) -> dict:
        # Everything that touches spaCy objects happens here, inside the memory zone: the
        # result holds only Python ints and strings.
        ignored = find_boilerplate(text)
        metadata = find_metadata(text, ignored)
        # Relative dates are anchored on the request's date, else on the one the text gives.
        article = Article(text=text, doc=doc, published=published or published_date(metadata),
                          ignored=ignored)
        mentions = entity_mentions(article)
        actors = cluster_actors(article, mentions)
        locations = cluster_locations(article, mentions, self.gazetteer)
        found = {"actors": actors, "locations": locations}
        # Actors and locations feed the other layers; quotes and casualties run only when asked.
        if "casualties" in layers:
            found["casualties"] = find_casualties(article, actors, locations)
        if "quotes" in layers:
            found["quotes"] = find_quotes(article, actors)
        result = {layer: to_plain(found[layer], text) for layer in LAYERS if layer in layers}
        _attach_dates(article, result)
        result["ignored"] = to_plain(article.ignored, text)
        result["metadata"] = to_plain(metadata, text)
        return result


def _attach_dates(article: Article, result: dict) -> None:
    """Date each casualty claim and quote from its sentence, anchored on the publication date.

    A casualty sentence without its own date takes the date of the event its paragraph
    describes; a quote does not (when words were said is not when the event happened).
    """
    dates = SentenceDates(article.text, article.published, article.ignored)
    for record in result.get("casualties", []):
        record["date"] = dates.date_of(record["evidence"]["start"], record["evidence"]["end"],
                                       inherit=True)
    for quote in result.get("quotes", []):
        quote["date"] = dates.date_of(quote["span"]["start"], quote["span"]["end"], inherit=False)
