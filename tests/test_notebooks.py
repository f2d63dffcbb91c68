"""The notebooks run top to bottom from clean (offline), and are committed with their outputs, so they show their
tables and charts when browsed; the live map is not saved (a static preview stands before it)."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parent.parent / "notebooks").glob("*.ipynb"))


def test_there_are_three_notebooks():
    assert [p.name for p in NOTEBOOKS] == ["01-quickstart.ipynb", "02-corpus.ipynb", "03-gis.ipynb"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_committed_with_outputs_and_without_the_live_map(path):
    notebook = nbformat.read(path, as_version=4)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert all(cell.execution_count for cell in code), f"{path.name}: run notebooks/refresh.py before committing"
    assert sum(bool(cell.outputs) for cell in code) >= 3
    assert not any(o.get("output_type") == "error" for cell in code for o in cell.outputs)
    for cell in code:
        if "live-map" in cell.metadata.get("tags", []):
            assert cell.outputs == []  # a whole web page: shown when run, not stored
    assert path.stat().st_size < 300_000
    for image in re.findall(r"\]\((\.\./docs/[^)]+\.png)\)", " ".join(c.source for c in notebook.cells)):
        assert (path.parent / image).is_file(), image


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_runs_top_to_bottom(path, tmp_path):
    from nbclient import NotebookClient

    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:  # from clean
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    # The notebooks write their files into the working directory: a temporary one here, so runs leave nothing behind.
    NotebookClient(notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    live = [c for c in notebook.cells if "live-map" in c.metadata.get("tags", [])]
    assert all("bordermap.finish(" in str(c.outputs) for c in live)  # run, the notebook shows the live map
    last = [c for c in notebook.cells if c.cell_type == "code"][-1]
    assert not any(o.get("output_type") == "error" for o in last.outputs)
    written = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file())
    assert all(name.startswith("bordermap-output/") and "/." not in name for name in written), written
