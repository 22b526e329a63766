"""The query part of the W3C SPARQL 1.1 Protocol test suite, against the DiploKG server and,
with the same checks, against Oxigraph's own server (to confirm the checks are right).

The tests follow https://www.w3.org/2009/sparql/docs/tests/data-sparql11/protocol/ :
the dataset tests use graphs named like the suite's data files, loaded into the store
(no server here fetches anything from the network).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pyoxigraph as ox
import pytest
import requests

from kg.web.launch import oxigraph_binary, running_oxigraph, running_server

pytestmark = pytest.mark.slow

D = "http://kasei.us/2009/09/sparql/data/"
FOAF = "http://xmlns.com/foaf/0.1/"
RESULT_TYPES = {"application/sparql-results+xml", "application/sparql-results+json", "text/csv", "text/tab-separated-values"}
RDF_TYPES = {"text/turtle", "application/rdf+xml", "application/n-triples", "application/ld+json", "application/n-quads", "application/trig"}


def _quads() -> list[ox.Quad]:
    quads = []
    for name in ("data1.rdf", "data2.rdf", "data3.rdf"):
        g = ox.NamedNode(D + name)
        doc = ox.NamedNode(D + name)
        quads.append(ox.Quad(doc, ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), ox.NamedNode(FOAF + "Document"), g))
        quads.append(ox.Quad(doc, ox.NamedNode(FOAF + "name"), ox.Literal(name), g))
    return quads


@pytest.fixture(scope="module")
def protocol_store(tmp_path_factory) -> Path:
    from kg.web.demo import build_demo

    return build_demo(tmp_path_factory.mktemp("protocol") / "store", extra=_quads())


@pytest.fixture(scope="module")
def diplokg(protocol_store):
    with running_server(protocol_store) as url:
        yield url + "/sparql"


@pytest.fixture(scope="module")
def oxigraph(protocol_store):
    binary = oxigraph_binary()
    if binary is None:
        pytest.skip("the `oxigraph` server binary is not installed (pip install 'diplokg[test]')")
    from kg.store import StoreRoot

    with running_oxigraph(binary, StoreRoot(protocol_store).require_current()) as url:
        yield url


@pytest.fixture(params=["diplokg", "oxigraph"])
def endpoint(request) -> str:
    return request.getfixturevalue(request.param)


def media(r: requests.Response) -> str:
    return r.headers.get("Content-Type", "").split(";")[0].strip()


def boolean(r: requests.Response) -> bool:
    assert r.status_code == 200, r.text
    if media(r) == "application/sparql-results+json":
        return r.json()["boolean"]
    root = ET.fromstring(r.content)
    return root.find("{http://www.w3.org/2005/sparql-results#}boolean").text == "true"


ACCEPT = {"Accept": "application/sparql-results+xml, application/sparql-results+json;q=0.9"}


def test_query_get(endpoint):
    r = requests.get(endpoint, params={"query": "ASK {}"}, headers=ACCEPT)
    assert media(r) in RESULT_TYPES and boolean(r) is True


def test_query_post_form(endpoint):
    r = requests.post(endpoint, data={"query": "ASK {}"}, headers=ACCEPT)
    assert media(r) in RESULT_TYPES and boolean(r) is True


def test_query_post_direct(endpoint):
    r = requests.post(endpoint, data=b"ASK {}", headers={**ACCEPT, "Content-Type": "application/sparql-query"})
    assert media(r) in RESULT_TYPES and boolean(r) is True


def test_query_dataset_default_graph(endpoint):
    r = requests.get(endpoint, params={"query": f"ASK {{ <{D}data1.rdf> ?p ?o }}", "default-graph-uri": D + "data1.rdf"}, headers=ACCEPT)
    assert boolean(r) is True


def test_query_dataset_default_graph_excludes_others(endpoint):
    r = requests.get(endpoint, params={"query": f"ASK {{ <{D}data2.rdf> ?p ?o }}", "default-graph-uri": D + "data1.rdf"}, headers=ACCEPT)
    assert boolean(r) is False


def test_query_dataset_default_graphs_get(endpoint):
    q = f"PREFIX foaf: <{FOAF}> ASK {{ <{D}data1.rdf> a foaf:Document . <{D}data2.rdf> a foaf:Document }}"
    r = requests.get(endpoint, params=[("query", q), ("default-graph-uri", D + "data1.rdf"), ("default-graph-uri", D + "data2.rdf")], headers=ACCEPT)
    assert boolean(r) is True


def test_query_dataset_default_graphs_post(endpoint):
    q = f"PREFIX foaf: <{FOAF}> ASK {{ <{D}data1.rdf> a foaf:Document . <{D}data2.rdf> a foaf:Document }}"
    r = requests.post(endpoint, data=[("query", q), ("default-graph-uri", D + "data1.rdf"), ("default-graph-uri", D + "data2.rdf")], headers=ACCEPT)
    assert boolean(r) is True


def test_query_dataset_named_graphs_post(endpoint):
    q = f"PREFIX foaf: <{FOAF}> ASK {{ GRAPH ?g {{ <{D}data1.rdf> a foaf:Document }} GRAPH ?h {{ <{D}data2.rdf> a foaf:Document }} }}"
    r = requests.post(endpoint, data=[("query", q), ("named-graph-uri", D + "data1.rdf"), ("named-graph-uri", D + "data2.rdf")], headers=ACCEPT)
    assert boolean(r) is True


def test_query_dataset_named_graphs_get(endpoint):
    q = f"ASK {{ GRAPH <{D}data3.rdf> {{ ?s ?p ?o }} }}"
    r = requests.get(endpoint, params=[("query", q), ("named-graph-uri", D + "data1.rdf"), ("named-graph-uri", D + "data2.rdf")], headers=ACCEPT)
    assert boolean(r) is False  # data3 is not among the named graphs of this dataset


def test_query_dataset_full(endpoint):
    q = "SELECT ?g ?x WHERE { { ?x ?p ?o } UNION { GRAPH ?g { ?x ?p ?o } } }"
    r = requests.get(endpoint, params=[("query", q), ("default-graph-uri", D + "data3.rdf"),
                                       ("named-graph-uri", D + "data1.rdf"), ("named-graph-uri", D + "data2.rdf")],
                     headers={"Accept": "application/sparql-results+json"})
    assert r.status_code == 200
    rows = {(b.get("g", {}).get("value"), b["x"]["value"]) for b in r.json()["results"]["bindings"]}
    assert rows == {(None, D + "data3.rdf"), (D + "data1.rdf", D + "data1.rdf"), (D + "data2.rdf", D + "data2.rdf")}


def test_query_multiple_dataset(endpoint):
    """The protocol's dataset overrides FROM in the query (Protocol 2.1.4)."""
    q = f"ASK FROM <{D}data1.rdf> {{ <{D}data2.rdf> ?p ?o }}"
    r = requests.get(endpoint, params={"query": q, "default-graph-uri": D + "data2.rdf"}, headers=ACCEPT)
    assert boolean(r) is True


