"""sort_spans puts every list of spans of a result in text order."""
from service.nlp.ordering import sort_spans


def _span(start, end):
    return {"start": start, "end": end, "text": "x" * (end - start)}


def test_mentions_entries_and_authors_are_sorted_by_start_then_end():
    result = {
        "actors": [{"id": "A2", "mentions": [_span(40, 45)]},
                   {"id": "A1", "mentions": [_span(30, 35), _span(3, 9), _span(3, 5)]}],
        "casualties": [{"id": "C2", "evidence": _span(50, 60)}, {"id": "C1", "evidence": _span(1, 9)}],
        "quotes": [{"id": "Q2", "span": _span(20, 25)}, {"id": "Q1", "span": _span(10, 15)}],
        "ignored": [{"start": 70, "end": 80, "reason": "boilerplate"},
                    {"start": 60, "end": 65, "reason": "byline"}],
        "metadata": {"authors": [_span(90, 95), _span(85, 88)]},
    }
    sort_spans(result)
    assert [a["id"] for a in result["actors"]] == ["A1", "A2"]
    assert [(m["start"], m["end"]) for m in result["actors"][0]["mentions"]] == [
        (3, 5), (3, 9), (30, 35)]
    assert [c["id"] for c in result["casualties"]] == ["C1", "C2"]
    assert [q["id"] for q in result["quotes"]] == ["Q1", "Q2"]
    assert [i["start"] for i in result["ignored"]] == [60, 70]
    assert [a["start"] for a in result["metadata"]["authors"]] == [85, 90]


def test_a_result_with_only_some_layers_is_left_as_it_is_elsewhere():
    result = {"quotes": [{"id": "Q1", "span": _span(1, 2)}], "metadata": {"authors": []}}
    assert sort_spans(result) == {"quotes": [{"id": "Q1", "span": _span(1, 2)}],
                                  "metadata": {"authors": []}}
