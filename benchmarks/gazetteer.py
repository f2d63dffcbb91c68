"""Gazetteer figures: cold start, warm lookups per second, index size, peak memory.

Run: python benchmarks/gazetteer.py
Goals (issue 3): cold process < 1.5 s, >= 100,000 warm lookups/s, index < 100 MB.
The baseline, a bare `python -c "import geopy"`, is measured in the same run.
"""

from __future__ import annotations

import random
import resource
import shutil
import statistics
import subprocess
import sys
import time


def median_seconds(cmd: list[str], runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    from bordermap.geo.gazetteer import OfflineGazetteer
    from bordermap.geo.gazetteer_index import ensure_index

    index = ensure_index()
    bordermap = shutil.which("bordermap") or ""
    cli = [bordermap] if bordermap else [sys.executable, "-m", "bordermap"]
    baseline = median_seconds([sys.executable, "-c", "import geopy"])
    cold = median_seconds([*cli, "geocode", "Minsk"])
    print(f"cold start  `bordermap geocode Minsk`: {cold:.3f} s median of 5 (goal < 1.5 s)")
    print(f"baseline    `python -c 'import geopy'`: {baseline:.3f} s median of 5")

    gazetteer = OfflineGazetteer()
    keys = [row[0] for row in gazetteer._conn.execute("SELECT key FROM names")]
    random.seed(7)
    distinct = random.sample(keys, 20_000)
    start = time.perf_counter()
    for key in distinct:
        gazetteer.candidates(key)
    uncached = len(distinct) / (time.perf_counter() - start)
    # A news corpus repeats its names: 200 distinct names drawn 100,000 times.
    repeated = [random.choice(distinct[:200]) for _ in range(100_000)]
    start = time.perf_counter()
    for key in repeated:
        gazetteer.candidates(key)
    warm = len(repeated) / (time.perf_counter() - start)
    print(f"warm lookups: {warm:,.0f}/s repeated names (LRU-cached), {uncached:,.0f}/s distinct names "
          "(SQLite, uncached) (goal >= 100,000/s)")
    size_mb = index.stat().st_size / 1e6
    print(f"index on disk: {size_mb:.1f} MB at {index} (goal < 100 MB)")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory of this process: {peak:.0f} MB")


if __name__ == "__main__":
    main()
