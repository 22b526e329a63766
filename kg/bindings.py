"""Binding values into SPARQL queries without pasting strings into them.

A local store takes the values as pyoxigraph ``substitutions`` (RDF-dev SEP-0007): the
variable is pre-bound, the query text is never touched. A remote endpoint has no such
parameter, so :func:`with_values` puts the same values into the query as SPARQL 1.1
inline data: one ``VALUES (?a ?b) { (<term> <term>) }`` block as the first element of
the top-level ``WHERE`` group. Each value is written as an RDF term in N-Triples syntax
(pyoxigraph escapes it), never as raw text, so a value can only ever be a value.

The two give the same rows: Oxigraph evaluates a substitution as a binding joined at
the top of the ``WHERE`` group, which is exactly what a leading ``VALUES`` block is. In
both, a bound variable is visible to the top-level group and its ``OPTIONAL`` and
``FILTER`` parts, but not inside a sub-``SELECT`` or a nested ``{ }`` group, and it
must be a variable the ``SELECT`` clause returns (Oxigraph's rule; checked here for
both, so the same mistake gives the same error locally and remotely).

>>> print(with_values("SELECT ?x WHERE { ?s ?p ?x }", {"x": to_term(1)}))
SELECT ?x WHERE { VALUES (?x) { ("1"^^<http://www.w3.org/2001/XMLSchema#integer>) } ?s ?p ?x }
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pyoxigraph import BlankNode, Triple

from kg.terms import Term, to_term  # noqa: F401  (to_term: doctest)


class BindingError(ValueError):
    """A value cannot be bound into this query (unknown variable, not projected, ...)."""


@dataclass(frozen=True)
class Token:
    kind: str  # "string", "iri", "comment", "var", "{", "}", "(", ")", "word", "ws", "other"
    text: str
    start: int


_TOKEN = re.compile(
    r"""
    (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
              |'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<comment>\#[^\n\r]*)
  | (?P<var>[?$][A-Za-z0-9_\u00B7\u00C0-\uFFFF]+)
  | (?P<brace>[{}()])
  | (?P<word>[A-Za-z0-9_:][\w:.%\-]*)
  | (?P<ws>\s+)
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)


def tokenize(query: str) -> list[Token]:
    """SPARQL text cut into just enough tokens to find variables and the ``WHERE`` group.

    >>> [t.text for t in tokenize('SELECT ?x { ?x <a:b> "?y {" } # ?z') if t.kind == "var"]
    ['?x', '?x']
    """
    out = []
    for m in _TOKEN.finditer(query):
        kind = m.lastgroup
        if kind == "brace":
            kind = m.group()
        out.append(Token(kind, m.group(), m.start()))
    return out


def _significant(tokens: list[Token]) -> list[Token]:
    return [t for t in tokens if t.kind not in ("ws", "comment")]


def variables(query: str) -> set[str]:
    """Names of all variables the query mentions (without ``?``).

    >>> sorted(variables("SELECT ?a WHERE { ?a ?b $c }"))
    ['a', 'b', 'c']
    """
    return {t.text[1:] for t in tokenize(query) if t.kind == "var"}


def query_form(query: str) -> str:
    """``SELECT``, ``CONSTRUCT``, ``DESCRIBE`` or ``ASK`` (the first form keyword).

    >>> query_form("PREFIX a: <b:> ask { ?s ?p ?o }")
    'ASK'
    """
    for t in _significant(tokenize(query)):
        if t.kind == "word" and t.text.upper() in ("SELECT", "CONSTRUCT", "DESCRIBE", "ASK"):
            return t.text.upper()
    raise BindingError("not a SPARQL query: no SELECT, CONSTRUCT, DESCRIBE or ASK found")