@pytest.mark.parametrize("query,types", [
    ("SELECT ?s WHERE { ?s ?p ?o } LIMIT 1", RESULT_TYPES),
    ("ASK { ?s ?p ?o }", RESULT_TYPES),
    ("DESCRIBE <http://kasei.us/2009/09/sparql/data/data1.rdf>", RDF_TYPES),
    ("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 3", RDF_TYPES),
])
def test_query_content_type(endpoint, query, types):
    accept = ", ".join(sorted(types))
    r = requests.get(endpoint, params={"query": query}, headers={"Accept": accept})
    assert r.status_code == 200 and media(r) in types


def test_bad_query_method(endpoint):
    assert 400 <= requests.put(endpoint, params={"query": "ASK {}"}).status_code < 500


def test_bad_multiple_queries(endpoint):
    r = requests.get(endpoint, params=[("query", "ASK {}"), ("query", "SELECT * {}")])
    assert r.status_code == 400


def test_bad_query_wrong_media_type(endpoint):
    r = requests.post(endpoint, data=b"ASK {}", headers={"Content-Type": "text/plain"})
    assert 400 <= r.status_code < 500


def test_bad_query_missing_form_type(endpoint):
    r = requests.post(endpoint, data=b"query=ASK%20%7B%7D", headers={"Content-Type": ""})
    assert 400 <= r.status_code < 500


def test_bad_query_missing_direct_type(endpoint):
    r = requests.post(endpoint, data=b"ASK {}", headers={"Content-Type": ""})
    assert 400 <= r.status_code < 500


def test_bad_query_non_utf8(endpoint):
    r = requests.post(endpoint, data="ASK {}".encode("utf-16"), headers={"Content-Type": "application/sparql-query; charset=UTF-16"})
    assert 400 <= r.status_code < 500


def test_bad_query_syntax(endpoint):
    r = requests.get(endpoint, params={"query": "ASK {"})
    assert r.status_code == 400


def test_bad_update_get(endpoint):
    r = requests.get(endpoint, params={"update": "CLEAR ALL"})
    assert 400 <= r.status_code < 500


def test_syntax_error_message_is_the_parsers(diplokg):
    r = requests.get(diplokg, params={"query": "SELECT ?x WHERE { ?x ?y }"})
    assert r.status_code == 400 and "error at 1:" in r.text
