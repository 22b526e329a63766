"""SPARQL 1.1 Protocol (query and update operations), Service Description, VoID and the
read side of the SPARQL 1.1 Graph Store HTTP Protocol.

* ``/sparql``: Protocol sections 2.1 (query: GET, POST form, POST direct) and 2.2
  (update: POST form, POST direct; only with a bearer token configured). Without a query
  a GET returns the Service Description (SPARQL 1.1 Service Description, section 3).
* ``/store``: Graph Store Protocol section 5.2 (GET) for ``?default``, ``?graph=IRI``
  and, as in Oxigraph, the whole dataset when neither is given.
* ``/void``: a VoID description of the dataset (W3C Note "Describing Linked Datasets").

The endpoint's default graph is the union of all named graphs unless the request names
a dataset with ``default-graph-uri`` / ``named-graph-uri``.
"""

from __future__ import annotations

import hmac
import json
import logging

import pyoxigraph as ox
from flask import Blueprint, Response, redirect, render_template, request, url_for

from kg import iris
from kg.iris import PREFIXES
from kg.web import negotiate
from kg.web.errors import WebError, error
from kg.web.guard import check_graph_iris, check_remote, check_shape
from kg.web.negotiate import DATASETS, GRAPHS, RESULTS
from kg.web.querying import Reply
from kg.web.site import site

log = logging.getLogger(__name__)
bp = Blueprint("sparql", __name__)

SD = "http://www.w3.org/ns/sparql-service-description#"
VOID = "http://rdfs.org/ns/void#"
DCT = "http://purl.org/dc/terms/"
FOAF = "http://xmlns.com/foaf/0.1/"
BUFFER = 256 * 1024
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
HTML = negotiate.Format("text/html", "html", "html", ("application/xhtml+xml",))
DESCRIPTION_PREFIXES = {**PREFIXES, "sd": SD, "void": VOID, "dcterms": DCT, "foaf": FOAF, "formats": "http://www.w3.org/ns/formats/"}


def _single(values: list[str], name: str) -> str | None:
    if len(values) > 1:
        raise WebError(400, f"the request has {len(values)} '{name}' parameters; send exactly one")
    return values[0] if values else None


def read_operation() -> tuple[str | None, str | None, list[str], list[str]]:
    """(query, update, default graph IRIs, named graph IRIs) of a Protocol request.

    Raises :class:`WebError` with the status the Protocol's test suite expects.
    """
    args = request.args
    if request.method in ("GET", "HEAD"):
        if "update" in args:
            raise WebError(400, "SPARQL Update must be sent by POST (SPARQL 1.1 Protocol 2.2), not GET")
        query = _single(args.getlist("query"), "query")
        return query, None, args.getlist("default-graph-uri"), args.getlist("named-graph-uri")
    mimetype = (request.mimetype or "").lower()
    if mimetype == "application/x-www-form-urlencoded":
        form = request.form
        query = _single(form.getlist("query") + args.getlist("query"), "query")
        update = _single(form.getlist("update") + args.getlist("update"), "update")
        if query is not None and update is not None:
            raise WebError(400, "send either 'query' or 'update', not both")
        if query is None and update is None:
            raise WebError(400, "the form has neither a 'query' nor an 'update' field")
        if update is not None:
            default = form.getlist("using-graph-uri") + args.getlist("using-graph-uri")
            named = form.getlist("using-named-graph-uri") + args.getlist("using-named-graph-uri")
        else:
            default = form.getlist("default-graph-uri") + args.getlist("default-graph-uri")
            named = form.getlist("named-graph-uri") + args.getlist("named-graph-uri")
        return query, update, default, named
    if mimetype in ("application/sparql-query", "application/sparql-update"):
        charset = (request.mimetype_params.get("charset") or "utf-8").lower()
        if charset not in ("utf-8", "utf8"):
            raise WebError(415, f"the body must be UTF-8 (SPARQL 1.1 Protocol 2.1.3), not {charset}")
        if "query" in args or "update" in args:
            raise WebError(400, "a direct POST carries the operation in its body; remove the 'query'/'update' URL parameter")
        try:
            text = request.get_data(cache=False).decode("utf-8")
        except UnicodeDecodeError:
            raise WebError(400, "the body is not valid UTF-8") from None
        if mimetype == "application/sparql-query":
            return text, None, args.getlist("default-graph-uri"), args.getlist("named-graph-uri")
        return None, text, args.getlist("using-graph-uri"), args.getlist("using-named-graph-uri")
    raise WebError(
        415,
        f"unsupported request Content-Type {request.mimetype or '(none)'!r}: POST a query as "
        "application/x-www-form-urlencoded (query=...) or as application/sparql-query",
    )


