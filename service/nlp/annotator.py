"""The annotation core: one parse per text, then each requested layer, returning plain data.

No web framework here: `Annotator.annotate` takes a string and options and returns JSON-ready
dicts with code-point offsets, so it serves the HTTP API, a CLI or a batch job alike.
"""
from __future__ import annotations

from datetime import date

from spacy.language import Language
from spacy.tokens import Doc

from .actors import cluster_actors
from .article import Article, SentenceDates, find_boilerplate, find_metadata, published_date
from .casualties import find_casualties
from .gazetteer import load_gazetteer
from .mentions import entity_mentions
from .model import mask_for_tokenizer, model_info
from .places import cluster_locations
from .quotes import find_quotes
from .salience import add_salience
from .types import to_plain

LAYERS = ("actors", "locations", "casualties", "quotes")

# A short article that exercises every pipe, run once at start-up outside any memory zone so the
# tokenizer cache and lazily built tables are filled before workers fork.
_WARM_UP_TEXT = (
    'LAGOS, Nigeria — At least 12 people were killed in Borno state, officials said. '
    '"We will rebuild," said Maria Okonkwo.'
)


class TooManyTokens(ValueError):
    """The text has more tokens than the annotator accepts: spaCy's cost follows the tokens."""

    def __init__(self, tokens: int, limit: int):
        super().__init__(f"The text has {tokens} tokens; the limit is {limit}.")
        self.tokens, self.limit = tokens, limit


class Annotator:
    def __init__(self, nlp: Language, max_tokens: int | None = None):
        self.nlp = nlp
        self.model = model_info(nlp)
        self.max_tokens = max_tokens
        self.gazetteer = load_gazetteer()
        self.annotate(_WARM_UP_TEXT, zone=False)

    def annotate(self, text: str, layers=LAYERS, published: date | None = None,
                 zone: bool = True) -> dict:
        """Annotate `text`; the result lists only the requested `layers`, offsets in code points.

        Raises TooManyTokens (before the costly components run) when the text is over the limit.
        """
        if zone:
            with self.nlp.memory_zone():
                return self._annotate(text, self.nlp(self._tokenize(text)), layers, published)
        return self._annotate(text, self.nlp(self._tokenize(text)), layers, published)

    def annotate_batch(self, requests: list[tuple[str, tuple, date | None]]
                       ) -> list[dict | TooManyTokens]:
        """Annotate several (text, layers, published) requests with one `nlp.pipe` pass; an item
        over the token limit gets its TooManyTokens instead of a result."""
        with self.nlp.memory_zone():
            tokenized = []
            for text, _, _ in requests:
                try:
                    tokenized.append(self._tokenize(text))
                except TooManyTokens as error:
                    tokenized.append(error)
            docs = self.nlp.pipe((d for d in tokenized if not isinstance(d, TooManyTokens)),
                                 batch_size=8)
            return [item if isinstance(item, TooManyTokens)
                    else self._annotate(text, next(docs), layers, published)
                    for (text, layers, published), item in zip(requests, tokenized)]

    def _tokenize(self, text: str) -> Doc:
        # Tokenizing once serves both the limit check and the parse (nlp() accepts a Doc).
        doc = self.nlp.make_doc(mask_for_tokenizer(text))
        if self.max_tokens and len(doc) > self.max_tokens:
            raise TooManyTokens(len(doc), self.max_tokens)
        return doc

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
        add_salience(result, article, found, metadata)
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
