"""The article layer: the text being annotated and what is known about it before any entity.

Returns the `Article` (text, parsed doc, publication date, ignored regions), the boilerplate
regions (`find_boilerplate`), the metadata (`find_metadata`: headline, byline, dateline, date),
the date of any sentence (`SentenceDates`) and, for HTML input, the article text of a page
(`extract_page_within`), and the language of a text (`language.check`). Reads only the shared
types and a parsed spaCy `Doc`.
"""
from .boilerplate import find_boilerplate
from .document import Article
from .metadata import find_metadata, published_date
from .sentence_dates import SentenceDates

__all__ = ["Article", "SentenceDates", "find_boilerplate", "find_metadata", "published_date"]
