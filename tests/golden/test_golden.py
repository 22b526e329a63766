"""Golden test: the extractor against hand-written gold for the seed articles (and the test corpus).

A regression in any category fails here. Seeds: tests/gold/ (careful human reading of
data/articles/). Corpus: tests/corpus/ (written independently of the extractor), checked
against floors a little under the scores measured when this test was written.
"""

from pathlib import Path

import pytest

from kg.eval import evaluate, table

ROOT = Path(__file__).resolve().parents[2]

SEED_FLOORS = {"visits": 0.9, "delegation": 0.9, "meetings": 0.85, "summits": 0.85, "posts": 0.9, "dates": 0.9}
CORPUS_FLOORS = {"visits": 0.75, "delegation": 0.8, "meetings": 0.6, "summits": 0.7, "posts": 0.7, "dates": 0.65}


@pytest.fixture(scope="module")
def seeds():
    return evaluate(ROOT / "data" / "articles", ROOT / "tests" / "gold")


@pytest.mark.parametrize("category", sorted(SEED_FLOORS))
def test_seed_f1(seeds, category):
    assert len(seeds["articles"]) == 5
    assert seeds[category]["f1"] >= SEED_FLOORS[category], table(seeds)


def test_corpus_f1():
    gold = ROOT / "tests" / "corpus" / "gold"
    if not any(gold.glob("*.yaml")):
        pytest.skip("no corpus gold files")
    result = evaluate(ROOT / "tests" / "corpus" / "articles", gold)
    for category, floor in CORPUS_FLOORS.items():
        assert result[category]["f1"] >= floor, f"{category}\n{table(result)}"
