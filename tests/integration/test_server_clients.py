"""The endpoint as real clients use it: SPARQLWrapper, rdflib's SPARQLStore, plain HTTP."""

from __future__ import annotations

import gzip
import hashlib
import json

import pytest
import rdflib
import requests
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import JSON, TURTLE, XML, SPARQLWrapper

from kg.web.launch import running_server
from tests.contract import VOCABULARY_QUERY

pytestmark = pytest.mark.slow

ID = "https://w3id.org/diplokg/id/"
DKG = "https://w3id.org/diplokg/ontology#"


def test_sparqlwrapper_select_json(demo_server):
    sw = SPARQLWrapper(demo_server + "/sparql")
    sw.setQuery(VOCABULARY_QUERY)
    sw.setReturnFormat(JSON)
    rows = sw.query().convert()["results"]["bindings"]
    assert {r["minister"]["value"] for r in rows} == {ID + "person/choe-son-hui"}
    assert {r["start"]["value"] for r in rows} == {"2023-09-12", "2025-09-02"}


def test_sparqlwrapper_post_xml_and_construct(demo_server):
    sw = SPARQLWrapper(demo_server + "/sparql")
    sw.setMethod("POST")
    sw.setQuery(f"ASK {{ <{ID}person/kim-jong-un> a <{DKG}Person> }}")
    sw.setReturnFormat(XML)
    assert sw.query().convert().getElementsByTagName("boolean")[0].firstChild.data == "true"
    sw.setQuery(f"CONSTRUCT {{ ?v <{DKG}hostState> ?h }} WHERE {{ ?v <{DKG}hostState> ?h }}")
    sw.setReturnFormat(TURTLE)
    g = rdflib.Graph().parse(data=sw.query().convert(), format="turtle")
    assert len(g) == 4


def test_rdflib_sparqlstore(demo_server):
    store = SPARQLStore(demo_server + "/sparql")
    g = rdflib.Graph(store=store)
    rows = list(g.query(f"SELECT ?name WHERE {{ <{ID}person/sergey-lavrov> <http://www.w3.org/2004/02/skos/core#altLabel> ?name }}"))
    assert {str(r[0]) for r in rows} >= {"Sergej Lawrow"}


def test_the_vocabulary_question_on_the_seed_store(server):
    """docs/vocabulary.md: the question works as written on the built seed articles."""
    r = requests.post(server + "/sparql", data={"query": VOCABULARY_QUERY}, headers={"Accept": "application/sparql-results+json"})
    assert r.status_code == 200
    names = {b["name"]["value"] for b in r.json()["results"]["bindings"]}
    assert any("Choe" in n for n in names), names


@pytest.mark.parametrize("accept,expected", [
    ("text/csv", "text/csv"),
    ("text/tab-separated-values;q=0.9, text/csv;q=0.8", "text/tab-separated-values"),
    ("application/sparql-results+xml;q=0.2, application/sparql-results+json;q=0.1", "application/sparql-results+xml"),
    ("*/*", "application/sparql-results+json"),
    ("text/*;q=0.5, text/csv;q=0.1", "text/tab-separated-values"),
])
def test_select_negotiation(demo_server, accept, expected):
    r = requests.get(demo_server + "/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 2"}, headers={"Accept": accept})
    assert r.status_code == 200 and r.headers["Content-Type"].split(";")[0] == expected
    assert r.headers["X-SPARQL-Truncated"] == "false" and r.headers["Vary"] == "Accept"


@pytest.mark.parametrize("accept,fmt", [
    ("text/turtle", "turtle"), ("application/n-triples", "nt"), ("application/rdf+xml", "xml"),
    ("application/ld+json", "json-ld"), ("application/n-quads", "nquads"), ("application/trig", "trig"),
])
def test_construct_negotiation(demo_server, accept, fmt):
    q = f"CONSTRUCT {{ <{ID}person/kim-jong-un> ?p ?o }} WHERE {{ <{ID}person/kim-jong-un> ?p ?o }}"
    r = requests.get(demo_server + "/sparql", params={"query": q}, headers={"Accept": accept})
    assert r.status_code == 200 and r.headers["Content-Type"].startswith(accept)
    g = rdflib.Dataset().parse(data=r.content, format=fmt) if fmt in ("nquads", "trig") else rdflib.Graph().parse(data=r.content, format=fmt)
    assert (rdflib.URIRef(ID + "person/kim-jong-un"), rdflib.RDFS.label, rdflib.Literal("Kim Jong Un", lang="en")) in (
        g if not isinstance(g, rdflib.Dataset) else g.default_graph)


def test_nothing_acceptable_is_406(demo_server):
    r = requests.get(demo_server + "/sparql", params={"query": "ASK {}"}, headers={"Accept": "image/png"})
    assert r.status_code == 406 and "application/sparql-results+json" in r.text
    r = requests.get(demo_server + "/sparql", params={"query": "CONSTRUCT WHERE { ?s ?p ?o }"}, headers={"Accept": "text/csv"})
    assert r.status_code == 406