def stream(reply: Reply, extra_headers: dict | None = None) -> Response:
    """A streamed response for a pool reply, with the row limit announced in headers."""
    head = reply.head
    fmt = next((f for f in RESULTS + GRAPHS if f.media_type == head.get("media_type")), None)
    content_type = fmt.content_type if fmt else head.get("media_type", "application/octet-stream")
    s = site()
    headers = {
        "Vary": "Accept",
        "X-SPARQL-MaxRows": str(s.settings.max_rows),
        "X-Store-Generation": head.get("generation", ""),
    }
    if "rows" in head:
        headers["X-SPARQL-Rows"] = str(head["rows"])
        headers["X-SPARQL-Truncated"] = "true" if head.get("truncated") else "false"
    if head.get("truncated"):
        headers["Warning"] = f'199 - "result cut at {s.settings.max_rows} rows (the server\'s max_rows): page with LIMIT/OFFSET"'
    headers.update(extra_headers or {})

    # small answers (nearly all) go out in one piece with a Content-Length; past
    # BUFFER bytes the rest streams, so a large answer is never held in memory
    chunks, size = [], 0
    body = iter(reply.body)
    for chunk in body:
        chunks.append(chunk)
        size += len(chunk)
        if size >= BUFFER:
            break
    else:
        return Response(b"".join(chunks), status=200, content_type=content_type, headers=headers)

    def rest():
        yield from chunks
        try:
            yield from body
        except WebError as exc:
            # the status line is long gone: a marker makes the JSON/XML body unparseable
            # and tells a reader of CSV/TSV why it ends, and the connection closes
            # without the last chunk, so the client sees an incomplete answer
            log.warning("answer stopped while streaming: %s", exc.message)
            yield f"\n\n# ANSWER CUT, the rows above are incomplete: {exc.message}\n".encode()
            raise

    return Response(rest(), status=200, content_type=content_type, headers=headers)


def _check_token() -> Response | None:
    s = site()
    if not s.settings.update_token:
        return error(403, "this endpoint is read-only: SPARQL Update is enabled only when the server has KG_UPDATE_TOKEN set")
    auth = request.headers.get("Authorization", "")
    scheme, _, token = auth.partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(token.strip().encode(), s.settings.update_token.encode()):
        return error(401, "SPARQL Update needs 'Authorization: Bearer <token>' with the server's update token",
                     {"WWW-Authenticate": 'Bearer realm="diplokg"'})
    return None


@bp.route("/sparql", methods=["GET", "POST"])
def sparql():
    s = site()
    query, update, default, named = read_operation()
    if query is None and update is None:
        if request.method in ("GET", "HEAD") and not request.args:
            return service_description()
        return error(400, "no 'query' parameter: send ?query=SELECT... (GET /sparql alone returns the service description)")
    text = query if query is not None else update
    prefix = "default" if query is not None else "using"
    check_shape(text, s.settings.max_query_depth)
    check_remote(text, s.settings.service_allowlist)
    check_graph_iris(default, f"{prefix}-graph-uri")
    check_graph_iris(named, f"{'' if query is not None else 'using-'}named-graph-uri")
    if update is not None:
        refused = _check_token()
        if refused is not None:
            return refused
        if default or named:  # Protocol 2.2.3; pyoxigraph has no option for it
            return error(400, "using-graph-uri / using-named-graph-uri are not supported here: write USING in the update")
        s.pool.run({"op": "update", "query": update}).read()
        s.invalidate()
        return Response(status=204)
    wanted = request.args.get("format") or request.form.get("format") if request.method == "POST" else request.args.get("format")
    accept = request.headers.get("Accept")
    key = s.results.key(s.generation(), query, default, named, accept, wanted, s.settings.max_rows)
    early = s.results.early(key, request.headers.get("If-None-Match"))
    if early is not None:  # kg.web.cache: a 304, or the answer kept from an identical request
        return early
    reply = s.pool.run({
        "op": "query",
        "query": query,
        "generation": key.generation if key else "",  # the query process need not look it up
        "accept": accept,
        "format": wanted,
        "default_graphs": default,
        "named_graphs": named,
        "max_rows": s.settings.max_rows,
    })
    s.saw_generation(reply.head.get("generation", ""))
    key = key and key.on(reply.head.get("generation"))
    response = stream(reply, s.results.headers(key))
    s.results.keep(key, response)
    return response


