"""Frozen rows of the named questions: every question, under several bindings, on two stores.

The questions are rewritten for speed (issue 16); their answers must not move. The rows
were frozen before the rewrite, on the seed store (``data/articles`` built by the real
pipeline) and on a store of the benchmark's graph generator (:mod:`bench.graphgen`), and
``test_questions_frozen.py`` compares every question with them row for row:

    .venv/bin/python tests/golden/questions.py [DIR]   # rewrite tests/golden/questions/*.json
                                                       # (stores made in DIR, kept for reuse)

Rewrite them only when a change is meant to change answers (the extraction of the seed
articles, the generator's data), in the same commit, so the diff shows what moved.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FROZEN = ROOT / "tests" / "golden" / "questions"
GENERATED_VISITS = 1000  # the generated store: big enough for every question to answer
_ID = "https://w3id.org/diplokg/id/"
_DKG = "https://w3id.org/diplokg/ontology#"

# Bindings per question: the defaults ({}), other spellings (case, hyphens), IRIs in place
# of names, and "" where the question takes it for "any". IRIs are written as <...>.
BINDINGS: dict[str, list[dict[str, str]]] = {
    "bilateral-timeline": [{}, {"state": "north-KOREA", "other": f"<{_ID}state/russia>"},
                           {"state": "China", "other": "North Korea"}],
    "ministers-accompanying": [{}, {"leader": f"<{_ID}person/kim-jong-un>"}, {"leader": "kim jong-UN"}],
    "summits-between": [{}, {"leader": f"<{_ID}person/kim-jong-un>", "other": "vladimir  putin"},
                        {"leader": "Xi Jinping", "other": "luca farouk"}],
    "visit-delegation": [{}, {"traveller": "", "host": "", "when": ""}, {"traveller": "", "host": "china", "when": "2025"},
                         {"traveller": f"<{_ID}person/kim-jong-un>", "host": "", "when": "2023-09-13"},
                         {"traveller": "Kim Jong-un", "host": "India", "when": "2018"},
                         {"traveller": "Vladimir Putin", "host": "china", "when": ""}],
    "visit-evidence": [{}, {"traveller": "", "host": "north korea", "when": ""},
                       {"traveller": "Sergei Lavrov", "host": "", "when": "2023"},
                       {"traveller": "Sergey Lavrov", "host": "France", "when": ""},
                       {"traveller": "", "host": "", "when": "2018-03"}],
    "visitors-to-state": [{}, {"state": "Russia", "since": "2024-01-01", "until": "2025-12-31"},
                          {"state": f"<{_ID}state/china>", "since": "2025-09-01", "until": "2025-09-30"}],
    "visits-by-transport": [{}, {"mode": ""}, {"mode": "Zug"}, {"mode": f"<{_DKG}Aircraft>"}],
    "visits-of-person": [{}, {"person": "CHOE SON-HUI"}, {"person": f"<{_ID}person/kim-jong-un>"}],
}


def _params(raw: dict[str, str]) -> dict:
    from kg.terms import iri

    return {k: iri(v[1:-1]) if v.startswith("<") and v.endswith(">") else v for k, v in raw.items()}


def rows(store_root: Path, question_name: str, raw: dict[str, str]) -> list[list[str | None]]:
    """The question's rows in their order, each term in N-Triples form (None when unbound)."""
    import kg

    g = kg.open(store_root)
    result = g.question(question_name, **_params(raw))
    names = [v.value for v in result.variables]
    return [[str(s[n]) if s[n] is not None else None for n in names] for s in result]


def snapshot(store_root: Path) -> dict:
    """Every question under every binding of :data:`BINDINGS`, as one JSON-ready dict."""
    return {name: [{"bindings": raw, "rows": rows(store_root, name, raw)} for raw in sets]
            for name, sets in BINDINGS.items()}


def seed_store(where: Path) -> Path:
    from kg.build import build
    from kg.config import Settings

    root = where / "seed"
    build(Settings(articles=ROOT / "data" / "articles", store=root), progress=False)
    return root


def generated_store(where: Path) -> Path:
    from bench.graphgen import generate

    root = where / "generated"
    if not (root / "current").exists():
        generate(root, GENERATED_VISITS)
    return root


def main() -> None:
    FROZEN.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="dkg-frozen-") as tmp:
        for label, make in (("seed", seed_store), ("generated", generated_store)):
            snap = snapshot(make(Path(sys.argv[1] if len(sys.argv) > 1 else tmp)))
            path = FROZEN / f"{label}.json"
            path.write_text(json.dumps(snap, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
            counts = {name: [len(s["rows"]) for s in sets] for name, sets in snap.items()}
            print(f"{path.relative_to(ROOT)}: rows per binding {counts}", file=sys.stderr)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
