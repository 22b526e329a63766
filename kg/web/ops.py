"""Operations: /health, Prometheus /metrics, request logging, CORS and request limits.

CORS (Fetch standard): reads are open to the configured origins; a wildcard origin is
never combined with ``Access-Control-Allow-Credentials``, and that header is never sent.
Metrics are per server worker process (each exposes its own counters, as with any
multi-process Prometheus target without a shared registry).
"""

from __future__ import annotations

import io
import logging
import threading
import time
from collections import defaultdict

from flask import Blueprint, Response, g, jsonify, request

from kg.web.errors import WebError, error
from kg.web.site import site

log = logging.getLogger("kg.web.access")
bp = Blueprint("ops", __name__)

BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0)
EXPOSED = "X-SPARQL-MaxRows, X-SPARQL-Rows, X-SPARQL-Truncated, X-Store-Generation"


class Metrics:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.requests: dict[tuple[str, str, int], int] = defaultdict(int)
        self.buckets: dict[str, list[int]] = defaultdict(lambda: [0] * (len(BUCKETS) + 1))
        self.sums: dict[str, float] = defaultdict(float)
        self.counts: dict[str, int] = defaultdict(int)
        self.started = time.time()

    def observe(self, endpoint: str, method: str, status: int, seconds: float) -> None:
        with self.lock:
            self.requests[(endpoint, method, status)] += 1
            b = self.buckets[endpoint]
            for i, bound in enumerate(BUCKETS):
                if seconds <= bound:
                    b[i] += 1
            b[-1] += 1
            self.sums[endpoint] += seconds
            self.counts[endpoint] += 1

    def render(self, pool_stats) -> str:
        lines = [
            "# HELP diplokg_http_requests_total HTTP requests by endpoint, method and status.",
            "# TYPE diplokg_http_requests_total counter",
        ]
        with self.lock:
            for (endpoint, method, status), n in sorted(self.requests.items()):
                lines.append(f'diplokg_http_requests_total{{endpoint="{endpoint}",method="{method}",status="{status}"}} {n}')
            lines += [
                "# HELP diplokg_http_request_duration_seconds Time to the response headers.",
                "# TYPE diplokg_http_request_duration_seconds histogram",
            ]
            for endpoint, b in sorted(self.buckets.items()):
                for bound, n in zip(BUCKETS, b):
                    lines.append(f'diplokg_http_request_duration_seconds_bucket{{endpoint="{endpoint}",le="{bound}"}} {n}')
                lines.append(f'diplokg_http_request_duration_seconds_bucket{{endpoint="{endpoint}",le="+Inf"}} {b[-1]}')
                lines.append(f'diplokg_http_request_duration_seconds_sum{{endpoint="{endpoint}"}} {self.sums[endpoint]:.6f}')
                lines.append(f'diplokg_http_request_duration_seconds_count{{endpoint="{endpoint}"}} {self.counts[endpoint]}')
        lines += [
            "# HELP diplokg_queries_total Operations sent to the query processes.",
            "# TYPE diplokg_queries_total counter",
            f"diplokg_queries_total {pool_stats.queries}",
            "# HELP diplokg_query_timeouts_total Queries stopped at the query timeout.",
            "# TYPE diplokg_query_timeouts_total counter",
            f"diplokg_query_timeouts_total {pool_stats.timeouts}",
            "# HELP diplokg_query_process_restarts_total Query processes killed and replaced.",
            "# TYPE diplokg_query_process_restarts_total counter",
            f"diplokg_query_process_restarts_total {pool_stats.restarts}",
            "# HELP diplokg_query_pool_busy_total Requests refused because every query process stayed busy.",
            "# TYPE diplokg_query_pool_busy_total counter",
            f"diplokg_query_pool_busy_total {pool_stats.busy}",
            "# HELP diplokg_query_memory_kills_total Queries stopped at the memory limit (KG_QUERY_MEMORY).",
            "# TYPE diplokg_query_memory_kills_total counter",
            f"diplokg_query_memory_kills_total {pool_stats.memory_kills}",
            "# HELP diplokg_process_start_time_seconds Start of this server worker.",
            "# TYPE diplokg_process_start_time_seconds gauge",
            f"diplokg_process_start_time_seconds {self.started:.0f}",
        ]
        return "\n".join(lines) + "\n"