# ----------------------------------------------------------------------------- descriptions


def _nn(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def _lit(value, datatype: str | None = None) -> ox.Literal:
    if datatype:
        return ox.Literal(str(value), datatype=_nn(datatype))
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=_nn("http://www.w3.org/2001/XMLSchema#integer"))
    return ox.Literal(str(value))


def _describe(triples: list[ox.Triple], *, default: str = "text/turtle") -> Response:
    fmt = negotiate.by_name(request.args["format"], GRAPHS) if request.args.get("format") else negotiate.choose(request.headers.get("Accept"), GRAPHS)
    if fmt is None:
        return error(406, negotiate_message(GRAPHS))
    body = ox.serialize(triples, format=ox.RdfFormat.from_media_type(fmt.media_type),
                        **({} if fmt.name in ("ntriples", "nquads") else {"prefixes": DESCRIPTION_PREFIXES}))
    return Response(body, content_type=fmt.content_type, headers={"Vary": "Accept"})


def negotiate_message(formats) -> str:
    return f"none of the formats in Accept can be served here; available: {', '.join(f.media_type for f in formats)}"


def statistics() -> dict:
    """Counts for the VoID and the service description, computed once per store generation."""
    s = site()

    def compute() -> dict:
        def num(q: str) -> int:
            rows = s.pool.select(q)
            return int(rows[0]["n"]["value"]) if rows and "n" in rows[0] else 0

        graphs = [(r["g"]["value"], int(r["n"]["value"])) for r in s.pool.select(
            "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g")]
        classes = [(r["c"]["value"], int(r["n"]["value"])) for r in s.pool.select(
            "SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c } GROUP BY ?c ORDER BY DESC(?n)") if r["c"]["type"] == "uri"]
        examples = [r["s"]["value"] for r in s.pool.select(
            "PREFIX dkg: <https://w3id.org/diplokg/ontology#> SELECT ?s (COUNT(?o) AS ?n) WHERE { "
            "VALUES ?c { dkg:Visit dkg:Person dkg:Summit } ?s a ?c ; ?p ?o } GROUP BY ?s ORDER BY DESC(?n) LIMIT 3")]
        return {
            "quads": sum(n for _, n in graphs),
            "triples": num("SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }"),
            "entities": num(f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s ?p ?o FILTER STRSTARTS(STR(?s), {json.dumps(s.id_base)}) }}"),
            "properties": num("SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?s ?p ?o }"),
            "graphs": graphs,
            "classes": classes,
            "examples": examples,
        }

    return s.cached("statistics", compute)


