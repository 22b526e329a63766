"""Data of the timeline, map and network views: for the whole graph, or for the resources
an answer names.

The query page sends the IRIs of the answer it just showed; the visits and summits among
them become the timeline, their places (or the capital of the state visited) the map, and
the people who travelled, accompanied, met or took part the network.
"""

from __future__ import annotations

from pathlib import Path

from kg import background, iris
from kg.web.describe import DKG, Select, describe_events, labels_for, precision, short, values

GEO = "http://www.w3.org/2003/01/geo/wgs84_pos#"
#: at most this many IRIs of one answer are looked at
MAX_ANSWER_IRIS = 2000


def views_data(select: Select, local_path, background_dir: Path, answer: set[str] | None = None) -> dict:
    """{visits, undated, places, people, edges} for the whole graph (``answer`` None) or an answer's IRIs."""
    kinds = _kinds(select, answer) if answer is not None else {}
    event_iris = None if answer is None else {i for i, k in kinds.items() if k in ("Visit", "Summit")}
    events = describe_events(select, event_iris)
    href = lambda i: local_path(i) or i  # noqa: E731
    visits = []
    for e in sorted(events.values(), key=lambda e: (e["start"] or "9999", e["title"])):
        names = e["names"]
        visits.append({"iri": e["iri"], "href": href(e["iri"]), "kind": e["kind"], "title": e["title"],
                       "who": [names[i] for i in e["who"]], "host": [names[i] for i in e["host"]],
                       "places": [names[i] for i in e["places"]], "start": e["start"], "end": e["end"],
                       "precision": precision(e["start"]), "status": e["status"]})
    places = _places(select, events, background_dir, href,
                     {i for i, k in kinds.items() if k in ("Place", "State")})
    people, edges = _network(select, events, href, {i for i, k in kinds.items() if k == "Person"}, answer is None)
    return {"visits": [v for v in visits if v["start"]], "undated": [v for v in visits if not v["start"]],
            "places": places, "people": people, "edges": edges}


def _kinds(select: Select, answer: set[str]) -> dict[str, str]:
    """The DiploKG class (Visit, Summit, Person, Place, State) of each IRI of the answer that has one."""
    ours = {i for i in answer if i.startswith(iris.ID)}
    if not ours:
        return {}
    rows = select(f"""PREFIX dkg: <{DKG}> SELECT ?x ?k WHERE {{ VALUES ?x {{ {values(ours)} }}
        VALUES ?k {{ dkg:Visit dkg:Summit dkg:Person dkg:Place dkg:State }} ?x a ?k }}""")
    return {r["x"]["value"]: r["k"]["value"][len(DKG):] for r in rows}


def _capitals(background_dir: Path) -> dict[str, str]:
    """State IRI -> IRI of its capital, from the background's states file."""
    files = background.load(background_dir) if Path(background_dir).exists() else {}
    return {iris.resource(e["key"]): iris.resource(e["capital"]) for e in files.get("states.yaml", []) if e.get("capital")}


def _places(select: Select, events: dict[str, dict], background_dir: Path, href, named: set[str]) -> list[dict]:
    """Places with coordinates and the events there; an event without a place sits at the host's capital."""
    capitals = _capitals(background_dir)
    at: dict[str, list[dict]] = {}
    for e in events.values():
        spots = e["places"] or [capitals[h] for h in e["host"] if h in capitals]
        for p in spots:
            at.setdefault(p, []).append(e)
    named_spots = {capitals.get(i, i) for i in named}
    wanted = set(at) | named_spots
    if not wanted:
        return []
    rows = select(f"""SELECT ?p ?lat ?lon WHERE {{ VALUES ?p {{ {values(wanted)} }}
        ?p <{GEO}lat> ?lat ; <{GEO}long> ?lon }}""")
    coords = {}
    for r in rows:
        try:
            coords[r["p"]["value"]] = (float(r["lat"]["value"]), float(r["lon"]["value"]))
        except ValueError:
            continue
    labels = labels_for(select, set(coords))
    out = []
    for p, (lat, lon) in sorted(coords.items()):
        evs = sorted(at.get(p, []), key=lambda e: e["start"] or "9999")
        out.append({"iri": p, "href": href(p), "label": labels.get(p, short(p)), "lat": lat, "lon": lon,
                    "events": [{"title": e["title"], "href": href(e["iri"]), "kind": e["kind"]} for e in evs]})
    return out


def _network(select: Select, events: dict[str, dict], href, named_people: set[str], whole: bool) -> tuple[list, list]:
    """People and who-accompanied/met/summited-with-whom edges of the events.

    For an answer without visits or summits but with people, the edges between those people.
    """
    if events:
        scope = "" if whole else f"VALUES ?v {{ {values(events)} }}"
    elif named_people:
        scope = f"VALUES ?a {{ {values(named_people)} }} VALUES ?b {{ {values(named_people)} }}"
    else:
        return [], []
    rows = select(f"""PREFIX dkg: <{DKG}>
        SELECT DISTINCT ?a ?b ?rel ?v WHERE {{ {scope}
          {{ ?v dkg:traveller ?a ; dkg:accompaniedBy ?b BIND("accompanied" AS ?rel) }}
          UNION {{ ?v dkg:traveller ?a ; dkg:met ?b BIND("met" AS ?rel) }}
          UNION {{ ?v a dkg:Summit ; dkg:participant ?a, ?b FILTER(STR(?a) < STR(?b)) BIND("summit" AS ?rel) }}
        }} LIMIT 20000""")
    people_iris = {r[k]["value"] for r in rows for k in ("a", "b")} | named_people
    if not whole:
        people_iris |= {w for e in events.values() for w in e["who"]}
    labels = labels_for(select, people_iris)
    people = [{"id": p, "label": labels.get(p, short(p)), "href": href(p)} for p in sorted(people_iris)]
    edges = [{"source": r["a"]["value"], "target": r["b"]["value"], "rel": r["rel"]["value"], "visit": href(r["v"]["value"])}
             for r in rows]
    return people, edges
