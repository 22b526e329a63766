"""Inferences materialised into the store, and an OWL consistency check with HermiT.

Users query the SPARQL endpoint without a reasoner, so what they need from the ontology
is written into the named graph ``kg.iris.INFERRED_GRAPH`` at build time:

* ``rdf:type`` closure over ``rdfs:subClassOf`` and ``owl:equivalentClass``
  (a ``dkg:ForeignMinister`` is a ``dkg:Minister`` and a ``dkg:Position``);
* ``rdfs:subPropertyOf`` / ``owl:equivalentProperty`` closure;
* ``owl:inverseOf`` (``dkg:holds`` / ``dkg:heldBy``), symmetric and transitive properties;
* domain and range typing, only where it is safe: the property is declared an
  ``owl:ObjectProperty`` or ``owl:DatatypeProperty`` and the domain or range is a
  named class (never a union, never ``owl:Thing``). A wrong extracted triple can then
  give a resource a second, disjoint type, which the SHACL shapes report.

Every rule is a SPARQL CONSTRUCT over the union of all graphs, driven by the axioms in
the ontology graph (``kg.iris.ONTOLOGY_GRAPH``): no class or property is named here. The
rules run to a fixpoint; this covers the OWL 2 RL rules cax-sco, cax-eqc, scm-*,
prp-spo1, prp-eqp, prp-inv, prp-symp, prp-trp, prp-dom and prp-rng.

:func:`check_consistency` answers the other question, whether ontology and data agree
at all, with HermiT (through owlready2) and explains an inconsistency with Pellet's
``explain``. Both need a Java runtime.
"""

from __future__ import annotations

import itertools
import logging
import os
import re
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import DefaultGraph, Literal, NamedNode, Quad, RdfFormat, Store, Triple, parse, serialize

from kg import iris
from kg.store import drop_graph, write_in_batches

log = logging.getLogger(__name__)

RDF_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
OWL_TRANSITIVE = NamedNode("http://www.w3.org/2002/07/owl#TransitiveProperty")

JAVA_HINT = "install a Java runtime: apt-get install default-jre-headless (or put `java` on PATH)"

_PREFIXES = """
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
"""

# Each rule: CONSTRUCT over the union of all graphs; <ONT> is replaced by the ontology graph.
# FILTER NOT EXISTS keeps a rule from re-deriving what is stated or already inferred.
# DATA{ ... } marks a rule's one data premise: the first round matches it against every graph,
# later rounds only against the triples the previous round inferred (semi-naive evaluation,
# exact for rules with a single data premise; the transitive rule has two and always runs in full).
RULES: dict[str, str] = {
    "subclass": """
        CONSTRUCT { ?x a ?super } WHERE {
          GRAPH <ONT> {
            ?class (rdfs:subClassOf|owl:equivalentClass|^owl:equivalentClass)+ ?super .
            FILTER(isIRI(?class) && isIRI(?super) && ?super != ?class
                   && ?super NOT IN (owl:Thing, rdfs:Resource, owl:Class, rdfs:Class))
          }
          DATA{ ?x a ?class . }
          FILTER NOT EXISTS { ?x a ?super }
        }""",
    "subproperty": """
        CONSTRUCT { ?s ?super ?o } WHERE {
          GRAPH <ONT> {
            ?p (rdfs:subPropertyOf|owl:equivalentProperty|^owl:equivalentProperty)+ ?super .
            FILTER(isIRI(?p) && isIRI(?super) && ?super != ?p)
          }
          DATA{ ?s ?p ?o . }
          FILTER NOT EXISTS { ?s ?super ?o }
        }""",
    "inverse": """
        CONSTRUCT { ?o ?q ?s } WHERE {
          GRAPH <ONT> { { ?p owl:inverseOf ?q } UNION { ?q owl:inverseOf ?p } FILTER(isIRI(?p) && isIRI(?q)) }
          DATA{ ?s ?p ?o . }
          FILTER(!isLiteral(?o))
          FILTER NOT EXISTS { ?o ?q ?s }
        }""",
    "symmetric": """
        CONSTRUCT { ?o ?p ?s } WHERE {
          GRAPH <ONT> { ?p a owl:SymmetricProperty }
          DATA{ ?s ?p ?o . }
          FILTER(!isLiteral(?o))
          FILTER NOT EXISTS { ?o ?p ?s }
        }""",
    "transitive": """
        CONSTRUCT { ?s ?p ?o } WHERE {
          GRAPH <ONT> { ?p a owl:TransitiveProperty }
          ?s ?p ?m . ?m ?p ?o .
          FILTER NOT EXISTS { ?s ?p ?o }
        }""",
    "domain": """
        CONSTRUCT { ?s a ?class } WHERE {
          GRAPH <ONT> {
            ?p rdfs:domain ?class ; a ?kind .
            VALUES ?kind { owl:ObjectProperty owl:DatatypeProperty }
            FILTER(isIRI(?class) && ?class NOT IN (owl:Thing, rdfs:Resource))
          }
          DATA{ ?s ?p ?o . }
          FILTER NOT EXISTS { ?s a ?class }
        }""",
    "range": """
        CONSTRUCT { ?o a ?class } WHERE {
          GRAPH <ONT> {
            ?p rdfs:range ?class ; a owl:ObjectProperty .
            FILTER(isIRI(?class) && ?class NOT IN (owl:Thing, rdfs:Resource))
          }
          DATA{ ?s ?p ?o . }
          FILTER(!isLiteral(?o))
          FILTER NOT EXISTS { ?o a ?class }
        }""",
}

