"""The HTML page of one resource, read like an entry of a reference work.

Wikidata's entity pages are the model: a human title and a line saying what the thing
is, statements in the project's own vocabulary grouped under plain headings, the
sentences that support them folded under each group's evidence, and identifiers and
alignments to other vocabularies in a section of their own. Internal index triples
(dkg:nameKey) never appear; the machine formats keep everything.
"""

from __future__ import annotations

import re
from collections import defaultdict

from kg.web.describe import (DKG, RDF_TYPE, RDFS_LABEL, Select, date_span, describe_events, human_date,
                             labels_for, short, sparql_iri)
from kg.web.hardening import web_link

OWL_SAME_AS = "http://www.w3.org/2002/07/owl#sameAs"
SKOS_ALT = "http://www.w3.org/2004/02/skos/core#altLabel"
#: statements about the resource, in the order of their groups; a property not named here
#: falls into "Other statements"
GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Who", ("traveller", "participant", "accompaniedBy", "met", "invitedBy", "heldBy")),
    ("Where", ("hostState", "place", "ofState", "inState", "citizenOf")),
    ("When", ("startDate", "endDate", "status", "attestedOn", "duringVisit")),
    ("How", ("transport", "visitKind")),
    ("Source", ("article", "quote", "published", "title", "url", "publisher", "language", "assertsProperty",
                "assertsValue", "confidence", "extractor", "startOffset", "endOffset", "contentHash", "sourceFile")),
)
#: shown elsewhere on the page (evidence, posts, title, identifiers) or not at all (index keys)
NOT_STATEMENTS = {DKG + "evidence", DKG + "nameKey", DKG + "holds", RDF_TYPE, RDFS_LABEL, SKOS_ALT, OWL_SAME_AS}
#: where the ontology's label reads as a verb phrase, the plain noun a heading needs
PLAIN = {"status": "status", "visitKind": "kind of visit", "place": "place", "transport": "travelled by",
         "assertsProperty": "supports the property", "assertsValue": "with the value"}
#: "referred to by": how a statement pointing at this resource reads from its side
INVERSE = {"traveller": "Trips", "participant": "Summits taken part in", "accompaniedBy": "Accompanied on",
           "met": "Met on", "invitedBy": "Invited to", "hostState": "Visits hosted", "place": "Events here",
           "citizenOf": "Citizens", "inState": "Places in this state", "ofState": "Posts of this state",
           "heldBy": "Posts held", "duringVisit": "Summits during this visit", "evidence": "Evidence for",
           "article": "Sentences quoted", "transport": "Trips by this means", "status": "Events with this status",
           "visitKind": "Visits of this kind", "holds": "Held by"}
#: incoming statements shown in a section of their own rather than under "referred to by"
INCOMING_ELSEWHERE = {DKG + "assertsValue", DKG + "nameKey", DKG + "heldBy", DKG + "ofState", DKG + "article"}


