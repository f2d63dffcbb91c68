"""The Natural Earth countries of the whole world, drawn beneath the web tiles of every map.

Tiles need a network; a map opened on a train, or one whose tile server is
blocked, would be a grey sheet. This basemap is in the page itself: the
tiles cover it when they load, and without them the countries and borders
are still there. Simplified to 0.05 degrees (about 5 km) with coordinates
rounded to 0.001 degree, the world costs about 1.2 MB of HTML.
"""

from __future__ import annotations

import json
from functools import lru_cache

SIMPLIFY_DEG = 0.05
PRECISION_DEG = 0.001


@lru_cache(maxsize=1)
def world() -> str:
    """The world's countries as GeoJSON text (computed once per process: a corpus run draws one map per call)."""
    import shapely

    from bordermap.layers.geometry import countries

    frame = countries()[["geometry"]].reset_index(drop=True)
    simplified = frame.simplify(SIMPLIFY_DEG, preserve_topology=True).values
    frame["geometry"] = shapely.set_precision(simplified, PRECISION_DEG)
    frame = frame[~frame.is_empty]
    return json.dumps(json.loads(frame.to_json(drop_id=True)), separators=(",", ":"))
