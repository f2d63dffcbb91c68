"""Corpus-scale runs: partitions processed in parallel, then merged layers and a map.

The corpus is streamed: articles are read lazily and cut into partitions of
``partition_size``; at most two partitions per worker are in flight, so memory
does not grow with the corpus. Each partition is parsed, its events extracted
and its layers written as GeoParquet into ``DIR/parts/part-NNNNN/`` (a
temporary directory renamed when complete): a re-run skips finished
partitions, so a killed run resumes where it stopped. Then the merge streams
the partitions into one GeoJSON per layer, one GeoPackage and the map.

Engines: ``local`` (a process pool, each worker loading spaCy and the
gazetteer once) and ``dask`` (a Dask distributed cluster: a LocalCluster, or
the scheduler at ``--scheduler``). Both run the same partition function, so
they produce the same layers.
"""

from __future__ import annotations

import contextlib
import json
import logging
import multiprocessing
import os
import re
import shutil
import signal
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from bordermap.errors import BordermapError, DataError, InputError
from bordermap.geo.article import Article
from bordermap.geo.reading import InputProblem, read_inputs
from bordermap.layers.frames import LAYER_NAMES, SCHEMA
from bordermap.layers.sources import EVENT_LAYERS, merged_partitions
from bordermap.signals import handling

PARTS = "parts"
#: Layers whose rows are the same after the merge as in their partition: their GeoJSON features are
#: written by the workers, in parallel, and the merge only copies them.
UNMERGED_LAYERS = tuple(name for name in LAYER_NAMES if name != "borders" and name not in EVENT_LAYERS)
#: A partition's GeoJSON features of a layer, one per line.
FEATURES_SUFFIX = ".features"
#: Seconds to wait for a Dask scheduler named by --scheduler.
SCHEDULER_TIMEOUT_SECONDS = 10
ERRORS = "errors.jsonl"
#: The map shows at most this many features per layer (most confident first); the files keep all.
MAP_FEATURES_PER_LAYER = 5000
#: Rows the merge gathers before one GeoPackage write (about 20 MB of places).
GPKG_ROWS_PER_WRITE = 20_000

