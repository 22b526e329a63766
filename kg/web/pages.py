"""Pages for people: the query page, linked-data resource pages, the ontology, search.

Every resource IRI under ``<base>/id/`` is served at ``/id/...``: an HTML page when the
client prefers HTML, else RDF in the negotiated format (Turtle, JSON-LD, RDF/XML, ...).
Each HTML page has its machine-readable twin, linked from the page.
"""

from __future__ import annotations

import json
import logging
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

import yaml
from flask import Blueprint, Response, abort, jsonify, redirect, render_template, request

from kg import iris
from kg.iris import PREFIXES
from kg.resources import ontology_dir
from kg.web import negotiate
from kg.web.errors import WebError, error
from kg.web.hardening import web_link
from kg.web.negotiate import GRAPHS, Format
from kg.web.search import build_index
from kg.web.site import site
from kg.web.sparql import stream

log = logging.getLogger(__name__)
bp = Blueprint("pages", __name__)
HTML = Format("text/html", "html", "html", ("application/xhtml+xml",))
JSON = Format("application/json", "json", "json")
ONTOLOGY_TTL = ontology_dir() / "dkg.ttl"
DKG = iris.ONTOLOGY
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SHORT = {**PREFIXES, "foaf": "http://xmlns.com/foaf/0.1/", "geo": "http://www.w3.org/2003/01/geo/wgs84_pos#"}


def wants_html() -> bool:
    if request.args.get("format"):
        return request.args["format"] == "html"
    return negotiate.choose(request.headers.get("Accept"), (HTML, *GRAPHS)) is HTML


def sparql_string(value: str) -> str:
    """A SPARQL string literal for any text (JSON escapes are valid SPARQL escapes)."""
    return json.dumps(value)


def sparql_iri(value: str) -> str:
    if any(c in value for c in '<>"{}|^`\\ \n'):
        abort(400, description="not a valid IRI")
    return f"<{value}>"


def short(iri: str) -> str:
    """``dkg:Visit`` for a known namespace, the IRI otherwise."""
    for prefix, ns in SHORT.items():
        if iri.startswith(ns) and len(iri) > len(ns):
            return f"{prefix}:{iri[len(ns):]}"
    return iri


def labels_for(iris_: set[str]) -> dict[str, str]:
    """Preferred label (English, then plain, then any) of each IRI that has one."""
    if not iris_:
        return {}
    values = " ".join(sparql_iri(i) for i in sorted(iris_))
    rows = site().pool.select(
        f"SELECT ?x ?l WHERE {{ VALUES ?x {{ {values} }} ?x <{RDFS_LABEL}> ?l }}")
    found: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for r in rows:
        lang = r["l"].get("xml:lang", "")
        found[r["x"]["value"]].append((0 if lang.startswith("en") else 1 if not lang else 2, r["l"]["value"]))
    return {k: sorted(v)[0][1] for k, v in found.items()}


def term_view(term: dict, labels: dict[str, str]) -> dict:
    """What a template needs to show one SPARQL JSON term: text, link, note."""
    s = site()
    if term["type"] == "uri":
        iri = term["value"]
        local = s.local_path(iri)
        return {"text": labels.get(iri) or short(iri), "href": local or web_link(iri), "iri": iri, "external": local is None}
    if term["type"] == "bnode":
        return {"text": "_:" + term["value"], "href": None}
    note = term.get("xml:lang") or (short(term["datatype"]) if "datatype" in term else "")
    return {"text": term["value"], "href": None, "note": note}


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
    from kg.web.assets import missing_assets

    return render_template("index.html", questions=questions(), prefixes=PREFIXES, settings=site().settings,
                           missing=missing_assets())


@bp.route("/api/questions")
def api_questions():
    return jsonify(questions())


def _places_yaml() -> dict[str, tuple[float, float]]:
    path = Path(site().settings.background) / "places.yaml"
    return _read_places(str(path), path.stat().st_mtime if path.exists() else 0)


