"""The map in a real browser: headless Chromium (Debian's), driven by Playwright.

Nothing downloads a browser: Playwright launches /usr/bin/chromium, which
.ci/run installs from Debian when it is missing. Tile requests of the default
map are answered locally with a transparent PNG, so the test needs no network.
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
BLANK_PNG = base64.b64decode(  # one transparent pixel: the basemap beneath shows through
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAAC0lEQVR4nGNgAAIAAAUAAXpeqz8AAAAASUVORK5CYII=")
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

    def __init__(self, browser, path: Path, block_network: bool, width: int = 1200, height: int = 800):
        self.page = browser.new_page(viewport={"width": width, "height": height})
        self.errors, self.dialogs, self.requests = [], [], []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" and not self._blocked(m) else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.block_network = block_network
        if block_network:
            self.page.route(re.compile(r"^https?://"), lambda route: route.abort())
        else:
            self.page.route(re.compile(r"^https?://tile\.openstreetmap\.org/"),
                            lambda route: route.fulfill(status=200, content_type="image/png", body=BLANK_PNG))
        self.page.goto(path.as_uri())
        self.page.wait_for_function("document.querySelector('.bordermap-story') !== null")
        self.page.wait_for_timeout(300)
        self.settle()

    def settle(self) -> None:
        """Wait for the map's zoom animation (if any) to end and two frames to pass, so labels are thinned."""
        self.page.evaluate("(name) => bordermap.settled(window[name])", self.map_name())

    def _blocked(self, message) -> bool:
        """A tile the test blocked on purpose is not an error of the page."""
        return self.block_network and "ERR_FAILED" in message.text

    def map_name(self) -> str:
        return self.page.evaluate("Object.keys(window).find(k => /^map_[0-9a-f]+$/.test(k))")

    def web_requests(self) -> list[str]:
        return [u for u in self.requests if u.startswith(("http://", "https://"))]

    def shown_labels(self) -> list[str]:
        """Labels drawn and not hidden by the collision check, inside the map's box."""
        return self.page.evaluate("""() => {
            const box = document.querySelector('.folium-map').getBoundingClientRect();
            return Array.from(document.querySelectorAll('.bordermap-label'))
                .filter(n => n.style.visibility !== 'hidden')
                .filter(n => { const r = n.firstChild.getBoundingClientRect();
                               return r.left >= box.left && r.right <= box.right && r.top >= box.top && r.bottom <= box.bottom; })
                .map(n => n.textContent);
        }""")

    def fully_visible(self, locator) -> bool:
        """The element is inside the map and nothing covers its centre."""
        return self.page.evaluate("""(node) => {
            const r = node.getBoundingClientRect(), box = document.querySelector('.folium-map').getBoundingClientRect();
            const inside = r.width > 0 && r.left >= box.left && r.right <= box.right && r.top >= box.top && r.bottom <= box.bottom;
            const hit = document.elementFromPoint((r.left + r.right) / 2, (r.top + r.bottom) / 2);
            return inside && (hit === node || node.contains(hit));
        }""", locator.element_handle())


@pytest.fixture(scope="module")
def sample_maps(sample_article, tmp_path_factory):
    built = layers.build([sample_article])
    folder = tmp_path_factory.mktemp("maps")
    online, offline = folder / "map.html", folder / "map-offline.html"
    save_map(make_map(built, title=sample_article.title), online)
    save_map(make_map(built, title=sample_article.title, offline=True), offline)
    return online, offline


def test_sample_map_names_its_places_at_first_view(browser, sample_maps):
    visit = Visit(browser, sample_maps[0], block_network=False)
    shown = visit.shown_labels()
    assert {"Dzivin", "Kyiv", "Minsk"} <= set(shown), shown
    # the legend lists what is drawn, and only that
    legend = visit.page.locator(".bordermap-legend-row").all_inner_texts()
    assert "crossing: closed on one side" in legend and "route: Russia" in legend
    assert not any(row in legend for row in ("landmark", "water", "crossing: open"))
    ARTIFACTS.mkdir(exist_ok=True)
    visit.page.screenshot(path=str(ARTIFACTS / "sample-map.png"))
    assert visit.errors == [], visit.errors
    visit.page.close()


def test_clicking_the_dyvin_crossing_opens_its_popup_in_full(browser, sample_maps):
    visit = Visit(browser, sample_maps[0], block_network=False)
    page = visit.page
    symbol = page.locator(".bordermap-crossings[title='Dzivin']")
    box = symbol.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)  # a real click where it is drawn
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    page.wait_for_timeout(400)  # the map pans the popup into view
    text = popup.inner_text()
    assert "Dzivin" in text and "the small town of Dyvin is still functioning" in text
    status = popup.locator("tr", has_text="status")
    assert "closed on one side" in status.inner_text() and "closed_one_side" not in text
    assert visit.fully_visible(status) and visit.fully_visible(popup.locator("h4"))
    assert visit.errors == [], visit.errors
    page.close()


