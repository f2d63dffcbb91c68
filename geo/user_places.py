"""Places that users add: GeoNames dumps (``UA.txt``, ``allCountries.txt``) or CSVs.

They go into ``user.sqlite`` in the user's data directory, with the same
schema as the built index, and the gazetteer reads both from the next call
on. A file is checked whole before anything is written, so a bad line adds
nothing (it is read as a stream, twice: its size does not matter); its places are written in one SQLite transaction that takes the
database's write lock first (``BEGIN IMMEDIATE``), so that runs adding at the
same time wait for each other and none of their places is lost.
"""

from __future__ import annotations

import csv
import os
import re
import sqlite3
from collections.abc import Iterator
from itertools import islice
from pathlib import Path

from bordermap.errors import DataError, InputError
from bordermap.geo.gazetteer import KINDS
from bordermap.geo.gazetteer_index import (
    CITY_POPULATION,
    create_schema,
    place_from_row,
    upgrade_schema,
    write_places,
)
from bordermap.geo.reading import missing_reason, wide_encoding

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


#: A number of degrees as a GeoNames dump or a spreadsheet writes it (Python's float took "5_0" as 50).
_DEGREES = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


def _check_coords(lat: str, lon: str, where: str) -> None:
    ok = all(_DEGREES.fullmatch(value.strip()) for value in (lat, lon)) and \
        -90 <= float(lat) <= 90 and -180 <= float(lon) <= 180
    if not ok:
        raise UserPlacesError(f"{where}: latitude/longitude {lat!r}, {lon!r} are not valid degrees")


def _check_name(name: str, where: str) -> None:
    if not name.strip():
        raise UserPlacesError(f"{where}: empty name")


def _country_code(value: str, where: str) -> str:
    """ISO 3166-1 alpha-2 in capitals, or empty when not known."""
    code = value.strip().upper()
    if code and (len(code) != 2 or not code.isascii() or not code.isalpha()):
        raise UserPlacesError(f"{where}: country_code {value!r} is not ISO 3166-1 alpha-2")
    return code


def _population(value: str | None, where: str) -> int:
    """A population is a whole number of ASCII digits up to 12 of them (SQLite's integers end at 19; str.isdigit
    took '²'), or empty when not known."""
    value = (value or "").strip()
    if value and not re.fullmatch(r"[0-9]{1,12}", value):
        raise UserPlacesError(f"{where}: population {value[:40]!r} is not a whole number of people (leave it empty "
                              "if unknown)")
    return int(value or 0)


def read_geonames_dump(path: Path) -> Iterator[dict[str, str]]:
    """Rows of a GeoNames dump (tab-separated, 19 columns, no header), checked as the CSV's are, one at a
    time: ``allCountries.txt`` has 12 million."""
    with path.open(encoding="utf-8") as f:
        for n, line in enumerate(f, start=1):
            if not line.strip():
                continue
            cols = line.rstrip("\n").split("\t")
            where = f"{path.name} line {n}"
            if len(cols) != GEONAMES_COLUMNS:
                raise UserPlacesError(f"{where}: expected {GEONAMES_COLUMNS} tab-separated GeoNames columns, found {len(cols)}")
            _check_name(cols[1], where)
            _check_coords(cols[4], cols[5], where)
            population = _population(cols[14], where)
            yield {
                "name": cols[1], "alternate_names": "|".join(a for a in cols[3].split(",") if a),
                "lat": cols[4], "lon": cols[5], "country_code": _country_code(cols[8], where),
                "kind": _geonames_kind(cols[6], cols[7], population), "population": str(population),
                "ref": f"user:geonames:{cols[0]}", "source": f"GeoNames dump {path.name} (user-supplied)",
            }


