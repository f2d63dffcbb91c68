"""Hostile inputs and failing outputs, through the command line as a user meets them: each is one line on stderr
(never a traceback), the right exit code, bounded memory, and no good output lost or replaced."""

from __future__ import annotations

import contextlib
import csv
import gzip
import json
import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import SAMPLE

#: Runs the CLI and reports its own peak resident memory (MB) on the last stderr line: VmHWM of this process
#: image (getrusage's ru_maxrss would count the pytest process it was forked from).
_MEASURED = ("import re, runpy, sys\n"
             "sys.argv = ['bordermap', *sys.argv[1:]]\n"
             "try:\n    runpy.run_module('bordermap', run_name='__main__')\n"
             "finally:\n    peak = re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read())\n"
             "    print('peak-mb', int(peak[1]) // 1024 if peak else 0, file=sys.stderr)\n")


class Run:
    def __init__(self, done: subprocess.CompletedProcess):
        lines = done.stderr.decode("utf-8", "replace").splitlines()
        self.peak_mb = int(lines.pop().split()[1])
        self.code, self.stdout, self.stderr = done.returncode, done.stdout.decode("utf-8", "replace"), "\n".join(lines)
        self.lines = [line for line in lines if line.strip()]


def cli(*args: str, stdin: bytes | None = None, env: dict | None = None) -> Run:
    done = subprocess.run([sys.executable, "-c", _MEASURED, *args], input=stdin, capture_output=True, check=False,
                          env={**os.environ, **(env or {})}, timeout=600)
    run = Run(done)
    assert "Traceback" not in run.stderr, run.stderr
    return run


def _good(text: str = "Troops crossed into Ukraine from Belarus near Minsk.", id: str = "good") -> bytes:
    return (json.dumps({"id": id, "text": text}) + "\n").encode()


# -- resources -------------------------------------------------------------------------------------
def test_a_gzip_bomb_line_is_skipped_by_number_in_bounded_memory(tmp_path):
    bomb = tmp_path / "bomb.jsonl.gz"
    with gzip.open(bomb, "wb", compresslevel=9) as f:
        f.write(_good(id="first"))
        f.write(b'{"id": "bomb", "text": "')
        for _ in range(400):
            f.write(b"x" * (1 << 20))  # 400 MB in one line; about 400 KB compressed
        f.write(b'"}\n' + _good(id="last"))
    assert bomb.stat().st_size < 1_000_000
    run = cli("places", str(bomb), "--format", "jsonl", "-q")
    assert run.code == 1 and 0 < run.peak_mb < 300, run.peak_mb
    assert [json.loads(line)["id"] for line in run.stdout.splitlines()] == ["first", "last"]
    assert run.lines[0].endswith("bomb.jsonl.gz line 2: line is over 5 MB: skipped")


def test_a_run_on_sentence_writes_files_linear_in_its_length(tmp_path):
    words = ("troops moved near the border of", "Minsk", "and", "Kyiv", "from", "Lviv", "to", "Brest", "refugees")
    text = " ".join(words[i % len(words)] for i in range(20_000))[:158_000]  # no sentence end at all
    article = tmp_path / "run-on.txt"
    article.write_text(text, encoding="utf-8")
    run = cli("export", str(article), "--out", str(tmp_path / "out"), "-q")
    assert run.code == 0, run.stderr
    assert 0 < run.peak_mb < 800, run.peak_mb  # 505 MB measured (the sample article: 304 MB); it was 2.7 GB
    size = sum(p.stat().st_size for p in (tmp_path / "out").iterdir())
    places = [f["properties"] for f in json.loads((tmp_path / "out" / "places.geojson").read_text("utf-8"))["features"]]
    named = sum(text.count(town) for town in ("Minsk", "Kyiv", "Lviv", "Brest"))
    assert sum(p["n_mentions"] for p in places) == named > 8000  # every mention is kept
    assert max(len(p["evidence"]) for p in places) <= 400  # a piece of the "sentence", not all of it
    for p in places:  # each mention lies in its row's quote
        spans = [tuple(map(int, span.split("-"))) for span in p["mention_spans"].split()]
        assert all(text[a:b] == p["text"] == p["evidence"][a - p["evidence_start"] : b - p["evidence_start"]]
                   for a, b in spans)
    assert size < 5_000_000, size  # the bound (it was 680 MB, then 9.7 MB with one row a mention)


def test_a_run_of_punctuation_reaches_the_tokenizer_in_words_and_places_after_it_keep_their_offsets(pipeline):
    """spaCy's tokenizer is quadratic in a word's length (40,000 '!' took over 100 s): no word it gets is longer
    than LONGEST_WORD, and the article's own text, which quotes are cut from, is unchanged."""
    from bordermap.geo.article import Article
    from bordermap.geo.pipeline import LONGEST_WORD, tokenizable

    text = "Officials in Minsk met. " + "=!" * 20_000 + " Troops crossed into Ukraine."
    seen = tokenizable(text)
    assert len(seen) == len(text) and max(map(len, seen.split())) == LONGEST_WORD
    assert tokenizable("See https://example.org/a-long-path for more.") == "See https://example.org/a-long-path for more."
    article = pipeline(Article(id="p", text=text))
    ukraine = next(m for m in article.mentions if m.text == "Ukraine")
    assert text[ukraine.start : ukraine.end] == "Ukraine" and article.text == text


def test_a_long_article_on_stdin_is_refused_not_cut():
    run = cli("places", "-", "-q", stdin=b"Minsk and Kyiv. " * 400_000)  # 6.4 MB of text
    assert run.code == 1 and "stdin: over 5 MB" in run.lines[0]


