"""Assembly: mentions of a trip merged into one visit (traveller, host and dates agree), their
dates, delegates and meetings kept with the sentence and confidence behind each; summits merged
the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from kg.extract import dates as dates_mod
from kg.extract.document import Document
from kg.extract.modality import is_past, meeting_as_purpose, planned_meeting


@dataclass
class VisitMention:
    traveller: str
    host: str
    status: str
    start: str | None
    end: str | None
    places: list[str]
    transport: str | None
    kind: str | None
    inviter: str | None
    delegates: list[str]
    met: list[str]
    sentence: int
    confidence: float
    cues: set = field(default_factory=set)  # "future", "ongoing", "past"
    augment: bool = False
    historical: bool = False  # "zuletzt", "damals", "last", a year before publication
    rank: int = 1  # how much its date says about the trip's start: 2 arrival/departure, 1 other, 0 context


@dataclass
class VisitAcc:
    traveller: str
    host: str
    statuses: list[str] = field(default_factory=list)
    start: str | None = None
    end: str | None = None
    places: list[str] = field(default_factory=list)
    transport: str | None = None
    kind: str | None = None
    inviter: str | None = None
    delegates: list[str] = field(default_factory=list)
    met: list[str] = field(default_factory=list)
    to_meet: list[str] = field(default_factory=list)  # meetings only planned or expected: summits-to-be, never `met`
    sentences: list[tuple[int, float]] = field(default_factory=list)
    claims: list[tuple[str, str, int, float]] = field(default_factory=list)  # prop, value, sentence, confidence
    last_sentence: int = -1
    status: str = "Ongoing"
    start_rank: int = -1
    historical: bool = False


@dataclass
class SummitAcc:
    participants: list[str]
    status: str
    start: str | None
    end: str | None
    places: list[str]
    sentences: list[int]
    visit: int | None = None
    claims: list[tuple[str, str, int]] = field(default_factory=list)
    states: list[str] = field(default_factory=list)  # states named as its location (for linking to a visit)
    where: list[str] = field(default_factory=list)  # states it was held in ("in Singapur", a city): who came travelled


class Trips:
    """The visits and summits read so far in one article, merged as they come."""

    def __init__(self) -> None:
        self.visits: list[VisitAcc] = []
        self.summits: list[SummitAcc] = []
        self.met_dates: dict[tuple[int, str], str] = {}  # (visit, person) -> day of the meeting
        self.pending: list[VisitMention] = []  # delegations named before their traveller's first trip
        self.touched: str | None = None  # traveller whose visit the last merge added to


def days_apart(a: str | None, b: str | None, b_end: str | None, limit: int) -> bool:
    """Two day-precision dates of one trip: at most ``limit`` days between ``a`` and the span b..b_end."""
    if not a or not b or len(a) != 10 or len(b) != 10:
        return False
    da = date.fromisoformat(a)
    lo = date.fromisoformat(b)
    hi = date.fromisoformat(b_end) if b_end and len(b_end) == 10 else lo
    return (lo - da).days <= limit and (da - hi).days <= limit



def add_visit(doc: Document, trips: Trips, vm: VisitMention) -> int:
    best = None
    for i, v in enumerate(trips.visits):
        if v.traveller != vm.traveller or v.host != vm.host:
            continue
        if not dates_mod.compatible(vm.start, v.start) and not days_apart(vm.start, v.start, v.end, 10):
            continue
        score = 0
        if vm.status in v.statuses:
            score += 2
        if vm.start and v.start:
            score += 3
        if (vm.status == "Completed") != ("Completed" in v.statuses and len(set(v.statuses)) == 1) and vm.start is None and v.start:
            score -= 1
        pub = doc.pub.isoformat() if doc.pub else None
        was = is_past(v, pub)
        if vm.start and not v.start:
            now = is_past(VisitAcc(vm.traveller, vm.host, [], vm.start, vm.end), pub)
            if (now and set(v.statuses) & {"Ongoing", "Announced"}) or (not now and v.historical):
                continue  # "zuletzt 2019 in China" is not the trip under way
        elif v.start and not vm.start:
            if (was and vm.status in ("Ongoing", "Announced")) or (vm.historical and not was):
                continue
        if best is None or score > best[0]:
            best = (score, i)
    if best is None:
        trips.visits.append(VisitAcc(vm.traveller, vm.host))
        i = len(trips.visits) - 1
    else:
        i = best[1]
    merge_into(doc, trips, i, vm, vm.sentence)
    if trips.pending and not vm.historical:
        for p in [p for p in trips.pending if p.traveller == vm.traveller]:
            merge_into(doc, trips, i, p, p.sentence)
            trips.pending.remove(p)
    return i


def merge_into(doc: Document, trips: Trips, i: int, vm: VisitMention, sent: int) -> None:
    v = trips.visits[i]
    trips.touched = v.traveller
    c = vm.confidence
    if not vm.augment:
        if not v.statuses:
            v.historical = vm.historical
        v.statuses.append(vm.status)
        v.sentences.append((sent, c))
        v.claims.append(("hostState", v.host, sent, c))
    elif not v.sentences or v.sentences[-1][0] != sent:
        v.sentences.append((sent, c * 0.9))
    rank = vm.rank if not vm.augment or vm.rank == 2 else 0
    if vm.start and (not v.start or (len(vm.start) > len(v.start) and vm.start.startswith(v.start))
                     or (len(vm.start) == len(v.start) == 10 and (rank > v.start_rank or
                                                                   (rank == v.start_rank and vm.start < v.start)))):
        v.start_rank = max(rank, v.start_rank) if v.start else rank
        v.start = vm.start
        v.claims.append(("startDate", vm.start, sent, c))
    if vm.end and (not v.end or len(vm.end) > len(v.end)) and (not v.start or vm.end >= v.start[:len(vm.end)]):
        v.end = vm.end
        v.claims.append(("endDate", vm.end, sent, c))
    for p in vm.places:
        if p not in v.places:
            v.places.append(p)
        v.claims.append(("place", p, sent, c))
    if vm.transport and not v.transport:
        v.transport = vm.transport
        v.claims.append(("transport", vm.transport, sent, c))
    if vm.kind and not v.kind:
        v.kind = vm.kind
        v.claims.append(("visitKind", vm.kind, sent, c))
    if vm.inviter and not v.inviter and vm.inviter != v.traveller:
        v.inviter = vm.inviter
        v.claims.append(("invitedBy", vm.inviter, sent, c))
    for d in vm.delegates:
        if doc.state_of(d) == v.host and v.host:
            continue  # locals are hosts, not members of the travelling delegation
        if d != v.traveller and d not in v.delegates:
            v.delegates.append(d)
            v.claims.append(("accompaniedBy", d, sent, c))
    later = bool(vm.start and doc.pub and len(vm.start) == 10 and vm.start > doc.pub.isoformat())
    planned = bool(vm.met) and (later or planned_meeting(doc, sent) or (
        vm.status in ("Ongoing", "Announced") and meeting_as_purpose(doc, sent)))  # to meet is not met
    for x in vm.met:
        if x == v.traveller or x in v.met or x in v.delegates or (planned and x in v.to_meet):
            continue
        if vm.start and len(vm.start) == 10:
            trips.met_dates.setdefault((i, x), vm.start) if planned else trips.met_dates.__setitem__((i, x), vm.start)
        (v.to_meet if planned else v.met).append(x)
        v.claims.append(("toMeet" if planned else "met", x, sent, c))
        if not planned and v.host and doc.state_of(x) is None and not any(o.traveller == x for o in trips.visits):
            doc.citizen.setdefault(x, v.host)  # the people a guest meets there belong to the host, unless travelling too
    v.last_sentence = sent


def add_summit(trips: Trips, sm: SummitAcc) -> None:
    for o in trips.summits:
        if set(o.participants) == set(sm.participants) and dates_mod.compatible(o.start, sm.start) and \
                not ({o.status, sm.status} == {"Announced", "Completed"} and (o.start or sm.start) and not (o.start and sm.start)):
            if sm.start and (not o.start or len(sm.start) > len(o.start)):
                o.start = sm.start
            o.end = o.end or sm.end
            o.places += [p for p in sm.places if p not in o.places]
            o.states += [p for p in sm.states if p not in o.states]
            o.where += [p for p in sm.where if p not in o.where]
            if len(o.sentences) < 50:
                o.sentences += [x for x in sm.sentences if x not in o.sentences]
            if o.visit is None:
                o.visit = sm.visit
            return
    trips.summits.append(sm)
