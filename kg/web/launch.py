"""Servers started as child processes on free ports of 127.0.0.1, for tests and benchmarks.

:func:`running_server` starts this project's endpoint (``python -m kg.web.serve``) with any
settings; :func:`running_oxigraph` starts Oxigraph's own server on a store generation,
as the reference the endpoint is compared with. Both wait until the server answers and
stop its whole process group on the way out.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import requests

REPO = Path(__file__).resolve().parents[2]


def free_port() -> int:
    """A TCP port of 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_answering(url: str, proc: subprocess.Popen, *, params: dict | None = None, timeout: float = 60.0) -> None:
    """Return once GET ``url`` answers 200; raise RuntimeError when ``proc`` exits or ``timeout`` passes."""
    deadline = time.monotonic() + timeout
    last = ""
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode} before answering {url}")
        try:
            r = requests.get(url, params=params, timeout=5)
            if r.status_code == 200:
                return
            last = r.text
        except requests.RequestException as exc:  # not listening yet, or too busy starting
            last = str(exc)
        time.sleep(0.2)
    raise RuntimeError(f"server at {url} not answering after {timeout:g} s: {last}")


def stop(proc: subprocess.Popen) -> None:
    """Stop a server started in its own session, with the processes it started."""
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


@contextmanager
def running_server(store: Path, **settings) -> Iterator[str]:
    """Start ``python -m kg.web.serve`` on a free port; yield its base URL; stop it.

    ``settings`` are Settings fields (``query_timeout=2``, ``service_allowlist="http://..."``);
    they reach the server as ``KG_*`` environment variables.
    """
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("KG_")}
    env.update({f"KG_{k.upper()}": str(v) for k, v in settings.items()})
    env.setdefault("KG_WORKERS", "1")
    env["KG_STORE"] = str(store)
    env["KG_HOST"] = "127.0.0.1"
    env["KG_PORT"] = str(port)
    env.setdefault("KG_DUMPS", str(Path(store).parent / f"dumps-{port}"))
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    # the server's log goes to a file: a pipe nobody reads would fill up and block it
    log = tempfile.NamedTemporaryFile(prefix=f"kg-server-{port}-", suffix=".log", delete=False)
    proc = subprocess.Popen([sys.executable, "-m", "kg.web.serve"], cwd=REPO, env=env,
                            stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        try:
            wait_until_answering(url + "/health", proc)
        except RuntimeError as exc:
            raise RuntimeError(f"{exc}\n--- server log ---\n{Path(log.name).read_text(errors='replace')[-3000:]}") from None
        yield url
    finally:
        stop(proc)
        log.close()
        os.unlink(log.name)


def oxigraph_binary() -> str | None:
    """The ``oxigraph`` server command (PyPI package ``oxigraph``), in this venv or on PATH."""
    return shutil.which("oxigraph", path=os.path.dirname(sys.executable)) or shutil.which("oxigraph")


@contextmanager
def running_oxigraph(binary: str, generation: Path) -> Iterator[str]:
    """``oxigraph serve-read-only`` on a store generation; yields its query URL."""
    port = free_port()
    proc = subprocess.Popen([binary, "serve-read-only", "--location", str(generation), "--bind", f"127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    url = f"http://127.0.0.1:{port}/query"
    try:
        wait_until_answering(url, proc, params={"query": "ASK {}"})
        yield url
    finally:
        stop(proc)


VIRTUOSO_INI = """; a throw-away Virtuoso for tests and benchmarks (kg.web.launch.running_virtuoso)
[Database]
DatabaseFile = {db}/virtuoso.db
ErrorLogFile = {db}/virtuoso.log
LockFile = {db}/virtuoso.lck
TransactionFile = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {db}/virtuoso-temp.db
TransactionFile = {db}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
DirsAllowed = ., {load}
NumberOfBuffers = {buffers}
MaxDirtyBuffers = {dirty}
CheckpointInterval = 0
MaxClientConnections = 8
ThreadsPerQuery = 2
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {db}
ServerThreads = 8
MaxClientConnections = 8
[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 120
MaxQueryCostEstimationTime = 0
"""


def virtuoso_binary() -> str | None:
    """Virtuoso's server (Debian package ``virtuoso-opensource``)."""
    return shutil.which("virtuoso-t")


@contextmanager
def running_virtuoso(folder: Path, *, memory_mb: int = 400) -> Iterator[dict]:
    """A fresh Virtuoso with its database in ``folder``, on free ports of 127.0.0.1; yields
    ``{"sparql": URL, "isql": "host:port", "load": folder it may bulk-load from}``."""
    binary = virtuoso_binary()
    if binary is None:
        raise RuntimeError("virtuoso-t is not installed: apt-get install virtuoso-opensource")
    db, load = Path(folder) / "db", Path(folder) / "load"
    db.mkdir(parents=True, exist_ok=True)
    load.mkdir(parents=True, exist_ok=True)
    sql_port, http_port = free_port(), free_port()
    buffers = memory_mb * 2**20 // 8700  # 8 KB pages and their overhead, as Virtuoso's own guide sizes them
    (db / "virtuoso.ini").write_text(VIRTUOSO_INI.format(db=db, load=load.absolute(), sql_port=sql_port,
                                                         http_port=http_port, buffers=buffers, dirty=buffers * 3 // 4))
    proc = subprocess.Popen([binary, "+foreground", "+configfile", str(db / "virtuoso.ini")], cwd=db,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    url = f"http://127.0.0.1:{http_port}/sparql"
    try:
        wait_until_answering(url, proc, params={"query": "ASK {}"}, timeout=120)
        yield {"sparql": url, "isql": f"127.0.0.1:{sql_port}", "load": load}
    finally:
        stop(proc)
