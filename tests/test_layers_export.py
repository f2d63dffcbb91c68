"""Layers as GeoDataFrames and their files: GeoJSON (RFC 7946), GeoPackage, GeoParquet."""

from __future__ import annotations

import json
import shutil
import subprocess

import pyogrio
import pytest

from bordermap import layers
from bordermap.geo.article import Article
from bordermap.layers.frames import SCHEMA
from bordermap.layers.geometry import distance_km, shared_border


@pytest.fixture(scope="module")
def sample_layers(sample_article):
    return layers.build([sample_article])


def test_layers_are_epsg4326_with_the_documented_columns(sample_layers):
    for name, frame in sample_layers.items():
        assert frame.crs.to_epsg() == 4326, name
        assert list(frame.columns[:-1]) == list(SCHEMA[name]), name


def test_belarus_ukraine_border_and_dyvin_on_it(sample_layers):
    borders = sample_layers.borders.set_index("name")
    assert "BY-UA" in borders.index
    assert 800 < borders.loc["BY-UA", "length_km"] < 900  # Natural Earth's generalised line
    assert borders.loc["BY-UA", "reference_km"] == 1084
    crossing = sample_layers.crossings[sample_layers.crossings["name"] == "Dzivin"].iloc[0]
    assert crossing["border_distance_km"] < 15
    assert crossing["status"] == "closed_one_side"
    assert distance_km(crossing.geometry.y, crossing.geometry.x, shared_border("BY", "UA")) < 15


def test_a_border_of_one_straight_line_is_a_border():
    # Gibraltar and Spain share one short segment: it is their border, not an error.
    line = shared_border("GI", "ES")
    assert line is not None and line.geom_type == "LineString"
    assert distance_km(36.15, -5.35, line) < 5


def test_invasion_route_runs_from_belarus_to_north_of_kyiv(sample_layers):
    from bordermap.layers.geometry import country_shape

    route = sample_layers.routes[sample_layers.routes["event_type"] == "movement"].iloc[0]
    start, end = route.geometry.coords[0], route.geometry.coords[-1]
    assert country_shape("BY").contains(__import__("shapely").Point(start))
    assert country_shape("UA").contains(__import__("shapely").Point(end))
    assert 50.6 < end[1] < 51.3 and abs(end[0] - 30.52) < 0.3  # north of Kyiv (50.45 N)
    assert route["date"] == "2022-02-24" and route["actor"] == "Russian troops"
    assert len(route.geometry.coords) > 10  # densified along the great circle


def test_length_claim_checked_against_reference(sample_layers):
    claim = sample_layers.claims.iloc[0]
    assert claim["stated_km"] == 1000
    assert claim["reference_km"] == 1084
    assert claim["verdict"] == "consistent"
    assert "1,000-kilometer" in claim["evidence"]


def test_export_round_trip(sample_layers, tmp_path):
    written = layers.write(sample_layers, tmp_path, ["geojson", "gpkg", "parquet"])
    names = {p.name for p in written}
    assert {"places.geojson", "crossings.geojson", "routes.geojson", "borders.geojson", "bordermap.gpkg"} <= names
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no staging left behind
    routes = json.loads((tmp_path / "routes.geojson").read_text(encoding="utf-8"))
    assert "crs" not in routes  # RFC 7946: WGS84 implied
    lon, lat = routes["features"][0]["geometry"]["coordinates"][0]
    assert len(str(lon).split(".")[1]) <= 6 and -180 <= lon <= 180 and -90 <= lat <= 90
    assert [layer for layer, _ in pyogrio.list_layers(tmp_path / "bordermap.gpkg")] == list(SCHEMA)
    back = pyogrio.read_dataframe(tmp_path / "bordermap.gpkg", layer="crossings")
    assert "Dzivin" in set(back["name"])
    import geopandas

    assert len(geopandas.read_parquet(tmp_path / "places.parquet")) == len(sample_layers.places)
    if shutil.which("ogrinfo"):
        info = subprocess.run(["ogrinfo", "-so", str(tmp_path / "bordermap.gpkg")], check=False, capture_output=True, text=True)
        assert info.returncode == 0 and "routes" in info.stdout


