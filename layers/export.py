"""Write layers to GeoJSON (RFC 7946), GeoPackage and GeoParquet, atomically.

Every file is written under a temporary name in the target directory and
renamed into place only when complete, so a failed run never leaves a
half-written file where a user (or QGIS) expects a whole one.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path

from bordermap.errors import BordermapError
from bordermap.layers.frames import Layers

FORMATS = ("geojson", "gpkg", "parquet")
GPKG_NAME = "bordermap.gpkg"


def _geojson(frame, path: Path) -> None:
    import pyogrio

    pyogrio.write_dataframe(frame, path, driver="GeoJSON", layer_options={"RFC7946": "YES", "COORDINATE_PRECISION": 6})


def _gpkg(layers: Layers, path: Path) -> None:
    import pyogrio

    for name, frame in layers.items():
        pyogrio.write_dataframe(frame, path, layer=name, driver="GPKG", append=path.exists(),
                                dataset_options={"VERSION": "1.3"} if not path.exists() else None)


def write_layers(layers: Layers, out_dir: Path, formats: Iterable[str] = ("geojson", "gpkg")) -> list[Path]:
    """Write every layer in every format into ``out_dir``; return the paths written."""
    formats = list(formats)
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise BordermapError(f"unknown format {', '.join(unknown)}; choose from {', '.join(FORMATS)}")
    out_dir = Path(out_dir)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BordermapError(f"cannot create {out_dir}: {exc.strerror}") from None
    staging = Path(tempfile.mkdtemp(prefix=".bordermap-", dir=out_dir))
    written = []
    try:
        if "geojson" in formats:
            for name, frame in layers.items():
                _geojson(frame, staging / f"{name}.geojson")
        if "gpkg" in formats:
            _gpkg(layers, staging / GPKG_NAME)
        if "parquet" in formats:
            for name, frame in layers.items():
                frame.to_parquet(staging / f"{name}.parquet")
        for path in sorted(staging.iterdir()):
            os.replace(path, out_dir / path.name)
            written.append(out_dir / path.name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return written
