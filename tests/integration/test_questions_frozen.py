"""The named questions answer exactly the rows frozen before they were rewritten for speed.

Rows were frozen by ``tests/golden/questions.py`` on the seed store and on a generated store
(:mod:`bench.graphgen`), for the bindings listed there; order included, since every question
sorts its rows.
"""

from __future__ import annotations

import json

import pytest

from tests.golden.questions import BINDINGS, FROZEN, generated_store, rows


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    return generated_store(tmp_path_factory.mktemp("frozen"))


def _compare(store_root, label: str) -> None:
    frozen = json.loads((FROZEN / f"{label}.json").read_text(encoding="utf-8"))
    assert set(frozen) == set(BINDINGS), "a question was added or renamed: regenerate with tests/golden/questions.py"
    for name, sets in frozen.items():
        for entry in sets:
            got = rows(store_root, name, entry["bindings"])
            assert got == entry["rows"], f"{label} store, {name} {entry['bindings']}: rows differ from the frozen ones"


def test_rows_on_the_seed_store_are_the_frozen_ones(seed_store):
    _compare(seed_store, "seed")


def test_rows_on_a_generated_store_are_the_frozen_ones(generated):
    _compare(generated, "generated")
