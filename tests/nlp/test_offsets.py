"""Offsets are computed in code points once and converted at the edge."""
from service.nlp.offsets import convert_offsets, text_length

from tests.spans import slice_in_unit

TEXT = "🚒 Fire in Kyiv, 東京 and Zoë (e\u0301) 𝒳 done"


def _span_of(word: str) -> dict:
    start = TEXT.index(word)
    return {"start": start, "end": start + len(word), "text": word}


def test_codepoint_offsets_are_left_alone():
    result = {"actors": [{"mentions": [_span_of("Kyiv")]}]}
    assert convert_offsets(result, TEXT, "codepoint") == {"actors": [{"mentions": [_span_of("Kyiv")]}]}


def test_each_unit_slices_back_to_the_same_text():
    for unit in ("utf16", "utf8"):
        for word in ("Kyiv", "東京", "Zoë", "e\u0301", "𝒳", "done", "🚒"):
            result = {"span": _span_of(word)}
            convert_offsets(result, TEXT, unit)
            span = result["span"]
            assert slice_in_unit(TEXT, span["start"], span["end"], unit) == word


def test_utf16_counts_astral_characters_twice():
    result = {"span": _span_of("Kyiv")}
    convert_offsets(result, TEXT, "utf16")
    assert result["span"]["start"] == TEXT.index("Kyiv") + 1


def test_ascii_text_is_the_same_in_every_unit():
    text = "Fire in Kyiv"
    for unit in ("utf16", "utf8"):
        result = {"span": {"start": 8, "end": 12, "text": "Kyiv"}}
        assert convert_offsets(result, text, unit)["span"]["start"] == 8
        assert text_length(text, unit) == len(text)


def test_text_length_in_each_unit():
    assert text_length("a🚒é", "codepoint") == 3
    assert text_length("a🚒é", "utf16") == 4
    assert text_length("a🚒é", "utf8") == 1 + 4 + 2


def test_offsets_without_text_are_converted_too():
    result = {"ignored": [{"start": 2, "end": 6, "reason": "boilerplate"}]}
    convert_offsets(result, TEXT, "utf16")
    assert result["ignored"][0] == {"start": 3, "end": 7, "reason": "boilerplate"}
