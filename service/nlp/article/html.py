"""Article text from an HTML page, offline, with trafilatura; bounded in time.

`extract_page(html)` parses the page (a whole document or a fragment), drops what is never
article text (scripts, styles, `noscript`, templates, SVG), lets trafilatura pick the main text
(navigation, footers and reader comments left out, entities decoded) and returns a `Page`: the
text every annotation offset then refers to, the page's title and its publication date.
The title is put first in the text when the extracted text does not start with it, so the
metadata layer finds it as the headline.

`extract_page_within(html, until)` runs the same in a forked child that is killed at `until`
(a `time.monotonic()` value): some inputs make the parser itself slow (libxml2 checks the
attributes of a tag pairwise, so one tag with 80,000 attributes takes about a minute inside C
code that no signal interrupts), and only a separate process can be stopped for sure.

Nothing here fetches anything: the HTML is given, no URL is passed, and neither trafilatura nor
htmldate opens a connection in that case.
"""
from __future__ import annotations

import gc
import json
import logging
import os
import re
import select
import signal
import time
from dataclasses import dataclass
from datetime import date

import lxml.etree
import lxml.html
import trafilatura
from trafilatura.settings import use_config

# Elements whose content is never article text; removed before extraction.
_NOT_TEXT = ("script", "style", "noscript", "template", "svg")
# Date search in markup (meta tags, JSON-LD, <time>) first, without the slow full-page search.
_DATE_OPTIONS = {"extensive_search": False, "original_date": True}
_READ_SIZE = 1 << 16
# trafilatura falls back to other algorithms below MIN_EXTRACTED_SIZE characters (250), and
# those break a short text at every inline element ("said\nSamuel\nOkafor"): fall back only
# when the main extractor finds nothing.
_CONFIG = use_config()
_CONFIG.set("DEFAULT", "MIN_EXTRACTED_SIZE", "1")
# A fragment (no <html>, <head> or <body>) is an article body: trafilatura keeps its headings
# and lists only inside a content container, so it is wrapped in <article>.
_DOCUMENT_TAG = re.compile(r"<(?:html|head|body)[\s/>]", re.IGNORECASE)
# Characters XML trees cannot hold (trafilatura converts to one and then finds no text); libxml2
# also stops at a NUL. They become spaces.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")

# A page the client sent that yields nothing is the client's answer (a 422), not a log event.
for _name in ("trafilatura", "htmldate", "courlan", "justext"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)


class HtmlError(ValueError):
    """The HTML yields no article text; the message says why, for the client."""


@dataclass(frozen=True)
class Page:
    text: str
    title: str | None = None
    published: date | None = None


def _parse(html: str):
    if not _DOCUMENT_TAG.search(html):
        html = f"<article>{html}</article>"
    # Bytes with an explicit encoding: a str with an XML encoding declaration is refused by
    # lxml, and a <meta charset> in the page must not override the UTF-8 already decoded.
    parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True,
                                  no_network=True)
    try:
        tree = lxml.html.document_fromstring(_NOT_XML.sub(" ", html).encode("utf-8"),
                                             parser=parser)
    except (lxml.etree.ParserError, ValueError):
        return None
    lxml.etree.strip_elements(tree, *_NOT_TEXT, with_tail=False)
    return tree


def _same_line(a: str, b: str) -> bool:
    """Whether two lines read the same (one may extend the other: "Title | Site", "Title")."""
    a, b = " ".join(a.split()).casefold(), " ".join(b.split()).casefold()
    return a.startswith(b) or b.startswith(a)


