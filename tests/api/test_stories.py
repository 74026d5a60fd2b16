"""POST /v1/stories through the Flask test client: the story, its limits and its errors."""
from __future__ import annotations

import json

import pytest

from schemas.stories import STORY_MAX_ARTICLES

from tests.spans import assert_spans_slice_back

REPORT_A = ("🚒 ASHFORD — At least 15 soldiers were killed on Monday when gunmen attacked a "
            "checkpoint outside Ashford, the army said. General Marta Quell said 20 others were "
            "wounded.")
REPORT_B = ("The Red Hand Brigade said its fighters had killed as many as 30 soldiers near Ashford "
            "on Monday. Marta Quell, the army commander, rejected the claim. “We held the line,” "
            "Quell said.")
PROBLEM = "application/problem+json"


def _articles(*texts):
    return [{"id": f"r{n}", "text": text, "outlet": f"Outlet {n}", "published": "2024-06-04",
             "url": f"https://news.example/{n}"} for n, text in enumerate(texts, start=1)]


def _problem(response, status):
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == PROBLEM
    body = response.get_json(force=True)
    assert body["status"] == status and body["title"] and body["detail"] and body["type"]
    return body


def test_a_story_of_two_reports(client):
    response = client.post("/v1/stories", json={"id": "story-1",
                                                "articles": _articles(REPORT_A, REPORT_B)})
    assert response.status_code == 200, response.get_data(as_text=True)
    body = response.get_json()
    assert body["id"] == "story-1" and body["offsets"] == "codepoint" and body["model"]["name"]
    assert [(a["id"], a["status"]) for a in body["articles"]] == [("r1", 200), ("r2", 200)]
    assert body["articles"][0]["result"]["id"] == "r1"
    quell = [a for a in body["actors"] if a["name"] == "Marta Quell"]
    assert len(quell) == 1 and {m["article"] for m in quell[0]["mentions"]} == {"r1", "r2"}
    killed = [c for c in body["claims"] if c["category"] == "killed"]
    assert len(killed) == 1 and killed[0]["agreement"] == "conflicting"
    assert {(f["article"], f["value"], f["outlet"]) for f in killed[0]["figures"]} == {
        ("r1", 15, "Outlet 1"), ("r2", 30, "Outlet 2")}
    assert killed[0]["conservative"] == 15 and body["duplicates"] == []


def test_the_article_results_are_those_of_annotate(client):
    story = client.post("/v1/stories", json={"articles": _articles(REPORT_B)}).get_json()
    single = client.post("/v1/annotate", json={"text": REPORT_B, "id": "r1",
                                               "published": "2024-06-04"}).get_json()
    assert story["articles"][0]["result"] == single


def test_layers_select_the_article_layers_and_the_story_is_still_built(client):
    body = client.post("/v1/stories", json={"articles": _articles(REPORT_A, REPORT_B),
                                            "layers": ["quotes"]}).get_json()
    result = body["articles"][1]["result"]
    assert "quotes" in result and not {"actors", "locations", "casualties"} & set(result)
    assert body["claims"] and body["actors"]


def test_copies_are_listed_as_duplicates(client):
    body = client.post("/v1/stories", json={"articles": _articles(REPORT_A, REPORT_B, REPORT_A)})
    assert body.get_json()["duplicates"] == [["r1", "r3"]]


def test_utf16_offsets_slice_back_in_every_article(client):
    body = client.post("/v1/stories", json={"articles": _articles(REPORT_A, REPORT_B),
                                            "offsets": "utf16"}).get_json()
    assert body["offsets"] == "utf16"
    for entry, text in zip(body["articles"], (REPORT_A, REPORT_B)):
        assert entry["result"]["offsets"] == "utf16"
        assert entry["result"]["text_length"] == len(text.encode("utf-16-le")) // 2
        assert assert_spans_slice_back(entry["result"], text, "utf16") >= 5


