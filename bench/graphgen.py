"""A DiploKG store of any size, without extraction: scenarios -> facts -> quads -> bulk load.

The quads are made by :func:`kg.rdf.article_quads` itself, from the facts of the
synthetic articles of :mod:`bench.corpus` (each visit with its delegation, meetings,
posts, claims and the sentences as evidence), so the graph has exactly the shape a
build writes: one named graph per article, the ontology and background graphs, and the
inferences of :func:`kg.reason.materialise`. Visit IRIs follow :mod:`kg.merge`'s form
``visit/<traveller>-to-<host>-<yyyy-mm>``, so trips reported twice become one visit.

The result is a store root (``current`` -> one generation) that ``kg serve --store``,
``oxigraph serve-read-only --location <root>/current`` and :class:`kg.store.StoreRoot`
open as they are.

>>> import tempfile
>>> r = generate(tempfile.mkdtemp(), 20, materialise=False)
>>> r.visits, r.quads > 20 * 30
(20, True)
"""

from __future__ import annotations

import gc
import logging
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import DefaultGraph, Literal, NamedNode, Quad, RdfFormat, Store

from bench import corpus
from kg import iris
from kg.model import Article, ArticleFacts, Claim, Entity, Evidence, Holding, Summit, Visit
from kg.rdf import article_quads
from kg.store import StoreRoot

log = logging.getLogger(__name__)
EXTRACTOR = "bench-graphgen/1"


def _evidence(r: corpus.Rendered, fact: str, confidence: float = 0.9) -> Evidence:
    start, end = r.spans.get(fact, r.spans["visit"])
    return Evidence(start, end, r.text[start:end], confidence)


def facts_for(r: corpus.Rendered) -> tuple[ArticleFacts, list[str], list[str]]:
    """The facts an ideal extractor finds in one rendered article, with visit and summit keys."""
    s = r.scenario
    g = corpus.gold(s, names=False)
    lead = _evidence(r, "visit")
    article = Article(id=iris.slug(s.article_id), path=r.file_name, text=r.text, sha256=iris.short_hash(r.text) * 8,
                      published=s.published, language=s.lang, url=f"https://news.example/{s.article_id}",
                      title=r.title, publisher="Synthetic Wire")
    entities: dict[str, Entity] = {}

    def person(p: corpus.Person, fact: str) -> None:
        if p.key not in entities:
            entities[p.key] = Entity(p.key, "Person", p.name, state=p.state.key, evidence=[_evidence(r, fact)])

    def state(st: corpus.State, fact: str) -> None:
        if st.key not in entities:
            entities[st.key] = Entity(st.key, "State", st.en, aliases=[st.de], evidence=[_evidence(r, fact)])

    person(s.traveller, "visit")
    state(s.traveller.state, "visit")
    state(s.host, "visit")
    for key, en, de in s.places:
        entities.setdefault(key, Entity(key, "Place", en, aliases=[de], state=s.host.key,
                                        evidence=[_evidence(r, "place")]))
    for group, fact in ((s.accompanied_by, "accompaniedBy"), (s.met, "met"),
                        ([s.invited_by] if s.invited_by else [], "invitedBy"),
                        ([s.distractor[0]] if s.distractor else [], "distractor")):
        for p in group:
            person(p, fact)
    holdings = [Holding(p["person"], p["post"], p["state"], corpus.POSTS[p["post"]][0],
                        evidence=[entities[p["person"]].evidence[0]]) for p in g["posts"]]

    visits, keys = [], []
    for i, v in enumerate(g["visits"]):
        ev = lead if i == 0 else _evidence(r, "pastVisit")
        claims = []
        if i == 0:
            for prop, field_name, fact in (("place", "places", "place"), ("accompaniedBy", "accompanied_by", "accompaniedBy"),
                                           ("met", "met", "met")):
                claims += [Claim(prop, value, _evidence(r, fact)) for value in v[field_name]]
            for prop, field_name, fact in (("transport", "transport", "transport"), ("invitedBy", "invited_by", "invitedBy"),
                                           ("startDate", "start", "visit"), ("visitKind", "kind", "visit")):
                if v[field_name]:
                    claims.append(Claim(prop, v[field_name], _evidence(r, fact)))
        visits.append(Visit(traveller=v["traveller"], host=v["host"], status=v["status"], start=v["start"], end=v["end"],
                            places=v["places"], transport=v["transport"], kind=v["kind"], invited_by=v["invited_by"],
                            accompanied_by=v["accompanied_by"], met=v["met"], evidence=[ev], claims=claims))
        keys.append(f"visit/{v['traveller'].split('/', 1)[1]}-to-{v['host'].split('/', 1)[1]}-{(v['start'] or 'undated')[:7]}")
    summits, skeys = [], []
    for sm in g["summits"]:
        summits.append(Summit(participants=sm["participants"], status=sm["status"], start=sm["start"],
                              places=sm["places"], during_visit=0, evidence=[_evidence(r, "summit")]))
        names = "-".join(p.split("/", 1)[1] for p in sm["participants"])
        skeys.append(f"summit/{names}-{(sm['start'] or 'undated')[:7]}")
    facts = ArticleFacts(article, EXTRACTOR, list(entities.values()), holdings, visits, summits)
    return facts, keys, skeys


