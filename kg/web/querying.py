"""Queries run in a small pool of query processes that are killed at the deadline.

pyoxigraph has no timeout: a query evaluated in the web process would keep a core busy
after its client gave up. So every query runs in a pre-started child process
(``python -m kg.web.querying STORE``) that holds the store open read-only. The web
process sends the request down the child's stdin and reads framed answers from its
stdout; when the deadline passes it SIGKILLs the child and starts a fresh one. Nothing
is forked per query: the cost per request is two pipe round trips.

Each child leaves the network before it opens the store (:mod:`kg.web.sandbox`), unless
SERVICE targets are allowlisted, so SERVICE and LOAD cannot reach any host. Its memory is
watched while it works: past the pool's limit it is killed and replaced like at the
deadline. It runs requests on a thread with a large stack, so deeply nested queries that
get past the depth check still cannot overflow it.

Frames from a child are ``kind (1 byte) + length (4 bytes, big endian) + payload``:
``R`` ready (JSON: how the network was taken away), ``H`` head (JSON: kind, media type,
row count, truncation), ``D`` bytes of the serialized result, ``E`` error (JSON: status,
message), ``Z`` end.

Each child opens the store through :class:`kg.store.LiveStore`, so it follows rebuilds.
With updates enabled the pool holds a single child that opens the store read-write:
the one writer, serving queries and updates in turn.
"""

from __future__ import annotations

import json
import logging
import os
import queue
import select
import signal
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

import pyoxigraph as ox

from kg.dump import dump_store
from kg.iris import PREFIXES
from kg.store import LiveStore, StoreNotBuilt, refresh_default_graph
from kg.web.errors import WebError
from kg.web.negotiate import GRAPHS, RESULTS, by_name, choose
from kg.web.results import not_acceptable_message, write_boolean, write_graph, write_solutions
from kg.web.sandbox import isolate_network

log = logging.getLogger(__name__)

_HEADER = struct.Struct(">cI")
CHUNK = 64 * 1024


class MemoryExceeded(Exception):
    """A query process grew past the pool's memory limit (it is killed and replaced)."""


#: how often a waiting request looks at its query process's memory
MEMORY_POLL = 0.05
_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


# --------------------------------------------------------------------------- parent side


class _Child:
    """One query process and the bytes read from it but not yet consumed."""

    def __init__(self, store: Path, read_only: bool, network: bool = False, memory_limit: int = 0) -> None:
        self.memory_limit = memory_limit
        self.memory_checked = 0.0
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "kg.web.querying", str(store), "ro" if read_only else "rw",
             "network" if network else "isolated"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            bufsize=0,
            close_fds=True,
        )
        self.fd = self.proc.stdout.fileno()
        self.buf = bytearray()
        self.ready = False

    def _fill(self, n: int, deadline: float) -> None:
        while len(self.buf) < n:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError
            r, _, _ = select.select([self.fd], [], [], min(left, MEMORY_POLL) if self.memory_limit else left)
            if self.memory_limit and time.monotonic() >= self.memory_checked + MEMORY_POLL:
                # also while data flows: a steady stream must not hide a growing process
                self.memory_checked = time.monotonic()
                if self.rss() > self.memory_limit:
                    raise MemoryExceeded
            if not r:
                continue
            data = os.read(self.fd, max(CHUNK, n - len(self.buf)))
            if not data:
                raise EOFError("query process exited")
            self.buf += data

    def frame(self, deadline: float) -> tuple[bytes, bytes]:
        self._fill(_HEADER.size, deadline)
        kind, length = _HEADER.unpack_from(self.buf)
        self._fill(_HEADER.size + length, deadline)
        payload = bytes(self.buf[_HEADER.size : _HEADER.size + length])
        del self.buf[: _HEADER.size + length]
        return kind, payload

    def send(self, request: dict) -> None:
        data = json.dumps(request).encode()
        self.proc.stdin.write(struct.pack(">I", len(data)) + data)

    def rss(self) -> int:
        """Resident memory of the query process in bytes (0 once it is gone)."""
        try:
            with open(f"/proc/{self.proc.pid}/statm", "rb") as f:
                return int(f.read().split()[1]) * _PAGE
        except (OSError, IndexError, ValueError):
            return 0

    def kill(self) -> None:
        try:
            self.proc.kill()
        except ProcessLookupError:
            pass
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:  # pragma: no cover - a zombie we leave to init
            pass
        for pipe in (self.proc.stdin, self.proc.stdout):
            try:
                pipe.close()
            except OSError:
                pass


@dataclass
class Reply:
    """The head of an answer (kind, media_type, rows, truncated) and its body chunks."""

    head: dict
    body: Iterator[bytes]
    started: float = field(default_factory=time.monotonic)

    def read(self) -> bytes:
        return b"".join(self.body)


