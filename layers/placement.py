"""Where an event goes on the map: a point for a place, a line for a route, never a country's centroid.

A named site or target is its gazetteer point ("north of Kyiv": 60 km north
of Kyiv). An event whose only place is a country, or a border, sits on the
stretch of that border (its two sides' shared line): a closure of "all
crossings to Belarus" on the Belarus-Ukraine border, not in Minsk or in the
middle of Ukraine. A route between countries starts just inside its origin
and ends just inside its target, where the two meet (at the article's own
crossing or town on that border when it names one); with no shared border
and no smaller place, an event has no geometry (it is still listed).
"""

from __future__ import annotations

from bordermap.layers import geometry as G

#: How far inside a country a route that starts or ends at the country is drawn (km).
INSET_KM = 30.0


def _point(role) -> tuple[float, float]:
    lat, lon = role.place.lat, role.place.lon
    if getattr(role, "direction", None):
        return G.offset(lat, lon, G.AZIMUTHS.get(role.direction, 0), G.RELATIVE_OFFSET_KM)
    return lat, lon


def _is_country(role) -> bool:
    return role.place.kind in ("country", "area")


def border_stretch(sides: tuple[str, ...], near: tuple[float, float] | None = None) -> tuple[float, float] | None:
    """A point of the border between two countries: the one nearest ``near``, else the line's middle."""
    if len(sides) != 2:
        return None
    if near is not None:
        return G.border_point(sides[0], sides[1], near)
    return G.border_midpoint(*sides)


def event_point(event) -> tuple[float, float] | None:
    """The point of a point event (see the module's docstring)."""
    place = event.site or event.target
    if place is not None and not _is_country(place):
        return _point(place)
    sides = event.sides
    if place is not None and event.origin is not None and event.origin.country != place.country:
        sides = (event.origin.country, place.country)
    return border_stretch(tuple(sides))


def route_ends(origin, target, near: tuple[float, float] | None = None
               ) -> tuple[tuple[float, float], tuple[float, float]] | None:
    """Start and end (lat, lon) of a route between two roles, or None when one end is a country that does not
    touch the other's. Between two countries the route crosses their border nearest ``near`` (the article's
    own place on that border), else at the line's middle."""
    start, end = None if _is_country(origin) else _point(origin), None if _is_country(target) else _point(target)
    if start is not None and end is not None:
        return start, end
    if start is None and end is None:
        crossing = border_stretch((origin.country, target.country), near)
        if crossing is None:
            return None
        return _inside(origin.country, target.country, crossing), _inside(target.country, origin.country, crossing)
    if start is None:
        crossing = _frontier(origin.country, target.country, end)
        return (_inside(origin.country, target.country, crossing), end) if crossing is not None else None
    crossing = _frontier(target.country, origin.country, start)
    return (start, _inside(target.country, origin.country, crossing)) if crossing is not None else None


def _frontier(country: str, other: str | None, toward: tuple[float, float]) -> tuple[float, float] | None:
    """Where a route leaves (or enters) a country toward a place: on its border with the place's country, nearest
    the place; where the two do not touch (the Golan, an enclave, a sea between), the country's land nearest it."""
    if country != other:
        crossing = G.border_point(country, other, toward) if other else None
        if crossing is not None:
            return crossing
    shape = G.country_shape(country)
    if shape is None or country == other:
        return None
    from shapely.geometry import Point
    from shapely.ops import nearest_points

    nearest = nearest_points(shape, Point(toward[1], toward[0]))[0]
    return nearest.y, nearest.x


def _inside(country: str, other: str, crossing: tuple[float, float]) -> tuple[float, float]:
    """A point INSET_KM inside ``country`` from a point of its border with ``other``: towards the middle of
    the country's land, or the first direction that stays inside it."""
    from shapely.geometry import Point

    shape = G.country_shape(country)
    if shape is None:
        return crossing
    middle = shape.representative_point()
    toward = G.GEOD.inv(crossing[1], crossing[0], middle.x, middle.y)[0]
    for turn in (0, 45, -45, 90, -90):
        candidate = G.offset(crossing[0], crossing[1], toward + turn, INSET_KM)
        if shape.contains(Point(candidate[1], candidate[0])):
            return candidate
    return crossing
