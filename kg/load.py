"""``kg load --engine oxigraph|virtuoso|qlever SHARDS...``: shards into a SPARQL engine.

Every load assembles the dataset the way ``kg build`` does: :func:`kg.build.complete_store`
streams the shards' article graphs into a fresh Oxigraph store generation with the ontology,
background and curated graphs, without the curated retractions, keeps the default graph the
union of the named graphs (each triple once) as it writes, and materialises the inferred
graph from that union. The engine then gets that dataset:

* ``oxigraph``: the generation is published under the store root and optimised;
  ``kg serve`` or ``oxigraph serve-read-only`` serves it.
* ``virtuoso``: the dataset is written as gzipped N-Quads into a folder Virtuoso may read
  (its ``DirsAllowed``) and loaded by Virtuoso's bulk loader over ``isql`` (``ld_dir``,
  ``rdf_loader_run``, ``checkpoint``), after the graphs of an earlier load are deleted.
  Named graphs are kept; the union default graph goes into the graph
  :data:`kg.iris.UNION_GRAPH`, which the front door (:mod:`kg.web.remote`) names as the default
  graph of every query, so Virtuoso's own system graphs stay out of it.
* ``qlever``: the N-Quads and a ``Qleverfile`` are written to a folder, and ``qlever
  index`` runs there when the ``qlever`` command (PyPI ``qlever``) and QLever's engine
  binaries (``qlever-index``, ``qlever-server``, built from source: neither PyPI nor Debian
  packages them) are installed; ``qlever start`` then serves it.
"""

from __future__ import annotations

import gzip
import logging
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import fsspec
import pyoxigraph as ox

from kg.build import BuildReport, complete_store
from kg.config import Settings
from kg.iris import GRAPH, UNION_GRAPH
from kg.store import StoreRoot

log = logging.getLogger(__name__)

DATASET_FILE = "diplokg.nq.gz"
ENGINES = ("oxigraph", "virtuoso", "qlever")


class LoadFailed(RuntimeError):
    """The engine refused the data or could not be reached; the message says what to do."""


@dataclass
class LoadReport:
    engine: str
    shards: int = 0
    quads: int = 0
    inferred: int = 0
    assemble_seconds: float = 0.0
    load_seconds: float = 0.0
    target: str = ""

    def summary(self) -> str:
        return (f"loaded {self.shards} shards into {self.engine} ({self.target}): {self.quads} quads with "
                f"{self.inferred} inferred; assembled in {self.assemble_seconds:.1f} s, "
                f"engine load {self.load_seconds:.1f} s")


def assemble(shards: list[str], settings: Settings, store_root: Path, *, optimize: bool = False) -> tuple[Path, BuildReport]:
    """A fresh published generation under ``store_root`` holding the shards and everything a
    build adds to them; (its path, what was added)."""
    report = BuildReport()
    if not shards:
        raise LoadFailed("no shards given: pass the part-*.nq.gz files that `kg build --out DIR` wrote")

    def fill(store: ox.Store) -> None:
        complete_store(store, shard_quads(shards), settings, report)
        if optimize:
            store.optimize()

    root = StoreRoot(store_root)
    with root.lock():
        generation = root.write_generation(fill, fresh=True)
    return generation, report


def shard_quads(shards: list[str]) -> Iterator[ox.Quad]:
    """The quads of the shards, one after the other, read as a stream."""
    for shard in shards:
        with fsspec.open(shard, "rb", compression="infer") as fh:
            yield from ox.parse(fh, ox.RdfFormat.N_QUADS)


def load(engine: str, shards: list[str], settings: Settings, *, store: Path | None = None, folder: Path | None = None,
         isql: str = "127.0.0.1:1111", user: str = "dba", password: str = "dba") -> LoadReport:
    """Load ``shards`` into ``engine``. ``store``: the store root (oxigraph; default the
    settings' store). ``folder``: where the dataset file is written for Virtuoso (a folder in
    its DirsAllowed) or QLever (its index folder)."""
    if engine not in ENGINES:
        raise LoadFailed(f"unknown engine {engine!r}: choose one of {', '.join(ENGINES)}")
    out = LoadReport(engine, shards=len(shards))
    started = time.monotonic()
    if engine == "oxigraph":
        generation, report = assemble(shards, settings, Path(store or settings.store), optimize=True)
        out.quads, out.inferred, out.target = report.quads, report.inferred, str(generation)
        out.assemble_seconds = time.monotonic() - started
        return out
    if folder is None:
        raise LoadFailed(f"--folder is needed for {engine}: where the dataset file is written for the engine to read")
    folder = Path(folder).absolute()
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".kg-load-", dir=folder) as tmp:  # beside the dataset: room for it
        generation, report = assemble(shards, settings, Path(tmp) / "store")
        dataset = folder / DATASET_FILE
        with gzip.open(dataset, "wb", compresslevel=1) as fh:
            StoreRoot(Path(tmp) / "store").open().dump(fh, ox.RdfFormat.N_QUADS)
    out.quads, out.inferred = report.quads, report.inferred
    out.assemble_seconds = time.monotonic() - started
    started = time.monotonic()
    if engine == "virtuoso":
        load_virtuoso(folder, isql=isql, user=user, password=password)
        out.target = f"isql {isql}"
    else:
        out.target = index_qlever(folder)
    out.load_seconds = time.monotonic() - started
    return out