def test_an_article_that_fails_gets_its_problem_in_place(client, app, monkeypatch):
    monkeypatch.setitem(app.config, "MAX_TEXT_CHARS", len(REPORT_B) + 10)
    articles = _articles(REPORT_A + " " + "Filler words follow here. " * 20, REPORT_B)
    articles.append({"id": "page", "text": "<html><body><script>alert(1)</script></body></html>",
                     "format": "html"})
    body = client.post("/v1/stories", json={"articles": articles}).get_json()
    assert [(a["id"], a["status"]) for a in body["articles"]] == [("r1", 413), ("r2", 200),
                                                                 ("page", 422)]
    assert body["articles"][0]["problem"]["title"] == "Content Too Large"
    assert "result" not in body["articles"][0]
    assert {m["article"] for a in body["actors"] for m in a["mentions"]} == {"r2"}
    assert {f["article"] for c in body["claims"] for f in c["figures"]} == {"r2"}


def test_a_story_whose_articles_all_fail_is_empty(client, app, monkeypatch):
    monkeypatch.setitem(app.config, "MAX_TEXT_CHARS", 5)
    body = client.post("/v1/stories", json={"articles": _articles(REPORT_A, REPORT_B)}).get_json()
    assert [a["status"] for a in body["articles"]] == [413, 413]
    assert body["actors"] == body["locations"] == body["claims"] == body["duplicates"] == []


def test_an_article_over_the_token_limit_fails_alone(client, annotator, monkeypatch):
    monkeypatch.setattr(annotator, "max_tokens", 30)
    body = client.post("/v1/stories", json={"articles": _articles(REPORT_A, "Ten were hurt.")})
    assert [a["status"] for a in body.get_json()["articles"]] == [413, 200]


def test_the_story_body_limit_is_its_own(client, app, monkeypatch):
    # Padding of white space (valid JSON) takes the body over the annotate limit, not the story's.
    padded = '{"articles": %s%s}' % (json.dumps(_articles("Ten were hurt.")),
                                     " " * (app.config["MAX_BODY_BYTES"] + 10))
    assert client.post("/v1/stories", data=padded, content_type="application/json").status_code == 200
    monkeypatch.setitem(app.config, "MAX_STORY_BODY_BYTES", 1000)
    detail = _problem(client.post("/v1/stories", json={"articles": _articles("x" * 2000)}), 413)
    assert "1000 bytes" in detail["detail"]


def test_more_articles_than_the_limit_is_422(client):
    articles = [{"id": str(n), "text": "Ten were hurt."} for n in range(STORY_MAX_ARTICLES + 1)]
    assert "articles" in _problem(client.post("/v1/stories", json={"articles": articles}),
                                  422)["errors"]


def test_duplicate_ids_are_422(client):
    articles = [{"id": "same", "text": "Ten were hurt."}, {"id": "same", "text": "Two died."}]
    errors = _problem(client.post("/v1/stories", json={"articles": articles}), 422)["errors"]
    assert "same" in json.dumps(errors["articles"])


@pytest.mark.parametrize("payload", [
    {}, {"articles": []}, {"articles": [{"text": "no id"}]}, {"articles": [{"id": "a"}]},
    {"articles": [{"id": "a", "text": ""}]}, {"articles": [{"id": "a", "text": "x", "offsets": "utf8"}]},
    {"articles": [{"id": "a", "text": "x"}], "published": "2024-01-01"},
    {"articles": [{"id": "a", "text": "x"}], "offsets": "bytes"}, {"articles": "a"}, [],
], ids=["empty", "no-articles", "no-id", "no-text", "empty-text", "offsets-per-article",
        "published-at-top", "bad-offsets", "not-a-list", "not-an-object"])
def test_schema_violations_are_422(client, payload):
    _problem(client.post("/v1/stories", json=payload), 422)


def test_a_story_needs_json(client):
    _problem(client.post("/v1/stories", data=b"text", content_type="text/plain"), 415)
    _problem(client.post("/v1/stories", data=b'{"articles": ', content_type="application/json"), 400)


def test_the_deadline_and_the_html_budget_grow_with_the_story(app):
    from service.api.stories import _deadline_seconds, _html_until_for
    with app.app_context():
        base, limit = app.config["REQUEST_DEADLINE_SECONDS"], app.config["MAX_TEXT_CHARS"]
        assert _deadline_seconds([{"text": "short"}]) == base
        assert _deadline_seconds([{"text": "x" * limit}] * 3) == 3 * base
        page, text = {"format": "html"}, {"format": "text"}
        one, four = _html_until_for([page, text]), _html_until_for([page] * 4)
        assert four - one == pytest.approx(3 * app.config["HTML_EXTRACTION_SECONDS"], abs=0.5)
