"""The parts of countries a compass word names: the shipped table is what the outlines give."""

from __future__ import annotations

import pytest

from bordermap.geo.country_parts import DIRECTIONS, _stored_parts, compute_part_point, part_point


def test_the_stored_parts_are_those_the_natural_earth_outlines_give():
    """``data/country_parts.csv`` holds, for every country and direction, the point computed from the outline
    (rebuild it with ``python data/country_parts.py`` when the outlines change)."""
    from bordermap.geo.natural_earth import countries

    frame = countries()
    computed = {(code, direction): compute_part_point(frame.geometry[code], direction)
                for code in frame.index for direction in DIRECTIONS}
    computed = {key: point for key, point in computed.items() if point is not None}
    stored = _stored_parts()
    assert set(stored) == set(computed)
    off = [key for key, (lat, lon) in stored.items()
           if abs(lat - computed[key][0]) > 1e-5 or abs(lon - computed[key][1]) > 1e-5]
    assert not off, off[:5]


@pytest.mark.parametrize("spelling", ["northern", "north", "Northern"])
def test_every_spelling_of_a_direction_names_the_same_part(spelling):
    lat, lon = part_point("NO", spelling)
    assert lat > 66 and (lat, lon) == part_point("no", "north")  # Finnmark, not Oslo


def test_a_compound_direction_and_a_word_that_is_none():
    assert part_point("TR", "south-eastern") == part_point("TR", "southeast") is not None
    assert part_point("TR", "central") is None and part_point("XX", "north") is None
