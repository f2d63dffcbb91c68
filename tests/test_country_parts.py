"""The parts of countries a compass word names: the shipped table is what the outlines give."""

from __future__ import annotations

import pytest

from bordermap.geo.country_parts import DIRECTIONS, _stored_parts, compute_part_borders, compute_part_point, part_point
from bordermap.layers.geometry import border_toward


def test_the_stored_parts_are_those_the_natural_earth_outlines_give():
    """``data/country_parts.csv`` holds, for every country and direction, the point computed from the outline
    and the km of each neighbour's border in that part (rebuild it with ``python data/country_parts.py`` when
    the outlines change)."""
    from bordermap.geo.natural_earth import countries, neighbour_pairs, shared_border

    frame = countries()
    computed = {(code, direction): compute_part_point(frame.geometry[code], direction)
                for code in frame.index for direction in DIRECTIONS}
    computed = {key: point for key, point in computed.items() if point is not None}
    stored = _stored_parts()
    assert set(stored) == set(computed)
    off = [key for key, part in stored.items()
           if abs(part.lat - computed[key][0]) > 1e-5 or abs(part.lon - computed[key][1]) > 1e-5]
    assert not off, off[:5]
    for code in ("FI", "PL", "IN"):
        borders = {b if a == code else a: shared_border(a, b) for a, b in neighbour_pairs() if code in (a, b)}
        for direction in DIRECTIONS:
            if (code, direction) in stored:
                assert stored[code, direction].borders == compute_part_borders(frame.geometry[code], direction, borders)


@pytest.mark.parametrize("spelling", ["northern", "north", "Northern"])
def test_every_spelling_of_a_direction_names_the_same_part(spelling):
    lat, lon = part_point("NO", spelling)
    assert lat > 66 and (lat, lon) == part_point("no", "north")  # Finnmark, not Oslo


def test_a_compound_direction_and_a_word_that_is_none():
    assert part_point("TR", "south-eastern") == part_point("TR", "southeast") is not None
    assert part_point("TR", "central") is None and part_point("XX", "north") is None


@pytest.mark.parametrize("code,direction,named,neighbour", [
    ("FI", "eastern", (), "RU"),  # the one border of Finland's east
    ("MX", "northern", (), "US"),
    ("US", "southern", (), "MX"),
    ("PL", "eastern", (), None),  # Belarus's and Ukraine's lines both run there: no guess
    ("PL", "eastern", ("UA", "DE"), "UA"),  # the article names one of them
    ("FI", "eastern", ("SE",), "RU"),  # a named country with no border in that part says nothing
])
def test_a_compass_word_gives_the_border_that_runs_through_that_part(code, direction, named, neighbour):
    assert border_toward(code, direction, named) == neighbour
