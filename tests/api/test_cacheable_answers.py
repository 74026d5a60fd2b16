"""Answers a plugin can trust and cache: text_sha256, ETag with If-None-Match, sorted spans."""
from __future__ import annotations

import hashlib

import pytest

from service.api import caching

ARTICLE = ("Storm floods Riverton\n\n"
           "Mayor Elena Vasquez said on Monday that 12 people were injured in Riverton when the "
           "river rose overnight. \"We are rebuilding,\" Vasquez said. Officials in Texas said "
           "the Red Cross sent help. 🚒 東京 visitors were evacuated.")
PAGE = ("<html><head><title>Storm floods Riverton</title></head><body><article>"
        "<p>Mayor Elena Vasquez said on Monday that 12 people were injured in Riverton.</p>"
        "</article></body></html>")


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def test_text_sha256_is_the_hash_of_the_text_annotated(client):
    body = client.post("/v1/annotate", json={"text": ARTICLE}).get_json()
    assert body["text_sha256"] == _sha(ARTICLE)


def test_text_sha256_of_html_input_is_the_hash_of_the_extracted_text(client):
    body = client.post("/v1/annotate", json={"text": PAGE, "format": "html"}).get_json()
    assert body["text_sha256"] == _sha(body["text"]) != _sha(PAGE)


def test_batch_results_carry_text_sha256(client):
    body = client.post("/v1/annotate/batch", json={"items": [{"text": ARTICLE}]}).get_json()
    assert body["results"][0]["result"]["text_sha256"] == _sha(ARTICLE)


def test_if_none_match_with_the_etag_answers_304_without_a_body(client):
    first = client.post("/v1/annotate", json={"text": ARTICLE})
    etag = first.headers["ETag"]
    assert etag.startswith('"') and etag.endswith('"')
    again = client.post("/v1/annotate", json={"text": ARTICLE}, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b"" and again.headers["ETag"] == etag
    weak = client.post("/v1/annotate", json={"text": ARTICLE},
                       headers={"If-None-Match": f'"other", W/{etag}'})
    assert weak.status_code == 304
    other = client.post("/v1/annotate", json={"text": ARTICLE}, headers={"If-None-Match": '"x"'})
    assert other.status_code == 200 and other.headers["ETag"] == etag


def test_the_same_request_sent_as_json_or_text_plain_has_one_etag(client):
    json_etag = client.post("/v1/annotate", json={"text": ARTICLE, "layers": ["quotes", "actors"]}
                            ).headers["ETag"]
    plain_etag = client.post("/v1/annotate?layers=actors,quotes", data=ARTICLE.encode(),
                             content_type="text/plain").headers["ETag"]
    assert json_etag == plain_etag


@pytest.mark.parametrize("change", [{"text": ARTICLE + " More."}, {"offsets": "utf16"},
                                    {"layers": ["actors"]}, {"id": "a2"},
                                    {"published": "2024-05-06"}])
def test_a_changed_text_or_option_gets_another_etag_and_a_full_answer(client, change):
    etag = client.post("/v1/annotate", json={"text": ARTICLE}).headers["ETag"]
    response = client.post("/v1/annotate", json={"text": ARTICLE, **change},
                           headers={"If-None-Match": etag})
    assert response.status_code == 200 and response.headers["ETag"] != etag


def test_another_model_version_or_code_changes_the_etag(monkeypatch):
    fields = {"text": ARTICLE, "offsets": "codepoint", "layers": ["actors"]}
    model = {"name": "m", "version": "1"}
    base = caching.etag_for(fields, model)
    assert caching.etag_for(fields, {"name": "m", "version": "2"}) != base
    monkeypatch.setattr(caching, "code_fingerprint", lambda: "changed")
    assert caching.etag_for(fields, model) != base


def test_an_error_answer_has_no_etag(client):
    response = client.post("/v1/annotate", json={"text": ""})
    assert response.status_code == 422 and "ETag" not in response.headers


def _positions(spans):
    return [(span["start"], span["end"]) for span in spans]


@pytest.mark.parametrize("unit", ["codepoint", "utf16", "utf8"])
def test_spans_are_sorted_by_start(client, unit):
    body = client.post("/v1/annotate", json={"text": ARTICLE * 2, "offsets": unit}).get_json()
    for entity in body["actors"] + body["locations"]:
        assert _positions(entity["mentions"]) == sorted(_positions(entity["mentions"]))
    firsts = [entity["mentions"][0]["start"] for entity in body["actors"]]
    assert firsts == sorted(firsts)
    evidence = [record["evidence"]["start"] for record in body["casualties"]]
    quotes = [quote["span"]["start"] for quote in body["quotes"]]
    assert evidence == sorted(evidence) and len(evidence) >= 1
    assert quotes == sorted(quotes) and len(quotes) >= 2
