"""A place's confidence comes from the model fitted on the gold corpora (benchmarks/learning.py)."""

from __future__ import annotations

import json
import math

import pytest

from bordermap.geo.article import Article, Mention
from bordermap.geo.confidence import COLUMNS, ConfidenceModel, features, shipped
from bordermap.geo.data_files import data_file
from bordermap.geo.gazetteer import Place


def _town(population: int = 5_000) -> Place:
    return Place(id=1, name="Dzivin", lat=51.97, lon=24.55, country_code="BY", kind="town", population=population,
                 admin1=None, geonameid=None, ref="t", source="test", score=3.0)


def _mentions(*found_by: str) -> list[Mention]:
    return [Mention(0, 5, "Dyvin", kind="toponym", query="Dyvin", found_by=how) for how in found_by]


def test_the_shipped_model_is_for_these_features_and_says_where_it_came_from():
    model = json.loads(data_file("confidence.json").read_text(encoding="utf-8"))
    assert tuple(model["columns"]) == COLUMNS  # a feature added without refitting would be silently ignored
    assert all(math.isfinite(w) for w in model["weights"])
    assert model["commit"] and model["mentions"] > 1000 and "LGL" in model["corpora"]


def test_features_read_every_mention_of_the_name():
    values = features([4.0, 1.0], _town(), _mentions("spaCy GPE + gazetteer", "gazetteer", "metonym table", "spaCy LOC"))
    assert values["found_by=spaCy+gazetteer"] == values["found_by=metonym"] == values["found_by=spaCy"] == 0.25
    assert values["lead"] == 3.0 and values["lone"] == 0.0
    assert math.isclose(values["logit_share"], 3.0)  # two candidates: the softmax share is the logistic of the lead
    assert features([], _town(), _mentions("metonym table"))["lone"] == 1.0


def test_what_the_fit_learned_agrees_with_what_a_geographer_expects():
    """Refitting on other data must not turn these around: far from every other place named is less likely
    right, on the article's border or qualified by its country more likely, than the same choice without."""
    model, town, group = shipped(), _town(), _mentions("spaCy GPE + gazetteer")
    plain = model([4.0, 1.0], town, group, [])
    assert model([4.0, 1.0], town, group, [("far_from_the_article", 1.0, None)]) < plain
    assert model([4.0, 1.0], town, group, [("on_the_border", 1.0, None)]) > plain
    assert model([4.0, 1.0], town, group, [("qualified", 1.0, None)]) > plain
    assert ConfidenceModel({"bias": 0.0})([4.0, 1.0], town, group) == 0.5


def test_a_larger_lead_never_makes_a_choice_less_sure():
    model, town, group = shipped(), _town(), _mentions("spaCy GPE + gazetteer")
    by_lead = [model([1.0 + lead, 1.0, 0.5], town, group) for lead in (0.0, 0.5, 1, 2, 4, 8, 16)]
    assert by_lead == sorted(by_lead)


def test_a_model_fitted_for_other_features_is_refused(tmp_path):
    stale = tmp_path / "confidence.json"
    stale.write_text(json.dumps({"columns": ["bias", "lead"], "weights": [0.0, 1.0]}), encoding="utf-8")
    with pytest.raises(ValueError, match="refit it"):
        ConfidenceModel.load(stale)


def test_confidence_is_a_probability_for_every_place_of_the_sample(sample_article):
    resolved = [m for m in sample_article.mentions if m.place is not None]
    assert resolved and all(0 < m.confidence <= 1 for m in resolved)


def test_a_qualified_town_is_surer_than_the_same_name_alone(pipeline):
    alone = pipeline(Article(id="a", text="Officials in Springfield said the road was closed."))
    qualified = pipeline(Article(id="b", text="Officials in Springfield, Illinois, said the road was closed."))
    first = {m.text: m for m in alone.mentions}["Springfield"]
    second = {m.text: m for m in qualified.mentions}["Springfield"]
    assert second.place.admin1 == "US.IL" and second.confidence > first.confidence
