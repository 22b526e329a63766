"""SERVICE targets of a SPARQL query or update, read from its tokens (SPARQL 1.1 Query, section 19).

pyoxigraph follows ``SERVICE <http://...>`` by itself, so a public endpoint would fetch
any URL its users name, internal hosts included. The server refuses a query whose SERVICE
target is not on the allowlist. The check runs on real tokens: comments, strings and IRIs
that merely contain the word are ignored, prefixed names are expanded with the query's
own PREFIX and BASE declarations, codepoint escapes (``\\u0053ERVICE``) are decoded first
as the grammar prescribes, and a variable target (``SERVICE ?x``) is always refused.

>>> service_targets('PREFIX e: <http://ex.org/> SELECT * { SERVICE e:sparql { ?s ?p ?o } }')
['http://ex.org/sparql']
>>> service_targets('SELECT * { ?s ?p "SERVICE <http://x/>" } # SERVICE <http://y/>')
[]
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_PN_CHARS_BASE = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff"
_PN_CHARS = _PN_CHARS_BASE + r"_0-9\-\u00b7\u0300-\u036f\u203f-\u2040"
_TOKEN = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<comment>\#[^\n\r]*)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][""" + _PN_CHARS + r"""]+)
  | (?P<pname>(?:[""" + _PN_CHARS_BASE + r"""](?:[""" + _PN_CHARS + r""".]*[""" + _PN_CHARS + r"""])?)?:(?:(?:[""" + _PN_CHARS + r""":]|%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?\#@%])(?:[""" + _PN_CHARS + r""".:]|%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?\#@%])*)?)
  | (?P<word>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)


class ServiceRefused(ValueError):
    """A SERVICE call the server will not make; the message says what to do instead."""


def decode_escapes(text: str) -> str:
    """Replace ``\\uXXXX`` / ``\\UXXXXXXXX`` codepoint escapes, as SPARQL does before parsing.

    >>> decode_escapes(r"\\u0053ERVICE")
    'SERVICE'
    """
    return _ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), text)


def tokens(text: str):
    """(kind, text) of each significant token; whitespace and comments are dropped."""
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup
        if kind not in ("ws", "comment"):
            yield kind, m.group()


def _unescape_local(local: str) -> str:
    return re.sub(r"\\(.)", r"\1", local)


def service_targets(query: str) -> list[str | None]:
    """The SERVICE target IRIs of ``query``, in order; None for a target that is not an IRI.

    >>> service_targets('SELECT * { SERVICE SILENT ?endpoint { ?s ?p ?o } }')
    [None]
    >>> service_targets('BASE <http://h/a/> SELECT * { SERVICE <../q> {} }')
    ['http://h/q']
    """
    text = decode_escapes(query)
    if "service" not in text.lower():
        return []  # fast path: almost every query
    prefixes: dict[str, str] = {}
    base = ""
    toks = list(tokens(text))
    out: list[str | None] = []
    i = 0
    while i < len(toks):
        kind, value = toks[i]
        upper = value.upper() if kind == "word" else ""
        if upper == "BASE" and i + 1 < len(toks) and toks[i + 1][0] == "iri":
            base = urljoin(base, toks[i + 1][1][1:-1])
            i += 2
            continue
        if upper == "PREFIX" and i + 2 < len(toks) and toks[i + 1][0] == "pname" and toks[i + 2][0] == "iri":
            prefixes[toks[i + 1][1].split(":", 1)[0]] = urljoin(base, toks[i + 2][1][1:-1])
            i += 3
            continue
        if upper == "SERVICE":
            j = i + 1
            if j < len(toks) and toks[j][0] == "word" and toks[j][1].upper() == "SILENT":
                j += 1
            target: str | None = None
            if j < len(toks):
                tkind, tval = toks[j]
                if tkind == "iri":
                    target = urljoin(base, tval[1:-1])
                elif tkind == "pname":
                    pfx, _, local = tval.partition(":")
                    if pfx in prefixes:
                        target = prefixes[pfx] + _unescape_local(local)
            out.append(target)
            i = j + 1
            continue
        i += 1
    return out


def check_services(query: str, allowlist: tuple[str, ...] | frozenset[str]) -> None:
    """Raise :class:`ServiceRefused` unless every SERVICE target is on ``allowlist``.

    >>> check_services('SELECT * { SERVICE <http://10.0.0.1/> {} }', ())
    Traceback (most recent call last):
    ...
    kg.web.guard.ServiceRefused: SERVICE <http://10.0.0.1/> is not allowed on this endpoint: no SERVICE target is allowed (set KG_SERVICE_ALLOWLIST to permit federated queries)
    """
    allowed = set(allowlist)
    for target in service_targets(query):
        if target is None:
            raise ServiceRefused(
                "SERVICE with a variable or unreadable target is not allowed on this endpoint: "
                "name the endpoint IRI explicitly" + (f" (allowed: {', '.join(sorted(allowed))})" if allowed else "")
            )
        if target not in allowed:
            hint = (
                f"allowed targets: {', '.join(sorted(allowed))}"
                if allowed
                else "no SERVICE target is allowed (set KG_SERVICE_ALLOWLIST to permit federated queries)"
            )
            raise ServiceRefused(f"SERVICE <{target}> is not allowed on this endpoint: {hint}")