_PIPELINE = None  # one per worker process: spaCy and the gazetteer load once
#: A worker is one process for one core: BLAS threads inside it would only fight the other workers (two
#: workers with two OpenBLAS threads each ran at a third of the speed of two single-threaded ones here).
#: Dask's nanny sets the same variables for its workers.
WORKER_ENVIRON = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
#: Dask's nanny also sets MALLOC_TRIM_THRESHOLD_=65536 for its workers (so that freed memory goes back to the
#: system at once), which fixes glibc's mmap threshold at 128 KB: every large array is then a fresh mmap and
#: its page faults, and a partition took 1.45 s of CPU instead of 1.05 (the same 100 articles, either way in
#: one process). The workers of our LocalCluster get glibc's own setting, as the local pool's do.
DASK_WORKER_ENVIRON = {"distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None}


@dataclass
class PartitionResult:
    index: int
    articles: int
    errors: list[dict]
    peak_rss_mb: float


@dataclass
class Run:
    """What one ``run_partitions`` did: its partitions' results, and how many articles of the whole corpus (done
    before or now) could be read; with none, the caller keeps the last good merge instead of an empty one."""

    results: list[PartitionResult]
    readable: int


def _pipeline():
    global _PIPELINE
    if _PIPELINE is None:
        from bordermap.geo.pipeline import GeoPipeline

        _PIPELINE = GeoPipeline()
    return _PIPELINE


#: spaCy's objects are not safe to share between threads, and a Dask worker may run several tasks at once.
_PARSING = threading.Lock()


def peak_memory_mb() -> float:
    """This process's peak resident memory: Linux's VmHWM, of this process image. getrusage's ru_maxrss keeps
    the high-water mark of the image before exec, so a worker spawned by a 900 MB process reported 900 MB."""
    import resource

    try:  # bytes: the Name line is the executable's name, in any encoding
        with open("/proc/self/status", "rb") as f:
            peak = re.search(rb"VmHWM:\s+(\d+) kB", f.read())
    except OSError:  # not Linux
        peak = None
    return int(peak[1]) / 1024 if peak else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def part_dir(out: Path, index: int) -> Path:
    return out / PARTS / f"part-{index:05d}"


def _failure(article: Article, index: int, exc: Exception) -> dict:
    return {"id": article.id, "where": article.source or f"partition {index}", "reason": f"{type(exc).__name__}: {exc}"}


def _parse(articles: list[Article], index: int, errors: list[dict]) -> list[Article]:
    """The partition's articles with their places, read in batches and without their docs (so, past the
    words a worker keeps, in spaCy memory zones: its memory stays flat); if that fails, article by article,
    so that only the failing one is logged."""
    pipeline = _pipeline()
    try:
        return list(pipeline.process(articles, keep_doc=False))
    except Exception:  # noqa: BLE001 - one article failed the batch: read them one by one to name it
        parsed = []
    for article in articles:
        try:
            parsed.append(pipeline(article))
            article.doc = None
        except DataError:  # the gazetteer, not the article: the run stops, and the partition is redone later
            raise
        except Exception as exc:  # noqa: BLE001 - one bad article must not stop a corpus run; it is logged
            errors.append(_failure(article, index, exc))
    return parsed


def process_partition(index: int, records: list[dict], out: str) -> PartitionResult:
    """Parse one partition and write its layers as GeoParquet, atomically; never raises for a bad article."""
    from bordermap import layers as layer_api

    target = part_dir(Path(out), index)
    if target.exists():
        return PartitionResult(index, len(records), [], peak_memory_mb())
    errors = [r["error"] for r in records if "error" in r]
    articles = [Article(**record) for record in records if "error" not in record]
    with _PARSING:  # the events' parser shares the pipeline's model and vocabulary
        done = _with_events(_parse(articles, index, errors), index, errors)
    built = layer_api.build(done)
    staging = Path(tempfile.mkdtemp(prefix=f".part-{index:05d}-", dir=target.parent))
    try:
        for name, frame in built.items():
            frame.to_parquet(staging / f"{name}.parquet")
            if name in UNMERGED_LAYERS:
                with (staging / f"{name}{FEATURES_SUFFIX}").open("w", encoding="utf-8") as f:
                    f.writelines(feature + "\n" for feature in geojson_features(frame))
        (staging / ERRORS).write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in errors), encoding="utf-8")
        os.replace(staging, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return PartitionResult(index, len(records), errors, peak_memory_mb())


def _with_events(parsed: list[Article], index: int, errors: list[dict]) -> list[Article]:
    """The parsed articles with their events, read as one parse stream; if that fails, article by article,
    so that only the failing one is logged and left out."""
    from bordermap.layers.events import extract_events, extract_events_of

    try:
        extract_events_of(parsed)
        return parsed
    except Exception:  # noqa: BLE001 - find the article that fails, one by one; the others are kept
        done = []
    for article in parsed:
        try:
            extract_events(article)
            done.append(article)
        except DataError:
            raise
        except Exception as exc:  # noqa: BLE001 - one bad article must not stop a corpus run; it is logged
            errors.append(_failure(article, index, exc))
    return done


#: The corpus's last partition is cut into this many: see ``partitions``.
LAST_PARTITION_PIECES = 4


def partitions(inputs: Iterable[str], size: int) -> Iterator[tuple[int, list[dict]]]:
    """Stream (index, records) of ``size`` articles; unreadable inputs ride along as error records.

    The last ``size`` records are cut into ``LAST_PARTITION_PIECES`` partitions: the worker that finishes first
    then waits for the others a quarter of a partition, not a whole one (0.6-0.8 s of a 20 s run on two
    workers). The cut depends on the corpus and ``size`` only, never on the workers, so a resume with other
    ``--workers`` keeps its partitions; the merged layers do not depend on the cut. One partition is held
    back to see the corpus end."""
    pending: list[dict] = []
    index = 0
    for item in read_inputs(inputs):
        if isinstance(item, InputProblem):
            pending.append({"error": {"id": None, "where": item.where, "reason": item.message}})
        else:
            pending.append({"id": item.id, "text": item.text, "title": item.title, "date": item.date, "url": item.url,
                            "source": item.source})
        if len(pending) >= 2 * size:
            yield index, pending[:size]
            index, pending = index + 1, pending[size:]
    if len(pending) > size:
        yield index, pending[:-size]
        index, pending = index + 1, pending[-size:]
    pieces = min(LAST_PARTITION_PIECES, len(pending))
    start = 0
    for piece in range(pieces):  # sizes that differ by one at most
        end = start + len(pending) // pieces + (piece < len(pending) % pieces)
        yield index + piece, pending[start:end]
        start = end


def count_articles(inputs: Iterable[str]) -> int | None:
    """A quick count for the progress bar's ETA (lines of JSONL, files of text); None when unknown. A file
    that cannot be read counts nothing here: reading it reports the problem, with its name."""
    import gzip

    from bordermap.geo.reading import article_files, bounded_lines, first_reading

    total = 0
    seen: set[str] = set()
    for name in inputs:
        path = Path(name)
        if name == "-":
            return None
        files = article_files(path) if path.is_dir() else [path]
        for file in files:
            if not first_reading(file, seen):  # read once (``read_inputs``): counted once
                continue
            lower = file.name.lower()
            try:
                if lower.endswith((".jsonl.gz", ".jsonl")):
                    opener = gzip.open if lower.endswith(".gz") else open
                    with opener(file, "rb") as f:
                        total += sum(1 for _, line in bounded_lines(f) if line is None or line.strip())
                elif lower.endswith((".txt", ".html", ".htm")):
                    total += 1
            except (OSError, EOFError):  # missing, not gzip, truncated
                continue
    return total


class WorkerDied(BordermapError):
    """A worker process of the pool ended without finishing its partition (the OOM killer, ``kill -9``)."""


def _ignore_interrupts() -> None:
    """A worker's start: Ctrl-C (SIGINT to the terminal's process group) is for the main process, which stops
    the workers; each worker printing its own KeyboardInterrupt traceback helped no one. (A worker that
    ``LocalEngine`` starts ignores it from its first instruction already; this is for a pool made outside
    the main thread.)"""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


@contextlib.contextmanager
def _worker_environ() -> Iterator[None]:
    """``WORKER_ENVIRON`` in this process's environment while the pool starts its workers, so that each reads
    it when it loads NumPy; before any other thread of this process runs (setenv is not thread-safe)."""
    saved = {name: os.environ.get(name) for name in WORKER_ENVIRON}
    os.environ.update(WORKER_ENVIRON)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name)
            else:
                os.environ[name] = value


