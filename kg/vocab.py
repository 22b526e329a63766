"""The dkg: vocabulary as a namespace that refuses unknown terms.

A typo such as ``DKG.acompaniedBy`` raises instead of minting a new IRI.
(Placeholder list; the ontology work keeps it equal to ontology/dkg.ttl.)

>>> DKG.Visit.value
'https://w3id.org/diplokg/ontology#Visit'
"""

from __future__ import annotations

from pyoxigraph import NamedNode

from kg.iris import ONTOLOGY

TERMS = frozenset(
    """
    Person State Place Visit Summit Position HeadOfState HeadOfGovernment Minister ForeignMinister
    DefenceMinister Article Mention TransportMode Train Aircraft Car Ship VisitStatus Announced Ongoing
    Completed Cancelled VisitKind StateVisit OfficialVisit WorkingVisit Retraction CuratedSource
    traveller accompaniedBy hostState place met invitedBy transport status participant duringVisit
    startDate endDate holds heldBy ofState citizenOf inState evidence article quote published
    startOffset endOffset confidence extractor assertsProperty assertsValue visitKind attestedOn
    contentHash sourceFile language title url publisher retractsSubject retractsPredicate retractsObject
    """.split()
)


class Namespace:
    """Terms of one vocabulary as attributes; unknown names raise AttributeError."""

    def __init__(self, base: str, terms: frozenset[str]) -> None:
        self._base = base
        self._terms = terms

    def __getattr__(self, name: str) -> NamedNode:
        if name.startswith("_") or name not in self._terms:
            raise AttributeError(f"{name!r} is not a term of {self._base}; known terms: {', '.join(sorted(self._terms))}")
        return NamedNode(self._base + name)

    def __getitem__(self, name: str) -> NamedNode:
        return self.__getattr__(name)

    def __contains__(self, name: str) -> bool:
        return name in self._terms

    def __iter__(self):
        return iter(sorted(self._terms))


class _Open:
    """A namespace for well-known external vocabularies (no closed term list)."""

    def __init__(self, base: str) -> None:
        self._base = base

    def __getattr__(self, name: str) -> NamedNode:
        if name.startswith("_"):
            raise AttributeError(name)
        return NamedNode(self._base + name)


DKG = Namespace(ONTOLOGY, TERMS)
RDF = _Open("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
RDFS = _Open("http://www.w3.org/2000/01/rdf-schema#")
OWL = _Open("http://www.w3.org/2002/07/owl#")
XSD = _Open("http://www.w3.org/2001/XMLSchema#")
SKOS = _Open("http://www.w3.org/2004/02/skos/core#")
PROV = _Open("http://www.w3.org/ns/prov#")
DCTERMS = _Open("http://purl.org/dc/terms/")