def test_jsonl_on_stdin_streams_past_any_size():
    # past the 100 MB where stdin used to be cut without a word, in bounded memory
    lines = b"".join(_good(id=str(i)) for i in range(3)) + b"{" + b" " * 101_000_000 + b"}\n" + _good(id="after")
    run = cli("places", "-", "--format", "jsonl", "-q", stdin=lines)
    assert [json.loads(line)["id"] for line in run.stdout.splitlines()] == ["0", "1", "2", "after"]
    assert run.code == 1 and run.lines == ["bordermap: stdin line 4: line is over 5 MB: skipped",
                                           "bordermap: 1 input(s) could not be read"]
    assert run.peak_mb < 300, run.peak_mb


# -- articles that cannot be read, among good ones ----------------------------------------------------
def test_a_lone_surrogate_is_replaced_and_the_run_goes_on(tmp_path):
    corpus = tmp_path / "c.jsonl"
    corpus.write_bytes(b'{"id": "s", "text": "Officials in Minsk \\ud83d and Kyiv met on Monday."}\n' + _good())
    run = cli("places", str(corpus), "--format", "jsonl", "-q")
    records = {r["id"]: r for r in map(json.loads, run.stdout.splitlines())}
    assert run.code == 0 and set(records) == {"s", "good"}
    assert {t["text"] for t in records["s"]["toponyms"]} == {"Minsk", "Kyiv"}


def test_a_nul_in_a_json_article_is_replaced_one_character_for_one():
    """GDAL ends a string at a NUL: a GeoPackage cut the title there, while GeoJSON kept it whole."""
    from bordermap.geo.reading import article_from_record

    article = article_from_record({"id": "n", "title": "Dyvin\u0000 border", "text": "In Minsk\u0000 and Kyiv."},
                                  "c.jsonl line 1", "n")
    assert (article.title, article.text) == ("Dyvin\ufffd border", "In Minsk\ufffd and Kyiv.")


def test_a_lone_surrogate_in_a_batch_is_kept_at_every_rerun(tmp_path):
    corpus, out = tmp_path / "c.jsonl", tmp_path / "out"
    corpus.write_bytes(b'{"id": "s", "text": "Officials in Minsk \\ud83d and Kyiv met on Monday."}\n' + _good())
    for processed in (2, 0):  # the second run resumes from the first one's partitions
        run = cli("batch", str(corpus), "--out", str(out), "--workers", "1", "-q")
        assert run.code == 0 and len(run.lines) == 1, run.stderr
        assert run.lines[0].startswith(f"bordermap: {processed} article(s) processed in this run")
        assert " 0 error(s) in " in run.lines[0]
        places = json.loads((out / "places.geojson").read_text("utf-8"))["features"]
        assert {f["properties"]["article_id"] for f in places} == {"s", "good"}


def test_deeply_nested_json_is_one_line(tmp_path):
    corpus = tmp_path / "c.jsonl"
    corpus.write_bytes(b"[" * 200_000 + b"\n" + _good())
    run = cli("places", str(corpus), "--format", "jsonl", "-q")
    assert run.code == 1 and [json.loads(line)["id"] for line in run.stdout.splitlines()] == ["good"]
    assert run.lines[0].endswith("c.jsonl line 1: JSON nested too deeply to be an article")


# -- outputs ---------------------------------------------------------------------------------------
def test_a_run_where_every_input_fails_replaces_nothing(tmp_path):
    out = tmp_path / "out"
    first = cli("map", str(SAMPLE), "-o", str(tmp_path / "map.html"), "--export", str(out), "-q")
    assert first.code == 0
    before = {p.name: p.read_bytes() for p in [tmp_path / "map.html", *out.iterdir()]}
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    again = cli("map", str(empty), "-o", str(tmp_path / "map.html"), "--export", str(out), "-q")
    assert again.code == 2 and again.lines[-1] == "bordermap: no article could be read from 1 input(s): nothing written"
    assert {p.name: p.read_bytes() for p in [tmp_path / "map.html", *out.iterdir()]} == before
    (tmp_path / "no-articles").mkdir()  # a folder with no article file is no article, not an empty corpus
    folder = cli("map", str(tmp_path / "no-articles"), "-o", str(tmp_path / "map.html"), "--export", str(out), "-q")
    assert folder.code == 2 and "no-articles: no article file" in folder.lines[0]
    assert {p.name: p.read_bytes() for p in [tmp_path / "map.html", *out.iterdir()]} == before


def test_a_batch_whose_every_input_fails_keeps_the_last_good_merge(tmp_path):
    good, binary, out = tmp_path / "good.jsonl", tmp_path / "scan.pdf", tmp_path / "out"
    good.write_bytes(_good())
    binary.write_bytes(b"%PDF-1.7\x00\x01\x02" * 100)
    assert cli("batch", str(good), "--out", str(out), "--workers", "1", "-q").code == 0
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file() and p.name not in (".lock", "manifest.json")}
    run = cli("batch", str(binary), "--out", str(out), "--workers", "1", "-q")
    assert run.code == 2 and run.lines[-1] == f"bordermap: no article could be read from the inputs: nothing in {out} replaced"
    assert any(line.endswith("scan.pdf: binary file, not text (found NUL bytes)") for line in run.lines)
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file() and p.name not in (".lock", "manifest.json")} == before
    assert cli("batch", str(good), "--out", str(out), "--workers", "1", "-q").code == 0  # and back to good input
    assert (out / "places.geojson").read_bytes() == before["places.geojson"]


@pytest.mark.parametrize("target", ["/dev/null", "/dev/full", "folder"])
def test_an_output_that_is_not_a_regular_file_is_refused(tmp_path, target):
    if target == "folder":
        target = str(tmp_path)
    elif not Path(target).exists():
        pytest.skip(f"no {target} here")
    run = cli("map", str(SAMPLE), "-o", target, "-q")
    assert run.code == 2 and len(run.lines) == 1 and target in run.lines[0]
    for device in ("/dev/null", "/dev/full"):  # as root a rename over a device node would replace it
        assert not Path(device).exists() or stat.S_ISCHR(os.stat(device).st_mode), device