def entity_page(select: Select, iri: str, local_path) -> dict | None:
    """Everything ``resource.html`` shows for ``iri``, or None when nothing is known of it.

    ``local_path`` maps an IRI to the path this server serves it at (None when not ours).
    """
    ref = sparql_iri(iri)
    out_rows = select(f"SELECT DISTINCT ?p ?o WHERE {{ {ref} ?p ?o }} ORDER BY ?p ?o LIMIT 5000")
    in_rows = select(f"SELECT DISTINCT ?s ?p WHERE {{ ?s ?p {ref} FILTER(STRSTARTS(STR(?p), {_q(DKG)})) }} "
                     f"ORDER BY ?p ?s LIMIT 2000")
    if not out_rows and not in_rows:
        return None
    types = {r["o"]["value"] for r in out_rows if r["p"]["value"] == RDF_TYPE}
    quoted = _quoted(select, ref) if DKG + "Article" in types else []
    stated = {f[k] for q in quoted for f in q["facts"] for k in ("subject", "prop", "value") if f.get(k)}
    event_iris = {r["s"]["value"] for r in in_rows} | {r["o"]["value"] for r in out_rows if r["o"]["type"] == "uri"} | {iri} | stated
    events = describe_events(select, event_iris)
    evidence = _evidence(select, ref)
    names = {r["p"]["value"] for r in out_rows} | {r["o"]["value"] for r in out_rows if r["o"]["type"] == "uri"}
    names |= {r["s"]["value"] for r in in_rows} | {r["p"]["value"] for r in in_rows} | types
    names |= {f[k] for e in evidence for f in e["facts"] for k in ("prop", "value") if f.get(k)}
    names |= {e["article"] for e in evidence} | stated
    labels = labels_for(select, names | {iri})
    labels.update({i: e["title"] for i, e in events.items()})
    link = _Linker(labels, local_path)
    # the sentences (numbered as on the page) behind each statement, folded under it
    supported: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for n, e in enumerate(evidence, 1):
        for f in e["facts"]:
            supported[(f["prop"], f["term"]["value"])].append({"n": n, "quote": e["quote"], "article": link.iri(e["article"])})

    statements: dict[str, list[dict]] = defaultdict(list)
    alignments: dict[str, list[dict]] = defaultdict(list)
    for r in out_rows:
        p = r["p"]["value"]
        if p in NOT_STATEMENTS:
            continue
        view = link.term(r["o"])
        if p == DKG + "url" and web_link(r["o"]["value"]):
            view.update(href=web_link(r["o"]["value"]), external=True)
        if p.startswith(DKG):
            view["refs"] = supported.get((p, r["o"]["value"]), [])
        (statements if p.startswith(DKG) else alignments)[p].append(view)
    alignments.update({RDF_TYPE: [link.term({"type": "uri", "value": t}) for t in sorted(types) if not t.startswith(DKG)]})
    incoming: dict[str, list[dict]] = defaultdict(list)
    for r in in_rows:
        if r["p"]["value"] not in INCOMING_ELSEWHERE:
            incoming[r["p"]["value"]].append(link.term(r["s"]))

    title = events[iri]["title"] if iri in events else _mention_title(out_rows, labels) if DKG + "Mention" in types \
        else labels.get(iri) or short(iri)
    own_types = sorted(labels.get(t, short(t)) for t in types if t.startswith(DKG))
    page = {
        "iri": iri, "title": title, "kinds": own_types,
        "aliases": sorted({r["o"]["value"] for r in out_rows if r["p"]["value"] in (SKOS_ALT, RDFS_LABEL)} - {title}),
        "groups": _groups(statements, labels, link),
        "posts": _posts(select, ref, "holds", link) if DKG + "Person" in types else [],
        "leaders": _posts(select, ref, "ofState", link) if DKG + "State" in types else [],
        "incoming": [{"label": INVERSE.get(p[len(DKG):], link.prop_label(p)), "objects": sorted(objs, key=_by_text)}
                     for p, objs in sorted(incoming.items(), key=lambda kv: INVERSE.get(kv[0][len(DKG):], kv[0]))],
        "alignments": [{"prop": short(p), "iri": p, "objects": objs} for p, objs in sorted(alignments.items()) if objs],
        "same_as": [{"iri": r["o"]["value"], "text": short(r["o"]["value"])} for r in out_rows if r["p"]["value"] == OWL_SAME_AS],
        "evidence": [_evidence_view(e, link) for e in evidence],
        "quoted": [{"quote": q["quote"], "subjects": _by_subject(q["facts"], link)} for q in quoted],
    }
    page["description"] = _description(page, events.get(iri), statements, link)
    kind = own_types[0] if own_types else "resource"
    page["whole_fact"] = f"the {kind} as a whole" if iri in events else f"names this {kind}"
    return page


def _q(text: str) -> str:
    return '"' + text + '"'


def _by_text(v: dict) -> str:
    return v["text"].lower()


class _Linker:
    """Turns SPARQL JSON terms into what the template shows: text, link, full IRI on hover."""

    def __init__(self, labels: dict[str, str], local_path) -> None:
        self.labels = labels
        self.local_path = local_path

    def term(self, term: dict) -> dict:
        if term["type"] == "uri":
            iri = term["value"]
            local = self.local_path(iri)
            return {"text": self.labels.get(iri) or short(iri), "href": local or web_link(iri), "iri": iri, "external": local is None}
        if term["type"] == "bnode":
            return {"text": "_:" + term["value"], "href": None}
        datatype = term.get("datatype", "")
        if datatype.endswith(("#date", "#gYearMonth", "#gYear")):
            return {"text": human_date(term["value"]), "href": None, "note": term["value"]}
        return {"text": term["value"], "href": None, "lang": term.get("xml:lang")}

    def iri(self, iri: str) -> dict:
        return self.term({"type": "uri", "value": iri})

    def prop_label(self, p: str) -> str:
        """The ontology's label, or for a dkg term without one its name in words ('hostState' -> 'host state')."""
        if not p.startswith(DKG):
            return self.labels.get(p) or short(p)
        name = p[len(DKG):]
        return PLAIN.get(name) or self.labels.get(p) or re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name).lower()


