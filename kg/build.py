"""``kg build``: articles in, a published store generation out.

Steps: read the articles; extract each one in a pool of processes (cached by content hash
and extractor version, so only new or changed articles are processed again), keeping only
what the merge needs; merge events across articles; write one named graph per article, its
quads made from the cached facts as it is written, plus the ontology, background and curated
graphs, without the curated retractions; keep the default graph the union of the named graphs
and the inferred graph up to date by delta (:class:`kg.store.UnionWriter`,
:func:`kg.reason.materialise`); optimise; and publish the new generation atomically (see
:mod:`kg.store`). Graphs whose digest did not change are not rewritten; graphs of removed
articles are dropped."""

from __future__ import annotations

import hashlib
import logging
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from pyoxigraph import DefaultGraph, NamedNode, Quad, RdfFormat, Store, parse

from kg import iris
from kg.articles import Problem, iter_articles
from kg.background import background_quads, known_keys
from kg.config import Settings
from kg.extraction import Extracted, FactCache, default_extractor, extract_article, without_text
from kg.merge import Report, event_reports, keys_of_reports
from kg.model import Article, ArticleFacts
from kg.rdf import article_quads
from kg.resources import ontology_dir, package_dir
from kg.store import StoreRoot, UnionWriter
from kg.vocab import DKG, RDF, RDFS

log = logging.getLogger(__name__)

ONTOLOGY_FILES = ("dkg.ttl", "dkg-align.ttl")
ONTOLOGY_DIR = ontology_dir()


@dataclass
class BuildReport:
    """What a build did, for the summary line and for tests."""

    generation: str = ""
    articles: int = 0
    extracted: int = 0  # articles run through the extractor (not from cache)
    graphs_written: int = 0
    graphs_removed: int = 0
    graphs_unchanged: int = 0
    quads: int = 0
    inferred: int = 0
    retracted: int = 0
    seconds: float = 0.0
    problems: list[Problem] = field(default_factory=list)
    changed: bool = True  # False: every graph was as published, so no generation was written

    @property
    def skipped(self) -> list[Problem]:
        return [p for p in self.problems if p.skipped]

    def summary(self) -> str:
        articles = f"{self.articles} articles ({self.extracted} extracted, {self.articles - self.extracted} from cache)"
        if not self.changed:
            lines = [f"nothing changed: {articles}, every graph as in {self.generation}, which stays published; "
                     f"in {self.seconds:.1f} s"]
        else:
            lines = [
                f"built {self.generation}: {articles}, {self.graphs_written} graphs written, "
                f"{self.graphs_unchanged} unchanged, {self.graphs_removed} removed, {self.quads} quads, "
                f"{self.inferred} inferred, {self.retracted} retracted, in {self.seconds:.1f} s"
            ]
        if self.skipped:
            lines.append(f"skipped {len(self.skipped)} file(s):")
            lines += [f"  - {p}" for p in self.skipped]
        warnings = [p for p in self.problems if not p.skipped]
        if warnings:
            lines.append(f"{len(warnings)} warning(s):")
            lines += [f"  - {p}" for p in warnings]
        return "\n".join(lines)


class NothingBuilt(RuntimeError):
    """Raised when no article could be used: the build publishes nothing."""


