"""Frozen build output: the sorted N-Quads of one build of the studied articles.

The build is being made to stream and to update only what changed; this file checks that a
build still writes the same graph quad for quad. The build runs on the frozen golden facts
(``tests/golden/facts``), not on the live extractor, so only a change of what is stored
(``kg/rdf.py``, merging, inference, background, ontology) moves it; an intended change
regenerates it in the same commit, so its effect shows as a reviewed diff:

    .venv/bin/python tests/golden/dump.py        # rewrite tests/golden/dump.nq.gz

Blank nodes (the ontology's lists) are canonicalised, so the dump is the same on every run.
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
DUMP_SETS = ("seeds", "corpus", "heldout")


def gather(folder: Path) -> Path:
    """Copy the studied articles of the dump's sets into ``folder`` (names prefixed by their
    set) with one manifest; return the folder."""
    from tests.golden.frozen import SETS, studied

    folder.mkdir(parents=True, exist_ok=True)
    rows, header = [], None
    for set_name in DUMP_SETS:
        src = SETS[set_name]
        with open(src / "manifest.csv", newline="", encoding="utf-8") as fh:
            reader = csv.DictReader(fh)
            header = header or reader.fieldnames
            by_file = {r["file"]: r for r in reader}
        for path in sorted(src.iterdir()):
            if path.suffix in (".txt", ".html") and studied(set_name, path.stem):
                shutil.copyfile(path, folder / f"{set_name}-{path.name}")
                row = dict(by_file.get(path.name, {"file": path.name}))
                row["file"] = f"{set_name}-{path.name}"
                rows.append(row)
    with open(folder / "manifest.csv", "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=header)
        writer.writeheader()
        writer.writerows(rows)
    return folder


def frozen_extractor():
    """An extractor that answers with the golden facts of each article (and the tag the cache
    files are named by)."""
    from kg.model import ArticleFacts
    from tests.golden.frozen import FACTS

    def extract(article):
        set_name, stem = Path(article.path).stem.split("-", 1)
        data = json.loads((FACTS / set_name / f"{stem}.json").read_text(encoding="utf-8"))
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
    print(f"{freeze()} quads frozen in {DUMP.relative_to(ROOT)}")
