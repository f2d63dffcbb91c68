"""Division points: the centre of the land nearest a division's cities, not of its people."""

from __future__ import annotations

import shapely
from conftest import km

from bordermap.geo.division_points import division_point, land_centres


def test_centre_of_the_land_not_of_the_towns():
    # A 10 x 10 degree country; division 1's towns crowd its west edge, division 2's its east edge.
    outline = shapely.box(0, 0, 10, 10)
    cities = [(lat, 0.5, [1]) for lat in (2.0, 5.0, 8.0)] + [(lat, 9.5, [2]) for lat in (2.0, 5.0, 8.0)]
    centres = land_centres({"XX": cities}, {"XX": outline})
    assert abs(centres[1][1] - 2.5) < 0.1 and abs(centres[2][1] - 7.5) < 0.1
    assert abs(centres[1][0] - 5.0) < 0.1
    # The old point, the middle of the towns' box, sits on the coast.
    assert abs(division_point([(c[0], c[1]) for c in cities[:3]])[1] - 0.5) < 0.01


def test_a_far_island_of_the_country_is_no_towns_land():
    # The outline holds a far island (Réunion in France's) with no town of its own in the data.
    outline = shapely.union_all([shapely.box(0, 0, 4, 4), shapely.box(40, 0, 44, 4)])
    cities = [(1.0, 1.0, [1]), (3.0, 1.0, [1]), (2.0, 3.0, [1])]
    lat, lon = land_centres({"XX": cities}, {"XX": outline})[1]
    assert 0 < lon < 4 and 0 < lat < 4


def test_a_country_across_the_antimeridian_keeps_its_divisions_whole():
    outline = shapely.union_all([shapely.box(170, 60, 180, 70), shapely.box(-180, 60, -170, 70)])
    cities = [(62.0, 175.0, [1]), (68.0, 178.0, [1]), (65.0, -175.0, [1]), (64.0, 172.0, [2]), (66.0, 171.0, [2])]
    lat, lon = land_centres({"XX": cities}, {"XX": outline})[1]
    assert abs(lon) > 170 and 60 < lat < 70  # near the antimeridian, not near Greenwich


def test_texas_is_placed_near_its_geographic_centre(gazetteer):
    # The geographic centre of Texas lies near Brady, 31.14 N 99.33 W (Texas State Historical Association).
    texas = gazetteer.geocode("Texas")
    assert km((texas.latitude, texas.longitude), (31.14, -99.33)) < 100