def _csv_rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row) of a CSV with the required columns."""
    with path.open(encoding="utf-8-sig", newline="") as f:  # a spreadsheet's CSV often starts with a BOM
        reader = csv.DictReader(f)
        try:
            missing = [c for c in CSV_FIELDS if c not in (reader.fieldnames or [])]
            if missing:
                raise UserPlacesError(f"{path.name} line 1: missing column(s) {', '.join(missing)}; "
                                      f"need {', '.join(CSV_FIELDS)}")
            for row in reader:
                yield reader.line_num, row
        except csv.Error as exc:  # a field over the csv module's limit (131,072 characters), a stray NUL
            raise UserPlacesError(f"{path.name} line {reader.line_num + 1}: {exc}") from None


def read_places_csv(path: Path) -> Iterator[dict[str, str]]:
    """Rows of a CSV with at least name, lat, lon, kind, country_code (population and source optional)."""
    for number, row in _csv_rows(path):
        where = f"{path.name} line {number}"
        if None in row or any(row.get(c) is None for c in CSV_FIELDS):
            raise UserPlacesError(f"{where}: wrong number of fields")
        _check_name(row["name"], where)
        _check_coords(row["lat"], row["lon"], where)
        if row["kind"] not in KINDS:
            raise UserPlacesError(f"{where}: kind {row['kind']!r} is not one of {', '.join(KINDS)}")
        population = _population(row.get("population"), where)
        yield {**row, "country_code": _country_code(row["country_code"], where), "population": str(population),
               "ref": f"user:csv:{path.name}:{number}", "source": row.get("source") or f"{path.name} (user-supplied)"}


def read_user_file(path: Path) -> Iterator[dict[str, str]]:
    """The checked rows of a CSV (by its ``.csv`` suffix) or a GeoNames dump (anything else), streamed."""
    if not path.exists():
        raise UserPlacesError(f"{path}: {missing_reason(path)}")
    if not path.is_file():
        raise UserPlacesError(f"{path}: not a regular file (a folder, FIFO or device): name a CSV or GeoNames file")
    with path.open("rb") as f:
        wide = wide_encoding(f.read(4))
    if wide is not None:
        raise UserPlacesError(f"{path.name}: {wide.upper()} text; save it as UTF-8 first")
    try:
        yield from read_places_csv(path) if path.suffix.lower() == ".csv" else read_geonames_dump(path)
    except UnicodeDecodeError as exc:
        raise UserPlacesError(f"{path.name}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None


#: Seconds a run adding places waits for another one to finish.
LOCK_TIMEOUT_SECONDS = 120


#: Places converted and inserted at once: memory holds this many, whatever the file's size.
ROWS_PER_INSERT = 10_000


def add_user_places(path: Path, db_path: Path | None = None) -> int:
    """Add every place of ``path`` to the user database, in one transaction; return how many. The file is read
    twice, as a stream: once to check every line (a bad one adds nothing), then to insert it a chunk at a time
    (its rows, as dicts and places, took 2.3 KB each: 28 GB for ``allCountries.txt``)."""
    count = sum(1 for _ in read_user_file(path))
    db_path = db_path or user_db_path()
    db_path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(db_path, timeout=LOCK_TIMEOUT_SECONDS, isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")  # the write lock now: ids and rows of two runs never interleave
        if not conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'places'").fetchone():
            create_schema(conn)
        upgrade_schema(conn)
        next_id = max(conn.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM places").fetchone()[0], 10**9)
        rows = read_user_file(path)
        while chunk := list(islice(rows, ROWS_PER_INSERT)):
            next_id = write_places(conn, [place_from_row(row, ref=row["ref"], source=row["source"]) for row in chunk],
                                   first_id=next_id)
        conn.execute("COMMIT")  # until here, an error (the file changed since it was checked) adds nothing
    except sqlite3.OperationalError as exc:
        if "locked" not in str(exc):
            raise DataError(damaged_user_db(db_path, exc)) from None
        raise DataError(f"another 'bordermap gazetteer add' has been writing {db_path} for over "
                        f"{LOCK_TIMEOUT_SECONDS} s; run this one again when it is done") from None
    except sqlite3.DatabaseError as exc:
        raise DataError(damaged_user_db(db_path, exc)) from None
    finally:
        conn.close()
    return count


def damaged_user_db(db_path: Path, exc: Exception) -> str:
    """What to say of a user database SQLite cannot read, and how to get going again."""
    return (f"your places database {db_path} cannot be read ({exc}); move it away (your GeoNames or CSV files "
            "can be added again with 'bordermap gazetteer add')")
