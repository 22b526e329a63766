"""Spelling-insensitive search (kg.web.search) over a real store through the query pool."""

import pytest

from kg.web.search import LabelIndex, build_index, fold

ID = "https://w3id.org/diplokg/id/"


@pytest.mark.parametrize("a,b", [
    ("Choe Son-hui", "choe son hui"),
    ("Sergej Lawrow", "Sergey Lavrov"),
    ("Sergei Lavrov", "Sergey Lavrov"),
    ("Wladiwostok", "Vladivostok"),
    ("Kim Jong-un", "KIM JONG UN"),
    ("Lukaschenko", "Lukashenko"),
    ("Ch'oe Sŏn-hŭi", "Choe Son Hui"),
    ("Selenskyj", "Selenskyy"),
])
def test_fold_variants_agree(a, b):
    assert fold(a) == fold(b)


def test_fold_keeps_different_names_apart():
    assert fold("Kim Jong Un") != fold("Kim Yo Jong")


@pytest.fixture(scope="module")
def index(tmp_path_factory) -> LabelIndex:
    from kg.web.demo import build_demo
    from kg.web.querying import QueryPool

    pool = QueryPool(build_demo(tmp_path_factory.mktemp("search") / "store"), size=1)
    try:
        yield build_index(pool.select)
    finally:
        pool.close()


@pytest.mark.parametrize("q,iri", [
    ("choe son hui", "person/choe-son-hui"),
    ("Choi Son Hui", "person/choe-son-hui"),
    ("Lawrow", "person/sergey-lavrov"),
    ("peking", "place/beijing"),
    ("Weißrussland", "state/belarus"),
    ("kim china", "visit/kim-jong-un/china/2025-09-02"),
    ("kim putin", "summit/kim-jong-un-vladimir-putin/2023-09-13"),
])
def test_search_finds(index, q, iri):
    assert index.search(q)[0]["iri"] == ID + iri


def test_search_kinds_and_nothing(index):
    assert {h["type"] for h in index.search("russia", kinds=("State",))} == {"State"}
    assert index.search("   ") == []
    assert index.search("zzzzqqqq") == []
