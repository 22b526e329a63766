"""Facts of one article from what the components found: entities, posts, visits and summits,
each with its evidence sentences and the rules that fired in them."""

from __future__ import annotations

import logging
from kg.extract.cues import load_cues
from kg.extract.normal import norm_tokens
from kg.extract.state import Extraction
from kg.model import Claim, Entity, Evidence, Summit, Visit

MAX_EVIDENCE = 25  # sentences kept per visit or summit (a 1 MB page can repeat a trip thousands of times)
MAX_CLAIM_EVIDENCE = 3  # sentences kept per property value
log = logging.getLogger("kg.extract")
# cue groups whose rules are recorded with the evidence of a visit or a summit (its trip words always are)
_MODALITY = frozenset({"negation", "speculation_strong", "speculation", "cancellation", "future", "ongoing", "past",
                       "past_marker", "planning_word", "remote_participation"})
VISIT_CUES = _MODALITY | {"accompany_stem", "companion_cue_stem", "leading", "invitation", "meeting_cue", "transport_train",
                          "transport_air", "transport_ship", "transport_car"}
SUMMIT_CUES = _MODALITY | {"meeting_cue", "summit_cue"}


def write_facts(x: Extraction) -> None:
    """Fill ``x.facts``: entities named outside the boilerplate, the posts, and every visit and summit with evidence."""
    facts, doc, lex, ms = x.facts, x.doc, x.lexicon, x.mentions
    trips = x.story.trips
    cue_rules: dict[tuple, tuple] = {}

    def event_evidence(sent_idx: int, conf: float, groups: frozenset) -> Evidence:
        """A sentence of a visit or summit, with the rules that fired in it: its trip words and its cues."""
        key = (sent_idx, groups)
        if key not in cue_rules:
            sent = doc.sentences[sent_idx]
            cue_rules[key] = tuple(dict.fromkeys(doc.rules_at.get(sent_idx, []) +
                                                 load_cues().fired(doc.norms[sent.ti:sent.tj], groups)))
        s, e = x.spans[sent_idx]
        return Evidence(s, e, x.text[s:e], round(conf, 2), cue_rules[key])

    ents: dict[str, Entity] = {}
    in_text = {m.i for m in ms.mentions if not x.inside_skip(m.start, m.end)}
    for m in ms.mentions:
        if m.i not in in_text:
            continue
        e = ents.get(m.key)
        if e is None:
            info = lex.info.get(m.key)
            label = info.label if info else ms.new_persons.get(m.key, m.surface)
            state = doc.citizenship(m.key) if m.kind == "Person" else (info.state if info and m.kind == "Place" else None)
            e = Entity(m.key, m.kind, label, [], info.wikidata if info else None, state,
                       [x.evidence(x.sentence_of(m.start), 0.9 if m.form in ("name", "new") else 0.7)])
            ents[m.key] = e
        if _alternative_name(m, lex) and m.surface != e.label and m.surface not in e.aliases:
            e.aliases.append(m.surface)
    used = set()
    visits: list[Visit] = []
    index_map: dict[int, int] = {}
    for i, v in enumerate(trips.visits):
        if not v.sentences:
            continue
        # a cancelled or announced trip met nobody: its talks did not (or not yet) take place
        met = [] if v.status in ("Cancelled", "Announced") else list(v.met)
        vis = Visit(traveller=v.traveller, host=v.host, status=v.status, start=v.start, end=v.end, places=list(v.places),
                    transport=v.transport, kind=v.kind, invited_by=v.inviter, accompanied_by=list(v.delegates),
                    met=met)
        seen = set()
        for sn, c in v.sentences:
            if sn not in seen and len(seen) < MAX_EVIDENCE:
                vis.evidence.append(event_evidence(sn, c, VISIT_CUES))
                seen.add(sn)
        vis.claims.append(Claim("traveller", v.traveller, event_evidence(v.sentences[0][0], v.sentences[0][1], VISIT_CUES)))
        vis.claims.append(Claim("status", v.status, event_evidence(v.sentences[0][0], v.sentences[0][1], VISIT_CUES)))
        cseen = set()
        per_value: dict[tuple, int] = {}
        for prop, val, sn, c in v.claims:
            if (prop, val, sn) in cseen or per_value.get((prop, val), 0) >= MAX_CLAIM_EVIDENCE:
                continue
            per_value[(prop, val)] = per_value.get((prop, val), 0) + 1
            if prop == "startDate" and val != v.start or prop == "endDate" and val != v.end or prop == "met" and val not in met \
                    or prop == "toMeet":
                continue
            cseen.add((prop, val, sn))
            vis.claims.append(Claim(prop, val, event_evidence(sn, c, VISIT_CUES)))
        index_map[i] = len(visits)
        visits.append(vis)
        used.update([v.traveller, v.host, *v.places, *v.delegates, *v.met] + ([v.inviter] if v.inviter else []))
    summits: list[Summit] = []
    for sm in trips.summits:
        s = Summit(participants=list(sm.participants), status=sm.status, start=sm.start, end=sm.end,
                   places=list(sm.places), during_visit=index_map.get(sm.visit) if sm.visit is not None else None)
        for sn in sm.sentences[:MAX_EVIDENCE]:
            s.evidence.append(event_evidence(sn, 0.8, SUMMIT_CUES))
            for p in sm.participants:
                s.claims.append(Claim("participant", p, event_evidence(sn, 0.8, SUMMIT_CUES)))
        summits.append(s)
        used.update(sm.participants + sm.places)
    facts.entities = sorted(ents.values(), key=lambda e: e.key)
    # every key used by a fact must be an entity
    for key in sorted(used):
        if key and key not in ents and key in lex.info:
            info = lex.info[key]
            facts.entities.append(Entity(key, info.kind, info.label, [], info.wikidata, info.state))
    facts.holdings = x.holdings
    facts.visits = visits
    facts.summits = summits
    if not visits:
        log.info("article %s: no visits found", x.article.id)


def _alternative_name(m, lex) -> bool:
    """A spelling worth keeping as an alternative name: a name as written, not an inflection or a slip.

    Genitives ("Kims", "Nordkoreas") and misspellings matched by similarity ("Choos") stay
    mentions with their evidence but never become labels.
    """
    if m.form not in ("name", "new", "short"):
        return False
    if m.form == "new" and m.key in lex.info and not lex.names.get(norm_tokens(m.surface)):
        return False  # a known person found by similarity ("Zelenskiy"): a spelling seen, not one to label them by
    return not (m.genitive and m.surface.endswith("s") and not lex.names.get(norm_tokens(m.surface)))