@lru_cache(maxsize=4)
def _read_places(path: str, mtime: float) -> dict[str, tuple[float, float]]:
    if not mtime:
        return {}
    out = {}
    for e in yaml.safe_load(Path(path).read_text(encoding="utf-8")) or []:
        if isinstance(e, dict) and e.get("lat") is not None and e.get("lon") is not None:
            key = str(e["key"])
            out[iris.resource(key if "/" in key else f"place/{key}")] = (float(e["lat"]), float(e["lon"]))
    return out


def views_data() -> dict:
    """Visits, places with coordinates and who-met-whom edges, once per store generation."""
    s = site()

    def compute() -> dict:
        rows = s.pool.select(f"""PREFIX dkg: <{DKG}>
            SELECT ?v ?kind ?who ?host ?start ?end ?status ?place WHERE {{
              VALUES ?kind {{ dkg:Visit dkg:Summit }}
              ?v a ?kind .
              OPTIONAL {{ ?v dkg:traveller|dkg:participant ?who }}
              OPTIONAL {{ ?v dkg:hostState ?host }}
              OPTIONAL {{ ?v dkg:startDate ?start }}
              OPTIONAL {{ ?v dkg:endDate ?end }}
              OPTIONAL {{ ?v dkg:status ?status }}
              OPTIONAL {{ ?v dkg:place ?place }}
            }}""")
        events: dict[str, dict] = {}
        for r in rows:
            e = events.setdefault(r["v"]["value"], {"iri": r["v"]["value"], "kind": r["kind"]["value"].rsplit("#", 1)[-1],
                                                     "who": set(), "host": set(), "start": None, "end": None,
                                                     "status": None, "places": set()})
            for var, key in (("who", "who"), ("host", "host"), ("place", "places")):
                if var in r:
                    e[key].add(r[var]["value"])
            for var in ("start", "end"):
                if var in r and (e[var] is None or r[var]["value"] < e[var]):
                    e[var] = r[var]["value"]
            if "status" in r:
                e["status"] = r["status"]["value"].rsplit("#", 1)[-1]
        edges_rows = s.pool.select(f"""PREFIX dkg: <{DKG}>
            SELECT DISTINCT ?a ?b ?rel ?v WHERE {{
              {{ ?v dkg:traveller ?a ; dkg:accompaniedBy ?b BIND("accompanied" AS ?rel) }}
              UNION {{ ?v dkg:traveller ?a ; dkg:met ?b BIND("met" AS ?rel) }}
              UNION {{ ?v a dkg:Summit ; dkg:participant ?a, ?b FILTER(STR(?a) < STR(?b)) BIND("summit" AS ?rel) }}
            }}""")
        geo_rows = s.pool.select("""SELECT ?p ?lat ?lon WHERE {
              ?p <http://www.w3.org/2003/01/geo/wgs84_pos#lat> ?lat ; <http://www.w3.org/2003/01/geo/wgs84_pos#long> ?lon }""")
        coords = dict(_places_yaml())
        for r in geo_rows:
            try:
                coords[r["p"]["value"]] = (float(r["lat"]["value"]), float(r["lon"]["value"]))
            except ValueError:
                pass
        names = {i for e in events.values() for i in e["who"] | e["host"] | e["places"]}
        names |= {r[k]["value"] for r in edges_rows for k in ("a", "b")}
        labels = labels_for(names)
        visits = []
        places: dict[str, dict] = {}
        for e in sorted(events.values(), key=lambda e: (e["start"] or "9999", e["iri"])):
            who = sorted(labels.get(w, short(w)) for w in e["who"])
            hosts = sorted(labels.get(h, short(h)) for h in e["host"])
            title = f"{', '.join(who) or '?'} in {', '.join(hosts)}" if e["kind"] == "Visit" else f"Summit: {' and '.join(who)}"
            visit = {"iri": e["iri"], "href": s.local_path(e["iri"]) or e["iri"], "kind": e["kind"], "title": title,
                     "who": who, "host": hosts, "start": e["start"], "end": e["end"], "status": e["status"],
                     "places": sorted(labels.get(p, short(p)) for p in e["places"])}
            visits.append(visit)
            for p in e["places"]:
                if p in coords:
                    entry = places.setdefault(p, {"iri": p, "href": s.local_path(p) or p, "label": labels.get(p, short(p)),
                                                  "lat": coords[p][0], "lon": coords[p][1], "events": []})
                    entry["events"].append({"title": title, "href": visit["href"], "start": e["start"]})
        people = {}
        edges = []
        for r in edges_rows:
            a, b = r["a"]["value"], r["b"]["value"]
            for x in (a, b):
                people[x] = {"id": x, "label": labels.get(x, short(x)), "href": s.local_path(x) or x}
            edges.append({"source": a, "target": b, "rel": r["rel"]["value"], "visit": s.local_path(r["v"]["value"]) or r["v"]["value"]})
        return {"visits": visits, "places": list(places.values()), "people": list(people.values()), "edges": edges}

    return s.cached("views", compute)


