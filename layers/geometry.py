"""Geometry for the layers: country polygons, shared borders, routes, distances.

Countries and their shared borders come from ``bordermap.geo.natural_earth``
(Natural Earth 1:10m, public domain). Lengths and distances are geodesic on
WGS84 (pyproj.Geod).
"""

from __future__ import annotations

import csv
from collections.abc import Collection
from functools import lru_cache

from shapely.geometry import LineString, Point
from shapely.ops import nearest_points

from bordermap.geo.data_files import data_file
from bordermap.geo.natural_earth import (
    GEOD,
    countries,
    country_outline,
    country_shape,
    distance_km,
    near_a_land_border,
    shared_border,
)

ROUTE_POINTS = 32
#: How near a land border a town must be to stand for a crossing a crossing word names, or to be entered across
#: the border by default (km): the bound tests/test_crossings.py holds the town rows of data/crossings.csv to
#: (the farthest lies 15.9 km off Natural Earth's line), as LOCAL_KM does the article's local town.
BORDER_TOWN_KM = 30.0
#: How far from X a "north of X" end lies.
RELATIVE_OFFSET_KM = 60.0
#: The country shapes and borders the layers use, from ``geo.natural_earth``.
__all__ = [
    "AZIMUTHS",
    "GEOD",
    "border_midpoint",
    "border_point",
    "border_toward",
    "countries",
    "country_shape",
    "distance_km",
    "far_inside",
    "geodesic_km",
    "great_circle",
    "inland_town",
    "off_the_border",
    "offset",
    "reference_length",
    "reference_lengths",
    "shared_border",
]
AZIMUTHS = {"north": 0, "northeast": 45, "east": 90, "southeast": 135, "south": 180, "southwest": 225,
            "west": 270, "northwest": 315}


def inland_town(place) -> bool:
    """Is the place a town or city more than BORDER_TOWN_KM from every land border of its country? Such a town
    stands for no crossing ("the Kuchurgan-Pervomaisk checkpoint" is not at the Pervomaisk 126 km inland) and
    is entered across no border by default ("arriving at Burlington", 60 km inside the US)."""
    if place.kind not in ("town", "city"):
        return False
    return not near_a_land_border(round(place.lat, 4), round(place.lon, 4), place.country_code, BORDER_TOWN_KM)


def off_the_border(place, a: str, b: str) -> bool:
    """Is the place a town or city more than BORDER_TOWN_KM from the whole land border between a and b? A river
    that forms part of that border is no border there: Vienna is 196 km from the Germany-Austria line."""
    line = shared_border(a, b) if place.kind in ("town", "city") else None
    return line is not None and distance_km(place.lat, place.lon, line) > BORDER_TOWN_KM


def far_inside(place) -> bool:
    """Is a town more than BORDER_TOWN_KM from every land border of its country and from its coast? Arriving
    there crosses no border by itself ("returned to Denver"); arriving at a port may be a crossing by sea
    ("small boats arrived in Dover"). The coast is the country's Natural Earth outline."""
    if not inland_town(place):
        return False
    return _km_to_outline(round(place.lat, 4), round(place.lon, 4), place.country_code) > BORDER_TOWN_KM


@lru_cache(maxsize=4096)
def _km_to_outline(lat: float, lon: float, code: str | None) -> float:
    outline = country_outline(code)
    return distance_km(lat, lon, outline) if outline is not None else 0.0


def geodesic_km(geometry) -> float:
    return GEOD.geometry_length(geometry) / 1000.0


def offset(lat: float, lon: float, azimuth: float, km: float) -> tuple[float, float]:
    lon2, lat2, _ = GEOD.fwd(lon, lat, azimuth, km * 1000.0)
    return lat2, lon2


def great_circle(start: tuple[float, float], end: tuple[float, float], points: int = ROUTE_POINTS) -> LineString:
    """A (lat, lon) -> (lat, lon) line densified along the great circle, in lon/lat order."""
    (lat1, lon1), (lat2, lon2) = start, end
    middle = GEOD.npts(lon1, lat1, lon2, lat2, points) if (lat1, lon1) != (lat2, lon2) else []
    return LineString([(lon1, lat1), *middle, (lon2, lat2)])


def border_point(origin_code: str, target_code: str, toward: tuple[float, float]) -> tuple[float, float] | None:
    """Where a move from one country into another crosses: the border point nearest the target."""
    line = shared_border(origin_code, target_code)
    if line is None:
        return None
    point = nearest_points(line, Point(toward[1], toward[0]))[0]
    return point.y, point.x


#: A compass word names one neighbour's border when that border runs this many times as far through the part
#: of the country the word names as any other's.
BORDER_TOWARD_MARGIN = 2.0


def border_toward(code: str, direction: str, named: Collection[str] = ()) -> str | None:
    """The neighbour a compass word gives a country's border: "Finland's eastern border" is Russia's,
    "Mexico's northern border" the United States'. Of the neighbours whose shared line runs through the part
    of the country the word names (``geo.country_parts``), the one the article names, if it names one; else
    the one whose line runs farthest through it, when BORDER_TOWARD_MARGIN times as far as the next one's
    ("Poland's eastern border" is Belarus's or Ukraine's: only the article can say)."""
    from bordermap.geo.country_parts import part_borders

    lengths = part_borders(code, direction)
    candidates = [other for other in lengths if other in named] or list(lengths)
    ranked = sorted(candidates, key=lambda other: -lengths[other])
    if not ranked or (len(ranked) > 1 and lengths[ranked[1]] * BORDER_TOWARD_MARGIN > lengths[ranked[0]]):
        return None
    return ranked[0]


def border_midpoint(a: str, b: str) -> tuple[float, float] | None:
    line = shared_border(a, b)
    if line is None:
        return None
    point = line.interpolate(0.5, normalized=True)
    return point.y, point.x


@lru_cache(maxsize=1)
def reference_lengths() -> dict[tuple[str, str], tuple[float, str]]:
    """Reference border lengths in km with their source (data/border_lengths.csv)."""
    with data_file("border_lengths.csv").open(encoding="utf-8") as f:
        return {tuple(sorted((r["country_a"], r["country_b"]))): (float(r["length_km"]), r["source"]) for r in csv.DictReader(f)}


def reference_length(a: str, b: str) -> tuple[float, str] | tuple[None, None]:
    return reference_lengths().get(tuple(sorted((a, b))), (None, None))