TYPING_RULES = ("domain", "range")

# Derived shortcuts (declared in the ontology as such): one indexed triple where a question
# would otherwise walk a path or aggregate over all evidence. Run once after the rules, over
# stated and inferred triples; a triple of both graph and union counts once (CONSTRUCT is a set).
SHORTCUTS: dict[str, str] = {
    "fromState of a person": """
        PREFIX dkg: <https://w3id.org/diplokg/ontology#>
        CONSTRUCT { ?person dkg:fromState ?state } WHERE {
          { ?person dkg:citizenOf ?state } UNION { ?person dkg:holds ?post . ?post dkg:ofState ?state }
        }""",
    "fromState of a visit": """
        PREFIX dkg: <https://w3id.org/diplokg/ontology#>
        CONSTRUCT { ?visit dkg:fromState ?state } WHERE {
          ?visit a dkg:Visit ; dkg:traveller ?person .
          { ?person dkg:citizenOf ?state } UNION { ?person dkg:holds ?post . ?post dkg:ofState ?state }
        }""",
    "reportedOn": """
        PREFIX dkg: <https://w3id.org/diplokg/ontology#>
        CONSTRUCT { ?event dkg:reportedOn ?published } WHERE {
          VALUES ?kind { dkg:Visit dkg:Summit }
          ?event a ?kind ; dkg:evidence ?mention .
          ?mention dkg:article ?article .
          ?article dkg:published ?published .
        }""",
}


SHORTCUT_PROPERTIES = tuple(NamedNode(iris.ONTOLOGY + name) for name in ("fromState", "reportedOn"))


def shortcut_triples(store: Store, *, default_is_union: bool = True) -> set[Triple]:
    """The derived shortcuts of :data:`SHORTCUTS` over the whole store (read from the default
    graph when it holds the union, as after a build; else from the union of the named graphs)."""
    return set(_shortcuts(store, default_is_union))


def _shortcuts(store: Store, default_is_union: bool) -> Iterator[Triple]:
    for query in SHORTCUTS.values():
        yield from derived(store, query, use_default_graph_as_union=not default_is_union)


def _refresh_shortcuts(store: Store, target: NamedNode, graphs: tuple, default_is_union: bool, batch: int) -> None:
    """Bring the shortcuts in ``target`` (and the default graph) up to date: each is an
    aggregate or a join over several resources, so they are derived again in full (a few
    seconds per 100k visits, read from the default graph) into a graph of their own, and only
    the difference is written: memory holds no set of them, whatever the store's size."""
    staged = NamedNode(target.value + "/shortcuts")
    try:
        write_in_batches(store, (Quad(t.subject, t.predicate, t.object, staged)
                                 for t in _shortcuts(store, default_is_union)), batch)
        _drop(store, [q for p in SHORTCUT_PROPERTIES for q in store.quads_for_pattern(None, p, None, target)
                      if Quad(q.subject, q.predicate, q.object, staged) not in store])
        new = (q for q in store.quads_for_pattern(None, None, None, staged)
               if Quad(q.subject, q.predicate, q.object, target) not in store)
        write_in_batches(store, (Quad(q.subject, q.predicate, q.object, g) for q in new for g in graphs), batch)
    finally:
        drop_graph(store, staged, batch)


