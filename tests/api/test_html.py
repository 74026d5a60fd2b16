"""HTML input through the HTTP API: JSON format=html, text/html bodies, batch items, errors."""
from __future__ import annotations

import time

import pytest

from tests.spans import assert_spans_slice_back

PAGE = """<!doctype html><html><head><title>Ambush in the north | Example News</title>
<meta property="article:published_time" content="2023-04-03T08:00:00Z">
<script>var tracker = "Jonathan Whitfield";</script><style>.x { color: red }</style></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav><article>
<p>🚒 At least 15 fighters were killed on Friday near Kabul, officials in Afghanistan said.</p>
<p>&ldquo;We will rebuild,&rdquo; said Zoe&#x301; Whitfield, the governor of the province.</p>
</article><footer>© 2023 Example News</footer></body></html>"""
TITLE = "Ambush in the north"
PROBLEM = "application/problem+json"


def _problem(response, status):
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == PROBLEM
    body = response.get_json(force=True)
    assert body["status"] == status and body["title"] and body["detail"]
    return body


def _casualty_dates(body):
    return {record["date"] for record in body["casualties"]}


@pytest.mark.parametrize("unit", ["codepoint", "utf16", "utf8"])
def test_json_html_returns_the_text_that_every_span_slices(client, unit):
    response = client.post("/v1/annotate", json={"text": PAGE, "format": "html", "offsets": unit})
    assert response.status_code == 200, response.get_data(as_text=True)
    body = response.get_json()
    text = body["text"]
    assert text.startswith(TITLE + "\n") and "Zoe\u0301 Whitfield" in text and "“We will rebuild,”" in text
    assert "tracker" not in text and "color" not in text and "Home" not in text
    assert assert_spans_slice_back(body, text, unit) >= 3
    assert any(actor["name"] == "Zoe\u0301 Whitfield" for actor in body["actors"])
    assert body["metadata"]["headline"]["text"] == TITLE


def test_text_html_body_takes_options_from_the_query_string(client):
    response = client.post("/v1/annotate?offsets=utf16&id=h1&layers=actors,casualties",
                           data=PAGE.encode(), content_type="text/html; charset=utf-8")
    assert response.status_code == 200, response.get_data(as_text=True)
    body = response.get_json()
    assert body["id"] == "h1" and body["offsets"] == "utf16" and "quotes" not in body
    assert body["text_length"] == len(body["text"].encode("utf-16-le")) // 2
    assert assert_spans_slice_back(body, body["text"], "utf16") >= 2


def test_the_page_date_anchors_relative_dates_unless_the_request_gives_one(client):
    page_dated = client.post("/v1/annotate", json={"text": PAGE, "format": "html"}).get_json()
    assert page_dated["metadata"]["published"] == "2023-04-03"
    assert _casualty_dates(page_dated) == {"2023-03-31"}  # the Friday before Monday 3 April
    asked = client.post("/v1/annotate", json={"text": PAGE, "format": "html",
                                              "published": "2021-08-21"}).get_json()
    assert asked["metadata"]["published"] == "2023-04-03"
    assert _casualty_dates(asked) == {"2021-08-20"}


def test_text_input_has_no_text_field(client):
    body = client.post("/v1/annotate", json={"text": "Officials said 3 were hurt."}).get_json()
    assert "text" not in body
    body = client.post("/v1/annotate", json={"text": PAGE, "format": "text"}).get_json()
    assert "text" not in body and body["text_length"] == len(PAGE)


@pytest.mark.parametrize("html", ["<html><body><script>alert('hi there')</script></body></html>",
                                  "<div><img src='a.png'></div>"])
def test_html_without_text_is_422(client, html):
    body = _problem(client.post("/v1/annotate", json={"text": html, "format": "html"}), 422)
    assert "No article text" in body["detail"] and "text" in body["errors"]
    _problem(client.post("/v1/annotate", data=html.encode(), content_type="text/html"), 422)


def test_empty_text_html_body_is_422(client):
    _problem(client.post("/v1/annotate", data=b"", content_type="text/html"), 422)


@pytest.mark.parametrize("content_type", ["text/html; charset=latin-1",
                                          "text/html; charset=windows-1252"])
def test_text_html_in_another_charset_is_415(client, content_type):
    _problem(client.post("/v1/annotate", data=b"<p>caf\xe9</p>", content_type=content_type), 415)


def test_invalid_utf8_html_is_400(client):
    _problem(client.post("/v1/annotate", data=b"<p>caf\xe9</p>", content_type="text/html"), 400)


def test_unknown_format_is_422(client):
    body = _problem(client.post("/v1/annotate", json={"text": "x", "format": "pdf"}), 422)
    assert "format" in body["errors"]


def test_lone_surrogate_in_json_html_is_400(client):
    data = b'{"text": "<p>a \\ud800 b</p>", "format": "html"}'
    _problem(client.post("/v1/annotate", data=data, content_type="application/json"), 400)


def test_extracted_text_over_the_character_limit_is_413(app):
    from service import create_app
    small = create_app({"TESTING": True, "LOAD_MODEL": False, "MAX_TEXT_CHARS": 40})
    small.extensions["annotator"] = app.extensions["annotator"]
    client = small.test_client()
    # The HTML is longer than the limit; its text is within it.
    short = "<html><head><style>" + "p {}" * 50 + "</style></head><body><p>Short text.</p></body></html>"
    assert client.post("/v1/annotate", json={"text": short, "format": "html"}).status_code == 200
    body = _problem(client.post("/v1/annotate", json={"text": PAGE, "format": "html"}), 413)
    assert "40" in body["detail"]


@pytest.mark.parametrize("html", [
    "<div>" * 100_000 + "deep" + "</div>" * 100_000,
    "<div>x y z</div>" * 65_000,
], ids=["nested-divs", "sibling-divs"])
def test_pathological_megabyte_html_is_answered_without_a_5xx_within_seconds(client, app, html):
    assert len(html.encode()) <= app.config["MAX_BODY_BYTES"] + 200_000
    started = time.monotonic()
    response = client.post("/v1/annotate", data=html.encode()[:app.config["MAX_BODY_BYTES"]],
                           content_type="text/html")
    elapsed = time.monotonic() - started
    assert 200 <= response.status_code < 500, response.get_data(as_text=True)
    assert elapsed < app.config["HTML_EXTRACTION_SECONDS"] + 3


def test_batch_items_may_be_html(client):
    items = [{"text": PAGE, "format": "html", "id": "h", "offsets": "utf16"},
             {"text": "Officials said 3 were hurt.", "id": "t"},
             {"text": "<div></div>", "format": "html"}]
    response = client.post("/v1/annotate/batch", json={"items": items})
    assert response.status_code == 200
    results = response.get_json()["results"]
    assert [r["status"] for r in results] == [200, 200, 422]
    html, text = results[0]["result"], results[1]["result"]
    assert html["text"].startswith(TITLE) and "text" not in text
    assert_spans_slice_back(html, html["text"], "utf16")
    assert "No article text" in results[2]["problem"]["detail"]
    single = client.post("/v1/annotate", json=items[0]).get_json()
    assert html == single
