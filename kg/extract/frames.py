"""Event frames: a trip word with its roles (travellers, destination, time, companions, people met,
inviter, modality), built for one sentence and handed to assembly; the legs before and after a
main trip ("nach seinem Besuch in ...", "from Riyadh, where ...") are frames of their own.
"""

from __future__ import annotations

from kg.extract.assembly import VisitMention, add_visit
from kg.extract.cues import load_cues
from kg.extract.discourse import Story, augment
from kg.extract.document import Document, Sentence
from kg.extract.modality import doubtful, recent, status_of
from kg.extract.places import destinations
from kg.extract.roles import roles_of
from kg.extract.timex import leg_dates, sentence_dates, tour_legs, trip_dates
from kg.extract.triggers import transport_of, trigger_kind, visit_kind

_CUES = load_cues()
_ATTENDEE = _CUES.words("attendee")
_REPRESENTATION = _CUES.words("representation")
_RESIDENT = _CUES.words("resident_envoy")  # residents, not travellers
_PAST_MARKERS = _CUES.words("past_marker")
_PRONOUNS = _CUES.words("pronoun")
_MEET_CUE_EXACT = _CUES.words("meeting_cue")
_PRESENT_TRAVEL = _CUES.words("present_travel")
_ACCOMPANIES = _CUES.words("accompany_active_verb")
_ACCOMPANIED_STEM = _CUES.prefixes("accompany_participle_stem")
_BY = _CUES.words("agent_preposition")
_BY_ANY = _BY | _CUES.words("agent_preposition_formal")
_HOST_OBJECT = _CUES.words("host_object_pronoun")
_THE = _CUES.words("accusative_article")
_MET_AT = _CUES.words("met_at_preposition")
_TOGETHER = _CUES.words("together_word")
_THITHER = _CUES.words("thither")
_SUBJECT_PRONOUN = _CUES.words("subject_pronoun")
_AND = _CUES.words("coordinator") | _CUES.words("list_continuation")
_DELEGATION = _CUES.prefixes("delegation_prefix")
_FROM = _CUES.words("origin_from")
_WHERE = _CUES.words("where_relative")
_DAY_SPENT = _CUES.words("day_spent")
_AFTER = _CUES.words("after_word")
_BEFORE = _CUES.words("before_word")
_LEG_PREP = _CUES.words("leg_preposition")


