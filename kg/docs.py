"""The ontology as documentation for people: every term with its label, definition and
place in the model, in one language at a time.

``/ontology`` renders :func:`ontology_doc` with the site's own template (navigation,
table of contents, a language switch); the Turtle files stay the source. A text missing
in the chosen language falls back to English and says so (``lang`` of each text).

>>> doc = ontology_doc(lang="de")
>>> [t["label"] for s in doc["sections"] for t in s["terms"] if t["name"] == "Visit"]
['Besuch']
>>> doc["languages"]
['de', 'en']
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

from kg.resources import ontology_dir

ONTOLOGY = ontology_dir() / "dkg.ttl"
DKG = "https://w3id.org/diplokg/ontology#"
#: the kinds of term, in the order of the page
SECTIONS = (
    ("classes", "Classes", "http://www.w3.org/2002/07/owl#Class"),
    ("object-properties", "Object properties", "http://www.w3.org/2002/07/owl#ObjectProperty"),
    ("data-properties", "Data properties", "http://www.w3.org/2002/07/owl#DatatypeProperty"),
    ("annotation-properties", "Annotation properties", "http://www.w3.org/2002/07/owl#AnnotationProperty"),
    ("individuals", "Named individuals", "http://www.w3.org/2002/07/owl#NamedIndividual"),
)
PREFIXES = {"dkg": DKG, "cameo": DKG.rstrip("#") + "/cameo#", "plover": DKG.rstrip("#") + "/plover#", "schema": "https://schema.org/", "sem": "http://semanticweb.cs.vu.nl/2009/11/sem/",
            "org": "http://www.w3.org/ns/org#", "prov": "http://www.w3.org/ns/prov#", "owl": "http://www.w3.org/2002/07/owl#",
            "rdfs": "http://www.w3.org/2000/01/rdf-schema#", "xsd": "http://www.w3.org/2001/XMLSchema#",
            "skos": "http://www.w3.org/2004/02/skos/core#", "foaf": "http://xmlns.com/foaf/0.1/"}
#: statements about a term shown as "relations", with their names on the page
RELATIONS = (("http://www.w3.org/2000/01/rdf-schema#subClassOf", "subclass of"),
             ("http://www.w3.org/2000/01/rdf-schema#subPropertyOf", "subproperty of"),
             ("http://www.w3.org/2002/07/owl#inverseOf", "inverse of"),
             ("http://www.w3.org/2000/01/rdf-schema#domain", "domain"),
             ("http://www.w3.org/2000/01/rdf-schema#range", "range"),
             ("http://www.w3.org/2002/07/owl#equivalentClass", "same as"),
             ("http://www.w3.org/2004/02/skos/core#exactMatch", "exact match"),
             ("http://www.w3.org/2004/02/skos/core#closeMatch", "close match"),
             ("http://www.w3.org/2004/02/skos/core#relatedMatch", "related match"))

#: the page's own words in each language of the labels
WORDS = {
    "en": {"classes": "Classes", "object-properties": "Object properties", "data-properties": "Data properties",
           "annotation-properties": "Annotation properties", "individuals": "Named individuals", "contents": "Contents",
           "example": "Example", "note": "Note", "instance of": "instance of", "language": "Language"},
    "de": {"classes": "Klassen", "object-properties": "Objekteigenschaften", "data-properties": "Dateneigenschaften",
           "annotation-properties": "Annotationseigenschaften", "individuals": "Individuen", "contents": "Inhalt",
           "example": "Beispiel", "note": "Hinweis", "instance of": "Instanz von", "language": "Sprache",
           "subclass of": "Unterklasse von", "subproperty of": "Untereigenschaft von", "inverse of": "invers zu",
           "domain": "Definitionsbereich", "range": "Wertebereich", "same as": "gleich", "exact match": "genaue Entsprechung",
           "close match": "nahe Entsprechung", "related match": "verwandte Entsprechung"},
}


class DocsUnavailable(RuntimeError):
    """The ontology file cannot be documented: its Turtle is broken."""


def ontology_doc(path: str | os.PathLike = ONTOLOGY, lang: str = "en") -> dict:
    """{iri, title, description, version, languages, lang, sections: [{id, title, terms}]}.

    ``path`` is dkg.ttl; the alignments file next to it (dkg-align.ttl) is read too.
    Cached on the files' modification times; FileNotFoundError names a missing file,
    :class:`DocsUnavailable` a file that is not valid Turtle.
    """
    p = Path(path).resolve()
    if not p.is_file():
        raise FileNotFoundError(f"no ontology at {p}: pass the path of dkg.ttl (ontology/dkg.ttl in the repository)")
    align = p.with_name("dkg-align.ttl")
    return _doc(str(p), p.stat().st_mtime_ns, align.stat().st_mtime_ns if align.is_file() else 0, lang)


@functools.lru_cache(maxsize=8)
def _doc(path: str, _mtime: int, align_mtime: int, lang: str) -> dict:
    import rdflib
    from rdflib.collection import Collection
    from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

    g = rdflib.Graph()
    try:
        g.parse(path, format="turtle")
        if align_mtime:
            g.parse(Path(path).with_name("dkg-align.ttl"), format="turtle")
    except SyntaxError as exc:  # rdflib's Turtle errors are SyntaxErrors
        raise DocsUnavailable(f"cannot document {path}: {exc}; fix the file (kg validate checks the vocabulary)") from exc
    languages = sorted({o.language for o in g.objects(None, RDFS.label) if getattr(o, "language", None)})
    lang = lang if lang in languages else "en"
    words = WORDS.get(lang, WORDS["en"])

    def text(subject, prop) -> dict | None:
        """The value of ``prop`` in ``lang``, else English, else any: {text, lang}."""
        values = list(g.objects(subject, prop))
        for want in (lang, "en", None):
            for v in values:
                if getattr(v, "language", None) == want or want is None:
                    return {"text": " ".join(str(v).split()), "lang": getattr(v, "language", None) or lang}
        return None

    def ref(node) -> dict:
        if isinstance(node, rdflib.BNode):  # a union or an enumeration of named terms
            listed = g.value(node, OWL.unionOf) or g.value(node, OWL.oneOf)
            members = [ref(m) for m in Collection(g, listed)] if listed else []
            if g.value(node, OWL.onDatatype):
                return {"text": ref(g.value(node, OWL.onDatatype))["text"] + " (restricted)", "href": None}
            return {"text": " | ".join(m["text"] for m in members) or "(anonymous)", "href": None, "members": members}
        iri = str(node)
        label = text(node, RDFS.label) if iri.startswith(DKG) else None
        return {"text": label["text"] if label else _short(iri), "href": "#" + iri[len(DKG):] if iri.startswith(DKG) else None,
                "iri": iri, "code": _short(iri)}

    onto = rdflib.URIRef(DKG.rstrip("#"))
    sections = []
    seen: set = set()
    for sid, title, kind in SECTIONS:
        terms = []
        for s in sorted(set(g.subjects(RDF.type, rdflib.URIRef(kind))), key=str):
            if not str(s).startswith(DKG) or s in seen:
                continue
            seen.add(s)
            label = text(s, RDFS.label)
            terms.append({
                "name": str(s)[len(DKG):], "iri": str(s), "label": label["text"] if label else str(s)[len(DKG):],
                "label_lang": label["lang"] if label else "en",
                "definition": text(s, SKOS.definition), "comment": text(s, RDFS.comment),
                "example": text(s, SKOS.example), "note": text(s, SKOS.scopeNote),
                "types": [ref(t) for t in g.objects(s, RDF.type) if str(t).startswith(DKG)],
                "relations": [{"name": words.get(name, name), "targets": [ref(o) for o in sorted(g.objects(s, rdflib.URIRef(p)), key=str)]}
                              for p, name in RELATIONS if (s, rdflib.URIRef(p), None) in g],
            })
        terms.sort(key=lambda t: t["label"].lower())
        sections.append({"id": sid, "title": words.get(sid, title), "terms": terms})
    return {"iri": str(onto), "title": text(onto, DCTERMS.title), "description": text(onto, DCTERMS.description),
            "comment": text(onto, RDFS.comment), "version": str(g.value(onto, OWL.versionInfo) or ""),
            "license": str(g.value(onto, DCTERMS.license) or ""), "languages": languages, "lang": lang, "sections": sections,
            "words": words}


def _short(iri: str) -> str:
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns):
            return f"{prefix}:{iri[len(ns):]}"
    return iri
