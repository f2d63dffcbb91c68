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

from bordermap.errors import BordermapError, InputError
from bordermap.layers.frames import Layers
from bordermap.output import os_error, output_dir, output_file

FORMATS = ("geojson", "gpkg", "parquet")
GPKG_NAME = "bordermap.gpkg"


def _geojson(frame, path: Path) -> None:
    import pyogrio

    pyogrio.write_dataframe(frame, path, driver="GeoJSON", use_arrow=True,
                            layer_options={"RFC7946": "YES", "COORDINATE_PRECISION": 6})


def gpkg_date() -> str:
    """The GeoPackage's change date: ``SOURCE_DATE_EPOCH`` (reproducible builds) or else the epoch, so the same
    layers give the same bytes."""
    from datetime import datetime, timezone

    written = os.environ.get("SOURCE_DATE_EPOCH", "").strip() or "0"
    try:
        seconds = int(written)
        stamp = datetime.fromtimestamp(seconds, tz=timezone.utc)  # noqa: UP017 - Python 3.10 has no datetime.UTC
    except (ValueError, OverflowError, OSError):
        raise InputError(f"SOURCE_DATE_EPOCH={written!r} is not a number of seconds since 1970 (reproducible "
                         "builds' convention)") from None
    return stamp.strftime("%Y-%m-%dT%H:%M:%S.000Z")


def _gpkg(layers: Layers, path: Path) -> None:
    import pyogrio

    pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": gpkg_date()})
    for name, frame in layers.items():
        pyogrio.write_dataframe(frame, path, layer=name, driver="GPKG", append=path.exists(), use_arrow=True,
                                dataset_options={"VERSION": "1.3"} if not path.exists() else None)


def _names(layers: Layers, formats: list[str]) -> list[str]:
    names = [f"{name}.geojson" for name, _ in layers.items()] if "geojson" in formats else []
    names += [GPKG_NAME] if "gpkg" in formats else []
    return names + ([f"{name}.parquet" for name, _ in layers.items()] if "parquet" in formats else [])


def write_layers(layers: Layers, out_dir: Path, formats: Iterable[str] = ("geojson", "gpkg")) -> list[Path]:
    """Write every layer in every format into ``out_dir``; return the paths written."""
    formats = list(formats)
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise BordermapError(f"unknown format {', '.join(unknown)}; choose from {', '.join(FORMATS)}")
    if "gpkg" in formats:
        gpkg_date()  # a SOURCE_DATE_EPOCH that is not a date: said before anything is written
    out_dir = output_dir(out_dir)
    for name in _names(layers, formats):
        output_file(out_dir / name)  # a device or folder where a layer goes is refused before anything is written
    try:
        staging = Path(tempfile.mkdtemp(prefix=".bordermap-", dir=out_dir))
    except OSError as exc:
        raise os_error(out_dir, exc) from None
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
            target = output_file(out_dir / path.name)  # through a symlink, to the file it names
            os.replace(path, target)
            written.append(out_dir / path.name)
    except OSError as exc:
        raise os_error(out_dir, exc) from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return written
