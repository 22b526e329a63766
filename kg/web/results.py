"""Writers for SPARQL results (JSON, XML, CSV, TSV) and graphs, streaming into a binary file.

Rows are written one by one, so a large answer never sits in memory as one string.
A cut answer says so in the body where the format has room for it (a ``link`` in the
JSON and XML heads); the HTTP headers say it for every format.

>>> import io, pyoxigraph as ox
>>> out = io.BytesIO()
>>> write_solutions(["x"], [{"x": ox.Literal("1")}], FORMATS["csv"], out)
>>> out.getvalue()
b'x\\r\\n1\\r\\n'
"""

from __future__ import annotations

import json
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from kg.iris import PREFIXES
from kg.web.errors import WebError
from kg.web.negotiate import GRAPHS, RESULTS

FORMATS = {f.name: f for f in RESULTS}
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
TRUNCATED_LINK = "https://w3id.org/diplokg/ontology#truncatedResults"


def not_acceptable_message(kind: str, accept: str | None, wanted: str | None) -> str:
    formats = RESULTS if kind == "results" else GRAPHS
    offered = ", ".join(f.media_type for f in formats)
    asked = f"format={wanted!r}" if wanted else f"Accept: {accept}"
    return f"cannot answer {asked} for this query: it can be served as {offered}"


def json_term(term) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    if isinstance(term, ox.Triple):
        return {"type": "triple", "value": {"subject": json_term(term.subject), "predicate": json_term(term.predicate), "object": json_term(term.object)}}
    raise TypeError(f"not an RDF term: {term!r}")


def _xml_term(term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
        if term.datatype.value != XSD_STRING:
            return f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
        return f"<literal>{escape(term.value)}</literal>"
    if isinstance(term, ox.Triple):
        return (
            f"<triple><subject>{_xml_term(term.subject)}</subject><predicate>{_xml_term(term.predicate)}</predicate>"
            f"<object>{_xml_term(term.object)}</object></triple>"
        )
    raise TypeError(f"not an RDF term: {term!r}")


def _csv_value(term) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        text = "_:" + term.value
    elif isinstance(term, (ox.NamedNode, ox.Literal)):
        text = term.value
    else:
        text = str(term)
    if any(c in text for c in ',"\r\n'):
        text = '"' + text.replace('"', '""') + '"'
    return text


def _tsv_value(term) -> str:
    return "" if term is None else str(term)


def write_solutions(variables: list[str], rows, fmt, out, *, truncated: bool = False, max_rows: int = 0) -> None:
    """Write SELECT ``rows`` (pyoxigraph QuerySolutions or dicts) in ``fmt`` to ``out``."""

    def get(row, var):
        try:
            return row[var]
        except (KeyError, IndexError):
            return None

    name = fmt.name
    if name == "json":
        head: dict = {"vars": variables}
        if truncated:
            head["link"] = [f"{TRUNCATED_LINK}?max-rows={max_rows}"]
        out.write(b'{"head":' + json.dumps(head).encode() + b',"results":{"bindings":[')
        first = True
        for row in rows:
            binding = {}
            for var in variables:
                term = get(row, var)
                if term is not None:
                    binding[var] = json_term(term)
            out.write((b"" if first else b",\n") + json.dumps(binding, ensure_ascii=False).encode())
            first = False
        out.write(b"]}}\n")
    elif name == "xml":
        link = f'<link href="{TRUNCATED_LINK}?max-rows={max_rows}"/>' if truncated else ""
        head = "".join(f"<variable name={quoteattr(v)}/>" for v in variables)
        out.write(f'<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head>{head}{link}</head><results>\n'.encode())
        for row in rows:
            parts = ["<result>"]
            for var in variables:
                term = get(row, var)
                if term is not None:
                    parts.append(f"<binding name={quoteattr(var)}>{_xml_term(term)}</binding>")
            parts.append("</result>\n")
            out.write("".join(parts).encode())
        out.write(b"</results></sparql>\n")
    elif name == "csv":
        out.write((",".join(variables) + "\r\n").encode())
        for row in rows:
            out.write((",".join(_csv_value(get(row, v)) for v in variables) + "\r\n").encode())
    elif name == "tsv":
        out.write(("\t".join("?" + v for v in variables) + "\n").encode())
        for row in rows:
            out.write(("\t".join(_tsv_value(get(row, v)) for v in variables) + "\n").encode())
    else:
        raise WebError(406, f"no writer for {fmt.media_type}")


def write_boolean(value: bool, fmt, out) -> None:
    text = "true" if value else "false"
    if fmt.name == "json":
        out.write(b'{"head":{},"boolean":' + text.encode() + b"}\n")
    elif fmt.name == "xml":
        out.write(f'<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head/><boolean>{text}</boolean></sparql>\n'.encode())
    elif fmt.name == "csv":
        out.write(f"_askResult\r\n{text}\r\n".encode())
    else:
        out.write(f"?_askResult\n{text}\n".encode())


def write_graph(triples, fmt, out, prefixes: dict | None = None) -> None:
    """Serialize triples with pyoxigraph in the RDF format ``fmt``."""
    rdf_format = ox.RdfFormat.from_media_type(fmt.media_type)
    kwargs = {}
    if rdf_format not in (ox.RdfFormat.N_TRIPLES, ox.RdfFormat.N_QUADS):
        kwargs["prefixes"] = PREFIXES if prefixes is None else prefixes
    ox.serialize(triples, out, format=rdf_format, **kwargs)
