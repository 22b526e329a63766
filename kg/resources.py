"""Where the files DiploKG ships live: ontology, background data, named questions, web templates and assets.

The top-level ``ontology/`` and ``data/background/`` of a checkout are the source of truth.
A wheel carries copies of them as package data under ``kg/share/`` (``pyproject.toml`` maps
the folders in), so an installed DiploKG reads them through :mod:`importlib.resources`
like the questions, templates and assets that live in the package anyway. Every module
asks here instead of guessing paths from ``__file__``.

>>> (ontology_dir() / "dkg.ttl").is_file(), (background_dir() / "states.yaml").is_file()
(True, True)
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

#: shipped folder name -> where it lives in a checkout (relative to the repository root)
SOURCES = {"ontology": "ontology", "background": "data/background"}


def package_dir() -> Path:
    """The installed ``kg`` package as a folder (DiploKG needs an unpacked install, as pip makes)."""
    root = files("kg")
    if not isinstance(root, Path):
        raise RuntimeError(f"kg is imported from {root}, which is not a folder; install DiploKG with pip")
    return root


def checkout_dir() -> Path | None:
    """The repository root when ``kg`` is imported from a checkout (editable or not), else None."""
    root = package_dir().parent
    return root if (root / "pyproject.toml").is_file() and (root / SOURCES["ontology"]).is_dir() else None


def shipped(name: str) -> Path:
    """The folder of shipped files called ``name``: the wheel's copy, else the checkout's own."""
    if name not in SOURCES:
        raise KeyError(f"no shipped folder {name!r}; known: {', '.join(SOURCES)}")
    packaged = package_dir() / "share" / name
    if packaged.is_dir():
        return packaged
    checkout = checkout_dir()
    if checkout is not None:
        return checkout / SOURCES[name]
    raise FileNotFoundError(f"DiploKG's {name} files are missing from {packaged}; reinstall the package")


def ontology_dir() -> Path:
    """``dkg.ttl``, ``dkg-align.ttl``, ``shapes.ttl`` and ``checks/*-violation.rq``."""
    return shipped("ontology")


def background_dir() -> Path:
    """The background knowledge (states, persons, places, posts) the build and the extractor's lexicon read."""
    return shipped("background")


def queries_dir() -> Path:
    """The named questions (``*.rq``)."""
    return package_dir() / "queries"


def web_dir() -> Path:
    """Templates (``templates/``) and assets (``static/``) of the web app."""
    return package_dir() / "web"


def workdir() -> Path:
    """Where user data goes by default: the checkout root, or the current folder of an installed DiploKG."""
    return checkout_dir() or Path(".")
