"""Metadata found in the text: headline, byline authors, dateline place, publication date."""
from __future__ import annotations

from service.nlp.article import find_boilerplate
from service.nlp.article.metadata import Metadata, find_metadata, published_date
from service.nlp.types import to_plain


def meta(text: str) -> dict:
    return to_plain(find_metadata(text, find_boilerplate(text)), text)


def texts(spans):
    return [span["text"] for span in spans]


def test_broadsheet_header():
    text = ("\n\nFloods cut off two towns in the north.\n\nA short summary of the story.\n\n"
            "By Jane Roe and John Doe\n\nPublished March 3, 2020 Updated March 9, 2020\n\n"
            "The river rose on Monday.\n")
    m = meta(text)
    assert m["headline"]["text"] == "Floods cut off two towns in the north."
    assert texts(m["authors"]) == ["Jane Roe", "John Doe"]
    assert m["published"] == "2020-03-03"
    assert m["dateline"] is None


def test_aggregator_header_takes_original_date_and_link_labels():
    text = ("Video: Storm Season Starts Early\n\nBy [Example Wire](#)\n\n"
            "Example Review, March 5, 2020\n\n[Example Wire](#) 4 March 2020\n\n"
            "Region: [Europe](#)\n\nThe storm hit the coast.\n\n"
            "Articles by: [Example Wire](#)\n")
    m = meta(text)
    assert m["headline"]["text"] == "Storm Season Starts Early"  # label left out
    assert texts(m["authors"]) == ["Example Wire"]  # once, without brackets
    assert m["published"] == "2020-03-04"  # the original's date, before the repost's


def test_author_offsets_point_into_input():
    text = "Headline here\n\nBy [Jane Roe](#), John Doe & Ann Lee\n\nBody text.\n"
    m = find_metadata(text, find_boilerplate(text))
    assert [text[s.start:s.end] for s in m.authors] == ["Jane Roe", "John Doe", "Ann Lee"]


def test_byline_lines_are_ignored_so_names_are_not_actors():
    text = "Headline here\n\nBy Jane Roe\n\nBody text.\n\nJohn Doe contributed reporting.\n"
    reasons = {text[r.start:r.end]: r.reason for r in find_boilerplate(text)}
    assert reasons == {"By Jane Roe": "byline", "John Doe contributed reporting.": "credit"}


def test_wire_datelines():
    cases = {
        "OSLO, Norway (AP) — Ferries stopped running.": "OSLO",
        "NEW YORK — Subway lines flooded.": "NEW YORK",
        "LAGOS, March 3 (Example) - Markets fell.": "LAGOS",
        "Oslo, Norway — Ferries stopped running.": "Oslo",
        "**OSLO** — Ferries stopped running.": "OSLO",
    }
    for paragraph, place in cases.items():
        text = f"Storm hits the coast\n\nBy Jane Roe\n\n{paragraph}\n"
        m = meta(text)
        assert m["dateline"] is not None, paragraph
        assert m["dateline"]["text"] == place


def test_no_dateline_in_ordinary_paragraphs():
    for paragraph in ["The river — swollen by rain — burst its banks.",
                      "But — officials said — the dam held.",
                      "Three towns, Alda, Brin and Cove — all on the coast — were hit."]:
        text = f"Storm hits the coast\n\nBy Jane Roe\n\n{paragraph}\n"
        assert meta(text)["dateline"] is None, paragraph


def test_dateline_only_near_the_top():
    body = "\n\n".join(f"Paragraph {n} of the story." for n in range(6))
    text = f"Storm hits the coast\n\n{body}\n\nOSLO — Late dateline-like line.\n"
    assert meta(text)["dateline"] is None


def test_no_headline_when_text_starts_with_body():
    text = ("The river rose on Monday and the water reached the first floors of houses in the "
            "old town, where residents had been told to leave the night before.\n\nMore.")
    assert meta(text)["headline"] is None


def test_empty_and_plain_text():
    assert find_metadata("", []) == Metadata()
    m = meta("Just one line of text.")
    assert m["authors"] == [] and m["published"] is None


def test_published_date_helper():
    text = "Headline\n\nPosted on 2020-03-03\n\nBody.\n"
    m = find_metadata(text, find_boilerplate(text))
    assert m.published == "2020-03-03"
    assert published_date(m).isoformat() == "2020-03-03"
    assert published_date(Metadata()) is None
