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
    assert sorted(p.name for p in (out / "parts").iterdir()) == [f"part-{i:05d}" for i in range(4)]


def test_dask_engine_gives_identical_layers(corpus, local_run, tmp_path):
    result = batch(str(corpus), "--out", str(tmp_path), "--workers", "2", "--partition-size", "2", "--engine", "dask")
    assert result.returncode == 1, result.stderr
    assert outputs(tmp_path) == outputs(local_run[0])


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
    resumed = batch(str(corpus), "--out", str(tmp_path), "--workers", "1", "--partition-size", "2")
    assert resumed.returncode == 1
    assert outputs(tmp_path) == outputs(local_run[0])
    assert not list(parts.glob(".part-*"))  # no half-written partition left


def test_an_article_that_fails_to_parse_is_logged_and_the_others_are_kept(pipeline, monkeypatch, tmp_path):
    import bordermap.corpus
    from bordermap.geo.article import Article

    parse_places = pipeline.recognize

    def failing_on_one(article, doc):
        if article.id == "bad":
            raise ValueError("a parser bug")
        return parse_places(article, doc)

    monkeypatch.setattr(bordermap.corpus, "_PIPELINE", pipeline)
    monkeypatch.setattr(pipeline, "recognize", failing_on_one)
    articles = [Article(id=i, text=f"Troops moved from Minsk towards Brest, officials in {p} said.")
                for i, p in (("a", "Kyiv"), ("bad", "Lviv"), ("c", "Warsaw"))]
    errors: list[dict] = []
    parsed = bordermap.corpus._parse(articles, 7, errors)
    assert [a.id for a in parsed] == ["a", "c"]
    assert errors == [{"id": "bad", "where": "partition 7", "reason": "ValueError: a parser bug"}]
    assert {"Minsk", "Brest", "Warsaw"} <= {m.text for m in parsed[1].mentions}
    assert all(a.doc is None for a in parsed)


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


def test_partitions_merge_bucket_by_bucket_with_the_same_result(tmp_path, monkeypatch):
    import geopandas

    from bordermap.layers import sources

    rows = [{"event_type": "closure", "name": f"Crossing {i % 7}", "sides": "PL-UA", "status": "closed",
             "date": "2024-03-14", "modality": "asserted", "actor": None, "actor_country": None, "claimed_by": None,
             "article_id": f"a{i}", "article_ids": f"a{i}", "n_sources": 1, "time_precision": 1, "confidence": 0.6,
             "evidence": f"Sentence {i}.", "evidence_start": 0, "evidence_end": 10} for i in range(40)]
    frame = geopandas.GeoDataFrame(rows, geometry=geopandas.points_from_xy([i % 7 for i in range(40)], [50] * 40),
                                   crs="EPSG:4326")
    paths = []
    for i in range(4):  # four partitions of ten rows
        paths.append(tmp_path / f"part-{i}.parquet")
        frame.iloc[i * 10 : (i + 1) * 10].to_parquet(paths[-1])
    whole = list(sources.merged_partitions("crossings", paths, tmp_path))
    monkeypatch.setattr(sources, "ROWS_PER_BUCKET", 6)  # seven buckets
    bucketed = list(sources.merged_partitions("crossings", paths, tmp_path))
    assert len(bucketed) > 1 and len(whole) == 1
    by_name = lambda frames: {r["name"]: r for f in frames for r in f.to_dict("records")}
    assert by_name(bucketed).keys() == by_name(whole).keys() == {f"Crossing {i}" for i in range(7)}
    for name, row in by_name(whole).items():
        assert row["n_sources"] == by_name(bucketed)[name]["n_sources"] == len(row["article_ids"].split(","))
    assert sum(r["n_sources"] for r in by_name(whole).values()) == 40
    assert list(tmp_path.glob(".crossings-buckets-*")) == []


def test_an_article_whose_events_fail_is_logged_and_the_partition_kept(pipeline, monkeypatch, tmp_path):
    import geopandas

    import bordermap.corpus
    from bordermap.layers import events

    reading = events.events_in_sentence

    def failing_on_one(sentence):
        if sentence.article.id == "bad":
            raise ValueError("a frame bug")
        return reading(sentence)

    monkeypatch.setattr(bordermap.corpus, "_PIPELINE", pipeline)
    monkeypatch.setattr(events, "events_in_sentence", failing_on_one)
    records = [{"id": i, "text": "Poland closed the Medyka crossing with Ukraine on Thursday.", "date": "2024-03-15"}
               for i in ("a", "bad", "c")]
    bordermap.corpus.part_dir(tmp_path, 0).parent.mkdir()
    result = bordermap.corpus.process_partition(0, records, str(tmp_path))
    assert result.errors == [{"id": "bad", "where": "partition 0", "reason": "ValueError: a frame bug"}]
    crossings = geopandas.read_parquet(bordermap.corpus.part_dir(tmp_path, 0) / "crossings.parquet")
    assert crossings["article_ids"].tolist() == ["a,c"]  # the two good articles, merged
