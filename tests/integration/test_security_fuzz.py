"""Issue 10: a bounded fuzzer over query text and request shapes against the real server.

Hypothesis writes SPARQL-like text from the pieces attackers combine (SERVICE and LOAD
targets, escapes inside and outside strings, comments, prefixes, nesting, odd
codepoints) and sends it in every request shape the endpoint accepts (GET, form POST,
direct POST, HEAD, odd content types, charsets, Accept headers, dataset parameters,
repeated parameters), plus odd paths under /dumps/, /id/ and /search. No answer may be a
5xx, and the local listener, which answers with data, must never be contacted.

Bounded: each test has a fixed number of examples and a time budget (a minute in all);
past its budget a test's remaining examples return at once, so ``make test`` stays fast
on a slow machine too. A failure is shrunk and printed by Hypothesis as usual.
"""

from __future__ import annotations

import time

import pytest
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.web.launch import running_server
from tests.integration.security_listener import Listener

pytestmark = pytest.mark.slow

LISTENER = Listener()  # one per test session: its port is part of the generated text


def _escaped(text: str) -> str:
    return "".join(f"\\u{ord(c):04X}" for c in text)


def _pieces() -> list[str]:
    url = LISTENER.url
    base, _, local = url.rpartition("/")
    return [
        "SELECT", "select", "ASK", "CONSTRUCT", "DESCRIBE", "WHERE", "*", "{", "}", "(", ")", "[", "]", ".", ";", ",",
        "SERVICE", "service", "SeRvIcE", "SILENT", "LOAD", "load", "INTO GRAPH", "GRAPH", "OPTIONAL", "UNION", "MINUS",
        "FILTER", "NOT EXISTS", "EXISTS", "BIND", "AS", "VALUES", "LIMIT 3", "ORDER BY", "GROUP BY", "COUNT(*)",
        "?s", "?p", "?o", "$e", "?e", "a", "1", "\"x\"", "'y'", "\"\"\"z\"\"\"", "@en", "^^<http://www.w3.org/2001/XMLSchema#int>",
        f"<{url}>", f"<{base}/>", f"<{local}>", f"<http://{_escaped(url.split('//', 1)[1])}>", f"x:{local}", f":{local}",
        f"PREFIX x: <{base}/>", f"PREFIX : <{base}/>", f"BASE <{base}/>", "PREFIX e\\u0041: <http://a/>",
        "\"\\u0022\"", "'\\u0027'", "\"\\\"\"", "\\u0053ERVICE", "\"\\U0011FFFF\"", "\"\\uD800\"", "<http://a/\\u0020>",
        "# comment }\n", "#SERVICE\n", "\n", "\t", "\u00a0", "\u2028", "\x00", "%ff", "\\", "<", ">",
    ]


words = st.sampled_from(_pieces())
free_text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)
queries = st.lists(st.one_of(words, words, words, free_text), min_size=1, max_size=30).map(" ".join)
graph_values = st.one_of(st.just("https://w3id.org/diplokg/graph/ontology"), st.just(LISTENER.url), free_text)


@pytest.fixture(scope="module")
def fuzz_server(demo_store):
    with running_server(demo_store, query_timeout=3, max_rows=1000, max_request_bytes=20_000) as url:
        yield url


def _header(text: str) -> str:
    """``text`` as an HTTP header value can carry it (Latin-1, one line)."""
    return "".join(c for c in text if " " <= c <= "\xff" and c != "\x7f").strip() or "*/*"


def _check(r: requests.Response, what) -> None:
    assert r.status_code < 500, (what, r.status_code, r.text[:500])


