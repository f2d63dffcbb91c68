"""An online geopy geocoder (Nominatim) as a drop-in for the offline gazetteer.

Rate limiting and caching are wrappers, as in geopy: ``RateLimiter`` keeps to
Nominatim's one request a second, and ``DiskCache`` keeps every answer in a
SQLite file so that a re-run asks nothing twice. ``OnlineGazetteer`` offers the
same ``geocode`` / ``candidates`` methods as ``OfflineGazetteer``, so the
resolver does not know which one it talks to.

A geocoder that does not answer (no network, refused, timed out, over quota)
is a ``GeocoderError`` at the first failed request: one line, not a wait of a
minute and a place marked unknown. Only answers are cached, never a failure,
so a place is found once the network is back. With a ``fallback`` gazetteer
the run goes on offline instead, after one warning.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Callable
from pathlib import Path

from geopy.exc import GeocoderServiceError
from geopy.geocoders.base import Geocoder
from geopy.location import Location

from bordermap.errors import DataError, GeocoderError
from bordermap.geo.gazetteer import Gazetteer, Place
from bordermap.geo.names import name_key

logger = logging.getLogger("bordermap")

DEFAULT_USER_AGENT = "bordermap/0.1 (offline-first geoparser; set --user-agent to your contact)"

#: Nominatim's address types, mapped to our kinds.
_NOMINATIM_KINDS = {
    "country": "country", "state": "region", "region": "region", "province": "region",
    "county": "district", "city": "city", "town": "town", "village": "town", "hamlet": "town",
    "suburb": "town", "border_control": "crossing",
}


class DiskCache:
    """Wrap a geocode function with an on-disk cache of its raw answers (an exception is not an answer: it
    goes to the caller and nothing is stored)."""

    def __init__(self, func: Callable[..., list[Location] | Location | None], path: Path):
        self._func = func
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._conn = sqlite3.connect(str(path))
            self._conn.execute("CREATE TABLE IF NOT EXISTS answers (query TEXT PRIMARY KEY, value TEXT NOT NULL)")
        except (OSError, sqlite3.Error) as exc:  # a read-only cache folder, a file that is not a database
            raise DataError(f"the online geocoder's cache {path} cannot be used ({exc}): remove the file, or set "
                            "BORDERMAP_CACHE_DIR to a folder you can write") from None

    def __call__(self, query: str, **kwargs) -> list[Location]:
        key = json.dumps([query, kwargs], sort_keys=True)
        row = self._conn.execute("SELECT value FROM answers WHERE query = ?", (key,)).fetchone()
        if row is not None:
            return [Location(a, (lat, lon), raw) for a, lat, lon, raw in json.loads(row[0])]
        found = self._func(query, **kwargs) or []
        found = found if isinstance(found, list) else [found]
        value = json.dumps([[loc.address, loc.latitude, loc.longitude, loc.raw] for loc in found])
        with self._conn:
            self._conn.execute("INSERT OR REPLACE INTO answers VALUES (?, ?)", (key, value))
        return found


def _place_from_location(location: Location, rank: int) -> Place:
    raw = location.raw or {}
    kind = _NOMINATIM_KINDS.get(raw.get("addresstype") or raw.get("type", ""), "town")
    address = raw.get("address") or {}
    code = (address.get("country_code") or "").upper() or None
    return Place(
        id=int(raw.get("place_id") or 0), name=raw.get("name") or location.address.split(",")[0],
        lat=location.latitude, lon=location.longitude, country_code=code, kind=kind,
        population=0, admin1=None, geonameid=None,
        ref=f"nominatim:{raw.get('osm_type', '')}/{raw.get('osm_id', '')}",
        source="OpenStreetMap via Nominatim (ODbL)", score=-float(rank),
    )


class OnlineGazetteer:
    """Any geopy geocoder, rate-limited and cached, with ``candidates()``."""

    def __init__(self, geocoder: Geocoder, cache_path: Path, min_delay_seconds: float = 1.0,
                 fallback: Gazetteer | None = None, name: str = "nominatim"):
        from geopy.extra.rate_limiter import RateLimiter

        limited = RateLimiter(geocoder.geocode, min_delay_seconds=min_delay_seconds, max_retries=0,
                              swallow_exceptions=False)
        self._geocode = DiskCache(limited, cache_path)
        self._offline = None
        self.name = name
        self.host = getattr(geocoder, "domain", name)
        self.fallback = fallback
        self.down: str | None = None  # why the geocoder stopped answering, once it has

    def _ask(self, query: str, **kwargs) -> list[Location] | None:
        """The geocoder's answer, or None once it is down and a fallback answers instead."""
        if self.down is None:
            try:
                return self._geocode(query, **kwargs)
            except (GeocoderServiceError, OSError) as exc:
                self.down = f"could not reach {self.host} ({type(exc).__name__})"
                if self.fallback is None:
                    raise GeocoderError(f"--geocoder {self.name} {self.down}; run without --geocoder {self.name} to "
                                        "stay offline, or add --fallback offline") from None
                logger.warning("bordermap: --geocoder %s %s; going on with the offline gazetteer", self.name, self.down)
        return None

    def candidates(self, name: str, country_codes: str | list[str] | None = None) -> list[Place]:
        if not name_key(name):
            return []
        kwargs = {"exactly_one": False, "limit": 5, "addressdetails": True}
        if country_codes:
            kwargs["country_codes"] = country_codes
        found = self._ask(name, **kwargs)
        if found is None and self.fallback is not None:
            return self.fallback.candidates(name, country_codes)
        return [_place_from_location(loc, i) for i, loc in enumerate(found or [])]

    def geocode(self, query: str, *, exactly_one: bool = True, country_codes=None, **_) -> Location | list[Location] | None:
        kwargs = {"exactly_one": False, "limit": 5, "addressdetails": True}
        if country_codes:
            kwargs["country_codes"] = country_codes
        found = self._ask(query, **kwargs)
        if found is None and self.fallback is not None:
            return self.fallback.geocode(query, exactly_one=exactly_one, country_codes=country_codes)
        if not found:
            return None
        return found[0] if exactly_one else found

    def suggestions(self, query: str, limit: int = 3) -> list[str]:
        return []

    def country(self, code: str) -> Place | None:
        """Country points stay offline (GeoNames-style), so both geocoders agree on them."""
        from bordermap.geo.gazetteer import OfflineGazetteer

        if self._offline is None:
            self._offline = OfflineGazetteer()
        return self._offline.country(code)


#: Seconds to wait for one Nominatim answer (geopy's default is 1 s).
TIMEOUT_SECONDS = 10


def nominatim(user_agent: str | None = None, cache_path: Path | None = None,
              fallback: Gazetteer | None = None) -> OnlineGazetteer:
    """Nominatim behind RateLimiter and a disk cache in the user's cache directory."""
    from geopy.geocoders import Nominatim

    from bordermap.geo.gazetteer_index import cache_dir

    return OnlineGazetteer(
        Nominatim(user_agent=user_agent or DEFAULT_USER_AGENT, timeout=TIMEOUT_SECONDS),
        cache_path or cache_dir() / "nominatim-cache.sqlite",
        fallback=fallback,
    )
