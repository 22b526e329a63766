"""The README's Python and console examples run and say true (on a small hand-built store).

Python blocks run as doctests, ``$ kg …`` console lines run as commands and their shown
output is matched (``...`` stands for anything). Here they run on the small hand-built
store of ``test_api`` in a scratch folder where ``data/build/store`` is that store; a
``kg.connect(...)`` line runs as ``kg.open("data/build/store")`` (the same calls, which
is the point), and blocks marked ``<!-- doctest: seed -->`` run only in the integration
twin of this test, on the seed articles and the real server.
"""

from __future__ import annotations

import doctest
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
DOC = REPO / "README.md"
FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
CONNECT = re.compile(r'kg\.connect\("http://127\.0\.0\.1:5000/sparql"\)')


def blocks(text: str) -> list[tuple[str, str, bool]]:
    """(language, body, seed_only) of every fenced block."""
    out = []
    for m in re.finditer(r"(<!-- doctest: seed -->\s*)?```(\w+)\n(.*?)```", text, re.S):
        out.append((m.group(2), m.group(3), bool(m.group(1))))
    return out


def run_python_blocks(text: str, *, seed: bool, connect_to: str | None) -> None:
    source = "\n".join(body for lang, body, seed_only in blocks(text) if lang == "python" and (seed or not seed_only))
    source = CONNECT.sub(f'kg.connect("{connect_to}")' if connect_to else 'kg.open("data/build/store")', source)
    test = doctest.DocTestParser().get_doctest(source, {}, "README.md", str(DOC), 0)
    runner = doctest.DocTestRunner(optionflags=FLAGS)
    out: list[str] = []
    runner.run(test, out=out.append)
    assert runner.failures == 0, "".join(out)
    assert runner.tries > 15


def run_console_blocks(text: str, env: dict[str, str]) -> int:
    checker = doctest.OutputChecker()
    ran = 0
    for lang, body, _ in blocks(text):
        if lang != "console":
            continue
        for chunk in re.split(r"^\$ ", body, flags=re.M)[1:]:
            command, _, expected = chunk.partition("\n")
            argv = shlex.split(command)
            if argv[0] != "kg":
                continue  # the example script has its own tests
            proc = subprocess.run([sys.executable, "-m", "kg.cli", *argv[1:]], capture_output=True, text=True,
                                  env=env, timeout=120)
            assert proc.returncode == 0, f"$ {command}\n{proc.stderr}"
            assert checker.check_output(expected, proc.stdout, FLAGS), f"$ {command}\n{proc.stdout}"
            ran += 1
    return ran


def scratch(tmp: Path, store: Path, articles: Path) -> dict[str, str]:
    (tmp / "data" / "build").mkdir(parents=True)
    os.symlink(store, tmp / "data" / "build" / "store")
    os.symlink(articles, tmp / "data" / "articles")
    env = {k: v for k, v in os.environ.items() if not k.startswith("KG_")}
    env["KG_STORE"] = str(tmp / "data" / "build" / "store")
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    return env


@pytest.fixture
def hand_scratch(tmp_path, monkeypatch):
    from test_api import _build_hand_store

    store = _build_hand_store(tmp_path / "hand")
    work = tmp_path / "work"
    work.mkdir()
    env = scratch(work, store, tmp_path / "hand" / "articles")
    monkeypatch.chdir(work)
    return env


def test_python_examples_run(hand_scratch):
    run_python_blocks(DOC.read_text(encoding="utf-8"), seed=False, connect_to=None)
    assert Path("graph.ttl").stat().st_size > 0


def test_console_examples_run(hand_scratch):
    assert run_console_blocks(DOC.read_text(encoding="utf-8"), hand_scratch) == 5


def test_every_question_and_public_call_is_documented():
    import kg
    from kg.api import KnowledgeGraph
    from kg.questions import list_questions

    text = DOC.read_text(encoding="utf-8")
    for q in list_questions():
        assert f"| `{q.name}` |" in text, f"add {q.name} to the questions table"
        for p in q.params:
            assert f"`{p.name}`" in text
    for name in kg.__all__:
        assert re.search(rf"kg\.{name}\b|`{name}`", text), f"document kg.{name}"
    for method in ("query", "query_df", "question", "questions", "graph", "stats", "dump", "build"):
        assert hasattr(KnowledgeGraph, method)
        assert re.search(rf">>> .*\.{method}\(", text), f"give .{method}() a runnable example"


@pytest.mark.parametrize("module", ["kg", "kg.api", "kg.terms", "kg.bindings", "kg.questions", "kg.research_cli"])
def test_docstring_examples_run(module):
    import importlib

    result = doctest.testmod(importlib.import_module(module), optionflags=FLAGS)
    assert result.failed == 0