@bp.route("/api/views")
def api_views():
    try:
        return jsonify(views_data())
    except WebError as exc:
        return error(exc.status, exc.message)


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
        try:
            if not s.pool.ask(f"ASK {{ {{ {ref} ?p ?o }} UNION {{ ?s ?p {ref} }} }}"):
                return error(404, f"nothing is known about <{iri}>: try /search?q=...")
            reply = s.pool.graph(
                f"CONSTRUCT {{ {ref} ?p ?o . ?m ?mp ?mo . ?s ?sp {ref} }} WHERE {{ "
                f"{{ {ref} ?p ?o }} UNION {{ {ref} <{DKG}evidence> ?m . ?m ?mp ?mo }} UNION {{ ?s ?sp {ref} }} }}",
                fmt.media_type, max_rows=s.settings.max_rows)
        except WebError as exc:
            return error(exc.status, exc.message)
        return stream(reply, {"Link": f'<{request.base_url}>; rel="alternate"; type="text/html"', "Vary": "Accept"})
    try:
        page = resource_page(iri)
    except WebError as exc:
        return error(exc.status, exc.message)
    if page is None:
        return render_template("error.html", status=404, message=f"Nothing is known about {iri}. Try the search box."), 404
    return render_template("resource.html", **page)


def resource_page(iri: str) -> dict | None:
    s = site()
    ref = sparql_iri(iri)
    out_rows = s.pool.select(f"SELECT DISTINCT ?p ?o WHERE {{ {ref} ?p ?o }} ORDER BY ?p ?o", max_rows=5000)
    in_rows = s.pool.select(f"SELECT DISTINCT ?s ?p WHERE {{ ?s ?p {ref} FILTER(?p != <{DKG}assertsValue>) }} ORDER BY ?p ?s LIMIT 2000")
    if not out_rows and not in_rows:
        return None
    ev_rows = s.pool.select(f"""PREFIX dkg: <{DKG}>
        SELECT ?m ?quote ?article ?title ?published ?url ?prop ?value WHERE {{
          {ref} dkg:evidence ?m . ?m dkg:quote ?quote ; dkg:article ?article .
          OPTIONAL {{ ?article dkg:title ?title }} OPTIONAL {{ ?article dkg:published ?published }}
          OPTIONAL {{ ?article dkg:url ?url }}
          OPTIONAL {{ ?m dkg:assertsProperty ?prop }} OPTIONAL {{ ?m dkg:assertsValue ?value }}
        }} ORDER BY ?published ?article ?m""")
    visit_rows = s.pool.select(f"""PREFIX dkg: <{DKG}>
        SELECT DISTINCT ?v WHERE {{
          {{ ?v a dkg:Visit ; ?role {ref} }} UNION {{ ?v a dkg:Summit ; ?role {ref} }}
          UNION {{ {ref} a ?k . FILTER(?k IN (dkg:Visit, dkg:Summit)) BIND({ref} AS ?v) }}
        }}""")
    names = {iri} | {r["p"]["value"] for r in out_rows} | {r["o"]["value"] for r in out_rows if r["o"]["type"] == "uri"}
    names |= {r["s"]["value"] for r in in_rows} | {r["p"]["value"] for r in in_rows}
    names |= {r["prop"]["value"] for r in ev_rows if "prop" in r} | {r["value"]["value"] for r in ev_rows if "value" in r and r["value"]["type"] == "uri"}
    labels = labels_for(names)
    types = [term_view(r["o"], labels) for r in out_rows if r["p"]["value"] == "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"]
    statements: dict[str, dict] = {}
    for r in out_rows:
        p = r["p"]["value"]
        if p in (f"{DKG}evidence",):
            continue
        entry = statements.setdefault(p, {"prop": term_view(r["p"], labels), "objects": []})
        entry["objects"].append(term_view(r["o"], labels))
    incoming: dict[str, dict] = {}
    for r in in_rows:
        p = r["p"]["value"]
        entry = incoming.setdefault(p, {"prop": term_view(r["p"], labels), "objects": []})
        entry["objects"].append(term_view(r["s"], labels))
    evidence = []
    for r in ev_rows:
        evidence.append({
            "quote": r["quote"]["value"],
            "article": term_view(r["article"], {r["article"]["value"]: r.get("title", {}).get("value") or short(r["article"]["value"])}),
            "published": r.get("published", {}).get("value"),
            "url": r.get("url", {}).get("value"),
            "claim": (term_view(r["prop"], labels), term_view(r["value"], labels)) if "prop" in r and "value" in r else None,
        })
    visit_iris = {r["v"]["value"] for r in visit_rows}
    timeline = [v for v in views_data()["visits"] if v["iri"] in visit_iris]
    return {"iri": iri, "label": labels.get(iri) or short(iri), "types": types,
            "statements": list(statements.values()), "incoming": list(incoming.values()),
            "evidence": evidence, "timeline": timeline, "formats": GRAPHS}