def visit_quads(n_visits: int, *, seed: int = 1) -> Iterator[tuple[int, list[Quad]]]:
    """(visits so far, quads of one article) until ``n_visits`` visits (counting reports) are made."""
    made, i = 0, 0
    while made < n_visits:
        facts, keys, skeys = facts_for(corpus.render(corpus.scenario(seed, i)))
        made += len(keys)
        i += 1
        yield made, article_quads(facts, keys, skeys)


def static_quads() -> list[Quad]:
    """Ontology and background graphs, as a build writes them."""
    from kg.background import background_quads
    from kg.build import _ontology_quads
    from kg.config import REPO

    return _ontology_quads() + background_quads(REPO / "data" / "background")


@dataclass
class GraphReport:
    visits: int = 0
    articles: int = 0
    quads: int = 0
    generate_s: float = 0.0  # building quads in Python (kg.rdf)
    load_s: float = 0.0  # Store.bulk_extend
    materialise_s: float = 0.0
    inferred: int = 0
    path: str = ""

    @property
    def load_quads_per_s(self) -> float:
        return self.quads / self.load_s if self.load_s else 0.0


class Inference:
    """:func:`kg.reason.materialise`'s rules applied triple by triple, in Python.

    The reasoner runs SPARQL rules over the whole store; here the same rules are read off
    the ontology graph once (super-classes, super-properties, inverses, domains, ranges)
    and applied to each new triple, which is what they amount to when no rule joins two
    data triples (true while the ontology declares no transitive property; otherwise
    :meth:`for_store` returns None and the generator runs the reasoner itself). A test
    keeps the two equal on a sample.
    """

    _Q = {
        "sco": "SELECT ?a ?b { GRAPH <ONT> { ?a (rdfs:subClassOf|owl:equivalentClass|^owl:equivalentClass)+ ?b "
               "FILTER(isIRI(?a) && isIRI(?b) && ?b != ?a && ?b NOT IN (owl:Thing, rdfs:Resource, owl:Class, rdfs:Class)) } }",
        "spo": "SELECT ?a ?b { GRAPH <ONT> { ?a (rdfs:subPropertyOf|owl:equivalentProperty|^owl:equivalentProperty)+ ?b "
               "FILTER(isIRI(?a) && isIRI(?b) && ?b != ?a) } }",
        "inv": "SELECT ?a ?b { GRAPH <ONT> { { ?a owl:inverseOf ?b } UNION { ?b owl:inverseOf ?a } "
               "FILTER(isIRI(?a) && isIRI(?b)) } }",
        "sym": "SELECT ?a ?b { GRAPH <ONT> { ?a a owl:SymmetricProperty BIND(?a AS ?b) } }",
        "dom": "SELECT ?a ?b { GRAPH <ONT> { ?a rdfs:domain ?b ; a ?k . VALUES ?k { owl:ObjectProperty owl:DatatypeProperty } "
               "FILTER(isIRI(?b) && ?b NOT IN (owl:Thing, rdfs:Resource)) } }",
        "rng": "SELECT ?a ?b { GRAPH <ONT> { ?a rdfs:range ?b ; a owl:ObjectProperty "
               "FILTER(isIRI(?b) && ?b NOT IN (owl:Thing, rdfs:Resource)) } }",
        "trp": "ASK { GRAPH <ONT> { ?a a owl:TransitiveProperty } }",
    }

    def __init__(self, tables: dict[str, dict]) -> None:
        self.t = tables

    @classmethod
    def for_store(cls, store: Store) -> "Inference | None":
        from kg.reason import _PREFIXES

        def run(q):
            return store.query(_PREFIXES + q.replace("<ONT>", f"<{iris.ONTOLOGY_GRAPH}>"))

        if bool(run(cls._Q["trp"])):
            return None
        tables: dict[str, dict] = {}
        for name, q in cls._Q.items():
            if name == "trp":
                continue
            table: dict = {}
            for row in run(q):
                table.setdefault(row[0], set()).add(row[1])
            tables[name] = table
        return cls(tables)

    def closure(self, quads: list[Quad], stated: set) -> list[tuple]:
        """Triples entailed by ``quads`` that are not in ``stated`` (a set of (s, p, o))."""
        t, rdf_type = self.t, RDF_TYPE
        out: set = set()
        todo = [(q.subject, q.predicate, q.object) for q in quads]
        seen: set = set(todo)
        while todo:
            s, p, o = todo.pop()
            new = []
            if p == rdf_type:
                new += [(s, p, c) for c in t["sco"].get(o, ())]
            new += [(s, q, o) for q in t["spo"].get(p, ())]
            new += [(s, rdf_type, c) for c in t["dom"].get(p, ())]
            if not isinstance(o, Literal):
                new += [(o, q, s) for q in t["inv"].get(p, ())]
                new += [(o, q, s) for q in t["sym"].get(p, ())]
                new += [(o, rdf_type, c) for c in t["rng"].get(p, ())]
            for triple in new:
                if triple not in seen:
                    seen.add(triple)
                    todo.append(triple)
                    if triple not in stated:
                        out.add(triple)
        return list(out)