class LocalEngine:
    """A process pool: each worker loads the models once (module-level cache). A worker that dies stops the run
    with one line (``concurrent.futures`` sees it; ``multiprocessing.Pool`` lost its partition and waited for
    good), the finished partitions kept."""

    def __init__(self, workers: int):
        from concurrent.futures import ProcessPoolExecutor

        self.workers = workers
        with _worker_environ():
            # its queues start multiprocessing's resource tracker, whose start unblocks SIGINT: not in the window
            self.pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"),
                                            initializer=_ignore_interrupts)
            # SIGINT ignored while the workers start (5-12 ms for two): an ignored signal stays ignored through
            # fork and exec, so a Ctrl-C in the 0.3 s before a worker reaches _ignore_interrupts no longer prints
            # the traceback of the import it stopped. A Ctrl-C in those milliseconds is lost (blocking it does not
            # hold it: a library's own thread takes it).
            with handling(signal.SIGINT, signal.SIG_IGN):
                for _ in range(workers):  # a submit starts a worker while none is idle: all of them start now
                    self.pool.submit(int)

    def run(self, tasks: Iterator[tuple[int, list[dict]]], out: Path, on_done: Callable[[PartitionResult], None],
            ) -> None:
        from concurrent.futures.process import BrokenProcessPool

        pending: list = []
        try:
            for index, records in tasks:
                pending.append(self.pool.submit(process_partition, index, records, str(out)))
                while len(pending) >= 2 * self.workers:
                    pending = self._collect(pending, on_done)
            while pending:
                pending = self._collect(pending, on_done)
        except BrokenProcessPool:
            raise WorkerDied("a worker process died before it finished its partition (killed by a signal, such as "
                             "the out-of-memory killer's); the finished partitions are kept: run the same command to "
                             "resume") from None

    @staticmethod
    def _collect(pending: list, on_done: Callable[[PartitionResult], None]) -> list:
        """Wait for the oldest partition, then hand over every finished one."""
        from concurrent.futures import wait

        wait(pending[:1])
        remaining = []
        for job in pending:
            if job.done():
                on_done(job.result())
            else:
                remaining.append(job)
        return remaining

    def close(self) -> None:
        """Once every partition is in: the workers exit while the merge runs (waiting for them took 0.3 s per
        worker, the merge's start delayed; the interpreter joins them at its exit)."""
        self.pool.shutdown(wait=False)

    def stop(self) -> None:
        """After Ctrl-C or a failure: the queued partitions are dropped and the running ones' workers ended."""
        processes = list((getattr(self.pool, "_processes", None) or {}).values())  # no public way in 3.11
        self.pool.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            with contextlib.suppress(OSError, ValueError):
                process.terminate()
        for process in processes:
            with contextlib.suppress(OSError, ValueError, AssertionError):
                process.join(timeout=5)


