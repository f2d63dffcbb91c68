"""Memory of a long stream: does a process grow with every new word it reads?

Run: python benchmarks/memory.py [--articles 6000]

Real news from ../shared/eval (GeoWebNews, LGL), each article cut to 1,500
characters and followed by fifteen sentences of invented place-like names, so
that every article brings new words, as a long real corpus keeps doing
(names, numbers, typos). Two processes read the same stream: ours
(``GeoPipeline.process(..., keep_doc=False)``: the first 50,000 words kept,
then spaCy memory zones, a bounded name cache) and the baseline that keeps nothing either but reads outside
memory zones (``keep_doc=True``, each doc dropped at once). Printed: resident
memory and the size of spaCy's string store every 1,500 articles.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EVAL = REPO.parent / "shared" / "eval"
CHECKPOINT = 1500


def stream(count: int):
    from bordermap.geo.article import Article

    texts = [json.loads(line)["text"] for name in ("GeoWebNews", "LGL")
             for line in (EVAL / f"{name}.dev.jsonl").read_text(encoding="utf-8").split("\n") if line.strip()]
    rng = random.Random(0)

    def name() -> str:
        return "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(4, 9))).capitalize()

    for i in range(count):
        invented = " ".join(f"Officials in {name()} and {name()} {name()} said." for _ in range(15))
        yield Article(id=str(i), text=texts[i % len(texts)][:1500] + "\n\n" + invented)


def measure(mode: str, count: int) -> None:
    import psutil

    from bordermap.geo.pipeline import GeoPipeline

    pipeline = GeoPipeline()
    process = psutil.Process(os.getpid())
    for i, article in enumerate(pipeline.process(stream(count), keep_doc=mode == "baseline"), start=1):
        article.doc = None
        if i % CHECKPOINT == 0:
            print(f"  {mode:9s} {i:6,d} articles: {process.memory_info().rss / 2**20:4.0f} MB resident, "
                  f"{len(pipeline.nlp.vocab.strings):,} strings", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=6000)
    parser.add_argument("--mode", choices=["bordermap", "baseline"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.mode:
        measure(args.mode, args.articles)
        return
    print(f"{args.articles:,} articles, each with 45 invented names")
    for mode in ("bordermap", "baseline"):
        subprocess.run([sys.executable, __file__, "--articles", str(args.articles), "--mode", mode], check=True)


if __name__ == "__main__":
    main()