def build(
    settings: Settings,
    *,
    progress: bool | None = None,
    extractor: tuple[Callable[[Article], ArticleFacts], str] | None = None,
) -> BuildReport:
    """Build (or incrementally rebuild) the store root ``settings.store`` from ``settings.articles``,
    with the curated and background folders of ``settings``.

    ``progress``: a progress bar (True), log lines (False), or decide by whether
    stderr is a terminal (None).
    """
    started = time.monotonic()
    articles, root = settings.articles, StoreRoot(settings.store)
    curated, background = Path(settings.curated), Path(settings.background)
    extract, extractor_name = extractor or default_extractor(background)
    report = BuildReport()

    with root.lock():
        root.prune()
        docs = iter_articles(articles, report.problems, max_bytes=settings.max_article_bytes)
        pool = None if extractor else (settings.build_workers or os.cpu_count() or 1, background)
        reports = _extract_all(docs, root, extract, extractor_name, progress, report, pool)
        report.articles = len(reports)
        if not reports:
            raise NothingBuilt(
                "no usable article in " + str(articles) + ": nothing was built and the previous store is untouched\n"
                + "\n".join(f"  - {p}" for p in report.problems)
            )
        keys = keys_of_reports({doc.id: rs for doc, rs in reports.items()})
        retractions, curated_graphs = _curated(curated, report)
        retraction_tag = hashlib.sha256(repr(sorted(retractions)).encode()).hexdigest()

        graphs: dict[str, tuple[str, Callable[[], Iterable[Quad]]]] = {}
        known = known_keys(background)
        cache = FactCache(root.cache_dir, extractor_name)
        inputs = _file_digest(package_dir() / name for name in ("rdf.py", "iris.py", "vocab.py", "merge.py"))
        inputs += hashlib.sha256(repr(sorted(known)).encode()).hexdigest() + retraction_tag + extractor_name
        for doc in reports:  # a graph's digest covers all its quads are made of: the article's bytes
            event_keys = keys.pop(doc.id)  # and metadata, the extractor, the keys, the code
            digest = _digest([], repr(sorted(vars(doc).items())), repr(event_keys), inputs)
            graphs[iris.article_graph(doc.id)] = (digest, partial(_cached_article_quads, cache, doc, event_keys, known))
        del reports
        # files are digested as bytes: parsing mints fresh blank nodes each time
        graphs[iris.ONTOLOGY_GRAPH] = (_file_digest(ONTOLOGY_DIR / n for n in ONTOLOGY_FILES), _ontology_quads)
        graphs[iris.BACKGROUND_GRAPH] = (_file_digest(sorted(background.glob("*.yaml"))),
                                         lambda: background_quads(background))
        for name, (path, quads) in curated_graphs.items():
            graphs[name] = (_file_digest([path]), lambda q=quads: q)

        digests = {name: digest for name, (digest, _) in graphs.items()}
        digests[iris.INFERRED_GRAPH] = _inference_digest(digests)
        old_digests = root.graph_digests()
        if root.current() is not None and digests == old_digests:
            report.changed = False
            report.generation = root.current().name
            report.graphs_unchanged = len(graphs)
            report.seconds = time.monotonic() - started
            return report
        # a new ontology changes every rule: start from an empty store rather than undo the old one
        fresh = root.current() is None or old_digests.get(iris.ONTOLOGY_GRAPH) != digests[iris.ONTOLOGY_GRAPH]
        if fresh:
            old_digests = {}

        def write(st: Store) -> None:
            """Bring the copy of the current generation up to date, graph by graph, keeping the
            default graph the union and the inferred graph up to date by delta."""
            from kg.reason import materialise

            union = UnionWriter(st, inferred=NamedNode(iris.INFERRED_GRAPH), batch=settings.build_batch, track=not fresh)
            for name in sorted(set(old_digests) - set(digests) - {iris.INFERRED_GRAPH}):
                union.remove_graph(NamedNode(name))
                report.graphs_removed += 1
            for name, (digest, quads) in graphs.items():
                if old_digests.get(name) == digest:
                    report.graphs_unchanged += 1
                    continue
                g = NamedNode(name)
                if st.contains_named_graph(g):
                    union.remove_graph(g)
                kept = _Retracting(quads(), retractions)
                union.add(kept)
                report.retracted += kept.dropped
                report.graphs_written += 1
            union.settle()
            report.inferred = materialise(st, default_is_union=True, batch=settings.build_batch,
                                          entered=None if fresh else union.entered, left=None if fresh else union.left)
            st.optimize()  # compacted indexes: measurably faster queries on the published store
            report.quads = len(st)

        gen = root.write_generation(write, digests, fresh=fresh)
        report.generation = gen.name
    report.seconds = time.monotonic() - started
    return report