def test_service_description_turtle_and_rdfxml(demo_server):
    sd = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
    for accept, fmt in (("text/turtle", "turtle"), ("application/rdf+xml", "xml")):
        r = requests.get(demo_server + "/sparql", headers={"Accept": accept})
        assert r.status_code == 200 and r.headers["Content-Type"].startswith(accept)
        g = rdflib.Graph().parse(data=r.content, format=fmt)
        service = g.value(predicate=rdflib.RDF.type, object=sd.Service)
        assert g.value(service, sd.endpoint) == rdflib.URIRef(demo_server + "/sparql")
        assert (service, sd.feature, sd.UnionDefaultGraph) in g
        names = set(g.objects(None, sd.name))
        assert rdflib.URIRef("https://w3id.org/diplokg/graph/background") in names


def test_void(demo_server):
    void = rdflib.Namespace("http://rdfs.org/ns/void#")
    g = rdflib.Graph().parse(data=requests.get(demo_server + "/void", headers={"Accept": "text/turtle"}).content, format="turtle")
    ds = rdflib.URIRef("https://w3id.org/diplokg/dataset")
    assert int(g.value(ds, void.triples)) > 100
    assert int(g.value(ds, void.entities)) > 10
    classes = {g.value(p, void["class"]) for p in g.objects(ds, void.classPartition)}
    assert rdflib.URIRef(DKG + "Visit") in classes
    dumps = [str(d) for d in g.objects(ds, void.dataDump)]
    assert any(d.endswith(".nq.gz") for d in dumps)
    assert len(list(g.objects(ds, void.exampleResource))) >= 1


def test_graph_store_read(demo_server):
    r = requests.get(demo_server + "/store", params={"graph": "https://w3id.org/diplokg/graph/background"}, headers={"Accept": "application/n-triples"})
    assert r.status_code == 200
    g = rdflib.Graph().parse(data=r.content, format="nt")
    assert (rdflib.URIRef(ID + "place/moscow"), rdflib.URIRef("http://www.w3.org/2003/01/geo/wgs84_pos#lat"), None) in g
    whole = requests.get(demo_server + "/store", headers={"Accept": "application/n-quads"})
    ds = rdflib.Dataset().parse(data=whole.content, format="nquads")
    assert len(list(ds.graphs())) >= 5
    default = requests.get(demo_server + "/store?default", headers={"Accept": "text/turtle"})
    assert len(rdflib.Graph().parse(data=default.content, format="turtle")) > 100
    assert requests.get(demo_server + "/store", params={"graph": "http://nope/"}).status_code == 404
    assert requests.get(demo_server + "/store", headers={"Accept": "text/turtle"}).status_code == 406


def test_linked_data_pages(demo_server):
    html = requests.get(demo_server + "/id/person/choe-son-hui", headers={"Accept": "text/html"})
    assert html.status_code == 200 and "Choe Son-hui" in html.text
    assert "Begleitet wird er von Außenministerin Choe Son Hui und Pak Jong-chon." in html.text  # evidence quote
    assert 'href="/id/visit/kim-jong-un/russia/2023-09-12"' in html.text
    visit = requests.get(demo_server + "/id/visit/kim-jong-un/russia/2023-09-12", headers={"Accept": "text/html"})
    assert "Kim Jong Un ist mit dem Zug nach Wladiwostok gereist." in visit.text and 'href="/id/place/vladivostok"' in visit.text
    ttl = requests.get(demo_server + "/id/person/choe-son-hui", headers={"Accept": "text/turtle"})
    g = rdflib.Graph().parse(data=ttl.content, format="turtle")
    assert (rdflib.URIRef(ID + "person/choe-son-hui"), rdflib.RDFS.label, None) in g
    js = requests.get(demo_server + "/id/person/choe-son-hui", headers={"Accept": "application/ld+json"})
    assert js.headers["Content-Type"].startswith("application/ld+json") and json.loads(js.content)
    assert requests.get(demo_server + "/id/person/nobody-at-all", headers={"Accept": "text/turtle"}).status_code == 404


def test_ontology_served(demo_server):
    r = requests.get(demo_server + "/ontology", headers={"Accept": "text/turtle"})
    g = rdflib.Graph().parse(data=r.content, format="turtle")
    assert (rdflib.URIRef(DKG + "Visit"), rdflib.RDF.type, rdflib.OWL.Class) in g
    assert requests.get(demo_server + "/ontology", headers={"Accept": "text/html"}).headers["Content-Type"].startswith("text/html")


