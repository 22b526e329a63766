"""Issue 10, critical: no query can make the server contact a host (SERVICE, LOAD).

Two barriers, each tested on its own: the text check refuses SERVICE/LOAD targets that are
not allowlisted (a 400 before anything runs), and the query processes have no network at
all, so a query the check let through still reaches nobody. A local listener on
127.0.0.1, which answers with data, counts every connection; it must see none.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest
import requests

from kg.web.querying import QueryPool
from kg.web.sandbox import NAMESPACE, USER_NAMESPACE
from kg.web.errors import WebError
from kg.web.launch import running_server
from tests.integration.security_listener import Listener

pytestmark = pytest.mark.slow


@pytest.fixture
def listener():
    lst = Listener()
    yield lst
    lst.close()


def bypass_family(url: str) -> dict[str, str]:
    """Ways to write a SERVICE call to ``url`` that a naive reading of the text misses."""
    base, _, local = url.rpartition("/")
    host = url.split("//", 1)[1]
    escaped_iri = "http://" + "".join(f"\\u{ord(c):04x}" for c in host)
    return {
        "issue probe: escaped quotes in strings": f'SELECT * {{ BIND("\\u0022" AS ?x) SERVICE <{url}> {{ ?s ?p ?o }} BIND("\\u0022" AS ?y) }}',
        "escaped IRI": f"SELECT * {{ SERVICE <{escaped_iri}> {{ ?s ?p ?o }} }}",
        "single-quote escape": f"SELECT * {{ BIND('\\u0027' AS ?x) SERVICE <{url}> {{ ?s ?p ?o }} }}",
        "long string with quote": f'SELECT * {{ BIND(""" " \\" """ AS ?x) SERVICE <{url}> {{ ?s ?p ?o }} }}',
        "comment with a brace": f"SELECT * {{ # }} \" SERVICE\n SERVICE <{url}> {{ ?s ?p ?o }} }}",
        "lower case, silent": f"select * {{ service silent <{url}> {{ ?s ?p ?o }} }}",
        "mixed case": f"SeLeCt * {{ SeRvIcE <{url}> {{ ?s ?p ?o }} }}",
        "prefixed name": f"PREFIX x: <{base}/> SELECT * {{ SERVICE x:{local} {{ ?s ?p ?o }} }}",
        "empty prefix": f"PREFIX : <{base}/> SELECT * {{ SERVICE :{local} {{ ?s ?p ?o }} }}",
        "relative to BASE": f"BASE <{base}/> SELECT * {{ SERVICE <{local}> {{ ?s ?p ?o }} }}",
        "variable from VALUES": f"SELECT * {{ VALUES ?e {{ <{url}> }} SERVICE ?e {{ ?s ?p ?o }} }}",
        "variable from BIND": f"SELECT * {{ BIND(<{url}> AS ?e) SERVICE ?e {{ ?s ?p ?o }} }}",
        "nested in a sub-select": f"SELECT * {{ {{ SELECT * {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }} }}",
        "nested in OPTIONAL/EXISTS": f"SELECT * {{ OPTIONAL {{ FILTER EXISTS {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }} }}",
        "no whitespace": f"SELECT*{{SERVICE<{url}>{{?s?p?o}}}}",
        "ASK": f"ASK {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        "CONSTRUCT": f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
    }


def _send_all(server: str, query: str) -> list[requests.Response]:
    return [
        requests.get(server + "/sparql", params={"query": query}, timeout=30),
        requests.post(server + "/sparql", data={"query": query}, timeout=30),
        requests.post(server + "/sparql", data=query.encode(), headers={"Content-Type": "application/sparql-query"}, timeout=30),
    ]


def test_service_guard_escape_bypass_is_refused(demo_server, listener):
    """The issue's probe: the guard read escapes outside strings, Oxigraph does not."""
    probe = bypass_family(listener.url)["issue probe: escaped quotes in strings"]
    for r in _send_all(demo_server, probe):
        assert r.status_code == 400, r.text
        assert f"SERVICE <{listener.url}> is not allowed" in r.text
        assert "KG_SERVICE_ALLOWLIST" in r.text
    time.sleep(0.3)
    assert listener.connections == 0


def test_service_bypass_family_never_contacts_the_listener(demo_server, listener):
    for name, query in bypass_family(listener.url).items():
        for r in _send_all(demo_server, query):
            assert 400 <= r.status_code < 500, (name, r.status_code, r.text)
            assert "internal secret" not in r.text, name
    time.sleep(0.3)
    assert listener.connections == 0