def complete_store(store: Store, article_quads: Iterable[Quad], settings: Settings, report: BuildReport) -> None:
    """Write into an empty store the article quads given and what a build adds to them: the
    ontology, background and curated graphs, without the curated retractions, the default
    graph as their union (the build's :class:`kg.store.UnionWriter`) and the inferred graph.
    ``kg load`` calls it on every load of shards: a stream of quads, so memory does not grow
    with the shards, and the rules read the union, where a triple restated by many articles
    counts once."""
    retractions, curated = _curated(Path(settings.curated), report)
    union = UnionWriter(store, inferred=NamedNode(iris.INFERRED_GRAPH), batch=settings.build_batch, track=False)
    kept = _Retracting(article_quads, retractions)
    union.add(kept)
    union.add(_ontology_quads())
    union.add(background_quads(Path(settings.background)))
    for _, quads in curated.values():
        union.add(quads)
    union.settle()
    report.retracted = kept.dropped
    from kg.reason import materialise

    report.inferred = materialise(store, default_is_union=True, batch=settings.build_batch)
    report.quads = len(store)


def _extract_all(docs: Iterable[Article], root: StoreRoot, extract, extractor_name: str, progress, report,
                 pool: tuple[int, Path] | None = None) -> dict[Article, list[Report]]:
    """Each usable article (without its text) with what the merge needs of its facts (its
    :func:`kg.merge.event_reports`), with progress. The whole facts stay in the cache, where the
    write reads them again one article at a time: memory holds no article's text or evidence.

    ``pool`` (processes, background folder): the default extractor runs in that many processes,
    each loading the lexicon once; at most two articles per process are in flight, so memory
    does not grow with the corpus. Results keep the articles' order."""
    cache = FactCache(root.cache_dir, extractor_name)
    bar = None
    if progress or (progress is None and sys.stderr.isatty()):
        from tqdm import tqdm

        bar = tqdm(unit="article", desc="extracting", file=sys.stderr)
    out: dict[Article, list[Report]] = {}
    seen: list[Article] = []  # every article read, extracted or not, for the cache's pruning
    if pool is None or pool[0] < 2:
        results = (extract_article(doc, extract, cache) for doc in docs)
    else:
        results = _in_pool(docs, root.cache_dir, extractor_name, *pool)
    n = 0
    for n, result in enumerate(results, 1):
        result = without_text(result)
        seen.append(result.article)
        report.problems += result.problems
        if result.facts is not None:
            report.extracted += not result.from_cache
            out[result.article] = event_reports(result.facts)
        if bar is not None:
            bar.update()
        elif n % 500 == 0:
            log.info("read %d articles (%d extracted, the rest from cache)", n, report.extracted)
    if bar is not None:
        bar.close()
    log.info("read %d articles (%d extracted, the rest from cache)", n, report.extracted)
    cache.prune(seen)
    return out


def _cached_article_quads(cache: FactCache, doc: Article, event_keys: tuple[list[str], list[str]],
                          known: frozenset[str]) -> list[Quad]:
    """The quads of one article's graph, from its facts in the extraction cache."""
    facts = cache.get(doc)
    if facts is None:
        raise RuntimeError(f"the extraction cache lost the facts of {doc.path} during the build; build again")
    return article_quads(facts, *event_keys, known=known)


def _in_pool(docs, cache_dir: Path, extractor_name: str, processes: int, background: Path) -> Iterator[Extracted]:
    """:func:`extract_article` over ``docs`` in a process pool, in order, a bounded window at a time."""
    from collections import deque
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(processes, initializer=_start_worker, initargs=(str(background), str(cache_dir))) as ex:
        window: deque = deque()
        for doc in docs:
            window.append(ex.submit(_extract_in_worker, doc))
            if len(window) >= 2 * processes:
                yield window.popleft().result()
        while window:
            yield window.popleft().result()


_worker: tuple | None = None  # (extract, cache) of a pool process, set once by _start_worker


