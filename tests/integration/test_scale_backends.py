"""The front door over external engines: a real Virtuoso and Oxigraph's server, loaded by
``kg load`` from Dask shards of the seed articles, answer every named question, the contract
query, pages and search with the rows of the embedded store."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pandas as pd
import pyoxigraph as ox
import pytest
import requests

import kg
from kg.config import Settings
from kg.load import isql_binary, load, qlever_binary
from kg.questions import list_questions
from kg.shards import build_shards
from kg.web.launch import oxigraph_binary, running_oxigraph, running_server, running_virtuoso, virtuoso_binary

from contract import VOCABULARY_QUERY

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "data" / "articles"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def shards(tmp_path_factory) -> list[str]:
    from distributed import LocalCluster

    tmp = tmp_path_factory.mktemp("shards")
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as cluster:
        build_shards(Settings(store=tmp / "store"), str(SEEDS), str(tmp / "out"), scheduler=cluster.scheduler_address, shards=2)
    return [str(p) for p in sorted((tmp / "out").glob("part-*.nq.gz"))]


@pytest.fixture(scope="module")
def virtuoso(shards, tmp_path_factory):
    if virtuoso_binary() is None or isql_binary() is None:
        pytest.skip("Virtuoso is not installed (make setup-test installs virtuoso-opensource)")
    with running_virtuoso(tmp_path_factory.mktemp("virtuoso")) as v:
        load("virtuoso", shards, Settings(), folder=v["load"], isql=v["isql"])
        yield v


@pytest.fixture(scope="module")
def oxigraph_server(shards, tmp_path_factory):
    binary = oxigraph_binary()
    if binary is None:
        pytest.skip("Oxigraph's server is not installed (pip install oxigraph, in the test extra)")
    report = load("oxigraph", shards, Settings(), store=tmp_path_factory.mktemp("oxigraph") / "store")
    with running_oxigraph(binary, Path(report.target)) as url:
        yield url


@pytest.fixture(scope="module", params=["virtuoso", "oxigraph"])
def front_door(request, seed_store):
    """Our server, forwarding to the engine named by the parameter."""
    endpoint = request.getfixturevalue("virtuoso")["sparql"] if request.param == "virtuoso" \
        else request.getfixturevalue("oxigraph_server")
    with running_server(seed_store, backend=endpoint) as url:
        yield request.param, url


def concatenated(question) -> list[str]:
    """Columns made by GROUP_CONCAT: SPARQL 1.1 leaves the order of their parts to the engine."""
    return re.findall(r"GROUP_CONCAT\(.*?\)\s+AS\s+\?(\w+)", question.sparql, re.S)


def same_rows(a: pd.DataFrame, b: pd.DataFrame, question, where: str) -> None:
    for column in concatenated(question):
        for frame in (a, b):
            frame[column] = frame[column].map(lambda v: ", ".join(sorted(v.split(", "))) if isinstance(v, str) else v)
    pd.testing.assert_frame_equal(a, b, obj=f"{question.name} on {where}")


@pytest.mark.parametrize("question", list_questions(), ids=lambda q: q.name)
def test_every_named_question_gives_the_embedded_rows(front_door, seed_store, question):
    name, url = front_door
    a = kg.open(seed_store).query_df(question.name)
    b = kg.connect(url + "/sparql").query_df(question.name)
    assert not a.empty
    same_rows(a, b, question, name)


def test_the_contract_query_and_counts_match(front_door, seed_store):
    name, url = front_door
    local, remote = kg.open(seed_store), kg.connect(url + "/sparql")
    a, b = local.query_df(VOCABULARY_QUERY), remote.query_df(VOCABULARY_QUERY)
    assert not a.empty
    pd.testing.assert_frame_equal(a.sort_values(list(a.columns)).reset_index(drop=True),
                                  b.sort_values(list(b.columns)).reset_index(drop=True), obj=name)
    # each triple once in the default graph; the graphs are DiploKG's, not the engine's own
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    graphs = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"
    assert local.query_df(count).equals(remote.query_df(count))
    pd.testing.assert_frame_equal(local.query_df(graphs), remote.query_df(graphs), obj=name)


def test_pages_search_and_the_guards_work_in_front_of_the_engine(front_door):
    name, url = front_door
    page = requests.get(url + "/id/person/kim-jong-un", headers={"Accept": "text/html"}, timeout=30)
    assert page.status_code == 200 and "Kim Jong Un" in page.text
    turtle = requests.get(url + "/id/person/kim-jong-un", headers={"Accept": "text/turtle"}, timeout=30)
    assert turtle.status_code == 200 and "kim-jong-un" in turtle.text
    found = requests.get(url + "/search", params={"q": "Kim"}, headers={"Accept": "application/json"}, timeout=30)
    assert found.status_code == 200 and "kim-jong-un" in found.text
    # SERVICE is refused before anything is forwarded; updates are refused; the row cap holds
    service = requests.post(url + "/sparql", data={"query": "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"}, timeout=30)
    assert service.status_code == 400 and "SERVICE" in service.text
    update = requests.post(url + "/sparql", data={"update": "INSERT DATA { <http://a> <http://b> <http://c> }"}, timeout=30)
    assert update.status_code in (401, 403)
    csv = requests.post(url + "/sparql", data={"query": "SELECT ?s WHERE { ?s ?p ?o } LIMIT 5"},
                        headers={"Accept": "text/csv"}, timeout=30)
    assert csv.status_code == 200 and len(csv.text.strip().splitlines()) == 6
    dump = requests.get(url + "/store", params={"graph": "https://w3id.org/diplokg/graph/ontology"},
                        headers={"Accept": "application/n-triples"}, timeout=60)
    assert dump.status_code == 200 and "Visit" in dump.text
    listing = requests.get(url + "/dumps/", headers={"Accept": "application/json"}, timeout=120)
    assert listing.status_code == 200
    nquads = next(d for d in listing.json()["dumps"] if d["file"].endswith(".nq.gz"))
    data = gzip.decompress(requests.get(url + nquads["url"], timeout=60).content).decode()
    assert "<https://w3id.org/diplokg/graph/inferred>" in data and "graph/union" not in data


def test_virtuoso_keeps_the_named_graphs_of_the_shards(virtuoso, shards):
    expected = set()
    for shard in shards:
        for line in gzip.decompress(Path(shard).read_bytes()).decode().splitlines():
            expected.add(line.rsplit(" ", 2)[-2].strip("<>"))
    r = requests.post(virtuoso["sparql"], data={"query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"},
                      headers={"Accept": "application/sparql-results+json"}, timeout=30)
    graphs = {b["g"]["value"] for b in r.json()["results"]["bindings"]}
    assert expected <= graphs
    assert {"https://w3id.org/diplokg/graph/ontology", "https://w3id.org/diplokg/graph/inferred",
            "https://w3id.org/diplokg/graph/background"} <= graphs


def test_qlever_gets_the_dataset_and_a_qleverfile(shards, tmp_path):
    report = load("qlever", shards, Settings(), folder=tmp_path)
    qleverfile = (tmp_path / "Qleverfile").read_text()
    assert "INPUT_FILES = diplokg.nq.gz" in qleverfile and "zcat" in qleverfile
    graphs = {q.graph_name.value for q in ox.parse(gzip.decompress((tmp_path / "diplokg.nq.gz").read_bytes()),
                                                  format=ox.RdfFormat.N_QUADS) if isinstance(q.graph_name, ox.NamedNode)}
    assert {"https://w3id.org/diplokg/graph/ontology", "https://w3id.org/diplokg/graph/inferred"} <= graphs
    assert report.quads > 10_000


@pytest.mark.skipif(qlever_binary() is None, reason="QLever's engine is not installed: PyPI's qlever is only its "
                                                    "control script, and no Debian or PyPI package carries the "
                                                    "qlever-index and qlever-server binaries")
def test_qlever_indexes_the_dataset(shards, tmp_path):
    report = load("qlever", shards, Settings(), folder=tmp_path)
    assert "indexed" in report.target
    assert list(tmp_path.glob("diplokg.index.*"))


def test_a_question_does_not_wait_for_virtuosos_graph_lookup(virtuoso):
    """Finding Virtuoso's own graphs reads every quad, so only a query naming graphs pays for
    it, once; its rows then leave those graphs out."""
    from kg.web.remote import RemotePool

    pool = RemotePool(virtuoso["sparql"], timeout=60)
    try:
        plain = pool.run({"op": "query", "query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "format": "json"})
        assert plain.read() and pool.stats.queries == 1
        graphs = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
        found = {b["g"]["value"] for b in json.loads(pool.run({"op": "query", "query": graphs, "format": "json"})
                                                      .read())["results"]["bindings"]}
        assert pool.stats.queries == 3  # the lookup, then the query
        assert found and all(g.startswith("https://w3id.org/diplokg/graph/") for g in found)
        assert "https://w3id.org/diplokg/graph/union" not in found
        pool.run({"op": "query", "query": graphs, "format": "json"}).read()
        assert pool.stats.queries == 4  # looked up once
    finally:
        pool.close()