def test_the_feed_tells_the_events_in_date_order_and_opens_them(browser, sample_maps):
    visit = Visit(browser, sample_maps[0], block_network=False)
    page = visit.page
    items = page.locator(".bordermap-feed:not(.bordermap-places) > li")
    dates = [d for d in items.locator(".bordermap-when").all_inner_texts() if d != "undated"]
    assert len(dates) >= 4 and dates == sorted(dates)
    events = page.evaluate("(map) => { let n = 0; map.eachLayer(l => { if (l.feature && l.feature.properties.event_type)"
                           " n++; }); return n; }", page.evaluate_handle(visit.map_name()))
    assert items.count() == events
    closure = items.filter(has_text="closed on one side").first
    closure.click()
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    assert "Dzivin" in popup.inner_text() and "closed on one side" in popup.inner_text()
    assert "active" in closure.get_attribute("class")
    assert visit.errors == [], visit.errors
    page.close()


def test_without_a_network_the_default_map_still_draws_the_countries(browser, sample_maps):
    visit = Visit(browser, sample_maps[0], block_network=True)
    basemap = visit.page.locator(".leaflet-bordermap-basemap-pane path")
    assert basemap.count() > 100  # the world's countries, not a rectangle around the data
    assert visit.page.title() != "" and visit.errors == [], visit.errors
    visit.page.screenshot(path=str(ARTIFACTS / "sample-map-no-network.png"))
    visit.page.close()


def test_on_a_phone_the_controls_and_the_story_do_not_overlap(browser, sample_maps):
    visit = Visit(browser, sample_maps[0], block_network=False, width=390, height=844)
    boxes = visit.page.evaluate("""() => Array.from(document.querySelectorAll(
            '.leaflet-control-zoom, .leaflet-control-layers, .leaflet-control-attribution, .leaflet-control-scale, .bordermap-story'))
        .filter(n => n.offsetParent !== null).map(n => { const r = n.getBoundingClientRect();
            return [n.className, r.left, r.top, r.right, r.bottom]; })""")
    assert len(boxes) >= 4
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            apart = a[3] <= b[1] or b[3] <= a[1] or a[4] <= b[2] or b[4] <= a[2]
            assert apart, (a, b)
    assert {"Dzivin", "Kyiv"} <= set(visit.shown_labels())
    visit.page.screenshot(path=str(ARTIFACTS / "sample-map-phone.png"))
    assert visit.errors == [], visit.errors
    visit.page.close()


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
    article = pipeline(Article(id=f"xss {XSS}", text=text, title=f"Title {XSS} \u202efdp.exe", url="javascript:alert(1)",
                               date="2023-02-16"))  # a right-to-left override would show "exe.pdf"
    built = layers.build([article])
    path = tmp_path / "xss.html"
    save_map(make_map(built, title=XSS, offline=True), path)
    visit = Visit(browser, path, block_network=True)
    page, name = visit.page, visit.map_name()
    assert page.title() == XSS  # the page's <title> holds the words, escaped
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
    assert "window.__xss=1" in page.locator(".bordermap-feed").first.inner_text()  # the feed quotes it as text
    shown = page.locator("body").inner_text()
    assert "[U+202E]fdp.exe" in shown and "\u202e" not in shown  # the override is shown as its code, not obeyed
    assert page.locator("a[href^='javascript']").count() == 0
    assert visit.web_requests() == []
    page.close()


def test_the_time_slider_filters_the_feed_and_the_map_of_a_corpus(browser, pipeline, dev_articles, tmp_path):
    articles = [pipeline(Article(id=r["id"], text=r["text"], title=r["title"], date=r["date"]))
                for r in dev_articles.values()]
    built = layers.build(articles)
    path = tmp_path / "corpus.html"
    save_map(make_map(built, title="dev corpus", offline=True), path)
    visit = Visit(browser, path, block_network=True)
    page, name = visit.page, visit.map_name()
    feed = page.locator(".bordermap-feed:not(.bordermap-places) > li")
    assert feed.count() == len(built.routes) + len(built.crossings) + len(built.events)
    unplaced = built.events.geometry.isna().sum()
    assert page.locator(".bordermap-where", has_text="not placed on the map").count() == unplaced
    drawn = f"(() => {{ let n = 0; {name}.eachLayer(l => {{ if (l.feature && l.feature.properties.event_type) n++; }}); return n; }})()"
    before = page.evaluate(drawn)
    page.evaluate("""() => { const from = document.querySelectorAll('.bordermap-dates input')[0];
                             from.value = Math.floor(from.max / 2); from.dispatchEvent(new Event('input')); }""")
    shown = page.locator(".bordermap-feed:not(.bordermap-places) > li:not([hidden])").count()
    assert 0 < shown < feed.count() and page.evaluate(drawn) < before
    assert page.locator(".bordermap-range").inner_text().startswith("Dated ")
    assert visit.errors == [], visit.errors
    page.close()
