"""The closed dkg: namespace stays equal to the terms declared in ontology/dkg.ttl."""

from __future__ import annotations

from pathlib import Path

import pytest
from pyoxigraph import NamedNode, RdfFormat, parse

from kg.iris import ONTOLOGY
from kg.vocab import DKG, TERMS, Namespace

DKG_TTL = Path(__file__).resolve().parents[2] / "ontology" / "dkg.ttl"
OWL = "http://www.w3.org/2002/07/owl#"
DECLARATIONS = {OWL + k for k in ("Class", "ObjectProperty", "DatatypeProperty", "AnnotationProperty", "NamedIndividual")}


def declared_terms() -> set[str]:
    out = set()
    for t in parse(path=str(DKG_TTL), format=RdfFormat.TURTLE):
        if (t.predicate.value.endswith("#type") and isinstance(t.subject, NamedNode)
                and t.object.value in DECLARATIONS and t.subject.value.startswith(ONTOLOGY)):
            out.add(t.subject.value[len(ONTOLOGY):])
    return out


def test_terms_equal_ontology_declarations():
    declared = declared_terms()
    assert declared, "no dkg: declarations parsed from dkg.ttl"
    missing_in_vocab = declared - TERMS
    missing_in_ontology = TERMS - declared
    assert not missing_in_vocab, f"declared in dkg.ttl but not in kg/vocab.py TERMS: {sorted(missing_in_vocab)}"
    assert not missing_in_ontology, f"in kg/vocab.py TERMS but not declared in dkg.ttl: {sorted(missing_in_ontology)}"


def test_known_term_is_an_iri():
    assert DKG.accompaniedBy == NamedNode(ONTOLOGY + "accompaniedBy")
    assert DKG["Minister"] == NamedNode(ONTOLOGY + "Minister")
    assert "Visit" in DKG and DKG.Visit in DKG and (ONTOLOGY + "Visit") in DKG
    assert "Vist" not in DKG


def test_unknown_term_raises_with_suggestion():
    with pytest.raises(AttributeError) as err:
        DKG.acompaniedBy  # noqa: B018
    message = str(err.value)
    assert "did you mean accompaniedBy" in message and "ontology/dkg.ttl" in message
    with pytest.raises(KeyError):
        DKG["NoSuchTerm"]


def test_unknown_term_without_near_match_lists_terms():
    with pytest.raises(AttributeError, match="known terms: .*Visit"):
        DKG.zzzzzz  # noqa: B018


def test_namespace_protocols():
    ns = Namespace("http://example.org/#", frozenset({"b", "a"}))
    assert list(ns) == ["a", "b"] and len(ns) == 2 and dir(ns) == ["a", "b"]
    assert ns.local_name("http://example.org/#a") == "a"
    with pytest.raises(AttributeError):
        ns.local_name("http://example.org/#c")
    with pytest.raises(ValueError):
        ns.local_name("http://other.org/#a")
