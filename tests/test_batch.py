"""`bordermap batch`: both engines give the same layers; a killed run resumes to the same result."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest
from conftest import REPO

LAYER_FILES = [f"{name}.geojson" for name in ("places", "crossings", "routes", "events", "borders", "claims")]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """Seven real articles (the dev set and the sample) and one malformed line."""
    folder = tmp_path_factory.mktemp("corpus")
    lines = (REPO / "data" / "samples" / "border-news-dev.jsonl").read_text(encoding="utf-8").split("\n")
    records = [json.loads(line) for line in lines if line.strip()]
    lines = [json.dumps({k: r[k] for k in ("id", "text", "title", "date", "url")}) for r in records[:6]]
    lines.insert(3, '{"id": "broken", "text": ')
    (folder / "news.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "belarus-border-2023.txt").write_text((REPO / "data" / "samples" / "belarus-border-2023.txt").read_text(encoding="utf-8"), encoding="utf-8")
    return folder


def batch(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "bordermap", "batch", *args, "--quiet"], check=False,
                          capture_output=True, text=True, timeout=600, env=os.environ.copy(), **kwargs)


def outputs(folder) -> dict[str, str]:
    return {name: (folder / name).read_text(encoding="utf-8") for name in LAYER_FILES}


@pytest.fixture(scope="module")
def local_run(corpus, tmp_path_factory):
    out = tmp_path_factory.mktemp("local")
    result = batch(str(corpus), "--out", str(out), "--workers", "2", "--partition-size", "2")
    return out, result


def test_local_run_writes_layers_map_and_errors(local_run):
    out, result = local_run
    assert result.returncode == 1, result.stderr  # one malformed line
    assert "Traceback" not in result.stderr
    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text(encoding="utf-8").split("\n") if line]
    assert len(errors) == 1 and "news.jsonl line 4" in errors[0]["where"] and "invalid JSON" in errors[0]["reason"]
    places = json.loads((out / "places.geojson").read_text(encoding="utf-8"))
    ids = {f["properties"]["article_id"] for f in places["features"]}
    assert "belarus-border-2023.txt" in ids and len(ids) == 7
    assert (out / "map.html").stat().st_size > 100_000
    assert (out / "bordermap.gpkg").exists()
    # 8 records by 2: three partitions, then the last two records cut in (at most) four
    assert sorted(p.name for p in (out / "parts").iterdir()) == [f"part-{i:05d}" for i in range(5)]


@pytest.mark.parametrize(("articles", "size", "sizes"), [
    (3000, 100, [100] * 29 + [25] * 4), (3050, 100, [100] * 29 + [50] + [25] * 4), (10, 10, [3, 3, 2, 2]),
    (3, 10, [1, 1, 1]), (1, 200, [1])])
def test_the_last_partition_is_cut_in_four_so_no_worker_waits_long_for_the_others(tmp_path, articles, size, sizes):
    from bordermap.corpus import partitions

    corpus = tmp_path / "news.jsonl"
    corpus.write_text("".join(json.dumps({"id": f"a{i}", "text": "x"}) + "\n" for i in range(articles)), encoding="utf-8")
    cut = list(partitions([str(corpus)], size))
    assert [index for index, _ in cut] == list(range(len(sizes))) and [len(part) for _, part in cut] == sizes
    assert [record["id"] for _, part in cut for record in part] == [f"a{i}" for i in range(articles)]


def test_dask_engine_gives_identical_layers(corpus, local_run, tmp_path):
    result = batch(str(corpus), "--out", str(tmp_path), "--workers", "2", "--partition-size", "2", "--engine", "dask")
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr  # nor the cluster's own log lines
    assert outputs(tmp_path) == outputs(local_run[0])


def test_local_dask_workers_keep_glibcs_own_memory_trimming():
    """Dask's nanny sets MALLOC_TRIM_THRESHOLD_ for its workers, which made every partition 40 % slower."""
    from bordermap.corpus import WORKER_ENVIRON, DaskEngine

    engine = DaskEngine(1, None)
    try:
        (environ,) = engine.client.run(lambda: dict(os.environ)).values()
    finally:
        engine.close()
    assert "MALLOC_TRIM_THRESHOLD_" not in environ
    assert {name: environ.get(name) for name in WORKER_ENVIRON} == WORKER_ENVIRON  # one BLAS thread, as before


