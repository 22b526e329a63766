"""kg.reason on a real pyoxigraph store and with the real HermiT reasoner (a JVM)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, Store, parse

from kg import iris
from kg.model import Article, ArticleFacts, Entity, Evidence, Holding, Visit
from kg.rdf import article_quads
from kg.reason import JavaNotFound, check_consistency, materialise
from kg.vocab import DKG, RDF, RDFS
from tests.contract import VOCABULARY_QUERY

ONT = Path(__file__).resolve().parents[2] / "ontology"
ONTOLOGY_FILES = [ONT / "dkg.ttl", ONT / "dkg-align.ttl"]
SCHEMA_EVENT = NamedNode("https://schema.org/Event")
ORG_HOLDS = NamedNode("http://www.w3.org/ns/org#holds")
INFERRED = NamedNode(iris.INFERRED_GRAPH)
TEXT = "Kim Jong Un left for Russia by train. Foreign Minister Choe Son-hui and Marshal Pak Jong Chon went with him."


def ev(sentence: str) -> Evidence:
    start = TEXT.index(sentence)
    return Evidence(start, start + len(sentence), sentence)


def facts() -> ArticleFacts:
    s1, s2 = ev("Kim Jong Un left for Russia by train."), ev("Foreign Minister Choe Son-hui and Marshal Pak Jong Chon went with him.")
    art = Article.from_text(TEXT, id="r1", published=date(2023, 9, 10), language="en")
    return ArticleFacts(
        art, "test/1",
        entities=[Entity("person/kim-jong-un", "Person", "Kim Jong Un", [], "Q56226", "state/north-korea", [s1]),
                  Entity("person/choe-son-hui", "Person", "Choe Son-hui", [], "Q12593389", "state/north-korea", [s2]),
                  Entity("person/pak-jong-chon", "Person", "Pak Jong Chon", [], None, "state/north-korea", [s2]),
                  Entity("state/north-korea", "State", "North Korea", [], "Q423")],
        holdings=[Holding("person/choe-son-hui", "ForeignMinister", "state/north-korea", "Foreign Minister", [s2]),
                  Holding("person/pak-jong-chon", "MilitaryOfficer", "state/north-korea", "Marshal", [s2])],
        visits=[Visit("person/kim-jong-un", "state/russia", "Ongoing", start="2023-09-10", transport="Train",
                      accompanied_by=["person/choe-son-hui", "person/pak-jong-chon"], evidence=[s1])],
    )


def quads() -> list[Quad]:
    return article_quads(facts(), ["visit/kim-jong-un-russia-2023-09-10"], [])


def ontology_quads(files=ONTOLOGY_FILES) -> list[Quad]:
    g = NamedNode(iris.ONTOLOGY_GRAPH)
    return [Quad(t.subject, t.predicate, t.object, g) for f in files for t in parse(path=str(f), format=RdfFormat.TURTLE)]


@pytest.fixture
def store() -> Store:
    st = Store()
    st.extend(ontology_quads())
    st.extend(quads())
    return st


def ask(st: Store) -> list[tuple[str, str]]:
    return sorted((r["minister"].value, r["name"].value) for r in st.query(VOCABULARY_QUERY, use_default_graph_as_union=True))


def test_vocabulary_query_needs_materialised_types(store):
    assert not list(store.quads_for_pattern(None, RDF.type, DKG.Minister)), "the sample must not assert dkg:Minister"
    assert ask(store) == []
    n = materialise(store)
    assert n > 0 and n == len(list(store.quads_for_pattern(None, None, None, INFERRED)))
    assert ask(store) == [(iris.resource("person/choe-son-hui"), "Choe Son-hui")]  # the marshal is no minister


def test_inferences(store):
    materialise(store)
    pos = NamedNode(iris.resource("position/choe-son-hui/foreign-minister-north-korea"))
    choe = NamedNode(iris.resource("person/choe-son-hui"))
    visit = NamedNode(iris.resource("visit/kim-jong-un-russia-2023-09-10"))
    russia = NamedNode(iris.resource("state/russia"))
    expected = [
        Quad(pos, RDF.type, DKG.Minister, INFERRED), Quad(pos, RDF.type, DKG.Position, INFERRED),  # subclass
        Quad(pos, DKG.heldBy, choe, INFERRED),  # inverse
        Quad(choe, ORG_HOLDS, pos, INFERRED),  # subproperty (alignment)
        Quad(pos, NamedNode("http://www.w3.org/ns/org#heldBy"), choe, INFERRED),  # second round: from inferred heldBy
        Quad(visit, RDF.type, SCHEMA_EVENT, INFERRED),  # subclass (alignment)
        Quad(russia, RDF.type, DKG.State, INFERRED),  # range of dkg:hostState: Russia was never typed
    ]
    for q in expected:
        assert q in store, q
    # asserted triples are not repeated in the inferred graph
    assert Quad(pos, RDF.type, DKG.ForeignMinister, INFERRED) not in store
    # a union domain (dkg:place, dkg:startDate) types nothing
    assert Quad(visit, RDF.type, DKG.Summit, INFERRED) not in store


def test_materialise_replaces_previous_inferences(store):
    n = materialise(store)
    stale = Quad(NamedNode(iris.resource("x")), RDF.type, DKG.Visit, INFERRED)
    store.add(stale)
    assert materialise(store) == n
    assert stale not in store


def test_rules_come_from_the_ontology_graph(store):
    """A new axiom in the ontology graph changes the inferences; no ontology, no inferences."""
    diplomat = NamedNode("http://example.org/Diplomat")
    store.add(Quad(DKG.MilitaryOfficer, RDFS.subClassOf, diplomat, NamedNode(iris.ONTOLOGY_GRAPH)))
    materialise(store)
    pos = NamedNode(iris.resource("position/pak-jong-chon/military-officer-north-korea"))
    assert Quad(pos, RDF.type, diplomat, INFERRED) in store
    bare = Store()
    bare.extend(quads())
    assert materialise(bare) == 0


@pytest.mark.slow
def test_hermit_accepts_the_ontology_without_ignoring_datatypes():
    """dkg.ttl uses only OWL 2 datatypes, so HermiT needs no --ignoreUnsupportedDatatypes for it."""
    import tempfile

    import owlready2
    from pyoxigraph import Triple, serialize

    with tempfile.TemporaryDirectory() as tmp:
        nt = Path(tmp) / "o.nt"
        serialize([Triple(q.subject, q.predicate, q.object) for q in ontology_quads()], output=str(nt),
                  format=RdfFormat.N_TRIPLES)
        world = owlready2.World()
        world.get_ontology(nt.as_uri()).load()
        owlready2.sync_reasoner_hermit(world, debug=0, ignore_unsupported_datatypes=False)
        assert not list(world.inconsistent_classes())
        world.close()


@pytest.mark.slow
def test_hermit_consistent_on_ontology_and_sample_data():
    report = check_consistency(ONTOLOGY_FILES, quads())
    assert report.consistent and report.ok, str(report)


@pytest.mark.slow
def test_hermit_finds_disjointness_violation_and_explains_it():
    data = quads() + [Quad(NamedNode(iris.resource("state/north-korea")), RDF.type, DKG.Person,
                           NamedNode(iris.article_graph("r1")))]
    report = check_consistency(ONTOLOGY_FILES, data)
    assert not report.consistent and not report.ok
    assert "DisjointClasses" in report.explanation and "north-korea" in report.explanation
    assert str(report).startswith("INCONSISTENT")


@pytest.mark.slow
def test_hermit_finds_out_of_range_confidence():
    data = [q for q in quads() if q.predicate != DKG.confidence]
    m = next(q.subject for q in data if q.object == DKG.Mention)
    data.append(Quad(m, DKG.confidence, Literal("1.7", datatype=NamedNode("http://www.w3.org/2001/XMLSchema#decimal"))))
    assert not check_consistency(ONTOLOGY_FILES, data, explain=False).consistent


def test_missing_java_is_explained(monkeypatch, tmp_path):
    import owlready2

    monkeypatch.setattr(owlready2, "JAVA_EXE", "java")
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(JavaNotFound, match="apt-get install default-jre-headless"):
        check_consistency(ONTOLOGY_FILES, quads())


@pytest.mark.slow
def test_hermit_consistent_with_materialised_store(store):
    """The inferred graph (alignment types included) contradicts nothing; the store holds the ontology."""
    assert materialise(store) > 0
    report = check_consistency([], store)
    assert report.ok, str(report)
