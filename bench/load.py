"""A bounded HTTP load client: threads, one keep-alive connection each, SPARQL over GET.

Each client thread sends the queries of its list round-robin, one at a time, reading every
response to the end, until the duration or its share of the request budget is spent.
It is the standard library's ``http.client`` (what ``requests`` sits on) with one
persistent connection per thread: on a 2-core machine shared with the server, the client's
own CPU per request is part of every figure, and ``http.client`` costs about a third of
``requests.Session`` (see :func:`client_floor_ms`).

>>> summarize([1.0, 2.0, 3.0, 4.0])["p50_ms"]
2.5
"""

from __future__ import annotations

import http.client
import statistics
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urlencode, urlsplit

ACCEPT = "application/sparql-results+json"


class _Client:
    """One keep-alive connection to a SPARQL endpoint."""

    def __init__(self, url: str, timeout: float) -> None:
        u = urlsplit(url)
        self.host, self.port, self.path = u.hostname, u.port or 80, u.path
        self.timeout = timeout
        self.conn: http.client.HTTPConnection | None = None

    def ask(self, query: str) -> tuple[int, int]:
        """Status and body size of one query; reconnects once when the server closed the connection."""
        target = self.path + "?" + urlencode({"query": query})
        for attempt in (0, 1):
            if self.conn is None:
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
            try:
                self.conn.request("GET", target, headers={"Accept": ACCEPT})
                resp = self.conn.getresponse()
                body = resp.read()
                if resp.getheader("Connection", "").lower() == "close":
                    self.close()
                return resp.status, len(body)
            except TimeoutError:
                self.close()
                raise
            except (http.client.HTTPException, ConnectionError, OSError):
                self.close()
                if attempt:
                    raise
        raise AssertionError("unreachable")

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None


@dataclass
class LoadResult:
    concurrency: int
    requests: int = 0
    errors: int = 0
    seconds: float = 0.0
    latencies_ms: list[float] = field(default_factory=list, repr=False)
    first_error: str = ""

    @property
    def throughput(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def summary(self) -> dict:
        return {"concurrency": self.concurrency, "requests": self.requests, "errors": self.errors,
                "seconds": round(self.seconds, 3), "throughput": round(self.throughput, 2),
                **summarize(self.latencies_ms), "first_error": self.first_error}


def summarize(latencies_ms: list[float]) -> dict:
    """Median, p99, min and max of a list of latencies."""
    if not latencies_ms:
        return {"p50_ms": None, "p99_ms": None, "min_ms": None, "max_ms": None}
    xs = sorted(latencies_ms)
    p99 = xs[min(len(xs) - 1, int(round(0.99 * (len(xs) - 1))))]
    return {"p50_ms": statistics.median(xs), "p99_ms": p99, "min_ms": xs[0], "max_ms": xs[-1]}


def run_load(url: str, queries: list[str], *, concurrency: int = 1, duration_s: float = 3.0,
             max_requests: int = 100_000, timeout: float = 60.0, warmup: int = 1) -> LoadResult:
    """``concurrency`` clients against ``url`` for ``duration_s`` (or ``max_requests`` in all)."""
    result = LoadResult(concurrency)
    lock = threading.Lock()
    per_thread = max(1, max_requests // concurrency)
    clients = [_Client(url, timeout) for _ in range(concurrency)]
    for c in clients:  # open the connections (and warm the server) outside the measurement
        for q in queries[:warmup]:
            try:
                c.ask(q)
            except Exception as exc:  # reported with the run, which will fail the same way
                result.first_error = result.first_error or f"warm-up: {exc!r}"
    start_gate = threading.Barrier(concurrency + 1)
    deadline = [0.0]

    def work(n: int, client: _Client) -> None:
        lat: list[float] = []
        errors, first = 0, ""
        start_gate.wait()
        i = n
        while len(lat) + errors < per_thread and time.perf_counter() < deadline[0]:
            q = queries[i % len(queries)]
            i += 1
            t = time.perf_counter()
            try:
                status, _ = client.ask(q)
            except Exception as exc:  # a failed request is counted, never fatal to the run
                status, first = 0, first or repr(exc)
            if status == 200:
                lat.append((time.perf_counter() - t) * 1000)
            else:
                errors += 1
                first = first or f"HTTP {status}"
        with lock:
            result.latencies_ms += lat
            result.errors += errors
            result.first_error = result.first_error or first

    threads = [threading.Thread(target=work, args=(n, c), daemon=True) for n, c in enumerate(clients)]
    for t in threads:
        t.start()
    t0 = time.perf_counter()
    deadline[0] = t0 + duration_s
    start_gate.wait()
    for t in threads:
        t.join(timeout=duration_s + timeout + 10)
    result.seconds = time.perf_counter() - t0
    result.requests = len(result.latencies_ms)
    for c in clients:
        c.close()
    return result


def latencies(url: str, query: str, *, n: int = 20, budget_s: float = 10.0, timeout: float = 60.0) -> list[float]:
    """Sequential latencies of one query over one keep-alive connection (at least 3 runs)."""
    c = _Client(url, timeout)
    status, _ = c.ask(query)  # warm-up
    if status != 200:
        raise RuntimeError(f"{url} answered HTTP {status} to the query")
    out: list[float] = []
    stop = time.perf_counter() + budget_s
    while len(out) < n and (len(out) < 3 or time.perf_counter() < stop):
        t = time.perf_counter()
        status, _ = c.ask(query)
        if status != 200:
            raise RuntimeError(f"{url} answered HTTP {status} to the query")
        out.append((time.perf_counter() - t) * 1000)
    c.close()
    return out


def client_floor_ms(n: int = 2000) -> dict:
    """Median per-request cost of the client itself against a minimal local HTTP server,
    for ``http.client`` (this module) and ``requests.Session``."""
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    class H(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        wbufsize = 1 << 16  # one write per response: no Nagle / delayed-ACK stall
        disable_nagle_algorithm = True

        def do_GET(self):
            body = b'{"head":{},"boolean":true}'
            self.send_response(200)
            self.send_header("Content-Type", ACCEPT)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    srv = ThreadingHTTPServer(("127.0.0.1", 0), H)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{srv.server_address[1]}/q"
    try:
        plain = latencies(url, "ASK {}", n=n, budget_s=5)
        import requests

        s = requests.Session()
        req = []
        for _ in range(min(n, 1000)):
            t = time.perf_counter()
            s.get(url, params={"query": "ASK {}"}, headers={"Accept": ACCEPT}).content
            req.append((time.perf_counter() - t) * 1000)
        return {"http.client": statistics.median(plain), "requests": statistics.median(req)}
    finally:
        srv.shutdown()
        srv.server_close()
