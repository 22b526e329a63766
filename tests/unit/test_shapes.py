"""ontology/shapes.ttl with pySHACL on data written by kg.rdf from hand-made facts."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, Store, parse

from kg import iris
from kg.model import Article, ArticleFacts, Claim, Entity, Evidence, Holding, Summit, Visit
from kg.rdf import article_quads
from kg.reason import materialise
from kg.shapes import validate
from kg.vocab import DKG, RDF, XSD

ONT = Path(__file__).resolve().parents[2] / "ontology"
TEXT = ("Kim Jong Un arrived in Vladivostok by train on 12 September 2023. "
        "He was accompanied by Foreign Minister Choe Son-hui. "
        "Kim and Vladimir Putin held a summit.")
VISIT_KEY = "visit/kim-jong-un-russia-2023-09-12"
SUMMIT_KEY = "summit/kim-jong-un-vladimir-putin-2023-09-13"


def ev(sentence: str, confidence: float = 0.9) -> Evidence:
    start = TEXT.index(sentence)
    return Evidence(start, start + len(sentence), sentence, confidence)


def sample_facts() -> ArticleFacts:
    """One article's facts as an extractor would produce them."""
    s1, s2, s3 = (ev(s) for s in ("Kim Jong Un arrived in Vladivostok by train on 12 September 2023.",
                                  "He was accompanied by Foreign Minister Choe Son-hui.",
                                  "Kim and Vladimir Putin held a summit."))
    article = Article(id="sample-1", path="data/articles/sample-1.txt", text=TEXT,
                      sha256=hashlib.sha256(TEXT.encode()).hexdigest(), published=date(2023, 9, 13), language="en",
                      url="https://example.org/news/1", title="Kim arrives in Vladivostok", publisher="Example News")
    return ArticleFacts(
        article=article, extractor="test/1",
        entities=[
            Entity("person/kim-jong-un", "Person", "Kim Jong Un", ["Kim"], "Q56226", "state/north-korea", [s1]),
            Entity("person/choe-son-hui", "Person", "Choe Son-hui", [], None, "state/north-korea", [s2]),
            Entity("person/vladimir-putin", "Person", "Vladimir Putin", ["Putin"], "Q7747", "state/russia", [s3]),
            Entity("state/north-korea", "State", "North Korea", [], "Q423"),
            Entity("state/russia", "State", "Russia", [], "Q159"),
            Entity("place/vladivostok", "Place", "Vladivostok", [], "Q959", "state/russia", [s1]),
        ],
        holdings=[Holding("person/choe-son-hui", "ForeignMinister", "state/north-korea", "Foreign Minister", [s2])],
        visits=[Visit("person/kim-jong-un", "state/russia", "Completed", start="2023-09-12", end="2023-09",
                      places=["place/vladivostok"], transport="Train", kind="OfficialVisit",
                      accompanied_by=["person/choe-son-hui"], evidence=[s1],
                      claims=[Claim("accompaniedBy", "person/choe-son-hui", s2), Claim("transport", "Train", s1)])],
        summits=[Summit(["person/kim-jong-un", "person/vladimir-putin"], "Completed", start="2023-09-13",
                        places=["place/vladivostok"], during_visit=0, evidence=[s3])],
    )


def sample_quads(facts: ArticleFacts | None = None) -> list[Quad]:
    return article_quads(facts or sample_facts(), [VISIT_KEY], [SUMMIT_KEY])


def store_with_ontology(quads) -> Store:
    st = Store()
    g = NamedNode(iris.ONTOLOGY_GRAPH)
    for name in ("dkg.ttl", "dkg-align.ttl"):
        st.extend(Quad(t.subject, t.predicate, t.object, g) for t in parse(path=str(ONT / name), format=RdfFormat.TURTLE))
    st.extend(quads)
    return st


def test_valid_sample_conforms():
    conforms, report = validate(sample_quads())
    assert conforms, report
    assert report.startswith("Conforms: 0 violation(s)")


def test_valid_sample_conforms_with_materialised_inferences():
    """The store holds inferred types (schema:Event, dkg:Minister, ...) and heldBy: shapes still pass."""
    st = store_with_ontology(sample_quads())
    assert materialise(st) > 0
    conforms, report = validate(st)
    assert conforms, report


