"""How fast a large map becomes interactive in headless Chromium, and its size.

Run: python benchmarks/map.py [--places 10000] [--routes 1000]

Layers are built from the 20 gold border-news articles and the sample, then
their features are repeated (as if from many articles, each copy with its own
article id and a small offset) to reach the requested counts. The page is the
offline map (no network at all). Reported: the HTML size, the time to build
it in Python, and in Chromium the time from navigation to the load event
(all scripts run, Leaflet drawn) and to the first popup opened. The baseline
in the same run is folium's own GeoJson layer with the same points.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEV = REPO / "data" / "samples" / "border-news-dev.jsonl"
SAMPLE = REPO / "data" / "samples" / "belarus-border-2023.txt"


def source_layers():
    from bordermap import layers
    from bordermap.geo.article import Article
    from bordermap.geo.pipeline import GeoPipeline

    records = [json.loads(line) for line in DEV.read_text(encoding="utf-8").split("\n") if line.strip()]
    articles = [Article(id=r["id"], text=r["text"], title=r["title"], url=r["url"], date=r["date"]) for r in records]
    articles.append(Article(id=SAMPLE.name, text=SAMPLE.read_text(encoding="utf-8"), date="2023-02-16"))
    return layers.build(list(GeoPipeline().process(articles)))


def repeat(frame, count: int, seed: int):
    """``count`` rows drawn from ``frame``, each shifted by up to 0.3 degrees, with their own article id."""
    import geopandas
    import shapely

    rng = random.Random(seed)
    rows = frame.sample(n=count, replace=True, random_state=seed).reset_index(drop=True)
    shifts = [(rng.uniform(-0.3, 0.3), rng.uniform(-0.3, 0.3)) for _ in range(count)]
    rows["article_id"] = [f"{a}#{i}" for i, a in enumerate(rows["article_id"])]
    rows["geometry"] = [None if g is None else shapely.affinity.translate(g, dx, dy)  # an event the text does not place
                        for g, (dx, dy) in zip(rows.geometry, shifts, strict=True)]
    return geopandas.GeoDataFrame(rows, geometry="geometry", crs=frame.crs)


def time_in_browser(path: Path, runs: int = 3) -> tuple[float, float]:
    """Median ms from navigation to the load event, and to the first popup open."""
    from playwright.sync_api import sync_playwright

    loads, popups = [], []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
        for _ in range(runs):
            page = browser.new_page(viewport={"width": 1200, "height": 800})
            page.route("**/*", lambda route: route.abort() if route.request.url.startswith("http") else route.continue_())
            start = time.perf_counter()
            page.goto(path.as_uri(), wait_until="load", timeout=120_000)
            loads.append(page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd"))
            name = page.evaluate("Object.keys(window).find(k => /^map_[0-9a-f]+$/.test(k))")
            page.evaluate(f"""() => {{ let done = false; {name}.eachLayer(l => {{
                if (!done && l.feature && l.getPopup && l.getPopup()) {{ l.openPopup(); done = true; }} }}); }}""")
            page.wait_for_selector(".leaflet-popup-content")
            popups.append((time.perf_counter() - start) * 1000)
            page.close()
        browser.close()
    return statistics.median(loads), statistics.median(popups)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--places", type=int, default=10_000)
    parser.add_argument("--routes", type=int, default=1_000)
    args = parser.parse_args()
    import folium

    from bordermap.layers.frames import Layers
    from bordermap.maps.render import make_map, save_map

    base = source_layers()
    big = Layers(places=repeat(base.places, args.places, 1), crossings=repeat(base.crossings, 200, 2),
                 routes=repeat(base.routes, args.routes, 3), events=repeat(base.events, 200, 4),
                 borders=base.borders, claims=base.claims)
    with tempfile.TemporaryDirectory() as tmp:
        ours = Path(tmp) / "ours.html"
        start = time.perf_counter()
        save_map(make_map(big, offline=True), ours)
        build_s = time.perf_counter() - start
        baseline = Path(tmp) / "folium-geojson.html"
        start = time.perf_counter()
        plain = folium.Map(tiles=None, prefer_canvas=True)
        folium.GeoJson(big.places[["name", "geometry"]].to_json(), popup=folium.GeoJsonPopup(["name"])).add_to(plain)
        plain.save(str(baseline))
        baseline_build_s = time.perf_counter() - start
        load_ms, popup_ms = time_in_browser(ours)
        print(f"bordermap offline map, {args.places:,} places + {args.routes:,} routes + 400 point events:")
        print(f"  HTML {ours.stat().st_size / 1e6:.1f} MB (goal < 10 MB); built in {build_s:.1f} s")
        print(f"  Chromium: load event after {load_ms:.0f} ms, first popup open after {popup_ms:.0f} ms "
              f"(median of 3; goal: interactive < 3000 ms)")
        print(f"baseline, folium.GeoJson of the same {args.places:,} places (CDN assets, not loadable offline): "
              f"HTML {baseline.stat().st_size / 1e6:.1f} MB, built in {baseline_build_s:.1f} s")


if __name__ == "__main__":
    main()