_TEMPLATE = re.compile(r"CONSTRUCT\s*\{\s*(\S+)\s+(\S+)\s+(\S+)\s*\.?\s*\}")
_PREFIX = re.compile(r"PREFIX\s+(\w*):\s*<([^>]*)>", re.IGNORECASE)


def derived(store: Store, construct: str, **options) -> Iterator[Triple]:
    """The triples of a one-triple ``CONSTRUCT``, run as a ``SELECT`` of its template's variables.

    A CONSTRUCT keeps every triple it has given in memory to give each once (measured: about
    1 KB per triple, so a rule's first round over 100,000 articles would hold gigabytes);
    a triple given twice is written twice, which the store absorbs."""
    match = _TEMPLATE.search(construct)
    prefixes = dict(_PREFIX.findall(construct))
    template = [_template_term(token, prefixes) for token in match.groups()]
    names = [t for t in template if isinstance(t, str)]
    select = construct[:match.start()] + "SELECT " + " ".join("?" + n for n in dict.fromkeys(names)) + construct[match.end():]
    for row in store.query(select, **options):
        s, p, o = (row[t] if isinstance(t, str) else t for t in template)
        if s is not None and p is not None and o is not None and not isinstance(s, Literal) and isinstance(p, NamedNode):
            yield Triple(s, p, o)


def _template_term(token: str, prefixes: dict[str, str]) -> str | NamedNode:
    """A variable's name, or the IRI a template token stands for."""
    if token.startswith("?"):
        return token[1:]
    if token == "a":
        return RDF_TYPE
    if token.startswith("<"):
        return NamedNode(token[1:-1])
    prefix, local = token.split(":", 1)
    return NamedNode(prefixes[prefix] + local)


def materialise(
    store: Store,
    *,
    ontology_graph: str = iris.ONTOLOGY_GRAPH,
    inferred_graph: str = iris.INFERRED_GRAPH,
    typing: bool = True,
    max_rounds: int = 20,
    default_is_union: bool = False,
    entered: set[Triple] | None = None,
    left: set[Triple] | None = None,
    batch: int = 100_000,
) -> int:
    """Replace the inferred graph with what the ontology entails (plus the name keys of
    :mod:`kg.names` and the derived shortcuts of :data:`SHORTCUTS`); return its size in quads.

    ``default_is_union``: the default graph already holds the union of the named graphs (as a
    build keeps it): the rules read it, and every inferred triple is added to it too.
    ``entered`` and ``left`` (only with ``default_is_union``): update the inferred graph for
    the triples that entered and left the union instead of recomputing it. What entered is
    followed forward. For what left: every rule but the transitive one derives a triple whose
    subject is the subject or object of its one data premise, so only inferred triples about
    the resources of a left triple can lose their support; those are dropped and derived again
    from the premises that can still give them. With a transitive property in the ontology the
    update falls back to recomputing everything. Query results are written ``batch`` triples at
    a time, so memory does not grow with the store.

    >>> from pyoxigraph import Quad, NamedNode, Store
    >>> from kg.vocab import DKG, RDF, RDFS
    >>> st = Store()
    >>> onto = NamedNode(iris.ONTOLOGY_GRAPH)
    >>> st.add(Quad(DKG.ForeignMinister, RDFS.subClassOf, DKG.Minister, onto))
    >>> pos = NamedNode(iris.resource("position/x"))
    >>> st.add(Quad(pos, RDF.type, DKG.ForeignMinister, NamedNode(iris.article_graph("a"))))
    >>> materialise(st)
    1
    >>> Quad(pos, RDF.type, DKG.Minister, NamedNode(iris.INFERRED_GRAPH)) in st
    True
    """
    target = NamedNode(inferred_graph)
    incremental = entered is not None and left is not None and default_is_union \
        and not _has_transitive(store, ontology_graph)
    if not incremental:
        _drop(store, list(store.quads_for_pattern(None, None, None, target)) if default_is_union else [])
        drop_graph(store, target, batch)
        affected = None
    else:
        affected = {term for t in left for term in (t.subject, t.object) if not isinstance(term, Literal)}
        _drop(store, [q for r in affected for q in store.quads_for_pattern(r, None, None, target)])
    if not store.contains_named_graph(NamedNode(ontology_graph)):
        log.warning("no ontology graph <%s> in the store: nothing to infer; load ontology/dkg.ttl into it", ontology_graph)
        return 0
    rules = {name: _PREFIXES + q.replace("<ONT>", f"<{ontology_graph}>") for name, q in RULES.items()
             if typing or name not in TYPING_RULES}
    also = (DefaultGraph(),) if default_is_union else ()  # where every inferred triple goes besides target
    rounds = [NamedNode(f"{inferred_graph}/round-{n}") for n in range(max_rounds + 1)]  # what each round found
    try:
        if incremental:  # what entered, and the premises that can derive something about an affected resource
            premises = itertools.chain((Quad(t.subject, t.predicate, t.object, rounds[0]) for t in entered),
                                       _premises(store, affected, rounds[0], ontology_graph))
            write_in_batches(store, premises, batch)
        for round_no in range(1, max_rounds + 1):
            scope = "{" if round_no == 1 and not incremental else f"GRAPH <{rounds[round_no - 1].value}> {{"
            found = 0
            for query in rules.values():
                triples = derived(store, query.replace("DATA{", scope), use_default_graph_as_union=not default_is_union)
                found += write_in_batches(store, (Quad(t.subject, t.predicate, t.object, g) for t in triples
                                                  for g in (target, rounds[round_no], *also)), batch)
            drop_graph(store, rounds[round_no - 1], batch)
            if not found:
                break
            log.debug("inference round %d: %d new quads", round_no, found)
        else:
            log.warning("inference stopped after %d rounds without reaching a fixpoint", max_rounds)
    finally:
        for g in rounds:
            drop_graph(store, g, batch)
    from kg.names import name_key_quads

    keys = name_key_quads(store, target, subjects=affected | {t.subject for t in entered} if incremental else None)  # lookup keys questions join on
    write_in_batches(store, (Quad(q.subject, q.predicate, q.object, g) for q in keys for g in (target, *also)), batch)
    _refresh_shortcuts(store, target, (target, *also), default_is_union, batch)
    return sum(1 for _ in store.quads_for_pattern(None, None, None, target))