def _connect(scheduler: str):
    """A client of the scheduler at ``scheduler``, or one line saying why there is none.

    ``Client(timeout=...)`` bounds the TCP connect, but distributed then reads the scheduler's handshake with no
    timeout (distributed/comm/core.py ``connect``), so a port that accepts and never speaks (a wrong service, a
    stopped process behind a proxy) hung the batch for good. The client is made in a daemon thread that is given
    up on after the timeout; a client it makes after that is closed, and the process exits with the thread."""
    from distributed import Client

    made: dict = {}
    given_up = threading.Event()
    wait = SCHEDULER_TIMEOUT_SECONDS + 2  # the connect's own timeout ends first when the port is closed
    hint = "start it with 'dask scheduler', or leave --scheduler out for a local cluster"

    def connect() -> None:
        try:
            client = Client(scheduler, timeout=SCHEDULER_TIMEOUT_SECONDS)
        except Exception as exc:  # noqa: BLE001 - any of them is told below, in the caller's thread, as one line
            made["error"] = exc
            return
        if given_up.is_set():
            client.close()
        else:
            made["client"] = client

    connecting = threading.Thread(target=connect, name="bordermap-scheduler-connect", daemon=True)
    connecting.start()
    connecting.join(wait)
    if connecting.is_alive():
        given_up.set()
        raise InputError(f"--scheduler {scheduler} did not answer within {wait} s (no handshake); {hint}")
    if "client" in made:
        return made["client"]
    error = made["error"]
    if isinstance(error, ValueError):  # "unknown address scheme 'foo' (known schemes: [...])"
        raise InputError(f"--scheduler {scheduler}: {error}")
    if isinstance(error, OSError | TimeoutError):  # OSError("Timed out trying to connect ...")
        raise InputError(f"--scheduler {scheduler} did not answer within {SCHEDULER_TIMEOUT_SECONDS} s "
                         f"({type(error).__name__}); {hint}")
    raise InputError(f"--scheduler {scheduler} answered, but not as a Dask scheduler ({type(error).__name__})")


