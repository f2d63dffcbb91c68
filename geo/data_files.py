"""Where the files shipped in ``data/`` (the ``bordermap.data`` package) are."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def data_file(name: str) -> Path:
    """Path of a file shipped in ``data/``."""
    try:
        return Path(str(resources.files("bordermap.data") / name))
    except ModuleNotFoundError:  # running from a source tree that is not installed
        return Path(__file__).resolve().parent.parent / "data" / name