@dataclass
class PoolStats:
    queries: int = 0
    timeouts: int = 0
    restarts: int = 0
    busy: int = 0
    memory_kills: int = 0


class PoolQueries:
    """What the pages ask of a query pool, on top of its ``run`` (local or remote backend)."""

    def select(self, query: str, *, timeout: float | None = None, max_rows: int = 1_000_000) -> list[dict]:
        """Rows of a SELECT as {variable: SPARQL JSON term}, run with the union default graph."""
        reply = self.run({"op": "query", "query": query, "format": "json", "max_rows": max_rows}, timeout=timeout)
        return json.loads(reply.read())["results"]["bindings"]

    def ask(self, query: str) -> bool:
        return json.loads(self.run({"op": "query", "query": query, "format": "json"}).read())["boolean"]

    def graph(self, query: str, media_type: str = "text/turtle", max_rows: int = 1_000_000) -> Reply:
        return self.run({"op": "query", "query": query, "format": media_type, "max_rows": max_rows})


class QueryPool(PoolQueries):
    """A fixed number of query processes, started lazily in the process that uses them."""

    def __init__(self, store: Path, *, size: int = 2, timeout: float = 30.0, read_only: bool = True,
                 network: bool = False, memory_limit: int = 0) -> None:
        self.store = Path(store)
        self.size = 1 if not read_only else max(1, size)
        self.timeout = timeout
        self.read_only = read_only
        self.network = network  # only when SERVICE targets are allowlisted
        self.memory_limit = memory_limit  # bytes of resident memory per query process; 0 = none
        self.stats = PoolStats()
        self._idle: queue.Queue[_Child] = queue.Queue()
        self._pid: int | None = None
        self._lock = threading.Lock()
        self._children: set[_Child] = set()

    def _ensure(self) -> None:
        if self._pid == os.getpid():
            return
        with self._lock:
            if self._pid == os.getpid():
                return
            # children started before a fork belong to the parent: start our own
            self._idle = queue.Queue()
            self._children = set()
            # children are started from one long-lived thread: Linux delivers the
            # parent-death signal when the *thread* that forked a child exits, and
            # request threads (Flask's dev server) do not live long
            self._spawner = ThreadPoolExecutor(1, thread_name_prefix="kg-query-spawner")
            for _ in range(self.size):
                self._spawn()
            self._pid = os.getpid()

    def _spawn(self) -> None:
        child = self._spawner.submit(_Child, self.store, self.read_only, self.network, self.memory_limit).result()
        self._children.add(child)
        self._idle.put(child)

    def _replace(self, child: _Child) -> None:
        child.kill()
        self._children.discard(child)
        self.stats.restarts += 1
        self._spawn()

    def close(self) -> None:
        for child in list(self._children):
            child.kill()
        self._children.clear()
        if self._pid == os.getpid():
            self._spawner.shutdown(wait=False)
        self._pid = None

    def run(self, request: dict, *, timeout: float | None = None) -> Reply:
        """Send ``request`` to a free query process; wait for its head until the deadline.

        Raises :class:`WebError` for errors reported by the child, and with status 503
        when the deadline passes or the child outgrows the memory limit (it is killed).
        A read-only query whose process died under it for another reason (killed from
        outside) is sent once more to a fresh process.
        """
        self._ensure()
        timeout = self.timeout if timeout is None else timeout
        started = time.monotonic()
        deadline = started + timeout
        for attempt in (1, 2):
            try:
                child = self._idle.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                self.stats.busy += 1
                raise WebError(503, f"all {self.size} query processes stayed busy for {timeout:g} s; retry later") from None
            try:
                if not child.ready:
                    kind, payload = child.frame(time.monotonic() + 60)
                    if kind != b"R":
                        raise EOFError(payload.decode(errors="replace"))
                    self._started(child, payload)
                child.send(request)
                self.stats.queries += 1
                kind, payload = child.frame(deadline)
            except (TimeoutError, MemoryExceeded) as exc:
                self._replace(child)
                raise self._stopped(exc, timeout) from None
            except (EOFError, OSError) as exc:
                cause = _death(child, exc)
                self._replace(child)
                if attempt == 1 and self.read_only:
                    log.warning("query process died (%s); sending the request to a fresh one", cause)
                    continue
                raise WebError(503, f"the query process died twice ({cause}); retry later or simplify the query") from None
            break
        if kind == b"E":
            self._idle.put(child)
            err = json.loads(payload)
            raise WebError(err["status"], err["message"])
        head = json.loads(payload)
        return Reply(head, self._body(child, deadline, timeout), started)

    def _started(self, child: _Child, payload: bytes) -> None:
        child.ready = True
        network = json.loads(payload or b"{}").get("network", "")
        if network.startswith("none"):
            log.warning("query process %d keeps the network (%s): only the SERVICE/LOAD text check "
                        "stops outbound requests", child.proc.pid, network)

    def _stopped(self, exc: Exception, timeout: float) -> WebError:
        if isinstance(exc, MemoryExceeded):
            self.stats.memory_kills += 1
            return WebError(503, f"query stopped at {self.memory_limit // 2**20} MB of memory (the server's "
                                 "KG_QUERY_MEMORY): add a LIMIT, bind a variable to a known resource, "
                                 "or run it on a dump (see /dumps/)")
        self.stats.timeouts += 1
        return WebError(503, _timeout_message(timeout))

    def _body(self, child: _Child, deadline: float, timeout: float) -> Iterator[bytes]:
        done = False
        try:
            while True:
                kind, payload = child.frame(deadline)
                if kind == b"D":
                    yield payload
                elif kind == b"Z":
                    done = True
                    return
                elif kind == b"E":
                    done = True
                    raise WebError(json.loads(payload)["status"], json.loads(payload)["message"])
        except (TimeoutError, MemoryExceeded) as exc:
            raise self._stopped(exc, timeout) from None
        except (EOFError, OSError) as exc:
            raise WebError(503, f"the query process died while answering ({_death(child, exc)}); retry later") from None
        finally:
            # a child stopped mid-answer (timeout, client gone) is killed, never reused
            if done:
                self._idle.put(child)
            else:
                self._replace(child)


