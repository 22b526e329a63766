"""``kg build --executor dask --out SHARDS``: the article graphs as gzipped N-Quads shards.

The same steps as the embedded build, run as a Dask bag over a cluster (or a local one):

1. **map**: each article is read through fsspec (a local glob or ``s3://...``) and
   extracted by :func:`kg.extraction.extract_article`, with the same cache of extraction
   results and the same problems as the embedded build;
2. **reduce keyed by the trip's identity**: the event reports of every article
   (:func:`kg.merge.event_reports`) are grouped by :func:`kg.merge.trip_identity` and each
   group is clustered by :func:`kg.merge.cluster_keys`. Reports of different identities
   never merge nor share a key, so the keys equal those of the one-process merge;
3. **join and write**: facts and keys meet in the shard their article hashes to, and each
   shard is written as ``part-NNNNN.nq.gz``: its articles' graphs (:func:`kg.rdf.article_quads`)
   sorted by article id, gzipped without a timestamp. Graph IRIs come from article ids, so
   a re-run writes the same bytes and replaces each shard whole.

The ontology, background, curated and inferred graphs are not in the shards: ``kg load``
adds them to every load (:mod:`kg.load`).
"""

from __future__ import annotations

import gzip
import hashlib
import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache, partial
from operator import itemgetter
from pathlib import Path, PurePosixPath

import fsspec
import pyoxigraph as ox

from kg.articles import MANIFEST, MAX_ARTICLE_BYTES, SUFFIXES, Problem, article_from_bytes, parse_manifest, unique_id
from kg.background import known_keys
from kg.build import NothingBuilt
from kg.config import Settings
from kg.extraction import Extracted, FactCache, default_extractor, extract_article, without_text
from kg.iris import slug
from kg.merge import cluster_keys, event_reports, trip_identity
from kg.rdf import article_quads

log = logging.getLogger(__name__)

SHARD_NAME = "part-{:05d}.nq.gz"
SHARD_GLOB = "part-*.nq.gz"
ARTICLES_PER_PARTITION = 50


@dataclass
class ShardReport:
    """What a sharded build did, for the summary and for tests."""

    articles: int = 0
    extracted: int = 0
    shards: int = 0
    quads: int = 0
    seconds: float = 0.0
    #: where the time went, in seconds: the cluster's start, the map, the reduce and the writing
    phases: dict[str, float] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def summary(self) -> str:
        lines = [f"wrote {self.shards} shards: {self.articles} articles ({self.extracted} extracted, "
                 f"{self.articles - self.extracted} from cache), {self.quads} quads, in {self.seconds:.1f} s"]
        if self.phases:
            lines.append("time: " + ", ".join(f"{name} {seconds:.1f} s" for name, seconds in self.phases.items()))
        skipped = [p for p in self.problems if p.skipped]
        warnings = [p for p in self.problems if not p.skipped]
        if skipped:
            lines += [f"skipped {len(skipped)} file(s):"] + [f"  - {p}" for p in skipped]
        if warnings:
            lines += [f"{len(warnings)} warning(s):"] + [f"  - {p}" for p in warnings]
        return "\n".join(lines)


def list_articles(spec: str) -> tuple[list[tuple[str, str, dict]], list[Problem]]:
    """(path, article id, manifest row) of every article that ``spec`` (a folder, a glob or
    their URL) names, sorted, and the problems of the manifests. Ids are given here, in file
    order as the embedded build gives them, so twins in different folders keep apart."""
    fs, root = fsspec.core.url_to_fs(spec)
    pattern = root.rstrip("/") + "/*" if fs.isdir(root) else root
    paths = sorted(p for p in fs.glob(pattern) if PurePosixPath(p).suffix.lower() in SUFFIXES and fs.isfile(p))
    if not paths:
        raise FileNotFoundError(f"no article (.txt/.html) matches {spec}: pass a folder or a glob such as 'data/**/*.html'")
    problems: list[Problem] = []
    manifests: dict[str, dict[str, dict]] = {}
    items: list[tuple[str, str, dict]] = []
    seen: set[str] = set()
    for p in paths:
        folder, name = p.rsplit("/", 1)
        if folder not in manifests:
            manifest = f"{folder}/{MANIFEST}"
            manifests[folder] = parse_manifest(fs.cat_file(manifest), problems) if fs.exists(manifest) else {}
        article_id = unique_id(slug(PurePosixPath(name).stem), name, seen, problems)
        items.append((p if _is_local(fs) else fs.unstrip_protocol(p), article_id, manifests[folder].pop(name, {})))
    for folder, rows in manifests.items():
        problems += [Problem(name, f"listed in {MANIFEST} but there is no such file in {folder}; "
                                   "add the file or remove its row", skipped=False) for name in rows]
    return items, problems


def _is_local(fs) -> bool:
    return "file" in fs.protocol


@lru_cache(maxsize=2)
def _worker_extractor(background: str):
    """One extractor (and lexicon) per worker process, not per article."""
    return default_extractor(background)[0]


def read_and_extract(item: tuple[str, str, dict], *, background: str, cache: str, tag: str,
                     max_bytes: int = MAX_ARTICLE_BYTES) -> tuple[list[Problem], Extracted | None]:
    """The map step for one article: read it through fsspec, extract it (or take its cached facts)."""
    path, article_id, meta = item
    name = path.rsplit("/", 1)[-1]
    try:
        with fsspec.open(path, "rb") as fh:
            raw = fh.read(max_bytes + 1)
    except OSError as exc:
        return [Problem(name, f"cannot be read ({exc.strerror or exc}); check its permissions")], None
    problems: list[Problem] = []
    doc = article_from_bytes(PurePosixPath(path) if "://" in path else Path(path), raw, meta, problems,
                             max_bytes=max_bytes, article_id=article_id)
    if doc is None:
        return problems, None
    result = extract_article(doc, _worker_extractor(background), FactCache(cache, tag))
    return problems + result.problems, without_text(result)


