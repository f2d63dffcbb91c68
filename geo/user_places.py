"""Places that users add: GeoNames dumps (``UA.txt``, ``allCountries.txt``) or CSVs.

They go into ``user.sqlite`` in the user's data directory, with the same
schema as the built index, and the gazetteer reads both from the next call
on. A file is checked whole before anything is written, so a bad line adds
nothing; the database is replaced atomically.
"""

from __future__ import annotations

import csv
import os
import shutil
import sqlite3
import tempfile
from pathlib import Path

from bordermap.errors import InputError
from bordermap.geo.gazetteer import KINDS
from bordermap.geo.gazetteer_index import (
    CITY_POPULATION,
    create_schema,
    place_from_row,
    upgrade_schema,
    write_places,
)

CSV_FIELDS = ("name", "lat", "lon", "kind", "country_code")
GEONAMES_COLUMNS = 19


class UserPlacesError(InputError):
    """A user file that cannot be added; the message names the file and line."""


def user_db_path() -> Path:
    """``BORDERMAP_DATA_DIR`` overrides the platform's user data directory."""
    override = os.environ.get("BORDERMAP_DATA_DIR")
    if override:
        return Path(override) / "user.sqlite"
    import platformdirs

    return Path(platformdirs.user_data_dir("bordermap")) / "user.sqlite"


def _geonames_kind(feature_class: str, feature_code: str, population: int) -> str:
    if feature_code.startswith("PCL"):
        return "country"
    if feature_class == "A":
        return "region" if feature_code in ("ADM1", "ADM1H") else "district"
    if feature_class == "P":
        return "city" if population >= CITY_POPULATION else "town"
    if feature_code in ("PSTB",):
        return "crossing"
    return {"T": "landform", "H": "water", "L": "area"}.get(feature_class, "landmark")


def _check_coords(lat: str, lon: str, where: str) -> None:
    try:
        ok = -90 <= float(lat) <= 90 and -180 <= float(lon) <= 180
    except ValueError:
        ok = False
    if not ok:
        raise UserPlacesError(f"{where}: latitude/longitude {lat!r}, {lon!r} are not valid degrees")


def read_geonames_dump(path: Path) -> list[dict[str, str]]:
    """Rows of a GeoNames dump (tab-separated, 19 columns, no header)."""
    rows = []
    with path.open(encoding="utf-8") as f:
        for n, line in enumerate(f, start=1):
            if not line.strip():
                continue
            cols = line.rstrip("\n").split("\t")
            where = f"{path.name} line {n}"
            if len(cols) != GEONAMES_COLUMNS:
                raise UserPlacesError(f"{where}: expected {GEONAMES_COLUMNS} tab-separated GeoNames columns, found {len(cols)}")
            _check_coords(cols[4], cols[5], where)
            population = int(cols[14]) if cols[14].isdigit() else 0
            rows.append({
                "name": cols[1], "alternate_names": "|".join(a for a in cols[3].split(",") if a),
                "lat": cols[4], "lon": cols[5], "country_code": cols[8],
                "kind": _geonames_kind(cols[6], cols[7], population), "population": str(population),
                "ref": f"user:geonames:{cols[0]}", "source": f"GeoNames dump {path.name} (user-supplied)",
            })
    return rows


def read_places_csv(path: Path) -> list[dict[str, str]]:
    """Rows of a CSV with at least name, lat, lon, kind, country_code."""
    rows = []
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        missing = [c for c in CSV_FIELDS if c not in (reader.fieldnames or [])]
        if missing:
            raise UserPlacesError(f"{path.name} line 1: missing column(s) {', '.join(missing)}; need {', '.join(CSV_FIELDS)}")
        for row in reader:
            where = f"{path.name} line {reader.line_num}"
            if None in row or any(row.get(c) is None for c in CSV_FIELDS):
                raise UserPlacesError(f"{where}: wrong number of fields")
            if not row["name"].strip():
                raise UserPlacesError(f"{where}: empty name")
            _check_coords(row["lat"], row["lon"], where)
            if row["kind"] not in KINDS:
                raise UserPlacesError(f"{where}: kind {row['kind']!r} is not one of {', '.join(KINDS)}")
            code = row["country_code"].strip().upper()
            if code and (len(code) != 2 or not code.isalpha()):
                raise UserPlacesError(f"{where}: country_code {row['country_code']!r} is not ISO 3166-1 alpha-2")
            rows.append({**row, "country_code": code, "ref": f"user:csv:{path.name}:{reader.line_num}",
                         "source": row.get("source") or f"{path.name} (user-supplied)"})
    return rows


def read_user_file(path: Path) -> list[dict[str, str]]:
    """Read a CSV (by its ``.csv`` suffix) or a GeoNames dump (anything else)."""
    if not path.is_file():
        raise UserPlacesError(f"{path}: no such file")
    try:
        if path.suffix.lower() == ".csv":
            return read_places_csv(path)
        return read_geonames_dump(path)
    except UnicodeDecodeError as exc:
        raise UserPlacesError(f"{path.name}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None


def add_user_places(path: Path, db_path: Path | None = None) -> int:
    """Add every place of ``path`` to the user database; return how many."""
    rows = read_user_file(path)
    db_path = db_path or user_db_path()
    db_path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=db_path.parent, suffix=".sqlite.tmp")
    os.close(fd)
    try:
        if db_path.exists():
            shutil.copyfile(db_path, tmp)
        conn = sqlite3.connect(tmp)
        if not db_path.exists():
            create_schema(conn)
        upgrade_schema(conn)
        start = conn.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM places").fetchone()[0]
        places = [place_from_row(row, ref=row["ref"], source=row["source"]) for row in rows]
        write_places(conn, places, first_id=max(start, 10**9))
        conn.commit()
        conn.close()
        os.replace(tmp, db_path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return len(rows)
