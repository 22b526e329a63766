"""The notebook-style example runs end to end: on a fresh build, and against the server."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "visits_timeline.py"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"

pytestmark = pytest.mark.slow


def _run(*args: str) -> str:
    proc = subprocess.run([sys.executable, str(EXAMPLE), *args], cwd=REPO, capture_output=True, text=True,
                          timeout=600)
    assert proc.returncode == 0, proc.stderr[-4000:]
    return proc.stdout


def test_example_builds_asks_and_plots(tmp_path):
    out = _run("--store", str(tmp_path / "store"), "--out", str(tmp_path / "timeline.png"))
    assert "built gen-" in out
    assert out.rstrip().splitlines()[-1].startswith(f"wrote {tmp_path / 'timeline.png'}")
    assert (tmp_path / "timeline.png").read_bytes()[:8] == PNG_MAGIC
    assert "Choe Son" in out  # the ministers cell found her


def test_example_runs_against_the_server(server, tmp_path):
    out = _run("--endpoint", server + "/sparql", "--out", str(tmp_path / "remote.png"))
    assert "RemoteKnowledgeGraph" in out
    assert (tmp_path / "remote.png").read_bytes()[:8] == PNG_MAGIC


def test_example_prints_the_same_on_a_store_and_on_its_server(tmp_path):
    """On the hand-built store of the unit tests: the notebook's output does not depend on
    whether it reads the store directly or through the server (first line: the handle)."""
    sys.path.insert(0, str(REPO / "tests" / "unit"))
    from test_api import _build_hand_store

    from kg.web.launch import running_server

    root = _build_hand_store(tmp_path / "hand")
    local = _run("--store", str(root), "--no-build", "--out", str(tmp_path / "a.png"))
    with running_server(root) as url:
        remote = _run("--endpoint", url + "/sparql", "--out", str(tmp_path / "b.png"))
    strip = lambda text: [line for line in text.splitlines()[1:] if not line.startswith("wrote ")]  # noqa: E731
    assert strip(local) == strip(remote)
    assert any("Choe Son Hui" in line for line in strip(local))
