"""HTML documentation of the ontology, rendered by pyLODE (OntPub profile), offline.

The web server calls :func:`render_ontology_html` for ``/ontology`` (text/html); the
result is cached per file path and modification time, so a request costs nothing after
the first and an edited dkg.ttl is picked up without a restart.

>>> html = render_ontology_html()
>>> "<html" in html and "ForeignMinister" in html and "Außenminister" in html
True
"""

from __future__ import annotations

import contextlib
import functools
import importlib.metadata
import logging
import os
import sys
import types
from pathlib import Path

from kg.resources import ontology_dir

ONTOLOGY = ontology_dir() / "dkg.ttl"


def _import_pylode():
    """Import pyLODE; its 3.4.x wheels read a pyproject.toml they do not ship.

    ``pylode.version`` opens ``site-packages/pyproject.toml`` at import time and fails
    with FileNotFoundError in a normal install. We answer that module from the installed
    package metadata instead, then import pyLODE as usual.
    """
    with _own_root_logger():
        try:
            from pylode import OntPub
        except FileNotFoundError:
            for name in [m for m in sys.modules if m == "pylode" or m.startswith("pylode.")]:
                del sys.modules[name]
            stub = types.ModuleType("pylode.version")
            stub.__version__ = importlib.metadata.version("pylode")
            sys.modules["pylode.version"] = stub
            from pylode import OntPub
    return OntPub


@contextlib.contextmanager
def _own_root_logger():
    """Undo what pyLODE does to the root logger: basicConfig(level=DEBUG) on import,
    and module-level logging.info() calls that install a handler."""
    root = logging.getLogger()
    level, handlers = root.level, list(root.handlers)
    try:
        yield
    finally:
        root.setLevel(level)
        for h in list(root.handlers):
            if h not in handlers:
                root.removeHandler(h)


class DocsUnavailable(RuntimeError):
    """pyLODE cannot document the ontology file (its Turtle is broken, or metadata pyLODE needs is missing)."""


@functools.lru_cache(maxsize=8)
def _render(path: str, mtime_ns: int) -> str:
    import rdflib

    OntPub = _import_pylode()
    from pylode.utils import PylodeError

    try:
        graph = rdflib.Graph().parse(path, format="turtle")
        with _own_root_logger():
            return OntPub(ontology=graph).make_html(include_css=True)
    except (SyntaxError, PylodeError) as exc:
        raise DocsUnavailable(f"cannot document {path}: {exc}; fix the file (kg validate checks the vocabulary)") from exc


def render_ontology_html(path: str | os.PathLike = ONTOLOGY) -> str:
    """The ontology file as one self-contained HTML page (CSS inlined, nothing fetched).

    Cached on (path, modification time); raise FileNotFoundError with the path when the
    file is missing, :class:`DocsUnavailable` when pyLODE cannot document it.
    """
    p = Path(path).resolve()
    if not p.is_file():
        raise FileNotFoundError(f"no ontology at {p}: pass the path of dkg.ttl (ontology/dkg.ttl in the repository)")
    return _render(str(p), p.stat().st_mtime_ns)


def write_ontology_html(destination: str | os.PathLike, path: str | os.PathLike = ONTOLOGY) -> Path:
    """Write the documentation page to a file (``python -m kg.docs out.html``)."""
    dest = Path(destination)
    dest.write_text(render_ontology_html(path), encoding="utf-8")
    return dest


if __name__ == "__main__":
    out = write_ontology_html(sys.argv[1] if len(sys.argv) > 1 else "ontology.html")
    print(f"wrote {out}")