# ----------------------------------------------------------------------------- ontology


@bp.route("/ontology")
def ontology():
    if not wants_html():
        fmt = negotiate.by_name(request.args["format"], GRAPHS) if request.args.get("format") else negotiate.choose(request.headers.get("Accept"), GRAPHS)
        if fmt is None:
            return error(406, "available formats: text/html, " + ", ".join(f.media_type for f in GRAPHS))
        if not ONTOLOGY_TTL.exists():
            return error(503, f"no ontology file at {ONTOLOGY_TTL}")
        if fmt.name == "turtle":
            return Response(ONTOLOGY_TTL.read_bytes(), content_type=fmt.content_type, headers={"Vary": "Accept"})
        import pyoxigraph as ox

        triples = ox.parse(path=str(ONTOLOGY_TTL), format=ox.RdfFormat.TURTLE)
        body = ox.serialize(triples, format=ox.RdfFormat.from_media_type(fmt.media_type))
        return Response(body, content_type=fmt.content_type, headers={"Vary": "Accept"})
    return Response(_ontology_html(ONTOLOGY_TTL.stat().st_mtime if ONTOLOGY_TTL.exists() else 0), mimetype="text/html")


@lru_cache(maxsize=2)
def _ontology_html(mtime: float) -> str:
    from kg.docs import DocsUnavailable, render_ontology_html

    try:
        return render_ontology_html(ONTOLOGY_TTL)
    except (FileNotFoundError, DocsUnavailable) as exc:  # a plain list of the terms instead
        log.warning("ontology docs fallback: %s", exc)
    import pyoxigraph as ox

    terms: dict[str, dict] = defaultdict(dict)
    if mtime:
        for t in ox.parse(path=str(ONTOLOGY_TTL), format=ox.RdfFormat.TURTLE):
            if isinstance(t.subject, ox.NamedNode) and t.subject.value.startswith(iris.ONTOLOGY):
                name = t.subject.value[len(iris.ONTOLOGY):]
                key = t.predicate.value.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
                terms[name].setdefault(key, []).append(t.object.value)
    return render_template("ontology.html", terms=sorted(terms.items()), iri=iris.ONTOLOGY_IRI)


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
    try:
        hits = label_index().search(q, limit=limit, kinds=kinds) if q else []
    except WebError as exc:
        return error(exc.status, exc.message)
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
