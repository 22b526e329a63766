"""Modality and tense of what a clause tells: denied, speculated, invited-only or remote events
(:func:`doubtful`), cancelled/future/ongoing/past cues, the resulting status, and meetings that
are only planned or given as a trip's purpose.
"""

from __future__ import annotations

from datetime import date

from kg.extract.cues import load_cues
from kg.extract.document import Document, Sentence
from kg.extract.triggers import trigger_kind

_CUES = load_cues()
_MEET_STEMS = _CUES.prefixes("meet_stem")
_MEET_CUE_PREFIX = _MEET_STEMS + _CUES.prefixes("meet_stem_more")
_MEET_CUE_EXACT = _CUES.words("meeting_cue")
_NEG = _CUES.words("negation")
_NOT_PLANNED = _CUES.words("planning_word")
_SPEC_STRONG = _CUES.words("speculation_strong")
_SPEC = _CUES.words("speculation")
_CANCEL = _CUES.words("cancellation")
_FUTURE = _CUES.words("future")
_ONGOING = _CUES.words("ongoing")
_PAST = _CUES.words("past")
_TRAVEL_VERBS = _CUES.words("travel_verb")
_RECEIVE_PREFIX = _CUES.prefixes("reception_stem")
_MEET_MODAL = _CUES.words("meeting_modal")
_MEET_PAST = _CUES.words("meeting_past")
_REMOTE = _CUES.words("remote_participation")
_INVITE_VERB = _CUES.words("invitation_verb")
_ACCEPT = _CUES.words("acceptance")
_TRIP_END = _CUES.words("trip_end")
_ORIGIN = ("from", "aus")
_REFUSAL = _CUES.words("refusal")
_COMMENT = _CUES.words("comment")
_REPORTED_THAT = ("wonach", "dass", "that")
_AUX = ("ist", "sind", "hat", "haben", "has", "have", "is", "was", "war", "were", "waren")


def recent(start: str | None, pub: str | None, days: int = 2) -> bool:
    """A day at most ``days`` before publication: an arrival reported in the perfect is a trip under way.

    >>> recent("2024-05-13", "2024-05-15"), recent("2024-05-01", "2024-05-15"), recent("2024-05", "2024-05-15")
    (True, False, False)
    """
    if not start or not pub or len(start) != 10:
        return False
    try:
        gap = (date.fromisoformat(pub[:10]) - date.fromisoformat(start)).days
    except ValueError:
        return False
    return 0 <= gap <= days


def is_past(v, pub: str | None) -> bool:
    """A visit known to be over: a date before publication, or only past-tense reports."""
    if pub and v.start:
        last = v.end or v.start
        if len(last) == 10:
            return (date.fromisoformat(pub) - date.fromisoformat(last)).days > 7
        return last < pub[:len(last)]
    return bool(v.statuses) and set(v.statuses) == {"Completed"}


