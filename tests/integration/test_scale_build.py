"""The sharded build on a real Dask cluster equals the embedded build, quad for quad."""

from __future__ import annotations

import gzip
import re
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.build import NothingBuilt, build
from kg.config import Settings
from kg.load import load
from kg.shards import build_shards
from kg.store import StoreRoot

REPO = Path(__file__).resolve().parents[2]
SETS = (REPO / "data" / "articles", REPO / "tests" / "corpus" / "articles")
BLANK = re.compile(r"_:[A-Za-z0-9]+")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def cluster():
    """Two small in-process Dask workers: the real scheduler, shuffle and task graph."""
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as c:
        yield c


@pytest.fixture(scope="module")
def articles(tmp_path_factory) -> Path:
    """The seeds and the development corpus in one folder with one manifest, so that trips
    reported in both merge."""
    dest = tmp_path_factory.mktemp("articles")
    rows = []
    for folder in SETS:
        lines = (folder / "manifest.csv").read_text(encoding="utf-8").splitlines()
        rows += lines[1:]
        for f in folder.iterdir():
            if f.suffix in (".txt", ".html"):
                shutil.copy(f, dest / f.name)
    (dest / "manifest.csv").write_text(lines[0] + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return dest


def quads(generation: Path) -> list[str]:
    """Every quad of a store generation as N-Quads lines, blank node labels blanked, sorted."""
    data = ox.serialize(ox.Store.read_only(str(generation)), format=ox.RdfFormat.N_QUADS).decode()
    return sorted(BLANK.sub("_:b", line) for line in data.splitlines())


@pytest.fixture(scope="module")
def embedded(articles, tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("embedded") / "store"
    build(Settings(articles=articles, store=root), progress=False)
    return StoreRoot(root).require_current()


def test_dask_shards_load_to_the_quads_of_the_embedded_build(cluster, articles, embedded, tmp_path):
    settings = Settings(articles=articles, store=tmp_path / "store")
    out = tmp_path / "shards"
    report = build_shards(settings, str(articles), str(out), scheduler=cluster.scheduler_address, shards=4)
    n_articles = len(list(articles.glob("*.txt")) + list(articles.glob("*.html")))
    assert report.articles == n_articles and report.extracted == n_articles and report.quads > 1000
    # where the time went, in the order it went, adding up to no more than the whole
    assert list(report.phases) == ["cluster start", "read and extract", "merge and write"]
    assert all(t >= 0 for t in report.phases.values()) and sum(report.phases.values()) <= report.seconds
    assert "read and extract" in report.summary()
    files = sorted(out.glob("part-*.nq.gz"))
    assert [f.name for f in files] == [f"part-{i:05d}.nq.gz" for i in range(4)]
    first = {f.name: f.read_bytes() for f in files}

    loaded = load("oxigraph", [str(f) for f in files], settings, store=tmp_path / "loaded")
    assert quads(Path(loaded.target)) == quads(embedded)

    # a second run reads every article from the cache and writes the same bytes
    again = build_shards(settings, str(articles), str(out), scheduler=cluster.scheduler_address, shards=4)
    assert again.extracted == 0 and again.articles == n_articles
    assert {f.name: f.read_bytes() for f in sorted(out.glob("part-*.nq.gz"))} == first


def test_a_trip_reported_by_articles_in_different_shards_is_one_visit(cluster, tmp_path):
    """The reduce step keyed by the trip's identity: two reports hashed to different shards
    get one key, and a report of another trip of the same people keeps its own."""
    from kg.shards import shard_of

    folder = tmp_path / "articles"
    folder.mkdir()
    texts = {
        "a": ("2023-09-12", "Kim Jong Un ist am 12. September 2023 zu einem Besuch in Russland eingetroffen."),
        "b": ("2023-09-18", "Kim Jong Un hat seinen Besuch in Russland im September 2023 beendet."),
        "c": ("2019-04-24", "Kim Jong Un ist am 24. April 2019 zu einem Besuch in Russland eingetroffen."),
    }
    names = {}
    for stem, (published, text) in texts.items():
        # article ids that fall into different shards
        name = next(f"{stem}{i}" for i in range(100) if shard_of(f"{stem}{i}", 2) == (0 if stem == "a" else 1))
        names[stem] = name
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    (folder / "manifest.csv").write_text("file,published,language\n" + "".join(
        f"{names[s]}.txt,{p},de\n" for s, (p, _) in texts.items()), encoding="utf-8")
    settings = Settings(articles=folder, store=tmp_path / "store")
    report = build_shards(settings, str(folder), str(tmp_path / "shards"), scheduler=cluster.scheduler_address, shards=2)
    assert report.articles == 3
    visits: dict[str, set[str]] = {}
    for shard in (tmp_path / "shards").glob("part-*.nq.gz"):
        for q in ox.parse(gzip.decompress(shard.read_bytes()), format=ox.RdfFormat.N_QUADS):
            if q.predicate.value.endswith("#traveller"):
                visits.setdefault(q.subject.value, set()).add(q.graph_name.value.rsplit("/", 1)[-1])
    assert sorted(map(sorted, visits.values())) == [sorted([names["a"], names["b"]]), [names["c"]]]

    build(settings, progress=False)  # the embedded build agrees
    store = StoreRoot(settings.store).open()
    embedded = {str(q.subject.value) for q in store.quads_for_pattern(None, ox.NamedNode(
        "https://w3id.org/diplokg/ontology#traveller"), None, None) if q.graph_name != ox.DefaultGraph()}
    assert embedded == set(visits)


def test_a_bad_article_is_listed_and_does_not_stop_the_job(cluster, tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "good.txt").write_text("Kim Jong Un ist zu einem Besuch in Russland eingetroffen.", encoding="utf-8")
    (folder / "empty.txt").write_text("   ", encoding="utf-8")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    report = build_shards(Settings(store=tmp_path / "store"), str(folder), str(tmp_path / "shards"),
                          scheduler=cluster.scheduler_address, shards=2)
    assert report.articles == 1
    skipped = {p.file: p.message for p in report.problems if p.skipped}
    assert set(skipped) == {"empty.txt", "binary.txt"}
    assert "binary.txt" in report.summary() and "empty.txt" in report.summary()

    (folder / "good.txt").unlink()
    with pytest.raises(NothingBuilt, match="no usable article(.|\n)*empty.txt"):
        build_shards(Settings(store=tmp_path / "store"), str(folder), str(tmp_path / "shards"),
                     scheduler=cluster.scheduler_address, shards=2)


def test_the_commands_build_shards_on_a_local_cluster_and_load_them(tmp_path):
    """`kg build --executor dask` with its own local cluster of worker processes, then `kg load`."""
    import subprocess
    import sys

    kg_cmd = [sys.executable, "-m", "kg.cli"]
    out, store = tmp_path / "shards", tmp_path / "store"
    built = subprocess.run(kg_cmd + ["build", "--executor", "dask", "--workers", "1", "--shards", "2",
                                     "--articles", str(SETS[0]), "--out", str(out), "--store", str(tmp_path / "cache")],
                           capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stderr[-2000:]
    assert "wrote 2 shards: 5 articles (5 extracted, 0 from cache)" in built.stderr
    loaded = subprocess.run(kg_cmd + ["load", "--engine", "oxigraph", "--store", str(store)]
                            + [str(p) for p in sorted(out.glob("part-*.nq.gz"))], capture_output=True, text=True, timeout=300)
    assert loaded.returncode == 0, loaded.stderr[-2000:]
    asked = subprocess.run(kg_cmd + ["query", "ASK { ?v a <https://w3id.org/diplokg/ontology#Visit> }", "--store", str(store)],
                           capture_output=True, text=True, timeout=120)
    assert asked.stdout.strip() == "true"
    missing = subprocess.run(kg_cmd + ["build", "--out", str(out)], capture_output=True, text=True, timeout=60)
    assert missing.returncode != 0 and "--executor dask" in missing.stderr
