"""Screenshots for the README and the notebooks: the sample article's map at desktop and phone width, the dev
corpus's map.

Run: python docs/screenshots.py  (needs Debian's chromium and playwright from the test extra)

The map is the offline one (Natural Earth basemap), so the pictures need no
network and look the same on every machine.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

DOCS = Path(__file__).resolve().parent
SAMPLE = DOCS.parent / "data" / "samples" / "belarus-border-2023.txt"
CORPUS = DOCS.parent / "data" / "samples" / "border-news-dev.jsonl"
#: Picture -> (page, width, height).
SHOTS = {"sample-map.png": ("sample", 1200, 760), "sample-map-phone.png": ("sample", 390, 800),
         "corpus-map.png": ("corpus", 1200, 700)}


def _pages(folder: Path) -> dict[str, Path]:
    """The sample's map and the dev corpus's map, written into ``folder``."""
    import bordermap
    from bordermap.geo.pipeline import GeoPipeline
    from bordermap.geo.reading import read_inputs
    from bordermap.maps.render import save_map

    article = bordermap.parse(SAMPLE.read_text(encoding="utf-8"), id=SAMPLE.name, date="2023-02-16")
    sample = folder / "map.html"
    save_map(bordermap.make_map(bordermap.build([article]), title=article.title or article.id, offline=True), sample)
    corpus = [a for a in read_inputs([CORPUS]) if hasattr(a, "text")]
    corpus_page = folder / "corpus.html"
    parsed = list(GeoPipeline().process(corpus))
    save_map(bordermap.make_map(bordermap.build(parsed), title="Border news 2006–2025", offline=True), corpus_page)
    return {"sample": sample, "corpus": corpus_page}


def main() -> None:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder:
        pages = _pages(Path(folder))
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=shutil.which("chromium") or "/usr/bin/chromium",
                                        args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
            for name, (page_name, width, height) in SHOTS.items():
                page = browser.new_page(viewport={"width": width, "height": height})
                page.goto(pages[page_name].as_uri())
                page.wait_for_function("document.querySelector('.bordermap-story') !== null")
                page.wait_for_timeout(800)
                page.evaluate("() => bordermap.settled(window[Object.keys(window).find(k => /^map_[0-9a-f]+$/.test(k))])")
                page.screenshot(path=str(DOCS / name))
                print(f"wrote {DOCS / name}")
            browser.close()


if __name__ == "__main__":
    main()