def doubtful(doc: Document, s: Sentence, tok: int) -> bool:
    """Denial or speculation about the event named at token ``tok``."""
    lo, hi = doc.clause(s, tok)
    if trigger_kind(doc.norms[tok]) == "expected" and any(w in ("was", "what") for w in doc.norms[max(lo, tok - 6):tok]) \
            and doc.tokens[tok - 1].text != "was":
        return True  # "Was Nordkorea von Russland erwartet", "what Tokyo expected": hopes, not an expected guest
    window = doc.norms[max(s.ti, tok - 4):min(s.tj, tok + 5)]
    if any(w in _NEG for w in window):
        return True
    if any(w in _REMOTE for w in doc.norms[lo:hi]):
        return True  # "per Video zugeschaltet", "attended virtually": taking part without travelling
    sent = doc.norms[s.ti:s.tj]
    if any(doc.norms[x] in _INVITE_VERB for x in range(max(s.ti, tok - 8), tok)) and not any(w in _ACCEPT for w in sent) \
            and not any(w in _TRAVEL_VERBS for w in sent):
        return True  # "lud ihn zu einem Besuch ein", "invited him to visit": an invitation, no trip (yet)
    if any(w in _SPEC_STRONG for w in doc.norms[lo:hi]):
        return True
    refused = [r for r in range(max(lo, tok - 6), min(hi, tok + 7)) if doc.norms[r] in _REFUSAL]
    if any(not any(w in _COMMENT for w in doc.norms[min(r, tok):max(r, tok)]) for r in refused):
        return True  # "refused to travel to Moscow", "lehnte eine Reise nach Moskau ab" (not "declined to comment on")
    cl = doc.norms[lo:hi]
    for i, w in enumerate(cl):  # "ist nicht geplant", "is not planned", "kein Besuch vorgesehen"
        if w in _NEG and any(x in _NOT_PLANNED for x in cl[i + 1:i + 4]):
            return True
    if lo > s.ti:  # "Spekulationen ausgelöst, Kishida könne ... reisen"
        plo, _ = doc.clause(s, lo - 1)
        pcl = doc.norms[plo:lo]
        if any(w in _SPEC_STRONG for w in pcl):
            return True
        if any(w in _NEG and any(x in _NOT_PLANNED for x in pcl[i + 1:i + 4]) for i, w in enumerate(pcl)):
            return True  # "hat keine Pläne, nach Japan zu reisen"
    if hi < s.tj and (doc.norms[hi] in ("which", "that", "die", "der", "das", "den", "was") or doc.norms[lo] in _REPORTED_THAT):
        # "an expected visit by Pompeo, which Washington has not yet confirmed"; "Berichte, wonach er reisen werde,
        # wurden dementiert": what the next clause says of a reported trip
        _, nhi = doc.clause(s, hi)
        ncl = doc.norms[hi:nhi]
        if any(w in _SPEC_STRONG for w in ncl) or any(
                w in _NEG and any(x in _NOT_PLANNED for x in ncl[i + 1:i + 5]) for i, w in enumerate(ncl)):
            return True
    near = doc.norms[max(s.ti, tok - 6):min(s.tj, tok + 2)]
    if any(w in _SPEC for w in near):
        return True
    # the modal "may" (lower case: not the month): "X may pay a visit to Y"
    return any(doc.tokens[k].text == "may" for k in range(max(lo, tok - 4), tok))


def tense_cues(doc: Document, s: Sentence) -> set:
    """Tense cues of a clause; a clause without any takes those of its whole sentence."""
    c = _cues(doc.norms[s.ti:s.tj])
    if not c - {"cancel"} and s.full:
        c |= _cues(doc.norms[s.full[0]:s.full[1]])
    return c


def trip_cues(doc: Document, s: Sentence, cues: set, triggers: list[tuple[int, str]]) -> set:
    """The cues of the trip told at ``triggers``: a trip word told as done ("arrived", "ist eingetroffen") is no
    plan whatever else the sentence plans; a cancellation in another clause of the sentence is of another event
    when the first trip word's clause has a tense of its own ("Biden visited Israel on Wednesday, although a
    planned summit in Amman was called off"; "abgesagt, jetzt ist er da: ... ist eingetroffen")."""
    if not triggers or not cues & {"cancel", "future"}:
        return cues
    first = min(k for k, _ in triggers)
    word = min(triggers, key=lambda t: (t[1] == "visit" and doc.norms[t[0]] in _AUX, t[0]))[0]  # "ist ... eingetroffen"
    w = doc.norms[word]
    if "future" in cues and (w in _PAST or w in _ONGOING and (w.endswith("ed") or any(
            x in _AUX for x in doc.norms[max(s.ti, word - 6):word]))):
        cues = cues - {"future"}  # "arrived on Monday and is expected to meet ...": the trip itself is told as done
    if "cancel" not in cues:
        return cues
    lo, hi = doc.clause(s, first)
    own = _cues(doc.norms[lo:hi])
    return cues if "cancel" in own or not own else cues - {"cancel"}


def _cues(ws: list[str]) -> set:
    c = set()
    sw = set(ws)
    if sw & _CANCEL or any(w in ("called", "calls", "call", "calling") and x == "off" for w, x in zip(ws, ws[1:])):
        c.add("cancel")  # "abgesagt", "called off"
    fut = sw & _FUTURE
    if fut and fut <= {"soll", "sollen", "solle"} and sw & {"haben", "sein"}:
        fut = set()  # "soll ... passiert haben": reported, not planned
    # German "will" (wants) with a trip is a plan as much as English "will" is the future
    if fut:
        c.add("future")
    if sw & _ONGOING and not (sw & {"hatte", "hatten", "had", "waren"} and not sw & {"ist", "is", "has", "hat", "sind"}):
        c.add("ongoing")
    if sw & _PAST:
        c.add("past")
    return c