def _published(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def extract_page(html: str) -> Page:
    """The article in `html`: text, title and publication date. HtmlError when there is no text."""
    tree = _parse(html)
    document = None
    if tree is not None:
        document = trafilatura.bare_extraction(
            tree, include_comments=False, include_tables=True, include_images=False,
            include_links=False, with_metadata=True, date_extraction_params=_DATE_OPTIONS,
            config=_CONFIG)
    text = (document.text or "").strip() if document is not None else ""
    if not text:
        raise HtmlError("No article text could be extracted from the HTML.")
    title = " ".join((document.title or "").split()) or None
    if title and not _same_line(title, text.split("\n", 1)[0]):
        text = f"{title}\n{text}"
    return Page(text=text, title=title, published=_published(document.date))


_warm = False


def warm_up() -> None:
    """Fill trafilatura's and htmldate's lazy tables once, so that forked children start warm.

    The service calls it at start-up (before gunicorn forks its workers, which then share the
    tables); `extract_page_within` calls it when nothing has."""
    global _warm
    if _warm:
        return
    _warm = True
    extract_page("<html><head><title>Warm-up</title>"
                 "<meta property='article:published_time' content='2021-08-21'></head>"
                 "<body><article><p>Officials said the road was reopened.</p></article>"
                 "</body></html>")


def _child(html: str, write_fd: int, seconds: float) -> None:
    """In the forked child: extract, write JSON to `write_fd`, exit without cleanup."""
    status = 0
    try:
        # The default SIGALRM action ends the child even inside C code, should the parent
        # itself be gone before it can kill it.
        signal.signal(signal.SIGALRM, signal.SIG_DFL)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.setitimer(signal.ITIMER_REAL, seconds + 1)
        gc.disable()  # short-lived: collecting would only copy the parent's pages
        try:
            page = extract_page(html)
            answer = {"text": page.text, "title": page.title,
                      "published": page.published.isoformat() if page.published else None}
        except HtmlError as error:
            answer = {"error": str(error)}
        except Exception:  # noqa: BLE001 - any failure on client HTML is "no text", not a 500
            answer = {"error": "The text could not be extracted from the HTML."}
        data = json.dumps(answer).encode("utf-8")
        while data:
            data = data[os.write(write_fd, data):]
    except BaseException:  # noqa: BLE001 - the child must never return into the server
        status = 1
    finally:
        os._exit(status)


def _read_until(fd: int, until: float) -> bytes | None:
    """Everything written to `fd` until EOF, or None when `until` passes first."""
    chunks = []
    while True:
        remaining = until - time.monotonic()
        if remaining <= 0:
            return None
        ready, _, _ = select.select([fd], [], [], remaining)
        if not ready:
            return None
        chunk = os.read(fd, _READ_SIZE)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def extract_page_within(html: str, until: float) -> Page:
    """`extract_page` in a child process killed when `time.monotonic()` reaches `until`."""
    seconds = until - time.monotonic()
    if seconds <= 0:
        raise HtmlError("No time was left to extract the text from the HTML.")
    warm_up()
    read_fd, write_fd = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(read_fd)
        os.close(write_fd)
        raise
    if pid == 0:  # pragma: no cover - runs in the child, which exits in _child
        os.close(read_fd)
        _child(html, write_fd, seconds)
    os.close(write_fd)
    try:
        data = _read_until(read_fd, until)
    finally:
        os.close(read_fd)
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        os.waitpid(pid, 0)
    if data is None:
        raise HtmlError(f"The text could not be extracted from the HTML within {seconds:.3g} s; "
                        "send a simpler page or the plain text.")
    try:
        answer = json.loads(data)
    except ValueError:
        raise HtmlError("The text could not be extracted from the HTML.") from None
    if "error" in answer:
        raise HtmlError(answer["error"])
    return Page(text=answer["text"], title=answer["title"],
                published=_published(answer["published"]))


def with_page_metadata(result: dict, page: Page) -> dict:
    """The annotation result with the page's own publication date as `metadata.published`.

    The date in the page's markup (meta tags, JSON-LD) is preferred to one found in the text.
    """
    if page.published is None or "metadata" not in result:
        return result
    metadata = {**result["metadata"], "published": page.published.isoformat()}
    return {**result, "metadata": metadata}