class DaskEngine:
    """A Dask distributed cluster: a LocalCluster of processes, or an existing scheduler."""

    def __init__(self, workers: int, scheduler: str | None):
        import dask
        from distributed import Client, LocalCluster

        self.cluster = None
        if scheduler:
            self.client = _connect(scheduler)
        else:  # its workers' log lines are not the user's: one that lost the scheduler at shutdown printed a traceback
            with dask.config.set(DASK_WORKER_ENVIRON):
                self.cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                            dashboard_address=None, silence_logs=logging.CRITICAL,
                                            # its workers ignore Ctrl-C; a user's own preloads still run
                                            preload=[*dask.config.get("distributed.worker.preload", []),
                                                     "bordermap.signals"])
            self.client = Client(self.cluster)
        self.workers = max(len(self.client.scheduler_info().get("workers", {})), 1)

    def run(self, tasks: Iterator[tuple[int, list[dict]]], out: Path, on_done: Callable[[PartitionResult], None],
            ) -> None:
        from distributed import as_completed

        window = as_completed()
        in_flight = 0
        for index, records in tasks:
            window.add(self.client.submit(process_partition, index, records, str(out), pure=False))
            in_flight += 1
            if in_flight >= 2 * self.workers:
                on_done(next(window).result())
                in_flight -= 1
        for future in window:
            on_done(future.result())

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()

    stop = close


def run_partitions(inputs: list[str], out: Path, *, engine: str = "local", workers: int | None = None,
                   scheduler: str | None = None, partition_size: int = 200, progress=None,
                   notify: Callable[[str], None] | None = None) -> Run:
    """Process every partition not done yet, of this corpus cut this way (``corpus_state``). The caller holds
    ``corpus_state.locked(out)``."""
    from bordermap.corpus_state import manifest, start_or_resume

    out.mkdir(parents=True, exist_ok=True)
    (out / PARTS).mkdir(exist_ok=True)
    message = start_or_resume(out, manifest(inputs, partition_size), out / PARTS)  # refuses a folder not ours
    for folder in [*(out / PARTS).glob(".part-*"), *out.glob(".merge-*")]:  # left by a killed run
        shutil.rmtree(folder, ignore_errors=True)
    if message and notify is not None:
        notify(f"bordermap: {message}")
    workers = workers or os.cpu_count() or 1
    runner = DaskEngine(workers, scheduler) if engine == "dask" else LocalEngine(workers)
    preparing = threading.Thread(target=_prepare_merge, daemon=True)  # after the workers start (_worker_environ)
    preparing.start()
    results: list[PartitionResult] = []
    readable = 0

    def todo():
        nonlocal readable
        for index, records in partitions(inputs, partition_size):
            readable += sum("error" not in record for record in records)
            if part_dir(out, index).exists():
                if progress is not None:
                    progress.update(len(records))
                continue
            yield index, records

    def done(result: PartitionResult) -> None:
        results.append(result)
        if progress is not None:
            progress.update(result.articles)

    try:
        runner.run(todo(), out, done)
    except BaseException:  # Ctrl-C, a worker that died, the gazetteer: the workers stop now
        with contextlib.suppress(Exception):  # whatever stopping them meets, the first error is the one told
            runner.stop()
        raise
    runner.close()
    preparing.join()  # the merge calls the basemap's cache after this, never beside the thread
    return Run(results, readable)


def _prepare_merge() -> None:
    """Load what the merge needs (GeoPandas, pyogrio, folium, the world basemap: 0.8 s) and draw an empty map
    (0.2 s: folium's templates are compiled and the country names read at a first map, which cost the merge
    0.3-0.4 s) while the workers run, so that the merge after the last partition is shorter. In a thread
    started with the run, also beside as many workers as cores: it takes half its 1 s from them then, where
    started when the last partitions left a worker idle it delayed the merge by 0.6 s (3,000 articles, 2
    workers on 2 cores)."""
    import importlib

    # only a head start: if it fails, the merge does the same again and reports its own error, in one line
    with contextlib.suppress(Exception):
        for module in ("geopandas", "pyogrio", "pyarrow.parquet", "bordermap.layers.sources"):
            importlib.import_module(module)
        from bordermap.layers.frames import Layers, layer_frame
        from bordermap.maps.render import make_map

        make_map(Layers(**{name: layer_frame(name, [], []) for name in LAYER_NAMES}), offline=True).get_root().render()


