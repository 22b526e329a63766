"""The README's Python and console examples on the seed articles and the real server.

Twin of ``tests/unit/test_api_docs.py``: here ``data/build/store`` is the seed store built
by the real pipeline, ``data/articles`` the seed articles, ``kg.connect(...)`` reaches the
running server, and the blocks marked ``<!-- doctest: seed -->`` (the build) run too.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "tests" / "unit"))
from test_api_docs import DOC, run_console_blocks, run_python_blocks, scratch  # noqa: E402

pytestmark = pytest.mark.slow


def test_readme_examples_on_seed_store_and_server(seed_store, server, tmp_path, monkeypatch):
    work = tmp_path / "work"
    work.mkdir()
    env = scratch(work, seed_store, REPO / "data" / "articles")
    monkeypatch.chdir(work)
    text = DOC.read_text(encoding="utf-8")
    run_python_blocks(text, seed=True, connect_to=server + "/sparql")
    assert run_console_blocks(text, env) == 5
