"""Background knowledge (data/background/*.yaml) as RDF for its own named graph.

The same files drive entity linking in :mod:`kg.extract`; here they become labelled
persons, states and places with Wikidata links, coordinates and known posts, so the
graph knows "Kim Jong Un"@en even before an article names him.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml
from pyoxigraph import Literal, NamedNode, Quad

from kg import iris
from kg.rdf import date_literal, node, position_key, post_label
from kg.vocab import DKG, OWL, RDF, RDFS, SKOS, XSD

GEO = "http://www.w3.org/2003/01/geo/wgs84_pos#"
_KINDS = {"states.yaml": "State", "persons.yaml": "Person", "places.yaml": "Place"}


def read_yaml(path: Path):
    """One background file, parsed once per version of it (the build and the lexicon share it)."""
    path = Path(path)
    stat = path.stat()
    return _read_yaml(str(path.resolve()), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=32)
def _read_yaml(path: str, _mtime_ns: int, _size: int):
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        with open(path, encoding="utf-8") as fh:
            return yaml.load(fh, Loader=loader) or []
    except yaml.YAMLError as exc:
        raise ValueError(f"{path} is not valid YAML ({exc}); fix the file and build again") from exc


def load(folder: Path) -> dict[str, list[dict]]:
    """The entries of each background file that exists, by file name."""
    return {name: read_yaml(Path(folder) / name) for name in _KINDS if (Path(folder) / name).exists()}


def known_keys(folder: Path) -> frozenset[str]:
    """Keys of every background entity: their labels live in the background graph."""
    return frozenset(e["key"] for entries in load(folder).values() for e in entries)


def background_quads(folder: Path) -> list[Quad]:
    g = NamedNode(iris.BACKGROUND_GRAPH)
    quads: list[Quad] = []

    def add(s, p, o):
        quads.append(Quad(s, p, o, g))

    files = load(folder)
    state_names = {e["key"]: _english(e.get("label")) for e in files.get("states.yaml", [])}
    for file_name, entries in files.items():
        kind = _KINDS[file_name]
        for e in entries:
            s = node(e["key"])
            add(s, RDF.type, getattr(DKG, kind))
            labels = e.get("label") or {}
            if isinstance(labels, str):
                labels = {"en": labels}
            for lang, text in labels.items():
                add(s, RDFS.label, Literal(text, language=lang))
            for alias in sorted(set(e.get("aliases") or []) - set(labels.values())):
                add(s, SKOS.altLabel, Literal(alias))
            if e.get("wikidata"):
                add(s, OWL.sameAs, NamedNode(iris.WIKIDATA + e["wikidata"]))
            if kind == "Person" and e.get("citizen_of"):
                add(s, DKG.citizenOf, node(e["citizen_of"]))
            if kind == "Place" and e.get("state"):
                add(s, DKG.inState, node(e["state"]))
            if e.get("lat") is not None and e.get("lon") is not None:
                add(s, NamedNode(GEO + "lat"), Literal(str(e["lat"]), datatype=XSD.decimal))
                add(s, NamedNode(GEO + "long"), Literal(str(e["lon"]), datatype=XSD.decimal))
            for post in e.get("posts") or []:
                pos = node(position_key(e["key"], post["post"], post.get("state"), post.get("start")))
                add(s, DKG.holds, pos)
                add(pos, RDF.type, getattr(DKG, post["post"]))
                state = post.get("state")
                add(pos, RDFS.label, Literal(post_label(post["post"], state_names.get(state, state)), language="en"))
                if post.get("state"):
                    add(pos, DKG.ofState, node(post["state"]))
                for prop in ("start", "end"):
                    if post.get(prop):
                        add(pos, getattr(DKG, prop + "Date"), date_literal(str(post[prop])))
    return quads


def _english(label) -> str | None:
    if isinstance(label, dict):
        return label.get("en") or next(iter(label.values()), None)
    return label
