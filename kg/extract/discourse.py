"""Discourse: the event in focus. Which traveller a pronoun or a bare title refers to, and which of
their visits a sentence without a destination adds to (delegation members, meetings, dates);
delegations named before their traveller's trip wait for it.
"""

from __future__ import annotations

from kg.extract import dates as dates_mod
from kg.extract.assembly import Trips, VisitAcc, VisitMention, days_apart, merge_into
from kg.extract.cues import load_cues
from kg.extract.document import Document, Sentence
from kg.extract.modality import doubtful, is_past
from kg.extract.timex import sentence_dates

_CUES = load_cues()
_MEET_CUE_EXACT = _CUES.words("meeting_cue")
_SUBJECT_PRONOUN = _CUES.words("subject_pronoun")
_PARTY = _CUES.prefixes("party_stem")
_ACCOMPANY = _CUES.prefixes("accompany_prefix")
_FRONTED_ACCOMPANY = _CUES.prefixes("fronted_accompany")
_OF = _CUES.words("genitive_preposition")


class Story:
    """What the article is about at the current sentence: the traveller in focus, their latest visits,
    the previous sentence's dates and places; the trips read so far are in :attr:`trips`."""

    def __init__(self) -> None:
        self.trips = Trips()
        self.focus: str | None = None
        self.last_visits: dict[str, list[int]] = {}  # traveller -> visit indexes of the latest visit sentence
        self.prev_dates: list[tuple[str, str | None, int]] = []
        self.prev_places: list[tuple[str, str | None]] = []
        self.last_was_delegation = False
        self.framed: list[int] = []  # trip words of the current sentence framed as another leg ("nach seinem Besuch")

    def travellers(self) -> set[str | None]:
        """Everyone on a trip so far, and the person in focus."""
        return {v.traveller for v in self.trips.visits} | {self.focus}

    def main_event(self) -> VisitAcc | None:
        """The article's main event: the first trip its headline and lead tell."""
        return next((v for v in self.trips.visits if v.sentences), None)

    def follow(self, s: Sentence, made: list[VisitMention], subjects: list) -> None:
        """Move the focus after sentence ``s``: to the traveller of a trip it told or added to, else to its subject."""
        if made:
            self.focus = made[0].traveller
        elif self.trips.touched:
            self.focus = self.trips.touched
        elif subjects and (self.focus is None or not any(v.traveller == self.focus for v in self.trips.visits)):
            self.focus = subjects[0][0].key
        elif (sole := _sole_traveller(self, s)) is not None:
            self.focus = sole  # "Yoon has invested in ties with Tokyo. Last month he ...": he is the one just named
        self.trips.touched = None


def context_visits(doc: Document, story: Story, trav: str, s: Sentence, start: str | None, states: set[str], cues: set) -> list[int]:
    """The traveller's visit this sentence talks about: dates and host must fit, tense decides ties."""
    cands = [i for i, v in enumerate(story.trips.visits) if v.traveller == trav
             and (dates_mod.compatible(start, v.start) or days_apart(start, v.start, v.end, 10))
             and (not states or v.host in states)]
    if not cands:
        return []
    pub = doc.pub.isoformat() if doc.pub else None
    past = "past" in cues and "future" not in cues and "ongoing" not in cues
    fitting = [i for i in cands if is_past(story.trips.visits[i], pub) == past] or cands
    best = max(fitting, key=lambda i: (story.trips.visits[i].last_sentence, i))  # the one talked about last
    group = story.last_visits.get(trav, [])
    if best in group:
        return [i for i in group if i in cands] or [best]
    return [best]


def augment(doc: Document, story: Story, vm: VisitMention, s: Sentence) -> None:
    """A sentence without a destination adds what it says to the traveller's visit it talks about."""
    own = doc.state_of(vm.traveller)
    states = doc.sentence_states(s, own)
    targets = context_visits(doc, story, vm.traveller, s, vm.start, states, vm.cues)
    for i in targets:
        merge_into(doc, story.trips, i, vm, s.idx)
    if not targets and vm.delegates and len(story.trips.pending) < 50 and \
            not any(v.traveller == vm.traveller for v in story.trips.visits):
        # "The leader, who arrived today, was accompanied by his wife": the party waits for the trip it belongs to
        story.trips.pending.append(VisitMention(vm.traveller, "", "", None, None, [], None, None, None, list(vm.delegates), [],
                                                s.idx, vm.confidence, vm.cues, augment=True))


