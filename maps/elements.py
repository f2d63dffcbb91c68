"""The folium elements of a bordermap page: each hands its data to ``maps/assets/bordermap.js`` as JSON.

Nothing here writes article text into HTML or JavaScript source: every value
goes through ``script_json``, and the page builds what it shows with DOM
calls.
"""

from __future__ import annotations

import json

from branca.element import MacroElement
from folium.template import Template


def script_json(value) -> str:
    """JSON that is safe inside a <script> element: no '</script>', no HTML comment, no line separators."""
    text = json.dumps(value, ensure_ascii=False, allow_nan=False, default=str, separators=(",", ":"))
    for raw, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(raw, escaped)
    return text


class StoryConfig(MacroElement):
    """The map's title, actor colours and labels, given to the page before any layer is drawn."""

    _template = Template("""
{% macro script(this, kwargs) %}
    bordermap.configure({{ this.config|safe }});
{% endmacro %}
""")

    def __init__(self, config: dict):
        super().__init__()
        self._name = "StoryConfig"
        self.config = script_json(config)


class PageStart(MacroElement):
    """The page's panes and the Natural Earth countries beneath the tiles (``maps/basemap.py``)."""

    _template = Template("""
{% macro script(this, kwargs) %}
    bordermap.start({{ this._parent.get_name() }}, {{ this.data|safe }});
{% endmacro %}
""")

    def __init__(self, geojson_text: str):
        super().__init__()
        self._name = "PageStart"
        self.data = geojson_text  # GeoJSON of Natural Earth, numbers only: no text of an article


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


class Finish(MacroElement):
    """After the layers: labels, legend, the story panel (bordermap.finish)."""

    _template = Template("""
{% macro script(this, kwargs) %}
    bordermap.finish({{ this._parent.get_name() }}, {{ this.attribution|safe }});
{% endmacro %}
""")

    def __init__(self, attribution: str):
        super().__init__()
        self._name = "Finish"
        self.attribution = script_json(attribution)
