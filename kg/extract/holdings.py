"""Posts people hold (:class:`kg.model.Holding`) from the titles the text gives them, with evidence.

Titles first (``der russische Außenminister Sergej Lawrow``), before the events are read: the
leaders among the holders are the ones whose meetings are summits. After the events, a post
without a state takes the side its holder travelled or hosted on, and posts given by relation
("sein Amtskollege", "her predecessor") are added.
"""

from __future__ import annotations

from kg.extract.cues import load_cues
from kg.extract.posts import holdings_from_titles, is_leader_post
from kg.extract.state import Extraction
from kg.model import Holding

_CUES = load_cues()
_COUNTERPART = _CUES.words("counterpart")
_PREDECESSOR = _CUES.words("predecessor")
_POSSESSIVE = _CUES.words("possessive_determiner")
_LEADERS: dict[int, frozenset] = {}


def from_titles(x: Extraction) -> list[Holding]:
    """Posts named by titles, each with up to three sentences outside the boilerplate as evidence."""
    ms, doc = x.mentions, x.doc
    citizenship = doc.citizenship
    out: list[Holding] = []
    titles_of: dict[tuple, list[int]] = {}
    for t in ms.titles:
        if t.person:
            titles_of.setdefault((t.person, t.post, t.state or (None if t.org else citizenship(t.person))), []).append(t.i)
    # bare titles with a state ("der US-Außenminister") name their holder too
    desc_at = {m.i: m.key for m in ms.mentions if m.form == "desc" and m.kind == "Person"}
    for t in ms.titles:
        if t.person is None and t.state and t.i in desc_at and not t.org:
            t.person = desc_at[t.i]
            titles_of.setdefault((t.person, t.post, t.state), []).append(t.i)
    for h, _ in holdings_from_titles(ms.titles, citizenship):
        for ti in titles_of.get((h.person, h.post, h.state), [])[:3]:
            tok = doc.tokens[ti]
            if not x.inside_skip(tok.start, tok.end) and x.spans:
                ev = x.evidence(x.sentence_of(tok.start), 0.85)
                if ev not in h.evidence:
                    h.evidence.append(ev)
        if h.evidence:
            out.append(h)
    for h in out:
        if h.state and h.person not in x.lexicon.info:
            ms.citizenship.setdefault(h.person, h.state)
    return out


def leaders(x: Extraction) -> set[str]:
    """Heads of state or government: by a post in the text, in the background, or a leader's bare title."""
    ms = x.mentions
    found = {h.person for h in x.holdings if is_leader_post(h.post)}
    found |= _background_leaders(x.lexicon)
    found |= {m.key for m in ms.mentions if m.form == "desc" and any(
        t.i == m.i and is_leader_post(t.post) for t in ms.titles)}
    return found


def settle(x: Extraction) -> list[Holding]:
    """The posts once the trips are known: delegates belong to the traveller's state, people met to the host;
    one holding per (person, post, state); relational posts added; a leader's further titles dropped."""
    ms, doc, trips = x.mentions, x.doc, x.story.trips
    side: dict[str, str] = {}
    for v in trips.visits:
        own = doc.citizenship(v.traveller)
        for d in v.delegates:
            if own:
                side.setdefault(d, own)
        for p in v.met:
            side.setdefault(p, v.host)
    org_people = {t.person for t in ms.titles if t.org}
    for h in x.holdings:
        if h.state is None and h.person in side and h.person not in org_people:
            h.state = side[h.person]
            ms.citizenship.setdefault(h.person, h.state)
    merged: dict[tuple, Holding] = {}
    for h in x.holdings:
        key = (h.person, h.post, h.state)
        if key in merged:
            merged[key].evidence += [e for e in h.evidence if e not in merged[key].evidence]
        else:
            merged[key] = h
    out = list(merged.values())
    out += _relational(x, out)
    # a leader's further titles ("Vorsitzender", "chairman") add nothing: keep the state post
    main_posts = {h.person for h in out if h.post != "Official"}
    return [h for h in out if h.post != "Official" or h.person not in main_posts]


def _relational(x: Extraction, holdings: list[Holding]) -> list[Holding]:
    """Posts given by relation: "sein Amtskollege Qin Gang", "her Chinese counterpart", "sein Vorgänger Bolsonaro".

    A counterpart holds the possessor's post in another state (an adjective names it, else the
    person's own or the visited state); a predecessor or successor the same post in the same state.
    """
    doc, story = x.doc, x.story
    known = {(h.person, h.post, h.state) for h in holdings}
    by_person: dict[str, Holding] = {}
    for h in holdings:
        if h.state and (h.person not in by_person or by_person[h.person].post == "Official"):
            by_person[h.person] = h
    if not by_person:
        return []
    norms = doc.norms
    state_adj = {m.i: m.key for m in x.mentions.mentions if m.kind == "State" and m.form == "adj"}
    out = []
    for sent in doc.sentences:
        people = [m for m in sent.mentions if m.kind == "Person"]
        for m in people:
            k = m.i - 1
            adj = None
            while k >= sent.ti and k >= m.i - 4 and norms[k] not in _COUNTERPART and norms[k] not in _PREDECESSOR:
                if k in state_adj:
                    adj = state_adj[k]
                k -= 1
            if k < sent.ti or k < m.i - 4:
                continue
            rel = norms[k]
            j = k - 1
            while j >= sent.ti and j in state_adj:
                adj = adj or state_adj[j]
                j -= 1
            if j < sent.ti or norms[j] not in _POSSESSIVE:
                continue
            # the possessor: the nearest earlier person with a post in the sentence, else the current traveller
            owner = next((p.key for p in reversed(people) if p.i < k and p.key in by_person and p.key != m.key), None)
            if owner is None and story.focus in by_person and story.focus != m.key:
                owner = story.focus
            if owner is None:
                continue
            base = by_person[owner]
            if rel in _PREDECESSOR:
                state = base.state
            else:
                state = adj or doc.citizenship(m.key) or next((v.host for v in story.trips.visits if v.traveller == owner), None)
                if state == base.state:
                    continue
            if not state or (m.key, base.post, state) in known or x.inside_skip(m.start, m.end):
                continue
            known.add((m.key, base.post, state))
            out.append(Holding(person=m.key, post=base.post, state=state, title=doc.text[doc.tokens[k].start:doc.tokens[k].end],
                               evidence=[x.evidence(sent.idx, 0.7)]))
    return out


def _background_leaders(lex) -> frozenset:
    """People who ever held a head-of-state or -government post (cached per lexicon)."""
    got = _LEADERS.get(id(lex))
    if got is None:
        got = frozenset(k for k, i in lex.info.items() if i.kind == "Person" and any(is_leader_post(p["post"]) for p in i.posts))
        _LEADERS[id(lex)] = got
    return got
