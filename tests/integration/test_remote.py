"""``kg.connect`` against the real server: the same frames as ``kg.open`` on the same store.

Two servers: one over the hand-built store of the unit tests (rows known exactly) and
the ``server`` fixture over the seed articles built by the real pipeline.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
import rdflib
from pyoxigraph import QueryBoolean, QuerySolutions

import kg
from kg.api import EndpointError
from kg.bindings import BindingError
from kg.questions import list_questions

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit"))
from test_api import hand_root  # noqa: E402,F401  (module fixture: the hand-built store)

from kg.web.launch import running_server  # noqa: E402

pytestmark = pytest.mark.slow

ADHOC = """PREFIX dkg: <https://w3id.org/diplokg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?visit ?start ?name ?offset WHERE {
  ?visit a dkg:Visit ; dkg:startDate ?start ; dkg:traveller/rdfs:label ?name ; dkg:evidence/dkg:startOffset ?offset .
} ORDER BY ?visit ?offset"""


@pytest.fixture(scope="module")
def hand_server(hand_root):  # noqa: F811
    with running_server(hand_root) as url:
        yield url


@pytest.fixture(scope="module")
def pair(hand_root, hand_server):  # noqa: F811
    return kg.open(hand_root), kg.connect(hand_server + "/sparql")


def _same(local, remote, name):
    assert list(local.columns) == list(remote.columns), name
    pd.testing.assert_frame_equal(local, remote, obj=name)


def test_every_question_gives_the_same_frame(pair):
    local, remote = pair
    for q in list_questions():
        a, b = local.query_df(q.name), remote.query_df(q.name)
        assert not a.empty, q.name
        _same(a, b, q.name)


def test_questions_with_parameters_match(pair):
    local, remote = pair
    cases = [
        ("visitors-to-state", {"state": "nordkorea", "since": date(2023, 8, 1)}),
        ("visit-delegation", {"traveller": "", "host": "", "when": ""}),
        ("ministers-accompanying", {"leader": kg.iri("id:person/kim-jong-un")}),
        ("visits-by-transport", {"mode": "Zug"}),
    ]
    for name, params in cases:
        a, b = local.query_df(name, **params), remote.query_df(name, **params)
        assert not a.empty, name
        _same(a, b, name)
    assert list(remote.query_df("visitors-to-state", since="2023-08-01")["visitorName"]) == ["Sergei Lavrov"]


def test_adhoc_sparql_with_bindings_matches(pair):
    local, remote = pair
    a = local.query_df(ADHOC)
    _same(a, remote.query_df(ADHOC), "adhoc")
    assert {type(v) for v in a["start"]} == {date, pd.Period}
    q = ADHOC.replace("SELECT ?visit", "SELECT ?visit ?quote").replace(
        "dkg:evidence/dkg:startOffset ?offset", "dkg:evidence ?m . ?m dkg:startOffset ?offset ; dkg:quote ?quote")
    quote = "In July, Defence Minister Sergei Shoigu had visited Pyongyang."
    a, b = local.query_df(q, quote=quote), remote.query_df(q, quote=quote)
    assert list(a["name"]) == ["Sergei Shoigu"]
    _same(a, b, "bound")
    hostile = 'x" } UNION { ?visit ?p ?quote } #'
    assert remote.query_df(q, quote=hostile).empty and local.query_df(q, quote=hostile).empty


def test_remote_query_types_and_errors(pair):
    local, remote = pair
    assert isinstance(remote.query("SELECT ?s WHERE { ?s ?p ?o } LIMIT 1"), QuerySolutions)
    assert isinstance(remote.query("ASK { ?s ?p ?o }"), QueryBoolean)
    triples = list(remote.query("CONSTRUCT { ?s a ?c } WHERE { ?s a <https://w3id.org/diplokg/ontology#Summit> . ?s a ?c }"))
    assert triples == list(local.query("CONSTRUCT { ?s a ?c } WHERE { ?s a <https://w3id.org/diplokg/ontology#Summit> . ?s a ?c }"))
    assert remote.stats() == local.stats()
    with pytest.raises(SyntaxError):
        remote.query("SELECT ?s WHERE { ?s ?p }")
    with pytest.raises(BindingError):
        remote.query("SELECT ?s WHERE { ?s ?p ?o }", o="x")
    with pytest.raises(EndpointError, match="is the server running"):
        kg.connect("http://127.0.0.1:9/sparql", timeout=2).query("ASK {}")


def test_remote_rdflib_view(pair):
    _, remote = pair
    ds = remote.graph()
    assert isinstance(ds, rdflib.Dataset)
    rows = list(ds.query("SELECT (COUNT(*) AS ?n) WHERE { ?v a <https://w3id.org/diplokg/ontology#Visit> }"))
    assert int(rows[0][0]) == 4


def test_seed_store_local_and_remote_agree(seed_store, server):
    local, remote = kg.open(seed_store), kg.connect(server + "/sparql")
    for q in list_questions():
        _same(local.query_df(q.name), remote.query_df(q.name), q.name)
    _same(local.query_df(ADHOC), remote.query_df(ADHOC), "adhoc")
    assert local.stats() == remote.stats()
