"""Shared fixtures: the seed articles built once into a real on-disk store."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "data" / "articles"


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory) -> Path:
    """A store root holding the five seed articles, built by the real pipeline."""
    from kg.build import build
    from kg.config import Settings

    root = tmp_path_factory.mktemp("seed") / "store"
    build(Settings(articles=SEEDS, store=root), progress=False)
    return root


@pytest.fixture
def articles_copy(tmp_path) -> Path:
    """A writable copy of the seed articles with their manifest."""
    dest = tmp_path / "articles"
    shutil.copytree(SEEDS, dest)
    return dest