def service_description() -> Response:
    """SPARQL 1.1 Service Description of this endpoint (Turtle, RDF/XML, ...); HTML asks go to /."""
    if negotiate.best(request.headers.get("Accept"), (negotiate.Format("text/html", "html", "html"), *GRAPHS)) == "text/html":
        return redirect(url_for("pages.index"))
    s = site()
    endpoint = s.public_url + "/sparql"  # from configuration: never from the client's Host header
    svc = ox.BlankNode("service")
    dataset = ox.BlankNode("dataset")
    default_graph = ox.BlankNode("defaultGraph")
    t = []
    add = lambda s_, p, o: t.append(ox.Triple(s_, _nn(p), o))  # noqa: E731
    add(svc, RDF_TYPE.value, _nn(SD + "Service"))
    add(svc, SD + "endpoint", _nn(endpoint))
    add(svc, SD + "supportedLanguage", _nn(SD + "SPARQL11Query"))
    if s.settings.update_token:
        add(svc, SD + "supportedLanguage", _nn(SD + "SPARQL11Update"))
    add(svc, SD + "feature", _nn(SD + "UnionDefaultGraph"))
    add(svc, SD + "feature", _nn(SD + "BasicFederatedQuery"))
    for fmt in RESULTS + GRAPHS:
        add(svc, SD + "resultFormat", _nn(ox.RdfFormat.from_media_type(fmt.media_type).iri if fmt in GRAPHS else ox.QueryResultsFormat.from_media_type(fmt.media_type).iri))
    add(svc, DCT + "description", _lit(
        f"DiploKG SPARQL endpoint. The default graph is the union of all named graphs. Queries stop after "
        f"{s.settings.query_timeout:g} s; SELECT answers are cut at {s.settings.max_rows} rows (announced in "
        f"X-SPARQL-Truncated); SERVICE is allowed only to: {', '.join(s.settings.service_allowlist) or 'nothing'}."))
    add(svc, SD + "defaultDataset", dataset)
    add(dataset, RDF_TYPE.value, _nn(SD + "Dataset"))
    add(dataset, SD + "defaultGraph", default_graph)
    add(default_graph, RDF_TYPE.value, _nn(SD + "Graph"))
    add(dataset, VOID + "sparqlEndpoint", _nn(endpoint))
    add(svc, "http://www.w3.org/2000/01/rdf-schema#seeAlso", _nn(s.public_url + "/void"))
    try:
        stats = statistics()
    except WebError as exc:
        log.warning("service description without statistics: %s", exc.message)
        stats = {"triples": 0, "graphs": []}
    add(default_graph, VOID + "triples", _lit(stats["triples"]))
    for i, (graph, n) in enumerate(stats["graphs"]):
        ng = ox.BlankNode(f"ng{i}")
        g = ox.BlankNode(f"g{i}")
        add(dataset, SD + "namedGraph", ng)
        add(ng, RDF_TYPE.value, _nn(SD + "NamedGraph"))
        add(ng, SD + "name", _nn(graph))
        add(ng, SD + "graph", g)
        add(g, RDF_TYPE.value, _nn(SD + "Graph"))
        add(g, VOID + "triples", _lit(n))
    return _describe(t)


@bp.route("/void")
@bp.route("/.well-known/void")
def void():
    """VoID: size, classes, graphs, dumps and example resources of the dataset."""
    from kg.web.dumps import DUMP_FORMATS

    s = site()
    root = s.public_url
    stats = statistics()
    if _html_wanted():
        return _void_html(stats, root)
    ds = _nn(s.settings.base_iri.rstrip("/") + "/dataset")
    t = []
    add = lambda s_, p, o: t.append(ox.Triple(s_, _nn(p), o))  # noqa: E731
    add(ds, RDF_TYPE.value, _nn(VOID + "Dataset"))
    add(ds, DCT + "title", ox.Literal("DiploKG", language="en"))
    add(ds, DCT + "description", ox.Literal("Diplomatic visits, summits and delegations extracted from news articles, with the sentence that states each fact.", language="en"))
    add(ds, VOID + "sparqlEndpoint", _nn(root + "/sparql"))
    add(ds, VOID + "uriSpace", _lit(s.id_base))
    add(ds, VOID + "vocabulary", _nn(iris.ONTOLOGY))
    add(ds, VOID + "triples", _lit(stats["triples"]))
    add(ds, VOID + "entities", _lit(stats["entities"]))
    add(ds, VOID + "classes", _lit(len(stats["classes"])))
    add(ds, VOID + "properties", _lit(stats["properties"]))
    add(ds, VOID + "rootResource", _nn(iris.ONTOLOGY_IRI))
    for fmt in DUMP_FORMATS:
        add(ds, VOID + "dataDump", _nn(f"{root}/dumps/latest/{fmt.filename}"))
    for ex in stats["examples"]:
        add(ds, VOID + "exampleResource", _nn(ex))
    for i, (cls, n) in enumerate(stats["classes"]):
        part = ox.BlankNode(f"class{i}")
        add(ds, VOID + "classPartition", part)
        add(part, VOID + "class", _nn(cls))
        add(part, VOID + "entities", _lit(n))
    for graph, n in stats["graphs"]:
        sub = _nn(graph)
        add(ds, VOID + "subset", sub)
        add(sub, RDF_TYPE.value, _nn(VOID + "Dataset"))
        add(sub, VOID + "triples", _lit(n))
        add(sub, VOID + "sparqlEndpoint", _nn(root + "/sparql"))
    return _describe(t)