def _groups(statements: dict[str, list[dict]], labels: dict[str, str], link: _Linker) -> list[dict]:
    placed = set()
    out = []
    for heading, props in GROUPS:
        rows = [{"label": link.prop_label(DKG + p), "iri": DKG + p, "objects": statements[DKG + p]}
                for p in props if statements.get(DKG + p)]
        placed |= {DKG + p for p in props}
        if rows:
            out.append({"heading": heading, "rows": rows})
    rest = [{"label": link.prop_label(p), "iri": p, "objects": objs} for p, objs in sorted(statements.items()) if p not in placed]
    if rest:
        out.append({"heading": "Other statements", "rows": rest})
    return out


def _posts(select: Select, ref: str, via: str, link: _Linker) -> list[dict]:
    """Posts of a person (``via`` holds) or of a state (``via`` ofState), one entry per post and holder.

    The same post may be recorded twice (from the background and from articles); such
    records are one entry with the dates of both.
    """
    pattern = f"{ref} dkg:holds ?pos . ?pos dkg:heldBy ?who" if via == "holds" else f"?pos dkg:ofState {ref} ; dkg:heldBy ?who"
    rows = select(f"""PREFIX dkg: <{DKG}> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?pos ?who ?label ?start ?end (MIN(?seen) AS ?first) (MAX(?seen) AS ?last) WHERE {{
          {pattern} . OPTIONAL {{ ?pos rdfs:label ?label FILTER(LANGMATCHES(LANG(?label), "en") || LANG(?label) = "") }}
          OPTIONAL {{ ?pos dkg:startDate ?start }} OPTIONAL {{ ?pos dkg:endDate ?end }}
          OPTIONAL {{ ?pos dkg:attestedOn ?seen }}
        }} GROUP BY ?pos ?who ?label ?start ?end LIMIT 1000""")
    merged: dict[tuple[str, str], dict] = {}
    for r in rows:
        label = r.get("label", {}).get("value") or short(r["pos"]["value"])
        key = (label, r["who"]["value"])
        entry = merged.setdefault(key, {"post": label, "records": [], "holder": link.iri(r["who"]["value"]),
                                        "start": None, "end": None, "first": None, "last": None})
        entry["records"].append(link.iri(r["pos"]["value"]))
        for k in ("start", "end", "first", "last"):
            v = r.get(k, {}).get("value")
            if v and (entry[k] is None or (v < entry[k] if k in ("start", "first") else v > entry[k])):
                entry[k] = v
    out = []
    for e in merged.values():
        held = date_span(e["start"], e["end"]) if e["end"] else f"since {human_date(e['start'])}" if e["start"] else ""
        seen = date_span(e["first"], e["last"]) if e["first"] else ""
        e["when"] = held or (f"reported {seen}" if seen else "")
        e["records"].sort(key=lambda r: r["iri"])
        out.append(e)
    return sorted(out, key=lambda e: (e["post"], e["end"] is not None, -int((e["start"] or "0")[:4]), e["holder"]["text"]))


def _evidence(select: Select, ref: str) -> list[dict]:
    """The sentences stating this resource or its details: one entry per sentence and article."""
    rows = select(f"""PREFIX dkg: <{DKG}>
        SELECT ?m ?quote ?article ?published ?url ?start ?prop ?value WHERE {{
          {ref} dkg:evidence ?m . ?m dkg:quote ?quote ; dkg:article ?article .
          OPTIONAL {{ ?m dkg:startOffset ?start }}
          OPTIONAL {{ ?article dkg:published ?published }} OPTIONAL {{ ?article dkg:url ?url }}
          OPTIONAL {{ ?m dkg:assertsProperty ?prop }} OPTIONAL {{ ?m dkg:assertsValue ?value }}
        }} LIMIT 5000""")
    sentences: dict[tuple[str, str], dict] = {}
    for r in rows:
        key = (r["article"]["value"], " ".join(r["quote"]["value"].split()))
        s = sentences.setdefault(key, {"quote": key[1], "article": key[0], "published": r.get("published", {}).get("value"),
                                       "url": r.get("url", {}).get("value"), "offset": 10**9, "facts": [], "whole": False})
        if "start" in r:
            s["offset"] = min(s["offset"], int(r["start"]["value"]))
        if "prop" in r and "value" in r:
            fact = {"prop": r["prop"]["value"], "value": r["value"]["value"] if r["value"]["type"] == "uri" else None,
                    "term": r["value"]}
            if fact not in s["facts"]:
                s["facts"].append(fact)
        else:
            s["whole"] = True
    return sorted(sentences.values(), key=lambda s: (s["published"] or "", s["article"], s["offset"]))


