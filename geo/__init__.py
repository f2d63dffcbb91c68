"""bordermap.geo: read articles, find their places and resolve them with an offline gazetteer.

>>> from bordermap import geo
>>> article = geo.parse("Kyiv has closed all border crossings to Belarus.", date="2023-02-16")
>>> [(m.text, m.place.name) for m in article.places]
[('Kyiv', 'Kyiv'), ('Belarus', 'Belarus')]
"""

from __future__ import annotations


def parse(text: str, **kwargs):
    """Find and resolve the places of one text; see ``bordermap.geo.pipeline.parse``."""
    from bordermap.geo.pipeline import parse as _parse

    return _parse(text, **kwargs)


__all__ = ["parse"]
