"""The README tells the truth about the layers and the commands."""

from __future__ import annotations

import re

from conftest import REPO

from bordermap.layers.frames import SCHEMA

README = (REPO / "README.md").read_text(encoding="utf-8")


def test_every_layer_column_is_in_the_readme_schema_table():
    table = README[README.index("| column | layers | type | meaning |"):]
    documented = {}
    for line in table.split("\n")[2:]:
        if not line.startswith("|"):
            break
        cells = [c.strip() for c in line.strip("|").split("|")]
        for name in re.findall(r"`(\w+)`", cells[0]):
            documented[name] = {layer.strip() for layer in cells[1].split(",")}
    for layer, columns in SCHEMA.items():
        for column in columns:
            assert column in documented, column
            assert layer in documented[column], (column, layer)


def test_the_readme_starts_with_the_install_block_then_the_test_block():
    blocks = re.findall(r"```sh\n(.*?)```", README, re.DOTALL)
    assert "pip install ." in blocks[0] and "bordermap map data/samples/belarus-border-2023.txt" in blocks[0]
    assert "ruff check ." in blocks[1] and "python -m pytest" in blocks[1]
    assert (REPO / "docs" / "sample-map.png").is_file()
