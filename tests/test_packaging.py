"""Shipped data must be present after a non-editable install into a fresh virtualenv."""

from __future__ import annotations

import subprocess
import sys
import venv

from conftest import REPO

CHECK = """
from importlib import resources
import geo, layers, maps
root = resources.files('bordermap_data')
names = ['supplement.csv', 'country_aliases.csv', 'demonyms.csv', 'metonyms.csv', 'SOURCES.md',
         'border_lengths.csv', 'country_points.csv', 'region_aliases.csv', 'vendor/leaflet.js',
         'vendor/leaflet.css', 'vendor/leaflet.markercluster.js', 'samples/belarus-border-2023.txt',
         'samples/border-news-dev.jsonl']
assert (resources.files('maps') / 'assets' / 'bordermap.js').is_file()
missing = [n for n in names if not (root / n).is_file()]
assert not missing, missing
assert 'site-packages' in str(root), root
print('ok')
"""


def test_data_files_ship_in_a_fresh_virtualenv(tmp_path):
    # Build the wheel as `pip install .` does, with this environment's setuptools
    # (no index needed), then install it alone into a new virtualenv.
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "-w", str(wheels), str(REPO)],
        check=True, capture_output=True, timeout=600,
    )
    (wheel,) = wheels.glob("bordermap-*.whl")
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", str(wheel)],
                   check=True, capture_output=True, timeout=600)
    result = subprocess.run([str(python), "-c", CHECK], check=False, capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert result.stdout.strip() == "ok", result.stderr
