"""Border events from real sentences of the sample and the dev set."""

from __future__ import annotations

import pytest
from conftest import km

from bordermap.geo.article import Article
from bordermap.layers.dates import resolve_date
from bordermap.layers.events import extract_events


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


@pytest.fixture(scope="module")
def dev_events(pipeline, dev_articles):
    """Events of a dev article by id, parsed once."""
    cache: dict[str, list] = {}

    def events_of(article_id: str) -> list:
        if article_id not in cache:
            record = dev_articles[article_id]
            cache[article_id] = extract_events(pipeline(Article(id=record["id"], text=record["text"], date=record["date"])))
        return cache[article_id]

    return events_of


def _place_of(event):
    role = event.site or event.target
    return (role.place.lat, role.place.lon)


def test_date_nearest_the_trigger():
    sentence = ("Thai and Cambodia military commanders met on the Thai side of the border near Preah Vihear temple "
                "in a four-hour meeting Thursday, as the Cambodian death toll rose by one following a brief skirmishes "
                "Wednesday.")
    assert resolve_date(sentence, "2008-10-16") == "2008-10-16"  # the sentence's first date
    assert resolve_date(sentence, "2008-10-16", near=sentence.index("skirmishes")) == "2008-10-15"
    far = ("Formerly under Soviet control until declaring its sovereignty in 1990, Belarus remains one of Russia’s "
           "closest allies and has played a key role in its invasion of Ukraine")
    assert resolve_date(far, "2023-02-16", near=far.index("invasion")) is None  # 1990 dates another clause


def test_opened_and_kept_closed_are_two_events(dev_events):
    crossings = [e for e in dev_events("voa-2008-07-02-rafah-crossing-clash") if e.type == "crossing"]
    statuses = {e.status: e for e in crossings}
    assert {"open", "closed"} <= set(statuses)
    assert statuses["open"].date == "2008-07-01"  # "Egypt opened the crossing on Tuesday"
    assert "kept the Rafah crossing closed" in statuses["closed"].evidence_text
    assert "opened the crossing" not in statuses["closed"].evidence_text


def test_strikes_on_different_days_stay_apart(dev_events):
    strikes = [e for e in dev_events("voa-2008-02-22-turkey-ground-incursion-iraq")
               if e.type == "strike" and e.target.country == "IQ"]
    thursday = [e for e in strikes if e.date == "2008-02-21"]
    assert thursday and "started Thursday night following air and artillery strikes" in thursday[0].evidence_text
    assert len(strikes) >= 2


def test_troops_moved_from_where_they_are_stationed(dev_events):
    moves = [e for e in dev_events("voa-2008-08-09-georgia-russia-south-ossetia")
             if e.type == "movement" and "troops it has in Iraq" in e.evidence_text]
    assert len(moves) == 1
    assert moves[0].origin.place.name == "Iraq" and moves[0].target.place.name == "South Ossetia"


def test_troops_are_in_a_city_is_a_deployment(dev_events, dev_articles):
    gold = next(e for e in dev_articles["voa-2025-01-27-goma-m23"]["events"] if e["type"] == "deployment")
    deployments = [e for e in dev_events("voa-2025-01-27-goma-m23") if e.type == "deployment"]
    assert deployments and deployments[0].actor == "Rwandan government troops"
    assert km(_place_of(deployments[0]), tuple(gold["at_coords"])) < 25


def test_entrenched_and_skirmishes_at_the_temple(dev_events, dev_articles):
    gold = dev_articles["voa-2008-10-16-preah-vihear-commanders-talks"]["events"]
    events = dev_events("voa-2008-10-16-preah-vihear-commanders-talks")
    # "will remain entrenched along the border" states what holds: the article's landmark is the site.
    entrenched = [e for e in events if e.type == "deployment" and "entrenched" in e.evidence_text]
    assert entrenched and km(_place_of(entrenched[0]), tuple(gold[0]["at_coords"])) < 25
    skirmish = [e for e in events if e.type == "strike" and "skirmishes" in e.evidence_text]
    assert skirmish and skirmish[0].target.place.kind == "landmark" and skirmish[0].origin is None
    assert skirmish[0].date == gold[1]["date"] == "2008-10-15"


def test_closed_border_at_the_articles_border_region(dev_events, dev_articles):
    gold = [e for e in dev_articles["voa-2015-08-22-venezuela-closes-colombia-border"]["events"] if e["type"] == "closure"]
    closures = [e for e in dev_events("voa-2015-08-22-venezuela-closes-colombia-border") if e.status == "closed"]
    assert closures and set(closures[0].sides) == {"VE", "CO"}
    assert km(_place_of(closures[0]), tuple(gold[0]["at_coords"])) < 25  # eastern Tachira state
    assert "would remain closed" in closures[0].evidence_text and "closed the border Wednesday" in closures[0].evidence_text


def test_entering_one_side_of_the_articles_border(dev_events):
    entries = [e for e in dev_events("voa-2015-06-turkey-syria-border-crackdown")
               if e.type == "movement" and e.target.country == "TR"]
    reporters = [e for e in entries if e.actor == "Western reporters"]
    assert reporters and reporters[0].origin.country == "SY"
    assert all("Western reporters" not in e.evidence_text for e in entries if e is not reporters[0])


def test_all_crossings_closed_is_not_a_site(sample_events):
    closure = next(e for e in sample_events if e.actor == "Kyiv")
    assert closure.type == "closure" and closure.site is None
