"""HTML extraction in the core (service.nlp.article.html): what is kept, what is dropped, time bounds."""
from __future__ import annotations

import os
import signal
import socket
import time
from datetime import date

import pytest

from service.nlp.article import html as html_module
from service.nlp.article.html import HtmlError, Page, extract_page, extract_page_within, with_page_metadata

BODY = """<h1>Floods displace thousands in the river valley</h1>
<p>Heavy rain forced <strong>more than 3,000 people</strong> from their homes, regional
officials said on Monday &amp; the water kept rising.</p>
<p>&ldquo;We have never seen the river this high,&rdquo; said <a href="/p/okafor">Samuel
Okafor</a>, the mayor of the lakeside town.</p>
<ul><li>Roads to the north remain closed.</li><li>Schools stay shut until Thursday.</li></ul>
<h2>Relief efforts</h2>
<p>The regional government opened four shelters and asked the army for boats.</p>"""

PAGE = f"""<!doctype html><html><head><title>Floods displace thousands | Example News</title>
<meta property="article:published_time" content="2023-04-03T08:00:00Z">
<style>p {{ color: red }} .secret-style {{}}</style>
<script>var secretScript = "<p>not article text</p>";</script></head><body>
<header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav></header>
<main><article>{BODY}</article>
<aside><h3>Most read</h3><ul><li><a href="/a">Another story about something</a></li></ul></aside>
<section class="comments"><p>Reader comment: terrible news.</p></section></main>
<noscript>Please enable JavaScript.</noscript>
<footer><p>© 2023 Example News. All rights reserved.</p></footer></body></html>"""


def test_a_page_gives_its_article_text_title_and_date():
    page = extract_page(PAGE)
    lines = page.text.split("\n")
    assert lines[0] == "Floods displace thousands in the river valley"
    assert "Heavy rain forced more than 3,000 people" in page.text
    assert "“We have never seen the river this high,” said Samuel Okafor, the mayor" in page.text
    assert "Relief efforts" in lines and "- Roads to the north remain closed." in lines
    assert page.title == "Floods displace thousands in the river valley"
    assert page.published == date(2023, 4, 3)


@pytest.mark.parametrize("unwanted", [
    "secretScript", "not article text", "secret-style", "color: red", "Home", "Most read",
    "Reader comment", "enable JavaScript", "All rights reserved", "&amp;", "&ldquo;", "<",
])
def test_scripts_styles_chrome_and_entities_never_reach_the_text(unwanted):
    assert unwanted not in extract_page(PAGE).text


def test_entities_are_decoded():
    text = extract_page(PAGE).text
    assert "officials said on Monday & the water" in text and "“We" in text


def test_a_fragment_keeps_headings_lists_and_inline_elements_on_one_line():
    page = extract_page(BODY)
    lines = page.text.split("\n")
    assert lines[0] == "Floods displace thousands in the river valley"
    assert "- Schools stay shut until Thursday." in lines and "Relief efforts" in lines
    assert "said Samuel Okafor, the mayor" in page.text
    assert page.published is None


def test_a_short_fragment_is_one_line():
    text = extract_page("<p>Officials said <b>at least 15</b> fighters were <i>killed</i>.</p>").text
    assert text == "Officials said at least 15 fighters were killed."


def test_the_title_goes_first_when_the_body_does_not_start_with_it():
    page = extract_page("<html><head><title>Ambush kills 15 | Example News</title></head><body>"
                        "<p>Officials said at least 15 fighters were killed.</p></body></html>")
    assert page.text == "Ambush kills 15\nOfficials said at least 15 fighters were killed."


def test_a_meta_charset_does_not_change_the_decoded_text():
    page = extract_page("<html><head><meta charset='windows-1252'></head><body>"
                        "<p>Café crème in Zürich 😀.</p></body></html>")
    assert page.text == "Café crème in Zürich 😀."


def test_control_characters_become_spaces():
    assert extract_page("<p>text\x00with\x0bcontrol\x7fcharacters</p>").text == (
        "text with control characters")


@pytest.mark.parametrize("html", [
    "", "   ", "<html><body></body></html>", "<div><img src='x.jpg'></div>",
    "<script>document.write('some words here')</script><style>p {}</style>",
    "<div>" * 1000,
], ids=["empty", "spaces", "empty-body", "image-only", "script-and-style", "unclosed-divs"])
def test_html_without_text_is_an_error(html):
    with pytest.raises(HtmlError, match="No article text"):
        extract_page(html)


def test_extraction_is_offline(monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("the extraction opened a connection")
    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    page = PAGE.replace("<head>", "<head><link rel='canonical' href='https://example.com/a'>"
                        "<img src='https://example.com/x.jpg'>")
    assert extract_page(page).title and extract_page_within(page, time.monotonic() + 5).title


def test_the_bounded_extraction_gives_the_same_page():
    assert extract_page_within(PAGE, time.monotonic() + 5) == extract_page(PAGE)
    with pytest.raises(HtmlError, match="No article text"):
        extract_page_within("<div></div>", time.monotonic() + 5)


@pytest.mark.parametrize("html", [
    "<div>" * 100_000 + "deep text" + "</div>" * 100_000,   # 1.1 MB, 100k nested divs
    "<div>x y z</div>" * 65_000,                               # 1 MB of siblings (~15 s unbounded)
    "<div " + " ".join(f"a{i}=x" for i in range(80_000)) + ">hi</div>",  # ~1 min inside libxml2
], ids=["nested-divs", "sibling-divs", "many-attributes"])
def test_pathological_html_is_stopped_at_the_time_limit(html):
    started = time.monotonic()
    try:
        extract_page_within(html, started + 1)
    except HtmlError:
        pass
    assert time.monotonic() - started < 1.5


def _raise(html):
    raise RuntimeError("a bug in the extractor")


def _die(html):
    os.kill(os.getpid(), signal.SIGKILL)


@pytest.mark.parametrize("failure", [_raise, _die])
def test_a_failing_or_dying_extractor_is_an_html_error(monkeypatch, failure):
    extract_page_within(PAGE, time.monotonic() + 5)  # the warm-up runs in this process, first
    monkeypatch.setattr(html_module, "extract_page", failure)
    with pytest.raises(HtmlError, match="could not be extracted"):
        extract_page_within(PAGE, time.monotonic() + 5)


def test_no_time_left_is_an_error():
    with pytest.raises(HtmlError, match="No time"):
        extract_page_within(PAGE, time.monotonic() - 1)


def test_the_page_date_becomes_the_published_metadata():
    result = {"metadata": {"headline": None, "published": "2020-01-01"}, "actors": []}
    dated = with_page_metadata(result, Page("t", published=date(2023, 4, 3)))
    assert dated["metadata"] == {"headline": None, "published": "2023-04-03"}
    assert result["metadata"]["published"] == "2020-01-01"
    assert with_page_metadata(result, Page("t")) is result