@pytest.mark.parametrize("q,iri", [
    ("choe son hui", "person/choe-son-hui"),
    ("Lawrow", "person/sergey-lavrov"),
    ("kim jong-un", "person/kim-jong-un"),
    ("WLADIWOSTOK", "place/vladivostok"),
    ("nordkorea", "state/north-korea"),
    ("kim russia 2023", "visit/kim-jong-un/russia/2023-09-12"),
])
def test_search_any_spelling(demo_server, q, iri):
    r = requests.get(demo_server + "/search", params={"q": q})
    assert r.status_code == 200
    assert r.json()["results"][0]["iri"] == ID + iri


def test_dumps_with_checksums(demo_server):
    listing = requests.get(demo_server + "/dumps/", headers={"Accept": "application/json"}).json()
    files = {d["file"]: d for d in listing["dumps"]}
    assert set(files) >= {"diplokg.nq.gz", "diplokg.ttl.gz", "diplokg.trig.gz", "diplokg.nt.gz", "diplokg.rdf.gz", "diplokg.jsonld.gz"}
    nq = files["diplokg.nq.gz"]
    body = requests.get(demo_server + nq["url"]).content
    assert hashlib.sha256(body).hexdigest() == nq["sha256"] and len(body) == nq["bytes"]
    ds = rdflib.Dataset().parse(data=gzip.decompress(body), format="nquads")
    assert len(list(ds.graphs())) >= 5
    assert requests.get(demo_server + "/dumps/latest/diplokg.ttl.gz").status_code == 200
    assert "diplokg.ttl.gz" in requests.get(demo_server + "/dumps/", headers={"Accept": "text/html"}).text


def test_cors_open_for_reads(demo_server):
    r = requests.get(demo_server + "/sparql", params={"query": "ASK {}"}, headers={"Origin": "https://example.org"})
    assert r.headers["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in r.headers
    pre = requests.options(demo_server + "/sparql", headers={"Origin": "https://example.org", "Access-Control-Request-Method": "POST",
                                                             "Access-Control-Request-Headers": "content-type"})
    assert pre.status_code == 200 and "POST" in pre.headers["Access-Control-Allow-Methods"]


def test_health_and_metrics(demo_server):
    h = requests.get(demo_server + "/health").json()
    assert h["status"] == "ok" and h["generation"].startswith("gen-")
    requests.get(demo_server + "/sparql", params={"query": "ASK {}"})
    m = requests.get(demo_server + "/metrics").text
    assert 'diplokg_http_requests_total{endpoint="sparql.sparql",method="GET",status="200"}' in m
    assert "diplokg_query_timeouts_total" in m and "diplokg_http_request_duration_seconds_bucket" in m


def test_updates_refused_without_token(demo_server):
    r = requests.post(demo_server + "/sparql", data={"update": "CLEAR ALL"})
    assert r.status_code == 403 and "read-only" in r.text
    assert requests.get(demo_server + "/sparql", params={"query": "ASK { ?s ?p ?o }"}).json()["boolean"] is True


def test_row_limit_is_announced_and_request_size_limited(demo_store):
    with running_server(demo_store, max_rows=3, max_request_bytes=2000) as url:
        r = requests.get(url + "/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"}, headers={"Accept": "application/sparql-results+json"})
        assert r.headers["X-SPARQL-Truncated"] == "true" and r.headers["X-SPARQL-MaxRows"] == "3"
        body = r.json()
        assert len(body["results"]["bindings"]) == 3 and body["head"]["link"]
        csv = requests.get(url + "/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"}, headers={"Accept": "text/csv"})
        assert csv.headers["X-SPARQL-Truncated"] == "true" and len(csv.text.strip().splitlines()) == 4
        small = requests.get(url + "/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 2"})
        assert small.headers["X-SPARQL-Truncated"] == "false"
        big = "SELECT * WHERE { ?s ?p ?o } # " + "x" * 3000
        assert requests.post(url + "/sparql", data={"query": big}).status_code == 413
        assert requests.get(url + "/sparql", params={"query": big}).status_code == 414


def test_updates_with_token(tmp_path):
    from kg.web.demo import build_demo

    store = build_demo(tmp_path / "store")
    with running_server(store, update_token="s3cret") as url:
        insert = "INSERT DATA { GRAPH <urn:test> { <urn:a> <urn:b> <urn:c> } }"
        assert requests.post(url + "/sparql", data={"update": insert}).status_code == 401
        assert requests.post(url + "/sparql", data={"update": insert}, headers={"Authorization": "Bearer wrong"}).status_code == 401
        ok = requests.post(url + "/sparql", data=insert.encode(), headers={"Authorization": "Bearer s3cret", "Content-Type": "application/sparql-update"})
        assert ok.status_code == 204
        r = requests.get(url + "/sparql", params={"query": "ASK { <urn:a> <urn:b> <urn:c> }"})
        assert r.json()["boolean"] is True
        sd = requests.get(url + "/sparql", headers={"Accept": "text/turtle"}).text
        assert "SPARQL11Update" in sd
