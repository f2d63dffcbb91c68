"""`bordermap geocode` and `bordermap gazetteer add` as a user runs them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import km

FIXTURES = Path(__file__).parent / "fixtures"


def run(*args: str, env_extra: dict | None = None) -> subprocess.CompletedProcess:
    import os

    env = {**os.environ, **(env_extra or {})}
    return subprocess.run([sys.executable, "-m", "bordermap", *args], check=False, capture_output=True, text=True, env=env, timeout=300)




def test_geocode_json_in_the_order_asked(gazetteer):
    names = ["Dyvin", "Divin", "Minsk", "Kyiv", "Kiev", "Київ", "Moscow region", "Brest"]
    result = run("geocode", *names, "--json")
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["query"] for r in rows] == names
    for row in rows:
        assert {"query", "name", "lat", "lon", "country_code", "kind", "source"} <= row.keys()
    by_query = {r["query"]: r for r in rows}
    assert km((by_query["Minsk"]["lat"], by_query["Minsk"]["lon"]), (53.90019, 27.56653)) < 10
    assert by_query["Dyvin"]["name"] == by_query["Divin"]["name"]
    assert by_query["Kiev"]["name"] == by_query["Київ"]["name"] == "Kyiv"
    assert by_query["Brest"]["country_code"] == "BY"
    assert by_query["Moscow region"]["kind"] == "region"
    assert km((by_query["Moscow region"]["lat"], by_query["Moscow region"]["lon"]), (55.5, 37.5)) < 120


def test_country_option_and_table():
    result = run("geocode", "Brest", "--country", "FR")
    assert result.returncode == 0
    assert "FR" in result.stdout and "48.39" in result.stdout


def test_unknown_name_suggests_and_exits_1():
    result = run("geocode", "Dzyvin", "Minsk")
    assert result.returncode == 1
    assert "did you mean Dzivin?" in result.stderr
    assert "Traceback" not in result.stderr
    assert "Minsk" in result.stdout  # the known name is still answered


def test_empty_and_huge_garbage_names():
    result = run("geocode", "", "\ufffd" * 10_000)
    assert result.returncode == 1
    assert "empty place name" in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr) < 500


def test_help_explains_itself():
    top = run("--help")
    assert top.returncode == 0
    assert "geocode" in top.stdout and "offline" in top.stdout
    sub = run("geocode", "--help")
    assert "--country" in sub.stdout and "--json" in sub.stdout and "nominatim" in sub.stdout


def test_gazetteer_add_csv_then_geocode(tmp_path):
    env = {"BORDERMAP_DATA_DIR": str(tmp_path)}
    added = run("gazetteer", "add", str(FIXTURES / "user-places.csv"), env_extra=env)
    assert added.returncode == 0, added.stderr
    found = run("geocode", "Domanove", "--json", env_extra=env)
    assert json.loads(found.stdout)["country_code"] == "UA"


def test_gazetteer_add_bad_csv_is_one_line(tmp_path):
    env = {"BORDERMAP_DATA_DIR": str(tmp_path)}
    result = run("gazetteer", "add", str(FIXTURES / "user-places-bad.csv"), env_extra=env)
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0
    assert "line 3" in result.stderr
    assert not (tmp_path / "user.sqlite").exists()
