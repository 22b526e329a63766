"""Real servers on free ports of 127.0.0.1, for tests that talk HTTP to them.

* ``server``: the DiploKG endpoint (``python -m kg.web.serve``, gunicorn) over the seed
  store built by the real pipeline (``seed_store``); yields its base URL.
* ``demo_server``: the same over the small hand-written demo dataset of
  :mod:`kg.web.demo`, for tests that need to know exactly what is in the store.
* :func:`kg.web.launch.running_server` starts one with any settings (a short timeout, an allowlist, ...).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.web.launch import running_server


@pytest.fixture(scope="session")
def demo_store(tmp_path_factory) -> Path:
    """A store root with the demo dataset (:mod:`kg.web.demo`)."""
    from kg.web.demo import build_demo

    return build_demo(tmp_path_factory.mktemp("demo") / "store")


@pytest.fixture(scope="session")
def demo_server(demo_store) -> Iterator[str]:
    with running_server(demo_store) as url:
        yield url


@pytest.fixture(scope="session")
def server(seed_store) -> Iterator[str]:
    """The endpoint over the seed articles built by the real pipeline; yields its base URL."""
    with running_server(seed_store) as url:
        yield url
