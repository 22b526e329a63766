"""The named questions answer exactly the rows frozen before they were rewritten for speed.

Rows were frozen by ``tests/golden/questions.py`` on the seed store and on a generated store
(:mod:`bench.graphgen`), for the bindings listed there; order included, since every question
sorts its rows. A GROUP_CONCAT's parts are compared as a set: SPARQL leaves their order to the
engine's plan (and to each backend), so a rewrite may list "A, B" where it listed "B, A".
"""

from __future__ import annotations

import json
import re

import pytest

import kg

from tests.golden.questions import BINDINGS, FROZEN, _params, generated_store, rows


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    return generated_store(tmp_path_factory.mktemp("frozen"))


def _concatenated(question_name: str) -> set[str]:
    """The result variables a question builds with GROUP_CONCAT."""
    text = kg.load_question(question_name).sparql
    return {m.group(1) for m in re.finditer(r"GROUP_CONCAT.*?\bAS \?(\w+)", text, re.S)}


def _parts(cell: str) -> tuple[str, ...]:
    """The sorted parts of a GROUP_CONCAT cell written in N-Triples ("a, b" -> ("a", "b"))."""
    return tuple(sorted(json.loads(cell).split(", ")))


def _normalised(rows: list, names: list[str], concatenated: set[str]) -> list:
    return [[_parts(cell) if cell is not None and name in concatenated else cell
             for cell, name in zip(row, names)] for row in rows]


def _compare(store_root, label: str) -> None:
    frozen = json.loads((FROZEN / f"{label}.json").read_text(encoding="utf-8"))
    assert set(frozen) == set(BINDINGS), "a question was added or renamed: regenerate with tests/golden/questions.py"
    for name, sets in frozen.items():
        for entry in sets:
            got = rows(store_root, name, entry["bindings"])
            names = kg.open(store_root).question(name, **_params(entry["bindings"])).variables
            names = [v.value for v in names]
            concatenated = _concatenated(name)
            assert _normalised(got, names, concatenated) == _normalised(entry["rows"], names, concatenated), f"{label} store, {name} {entry['bindings']}: rows differ from the frozen ones"


def test_rows_on_the_seed_store_are_the_frozen_ones(seed_store):
    _compare(seed_store, "seed")


def test_rows_on_a_generated_store_are_the_frozen_ones(generated):
    _compare(generated, "generated")
