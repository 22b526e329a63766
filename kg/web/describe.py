"""What to call things on a page: labels, short IRIs, dates people read, titles of events.

A visit or a summit has no label of its own; its title is made from its traveller or
participants, where it took place and when ("Kim Jong Un in China, 2–4 September 2025").
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable

from flask import abort

from kg import iris
from kg.iris import PREFIXES

DKG = iris.ONTOLOGY
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SHORT = {**PREFIXES, "schema": "https://schema.org/", "sem": "http://semanticweb.cs.vu.nl/2009/11/sem/",
         "org": "http://www.w3.org/ns/org#", "foaf": "http://xmlns.com/foaf/0.1/",
         "geo": "http://www.w3.org/2003/01/geo/wgs84_pos#"}
EVENT_KINDS = (DKG + "Visit", DKG + "Summit")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
#: how many IRIs one VALUES block may name: a page or a view asks about at most this many
MAX_VALUES = 2000

Select = Callable[[str], list[dict]]


def short(iri: str) -> str:
    """``dkg:Visit`` for a known namespace, the IRI otherwise.

    >>> short("https://w3id.org/diplokg/ontology#Visit"), short("urn:x")
    ('dkg:Visit', 'urn:x')
    """
    for prefix, ns in SHORT.items():
        if iri.startswith(ns) and len(iri) > len(ns):
            return f"{prefix}:{iri[len(ns):]}"
    return iri


def sparql_iri(value: str) -> str:
    """``<value>`` for a query; a 400 for characters no IRI may hold (SPARQL's IRIREF),
    control characters included, before they reach the parser.

    >>> sparql_iri("https://w3id.org/diplokg/id/a")
    '<https://w3id.org/diplokg/id/a>'
    """
    if any(c in '<>"{}|^`\\' or c <= " " or "\x7f" <= c <= "\x9f" for c in value):
        abort(400, description="not a valid IRI: it holds a space, a control character or one of <>\"{}|^`\\")
    return f"<{value}>"


def sparql_string(value: str) -> str:
    """A SPARQL string literal for any text (JSON escapes are valid SPARQL escapes)."""
    return json.dumps(value)


def values(iris_: Iterable[str]) -> str:
    return " ".join(sparql_iri(i) for i in sorted(iris_)[:MAX_VALUES])


def labels_for(select: Select, iris_: set[str]) -> dict[str, str]:
    """Preferred label (English, then plain, then any) of each IRI that has one."""
    if not iris_:
        return {}
    rows = select(f"SELECT ?x ?l WHERE {{ VALUES ?x {{ {values(iris_)} }} ?x <{RDFS_LABEL}> ?l }}")
    found: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for r in rows:
        lang = r["l"].get("xml:lang", "")
        found[r["x"]["value"]].append((0 if lang.startswith("en") else 1 if not lang else 2, r["l"]["value"]))
    return {k: sorted(v)[0][1] for k, v in found.items()}


def human_date(value: str | None) -> str:
    """An ISO day, month or year as people write it.

    >>> human_date("2025-09-02"), human_date("2019-04"), human_date("2018")
    ('2 September 2025', 'April 2019', '2018')
    """
    if not value:
        return ""
    parts = value.split("-")
    try:
        if len(parts) == 3:
            return f"{int(parts[2])} {MONTHS[int(parts[1]) - 1]} {parts[0]}"
        if len(parts) == 2:
            return f"{MONTHS[int(parts[1]) - 1]} {parts[0]}"
    except (ValueError, IndexError):
        return value
    return value


def date_span(start: str | None, end: str | None) -> str:
    """A start and end date as one phrase, sharing month and year where they agree.

    >>> date_span("2025-09-02", "2025-09-04"), date_span("2025-08-30", "2025-09-04")
    ('2–4 September 2025', '30 August – 4 September 2025')
    >>> date_span("2019-04", None), date_span(None, None)
    ('April 2019', '')
    """
    if not start:
        return f"until {human_date(end)}" if end else ""
    if not end or end == start:
        return human_date(start)
    a, b = start.split("-"), end.split("-")
    if len(a) == len(b) == 3 and a[0] == b[0]:
        if a[1] == b[1]:
            return f"{int(a[2])}–{human_date(end)}"
        return f"{int(a[2])} {MONTHS[int(a[1]) - 1]} – {human_date(end)}"
    return f"{human_date(start)} – {human_date(end)}"


def precision(value: str | None) -> str:
    """'day', 'month', 'year' or '' for an ISO date string."""
    return {3: "day", 2: "month", 1: "year"}.get(len(value.split("-")), "") if value else ""


def describe_events(select: Select, event_iris: set[str] | None = None) -> dict[str, dict]:
    """Visits and summits (all, or the given ones) with who, where, when and status.

    Each value: iri, kind ('Visit'/'Summit'), who, host, places (IRI lists), start, end,
    status and a human ``title``; names come from :func:`labels_for`.
    """
    scope = f"VALUES ?e {{ {values(event_iris)} }}" if event_iris is not None else ""
    if event_iris is not None and not event_iris:
        return {}
    rows = select(f"""PREFIX dkg: <{DKG}>
        SELECT ?e ?p ?o WHERE {{ {scope}
          VALUES ?kind {{ dkg:Visit dkg:Summit }} ?e a ?kind .
          VALUES ?p {{ <{RDF_TYPE}> dkg:traveller dkg:participant dkg:hostState dkg:place dkg:startDate dkg:endDate dkg:status }}
          ?e ?p ?o }}""")
    events: dict[str, dict] = {}
    for r in rows:
        e = events.setdefault(r["e"]["value"], {"iri": r["e"]["value"], "kind": None, "who": [], "host": [],
                                                "places": [], "start": None, "end": None, "status": None})
        p, o = r["p"]["value"][len(DKG):], r["o"]["value"]
        if r["p"]["value"] == RDF_TYPE:
            if o in EVENT_KINDS:
                e["kind"] = o[len(DKG):]
        elif p in ("traveller", "participant"):
            e["who"].append(o)
        elif p == "hostState":
            e["host"].append(o)
        elif p == "place":
            e["places"].append(o)
        elif p in ("startDate", "endDate"):
            key = "start" if p == "startDate" else "end"
            if e[key] is None or o < e[key]:
                e[key] = o
        elif p == "status":
            e["status"] = o.rsplit("#", 1)[-1]
    names = {i for e in events.values() for i in e["who"] + e["host"] + e["places"]}
    labels = labels_for(select, names)
    for e in events.values():
        for key in ("who", "host", "places"):
            e[key] = sorted(set(e[key]), key=lambda i: labels.get(i, i))
        e["names"] = {i: labels.get(i, short(i)) for i in e["who"] + e["host"] + e["places"]}
        e["title"] = event_title(e)
    return events


def event_title(e: dict) -> str:
    """'Kim Jong Un in China, 2–4 September 2025'; 'Summit of A and B in Hanoi, February 2019'.

    >>> event_title({"kind": "Visit", "who": ["k"], "host": ["c"], "places": [], "start": "2025-09-02",
    ...              "end": "2025-09-04", "names": {"k": "Kim Jong Un", "c": "China"}})
    'Kim Jong Un in China, 2–4 September 2025'
    """
    names = e["names"]
    who = _and([names[i] for i in e["who"]]) or "someone"
    where = _and([names[i] for i in (e["host"] if e["kind"] == "Visit" and e["host"] else e["places"])])
    when = date_span(e["start"], e["end"])
    head = f"{who} in {where or 'an unknown state'}" if e["kind"] == "Visit" else f"Summit of {who}" + (f" in {where}" if where else "")
    return f"{head}, {when}" if when else head


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1] if items else ""
