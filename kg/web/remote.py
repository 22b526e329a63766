"""Queries forwarded to an external SPARQL engine (``KG_BACKEND=<endpoint URL>``).

The Flask server stays the front door: the guards, row caps, read-only refusal, pages,
search, dumps and named questions work as with the embedded store; only where a query
runs changes. :class:`RemotePool` answers the query pool's requests (see
:mod:`kg.web.querying`) by SPARQL 1.1 Protocol POSTs with a deadline, and normalises what
comes back so every backend gives the embedded store's rows:

* SELECT and ASK come back as SPARQL JSON. Virtuoso's ``typed-literal`` terms become
  ``literal`` ones and its ``1``/``0`` booleans ``true``/``false``; the rows are parsed by
  pyoxigraph and written in the client's format by the same code as local answers, with
  the same row cap. CONSTRUCT and DESCRIBE come back as N-Triples, parsed the same way.
* Virtuoso's default graph is every graph it has, its own system graphs included, each
  quad once per graph. ``kg load`` puts the union of DiploKG's graphs (each triple once)
  into :data:`kg.iris.UNION_GRAPH`; queries name it as their default graph (a query's
  own ``FROM`` still wins). A query with ``GRAPH`` runs without that default graph (in
  Virtuoso, naming one leaves no named graphs), and rows that bind the union graph or
  one of Virtuoso's system graphs are dropped (its graph exclusion pragmas lose constant
  ``GRAPH <iri>`` patterns); those graphs are looked up once, by the first query that names
  graphs. What remains different on Virtuoso: an aggregate over
  ``GRAPH ?g`` that does not return ``?g`` counts those graphs too, and a query mixing
  ``GRAPH`` with default-graph patterns sees each triple once per graph in the latter.
  The named questions and pages do neither.
* Virtuoso 7.2 runs a grouped query whose ``ORDER BY`` names an aggregate's alias only
  with the grouping in a sub-select (:func:`order_outside_grouping`).

Oxigraph's server and QLever need none of this: their default graph is the union.
"""

from __future__ import annotations

import io
import json
import logging
import re
import time
from collections.abc import Iterator
from itertools import islice

import pyoxigraph as ox
import requests

from kg.iris import GRAPH, PREFIXES, UNION_GRAPH
from kg.web.errors import WebError
from kg.web.guard import token_spans, tokens
from kg.web.negotiate import GRAPHS, RESULTS, by_name, choose
from kg.web.querying import PoolQueries, PoolStats, Reply
from kg.web.results import not_acceptable_message, write_boolean, write_graph, write_solutions

log = logging.getLogger(__name__)

XSD_BOOLEAN = "http://www.w3.org/2001/XMLSchema#boolean"
#: largest answer read from the engine; past it the query is stopped like at the deadline
MAX_ANSWER_BYTES = 512 * 2**20
_FORMS = {"SELECT": "select", "ASK": "ask", "CONSTRUCT": "graph", "DESCRIBE": "graph"}
_ACCEPT = {"select": "application/sparql-results+json", "ask": "application/sparql-results+json",
           "graph": "application/n-triples"}


def query_form(query: str) -> str:
    """``select``, ``ask`` or ``graph``: what a query returns, from its first keyword.

    >>> query_form("PREFIX a: <http://a/> # SELECT\\nCONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
    'graph'
    """
    for kind, text in tokens(query):
        if kind == "word" and text.upper() in _FORMS:
            return _FORMS[text.upper()]
    raise WebError(400, "the query is none of SELECT, ASK, CONSTRUCT or DESCRIBE")


def _names_graphs(query: str) -> bool:
    """Does the query match in named graphs (GRAPH ...)? Virtuoso then has no named graphs
    once a default graph is named, so such a query runs on its default dataset."""
    return any(kind == "word" and text.upper() == "GRAPH" for kind, text in tokens(query))


