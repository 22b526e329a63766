"""Curated Turtle files: facts added by hand, extracted statements retracted, both with provenance."""

from __future__ import annotations

from pathlib import Path

from pyoxigraph import NamedNode

from kg import iris
from kg.build import build
from kg.config import Settings
from kg.store import StoreRoot

DKG = iris.ONTOLOGY
ARTICLE = (
    "Der russische Außenminister Sergej Lawrow ist am Mittwoch zu einem zweitägigen Besuch in Nordkorea "
    "eingetroffen. Er wurde von seinem Stellvertreter Andrej Rudenko begleitet.\n"
)


def _build(tmp_path: Path, curated_ttl: str | None):
    articles = tmp_path / "articles"
    articles.mkdir(exist_ok=True)
    (articles / "lavrov.txt").write_text(ARTICLE, encoding="utf-8")
    (articles / "manifest.csv").write_text("file,published,language\nlavrov.txt,2023-10-18,de\n", encoding="utf-8")
    curated = tmp_path / "curated"
    curated.mkdir(exist_ok=True)
    for old in curated.glob("*.ttl"):
        old.unlink()
    if curated_ttl is not None:
        (curated / "fixes.ttl").write_text(curated_ttl, encoding="utf-8")
    report = build(Settings(articles=articles, store=tmp_path / "store", curated=curated), progress=False)
    return report, StoreRoot(tmp_path / "store").open()


def _accompanied(store):
    return list(store.quads_for_pattern(None, NamedNode(DKG + "accompaniedBy"), None,
                                        NamedNode(iris.article_graph("lavrov"))))


def test_curated_facts_land_in_their_own_graph_with_provenance(tmp_path):
    ttl = """
    @prefix dkg: <https://w3id.org/diplokg/ontology#> .
    <person/andrei-rudenko> dkg:citizenOf <state/russia> .
    """
    report, store = _build(tmp_path, ttl)
    g = NamedNode(iris.CURATED_GRAPH_PREFIX + "fixes")
    assert store.contains_named_graph(g)
    assert list(store.quads_for_pattern(NamedNode(iris.ID + "person/andrei-rudenko"),
                                        NamedNode(DKG + "citizenOf"), None, g))
    assert list(store.quads_for_pattern(g, None, NamedNode(DKG + "CuratedSource"), g))


def test_a_retraction_removes_an_extracted_statement_and_undoing_it_restores_it(tmp_path):
    report, store = _build(tmp_path, None)
    extracted = _accompanied(store)
    assert extracted, "the extractor should find the delegation member"
    q = extracted[0]
    ttl = f"""
    @prefix dkg: <https://w3id.org/diplokg/ontology#> .
    @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
    [] a dkg:Retraction ;
       dkg:retractsSubject <{q.subject.value}> ;
       dkg:retractsPredicate dkg:accompaniedBy ;
       dkg:retractsObject <{q.object.value}> ;
       rdfs:comment "checked against the ministry's statement" .
    """
    del store
    report, store = _build(tmp_path, ttl)
    assert report.retracted == 1
    assert q not in _accompanied(store)
    del store
    report, store = _build(tmp_path, None)
    assert q in _accompanied(store)
