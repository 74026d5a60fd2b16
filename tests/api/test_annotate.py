"""The HTTP API through the Flask test client: both request forms, options, every error status."""
from __future__ import annotations

import io
import json

import pytest

from tests.spans import assert_spans_slice_back

ARTICLE = ("🚒 東京 Zoe\u0301 said Mr. Whitfield met Jonathan Whitfield in Kabul on Friday. "
           "Officials in Afghanistan said he was there.")
PROBLEM = "application/problem+json"


def _problem(response, status):
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == PROBLEM
    body = response.get_json(force=True)
    assert body["status"] == status and body["title"] and body["detail"] and body["type"]
    assert "Traceback" not in response.get_data(as_text=True)
    return body


def test_json_request_gets_every_layer_and_echoes_the_id(client):
    response = client.post("/v1/annotate", json={"text": ARTICLE, "id": "doc-7"})
    assert response.status_code == 200
    body = response.get_json()
    assert body["id"] == "doc-7"
    assert body["language"] == "en" and body["offsets"] == "codepoint"
    assert body["text_length"] == len(ARTICLE)
    assert body["model"]["name"] and body["model"]["version"]
    for layer in ("actors", "locations", "casualties", "quotes", "ignored"):
        assert isinstance(body[layer], list)
    assert any(actor["name"] == "Jonathan Whitfield" for actor in body["actors"])


def test_text_plain_request_takes_options_from_the_query_string(client):
    response = client.post("/v1/annotate?offsets=utf16&id=x1&layers=actors,locations",
                           data=ARTICLE.encode(), content_type="text/plain; charset=utf-8")
    assert response.status_code == 200
    body = response.get_json()
    assert body["id"] == "x1" and body["offsets"] == "utf16"
    assert set(body) >= {"actors", "locations"} and "quotes" not in body and "casualties" not in body
    assert body["text_length"] == len(ARTICLE.encode("utf-16-le")) // 2


def test_repeated_layers_parameter(client):
    response = client.post("/v1/annotate?layers=actors&layers=quotes", data=b"Hello there.",
                           content_type="text/plain")
    assert response.status_code == 200
    assert "quotes" in response.get_json() and "locations" not in response.get_json()


@pytest.mark.parametrize("unit", ["codepoint", "utf16", "utf8"])
def test_spans_slice_back_in_every_unit(client, unit):
    response = client.post("/v1/annotate", json={"text": ARTICLE, "offsets": unit})
    assert response.status_code == 200
    assert assert_spans_slice_back(response.get_json(), ARTICLE, unit) >= 3


def test_published_is_accepted(client):
    response = client.post("/v1/annotate", json={"text": ARTICLE, "published": "2021-08-21"})
    assert response.status_code == 200


def test_whitespace_only_text_is_valid_and_empty(client):
    body = client.post("/v1/annotate", json={"text": " \n "}).get_json()
    assert body["actors"] == [] and body["quotes"] == []


@pytest.mark.parametrize("body", [
    b'{"text": ', b"{'text': 'single quotes'}", b'{"text": NaN}', b'{"text": "a", "text": "b"}',
    b"[" * 50_000, b'{"text": "\\ud800 lone surrogate"}', b"\xff\xfe not utf-8",
], ids=["truncated", "single-quotes", "nan", "duplicate-key", "nested-50k", "lone-surrogate",
        "invalid-utf8"])
def test_malformed_json_is_400(client, body):
    _problem(client.post("/v1/annotate", data=body, content_type="application/json"), 400)


def test_invalid_utf8_text_plain_is_400_not_replaced(client):
    _problem(client.post("/v1/annotate", data="café".encode("latin-1"),
                         content_type="text/plain; charset=utf-8"), 400)


@pytest.mark.parametrize("content_type", [
    "application/xhtml+xml", "application/xml", "multipart/form-data", "text/plain; charset=latin-1",
    "application/json; charset=utf-16",
])
def test_other_media_types_are_415(client, content_type):
    _problem(client.post("/v1/annotate", data=b"hello", content_type=content_type), 415)


def test_missing_content_type_is_415(client):
    _problem(client.post("/v1/annotate", data=b"hello"), 415)


@pytest.mark.parametrize("payload, field", [
    ({}, "text"), ({"text": ""}, "text"), ({"text": 5}, "text"), ({"text": "a", "offsets": "bytes"}, "offsets"),
    ({"text": "a", "layers": ["people"]}, "layers"), ({"text": "a", "layers": []}, "layers"),
    ({"text": "a", "layers": "actors"}, "layers"), ({"text": "a", "published": "21/08/2021"}, "published"),
    ({"text": "a", "offset": "utf16"}, "offset"), ({"text": "a", "id": 7}, "id"),
])
def test_schema_violations_are_422_with_the_field(client, payload, field):
    body = _problem(client.post("/v1/annotate", json=payload), 422)
    assert field in body["errors"]


@pytest.mark.parametrize("payload", [[], "text", 3, None])
def test_json_that_is_not_an_object_is_422(client, payload):
    _problem(client.post("/v1/annotate", data=json.dumps(payload), content_type="application/json"), 422)


def test_unknown_query_option_is_422(client):
    body = _problem(client.post("/v1/annotate?offset=utf16", data=b"hi", content_type="text/plain"), 422)
    assert "offset" in body["errors"]


def test_body_field_overrides_the_query_option(client):
    response = client.post("/v1/annotate?offsets=utf8&id=q", json={"text": "a", "offsets": "utf16"})
    assert response.get_json()["offsets"] == "utf16" and response.get_json()["id"] == "q"


