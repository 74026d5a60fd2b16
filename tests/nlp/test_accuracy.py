"""Accuracy over the repo's own gold set (gold/). Floors may only ever be raised."""
from __future__ import annotations

from pathlib import Path

import pytest

from evaluation.score import errors_of, score_folder

GOLD = Path(__file__).resolve().parents[2] / "gold"

# Measured figures rounded down; raise them when the layers improve, never lower them.
FLOORS = {
    ("actors", "f1"): 0.95,
    ("locations", "f1"): 0.95,
    ("locations", "geo_accuracy"): 0.98,
    ("casualties", "f1"): 0.95,
    # Precision also pins the articles without casualties (earnings, election, strike, sport).
    ("casualties", "precision"): 0.95,
    ("casualties", "qualifier_accuracy"): 0.95,
    ("casualties", "victims_accuracy"): 0.95,
    ("casualties", "source_accuracy"): 0.95,
    ("quotes", "f1"): 0.95,
    ("quotes", "speaker_accuracy"): 0.95,
    ("quotes", "end_to_end_f1"): 0.95,
}


@pytest.fixture(scope="module")
def summary(annotator):
    figures, _ = score_folder(GOLD, lambda text, published: annotator.annotate(text, published=published))
    return figures


@pytest.mark.parametrize("layer, measure", sorted(FLOORS))
def test_accuracy_stays_above_its_floor(summary, layer, measure):
    assert summary[layer][measure] >= FLOORS[(layer, measure)], summary[layer]


def test_the_error_listing_names_each_kind_of_error():
    gold = {"actors": [{"name": "Ana Velaro", "aliases": ["Ana Velaro", "Velaro"]}],
            "locations": [], "casualties": [{"category": "killed", "value": 3,
                                             "victims": ["guards"], "source": None}],
            "quotes": [{"text": "we will rebuild", "speaker": "Ana Velaro"}]}
    result = {"actors": [{"name": "Velaro Image"}], "locations": [],
              "casualties": [{"category": "killed", "count": {"value": 3},
                              "victims": {"text": "the town"}, "source": None,
                              "evidence": {"text": "Three were killed."}}],
              "quotes": [{"text": "we will rebuild", "span": {"start": 0},
                          "speaker": {"name": "Mayor"}}]}
    lines = errors_of(result, gold)
    assert "actors FALSE 'Velaro Image'" in lines and "actors MISSED 'Ana Velaro'" in lines
    assert any(line.startswith("casualties VICTIMS killed 3") for line in lines)
    assert not any(line.startswith("casualties SOURCE") for line in lines)
    assert any(line.startswith("quotes SPEAKER") for line in lines)
