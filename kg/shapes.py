"""SHACL validation of DiploKG data against ontology/shapes.ttl (pySHACL).

Implements what `kg validate` runs: SHACL 1.0 core constraints plus the SPARQL-based
constraints of section 5 (pySHACL's ``advanced`` mode). The data is validated as one
graph, the union of every named graph it comes in, together with the ontology, because
``sh:class`` follows ``rdfs:subClassOf`` in the data graph and the disjointness shape reads
the ontology's ``owl:AllDisjointClasses``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

import rdflib
from pyoxigraph import RdfFormat, Store, Triple, parse, serialize

from kg.resources import ontology_dir

ONTOLOGY_DIR = ontology_dir()
SHAPES = ONTOLOGY_DIR / "shapes.ttl"
ONTOLOGY = (ONTOLOGY_DIR / "dkg.ttl", ONTOLOGY_DIR / "dkg-align.ttl")

_SH = "http://www.w3.org/ns/shacl#"
_RESULTS = """
PREFIX sh: <http://www.w3.org/ns/shacl#>
SELECT ?severity ?focus ?path ?value ?message WHERE {
  ?r a sh:ValidationResult ; sh:resultSeverity ?severity ; sh:focusNode ?focus .
  OPTIONAL { ?r sh:resultPath ?path }
  OPTIONAL { ?r sh:value ?value }
  OPTIONAL { ?r sh:resultMessage ?message }
}"""


def _to_rdflib(data) -> rdflib.Graph:
    """One rdflib Graph holding every triple of ``data`` (graph names dropped)."""
    if isinstance(data, rdflib.Dataset | rdflib.ConjunctiveGraph):
        g = rdflib.Graph()
        for s, p, o, _ in data.quads((None, None, None, None)):
            g.add((s, p, o))
        return g
    if isinstance(data, rdflib.Graph):
        g = rdflib.Graph()
        g += data
        return g
    triples: Iterable
    if isinstance(data, (str, os.PathLike)):
        path = Path(data)
        fmt = RdfFormat.from_extension(path.suffix.lstrip(".")) or RdfFormat.TURTLE
        triples = parse(path=str(path), format=fmt)
    elif isinstance(data, Store):
        triples = data.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", use_default_graph_as_union=True)
    else:
        triples = data
    nt = serialize((Triple(t.subject, t.predicate, t.object) for t in triples), format=RdfFormat.N_TRIPLES)
    g = rdflib.Graph()
    if nt:
        g.parse(data=nt.decode("utf-8"), format="nt")
    return g


def validate(data, *, shapes: str | os.PathLike = SHAPES, ontology: Iterable[str | os.PathLike] = ONTOLOGY,
             allow_warnings: bool = True) -> tuple[bool, str]:
    """(conforms, readable report) for a pyoxigraph Store, rdflib graph, quads, triples or file.

    Warnings (sh:Warning) are listed but do not break conformance unless
    ``allow_warnings=False``.

    >>> from pyoxigraph import NamedNode, Quad
    >>> from kg.vocab import DKG, RDF
    >>> visit = NamedNode("https://w3id.org/diplokg/id/visit/x")
    >>> ok, text = validate([Quad(visit, RDF.type, DKG.Visit)])
    >>> ok, "exactly one dkg:traveller" in text
    (False, True)
    """
    import pyshacl

    g = _to_rdflib(data)
    for path in ontology:
        g.parse(str(path), format="turtle")
    shapes_graph = rdflib.Graph().parse(str(shapes), format="turtle")
    conforms, results, _ = pyshacl.validate(
        g, shacl_graph=shapes_graph, advanced=True, inference="none", allow_warnings=allow_warnings
    )
    return bool(conforms), report_text(results, conforms=bool(conforms))


def report_text(results: rdflib.Graph, *, conforms: bool) -> str:
    """One line per SHACL result, violations first, with the shape's message."""

    def short(term) -> str:
        if term is None:
            return ""
        if isinstance(term, rdflib.URIRef):
            for prefix, ns in (("dkg:", "https://w3id.org/diplokg/ontology#"), ("id:", "https://w3id.org/diplokg/id/"),
                               ("rdfs:", str(rdflib.RDFS)), ("rdf:", str(rdflib.RDF))):
                if term.startswith(ns):
                    return prefix + term[len(ns):]
            return f"<{term}>"
        if isinstance(term, rdflib.BNode):
            return "[path expression]"
        return term.n3()

    rows = []
    for severity, focus, path, value, message in results.query(_RESULTS):
        level = str(severity).removeprefix(_SH)
        line = f"{level}: {short(focus)}"
        if path is not None:
            line += f" {short(path)}"
        if value is not None and value != focus:
            line += f" = {short(value)}"
        line += f": {message or 'constraint not met'}"
        rows.append((level != "Violation", line))
    rows.sort()
    counts = {lvl: sum(1 for w, line in rows if line.startswith(lvl)) for lvl in ("Violation", "Warning", "Info")}
    head = "Conforms" if conforms else "Does not conform"
    summary = f"{head}: {counts['Violation']} violation(s), {counts['Warning']} warning(s), {counts['Info']} info."
    return "\n".join([summary, *(line for _, line in rows)])


def validate_store(store_root: str | os.PathLike) -> tuple[bool, str]:
    """What `kg validate` runs on the published store: the SHACL shapes, then the
    ``ontology/checks/*-violation.rq`` checks (a dkg: term used in the data but not
    declared in the ontology is a violation too)."""
    from kg.checks import format_results, run_checks
    from kg.store import StoreRoot

    store = StoreRoot(store_root).open(read_only=True)
    conforms, report = validate(store)
    checks = run_checks(store)
    failed = {name: rows for name, rows in checks.items() if rows}
    report += "\n\nOntology and vocabulary checks (ontology/checks/*-violation.rq):\n" + format_results(checks)
    return conforms and not failed, report


__all__ = ["validate", "validate_store", "report_text", "SHAPES", "ONTOLOGY"]
