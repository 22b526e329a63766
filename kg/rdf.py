"""Facts -> quads: one named graph per article, a dkg:Mention for every statement.

The mapping, in short (``dkg:`` is the ontology, ``id:`` the resource namespace):

* ``id:article/<id>`` a dkg:Article: dkg:published, dkg:language, dkg:title, dkg:url,
  dkg:publisher, dkg:contentHash.
* ``id:person/<slug>`` / ``id:state/<slug>`` / ``id:place/<slug>``: rdfs:label,
  skos:altLabel (spellings met in the article), owl:sameAs Wikidata, dkg:citizenOf /
  dkg:inState.
* ``id:position/<person>/<post>-<state>`` a dkg:<PostClass>: dkg:ofState, dkg:heldBy,
  dkg:attestedOn (article date); the person dkg:holds it.
* ``id:visit/...`` a dkg:Visit, ``id:summit/...`` a dkg:Summit with the contract
  properties; IRIs are assigned by :mod:`kg.merge` so that one trip reported by several
  articles is one resource.
* ``id:mention/<article>/<start>-<end>-<hash>`` a dkg:Mention: dkg:article, dkg:quote,
  dkg:startOffset, dkg:endOffset, dkg:confidence, dkg:extractor, and, when it supports
  one property value rather than the whole resource, dkg:assertsProperty and
  dkg:assertsValue. The resource points at it with dkg:evidence; resources supported by the
  same sentence with the same claim, confidence and rules share one Mention.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from pyoxigraph import BlankNode, Literal, NamedNode, Quad

from kg import iris
from kg.model import ArticleFacts, Claim, Evidence
from kg.vocab import DKG, OWL, RDF, RDFS, SKOS, XSD

# contract property of each fact field
_VISIT_FIELDS = {
    "places": "place",
    "accompanied_by": "accompaniedBy",
    "met": "met",
}
_ENTITY_KEY_PROPS = {"traveller", "hostState", "place", "accompaniedBy", "met", "invitedBy", "participant"}
_INDIVIDUAL_PROPS = {"transport", "status", "visitKind"}
_DATE_PROPS = {"startDate", "endDate"}


def date_literal(value: str) -> Literal:
    """An ISO date string at its own precision as xsd:date, xsd:gYearMonth or xsd:gYear.

    >>> date_literal("2019-04").datatype.value
    'http://www.w3.org/2001/XMLSchema#gYearMonth'
    """
    kind = {10: XSD.date, 7: XSD.gYearMonth, 4: XSD.gYear}.get(len(value))
    if kind is None:
        raise ValueError(f"not an ISO date, year-month or year: {value!r}")
    return Literal(value, datatype=kind)


def node(key: str) -> NamedNode:
    return NamedNode(iris.resource(key))


class _GraphWriter:
    """Collects the quads of one named graph."""

    def __init__(self, graph: str) -> None:
        self.graph = NamedNode(graph)
        self.quads: list[Quad] = []

    def add(self, s, p, o) -> None:
        self.quads.append(Quad(s, p, o, self.graph))


def article_quads(facts: ArticleFacts, visit_keys: list[str], summit_keys: list[str],
                  known: frozenset[str] = frozenset()) -> list[Quad]:
    """All quads extracted from one article, in its own named graph.

    ``visit_keys`` and ``summit_keys`` are the merged IRIs (keys) of the article's
    visits and summits, in order, as assigned by :func:`kg.merge.assign_event_keys`.
    ``known`` entities (those of the background graph) keep their canonical labels
    there; an article adds only the spellings it met, so each entity has one label.
    """
    a = facts.article
    w = _GraphWriter(iris.article_graph(a.id))
    art = node(f"article/{a.id}")
    w.add(art, RDF.type, DKG.Article)
    w.add(art, RDFS.label, Literal(a.title or a.path))
    w.add(art, DKG.contentHash, Literal(a.sha256))
    w.add(art, DKG.sourceFile, Literal(a.path.rsplit("/", 1)[-1]))
    if a.published:
        w.add(art, DKG.published, Literal(a.published.isoformat(), datatype=XSD.date))
    for prop, value in (("language", a.language), ("title", a.title), ("url", a.url), ("publisher", a.publisher)):
        if value:
            w.add(art, getattr(DKG, prop), Literal(value))

    written: set[NamedNode] = set()

    def mention(subject: NamedNode, ev: Evidence, claim: Claim | None = None) -> None:
        """One node per distinct piece of evidence: the resources a sentence supports with the
        same claim, confidence and rules point to the same Mention, stored once."""
        confidence = f"{ev.confidence:.2f}"
        tag = iris.short_hash(claim.prop if claim else "", claim.value if claim else "", confidence, *ev.rules)
        m = node(f"mention/{a.id}/{ev.start}-{ev.end}-{tag}")
        w.add(subject, DKG.evidence, m)
        if m in written:
            return
        written.add(m)
        w.add(m, RDF.type, DKG.Mention)
        w.add(m, DKG.article, art)
        w.add(m, DKG.quote, Literal(ev.quote))
        w.add(m, DKG.startOffset, Literal(str(ev.start), datatype=XSD.integer))
        w.add(m, DKG.endOffset, Literal(str(ev.end), datatype=XSD.integer))
        w.add(m, DKG.confidence, Literal(confidence, datatype=XSD.decimal))
        w.add(m, DKG.extractor, Literal(facts.extractor))
        for rule in ev.rules:
            w.add(m, DKG.rule, Literal(rule))
        if claim:
            w.add(m, DKG.assertsProperty, getattr(DKG, claim.prop))
            w.add(m, DKG.assertsValue, _value(claim.prop, claim.value))

    for e in facts.entities:
        s = node(e.key)
        w.add(s, RDF.type, getattr(DKG, e.kind))
        if e.key not in known:  # canonical English names come with a Wikidata link
            w.add(s, RDFS.label, Literal(e.label, language="en") if e.wikidata else Literal(e.label))
        for alias in sorted(set(e.aliases) - {e.label}):
            w.add(s, SKOS.altLabel, Literal(alias))
        if e.wikidata:
            w.add(s, OWL.sameAs, NamedNode(iris.WIKIDATA + e.wikidata))
        if e.state and e.kind != "State":
            w.add(s, DKG.citizenOf if e.kind == "Person" else DKG.inState, node(e.state))
        for ev in e.evidence[:1]:
            mention(s, ev)

    state_labels = {e.key: e.label for e in facts.entities if e.kind == "State"}
    for h in facts.holdings:
        pos = node(position_key(h.person, h.post, h.state))
        person = node(h.person)
        w.add(person, DKG.holds, pos)
        w.add(pos, RDF.type, getattr(DKG, h.post))
        w.add(pos, RDFS.label, Literal(post_label(h.post, state_labels.get(h.state or "", h.state)), language="en"))
        if h.title:
            w.add(pos, SKOS.altLabel, Literal(h.title, language=a.language) if a.language else Literal(h.title))
        if h.state:
            w.add(pos, DKG.ofState, node(h.state))
        if a.published:
            w.add(pos, DKG.attestedOn, Literal(a.published.isoformat(), datatype=XSD.date))
        for prop, value in (("startDate", h.start), ("endDate", h.end)):
            if value:
                w.add(pos, getattr(DKG, prop), date_literal(value))
        for ev in h.evidence:
            mention(pos, ev, Claim("holds", h.person, ev))

    for v, key in zip(facts.visits, visit_keys):
        s = node(key)
        w.add(s, RDF.type, DKG.Visit)
        _event(w, s, v, {"traveller": [v.traveller], "hostState": [v.host], "invitedBy": [v.invited_by],
                         "transport": [v.transport], "visitKind": [v.kind]})
        for ev in v.evidence:
            mention(s, ev)
        for c in v.claims:
            mention(s, c.evidence, c)

    for sm, key in zip(facts.summits, summit_keys):
        s = node(key)
        w.add(s, RDF.type, DKG.Summit)
        _event(w, s, sm, {"participant": sm.participants})
        if sm.during_visit is not None and sm.during_visit < len(visit_keys):
            w.add(s, DKG.duringVisit, node(visit_keys[sm.during_visit]))
        for ev in sm.evidence:
            mention(s, ev)
        for c in sm.claims:
            mention(s, c.evidence, c)
    return w.quads


def _event(w: _GraphWriter, s: NamedNode, event, extra: dict[str, list]) -> None:
    """The properties Visits and Summits share, plus ``extra`` (property -> values)."""
    values = {"status": [event.status], "startDate": [event.start], "endDate": [event.end], "place": event.places}
    for field_name, prop in _VISIT_FIELDS.items():
        values.setdefault(prop, getattr(event, field_name, []))
    values.update(extra)
    for prop, vals in values.items():
        for v in vals:
            if v:
                w.add(s, getattr(DKG, prop), _value(prop, v))


def _value(prop: str, value: str):
    if prop in _DATE_PROPS:
        return date_literal(value)
    if prop in _INDIVIDUAL_PROPS:
        return getattr(DKG, value)
    return node(value)


def post_label(post: str, state: str | None) -> str:
    """"Foreign Minister of North Korea" from the post class and the state's name (or key).

    >>> post_label("HeadOfGovernment", "state/united-kingdom")
    'Head of Government of United Kingdom'
    """
    words = "".join(" " + ch if ch.isupper() else ch for ch in post).strip().split()
    name = " ".join(w if i == 0 or w not in ("Of", "And") else w.lower() for i, w in enumerate(words))
    if state and state.startswith("state/"):
        state = state.split("/", 1)[1].replace("-", " ").title()
    return f"{name} of {state}" if state else name


def position_key(person: str, post: str, state: str | None, start: str | None = None) -> str:
    """``position/choe-son-hui/foreign-minister-north-korea``: one post held by one person.

    A tenure with a known start gets its own position (``...-russia-2012``), so two
    terms in the same office keep their own dates.
    """
    post_slug = iris.slug("".join(" " + ch if ch.isupper() else ch for ch in post))
    state_slug = state.split("/", 1)[-1] if state else "unknown-state"
    tenure = f"-{str(start)[:4]}" if start else ""
    return f"position/{person.split('/', 1)[-1]}/{post_slug}-{state_slug}{tenure}"


def triples_to_quads(triples: Iterable, graph: str) -> Iterator[Quad]:
    g = NamedNode(graph)
    for t in triples:
        yield Quad(t.subject, t.predicate, t.object, g)


__all__ = ["article_quads", "date_literal", "position_key", "triples_to_quads", "BlankNode"]