def test_a_place_named_twice_in_one_sentence_is_one_row_with_both_spans(pipeline):
    text = "Trains from Minsk to Brest and back to Minsk ran late. Minsk was quiet on Sunday."
    places = layers.build([pipeline(Article(id="twice", text=text))]).places
    minsk = places[places["name"] == "Minsk"].sort_values("start")
    assert list(minsk["n_mentions"]) == [2, 1]  # one row per place per quoted sentence
    spans = [tuple(map(int, span.split("-"))) for span in minsk.iloc[0]["mention_spans"].split()]
    assert [text[a:b] for a, b in spans] == ["Minsk", "Minsk"] and spans[0] == (minsk.iloc[0]["start"], minsk.iloc[0]["end"])
    assert minsk.iloc[0]["evidence"] == "Trains from Minsk to Brest and back to Minsk ran late."


def test_empty_article_gives_valid_empty_files(pipeline, tmp_path):
    empty = layers.build([pipeline(Article(id="empty", text="")), pipeline(Article(id="calm", text="It rained."))])
    assert all(len(frame) == 0 for _, frame in empty.items())
    layers.write(empty, tmp_path, ["geojson", "gpkg"])
    collection = json.loads((tmp_path / "routes.geojson").read_text(encoding="utf-8"))
    assert collection["type"] == "FeatureCollection" and collection["features"] == []
    assert len(pyogrio.read_dataframe(tmp_path / "bordermap.gpkg", layer="places")) == 0


def test_two_articles_of_one_id_are_refused_not_mixed(pipeline):
    told = "Poland closed the Kuznica border crossing with Belarus."
    first = pipeline(Article(id="news", text=told, title="First"))
    second = pipeline(Article(id="news", text=told, title="Second"))
    with pytest.raises(ValueError, match="two articles have the id 'news'"):
        layers.build([first, second])


def test_failed_write_leaves_nothing_half_written(sample_layers, tmp_path):
    from bordermap.errors import BordermapError

    with pytest.raises(BordermapError):
        layers.write(sample_layers, tmp_path, ["geojson", "shapefile"])
    assert list(tmp_path.iterdir()) == []


def test_a_route_between_the_articles_two_countries_crosses_at_the_articles_crossing(pipeline, gazetteer):
    text = ("Hundreds of Afghans waited at the Torkham border crossing on Monday. "
            "Pakistani troops crossed into Afghanistan on Tuesday.")
    routes = layers.build([pipeline(Article(id="t", text=text))]).routes
    route = routes[(routes["origin"] == "Pakistan") & (routes["target"] == "Afghanistan")].geometry.iloc[0]
    torkham = gazetteer.geocode("Torkham")
    assert torkham.raw["kind"] == "crossing"
    crossing = shared_border("AF", "PK").intersection(route.buffer(0.01))  # where the line meets the border
    assert not crossing.is_empty
    assert distance_km(torkham.latitude, torkham.longitude, crossing) < 25  # not the middle of a 2,600 km line


def test_a_route_with_its_own_crossing_crosses_there_not_at_the_articles(pipeline, gazetteer):
    text = ("Hundreds of Afghans waited at the Torkham border crossing on Monday. On Tuesday, hundreds of "
            "refugees crossed from Pakistan into Afghanistan at the Chaman border crossing.")
    built = layers.build([pipeline(Article(id="t", text=text))])
    route = built.routes[built.routes["origin"] == "Pakistan"].geometry.iloc[0]
    site = built.crossings[built.crossings["event_type"] == "crossing"].geometry.iloc[0]
    crossing = shared_border("AF", "PK").intersection(route.buffer(0.01))
    assert not crossing.is_empty
    assert distance_km(site.y, site.x, crossing) < 25  # Chaman, some 500 km from Torkham


def test_a_route_ignores_a_site_on_another_border(pipeline, gazetteer):
    text = ("Hundreds of Afghans waited at the Torkham border crossing on Monday. On Tuesday, hundreds of "
            "refugees crossed from Pakistan into Afghanistan at the Wagah border crossing.")  # Wagah: India-Pakistan
    built = layers.build([pipeline(Article(id="t", text=text))])
    route = built.routes[built.routes["origin"] == "Pakistan"].geometry.iloc[0]
    crossing = shared_border("AF", "PK").intersection(route.buffer(0.01))
    torkham = gazetteer.geocode("Torkham")
    assert distance_km(torkham.latitude, torkham.longitude, crossing) < 25  # the article's own crossing
