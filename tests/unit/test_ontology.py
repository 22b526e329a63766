"""ontology/*.ttl: parses, implements the vocabulary contract, passes its own quality checks."""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib
from pyoxigraph import RdfFormat, Store
from rdflib import OWL, RDF, RDFS, SKOS, Namespace, URIRef

from kg.checks import run_checks

REPO = Path(__file__).resolve().parents[2]
ONT = REPO / "ontology"
DKG = Namespace("https://w3id.org/diplokg/ontology#")
ONTOLOGY_IRI = URIRef("https://w3id.org/diplokg/ontology")

# docs/vocabulary.md, the public contract: term -> (kind, domain, range)
CONTRACT_CLASSES = ["Person", "State", "Place", "Visit", "Summit", "Position", "HeadOfState", "HeadOfGovernment",
                    "Minister", "ForeignMinister", "DefenceMinister", "Article", "Mention"]
CONTRACT_SUBCLASSES = [("HeadOfState", "Position"), ("HeadOfGovernment", "Position"), ("Minister", "Position"),
                       ("ForeignMinister", "Minister"), ("DefenceMinister", "Minister")]
CONTRACT_OBJECT_PROPERTIES = {
    "traveller": ("Visit", "Person"), "accompaniedBy": ("Visit", "Person"), "hostState": ("Visit", "State"),
    "place": (("Visit", "Summit"), "Place"), "met": ("Visit", "Person"), "invitedBy": ("Visit", "Person"),
    "transport": ("Visit", "TransportMode"), "status": (("Visit", "Summit"), "VisitStatus"),
    "participant": ("Summit", "Person"), "duringVisit": ("Summit", "Visit"), "holds": ("Person", "Position"),
    "ofState": ("Position", "State"), "citizenOf": ("Person", "State"), "inState": ("Place", "State"),
    "evidence": (None, "Mention"), "article": ("Mention", "Article"),
}
CONTRACT_DATA_PROPERTIES = {"startDate": ("Visit", "Summit", "Position"), "endDate": ("Visit", "Summit", "Position"),
                            "quote": ("Mention",), "published": ("Article",)}
CONTRACT_INDIVIDUALS = {"TransportMode": ["Train", "Aircraft", "Car", "Ship"],
                        "VisitStatus": ["Announced", "Ongoing", "Completed", "Cancelled"],
                        "VisitKind": ["StateVisit", "OfficialVisit", "WorkingVisit"]}
DISJOINT = ["Person", "State", "Place", "Visit", "Summit", "Position", "Article", "Mention"]


@pytest.fixture(scope="module")
def g() -> rdflib.Graph:
    return rdflib.Graph().parse(ONT / "dkg.ttl", format="turtle")


def domain_classes(g, prop) -> set[URIRef]:
    """The named domain classes of prop, unfolding an owl:unionOf."""
    out = set()
    for d in g.objects(prop, RDFS.domain):
        union = g.value(d, OWL.unionOf)
        out |= set(rdflib.collection.Collection(g, union)) if union is not None else {d}
    return out


@pytest.mark.parametrize("name", ["dkg.ttl", "dkg-align.ttl", "shapes.ttl"])
def test_parses_with_rdflib_and_pyoxigraph(name):
    n = len(rdflib.Graph().parse(ONT / name, format="turtle"))
    st = Store()
    st.load(path=str(ONT / name), format=RdfFormat.TURTLE)
    assert n > 20 and len(st) == n


def test_ontology_metadata(g):
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in g
    for p in (rdflib.DCTERMS.title, rdflib.DCTERMS.description, rdflib.DCTERMS.license, rdflib.DCTERMS.creator,
              OWL.versionIRI, OWL.versionInfo):
        assert g.value(ONTOLOGY_IRI, p) is not None, f"ontology lacks {p}"
    vann = Namespace("http://purl.org/vocab/vann/")
    assert str(g.value(ONTOLOGY_IRI, vann.preferredNamespacePrefix)) == "dkg"
    assert str(g.value(ONTOLOGY_IRI, vann.preferredNamespaceUri)) == str(DKG)