class Budget:
    """Seconds a test may fuzz, counted from its first request."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.end: float | None = None
        self.sent = 0

    def spent(self) -> bool:
        if self.end is None:
            self.end = time.monotonic() + self.seconds
        return time.monotonic() > self.end


QUERY_BUDGET = Budget(40.0)
PATH_BUDGET = Budget(20.0)


@settings(max_examples=3000, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(query=queries,
       shape=st.sampled_from(["get", "form", "direct", "head", "form-update", "direct-update", "latin1", "no-type"]),
       accept=st.sampled_from([None, "*/*", "application/sparql-results+json", "text/csv", "application/x-nope",
                               "text/turtle;q=0.1, application/rdf+xml", "text/html", ";;;"]),
       graphs=st.lists(st.tuples(st.sampled_from(["default-graph-uri", "named-graph-uri", "query", "format"]), graph_values),
                       max_size=2))
def test_fuzz_query_text_and_request_shapes_never_give_5xx(fuzz_server, query, shape, accept, graphs):
    budget = QUERY_BUDGET
    if budget.spent():
        return
    url = fuzz_server + "/sparql"
    headers = {"Accept": accept} if accept else {}
    params = dict(graphs)
    if shape == "get":
        r = requests.get(url, params={"query": query, **params}, headers=headers, timeout=30)
    elif shape == "head":
        r = requests.head(url, params={"query": query, **params}, headers=headers, timeout=30)
    elif shape == "form":
        r = requests.post(url, data={"query": query, **params}, headers=headers, timeout=30)
    elif shape == "form-update":
        r = requests.post(url, data={"update": query}, headers=headers, timeout=30)
    elif shape == "direct":
        r = requests.post(url, params=params, data=query.encode("utf-8", "surrogatepass"),
                          headers={**headers, "Content-Type": "application/sparql-query"}, timeout=30)
    elif shape == "direct-update":
        r = requests.post(url, data=query.encode("utf-8", "surrogatepass"),
                          headers={**headers, "Content-Type": "application/sparql-update",
                                   "Authorization": "Bearer guess"}, timeout=30)
    elif shape == "latin1":
        r = requests.post(url, data=query.encode("latin-1", "replace"),
                          headers={**headers, "Content-Type": "application/sparql-query; charset=latin1"}, timeout=30)
    else:
        r = requests.post(url, data=query.encode("utf-8", "surrogatepass"), headers=headers, timeout=30)
    budget.sent += 1
    _check(r, (shape, query, params))
    assert LISTENER.connections == 0, (shape, query)


@settings(max_examples=1500, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(kind=st.sampled_from(["dumps", "id", "search", "store", "void"]), a=free_text, b=free_text)
def test_fuzz_paths_never_give_5xx(fuzz_server, kind, a, b):
    budget = PATH_BUDGET
    if budget.spent():
        return
    quote = requests.utils.quote
    if kind == "dumps":
        r = requests.get(f"{fuzz_server}/dumps/{quote(a, safe='')}/{quote(b, safe='')}", timeout=30)
    elif kind == "id":
        r = requests.get(f"{fuzz_server}/id/{quote(a, safe='/')}", headers={"Accept": "text/html"}, timeout=30)
    elif kind == "search":
        r = requests.get(f"{fuzz_server}/search", params={"q": a, "type": b, "limit": b}, timeout=30)
    elif kind == "store":
        r = requests.get(f"{fuzz_server}/store", params={"graph": a}, headers={"Accept": _header(b)}, timeout=30)
    else:
        r = requests.get(f"{fuzz_server}/void", headers={"Accept": _header(a)}, timeout=30)
    budget.sent += 1
    _check(r, (kind, a, b))
    assert LISTENER.connections == 0


def test_fuzz_budget_was_used():
    """The fuzzer really ran: hundreds of requests within its time budget."""
    print(f"\nfuzzer: {QUERY_BUDGET.sent} query requests, {PATH_BUDGET.sent} path requests, no 5xx, "
          f"listener contacted {LISTENER.connections} times")
    assert QUERY_BUDGET.sent >= 200 and PATH_BUDGET.sent >= 100
    assert LISTENER.connections == 0