def _has_transitive(store: Store, ontology_graph: str) -> bool:
    return any(store.quads_for_pattern(None, RDF_TYPE, OWL_TRANSITIVE, NamedNode(ontology_graph)))


def _drop(store: Store, quads: list[Quad]) -> None:
    """Remove inferred quads, and their triple from the default graph when no other graph holds it."""
    for q in quads:
        store.remove(q)
    for q in quads:
        if not any(o.graph_name != DefaultGraph() for o in store.quads_for_pattern(q.subject, q.predicate, q.object, None)):
            store.remove(Quad(q.subject, q.predicate, q.object, DefaultGraph()))


_OBJECT_PREMISES = """
SELECT DISTINCT ?p ?inverse WHERE { GRAPH <ONT> {
  ?p (rdfs:subPropertyOf|owl:equivalentProperty|^owl:equivalentProperty)* ?q .
  { ?q owl:inverseOf ?x } UNION { ?x owl:inverseOf ?q } UNION { ?q a owl:SymmetricProperty }
  UNION { ?q rdfs:range ?c ; a owl:ObjectProperty FILTER(isIRI(?c)) BIND(false AS ?typing) }
  BIND(!BOUND(?typing) AS ?inverse)
} }"""


def _premises(store: Store, resources: set, graph: NamedNode, ontology_graph: str) -> Iterator[Quad]:
    """Triples of the default graph that can derive something about ``resources``, into ``graph``:
    all with the resource as subject; with it as object, those whose property (or a
    super-property) has an inverse or is symmetric, and one per property that only gives the
    object its range type (any one gives the same types). Name keys are outputs, never premises."""
    from kg.vocab import DKG

    by_object: dict[NamedNode, bool] = {}
    for row in store.query(_PREFIXES + _OBJECT_PREMISES.replace("<ONT>", f"<{ontology_graph}>")):
        by_object[row["p"]] = by_object.get(row["p"], False) or row["inverse"].value == "true"
    for r in resources:
        for q in store.quads_for_pattern(r, None, None, DefaultGraph()):
            if q.predicate != DKG.nameKey:
                yield Quad(q.subject, q.predicate, q.object, graph)
        for p, inverse in by_object.items():
            matches = store.quads_for_pattern(None, p, r, DefaultGraph())
            for q in matches if inverse else itertools.islice(matches, 1):
                yield Quad(q.subject, q.predicate, q.object, graph)


