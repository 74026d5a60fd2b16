"""Hostile inputs: each gets its 2xx or 4xx, spans that slice the input, and costs at most about
what an ordinary article of the largest allowed size costs, measured in the same run (no absolute
thresholds: the machine is shared). The deadline never fires, so the worker is not recycled.
"""
from __future__ import annotations

import json
import random
import time

import pytest

from evaluation.bench.texts import ArticleMaker
from service.deadline import RESTART_FLAG

from tests.spans import assert_spans_slice_back

# A hostile input may cost up to 2.5 times the baseline article: MAX_TEXT_TOKENS allows about 1.5
# times the tokens of news prose, and the rest is margin for a shared machine.
RATIO = 2.5
MB = 1_000_000


def _plain(text: str) -> dict:
    return {"data": text.encode("utf-8", "surrogatepass"),
            "content_type": "text/plain; charset=utf-8"}


def _json(text: str) -> dict:
    return {"data": json.dumps({"text": text}), "content_type": "application/json"}


def _repeat(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def _letters(size: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    return "".join(rng.choices("abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123456789", k=size))


def _news(size: int, seed: int = 7) -> str:
    """Generated news text of `size` characters."""
    maker, text = ArticleMaker(seed), ""
    while len(text) < size:
        text += maker.article(1000) + "\n"
    return text[:size]


def _nul_dense(text: str) -> str:
    """A NUL after every third character, within the same length."""
    return "".join(ch + "\x00" if i % 3 == 2 else ch for i, ch in enumerate(text))[:len(text)]


def _nul_runs(size: int, seed: int = 2) -> str:
    rng = random.Random(seed)
    parts = ["\x00", "\x00\x00\x00", "\x01\x02", "\x7f", "word", "Mosul", " ", " ", "\n", "12"]
    return "".join(rng.choices(parts, k=size))[:size]


RTL_ZERO_WIDTH = ("قال المتحدث باسم الشرطة \u200fإن 12 شخصا قتلوا في بغداد\u200f. "
                  "\u202bשלום עולם, אמר הדובר\u202c \u200b\u200c\u200d\u2066Reuters\u2069 "
                  "\ufeffكلمة\u200cكلمة ")
MIXED_SCRIPTS = ("Officials in Kyiv said Президент Зеленський met 习近平 and नरेंद्र मोदी in "
                 "القاهرة; 東京 reported 😀👨‍👩‍👧 Ελλάδα ქართული 대한민국 ১২ জন নিহত. ")

# name -> (request body, expected status)
CASES = {
    "1 MB without spaces": (lambda n: _plain(_letters(MB)), 413),
    "1 MB of quotation marks": (lambda n: _plain('"' * MB), 413),
    "max text without spaces": (lambda n: _json(_letters(n)), 200),
    "max text of quotation marks": (lambda n: _json('"' * n), 200),
    "max text of curly quotation marks": (lambda n: _plain("“" * n), 200),
    "100k nested brackets": (lambda n: _json("(" * (n // 2) + ")" * (n // 2)), 200),
    "nested brackets of three kinds": (lambda n: _json("([{" * (n // 6) + "}])" * (n // 6)), 200),
    "JSON nested 100k deep": (lambda n: {"data": "[" * 100_000 + "]" * 100_000,
                                         "content_type": "application/json"}, 400),
    "one-letter words": (lambda n: _plain(_repeat("a ", n)), 413),  # over MAX_TEXT_TOKENS
    "letters between commas": (lambda n: _json(_repeat("a,b,", n)), 413),
    "NUL after every third character": (lambda n: _plain(_nul_dense(_news(n))), 200),
    "runs of NUL and control characters": (lambda n: _json(_nul_runs(n)), 200),
    "RTL marks and zero-width characters": (lambda n: _json(_repeat(RTL_ZERO_WIDTH, n)), 200),
    "mixed scripts and emoji": (lambda n: _plain(_repeat(MIXED_SCRIPTS, n)), 200),
}


def _post(client, body: dict):
    began = time.perf_counter()
    response = client.post("/v1/annotate", **body)
    return response, time.perf_counter() - began


@pytest.fixture(scope="module")
def max_chars(app) -> int:
    return app.config["MAX_TEXT_CHARS"]


@pytest.fixture(scope="module")
def baseline(app, max_chars) -> float:
    """Seconds for an ordinary news article of the largest allowed size, in this run."""
    with app.test_client() as client:
        response, seconds = _post(client, _json(_news(max_chars)))
    assert response.status_code == 200
    print(f"\nbaseline: {max_chars} characters of news text in {seconds:.2f} s")
    return seconds


@pytest.mark.parametrize("name", list(CASES))
def test_hostile_input_is_answered_in_bounded_time(client, baseline, max_chars, name):
    make_body, expected = CASES[name]
    response, seconds = _post(client, make_body(max_chars))
    print(f"\n{name}: {response.status_code} in {seconds:.2f} s "
          f"({seconds / baseline:.2f} x baseline)")
    assert response.status_code == expected, response.get_data(as_text=True)[:300]
    assert RESTART_FLAG not in response.request.environ  # the deadline did not fire
    if expected == 200:
        text = json.loads(make_body(max_chars)["data"])["text"] \
            if "json" in make_body(max_chars)["content_type"] \
            else make_body(max_chars)["data"].decode("utf-8")
        assert response.get_json()["text_length"] == len(text)
        assert_spans_slice_back(response.get_json(), text, "codepoint")
    else:
        assert response.mimetype == "application/problem+json"
    assert seconds <= RATIO * baseline, f"{name}: {seconds:.2f} s, baseline {baseline:.2f} s"
    assert client.get("/healthz").status_code == 200


def test_token_limit_applies_per_batch_item(client, max_chars):
    items = [{"text": _repeat("a ", max_chars)}, {"text": "Officials said 3 people were hurt."}]
    response = client.post("/v1/annotate/batch", json={"items": items})
    assert response.status_code == 200
    results = response.get_json()["results"]
    assert [item["status"] for item in results] == [413, 200]
    assert "tokens" in results[0]["problem"]["detail"]
