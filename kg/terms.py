"""Python values <-> RDF terms, explicitly: nothing is guessed from what a string looks like.

Into RDF (:func:`to_term`), for query bindings:

* ``NamedNode``, ``Literal``, ``BlankNode`` pass through; make IRIs with :func:`iri`;
* ``str`` -> plain ``xsd:string`` literal (even when it looks like an IRI);
* ``bool`` -> ``xsd:boolean``, ``int`` -> ``xsd:integer``, ``float`` -> ``xsd:double``,
  ``Decimal`` -> ``xsd:decimal``;
* ``datetime.date`` -> ``xsd:date``, ``datetime.datetime`` -> ``xsd:dateTime``;
* ``pandas.Period`` of a year or a month -> ``xsd:gYear`` / ``xsd:gYearMonth``.

Out of RDF (:func:`to_python`), for data frames: IRIs -> ``str``, labels -> ``str``
(the language tag is dropped), ``xsd:date`` -> ``datetime.date``, ``xsd:dateTime`` ->
``datetime.datetime``, ``xsd:gYearMonth`` / ``xsd:gYear`` -> ``pandas.Period`` (monthly /
yearly: the precision the source gave is kept, and a Period knows its first and last
day), numbers -> ``int`` / ``float`` (``xsd:decimal`` too), ``xsd:boolean`` -> ``bool``,
blank nodes -> ``"_:id"``, anything else -> its lexical form.

>>> to_term("Kim Jong Un")
<Literal value=Kim Jong Un datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#string>>
>>> iri("dkg:Train").value
'https://w3id.org/diplokg/ontology#Train'
>>> to_python(to_term(date(2023, 9, 13)))
datetime.date(2023, 9, 13)
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from pyoxigraph import BlankNode, Literal, NamedNode, Triple

from kg.iris import PREFIXES

XSD = "http://www.w3.org/2001/XMLSchema#"

Term = NamedNode | BlankNode | Literal | Triple

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_INTEGERS = {
    XSD + t
    for t in (
        "integer int long short byte nonNegativeInteger positiveInteger nonPositiveInteger "
        "negativeInteger unsignedInt unsignedLong unsignedShort unsignedByte"
    ).split()
}
_FLOATS = {XSD + "double", XSD + "float", XSD + "decimal"}


def iri(value: str) -> NamedNode:
    """An IRI from an absolute IRI or a prefixed name with a known prefix (``dkg:``, ``id:``...).

    >>> iri("id:person/kim-jong-un").value
    'https://w3id.org/diplokg/id/person/kim-jong-un'
    >>> iri("https://w3id.org/diplokg/id/state/russia").value
    'https://w3id.org/diplokg/id/state/russia'
    """
    if isinstance(value, NamedNode):
        return value
    text = str(value).strip()
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1]
    prefix, sep, local = text.partition(":")
    if sep and prefix in PREFIXES and not local.startswith("//"):
        return NamedNode(PREFIXES[prefix] + local)
    if not _SCHEME.match(text) or any(c in text for c in ' <>"{}|^`\\'):
        raise ValueError(
            f"not an absolute IRI: {value!r}; give a full IRI (https://...) or one of the "
            f"prefixes {', '.join(p + ':' for p in PREFIXES)}"
        )
    return NamedNode(text)


def to_term(value: Any) -> Term:
    """The RDF term for a Python value bound into a query (see the module docstring).

    >>> to_term(3).datatype.value
    'http://www.w3.org/2001/XMLSchema#integer'
    >>> to_term(iri("dkg:Visit")).value
    'https://w3id.org/diplokg/ontology#Visit'
    """
    if isinstance(value, (NamedNode, BlankNode, Literal, Triple)):
        return value
    if isinstance(value, bool):
        return Literal("true" if value else "false", datatype=NamedNode(XSD + "boolean"))
    if isinstance(value, int):
        return Literal(str(value), datatype=NamedNode(XSD + "integer"))
    if isinstance(value, float):
        return Literal(repr(value), datatype=NamedNode(XSD + "double"))
    if isinstance(value, Decimal):
        return Literal(format(value, "f"), datatype=NamedNode(XSD + "decimal"))
    if isinstance(value, datetime):
        return Literal(value.isoformat(), datatype=NamedNode(XSD + "dateTime"))
    if isinstance(value, date):
        return Literal(value.isoformat(), datatype=NamedNode(XSD + "date"))
    if isinstance(value, str):
        return Literal(value)
    period = _period_term(value)
    if period is not None:
        return period
    raise TypeError(
        f"cannot bind a {type(value).__name__} ({value!r}) into a query: pass a str, int, float, "
        "bool, Decimal, date, datetime, a pandas Period, or a term (kg.iri('...'), pyoxigraph.Literal)"
    )


def _period_term(value: Any) -> Literal | None:
    freqstr = getattr(value, "freqstr", None)
    if freqstr is None or not hasattr(value, "start_time"):
        return None
    if freqstr.startswith(("Y", "A")):
        return Literal(f"{value.year:04d}", datatype=NamedNode(XSD + "gYear"))
    if freqstr.startswith("M"):
        return Literal(f"{value.year:04d}-{value.month:02d}", datatype=NamedNode(XSD + "gYearMonth"))
    if freqstr.startswith("D"):
        return Literal(value.start_time.date().isoformat(), datatype=NamedNode(XSD + "date"))
    return None


def to_python(term: Term | None) -> Any:
    """The Python value of a query result term (see the module docstring).

    >>> to_python(iri("id:state/russia"))
    'https://w3id.org/diplokg/id/state/russia'
    >>> to_python(Literal("2023-09", datatype=NamedNode(XSD + "gYearMonth")))
    Period('2023-09', 'M')
    """
    if term is None:
        return None
    if isinstance(term, NamedNode):
        return term.value
    if isinstance(term, BlankNode):
        return f"_:{term.value}"
    if isinstance(term, Triple):
        return str(term)
    dt = term.datatype.value
    text = term.value
    try:
        if dt == XSD + "date" and len(text) == 10:
            return date.fromisoformat(text)
        if dt == XSD + "dateTime":
            return datetime.fromisoformat(text)
        if dt in (XSD + "gYearMonth", XSD + "gYear"):
            import pandas as pd

            return pd.Period(text, freq="M" if dt.endswith("gYearMonth") else "Y")
        if dt in _INTEGERS:
            return int(text)
        if dt in _FLOATS:
            return float(text)
        if dt == XSD + "boolean":
            return text in ("true", "1")
    except ValueError:
        pass  # ill-typed literal: keep its lexical form
    return text


def as_date(value: Any, *, end: bool = False) -> date | None:
    """The first (or with ``end=True`` the last) day of a date, Period or ISO date string.

    Handy for plotting a column that mixes day, month and year precision.

    >>> as_date(to_python(Literal("2023-09", datatype=NamedNode(XSD + "gYearMonth"))), end=True)
    datetime.date(2023, 9, 30)
    >>> as_date("2019")
    datetime.date(2019, 1, 1)
    """
    if value is None or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        import pandas as pd

        if len(value) == 10:
            return date.fromisoformat(value)
        value = pd.Period(value, freq="M" if len(value) == 7 else "Y")
    if hasattr(value, "start_time"):
        return (value.end_time if end else value.start_time).date()
    raise TypeError(f"not a date, Period or ISO date string: {value!r}")


def shorten(term: Term | None) -> str:
    """A compact form for terminal tables: ``id:person/kim-jong-un``, ``"Kim"@en`` as ``Kim``.

    >>> shorten(iri("dkg:Train"))
    'dkg:Train'
    """
    if term is None:
        return ""
    if isinstance(term, NamedNode):
        for prefix, base in PREFIXES.items():
            if term.value.startswith(base) and term.value != base:
                return f"{prefix}:{term.value[len(base):]}"
        return term.value
    if isinstance(term, BlankNode):
        return f"_:{term.value}"
    if isinstance(term, Literal):
        return term.value
    return str(term)


def parse_term(text: str) -> Term:
    """A term written as in SPARQL/Turtle (``<iri>``, ``dkg:Train``, ``"x"@en``, ``42``,
    ``"2023-07-01"^^xsd:date``); anything else is a plain string literal.

    Used for parameter defaults in ``kg/queries/*.rq`` and for ``--bind`` on the command line.

    >>> parse_term('"Kim Jong Un"@en').language
    'en'
    >>> parse_term('"2023-01-01"^^xsd:date').datatype.value
    'http://www.w3.org/2001/XMLSchema#date'
    >>> parse_term("Kim Jong Un").value
    'Kim Jong Un'
    """
    text = text.strip()
    looks_like_term = (
        text.startswith(("<", '"', "'"))
        or re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?|true|false", text)
        or re.fullmatch(r"[A-Za-z][\w.-]*:[^\s]*", text) and text.split(":", 1)[0] in PREFIXES
    )
    if not looks_like_term:
        return Literal(text)
    from pyoxigraph import RdfFormat, parse

    prologue = "".join(f"@prefix {p}: <{b}> .\n" for p, b in PREFIXES.items())
    doc = f"{prologue}<urn:s> <urn:p> {text} ."
    try:
        (quad,) = list(parse(doc.encode(), format=RdfFormat.TURTLE))
    except (SyntaxError, ValueError) as exc:
        raise ValueError(f"cannot read {text!r} as an RDF term: {exc}") from None
    return quad.object
