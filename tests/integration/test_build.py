"""`kg build` end to end on a real on-disk Oxigraph store."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pyoxigraph import NamedNode, RdfFormat, parse

from kg import iris
from kg.build import NothingBuilt, build
from kg.config import Settings
from kg.store import StoreRoot
from tests.contract import VOCABULARY_QUERY

REPO = Path(__file__).resolve().parents[2]


def kg_cli(*args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg.cli", *args], capture_output=True, text=True, cwd=REPO, **kw)


def graphs(root: Path) -> set[str]:
    return {g.value for g in StoreRoot(root).open().named_graphs()}


def test_seed_build_answers_the_contract_question(seed_store):
    store = StoreRoot(seed_store).open()
    names = {str(row["name"].value) for row in store.query(VOCABULARY_QUERY)}  # on the default graph
    assert any(n.replace("-", " ").lower() == "choe son hui" for n in names), names


def test_the_default_graph_is_the_union_of_the_named_graphs_each_triple_once(seed_store):
    from pyoxigraph import DefaultGraph

    store = StoreRoot(seed_store).open()
    default = {(q.subject, q.predicate, q.object) for q in store.quads_for_pattern(None, None, None, DefaultGraph())}
    named = {(q.subject, q.predicate, q.object) for q in store if q.graph_name != DefaultGraph()}
    assert default == named
    label = NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    kim = NamedNode(iris.resource("person/kim-jong-un"))
    rows = list(store.query(f"SELECT ?l WHERE {{ <{kim.value}> <{label.value}> ?l }}"))
    assert len(rows) == len({r["l"] for r in rows})  # no row per restating article


def test_one_named_graph_per_article_plus_ontology_and_background(seed_store):
    names = graphs(seed_store)
    articles = sorted(p for p in (REPO / "data" / "articles").glob("*.txt"))
    for path in articles:
        assert iris.article_graph(iris.slug(path.stem)) in names
    assert {iris.ONTOLOGY_GRAPH, iris.BACKGROUND_GRAPH, iris.INFERRED_GRAPH} <= names


def test_rebuild_reprocesses_only_changed_and_added_articles(articles_copy, tmp_path):
    root = tmp_path / "store"
    first = build(Settings(articles=articles_copy, store=root), progress=False)
    assert first.extracted == 5

    again = build(Settings(articles=articles_copy, store=root), progress=False)
    assert again.extracted == 0 and again.graphs_written == 0
    # nothing changed: no new generation is published, and the summary says so
    assert not again.changed and again.generation == first.generation == StoreRoot(root).current().name
    assert [p.name for p in root.glob("gen-*") if p.is_dir()] == [first.generation]
    assert again.summary().startswith("nothing changed: 5 articles (0 extracted, 5 from cache)")

    changed = articles_copy / "003_64f02cb3297757c6.txt"
    changed.write_text("Bundeskanzler Olaf Scholz ist am Freitag zu einem Besuch in Peking eingetroffen.\n",
                       encoding="utf-8")
    (articles_copy / "zz_new.txt").write_text(
        "Der französische Präsident Emmanuel Macron ist am Mittwoch zu einem Staatsbesuch in China eingetroffen.\n",
        encoding="utf-8")
    third = build(Settings(articles=articles_copy, store=root), progress=False)
    assert third.extracted == 2
    store = StoreRoot(root).open()
    g = NamedNode(iris.article_graph("003-64f02cb3297757c6"))
    quotes = {str(q.object.value) for q in store.quads_for_pattern(None, None, None, g) if isinstance(q.object.value, str)}
    assert not any("Privatzug" in text for text in quotes), "stale statements of the old article version survived"

    changed.unlink()
    fourth = build(Settings(articles=articles_copy, store=root), progress=False)
    assert fourth.graphs_removed == 1
    assert iris.article_graph("003-64f02cb3297757c6") not in graphs(root)


def test_a_build_killed_halfway_leaves_the_previous_store_serving(articles_copy, tmp_path):
    root = tmp_path / "store"
    build(Settings(articles=articles_copy, store=root), progress=False)
    before = StoreRoot(root).current()
    count_before = len(StoreRoot(root).open())
    # make the next build slow enough to catch in the middle: many new articles
    for i in range(150):
        (articles_copy / f"extra_{i:03d}.txt").write_text(
            f"Außenminister Sergej Lawrow reiste am {1 + i % 28}. Mai 2023 nach Indien. Er traf Premierminister "
            f"Narendra Modi in Neu-Delhi. Notiz {i}.\n", encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "build", "--articles", str(articles_copy),
                             "--store", str(root), "--no-progress"], cwd=REPO,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if len(list(root.glob("gen-*"))) > 1 or len(list((root / "cache").glob("*.json"))) > 60:
            break
        time.sleep(0.005)
    assert proc.poll() is None, "the build finished before it could be interrupted"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()

    assert StoreRoot(root).current() == before
    assert len(StoreRoot(root).open()) == count_before
    after = build(Settings(articles=articles_copy, store=root), progress=False)  # picks up where it was cut off
    assert after.articles == 155
    assert [p.name for p in root.glob("gen-*") if p.is_dir() and p.name > after.generation] == []


@pytest.mark.parametrize("fmt,rdf_format", [
    ("nquads", RdfFormat.N_QUADS), ("trig", RdfFormat.TRIG), ("jsonld", RdfFormat.JSON_LD),
    ("turtle", RdfFormat.TURTLE), ("ntriples", RdfFormat.N_TRIPLES), ("rdfxml", RdfFormat.RDF_XML),
])
def test_every_dump_format_parses_back_to_the_same_size(seed_store, tmp_path, fmt, rdf_format):
    out = tmp_path / f"dump.{fmt}"
    result = kg_cli("dump", "--store", str(seed_store), "--format", fmt, "-o", str(out))
    assert result.returncode == 0, result.stderr
    parsed = list(parse(path=str(out), format=rdf_format))
    store = StoreRoot(seed_store).open()
    if rdf_format.supports_datasets:
        assert len(parsed) == len(store)
    else:
        union = {(q.subject, q.predicate, q.object) for q in store}
        blank = sum(1 for s, p, o in union if type(s).__name__ == "BlankNode" or type(o).__name__ == "BlankNode")
        assert abs(len(parsed) - len(union)) <= blank  # blank nodes are relabelled, never merged
        assert len(parsed) >= len(union) - blank


def test_dump_defaults_to_nquads_on_stdout(seed_store):
    result = kg_cli("dump", "--store", str(seed_store))
    assert result.returncode == 0
    assert len(list(parse(result.stdout.encode(), format=RdfFormat.N_QUADS))) == len(StoreRoot(seed_store).open())


def test_bad_articles_are_skipped_with_a_message_and_the_rest_is_built(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "good.txt").write_text(
        "Der indische Premierminister Narendra Modi ist am Dienstag zu einem Staatsbesuch in Washington "
        "eingetroffen.\n", encoding="utf-8")
    (folder / "latin1.txt").write_bytes(
        "Außenministerin Annalena Baerbock reiste nach Peking.".encode("latin-1"))
    (folder / "cp1252.txt").write_bytes("„Zitat“ – Außenminister Wang Yi traf Baerbock.".encode("cp1252"))
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (folder / "manifest.csv").write_text(
        "file,published,language\ngood.txt,2023-06-20,de\nmissing.txt,2023-01-01,de\nlatin1.txt,20.4.2023,de\n",
        encoding="utf-8")
    result = kg_cli("build", "--articles", str(folder), "--store", str(tmp_path / "store"), "--no-progress")
    assert result.returncode == 0, result.stderr
    err = result.stderr
    assert "empty.txt" in err and "is empty" in err
    assert "binary.txt" in err and "not text" in err
    assert "missing.txt" in err and "no such file" in err
    assert "latin1.txt" in err and "20.4.2023" in err
    assert "skipped 2 file(s)" in err
    names = graphs(tmp_path / "store")
    for stem in ("good", "latin1", "cp1252"):
        assert iris.article_graph(stem) in names
    store = StoreRoot(tmp_path / "store").open()
    quotes = [q.object.value for q in store.quads_for_pattern(None, NamedNode(iris.ONTOLOGY + "quote"), None)]
    assert any("Außenministerin" in q or "Außenminister" in q for q in quotes)


def test_nothing_usable_exits_non_zero_and_keeps_the_old_store(tmp_path, articles_copy):
    root = tmp_path / "store"
    build(Settings(articles=articles_copy, store=root), progress=False)
    before = StoreRoot(root).current()
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    with pytest.raises(NothingBuilt):
        build(Settings(articles=bad, store=root), progress=False)
    result = kg_cli("build", "--articles", str(bad), "--store", str(root))
    assert result.returncode != 0 and "empty.txt" in result.stderr
    assert StoreRoot(root).current() == before


def test_validate_passes_on_the_seeds_and_fails_readably_on_broken_data(seed_store, articles_copy, tmp_path):
    ok = kg_cli("validate", "--store", str(seed_store))
    assert ok.returncode == 0, ok.stdout + ok.stderr

    curated = tmp_path / "curated"
    curated.mkdir()
    (curated / "broken.ttl").write_text("""
    @prefix dkg: <https://w3id.org/diplokg/ontology#> .
    <visit/broken> a dkg:Visit ; dkg:traveller <person/kim-jong-un> ;
        dkg:hostState <state/russia>, <state/china> ; dkg:status dkg:Completed .
    """, encoding="utf-8")
    root = tmp_path / "store"
    build(Settings(articles=articles_copy, store=root, curated=curated), progress=False)
    bad = kg_cli("validate", "--store", str(root))
    assert bad.returncode == 1
    assert "visit/broken" in bad.stdout and "hostState" in bad.stdout


def test_a_relative_store_path_survives_rebuilds(articles_copy, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    build(Settings(articles=articles_copy, store="rel-store"), progress=False)
    build(Settings(articles=articles_copy, store="rel-store"), progress=False)
    assert len(StoreRoot("rel-store").open()) > 0


def test_a_build_extracts_with_the_lexicon_of_the_background_it_is_given(tmp_path):
    import kg
    from kg.config import Settings

    # a background in which Kim Jong Un has one more name: only its lexicon knows it
    background = tmp_path / "background"
    shutil.copytree(Settings().background, background)
    persons = background / "persons.yaml"
    persons.write_text(persons.read_text(encoding="utf-8").replace("aliases: [Kim Jong-un,", "aliases: [Genosse Yerbolat, Kim Jong-un,", 1),
                       encoding="utf-8")
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "trip.txt").write_text("Genosse Yerbolat ist am Dienstag in Wladiwostok eingetroffen.", encoding="utf-8")
    question = ("PREFIX dkg: <https://w3id.org/diplokg/ontology#> "
                "SELECT ?who WHERE { GRAPH ?g { ?v a dkg:Visit ; dkg:traveller ?who } }")

    def travellers(store, **folders):
        g = kg.open(store)
        g.build(articles, progress=False, **folders)
        return {str(r["who"].value) for r in g.query(question)}

    assert travellers(tmp_path / "with", background=background) == {iris.ID + "person/kim-jong-un"}
    assert iris.ID + "person/kim-jong-un" not in travellers(tmp_path / "without")


def test_the_extraction_cache_tag_changes_with_the_cue_words(tmp_path, monkeypatch):
    import kg.extraction
    from kg.config import Settings
    from kg.resources import package_dir

    shutil.copytree(package_dir() / "extract", tmp_path / "extract", ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(kg.extraction, "package_dir", lambda: tmp_path)
    _, before = kg.extraction.default_extractor(Settings().background)
    cues = tmp_path / "extract" / "lang" / "en" / "travel.yaml"
    cues.write_text(cues.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    _, after = kg.extraction.default_extractor(Settings().background)
    assert before != after


def test_a_local_command_prints_its_answer_and_no_log_lines(seed_store):
    result = kg_cli("query", "ASK { ?s ?p ?o }", "--store", str(seed_store))
    assert result.returncode == 0 and result.stdout.strip() == "true"
    assert result.stderr == ""
