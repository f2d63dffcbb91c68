"""A place as it plays a part in an event: the name as written, the gazetteer entry, offsets."""

from __future__ import annotations

from dataclasses import dataclass

from bordermap.geo.gazetteer import Place


@dataclass
class Role:
    """A place in an event: its name as written, the gazetteer entry and offsets."""

    text: str
    place: Place
    start: int
    end: int
    direction: str | None = None  # "north" in "to the north of Kyiv"

    @property
    def country(self) -> str | None:
        return self.place.country_code