def order_outside_grouping(query: str) -> str:
    """A grouped SELECT whose ORDER BY names its aggregates' aliases, as Virtuoso takes it:
    the grouping in a sub-select, the ordering (and LIMIT/OFFSET) outside. Other queries
    are returned unchanged.

    >>> order_outside_grouping("PREFIX a: <http://a/> SELECT ?x (MIN(?d) AS ?m) WHERE { ?x a:p ?d } GROUP BY ?x ORDER BY ?m LIMIT 2")
    'PREFIX a: <http://a/> SELECT * WHERE { { SELECT ?x (MIN(?d) AS ?m) WHERE { ?x a:p ?d } GROUP BY ?x } } ORDER BY ?m LIMIT 2'
    """
    depth, select_at, group_at, order_at = 0, None, None, None
    previous, previous_at = "", 0
    for kind, text, at in token_spans(query):
        word = text.upper() if kind == "word" else ""
        if text in ("{", "("):
            depth += 1
        elif text in ("}", ")"):
            depth -= 1
        elif depth == 0 and word == "SELECT" and select_at is None:
            select_at = at
        elif depth == 0 and word == "BY" and previous == "GROUP":
            group_at = at
        elif depth == 0 and word == "BY" and previous == "ORDER":
            order_at = previous_at
        previous, previous_at = word, at
    if select_at is None or group_at is None or order_at is None or order_at < group_at:
        return query
    return (f"{query[:select_at]}SELECT * WHERE {{ {{ {query[select_at:order_at].rstrip()} }} }} "
            f"{query[order_at:].lstrip()}")


def normalise_bindings(answer: dict, hidden: frozenset[str] = frozenset()) -> dict:
    """SPARQL JSON as the embedded store writes it: ``typed-literal`` is ``literal``, booleans
    are ``true``/``false``, an ASK is a boolean (Virtuoso may answer a one-cell table), blank
    node labels are labels (not ``nodeID://...``), and rows binding a ``hidden`` graph IRI
    are dropped.

    >>> normalise_bindings({"head": {"vars": ["b"]}, "results": {"bindings": [{"b": {
    ...     "type": "typed-literal", "datatype": XSD_BOOLEAN, "value": "1"}}]}})["results"]["bindings"]
    [{'b': {'type': 'literal', 'datatype': 'http://www.w3.org/2001/XMLSchema#boolean', 'value': 'true'}}]
    """
    if "boolean" in answer:
        return {"head": {}, "boolean": bool(answer["boolean"])}
    if answer.get("head", {}).get("vars") == ["__ASK_RETVAL"]:  # Virtuoso's ASK as a one-cell table
        cells = [row.get("__ASK_RETVAL", {}).get("value", "0") for row in answer["results"]["bindings"]]
        return {"head": {}, "boolean": any(c not in ("0", "false") for c in cells)}
    rows = []
    for row in answer.get("results", {}).get("bindings", []):
        if any(t.get("type") == "uri" and t.get("value") in hidden for t in row.values()):
            continue
        for term in row.values():
            if term.get("type") == "typed-literal":
                term["type"] = "literal"
            elif term.get("type") == "bnode":  # Virtuoso's "nodeID://b10001" is no blank node label
                term["value"] = re.sub(r"[^A-Za-z0-9_]", "", term["value"].rsplit("/", 1)[-1]) or "b"
            if term.get("datatype") == XSD_BOOLEAN and term.get("value") in ("1", "0"):
                term["value"] = "true" if term["value"] == "1" else "false"
        rows.append(row)
    return {"head": {"vars": answer.get("head", {}).get("vars", [])}, "results": {"bindings": rows}}


