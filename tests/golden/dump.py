"""Frozen build output: the sorted N-Quads of one build of the studied articles.

The build is being made to stream and to update only what changed; this file checks that a
build still writes the same graph quad for quad. The build runs on its own frozen copy of the
golden facts (``tests/golden/dump-facts.json.gz``), not on the live extractor, so only a change
of what is stored (``kg/rdf.py``, merging, inference, background, ontology) moves it; an
intended change regenerates it in the same commit, so its effect shows as a reviewed diff:

    .venv/bin/python tests/golden/dump.py           # rewrite tests/golden/dump.nq.gz
    .venv/bin/python tests/golden/dump.py --facts   # ... from today's golden facts

Blank nodes (the ontology's lists) are canonicalised, so the dump is the same on every run.
``dump-before-lean.nq.gz`` is the same build before the graph was made leaner (one Mention per
distinct piece of evidence); ``test_dump.py`` shows the two differ only by that.
"""

from __future__ import annotations

import csv
import gzip
import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DUMP = ROOT / "tests" / "golden" / "dump.nq.gz"
FACTS = ROOT / "tests" / "golden" / "dump-facts.json.gz"
DUMP_SETS = ("seeds", "corpus", "heldout")


def gather(folder: Path) -> Path:
    """Copy the articles of the dump's frozen facts into ``folder`` (names prefixed by their
    set) with one manifest; return the folder."""
    from tests.golden.frozen import SETS

    with gzip.open(FACTS, "rt", encoding="utf-8") as fh:
        frozen = set(json.load(fh))
    folder.mkdir(parents=True, exist_ok=True)
    rows, header = [], None
    for set_name in DUMP_SETS:
        src = SETS[set_name]
        with open(src / "manifest.csv", newline="", encoding="utf-8") as fh:
            reader = csv.DictReader(fh)
            header = header or reader.fieldnames
            by_file = {r["file"]: r for r in reader}
        for path in sorted(src.iterdir()):
            if path.suffix in (".txt", ".html") and f"{set_name}-{path.stem}" in frozen:
                shutil.copyfile(path, folder / f"{set_name}-{path.name}")
                row = dict(by_file.get(path.name, {"file": path.name}))
                row["file"] = f"{set_name}-{path.name}"
                rows.append(row)
    with open(folder / "manifest.csv", "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=header)
        writer.writeheader()
        writer.writerows(rows)
    return folder


def freeze_facts() -> None:
    """Copy today's golden facts of the dump's articles into the dump's own frozen input."""
    from tests.golden.frozen import FACTS as GOLDEN

    facts = {f"{set_name}-{path.stem}": json.loads(path.read_text(encoding="utf-8"))
             for set_name in DUMP_SETS for path in sorted((GOLDEN / set_name).glob("*.json"))}
    with gzip.GzipFile(FACTS, "wb", mtime=0) as fh:
        fh.write(json.dumps(facts, ensure_ascii=False, sort_keys=True).encode())


def frozen_extractor():
    """An extractor that answers with the frozen facts of each article (and the tag the cache
    files are named by)."""
    from kg.model import ArticleFacts

    with gzip.open(FACTS, "rt", encoding="utf-8") as fh:
        frozen = json.load(fh)

    def extract(article):
        data = dict(frozen[Path(article.path).stem])
        data["article"] = {"id": article.id, "path": article.path, "text": "", "sha256": article.sha256}
        facts = ArticleFacts.from_dict(data)
        facts.article = article
        return facts

    return extract, "golden-facts"


def build_dump(workdir: Path, store: Path | None = None) -> list[str]:
    """Build the studied articles from their golden facts into ``store`` (default: a fresh
    one under ``workdir``) and return the sorted, canonical N-Quads lines."""
    from kg.build import build
    from kg.config import Settings

    articles = gather(workdir / "articles")
    settings = Settings.from_env(articles=articles, store=store or workdir / "store", curated=workdir / "no-curated")
    build(settings, progress=False, extractor=frozen_extractor())
    return dump_lines(settings.store)


def dump_lines(store_root: Path) -> list[str]:
    """Every quad of the published generation, blank nodes canonicalised, sorted."""
    from pyoxigraph import CanonicalizationAlgorithm, Dataset

    from kg.store import StoreRoot

    dataset = Dataset(StoreRoot(store_root).open().quads_for_pattern(None, None, None, None))
    dataset.canonicalize(CanonicalizationAlgorithm.UNSTABLE)
    return sorted(str(q) for q in dataset)


def read_frozen() -> list[str]:
    with gzip.open(DUMP, "rt", encoding="utf-8") as fh:
        return fh.read().splitlines()


def freeze() -> int:
    """Rewrite the frozen dump from the current code; return its number of quads."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="dkg-dump-") as tmp:
        lines = build_dump(Path(tmp))
    with gzip.GzipFile(DUMP, "wb", mtime=0) as fh:  # no timestamp: same bytes for the same dump
        fh.write(("\n".join(lines) + "\n").encode())
    return len(lines)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    if "--facts" in sys.argv[1:] or not FACTS.exists():
        freeze_facts()
    print(f"{freeze()} quads frozen in {DUMP.relative_to(ROOT)}")
