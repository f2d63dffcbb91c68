"""Border events against the gold of both border-news dev sets, with the shared scorer, beside the baseline.

Run: python benchmarks/events.py [--baseline-rev f397243] [--no-baseline]

For each of ../shared/articles/dev/ and ../shared/articles/dev2/ it runs
``bordermap export GOLD.jsonl --per-article --format geojson`` (one feature
per article and event, as the scorer counts them) and scores the crossings
and routes with ../shared/eval/events_score.py: crossing and closure points
within 25 km of the gold point (or of a crossing the article names), route
lines whose ends lie in the stated origin and target.

The baseline is the extractor of another commit, by default the last one
before the grammar-based extractor (regular expressions in a window of
characters around a trigger), checked out into a temporary git worktree and
run with this environment's packages, in the same run; its gazetteer index
lives in a cache directory of its own. Also printed: the events per type and
modality of ours, and the seconds each export took.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from contextlib import nullcontext
from pathlib import Path

from worktree import checked_out

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SCORER = SHARED / "eval" / "events_score.py"
SETS = {"dev": SHARED / "articles" / "dev" / "border-news-dev.jsonl",
        "dev2": SHARED / "articles" / "dev2" / "border-news-dev2.jsonl"}
#: The last commit with the extractor of regular-expression windows (session 7's).
BASELINE_REV = "f397243"
_SCORE = re.compile(r"recall ([\d.]+) \((\d+)/(\d+)\), precision ([\d.]+) \((\d+)/(\d+)\)")


def score(gold: Path, out: Path) -> str:
    result = subprocess.run([sys.executable, str(SCORER), str(gold), str(out)], capture_output=True, text=True,
                            check=False)
    found = _SCORE.search(result.stdout)
    if not found:
        return f"scorer failed: {result.stdout.strip()} {result.stderr.strip()[-200:]}"
    recall, hit, gold_n, precision, right, predicted = found.groups()
    return f"{recall} ({hit}/{gold_n}) | {precision} ({right}/{predicted})"


def export(command: list[str], gold: Path, out: Path, env: dict, cwd: Path) -> float:
    """The baseline's export, run in its own tree (so that its folders, not ours, are imported)."""
    start = time.perf_counter()
    subprocess.run([*command, "export", str(gold), "--out", str(out), "--format", "geojson", "-q"],
                   check=True, capture_output=True, env=env, cwd=cwd)
    return time.perf_counter() - start


def ours(gold: Path, out: Path) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "bordermap", "export", str(gold), "--out", str(out), "--format", "geojson",
                    "-q", "--per-article"], check=True, capture_output=True)
    return time.perf_counter() - start


def events_by_kind(out: Path) -> Counter:
    counts: Counter = Counter()
    for layer in ("crossings", "routes", "events"):
        path = out / f"{layer}.geojson"
        if path.exists():
            for feature in json.loads(path.read_text(encoding="utf-8"))["features"]:
                props = feature["properties"]
                counts[(layer, props.get("event_type"), props.get("modality"))] += 1
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--baseline-rev", default=BASELINE_REV, help="the commit whose extractor is the baseline")
    parser.add_argument("--no-baseline", action="store_true", help="score ours only")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        with nullcontext() if args.no_baseline else checked_out(args.baseline_rev, tmp / "baseline") as tree:
            print("| set | system | recall | precision | export s |")
            print("|---|---|---:|---:|---:|")
            for name, gold in SETS.items():
                out = tmp / f"ours-{name}"
                seconds = ours(gold, out)
                print(f"| {name} | bordermap | {score(gold, out)} | {seconds:.1f} |", flush=True)
                if tree is not None:
                    env = {**os.environ, "PYTHONPATH": str(tree),
                           "BORDERMAP_CACHE_DIR": str(Path.home() / ".cache" / "bordermap-baseline")}
                    base = tmp / f"baseline-{name}"
                    seconds = export([sys.executable, "-m", "maps.cli"], gold, base, env, tree)
                    print(f"| {name} | baseline: {args.baseline_rev} (regular-expression windows) | {score(gold, base)} "
                          f"| {seconds:.1f} |", flush=True)
            for name in SETS:
                counts = events_by_kind(tmp / f"ours-{name}")
                shown = ", ".join(f"{layer}/{kind}/{modality}: {n}" for (layer, kind, modality), n in sorted(counts.items()))
                print(f"\n{name} features: {shown}")


if __name__ == "__main__":
    main()
