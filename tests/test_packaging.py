"""A non-editable install into a fresh virtualenv: one import package, its data, its commands."""

from __future__ import annotations

import subprocess
import sys
import venv
from pathlib import Path

from conftest import REPO

CHECK = """
from importlib import resources
import bordermap, bordermap.geo, bordermap.layers, bordermap.maps  # no dependency is installed here
root = resources.files('bordermap.data')
names = ['supplement.csv', 'crossings.csv', 'border_waters.csv', 'country_aliases.csv', 'demonyms.csv', 'metonyms.csv', 'SOURCES.md',
         'border_lengths.csv', 'country_points.csv', 'region_aliases.csv', 'vendor/leaflet.js',
         'vendor/leaflet.css', 'vendor/leaflet.markercluster.js', 'samples/belarus-border-2023.txt',
         'samples/border-news-dev.jsonl']
assert (resources.files('bordermap.maps') / 'assets' / 'bordermap.js').is_file()
missing = [n for n in names if not (root / n).is_file()]
assert not missing, missing
assert 'site-packages' in str(root), root
print('ok')
"""


def test_one_package_with_its_data_in_a_fresh_virtualenv(tmp_path):
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

    purelib = Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                                  check=True, capture_output=True, text=True).stdout.strip())
    installed = {p.name for p in purelib.iterdir()} - {"__pycache__"}
    ours = {name for name in installed if not name.startswith(("pip", "_distutils", "distutils", "setuptools", "pkg_resources"))}
    assert ours == {"bordermap", "bordermap-0.1.0.dist-info"}, ours  # no geo, layers, maps, data, bordermap_data

    # The commands need none of the heavy dependencies to explain themselves (this venv has none).
    for command in ([str(env_dir / "bin" / "bordermap"), "--help"], [str(python), "-m", "bordermap", "--help"],
                    [str(env_dir / "bin" / "bordermap"), "--version"]):
        shown = subprocess.run(command, check=False, capture_output=True, text=True, cwd=tmp_path, timeout=60)
        assert shown.returncode == 0, shown.stderr
        assert "bordermap" in shown.stdout


def test_this_interpreter_imports_the_working_tree():
    import bordermap

    assert Path(bordermap.__file__).resolve().parent == REPO, "install with pip install -e '.[test]' to test this tree"
