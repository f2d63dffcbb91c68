"""The part of a country a compass word names: "northern Norway", "southeastern Turkey", "western Ukraine".

The point is the centre of the country's main land in that direction: the
outer third of its extent north, south, east or west (both, for northeast
and the like), clipped to its Natural Earth outline, so that "northern Norway" lies in Finnmark rather than at the
country's centre near Oslo, and never off its land.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

from bordermap.geo.gazetteer import Place

#: Compass words and the halves they keep: (north?, east?) with None for "either".
HALVES = {"north": (True, None), "northern": (True, None), "south": (False, None), "southern": (False, None),
          "east": (None, True), "eastern": (None, True), "west": (None, False), "western": (None, False),
          "northeast": (True, True), "northeastern": (True, True), "north-east": (True, True),
          "northwest": (True, False), "northwestern": (True, False), "north-west": (True, False),
          "southeast": (False, True), "southeastern": (False, True), "south-east": (False, True),
          "southwest": (False, False), "southwestern": (False, False), "south-west": (False, False)}
ADJECTIVES = {"north": "northern", "south": "southern", "east": "eastern", "west": "western",
              "northeast": "northeastern", "northwest": "northwestern", "southeast": "southeastern",
              "southwest": "southwestern"}


def part_box(shape, direction: str):
    """(main land, clip box) of the part of a (multi)polygon a compass word names: the outer third of the
    main land's extent that way (both, for northeast and the like); None for other words."""
    from shapely.geometry import box

    halves = HALVES.get(direction)
    if halves is None or shape is None:
        return None
    land = max(getattr(shape, "geoms", [shape]), key=lambda p: p.area)  # the main land, not overseas islands
    x0, y0, x1, y1 = land.bounds
    third_x, third_y = (x1 - x0) / 3, (y1 - y0) / 3
    north, east = halves
    return land, box(x1 - third_x if east else x0, y1 - third_y if north else y0,
                     x0 + third_x if east is False else x1, y0 + third_y if north is False else y1)


def compute_part_point(shape, direction: str) -> tuple[float, float] | None:
    """(lat, lon) of the part of a (multi)polygon a compass word names, or None (not a compass word, or no land
    there). ``data/country_parts.py`` runs it over every country once."""
    boxed = part_box(shape, direction)
    if boxed is None:
        return None
    land, clip = boxed
    part = land.intersection(clip)
    if part.is_empty:
        return None
    point = part.centroid if part.contains(part.centroid) else part.representative_point()
    return point.y, point.x


def compute_part_borders(shape, direction: str, borders: dict[str, object]) -> dict[str, float]:
    """Neighbour code -> km of its shared line (``borders``: code -> line) that runs through the part a compass
    word names: what "the northern border" can mean."""
    from bordermap.geo.natural_earth import GEOD

    boxed = part_box(shape, direction)
    if boxed is None:
        return {}
    _, clip = boxed
    lengths = {code: GEOD.geometry_length(line.intersection(clip)) / 1000 for code, line in borders.items()}
    return {code: round(km, 1) for code, km in lengths.items() if km >= 0.05}


#: The eight directions a part is stored for; the adjectives and spellings of HALVES name the same parts.
DIRECTIONS = tuple(ADJECTIVES)


def canonical(direction: str) -> str | None:
    """"northern", "north-east", "Northeastern" -> "north", "northeast", "northeast"; None for other words."""
    word = direction.lower().replace("-", "")
    word = word.removesuffix("ern") if word.endswith(("thern", "stern")) else word
    return word if word in ADJECTIVES else None


@dataclass(frozen=True)
class StoredPart:
    """A row of ``data/country_parts.csv``: the part's point and the km of each neighbour's border in it."""

    lat: float
    lon: float
    borders: dict[str, float]


@lru_cache(maxsize=1)
def _stored_parts() -> dict[tuple[str, str], StoredPart]:
    """``data/country_parts.csv``: (country code, direction) -> its part, built from the Natural Earth
    outlines by ``data/country_parts.py``. Reading it takes milliseconds; loading the outlines to compute a
    part took a third of a second of every process that met one part phrase."""
    import csv

    from bordermap.geo.data_files import data_file

    with data_file("country_parts.csv").open(encoding="utf-8") as f:
        rows = csv.DictReader(line for line in f if not line.startswith("#"))
        return {(row["country"], row["direction"]): StoredPart(
                    float(row["lat"]), float(row["lon"]),
                    {code: float(km) for code, km in (item.split(":") for item in row["borders"].split("|") if item)})
                for row in rows}


def _stored(code: str, direction: str) -> StoredPart | None:
    word = canonical(direction)
    return _stored_parts().get((code.upper(), word)) if word else None


def part_point(code: str, direction: str) -> tuple[float, float] | None:
    """(lat, lon) of the part of a country a compass word names (any case or spelling: "Northern",
    "north-east"), or None: no outline, no land in that third of its extent (Austria's northwest), or not a
    compass word."""
    part = _stored(code, direction)
    return (part.lat, part.lon) if part is not None else None


def part_borders(code: str, direction: str) -> dict[str, float]:
    """Neighbour -> km of its border with the country that runs through the part a compass word names."""
    part = _stored(code, direction)
    return part.borders if part is not None else {}


def country_part(place: Place, direction: str) -> Place | None:
    """The named part of a country as a place of its own (kind region), or None."""
    if place.kind != "country" or not place.country_code:
        return None
    point = part_point(place.country_code, direction)
    if point is None:
        return None
    word = ADJECTIVES.get(canonical(direction) or "", direction)
    return replace(place, lat=point[0], lon=point[1], kind="region", name=f"{word} {place.name}",
                   ref=f"{place.ref}#{direction}", geonameid=None,
                   source=f"{place.source}; point: the centre of its {word} land (Natural Earth outline)")