METRICS = Metrics()


@bp.before_app_request
def _start() -> Response | None:
    g.started = time.perf_counter()
    return _limit_request()


def _limit_request() -> Response | None:
    """Refuse a URL or body over ``max_request_bytes`` before anything reads it.

    A body without Content-Length (chunked) is read up to one byte past the limit: over
    it, a 413; otherwise it is handed on as if it had been sent with its length. Cutting
    it at the limit instead would run a different query than the one sent.
    """
    limit = site().settings.max_request_bytes
    if len(request.query_string) > limit:
        return error(414, f"the URL is longer than {limit} bytes (the server's max_request_bytes): POST the query instead")
    env = request.environ
    if request.content_length is None and env.get("wsgi.input_terminated") and request.method in ("POST", "PUT", "PATCH"):
        try:
            body = env["wsgi.input"].read(limit + 1)
        except Exception as exc:  # noqa: BLE001 - the WSGI server's own chunk parser (gunicorn: InvalidChunkSize, NoMoreData)
            return error(400, f"the chunked request body is malformed ({type(exc).__name__}): send hexadecimal "
                              "chunk sizes, or send the body with a Content-Length")
        if len(body) > limit:
            return error(413, f"the request body is larger than {limit} bytes (the server's max_request_bytes)")
        env["wsgi.input"] = io.BytesIO(body)
        env["CONTENT_LENGTH"] = str(len(body))
        env.pop("HTTP_TRANSFER_ENCODING", None)
        env.pop("wsgi.input_terminated", None)
        for cached in ("stream", "content_length", "form", "files", "values"):
            request.__dict__.pop(cached, None)
    return None


@bp.after_app_request
def _after(response: Response) -> Response:
    s = site()
    origin = request.headers.get("Origin")
    allowed = s.settings.cors_origins
    if origin:
        if "*" in allowed:
            response.headers["Access-Control-Allow-Origin"] = "*"
        elif origin in allowed:
            response.headers["Access-Control-Allow-Origin"] = origin
            response.vary.add("Origin")
        if "Access-Control-Allow-Origin" in response.headers:
            response.headers["Access-Control-Expose-Headers"] = EXPOSED
            if request.method == "OPTIONS":
                response.headers["Access-Control-Allow-Methods"] = "GET, POST, OPTIONS"
                response.headers["Access-Control-Allow-Headers"] = "Accept, Content-Type, Authorization"
                response.headers["Access-Control-Max-Age"] = "86400"
    seconds = time.perf_counter() - g.get("started", time.perf_counter())
    endpoint = request.endpoint or "unknown"
    METRICS.observe(endpoint, request.method, response.status_code, seconds)
    log.info('%s "%s %s" %d %.1fms rows=%s', request.remote_addr, request.method, request.full_path.rstrip("?")[:200],
             response.status_code, seconds * 1000, response.headers.get("X-SPARQL-Rows", "-"))
    return response


@bp.route("/health")
def health():
    """200 when the store is built and a query process answers; 503 otherwise."""
    s = site()
    try:
        reply = s.pool.run({"op": "ping"}, timeout=min(5.0, s.settings.query_timeout))
        reply.read()
    except WebError as exc:
        return jsonify(status="unavailable", error=exc.message), 503
    return jsonify(status="ok", generation=reply.head.get("generation"), read_only=not s.settings.update_token,
                   query_timeout=s.settings.query_timeout, max_rows=s.settings.max_rows)


@bp.route("/metrics")
def metrics():
    return Response(METRICS.render(site().pool.stats), mimetype="text/plain; version=0.0.4")
