"""Real servers on free ports of 127.0.0.1, for tests that talk HTTP to them.

* ``server``: the DiploKG endpoint (``python -m kg.web.serve``, gunicorn) over the seed
  store built by the real pipeline (``seed_store``); yields its base URL.
* ``demo_server``: the same over the small hand-written demo dataset of
  :mod:`kg.web.demo`, for tests that need to know exactly what is in the store.
* :func:`running_server` starts one with any settings (a short timeout, an allowlist, ...).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import requests

REPO = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_healthy(url: str, proc: subprocess.Popen, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    last = ""
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode} before answering /health")
        try:
            r = requests.get(url + "/health", timeout=5)
            if r.status_code == 200:
                return
            last = r.text
        except requests.ConnectionError as exc:
            last = str(exc)
        time.sleep(0.2)
    raise RuntimeError(f"server at {url} not healthy after {timeout:g} s: {last}")


@contextmanager
def running_server(store: Path, **settings) -> Iterator[str]:
    """Start ``python -m kg.web.serve`` on a free port; yield its base URL; stop it.

    ``settings`` are Settings fields (``query_timeout=2``, ``service_allowlist="http://..."``);
    they reach the server as ``KG_*`` environment variables.
    """
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("KG_")}
    env.update({f"KG_{k.upper()}": str(v) for k, v in settings.items()})
    env.setdefault("KG_WORKERS", "1")
    env["KG_STORE"] = str(store)
    env["KG_HOST"] = "127.0.0.1"
    env["KG_PORT"] = str(port)
    env.setdefault("KG_DUMPS", str(Path(store).parent / f"dumps-{port}"))
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    # the server's log goes to a file: a pipe nobody reads would fill up and block it
    log = tempfile.NamedTemporaryFile(prefix=f"kg-server-{port}-", suffix=".log", delete=False)
    proc = subprocess.Popen([sys.executable, "-m", "kg.web.serve"], cwd=REPO, env=env,
                            stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        try:
            wait_until_healthy(url, proc)
        except RuntimeError as exc:
            raise RuntimeError(f"{exc}\n--- server log ---\n{Path(log.name).read_text(errors='replace')[-3000:]}") from None
        yield url
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        log.close()
        os.unlink(log.name)


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