def _quoted(select: Select, ref: str) -> list[dict]:
    """An article's sentences that are evidence, in text order: each once, with what it states of what."""
    rows = select(f"""PREFIX dkg: <{DKG}>
        SELECT ?quote ?start ?s ?prop ?value WHERE {{
          ?m dkg:article {ref} ; dkg:quote ?quote . ?s dkg:evidence ?m .
          OPTIONAL {{ ?m dkg:startOffset ?start }}
          OPTIONAL {{ ?m dkg:assertsProperty ?prop }} OPTIONAL {{ ?m dkg:assertsValue ?value }}
        }} LIMIT 5000""")
    sentences: dict[str, dict] = {}
    for r in rows:
        quote = " ".join(r["quote"]["value"].split())
        q = sentences.setdefault(quote, {"quote": quote, "offset": 10**9, "facts": []})
        if "start" in r:
            q["offset"] = min(q["offset"], int(r["start"]["value"]))
        fact = {"subject": r["s"]["value"], "prop": r.get("prop", {}).get("value"), "term": r.get("value"),
                "value": r["value"]["value"] if r.get("value", {}).get("type") == "uri" else None}
        if fact not in q["facts"]:
            q["facts"].append(fact)
    for q in sentences.values():
        q["facts"].sort(key=lambda f: (f["subject"], f["prop"] is not None, f["prop"] or ""))
    return sorted(sentences.values(), key=lambda q: q["offset"])


def _by_subject(facts: list[dict], link: _Linker) -> list[dict]:
    """A sentence's facts as [{subject, claims: [{prop, value}]}], one entry per thing it speaks of."""
    out: dict[str, dict] = {}
    for f in facts:
        entry = out.setdefault(f["subject"], {"subject": link.iri(f["subject"]), "claims": []})
        if f.get("prop") and f.get("term"):
            entry["claims"].append({"prop": link.prop_label(f["prop"]), "value": link.term(f["term"])})
    return sorted(out.values(), key=lambda e: (not e["claims"], e["subject"]["text"]))


def _evidence_view(e: dict, link: _Linker) -> dict:
    facts = sorted(({"prop": link.prop_label(f["prop"]), "value": link.term(f["term"])} for f in e["facts"]),
                   key=lambda f: (f["prop"], f["value"]["text"]))
    return {"quote": e["quote"], "article": link.iri(e["article"]), "published": human_date(e["published"]),
            "url": e["url"], "facts": facts, "whole": e["whole"]}


def _mention_title(out_rows: list[dict], labels: dict[str, str]) -> str:
    article = next((r["o"]["value"] for r in out_rows if r["p"]["value"] == DKG + "article"), None)
    return f"Sentence from “{labels.get(article, short(article))}”" if article else "Sentence"


def _description(page: dict, event: dict | None, statements: dict[str, list[dict]], link: _Linker) -> str:
    """The line under the title: what kind of thing this is, and its most telling fact."""
    kinds = [k for k in page["kinds"] if k not in ("position",)] or page["kinds"]
    head = ", ".join(kinds) or "resource"
    if event:
        status = " / ".join(v["text"] for v in statements.get(DKG + "status", []))
        precision = "" if not event["start"] or len(event["start"]) == 10 else " known to the month" if len(event["start"]) == 7 else " known to the year"
        return f"{head}{' · ' + status if status else ''}{' · date' + precision if precision else ''}{' · date not reported' if not event['start'] else ''}"
    if page["posts"]:
        current = [p["post"] for p in page["posts"] if not p["end"]]
        return f"{head} · {', '.join(current or [page['posts'][0]['post']])}"
    for prop in ("citizenOf", "inState", "ofState", "heldBy"):
        if statements.get(DKG + prop):
            return f"{head} · {link.prop_label(DKG + prop)} {statements[DKG + prop][0]['text']}"
    return head


def event_iris_around(select: Select, iri: str) -> set[str]:
    """Visits and summits a person, state, place or event takes part in (for its timeline)."""
    ref = sparql_iri(iri)
    rows = select(f"""PREFIX dkg: <{DKG}>
        SELECT DISTINCT ?e WHERE {{
          VALUES ?kind {{ dkg:Visit dkg:Summit }}
          {{ ?e a ?kind ; ?role {ref} }}
          UNION {{ ?e a ?kind . FILTER(?e = {ref}) }}
          UNION {{ ?e a ?kind ; dkg:traveller|dkg:participant ?who . ?who dkg:citizenOf|dkg:holds/dkg:ofState {ref} }}
        }} LIMIT 1000""")
    return {r["e"]["value"] for r in rows}