def _death(child: _Child, exc: Exception) -> str:
    """How a query process ended, for messages and the log."""
    try:
        code = child.proc.wait(timeout=1)
    except subprocess.TimeoutExpired:
        code = None
    if code is not None and code < 0:
        try:
            return f"signal {signal.Signals(-code).name}"
        except ValueError:
            return f"signal {-code}"
    return str(exc) or type(exc).__name__


def _timeout_message(timeout: float) -> str:
    return (
        f"query stopped after {timeout:g} s (the server's query timeout): add a LIMIT, "
        "bind a variable to a known resource, or run it on a dump (see /dumps/)"
    )


# --------------------------------------------------------------------------- child side


class _FrameWriter:
    """A binary file-like object that turns writes into ``D`` frames of about 64 KiB."""

    def __init__(self, out) -> None:
        self.out = out
        self.buf = bytearray()

    def write(self, data) -> int:
        self.buf += data
        if len(self.buf) >= CHUNK:
            self.flush()
        return len(data)

    def flush(self) -> None:
        if self.buf:
            _send(self.out, b"D", bytes(self.buf))
            self.buf.clear()

    def writable(self) -> bool:  # io protocol, asked by some serializers
        return True


def _send(out, kind: bytes, payload: bytes) -> None:
    out.write(_HEADER.pack(kind, len(payload)) + payload)
    out.flush()


def _error(out, status: int, message: str) -> None:
    _send(out, b"E", json.dumps({"status": status, "message": message}).encode())


def _die_with_parent() -> None:
    """Ask Linux to SIGKILL this process when the web process dies (prctl PR_SET_PDEATHSIG)."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux: stdin EOF still ends the loop
        pass


#: stack of the thread that runs requests: deep nesting must not overflow the parser
STACK_BYTES = 512 * 2**20


def child_main(store_path: str, mode: str, network: str = "isolated") -> None:
    """Leave the network, then serve requests from stdin until it closes."""
    _die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C on the server reaches us too
    # first, while this process has a single thread (a user namespace needs that)
    how = "kept: SERVICE targets are allowlisted" if network == "network" else isolate_network()
    threading.stack_size(STACK_BYTES)
    worker = threading.Thread(target=_serve, args=(store_path, mode, how), name="kg-query")
    worker.start()
    worker.join()


def _serve(store_path: str, mode: str, network: str) -> None:
    inp = sys.stdin.buffer
    out = sys.stdout.buffer
    sys.stdout = sys.stderr  # stray prints must not corrupt the frames
    live = LiveStore(store_path, read_only=(mode == "ro"))
    _send(out, b"R", json.dumps({"network": network}).encode())
    while True:
        size = inp.read(4)
        if len(size) < 4:
            return
        (length,) = struct.unpack(">I", size)
        request = json.loads(inp.read(length))
        try:
            _handle(request, live, out)
        except StoreNotBuilt:
            _error(out, 503, "the store has not been built yet: run `kg build` on the server")
        except SyntaxError as exc:
            _error(out, 400, f"SPARQL syntax error: {exc}")
        except WebError as exc:
            _error(out, exc.status, exc.message)
        except (OSError, ValueError, TypeError, RuntimeError) as exc:
            _error(out, 500, f"query evaluation failed: {_without_paths(str(exc), store_path)}")


def _without_paths(message: str, store_path: str) -> str:
    """``message`` with the store's location on disk replaced: clients need not know it.

    >>> _without_paths("IO error: /srv/kg/store/gen-1/LOCK: No space left", "/srv/kg/store")
    'IO error: <store>/gen-1/LOCK: No space left'
    """
    for path in sorted({str(Path(store_path).absolute()), str(Path(store_path).resolve())}, key=len, reverse=True):
        message = message.replace(path, "<store>")
    return message


def _handle(request: dict, live, out) -> None:
    """Answer one request with a head frame, the body's data frames and the end frame."""
    operation = _OPERATIONS.get(request.get("op", "query"))
    if operation is None:
        raise WebError(400, f"unknown operation {request.get('op')!r}")
    head, write_body = operation(request, live)
    head["generation"] = live.generation.name if live.generation else ""
    _send(out, b"H", json.dumps(head).encode())
    if write_body is not None:
        body = _FrameWriter(out)
        write_body(body)
        body.flush()
    _send(out, b"Z", b"")


