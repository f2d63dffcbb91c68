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
    # without the qualifier, and without the rule that a place far from every other one needs evidence
    resolve(article, pipeline.gazetteer, dataclasses.replace(ResolverConfig(), qualifier_bonus=0.0, far_penalty=0.0))
    assert next(m for m in article.mentions if m.text == "Paris").place.country_code == "FR"


def test_every_cue_group_says_what_it_does_with_an_example_and_where_it_came_from():
    import re
    from pathlib import Path

    from bordermap.geo.lexicon import cue_table

    table = cue_table()
    for group, row in table.items():
        assert row["words"] and all(w == w.strip() and w for w in row["words"].split("|")), group
        assert len(row["effect"]) > 20 and row["example"] and row["origin"], group
    # every group is read by the code, and the code reads no group the table lacks
    source = "\n".join(p.read_text(encoding="utf-8") for p in (Path(__file__).parent.parent / "geo").glob("*.py"))
    used = set(re.findall(r'CUES\["(\w+)"\]', source))
    assert used == set(table)