def test_empty_text_plain_is_422(client):
    _problem(client.post("/v1/annotate", data=b"", content_type="text/plain"), 422)


def test_body_over_the_limit_is_413(client, app):
    limit = app.config["MAX_BODY_BYTES"]
    body = _problem(client.post("/v1/annotate", data=b"a" * (limit + 10), content_type="text/plain"), 413)
    assert str(limit) in body["detail"]


def test_chunked_body_over_the_limit_is_413_not_truncated(client, app):
    # As gunicorn passes a de-chunked body: no Content-Length, the stream marked as terminated.
    limit = app.config["MAX_BODY_BYTES"]
    response = client.post("/v1/annotate", input_stream=io.BytesIO(b"a" * (2 * limit)),
                           content_type="text/plain", headers={"Transfer-Encoding": "chunked"},
                           environ_base={"wsgi.input_terminated": True})
    _problem(response, 413)


def test_chunked_body_within_the_limit_is_read_whole(client):
    text = "Jonathan Whitfield spoke. " * 100
    response = client.post("/v1/annotate?layers=actors", input_stream=io.BytesIO(text.encode()),
                           content_type="text/plain", headers={"Transfer-Encoding": "chunked"},
                           environ_base={"wsgi.input_terminated": True})
    assert response.status_code == 200
    assert response.get_json()["text_length"] == len(text)


def test_text_over_the_character_limit_is_413(app):
    from service import create_app
    small = create_app({"TESTING": True, "LOAD_MODEL": False, "MAX_TEXT_CHARS": 10})
    small.extensions["annotator"] = app.extensions["annotator"]
    body = _problem(small.test_client().post("/v1/annotate", json={"text": "x" * 11}), 413)
    assert "10" in body["detail"]


def test_unknown_path_is_404_and_wrong_method_is_405_with_allow(client):
    _problem(client.get("/v2/annotate"), 404)
    response = client.get("/v1/annotate")
    _problem(response, 405)
    assert "POST" in response.headers["Allow"]


def test_health_and_readiness(client):
    assert client.get("/healthz").get_json() == {"status": "ok"}
    ready = client.get("/readyz").get_json()
    assert ready["status"] == "ready" and ready["model"]["name"]


def test_not_ready_before_the_model_is_loaded(unready_app):
    client = unready_app.test_client()
    assert client.get("/healthz").status_code == 200
    response = client.get("/readyz")
    _problem(response, 503)
    assert response.headers["Retry-After"]
    _problem(client.post("/v1/annotate", json={"text": "hello"}), 503)


def test_unexpected_errors_are_500_problems_without_internals(app, client, monkeypatch):
    annotator = app.extensions["annotator"]

    def explode(*args, **kwargs):
        raise RuntimeError("secret internal detail /srv/path")
    monkeypatch.setattr(annotator, "annotate", explode)
    response = client.post("/v1/annotate", json={"text": "hello"})
    body = _problem(response, 500)
    assert "secret" not in response.get_data(as_text=True) and "/srv" not in body["detail"]


def test_openapi_document_is_served(client):
    response = client.get("/openapi.yaml")
    assert response.status_code == 200 and b"/v1/annotate" in response.data


def test_batch_gives_a_result_or_a_problem_per_item(client):
    items = [{"text": ARTICLE, "id": "a", "offsets": "utf16"}, {"text": ""}, {"text": "x", "bogus": 1},
             {"text": "Jonathan Whitfield arrived.", "layers": ["actors"]}, ["not", "an", "object"]]
    response = client.post("/v1/annotate/batch", json={"items": items})
    assert response.status_code == 200
    results = response.get_json()["results"]
    assert [r["status"] for r in results] == [200, 422, 422, 200, 422]
    assert results[0]["result"]["id"] == "a" and results[0]["result"]["offsets"] == "utf16"
    assert_spans_slice_back(results[0]["result"], ARTICLE, "utf16")
    assert "bogus" in results[2]["problem"]["errors"]
    single = client.post("/v1/annotate", json={"text": ARTICLE, "id": "a", "offsets": "utf16"})
    assert results[0]["result"] == single.get_json()


def test_text_over_the_token_limit_is_413_alone_and_in_a_batch(client, annotator, monkeypatch):
    monkeypatch.setattr(annotator, "max_tokens", 5)
    detail = _problem(client.post("/v1/annotate", json={"text": "one two three four five six"}),
                      413)["detail"]
    assert "6 tokens" in detail and "limit is 5" in detail
    items = [{"text": "one two three four five six"}, {"text": "Jonathan Whitfield arrived."}]
    results = client.post("/v1/annotate/batch", json={"items": items}).get_json()["results"]
    assert [r["status"] for r in results] == [413, 200]
    assert results[0]["problem"]["title"] == "Content Too Large"


def test_batch_over_the_item_limit_is_422(client):
    from schemas.request import BATCH_MAX_ITEMS
    items = [{"text": "a"}] * (BATCH_MAX_ITEMS + 1)
    assert "items" in _problem(client.post("/v1/annotate/batch", json={"items": items}), 422)["errors"]


@pytest.mark.parametrize("payload", [{}, {"items": []}, {"items": "x"}, {"items": [], "extra": 1}])
def test_batch_body_schema_violations_are_422(client, payload):
    _problem(client.post("/v1/annotate/batch", json=payload), 422)


def test_batch_needs_json(client):
    _problem(client.post("/v1/annotate/batch", data=b"text", content_type="text/plain"), 415)