def status_of(doc: Document, s: Sentence, start: str | None, end: str | None, cues: set) -> str:
    if "cancel" in cues:
        return "Cancelled"
    if doc.pub and start and end is None and "ongoing" in cues and "past" not in cues and "future" not in cues \
            and recent(start, doc.pub.isoformat()) and any(
                w in ("ist", "sind", "hat", "haben", "has", "have", "is", "are") for w in doc.norms[s.ti:s.tj]):
        return "Ongoing"  # "ist am Montag eingetroffen" in Wednesday's paper: still there
    if doc.pub and start:
        p = doc.pub.isoformat()
        last = end or start
        if last < p[:len(last)]:
            return "Completed"
        if start > p[:len(start)]:
            return "Announced"
    if "future" in cues:
        return "Announced"
    if "ongoing" in cues:
        return "Ongoing"
    if "past" in cues:
        return "Completed"
    return "Ongoing"


def planned_meeting(doc: Document, sent: int) -> bool:
    """Sentence ``sent`` tells of meetings only planned or expected ("will meet", "werde ... treffen",
    "talks are scheduled"): a modal or future word in the clause of a meeting word, and no meeting told as done."""
    return doc.cached(("planned", sent), lambda: _planned_meeting(doc, sent))


def _planned_meeting(doc: Document, sent: int) -> bool:
    s = doc.sentences[sent]
    words = [k for k in range(s.ti, s.tj) if doc.norms[k] in _MEET_CUE_EXACT or doc.norms[k].startswith(_MEET_CUE_PREFIX)
             or doc.norms[k].startswith(_RECEIVE_PREFIX) or trigger_kind(doc.norms[k]) == "host"]
    return bool(words) and not any(doc.norms[k] in _MEET_PAST for k in range(s.ti, s.tj)) and any(
        any(w in _MEET_MODAL for w in doc.norms[slice(*doc.clause(s, k))]) for k in words)


def meeting_as_purpose(doc: Document, sent: int) -> bool:
    """A trip under way whose sentence gives a meeting as its purpose ("eingetroffen, um ... mit Trump zu besprechen",
    "arrived to hold talks with", "came for talks with"): the meeting is still to come."""
    s = doc.sentences[sent]
    ws = doc.norms[s.ti:s.tj]
    for i, w in enumerate(ws):
        if w == "um" and "zu" in ws[i + 2:i + 14]:
            return True
        if w == "to" and ws[i + 1:i + 2] and ws[i + 1] in ("meet", "hold", "discuss", "talk", "confer"):
            return True
        if w in ("for", "zu", "zum", "fur") and any(x in _MEET_CUE_EXACT for x in ws[i + 1:i + 4]):
            return True
    return False


def _told_over(doc: Document, v) -> bool:
    """Does a sentence of visit ``v`` tell that the trip has ended ("ended", "zurückgekehrt"), or that the
    traveller came from its host ("arrived in Moscow from Kazakhstan", "aus Moskau nach Afghanistan gekommen")?"""
    for i, _ in v.sentences:
        s = doc.sentences[i]
        if any(w in _TRIP_END for w in doc.norms[s.ti:s.tj]):
            return True
        if any(m.kind in ("State", "Place") and m.i > s.ti and doc.norms[m.i - 1] in _ORIGIN and v.host in (
                m.key, doc.lex.info[m.key].state if m.key in doc.lex.info else None) for m in s.mentions):
            return True
    return False


def visit_status(v, pub: str | None, visits=(), doc: Document | None = None) -> str:
    """The one status of a whole visit: its dates against the publication day, else what its sentences said.
    A trip begun in the last days is under way, however its arrival was told ("arrived on Sunday for a
    three-day visit"), unless a leg elsewhere has begun since (among ``visits``) or its sentences in ``doc``
    tell it is over ("ended", "zurückgekehrt")."""
    sts = set(v.statuses)
    if "Cancelled" in sts:
        return "Cancelled"
    if pub and v.start and v.end is None and v.statuses[:1] == ["Ongoing"] and recent(v.start, pub):
        return "Ongoing"
    if pub and v.start and (v.end is None or v.end >= pub) and "Completed" in sts and recent(v.start, pub) and \
            not any(o.sentences and o.traveller == v.traveller and o.host != v.host and o.start and len(o.start) == 10
                    and v.start < o.start <= pub for o in visits) and not (doc and _told_over(doc, v)):
        return "Ongoing"
    if pub and v.start:
        last = v.end or v.start
        if last < pub[:len(last)]:
            return "Completed"
        if v.start > pub[:len(v.start)]:
            return "Announced"
    if "Ongoing" in sts and ("Announced" not in sts or v.statuses[0] == "Ongoing"):
        return "Ongoing"
    if "Announced" in sts:
        return "Announced"
    if "Ongoing" in sts:
        return "Ongoing"
    return "Completed" if sts else "Ongoing"
