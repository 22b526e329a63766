"""DiploKG: a knowledge graph of diplomatic visits, summits and delegations built from news.

The public API, imported lazily so that ``import kg`` stays fast::

    import kg
    g = kg.open("data/build/store")          # or kg.connect("http://host/sparql")
    g.query_df("ministers-accompanying", leader="Kim Jong Un")

>>> import kg
>>> kg.iri("dkg:Visit").value
'https://w3id.org/diplokg/ontology#Visit'
"""

__version__ = "0.1.0"

__all__ = ["open", "connect", "KnowledgeGraph", "RemoteKnowledgeGraph", "iri", "list_questions", "load_question"]

_EXPORTS = {
    "open": "kg.api",
    "connect": "kg.api",
    "KnowledgeGraph": "kg.api",
    "RemoteKnowledgeGraph": "kg.api",
    "iri": "kg.terms",
    "list_questions": "kg.questions",
    "load_question": "kg.questions",
}


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'kg' has no attribute {name!r}; the API is: {', '.join(__all__)}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__():
    return sorted(set(globals()) | set(__all__))
