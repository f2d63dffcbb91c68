"""Event precision and recall on the 20 gold border-news articles.

Run: python benchmarks/events.py [--gold ../shared/articles/dev/border-news-dev.jsonl]

Gold events with a site (``at_coords``) are matched by our point features
(crossings, closures, strikes, deployments) of the same article within 25 km;
gold events with an origin and a target are matched by our routes whose start
lies in the stated origin and whose end lies in the stated target (inside the
country's polygon for a country, else within 50 km); the end of a strike
route is the strike's site, so it may match a gold site too (each predicted
feature is counted once in precision; among the features that match a gold
event, one of the same type is taken first). Gold events with neither
(a label such as "Thailand–Cambodia border" and no point) cannot be placed and
are counted apart. "date agrees": of the found gold events that carry a date,
the share whose matched feature states the same date or a coarser/finer one
("2022-02" agrees with "2022-02-24"). The baseline in the same run puts one point per article at
each sentence's first resolved place when the sentence holds a trigger word.
"""

from __future__ import annotations

import argparse
import json
import math
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
GOLD = REPO.parent / "shared" / "articles" / "dev" / "border-news-dev.jsonl"
POINT_KM, END_KM = 25.0, 50.0
#: Gold event type -> our feature types that describe it; a match of the same type is taken first.
SAME_TYPE = {"crossing": ("crossing", "movement"), "route": ("movement",), "closure": ("crossing", "closure"),
             "strike": ("strike",), "deployment": ("deployment", "movement")}


def km(a, b) -> float:
    p1, p2 = math.radians(a[0]), math.radians(b[0])
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(b[1] - a[1]) / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


def in_stated(point, name, coords, gazetteer) -> bool:
    """Does (lat, lon) lie in the stated place: a country's polygon, or near a smaller place?"""
    from shapely.geometry import Point

    from bordermap.layers.geometry import country_shape

    top = next(iter(gazetteer.candidates(name or "")), None)
    if top is not None and top.kind == "country":
        shape = country_shape(top.country_code)
        if shape is not None:
            return shape.buffer(0.05).contains(Point(point[1], point[0]))
    return coords is not None and km(point, coords) <= END_KM


def predicted_features(article) -> list[dict]:
    """Our features for one article: points (site) and routes (start, end; a strike's end is its site)."""
    from bordermap import layers

    built = layers.build([article])
    features = [{"site": (g.y, g.x), "date": d, "type": kind} for frame in (built.crossings, built.events)
                for g, d, kind in zip(frame.geometry, frame["date"], frame["event_type"], strict=True)]
    for g, kind, d in zip(built.routes.geometry, built.routes["event_type"], built.routes["date"], strict=True):
        start, end = (g.coords[0][1], g.coords[0][0]), (g.coords[-1][1], g.coords[-1][0])
        features.append({"start": start, "end": end, "site": end if kind == "strike" else None, "date": d,
                         "type": kind})
    return features


def baseline_features(article) -> list[dict]:
    from bordermap.layers.event_patterns import TRIGGERS

    features = []
    for start, end in article.sentences:
        sentence = article.text[start:end]
        if any(t.search(sentence) for t in TRIGGERS.values()):
            first = next((m for m in article.places if start <= m.start < end), None)
            if first is not None:
                features.append({"site": (first.place.lat, first.place.lon), "date": None, "type": None})
    return features


def _matches(gold: dict, feature: dict, gazetteer) -> bool:
    if gold.get("at_coords"):
        return feature.get("site") is not None and km(feature["site"], gold["at_coords"]) <= POINT_KM
    return ("start" in feature and in_stated(feature["start"], gold["from"], gold.get("from_coords"), gazetteer)
            and in_stated(feature["end"], gold["to"], gold.get("to_coords"), gazetteer))


def score(records, articles, features_of, gazetteer) -> dict:
    found = placeable = unplaceable = predicted = matched = dated = dated_right = 0
    for record in records:
        features = features_of(articles[record["id"]])
        predicted += len(features)
        used: set[int] = set()
        for gold in record["events"]:
            route_like = gold.get("from") and gold.get("to") and (gold.get("from_coords") or gold.get("to_coords"))
            if not gold.get("at_coords") and not route_like:
                unplaceable += 1
                continue
            placeable += 1
            candidates = [i for i, f in enumerate(features) if i not in used and _matches(gold, f, gazetteer)]
            hit = next((i for i in candidates if features[i]["type"] in SAME_TYPE.get(gold["type"], ())),
                       candidates[0] if candidates else None)
            if hit is not None:
                used.add(hit)
                found += 1
                if gold.get("date"):
                    ours = features[hit]["date"] if isinstance(features[hit]["date"], str) else ""
                    dated += 1
                    dated_right += bool(ours) and (ours.startswith(gold["date"]) or gold["date"].startswith(ours))
        matched += len(used)
    return {"precision": matched / predicted if predicted else 0.0, "recall": found / placeable if placeable else 0.0,
            "predicted": predicted, "matched": matched, "gold_placeable": placeable, "gold_found": found,
            "gold_unplaceable": unplaceable, "date_agreement": dated_right / dated if dated else 0.0}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--gold", type=Path, default=GOLD)
    args = parser.parse_args()
    from bordermap.geo.article import Article
    from bordermap.geo.pipeline import GeoPipeline
    from bordermap.layers.events import extract_events

    records = [json.loads(line) for line in args.gold.read_text(encoding="utf-8").split("\n") if line.strip()]
    pipeline = GeoPipeline()
    start = time.perf_counter()
    articles = {}
    for article in pipeline.process(Article(id=r["id"], text=r["text"], date=r["date"]) for r in records):
        extract_events(article)
        articles[article.id] = article
    seconds = time.perf_counter() - start
    print(f"{len(records)} articles, {sum(len(r['events']) for r in records)} gold events; parsed in {seconds:.1f} s")
    print("| system | precision | recall | predicted | matched | gold placeable | gold found | gold unplaceable | date agrees |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, features in (("bordermap", predicted_features), ("baseline: first place of a trigger sentence", baseline_features)):
        r = score(records, articles, features, pipeline.gazetteer)
        print(f"| {name} | {r['precision']:.2f} | {r['recall']:.2f} | {r['predicted']} | {r['matched']} "
              f"| {r['gold_placeable']} | {r['gold_found']} | {r['gold_unplaceable']} | {r['date_agreement']:.2f} |")


if __name__ == "__main__":
    main()
