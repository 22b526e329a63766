"""The dkg: vocabulary as a namespace that refuses unknown terms.

A typo such as ``DKG.acompaniedBy`` raises instead of minting a new IRI, in the spirit
of rdflib's ``ClosedNamespace``. ``TERMS`` is kept equal to the terms declared in
``ontology/dkg.ttl`` by ``tests/unit/test_vocab.py``: add a term to the ontology first,
then here.

>>> DKG.Visit.value
'https://w3id.org/diplokg/ontology#Visit'
>>> DKG.acompaniedBy
Traceback (most recent call last):
...
AttributeError: 'acompaniedBy' is not a term of the dkg: vocabulary (https://w3id.org/diplokg/ontology#); did you mean accompaniedBy? Declare new terms in ontology/dkg.ttl and kg/vocab.py TERMS.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from pyoxigraph import NamedNode

from kg.iris import ONTOLOGY

_CLASSES = """
    Person State Place Visit Summit Position Article Mention
    HeadOfState HeadOfGovernment Minister ForeignMinister DefenceMinister UnificationMinister
    InteriorMinister FinanceMinister TradeMinister DeputyMinister Ambassador Spokesperson PartyLeader
    MilitaryOfficer Governor Official
    TransportMode VisitStatus VisitKind Retraction CuratedSource
"""
_INDIVIDUALS = """
    Train Aircraft Car Ship Announced Ongoing Completed Cancelled StateVisit OfficialVisit WorkingVisit
    truncatedResults
"""
_PROPERTIES = """
    traveller accompaniedBy hostState place met invitedBy transport status participant duringVisit
    startDate endDate holds heldBy ofState citizenOf inState evidence article quote published
    startOffset endOffset confidence extractor rule assertsProperty assertsValue visitKind attestedOn
    contentHash nameKey fromState reportedOn sourceFile language title url publisher retractsSubject retractsPredicate retractsObject
"""

TERMS = frozenset((_CLASSES + _INDIVIDUALS + _PROPERTIES).split())


class Namespace:
    """Terms of one closed vocabulary as attributes; unknown names raise AttributeError.

    >>> ns = Namespace("http://example.org/#", frozenset({"Thing"}))
    >>> ns.Thing.value, "Thing" in ns, ns["Thing"] == ns.Thing
    ('http://example.org/#Thing', True, True)
    >>> ns.Thingy
    Traceback (most recent call last):
    ...
    AttributeError: 'Thingy' is not a term of the vocabulary http://example.org/#; did you mean Thing?
    """

    def __init__(self, base: str, terms: frozenset[str], *, prefix: str | None = None, hint: str = "") -> None:
        self._base = base
        self._terms = frozenset(terms)
        self._prefix = prefix
        self._hint = hint

    def __getattr__(self, name: str) -> NamedNode:
        if name.startswith("_") or name not in self._terms:
            if name.startswith("__"):
                raise AttributeError(name)  # let copy, pickle and doctest probe dunders quietly
            raise AttributeError(self._unknown(name))
        return NamedNode(self._base + name)

    def _unknown(self, name: str) -> str:
        where = f"the {self._prefix}: vocabulary ({self._base})" if self._prefix else f"the vocabulary {self._base}"
        close = difflib.get_close_matches(name, self._terms, n=3, cutoff=0.6)
        if not close:
            lowered = {t.lower(): t for t in self._terms}
            close = [lowered[name.lower()]] if name.lower() in lowered else []
        suggestion = f"did you mean {' or '.join(close)}?" if close else f"known terms: {', '.join(sorted(self._terms))}."
        return f"{name!r} is not a term of {where}; {suggestion}" + (f" {self._hint}" if self._hint else "")

    def __getitem__(self, name: str) -> NamedNode:
        try:
            return self.__getattr__(name)
        except AttributeError as exc:
            raise KeyError(str(exc)) from None

    def __contains__(self, name: object) -> bool:
        """A local name, or a full IRI (str or NamedNode) inside this namespace."""
        if isinstance(name, NamedNode):
            name = name.value
        if isinstance(name, str) and name.startswith(self._base):
            name = name[len(self._base):]
        return name in self._terms

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self._terms))

    def __len__(self) -> int:
        return len(self._terms)

    def __dir__(self) -> list[str]:
        return sorted(self._terms)

    def __repr__(self) -> str:
        return f"Namespace({self._base!r}, {len(self._terms)} terms)"

    @property
    def base(self) -> str:
        return self._base

    def local_name(self, iri: NamedNode | str) -> str:
        """The term's name in this namespace, checked.

        >>> DKG.local_name("https://w3id.org/diplokg/ontology#Visit")
        'Visit'
        """
        value = iri.value if isinstance(iri, NamedNode) else iri
        if not value.startswith(self._base):
            raise ValueError(f"{value} is not in the namespace {self._base}")
        name = value[len(self._base):]
        self.__getattr__(name)
        return name


class _Open:
    """A namespace for well-known external vocabularies (no closed term list)."""

    def __init__(self, base: str) -> None:
        self._base = base

    def __getattr__(self, name: str) -> NamedNode:
        if name.startswith("_"):
            raise AttributeError(name)
        return NamedNode(self._base + name)


DKG = Namespace(ONTOLOGY, TERMS, prefix="dkg", hint="Declare new terms in ontology/dkg.ttl and kg/vocab.py TERMS.")
RDF = _Open("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
RDFS = _Open("http://www.w3.org/2000/01/rdf-schema#")
OWL = _Open("http://www.w3.org/2002/07/owl#")
XSD = _Open("http://www.w3.org/2001/XMLSchema#")
SKOS = _Open("http://www.w3.org/2004/02/skos/core#")
PROV = _Open("http://www.w3.org/ns/prov#")
DCTERMS = _Open("http://purl.org/dc/terms/")
SH = _Open("http://www.w3.org/ns/shacl#")
