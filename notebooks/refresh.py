"""Run every notebook from clean and save it with its outputs, so that it shows its tables and charts when browsed.

Run: python notebooks/refresh.py  (after pip install -e ".[notebooks]" or ".[test]")

A cell tagged ``live-map`` shows the interactive map when the notebook runs;
its output (the whole page, over a megabyte) is not saved: the markdown cell
before it shows a static preview from ``docs/``. Files the notebooks write go
to a temporary folder. The tests run the notebooks the same way.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
LIVE_MAP = "live-map"


def execute(path: Path, workdir: Path):
    """The notebook at ``path``, run top to bottom in ``workdir``."""
    import nbformat
    from nbclient import NotebookClient

    notebook = nbformat.read(path, as_version=4)
    NotebookClient(notebook, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(workdir)}}).execute()
    return notebook


def without_live_maps(notebook):
    """The notebook with the outputs of its ``live-map`` cells left out (they are whole web pages)."""
    for cell in notebook.cells:
        if cell.cell_type == "code" and LIVE_MAP in cell.get("metadata", {}).get("tags", []):
            cell.outputs = []
    return notebook


def main() -> int:
    import nbformat

    for path in sorted(HERE.glob("*.ipynb")):
        with tempfile.TemporaryDirectory() as workdir:
            notebook = without_live_maps(execute(path, Path(workdir)))
        nbformat.write(notebook, path)
        print(f"ran and saved {path.name}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
