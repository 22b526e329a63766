"""Safety limits with a real server: outbound SERVICE calls and runaway queries."""

from __future__ import annotations

import os
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests

from kg.web.launch import running_server
from tests.integration.security_listener import Listener

pytestmark = pytest.mark.slow

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"


@pytest.fixture
def listener():
    lst = Listener()
    yield lst
    lst.close()


def bypasses(url: str) -> list[str]:
    base, _, local = url.rpartition("/")
    return [
        f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"select * where {{ service silent <{url}> {{ ?s ?p ?o }} }}",
        f"PREFIX x: <{base}/> SELECT * WHERE {{ SERVICE x:{local} {{ ?s ?p ?o }} }}",
        f"BASE <{base}/> SELECT * WHERE {{ SERVICE <{local}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ VALUES ?e {{ <{url}> }} SERVICE ?e {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ # a comment with a }} brace\n SERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ ?s ?p \"{{\" . \\u0053ERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ {{ SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }} }}",
    ]


def test_service_is_refused_and_nothing_is_fetched(demo_server, listener):
    for query in bypasses(listener.url):
        for send in (lambda: requests.get(demo_server + "/sparql", params={"query": query}),
                     lambda: requests.post(demo_server + "/sparql", data=query.encode(), headers={"Content-Type": "application/sparql-query"})):
            r = send()
            assert r.status_code == 400, (query, r.status_code, r.text)
    time.sleep(0.5)
    assert listener.connections == 0
    # the word in a string, an IRI or a comment is not a SERVICE call
    harmless = 'SELECT * WHERE { ?s ?p "SERVICE <http://x/>" } # SERVICE <http://y/>'
    assert requests.get(demo_server + "/sparql", params={"query": harmless}).status_code == 200
    r = requests.get(demo_server + "/sparql", params={"query": bypasses(listener.url)[0]})
    assert "KG_SERVICE_ALLOWLIST" in r.text


def test_allowlisted_service_is_called(demo_store, listener):
    """The control: with the listener allowed, the same query does reach it."""
    with running_server(demo_store, service_allowlist=listener.url) as url:
        r = requests.get(url + "/sparql", params={"query": bypasses(listener.url)[0]})
        assert listener.connections >= 1
        assert r.status_code == 200  # the listener answered the SERVICE call
        other = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{listener.port}/other> {{ ?s ?p ?o }} }}"
        assert requests.get(url + "/sparql", params={"query": other}).status_code == 400


def _query_processes(store: Path) -> dict[int, int]:
    """pid -> CPU ticks of the query processes serving ``store``."""
    out = {}
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            cmd = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
            if b"kg.web.querying" in cmd and str(store).encode() in cmd:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                out[int(pid)] = int(fields[11]) + int(fields[12])
        except (FileNotFoundError, ProcessLookupError, IndexError):
            continue
    return out


def test_runaway_query_is_stopped_while_others_are_answered(tmp_path):
    from kg.web.demo import build_demo

    demo_store = build_demo(tmp_path / "store")  # its own, so only this server's processes use it
    with running_server(demo_store, query_timeout=2) as url:
        before = _query_processes(demo_store)
        assert len(before) == 2
        with ThreadPoolExecutor(1) as ex:
            started = time.monotonic()
            slow = ex.submit(requests.get, url + "/sparql", params={"query": RUNAWAY}, timeout=30)
            latencies = []
            time.sleep(0.3)
            while not slow.done() and time.monotonic() - started < 10:
                t = time.perf_counter()
                r = requests.get(url + "/sparql", params={"query": "ASK { ?s ?p ?o }"}, timeout=10)
                latencies.append(time.perf_counter() - t)
                assert r.status_code == 200 and r.json()["boolean"] is True
                time.sleep(0.05)
            answer = slow.result()
            elapsed = time.monotonic() - started
        assert answer.status_code == 503 and "stopped after 2 s" in answer.text
        assert 1.9 <= elapsed < 6
        assert latencies and max(latencies) < 1.0, latencies
        time.sleep(0.5)
        after = _query_processes(demo_store)
        assert len(set(before) - set(after)) == 1  # the runaway's process was killed ...
        assert len(after) == 2  # ... and replaced
        time.sleep(0.5)
        again = _query_processes(demo_store)
        assert all(again[p] - after.get(p, 0) < 20 for p in again)  # nobody is still computing
        metrics = requests.get(url + "/metrics").text
        assert "diplokg_query_timeouts_total 1" in metrics
        assert requests.get(url + "/sparql", params={"query": "ASK {}"}).json()["boolean"] is True
