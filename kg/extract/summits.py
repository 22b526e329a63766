"""Summits: meetings of leaders told by a summit word, or met during a visit; a summit held in a
state is a visit there by each participant from elsewhere.
"""

from __future__ import annotations

from kg.extract import dates as dates_mod
from kg.extract.assembly import SummitAcc, Trips, VisitAcc, add_summit, days_apart
from kg.extract.cues import load_cues
from kg.extract.discourse import Story
from kg.extract.document import Document, Sentence
from kg.extract.modality import doubtful, planned_meeting, status_of, visit_status
from kg.extract.timex import sentence_dates

_CUES = load_cues()
_SUMMIT_CUES = _CUES.words("summit_cue")
_NEG = _CUES.words("negation")
_NAMED_SUMMIT = _CUES.prefixes("named_summit")
_SUMMIT_PART = tuple(_CUES.words("summit_word_part"))
_SUBJECT_PRONOUN = _CUES.words("subject_pronoun")
_WITH = _CUES.words("with_preposition")
_AND = _CUES.words("coordinator")
_VENUE = _CUES.words("venue_preposition")
_FROM = _CUES.words("provenance_preposition")


def settle_trips(doc: Document, trips: Trips) -> None:
    """The article's trips once all sentences are read: trips to one's own state dropped, one status per visit,
    summits during visits and visits to summits; a summit made only of people one guest met dropped."""
    pub = doc.pub.isoformat() if doc.pub else None
    # nobody visits their own state: people learnt to belong to the host (met there) drop such trips
    for v in trips.visits:
        if v.sentences and doc.state_of(v.traveller) == v.host:
            v.sentences, v.met, v.to_meet = [], [], []  # kept in place: visits are referred to by position
    for v in trips.visits:
        v.status = visit_status(v, pub, trips.visits, doc)
    visit_summits(doc, trips)
    summit_visits(doc, trips)
    # two hosts the same guest met ("welcomed by President A ... talks with Prime Minister B") held no summit between
    # themselves: a summit made only of people one visitor met is dropped
    hosts_of = [set(v.met) | set(v.to_meet) for v in trips.visits if v.sentences]
    trips.summits = [sm for sm in trips.summits if not any(set(sm.participants) <= met for met in hosts_of)]


def _summit_words(doc: Document) -> list[bool]:
    """Which tokens of the article are summit words not part of a named summit ("Gipfeltreffen", not "NATO-Gipfel"),
    decided once per article."""
    flags = doc.memo.get(("summit_words",))
    if flags is None:
        flags = doc.memo[("summit_words",)] = [
            (w in _SUMMIT_CUES or any(p in w for p in _SUMMIT_PART)) and not w.startswith(_NAMED_SUMMIT) for w in doc.norms]
    return flags


def sentence_summits(doc: Document, story: Story, s: Sentence, roles, norms, cues) -> None:
    """Meetings of leaders a summit word tells of: who took part, when and where."""
    summit_word = _summit_words(doc)
    cue_toks = [k for k in range(s.ti, s.tj) if summit_word[k] and not (k > s.ti and doc.norms[k - 1] in _NAMED_SUMMIT)]
    if not cue_toks:
        return
    every = cue_toks
    cue_toks = [k for k in cue_toks if not doubtful(doc, s, k) and not any(
        w in _NEG for w in doc.norms[max(s.ti, k - 3):k + 4])]
    if not cue_toks:
        return
    # a leader named after a summit word that is only speculated ("speculation grew that a summit with Trump") takes no part
    unsaid = {m.key for m, _, _ in roles if max((k for k in every if k < m.i), default=None) not in cue_toks + [None]}
    parts = []
    first_ps = None
    for m, r, ps in roles:
        if r in ("subject", "met", "traveller", "guest", "other") and m.key in doc.leaders and m.key not in parts \
                and m.key not in unsaid:
            parts.append(m.key)
            first_ps = ps if first_ps is None else first_ps
    pron = [k for k in range(s.ti, s.tj) if doc.norms[k] in _SUBJECT_PRONOUN]
    head = None
    if pron and story.focus and story.focus in doc.leaders and story.focus not in parts and \
            (not parts or pron[0] < first_ps):
        head = story.focus
        parts.insert(0, story.focus)
    if len(parts) == 1 and head is None and story.focus and story.focus in doc.leaders and story.focus not in parts:
        m0, ps0 = next((m, ps) for m, r, ps in roles if m.key == parts[0])
        if any(0 < m0.i - c <= 6 and doc.norms[c + 1] in _WITH and
               not any(x.i < m0.i and x.j > c for x in s.mentions if x.kind == "Person") for c in cue_toks):
            head = story.focus  # "Das Gipfeltreffen mit Trump": the meeting of the leader the article follows
            parts.insert(0, story.focus)
    if len(parts) < 2:
        return
    # "A trifft B und C": bilateral meetings of A; "A und B trafen sich": one meeting
    subj = [m for m, r, _ in roles if r in ("subject", "traveller", "guest") and m.key in parts]
    if head is None and subj and len(parts) >= 3:
        first = subj[0]
        gap_next = [m for m, r, ps in roles if m.i > first.j and m.key in parts]
        if gap_next and not all(w in _AND for w in doc.norms[first.j:doc.phrase_start(gap_next[0], s.ti)]):
            head = first.key
    pairings = [[head, p] for p in parts if p != head] if head and len(parts) >= 3 else [parts]
    planned = planned_meeting(doc, s.idx)  # "steht ein Treffen auf dem Programm", "talks are scheduled for Friday"
    fut = "future" in cues or planned
    dts = sentence_dates(doc, s, fut)
    place_ms = [m for m in s.mentions if m.kind in ("Place", "State") and m.form != "adj" and not m.genitive
                and m.i > cue_toks[0] - 12]
    pairs = []
    for m in place_ms:
        for d in dts:
            if 0 <= d[2] - m.j <= 2:
                pairs.append((m, d))
    located: set[int] = set()  # mentions named as where it was held: "in Singapur", "in A 2018 und B 2019"
    last_loc = None
    for m in place_ms:
        k = doc.phrase_start(m, s.ti)
        prev = doc.norms[k - 1] if k > s.ti else ""
        near_cue = any(0 < k - c <= 3 for c in cue_toks) or doc.same_name_place(m) is not None
        if prev in _VENUE and (m.kind == "Place" or near_cue) and not any(
                doc.norms[x] in _FROM for x in range(max(s.ti, k - 3), k - 1)):
            located.add(m.i)
            last_loc = m
        elif prev in _AND and last_loc is not None and k - last_loc.j <= 4:
            located.add(m.i)
            last_loc = m
    groups = []
    if len(pairs) >= 2:
        for m, d in pairs:
            groups.append(([m], d[0], d[1]))
    else:
        d = dts[0] if dts else (None, None, 0)
        groups.append((place_ms, d[0], d[1]))
    for ms_, start, end in groups:
        places, states, where = [], [], []
        for m in ms_:
            st = m.key if m.kind == "State" else doc.lex.info[m.key].state
            if st and st not in states:
                states.append(st)
            if st and st not in where and m.i in located:
                where.append(st)  # "Gipfel in Singapur", "met in Vladivostok", "in the Vietnamese capital"
            if m.kind == "Place":
                places.append(m.key)
            else:  # a city-state named as a state: use its capital when it is the same name
                cap = doc.same_name_place(m)
                if cap:
                    places.append(cap)
        status = status_of(doc, s, start, end, cues)
        if planned and status in ("Ongoing", "Completed") and not (start and doc.pub and start < doc.pub.isoformat()[:len(start)]):
            status = "Announced"
        for ps_ in pairings:
            add_summit(story.trips, SummitAcc(list(ps_), status, start, end, places, [s.idx],
                                      states=list(states), where=list(where)))