# Each operation does its work and returns the head of its answer and, when the answer
# has a body, a function that writes it; nothing is sent before the work succeeded.


def _ping(request: dict, live):
    return {"kind": "ping"}, None


def _update(request: dict, live):
    if live.read_only:
        raise WebError(403, "this endpoint is read-only")
    store = live.store
    store.update(request["query"], base_iri=request.get("base_iri"))
    refresh_default_graph(store)  # keep the default graph the union of the named graphs
    store.flush()
    return {"kind": "update"}, None


def _dumpfile(request: dict, live):
    """The published dump files: the build's own dump logic, run where the store is open."""
    dump_store(live.store, request["name"], request["path"])
    return {"kind": "file"}, None


def _dump(request: dict, live):
    store = live.store
    graph = request.get("graph")
    from_graph = None
    if graph:
        # "union" and "default" are one graph: the build made the default graph the union
        from_graph = ox.DefaultGraph() if graph in ("union", "default") else ox.NamedNode(graph)
        if from_graph != ox.DefaultGraph() and from_graph not in set(store.named_graphs()):
            raise WebError(404, f"no graph <{graph}> in this dataset: GET /sparql lists the named graphs")
    fmt = ox.RdfFormat.from_media_type(request["format"])
    kwargs = {"format": fmt, "from_graph": from_graph}
    if fmt not in (ox.RdfFormat.N_QUADS, ox.RdfFormat.N_TRIPLES):
        kwargs["prefixes"] = PREFIXES
    head = {"kind": "graph", "media_type": request["format"], "truncated": False}
    if request.get("path"):
        store.dump(request["path"], **kwargs)
        return head, None
    return head, lambda body: store.dump(body, **kwargs)


def _query(request: dict, live):
    default_graphs = request.get("default_graphs") or []
    named_graphs = request.get("named_graphs") or []
    kwargs: dict = {"base_iri": request.get("base_iri")}
    if default_graphs or named_graphs:
        # SPARQL Protocol 2.1.4: the protocol's dataset replaces the query's own
        kwargs["default_graph"] = [ox.DefaultGraph() if i == "default" else ox.NamedNode(i) for i in default_graphs]
        kwargs["named_graphs"] = [ox.NamedNode(i) for i in named_graphs]
    # otherwise the default graph, which the build made the union of the named graphs
    answer = live.store_for(request.get("generation")).query(request["query"], **kwargs)
    max_rows = int(request.get("max_rows") or 100_000)
    if isinstance(answer, ox.QueryTriples):
        kind, formats = "graph", GRAPHS
    elif isinstance(answer, ox.QueryBoolean):
        kind, formats = "ask", RESULTS
    else:
        kind, formats = "select", RESULTS
    wanted = request.get("format")
    fmt = by_name(wanted, formats) if wanted else choose(request.get("accept"), formats)
    if fmt is None:
        raise WebError(406, not_acceptable_message("graph" if kind == "graph" else "results", request.get("accept"), wanted))
    if kind == "ask":
        head = {"kind": kind, "media_type": fmt.media_type, "rows": 1, "truncated": False}
        return head, lambda body: write_boolean(bool(answer), fmt, body)
    rows = list(islice(answer, max_rows + 1))
    truncated = len(rows) > max_rows
    del rows[max_rows:]
    head = {"kind": kind, "media_type": fmt.media_type, "rows": len(rows), "truncated": truncated}
    if kind == "graph":
        return head, lambda body: write_graph(rows, fmt, body)
    variables = [v.value for v in answer.variables]
    return head, lambda body: write_solutions(variables, rows, fmt, body, truncated=truncated, max_rows=max_rows)


_OPERATIONS = {"ping": _ping, "update": _update, "dumpfile": _dumpfile, "dump": _dump, "query": _query}


if __name__ == "__main__":
    child_main(*sys.argv[1:4])
