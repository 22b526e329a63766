"""The extractor's output equals the frozen golden facts, article by article.

A difference is either a regression or an intended change: then regenerate with
``python tests/golden/frozen.py`` and commit the diff with the rule change.
"""

import json

import pytest

from kg.extract import extract
from tests.golden.frozen import FACTS, SETS, articles, path_of, snapshot
from tests.lexicon import LEXICON

CASES = [(s, a) for s in SETS for a in articles(s)]


@pytest.mark.parametrize("set_name,article", CASES, ids=[f"{s}/{a.id}" for s, a in CASES])
def test_facts_equal_frozen(set_name, article):
    path = path_of(set_name, article)
    assert path.exists(), f"no golden file {path}: run python tests/golden/frozen.py"
    want = json.loads(path.read_text(encoding="utf-8"))
    got = json.loads(json.dumps(snapshot(extract(article, LEXICON)), ensure_ascii=False))
    for part in ("visits", "summits", "holdings", "entities", "warnings"):
        assert got[part] == want[part], f"{set_name}/{article.id}: {part} differ from {path.name}"


def test_no_stale_golden_files():
    for set_name in SETS:
        want = {path_of(set_name, a) for a in articles(set_name)}
        folder = FACTS / set_name
        have = set(folder.glob("*.json")) if folder.is_dir() else set()
        assert have == want, f"golden files without an article in {set_name}: run python tests/golden/frozen.py"