@pytest.mark.parametrize("name", CONTRACT_CLASSES)
def test_contract_class(g, name):
    assert (DKG[name], RDF.type, OWL.Class) in g


@pytest.mark.parametrize("sub, sup", CONTRACT_SUBCLASSES)
def test_post_hierarchy(g, sub, sup):
    assert (DKG[sub], RDFS.subClassOf, DKG[sup]) in g


def test_every_post_is_a_position(g):
    posts = set(g.transitive_subjects(RDFS.subClassOf, DKG.Position)) - {DKG.Position}
    assert len(posts) >= 10 and {DKG.Ambassador, DKG.UnificationMinister, DKG.MilitaryOfficer} <= posts


@pytest.mark.parametrize("name", sorted(CONTRACT_OBJECT_PROPERTIES))
def test_contract_object_property(g, name):
    dom, rng = CONTRACT_OBJECT_PROPERTIES[name]
    p = DKG[name]
    assert (p, RDF.type, OWL.ObjectProperty) in g
    assert (p, RDF.type, OWL.DatatypeProperty) not in g
    expected = set() if dom is None else {DKG[d] for d in ((dom,) if isinstance(dom, str) else dom)}
    assert domain_classes(g, p) == expected
    assert g.value(p, RDFS.range) == DKG[rng]


@pytest.mark.parametrize("name", sorted(CONTRACT_DATA_PROPERTIES))
def test_contract_data_property(g, name):
    p = DKG[name]
    assert (p, RDF.type, OWL.DatatypeProperty) in g
    assert domain_classes(g, p) == {DKG[d] for d in CONTRACT_DATA_PROPERTIES[name]}


@pytest.mark.parametrize("cls", sorted(CONTRACT_INDIVIDUALS))
def test_contract_individuals(g, cls):
    for name in CONTRACT_INDIVIDUALS[cls]:
        assert (DKG[name], RDF.type, DKG[cls]) in g
        assert (DKG[name], RDF.type, OWL.NamedIndividual) in g
        assert g.value(DKG[name], SKOS.definition) is not None


def test_characteristics(g):
    for name in ("traveller", "hostState", "heldBy", "ofState", "article"):
        assert (DKG[name], RDF.type, OWL.FunctionalProperty) in g, name
    assert (DKG.holds, OWL.inverseOf, DKG.heldBy) in g
    members = set()
    for axiom in g.subjects(RDF.type, OWL.AllDisjointClasses):
        members |= set(rdflib.collection.Collection(g, g.value(axiom, OWL.members)))
    assert {DKG[c] for c in DISJOINT} <= members


def test_value_or_iri_properties_are_annotation_properties(g):
    """OWL 2 DL forbids one property being both object and data property (no punning of properties)."""
    for name in ("assertsValue", "retractsObject", "assertsProperty", "retractsPredicate"):
        assert (DKG[name], RDF.type, OWL.AnnotationProperty) in g
    kinds = [OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty]
    for s in set(g.subjects(RDF.type, None)):
        assert sum((s, RDF.type, k) in g for k in kinds) <= 1, f"{s} has two property kinds"


def test_alignment_file_maps_without_importing_or_declaring_dkg_terms():
    a = rdflib.Graph().parse(ONT / "dkg-align.ttl", format="turtle")
    assert not list(a.triples((None, OWL.imports, None)))
    declared = {s for s, o in a.subject_objects(RDF.type) if str(s).startswith(str(DKG))}
    assert not declared, f"dkg terms belong in dkg.ttl, not the alignments: {declared}"
    assert (DKG.Visit, RDFS.subClassOf, URIRef("https://schema.org/Event")) in a
    assert (DKG.Position, RDFS.subClassOf, URIRef("http://www.w3.org/ns/org#Post")) in a
    assert (DKG.Mention, RDFS.subClassOf, URIRef("http://www.w3.org/ns/prov#Entity")) in a
    cameo_042 = URIRef("https://w3id.org/diplokg/ontology/cameo#042")
    assert (DKG.Visit, SKOS.closeMatch, cameo_042) in a
    assert str(a.value(cameo_042, SKOS.notation)) == "042"


