"""The map in a real browser: headless Chromium (Debian's), driven by Playwright.

Nothing downloads a browser: Playwright launches /usr/bin/chromium, which
.ci/run installs from Debian when it is missing. Tile requests of the default
map are answered locally with a blank PNG, so the test needs no network.
"""

from __future__ import annotations

import base64
import os
import re
import shutil
from pathlib import Path

import pytest
from conftest import REPO

from bordermap import layers
from bordermap.geo.article import Article
from bordermap.maps.render import make_map, save_map

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = REPO / "test-artifacts"
BLANK_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==")
XSS = ('<script>window.__xss=1</script> "><img src=x onerror="window.__xss=2"> ${window.__xss=3} '
       "`${alert(1)}`")

if not os.path.exists(CHROMIUM) and not os.environ.get("CI"):
    pytest.skip("Debian's chromium is not installed (apt-get install chromium; .ci/run does it)", allow_module_level=True)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--no-first-run", "--disable-sync"])
        yield chromium
        chromium.close()


class Visit:
    """A page with its console errors, dialogs and network requests recorded."""

    def __init__(self, browser, path: Path, block_network: bool):
        self.page = browser.new_page(viewport={"width": 1200, "height": 800})
        self.errors, self.dialogs, self.requests = [], [], []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.on("request", lambda r: self.requests.append(r.url))
        if block_network:
            self.page.route(re.compile(r"^https?://"), lambda route: route.abort())
        else:
            self.page.route(re.compile(r"^https?://tile\.openstreetmap\.org/"),
                            lambda route: route.fulfill(status=200, content_type="image/png", body=BLANK_PNG))
        self.page.goto(path.as_uri())
        self.page.wait_for_function("document.querySelector('.leaflet-container') !== null")
        self.page.wait_for_timeout(300)

    def map_name(self) -> str:
        return self.page.evaluate("Object.keys(window).find(k => /^map_[0-9a-f]+$/.test(k))")

    def web_requests(self) -> list[str]:
        return [u for u in self.requests if u.startswith(("http://", "https://"))]


@pytest.fixture(scope="module")
def sample_maps(sample_article, tmp_path_factory):
    built = layers.build([sample_article])
    folder = tmp_path_factory.mktemp("maps")
    online, offline = folder / "map.html", folder / "map-offline.html"
    save_map(make_map(built, title=sample_article.title), online)
    save_map(make_map(built, title=sample_article.title, offline=True), offline)
    return online, offline


def test_sample_map_layers_and_dyvin_popup(browser, sample_maps):
    visit = Visit(browser, sample_maps[0], block_network=False)
    page = visit.page
    labels = page.locator(".leaflet-control-layers-overlays label").all_inner_texts()
    for layer in ("Places", "Crossings", "Routes", "Borders"):
        assert any(label.strip().startswith(layer) for label in labels), labels
    # Hide places and point events (real clicks on the layer control), then click the crossing marker where it is drawn.
    for layer in ("Places", "Events"):
        page.locator(".leaflet-control-layers-overlays label", has_text=layer).locator("input").click()
    name = visit.map_name()
    point = page.evaluate(f"""() => {{
        let found = null;
        {name}.eachLayer(l => {{ if (l.feature && l.feature.properties.name === 'Dzivin' && l.feature.properties.event_type === 'closure') found = l; }});
        const p = {name}.latLngToContainerPoint(found.getLatLng());
        const box = {name}.getContainer().getBoundingClientRect();
        return [box.left + p.x, box.top + p.y];
    }}""")
    page.mouse.click(*point)
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    text = popup.inner_text()
    assert "Dzivin" in text
    assert "the small town of Dyvin is still functioning" in text
    assert "closed_one_side" in text
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "sample-map.png"))
    assert visit.errors == [], visit.errors
    page.close()


def test_offline_map_makes_no_request(browser, sample_maps):
    visit = Visit(browser, sample_maps[1], block_network=True)
    assert visit.page.locator("path.leaflet-interactive").count() > 10
    assert visit.web_requests() == []
    assert visit.errors == [], visit.errors
    visit.page.screenshot(path=str(ARTIFACTS / "sample-map-offline.png"))
    visit.page.close()


def test_hostile_article_text_is_shown_not_run(browser, pipeline, tmp_path):
    text = (f"Troops crossed into Ukraine from Belarus near the border crossing in the small town of Dyvin {XSS}. "
            f"Kyiv has closed all border crossings to Belarus {XSS}.")
    article = pipeline(Article(id=f"xss {XSS}", text=text, title=f"Title {XSS}", url="javascript:alert(1)",
                               date="2023-02-16"))
    built = layers.build([article])
    path = tmp_path / "xss.html"
    save_map(make_map(built, title=XSS, offline=True), path)
    visit = Visit(browser, path, block_network=True)
    page, name = visit.page, visit.map_name()
    count = page.evaluate(f"""() => {{
        const opened = [];
        {name}.eachLayer(l => {{ if (l.feature && l.getPopup()) opened.push(l); }});
        opened.forEach(l => {{
            l.openPopup();  // keep a copy of every popup's content in the page
            document.body.appendChild(document.querySelector('.leaflet-popup-content').cloneNode(true));
        }});
        return opened.length;
    }}""")
    assert count >= 3
    page.wait_for_timeout(300)
    assert page.evaluate("window.__xss") is None
    assert visit.dialogs == []
    assert page.locator("img[src='x']").count() == 0
    assert "<script>window.__xss=1</script>" in page.locator("body").inner_text()
    assert page.locator("a[href^='javascript']").count() == 0
    assert visit.web_requests() == []
    page.close()