def test_visit_with_two_host_states_and_empty_quote_fails_readably():
    facts = sample_facts()
    facts.visits[0].claims.append(Claim("hostState", "state/russia", Evidence(0, 0, "")))
    quads = sample_quads(facts)
    visit = NamedNode(iris.resource(VISIT_KEY))
    quads.append(Quad(visit, DKG.hostState, NamedNode(iris.resource("state/north-korea")),
                      NamedNode(iris.article_graph("sample-1"))))
    conforms, report = validate(quads)
    assert not conforms
    assert "Does not conform: 2 violation(s)" in report.splitlines()[0], report
    assert f"id:{VISIT_KEY} dkg:hostState" in report and "exactly one dkg:hostState" in report
    assert "non-empty dkg:quote" in report


def _mention_of(quads: list[Quad]) -> NamedNode:
    return next(q.subject for q in quads if q.predicate == RDF.type and q.object == DKG.Mention)


@pytest.mark.parametrize("prop, value, expected", [
    ("confidence", Literal("1.5", datatype=XSD.decimal), "between 0 and 1"),
    ("startOffset", Literal("99999", datatype=XSD.integer), "<= its dkg:endOffset"),
    ("quote", Literal("changed"), "not the verbatim text"),
])
def test_broken_mention_values(prop, value, expected):
    quads = sample_quads()
    m = _mention_of(quads)
    quads = [q for q in quads if not (q.subject == m and q.predicate == getattr(DKG, prop))]
    quads.append(Quad(m, getattr(DKG, prop), value, NamedNode(iris.article_graph("sample-1"))))
    conforms, report = validate(quads)
    assert not conforms and expected in report, report


def test_summit_needs_two_participants_and_a_known_status():
    facts = sample_facts()
    facts.summits[0] = replace(facts.summits[0], participants=["person/kim-jong-un"])
    quads = sample_quads(facts)
    summit = NamedNode(iris.resource(SUMMIT_KEY))
    quads.append(Quad(summit, DKG.status, DKG.Train, NamedNode(iris.article_graph("sample-1"))))
    conforms, report = validate(quads)
    assert not conforms
    assert "at least two dkg:participant" in report and "one of dkg:Announced" in report


def test_dates_must_have_a_date_datatype():
    quads = sample_quads()
    visit = NamedNode(iris.resource(VISIT_KEY))
    quads.append(Quad(visit, DKG.startDate, Literal("12 September 2023"), NamedNode(iris.article_graph("x"))))
    conforms, report = validate(quads)
    assert not conforms and "xsd:date, xsd:gYearMonth or xsd:gYear" in report


def test_disjoint_types_are_reported():
    quads = sample_quads()
    kim = NamedNode(iris.resource("person/kim-jong-un"))
    quads.append(Quad(kim, RDF.type, DKG.State, NamedNode(iris.article_graph("x"))))
    conforms, report = validate(quads)
    assert not conforms and "which the ontology declares disjoint" in report


def test_traveller_in_delegation_is_reported():
    facts = sample_facts()
    facts.visits[0].accompanied_by.append("person/kim-jong-un")
    conforms, report = validate(sample_quads(facts))
    assert not conforms and "not also listed in dkg:accompaniedBy" in report


def test_validate_store_adds_the_vocabulary_checks(tmp_path):
    """`kg validate` on a published on-disk store: shapes pass, an undeclared dkg: term does not."""
    from kg.shapes import validate_store
    from kg.store import StoreRoot

    def write(st: Store) -> None:
        st.extend(Quad(q.subject, q.predicate, q.object, q.graph_name) for q in store_with_ontology(sample_quads()))
        materialise(st)

    root = StoreRoot(tmp_path / "store")
    root.write_generation(write)
    conforms, report = validate_store(root.path)
    assert conforms, report
    assert "undeclared-term: ok" in report

    st = root.open(read_only=False)
    st.add(Quad(NamedNode(iris.resource(VISIT_KEY)), NamedNode(DKG.base + "acompaniedBy"),
                NamedNode(iris.resource("person/kim-jong-un")), NamedNode(iris.article_graph("sample-1"))))
    st.flush()
    del st
    conforms, report = validate_store(root.path)
    assert not conforms and "undeclared-term: 1 violation(s)" in report and "acompaniedBy" in report