def visit_summits(doc: Document, trips: Trips) -> None:
    """Leaders a leader met during a visit held a summit there."""
    for i, v in enumerate(trips.visits):
        if v.traveller not in doc.leaders:
            continue
        planned = [x for x in v.to_meet if x not in v.met]
        for x in v.met + planned:
            if x in doc.leaders:
                sent = next((sn for p, val, sn, _ in v.claims if p in ("met", "toMeet") and val == x), v.sentences[0][0])
                when = trips.met_dates.get((i, x))
                if when is None and v.start and len(v.start) < 10:
                    when = v.start  # a month or year: the meeting lies within it
                status = "Announced" if x in planned and v.status != "Cancelled" else v.status
                add_summit(trips, SummitAcc([v.traveller, x], status, when, None, list(v.places), [sent], i,
                                          states=[v.host], where=[v.host]))
    for sm in trips.summits:
        if sm.visit is not None:
            continue
        for i, v in enumerate(trips.visits):
            located = sm.places or sm.states
            if v.traveller in sm.participants and dates_mod.compatible(v.start, sm.start) and \
                    all(st == v.host for st in sm.states) and \
                    all(doc.lex.info[p].state == v.host for p in sm.places if p in doc.lex.info) and \
                    (located or (v.start and sm.start)) and \
                    not (sm.status == "Completed" and v.status == "Announced" and not sm.start):
                sm.visit = i
                break


def summit_visits(doc: Document, trips: Trips) -> None:
    """A summit held in state S is a visit to S by each participant who is not from S.

    "Das Gipfeltreffen in Singapur" says both leaders travelled there; the summit's
    sentences are the visit's evidence, its status and dates the visit's.
    """
    for sm in trips.summits:
        if len(sm.where) != 1 or not sm.sentences:
            continue
        host = sm.where[0]
        if sm.places and any(doc.lex.info[p].state != host for p in sm.places if p in doc.lex.info):
            continue
        for p in sm.participants:
            own = doc.state_of(p)
            if own is None or own == host:
                continue
            same = [i for i, v in enumerate(trips.visits) if v.traveller == p and v.host == host and (
                dates_mod.compatible(v.start, sm.start) or days_apart(sm.start, v.start, v.end, 10)
                if v.start and sm.start else v.status == sm.status or not sm.start)]
            if same:
                i = same[0]
                for pl in sm.places:
                    if pl not in trips.visits[i].places:
                        trips.visits[i].places.append(pl)
            else:
                v = VisitAcc(p, host, [sm.status], sm.start, sm.end, list(sm.places), status=sm.status)
                v.sentences = [(sn, 0.7) for sn in sm.sentences]
                v.claims = [("hostState", host, sm.sentences[0], 0.7)]
                v.historical = sm.status == "Completed"
                trips.visits.append(v)
                i = len(trips.visits) - 1
            v = trips.visits[i]
            for x in sm.participants:  # those at a summit met each other, or are to meet
                if sm.status in ("Announced", "Cancelled"):
                    if x != p and x not in v.to_meet and x not in v.met:
                        v.to_meet.append(x)
                elif x != p and x not in v.met and x not in v.delegates:
                    v.met.append(x)
                    v.claims.append(("met", x, sm.sentences[0], 0.7))
            if sm.visit is None:
                sm.visit = i
