"""The Python API: one object for a local store and the same calls over HTTP.

``kg.open(path)`` gives a :class:`KnowledgeGraph` on an on-disk store root;
``kg.connect(url)`` gives a :class:`RemoteKnowledgeGraph` on a SPARQL endpoint. Both
answer ``query`` (pyoxigraph results), ``query_df`` (a pandas DataFrame of Python
values, see :mod:`kg.terms`), ``question`` (a named question from ``kg/queries``),
``stats`` and ``graph`` (an rdflib view), so a notebook runs unchanged on a laptop
store and on a shared server.

Queries see the union of all named graphs as their default graph (the data lives in
one graph per article plus ontology, background and inferred graphs), unless the query
names its own dataset with ``FROM``. Values are bound, never pasted: locally as
pyoxigraph substitutions, remotely as a ``VALUES`` block (:mod:`kg.bindings`); a named
question goes as a ``VALUES`` block everywhere, since its name keys are bound without
being returned.

>>> import tempfile, kg
>>> g = kg.open(tempfile.mkdtemp())   # nothing built there yet
>>> g.stats()
Traceback (most recent call last):
...
kg.store.StoreNotBuilt: no store at ...: build one first with `kg build --store ...`
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

import pyoxigraph as ox

from kg import bindings as _bindings
from kg.questions import Question, list_questions, load_question
from kg.store import LiveStore, StoreRoot
from kg.terms import Term, to_python, to_term

if TYPE_CHECKING:
    import pandas
    import rdflib

Results = ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples

_STATS = """
PREFIX dkg: <https://w3id.org/diplokg/ontology#>
SELECT ?kind (COUNT(DISTINCT ?s) AS ?n) WHERE {
  VALUES (?kind ?class) { ("visits" dkg:Visit) ("summits" dkg:Summit) ("persons" dkg:Person)
                          ("states" dkg:State) ("articles" dkg:Article) ("mentions" dkg:Mention) }
  ?s a ?class .
} GROUP BY ?kind
"""
_STATS_GRAPHS = "SELECT (COUNT(*) AS ?quads) (COUNT(DISTINCT ?g) AS ?graphs) WHERE { GRAPH ?g { ?s ?p ?o } }"


class _Queryable:
    """What local and remote graphs share: everything built on ``_execute``."""

    def _execute(self, sparql: str, terms: dict[str, Term]) -> Results:
        raise NotImplementedError

    def query(self, sparql: str, **bindings: Any) -> Results:
        """Run SPARQL; keyword arguments bind variables of the query to values.

        Values are converted by :func:`kg.terms.to_term` (a ``str`` is a string literal;
        use ``kg.iri(...)`` for an IRI). A bound variable must be one the ``SELECT``
        clause returns. Returns pyoxigraph ``QuerySolutions`` (SELECT), ``QueryTriples``
        (CONSTRUCT/DESCRIBE) or ``QueryBoolean`` (ASK).
        """
        terms = {name: to_term(value) for name, value in bindings.items()}
        _bindings.check(sparql, list(terms))
        return self._execute(sparql, terms)

    def question(self, name: str, **params: Any) -> Results:
        """Run the named question ``name`` (see ``kg questions``) with its parameters.

        Parameters not given take their defaults; a string is read the way the
        parameter's default is typed (a date parameter takes ``"2023-07-01"``).
        """
        q = load_question(name)
        return self._execute(q.sparql_with_values(**params), {})

    def query_df(self, sparql_or_name: str, **bindings: Any) -> "pandas.DataFrame":
        """A DataFrame of the results, one column per variable, Python values in the cells.

        ``sparql_or_name`` is SPARQL text or the name of a question (then keyword
        arguments are its parameters). Conversions: IRIs and labels -> ``str``,
        ``xsd:date`` -> ``datetime.date``, ``xsd:gYearMonth``/``xsd:gYear`` ->
        ``pandas.Period`` (the precision is kept), numbers -> ``int``/``float``, unbound
        -> missing. CONSTRUCT/DESCRIBE give columns subject, predicate, object.
        """
        if re.fullmatch(r"[A-Za-z0-9_-]+", sparql_or_name.strip()):
            results = self.question(sparql_or_name.strip(), **bindings)
        else:
            results = self.query(sparql_or_name, **bindings)
        return to_dataframe(results)

    def questions(self) -> list[Question]:
        """The named questions this package ships (the same for every graph)."""
        return list_questions()

    def stats(self) -> dict[str, int]:
        """Counts of visits, summits, persons, states, articles, mentions, quads and graphs.

        ``quads`` counts the quads of the named graphs (all data lives in named graphs).
        """
        out = dict.fromkeys(("visits", "summits", "persons", "states", "articles", "mentions"), 0)
        for row in self._execute(_STATS, {}):
            out[row["kind"].value] = int(row["n"].value)
        (row,) = list(self._execute(_STATS_GRAPHS, {}))
        out["quads"] = int(row["quads"].value)
        out["graphs"] = int(row["graphs"].value)
        return out


class KnowledgeGraph(_Queryable):
    """A DiploKG store root on disk; always reads its currently published generation.

    After a ``kg build`` (or :meth:`build`) publishes a new generation, the next call
    reads it: no need to reopen.
    """

    def __init__(self, store_path: str | os.PathLike, *, read_only: bool = True) -> None:
        self.path = Path(store_path)
        self.read_only = read_only
        self._live = LiveStore(self.path, read_only=read_only)

    def __repr__(self) -> str:
        gen = StoreRoot(self.path).current()
        return f"<KnowledgeGraph {self.path} ({gen.name if gen else 'not built'})>"

    @property
    def store(self) -> ox.Store:
        """The pyoxigraph ``Store`` of the current generation, for anything not wrapped here."""
        return self._live.store

    def _execute(self, sparql: str, terms: dict[str, Term]) -> Results:
        try:
            return self.store.query(  # the default graph is the union the build precomputed
                sparql,
                substitutions={ox.Variable(k): v for k, v in terms.items()} or None,
            )
        except RuntimeError as exc:
            if "projection" in str(exc):  # a binding the projection does not return
                raise _bindings.BindingError(f"{exc}; add the variable to the SELECT clause") from None
            raise

    def graph(self) -> "rdflib.Dataset":
        """An rdflib ``Dataset`` over the same store (via oxrdflib); its default graph is the
        store's, which the build made the union of the named graphs.

        rdflib-based tools work unchanged; queries through it run in Oxigraph.
        """
        import rdflib
        from oxrdflib import OxigraphStore

        return rdflib.Dataset(store=OxigraphStore(store=self.store), default_union=False)

    def build(self, articles_dir: str | os.PathLike | None = None, *, curated: str | os.PathLike | None = None,
              background: str | os.PathLike | None = None, **options: Any):
        """Build (or incrementally rebuild) this store from a folder of articles.

        Folders not given come from the settings (``KG_*`` variables, then defaults); the
        background folder gives both the background graph and the extractor's lexicon.
        ``options`` go to :func:`kg.build.build` (``progress=``, ``extractor=``). Returns its
        ``BuildReport``; later calls read the new generation.
        """
        from kg.build import build as run_build
        from kg.config import Settings

        settings = Settings.from_env(articles=articles_dir, store=self.path, curated=curated, background=background)
        if not self.read_only:  # a writable handle would hold the store's lock during the build
            self._live = LiveStore(self.path, read_only=False)
        report = run_build(settings, **options)
        if not self.read_only:
            self._live = LiveStore(self.path, read_only=False)
        return report

    def dump(self, format: str = "nquads", out: str | os.PathLike | BinaryIO | None = None) -> bytes | None:
        """Write the whole graph in an RDF format (nquads, trig, jsonld, turtle, ntriples,
        rdfxml) to ``out`` (a path or binary file); with no ``out``, return the bytes."""
        from kg.dump import dump_store

        if out is None:
            import io

            buffer = io.BytesIO()
            dump_store(self.store, format, buffer)
            return buffer.getvalue()
        dump_store(self.store, format, out)
        return None


class EndpointError(RuntimeError):
    """The SPARQL endpoint did not answer with results."""


class RemoteKnowledgeGraph(_Queryable):
    """A DiploKG SPARQL endpoint over HTTP, with the calls of :class:`KnowledgeGraph`.

    Bound values travel as a ``VALUES`` block written into the query (each value an
    escaped RDF term); results come back as SPARQL JSON (SELECT/ASK) or N-Triples
    (CONSTRUCT/DESCRIBE) and are parsed into the same pyoxigraph types as locally.
    """

    def __init__(self, endpoint: str, *, timeout: float = 60.0, headers: dict[str, str] | None = None) -> None:
        if not re.match(r"^https?://", endpoint):
            raise ValueError(f"not an http(s) URL: {endpoint!r}; give the endpoint, e.g. http://localhost:5000/sparql")
        self.endpoint = endpoint
        self.timeout = timeout
        self.headers = dict(headers or {})

    def __repr__(self) -> str:
        return f"<RemoteKnowledgeGraph {self.endpoint}>"

    def _execute(self, sparql: str, terms: dict[str, Term]) -> Results:
        import requests

        text = _bindings.with_values(sparql, terms)
        form = _bindings.query_form(sparql)
        graph_result = form in ("CONSTRUCT", "DESCRIBE")
        accept = "application/n-triples" if graph_result else "application/sparql-results+json"
        try:
            response = requests.post(
                self.endpoint,
                data={"query": text},
                headers={"Accept": accept, **self.headers},
                timeout=self.timeout,
            )
        except requests.RequestException as exc:
            raise EndpointError(f"cannot reach {self.endpoint}: {exc}; is the server running?") from None
        body = response.content
        if response.status_code == 400:
            raise SyntaxError(f"the endpoint rejected the query: {response.text.strip()[:2000]}")
        if response.status_code != 200:
            raise EndpointError(f"{self.endpoint} answered {response.status_code}: {response.text.strip()[:2000]}")
        media_type = response.headers.get("Content-Type", accept).split(";")[0].strip()
        if graph_result:
            rdf_format = ox.RdfFormat.from_media_type(media_type) or ox.RdfFormat.N_TRIPLES
            return _Triples(q.triple for q in ox.parse(body, format=rdf_format))
        results_format = ox.QueryResultsFormat.from_media_type(media_type) or ox.QueryResultsFormat.JSON
        return ox.parse_query_results(body, format=results_format)

    def graph(self) -> "rdflib.Dataset":
        """A read-only rdflib ``Dataset`` that sends its queries to the endpoint."""
        import rdflib
        from rdflib.plugins.stores.sparqlstore import SPARQLStore

        return rdflib.Dataset(store=SPARQLStore(query_endpoint=self.endpoint, returnFormat="json"), default_union=True)


class _Triples(list):
    """CONSTRUCT results fetched over HTTP: a list of pyoxigraph Triples."""


def to_dataframe(results: Results | Iterable) -> "pandas.DataFrame":
    """A DataFrame of Python values from query results (see :func:`kg.terms.to_python`)."""
    import pandas as pd

    if isinstance(results, ox.QueryBoolean):
        raise TypeError("query_df needs a SELECT, CONSTRUCT or DESCRIBE query; run ASK queries with .query()")
    if isinstance(results, ox.QuerySolutions):
        names = [v.value for v in results.variables]
        columns: dict[str, list] = {n: [] for n in names}
        for solution in results:
            for n in names:
                columns[n].append(to_python(solution[n]))
    else:
        names = ["subject", "predicate", "object"]
        columns = {n: [] for n in names}
        for t in results:
            columns["subject"].append(to_python(t.subject))
            columns["predicate"].append(to_python(t.predicate))
            columns["object"].append(to_python(t.object))
    frame = pd.DataFrame({n: pd.Series(columns[n], dtype=object) for n in names}, columns=names)
    return frame.infer_objects()


def open(store_path: str | os.PathLike | None = None, *, read_only: bool = True) -> KnowledgeGraph:  # noqa: A001
    """The knowledge graph in a store root (default: ``KG_STORE`` or ``data/build/store``).

    The root need not be built yet: :meth:`KnowledgeGraph.build` builds it, and
    queries before that raise :class:`kg.store.StoreNotBuilt` saying so.
    """
    if store_path is None:
        from kg.config import Settings

        store_path = Settings.from_env().store
    return KnowledgeGraph(store_path, read_only=read_only)


def connect(endpoint: str, *, timeout: float = 60.0, headers: dict[str, str] | None = None) -> RemoteKnowledgeGraph:
    """The knowledge graph behind a SPARQL endpoint, e.g. ``kg.connect("http://host/sparql")``."""
    return RemoteKnowledgeGraph(endpoint, timeout=timeout, headers=headers)