def test_service_escape_outside_strings_is_a_syntax_error(demo_server, listener):
    """``\\u0053ERVICE`` is no keyword for Oxigraph: a 400 from the parser, no call."""
    r = requests.get(demo_server + "/sparql", params={"query": f"SELECT * {{ \\u0053ERVICE <{listener.url}> {{}} }}"})
    assert r.status_code == 400 and "syntax" in r.text.lower()
    assert listener.connections == 0


def test_load_is_refused_with_an_update_token(tmp_path, listener):
    from kg.web.demo import build_demo

    store = build_demo(tmp_path / "store")
    with running_server(store, update_token="secret") as url:
        auth = {"Authorization": "Bearer secret", "Content-Type": "application/sparql-update"}
        for update in (f"LOAD <{listener.url}>", f"LOAD SILENT <{listener.url}> INTO GRAPH <http://g/>",
                       f"PREFIX l: <http://127.0.0.1:{listener.port}/> LOAD l:sparql"):
            r = requests.post(url + "/sparql", data=update, headers=auth, timeout=30)
            assert r.status_code == 400, r.text
            assert f"LOAD <{listener.url}> is not allowed" in r.text
        # the writer runs without a network too: the update path works otherwise
        r = requests.post(url + "/sparql", data="INSERT DATA { GRAPH <http://g/> { <http://a/> <http://b/> 1 } }", headers=auth)
        assert r.status_code == 204, r.text
    assert listener.connections == 0


def _service_query(url: str) -> dict:
    return {"op": "query", "query": f"SELECT * {{ SERVICE <{url}> {{ ?leak ?p ?o }} }}", "format": "json"}


def test_query_process_has_no_network(demo_store, listener):
    """By construction: a SERVICE query sent straight to a query process, past any text
    check, fails without contacting the listener."""
    pool = QueryPool(demo_store, size=1, timeout=20)
    try:
        with pytest.raises(WebError) as failed:
            pool.run(_service_query(listener.url)).read()
        assert failed.value.status < 503
        assert pool.run({"op": "query", "query": "ASK { ?s ?p ?o }", "format": "json"}).read() == b'{"head":{},"boolean":true}\n'
    finally:
        pool.close()
    time.sleep(0.3)
    assert listener.connections == 0


def test_update_process_has_no_network(tmp_path, listener):
    from kg.web.demo import build_demo

    pool = QueryPool(build_demo(tmp_path / "store"), timeout=20, read_only=False)
    try:
        with pytest.raises(WebError):
            pool.run({"op": "update", "query": f"LOAD <{listener.url}>"}).read()
    finally:
        pool.close()
    assert listener.connections == 0


def test_query_process_reports_how_it_left_the_network(demo_store, caplog):
    pool = QueryPool(demo_store, size=1, timeout=20)
    try:
        pool.run({"op": "ping"}).read()
        child = next(iter(pool._children))
        assert os.readlink(f"/proc/{child.proc.pid}/ns/net") != os.readlink("/proc/self/ns/net")
    finally:
        pool.close()
    assert "keeps the network" not in caplog.text


def test_allowlisted_pool_keeps_the_network(demo_store, listener):
    """The control: with an allowlist the process has a network, and the listener is reached."""
    pool = QueryPool(demo_store, size=1, timeout=20, network=True)
    try:
        body = json.loads(pool.run(_service_query(listener.url)).read())
    finally:
        pool.close()
    assert listener.connections >= 1
    assert body["results"]["bindings"][0]["leak"]["value"] == "internal secret"


def test_user_namespace_fallback(tmp_path):
    """As an unprivileged user, the process still leaves the network (user namespace)
    where the kernel allows it; otherwise it says so."""
    if os.getuid() != 0:
        pytest.skip("needs root to drop to another user")
    code = ("from kg.web.sandbox import isolate_network; import socket; how = isolate_network(); "
            "s = socket.socket(); s.settimeout(1); print(how, '|', s.connect_ex(('127.0.0.1', 1)))")
    out = subprocess.run(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", sys.executable, "-c", code],
                         capture_output=True, text=True, timeout=60, cwd=tmp_path,
                         env={**os.environ, "PYTHONPATH": str(__import__("kg").__path__[0].rsplit("/", 1)[0])})
    assert out.returncode == 0, out.stderr
    how, _, errno = out.stdout.partition(" | ")
    assert how == USER_NAMESPACE or how.startswith("none: "), out.stdout
    if how == USER_NAMESPACE:
        assert int(errno) != 0  # ENETUNREACH: no interface is up
    assert NAMESPACE != USER_NAMESPACE
