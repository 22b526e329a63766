"""Start and stop the SPARQL servers under test on free loopback ports; read their memory from /proc.

Three servers answer the same store:

* ``kg`` -- the project's endpoint exactly as ``kg serve`` runs it (``python -m kg.web.serve``:
  gunicorn, threaded workers, each with its pool of query processes);
* ``oxigraph`` -- Oxigraph's own Rust server (``oxigraph serve-read-only`` from the ``oxigraph``
  PyPI package) on the same generation, whose default graph the build made the union of the named graphs;
* ``rdflib`` -- rdflib-endpoint (FastAPI + uvicorn over an in-memory rdflib Dataset, union
  default graph), loading an N-Quads dump of the same store: the pure-Python peer.

A server's memory is the sum over its process tree (gunicorn master, workers, query
processes) of each process's peak resident set (``VmHWM``), read just before it is stopped.

>>> free_port() > 1024
True
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from kg.web.launch import free_port, wait_until_answering

VENV_BIN = Path(sys.executable).parent



def _children(pid: int) -> list[int]:
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.append(int(stat.parent.name))
    return out


def process_tree(pid: int) -> list[int]:
    """``pid`` and all its descendants that are alive."""
    tree, todo = [], [pid]
    while todo:
        p = todo.pop()
        tree.append(p)
        todo += _children(p)
    return tree


def _status_kb(pid: int, key: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_memory_mb(pid: int, key: str = "VmHWM") -> float:
    """Sum of ``key`` (VmHWM: peak RSS; VmRSS: current) over the process tree, in MiB."""
    return sum(_status_kb(p, key) for p in process_tree(pid)) / 1024


@dataclass
class Server:
    """One server process tree: ``query_url`` takes ``?query=`` (GET) and returns SPARQL JSON results."""

    name: str
    cmd: list[str]
    port: int
    query_path: str
    env: dict = field(default_factory=dict)
    ready_timeout: float = 120.0
    proc: subprocess.Popen | None = None
    peak_rss_mb: float = 0.0
    start_s: float = 0.0
    log_path: Path | None = None

    @property
    def query_url(self) -> str:
        return f"http://127.0.0.1:{self.port}{self.query_path}"

    def start(self, log_dir: Path) -> "Server":
        log_dir.mkdir(parents=True, exist_ok=True)
        self.log_path = log_dir / f"{self.name}-{self.port}.log"
        t = time.perf_counter()
        self.proc = subprocess.Popen(self.cmd, stdout=self.log_path.open("wb"), stderr=subprocess.STDOUT,
                                     env={**os.environ, **self.env}, start_new_session=True)
        try:
            wait_until_answering(self.query_url, self.proc, params={"query": "ASK {}"}, timeout=self.ready_timeout)
        except RuntimeError as exc:
            self.stop()
            raise RuntimeError(f"{self.name}: {exc}; see {self.log_path}:\n{self.log_path.read_text()[-2000:]}") from None
        self.start_s = time.perf_counter() - t
        return self

    def restart(self, log_dir: Path) -> "Server":
        """Stop and start again on a new port: after a request timed out, the old process may
        still be computing it (rdflib cannot stop a query) and would slow every later one."""
        peak = max(self.peak_rss_mb, self.memory_mb())
        self.stop()
        old, self.port = str(self.port), free_port()
        self.cmd = [c.replace(old, str(self.port)) if c == old or c.endswith(":" + old) else c for c in self.cmd]
        self.start(log_dir)
        self.peak_rss_mb = peak
        return self

    def memory_mb(self, key: str = "VmHWM") -> float:
        return tree_memory_mb(self.proc.pid, key) if self.proc and self.proc.poll() is None else 0.0

    def stop(self) -> None:
        if self.proc is None:
            return
        if self.proc.poll() is None:
            self.peak_rss_mb = max(self.peak_rss_mb, self.memory_mb())
            os.killpg(self.proc.pid, signal.SIGTERM)  # our own session: the server and its children
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=10)
        self.proc = None

    def __enter__(self) -> "Server":
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


def kg_server(store_root: str | Path, *, workers: int | None = None, timeout_s: float = 60.0,
              cache: bool = True) -> Server:
    """The project's endpoint, as ``kg serve --store DIR --port P`` runs it (default settings);
    ``cache=False`` (server "kg-nocache") keeps no answers in memory (``KG_RESULT_CACHE_MB=0``)."""
    port = free_port()
    cmd = [sys.executable, "-m", "kg.web.serve", "--store", str(store_root), "--host", "127.0.0.1", "--port", str(port),
           "--query-timeout", str(timeout_s)]
    if workers:
        cmd += ["--workers", str(workers)]
    if cache:
        return Server("kg", cmd, port, "/sparql")
    return Server("kg-nocache", cmd, port, "/sparql", env={"KG_RESULT_CACHE_MB": "0"})


def oxigraph_server(store_root: str | Path) -> Server:
    """``oxigraph serve-read-only`` on the current generation of ``store_root``.

    Without ``--timeout-s``: in oxigraph 0.5 that option starts a thread per query that
    sleeps out the whole timeout, so a few seconds of load at thousands of requests per
    second exhaust the process's threads and the server dies.
    """
    exe = shutil.which("oxigraph", path=str(VENV_BIN)) or shutil.which("oxigraph")
    if exe is None:
        raise FileNotFoundError("no `oxigraph` command: pip install 'oxigraph>=0.5,<0.6' (pip install -e '.[bench]')")
    location = (Path(store_root) / "current").resolve()
    port = free_port()
    return Server("oxigraph", [exe, "serve-read-only", "--location", str(location), "--bind", f"127.0.0.1:{port}"], port, "/query")


def rdflib_server(nquads: str | Path) -> Server:
    """rdflib-endpoint over an in-memory rdflib Dataset loaded from an N-Quads file."""
    port = free_port()
    return Server("rdflib", [sys.executable, "-m", "bench.rdflib_server", str(nquads), "--port", str(port)], port,
                  "/sparql", ready_timeout=900.0)