def visit_mentions(doc: Document, story: Story, s, triggers, roles, subjects, strong, leader, pron, cues, meet_cue, nxt) -> list[VisitMention]:
    """The frames of a sentence with live trip words: travellers, destination (or the visit in focus), dates,
    companions, people met, inviter, transport and kind, merged into the article's trips."""
    norms = doc.norms[s.ti:s.tj]
    # "A begleitete B bei einem Besuch": B travels, A is in the delegation
    accompanier = None
    for k in range(s.ti, s.tj):
        w = doc.norms[k]
        if w in _ACCOMPANIES and not (k + 1 < s.tj and doc.norms[k + 1] in _BY):
            before = [(m, ps) for m, r, ps in roles if m.j <= k and r == "subject"]
            after = [(m, ps) for m, r, ps in roles if m.i > k and r == "subject"]
            if w.startswith(_ACCOMPANIED_STEM) and any(r == "delegate" for _, r, _ in roles):
                break
            if before and after:
                accompanier, trav = before[0][0], after[0][0]
            elif len(after) >= 2:
                accompanier, trav = after[0][0], after[1][0]
            else:
                break
            subjects = [(trav, 0)]
            strong = []
            break
    hostk = [k for k, kd in triggers if kd == "host"]
    if hostk and not strong and story.focus and any(
            doc.norms[k] in _HOST_OBJECT or (doc.norms[k] in _THE and k + 1 in doc.title_tokens
                                                              and doc.title_tokens[k + 1].person is None)
            for k in range(max(s.ti, hostk[0] - 8), min(s.tj, hostk[0] + 3))):
        travellers, conf = [story.focus], 0.7
        roles = [(m, "met" if r == "subject" else r, ps) for m, r, ps in roles]
        subjects = []
    else:
        travellers, conf = pick_travellers(doc, story, s, roles, subjects, strong, leader, pron, nxt)
    if not travellers:
        return []
    fut = ("future" in cues and "past" not in cues) or ("past" not in cues and any(w in _PRESENT_TRAVEL for w in norms))
    start, end, today, ahead = trip_dates(doc, s, triggers, fut, story.prev_dates)
    if ahead and "past" not in cues:
        cues = cues | {"future"}  # "travels on to Eswatini later this week", "flies to Brazil later on Saturday"
    inviter = next((m.key for m, r, _ in roles if r == "inviter"), None)
    delegates = [m.key for m, r, _ in roles if r == "delegate"]
    if accompanier is not None:
        delegates.append(accompanier.key)
    met = [m.key for m, r, _ in roles if r == "met"]
    meet_toks = [k for k in range(s.ti, s.tj) if doc.norms[k] in _MEET_CUE_EXACT]
    live_meet = [k for k in meet_toks if not doubtful(doc, s, k)]
    if meet_toks and not live_meet:
        meet_cue = False
        met = []
    if meet_cue:
        met += [m.key for m, ps in subjects if m.key not in travellers and (accompanier is None or m.key != accompanier.key)
                and (not meet_toks or any(abs(m.i - k) <= 8 for k in live_meet))]
    if hostk and strong:  # "Xi empfing den Kanzler", "Wang Yi, who hosted Blinken": the host met the guest
        met += [m.key for m, ps in subjects if m.key not in travellers and m.key not in met]
        if not met and inviter:
            met.append(inviter)
    transport = transport_of(norms)
    kind = visit_kind(norms)
    out = []
    hosting = None
    if any(kd == "host" for _, kd in triggers) and strong:
        hosting = next((doc.state_of(m.key) for m, r, _ in roles if r == "subject" and doc.state_of(m.key)), None)
    for trav in travellers:
        own = doc.state_of(trav)
        hosts, places = destinations(doc, s, triggers, own, story.framed)
        if not hosts:
            for m, r, ps in roles:
                if r == "met" and ps > s.ti and doc.norms[ps - 1] in _MET_AT and doc.norms[ps - 2] not in _TOGETHER and \
                        doc.state_of(m.key) not in (None, own) and any(kd == "visit" for _, kd in triggers):
                    hosts, places = [doc.state_of(m.key)], []
                    break
        if not hosts and any(w in _THITHER for w in norms) and story.prev_places:
            st, pl = story.prev_places[-1]
            if st != own:
                hosts, places = [st], ([pl] if pl else [])
        if hosting and hosting != own:
            places = [p for m in s.mentions if m.kind == "Place" and doc.lex.info[m.key].state == hosting for p in [m.key]]
            hosts = [hosting]
        if not hosts:
            # no destination here: the sentence adds to the traveller's current visit
            vm = VisitMention(trav, "", "", start, end, [], transport, kind, inviter,
                              [d for d in delegates if d != trav], [x for x in met if x != trav and x not in delegates],
                              s.idx, conf, cues, augment=True)
            if start and any(kd == "arrive" for _, kd in triggers):
                vm.rank = 2  # "landed at an air base on Monday": the arrival dates the trip under way
            augment(doc, story, vm, s)
            continue
        legs = leg_dates(doc, s, own, fut) if triggers else {}
        hosts += [h for h in legs if h not in hosts and h in [m.key if m.kind == "State" else doc.lex.info[m.key].state
                                                              for m in s.mentions if m.kind in ("State", "Place")]]
        stay = (start, end)
        spans = tour_legs(start, end, len(hosts)) if not legs else [stay] * len(hosts)
        for h, span in zip(hosts, spans):
            start, end = legs.get(h, span)
            status = status_of(doc, s, *(stay if h not in legs else (start, end)), cues)
            vm = VisitMention(trav, h, status, start, end, [p for p in places if doc.lex.info[p].state == h],
                              transport, kind, inviter if inviter != trav else None,
                              [d for d in delegates if d != trav], [x for x in met if x != trav and x not in delegates],
                              s.idx, conf, cues)
            vm.rank = 0 if today else 2 if any(kd in ("arrive", "depart", "depart_from", "border") for _, kd in triggers) else 1
            vm.historical = status == "Completed" and (bool(set(norms) & _PAST_MARKERS) or bool(start))
            out.append(vm)
    idxs = [add_visit(doc, story.trips, vm) for vm in out]
    by_trav: dict[str, list[int]] = {}
    for vm, i in zip(out, idxs):
        by_trav.setdefault(vm.traveller, []).append(i)
    story.last_visits.update(by_trav)
    return out