RDF_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


def chunk_inferences(inference: Inference, quads: list[Quad], static_triples: set) -> list[Quad]:
    """What :func:`kg.reason.materialise` adds to the inferred graph for ``quads``: the rules'
    conclusions, and the name lookup keys of :mod:`kg.names` when the build writes them."""
    graph = NamedNode(iris.INFERRED_GRAPH)
    stated = {(q.subject, q.predicate, q.object) for q in quads} | static_triples
    out = [Quad(s, p, o, graph) for s, p, o in inference.closure(quads, stated)]
    try:
        from kg.names import name_key_quads
    except ImportError:  # a build without name keys
        return out
    labels = Store()
    labels.bulk_extend(q for q in quads if q.predicate in _LABELS)
    return out + list(name_key_quads(labels, graph))


_LABELS = (NamedNode("http://www.w3.org/2000/01/rdf-schema#label"), NamedNode("http://www.w3.org/2004/02/skos/core#altLabel"))


def generate(root: str | Path, n_visits: int, *, seed: int = 1, materialise: bool = True,
             chunk_articles: int = 500) -> GraphReport:
    """Write a store root at ``root`` with about ``n_visits`` visit reports; returns timings.

    Inferences are computed chunk by chunk with the reasoner's rules (:class:`Inference`),
    each chunk checked against the ontology and background graphs: every article graph is
    self-contained, so the union of the chunks' inferences is the store's. Running
    :func:`kg.reason.materialise` over the on-disk store, as a build does, takes about
    100 s per million quads; this takes a few seconds.
    """
    gc_was_enabled = gc.isenabled()
    gc.disable()  # millions of short-lived tuples: the collector alone tripled the time
    try:
        return _generate(root, n_visits, seed=seed, materialise=materialise, chunk_articles=chunk_articles)
    finally:
        if gc_was_enabled:
            gc.enable()