def test_an_output_through_a_symlink_writes_the_file_it_names(tmp_path):
    real = tmp_path / "real.html"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.html"
    link.symlink_to(real)
    assert cli("map", str(SAMPLE), "-o", str(link), "-q").code == 0
    assert link.is_symlink() and "bordermap.finish(" in real.read_text(encoding="utf-8")


@pytest.fixture
def read_only_folder(tmp_path):
    """A folder nobody can write into. Root ignores permission bits, so as root the folder is made immutable
    (``chattr +i``, which needs CAP_LINUX_IMMUTABLE and a file system that has the flag, as ext4 does)."""
    folder = tmp_path / "ro"
    folder.mkdir()
    if os.geteuid() != 0:
        folder.chmod(0o500)
        yield folder
        folder.chmod(0o700)
        return
    try:
        made_immutable = subprocess.run(["chattr", "+i", str(folder)], capture_output=True, check=False).returncode == 0
    except FileNotFoundError:  # no e2fsprogs
        made_immutable = False
    if not made_immutable:
        pytest.skip("root, and chattr +i is not available here: no folder is read-only to root")
    try:
        yield folder
    finally:  # an immutable folder left behind would break pytest's cleanup of old temporary folders
        subprocess.run(["chattr", "-i", str(folder)], check=True)


def test_a_read_only_folder_is_one_line(read_only_folder):
    run = cli("map", str(SAMPLE), "-o", str(read_only_folder / "map.html"), "-q")
    assert run.code == 2 and len(run.lines) == 1
    assert run.lines[0].startswith(f"bordermap: cannot write {read_only_folder / 'map.html'}: ")  # the OS's reason
    layers = cli("export", str(SAMPLE), "--out", str(read_only_folder), "-q")
    assert layers.code == 2 and len(layers.lines) == 1 and layers.lines[0].startswith("bordermap: cannot write")
    assert not list(read_only_folder.iterdir())


def test_an_output_under_a_file_is_one_line(tmp_path):
    afile = tmp_path / "file"
    afile.write_text("x", encoding="utf-8")
    under = cli("map", str(SAMPLE), "-o", str(afile / "map.html"), "-q")
    assert under.code == 2 and len(under.lines) == 1 and "is a file, not a folder" in under.lines[0]
    out_file = cli("export", str(SAMPLE), "--out", str(afile), "-q")
    assert out_file.code == 2 and "is not a folder" in out_file.lines[0]


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
def test_a_full_disk_on_standard_output_is_one_line():
    with open("/dev/full", "wb") as full:
        done = subprocess.run([sys.executable, "-m", "bordermap", "places", str(SAMPLE), "-q"], stdout=full,
                              stderr=subprocess.PIPE, check=False, timeout=600)
    lines = done.stderr.decode().splitlines()
    assert done.returncode == 2 and len(lines) == 1 and "No space left on device" in lines[0], lines


def _small_disk() -> None:
    """In the child: files may not grow past 200 KB, as on a full disk (the write fails with EFBIG)."""
    import resource
    import signal

    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (200_000, 200_000))


def test_a_full_disk_under_the_map_and_layers_is_one_line_and_leaves_no_part(tmp_path):
    (tmp_path / "old.html").write_text("the last good map", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "bordermap", "map", str(SAMPLE), "-o", str(tmp_path / "old.html"),
                           "--export", str(tmp_path / "out"), "-q"], preexec_fn=_small_disk, capture_output=True,
                          text=True, check=False, timeout=600)
    assert done.returncode == 2 and done.stderr.splitlines() == [
        f"bordermap: cannot write {tmp_path / 'old.html'}: File too large"]
    assert (tmp_path / "old.html").read_text(encoding="utf-8") == "the last good map"
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["old.html"]  # no temporary file, no half a layer


def test_csv_cells_are_not_formulas_and_the_terminal_gets_no_escapes(tmp_path):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(json.dumps({"id": "=HYPERLINK(\"http://x\")", "title": "\x1b[31mred\x1b[0m \u202eevil",
                                  "text": "Troops crossed into Ukraine from Belarus."}) + "\n", encoding="utf-8")
    csv_run = cli("places", str(corpus), "--format", "csv", "-q")
    rows = csv_run.stdout.splitlines()[1:]
    assert rows and all(row.startswith(("'=HYPERLINK", "\"'=HYPERLINK")) for row in rows)
    openers = tmp_path / "openers.jsonl"
    with openers.open("w", encoding="utf-8") as f:  # every formula opener, in the id and in the sentence cell
        for i, opener in enumerate("+-@"):
            f.write(json.dumps({"id": f"{opener}cmd{i}", "text": f"{opener}SUM(A1) Kyiv and Minsk met."}) + "\n")
    cells = list(csv.DictReader(cli("places", str(openers), "--format", "csv", "-q").stdout.splitlines()))
    assert {c["id"] for c in cells} == {"'+cmd0", "'-cmd1", "'@cmd2"}
    assert all(c["sentence"].startswith("'") for c in cells), [c["sentence"] for c in cells]
    table = cli("places", str(corpus), "--format", "table", "-q")
    assert "\x1b" not in table.stdout and "\u202e" not in table.stdout and "red evil" in table.stdout


# -- the same input, the same files ----------------------------------------------------------------
def test_the_same_input_gives_the_same_files(tmp_path):
    for run in ("a", "b"):
        done = cli("map", str(SAMPLE), "--date", "2023-02-16", "-o", str(tmp_path / run / "map.html"),
                   "--export", str(tmp_path / run / "out"), "-q")
        assert done.code == 0
    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file())
    assert Path("out/bordermap.gpkg") in files and Path("map.html") in files
    for name in files:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


