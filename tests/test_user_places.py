"""Users add places from a GeoNames dump or a CSV; a bad file adds nothing."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from bordermap.geo.gazetteer import OfflineGazetteer
from bordermap.geo.user_places import UserPlacesError, add_user_places

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture()
def user_db(tmp_path):
    return tmp_path / "user.sqlite"


def test_csv_places_are_used_from_the_next_call(user_db, gazetteer):
    assert add_user_places(FIXTURES / "user-places.csv", user_db) == 2
    mine = OfflineGazetteer(index_path=gazetteer._index_path, user_path=user_db)
    place = mine.geocode("Domanove")
    assert place.raw["country_code"] == "UA"
    assert place.raw["kind"] == "town"
    assert mine.geocode("Доманове").raw["name"] == "Domanove"
    assert mine.geocode("Mokrany").raw["kind"] == "crossing"
    assert mine.geocode("Minsk").raw["geonameid"] == 625144  # the built-in index still answers


def test_geonames_dump_format(user_db, gazetteer):
    assert add_user_places(FIXTURES / "UA-sample.txt", user_db) == 2
    mine = OfflineGazetteer(index_path=gazetteer._index_path, user_path=user_db)
    assert mine.geocode("Grushvitsa Pervaya").raw["name"] == "Hrushvytsia Persha"
    assert mine.geocode("Ustyluh crossing").raw["kind"] == "crossing"


def test_geonames_border_posts_come_in_as_crossings(user_db, gazetteer):
    # Two GeoNames lines of feature code PSTB (border post), at the Vartius (FI) and Storskog (NO) checkpoints of
    # data/crossings.csv; a dump gives one country per post, so the second side is not known.
    assert add_user_places(FIXTURES / "border-posts-sample.txt", user_db) == 2
    mine = OfflineGazetteer(index_path=gazetteer._index_path, user_path=user_db)
    vartius = mine.geocode("Vartius border station").raw
    assert (vartius["kind"], vartius["country_code"], vartius["id"]) == ("crossing", "FI", "user:geonames:9990101")
    assert vartius["name"] == "Vartiuksen rajanylityspaikka" and vartius["border_of"] is None
    storskog = mine.geocode("Storskog grensestasjon").raw
    assert (storskog["kind"], storskog["country_code"]) == ("crossing", "NO")
    assert mine.geocode("Vartiuksen rajanylityspaikka checkpoint").raw["id"] == "user:geonames:9990101"  # a news form
    assert mine.geocode("Vartius").raw["id"] == "crossings:vartius-lytta"  # the shipped crossing still answers


def test_a_user_database_from_before_schema_5_is_read_and_grows(tmp_path, gazetteer):
    """user.sqlite made by an older bordermap has no crossing columns (border_of, a name's country)."""
    old = tmp_path / "user.sqlite"
    conn = sqlite3.connect(old)
    conn.executescript(SCHEMA_4)
    conn.close()
    assert OfflineGazetteer(index_path=gazetteer._index_path, user_path=old).geocode("Minsk").raw["border_of"] is None
    assert add_user_places(FIXTURES / "border-posts-sample.txt", old) == 2
    mine = OfflineGazetteer(index_path=gazetteer._index_path, user_path=old)
    assert mine.geocode("Storskog grensestasjon").raw["kind"] == "crossing"


SCHEMA_4 = """
CREATE TABLE places (id INTEGER PRIMARY KEY, name TEXT NOT NULL, lat REAL NOT NULL, lon REAL NOT NULL,
    country_code TEXT, kind TEXT NOT NULL, population INTEGER NOT NULL, admin1 TEXT, geonameid INTEGER,
    ref TEXT NOT NULL, source TEXT NOT NULL, prior REAL NOT NULL, alternate_names TEXT NOT NULL);
CREATE TABLE names (key TEXT NOT NULL, place INTEGER NOT NULL, weight REAL NOT NULL, PRIMARY KEY (key, place))
    WITHOUT ROWID;
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


def test_malformed_csv_names_the_line_and_adds_nothing(user_db, gazetteer):
    add_user_places(FIXTURES / "user-places.csv", user_db)
    before = user_db.read_bytes()
    with pytest.raises(UserPlacesError, match=r"user-places-bad.csv line 3: latitude/longitude 'ninety'"):
        add_user_places(FIXTURES / "user-places-bad.csv", user_db)
    assert user_db.read_bytes() == before
    mine = OfflineGazetteer(index_path=gazetteer._index_path, user_path=user_db)
    assert mine.geocode("Zhovkva Test Hamlet") is None  # the good first line was not half-added


def test_wrong_columns_and_missing_file(tmp_path, user_db):
    bad = tmp_path / "bad.csv"
    bad.write_text("place,latitude\nMinsk,53\n", encoding="utf-8")
    with pytest.raises(UserPlacesError, match="missing column"):
        add_user_places(bad, user_db)
    with pytest.raises(UserPlacesError, match="no such file"):
        add_user_places(tmp_path / "nope.csv", user_db)
    assert not user_db.exists()


def test_not_utf8(tmp_path, user_db):
    bad = tmp_path / "latin1.csv"
    bad.write_bytes("name,lat,lon,kind,country_code\nKuźnica,53.5,23.6,town,PL\n".encode("cp1250"))
    with pytest.raises(UserPlacesError, match="not UTF-8"):
        add_user_places(bad, user_db)


def test_an_add_that_waits_too_long_for_another_names_it_not_a_damaged_database(user_db, monkeypatch):
    from bordermap.errors import DataError
    from bordermap.geo import user_places

    add_user_places(FIXTURES / "user-places.csv", user_db)
    other = sqlite3.connect(user_db, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another add, writing
    monkeypatch.setattr(user_places, "LOCK_TIMEOUT_SECONDS", 0.1)
    try:
        with pytest.raises(DataError, match="another 'bordermap gazetteer add' has been writing"):
            add_user_places(FIXTURES / "user-places.csv", user_db)
    finally:
        other.close()
