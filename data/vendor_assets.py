"""Vendor the browser assets the map inlines, from their npm packages.

Run: python data/vendor_assets.py   (needs npm and the npm registry)

Writes data/vendor/: Leaflet's JS and CSS (with its images as data URIs),
Leaflet.markercluster's JS and CSS, each package's licence, and VERSIONS.md
with what was taken. The
generated map inlines these files, so it needs no CDN; with --offline it
makes no network request at all.
"""

from __future__ import annotations

import base64
import json
import re
import subprocess
import tarfile
import tempfile
from pathlib import Path

#: npm package -> (version, {file in the package: file in data/vendor}, licence file).
PACKAGES = {
    "leaflet": ("1.9.4", {"dist/leaflet.js": "leaflet.js", "dist/leaflet.css": "leaflet.css"}, "LICENSE"),
    "leaflet.markercluster": ("1.5.3", {
        "dist/leaflet.markercluster.js": "leaflet.markercluster.js",
        "dist/MarkerCluster.css": "MarkerCluster.css",
        "dist/MarkerCluster.Default.css": "MarkerCluster.Default.css",
    }, "MIT-LICENCE.txt"),
}
HERE = Path(__file__).resolve().parent
VENDOR = HERE / "vendor"


def _inline_images(css: str, images: Path) -> str:
    def data_uri(match: re.Match) -> str:
        path = images / Path(match.group(1)).name
        if not path.exists():
            return match.group(0)
        return f"url(data:image/png;base64,{base64.b64encode(path.read_bytes()).decode()})"

    return re.sub(r"url\((?:['\"])?images/([\w.\-]+)(?:['\"])?\)", data_uri, css)


def main() -> None:
    VENDOR.mkdir(exist_ok=True)
    lines = ["# Vendored browser assets", "", "| package | version | licence | files |", "|---|---|---|---|"]
    with tempfile.TemporaryDirectory() as tmp:
        for name, (version, files, licence) in PACKAGES.items():
            subprocess.run(["npm", "pack", f"{name}@{version}", "--silent"], cwd=tmp, check=True, capture_output=True)
            with tarfile.open(Path(tmp) / f"{name}-{version}.tgz") as archive:
                archive.extractall(Path(tmp) / name, filter="data")
            package = Path(tmp) / name / "package"
            meta = json.loads((package / "package.json").read_text(encoding="utf-8"))
            for source, target in files.items():
                text = (package / source).read_text(encoding="utf-8")
                if target.endswith(".css"):
                    text = _inline_images(text, (package / source).parent / "images")
                (VENDOR / target).write_text(text, encoding="utf-8")
            (VENDOR / f"LICENSE-{name}.txt").write_text((package / licence).read_text(encoding="utf-8"), encoding="utf-8")
            lines.append(f"| {name} | {meta['version']} | {meta['license']} | {', '.join(files.values())} |")
    lines += ["", "Made by `python data/vendor_assets.py` from the npm registry's packages."]
    (VENDOR / "VERSIONS.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
