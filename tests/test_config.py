"""Settings are data: every value says why it has that value, and the scorer weighs every feature."""

from __future__ import annotations

import dataclasses

import pytest

from bordermap.geo.candidate_features import FEATURES
from bordermap.geo.config import RecognizerConfig, ResolverConfig, explain
from bordermap.geo.scorer import weights


@pytest.mark.parametrize("config", [RecognizerConfig(), ResolverConfig()])
def test_every_setting_says_why(config):
    for name, value, why in explain(config):
        assert value is not None and len(why) > 20, name


def test_settings_are_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        ResolverConfig().nearby_km = 1.0  # type: ignore[misc]


def test_the_scorer_weighs_every_feature_and_penalties_are_negative():
    table = weights(ResolverConfig())
    assert tuple(table) == FEATURES
    assert table["qualified"] > 0 and table["local_country"] < 0


def test_a_variant_config_changes_the_ranking(pipeline):
    from bordermap.geo.article import Article
    from bordermap.geo.resolve import resolve

    text = "Officials in Paris, Texas said the storm had passed."
    article = pipeline(Article(id="p", text=text))
    assert next(m for m in article.mentions if m.text == "Paris").place.country_code == "US"
    resolve(article, pipeline.gazetteer, dataclasses.replace(ResolverConfig(), qualifier_bonus=0.0))
    assert next(m for m in article.mentions if m.text == "Paris").place.country_code == "FR"
