"""Frozen extractor output: every fact of every studied article as golden JSON.

The extractor is being restructured; these files check it fact for fact. A rule change that
is meant to change behaviour regenerates them in the same commit, so its effect shows as a
reviewed diff:

    .venv/bin/python tests/golden/frozen.py        # rewrite tests/golden/facts/

Sets: the seeds (data/articles), tests/corpus, tests/dev and tests/heldout 001-005. Heldout
006-010 are left out on purpose: they are scored, never read, and a diff of their facts would
be reading them.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FACTS = ROOT / "tests" / "golden" / "facts"
SETS = {
    "seeds": ROOT / "data" / "articles",
    "corpus": ROOT / "tests" / "corpus" / "articles",
    "dev": ROOT / "tests" / "dev" / "articles",
    "heldout": ROOT / "tests" / "heldout" / "articles",
}
NEVER_STUDIED = {"heldout": {f"{n:03d}" for n in range(6, 11)}}


def studied(set_name: str, stem: str) -> bool:
    return stem[:3] not in NEVER_STUDIED.get(set_name, set())


def snapshot(facts) -> dict:
    """The facts of one article without the article text (evidence keeps its quotes and offsets)."""
    d = facts.to_dict()
    d["article"] = {"id": facts.article.id, "published": d["article"]["published"]}
    return d


def articles(set_name: str):
    """The studied articles of one set, in file order."""
    from kg.articles import read_articles

    folder = SETS[set_name]
    if not folder.is_dir():
        return []
    found, _ = read_articles(folder)
    return [a for a in found if studied(set_name, Path(a.path).stem)]


def path_of(set_name: str, article) -> Path:
    return FACTS / set_name / f"{Path(article.path).stem}.json"


def render(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def freeze() -> int:
    """Rewrite every golden file from the current extractor; returns how many changed."""
    from kg.extract import extract
    from tests.lexicon import LEXICON

    changed = 0
    for set_name in SETS:
        out = FACTS / set_name
        out.mkdir(parents=True, exist_ok=True)
        keep = set()
        for a in articles(set_name):
            p = path_of(set_name, a)
            keep.add(p.name)
            text = render(snapshot(extract(a, LEXICON)))
            if not p.exists() or p.read_text(encoding="utf-8") != text:
                p.write_text(text, encoding="utf-8")
                changed += 1
                print(f"changed {p.relative_to(ROOT)}")
        for stale in out.glob("*.json"):
            if stale.name not in keep:
                stale.unlink()
                changed += 1
                print(f"removed {stale.relative_to(ROOT)}")
    return changed


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    print(f"{freeze()} golden files changed")
