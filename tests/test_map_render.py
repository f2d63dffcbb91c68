"""The map's HTML, without a browser: empty layers, escaping for <script>, offline assets."""

from __future__ import annotations

import json
import re

from bordermap import layers
from bordermap.geo.article import Article
from bordermap.maps.render import make_map, script_json


def test_script_json_cannot_close_the_script_element():
    hostile = {"evidence": "</script><script>alert(1)</script> <!-- \u2028 & ${x}"}
    text = script_json(hostile)
    assert "</script" not in text and "<!--" not in text and "\u2028" not in text
    assert json.loads(text) == hostile  # still the same data once parsed


def test_empty_layers_render_a_valid_page(pipeline):
    empty = layers.build([pipeline(Article(id="empty", text=""))])
    html = make_map(empty, offline=True).get_root().render()
    assert "bordermap.addLayer" in html and "L.control.layers" in html
    assert not re.search(r"<script[^>]+src=", html)  # every script inlined
    assert not re.search(r"<link[^>]+stylesheet", html)


def test_article_text_reaches_the_page_only_as_escaped_json(pipeline):
    text = 'Troops crossed into Ukraine from Belarus near Dyvin </script><img src=x onerror=alert(1)>.'
    built = layers.build([pipeline(Article(id="x", text=text, date="2023-02-16"))])
    html = make_map(built, title="</script><b>t</b>").get_root().render()
    assert "<img src=x" not in html
    assert "</script><b>" not in html
    assert "\\u003c/script\\u003e\\u003cimg src=x onerror=alert(1)\\u003e" in html
