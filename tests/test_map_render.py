"""The map's HTML and what it shows first, without a browser: one marker per place, labels, actor colours, the
first view, escaping for <script>, offline assets, the same page for the same layers."""

from __future__ import annotations

import dataclasses
import json
import os
import re
import time

import pytest

from bordermap import layers
from bordermap.geo.article import Article
from bordermap.maps.render import make_map, script_json
from bordermap.maps.story import ACTOR_PALETTE, actor_groups, distinct_places, labels, story_bounds


def test_script_json_cannot_close_the_script_element():
    hostile = {"evidence": "</script><script>alert(1)</script> <!-- \u2028 & ${x}"}
    text = script_json(hostile)
    assert "</script" not in text and "<!--" not in text and "\u2028" not in text
    assert json.loads(text) == hostile  # still the same data once parsed


def test_empty_layers_render_a_valid_page(pipeline):
    empty = layers.build([pipeline(Article(id="empty", text=""))])
    html = make_map(empty, offline=True).get_root().render()
    assert "bordermap.addLayer" in html and "L.control.layers" in html
    assert not re.search(r"<script[^>]+src=", html)  # every script inlined
    assert not re.search(r"<link[^>]+stylesheet", html)


def test_article_text_reaches_the_page_only_as_escaped_json(pipeline):
    text = 'Troops crossed into Ukraine from Belarus near Dyvin </script><img src=x onerror=alert(1)>.'
    built = layers.build([pipeline(Article(id="x", text=text, date="2023-02-16"))])
    html = make_map(built, title="</script><b>t</b>").get_root().render()
    assert "<img src=x" not in html
    assert "</script><b>" not in html
    assert "\\u003c/script\\u003e\\u003cimg src=x onerror=alert(1)\\u003e" in html


@pytest.fixture(scope="module")
def sample_layers(sample_article):
    return layers.build([sample_article])


def test_one_marker_per_place_quotes_every_sentence_naming_it(sample_layers):
    places = distinct_places(sample_layers.places)
    assert len(places) == len(sample_layers.places.drop_duplicates(["article_id", "name", "kind"]))
    belarus = places[places["name"] == "Belarus"].iloc[0]
    rows = sample_layers.places[sample_layers.places["name"] == "Belarus"]
    assert belarus["mentions"] == rows["n_mentions"].sum() > len(rows) > 5  # one sentence names it twice
    assert sum(len(spans) for _, spans in belarus["quotes"]) == belarus["mentions"]
    written = set(belarus["texts"].split(", "))
    assert all(sentence[a:b] in written for sentence, spans in belarus["quotes"] for a, b in spans)


def test_the_routes_of_one_country_share_one_colour(sample_layers):
    # "Russian troops", "Russian Tu-22 bombers" and "Russia" act for one country: one colour, one legend row
    assert set(sample_layers.routes["actor_country"]) == {"RU"} and sample_layers.routes["actor"].nunique() == 3
    groups = actor_groups(sample_layers, {"RU": "Russia", "UA": "Ukraine"})
    assert groups[0].code == "RU" and groups[0].name == "Russia" and groups[0].colour == ACTOR_PALETTE[0]
    assert len({g.colour for g in groups if g.code}) == len([g for g in groups if g.code])


def test_labels_name_the_crossing_the_route_ends_and_the_most_named_places(sample_layers):
    found = labels(sample_layers, distinct_places(sample_layers.places))
    texts = [label["text"] for label in found]
    assert texts[0] == "Dzivin" and found[0]["style"] == "crossing"
    assert {"Kyiv", "Minsk", "Belarus"} <= set(texts)
    assert len(texts) == len({t.casefold() for t in texts})  # the same words once
    assert [label["rank"] for label in found] == sorted((label["rank"] for label in found), reverse=True)


