"""Screenshots of the sample article's map for the README, at desktop and phone width.

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
SIZES = {"sample-map.png": (1200, 760), "sample-map-phone.png": (390, 800)}


def main() -> None:
    from playwright.sync_api import sync_playwright

    import bordermap
    from bordermap.maps.render import save_map

    article = bordermap.parse(SAMPLE.read_text(encoding="utf-8"), id=SAMPLE.name, date="2023-02-16")
    with tempfile.TemporaryDirectory() as folder:
        page_path = Path(folder) / "map.html"
        save_map(bordermap.make_map(bordermap.build([article]), title=article.title or article.id,
                                           offline=True), page_path)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=shutil.which("chromium") or "/usr/bin/chromium",
                                        args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
            for name, (width, height) in SIZES.items():
                page = browser.new_page(viewport={"width": width, "height": height})
                page.goto(page_path.as_uri())
                page.wait_for_function("document.querySelector('.leaflet-container') !== null")
                page.wait_for_timeout(800)
                page.screenshot(path=str(DOCS / name))
                print(f"wrote {DOCS / name}")
            browser.close()


if __name__ == "__main__":
    main()
