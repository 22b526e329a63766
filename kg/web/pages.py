"""Pages for people: the query page, linked-data resource pages, the ontology, search.

Every resource IRI under ``<base>/id/`` is served at ``/id/...``: an HTML page when the
client prefers HTML, else RDF in the negotiated format (Turtle, JSON-LD, RDF/XML, ...).
Each HTML page has its machine-readable twin, linked from the page.
"""

from __future__ import annotations

import logging

from flask import Blueprint, Response, jsonify, redirect, render_template, request

from kg import iris
from kg.iris import PREFIXES
from kg.resources import ontology_dir
from kg.web import negotiate
from kg.web.errors import error
from kg.web.negotiate import GRAPHS, Format
from kg.web.describe import short, sparql_iri
from kg.web.entity_page import entity_page, event_iris_around
from kg.web.search import build_index
from kg.web.site import site
from kg.web.sparql import stream
from kg.web.views import MAX_ANSWER_IRIS, views_data

log = logging.getLogger(__name__)
bp = Blueprint("pages", __name__)
HTML = Format("text/html", "html", "html", ("application/xhtml+xml",))
JSON = Format("application/json", "json", "json")
ONTOLOGY_TTL = ontology_dir() / "dkg.ttl"
DKG = iris.ONTOLOGY


def wants_html() -> bool:
    if request.args.get("format"):
        return request.args["format"] == "html"
    return negotiate.choose(request.headers.get("Accept"), (HTML, *GRAPHS)) is HTML


# ----------------------------------------------------------------------------- query page


def questions() -> list[dict]:
    """The named questions of kg/queries, each with runnable SPARQL (defaults as VALUES)."""
    from kg.questions import list_questions

    out = []
    for q in list_questions():
        try:
            sparql = q.sparql_with_values()
        except (ValueError, TypeError) as exc:  # a default that cannot be bound must not take the page down
            log.warning("question %s: %s", q.name, exc)
            sparql = q.sparql
        out.append({"name": q.name, "title": q.title, "description": q.description, "sparql": sparql,
                    "params": [{"name": p.name, "default": _show_term(p.default), "doc": p.doc} for p in q.params]})
    return out


def _show_term(term) -> str:
    """A parameter default as people read it: the text of a literal, a short IRI.

    >>> import pyoxigraph as ox
    >>> _show_term(ox.Literal("2023-01-01", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date")))
    '2023-01-01'
    """
    value = getattr(term, "value", str(term))
    return short(value) if type(term).__name__ == "NamedNode" else f'"{value}"' if getattr(term, "language", None) or getattr(getattr(term, "datatype", None), "value", "").endswith("#string") else value


@bp.route("/")
def index():
    return render_template("index.html", questions=questions(), prefixes=PREFIXES, settings=site().settings,
                           id_base=site().id_base, missing=_missing_assets())


@bp.route("/api/questions")
def api_questions():
    return jsonify(questions())


def _views(answer: set[str] | None) -> dict:
    s = site()
    return views_data(s.pool.select, s.local_path, s.settings.background, answer)


@bp.route("/api/views", methods=["GET", "POST"])
def api_views():
    """The views' data: of the whole graph (GET), or of the IRIs of an answer (POST {"iris": [...]})."""
    if request.method == "GET":
        return jsonify(site().cached("views", lambda: _views(None)))
    try:
        body = request.get_json(silent=True)
    except RecursionError:  # nesting deeper than the JSON decoder's recursion: not a list of IRIs either
        body = None
    if not isinstance(body, dict) or not isinstance(body.get("iris"), list) or not all(isinstance(i, str) for i in body["iris"]):
        return error(400, 'send JSON {"iris": ["https://...", ...]}: the IRIs of the answer to draw')
    if len(body["iris"]) > MAX_ANSWER_IRIS:
        return error(413, f"at most {MAX_ANSWER_IRIS} IRIs: draw a smaller answer (add a LIMIT)")
    return jsonify(_views(set(body["iris"])))


@bp.route("/views")
def views_page():
    """Timeline, map and network of the whole graph."""
    return render_template("views.html", missing=_missing_assets())


def _missing_assets() -> list[str]:
    from kg.web.assets import missing_assets

    return missing_assets()


# ----------------------------------------------------------------------------- resources


