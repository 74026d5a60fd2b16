"""The story scorer (evaluation/stories.py): its rules on a hand-made story, and the project's
own gold stories (gold/stories/) scored with floors that may only rise."""
from __future__ import annotations

import copy
from pathlib import Path

import pytest

from evaluation.stories import score_stories, score_story, summarise

GOLD = Path(__file__).resolve().parents[3] / "gold" / "stories"

# Measured figures rounded down; raise them when the layers improve, never lower them.
FLOORS = {
    ("figures", "f1"): 0.90,
    ("groups_bcubed", "f1"): 0.90,
    ("agreement_accuracy", None): 0.90,
    ("actors", "f1"): 0.90,
    ("locations", "f1"): 0.90,
    ("duplicates", "f1"): 0.90,
}

GOLD_STORY = {
    "claims": [
        {"category": "killed", "agreement": "conflicting", "figures": [
            {"article": "a", "value": 5}, {"article": "b", "value": 7},
            {"article": "b", "value": 3, "optional": True}]},
        {"category": "injured", "agreement": "single", "figures": [{"article": "a", "value": 9}]},
    ],
    "actors": [{"name": "Lena Marsh", "aliases": ["Lena Marsh"]},
               {"name": "Omar Marsh", "aliases": ["Omar Marsh"]}],
    "duplicates": [],
}
RESULTS = {"a": {"actors": [{"id": "A1", "name": "Lena Marsh"}, {"id": "A2", "name": "Omar Marsh"}]},
           "b": {"actors": [{"id": "A1", "name": "Lena Marsh"}, {"id": "A2", "name": "Omar Marsh"}]}}


def _figure(article, value):
    return {"article": article, "value": value}


def _perfect() -> dict:
    return {"claims": [{"id": "K1", "category": "killed", "agreement": "conflicting",
                        "figures": [_figure("a", 5), _figure("b", 7), _figure("b", 3)]},
                       {"id": "K2", "category": "injured", "agreement": "single",
                        "figures": [_figure("a", 9)]}],
            "actors": [{"name": "Lena Marsh", "mentions": [{"article": "a", "id": "A1"},
                                                          {"article": "b", "id": "A1"}]},
                       {"name": "Omar Marsh", "mentions": [{"article": "a", "id": "A2"},
                                                          {"article": "b", "id": "A2"}]}],
            "locations": [], "duplicates": []}


def _summary(story):
    return summarise(score_story(story, GOLD_STORY, RESULTS))


def test_a_perfect_story_scores_one():
    summary = _summary(_perfect())
    assert summary["figures"]["f1"] == summary["groups_bcubed"]["f1"] == 1.0
    assert summary["agreement_accuracy"] == 1.0 and summary["actors"]["f1"] == 1.0


def test_a_split_group_loses_recall_and_agreement():
    story = _perfect()
    story["claims"][0]["figures"] = [_figure("a", 5)]
    story["claims"][0]["agreement"] = "single"
    story["claims"].append({"id": "K3", "category": "killed", "agreement": "single",
                            "figures": [_figure("b", 7)]})
    summary = _summary(story)
    # Recall per figure: 1/2 for each half of the split group, 1 for the injured figure.
    assert summary["figures"]["f1"] == 1.0 and summary["groups_bcubed"]["recall"] == 0.667
    assert summary["groups_bcubed"]["precision"] == 1.0 and summary["agreement_accuracy"] == 0.0


def test_a_wrong_value_and_an_extra_figure_cost_precision_and_recall():
    story = _perfect()
    story["claims"][1]["figures"] = [_figure("a", 8), _figure("b", 2)]
    # 2 of 4 predicted figures right (the optional 3 counts neither way), 2 of 3 gold found.
    assert _summary(story)["figures"] == {"precision": 0.5, "recall": 0.667, "f1": 0.571}


def test_story_actors_split_or_merged_are_false_positives():
    split = _perfect()
    split["actors"][0]["mentions"] = [{"article": "a", "id": "A1"}]
    split["actors"].append({"name": "Lena Marsh", "mentions": [{"article": "b", "id": "A1"}]})
    assert _summary(split)["actors"]["precision"] == pytest.approx(0.667, abs=0.001)
    merged = copy.deepcopy(_perfect())
    merged["actors"] = [{"name": "Lena Marsh", "mentions": [{"article": "a", "id": "A1"},
                                                            {"article": "b", "id": "A2"}]}]
    assert _summary(merged)["actors"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0}


@pytest.fixture(scope="module")
def summary(annotator):
    figures, _ = score_stories([GOLD], lambda text, published: annotator.annotate(
        text, published=published))
    return figures


def test_there_are_at_least_five_gold_stories():
    assert len(list(GOLD.glob("*.story.json"))) >= 5


@pytest.mark.parametrize("measure, part", sorted(FLOORS, key=str))
def test_story_accuracy_stays_above_its_floor(summary, measure, part):
    value = summary[measure] if part is None else summary[measure][part]
    assert value >= FLOORS[(measure, part)], summary[measure]