def _html_wanted() -> bool:
    """A browser asking for a description gets HTML; RDF clients and ``*/*`` keep Turtle first."""
    if request.args.get("format"):
        return request.args["format"] == "html"
    return negotiate.choose(request.headers.get("Accept"), (*GRAPHS, HTML)) is HTML


def _void_html(stats: dict, root: str) -> Response:
    from kg.web.describe import describe_events, labels_for, short
    from kg.web.dumps import DUMP_FORMATS

    s = site()
    articles = {g: s.id_base + "article/" + g[len(iris.ARTICLE_GRAPH_PREFIX):] for g, _ in stats["graphs"]
                if g.startswith(iris.ARTICLE_GRAPH_PREFIX)}
    labels = labels_for(s.pool.select, {c for c, _ in stats["classes"]} | set(articles.values()) | set(stats["examples"]))
    labels.update({i: e["title"] for i, e in describe_events(s.pool.select, set(stats["examples"])).items()})

    def named(iri: str) -> dict:
        return {"text": labels.get(iri) or short(iri), "href": s.local_path(iri) or iri, "iri": iri}

    graphs = [{"graph": short(g), "iri": g, "about": named(articles[g]) if g in articles else None, "triples": n}
              for g, n in stats["graphs"]]
    classes = [{**named(c), "entities": n} for c, n in stats["classes"]]
    dumps = [{"name": f.label, "href": f"{root}/dumps/latest/{f.filename}"} for f in DUMP_FORMATS]
    body = render_template("void.html", stats=stats, graphs=graphs, classes=classes, dumps=dumps,
                           examples=[named(e) for e in stats["examples"]], endpoint=root + "/sparql",
                           uri_space=s.id_base, formats=GRAPHS)
    return Response(body, mimetype="text/html", headers={"Vary": "Accept"})


# ----------------------------------------------------------------------------- graph store


@bp.route("/store", methods=["GET", "OPTIONS"], provide_automatic_options=False)
def graph_store():
    """GSP GET: ``?default`` (the union default graph), ``?graph=IRI``, or the whole dataset."""
    if request.method == "OPTIONS":  # only what works here, not the write methods refused below
        return Response(status=204, headers={"Allow": "GET, HEAD, OPTIONS"})
    s = site()
    graphs = request.args.getlist("graph")
    check_graph_iris(graphs, "graph")
    if "default" in request.args and graphs or len(graphs) > 1:
        return error(400, "name one graph: either ?default or a single ?graph=IRI (or neither, for the whole dataset)")
    whole = "default" not in request.args and not graphs
    formats = DATASETS if whole else GRAPHS
    fmt = negotiate.by_name(request.args["format"], formats) if request.args.get("format") else negotiate.choose(request.headers.get("Accept"), formats)
    if fmt is None:
        hint = " (the whole dataset needs a format with named graphs)" if whole else ""
        return error(406, negotiate_message(formats) + hint)
    if whole:
        req = {"op": "dump", "format": fmt.media_type, "graph": None}
    elif graphs:
        req = {"op": "dump", "format": fmt.media_type, "graph": graphs[0]}
    else:
        req = {"op": "dump", "format": fmt.media_type, "graph": "union"}
    reply = s.pool.run(req)
    return stream(reply)


@bp.route("/store", methods=["PUT", "POST", "DELETE", "PATCH"])
def graph_store_write():
    return error(405, "the Graph Store Protocol is read-only here: use GET, or SPARQL Update on /sparql with a token",
                 {"Allow": "GET, HEAD, OPTIONS"})