def pick_travellers(doc: Document, story: Story, s, roles, subjects, strong, leader, pron, nxt) -> tuple[list[str], float]:
    """Who travels, with a confidence: a genitive or guest, the coordinated subjects, a delegation's leader, else the focus."""
    if strong:
        return [m.key for m, _ in strong], 0.85
    if subjects:
        first_subj_tok = subjects[0][1]
        if pron and pron[0] < first_subj_tok and story.focus and doc.norms[pron[0]] in _SUBJECT_PRONOUN:
            return [story.focus], 0.7
        out = [subjects[0][0].key]
        # coordinated subjects: "Lukaschenko und Pezeshkian"
        last = subjects[0][0]
        for m, ps in subjects[1:]:
            gap = doc.norms[last.j:ps]
            if gap and all(w in _AND for w in gap):
                out.append(m.key)
                last = m
            else:
                break
        return out, 0.85
    if leader:
        return [leader[0].key], 0.8
    if nxt is not None and any(w.startswith(_DELEGATION) for w in doc.norms[s.ti:s.tj]):
        for m, r, _ in roles_of(doc, story, nxt):
            if r == "leader":
                return [m.key], 0.7
    if story.focus and not pron:
        other = _background_traveller(doc, story, s)
        if other is not None:
            return [other], 0.6
    if story.focus:
        return [story.focus], 0.6
    return [], 0.0


def _background_traveller(doc: Document, story: Story, s: Sentence) -> str | None:
    """The one person other than the one in focus that a sentence without a pronoun names, when it is dated only by
    years or months before the trip in focus ("Zuletzt hatte mit Johannes Paul II. im Jahr 2002 ein Papst Bulgarien
    besucht"): a background trip is theirs, not the focus's."""
    others = {m.key for m in s.mentions if m.kind == "Person" and m.key != story.focus}
    if len(others) != 1:
        return None
    current = [v.start for v in story.trips.visits if v.traveller == story.focus and v.start]
    dates = [d[0] for d in sentence_dates(doc, s, False)]
    if dates and current and all(len(d) < 10 and d < min(current)[:len(d)] for d in dates):
        return next(iter(others))
    return None


def year_list_visits(doc: Document, story: Story, s, triggers, years, cues) -> None:
    """ "nach Reisen in den Jahren 2004 und 2009": one past visit a year."""
    roles = roles_of(doc, story, s)
    subjects = [(m, ps) for m, r, ps in roles if r == "subject"]
    strong = [(m, ps) for m, r, ps in roles if r in ("traveller", "guest")]
    pron = [k for k in range(s.ti, s.tj) if doc.norms[k] in _PRONOUNS]
    travellers, conf = pick_travellers(doc, story, s, roles, subjects, strong, [], pron, None)
    for trav in travellers[:1]:
        hosts, places = destinations(doc, s, triggers, doc.state_of(trav), story.framed)
        if not hosts:  # named in another clause of the sentence: "der dritte China-Besuch, nach Reisen 2004 und 2009"
            hosts = [v.host for v in story.trips.visits if v.traveller == trav and any(sn == s.idx for sn, _ in v.sentences)]
        for h in hosts[:1]:
            for y, _, _ in years:
                vm = VisitMention(trav, h, status_of(doc, s, y, None, {"past"}), y, None, [], None, None, None, [], [],
                                  s.idx, conf * 0.9, {"past"})
                vm.historical = True
                add_visit(doc, story.trips, vm)


def origin_legs(doc: Document, story: Story, s: Sentence, made: list[VisitMention]) -> None:
    """ "flew to Cairo from Riyadh, where he had spent Wednesday as the guest of the king", "flew in from London
    after a day in which he met Sunak": a place the trip came from, with a stay told there, was the leg before."""
    text = doc.text
    for m in s.mentions:
        if m.kind not in ("State", "Place") or m.form == "adj" or m.i == s.ti or doc.norms[m.i - 1] not in _FROM:
            continue
        st = m.key if m.kind == "State" else doc.lex.info[m.key].state
        rest = doc.norms[m.j:min(s.tj, m.j + 8)]
        told = "," in text[m.end:m.end + 3] and rest[:1] and rest[0] in _WHERE or \
            any("_".join(rest[x:x + 3]) in _DAY_SPENT for x in range(len(rest)))
        if not told or not st:
            continue
        lo, hi = m.j, min(s.tj, m.j + 25)
        dates = [d for d in sentence_dates(doc, s, False) if lo <= d[2] < hi]
        for trav in dict.fromkeys(v.traveller for v in made):
            main = next(v for v in made if v.traveller == trav)
            if st in (doc.state_of(trav), main.host):
                continue
            start = dates[0][0] if dates else None
            add_visit(doc, story.trips, VisitMention(trav, st, "Completed" if main.status != "Announced" else "Announced", start, None,
                                        [m.key] if m.kind == "Place" else [], None, None, None, [], [], s.idx,
                                        main.confidence * 0.9, {"past"}))


