"""The app in-process (Flask test client) over a real demo store, and the query pool."""

import doctest
import importlib
import io
import json
import time

import pyoxigraph as ox
import pytest

from kg.config import Settings
from kg.web.negotiate import RESULTS
from kg.web.errors import WebError
from kg.web.querying import QueryPool
from kg.web.results import write_solutions

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    from kg.web.demo import build_demo

    return build_demo(tmp_path_factory.mktemp("app") / "store")


@pytest.fixture(scope="module")
def client(store, tmp_path_factory):
    from kg.web import create_app

    app = create_app(Settings(store=store, dumps=tmp_path_factory.mktemp("dumps"), query_timeout=3, max_rows=5))
    yield app.test_client()
    app.extensions["diplokg"].pool.close()


@pytest.mark.parametrize("module", ["kg.web", "kg.web.guard", "kg.web.negotiate", "kg.web.results", "kg.web.search",
                                    "kg.web.site", "kg.web.serve", "kg.web.pages", "kg.web.describe",
                                    "kg.web.hardening", "kg.web.querying", "kg.articles"])
def test_doctests(module):
    result = doctest.testmod(importlib.import_module(module))
    assert result.failed == 0


def test_pool_answers_and_stops_runaways(store):
    pool = QueryPool(store, size=1, timeout=1.5)
    try:
        assert pool.ask("ASK { ?s ?p ?o }") is True
        started = time.monotonic()
        with pytest.raises(WebError, match="stopped after 1.5 s") as err:
            pool.select(RUNAWAY)
        assert err.value.status == 503
        assert time.monotonic() - started < 4
        assert pool.stats.timeouts == 1 and pool.stats.restarts == 1
        assert pool.ask("ASK { ?s ?p ?o }") is True  # the replacement answers
        with pytest.raises(WebError) as err:
            pool.select("SELECT ?x WHERE {")
        assert err.value.status == 400
    finally:
        pool.close()


def test_protocol_errors(client):
    assert client.get("/sparql", query_string=[("query", "ASK{}"), ("query", "ASK{}")]).status_code == 400
    assert client.get("/sparql", query_string={"query": "ASK {"}).status_code == 400
    assert client.get("/sparql", query_string={"update": "CLEAR ALL"}).status_code == 400
    assert client.post("/sparql", data="ASK {}", content_type="text/plain").status_code == 415
    assert client.post("/sparql", data={"update": "CLEAR ALL"}).status_code == 403
    assert client.post("/sparql", data={"query": "ASK {}", "update": "CLEAR ALL"}).status_code == 400
    assert client.get("/sparql", query_string={"default-graph-uri": "urn:x"}).status_code == 400
    r = client.get("/sparql", query_string={"query": "SELECT * { SERVICE <http://169.254.169.254/> { ?s ?p ?o } }"})
    assert r.status_code == 400 and b"not allowed" in r.data


def test_truncation_is_announced(client):
    r = client.get("/sparql", query_string={"query": "SELECT * { ?s ?p ?o }"}, headers={"Accept": "application/sparql-results+xml"})
    assert r.headers["X-SPARQL-Truncated"] == "true" and r.headers["X-SPARQL-Rows"] == "5"
    assert b"truncatedResults" in r.data and r.data.count(b"<result>") == 5


def test_format_parameter_and_redirect(client):
    r = client.get("/sparql", query_string={"query": "SELECT * { ?s ?p ?o } LIMIT 1", "format": "csv"})
    assert r.headers["Content-Type"].startswith("text/csv")
    assert client.get("/sparql", headers={"Accept": "text/html"}).status_code == 302


def test_api_views(client):
    data = client.get("/api/views").get_json()
    assert {v["title"] for v in data["visits"]} >= {"Kim Jong Un in Russia, 12–17 September 2023", "Choe Son-hui in Belarus, October 2025"}
    vladivostok = next(p for p in data["places"] if p["label"] == "Vladivostok")
    assert abs(vladivostok["lat"] - 43.1) < 0.1
    assert {"accompanied", "met", "summit"} <= {e["rel"] for e in data["edges"]}


def test_search_html_redirects_to_the_only_match(client):
    r = client.get("/search", query_string={"q": "wladiwostok", "format": "html", "go": "1"})
    assert r.status_code == 302 and r.headers["Location"].endswith("/id/place/vladivostok")


def test_writers_escape():
    rows = [{"x": ox.Literal('a,"b"\nc'), "y": ox.NamedNode("http://e/x?a=1&b=2")}]
    out = io.BytesIO()
    write_solutions(["x", "y"], rows, RESULTS[2], out)
    assert out.getvalue() == b'x,y\r\n"a,""b""\nc",http://e/x?a=1&b=2\r\n'
    out = io.BytesIO()
    write_solutions(["x", "y"], rows, RESULTS[0], out)
    body = json.loads(out.getvalue())
    assert body["results"]["bindings"][0]["x"] == {"type": "literal", "value": 'a,"b"\nc'}
    out = io.BytesIO()
    write_solutions(["y"], rows, RESULTS[1], out)
    assert b"<uri>http://e/x?a=1&amp;b=2</uri>" in out.getvalue()


def test_ontology_docs_refuse_broken_turtle_with_a_clear_error(tmp_path):
    from kg.docs import DocsUnavailable, ontology_doc

    broken = tmp_path / "dkg.ttl"
    broken.write_text("@prefix dkg: <https://w3id.org/diplokg/ontology#> .\ndkg:Visit a ", encoding="utf-8")
    with pytest.raises(DocsUnavailable, match="fix the file"):
        ontology_doc(broken)
