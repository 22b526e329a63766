"""Probes from outside (issue 10's red-team pass): malformed bodies and slow clients.

Each defect found by attacking ``python -m kg.web.serve`` with raw sockets and HTTP
clients on 127.0.0.1 is a test here, named for it, against the real server.
"""

from __future__ import annotations

import socket
import time

import pytest
import requests

pytestmark = pytest.mark.slow


def raw_status(url: str, data: bytes, timeout: float = 20) -> bytes:
    """The status line the server answers ``data`` (raw bytes on one connection) with."""
    host, port = url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=timeout) as s:
        s.sendall(data)
        answer = b""
        while b"\r\n" not in answer:
            chunk = s.recv(4096)
            if not chunk:
                break
            answer += chunk
    return answer.split(b"\r\n", 1)[0]


def test_malformed_chunked_body_gives_400_not_500(demo_server):
    """A chunk size that is not hexadecimal gave a 500 (the body was read by the request limit)."""
    for body in (b"zz\r\nASK{}\r\n0\r\n\r\n", b"5\r\nASK{}\r\nnope\r\n\r\n", b"-1\r\nASK{}\r\n0\r\n\r\n"):
        line = raw_status(demo_server, b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
                                       b"Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n" + body)
        assert line.startswith(b"HTTP/1.1 400"), (body, line)
    r = requests.post(demo_server + "/sparql", data=iter([b"ASK {}"]), headers={"Content-Type": "application/sparql-query"})
    assert r.status_code == 200



def test_deeply_nested_json_to_api_views_gives_400_not_500(demo_server):
    """POST /api/views with 100,000 nested brackets made the JSON decoder recurse out: a 500."""
    for body in ("[" * 100_000 + "]" * 100_000, '{"iris": ' + "[" * 50_000 + "]" * 50_000 + "}"):
        r = requests.post(demo_server + "/api/views", data=body, headers={"Content-Type": "application/json"})
        assert r.status_code == 400, r.status_code
        assert '{"iris"' in r.text


def test_slowloris_headers_do_not_take_every_thread(demo_store):
    """A dozen connections sending a header line every second held every gunicorn thread:
    /health timed out for as long as they kept going. Their head is now due in HEAD_SECONDS."""
    from kg.web.launch import running_server
    from kg.web.worker import HEAD_SECONDS

    with running_server(demo_store) as url:
        host, port = url.removeprefix("http://").split(":")
        slow = [socket.create_connection((host, int(port))) for _ in range(16)]
        try:
            for s in slow:
                s.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\n")
            started = time.monotonic()
            answered = None
            closed = 0
            while time.monotonic() - started < HEAD_SECONDS + 20:
                for s in list(slow):
                    try:
                        s.sendall(b"X-Slow: 1\r\n")
                    except OSError:
                        slow.remove(s)
                        s.close()
                        closed += 1
                try:
                    if requests.get(url + "/health", timeout=2).status_code == 200:
                        answered = time.monotonic() - started
                        break
                except requests.RequestException:
                    pass
                time.sleep(1)
            assert answered is not None and answered < HEAD_SECONDS + 10, answered
        finally:
            for s in slow:
                s.close()


def test_client_that_never_reads_its_answer_frees_the_query_process(demo_store):
    """Two clients asking for a large answer and never reading it held both query processes:
    every other query got a 503 after waiting the whole query timeout, for as long as they
    stayed connected. Each write must now be taken within CLIENT_SECONDS."""
    from kg.web.launch import running_server
    from kg.web.worker import CLIENT_SECONDS

    big = "SELECT * { ?a ?b ?c . ?d ?e ?f } LIMIT 100000"
    body = ("query=" + requests.utils.quote(big)).encode()
    with running_server(demo_store, query_processes=1, query_timeout=120) as url:
        host, port = url.removeprefix("http://").split(":")
        readers = []
        try:
            for _ in range(2):
                s = socket.create_connection((host, int(port)))
                s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
                s.sendall(b"POST /sparql HTTP/1.1\r\nHost: x\r\nAccept: application/sparql-results+xml\r\n"
                          b"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: %d\r\n\r\n" % len(body) + body)
                readers.append(s)
            time.sleep(3)
            started = time.monotonic()
            r = requests.get(url + "/sparql", params={"query": "ASK { ?s ?p ?o }"}, timeout=CLIENT_SECONDS * 2 + 60)
            waited = time.monotonic() - started
            assert r.status_code == 200, r.text
            assert waited < CLIENT_SECONDS * 2 + 15, waited
        finally:
            for s in readers:
                s.close()


def test_idle_connections_do_not_take_every_thread(demo_store):
    """Three hundred connections that sent nothing each held a gunicorn thread for 5 s in
    turn: /health waited minutes. They now wait in the worker's poller instead."""
    from kg.web.launch import running_server

    with running_server(demo_store) as url:
        host, port = url.removeprefix("http://").split(":")
        idle = [socket.create_connection((host, int(port))) for _ in range(300)]
        try:
            time.sleep(0.5)
            started = time.monotonic()
            r = requests.get(url + "/health", timeout=15)
            assert r.status_code == 200
            assert time.monotonic() - started < 3
        finally:
            for s in idle:
                s.close()


@pytest.mark.parametrize("key", ["%00", "%7F", "a%C2%85b", "a%09b"])
def test_control_characters_in_a_resource_path_give_a_clear_400(demo_server, key):
    """/id/%00 gave a 400 carrying the parser's complaint about the server's own query
    ('error at 1:40: expected IRI'); a control character is now refused before any query."""
    for accept in ("text/turtle", "text/html"):
        r = requests.get(demo_server + "/id/" + key, headers={"Accept": accept})
        assert r.status_code == 400, (key, accept, r.status_code)
        assert "control character" in r.text and "syntax error" not in r.text
    r = requests.post(demo_server + "/api/views", json={"iris": ["https://w3id.org/diplokg/id/a\x00"]})
    assert r.status_code == 400 and "syntax error" not in r.text