def test_the_first_view_frames_the_story_not_the_point_of_a_country(sample_layers):
    places = distinct_places(sample_layers.places)
    (south, west), (north, east) = story_bounds(sample_layers, places)
    minsk = places[places["name"] == "Minsk"].geometry.iloc[0]
    assert west <= minsk.x <= east and south <= minsk.y <= north
    russia = places[places["name"] == "Russia"].geometry.iloc[0]
    assert not (west <= russia.x <= east and south <= russia.y <= north)


def test_the_same_layers_give_the_same_page_with_its_title(sample_layers):
    first = make_map(sample_layers, title="Dyvin & the border").get_root().render()
    assert first == make_map(sample_layers, title="Dyvin & the border").get_root().render()
    assert "<title>Dyvin &amp; the border</title>" in first
    spoofed = make_map(sample_layers, title="Report \u202efdp.exe").get_root().render()
    assert "<title>Report [U+202E]fdp.exe</title>" in spoofed  # a tab would show "Report exe.pdf"


def test_a_title_is_text_never_a_template(sample_layers):
    """An article's title is untrusted: Jinja syntax in it is shown, not run (unsandboxed Jinja runs Python)."""
    page = make_map(sample_layers, title="{{ 7*7 }} {% for x in range(3) %}x{% endfor %}").get_root().render()
    assert "<title>{{ 7*7 }} {% for x in range(3) %}x{% endfor %}</title>" in page
    quoted = make_map(sample_layers, title='{{ "a" ~ \'b\' }}').get_root().render()  # escaped quotes broke the parse
    assert "<title>{{ &quot;a&quot; ~ &#x27;b&#x27; }}</title>" in quoted


def test_article_text_in_the_layers_is_data_never_a_template(sample_layers):
    """branca compiles a macro's output as a template again; a sentence quoted by a place must come out as it is."""
    hostile = "Troops {{ 7*7 }} crossed {% if true %}ran{% endif %} near Dyvin."
    places = sample_layers.places.copy()
    places["evidence"] = hostile
    page = make_map(dataclasses.replace(sample_layers, places=places)).get_root().render()
    assert hostile in page


def test_the_basemap_is_drawn_once_and_kept_in_the_cache_folder(tmp_path, monkeypatch):
    from bordermap.maps import basemap

    monkeypatch.setenv("BORDERMAP_CACHE_DIR", str(tmp_path))
    unused, recent = tmp_path / "basemap-0000000000000000.json", tmp_path / "basemap-1111111111111111.json"
    for other in (unused, recent):  # other versions': one unused for 40 days, one still in use
        other.write_text("{}", encoding="utf-8")
    os.utime(unused, (time.time() - 40 * 86_400,) * 2)
    basemap.world.cache_clear()
    drawn = basemap.world()
    assert json.loads(drawn)["type"] == "FeatureCollection" and len(json.loads(drawn)["features"]) > 200
    assert sorted(p.name for p in tmp_path.glob("basemap-*")) == sorted([basemap._cached_path().name, recent.name])

    def no_drawing():
        raise AssertionError("drawn again")

    drawing = basemap._draw
    monkeypatch.setattr(basemap, "_draw", no_drawing)
    basemap.world.cache_clear()
    assert basemap.world() == drawn  # read, not drawn
    monkeypatch.setattr(basemap, "_draw", drawing)
    planted = json.dumps({"type": "FeatureCollection", "features": [], "x": "</script><script>alert(1)//"})
    for bad in (drawn[: len(drawn) // 2], planted):  # not whole, or not ours: drawn again
        basemap._cached_path().write_text(bad, encoding="utf-8")
        basemap.world.cache_clear()
        assert basemap.world() == drawn and basemap._cached_path().read_text(encoding="utf-8") == drawn
    basemap.world.cache_clear()


def test_a_cache_folder_that_cannot_be_written_only_costs_the_drawing(tmp_path, monkeypatch):
    from bordermap.maps import basemap

    blocked = tmp_path / "a-file"
    blocked.write_text("", encoding="utf-8")
    monkeypatch.setenv("BORDERMAP_CACHE_DIR", str(blocked))
    basemap.world.cache_clear()
    assert json.loads(basemap.world())["features"]
    basemap.world.cache_clear()