def context_update(doc: Document, story: Story, s, roles, subjects, pron, cues, meet_cue) -> None:
    """A sentence without a trip trigger: delegation members or meetings of the current visit."""
    if not subjects and not pron and not any(r in ("delegate", "met") for _, r, _ in roles):
        return
    if subjects and not (pron and pron[0] < subjects[0][1] and doc.norms[pron[0]] in _SUBJECT_PRONOUN):
        trav = subjects[0][0].key
        others = [m.key for m, _ in subjects[1:]]
        travelling = {v.traveller for v in story.trips.visits}
        if trav not in travelling:  # "Li Qiang, mit dem Scholz zusammenkam": the one on a trip is the traveller
            alt = next((m.key for m, _ in subjects[1:] if m.key in travelling), None)
            if alt is not None:
                trav, others = alt, [m.key for m, _ in subjects if m.key != alt]
            elif story.focus in travelling and meet_cue and any(
                    r == "met" and m.i < subjects[0][0].i for m, r, _ in roles):
                # "Treffen mit A und dem Parteichef, B, stehen auf dem Programm": B is met, not travelling
                trav, others = story.focus, [m.key for m, _ in subjects if m.key != story.focus]
    else:
        trav = story.focus
        others = [m.key for m, _ in subjects]
    owner = next((m.key for m, r, ps in roles if r == "possessor" and (m.j < s.tj and doc.norms[
        m.j + (1 if doc.norms[m.j] == "s" else 0)].startswith(_PARTY + _FRONTED_ACCOMPANY) or ps > s.ti and (doc.norms[
            ps - 1].startswith(_PARTY) or doc.norms[ps - 1] in _OF))), None)
    if owner and owner != trav and any(v.traveller == owner for v in story.trips.visits):
        trav = owner  # "Shoigu's delegation includes ...", "Putins Delegation gehören ... an"
    if not trav:
        return
    if not any(v.traveller == trav for v in story.trips.visits):
        # "Begleitet wird A von B. A ist in X eingetroffen": members named before the trip
        dels = [m.key for m, r, _ in roles if r == "delegate" and m.key != trav]
        if dels and len(story.trips.pending) < 50:
            story.trips.pending.append(VisitMention(trav, "", "", None, None, [], None, None, None, dels, [], s.idx, 0.7,
                                             cues, augment=True))
        return
    tok = next((k for k in range(s.ti, s.tj) if doc.norms[k] in _MEET_CUE_EXACT or doc.norms[k].startswith(_ACCOMPANY)), s.ti)
    if doubtful(doc, s, tok):
        return
    delegates = [m.key for m, r, _ in roles if r == "delegate" and m.key != trav]
    met = [m.key for m, r, _ in roles if r == "met" and m.key != trav]
    inviter = next((m.key for m, r, _ in roles if r == "inviter" and m.key != trav), None)
    if meet_cue:
        met += [k for k in others if k not in delegates and k != trav]
    if not delegates and not met and not inviter:
        return
    dts = sentence_dates(doc, s, "future" in cues)
    start = dts[0][0] if dts else None
    own = doc.state_of(trav)
    states = doc.sentence_states(s, own)
    if not states and met:
        # no place named: one meets a state's people in that state ("Lula und Xi beim Empfang")
        theirs = {doc.state_of(x) for x in met} - {own, None}
        if any(v.traveller == trav and v.host in theirs for v in story.trips.visits):
            states = theirs
    vm = VisitMention(trav, "", "", start, None, [], None, None, inviter, delegates, met, s.idx, 0.7, cues, augment=True)
    targets = context_visits(doc, story, trav, s, start, states, cues)
    if not targets and start and delegates:
        # "A, who took over the ministry last month": a date about a member, not about the trip
        targets = context_visits(doc, story, trav, s, None, states, cues)
        vm = VisitMention(trav, "", "", None, None, [], None, None, None, delegates, [], s.idx, 0.7, cues, augment=True)
    if delegates and not met and not states and not vm.start:
        targets = _tour(story, targets)  # "Also in the delegation are ...": the party travels the whole tour
    for i in targets:
        merge_into(doc, story.trips, i, vm, s.idx)


def _tour(story: Story, targets: list[int]) -> list[int]:
    """``targets`` and the other legs of their tour: the same traveller's visits to other states that start within
    two weeks of a target's dates."""
    visits = story.trips.visits
    legs = list(targets)
    for i in targets:
        base = visits[i]
        legs += [j for j, v in enumerate(visits) if j not in legs and v.traveller == base.traveller and v.sentences
                 and v.host != base.host and days_apart(v.start, base.start, base.end, 14)]
    return legs


def _sole_traveller(story: Story, s: Sentence) -> str | None:
    """The one person ``s`` names, when they already travel in this article: the topic a pronoun next refers to."""
    people = {m.key for m in s.mentions if m.kind == "Person"}
    if len(people) != 1:
        return None
    key = next(iter(people))
    return key if any(v.traveller == key for v in story.trips.visits) else None
