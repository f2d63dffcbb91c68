"""bordermap: read news articles about border events and turn them into maps.

The stages are sub-packages, in pipeline order: ``bordermap.geo`` (read
articles, find and resolve their places), ``bordermap.layers`` (border
events, GeoDataFrames, export) and ``bordermap.maps`` (the folium map).

>>> import bordermap
>>> article = bordermap.parse("Kyiv has closed all border crossings to Belarus.", date="2023-02-16")
>>> [(m.text, m.place.name) for m in article.places]
[('Kyiv', 'Kyiv'), ('Belarus', 'Belarus')]
"""

from __future__ import annotations

from importlib import metadata

try:
    __version__ = metadata.version("bordermap")
except metadata.PackageNotFoundError:  # a source tree that is not installed
    __version__ = "0+unknown"


def parse(text: str, **kwargs):
    """Find and resolve the places of one text (``bordermap.geo.pipeline.parse``)."""
    from bordermap.geo.pipeline import parse as _parse

    return _parse(text, **kwargs)


def build(articles, **options):
    """The GeoDataFrames of parsed articles (``bordermap.layers.frames.build``)."""
    from bordermap.layers.frames import build as _build

    return _build(articles, **options)


def write(layers, out_dir, formats=("geojson", "gpkg")):
    """Write layers as GeoJSON / GeoPackage / GeoParquet, atomically (``bordermap.layers.export``)."""
    from bordermap.layers.export import write_layers

    return write_layers(layers, out_dir, formats)


def make_map(layers, **kwargs):
    """The folium map of the layers (``bordermap.maps.render.make_map``)."""
    from bordermap.maps.render import make_map as _make_map

    return _make_map(layers, **kwargs)


__all__ = ["__version__", "build", "make_map", "parse", "write"]
