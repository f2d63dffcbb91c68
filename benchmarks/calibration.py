"""Is a place's ``confidence`` calibrated? Per decile of confidence, the share of right resolutions.

Run: python benchmarks/calibration.py [--max-docs N] [--corpora LGL,GeoVirus,...]

Issue 20 asks for a confidence whose deciles each hold a share of right
resolutions within 0.07 of their mean confidence. This script measures the
shipped confidence (the model of data/confidence.json, fitted on these very
corpora: an in-corpus figure; benchmarks/learning.py gives the one for a
corpus left out of the fit) on the gold corpora in ../shared/eval and the
border-news dev sets (read, never copied).
A mention is right when it overlaps a gold toponym and lies within 161 km of
it; a mention that overlaps none (a false place) is wrong; a mention that
overlaps a gold "ignore" span is left out, as the shared scorer leaves it.
Printed per corpus and over all: each decile's count, mean confidence and
share right, and the expected calibration error (ECE: the count-weighted
mean gap). The baseline, measured on the same mentions, is one constant
confidence, the share right over all: calibrated on average by design, it
tells nothing about one place, and its ECE is 0 only over the whole; per
corpus it shows how far a single number is from each corpus's accuracy.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
CORPORA = {name: SHARED / "eval" / f"{name}.dev.jsonl" for name in ("LGL", "GeoWebNews", "TR-News", "GeoVirus")}
CORPORA["border-news-dev"] = SHARED / "articles" / "dev" / "border-news-dev.jsonl"
CORPORA["border-news-dev2"] = SHARED / "articles" / "dev2" / "border-news-dev2.jsonl"
RIGHT_KM = 161.0
GOAL_GAP = 0.07
BINS = 10


def load(path: Path, limit: int | None) -> list[dict]:
    docs = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                docs.append(json.loads(line))
                if limit and len(docs) >= limit:
                    break
    return docs


def _overlaps(a_start: int, a_end: int, b: dict) -> int:
    return max(0, min(a_end, b["end"]) - max(a_start, b["start"]))


def judgements(doc: dict, article) -> list[tuple[object, bool]]:
    """(mention, right) of each resolved mention of the article, ignored spans left out."""
    from bordermap.geo.support import km

    out = []
    for mention in article.mentions:
        if mention.place is None:
            continue
        gold = max(doc.get("toponyms", []), key=lambda g: _overlaps(mention.start, mention.end, g), default=None)
        if gold is None or _overlaps(mention.start, mention.end, gold) == 0:
            if any(_overlaps(mention.start, mention.end, g) for g in doc.get("ignore", [])):
                continue
            out.append((mention, False))
            continue
        right = gold.get("lat") is not None and km(mention.place.lat, mention.place.lon, gold["lat"], gold["lon"]) <= RIGHT_KM
        out.append((mention, right))
    return out


def judged(doc: dict, article) -> list[tuple[float, bool]]:
    """(confidence, right) of each resolved mention of the article, ignored spans left out."""
    return [(mention.confidence, right) for mention, right in judgements(doc, article)]


def deciles(pairs: list[tuple[float, bool]]) -> list[tuple[int, float, float]]:
    """(count, mean confidence, share right) per tenth of the confidence scale (empty tenths left out)."""
    bins: list[list[tuple[float, bool]]] = [[] for _ in range(BINS)]
    for confidence, right in pairs:
        bins[min(int(confidence * BINS), BINS - 1)].append((confidence, right))
    return [(len(b), sum(c for c, _ in b) / len(b), sum(r for _, r in b) / len(b)) for b in bins if b]


def ece(rows: list[tuple[int, float, float]]) -> float:
    total = sum(n for n, _, _ in rows)
    return sum(n * abs(mean - share) for n, mean, share in rows) / max(total, 1)


def report(name: str, pairs: list[tuple[float, bool]], constant: float) -> None:
    rows = deciles(pairs)
    worst = max((abs(mean - share) for n, mean, share in rows if n >= 20), default=0.0)
    share = sum(r for _, r in pairs) / max(len(pairs), 1)
    print(f"\n{name}: {len(pairs)} resolved mentions, {share:.2f} right; ECE {ece(rows):.3f} "
          f"(constant {constant:.2f}: {abs(constant - share):.3f}); worst decile gap (20+ mentions) {worst:.2f} "
          f"(goal <= {GOAL_GAP})")
    print("| confidence | mentions | mean confidence | share right | gap |")
    print("|---|---:|---:|---:|---:|")
    for (n, mean, right), low in zip(rows, sorted({min(int(c * BINS), BINS - 1) for c, _ in pairs}), strict=True):
        print(f"| {low / BINS:.1f}-{(low + 1) / BINS:.1f} | {n} | {mean:.2f} | {right:.2f} | {mean - right:+.2f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--max-docs", type=int, default=None, help="at most N documents per corpus")
    parser.add_argument("--corpora", default=",".join(CORPORA))
    args = parser.parse_args()
    from bordermap.geo.article import Article
    from bordermap.geo.pipeline import GeoPipeline

    pipeline = GeoPipeline()
    per_corpus: dict[str, list[tuple[float, bool]]] = {}
    for name in args.corpora.split(","):
        path = CORPORA.get(name)
        if path is None or not path.exists():
            print(f"{name}: missing ({path})", file=sys.stderr)
            continue
        docs = load(path, args.max_docs)
        articles = (Article(id=str(i), text=doc["text"], date=doc.get("date")) for i, doc in enumerate(docs))
        per_corpus[name] = [p for doc, article in zip(docs, pipeline.process(articles, keep_doc=False), strict=True)
                            for p in judged(doc, article)]
    everything = [p for pairs in per_corpus.values() for p in pairs]
    constant = sum(r for _, r in everything) / max(len(everything), 1)
    for name, pairs in per_corpus.items():
        report(name, pairs, constant)
    report("all", everything, constant)


if __name__ == "__main__":
    main()