def _generate(root, n_visits: int, *, seed: int, materialise: bool, chunk_articles: int) -> GraphReport:
    rep = GraphReport(path=str(root))
    StoreRoot(root).write_generation(lambda store: _fill(store, rep, n_visits, seed=seed, materialise=materialise,
                                                         chunk_articles=chunk_articles))
    return rep


def _fill(store: Store, rep: GraphReport, n_visits: int, *, seed: int, materialise: bool, chunk_articles: int) -> None:
    from kg.reason import materialise as run

    static = static_quads()
    inferred_graph = NamedNode(iris.INFERRED_GRAPH)
    buf: list[Quad] = []
    mem = Store()
    mem.bulk_extend(static)
    inference = Inference.for_store(mem) if materialise else None
    static_triples = {(q.subject, q.predicate, q.object) for q in static}
    if materialise:  # the background graph's own inferences, once
        run(mem)
        buf.extend(mem.quads_for_pattern(None, None, None, inferred_graph))

    def flush() -> None:
        if materialise:
            t = time.perf_counter()
            if inference is not None:
                inferred = chunk_inferences(inference, buf, static_triples)
            else:
                mem = Store()
                mem.bulk_extend(static)
                mem.bulk_extend(buf)
                run(mem)
                inferred = list(mem.quads_for_pattern(None, None, None, inferred_graph))
            rep.materialise_s += time.perf_counter() - t
            rep.inferred += len(inferred)
            buf.extend(inferred)
        t = time.perf_counter()
        store.bulk_extend(_with_union(buf))
        rep.load_s += time.perf_counter() - t
        rep.quads += len(buf)
        buf.clear()

    t0 = time.perf_counter()
    n_chunk = 0
    for made, quads in visit_quads(n_visits, seed=seed):
        buf.extend(quads)
        rep.visits, rep.articles = made, rep.articles + 1
        n_chunk += 1
        if n_chunk >= chunk_articles:
            flush()
            n_chunk = 0
            if rep.articles % 20000 == 0:
                log.info("graphgen: %d visits, %d quads", made, rep.quads)
    flush()
    t = time.perf_counter()
    store.bulk_extend(_with_union(static))
    rep.load_s += time.perf_counter() - t
    rep.quads += len(static)
    rep.generate_s = time.perf_counter() - t0 - rep.load_s - rep.materialise_s
    store.optimize()
    if materialise:  # the derived shortcuts join across articles (first report of an event): over the whole store
        from kg.reason import shortcut_triples

        t = time.perf_counter()
        shortcuts = shortcut_triples(store)
        store.bulk_extend(Quad(s.subject, s.predicate, s.object, g) for s in shortcuts for g in (inferred_graph, DefaultGraph()))
        rep.materialise_s += time.perf_counter() - t
        rep.inferred += len(shortcuts)
    rep.quads = len(store)


def _with_union(quads: list[Quad]) -> list[Quad]:
    """``quads`` and their triples in the default graph, which queries read as the union of
    the named graphs (as after ``kg build``): written chunk by chunk as the quads are, since one
    INSERT over the whole store holds it all in memory (killed at 24 GB for 100k visits). A
    triple written twice is stored once."""
    return quads + [Quad(q.subject, q.predicate, q.object, DefaultGraph()) for q in quads]


def dump_nquads(root: str | Path, path: str | Path) -> int:
    """The whole store as N-Quads (for servers that load files, such as rdflib-endpoint)."""
    store = StoreRoot(root).open()
    store.dump(str(path), format=RdfFormat.N_QUADS)
    return len(store)
