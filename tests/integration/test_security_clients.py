"""Probes from outside (issue 10's red-team pass): malformed bodies and slow clients.

Each defect found by attacking ``python -m kg.web.serve`` with raw sockets and HTTP
clients on 127.0.0.1 is a test here, named for it, against the real server.
"""

from __future__ import annotations

import socket

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