def _start_worker(background: str, cache_dir: str) -> None:
    global _worker
    extract, tag = default_extractor(background)
    _worker = (extract, FactCache(cache_dir, tag))


def _extract_in_worker(doc: Article) -> Extracted:
    return extract_article(doc, *_worker)


def _ontology_quads() -> list[Quad]:
    g = NamedNode(iris.ONTOLOGY_GRAPH)
    quads = []
    for name in ONTOLOGY_FILES:
        path = ONTOLOGY_DIR / name
        if path.exists():
            quads += [Quad(t.subject, t.predicate, t.object, g) for t in parse(path=str(path), format=RdfFormat.TURTLE)]
    return quads


def _curated(folder: Path, report: BuildReport) -> tuple[set[tuple], dict[str, tuple[Path, list[Quad]]]]:
    """Curated graphs by name, and the (s, p, o) triples they retract from extracted graphs."""
    graphs: dict[str, tuple[Path, list[Quad]]] = {}
    retractions: set[tuple] = set()
    if not folder.is_dir():
        return retractions, graphs
    for path in sorted(folder.glob("*.ttl")):
        name = iris.CURATED_GRAPH_PREFIX + iris.slug(path.stem)
        g = NamedNode(name)
        try:
            triples = list(parse(path=str(path), format=RdfFormat.TURTLE, base_iri=iris.ID))
        except (SyntaxError, ValueError, OSError) as exc:
            report.problems.append(Problem(path.name, f"curated file not loaded: {exc}; fix the Turtle syntax"))
            continue
        quads = [Quad(t.subject, t.predicate, t.object, g) for t in triples]
        quads += [
            Quad(g, RDF.type, DKG.CuratedSource, g),
            Quad(g, DKG.sourceFile, _lit(path.name), g),
            Quad(g, RDFS.comment, _lit("Statements curated by hand; they take precedence over extraction."), g),
        ]
        by_subject: dict = {}
        for t in triples:
            by_subject.setdefault(t.subject, {})[t.predicate] = t.object
        for props in by_subject.values():
            if props.get(RDF.type) == DKG.Retraction:
                try:
                    retractions.add((props[DKG.retractsSubject], props[DKG.retractsPredicate], props[DKG.retractsObject]))
                except KeyError:
                    report.problems.append(Problem(path.name, "a dkg:Retraction needs dkg:retractsSubject, "
                                                              "dkg:retractsPredicate and dkg:retractsObject",
                                                   skipped=False))
        graphs[name] = (path, quads)
    return retractions, graphs


def _lit(text: str):
    from pyoxigraph import Literal

    return Literal(text)


class _Retracting:
    """Quads without the curated retractions, which apply to article graphs only; counts what it dropped."""

    def __init__(self, quads: Iterable[Quad], retractions: set[tuple]) -> None:
        self.quads, self.retractions, self.dropped = quads, retractions, 0

    def __iter__(self) -> Iterator[Quad]:
        for q in self.quads:
            if (q.subject, q.predicate, q.object) in self.retractions \
                    and str(q.graph_name).startswith(f"<{iris.ARTICLE_GRAPH_PREFIX}"):
                self.dropped += 1
            else:
                yield q


def _digest(quads: Iterable[Quad], *extra: str) -> str:
    h = hashlib.sha256()
    for line in sorted(str(q) for q in quads):
        h.update(line.encode())
        h.update(b"\n")
    for e in extra:
        h.update(e.encode())
    return h.hexdigest()


def _inference_digest(graph_digests: dict[str, str]) -> str:
    """The inferred graph follows from the inference rules and every other graph."""
    return _digest([], _file_digest([package_dir() / "reason.py"]), *(f"{k} {v}" for k, v in sorted(graph_digests.items())))


def _file_digest(paths: Iterable[Path]) -> str:
    h = hashlib.sha256()
    for path in paths:
        if path.exists():
            h.update(path.name.encode() + b"\0" + path.read_bytes())
    return h.hexdigest()