def shard_of(article_id: str, shards: int) -> int:
    """The shard an article's graph goes to: stable across runs, machines and Python versions."""
    return int.from_bytes(hashlib.sha256(article_id.encode()).digest()[:8], "big") % shards


def write_shard(group: tuple[int, list], *, out: str, known: frozenset[str]) -> tuple[int, int]:
    """Write one shard from its articles' facts and event keys, one article's graph at a time
    (memory holds one article's quads, not the shard's); (shard number, quads)."""
    number, items = group
    facts = {}
    keys: dict[str, dict[tuple[str, int], str]] = {}
    for _, (what, value) in items:
        if what == "facts":
            facts[value.article.id] = value
        else:
            article_id, kind, index, key = value
            keys.setdefault(article_id, {})[(kind, index)] = key
    written = 0
    with shard_file(out, number) as fh:
        for article_id in sorted(facts):
            f, k = facts[article_id], keys.get(article_id, {})
            quads = article_quads(f, [k[("visit", i)] for i in range(len(f.visits))],
                                  [k[("summit", i)] for i in range(len(f.summits))], known=known)
            fh.write(ox.serialize(quads, format=ox.RdfFormat.N_QUADS))
            written += len(quads)
    return number, written


@contextmanager
def shard_file(out: str, number: int) -> Iterator[gzip.GzipFile]:
    """Shard ``number`` under ``out``, gzipped as it is written, without a timestamp or file
    name (a re-run writes the same bytes); it replaces the old shard only once complete
    (a local file is written beside and renamed; an object store writes an object whole)."""
    fs, root = fsspec.core.url_to_fs(out)
    path = f"{root.rstrip('/')}/{SHARD_NAME.format(number)}"
    target = path + ".tmp" if _is_local(fs) else path
    try:
        with fs.open(target, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=6,
                                                          mtime=0) as fh:
            yield fh
    except BaseException:
        if _is_local(fs) and fs.exists(target):
            fs.rm(target)
        raise
    if target != path:
        fs.mv(target, path)


def build_shards(settings: Settings, articles: str, out: str, *, scheduler: str | None = None, workers: int = 2,
                 shards: int = 16, cache: str | None = None) -> ShardReport:
    """Extract ``articles`` (folder, glob or URL) on Dask into ``shards`` shards under ``out``.

    ``scheduler``: the address of a running Dask scheduler (``tcp://host:8786``); without
    one, a local cluster of ``workers`` processes runs the job. ``cache``: where extraction
    results are kept (default: the cache of the store root, shared with ``kg build``).
    """
    import dask.bag as db
    from distributed import Client, LocalCluster

    started = time.monotonic()
    report = ShardReport(shards=shards)
    items, report.problems = list_articles(articles)
    background = str(settings.background)
    tag = default_extractor(background)[1]
    cache = cache or str(Path(settings.store) / "cache")
    known = known_keys(Path(background))
    fs, root = fsspec.core.url_to_fs(out)
    fs.makedirs(root, exist_ok=True)

    logging.getLogger("distributed").setLevel(max(logging.WARNING, logging.getLogger().level))  # not a line per worker event
    cluster = None if scheduler else LocalCluster(n_workers=workers, threads_per_worker=1, dashboard_address=":0")
    client = Client(scheduler or cluster)
    report.phases["cluster start"] = time.monotonic() - started
    try:
        bag = db.from_sequence(items, npartitions=max(1, min(len(items) // ARTICLES_PER_PARTITION + 1, 10_000)))
        extracted = bag.map(partial(read_and_extract, background=background, cache=cache, tag=tag)).persist()
        outcomes = extracted.map(lambda r: (r[0], r[1] is not None and r[1].facts is not None,
                                            r[1] is not None and not r[1].from_cache)).compute()
        report.phases["read and extract"] = time.monotonic() - started - sum(report.phases.values())
        for problems, used, fresh in outcomes:
            report.problems += problems
            report.articles += used
            report.extracted += used and fresh
        if not report.articles:
            raise NothingBuilt(f"no usable article in {articles}: no shard was written\n"
                               + "\n".join(f"  - {p}" for p in report.problems))
        results = extracted.filter(lambda r: r[1] is not None and r[1].facts is not None).map(lambda r: r[1].facts)
        keys = (results.map(event_reports).flatten()
                .groupby(trip_identity).map(lambda group: cluster_keys(group[1])).flatten())
        tagged = db.concat([
            results.map(lambda f: (shard_of(f.article.id, shards), ("facts", f))),
            keys.map(lambda k: (shard_of(k[0], shards), ("key", k))),
        ])
        written = dict(tagged.groupby(itemgetter(0)).map(partial(write_shard, out=out, known=known)).compute())
        report.phases["merge and write"] = time.monotonic() - started - sum(report.phases.values())
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    for number in range(shards):  # a shard no article hashes to any more is emptied, not left stale
        if number not in written:
            with shard_file(out, number):
                pass
    for path in fs.glob(f"{root.rstrip('/')}/{SHARD_GLOB}"):
        if int(path.rsplit("-", 1)[-1].split(".")[0]) >= shards:  # left by a run with more shards
            fs.rm(path)
    report.quads = sum(written.values())
    report.seconds = time.monotonic() - started
    return report
