"""The folium elements of a bordermap page: each hands its data to ``maps/assets/bordermap.js`` as JSON.

Nothing here writes article text into HTML or JavaScript source: every value
goes through ``script_json``, and the page builds what it shows with DOM
calls.
"""

from __future__ import annotations

import json

from branca.element import Element, MacroElement
from folium.template import Template


def script_json(value) -> str:
    """JSON that is safe inside a <script> element: no '</script>', no HTML comment, no line separators."""
    text = json.dumps(value, ensure_ascii=False, allow_nan=False, default=str, separators=(",", ":"))
    for raw, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(raw, escaped)
    return text


class Markup(Element):
    """Markup put into the page as it is. branca's ``Element(text)`` compiles its text as a Jinja template, so
    an article's title holding ``{{ ... }}`` would be run as code (Jinja is not sandboxed), and a ``{%`` in it
    stopped the map; compiling the inlined Leaflet as a template also cost 0.2 s a map."""

    def __init__(self, markup: str):
        super().__init__()
        self._name = "Markup"
        self.markup = markup

    def render(self, **kwargs) -> str:
        return self.markup


class _Verbatim(MacroElement):
    """A MacroElement whose rendered script goes into the page as it is. branca's ``MacroElement.render`` wraps
    the macro's output in ``Element(output)``, compiling it as a template a second time: a sentence of an
    article holding ``{{ ... }}``, in a layer's data, would be run as Jinja (which is not sandboxed)."""

    def render(self, **kwargs) -> None:
        script = self._template.module.__dict__["script"]
        self.get_root().script.add_child(Markup(script(self, kwargs)), name=self.get_name())
        for element in self._children.values():
            element.render(**kwargs)


class StoryConfig(_Verbatim):
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


class PageStart(_Verbatim):
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


class DataLayer(_Verbatim):
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


class Finish(_Verbatim):
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