# --------------------------------------------------------------------------------------------
# Consistency with HermiT
# --------------------------------------------------------------------------------------------


class JavaNotFound(RuntimeError):
    """The OWL reasoners run on the JVM."""


@dataclass
class ConsistencyReport:
    """HermiT's verdict on ontology + data, and why when it is negative."""

    consistent: bool
    unsatisfiable: list[str] = field(default_factory=list)  # classes that can have no member
    explanation: str = ""
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.consistent and not self.unsatisfiable

    def __str__(self) -> str:
        if not self.consistent:
            return "INCONSISTENT: ontology and data contradict each other.\n" + self.explanation
        if self.unsatisfiable:
            return "consistent, but these classes can have no member: " + ", ".join(self.unsatisfiable)
        return f"consistent (HermiT, {self.seconds:.1f} s)"


def _require_java() -> str:
    import owlready2

    java = shutil.which(owlready2.JAVA_EXE)
    if java is None:
        raise JavaNotFound(f"the OWL reasoner needs Java and no `{owlready2.JAVA_EXE}` was found: {JAVA_HINT}")
    return java


def _triples(source) -> Iterable[Triple]:
    """Triples of a file path, a Store, or an iterable of Quads/Triples (graph names dropped)."""
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        fmt = RdfFormat.from_extension(path.suffix.lstrip(".")) or RdfFormat.TURTLE
        for t in parse(path=str(path), format=fmt):
            yield Triple(t.subject, t.predicate, t.object)
        return
    if isinstance(source, Store):
        source = source.quads_for_pattern(None, None, None, None)
    for t in source:
        yield Triple(t.subject, t.predicate, t.object)


def check_consistency(ontology_path, data=(), *, explain: bool = True, timeout: float = 300) -> ConsistencyReport:
    """Run HermiT on ontology + data; explain an inconsistency with Pellet.

    ``ontology_path``: a file or a list of files (Turtle, N-Triples, RDF/XML...).
    ``data``: a file, a pyoxigraph Store, or an iterable of quads or triples.
    Literals typed xsd:date, xsd:gYearMonth or xsd:gYear (outside the OWL 2 datatype
    map, which HermiT otherwise refuses) are accepted as opaque values: the ontology
    puts no datatype constraint on them, the SHACL shapes do.
    """
    import owlready2
    from owlready2.base import OwlReadyInconsistentOntologyError, OwlReadyJavaError

    _require_java()
    paths = [ontology_path] if isinstance(ontology_path, (str, os.PathLike)) else list(ontology_path)
    triples: list[Triple] = []
    for p in paths:
        triples.extend(_triples(p))
    triples.extend(_triples(data))
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="dkg-owl-") as tmp:
        nt = Path(tmp) / "input.nt"
        serialize(triples, output=str(nt), format=RdfFormat.N_TRIPLES)
        world = owlready2.World()
        try:
            world.get_ontology(nt.as_uri()).load()
            try:
                owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0,
                                               ignore_unsupported_datatypes=True)
            except OwlReadyInconsistentOntologyError:
                why = _explain(nt, timeout) if explain else ""
                return ConsistencyReport(False, explanation=why, seconds=time.monotonic() - started)
            except OwlReadyJavaError as exc:
                raise RuntimeError(f"HermiT failed: {exc}; check that the files are valid OWL 2 DL") from exc
            unsat = sorted(c.iri for c in world.inconsistent_classes())
        finally:
            world.close()
    return ConsistencyReport(True, unsatisfiable=unsat, seconds=time.monotonic() - started)


def _explain(nt: Path, timeout: float) -> str:
    """Pellet's justification of ``owl:Thing SubClassOf owl:Nothing``: the clashing axioms."""
    import owlready2.reasoning as r

    cmd = [_require_java(), "-Xmx1000M", "-cp", r._PELLET_CLASSPATH, "pellet.Pellet",
           "explain", "--ignore-imports", str(nt)]
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return "(Pellet found no explanation within the time limit)"
    text = out.stdout.strip()
    if "Explanation" not in text:
        return "(Pellet gave no explanation)\n" + (out.stderr.strip()[-2000:] if out.stderr else "")
    return text[text.index("Explanation"):]


__all__ = ["materialise", "shortcut_triples", "SHORTCUTS", "check_consistency", "ConsistencyReport", "JavaNotFound", "RULES", "JAVA_HINT"]
