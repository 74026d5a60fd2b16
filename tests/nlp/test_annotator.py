"""The annotation core without a server: token limit and batches."""
import pytest

from service.nlp.annotator import TooManyTokens


def test_a_text_over_the_token_limit_raises_before_parsing(annotator, monkeypatch):
    monkeypatch.setattr(annotator, "max_tokens", 3)
    with pytest.raises(TooManyTokens) as raised:
        annotator.annotate("Ana Lima left Porto.")
    assert (raised.value.tokens, raised.value.limit) == (5, 3)
    assert annotator.annotate("Ana left.")["actors"] is not None  # 3 tokens: at the limit


def test_a_batch_keeps_its_order_with_an_item_over_the_limit(annotator, monkeypatch):
    monkeypatch.setattr(annotator, "max_tokens", 4)
    texts = ["Jonathan Whitfield arrived.", "one two three four five", "Maria Okonkwo spoke."]
    results = annotator.annotate_batch([(text, ("actors",), None) for text in texts])
    assert isinstance(results[1], TooManyTokens)
    assert [a["name"] for a in results[0]["actors"]] == ["Jonathan Whitfield"]
    assert [a["name"] for a in results[2]["actors"]] == ["Maria Okonkwo"]


def test_no_limit_when_none_is_set(annotator, monkeypatch):
    monkeypatch.setattr(annotator, "max_tokens", None)
    assert annotator.annotate("word " * 50, layers=("actors",))["actors"] == []
