"""`bordermap batch` killed at random moments: the resumed output equals an uninterrupted run (issue 21).

Run: python benchmarks/kill.py [--kills 20] [--articles 120] [--seed 1]

A corpus of real news (the news corpora of ../shared/eval and the border-news
dev set, nothing copied into the repository) is written to a temporary
folder. ``bordermap batch`` runs on it again and again and is killed with
SIGKILL (its whole process group: the workers too) after a random delay
within the time its remaining work should take (a whole run of the first
corpus, measured first, times the share of partitions not yet written, plus
the merge), until ``--kills`` kills have landed: a run that ends before its
kill does not count. Between some runs the corpus grows (a second input
file appears or gains articles) or the partition size changes, as a user
resuming a corpus would: before a given kill, or sooner when the output is
complete (so that kills fall in work to do). A last run goes to the end. Then a fresh, uninterrupted run on the final corpus writes a
second folder, and the layers (GeoJSON), the map and the error log of the
two are compared byte for byte. Printed: what each kill interrupted and the
comparison; the exit code is 1 when the outputs differ.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SOURCES = [SHARED / "eval" / f"{name}.dev.jsonl" for name in ("LGL", "GeoWebNews", "TR-News")]
SOURCES.append(SHARED / "articles" / "dev" / "border-news-dev.jsonl")
#: The files compared, byte for byte.
COMPARED = [*(f"{name}.geojson" for name in ("places", "crossings", "routes", "events", "borders", "claims")),
            "map.html", "errors.jsonl"]
#: Partition sizes a resume alternates between.
PARTITION_SIZES = (20, 50)


def texts() -> list[dict]:
    found = []
    for source in SOURCES:
        for line in source.read_text(encoding="utf-8").split("\n"):  # not splitlines(): texts hold U+2028
            if line.strip():
                record = json.loads(line)
                found.append({"text": record["text"], "date": record.get("date")})
    return found


def write(path: Path, records: list[dict], first: int) -> None:
    path.write_text("".join(json.dumps({"id": f"a{first + i:05d}", **r}) + "\n" for i, r in enumerate(records)),
                    encoding="utf-8")


def batch(corpus: Path, out: Path, size: int) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "bordermap", "batch", str(corpus), "--out", str(out), "--workers",
                             "2", "--partition-size", str(size), "--quiet"], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, start_new_session=True)


def state(out: Path) -> str:
    return f"{done(out)} partitions done" + (", merged" if (out / "map.html").exists() else "")


def done(out: Path) -> int:
    return len(list((out / "parts").glob("part-*"))) if (out / "parts").exists() else 0


def remaining_share(out: Path, corpus: Path, articles: int, size: int) -> float:
    """The share of the corpus's partitions not yet written; all of them when those in ``out`` were cut from
    other inputs or at another size (the next run starts over)."""
    try:
        manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return 1.0
    if manifest.get("partition_size") != size or len(manifest.get("inputs", [])) != len(list(corpus.iterdir())):
        return 1.0
    return 1.0 - min(done(out), -(-articles // size)) / -(-articles // size)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--articles", type=int, default=300, help="articles of the final corpus")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if args.kills < 6:
        parser.error("--kills: at least 6, so that the three corpus changes fall between kills")
    chance = random.Random(args.seed)
    pool = texts()
    final = [pool[i % len(pool)] for i in range(args.articles)]
    first_half = args.articles * 2 // 3
    with tempfile.TemporaryDirectory(prefix="bordermap-kill-") as folder:
        tmp = Path(folder)
        corpus, out, fresh = tmp / "corpus", tmp / "resumed", tmp / "fresh"
        corpus.mkdir()
        write(corpus / "a.jsonl", final[:first_half], 0)  # the corpus grows later: b.jsonl appears, then a grows
        size, started, changes = PARTITION_SIZES[0], time.perf_counter(), []
        timed = time.perf_counter()
        uninterrupted = batch(corpus, tmp / "timing", size)  # how long a whole run of the first corpus takes
        uninterrupted.wait()
        whole = time.perf_counter() - timed
        merge = 3.0  # seconds a merge and map take at most on this corpus: a kill can land in them
        print(f"a whole run of the first corpus: {whole:.1f} s; each kill falls between 0.5 s and the time the "
              f"remaining partitions should take, plus {merge:.0f} s", flush=True)
        landed, attempts, articles = 0, 0, first_half
        schedule = {args.kills // 3: "grow", args.kills // 2: PARTITION_SIZES[1], 2 * args.kills // 3: PARTITION_SIZES[0]}
        while landed < args.kills and attempts < 3 * args.kills:
            attempts += 1
            finished = remaining_share(out, corpus, articles, size) == 0 and (out / "map.html").exists()
            due = min(schedule) if schedule and (finished or landed + 1 >= min(schedule)) else None
            change = schedule.pop(due) if due is not None else None  # once, or sooner when nothing is left to do
            if change == "grow":
                write(corpus / "b.jsonl", final[first_half:], first_half)
                articles = args.articles
                changes.append(f"before kill {landed + 1}: b.jsonl added")
            elif change is not None:
                size = change
                changes.append(f"before kill {landed + 1}: partition size {size}")
            work = whole * articles / first_half * remaining_share(out, corpus, articles, size)
            delay = chance.uniform(0.5, max(1.0, work + merge))
            process = batch(corpus, out, size)
            try:
                process.wait(timeout=delay)
                said = process.stderr.read().decode("utf-8", "replace").strip().splitlines()
                outcome = f"ended by itself (exit {process.returncode}" + (f": {said[-1]}" if said else "") + ")"
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
                landed += 1
                outcome = f"kill {landed:2d}"
            print(f"run {attempts:2d}: {outcome} after {delay:4.1f} s; {state(out)}", flush=True)
        last = batch(corpus, out, size)
        last.wait()
        print(f"last run: exit {last.returncode}; {state(out)}")
        uninterrupted = batch(corpus, fresh, size)
        uninterrupted.wait()
        print(f"uninterrupted run on the final corpus: exit {uninterrupted.returncode}")
        for change in changes:
            print(f"  {change}")
        different = [name for name in COMPARED
                     if not (out / name).exists() or (out / name).read_bytes() != (fresh / name).read_bytes()]
        print(f"{len(COMPARED) - len(different)} of {len(COMPARED)} files byte-identical"
              + (f"; different: {', '.join(different)}" if different else "")
              + f" ({landed} kills landed in {attempts} runs, {time.perf_counter() - started:.0f} s in all)")
        leftovers = [p.name for p in out.rglob(".*") if p.name not in (".lock",)]
        print(f"temporary files left in the resumed folder: {leftovers or 'none'}")
        sys.exit(1 if different or leftovers or landed < args.kills else 0)


if __name__ == "__main__":
    main()