def test_source_date_epoch_dates_the_geopackage_and_a_bad_one_is_one_line(tmp_path):
    import sqlite3

    for run in ("a", "b"):
        done = cli("export", str(SAMPLE), "--out", str(tmp_path / run), "-q", env={"SOURCE_DATE_EPOCH": "1700000000"})
        assert done.code == 0
    assert (tmp_path / "a" / "bordermap.gpkg").read_bytes() == (tmp_path / "b" / "bordermap.gpkg").read_bytes()
    with sqlite3.connect(tmp_path / "a" / "bordermap.gpkg") as db:
        assert {row[0] for row in db.execute("SELECT last_change FROM gpkg_contents")} == {"2023-11-14T22:13:20.000Z"}
    bad = cli("export", str(SAMPLE), "--out", str(tmp_path / "c"), "-q", env={"SOURCE_DATE_EPOCH": "yesterday"})
    said = "bordermap: SOURCE_DATE_EPOCH='yesterday' is not a number of seconds since 1970 (reproducible builds' convention)"
    assert bad.code == 2 and bad.lines == [said]
    assert not (tmp_path / "c").exists() or not any((tmp_path / "c").iterdir())


# -- inputs that are not articles ----------------------------------------------------------------------
def test_odd_input_paths_are_named_for_what_they_are(tmp_path):
    fifo, loop_a, loop_b, empty = tmp_path / "fifo", tmp_path / "a", tmp_path / "b", tmp_path / "empty.jsonl"
    os.mkfifo(fifo)
    loop_a.symlink_to(loop_b)
    loop_b.symlink_to(loop_a)
    empty.write_bytes(b"")
    run = cli("places", str(fifo), str(loop_a), str(empty), "-q")
    assert run.code == 1
    assert run.lines[:3] == [
        (f"bordermap: {fifo}: not a regular file (a FIFO, socket or device): name an article file or a folder"),
        f"bordermap: {loop_a}: a symlink to nothing, or a symlink loop",
        f"bordermap: {empty}: empty file: no article to read"]


def test_utf16_text_is_read_and_utf16_jsonl_named(tmp_path):
    text = "Officials in Minsk and Kyiv met on Monday.\n"
    (tmp_path / "notepad.txt").write_bytes(text.encode("utf-16"))  # what Windows Notepad saves as "Unicode"
    (tmp_path / "wide.txt").write_bytes(text.encode("utf-32"))
    (tmp_path / "corpus.jsonl").write_bytes((json.dumps({"id": "x", "text": text}) + "\n").encode("utf-16"))
    run = cli("places", *(str(tmp_path / n) for n in ("notepad.txt", "wide.txt", "corpus.jsonl")), "--format", "jsonl", "-q")
    records = [json.loads(line) for line in run.stdout.splitlines()]
    assert [[t["text"] for t in r["toponyms"]] for r in records] == [["Minsk", "Kyiv"], ["Minsk", "Kyiv"]]
    assert records[0]["toponyms"][0]["start"] == text.index("Minsk")  # offsets into the decoded text
    assert run.code == 1 and run.lines[0] == (
        f"bordermap: {tmp_path / 'corpus.jsonl'}: UTF-16 text: JSONL is read as UTF-8; save it as UTF-8 first")
    piped = cli("places", "-", "-q", stdin=(tmp_path / "corpus.jsonl").read_bytes())  # not one article of JSON
    assert piped.code == 1 and piped.lines[0] == "bordermap: stdin: UTF-16 text: JSONL is read as UTF-8; send it as UTF-8"


def test_a_folder_is_read_with_its_subfolders(tmp_path):
    (tmp_path / "2023" / "02").mkdir(parents=True)
    (tmp_path / "2023" / "02" / "dyvin.txt").write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    run = cli("places", str(tmp_path), "--format", "jsonl", "-q")
    assert run.code == 0 and [json.loads(line)["id"] for line in run.stdout.splitlines()] == ["2023/02/dyvin.txt"]


def test_two_files_of_one_name_are_two_articles_each_with_its_own_title(tmp_path):
    told = "On 1 March 2023 Poland closed the Kuznica border crossing with Belarus, officials in Warsaw said."
    for folder, title in (("d1", "Border closure"), ("d2", "Another report")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "news.txt").write_text(f"{title}\n\n{told}\n", encoding="utf-8")
    run = cli("export", str(tmp_path / "d1" / "news.txt"), str(tmp_path / "d2" / "news.txt"),
              "--out", str(tmp_path / "out"), "-q")
    def layer(name: str) -> list[dict]:
        path = tmp_path / "out" / f"{name}.geojson"
        return [f["properties"] for f in json.loads(path.read_text(encoding="utf-8"))["features"]]

    assert run.code == 0
    assert {(p["article_id"], p["title"]) for p in layer("places")} == {
        ("news.txt", "Border closure"), ("news.txt~2", "Another report")}
    [crossing] = layer("crossings")  # one closure, told by two articles
    assert crossing["n_sources"] == 2 and crossing["article_ids"] == "news.txt,news.txt~2"


def test_a_file_named_twice_or_inside_a_folder_named_too_is_read_once(tmp_path):
    (tmp_path / "in").mkdir()
    article = tmp_path / "in" / "dyvin.txt"
    article.write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    once = cli("places", str(article), "--format", "jsonl", "-q")
    again = cli("places", str(article), str(tmp_path / "in"), str(article), "--format", "jsonl", "-q")
    assert once.code == again.code == 0 and once.stdout.count("\n") == 1
    assert again.stdout == once.stdout


