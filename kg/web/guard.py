"""A first, fast refusal of queries the server will not run, read from SPARQL tokens.

The real barrier against outbound calls is that query processes run without a network
(:mod:`kg.web.sandbox`); this check only refuses early, with a clear message, what would
fail there anyway or what could hurt the query process:

* ``SERVICE`` and ``LOAD`` targets that are not on the allowlist (a variable target is
  always refused). Tokens follow the SPARQL 1.1 grammar (section 19) as Oxigraph reads
  it: codepoint escapes (``\\u0022``) count only inside strings and IRIs, so a string
  holding an escaped quote never hides a keyword, and an escape outside them is no
  keyword at all (the parser rejects it). Comments, strings and IRIs that merely contain
  the word are ignored; prefixed names are expanded with the query's own PREFIX and BASE.
* nesting deeper than the server's limit (``{``, ``(``, ``[``), which would exhaust the
  parser's stack, and escapes that name no Unicode character.

>>> remote_targets('PREFIX e: <http://ex.org/> SELECT * { SERVICE e:sparql { ?s ?p ?o } }')
[('SERVICE', 'http://ex.org/sparql')]
>>> remote_targets('SELECT * { ?s ?p "SERVICE <http://x/>" } # SERVICE <http://y/>')
[]
>>> remote_targets(r'SELECT * { BIND("\\u0022" AS ?x) SERVICE <http://h/> {} BIND("\\u0022" AS ?y) }')
[('SERVICE', 'http://h/')]
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

import pyoxigraph as ox

from kg.web.errors import WebError

_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_PN_CHARS_BASE = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff"
_PN_CHARS = _PN_CHARS_BASE + r"_0-9\-\u00b7\u0300-\u036f\u203f-\u2040"
_TOKEN = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<comment>\#[^\n\r]*)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
  | (?P<iri><(?:[^<>"{}|^`\\\x00-\x20]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*>)
  | (?P<var>[?$][""" + _PN_CHARS + r"""]+)
  | (?P<pname>(?:[""" + _PN_CHARS_BASE + r"""](?:[""" + _PN_CHARS + r""".]*[""" + _PN_CHARS + r"""])?)?:(?:(?:[""" + _PN_CHARS + r""":]|%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?\#@%])(?:[""" + _PN_CHARS + r""".:]|%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?\#@%])*)?)
  | (?P<word>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)
_REMOTE_WORD = re.compile(r"service|load", re.IGNORECASE)
_OPENERS = {"{": "}", "(": ")", "[": "]"}


class QueryRefused(WebError):
    """A query or update the server refuses before running it; the message says what to do."""

    def __init__(self, message: str) -> None:
        super().__init__(400, message)


class ServiceRefused(QueryRefused):
    """A SERVICE or LOAD target that is not on the allowlist."""


def decode_escapes(text: str) -> str:
    """Replace ``\\uXXXX`` / ``\\UXXXXXXXX`` codepoint escapes (inside an IRI or a string).

    >>> decode_escapes(r"http://a/\\u0041")
    'http://a/A'
    """
    return _ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), text)


def tokens(text: str):
    """(kind, text) of each significant token; whitespace and comments are dropped."""
    for kind, token, _ in token_spans(text):
        yield kind, token


def token_spans(text: str):
    """(kind, text, offset) of each significant token."""
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup
        if kind not in ("ws", "comment"):
            yield kind, m.group(), m.start()


def _unescape_local(local: str) -> str:
    return re.sub(r"\\(.)", r"\1", local)


def _iri(token: str, base: str) -> str:
    return urljoin(base, decode_escapes(token[1:-1]))


def remote_targets(query: str) -> list[tuple[str, str | None]]:
    """(``SERVICE`` or ``LOAD``, target IRI) of each remote call, in order; None when not an IRI.

    >>> remote_targets('SELECT * { SERVICE SILENT ?endpoint { ?s ?p ?o } }')
    [('SERVICE', None)]
    >>> remote_targets('BASE <http://h/a/> SELECT * { SERVICE <../q> {} }')
    [('SERVICE', 'http://h/q')]
    >>> remote_targets('load silent <http://h/data.ttl> into graph <http://g/>')
    [('LOAD', 'http://h/data.ttl')]
    """
    if not _REMOTE_WORD.search(query):
        return []  # fast path: almost every query
    prefixes: dict[str, str] = {}
    base = ""
    toks = list(tokens(query))
    out: list[tuple[str, str | None]] = []
    i = 0
    while i < len(toks):
        kind, value = toks[i]
        upper = value.upper() if kind == "word" else ""
        if upper == "BASE" and i + 1 < len(toks) and toks[i + 1][0] == "iri":
            base = _iri(toks[i + 1][1], base)
            i += 2
            continue
        if upper == "PREFIX" and i + 2 < len(toks) and toks[i + 1][0] == "pname" and toks[i + 2][0] == "iri":
            prefixes[toks[i + 1][1].split(":", 1)[0]] = _iri(toks[i + 2][1], base)
            i += 3
            continue
        if upper in ("SERVICE", "LOAD"):
            j = i + 1
            if j < len(toks) and toks[j][0] == "word" and toks[j][1].upper() == "SILENT":
                j += 1
            target: str | None = None
            if j < len(toks):
                tkind, tval = toks[j]
                if tkind == "iri":
                    target = _iri(tval, base)
                elif tkind == "pname":
                    pfx, _, local = tval.partition(":")
                    if pfx in prefixes:
                        target = prefixes[pfx] + _unescape_local(local)
            out.append((upper, target))
            i = j + 1
            continue
        i += 1
    return out


def check_remote(query: str, allowlist: tuple[str, ...] | frozenset[str]) -> None:
    """Raise :class:`ServiceRefused` unless every SERVICE and LOAD target is on ``allowlist``.

    >>> check_remote('SELECT * { SERVICE <http://10.0.0.1/> {} }', ())
    Traceback (most recent call last):
    ...
    kg.web.guard.ServiceRefused: SERVICE <http://10.0.0.1/> is not allowed on this endpoint: no remote target is allowed (set KG_SERVICE_ALLOWLIST to permit federated queries and LOAD)
    """
    allowed = set(allowlist)
    hint = (
        f"allowed targets: {', '.join(sorted(allowed))}"
        if allowed
        else "no remote target is allowed (set KG_SERVICE_ALLOWLIST to permit federated queries and LOAD)"
    )
    for word, target in remote_targets(query):
        if target is None:
            raise ServiceRefused(
                f"{word} with a variable or unreadable target is not allowed on this endpoint: "
                f"name the endpoint IRI explicitly ({hint})"
            )
        if target not in allowed:
            raise ServiceRefused(f"{word} <{target}> is not allowed on this endpoint: {hint}")


def check_shape(query: str, max_depth: int) -> None:
    """Raise :class:`QueryRefused` for nesting deeper than ``max_depth`` or an escape of no character.

    >>> check_shape("SELECT * {" * 3 + "}" * 3, 2)
    Traceback (most recent call last):
    ...
    kg.web.guard.QueryRefused: the query nests groups, brackets or parentheses 3 deep; this endpoint allows 2 (KG_MAX_QUERY_DEPTH): flatten the query
    """
    for m in _ESCAPE.finditer(query):
        code = int(m.group(1) or m.group(2), 16)
        if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
            raise QueryRefused(f"{m.group()} is not a Unicode character (escapes go up to \\U0010FFFF, surrogates excluded)")
    if sum(query.count(c) for c in _OPENERS) <= max_depth:
        return  # fast path: too few brackets to nest that deep
    depth = deepest = 0
    for kind, value in tokens(query):
        if kind != "other":
            continue
        if value in _OPENERS:
            depth += 1
            deepest = max(deepest, depth)
        elif value in ("}", ")", "]"):
            depth = max(0, depth - 1)
    if deepest > max_depth:
        raise QueryRefused(
            f"the query nests groups, brackets or parentheses {deepest} deep; this endpoint allows "
            f"{max_depth} (KG_MAX_QUERY_DEPTH): flatten the query"
        )


def check_graph_iris(names: list[str], parameter: str) -> None:
    """Raise :class:`QueryRefused` unless every dataset parameter value is an absolute IRI.

    >>> check_graph_iris(["not an iri"], "default-graph-uri")
    Traceback (most recent call last):
    ...
    kg.web.guard.QueryRefused: default-graph-uri 'not an iri' is not an absolute IRI (Invalid IRI code point ' '): name a graph such as https://w3id.org/diplokg/graph/ontology
    """
    for name in names:
        try:
            ox.NamedNode(name)
        except ValueError as exc:
            raise QueryRefused(f"{parameter} {name!r} is not an absolute IRI ({exc}): "
                               "name a graph such as https://w3id.org/diplokg/graph/ontology") from None