def test_a_dask_scheduler_and_worker_started_apart_give_identical_layers(corpus, local_run, tmp_path):
    """The cluster a user starts by hand: `dask scheduler` and `dask worker` as processes of their own."""
    address_file = tmp_path / "scheduler.json"
    dask = [sys.executable, "-m", "dask"]
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, "start_new_session": True}
    scheduler = subprocess.Popen([*dask, "scheduler", "--scheduler-file", str(address_file), "--port", "0",
                                  "--no-dashboard"], **quiet)
    worker = subprocess.Popen([*dask, "worker", "--scheduler-file", str(address_file), "--nthreads", "1",
                               "--nworkers", "1", "--no-dashboard"], **quiet)
    try:
        address, deadline = None, time.monotonic() + 120
        while address is None and time.monotonic() < deadline and scheduler.poll() is None:
            try:  # the scheduler writes the file when it listens; it may be seen half written
                address = json.loads(address_file.read_text(encoding="utf-8"))["address"]
            except (OSError, ValueError, KeyError):
                time.sleep(0.1)
        assert address, f"the scheduler wrote no address (exit code {scheduler.poll()})"
        result = batch(str(corpus), "--out", str(tmp_path / "out"), "--partition-size", "2", "--engine", "dask",
                       "--scheduler", address)
        assert result.returncode == 1, result.stderr
        assert outputs(tmp_path / "out") == outputs(local_run[0])
    finally:
        for process in (worker, scheduler):
            os.killpg(process.pid, signal.SIGTERM)
        for process in (worker, scheduler):
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def test_killed_run_resumes_to_the_same_result(corpus, local_run, tmp_path):
    command = [sys.executable, "-m", "bordermap", "batch", str(corpus), "--out", str(tmp_path),
               "--workers", "1", "--partition-size", "2", "--quiet"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    parts = tmp_path / "parts"
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and len(list(parts.glob("part-*"))) < 2 and process.poll() is None:
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    finished = sorted(p.name for p in parts.glob("part-*"))
    assert 1 <= len(finished) < 4, finished  # killed midway
    assert not (tmp_path / "map.html").exists()
    (tmp_path / ".merge-k1ll3d").mkdir()  # what a merge killed midway leaves
    (tmp_path / ".merge-k1ll3d" / "places.geojson").write_text('{"type": "FeatureCollection", "feat', encoding="utf-8")
    resumed = batch(str(corpus), "--out", str(tmp_path), "--workers", "1", "--partition-size", "2")
    assert resumed.returncode == 1
    assert outputs(tmp_path) == outputs(local_run[0])
    assert not list(parts.glob(".part-*")) and not list(tmp_path.glob(".merge-*"))  # nothing half-written left


def test_an_article_that_fails_to_parse_is_logged_and_the_others_are_kept(pipeline, monkeypatch, tmp_path):
    import bordermap.corpus
    from bordermap.errors import DataError
    from bordermap.geo.article import Article

    parse_places = pipeline.recognize

    def failing_on_one(article, doc):
        if article.id == "bad":
            raise ValueError("a parser bug")
        return parse_places(article, doc)

    monkeypatch.setattr(bordermap.corpus, "_PIPELINE", pipeline)
    monkeypatch.setattr(pipeline, "recognize", failing_on_one)
    articles = [Article(id=i, text=f"Troops moved from Minsk towards Brest, officials in {p} said.",
                        source=f"c.jsonl line {n}") for n, (i, p) in enumerate((("a", "Kyiv"), ("bad", "Lviv"), ("c", "Warsaw")), 1)]
    errors: list[dict] = []
    parsed = bordermap.corpus._parse(articles, 7, errors)
    assert [a.id for a in parsed] == ["a", "c"]
    assert errors == [{"id": "bad", "where": "c.jsonl line 2", "reason": "ValueError: a parser bug"}]  # file and line
    assert {"Minsk", "Brest", "Warsaw"} <= {m.text for m in parsed[1].mentions}
    assert all(a.doc is None for a in parsed)

    def unreadable_gazetteer(article, doc):
        raise DataError("the gazetteer index x.sqlite is damaged: removed")

    monkeypatch.setattr(pipeline, "recognize", unreadable_gazetteer)  # not one article's fault: the run stops
    with pytest.raises(DataError):
        bordermap.corpus._parse([Article(id="d", text="Officials in Kyiv met.")], 8, [])
    corpus = tmp_path / "c.jsonl"
    corpus.write_text("".join(json.dumps({"id": a.id, "text": a.text}) + "\n" for a in articles), encoding="utf-8")
    records = [record for _, part in bordermap.corpus.partitions([str(corpus)], 10) for record in part]
    assert [r["source"] for r in records] == [f"{corpus} line {n}" for n in (1, 2, 3)]  # what a failure names


def test_a_resume_after_the_corpus_or_the_partition_size_changed_starts_over(corpus, local_run, tmp_path):
    import shutil

    grown = tmp_path / "corpus"
    shutil.copytree(corpus, grown)
    news = grown / "news.jsonl"
    lines = news.read_text(encoding="utf-8").splitlines()
    news.write_text("\n".join(lines[:3]) + "\n", encoding="utf-8")  # the first run sees part of the corpus
    out = tmp_path / "out"
    assert batch(str(grown), "--out", str(out), "--workers", "1", "--partition-size", "2").returncode == 0
    news.write_text("\n".join(lines) + "\n", encoding="utf-8")  # the corpus grows
    again = batch(str(grown), "--out", str(out), "--workers", "2", "--partition-size", "2")
    assert "the inputs changed since the last run" in again.stderr and "are redone" in again.stderr
    assert outputs(out) == outputs(local_run[0])  # every article, as an uninterrupted run on the final corpus
    resized = batch(str(grown), "--out", str(out), "--workers", "2", "--partition-size", "3")
    assert "the partition size changed" in resized.stderr
    assert outputs(out) == outputs(local_run[0])
    same = batch(str(grown), "--out", str(out), "--workers", "2", "--partition-size", "3")
    assert "redone" not in same.stderr and outputs(out) == outputs(local_run[0])


def test_merging_the_same_partitions_twice_gives_the_same_geopackage(local_run, tmp_path):
    import shutil

    from bordermap.corpus import merge

    shutil.copytree(local_run[0] / "parts", tmp_path / "parts")
    merge(tmp_path, offline=True)
    first = (tmp_path / "bordermap.gpkg").read_bytes()
    merge(tmp_path, offline=True)
    assert (tmp_path / "bordermap.gpkg").read_bytes() == first


def test_partitions_of_another_version_are_redone(tmp_path):
    """A partition folder written by an older bordermap may lack what the merge now reads from it."""
    from bordermap.corpus_state import manifest, start_or_resume

    parts = tmp_path / "parts"
    (parts / "part-00000").mkdir(parents=True)
    current = manifest([], 100)
    (tmp_path / "manifest.json").write_text(json.dumps({**current, "version": current["version"] - 1}))
    message = start_or_resume(tmp_path, current, parts)
    assert message.startswith("the partitions were written by another version of bordermap")
    assert not (parts / "part-00000").exists()
    assert json.loads((tmp_path / "manifest.json").read_text()) == current


def test_a_second_run_on_the_same_folder_stops_with_the_first_ones_pid(corpus, tmp_path):
    from bordermap.corpus_state import locked

    with locked(tmp_path):  # this test process holds the folder, as a running batch does
        second = batch(str(corpus), "--out", str(tmp_path))
    assert second.returncode == 2
    assert second.stderr.strip() == (f"bordermap: another bordermap batch (pid {os.getpid()}) is writing {tmp_path}; "
                                     "wait for it, or use another --out")
    assert not (tmp_path / "parts").exists()


def test_the_same_event_in_two_partitions_is_one_feature(tmp_path):
    reports = [{"id": "a", "date": "2024-03-14", "text": "Poland closed the Medyka crossing with Ukraine on Thursday."},
               {"id": "b", "date": "2024-03-15", "text": "Poland closed the Medyka crossing with Ukraine on Thursday, "
                                                         "officials said."}]
    (tmp_path / "news.jsonl").write_text("".join(json.dumps(r) + "\n" for r in reports), encoding="utf-8")
    out = tmp_path / "out"
    result = batch(str(tmp_path / "news.jsonl"), "--out", str(out), "--workers", "1", "--partition-size", "1")
    assert result.returncode == 0, result.stderr
    assert len(list((out / "parts").iterdir())) == 2
    closures = json.loads((out / "crossings.geojson").read_text(encoding="utf-8"))["features"]
    assert len(closures) == 1
    closure = closures[0]["properties"]
    assert closure["name"] == "Medyka–Shehyni" and closure["n_sources"] == 2 and closure["article_ids"] == "a,b"
    assert closure["date"] == "2024-03-14" and closure["modality"] == "asserted"
    assert not list(out.glob(".*-buckets-*"))  # no bucket folder left behind


def test_partitions_with_a_column_empty_in_one_and_filled_in_another_merge_both(tmp_path):
    told = "Troops crossed into Ukraine from Belarus near Minsk."
    reports = [{"id": "a", "text": told}, {"id": "b", "text": told, "url": "https://example.org/b", "date": "2023-02-01"}]
    (tmp_path / "news.jsonl").write_text("".join(json.dumps(r) + "\n" for r in reports), encoding="utf-8")
    out = tmp_path / "out"
    result = batch(str(tmp_path / "news.jsonl"), "--out", str(out), "--workers", "1", "--partition-size", "1")
    assert result.returncode == 0, result.stderr
    places = json.loads((out / "places.geojson").read_text(encoding="utf-8"))["features"]
    assert {(f["properties"]["article_id"], f["properties"]["url"], f["properties"]["published"]) for f in places} == {
        ("a", None, None), ("b", "https://example.org/b", "2023-02-01")}
    import pyogrio

    stored = pyogrio.read_dataframe(out / "bordermap.gpkg", layer="places")
    assert sorted(stored["url"].fillna("")) == sorted(f["properties"]["url"] or "" for f in places)


def _closure_rows(n: int) -> list[dict]:
    """Closures of seven crossings told n times: every fourth on another day, every eleventh denied, some with
    an actor, some on one side only."""
    return [{"event_type": "closure", "name": f"Crossing {i % 7}", "sides": "PL-UA",
             "status": "closed_one_side" if i % 5 == 0 else "closed", "date": "2024-04-01" if i % 4 == 0 else "2024-03-14",
             "modality": "denied" if i % 11 == 0 else "asserted", "actor": "Polish guards" if i % 3 else None,
             "actor_country": "PL" if i % 3 else None, "claimed_by": None, "article_id": f"a{i:02d}",
             "article_ids": f"a{i:02d}", "n_sources": 1, "time_precision": 1, "confidence": 0.6,
             "evidence": f"Sentence {i}.", "evidence_start": i, "evidence_end": i + 10} for i in range(n)]


def _merged(paths, tmp_path) -> tuple[dict, list]:
    from bordermap.layers import sources

    frames = list(sources.merged_partitions("crossings", paths, tmp_path))
    return {(r["name"], r["date"], r["modality"]): r for f in frames for r in f.to_dict("records")}, frames


def test_partitions_merge_bucket_by_bucket_with_the_same_result(tmp_path, monkeypatch):
    from collections import Counter

    import geopandas

    from bordermap.layers import sources
    from bordermap.layers.frames import layer_frame

    rows = _closure_rows(40)
    frame = layer_frame("crossings", rows, geopandas.points_from_xy([i % 7 for i in range(40)], [50] * 40))
    splits = {"one": [frame], "2+2": [frame.iloc[:20], frame.iloc[20:]],
              "four": [frame.iloc[i * 10 : (i + 1) * 10] for i in range(4)]}
    results = {}
    for name, pieces in splits.items():
        paths = []
        for i, piece in enumerate(pieces):
            paths.append(tmp_path / f"{name}-{i}.parquet")
            piece.to_parquet(paths[-1])
        results[name], frames = _merged(paths, tmp_path)
        assert len(frames) == 1
    monkeypatch.setattr(sources, "ROWS_PER_BUCKET", 6)  # the four partitions again, in seven buckets
    results["bucketed"], frames = _merged(paths, tmp_path)
    assert len(frames) > 1

    def summary(found):
        return {k: (r["n_sources"], r["status"], r["confidence"], r["actor"]) for k, r in found.items()}

    for found in results.values():  # however the corpus was split
        assert summary(found) == summary(results["one"])
    # one event per crossing, day and modality: another day and a denial stay apart
    expected = Counter((r["name"], r["date"], r["modality"]) for r in rows)
    assert {k: r["n_sources"] for k, r in results["one"].items()} == dict(expected)
    one = results["one"][("Crossing 1", "2024-03-14", "asserted")]  # rows 1, 15, 29: 15 on one side, 1 an actor
    assert (one["status"], one["actor"], one["confidence"], one["article_ids"]) == (
        "closed_one_side", "Polish guards", 0.7, "a01,a15,a29")
    assert all(r["claimed_by"] is None for r in results["one"].values())  # missing strings stay None, not NaN
    assert list(tmp_path.glob(".crossings-buckets-*")) == []


def test_routes_merge_a_country_end_with_a_town_of_it(tmp_path):
    from bordermap.layers import sources
    from bordermap.layers.frames import layer_frame

    def route(i, origin, target):
        return {"event_type": "crossing", "origin": origin, "target": target, "origin_country": "UA",
                "target_country": "PL", "date": "2022-03-01", "modality": "asserted", "article_id": f"r{i}",
                "article_ids": f"r{i}", "n_sources": 1, "confidence": 0.7, "evidence": f"Route {i}.",
                "evidence_start": 0, "evidence_end": 8}

    rows = [route(0, "Ukraine", "Poland"), route(1, "Kyiv", "Poland"), route(2, "Lviv", "Poland"),
            route(3, "Kyiv", "Przemyśl")]
    merged = sources.merge_rows("routes", layer_frame("routes", rows, [None] * 4))
    # "Ukraine" takes the town another source names; Kyiv and Lviv are two routes; "Poland" takes Przemyśl
    assert sorted((r["origin"], r["target"], r["article_ids"]) for r in merged.to_dict("records")) == [
        ("Kyiv", "Przemyśl", "r0,r1,r3"), ("Lviv", "Poland", "r2")]


def test_an_id_with_a_comma_is_one_source():
    """``article_ids`` is split on commas to count sources: an id holding one is encoded, not two sources."""
    import geopandas

    from bordermap.layers import sources
    from bordermap.layers.frames import joined_ids, layer_frame

    assert joined_ids(["a,b", "100%", "a,b", "c"]) == "a%2Cb,100%25,c"
    rows = _closure_rows(2)
    for row, article in zip(rows, ("a,b,c,d", "e"), strict=True):
        row.update(article_id=article, article_ids=joined_ids([article]), date="2024-03-14", modality="asserted",
                   name="Crossing 0", status="closed")
    frame = layer_frame("crossings", rows, geopandas.points_from_xy([0, 0], [50, 50]))
    (merged,) = sources.merge_rows("crossings", frame).to_dict("records")
    assert (merged["n_sources"], merged["article_ids"]) == (2, "a%2Cb%2Cc%2Cd,e")


def test_a_mistyped_input_or_an_empty_folder_keeps_the_finished_partitions(tmp_path):
    from bordermap.corpus_state import manifest, start_or_resume
    from bordermap.errors import InputError

    corpus = tmp_path / "news.jsonl"
    corpus.write_text('{"id": "a", "text": "Troops crossed into Ukraine."}\n', encoding="utf-8")
    out, empty = tmp_path / "out", tmp_path / "empty"
    empty.mkdir()
    (out / "parts").mkdir(parents=True)
    assert start_or_resume(out, manifest([str(corpus)], 100), out / "parts") is None  # its first run
    (out / "parts" / "part-00000").mkdir()  # which finished a partition
    for inputs, said in (([str(tmp_path / "news.jsnol")], "news.jsnol: no such file"),
                         ([str(empty)], "the inputs hold no article file")):
        with pytest.raises(InputError, match=said):
            start_or_resume(out, manifest(inputs, 100), out / "parts")
        assert (out / "parts" / "part-00000").is_dir()
    assert json.loads((out / "manifest.json").read_text())["inputs"][0]["path"] == str(corpus.resolve())


def test_partitions_resolved_before_a_gazetteer_add_are_redone(tmp_path, monkeypatch):
    from bordermap.corpus_state import manifest, start_or_resume

    monkeypatch.setenv("BORDERMAP_DATA_DIR", str(tmp_path / "data"))
    corpus = tmp_path / "news.jsonl"
    corpus.write_text('{"id": "a", "text": "Troops crossed into Ukraine near Zzyzxgrad."}\n', encoding="utf-8")
    out = tmp_path / "out"
    (out / "parts").mkdir(parents=True)
    assert start_or_resume(out, manifest([str(corpus)], 100), out / "parts") is None
    (out / "parts" / "part-00000").mkdir()
    assert start_or_resume(out, manifest([str(corpus)], 100), out / "parts") is None  # the same: resumed
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "user.sqlite").write_bytes(b"places added")  # as `gazetteer add` leaves it
    message = start_or_resume(out, manifest([str(corpus)], 100), out / "parts")
    assert message.startswith("the gazetteer changed") and not (out / "parts" / "part-00000").exists()
    (out / "parts" / "part-00000").mkdir()
    assert start_or_resume(out, manifest(["-"], 100), out / "parts").startswith("standard input is read anew")
