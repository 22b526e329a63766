"""IRIs of DiploKG: minted from what identifies a thing, never from counters.

>>> slug("Choe Son-hui")
'choe-son-hui'
>>> resource("person/kim-jong-un")
'https://w3id.org/diplokg/id/person/kim-jong-un'
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

ONTOLOGY = "https://w3id.org/diplokg/ontology#"
ONTOLOGY_IRI = "https://w3id.org/diplokg/ontology"
ID = "https://w3id.org/diplokg/id/"
GRAPH = "https://w3id.org/diplokg/graph/"

ONTOLOGY_GRAPH = GRAPH + "ontology"
BACKGROUND_GRAPH = GRAPH + "background"
INFERRED_GRAPH = GRAPH + "inferred"
#: the union of the graphs, each triple once, in engines whose default graph cannot be it (Virtuoso)
UNION_GRAPH = GRAPH + "union"
CURATED_GRAPH_PREFIX = GRAPH + "curated/"
ARTICLE_GRAPH_PREFIX = GRAPH + "article/"
WIKIDATA = "http://www.wikidata.org/entity/"

#: the prefixes of the project: editors, dumps, result tables and service descriptions use these
PREFIXES: dict[str, str] = {
    "dkg": ONTOLOGY,
    "id": ID,
    "graph": GRAPH,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/",
    "wd": WIKIDATA,
}

_GERMAN = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})


def slug(text: str) -> str:
    """Lower-case ASCII words joined by hyphens; German umlauts spelt out."""
    text = unicodedata.normalize("NFKD", text.translate(_GERMAN))
    text = text.encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


def resource(key: str) -> str:
    """The IRI of an entity or event key such as ``person/kim-jong-un``."""
    return ID + key


def article_graph(article_id: str) -> str:
    return ARTICLE_GRAPH_PREFIX + article_id


def short_hash(*parts: str) -> str:
    """Eight hex digits that tell apart things sharing the same readable prefix."""
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:8]