def test_quality_checks_pass_on_the_ontology():
    results = run_checks([ONT / "dkg.ttl", ONT / "dkg-align.ttl"])
    assert len(results) >= 6
    assert {name: rows for name, rows in results.items() if rows} == {}


BROKEN = """
@prefix dkg: <https://w3id.org/diplokg/ontology#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
dkg:Good a owl:Class ; rdfs:label "good"@en , "gut"@de ; skos:definition "Fine."@en ;
    rdfs:isDefinedBy <https://w3id.org/diplokg/ontology> .
dkg:NoGerman a owl:Class ; rdfs:label "same"@en ; skos:definition "x"@en ;
    rdfs:isDefinedBy <https://w3id.org/diplokg/ontology> .
dkg:NoEnglish a owl:Class ; rdfs:label "gleich"@de , "other"@de ; rdfs:subClassOf dkg:Undeclared .
dkg:twin a owl:ObjectProperty ; rdfs:label "Same"@en , "zwilling"@de ; skos:definition "y"@en ;
    rdfs:isDefinedBy <https://w3id.org/diplokg/ontology> .
"""


def test_quality_checks_can_fail(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text(BROKEN, encoding="utf-8")
    results = run_checks(bad)
    terms = {name: {row.get("term") for row in rows} for name, rows in results.items()}
    assert terms["missing-label-de"] == {str(DKG.NoGerman)}
    assert terms["missing-label-en"] == {str(DKG.NoEnglish)}
    assert terms["missing-definition"] == {str(DKG.NoEnglish)}
    assert terms["missing-defined-by"] == {str(DKG.NoEnglish)}
    assert terms["multiple-labels"] == {str(DKG.NoEnglish)}
    assert terms["undeclared-term"] == {str(DKG.Undeclared)}
    assert [(r["term"], r["other"]) for r in results["duplicate-label"]] == [(str(DKG.NoGerman), str(DKG.twin))]


def test_undeclared_term_in_data_is_reported():
    from pyoxigraph import NamedNode, Quad

    from kg.checks import ontology_store

    data = [Quad(NamedNode("https://w3id.org/diplokg/id/visit/x"), NamedNode(str(DKG.acompaniedBy)),
                 NamedNode("https://w3id.org/diplokg/id/person/y"), NamedNode("https://w3id.org/diplokg/graph/article/a"))]
    rows = run_checks(ontology_store(data=data))["undeclared-term"]
    assert [(r["term"], r["usedAs"]) for r in rows] == [(str(DKG.acompaniedBy), "predicate")]


def test_documentation_has_every_term_in_one_language(g):
    from kg.docs import ontology_doc

    terms = {lang: {t["name"]: t for s in ontology_doc(ONT / "dkg.ttl", lang)["sections"] for t in s["terms"]}
             for lang in ("en", "de")}
    declared = {str(s)[len(str(DKG)):] for s in g.subjects(RDF.type) if str(s).startswith(str(DKG))}
    assert declared <= set(terms["en"])
    assert terms["en"]["ForeignMinister"]["label"] == "foreign minister"
    assert terms["de"]["ForeignMinister"]["label"] == "Außenminister"
    assert terms["en"]["accompaniedBy"]["label"] == "accompanied by"
    assert ontology_doc(ONT / "dkg.ttl", "en") is ontology_doc(ONT / "dkg.ttl", "en")  # cached on path and mtime
    with pytest.raises(FileNotFoundError, match="dkg.ttl"):
        ontology_doc(ONT / "missing.ttl")


@pytest.mark.parametrize("module", ["kg.vocab", "kg.reason", "kg.shapes", "kg.checks", "kg.docs"])
def test_docstring_examples_run(module):
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(module), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
