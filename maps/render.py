"""Render layers as a page that tells the article's story: a Leaflet map with folium, and a feed of events.

The page composes folium elements (``maps/elements.py``): one ``FeatureGroup``
per layer in a ``LayerControl``, and our own elements that hand each layer,
the labels and the actor colours (``maps/story.py``) to
``maps/assets/bordermap.js`` as JSON. Popups and the feed are built in the
browser from that data with DOM calls (no HTML strings), so article text is
shown, never run. Leaflet is inlined from ``data/vendor`` (vendored from npm)
and the world's countries are drawn beneath the tiles (``maps/basemap.py``),
so the page needs no CDN and shows the countries without a network;
``offline=True`` leaves the web tiles out, and the page makes no request.
"""

from __future__ import annotations

import html
import re
from importlib import resources
from pathlib import Path

import folium

from bordermap.geo.data_files import data_file
from bordermap.layers.frames import Layers
from bordermap.maps import story
from bordermap.maps.basemap import world
from bordermap.maps.elements import DataLayer, Finish, Markup, PageStart, StoryConfig, script_json
from bordermap.output import BIDI_CONTROLS

__all__ = ["make_map", "save_map", "script_json"]

LAYER_TITLES = {"borders": "Borders", "routes": "Routes", "crossings": "Crossings", "events": "Events", "places": "Places"}
#: Drawn in this order: places beneath the routes, point events and crossings on top (they are markers).
DRAW_ORDER = ("borders", "places", "routes", "crossings", "events")
ATTRIBUTION = ("Places: <a href=\"https://www.geonames.org/\">GeoNames</a> (CC BY 4.0) | "
               "Borders: <a href=\"https://www.naturalearthdata.com/\">Natural Earth</a>")
#: With more places than this, places cluster; with more features, Leaflet draws on a canvas.
CLUSTER_PLACES = 500
CANVAS_FEATURES = 2000


def _asset(name: str) -> str:
    return (resources.files("bordermap.maps") / "assets" / name).read_text(encoding="utf-8")


def _head() -> str:
    css = [data_file(f"vendor/{n}").read_text(encoding="utf-8")
           for n in ("leaflet.css", "MarkerCluster.css", "MarkerCluster.Default.css")] + [_asset("bordermap.css")]
    js = [data_file(f"vendor/{n}").read_text(encoding="utf-8")
          for n in ("leaflet.js", "leaflet.markercluster.js")] + [_asset("bordermap.js")]
    return "\n".join([*(f"<style>{c}</style>" for c in css), *(f"<script>{j}</script>" for j in js)])


#: Long text properties that repeat across features (every place of a sentence quotes
#: it, every feature of an article carries its title): sent once per layer.
INTERNED = ("evidence", "title", "url", "published", "reason", "article_id")


def _feature_collection(frame) -> dict:
    """GeoJSON of a layer, coordinates to 6 decimals, repeated strings sent once (``strings``): the sentences a
    place's ``quotes`` hold too."""
    import shapely

    if frame is None or len(frame) == 0:
        return {"type": "FeatureCollection", "features": [], "strings": [], "interned": []}
    frame = frame.copy()
    frame["geometry"] = shapely.set_precision(frame.geometry.values, 1e-6)
    quotes = frame.pop("quotes").tolist() if "quotes" in frame.columns else None
    collection = frame.to_geo_dict(na="null", drop_id=True)
    strings: dict[str, int] = {}
    interned = [k for k in INTERNED if k in frame.columns]
    for i, feature in enumerate(collection["features"]):
        properties = feature["properties"]
        for key in interned:
            value = properties.get(key)
            if isinstance(value, str):
                properties[key] = strings.setdefault(value, len(strings))
        if quotes is not None:
            properties["quotes"] = [[strings.setdefault(text, len(strings)), spans] for text, spans in quotes[i]]
    collection["strings"] = list(strings)
    collection["interned"] = interned
    return collection


def _country_names() -> dict[str, str]:
    from bordermap.layers.geometry import countries

    return {code: str(name) for code, name in countries()["NAME"].items()}


def _title_element(title: str | None) -> Markup:
    """The page's <title>: what a browser tab, a bookmark and a search show."""
    shown = re.sub(f"[\x00-\x1f\x7f-\x9f{BIDI_CONTROLS}]",
                   lambda c: f"[U+{ord(c.group()):04X}]", title or "bordermap")  # as the page shows them
    return Markup(f"<title>{html.escape(shown)}</title>")


def _stable_ids(fmap: folium.Map) -> None:
    """Element ids from a counter, not a random uuid: the same layers give the same HTML."""
    counter = 0

    def visit(element) -> None:
        nonlocal counter
        element._id = f"{counter:012x}"
        counter += 1
        for child in element._children.values():
            visit(child)

    visit(fmap)


def make_map(layers: Layers, *, title: str | None = None, offline: bool = False) -> folium.Map:
    """The folium Map of the layers; a Jupyter cell shows it as it is."""
    places = story.distinct_places(layers.places)
    bounds = story.story_bounds(layers, places)
    features = len(places) + sum(len(frame) for name, frame in layers.items() if name != "places")
    fmap = folium.Map(
        location=[20, 0] if bounds is None else None, zoom_start=2, control_scale=True,
        prefer_canvas=features > CANVAS_FEATURES,
        tiles=None if offline else "OpenStreetMap",
    )
    fmap.default_js = []  # Leaflet is inlined from data/vendor; folium's CDN links are not used
    fmap.default_css = []
    fmap.get_root().header.add_child(_title_element(title), name="bordermap_title")
    fmap.get_root().header.add_child(Markup(_head()), name="bordermap_assets")
    groups = story.actor_groups(layers, _country_names())
    StoryConfig({
        "title": title or "",
        "actors": [{"code": g.code, "name": g.name, "colour": g.colour, "events": g.events} for g in groups],
        "labels": story.labels(layers, places),
    }).add_to(fmap)
    PageStart(world()).add_to(fmap)
    for name in DRAW_ORDER:
        frame = places if name == "places" else getattr(layers, name)
        group = folium.FeatureGroup(name=f"{LAYER_TITLES[name]} ({len(frame)})", show=True)
        cluster = name == "places" and len(frame) > CLUSTER_PLACES
        DataLayer(_feature_collection(frame), LAYER_TITLES[name], name, cluster=cluster).add_to(group)
        group.add_to(fmap)
    folium.LayerControl(collapsed=True).add_to(fmap)  # folded: the story panel and its legend say what is drawn
    Finish(ATTRIBUTION).add_to(fmap)
    if bounds is not None:
        fmap.fit_bounds(bounds, padding=(40, 40), max_zoom=9)
    _stable_ids(fmap)
    return fmap


def save_map(fmap: folium.Map, path: Path) -> Path:
    """Write the page atomically (``bordermap.output``): a temporary file, then a rename; the path written."""
    from bordermap.output import write_atomically

    page = fmap.get_root().render()
    return write_atomically(path, lambda temporary: temporary.write_text(page, encoding="utf-8"))
