"""`bordermap places` on good and bad input, as a user runs it."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys

from conftest import SAMPLE


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "bordermap", *args], check=False, capture_output=True,
                          input=stdin, env=os.environ.copy(), timeout=600)


def test_sample_as_jsonl():
    result = run("places", str(SAMPLE), "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    (record,) = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert record["id"] == "belarus-border-2023.txt"
    text = SAMPLE.read_text(encoding="utf-8")
    names = {t["text"]: t for t in record["toponyms"]}
    assert names["Dyvin"]["name"] == "Dzivin" and names["Dyvin"]["kind"] == "town"
    assert names["Kremlin"]["mention"] == "metonym" and names["Kremlin"]["name"] == "Moscow"
    for t in record["toponyms"]:
        assert {"start", "end", "text", "name", "lat", "lon", "country_code", "kind", "geonameid", "confidence", "sentence"} <= t.keys()
        assert text[t["start"] : t["end"]] == t["text"]
        assert t["text"] in t["sentence"]
    assert {"Belarusian", "Ukrainian"} <= {d["text"] for d in record["demonyms"]}


def test_bad_inputs_one_line_each_and_the_rest_processed(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("Kuźnica lies on the Polish–Belarusian border.".encode("cp1250"))
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as f:
        f.truncate(50 * 1024 * 1024)
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(
        json.dumps({"id": "a", "text": "Kyiv has closed all border crossings to Belarus.", "date": "2023-02-16"}) + "\n"
        + '{"id": "b", "text": "broken\n'
        + json.dumps({"id": "c", "text": "Minsk, Belarus"}) + "\n",
        encoding="utf-8",
    )
    page = tmp_path / "page.html"
    page.write_text("<html><head><title>Border</title><script>var Paris = 'alert(1)';</script></head>"
                    "<body><nav>Home | World</nav><p>Troops crossed into Ukraine from Belarus.</p>"
                    "<script>document.write('Moscow')</script></body></html>", encoding="utf-8")
    result = run("places", str(empty), str(binary), str(latin1), str(huge), str(corpus), str(page), "--format", "jsonl", "--quiet")
    assert result.returncode == 1
    err = result.stderr.decode()
    assert "Traceback" not in err
    assert "empty.txt: empty file" in err
    assert "image.txt: binary file" in err
    assert "latin1.txt: not UTF-8" in err
    assert "huge.txt: file is 52 MB" in err
    assert "corpus.jsonl line 2: invalid JSON" in err
    records = {r["id"]: r for r in map(json.loads, result.stdout.decode().splitlines())}
    assert set(records) == {"a", "c", "page.html"}
    assert {t["text"] for t in records["a"]["toponyms"]} == {"Kyiv", "Belarus"}
    page_places = {t["text"] for t in records["page.html"]["toponyms"]}
    assert page_places == {"Ukraine", "Belarus"}  # nothing from <script> or <nav>


def test_gzip_jsonl_and_stdin(tmp_path):
    corpus = tmp_path / "news.jsonl.gz"
    with gzip.open(corpus, "wt", encoding="utf-8") as f:
        f.write(json.dumps({"id": "g", "text": "Shelling hit Kharkiv again."}) + "\n")
    result = run("places", str(corpus), "--format", "csv", "--quiet")
    assert result.returncode == 0
    assert "Kharkiv" in result.stdout.decode()
    piped = run("places", "-", "--format", "jsonl", stdin=SAMPLE.read_bytes())
    assert json.loads(piped.stdout)["toponyms"]


def test_progress_bar_for_many_articles_and_quiet(tmp_path):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text("\n".join(json.dumps({"id": str(i), "text": "Minsk, Belarus"}) for i in range(3)), encoding="utf-8")
    shown = run("places", str(corpus), "--format", "jsonl")
    assert "article" in shown.stderr.decode()
    quiet = run("places", str(corpus), "--format", "jsonl", "--quiet")
    assert quiet.stderr.decode() == ""


def test_bad_date_option_is_one_line():
    result = run("places", str(SAMPLE), "--date", "16/02/2023")
    assert result.returncode == 2
    assert result.stderr.decode().count("\n") == 1 and "ISO 8601" in result.stderr.decode()


def test_a_country_code_is_checked_against_iso_3166():
    result = run("geocode", "Kyiv", "--country", "XX")
    assert result.returncode == 2 and "did you mean" not in result.stderr.decode()
    (line,) = result.stderr.decode().splitlines()
    assert "--country" in line and "ISO 3166" in line
    assert run("geocode", "Kyiv", "--country", "ua").returncode == 0


def test_error_lines_stand_apart_from_the_progress_bar(tmp_path):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text('{"id": "a", "text": "Minsk, Belarus"}\n{"id": "b", "text": oops}\n', encoding="utf-8")
    result = run("places", str(corpus), "--format", "jsonl")
    errors = [line for line in result.stderr.decode().split("\n") if "invalid JSON" in line]
    assert errors and all(line.split("\r")[-1].startswith("bordermap: ") for line in errors)  # cleared, then written
    assert "c.jsonl line 2: invalid JSON (Expecting value at column 21)" in errors[0]


def test_an_html_page_gives_its_headline_date_and_address(tmp_path):
    page = tmp_path / "story.html"
    page.write_text(
        '<html><head><title>Border reopens | Some Site</title>'
        '<meta property="og:title" content="Border reopens">'
        '<meta property="article:published_time" content="2023-02-16T09:30:00Z">'
        '<meta property="og:url" content="https://example.org/border-reopens">'
        '</head><body><p>Poland reopened the Medyka crossing last week.</p></body></html>', encoding="utf-8")
    result = run("places", str(page), "--format", "jsonl")
    record = json.loads(result.stdout)
    assert (record["title"], record["date"], record["url"]) == (
        "Border reopens", "2023-02-16", "https://example.org/border-reopens")
    hostile = tmp_path / "hostile.html"
    hostile.write_text('<meta property="og:url" content="javascript:alert(1)"><meta property="article:published_time"'
                       ' content="yesterday"><p>Troops crossed into Ukraine.</p>', encoding="utf-8")
    record = json.loads(run("places", str(hostile), "--format", "jsonl").stdout)
    assert record["url"] is None and record["date"] is None


def test_a_jsonl_article_keeps_only_a_web_address_and_its_lines_cannot_drive_a_terminal(tmp_path):
    title = "Border \x1b]0;owned\x07 \x9b2J \u202efdp.exe"
    news = tmp_path / "news.jsonl"
    news.write_text(json.dumps({"id": "a", "title": title, "url": "javascript:alert(1)", "text": "Troops crossed "
                                "into Ukraine."}) + "\n" + json.dumps({"id": "b", "url": "HTTPS://example.org/b",
                                                                     "text": "Troops crossed into Ukraine."}) + "\n",
                    encoding="utf-8")
    result = run("places", str(news), "--format", "jsonl")
    first, second = (json.loads(line) for line in result.stdout.decode("utf-8").splitlines())
    assert first["title"] == title and first["url"] is None and second["url"] == "HTTPS://example.org/b"
    assert not any(c in result.stdout.decode("utf-8") for c in "\x1b\x07\x9b\u202e")  # the same, as \u escapes