def earlier_legs(doc: Document, story: Story, s: Sentence, made: list[VisitMention]) -> None:
    """ "Nach einem Besuch in Neu-Delhi reiste Kishida nach Kiew": the leg before is a visit of the same traveller."""
    for k in story.framed:
        after = any(doc.norms[x] in _AFTER for x in range(max(s.ti, k - 3), k))
        before = any(doc.norms[x] in _BEFORE for x in range(max(s.ti, k - 3), k))
        if not after and not (before and trigger_kind(doc.norms[k]) in ("visit", "depart")):
            continue
        if doubtful(doc, s, k):
            continue
        for m in s.mentions:
            if m.kind not in ("State", "Place") or m.form == "adj" or not 0 < m.i - k <= 3 or \
                    doc.norms[m.i - 1] not in _LEG_PREP:
                continue
            st = m.key if m.kind == "State" else doc.lex.info[m.key].state
            for trav in dict.fromkeys(v.traveller for v in made):
                if not st or st == doc.state_of(trav) or any(v.host == st for v in made):
                    continue
                main = next(v for v in made if v.traveller == trav)
                if after:
                    status = "Announced" if main.status == "Announced" else "Completed"
                else:  # "vor der Weiterreise nach Polen": the next leg is still to come when the main one is
                    status = "Announced" if main.status in ("Announced", "Ongoing") else "Completed"
                add_visit(doc, story.trips, VisitMention(trav, st, status, None, None, [m.key] if m.kind == "Place" else [], None,
                                            None, None, [], [], s.idx, main.confidence * 0.9, {"past"}))
            break


def attendance_frames(doc: Document, story: Story, s: Sentence, roles, cues: set) -> None:
    """People a sentence without a trip word lists as present at the event in focus ("Among the other mourners were
    A, B and C", "A also attended") or as representing someone there ("represented by A", "lässt sich von A
    vertreten"): each travelled to where it is held, the place the sentence names or the host of the trip in focus."""
    norms = doc.norms[s.ti:s.tj]
    represented = not _REPRESENTATION.isdisjoint(norms)
    if not represented and _ATTENDEE.isdisjoint(norms):
        return
    cue = next(k for k in range(s.ti, s.tj) if doc.norms[k] in _ATTENDEE or doc.norms[k] in _REPRESENTATION)
    if doubtful(doc, s, cue):
        return  # "attended by video link", "may be represented by"
    people = [m for m, r, ps in roles if r in ("subject", "other", "delegate", "met", "leader")
              and (not represented or ps > s.ti and doc.norms[ps - 1] in _BY_ANY)
              and not any(doc.norms[x] in _RESIDENT for x in range(max(s.ti, ps - 1), m.i))]
    if not people:
        return
    starts = {m.i for m in s.mentions if m.kind == "Person"}
    qualifiers = {m.key for m in s.mentions if m.kind == "State" and (m.j in doc.title_tokens or m.j in starts)}
    # where it is held: not "John Major of Britain", not "Indian President Pranab Mukherjee"
    states = doc.sentence_states(s, None) - {doc.state_of(m.key) for m in people} - qualifiers
    focus = story.main_event()
    if focus is not None and focus.start and doc.pub and not recent(focus.start, doc.pub.isoformat(), 31):
        focus = None  # a background trip told first is not the event the article reports
    if len(states) == 1:
        host, start, end = next(iter(states)), None, None
        dates = sentence_dates(doc, s, "future" in cues)
        if dates:
            start, end = dates[0][0], dates[0][1]
        status = status_of(doc, s, start, end, cues)
    elif not states and focus is not None:
        host, start, end, status = focus.host, focus.start, focus.end, focus.statuses[0]
    elif not states and doc.dateline is not None:
        host, start, end, status = doc.dateline[0], None, None, status_of(doc, s, None, None, cues)
    else:
        return
    for key in dict.fromkeys(m.key for m in people):
        own = doc.state_of(key)
        if own == host or (own is None and key not in doc.lex.info):
            continue
        add_visit(doc, story.trips, VisitMention(key, host, status, start, end, [], None, None, None, [], [], s.idx, 0.7, cues))
