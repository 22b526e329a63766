"""Lookup keys for names, so a question finds "kim jong-un" through an index, not a scan.

The build derives one ``dkg:nameKey`` per spelling of every labelled resource (and one
holding its IRI), into the inferred graph. A named question is sent with the key of each
name parameter already made (:func:`lookup_key`, the same function as the build's), so
the join starts at ``dkg:nameKey`` through an index; the query checks the key against
:data:`SPARQL_NAME_KEY` of the parameter, so a key left unbound still finds the right rows.

>>> name_key("Kim  Jong-un")
'kim jong un'
>>> lookup_key(Literal("Kim Jong-un")).value, lookup_key(NamedNode("https://w3id.org/diplokg/id/x")).value
('kim jong un', 'https://w3id.org/diplokg/id/x')
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pyoxigraph import Literal, NamedNode, Quad, Store

from kg.vocab import DKG, RDFS, SKOS

_SEPARATORS = re.compile(r"[\s-]+")
#: the SPARQL twin of :func:`name_key`, applied to the expression in ``{}``
SPARQL_NAME_KEY = 'REPLACE(LCASE(STR({})), "[\\\\s-]+", " ")'


def name_key(text: str) -> str:
    """Lower case, each run of white space and hyphens as one space."""
    return _SEPARATORS.sub(" ", text.lower())


def lookup_key(term: Literal | NamedNode) -> Literal:
    """The ``dkg:nameKey`` value a question looks ``term`` up by: an IRI's string, a name's key."""
    return Literal(term.value if isinstance(term, NamedNode) else name_key(term.value))


def name_key_quads(store: Store, graph: NamedNode, subjects: set | None = None) -> Iterator[Quad]:
    """``dkg:nameKey`` quads for every resource with an rdfs:label or skos:altLabel (only those
    in ``subjects`` when given). A key given twice (two labels with one key, a label in several
    graphs) is written twice and stored once: no set of keys is held, whatever the store's size."""
    for prop in (RDFS.label, SKOS.altLabel):
        labelled = (q for s in subjects for q in store.quads_for_pattern(s, prop, None)) if subjects is not None \
            else store.quads_for_pattern(None, prop, None)
        for q in labelled:
            if isinstance(q.subject, NamedNode) and isinstance(q.object, Literal):
                yield Quad(q.subject, DKG.nameKey, Literal(name_key(q.object.value)), graph)
                yield Quad(q.subject, DKG.nameKey, Literal(q.subject.value), graph)