@bp.route("/id/<path:key>")
def resource(key: str):
    s = site()
    iri = s.id_base + key
    ref = sparql_iri(iri)
    if not wants_html():
        fmt = negotiate.by_name(request.args["format"], GRAPHS) if request.args.get("format") else negotiate.choose(request.headers.get("Accept"), GRAPHS)
        if fmt is None:
            return error(406, "available formats: text/html, " + ", ".join(f.media_type for f in GRAPHS))
        if not s.pool.ask(f"ASK {{ {{ {ref} ?p ?o }} UNION {{ ?s ?p {ref} }} }}"):
            return error(404, f"nothing is known about <{iri}>: try /search?q=...")
        reply = s.pool.graph(
            f"CONSTRUCT {{ {ref} ?p ?o . ?m ?mp ?mo . ?s ?sp {ref} }} WHERE {{ "
            f"{{ {ref} ?p ?o }} UNION {{ {ref} <{DKG}evidence> ?m . ?m ?mp ?mo }} UNION {{ ?s ?sp {ref} }} }}",
            fmt.media_type, max_rows=s.settings.max_rows)
        return stream(reply, {"Link": f'<{request.base_url}>; rel="alternate"; type="text/html"', "Vary": "Accept"})
    page = entity_page(s.pool.select, iri, s.local_path)
    if page is not None:
        around = event_iris_around(s.pool.select, iri)
        page["timeline"] = views_data(s.pool.select, s.local_path, s.settings.background, around) if around else None
    if page is None:
        return render_template("error.html", status=404, message=f"Nothing is known about {iri}. Try the search box."), 404
    return render_template("resource.html", formats=GRAPHS, **page)


# ----------------------------------------------------------------------------- ontology


@bp.route("/ontology")
def ontology():
    if not wants_html():
        fmt = negotiate.by_name(request.args["format"], GRAPHS) if request.args.get("format") else negotiate.choose(request.headers.get("Accept"), GRAPHS)
        if fmt is None:
            return error(406, "available formats: text/html, " + ", ".join(f.media_type for f in GRAPHS))
        if not ONTOLOGY_TTL.exists():
            return _ontology_unavailable(FileNotFoundError(ONTOLOGY_TTL))
        if fmt.name == "turtle":
            return Response(ONTOLOGY_TTL.read_bytes(), content_type=fmt.content_type, headers={"Vary": "Accept"})
        import pyoxigraph as ox

        triples = ox.parse(path=str(ONTOLOGY_TTL), format=ox.RdfFormat.TURTLE)
        body = ox.serialize(triples, format=ox.RdfFormat.from_media_type(fmt.media_type))
        return Response(body, content_type=fmt.content_type, headers={"Vary": "Accept"})
    from kg.docs import DocsUnavailable, ontology_doc

    try:
        doc = ontology_doc(ONTOLOGY_TTL, request.args.get("lang", "en"))
    except (FileNotFoundError, DocsUnavailable) as exc:
        return _ontology_unavailable(exc)
    return render_template("ontology.html", doc=doc)


def _ontology_unavailable(exc: Exception):
    """503 that tells the client what happened but not where the server's files are (the log says)."""
    log.error("ontology unavailable: %s", exc)
    return error(503, "the ontology file is missing or broken on this server; its operator should reinstall "
                      "DiploKG or run 'kg validate' (the server log names the file)")


# ----------------------------------------------------------------------------- search


def label_index():
    s = site()
    return s.cached("labels", lambda: build_index(s.pool.select))


#: longest search text: names are short, and matching costs time in proportion to it
MAX_SEARCH_CHARS = 200


@bp.route("/search")
def search():
    q = request.args.get("q", "").strip()
    if len(q) > MAX_SEARCH_CHARS:
        return error(400, f"the search text has {len(q)} characters; search for a name of at most {MAX_SEARCH_CHARS}")
    try:
        limit = max(1, min(100, int(request.args.get("limit", 20))))
    except ValueError:
        limit = 20
    kinds = tuple(k for k in request.args.get("type", "").split(",") if k) or None
    hits = label_index().search(q, limit=limit, kinds=kinds) if q else []
    s = site()
    for h in hits:
        h["page"] = s.local_path(h["iri"]) or h["iri"]
    fmt = negotiate.choose(request.headers.get("Accept"), (JSON, HTML))
    if request.args.get("format") == "html" or (fmt is HTML and request.args.get("format") != "json"):
        if len(hits) == 1 or (hits and hits[0]["score"] >= 100 and (len(hits) < 2 or hits[1]["score"] < 100)) and request.args.get("go"):
            return redirect(hits[0]["page"])
        return render_template("search.html", q=q, hits=hits)
    return jsonify({"query": q, "results": hits})


# ----------------------------------------------------------------------------- errors


def register_errors(app) -> None:
    def _handler(status: int, default: str):
        def handle(exc):
            message = getattr(exc, "description", None) or default
            if status == 413:
                message = f"the request body is larger than {site().settings.max_request_bytes} bytes (the server's max_request_bytes)"
            if request.path.startswith("/sparql") or request.path.startswith("/store") or not wants_html_loose():
                return error(status, message)
            return render_template("error.html", status=status, message=message), status

        return handle

    app.register_error_handler(404, _handler(404, "not found"))
    app.register_error_handler(405, _handler(405, "method not allowed"))
    app.register_error_handler(413, _handler(413, "request too large"))
    app.register_error_handler(400, _handler(400, "bad request"))

    @app.errorhandler(500)
    def _internal(exc):
        log.exception("internal error on %s", request.path)
        return error(500, "internal server error; the server log has the details")


def wants_html_loose() -> bool:
    return negotiate.choose(request.headers.get("Accept"), (JSON, HTML)) is HTML and "text/html" in (request.headers.get("Accept") or "")
