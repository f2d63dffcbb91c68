"""`--geocoder nominatim`: geopy's Nominatim behind RateLimiter and a disk cache (mocked)."""

from __future__ import annotations

from geopy.location import Location

from bordermap.geo.online import OnlineGazetteer


class FakeNominatim:
    """Stands at the geopy boundary: answers like Nominatim, counts the calls."""

    def __init__(self):
        self.calls = []

    def geocode(self, query, **kwargs):
        self.calls.append((query, kwargs))
        raw = {"place_id": 1, "name": "Minsk", "addresstype": "city", "osm_type": "relation", "osm_id": 59195,
               "address": {"country_code": "by"}}
        return [Location("Minsk, Belarus", (53.9024716, 27.5618225), raw)]


def test_nominatim_answers_are_rate_limited_cached_and_converted(tmp_path):
    fake = FakeNominatim()
    online = OnlineGazetteer(fake, tmp_path / "cache.sqlite", min_delay_seconds=0)
    first = online.candidates("Minsk")
    assert first[0].country_code == "BY" and first[0].kind == "city"
    assert "OpenStreetMap" in first[0].source
    again = OnlineGazetteer(FakeNominatim(), tmp_path / "cache.sqlite", min_delay_seconds=0)
    assert again.candidates("Minsk")[0].lat == first[0].lat
    assert len(fake.calls) == 1  # the second gazetteer read the disk cache
    assert online.geocode("Minsk").latitude == 53.9024716


def test_pipeline_resolves_with_the_online_geocoder(gazetteer, tmp_path):
    from bordermap.geo.article import Article
    from bordermap.geo.pipeline import GeoPipeline

    fake = FakeNominatim()
    pipeline = GeoPipeline(gazetteer, resolver=OnlineGazetteer(fake, tmp_path / "cache.sqlite", min_delay_seconds=0))
    article = pipeline(Article(id="t", text="Lukashenko spoke at a press conference in Minsk on Thursday."))
    (minsk,) = article.places
    assert minsk.text == "Minsk" and "OpenStreetMap" in minsk.place.source
    assert [query for query, _ in fake.calls] == ["Minsk"]  # recognition stayed offline: one request per name


def test_both_gazetteers_give_what_recognition_and_resolution_ask(gazetteer, tmp_path):
    from bordermap.geo.gazetteer import Gazetteer

    online = OnlineGazetteer(FakeNominatim(), tmp_path / "cache.sqlite", min_delay_seconds=0)
    assert isinstance(gazetteer, Gazetteer) and isinstance(online, Gazetteer)


class DownNominatim:
    """A geocoder with no network: every request fails as geopy reports it."""

    def __init__(self):
        self.calls = 0

    def geocode(self, query, **kwargs):
        from geopy.exc import GeocoderUnavailable

        self.calls += 1
        raise GeocoderUnavailable("Max retries exceeded (Caused by NameResolutionError)")


def test_a_geocoder_without_network_is_one_error_and_caches_nothing(tmp_path):
    import pytest

    from bordermap.errors import GeocoderError

    down = DownNominatim()
    online = OnlineGazetteer(down, tmp_path / "cache.sqlite", min_delay_seconds=0)
    with pytest.raises(GeocoderError, match="--fallback offline"):
        online.candidates("Minsk")
    assert down.calls == 1  # no retries with waits
    back = OnlineGazetteer(FakeNominatim(), tmp_path / "cache.sqlite", min_delay_seconds=0)
    assert back.candidates("Minsk")[0].name == "Minsk"  # the failure was not cached as "no such place"


def test_with_a_fallback_the_offline_gazetteer_answers_after_one_warning(gazetteer, tmp_path, caplog):
    down = DownNominatim()
    online = OnlineGazetteer(down, tmp_path / "cache.sqlite", min_delay_seconds=0, fallback=gazetteer)
    with caplog.at_level("WARNING", logger="bordermap"):
        minsk = online.candidates("Minsk")
        kyiv = online.candidates("Kyiv")
    assert minsk[0].country_code == "BY" and kyiv[0].country_code == "UA" and "GeoNames" in minsk[0].source
    assert down.calls == 1 and len([r for r in caplog.records if "offline gazetteer" in r.message]) == 1


def _cli_without_network(tmp_path, *options):
    """The CLI with its HTTPS requests sent to a closed local port, and a cache folder of its own."""
    import os
    import subprocess
    import sys

    from conftest import REPO

    from bordermap.geo.gazetteer_index import index_path

    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / index_path().name).symlink_to(index_path())
    env = {**os.environ, "BORDERMAP_CACHE_DIR": str(cache), "HTTPS_PROXY": "http://127.0.0.1:9",
           "HTTP_PROXY": "http://127.0.0.1:9", "NO_PROXY": ""}
    sample = REPO / "data" / "samples" / "belarus-border-2023.txt"
    command = [sys.executable, "-m", "bordermap", "map", str(sample), "--date", "2023-02-16", "--geocoder",
               "nominatim", "-o", str(tmp_path / "map.html"), *options]
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=120, check=False), cache


def test_cli_with_nominatim_and_no_network_stops_with_one_line(tmp_path):
    import sqlite3
    import time

    started = time.monotonic()
    done, cache = _cli_without_network(tmp_path)
    assert time.monotonic() - started < 30
    assert done.returncode != 0 and "Traceback" not in done.stderr
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "--geocoder nominatim could not reach" in lines[0], done.stderr
    assert not (tmp_path / "map.html").exists()
    stored = cache / "nominatim-cache.sqlite"
    assert not stored.exists() or sqlite3.connect(stored).execute("SELECT count(*) FROM answers").fetchone() == (0,)


def test_cli_with_nominatim_falls_back_to_the_offline_result(tmp_path):
    done, _ = _cli_without_network(tmp_path, "--fallback", "offline")
    assert done.returncode == 0, done.stderr
    assert "going on with the offline gazetteer" in done.stderr and "Traceback" not in done.stderr
    assert "Dzivin" in (tmp_path / "map.html").read_text(encoding="utf-8")
