"""How precisely an event is placed and dated, with the codes analysts know from ACLED and UCDP.

``geo_precision``: 1 a named town, crossing or site; 2 near a named place, a
part of it ("north of Kyiv"), a river or lake that forms a border, or a site
carried over from an earlier sentence; 3 a region, a sea, or only a country or a border (then the point is the
border's stretch or the region, never a country's centroid).
``time_precision``: 1 a day, 2 a week, 3 a month or vaguer.
"""

from __future__ import annotations

#: Kinds of place that are a precise point: a named town, crossing or site.
PRECISE_KINDS = ("crossing", "town", "city", "landmark", "landform", "island", "facility")


def geo_precision(event) -> int:
    place = event.site or event.target
    if place is None:
        return 3
    if place.place.kind == "water":  # its point stands for a stretch of a border river or lake, or for a sea
        return 2 if place.place.sides else 3
    if place.place.kind not in PRECISE_KINDS:
        return 3
    return 2 if (place.direction or event.inferred_site) else 1


def time_precision(date: str | None) -> int | None:
    if not date:
        return None
    return 1 if len(date) >= 10 else 3
