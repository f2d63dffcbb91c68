"""Border events from real sentences of the sample and the dev set."""

from __future__ import annotations

import pytest
from conftest import km

from geo.article import Article
from layers.dates import resolve_date
from layers.events import extract_events


@pytest.fixture(scope="module")
def sample_events(sample_article):
    return extract_events(sample_article)


@pytest.mark.parametrize("sentence,published,expected", [
    ("Belarus helped Russia launch its initial invasion of Ukraine last February", "2023-02-16", "2022-02"),
    ("Russian troops launched the invasion on February 24, crossing into Ukraine", "2023-02-16", "2022-02-24"),
    ("A Belarusian border guard patrols near the Divin border crossing point on Wednesday.", "2023-02-16", "2023-02-15"),
    ("Venezuela closed the border in January.", "2008-01-23", "2008-01"),
    ("The fighting broke out on April 22, 2011 near the temples.", "2011-04-24", "2011-04-22"),
    ("Nobody knows when the border will reopen.", "2023-02-16", None),
    ("Troops crossed on Sunday.", None, None),
])
def test_dates_resolve_against_publication(sentence, published, expected):
    assert resolve_date(sentence, published) == expected


def test_invasion_is_one_merged_route(sample_events, sample_article):
    movements = [e for e in sample_events if e.type == "movement"]
    assert len(movements) == 1
    invasion = movements[0]
    assert invasion.origin.country == "BY" and invasion.target.country == "UA"
    assert invasion.actor == "Russian troops"
    assert invasion.date == "2022-02-24"
    quoted = invasion.evidence_text
    assert "initial invasion of Ukraine last February" in quoted
    assert "crossing into Ukraine from Belarus" in quoted
    assert invasion.target.place.name == "Kyiv" and invasion.target.direction == "north"
    for evidence in invasion.evidence:
        assert sample_article.text[evidence.start : evidence.end] == evidence.text


def test_dyvin_crossing_with_status(sample_events):
    crossings = [e for e in sample_events if e.type == "crossing"]
    assert len(crossings) == 1
    dyvin = crossings[0]
    assert dyvin.site.place.name == "Dzivin"
    assert dyvin.status == "closed_one_side"
    assert "small town of Dyvin is still functioning" in dyvin.evidence_text
    assert "Divin border crossing point" in dyvin.evidence_text


def test_tu22_strike_from_belarusian_airspace(sample_events):
    strikes = [e for e in sample_events if e.type == "strike" and e.origin is not None]
    assert len(strikes) == 1
    assert strikes[0].origin.country == "BY" and strikes[0].target.country == "UA"
    assert "Tu-22" in strikes[0].actor and "Backfire" in strikes[0].actor


def test_kyiv_closure_of_the_border(sample_events):
    closures = [e for e in sample_events if e.type == "closure"]
    assert any(set(e.sides) == {"UA", "BY"} and e.status == "closed" and e.actor == "Kyiv" for e in closures)


def test_threats_are_not_events(sample_events):
    for event in sample_events:
        assert "no way" not in event.evidence_text
        assert "unless it is attacked" not in event.evidence_text


def test_dev_torkham_gunfire_and_closure(pipeline, dev_articles):
    record = dev_articles["voa-2023-02-20-torkham-closed"]
    article = pipeline(Article(id=record["id"], text=record["text"], date=record["date"]))
    events = extract_events(article)
    gold_strike, gold_closure = record["events"]
    strikes = [e for e in events if e.type == "strike"]
    assert strikes and strikes[0].target.place.name == "Torkham"
    assert km((strikes[0].target.place.lat, strikes[0].target.place.lon), tuple(gold_strike["at_coords"])) < 25
    # "the Afghan Taliban closed the border Sunday" names no crossing: it is placed at the one the article is about.
    closures = [e for e in events if e.status == "closed"]
    assert closures and closures[0].type == "crossing" and closures[0].site.place.name == "Torkham"
    assert set(closures[0].sides) == {"AF", "PK"}
    assert km((closures[0].site.place.lat, closures[0].site.place.lon), tuple(gold_closure["at_coords"])) < 25
    assert closures[0].date == gold_closure["date"] == "2023-02-19"  # "Sunday" before Monday 20 February
    assert closures[0].actor == "Afghan Taliban"
    assert gold_closure["evidence"] in closures[0].evidence_text


def test_empty_and_placeless_articles_have_no_events(pipeline):
    assert extract_events(pipeline(Article(id="e", text=""))) == []
    assert extract_events(pipeline(Article(id="n", text="Troops crossed the river at dawn."))) == []
