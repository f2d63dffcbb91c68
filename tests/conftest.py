"""Shared fixtures: one gazetteer per test session, user places kept apart."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SAMPLE = REPO / "data" / "samples" / "belarus-border-2023.txt"


@pytest.fixture(scope="session", autouse=True)
def _isolated_user_data(tmp_path_factory):
    """Tests never read or write the user's own added places."""
    path = tmp_path_factory.mktemp("user-data")
    os.environ["BORDERMAP_DATA_DIR"] = str(path)
    yield path


@pytest.fixture(scope="session")
def gazetteer(_isolated_user_data):
    from geo.gazetteer import OfflineGazetteer

    return OfflineGazetteer()


@pytest.fixture(scope="session")
def pipeline(gazetteer):
    from geo.pipeline import GeoPipeline

    return GeoPipeline(gazetteer)


@pytest.fixture(scope="session")
def sample_article(pipeline):
    from geo.article import Article

    text = SAMPLE.read_text(encoding="utf-8")
    return pipeline(Article(id=SAMPLE.name, text=text, date="2023-02-16"))


@pytest.fixture(scope="session")
def dev_articles():
    """The 20 border-news articles with gold places and events (shipped in data/samples)."""
    import json

    path = REPO / "data" / "samples" / "border-news-dev.jsonl"
    return {r["id"]: r for r in map(json.loads, path.read_text(encoding="utf-8").splitlines())}
