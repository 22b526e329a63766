"""Copy the browser libraries from node_modules into kg/web/static/vendor/ (run after `npm ci`).

    npm ci && python -m kg.web.assets

The pages load everything from /static/vendor/: no CDN, no tile server, so the query
page, the map and the graph work without a network.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
VENDOR = Path(__file__).resolve().parent / "static" / "vendor"

#: (file or folder under node_modules, name under static/vendor)
FILES = (
    ("@zazuko/yasgui/build/yasgui.min.js", "yasgui.min.js"),
    ("@zazuko/yasgui/build/yasgui.min.css", "yasgui.min.css"),
    ("topojson-client/dist/topojson-client.min.js", "topojson-client.min.js"),
    ("world-atlas/countries-110m.json", "countries-110m.json"),
    ("cytoscape/dist/cytoscape.min.js", "cytoscape.min.js"),
)


def copy_assets(node_modules: Path = REPO / "node_modules", vendor: Path = VENDOR) -> list[Path]:
    """Copy every file of :data:`FILES`; a missing one raises with the command that fetches it."""
    missing = [src for src, _ in FILES if not (node_modules / src).exists()]
    if missing:
        raise FileNotFoundError(f"missing in {node_modules}: {', '.join(missing)}; run `npm ci` in {REPO} first")
    vendor.mkdir(parents=True, exist_ok=True)
    out = []
    for src, name in FILES:
        source, target = node_modules / src, vendor / name
        if source.is_dir():
            shutil.copytree(source, target, dirs_exist_ok=True)
        else:
            shutil.copy2(source, target)
        out.append(target)
    return out


def missing_assets(vendor: Path = VENDOR) -> list[str]:
    """Names of vendor files the pages need but that were not copied yet."""
    return [name for _, name in FILES if not (vendor / name).exists()]


if __name__ == "__main__":
    try:
        for path in copy_assets():
            print(path.relative_to(REPO))
    except FileNotFoundError as exc:
        sys.exit(str(exc))
