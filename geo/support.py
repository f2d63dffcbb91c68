"""How the other names of an article vouch for a candidate: a town in a county or state it names, or near it.

"Alexandria" beside "Arlington" is Alexandria, Va.; "Boone County" beside
"Lebanon, Ind." is Indiana's. Only candidates of one country can link, so
each candidate asks only the names that have a candidate in its country.
"""

from __future__ import annotations

import math
from collections import defaultdict

from bordermap.geo.config import ResolverConfig
from bordermap.geo.gazetteer import Place

WIDE_KINDS = ("country", "area")  # too large to anchor nearness
DIVISIONS = ("region", "district")  # first-level (states, provinces) and second-level (counties)
#: Kilometres per degree of latitude: two points are at least this times their latitude difference apart.
KM_PER_DEGREE = math.pi * 6371.0088 / 180
DEFAULT = ResolverConfig()


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


def contains(region: Place, place: Place, config: ResolverConfig = DEFAULT) -> bool:
    """Does a country, first-level region or county (a qualifier) hold the place?"""
    if region.kind == "country":
        return place.country_code == region.country_code
    if region.kind == "region":
        return place.country_code == region.country_code and (
            place.admin1 == region.admin1 or km(place.lat, place.lon, region.lat, region.lon) < 300
        )
    if region.kind == "district":  # "Lebanon, Boone County": a county is small
        return place.country_code == region.country_code and (
            km(place.lat, place.lon, region.lat, region.lon) < config.support_km)
    return False


def link(place: Place, other: Place, config: ResolverConfig = DEFAULT) -> float:
    """How strongly two candidates of different names vouch for each other: one inside the other's
    first-level region (Gainesville and Georgia), or near each other (Alexandria and Arlington)."""
    if place.kind in WIDE_KINDS or other.kind in WIDE_KINDS or place.country_code != other.country_code:
        return 0.0
    distance = config.support_km if far(place, other, config) else km(place.lat, place.lon, other.lat, other.lon)
    divisions = (place.kind in DIVISIONS, other.kind in DIVISIONS)
    if divisions[0] != divisions[1] and place.admin1 and place.admin1 == other.admin1:
        division = place if divisions[0] else other
        if division.kind == "region":  # a town in a state
            return 1.0
        if distance < config.support_km:  # a town in a county (its seat: Richmond, Madison County, Ky.), or by it
            return 1.0 if distance < config.in_district_km else 0.5
    return max(0.0, 1 - distance / config.support_km) * 0.5


def far(place: Place, other: Place, config: ResolverConfig = DEFAULT) -> bool:
    """Farther apart than support_km by latitude alone: most pairs, told apart without a distance."""
    return abs(place.lat - other.lat) * KM_PER_DEGREE >= config.support_km


def far_link(place: Place, other: Place) -> float:
    """``link`` of two candidates of one country that are ``far``: only a town in a state links."""
    if not place.admin1 or place.admin1 != other.admin1:
        return 0.0
    if place.kind in DIVISIONS:
        return 1.0 if place.kind == "region" and other.kind not in DIVISIONS else 0.0
    return 1.0 if other.kind == "region" else 0.0


def _deep_by_state(found: list[Place], config: ResolverConfig) -> dict[tuple[bool, str | None, str], list[Place]]:
    """A name's candidates past its first support_top that can be one side of a town-in-county link, by
    (is a county, country, first-level region): "Paris" and "Henry County" find Paris, Tenn., its seat,
    though neither is the likeliest of its name (LGL +0.7 points)."""
    grouped = defaultdict(list)
    for place in found[config.support_top :]:
        if place.admin1 and place.kind not in WIDE_KINDS and place.kind != "region":
            grouped[(place.kind == "district", place.country_code, place.admin1)].append(place)
    return grouped


def _in_district(place: Place, others: list[Place], config: ResolverConfig) -> float:
    """1 when one of ``others`` (counties of the town's state, or towns of the county's) is within
    in_district_km: the town is in the county or is its seat, however deep either is in its candidates."""
    for other in others:
        if abs(place.lat - other.lat) * KM_PER_DEGREE < config.in_district_km and \
                km(place.lat, place.lon, other.lat, other.lon) < config.in_district_km:
            return 1.0
    return 0.0


def _top_by_country(found_by_key: dict[str, list[Place]], salient: list[str], chosen: dict[str, Place],
                    config: ResolverConfig) -> dict[str, dict[str | None, list[Place]]]:
    """Each salient name's first candidates (and its chosen place), by country."""
    top = {}
    for other in salient:
        grouped = defaultdict(list)
        for q in found_by_key[other][: config.support_top] + ([chosen[other]] if other in chosen else []):
            if q.kind not in WIDE_KINDS:
                grouped[q.country_code].append(q)
        top[other] = grouped
    return top


def support(found_by_key: dict[str, list[Place]], salient: list[str], chosen: dict[str, Place] | None = None,
            config: ResolverConfig = DEFAULT) -> dict[tuple[str, int], float]:
    """(name key, candidate index) -> how much the article's other salient names support that candidate:
    each other name by its first support_top candidates and, once there is one, its ``chosen`` place
    (Lebanon, Ind., chosen for its people and police, backs Indiana's Boone County)."""
    chosen = chosen or {}
    deep = {key: _deep_by_state(found_by_key[key], config) for key in salient}
    top_by_country = _top_by_country(found_by_key, salient, chosen, config)
    in_country = defaultdict(list)  # a candidate asks only the names with a candidate in its own country
    for other in salient:
        for code in set(top_by_country[other]) | {code for _, code, _ in deep[other]}:
            in_country[code].append(other)
    backing = {}
    for key, found in found_by_key.items():
        for i, place in enumerate(found):
            if place.kind in WIDE_KINDS:
                continue
            total = 0.0
            wanted = (place.kind != "district", place.country_code, place.admin1)
            for other in in_country.get(place.country_code, ()):
                if other == key:
                    continue
                best = 0.0
                for q in top_by_country[other].get(place.country_code, ()):
                    best = max(best, far_link(place, q) if far(place, q, config) else link(place, q, config))
                if best < 1.0 and place.kind != "region" and wanted in deep[other]:
                    best = max(best, _in_district(place, deep[other][wanted], config))
                total += best
            if total:
                backing[(key, i)] = min(total, config.support_cap)
    return backing