def projection(query: str) -> set[str] | None:
    """Variables a ``SELECT`` query returns, or None for ``SELECT *`` and other forms.

    >>> sorted(projection("SELECT ?a (COUNT(?b) AS ?n) WHERE { ?a ?p ?b } GROUP BY ?a"))
    ['a', 'n']
    """
    toks = _significant(tokenize(query))
    i = next((k for k, t in enumerate(toks) if t.kind == "word" and t.text.upper() == "SELECT"), None)
    if i is None or query_form(query) != "SELECT":
        return None
    names: set[str] = set()
    depth = 0
    for k in range(i + 1, len(toks)):
        t = toks[k]
        if t.kind in ("{",) or (depth == 0 and t.kind == "word" and t.text.upper() in ("WHERE", "FROM")):
            break
        if t.kind == "other" and t.text == "*" and depth == 0:
            return None
        if t.kind == "(":
            depth += 1
        elif t.kind == ")":
            depth -= 1
        elif t.kind == "var" and (depth == 0 or (k > 0 and toks[k - 1].text.upper() == "AS")):
            names.add(t.text[1:])
    return names


def check(query: str, names: list[str] | set[str]) -> None:
    """Raise :class:`BindingError` unless every name can be bound in ``query``."""
    if not names:
        return
    present = variables(query)
    unknown = sorted(set(names) - present)
    if unknown:
        raise BindingError(
            f"the query has no variable {', '.join('?' + n for n in unknown)}; "
            f"its variables are: {', '.join('?' + v for v in sorted(present)) or 'none'}"
        )
    projected = projection(query)
    if projected is not None:
        missing = sorted(set(names) - projected)
        if missing:
            raise BindingError(
                f"cannot bind {', '.join('?' + n for n in missing)}: a bound variable must be one the "
                f"SELECT clause returns; add it to the SELECT clause"
            )


def with_values(query: str, bindings: dict[str, Term], *, unprojected: frozenset[str] = frozenset()) -> str:
    """``query`` with ``bindings`` as a ``VALUES`` block at the top of its ``WHERE`` group.

    Names in ``unprojected`` may be variables the ``SELECT`` clause does not return (legal
    in a ``VALUES`` block, impossible as a substitution): a question's name keys.
    """
    if not bindings:
        return query
    check(query, [n for n in bindings if n not in unprojected])
    unknown = sorted(set(unprojected) & set(bindings) - variables(query))
    if unknown:
        raise BindingError(f"the query has no variable {', '.join('?' + n for n in unknown)}")
    for name, term in bindings.items():
        if isinstance(term, (BlankNode, Triple)):
            raise BindingError(f"?{name}: a blank node or triple cannot be sent to an endpoint; bind an IRI or literal")
    names = " ".join(f"?{n}" for n in bindings)
    row = " ".join(str(t) for t in bindings.values())
    block = f"VALUES ({names}) {{ ({row}) }}"

    toks = tokenize(query)
    sig = _significant(toks)
    construct = query_form(query) == "CONSTRUCT"
    depth = 0
    open_at = None
    where_seen = False
    prev_construct = False
    for k, t in enumerate(sig):
        if t.kind == "word" and depth == 0:
            up = t.text.upper()
            if up == "WHERE":
                if prev_construct:
                    raise BindingError(
                        "cannot add values to the short form CONSTRUCT WHERE { ... }: "
                        "write CONSTRUCT { template } WHERE { pattern }"
                    )
                where_seen = True
            prev_construct = up == "CONSTRUCT"
        elif t.kind != "ws":
            prev_construct = False
        if t.kind == "{":
            if depth == 0 and (where_seen or not construct):
                open_at = k
                break
            depth += 1
        elif t.kind == "}":
            depth -= 1
    if open_at is None:
        raise BindingError("the query has no WHERE group to bind values in")
    brace = sig[open_at]
    nxt = sig[open_at + 1] if open_at + 1 < len(sig) else None
    if nxt is not None and nxt.kind == "word" and nxt.text.upper() == "SELECT":
        # the WHERE group is a sub-SELECT: wrap it so that VALUES may precede it
        close = _matching_brace(sig, open_at)
        return (
            query[: brace.start + 1] + f" {block} {{" + query[brace.start + 1 : close.start]
            + "} " + query[close.start :]
        )
    return query[: brace.start + 1] + f" {block}" + query[brace.start + 1 :]


def _matching_brace(sig: list[Token], open_at: int) -> Token:
    depth = 0
    for t in sig[open_at:]:
        if t.kind == "{":
            depth += 1
        elif t.kind == "}":
            depth -= 1
            if depth == 0:
                return t
    raise BindingError("unbalanced braces in the query")