class RemotePool(PoolQueries):
    """The query pool's interface over an external SPARQL endpoint."""

    def __init__(self, endpoint: str, *, timeout: float = 30.0) -> None:
        self.endpoint = endpoint
        self.timeout = timeout
        self.size = 1
        self.read_only = True
        self.stats = PoolStats()
        self.memory_limit = 0
        self._session = requests.Session()
        self._virtuoso: bool | None = None
        self._system_graphs: frozenset[str] | None = None  # Virtuoso's own graphs, once a query needed them

    def close(self) -> None:
        self._session.close()

    def run(self, request: dict, *, timeout: float | None = None) -> Reply:
        timeout = self.timeout if timeout is None else timeout
        started = time.monotonic()
        op = request.get("op", "query")
        if op == "ping":
            self._post("ASK {}", "ask", started + timeout, timeout)
            return Reply({"kind": "ping", "generation": ""}, iter(()), started)
        if op == "update":
            raise WebError(403, f"this server forwards queries to {self.endpoint}: send updates to that engine "
                                "(or reload it with `kg load`)")
        if op in ("dump", "dumpfile"):
            return self._dump(request, started + max(timeout, 600.0), timeout)
        if op != "query":
            raise WebError(400, f"unknown operation {op!r}")
        return self._query(request, started, timeout)

    # ---------------------------------------------------------------------------- queries

    def _query(self, request: dict, started: float, timeout: float) -> Reply:
        try:
            return self._answer(request, started, timeout)
        except (SyntaxError, ValueError, KeyError) as exc:  # the engine's answer, not the client's query
            raise WebError(502, f"the answer of the SPARQL engine at {self.endpoint} could not be read ({exc})") from None

    def _answer(self, request: dict, started: float, timeout: float) -> Reply:
        query = request["query"]
        kind = query_form(query)
        formats = GRAPHS if kind == "graph" else RESULTS
        wanted = request.get("format")
        fmt = by_name(wanted, formats) if wanted else choose(request.get("accept"), formats)
        if fmt is None:
            raise WebError(406, not_acceptable_message("graph" if kind == "graph" else "results", request.get("accept"), wanted))
        body = self._post(query, kind, started + timeout, timeout, request.get("default_graphs") or [],
                          request.get("named_graphs") or [])
        max_rows = int(request.get("max_rows") or 100_000)
        if kind == "graph":
            triples = list(islice(ox.parse(body, format=ox.RdfFormat.N_TRIPLES), max_rows + 1))
            truncated = len(triples) > max_rows
            del triples[max_rows:]
            head = {"kind": "graph", "media_type": fmt.media_type, "rows": len(triples), "truncated": truncated}
            return Reply({**head, "generation": ""}, _written(lambda out: write_graph(triples, fmt, out)), started)
        hidden = self._hidden(started + timeout) if _names_graphs(query) or request.get("named_graphs") \
            else frozenset({UNION_GRAPH})
        answer = normalise_bindings(json.loads(body), hidden)
        if kind == "ask":
            value = answer.get("boolean", False)
            head = {"kind": "ask", "media_type": fmt.media_type, "rows": 1, "truncated": False, "generation": ""}
            return Reply(head, _written(lambda out: write_boolean(value, fmt, out)), started)
        solutions = ox.parse_query_results(json.dumps(answer).encode(), format=ox.QueryResultsFormat.JSON)
        rows = list(islice(solutions, max_rows + 1))
        truncated = len(rows) > max_rows
        del rows[max_rows:]
        variables = [v.value for v in solutions.variables]
        head = {"kind": "select", "media_type": fmt.media_type, "rows": len(rows), "truncated": truncated, "generation": ""}
        return Reply(head, _written(lambda out: write_solutions(variables, rows, fmt, out, truncated=truncated,
                                                                max_rows=max_rows)), started)

    def _post(self, query: str, kind: str, deadline: float, timeout: float, default_graphs=(), named_graphs=()) -> bytes:
        """The engine's answer to ``query`` as bytes, read until the deadline."""
        if self._virtuoso is None:
            self._detect(deadline)
        params: list[tuple[str, str]] = [("default-graph-uri", g) for g in default_graphs]
        params += [("named-graph-uri", g) for g in named_graphs]
        if self._virtuoso:
            query = order_outside_grouping(query)
            if not default_graphs and not named_graphs and not _names_graphs(query):
                query = f"define input:default-graph-uri <{UNION_GRAPH}>\n{query}"
            params.append(("timeout", str(int(timeout * 1000))))  # the engine stops too, not only we
        self.stats.queries += 1
        try:
            with self._session.post(self.endpoint, data=[("query", query)] + params, stream=True,
                                    headers={"Accept": _ACCEPT[kind]},
                                    timeout=(5, max(0.1, deadline - time.monotonic()))) as r:
                data = bytearray()
                for chunk in r.iter_content(64 * 1024):
                    data += chunk
                    if time.monotonic() > deadline or len(data) > MAX_ANSWER_BYTES:
                        raise TimeoutError
                if r.headers.get("X-SQL-State"):  # Virtuoso's "anytime" answer: rows so far, cut at its timeout
                    raise TimeoutError
                if r.status_code != 200:
                    raise WebError(400 if r.status_code == 400 else 502,
                                   f"the SPARQL engine answered {r.status_code}: {bytes(data[:500]).decode(errors='replace')}")
                return bytes(data)
        except (TimeoutError, requests.Timeout):
            self.stats.timeouts += 1
            raise WebError(503, f"query stopped after {timeout:g} s or {MAX_ANSWER_BYTES // 2**20} MB (the server's "
                                "limits): add a LIMIT, bind a variable to a known resource, or run it on a dump") from None
        except requests.RequestException as exc:
            raise WebError(503, f"the SPARQL engine at {self.endpoint} cannot be reached ({type(exc).__name__}); "
                                "check that it runs and KG_BACKEND names its endpoint") from None

    def _detect(self, deadline: float) -> None:
        """Is the engine Virtuoso? Its Server header says so."""
        try:
            r = self._session.get(self.endpoint, params={"query": "ASK {}"}, timeout=(5, max(0.1, deadline - time.monotonic())))
        except requests.RequestException as exc:
            raise WebError(503, f"the SPARQL engine at {self.endpoint} cannot be reached ({type(exc).__name__}); "
                                "check that it runs and KG_BACKEND names its endpoint") from None
        self._virtuoso = "virtuoso" in r.headers.get("Server", "").lower()

    def _hidden(self, deadline: float) -> frozenset[str]:
        """Graphs whose rows are dropped from an answer that can bind graphs: the union graph
        and Virtuoso's own. Virtuoso's are found by the first query that needs them, since
        finding them reads every quad (seconds per 10^6 quads): a question on the union
        default graph never waits for it."""
        if not self._virtuoso:
            return frozenset({UNION_GRAPH})
        if self._system_graphs is None:
            body = self._post(f'SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(!STRSTARTS(STR(?g), "{GRAPH}")) }}',
                              "select", deadline, max(0.1, deadline - time.monotonic()), [], [])
            self._system_graphs = frozenset(b["g"]["value"] for b in json.loads(body)["results"]["bindings"])
            log.info("backend %s is Virtuoso; rows of its own graphs are dropped: %s", self.endpoint,
                     ", ".join(sorted(self._system_graphs)))
        return self._system_graphs | {UNION_GRAPH}

    # ---------------------------------------------------------------------------- dumps

    def _dump(self, request: dict, deadline: float, timeout: float) -> Reply:
        """Graphs as RDF: one named graph, the union, or the whole dataset (named graphs kept)."""
        started = time.monotonic()
        graph = request.get("graph")
        fmt_name = request.get("name")
        media_type = request.get("format")
        rdf_format = ox.RdfFormat.from_media_type(media_type)
        whole = graph is None and (fmt_name is None or rdf_format.supports_datasets)
        if whole:
            body = self._post("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }", "select", deadline, timeout)
            answer = normalise_bindings(json.loads(body), self._hidden(deadline))
            rows = ox.parse_query_results(json.dumps(answer).encode(), format=ox.QueryResultsFormat.JSON)
            data = [ox.Quad(r["s"], r["p"], r["o"], r["g"]) for r in rows]
            union = self._post("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "graph", deadline, timeout)
            data += [ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph())
                     for t in ox.parse(union, format=ox.RdfFormat.N_TRIPLES)]
        else:
            where = f"GRAPH <{graph}> {{ ?s ?p ?o }}" if graph not in (None, "union", "default") else "?s ?p ?o"
            body = self._post(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ {where} }}", "graph", deadline, timeout)
            data = list(ox.parse(body, format=ox.RdfFormat.N_TRIPLES))
        kwargs = {"format": rdf_format}
        if rdf_format not in (ox.RdfFormat.N_QUADS, ox.RdfFormat.N_TRIPLES):
            kwargs["prefixes"] = PREFIXES
        head = {"kind": "file" if request.get("path") else "graph", "media_type": media_type, "truncated": False,
                "generation": ""}
        if request.get("path"):
            ox.serialize(data, request["path"], **kwargs)
            return Reply(head, iter(()), started)
        return Reply(head, iter([ox.serialize(data, **kwargs)]), started)


def _written(write) -> Iterator[bytes]:
    """The body of an answer: what ``write`` writes, in one chunk."""
    out = io.BytesIO()
    write(out)
    return iter([out.getvalue()])
