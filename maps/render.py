"""Render layers as an interactive Leaflet map with folium.

The map composes folium elements: one ``FeatureGroup`` per layer in a
``LayerControl``, and our own ``DataLayer`` elements that hand each layer to
``maps/assets/bordermap.js`` as JSON. Popups are built in the browser from
that data with DOM calls (no HTML strings), so article text is shown, never
run. Leaflet itself is inlined from ``data/vendor`` (vendored from npm), so
the page needs no CDN; ``offline=True`` also swaps the web tiles for Natural
Earth country polygons, and the page makes no request at all.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import folium
from branca.element import Element, MacroElement
from jinja2 import Template

from bordermap.geo.data_files import data_file
from bordermap.layers.frames import Layers

LAYER_TITLES = {"borders": "Borders", "routes": "Routes", "crossings": "Crossings", "events": "Events", "places": "Places"}
ATTRIBUTION = ("Places: <a href=\"https://www.geonames.org/\">GeoNames</a> (CC BY 4.0) | "
               "Borders: <a href=\"https://www.naturalearthdata.com/\">Natural Earth</a>")
#: Degrees of context around the data in the offline basemap.
OFFLINE_MARGIN_DEG = 12.0
OFFLINE_SIMPLIFY_DEG = 0.02
#: With more places than this, places cluster; with more features, Leaflet draws on a canvas.
CLUSTER_PLACES = 500
CANVAS_FEATURES = 2000


def _asset(name: str) -> str:
    return (resources.files("bordermap.maps") / "assets" / name).read_text(encoding="utf-8")


def script_json(value) -> str:
    """JSON that is safe inside a <script> element: no '</script>', no HTML comment, no line separators."""
    text = json.dumps(value, ensure_ascii=False, allow_nan=False, default=str)
    for raw, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(raw, escaped)
    return text


class DataLayer(MacroElement):
    """A GeoJSON layer drawn by bordermap.js inside its parent FeatureGroup."""

    _template = Template("""
{% macro script(this, kwargs) %}
    var {{ this.get_name() }} = bordermap.addLayer({{ this._parent.get_name() }}, {{ this.data|safe }}, {{ this.title|safe }}, {{ this.style|safe }}, {{ this.options|safe }});
{% endmacro %}
""")

    def __init__(self, geojson: dict, title: str, style: str, cluster: bool = False):
        super().__init__()
        self._name = "DataLayer"
        self.data = script_json(geojson)
        self.title = script_json(title)
        self.style = script_json(style)
        self.options = script_json({"cluster": cluster})


class Basemap(MacroElement):
    """Natural Earth countries as a plain basemap, for maps that must work offline."""

    _template = Template("""
{% macro script(this, kwargs) %}
    L.geoJSON({{ this.data|safe }}, {
        style: function () { return {color: "#999", weight: 0.8, fillColor: "#f2efe9", fillOpacity: 1}; },
        interactive: false
    }).addTo({{ this._parent.get_name() }});
    {{ this._parent.get_name() }}.getContainer().classList.add("bordermap-offline");
{% endmacro %}
""")

    def __init__(self, geojson: dict):
        super().__init__()
        self._name = "Basemap"
        self.data = script_json(geojson)


class MapChrome(MacroElement):
    """Title, legend, attribution and the date filter: a template, not string concatenation."""

    _template = Template("""
{% macro script(this, kwargs) %}
    (function (map) {
        map.attributionControl.addAttribution({{ this.attribution|safe }});
        {% if this.title %}
        var title = L.control({position: "topleft"});
        title.onAdd = function () {
            var div = L.DomUtil.create("div", "bordermap-title");
            div.textContent = {{ this.title|safe }};
            return div;
        };
        title.addTo(map);
        {% endif %}
        var legend = L.control({position: "bottomright"});
        legend.onAdd = function () {
            var div = L.DomUtil.create("div", "bordermap-legend");
            var entries = {{ this.entries|safe }};
            entries.forEach(function (entry) {
                var row = L.DomUtil.create("div", "", div);
                var swatch = L.DomUtil.create("i", entry.line ? "line" : "", row);
                swatch.style.background = entry.colour;
                row.appendChild(document.createTextNode(entry.label));
            });
            return div;
        };
        legend.addTo(map);
        bordermap.dateFilter(map);
    })({{ this._parent.get_name() }});
{% endmacro %}
""")

    def __init__(self, title: str | None):
        super().__init__()
        self._name = "MapChrome"
        self.attribution = script_json(ATTRIBUTION)
        self.title = script_json(title) if title else ""
        entries = [{"label": k, "colour": c} for k, c in (
            ("country", "#6a3d9a"), ("region", "#1f78b4"), ("district", "#a6cee3"), ("city", "#e31a1c"), ("town", "#ff7f00"))]
        entries += [{"label": f"crossing: {s.replace('_', ' ')}", "colour": c} for s, c in (
            ("open", "#1a9641"), ("closed", "#d7191c"), ("closed_one_side", "#fdae61"))]
        entries += [{"label": "route (colour: actor; dashed: strike)", "colour": "#2c7bb6", "line": True},
                    {"label": "border", "colour": "#444", "line": True}]
        self.entries = script_json(entries)


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
    """GeoJSON of a layer, coordinates to 6 decimals, repeated strings sent once (``strings``)."""
    import shapely

    if frame is None or len(frame) == 0:
        return {"type": "FeatureCollection", "features": [], "strings": [], "interned": []}
    frame = frame.copy()
    frame["geometry"] = shapely.set_precision(frame.geometry.values, 1e-6)
    collection = json.loads(frame.to_json(na="null", drop_id=True))
    strings: dict[str, int] = {}
    interned = [k for k in INTERNED if k in frame.columns]
    for feature in collection["features"]:
        properties = feature["properties"]
        for key in interned:
            value = properties.get(key)
            if isinstance(value, str):
                properties[key] = strings.setdefault(value, len(strings))
    collection["strings"] = list(strings)
    collection["interned"] = interned
    return collection


def _bounds(layers: Layers) -> list[list[float]] | None:
    """Fit the events when there are any (country points can lie far away: Russia's is in Siberia), else the places."""
    import numpy

    boxes = [frame.total_bounds for name, frame in layers.items() if name in ("crossings", "routes", "events") and len(frame)]
    if not boxes:
        boxes = [layers.places.total_bounds] if len(layers.places) else []
    if not boxes:
        return None
    stacked = numpy.array(boxes)
    west, south = stacked[:, 0].min(), stacked[:, 1].min()
    east, north = stacked[:, 2].max(), stacked[:, 3].max()
    return [[float(south), float(west)], [float(north), float(east)]]


def _offline_basemap(bounds: list[list[float]] | None) -> dict:
    from shapely.geometry import box

    from bordermap.layers.geometry import countries

    frame = countries()[["geometry"]].reset_index()
    if bounds is not None:
        (south, west), (north, east) = bounds
        area = box(west - OFFLINE_MARGIN_DEG, max(south - OFFLINE_MARGIN_DEG, -90),
                   east + OFFLINE_MARGIN_DEG, min(north + OFFLINE_MARGIN_DEG, 90))
        frame = frame[frame.intersects(area)].copy()
        frame["geometry"] = frame.intersection(area)
    frame["geometry"] = frame.simplify(OFFLINE_SIMPLIFY_DEG, preserve_topology=True)
    frame = frame[~frame.is_empty]
    return json.loads(frame.to_json(drop_id=True))


def make_map(layers: Layers, *, title: str | None = None, offline: bool = False) -> folium.Map:
    """The folium Map of the layers; a Jupyter cell shows it as it is."""
    bounds = _bounds(layers)
    features = sum(len(frame) for _, frame in layers.items())
    fmap = folium.Map(
        location=[0, 0] if bounds is None else None, zoom_start=2, control_scale=True,
        prefer_canvas=features > CANVAS_FEATURES,
        tiles=None if offline else "OpenStreetMap",
    )
    fmap.default_js = []  # Leaflet is inlined from data/vendor; folium's CDN links are not used
    fmap.default_css = []
    fmap.get_root().header.add_child(Element(_head()), name="bordermap_assets")
    if offline:
        Basemap(_offline_basemap(bounds)).add_to(fmap)
    for name in ("borders", "routes", "crossings", "events", "places"):
        frame = getattr(layers, name)
        group = folium.FeatureGroup(name=f"{LAYER_TITLES[name]} ({len(frame)})", show=True)
        cluster = name == "places" and len(frame) > CLUSTER_PLACES
        DataLayer(_feature_collection(frame), LAYER_TITLES[name], name, cluster=cluster).add_to(group)
        group.add_to(fmap)
    folium.LayerControl(collapsed=False).add_to(fmap)
    MapChrome(title).add_to(fmap)
    if bounds is not None:
        fmap.fit_bounds(bounds, padding=(30, 30), max_zoom=9)
    return fmap


def save_map(fmap: folium.Map, path: Path) -> None:
    """Write the HTML atomically: a temporary file, then rename."""
    import os
    import tempfile

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(fmap.get_root().render())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