@pytest.mark.parametrize("name", ["missing.jsonl", "cut.jsonl.gz", "plain.jsonl.gz"])
def test_batch_with_a_progress_bar_names_an_unreadable_input(tmp_path, name):
    path = tmp_path / name
    if name == "cut.jsonl.gz":
        path.write_bytes(gzip.compress(_good() * 50)[:60])
    elif name == "plain.jsonl.gz":
        path.write_bytes(_good())
    good = tmp_path / "good.jsonl"
    good.write_bytes(_good())
    run = cli("batch", str(path), str(good), "--out", str(tmp_path / "out"))  # no -q: the pre-count for the bar runs
    errors = [json.loads(line) for line in (tmp_path / "out" / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert run.code == 1 and [e["where"] for e in errors] == [str(path)]  # named, and the good article kept
    assert "Minsk" in (tmp_path / "out" / "places.geojson").read_text(encoding="utf-8")
    alone = cli("batch", str(path), "--out", str(tmp_path / "alone"))
    assert alone.code == 2 and alone.lines[-2].startswith(f"bordermap: {path}: ")
    assert alone.lines[-1] == f"bordermap: no article could be read from the inputs: nothing in {tmp_path / 'alone'} replaced"


# -- the gazetteer's databases ---------------------------------------------------------------------------
def _places_csv(folder: Path, i: int) -> Path:
    path = folder / f"p{i}.csv"
    path.write_text(f"name,lat,lon,kind,country_code\nTestvillage{i},50.{i},30.{i},town,UA\n", encoding="utf-8")
    return path


def test_concurrent_gazetteer_adds_keep_every_place(tmp_path):
    env = {**os.environ, "BORDERMAP_DATA_DIR": str(tmp_path / "data")}
    runs = [subprocess.Popen([sys.executable, "-m", "bordermap", "gazetteer", "add", str(_places_csv(tmp_path, i))],
                             env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for i in range(7)]
    assert [run.wait(timeout=300) for run in runs] == [0] * 7
    found = cli("geocode", *[f"Testvillage{i}" for i in range(7)], "--json", env={"BORDERMAP_DATA_DIR": str(tmp_path / "data")})
    assert found.code == 0 and len(found.stdout.splitlines()) == 7


def test_user_files_that_cannot_be_added_are_one_line_with_file_and_line(tmp_path):
    env = {"BORDERMAP_DATA_DIR": str(tmp_path / "data")}
    bom = tmp_path / "bom.csv"
    bom.write_bytes(b"\xef\xbb\xbfname,lat,lon,kind,country_code\nBomville,50.1,30.2,town,UA\n")
    assert cli("gazetteer", "add", str(bom), env=env).code == 0
    assert '"Bomville"' in cli("geocode", "Bomville", "--json", env=env).stdout  # the BOM is not in the first column
    cases = {
        "big.csv": ("name,lat,lon,kind,country_code\n" + "A" * 140_000 + ",50,30,town,UA\n", "big.csv line 2: field larger"),
        "pop.csv": ("name,lat,lon,kind,country_code,population\nX,50,30,town,UA,lots\n",
                    "pop.csv line 2: population 'lots' is not a whole number"),
        "sup.csv": ("name,lat,lon,kind,country_code,population\nX,50,30,town,UA,\u00b2\n",  # isdigit() took it
                    "sup.csv line 2: population '\u00b2' is not a whole number"),
        "tiny.csv": ("name,lat,lon,kind,country_code\nX,1e-05,30_0,town,UA\n",  # an exponent is degrees; 30_0 is not
                     "tiny.csv line 2: latitude/longitude '1e-05', '30_0' are not valid degrees"),
        "huge.csv": ("name,lat,lon,kind,country_code,population\nX,50,30,town,UA," + "9" * 5000 + "\n",
                     "huge.csv line 2: population '9999"),
    }
    for name, (text, message) in cases.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        run = cli("gazetteer", "add", str(tmp_path / name), env=env)
        assert run.code == 2 and len(run.lines) == 1 and message in run.lines[0], run.lines
    (tmp_path / "u16.csv").write_text("name,lat,lon,kind,country_code\nX,50,30,town,UA\n", encoding="utf-16")
    wide = cli("gazetteer", "add", str(tmp_path / "u16.csv"), env=env)
    assert wide.code == 2 and wide.lines == ["bordermap: u16.csv: UTF-16 text; save it as UTF-8 first"]


def _geonames_line(geonameid: int, name: str, lat: str = "50.45", lon: str = "30.52", country: str = "UA") -> str:
    columns = [str(geonameid), name, name, f"{name}a,{name}b", lat, lon, "P", "PPL", country, "", "01", "", "", "",
               "120", "", "150", "Europe/Kyiv", "2020-01-01"]
    return "\t".join(columns) + "\n"


def test_a_geonames_dump_is_added_in_memory_that_does_not_grow_with_it(tmp_path):
    dump = tmp_path / "UA.txt"
    with dump.open("w", encoding="utf-8") as f:
        f.writelines(_geonames_line(9_000_000 + i, f"Selo{i}") for i in range(100_000))
    run = cli("gazetteer", "add", str(dump), env={"BORDERMAP_DATA_DIR": str(tmp_path / "data")})
    assert run.code == 0 and "added 100000 place(s)" in run.lines[0]
    assert run.peak_mb < 150, run.peak_mb  # 2.3 KB a row when the rows were held: 300 MB here, 28 GB for allCountries


def test_a_geonames_dump_line_is_checked_as_a_csv_row_is(tmp_path):
    env = {"BORDERMAP_DATA_DIR": str(tmp_path / "data")}
    cases = {"": "line 2: empty name", "ZZZZ": "line 2: country_code 'ZZZZ' is not ISO 3166-1 alpha-2",
             "5_0": "line 2: latitude/longitude '5_0', '30.52' are not valid degrees"}
    for bad, message in cases.items():
        line = _geonames_line(2, "Selo", lat=bad) if bad == "5_0" else (
            _geonames_line(2, "Selo", country=bad) if bad else _geonames_line(2, ""))
        (tmp_path / "dump.txt").write_text(_geonames_line(1, "Zzyzxgood") + line, encoding="utf-8")
        run = cli("gazetteer", "add", str(tmp_path / "dump.txt"), env=env)
        assert run.code == 2 and len(run.lines) == 1 and message in run.lines[0], run.lines
    assert cli("geocode", "Zzyzxgood", env=env).code == 1  # a bad line added nothing, the good line before it neither


def test_odd_paths_to_add_are_named_for_what_they_are(tmp_path):
    env = {"BORDERMAP_DATA_DIR": str(tmp_path / "data")}
    fifo, loop_a, loop_b, folder = tmp_path / "fifo.csv", tmp_path / "a.csv", tmp_path / "b.csv", tmp_path / "dir"
    os.mkfifo(fifo)
    loop_a.symlink_to(loop_b)
    loop_b.symlink_to(loop_a)
    folder.mkdir()
    expected = {loop_a: "a symlink to nothing, or a symlink loop", tmp_path / "gone.csv": "no such file",
                fifo: "not a regular file (a folder, FIFO or device)", folder: "not a regular file (a folder, FIFO"}
    for path, reason in expected.items():
        run = cli("gazetteer", "add", str(path), env=env)
        assert run.code == 2 and len(run.lines) == 1 and run.lines[0].startswith(f"bordermap: {path}: {reason}"), run.lines


def test_a_damaged_user_database_is_named_with_the_fix(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "user.sqlite").write_bytes(b"SQLite format 3\x00" + os.urandom(4096))
    for run in (cli("geocode", "Minsk", env={"BORDERMAP_DATA_DIR": str(data)}),
                cli("gazetteer", "add", str(_places_csv(tmp_path, 1)), env={"BORDERMAP_DATA_DIR": str(data)})):
        assert run.code == 2 and len(run.lines) == 1, run.lines
        assert str(data / "user.sqlite") in run.lines[0] and "move it away" in run.lines[0]


def test_a_damaged_index_is_rebuilt_and_stale_builds_are_cleaned(tmp_path):
    import time

    from bordermap.geo.gazetteer_index import index_path

    cache = tmp_path / "cache"
    cache.mkdir()
    damaged = cache / index_path().name
    damaged.write_bytes(b"not a database at all" * 100)
    stale = cache / "tmpkilled.sqlite.tmp"
    stale.write_bytes(b"x" * 1000)
    old = time.time() - 3600
    os.utime(stale, (old, old))
    run = cli("geocode", "Dyvin", env={"BORDERMAP_CACHE_DIR": str(cache)})
    assert run.code == 0 and "Dzivin" in run.stdout
    assert run.lines[0] == f"bordermap: the gazetteer index {damaged} is damaged; rebuilding it (about 1 to 2 minutes)..."
    assert not stale.exists() and damaged.stat().st_size > 10_000_000


def test_an_index_with_damaged_pages_is_removed_for_the_next_run_to_rebuild(gazetteer, tmp_path):
    import random
    import shutil

    from bordermap.errors import DataError
    from bordermap.geo.gazetteer import OfflineGazetteer

    copy = tmp_path / "index.sqlite"
    shutil.copy(gazetteer._index_path, copy)
    chance, pages = random.Random(7), copy.stat().st_size // 4096
    with copy.open("r+b") as f:  # its header and meta pass the start-up check; the pages behind them do not
        for page in range(20, pages - 20):
            f.seek(page * 4096 + 8)
            f.write(chance.randbytes(64))
    damaged = OfflineGazetteer(index_path=copy, user_path=tmp_path / "no-user.sqlite")
    with pytest.raises(DataError) as failure:
        for name in ("Minsk", "Dyvin", "Brest", "Lviv", "Kharkiv"):
            damaged.candidates(name)
    assert str(failure.value) == f"the gazetteer index {copy} is damaged (database disk image is malformed): removed"
    assert not copy.exists()
    assert gazetteer.candidates("Minsk")  # the index in use is another file, untouched


def test_a_command_waits_for_a_build_in_progress_instead_of_building_its_own(tmp_path):
    import fcntl
    import shutil
    import time

    from bordermap.geo.gazetteer_index import build_lock_path, ensure_index, index_path

    built = ensure_index(verbose=False)  # the suite's own index
    cache = tmp_path / "cache"
    cache.mkdir()
    target = cache / index_path().name
    lock = os.open(build_lock_path(target), os.O_RDWR | os.O_CREAT)
    fcntl.flock(lock, fcntl.LOCK_EX)  # this process is "building" the index
    waiting = subprocess.Popen([sys.executable, "-m", "bordermap", "geocode", "Dyvin"], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, env={**os.environ, "BORDERMAP_CACHE_DIR": str(cache)})
    time.sleep(8)
    assert waiting.poll() is None  # it waits for the lock
    shutil.copyfile(built, target)  # the "build" ends
    os.close(lock)
    out, err = waiting.communicate(timeout=120)
    assert waiting.returncode == 0 and b"Dzivin" in out
    assert b"building" not in err and not list(cache.glob("*.tmp"))  # it used the finished index


@pytest.mark.parametrize(("server", "said"), [
    ("closed-port", "did not answer within 10 s (OSError)"),
    ("accepts-and-never-speaks", "did not answer within 12 s (no handshake)"),
    ("another-protocol", "answered, but not as a Dask scheduler"),  # an SSH banner read as a frame length
])
def test_a_dask_scheduler_that_does_not_answer_is_one_line(tmp_path, server, said):
    import socket
    import threading
    import time

    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        port = listener.getsockname()[1]
        if server == "closed-port":
            listener.close()
        else:  # the kernel completes the TCP handshake; distributed's own is never answered, or answered wrong
            listener.listen(8)
        if server == "another-protocol":
            def banner() -> None:
                with contextlib.suppress(OSError):
                    while True:
                        listener.accept()[0].sendall(b"SSH-2.0-OpenSSH_9.2\r\n")
            threading.Thread(target=banner, daemon=True).start()
        started = time.monotonic()
        run = cli("batch", str(SAMPLE), "--out", str(tmp_path / "out"), "--engine", "dask", "--scheduler",
                  f"tcp://127.0.0.1:{port}", "-q")
        waited = time.monotonic() - started
    assert run.code == 2 and len(run.lines) == 1, run.stderr
    assert run.lines[0].startswith(f"bordermap: --scheduler tcp://127.0.0.1:{port} {said}")
    assert waited < 30, waited  # it hung for good before the handshake was bounded


def test_a_dask_scheduler_address_of_no_known_scheme_is_one_line(tmp_path):
    run = cli("batch", str(SAMPLE), "--out", str(tmp_path / "out"), "--engine", "dask", "--scheduler", "foo://h:1", "-q")
    assert run.code == 2 and len(run.lines) == 1, run.stderr  # it was a ValueError traceback
    assert run.lines[0].startswith("bordermap: --scheduler foo://h:1: unknown address scheme 'foo' (known schemes:")


def test_another_versions_index_is_removed_only_when_unused_for_a_month(tmp_path):
    import time

    from bordermap.geo.gazetteer_index import UNUSED_INDEX_DAYS, remove_unused_indexes

    current, recent, forgotten = (tmp_path / f"gazetteer-{name}.sqlite" for name in ("now", "recent", "forgotten"))
    for index in (current, recent, forgotten):
        index.write_bytes(b"x")
    old = time.time() - (UNUSED_INDEX_DAYS + 1) * 86_400
    os.utime(forgotten, (old, old))
    os.utime(current, (old, old))  # the one being built is never removed
    remove_unused_indexes(current)
    assert current.exists() and recent.exists() and not forgotten.exists()


# -- signals and dead workers -------------------------------------------------------------------------
@contextlib.contextmanager
def _batch_started(tmp_path: Path, workers: str, engine: str = "local") -> Iterator[tuple[subprocess.Popen, Path]]:
    """A batch of 40 one-article partitions in a session of its own (as a terminal's job), once its first
    partition is done; the whole session is killed afterwards, whatever the test found."""
    import signal
    import time

    corpus, out = tmp_path / "c.jsonl", tmp_path / "out"
    corpus.write_bytes(b"".join(_good(id=f"a{i}") for i in range(40)))
    batch = subprocess.Popen([sys.executable, "-m", "bordermap", "batch", str(corpus), "--out", str(out), "--workers",
                              workers, "--partition-size", "1", "--engine", engine, "-q"], stderr=subprocess.PIPE,
                             start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while not list((out / "parts").glob("part-*")) and time.monotonic() < deadline and batch.poll() is None:
            time.sleep(0.2)
        assert list((out / "parts").glob("part-*")), "no partition was finished"
        yield batch, out
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(batch.pid, signal.SIGKILL)
        batch.wait()


@pytest.mark.parametrize("how", ["ctrl-c", "sigterm"])
def test_ctrl_c_or_sigterm_stops_a_batch_and_its_workers_with_one_line(tmp_path, how):
    import signal

    import psutil  # distributed's dependency

    with _batch_started(tmp_path, "2") as (batch, _):
        workers = psutil.Process(batch.pid).children(recursive=True)
        if how == "ctrl-c":
            os.killpg(batch.pid, signal.SIGINT)  # what Ctrl-C at a terminal sends: every process of the job
        else:
            batch.send_signal(signal.SIGTERM)  # kill PID: the main process only
        _, stderr = batch.communicate(timeout=60)
        said = (130, "bordermap: interrupted") if how == "ctrl-c" else (143, "bordermap: terminated")
        assert (batch.returncode, stderr.decode().strip()) == said
        _, alive = psutil.wait_procs(workers, timeout=10)
        assert not alive


def test_ctrl_c_stops_a_dask_batch_with_one_line(tmp_path):
    """The workers of the batch's own LocalCluster are in the terminal's job too: they ignore Ctrl-C (before,
    each printed its event loop's traceback) and end when the cluster is closed."""
    import signal

    import psutil

    with _batch_started(tmp_path, "2", engine="dask") as (batch, _):
        workers = psutil.Process(batch.pid).children(recursive=True)
        assert len(workers) >= 2  # both workers are up (and multiprocessing's tracker, perhaps)
        os.killpg(batch.pid, signal.SIGINT)
        _, stderr = batch.communicate(timeout=60)
        assert (batch.returncode, stderr.decode().strip()) == (130, "bordermap: interrupted")
        _, alive = psutil.wait_procs(workers, timeout=10)
        assert not alive


def test_ctrl_c_while_the_workers_start_is_one_line_too(tmp_path):
    import signal
    import time

    import psutil

    corpus = tmp_path / "c.jsonl"
    corpus.write_bytes(b"".join(_good(id=f"a{i}") for i in range(40)))
    batch = subprocess.Popen([sys.executable, "-m", "bordermap", "batch", str(corpus), "--out", str(tmp_path / "out"),
                              "--workers", "2", "--partition-size", "1", "-q"], stderr=subprocess.PIPE,
                             start_new_session=True)
    try:
        main = psutil.Process(batch.pid)
        while len(main.children()) < 3 and batch.poll() is None:  # multiprocessing's tracker, both workers
            time.sleep(0.005)
        time.sleep(0.1)  # the workers are importing bordermap: no partition is done yet
        assert not list((tmp_path / "out" / "parts").glob("part-*"))
        os.killpg(batch.pid, signal.SIGINT)
        _, stderr = batch.communicate(timeout=60)
        assert (batch.returncode, stderr.decode().strip()) == (130, "bordermap: interrupted")
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(batch.pid, signal.SIGKILL)
        batch.wait()


def test_a_worker_killed_stops_the_batch_with_one_line_and_a_rerun_resumes(tmp_path):
    import signal

    import psutil  # distributed's dependency

    with _batch_started(tmp_path, "1") as (batch, out):
        (worker,) = [p for p in psutil.Process(batch.pid).children() if "spawn_main" in " ".join(p.cmdline())]
        worker.send_signal(signal.SIGKILL)  # as the OOM killer does
        _, stderr = batch.communicate(timeout=60)
    assert batch.returncode == 2 and stderr.decode().count("\n") == 1 and "worker process died" in stderr.decode()
    kept = len(list((out / "parts").glob("part-*")))
    rerun = cli("batch", str(tmp_path / "c.jsonl"), "--out", str(out), "--workers", "1", "--partition-size", "1", "-q")
    assert rerun.code == 0 and rerun.lines[0].startswith(f"bordermap: {40 - kept} article(s) processed in this run")


def test_a_batch_out_folder_that_bordermap_did_not_write_keeps_its_parts_folders(tmp_path):
    notes = tmp_path / "project" / "parts" / "part-A" / "notes.txt"
    notes.parent.mkdir(parents=True)
    notes.write_text("my notes", encoding="utf-8")
    (tmp_path / "project" / "parts" / ".part-keep").mkdir()
    run = cli("batch", str(SAMPLE), "--out", str(tmp_path / "project"), "--workers", "1", "-q")
    assert run.code == 2 and len(run.lines) == 1 and "has no manifest.json" in run.lines[0]
    assert notes.read_text(encoding="utf-8") == "my notes" and (tmp_path / "project" / "parts" / ".part-keep").is_dir()
    for theirs in ('{"name": "my app", "icons": []}', "[1, 2]", "{broken"):  # a manifest.json of another tool
        (tmp_path / "project" / "manifest.json").write_text(theirs, encoding="utf-8")
        run = cli("batch", str(SAMPLE), "--out", str(tmp_path / "project"), "--workers", "1", "-q")
        assert run.code == 2 and len(run.lines) == 1 and "was not written by bordermap batch" in run.lines[0]
        assert (tmp_path / "project" / "manifest.json").read_text(encoding="utf-8") == theirs
        assert notes.is_file() and (tmp_path / "project" / "parts" / ".part-keep").is_dir()


def test_an_output_over_an_input_or_inside_an_input_folder_is_refused_before_any_work(tmp_path):
    article, folder = tmp_path / "in.html", tmp_path / "news"
    article.write_text("<p>Troops crossed into Ukraine from Belarus.</p>", encoding="utf-8")
    folder.mkdir()
    (folder / "a.txt").write_text("Troops crossed into Ukraine from Belarus.", encoding="utf-8")
    before = article.read_bytes()
    for args, said in ((("map", str(article), "-o", str(article)), "is also an input"),
                       (("map", str(article), "-o", str(tmp_path / "ex" / "places.geojson"), "--export",
                         str(tmp_path / "ex")), "is a layer file of --export"),
                       (("map", str(folder), "-o", str(folder / "map.html")), "is inside the input folder"),
                       (("batch", str(folder), "--out", str(folder), "-q"), "is inside the input folder")):
        run = cli(*args)
        assert run.code == 2 and len(run.lines) == 1 and said in run.lines[0], run.stderr
    assert article.read_bytes() == before and sorted(p.name for p in folder.iterdir()) == ["a.txt"]
    assert not (tmp_path / "ex").exists()
    layers = cli("export", str(folder), "--out", str(folder / "layers"), "-q")  # not articles: nothing read back
    assert layers.code == 0 and (folder / "layers" / "places.geojson").exists()


def test_a_file_name_that_is_not_utf8_is_read_and_shown_with_a_replacement_character(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    with open(os.path.join(os.fsencode(folder), b"caf\xe9.txt"), "wb") as f:
        f.write(b"Report\n\nTroops crossed from Belarus into Ukraine near Kyiv.\n")
    run = cli("export", str(folder), "--out", str(tmp_path / "out"), "-q")
    assert run.code == 0, run.stderr
    places = json.loads((tmp_path / "out" / "places.geojson").read_text("utf-8"))["features"]
    assert {f["properties"]["article_id"] for f in places} == {"caf\ufffd.txt"}


@pytest.mark.parametrize("args,said", [
    (("batch", "--workers", "-1"), "argument --workers: -1 is less than 1"),
    (("batch", "--partition-size", "0"), "argument --partition-size: 0 is less than 1"),
    (("export", "--format", "geojsn"), "argument --format: geojsn: choose from geojson, gpkg, parquet"),
    (("export", "--format", ", ,"), "argument --format: no format"),
])
def test_option_values_are_checked_before_any_work(tmp_path, args, said):
    command, *options = args
    out = tmp_path / "out"
    run = cli(command, str(SAMPLE), "--out", str(out), *options)
    assert run.code == 2 and said in run.stderr and not out.exists()


def test_a_nul_deep_in_a_text_file_is_replaced_and_quotes_keep_their_places(tmp_path):
    article = tmp_path / "nul.txt"
    article.write_bytes(b"Report\n\n" + b"The weather was calm and nothing happened at all. " * 200
                        + b"\n\nOfficials in Minsk\x00 said troops crossed from Belarus into Ukraine near Kyiv.\n")
    run = cli("export", str(article), "--out", str(tmp_path / "out"), "-q")
    assert run.code == 0, run.stderr
    places = json.loads((tmp_path / "out" / "places.geojson").read_text("utf-8"))["features"]
    kyiv = next(f["properties"] for f in places if f["properties"]["name"] == "Kyiv")
    assert "Minsk\ufffd said" in kyiv["evidence"] and "Kyiv" in kyiv["evidence"]


def test_an_online_geocoders_cache_that_is_not_a_database_is_one_line(tmp_path):
    from bordermap.errors import DataError
    from bordermap.geo.online import DiskCache

    cache = tmp_path / "nominatim-cache.sqlite"
    cache.write_bytes(b"not a database " * 20)
    with pytest.raises(DataError, match="nominatim-cache.sqlite cannot be used"):
        DiskCache(lambda query: None, cache)


def test_a_map_export_that_cannot_be_written_leaves_the_map_as_it_was(tmp_path):
    old_map, not_a_folder = tmp_path / "map.html", tmp_path / "afile"
    old_map.write_text("old", encoding="utf-8")
    not_a_folder.write_text("", encoding="utf-8")
    run = cli("map", str(SAMPLE), "-o", str(old_map), "--export", str(not_a_folder), "-q")
    assert run.code == 2 and run.lines == [f"bordermap: {not_a_folder} is not a folder: name the folder the files go to"]
    assert old_map.read_text(encoding="utf-8") == "old"