def _finished_parts(out: Path) -> list[Path]:
    return sorted(p for p in (out / PARTS).glob("part-*") if p.is_dir())


def logged_errors(out: Path) -> Iterator[dict]:
    """The error records of the finished partitions, in partition order (this run's and earlier runs')."""
    for part in _finished_parts(out):
        with contextlib.suppress(OSError), (part / ERRORS).open(encoding="utf-8") as f:
            yield from (json.loads(line) for line in f if line.strip())


class _GeoJSONStream:
    """An RFC 7946 FeatureCollection written feature by feature (features as ``geojson_features`` writes them),
    so merging needs no whole layer in memory."""

    def __init__(self, path: Path):
        self.path = path
        self.file = path.open("w", encoding="utf-8")
        self.file.write('{"type": "FeatureCollection", "features": [\n')
        self.first = True

    def write(self, features: Iterable[str]) -> None:
        for feature in features:
            self.file.write(("" if self.first else ",\n") + feature)
            self.first = False

    def close(self) -> None:
        self.file.write("\n]}\n")
        self.file.close()


def geojson_features(frame) -> Iterator[str]:
    """The frame's rows as GeoJSON features (coordinates to 6 decimals, about 10 cm), one JSON text each."""
    import shapely

    if len(frame) == 0:
        return
    frame = frame.copy()
    frame["geometry"] = shapely.set_precision(frame.geometry.values, 1e-6)
    for feature in frame.to_geo_dict(na="null", drop_id=True)["features"]:
        yield json.dumps(feature, ensure_ascii=False)


def _copied_features(path: Path) -> Iterator[str]:
    with path.open(encoding="utf-8") as f:
        for line in f:
            yield line.rstrip("\n")


def _append_gpkg(path: Path, layer: str, frame) -> None:
    import pyogrio

    from bordermap.layers.export import gpkg_date

    pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": gpkg_date()})  # as `export` writes it: the same bytes
    pyogrio.write_dataframe(frame, path, layer=layer, driver="GPKG", append=path.exists(), use_arrow=True,
                            dataset_options=None if path.exists() else {"VERSION": "1.3"})


def _bounded(frames: list, limit: int) -> list:
    """Keep the ``limit`` most confident rows of the frames seen so far (the map's share)."""
    import pandas

    if sum(len(f) for f in frames) <= 2 * limit:
        return frames
    both = pandas.concat(frames, ignore_index=True)
    return [both.nlargest(limit, "confidence") if "confidence" in both else both.head(limit)]


