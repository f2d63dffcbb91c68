"""bordermap.layers: border events and geometry from articles, as GeoDataFrames, and their export.

>>> from bordermap import geo, layers
>>> article = geo.parse(open("data/samples/belarus-border-2023.txt").read(), date="2023-02-16")
>>> result = layers.build([article])
>>> result.routes[["event_type", "actor", "date", "origin", "target"]]  # doctest: +SKIP
"""

from __future__ import annotations


def build(articles, **options):
    """GeoDataFrames of the articles' places, crossings, routes, events, borders and claims
    (options: ``merge_sources``, ``include_hypothetical``; see ``bordermap.layers.frames.build``)."""
    from bordermap.layers.frames import build as _build

    return _build(articles, **options)


def write(layers, out_dir, formats=("geojson", "gpkg")):
    """Write layers as GeoJSON / GeoPackage / GeoParquet into ``out_dir`` (atomically)."""
    from bordermap.layers.export import write_layers

    return write_layers(layers, out_dir, formats)


__all__ = ["build", "write"]
