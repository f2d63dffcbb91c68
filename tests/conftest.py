"""Shared fixtures: one gazetteer per test session, user places kept apart."""

from __future__ import annotations

import math
import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SAMPLE = REPO / "data" / "samples" / "belarus-border-2023.txt"


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in km between two (lat, lon) points, as the eval scorer measures it."""
    p1, p2 = math.radians(a[0]), math.radians(b[0])
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(b[1] - a[1]) / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


@pytest.fixture(scope="session", autouse=True)
def _isolated_user_data(tmp_path_factory):
    """Tests never read or write the user's own added places."""
    path = tmp_path_factory.mktemp("user-data")
    os.environ["BORDERMAP_DATA_DIR"] = str(path)
    yield path


@pytest.fixture(scope="session")
def gazetteer(_isolated_user_data):
    from bordermap.geo.gazetteer import OfflineGazetteer

    return OfflineGazetteer()


@pytest.fixture(scope="session")
def pipeline(gazetteer):
    from bordermap.geo.pipeline import GeoPipeline

    return GeoPipeline(gazetteer)


@pytest.fixture(scope="session")
def sample_article(pipeline):
    from bordermap.geo.article import Article

    text = SAMPLE.read_text(encoding="utf-8")
    return pipeline(Article(id=SAMPLE.name, text=text, date="2023-02-16"))


@pytest.fixture(scope="session")
def dev_articles():
    """The 20 border-news articles with gold places and events (shipped in data/samples)."""
    import json

    path = REPO / "data" / "samples" / "border-news-dev.jsonl"
    lines = path.read_text(encoding="utf-8").split("\n")  # not splitlines(): texts hold U+2028
    return {r["id"]: r for r in map(json.loads, filter(str.strip, lines))}