def merge(out: Path, *, title: str | None = None, offline: bool = False) -> dict[str, int]:
    """Stream the partitions into merged GeoJSON, one GeoPackage and the map; atomically. Returns feature counts.

    Memory holds one partition at a time plus the map's share of each layer
    (at most ``MAP_FEATURES_PER_LAYER`` features, the most confident), so it
    does not grow with the corpus. The event layers are merged across
    partitions (the same event told in two partitions is one feature with
    ``n_sources``), one hash bucket of rows at a time (``layers.sources``).
    """
    import geopandas
    import pandas

    from bordermap.layers.frames import Layers, layer_frame, read_layer, wgs84
    from bordermap.maps.render import make_map, save_map

    parts = _finished_parts(out)
    staging = Path(tempfile.mkdtemp(prefix=".merge-", dir=out))
    counts = dict.fromkeys(LAYER_NAMES, 0)
    shown = {}
    try:
        gpkg = staging / "bordermap.gpkg"
        for name in LAYER_NAMES:
            rows = {p: _rows(p / f"{name}.parquet") for p in parts}
            filled = [p for p in parts if rows[p]]  # a third of them are empty: not read
            if name == "borders":  # the same border comes from many partitions: one row per pair
                pieces = iter([(_merge_borders(read_layer([p / "borders.parquet" for p in filled]) if filled else None),
                                [])])
            elif name in EVENT_LAYERS:  # the same event told in several partitions: one feature
                pieces = ((frame, []) for frame in merged_partitions(name, [p / f"{name}.parquet" for p in filled],
                                                                      staging))
            else:  # the partitions' rows as they are, and their features as their workers wrote them
                pieces = ((read_layer([p / f"{name}.parquet" for p in group]),
                           [p / f"{name}{FEATURES_SUFFIX}" for p in group])
                          for group in _write_groups(filled, rows))
            stream = _GeoJSONStream(staging / f"{name}.geojson")
            kept: list = []
            unwritten: list = []  # frames for the GeoPackage, written a few at a time (a write costs 25 ms)
            for frame, features in pieces:
                if len(frame) == 0:
                    continue
                if features and all(path.exists() for path in features):
                    for path in features:
                        stream.write(_copied_features(path))
                else:  # merged rows, or a worker of an older version, which wrote no features
                    stream.write(geojson_features(frame))
                unwritten.append(frame)
                counts[name] += len(frame)
                if sum(map(len, unwritten)) >= GPKG_ROWS_PER_WRITE:
                    _append_gpkg(gpkg, name, pandas.concat(unwritten, ignore_index=True))
                    unwritten = []
                kept = _bounded([*kept, frame], MAP_FEATURES_PER_LAYER)
            stream.close()
            if unwritten:
                _append_gpkg(gpkg, name, pandas.concat(unwritten, ignore_index=True))
            if counts[name] == 0:
                _append_gpkg(gpkg, name, layer_frame(name, [], []))
            frame = pandas.concat(kept, ignore_index=True) if kept else layer_frame(name, [], [])
            if "confidence" in frame and len(frame) > MAP_FEATURES_PER_LAYER:
                frame = frame.nlargest(MAP_FEATURES_PER_LAYER, "confidence")
            shown[name] = geopandas.GeoDataFrame(frame, geometry="geometry", crs=wgs84())
        save_map(make_map(Layers(**shown), title=title, offline=offline), staging / "map.html")
        with (staging / ERRORS).open("w", encoding="utf-8") as f:
            for part in parts:
                f.write((part / ERRORS).read_text(encoding="utf-8"))
        for path in sorted(staging.iterdir()):
            os.replace(path, out / path.name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return counts


def _write_groups(parts: list[Path], rows: dict[Path, int]) -> Iterator[list[Path]]:
    """The partitions in runs of at least ``GPKG_ROWS_PER_WRITE`` rows (the last run fewer): each run is read
    as one frame and is one GeoPackage write, so memory holds one run, as it held the frames of one write."""
    group: list[Path] = []
    total = 0
    for part in parts:
        group.append(part)
        total += rows[part]
        if total >= GPKG_ROWS_PER_WRITE:
            yield group
            group, total = [], 0
    if group:
        yield group


def _rows(path: Path) -> int:
    import pyarrow.parquet as pq

    return pq.read_metadata(path).num_rows


def _merge_borders(both):
    """One row per country pair of the partitions' rows (None: no partition has any), with the article ids of
    every partition."""
    import geopandas

    from bordermap.layers.frames import layer_frame, wgs84

    if both is None or not len(both):
        return layer_frame("borders", [], [])
    ids = both.groupby("name")["article_ids"].apply(lambda s: ",".join(dict.fromkeys(",".join(s).split(","))))
    first = both.drop_duplicates("name").set_index("name")
    first["article_ids"] = ids
    merged = first.reset_index()[["name", *[c for c in SCHEMA["borders"] if c != "name"], "geometry"]]
    return geopandas.GeoDataFrame(merged, geometry="geometry", crs=wgs84()).sort_values("name", ignore_index=True)