# ------------------------------------------------------------------------------- Virtuoso


def isql_binary() -> str | None:
    """Virtuoso's SQL client: ``isql-vt`` on Debian, ``isql`` elsewhere."""
    return shutil.which("isql-vt") or shutil.which("isql")


def run_isql(sql: str, *, isql: str, user: str, password: str, timeout: float = 3600) -> str:
    """Run SQL statements through Virtuoso's isql; its output, or LoadFailed on an error."""
    binary = isql_binary()
    if binary is None:
        raise LoadFailed("Virtuoso's isql is not installed: apt-get install virtuoso-opensource (isql-vt)")
    try:
        proc = subprocess.run([binary, isql, user, password, "VERBOSE=OFF", "BANNER=OFF", "PROMPT=OFF"],
                              input=sql, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        raise LoadFailed(f"isql at {isql} did not finish within {timeout:g} s") from None
    text = proc.stdout + proc.stderr
    if proc.returncode != 0 or "*** Error" in text:
        raise LoadFailed(f"Virtuoso at {isql} refused the load: {text.strip()[-800:]}")
    return proc.stdout


def load_virtuoso(folder: Path, *, isql: str, user: str, password: str) -> None:
    """Replace DiploKG's graphs in Virtuoso by the dataset file in ``folder`` (bulk loader)."""
    d = str(folder).replace("'", "''")
    run_isql(f"""
log_enable(3, 1);
DELETE FROM DB.DBA.RDF_QUAD WHERE id_to_iri(G) LIKE '{GRAPH}%';
DELETE FROM DB.DBA.LOAD_LIST WHERE ll_file LIKE '{d}/%';
ld_dir('{d}', '{DATASET_FILE}', '{UNION_GRAPH}');
rdf_loader_run();
checkpoint;
""", isql=isql, user=user, password=password)
    errors = run_isql(f"SELECT COUNT(*) FROM DB.DBA.LOAD_LIST WHERE ll_file LIKE '{d}/%' AND ll_error IS NOT NULL;",
                      isql=isql, user=user, password=password)
    if errors.split()[-1:] != ["0"]:
        detail = run_isql(f"SELECT ll_file, ll_error FROM DB.DBA.LOAD_LIST WHERE ll_file LIKE '{d}/%';",
                          isql=isql, user=user, password=password)
        raise LoadFailed(f"Virtuoso's bulk loader reported errors: {detail.strip()[-800:]}")


# ------------------------------------------------------------------------------- QLever


QLEVERFILE = """# Written by `kg load --engine qlever`: QLever's index of DiploKG (N-Quads, named graphs kept).
[data]
NAME = diplokg
DESCRIPTION = DiploKG: diplomatic visits, summits and delegations from news

[index]
INPUT_FILES = {dataset}
CAT_INPUT_FILES = zcat ${{INPUT_FILES}}
SETTINGS_JSON = {{ "ascii-prefixes-only": false, "num-triples-per-batch": 1000000 }}

[server]
PORT = 7019
ACCESS_TOKEN = diplokg
MEMORY_FOR_QUERIES = 2G
TIMEOUT = 30s

[runtime]
SYSTEM = native

[ui]
UI_CONFIG = default
"""


#: QLever's engine binaries, which the `qlever` control script (PyPI) runs but does not carry
QLEVER_ENGINE = ("qlever-index", "IndexBuilderMain")


def qlever_binary() -> str | None:
    """The `qlever` control script, when QLever's index builder is installed beside it."""
    if not any(shutil.which(name) for name in QLEVER_ENGINE):
        return None
    return shutil.which("qlever")


def index_qlever(folder: Path) -> str:
    """Write the Qleverfile beside the dataset; index it when QLever is installed."""
    (folder / "Qleverfile").write_text(QLEVERFILE.format(dataset=DATASET_FILE))
    binary = qlever_binary()
    if binary is None:
        log.warning("QLever is not installed: wrote %s/Qleverfile and %s; run `qlever index` there once it is "
                    "(pip install qlever for the control script, and QLever's engine binaries, qlever-index and "
                    "qlever-server, built from source, on PATH)", folder, DATASET_FILE)
        return f"{folder} (Qleverfile written, not indexed)"
    proc = subprocess.run([binary, "index", "--overwrite-existing"], cwd=folder, capture_output=True, text=True)
    if proc.returncode != 0:
        raise LoadFailed(f"qlever index failed in {folder}: {(proc.stdout + proc.stderr).strip()[-800:]}")
    return f"{folder} (indexed; serve with `qlever start` there)"
