"""Visits, delegations, meetings and summits from sentences with resolved mentions.

Each sentence is read once, left to right. A visit needs a trigger (reisen, Besuch,
eingetroffen, visit, arrived ...), a traveller (the grammatical subject, a genitive
"Kims Besuch", the guest of "empfing", or the person the article is about when a pronoun
stands in) and a destination (the foreign state or place nearest the trigger, preferably
after "nach / in / to"). Sentences without a destination add dates, transport, delegation
members and meetings to the traveller's current visit. Denials and speculation near the
trigger ("nicht geplant", "Spekulationen") produce nothing. Mentions of one trip are merged
when traveller, host and dates agree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from kg.extract import dates as dates_mod
from kg.extract.cues import load_cues
from kg.extract.entities import DETERMINERS, MODIFIERS, PERSON_CUE_SUFFIXES, Doc, Mention, Mentions, TitleMention
from kg.extract.lexicon import Lexicon

# ---------------------------------------------------------------- cue words (data: kg/extract/lang/<language>/*.yaml)
_CUES = load_cues()
_VISIT_NOUNS = _CUES.words("visit_noun")
_WAS = _CUES.words("was_verb")
_PAST_MARKERS = _CUES.words("past_marker")
_PRONOUNS = _CUES.words("pronoun")
_INVITE = _CUES.words("invitation")
_LEAD = _CUES.words("leading")
_ACCOMP = _CUES.prefixes("accompany_stem")
_MEET_WORDS = _CUES.words("meeting_link")
_MEET_STEMS = _CUES.prefixes("meet_stem")
_MEET_CUE_PREFIX = _MEET_STEMS + _CUES.prefixes("meet_stem_more")
_MEET_CUE_EXACT = _CUES.words("meeting_cue")
_SUMMIT_CUES = _CUES.words("summit_cue")
_NEG = _CUES.words("negation")
_NOT_PLANNED = _CUES.words("planning_word")
_SPEC_STRONG = _CUES.words("speculation_strong")
_SPEC = _CUES.words("speculation")
_CANCEL = _CUES.words("cancellation")
_FUTURE = _CUES.words("future")
_ONGOING = _CUES.words("ongoing")
_PAST = _CUES.words("past")
_ORIGIN = _CUES.words("origin_preposition")
_DIR = _CUES.words("direction_preposition")
_SINCE = _CUES.words("time_relation")
_TRAIN = _CUES.words("transport_train")
_AIR = _CUES.words("transport_air")
_SHIP = _CUES.words("transport_ship")
_CAR = _CUES.words("transport_car")
_PRESENT_TRAVEL = _CUES.words("present_travel")
_SPEAK = _CUES.words("speech")
_REPORT = _CUES.words("report")  # verbs of a clause that only reports
_REPORT_ANY = frozenset(_SPEAK | _REPORT)
_ACCOMP_FIRST = _CUES.prefixes("companion_cue_stem")
_TRAVEL_VERBS = _CUES.words("travel_verb")
# first words of the multi-word trip cues tested in Reader.read (a fast path skips every other token)
_PHRASAL_FIRST = _CUES.words("phrasal_first")
_WITH_HIM = _CUES.words("companion_pronoun")
_RECEIVE_PREFIX = _CUES.prefixes("reception_stem")
_DEFINITE = frozenset({"der", "die", "das", "den", "dem", "des", "the", "this", "that", "diese", "dieser", "diesem", "diesen",
                       "dieses", "his", "her", "their", "its", "sein", "seine", "seinem", "seinen", "seiner", "seines", "ihr",
                       "ihre", "ihrem", "ihren", "ihrer", "ihres"})
_MEET_MODAL = _CUES.words("meeting_modal")
_MEET_PAST = _CUES.words("meeting_past")
_ATTEND = _CUES.words("attendance")
_REMOTE = _CUES.words("remote_participation")
_INVITE_VERB = _CUES.words("invitation_verb")
_ACCEPT = _CUES.words("acceptance")
_CLAUSE_RE = re.compile(r"[,;:–—()\[\]]|\b(?:dass|that|ob|whether|but|aber|jedoch|while|während|obwohl|although)\b")


_KINDS: dict[str, str | None] = {}


def trigger_kind(w: str) -> str | None:
    """Kind of trip word: visit, arrive, depart, depart_from, host, expected (None if none)."""
    kind = _KINDS.get(w, 0)
    if kind == 0:
        hit = _CUES.trigger(w)
        kind = hit[0] if hit else None
        if len(_KINDS) < 200_000:
            _KINDS[w] = kind
    return kind


def trigger_rule(w: str) -> str | None:
    """Id of the rule that makes ``w`` a trip word."""
    hit = _CUES.trigger(w)
    return hit[1] if hit else None


def visit_kind(norms: list[str]) -> str | None:
    joined = " ".join(norms)
    if "staatsbesuch" in joined or "state visit" in joined:
        return "StateVisit"
    if "arbeitsbesuch" in joined or "working visit" in joined or "arbeitsreise" in joined:
        return "WorkingVisit"
    if re.search(r"offizielle[nmrs]? (besuch|staatsbesuch|reise|visite)|official visit", joined):
        return "OfficialVisit"
    return None


def transport_of(norms: list[str]) -> str | None:
    s = set(norms)
    if s & _TRAIN:
        return "Train"
    if s & _SHIP:
        return "Ship"
    if s & (_AIR - {"airport", "flughafen", "landete", "gelandet", "landed", "maschine", "air"}):
        return "Aircraft"
    if s & _CAR:
        return "Car"
    return None


# ---------------------------------------------------------------- data
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


@dataclass
class Sentence:
    idx: int
    start: int
    end: int
    ti: int
    tj: int
    mentions: list[Mention]
    full: tuple[int, int] | None = None  # token range of the whole sentence when this is one clause of it


_EVENT_NOUNS = _CUES.suffixes("event_noun_ending")


def _event_noun(w: str) -> bool:
    return w.endswith(_EVENT_NOUNS)


def _days_apart(a: str | None, b: str | None, b_end: str | None, limit: int) -> bool:
    """Two day-precision dates of one trip: at most ``limit`` days between ``a`` and the span b..b_end."""
    if not a or not b or len(a) != 10 or len(b) != 10:
        return False
    da = date.fromisoformat(a)
    lo = date.fromisoformat(b)
    hi = date.fromisoformat(b_end) if b_end and len(b_end) == 10 else lo
    return (lo - da).days <= limit and (da - hi).days <= limit


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


def _is_past(v, pub: str | None) -> bool:
    """A visit known to be over: a date before publication, or only past-tense reports."""
    if pub and v.start:
        last = v.end or v.start
        if len(last) == 10:
            return (date.fromisoformat(pub) - date.fromisoformat(last)).days > 7
        return last < pub[:len(last)]
    return bool(v.statuses) and set(v.statuses) == {"Completed"}


# ---------------------------------------------------------------- helpers
class Reader:
    """Reads the sentences of one article in order; holds the discourse context."""

    def __init__(self, doc: Doc, ms: Mentions, lex: Lexicon, published: date | None, leaders: set[str],
                 citizenship: dict[str, str]) -> None:
        self.doc, self.ms, self.lex, self.pub = doc, ms, lex, published
        self.norms = [t.norm for t in doc.tokens]
        self.leaders = leaders
        self.citizen = citizenship
        self.title_tokens: dict[int, TitleMention] = {}
        for t in ms.titles:
            for k in range(t.i, t.j):
                self.title_tokens[k] = t
        self.visits: list[VisitAcc] = []
        self.summits: list[SummitAcc] = []
        self.focus: str | None = None
        self.last_visits: dict[str, list[int]] = {}  # traveller -> visit indexes of the latest visit sentence
        self.teasers_from = 1 << 62  # char offset where related-article teasers begin
        self.prev_dates: list[tuple[str, str | None, int]] = []
        self._date_cache: dict = {}
        self.prev_places: list[tuple[str, str | None]] = []
        self.touched: str | None = None  # traveller whose visit the current sentence added to
        self.last_was_delegation = False
        self._accomp_cache: dict = {}
        self._roles_cache: dict = {}
        self.framed: list[int] = []
        self.met_dates: dict[tuple[int, str], str] = {}  # (visit, person) -> day of the meeting
        self.pending: list[VisitMention] = []  # delegations named before their traveller's first trip
        self.lang: str | None = None  # "de" / "en" of the article, as extract() decided it
        self.sentences: list[Sentence] = []
        self._planned: dict[int, bool] = {}
        self.rules_at: dict[int, list[str]] = {}  # sentence -> ids of the trigger rules that fired in it

    # ---- small utilities
    def phrase_start(self, m: Mention, lo: int) -> int:
        k = m.i
        by_end = self._by_end
        while k > lo:
            t = self.title_tokens.get(k - 1)
            if t:
                k = t.i
                continue
            prev = by_end.get(k)
            if prev and prev.kind == "State" and (prev.form == "adj" or prev.genitive):
                k = prev.i
                continue
            if self.norms[k - 1] in DETERMINERS or self.norms[k - 1] in MODIFIERS or \
                    (self.norms[k - 1] == "s" and self.doc.text[self.doc.tokens[k - 1].start - 1:self.doc.tokens[k - 1].start] in "'’"):
                k -= 1
                continue
            break
        return k

    def clause(self, s: Sentence, tok: int) -> tuple[int, int]:
        """Token range of the clause around token ``tok``."""
        text = self.doc.text
        a, b = self.doc.tokens[tok].start, self.doc.tokens[tok].end
        lo, hi = s.start, s.end
        for m in _CLAUSE_RE.finditer(text, s.start, a):
            lo = m.start()
        m = _CLAUSE_RE.search(text, b, s.end)
        if m:
            hi = m.start()
        ti = self.doc.token_at(lo)
        tj = self.doc.token_at(hi)
        return max(ti, s.ti), min(max(tj, tok + 1), s.tj)

    def _report_place(self, s: Sentence, m: Mention, triggers) -> bool:
        """``m`` sits in a clause that only reports (a speech verb, no trip word) while the trips are told elsewhere."""
        if _REPORT_ANY.isdisjoint(self.norms[s.ti:s.tj]):
            return False
        lo, hi = self.clause(s, m.i)
        if any(lo <= k2 < hi for k2, _ in triggers):
            return False
        return not _REPORT_ANY.isdisjoint(self.norms[lo:hi])

    def doubtful(self, s: Sentence, tok: int) -> bool:
        """Denial or speculation about the event named at token ``tok``."""
        lo, hi = self.clause(s, tok)
        if trigger_kind(self.norms[tok]) == "expected" and any(w in ("was", "what") for w in self.norms[max(lo, tok - 6):tok]) \
                and self.doc.tokens[tok - 1].text != "was":
            return True  # "Was Nordkorea von Russland erwartet", "what Tokyo expected": hopes, not an expected guest
        window = self.norms[max(s.ti, tok - 4):min(s.tj, tok + 5)]
        if any(w in _NEG for w in window):
            return True
        if any(w in _REMOTE for w in self.norms[lo:hi]):
            return True  # "per Video zugeschaltet", "attended virtually": taking part without travelling
        sent = self.norms[s.ti:s.tj]
        if any(self.norms[x] in _INVITE_VERB for x in range(max(s.ti, tok - 8), tok)) and not any(w in _ACCEPT for w in sent) \
                and not any(w in _TRAVEL_VERBS for w in sent):
            return True  # "lud ihn zu einem Besuch ein", "invited him to visit": an invitation, no trip (yet)
        if any(w in _SPEC_STRONG for w in self.norms[lo:hi]):
            return True
        cl = self.norms[lo:hi]
        for i, w in enumerate(cl):  # "ist nicht geplant", "is not planned", "kein Besuch vorgesehen"
            if w in _NEG and any(x in _NOT_PLANNED for x in cl[i + 1:i + 4]):
                return True
        if lo > s.ti:  # "Spekulationen ausgelöst, Kishida könne ... reisen"
            plo, _ = self.clause(s, lo - 1)
            pcl = self.norms[plo:lo]
            if any(w in _SPEC_STRONG for w in pcl):
                return True
            if any(w in _NEG and any(x in _NOT_PLANNED for x in pcl[i + 1:i + 4]) for i, w in enumerate(pcl)):
                return True  # "hat keine Pläne, nach Japan zu reisen"
        if hi < s.tj and self.norms[hi] in ("which", "that", "die", "der", "das", "den", "was", "was"):
            _, nhi = self.clause(s, hi)  # "an expected visit by Pompeo, which Washington has not yet confirmed"
            ncl = self.norms[hi:nhi]
            if any(w in _SPEC_STRONG for w in ncl) or any(
                    w in _NEG and any(x in _NOT_PLANNED for x in ncl[i + 1:i + 5]) for i, w in enumerate(ncl)):
                return True
        near = self.norms[max(s.ti, tok - 6):min(s.tj, tok + 2)]
        if any(w in _SPEC for w in near):
            return True
        # the modal "may" (lower case: not the month): "X may pay a visit to Y"
        return any(self.doc.tokens[k].text == "may" for k in range(max(lo, tok - 4), tok))

    def state_of(self, key: str) -> str | None:
        info = self.lex.info.get(key)
        if info is None:
            return self.citizen.get(key)
        return info.state

    def sentence_dates(self, s: Sentence, future: bool) -> list[tuple[str, str | None, int]]:
        """(start, end, token) of dates that can date an event (no report dates, no "seit")."""
        ck = (s.start, s.end, future)
        hit = self._date_cache.get(ck)
        if hit is not None:
            return hit
        text = self.doc.text[s.start:s.end]
        out = []
        pub = self.pub if s.start < self.teasers_from else None
        firsts = dates_mod.FIRST_WORDS
        starts = [self.doc.tokens[k].start - s.start for k in range(s.ti, s.tj)
                  if self.norms[k] in firsts or self.norms[k][:1].isdigit()]
        ends: list[int] = []  # token after each date in ``out``
        for d in dates_mod.find(text, pub, future, starts):
            if pub is None and d.relative:
                continue
            ti = self.doc.token_at(s.start + d.start)
            tj = self.doc.token_at(s.start + d.end)
            before = self.norms[max(s.ti, ti - 3):ti]
            after = self.norms[tj:min(s.tj, tj + 2)]
            if before and (before[-1] in _REPORT or (len(before) > 1 and before[-2] in _REPORT and before[-1] in ("am", "on"))):
                continue
            if after and d.value[1] is None and (after[0] in ("bekannt", "mitteilte", "berichtete", "bestatigte") or (
                    after[0] == "mit" and self.doc.text[self.doc.tokens[tj].end:self.doc.tokens[tj].end + 1] in (",", ".", ";", ""))):
                continue  # "teilte am Freitag mit, dass": the report's date
            wider = self.norms[max(s.ti, ti - 6):ti]
            since_far = any(w in ("seit", "since") for w in wider) and not any(trigger_kind(w) for w in wider)
            if out and d.value[1] is None and out[-1][1] is None and len(out[-1][0]) == 10 and len(d.value[0]) == 10 \
                    and out[-1][0] < d.value[0] and ends and \
                    all(w in ("bis", "zum", "to", "until", "through", "and", "und") for w in self.norms[ends[-1]:ti]) and \
                    self.norms[ends[-1]:ti] and self.norms[max(s.ti, out[-1][2] - 1):out[-1][2]] in (
                        ["von"], ["vom"], ["from"], ["between"], ["zwischen"]):
                out[-1] = (out[-1][0], d.value[0], out[-1][2])  # "von Dienstag bis Donnerstag": one stay
                ends[-1] = tj
                continue
            when_clause = tj < s.tj and self.norms[tj] in ("als", "when") and \
                "," in self.doc.text[self.doc.tokens[tj - 1].end:self.doc.tokens[tj].start]
            if d.value[1] is None and (any(w in _SINCE for w in before[-2:]) or since_far) and not (
                    before and before[-1] in ("von", "vom", "from") and self.norms[tj:tj + 1] in (["bis"], ["to"], ["until"])) \
                    and not when_clause:  # "seit 2019, als Merkel Neu-Delhi besuchte": the date of that visit
                continue
            out.append((d.value[0], d.value[1], ti))
            ends.append(tj)
        self._date_cache[ck] = out
        return out

    def status(self, s: Sentence, start: str | None, end: str | None, cues: set) -> str:
        if "cancel" in cues:
            return "Cancelled"
        if self.pub and start and end is None and "ongoing" in cues and "past" not in cues and "future" not in cues \
                and recent(start, self.pub.isoformat()) and any(
                    w in ("ist", "sind", "hat", "haben", "has", "have", "is", "are") for w in self.norms[s.ti:s.tj]):
            return "Ongoing"  # "ist am Montag eingetroffen" in Wednesday's paper: still there
        if self.pub and start:
            p = self.pub.isoformat()
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

    def cues(self, s: Sentence) -> set:
        """Tense cues of a clause; a clause without any takes those of its whole sentence."""
        c = self._cues(self.norms[s.ti:s.tj])
        if not c - {"cancel"} and s.full:
            c |= self._cues(self.norms[s.full[0]:s.full[1]])
        return c

    def _cues(self, ws: list[str]) -> set:
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

    @staticmethod
    def _english(ws: list[str]) -> bool:
        return sum(w in ("the", "and", "of", "to", "is", "was", "has", "will", "for") for w in ws) >= 2

    # ---- the main loop
    def run(self, sentences: list[Sentence]) -> None:
        by_end = {}
        for m in self.ms.mentions:
            by_end[m.j] = m
        self._by_end = by_end
        self._mention_tokens = {k for m in self.ms.mentions for k in range(m.i, m.j)}
        self.sentences = sentences
        for idx, s in enumerate(sentences):
            nxt = sentences[idx + 1] if idx + 1 < len(sentences) else None
            for seg in self.segments(s):
                self.read(seg, nxt)
            self.prev_dates = self.sentence_dates(s, False)
            self.prev_places = [(m.key if m.kind == "State" else self.lex.info[m.key].state, m.key if m.kind == "Place" else None)
                                for m in s.mentions if m.kind in ("State", "Place") and m.form != "adj"]

    def segments(self, s: Sentence) -> list[Sentence]:
        """Split a sentence that reports several trips in separate clauses ("..., bei denen A X besuchte und B nach Y reiste")."""
        if sum(1 for k in range(s.ti, s.tj) if self._trip_word(k)) < 2:
            return [s]
        cuts = [s.ti]
        text = self.doc.text
        for k in range(s.ti + 1, s.tj):
            w = self.norms[k]
            gap = text[self.doc.tokens[k - 1].end:self.doc.tokens[k].start]
            if any(c in gap for c in ",;:–—") or w in ("und", "and", "sowie", "while", "wahrend", "als", "since", "seit",
                                                        "nachdem", "after", "bevor", "before", "when", "wo", "where"):
                cuts.append(k)
        if len(cuts) == 1:
            return [s]
        cuts.append(s.tj)
        clauses = [(cuts[i], cuts[i + 1]) for i in range(len(cuts) - 1)]
        has = [any(self._trip_word(k) for k in range(a, b)) for a, b in clauses]
        if sum(has) <= 1:
            return [s]
        groups: list[list[int]] = []
        cur: list[int] = []
        seen_trigger = False
        for (a, b), h in zip(clauses, has):
            if h and seen_trigger:
                groups.append(cur)
                cur, seen_trigger = [], False
            cur += [a, b]
            seen_trigger = seen_trigger or h
        groups.append(cur)
        out = []
        for g in groups:
            ti, tj = g[0], g[-1]
            start = self.doc.tokens[ti].start
            end = self.doc.tokens[tj - 1].end
            out.append(Sentence(s.idx, start, end, ti, tj, [m for m in s.mentions if ti <= m.i and m.j <= tj], (s.ti, s.tj)))
        return out

    def _place_at(self, k: int, s: Sentence) -> bool:
        """A place or state (not an adjective) starts at token k, possibly after an article."""
        for m in s.mentions:
            if m.i in (k, k + 1) and m.kind in ("Place", "State") and m.form != "adj":
                return m.i == k or self.norms[k] in DETERMINERS
        return False

    def _trip_word(self, k: int) -> bool:
        kd = trigger_kind(self.norms[k])
        return kd in ("visit", "arrive", "depart", "depart_from")

    def accomp_cue(self, s: Sentence) -> int | None:
        """Token where a delegation list starts ("begleitet von", "accompanied by", "joined by", "Delegation")."""
        key = (s.ti, s.tj)
        if key not in self._accomp_cache:
            self._accomp_cache[key] = self._accomp_cue(s)
        return self._accomp_cache[key]

    def _accomp_cue(self, s: Sentence) -> int | None:
        for k in range(s.ti, s.tj):
            if not self.norms[k].startswith(_ACCOMP_FIRST):
                continue
            w = self.norms[k]
            nx = self.norms[k + 1] if k + 1 < s.tj else ""
            nx5 = self.norms[k + 1:min(s.tj, k + 6)] + (self.norms[max(s.ti, k - 8):k] if w in ("begleitet", "accompanied") else [])
            if w == "dabei" and k > s.ti and self.norms[k - 1] == "mit":
                return k  # "Mit dabei waren Minister A und B"
            if w in ("reiste", "reisten", "reist", "reisen", "flog", "flogen", "fliegt", "fliegen", "kam", "kamen", "kommt") \
                    and nx == "mit" and (k + 2 >= s.tj or self.norms[k + 2] in ("nach", "in", "zu")):
                return k  # "Auch Außenministerin A reiste mit": separable mitreisen
            if w.startswith(("begleit", "accompan")) and self._object_is_traveller(k, s):
                return k  # "Ihn begleiten A und B", "A, der den Premier begleitet", "A accompanied him"
            if w in ("travelled", "traveled", "travelling", "traveling", "flew", "came", "reisten", "reiste", "reisen", "reist",
                     "flogen", "kamen", "mitgekommen", "travel", "fly") and nx in ("with", "mit") and k + 2 < s.tj and (
                    self.norms[k + 2] in _WITH_HIM or self._names_traveller(k + 2, s)):
                return k  # "A and B travelled with him", "A will travel with the prime minister": the people before the cue
            if w in _TRAVEL_VERBS | {"reisen", "travel", "fliegen"} and self.norms[s.ti] == "mit" and k - s.ti <= 8:
                return k  # "Mit nach Kiew und Moskau reisen A und B": the people after the cue
            if w in ("travelling", "traveling", "reisen", "reist", "dabei") and k > s.ti and self.norms[k - 1] in ("also", "auch", "ebenfalls"):
                return k  # "Also travelling are A and B", "Ebenfalls dabei ist A"
            if w in ("flew", "came", "flogen", "kamen", "mitgekommen", "dabei", "travelled", "traveled", "reisten", "reiste"):
                continue
            if w.startswith(("begleitung", "entourage", "mitgereist", "mitreisend")) or \
                    (w.startswith(("begleit", "accompan")) and any(x in ("von", "vom", "by") for x in nx5)) or \
                    (w == "joined" and nx == "by") or (w == "bord" and k > s.ti and self.norms[k - 1] in ("an", "on")) or (w in ("travelling", "traveling", "reisen", "reist") and nx in ("with", "mit")) \
                    or w.startswith("delegation") and not (k > s.ti and self.norms[k - 1] in ("eine", "a", "die", "the") and
                                                           k + 1 < s.tj and self.norms[k + 1] in ("unter", "led", "headed")):
                return k
        return None

    def membership(self, s: Sentence) -> bool:
        """ "part of the travelling delegation", "gehört zur Delegation", "Mitglieder der Delegation". """
        key = ("member", s.ti, s.tj)
        hit = self._accomp_cache.get(key)
        if hit is None:
            hit = self._accomp_cache[key] = self._membership(s)
        return hit

    def _membership(self, s: Sentence) -> bool:
        ws = self.norms[s.ti:s.tj]
        for k, w in enumerate(ws):
            if w.startswith("delegation"):
                before = ws[max(0, k - 4):k]
                if ("part" in before and "of" in before) or "teil" in before or any(
                        b.startswith(("gehor", "mitglied", "member", "zur", "angehor")) for b in before) or \
                        any(x.startswith(("gehor", "angehor")) for x in ws[k + 1:k + 3]):
                    return True
        return False

    def roles(self, s: Sentence) -> list[tuple[Mention, str, int]]:
        """(person mention, role, phrase start) for each person in the sentence (computed once per clause)."""
        key = (s.ti, s.tj)
        hit = self._roles_cache.get(key)
        if hit is None:
            hit = self._roles_cache[key] = self._roles(s)
        return list(hit)

    def _roles(self, s: Sentence) -> list[tuple[Mention, str, int]]:
        out = []
        sent_norms = self.norms[s.ti:s.tj]
        accomp = any(w.startswith(_ACCOMP) for w in sent_norms)
        cue = self.accomp_cue(s)
        member = self.membership(s)
        for m in s.mentions:
            if m.kind != "Person":
                continue
            ps = self.phrase_start(m, s.ti)
            prev = self.norms[max(s.ti, ps - 3):ps]
            prev6 = self.norms[max(s.ti, ps - 6):ps]
            nxt = self.norms[m.j:min(s.tj, m.j + 3)]
            role = "subject"
            if prev and (prev[-1] in _INVITE or (len(prev) > 1 and prev[-2] in _INVITE and prev[-1] in ("von", "des", "der", "of", "by", "from"))):
                role = "inviter"
            elif any(w in _LEAD for w in prev6) and any(w in ("von", "vom", "by", "of", "unter") for w in prev6):
                role = "leader"
            elif self._after_von(ps, s) and self._received_after(m, s):
                role = "met"  # "wurde er von Staatsminister A begrüßt", "von Xi empfangen"
            elif accomp and self._after_von(ps, s) and not self._received_after(m, s):
                role = "delegate"  # "von seinem Stellvertreter A begleitet", "accompanied by his wife, B"
            elif accomp and (any(w.startswith("begleitung") or w in ("accompanied", "including", "darunter", "samt")
                                 for w in prev) or (prev and prev[-1] in ("und", "and", "sowie") and out and out[-1][1] == "delegate")):
                role = "delegate"
            elif out and out[-1][1] == "delegate" and self._coordinated(out[-1][0], ps):
                role = "delegate"  # "with Foreign Minister A and Marshal B": the list goes on
            elif accomp and prev and prev[-1] in ("von", "vom") or (accomp and nxt and nxt[0].startswith("begleit") and prev and prev[-1] in ("von", "vom")):
                role = "delegate"
            elif any(w in ("empfing", "empfangt", "host", "hosts", "hosted", "hosting", "welcomed", "welcomes", "empfangen") for w in prev) \
                    and not any(w in ("ihn", "him", "her", "them", "sie") for w in prev) and prev[-1] not in ("by", "von", "vom"):
                role = "guest"  # not "was welcomed by Biden": the agent of a passive welcome is the host
            elif prev and prev[-1] in _SPEAK:
                role = "speaker"
            elif m.genitive and m.form not in ("adj",):
                after = [w for w in self.norms[m.j:min(s.tj, m.j + 6)] if w != "s"][:5]
                if any(trigger_kind(w) in ("visit", "arrive", "depart") and (w in _VISIT_NOUNS or w.endswith(("besuch", "reise", "besuchs", "visit"))) for w in after):
                    role = "traveller"
                else:
                    role = "possessor"
            elif len(prev) > 1 and prev[-1] in ("von", "vom", "by") and trigger_kind(prev[-2]) == "visit" and \
                    prev[-2] in _VISIT_NOUNS | {"besuchs", "reise", "staatsbesuch", "staatsbesuchs"}:
                role = "traveller"  # "der Besuch von Frankreichs Präsident Macron", "a visit by Blinken"
            elif prev and prev[-1] in ("by", "von", "vom") and any(
                    w.startswith(("greet", "begrusst", "welcom", "empfang", "received", "hosted", "met")) for w in prev6):
                role = "met"  # "was greeted on the tarmac by Kim Jong Un", "von Xi Jinping begrüßt"
            elif prev and prev[-1] in ("von", "vom", "from", "of", "des", "für", "fur", "for", "an", "to", "uber", "about"):
                role = "other"
            elif ps - 2 >= s.ti and self.norms[ps - 1] in ("mit", "with", "bei") and self.norms[ps] in ("dem", "der", "denen", "whom") \
                    and m.i > ps and "," in self.doc.text[self.doc.tokens[ps - 2].end:self.doc.tokens[ps - 1].start]:
                role = "subject"  # "Li Qiang, mit dem Scholz zusammenkam": a relative clause, its subject is Scholz
            elif prev and prev[-1] in ("traf", "trifft", "trafen", "empfing", "besuchte", "besucht") and ps - 1 > s.ti and \
                    not any(x.kind == "Person" and x.i < ps - 1 for x in s.mentions) and \
                    self.doc.tokens[s.ti].text[:1].isupper() and self.norms[s.ti] not in _PRONOUNS:
                role = "subject"  # German verb-second: "Vor der Weiterreise traf Kishida in Kiew Selenskyj"
            elif len(prev) >= 2 and prev[-1] == "treffen" and prev[-2] in DETERMINERS:
                role = "subject"  # "Vorbereitet hatte das Treffen Außenminister Fidan": the noun, not "meet X"
            elif prev and (prev[-1] in _MEET_WORDS or (len(prev) > 1 and prev[-2] in ("traf", "trifft", "met", "meet", "meets", "treffen"))):
                role = "met"
            if member and role in ("subject", "other"):
                role = "delegate"
            elif cue is not None and role == "subject" and ps < cue and self.norms[cue + 1:cue + 2] in (["with"], ["mit"]) \
                    and not self.norms[cue].startswith(("begleit", "accompan", "delegation")):
                role = "delegate"  # "A and B travelled with him", "Auch A reiste mit"
            elif cue is not None and role == "subject" and self.norms[cue].startswith(("begleit", "accompan")) and \
                    self._object_is_traveller(cue, s):
                role = "delegate"  # "A und B begleiten ihn", "Ihn begleiten A und B", "A, der den Premier begleitet"
            elif role == "met" and ps > s.ti and self.norms[ps - 1] in ("with", "mit") and self._travel_with(ps, s):
                role = "delegate"  # "arrived in Vladivostok with Foreign Minister A", "reiste mit Minister A nach Peking"
            elif cue is not None and role in ("subject", "other") and ps > cue and not (
                    ps - cue <= 3 and not any(w in ("von", "vom", "by") for w in self.norms[cue:ps])
                    and self.norms[cue].startswith("begleit") and not out):
                role = "delegate"  # "Begleitet wurde Biden von einem kleinen Kreis: A, B und C"
            out.append((m, role, ps))
        return out

    def _after_von(self, ps: int, s: Sentence) -> bool:
        """A "von / by" governs the name phrase at ``ps``: "von seinem Stellvertreter A", "by his wife, first lady B"."""
        k = ps - 1
        text = self.doc.text
        while k >= max(s.ti, ps - 5):
            w = self.norms[k]
            if w in ("von", "vom", "by", "durch"):
                return True
            tok = self.doc.tokens[k]
            if w in DETERMINERS or w in MODIFIERS or w.endswith(PERSON_CUE_SUFFIXES) or \
                    (tok.text[:1].isupper() and k not in self._mention_tokens):
                k -= 1
                continue
            return False
        return False

    def _names_traveller(self, k: int, s: Sentence) -> bool:
        """Token ``k`` starts a reference to the traveller in focus: a bare title ("the prime minister") or their name."""
        if self.norms[k] in ("the", "dem", "der", "den") and k + 1 in self.title_tokens and self.title_tokens[k + 1].person is None:
            return True
        travellers = {v.traveller for v in self.visits} | {self.focus}
        return any(m.kind == "Person" and m.key in travellers and self.phrase_start(m, s.ti) == k for m in s.mentions)

    def _object_is_traveller(self, k: int, s: Sentence) -> bool:
        """The accompanying verb at ``k`` (active, no "von / by") has the traveller as object: a pronoun or a bare title."""
        if self.norms[k + 1:k + 2] in (["von"], ["vom"], ["by"]) or not self.norms[k].endswith("ing") and any(
                self.norms[x] in ("wurde", "wurden", "wird", "werden", "was", "were", "is", "are") for x in range(max(s.ti, k - 6), k)):
            return False  # passive: "wurde von A begleitet", "was accompanied by"
        if self.norms[k - 1:k] in (["ihn"], ["sie"], ["him"], ["her"]) or self.norms[k + 1:k + 2] in (["ihn"], ["him"], ["her"]):
            return True
        for x in range(max(s.ti, k - 6), min(s.tj, k + 3)):
            if self.norms[x] in ("den", "die", "the") and x + 1 in self.title_tokens and x + 1 not in self._mention_tokens \
                    and self.title_tokens[x + 1].person is None:
                return True  # "der den Premier auf der Reise begleitet"
        return False

    def _coordinated(self, before: Mention, ps: int) -> bool:
        """The name phrase at ``ps`` follows ``before`` after "und / and / sowie" (titles outside the lexicon allowed)."""
        k = ps - 1
        while k > before.j and k - ps > -4 and self.doc.tokens[k].text[:1].isupper() and k not in self._mention_tokens:
            k -= 1  # "and Marshal Pak Jong Chon"
        return k - before.j <= 1 and k >= before.j and self.norms[k] in ("und", "and", "sowie")

    def _travel_with(self, ps: int, s: Sentence) -> bool:
        """The "with / mit" before ``ps`` belongs to a verb of travelling, not to a meeting ("talks with")."""
        lo, hi = self.clause(s, ps)
        if any(w == "zusammen" or w.startswith(("zusammengekommen", "zusammengetroffen")) for w in self.norms[ps:hi]):
            return False  # "kam mit Li Qiang zusammen"
        for k in range(ps - 2, max(s.ti, ps - 12) - 1, -1):
            w = self.norms[k]
            if w in _MEET_CUE_EXACT or w.startswith(_MEET_CUE_PREFIX) or w in ("sat", "sprach", "spoke", "telefonierte"):
                return False
            if w in _TRAVEL_VERBS:
                return True
        return False

    def _received_after(self, m: Mention, s: Sentence) -> bool:
        """The verb after the name is one of receiving ("von Xi empfangen und von A begleitet"): a host, not a member."""
        for k in range(m.j, min(s.tj, m.j + 4)):
            w = self.norms[k]
            if w.startswith(_RECEIVE_PREFIX):
                return True
            if w.startswith(("begleit", "accompan")) or w in ("und", "and", ",", "sowie"):
                return False
        return False

    def read(self, s: Sentence, nxt: Sentence | None) -> None:
        norms = self.norms[s.ti:s.tj]
        triggers = []
        for k in range(s.ti, s.tj):
            kind = trigger_kind(self.norms[k])
            if kind:
                triggers.append((k, kind))
            elif self.norms[k] not in _PHRASAL_FIRST:
                continue
            elif self.norms[k] in _WAS and (any(w in _PAST_MARKERS or (len(w) == 4 and w.isdigit()) for w in norms)
                                             or self.sentence_dates(s, False)):
                triggers.append((k, "was"))
            elif self.norms[k] in ("grenze", "demarkationslinie") and any(w.startswith(("passiert", "uberquert", "uberschritt")) for w in norms):
                triggers.append((k, "border"))
            elif self.norms[k] in ("crossed", "crosses") and "border" in norms:
                triggers.append((k, "border"))
            elif self.norms[k] in ("traf", "trifft", "trafen", "kam", "kamen", "kommt") and "ein" in self.norms[k + 1:s.tj] \
                    and self.norms[s.tj - 1] == "ein":
                triggers.append((k, "arrive"))
            elif self.norms[k] in ("zusammengetroffen", "zusammengekommen", "zusammentreffen", "gesprochen", "getroffen") \
                    and self.pub is not None and not any(len(d[0]) < 10 and d[0] < self.pub.isoformat()[:len(d[0])]
                                                         for d in self.sentence_dates(s, False)):
                # a meeting on a given recent day locates its guest; a year or month long ago is background
                triggers.append((k, "meet_at"))
            elif self.norms[k] in ("ist", "is", "befindet", "halt", "weilt", "be") and any(
                    self.norms[x] in ("in", "im") and self._place_at(x + 1, s)
                    for x in range(k + 1, min(s.tj, k + (7 if self.norms[k] in ("halt", "befindet", "weilt") else 4)))):
                triggers.append((k, "visit"))
            elif self.norms[k] in ("touched", "touches", "touching") and k + 1 < s.tj and self.norms[k + 1] == "down":
                triggers.append((k, "arrive"))
            elif self.norms[k] in ("went", "goes", "go", "going", "gone") and k + 1 < s.tj and self.norms[k + 1] == "to" \
                    and self._place_at(k + 2, s):
                triggers.append((k, "visit"))  # "went to Tokyo" (not "went on to say")
            elif self.norms[k] in ("led", "leads", "leading", "fuhrte", "fuhrt", "anfuhrte") and any(
                    self.norms[x].startswith("delegation") and x + 1 < s.tj and self.norms[x + 1] in ("to", "nach", "in")
                    and (self._place_at(x + 2, s) or self.norms[x + 4:x + 5] in (["capital"], ["hauptstadt"]))
                    for x in range(k + 1, min(s.tj - 1, k + 5))):
                triggers.append((k, "visit"))  # "led a congressional delegation to Israel": the leader travelled
            elif self.norms[k] in ("set", "sets", "setting") and self.norms[k + 1:k + 3] == ["off", "for"]:
                triggers.append((k, "depart"))  # "set off for Tokyo"
            elif self.norms[k] in ("stopped", "stops", "stop", "stopping") and k + 1 < s.tj and \
                    self.norms[k + 1] in ("in", "at", "over") and (self._place_at(k + 2, s) or self.norms[k + 1] == "over"):
                triggers.append((k, "visit"))  # "stopped in Singapore on his way to Tokyo"
            elif self.norms[k] in ("crossed", "crosses", "crossing", "stepped", "steps", "stepping", "walked") and any(
                    self.norms[x] in ("into", "onto") and self._place_at(x + 1, s) for x in range(k + 1, min(s.tj, k + 7))):
                triggers.append((k, "arrive"))  # "crossed into North Korea", "stepped across the line into North Korea"
            elif self.norms[k] in ("set", "sets", "setting") and self.norms[k + 1:k + 2] == ["foot"] and any(
                    self.norms[x] in ("in", "on", "into") and self._place_at(x + 1, s) for x in range(k + 2, min(s.tj, k + 4))):
                triggers.append((k, "arrive"))  # "the first US president to set foot in North Korea"
            elif self.norms[k] == "gast" and k > s.ti and self.norms[k - 1] == "zu":
                triggers.append((k, "visit"))
            elif self.norms[k] in ("traf", "trafen", "trifft", "met", "meets") and any(
                    self.norms[x] in ("in", "im", "at") and self._place_at(x + 1, s) for x in range(k + 1, min(s.tj, k + 7))):
                triggers.append((k, "meet_at"))  # "traf in Kiew Präsident Selenskyj": where they met, the guest was
        if triggers:
            fired = self.rules_at.setdefault(s.idx, [])
            for k, kd in triggers:
                rid = trigger_rule(self.norms[k]) or f"phrase.{kd}.{self.norms[k]}"
                if rid not in fired:
                    fired.append(rid)
        roles = self.roles(s)
        if self.last_was_delegation and norms[:1] and norms[0] in ("dazu", "darunter", "among", "zu", "unter"):
            # "Dazu zählten VW-Chef Oliver Blume, ...": more members of the delegation just named
            roles = [(m, "delegate" if r in ("subject", "other") else r, ps) for m, r, ps in roles]
        meet_cue = any(w in _MEET_CUE_EXACT or (len(w) > 5 and w.startswith(_MEET_STEMS)) for w in norms) or \
            any(w in ("sat", "sits", "sit", "sitting") and x == "down" for w, x in zip(norms, norms[1:])) or \
            any(w.startswith(("begrusst", "begrust", "greeted", "welcomed", "abgeholt")) for w in norms)  # "sat down with", "von A begrüßt"
        continuation = self.last_was_delegation and norms[:1] and norms[0] in ("dazu", "darunter", "among", "zu", "unter", "ihr", "ihm")
        accomp = self.accomp_cue(s) is not None or self.membership(s) or bool(continuation)
        pron = [k for k in range(s.ti, s.tj) if self.norms[k] in _PRONOUNS]
        subjects = [(m, ps) for m, r, ps in roles if r == "subject"]
        strong = [(m, ps) for m, r, ps in roles if r in ("traveller", "guest")]
        leader = [m for m, r, _ in roles if r == "leader"]
        cues = self.cues(s)
        made: list[VisitMention] = []
        plural = [k for k, kd in triggers if self.norms[k] in ("reisen", "besuchen", "besuche", "visits", "trips", "reisen")]
        if plural and triggers:
            years = [d for d in self.sentence_dates(s, False) if len(d[0]) == 4 and d[1] is None]
            if len(years) >= 2:  # "nach Reisen in den Jahren 2004 und 2009": one trip a year
                self.year_list_visits(s, triggers, years, cues)
        self.framed = []
        if len(triggers) > 1:
            main = [(k, kd) for k, kd in triggers if not self._framed_at(k, s)]
            self.framed = [k for k, _ in triggers if (k, _) not in main] if main else []
            triggers = main or triggers
        if triggers and self.membership(s):
            triggers = []  # "X, also part of the travelling delegation": no trip of X's own
            accomp = True
        if triggers:
            t0 = triggers[0][0]
            live = [(k, kd) for k, kd in triggers if not self.doubtful(s, k)]
            if live:
                made = self.visit_mentions(s, live, roles, subjects, strong, leader, pron, cues, meet_cue, nxt)
                if made and self.framed:
                    self.earlier_legs(s, made)
                if made:
                    self.origin_legs(s, made)
        elif accomp or meet_cue or any(r == "inviter" for _, r, _ in roles):
            self.context_update(s, roles, subjects, pron, cues, meet_cue)
        self.sentence_summits(s, roles, norms, cues)
        self.last_was_delegation = accomp or any(r == "delegate" for _, r, _ in roles)
        if made:
            self.focus = made[0].traveller
        elif self.touched:
            self.focus = self.touched
        elif subjects and (self.focus is None or not any(v.traveller == self.focus for v in self.visits)):
            self.focus = subjects[0][0].key
        elif (sole := self._sole_traveller(s)) is not None:
            self.focus = sole  # "Yoon has invested in ties with Tokyo. Last month he ...": he is the one just named
        self.touched = None

    def _sole_traveller(self, s: Sentence) -> str | None:
        """The one person ``s`` names, when they already travel in this article: the topic a pronoun next refers to."""
        people = {m.key for m in s.mentions if m.kind == "Person"}
        if len(people) != 1:
            return None
        key = next(iter(people))
        return key if any(v.traveller == key for v in self.visits) else None

    def _framed_at(self, k: int, s: Sentence) -> bool:
        """The trip word at ``k`` is framed: "vor der Weiterreise", "nach seinem Besuch", "after a visit", "before leaving"."""
        frame = ("vor", "before", "nach", "after")
        if k - 1 >= s.ti and self.norms[k - 1] in frame and self.norms[k] not in _VISIT_NOUNS | {"weiterreise"}:
            return self.norms[k].endswith("ing")  # "after visiting", "before leaving"
        for back in (2, 3):
            j = k - back
            if j >= s.ti and self.norms[j] in frame and all(
                    self.norms[x] in DETERMINERS or self.norms[x] in MODIFIERS or not self.doc.tokens[x].text[:1].isupper()
                    for x in range(j + 1, k)) and not any(x in self._mention_tokens for x in range(j + 1, k)):
                return True  # not "nach Polen traf": there "nach" names where to
        return False

    def origin_legs(self, s: Sentence, made: list[VisitMention]) -> None:
        """ "flew to Cairo from Riyadh, where he had spent Wednesday as the guest of the king", "flew in from London
        after a day in which he met Sunak": a place the trip came from, with a stay told there, was the leg before."""
        text = self.doc.text
        for m in s.mentions:
            if m.kind not in ("State", "Place") or m.form == "adj" or m.i == s.ti or self.norms[m.i - 1] not in ("from", "aus"):
                continue
            st = m.key if m.kind == "State" else self.lex.info[m.key].state
            rest = self.norms[m.j:min(s.tj, m.j + 8)]
            told = "," in text[m.end:m.end + 3] and rest[:1] and rest[0] in ("where", "wo") or \
                any(rest[x:x + 3] in (["a", "day", "in"], ["einem", "tag", "an"]) for x in range(len(rest)))
            if not told or not st:
                continue
            lo, hi = m.j, min(s.tj, m.j + 25)
            dates = [d for d in self.sentence_dates(s, False) if lo <= d[2] < hi]
            for trav in dict.fromkeys(v.traveller for v in made):
                main = next(v for v in made if v.traveller == trav)
                if st in (self.state_of(trav), main.host):
                    continue
                start = dates[0][0] if dates else None
                self.add_visit(VisitMention(trav, st, "Completed" if main.status != "Announced" else "Announced", start, None,
                                            [m.key] if m.kind == "Place" else [], None, None, None, [], [], s.idx,
                                            main.confidence * 0.9, {"past"}))

    def earlier_legs(self, s: Sentence, made: list[VisitMention]) -> None:
        """ "Nach einem Besuch in Neu-Delhi reiste Kishida nach Kiew": the leg before is a visit of the same traveller."""
        for k in self.framed:
            after = any(self.norms[x] in ("nach", "after", "following") for x in range(max(s.ti, k - 3), k))
            before = any(self.norms[x] in ("vor", "before") for x in range(max(s.ti, k - 3), k))
            if not after and not (before and trigger_kind(self.norms[k]) in ("visit", "depart")):
                continue
            if self.doubtful(s, k):
                continue
            for m in s.mentions:
                if m.kind not in ("State", "Place") or m.form == "adj" or not 0 < m.i - k <= 3 or \
                        self.norms[m.i - 1] not in ("in", "im", "to", "nach"):
                    continue
                st = m.key if m.kind == "State" else self.lex.info[m.key].state
                for trav in dict.fromkeys(v.traveller for v in made):
                    if not st or st == self.state_of(trav) or any(v.host == st for v in made):
                        continue
                    main = next(v for v in made if v.traveller == trav)
                    if after:
                        status = "Announced" if main.status == "Announced" else "Completed"
                    else:  # "vor der Weiterreise nach Polen": the next leg is still to come when the main one is
                        status = "Announced" if main.status in ("Announced", "Ongoing") else "Completed"
                    self.add_visit(VisitMention(trav, st, status, None, None, [m.key] if m.kind == "Place" else [], None,
                                                None, None, [], [], s.idx, main.confidence * 0.9, {"past"}))
                break

    def year_list_visits(self, s, triggers, years, cues) -> None:
        roles = self.roles(s)
        subjects = [(m, ps) for m, r, ps in roles if r == "subject"]
        strong = [(m, ps) for m, r, ps in roles if r in ("traveller", "guest")]
        pron = [k for k in range(s.ti, s.tj) if self.norms[k] in _PRONOUNS]
        travellers, conf = self.pick_travellers(s, roles, subjects, strong, [], pron, None)
        for trav in travellers[:1]:
            hosts, places = self.destinations(s, triggers, self.state_of(trav))
            if not hosts:  # named in another clause of the sentence: "der dritte China-Besuch, nach Reisen 2004 und 2009"
                hosts = [v.host for v in self.visits if v.traveller == trav and any(sn == s.idx for sn, _ in v.sentences)]
            for h in hosts[:1]:
                for y, _, _ in years:
                    vm = VisitMention(trav, h, self.status(s, y, None, {"past"}), y, None, [], None, None, None, [], [],
                                      s.idx, conf * 0.9, {"past"})
                    vm.historical = True
                    self.add_visit(vm)

    def pick_travellers(self, s, roles, subjects, strong, leader, pron, nxt) -> tuple[list[str], float]:
        if strong:
            return [m.key for m, _ in strong[:1]] + [m.key for m, _ in strong[1:] if True], 0.85
        if subjects:
            first_subj_tok = subjects[0][1]
            if pron and pron[0] < first_subj_tok and self.focus and self.norms[pron[0]] in ("er", "sie", "he", "she"):
                return [self.focus], 0.7
            out = [subjects[0][0].key]
            # coordinated subjects: "Lukaschenko und Pezeshkian"
            last = subjects[0][0]
            for m, ps in subjects[1:]:
                gap = self.norms[last.j:ps]
                if gap and all(w in ("und", "and", "sowie", "darunter") for w in gap):
                    out.append(m.key)
                    last = m
                else:
                    break
            return out, 0.85
        if leader:
            return [leader[0].key], 0.8
        if nxt is not None and any(w.startswith("delegation") for w in self.norms[s.ti:s.tj]):
            for m, r, _ in self.roles(nxt):
                if r == "leader":
                    return [m.key], 0.7
        if self.focus and (pron or True):
            return [self.focus], 0.6
        return [], 0.0

    def _came_from(self, s: Sentence) -> bool:
        """The sentence names where the trip came from ("from Riyadh, where ..."): its relative clause tells of that leg."""
        return any(m.kind in ("State", "Place") and m.i > s.ti and self.norms[m.i - 1] in ("from", "aus") for m in s.mentions)

    def _arrived_now(self, s: Sentence, triggers) -> bool:
        """An undated arrival told in the present perfect or present ("has arrived", "ist eingetroffen", "arrives"): today's news."""
        for k, kd in triggers:
            if kd != "arrive":
                continue
            w = self.norms[k]
            if w in ("arrives", "landet", "trifft"):
                return True
            before = self.norms[max(s.ti, k - 8):k]
            if w in ("arrived", "landed") and before and before[-1] in ("has", "have", "just"):
                return True
            if w in ("eingetroffen", "angekommen", "gelandet") and any(x in ("ist", "sind") for x in before) and \
                    not any(x in ("war", "waren", "hatte", "hatten") for x in before):
                return True
        return False

    def _in_relative_clause(self, s: Sentence, tok: int, triggers: list[int]) -> bool:
        """Token ``tok`` lies in a clause opened by ", where / wo / when / als / after which" that holds no trip word."""
        text = self.doc.text
        for k in range(tok - 1, s.ti - 1, -1):
            if k in triggers:
                return False
            if self.norms[k] in ("where", "wo", "when", "als", "nachdem", "after", "whereas", "wahrend") and k > s.ti and \
                    "," in text[self.doc.tokens[k - 1].end:self.doc.tokens[k].start]:
                return True
        return False

    def leg_dates(self, s: Sentence, own: str | None, future: bool) -> dict[str, tuple[str, str | None]]:
        """Each leg's own dates when a sentence lists destinations with a date after each
        ("Poland from 20 to 21 May and Lithuania from 22 to 23 May"): {host state: (start, end)}."""
        dts = self.sentence_dates(s, future)
        if len(dts) < 2:
            return {}
        dests = [m for m in s.mentions if m.kind in ("State", "Place") and m.form != "adj" and not m.genitive]
        dests = [(m, m.key if m.kind == "State" else self.lex.info[m.key].state) for m in dests]
        dests = [(m, st) for m, st in dests if st and st != own]
        for after in (True, False):  # "Poland from 20 to 21 May", "vom 20. bis 21. Mai nach Polen"
            legs: dict[str, tuple[str, str | None]] = {}
            for n, (m, st) in enumerate(dests):
                if after:
                    stop = dests[n + 1][0].i if n + 1 < len(dests) else s.tj
                    mine = [d for d in dts if m.j <= d[2] < stop and d[2] - m.j <= 6]
                else:
                    begin = dests[n - 1][0].j if n else s.ti
                    mine = [d for d in dts if begin <= d[2] < m.i and m.i - d[2] <= 10][-1:]
                if mine and st not in legs:
                    legs[st] = (mine[0][0], mine[0][1])
            if len(legs) >= 2 and len(set(legs.values())) == len(legs):
                return legs
        return {}

    def destinations(self, s: Sentence, triggers, own: str | None) -> tuple[list[str], list[str]]:
        """(host states, places) named as the destination near the trigger."""
        cands = []
        by_start = {m.i: m for m in s.mentions}
        # "the visit", "dem Besuch", "his trip": the event in focus; a place elsewhere in the sentence is no new destination
        anaphoric = bool(triggers) and all(kd == "visit" and self.norms[k] in _VISIT_NOUNS and k > s.ti
                                           and self.norms[k - 1] in _DEFINITE for k, kd in triggers) \
            and not any(m.kind == "Person" and k < m.i <= k + 4 for m in s.mentions for k, _ in triggers)  # "der Besuch von X"
        for m in s.mentions:
            if m.kind not in ("State", "Place") or m.form == "adj":
                continue
            if m.genitive and m.kind == "State":
                continue
            nxt_m = by_start.get(m.j)
            glued = nxt_m is not None and self.doc.text[m.end:nxt_m.start].strip(" -") == ""
            gap = self.doc.text[m.end:self.doc.tokens[m.j].start] if m.j < len(self.doc.tokens) else "."
            if (m.j in self.title_tokens and gap.strip(" -") == "" and (" " not in gap or m.genitive)) or \
                    (glued and nxt_m.kind == "Person"):
                continue  # "US-Präsident Trump", "Moskaus Botschafter": the place qualifies a person
            st = m.key if m.kind == "State" else self.lex.info[m.key].state
            if not st or st == own:
                continue
            k = m.i
            while k > s.ti and (self.norms[k - 1] in DETERMINERS or self.norms[k - 1] in MODIFIERS):
                k -= 1
            prev = self.norms[k - 1] if k > s.ti else ""
            for _ in range(4):  # skip an adjective ("im russischen Kosmodrom") or a coordinated name ("zwischen A und B")
                prev_m = self._by_end.get(k)
                if prev_m is not None and (prev_m.kind == "State" and prev_m.form == "adj"):
                    k = prev_m.i
                elif prev in ("und", "and", "sowie") and self._by_end.get(k - 1) is not None and \
                        self._by_end[k - 1].kind in ("State", "Place"):
                    k = self._by_end[k - 1].i
                else:
                    break
                while k > s.ti and (self.norms[k - 1] in DETERMINERS or self.norms[k - 1] in MODIFIERS):
                    k -= 1
                prev = self.norms[k - 1] if k > s.ti else ""
            if prev in _ORIGIN:
                continue
            if k - 2 >= s.ti and (self.norms[k - 2], prev) in (("grenze", "zu"), ("border", "with"), ("border", "to")):
                continue  # "besuchte die Grenze zu Mexiko": the border, seen from the traveller's side
            if prev in _DIR and k - 2 >= s.ti and self.norms[k - 2] in ("back", "zuruck", "heim", "home", "wieder"):
                continue  # "flew back to Brussels": going home
            if prev in ("in", "im", "at", "auf") and any(
                    t < m.i and self.norms[t] not in _ATTEND and any(_event_noun(w) for w in self.norms[t + 1:m.i])
                    for t, _ in triggers):
                continue  # "Reise fällt mit dem Gipfel in Südkorea zusammen": the summit's place, not the trip's
            if prev in ("in", "im", "at") and self._report_place(s, m, triggers):
                continue  # "In Paris hieß es, dass ...": where the words were said, not where the trip goes
            strong = prev in _DIR
            if any(0 < m.i - f <= 3 for f in self.framed):
                continue  # "vor der Weiterfahrt nach Kiew": where the next leg goes
            if all(kd == "was" for _, kd in triggers) and not (strong and any(m.i > k2 for k2, _ in triggers)):
                continue  # "war ... in Warschau": the place follows
            if all(kd in ("depart", "depart_from") for _, kd in triggers) and prev not in ("nach", "richtung", "to", "for", "zu", "zum", "zur", "into") \
                    and not any(self.norms[x] == "richtung" for x in range(max(s.ti, m.i - 3), m.i)):
                continue  # "kurz vor der Abreise": leaving says nothing about where to
            if all(kd == "meet_at" for _, kd in triggers) and not any(
                    w in ("in", "im", "at") for w in self.norms[max(s.ti, k - 4):k]):
                continue  # a meeting makes a visit only where it took place
            if anaphoric and not (strong and any(0 < m.i - k2 <= 6 for k2, _ in triggers)):
                continue  # "Beobachter in Seoul sehen in dem Besuch ...": only "the visit to X" names where it goes
            dist = min(abs(m.i - k2) for k2, _ in triggers)
            for k2, kd in triggers:
                if (kd == "visit" and m.i == k2 + 1) or m.j == k2:
                    strong = True  # object of "besuchte" / "Russland besuchen"
            if dist > 25:
                continue
            cands.append((dist + (0 if strong else 6), m, st))
        if not cands:
            return [], []
        cands.sort(key=lambda c: c[0])
        best = cands[0][1]
        chosen = [best]
        # coordinated destinations: "Russland und Belarus"
        ordered = sorted((c[1] for c in cands), key=lambda m: m.i)
        pos = ordered.index(best)
        for direction in (1, -1):
            p = pos
            while 0 <= p + direction < len(ordered):
                a, b = (ordered[p], ordered[p + direction]) if direction == 1 else (ordered[p + direction], ordered[p])
                gap = self.norms[a.j:b.i]
                if gap and all(w in ("und", "and", "sowie", "as", "well") for w in gap) or not gap:
                    chosen.append(ordered[p + direction])
                    p += direction
                else:
                    break
        hosts, places = [], []
        for m in chosen:
            st = m.key if m.kind == "State" else self.lex.info[m.key].state
            if st not in hosts:
                hosts.append(st)
            if m.kind == "Place" and m.key not in places:
                places.append(m.key)
        for _, m, st in cands:
            if m.kind == "Place" and st in hosts and m.key not in places:
                places.append(m.key)
        return hosts, places

    def visit_mentions(self, s, triggers, roles, subjects, strong, leader, pron, cues, meet_cue, nxt) -> list[VisitMention]:
        norms = self.norms[s.ti:s.tj]
        # "A begleitete B bei einem Besuch": B travels, A is in the delegation
        accompanier = None
        for k in range(s.ti, s.tj):
            w = self.norms[k]
            if w in ("begleitete", "begleiteten", "begleitet", "accompanied", "accompanies", "accompany", "begleitet") and \
                    not (k + 1 < s.tj and self.norms[k + 1] in ("by", "von", "vom")):
                before = [(m, ps) for m, r, ps in roles if m.j <= k and r == "subject"]
                after = [(m, ps) for m, r, ps in roles if m.i > k and r == "subject"]
                if w.startswith("begleitet") and any(r == "delegate" for _, r, _ in roles):
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
        if hostk and not strong and self.focus and any(
                self.norms[k] in ("ihn", "sie", "him", "her") or (self.norms[k] in ("den", "die", "the") and k + 1 in self.title_tokens
                                                                  and self.title_tokens[k + 1].person is None)
                for k in range(max(s.ti, hostk[0] - 8), min(s.tj, hostk[0] + 3))):
            travellers, conf = [self.focus], 0.7
            roles = [(m, "met" if r == "subject" else r, ps) for m, r, ps in roles]
            subjects = []
        else:
            travellers, conf = self.pick_travellers(s, roles, subjects, strong, leader, pron, nxt)
        if not travellers:
            return []
        fut = ("future" in cues and "past" not in cues) or ("past" not in cues and any(w in _PRESENT_TRAVEL for w in norms))
        dts = self.sentence_dates(s, fut)
        if not dts and any(w in ("damals", "then", "dabei") for w in norms[:4]) and self.prev_dates:
            dts = [(a, b, triggers[0][0]) for a, b, _ in self.prev_dates[:1]]
        if not dts and norms[:1] in (["als"], ["when"]) and s.full and s.full[0] < s.ti:
            # "seit 2019, als Merkel Neu-Delhi besuchte": the clause is dated by what precedes the comma
            head = self.doc.text[self.doc.tokens[s.full[0]].start:s.start]
            found = dates_mod.find(head, self.pub if s.start < self.teasers_from else None, False)
            if found and head[found[-1].end:].strip(" ,") == "" and not (self.pub is None and found[-1].relative):
                dts = [(found[-1].value[0], found[-1].value[1], triggers[0][0])]
        start = end = None
        tk = [k for k, _ in triggers]
        # near the trip word, a range, or fronted ("Im April waren A und B nach Kiew gereist")
        dts = [d for d in dts if min(abs(d[2] - k) for k in tk) <= 15 or d[1] is not None or d[2] - s.ti <= 2]
        # a date in a relative clause about another place or event (", where he had met Abe on 7 February",
        # ", wo er am Freitag ... teilnimmt") does not date this trip when the trip's own clause has a date or none is needed
        own = [d for d in dts if not self._in_relative_clause(s, d[2], tk)]
        if own or any(kd in ("arrive", "depart", "depart_from") for _, kd in triggers) or self._came_from(s):
            dts = own
        if dts:
            d = min(dts, key=lambda x: (x[1] is None, min(abs(x[2] - k) for k in tk)))
            start, end = d[0], d[1]
        today = not dts and self.pub is not None and s.start < self.teasers_from and self._arrived_now(s, triggers)
        if today:
            start = self.pub.isoformat()  # "has landed in Vilnius", "ist in Kiew eingetroffen": the news of the day
        inviter = next((m.key for m, r, _ in roles if r == "inviter"), None)
        delegates = [m.key for m, r, _ in roles if r == "delegate"]
        if accompanier is not None:
            delegates.append(accompanier.key)
        met = [m.key for m, r, _ in roles if r == "met"]
        meet_toks = [k for k in range(s.ti, s.tj) if self.norms[k] in _MEET_CUE_EXACT]
        live_meet = [k for k in meet_toks if not self.doubtful(s, k)]
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
            hosting = next((self.state_of(m.key) for m, r, _ in roles if r == "subject" and self.state_of(m.key)), None)
        for trav in travellers:
            own = self.state_of(trav)
            hosts, places = self.destinations(s, triggers, own)
            if not hosts:
                for m, r, ps in roles:
                    if r == "met" and ps > s.ti and self.norms[ps - 1] in ("bei", "beim", "with") and \
                            self.state_of(m.key) not in (None, own) and any(kd == "visit" for _, kd in triggers):
                        hosts, places = [self.state_of(m.key)], []
                        break
            if not hosts and any(w in ("dorthin", "dahin") for w in norms) and self.prev_places:
                st, pl = self.prev_places[-1]
                if st != own:
                    hosts, places = [st], ([pl] if pl else [])
            if hosting and hosting != own:
                places = [p for m in s.mentions if m.kind == "Place" and self.lex.info[m.key].state == hosting for p in [m.key]]
                hosts = [hosting]
            if not hosts:
                # no destination here: the sentence adds to the traveller's current visit
                vm = VisitMention(trav, "", "", start, end, [], transport, kind, inviter,
                                  [d for d in delegates if d != trav], [x for x in met if x != trav and x not in delegates],
                                  s.idx, conf, cues, augment=True)
                if start and any(kd == "arrive" for _, kd in triggers):
                    vm.rank = 2  # "landed at an air base on Monday": the arrival dates the trip under way
                self.augment(vm, s)
                continue
            legs = self.leg_dates(s, own, fut) if triggers else {}
            hosts += [h for h in legs if h not in hosts and h in [m.key if m.kind == "State" else self.lex.info[m.key].state
                                                                  for m in s.mentions if m.kind in ("State", "Place")]]
            for h in hosts:
                start, end = legs.get(h, (start, end))
                status = self.status(s, start, end, cues)
                vm = VisitMention(trav, h, status, start, end, [p for p in places if self.lex.info[p].state == h],
                                  transport, kind, inviter if inviter != trav else None,
                                  [d for d in delegates if d != trav], [x for x in met if x != trav and x not in delegates],
                                  s.idx, conf, cues)
                vm.rank = 0 if today else 2 if any(kd in ("arrive", "depart", "depart_from", "border") for _, kd in triggers) else 1
                vm.historical = status == "Completed" and (bool(set(norms) & _PAST_MARKERS) or bool(start))
                out.append(vm)
        idxs = [self.add_visit(vm) for vm in out]
        for vm, i in zip(out, idxs):
            self.last_visits.setdefault(vm.traveller, [])
        by_trav: dict[str, list[int]] = {}
        for vm, i in zip(out, idxs):
            by_trav.setdefault(vm.traveller, []).append(i)
        self.last_visits.update(by_trav)
        return out or ([VisitMention(travellers[0], "", "", None, None, [], None, None, None, [], [], s.idx, conf)] if False else [])

    def context_visits(self, trav: str, s: Sentence, start: str | None, states: set[str], cues: set) -> list[int]:
        """The traveller's visit this sentence talks about: dates and host must fit, tense decides ties."""
        cands = [i for i, v in enumerate(self.visits) if v.traveller == trav
                 and (dates_mod.compatible(start, v.start) or _days_apart(start, v.start, v.end, 10))
                 and (not states or v.host in states)]
        if not cands:
            return []
        pub = self.pub.isoformat() if self.pub else None
        past = "past" in cues and "future" not in cues and "ongoing" not in cues
        def done(v):
            return _is_past(v, pub)
        fitting = [i for i in cands if done(self.visits[i]) == past] or cands
        best = fitting[-1]
        group = self.last_visits.get(trav, [])
        if best in group:
            return [i for i in group if i in cands] or [best]
        return [best]

    def sentence_states(self, s: Sentence, own: str | None) -> set[str]:
        out = set()
        for m in s.mentions:
            if m.kind in ("State", "Place") and m.form != "adj" and not m.genitive:
                st = m.key if m.kind == "State" else self.lex.info[m.key].state
                if st and st != own:
                    out.add(st)
        return out

    def augment(self, vm: VisitMention, s: Sentence) -> None:
        own = self.state_of(vm.traveller)
        states = self.sentence_states(s, own)
        for i in self.context_visits(vm.traveller, s, vm.start, states, vm.cues):
            v = self.visits[i]
            self.merge_into(i, vm, s.idx)

    def context_update(self, s, roles, subjects, pron, cues, meet_cue) -> None:
        """A sentence without a trip trigger: delegation members or meetings of the current visit."""
        if not subjects and not pron and not any(r in ("delegate", "met") for _, r, _ in roles):
            return
        if subjects and not (pron and pron[0] < subjects[0][1] and self.norms[pron[0]] in ("er", "sie", "he", "she")):
            trav = subjects[0][0].key
            others = [m.key for m, _ in subjects[1:]]
            travelling = {v.traveller for v in self.visits}
            if trav not in travelling:  # "Li Qiang, mit dem Scholz zusammenkam": the one on a trip is the traveller
                alt = next((m.key for m, _ in subjects[1:] if m.key in travelling), None)
                if alt is not None:
                    trav, others = alt, [m.key for m, _ in subjects if m.key != alt]
                elif self.focus in travelling and meet_cue and any(
                        r == "met" and m.i < subjects[0][0].i for m, r, _ in roles):
                    # "Treffen mit A und dem Parteichef, B, stehen auf dem Programm": B is met, not travelling
                    trav, others = self.focus, [m.key for m, _ in subjects if m.key != self.focus]
        else:
            trav = self.focus
            others = [m.key for m, _ in subjects]
        owner = next((m.key for m, r, _ in roles if r == "possessor" and m.j < s.tj and
                      self.norms[m.j + (1 if self.norms[m.j] == "s" else 0)].startswith(("delegation", "entourage", "begleit"))),
                     None)
        if owner and owner != trav and any(v.traveller == owner for v in self.visits):
            trav = owner  # "Shoigu's delegation includes ...", "Putins Delegation gehören ... an"
        if not trav:
            return
        if not any(v.traveller == trav for v in self.visits):
            # "Begleitet wird A von B. A ist in X eingetroffen": members named before the trip
            dels = [m.key for m, r, _ in roles if r == "delegate" and m.key != trav]
            if dels and len(self.pending) < 50:
                self.pending.append(VisitMention(trav, "", "", None, None, [], None, None, None, dels, [], s.idx, 0.7,
                                                 cues, augment=True))
            return
        tok = next((k for k in range(s.ti, s.tj) if self.norms[k] in _MEET_CUE_EXACT or self.norms[k].startswith(("begleit", "accompan"))), s.ti)
        if self.doubtful(s, tok):
            return
        delegates = [m.key for m, r, _ in roles if r == "delegate" and m.key != trav]
        met = [m.key for m, r, _ in roles if r == "met" and m.key != trav]
        inviter = next((m.key for m, r, _ in roles if r == "inviter" and m.key != trav), None)
        if meet_cue:
            met += [k for k in others if k not in delegates and k != trav]
        if not delegates and not met and not inviter:
            return
        dts = self.sentence_dates(s, "future" in cues)
        start = dts[0][0] if dts else None
        own = self.state_of(trav)
        states = self.sentence_states(s, own)
        if not states and met:
            # no place named: one meets a state's people in that state ("Lula und Xi beim Empfang")
            theirs = {self.state_of(x) for x in met} - {own, None}
            if any(v.traveller == trav and v.host in theirs for v in self.visits):
                states = theirs
        vm = VisitMention(trav, "", "", start, None, [], None, None, inviter, delegates, met, s.idx, 0.7, cues, augment=True)
        targets = self.context_visits(trav, s, start, states, cues)
        if not targets and start and delegates:
            # "A, who took over the ministry last month": a date about a member, not about the trip
            targets = self.context_visits(trav, s, None, states, cues)
            vm = VisitMention(trav, "", "", None, None, [], None, None, None, delegates, [], s.idx, 0.7, cues, augment=True)
        for i in targets:
            self.merge_into(i, vm, s.idx)

    def _meeting_as_purpose(self, sent: int) -> bool:
        """A trip under way whose sentence gives a meeting as its purpose ("eingetroffen, um ... mit Trump zu besprechen",
        "arrived to hold talks with", "came for talks with"): the meeting is still to come."""
        s = self.sentences[sent]
        ws = self.norms[s.ti:s.tj]
        for i, w in enumerate(ws):
            if w == "um" and "zu" in ws[i + 2:i + 14]:
                return True
            if w == "to" and ws[i + 1:i + 2] and ws[i + 1] in ("meet", "hold", "discuss", "talk", "confer"):
                return True
            if w in ("for", "zu", "zum", "fur") and any(x in _MEET_CUE_EXACT for x in ws[i + 1:i + 4]):
                return True
        return False

    def planned_meeting(self, sent: int) -> bool:
        """Sentence ``sent`` tells of meetings only planned or expected ("will meet", "werde ... treffen",
        "talks are scheduled"): a modal or future word in the clause of a meeting word, and no meeting told as done."""
        hit = self._planned.get(sent)
        if hit is None:
            s = self.sentences[sent]
            words = [k for k in range(s.ti, s.tj) if self.norms[k] in _MEET_CUE_EXACT or self.norms[k].startswith(_MEET_CUE_PREFIX)
                     or self.norms[k].startswith(_RECEIVE_PREFIX) or trigger_kind(self.norms[k]) == "host"]
            hit = bool(words) and not any(self.norms[k] in _MEET_PAST for k in range(s.ti, s.tj)) and any(
                any(w in _MEET_MODAL for w in self.norms[slice(*self.clause(s, k))]) for k in words)
            self._planned[sent] = hit
        return hit

    # ---- merging
    def add_visit(self, vm: VisitMention) -> int:
        best = None
        for i, v in enumerate(self.visits):
            if v.traveller != vm.traveller or v.host != vm.host:
                continue
            if not dates_mod.compatible(vm.start, v.start) and not _days_apart(vm.start, v.start, v.end, 10):
                continue
            score = 0
            if vm.status in v.statuses:
                score += 2
            if vm.start and v.start:
                score += 3
            if (vm.status == "Completed") != ("Completed" in v.statuses and len(set(v.statuses)) == 1) and vm.start is None and v.start:
                score -= 1
            pub = self.pub.isoformat() if self.pub else None
            was = _is_past(v, pub)
            if vm.start and not v.start:
                now = _is_past(VisitAcc(vm.traveller, vm.host, [], vm.start, vm.end), pub)
                if (now and set(v.statuses) & {"Ongoing", "Announced"}) or (not now and v.historical):
                    continue  # "zuletzt 2019 in China" is not the trip under way
            elif v.start and not vm.start:
                if (was and vm.status in ("Ongoing", "Announced")) or (vm.historical and not was):
                    continue
            if best is None or score > best[0]:
                best = (score, i)
        if best is None:
            self.visits.append(VisitAcc(vm.traveller, vm.host))
            i = len(self.visits) - 1
        else:
            i = best[1]
        self.merge_into(i, vm, vm.sentence)
        if self.pending and not vm.historical:
            for p in [p for p in self.pending if p.traveller == vm.traveller]:
                self.merge_into(i, p, p.sentence)
                self.pending.remove(p)
        return i

    def merge_into(self, i: int, vm: VisitMention, sent: int) -> None:
        v = self.visits[i]
        self.touched = v.traveller
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
            if self.state_of(d) == v.host and v.host:
                continue  # locals are hosts, not members of the travelling delegation
            if d != v.traveller and d not in v.delegates:
                v.delegates.append(d)
                v.claims.append(("accompaniedBy", d, sent, c))
        later = bool(vm.start and self.pub and len(vm.start) == 10 and vm.start > self.pub.isoformat())
        planned = bool(vm.met) and (later or self.planned_meeting(sent) or (
            vm.status in ("Ongoing", "Announced") and self._meeting_as_purpose(sent)))  # to meet is not met
        for x in vm.met:
            if x == v.traveller or x in v.met or x in v.delegates or (planned and x in v.to_meet):
                continue
            if vm.start and len(vm.start) == 10:
                self.met_dates.setdefault((i, x), vm.start) if planned else self.met_dates.__setitem__((i, x), vm.start)
            (v.to_meet if planned else v.met).append(x)
            v.claims.append(("toMeet" if planned else "met", x, sent, c))
            if not planned and v.host and self.state_of(x) is None and not any(o.traveller == x for o in self.visits):
                self.citizen.setdefault(x, v.host)  # the people a guest meets there belong to the host, unless travelling too
        v.last_sentence = sent

    # ---- summits
    def sentence_summits(self, s: Sentence, roles, norms, cues) -> None:
        named = ("apec", "g20", "g7", "g8", "nato", "brics", "eu", "asean", "sco", "uno", "un", "klima", "climate", "wirtschaftskooperation")
        cue_toks = [k for k in range(s.ti, s.tj) if (self.norms[k] in _SUMMIT_CUES or "gipfel" in self.norms[k])
                    and not self.norms[k].startswith(named) and not (k > s.ti and self.norms[k - 1] in named)]
        if not cue_toks:
            return
        cue_toks = [k for k in cue_toks if not self.doubtful(s, k) and not any(
            w in _NEG for w in self.norms[max(s.ti, k - 3):k + 4])]
        if not cue_toks:
            return
        parts = []
        first_ps = None
        for m, r, ps in roles:
            if r in ("subject", "met", "traveller", "guest", "other") and m.key in self.leaders and m.key not in parts:
                parts.append(m.key)
                first_ps = ps if first_ps is None else first_ps
        pron = [k for k in range(s.ti, s.tj) if self.norms[k] in ("er", "sie", "he", "she")]
        head = None
        if pron and self.focus and self.focus in self.leaders and self.focus not in parts and \
                (not parts or pron[0] < first_ps):
            head = self.focus
            parts.insert(0, self.focus)
        if len(parts) == 1 and head is None and self.focus and self.focus in self.leaders and self.focus not in parts:
            m0, ps0 = next((m, ps) for m, r, ps in roles if m.key == parts[0])
            if any(0 < m0.i - c <= 6 and self.norms[c + 1] in ("mit", "with") and
                   not any(x.i < m0.i and x.j > c for x in s.mentions if x.kind == "Person") for c in cue_toks):
                head = self.focus  # "Das Gipfeltreffen mit Trump": the meeting of the leader the article follows
                parts.insert(0, self.focus)
        if len(parts) < 2:
            return
        # "A trifft B und C": bilateral meetings of A; "A und B trafen sich": one meeting
        subj = [m for m, r, _ in roles if r in ("subject", "traveller", "guest") and m.key in parts]
        if head is None and subj and len(parts) >= 3:
            first = subj[0]
            gap_next = [m for m, r, ps in roles if m.i > first.j and m.key in parts]
            if gap_next and not all(w in ("und", "and", "sowie") for w in self.norms[first.j:self.phrase_start(gap_next[0], s.ti)]):
                head = first.key
        pairings = [[head, p] for p in parts if p != head] if head and len(parts) >= 3 else [parts]
        fut = "future" in cues
        dts = self.sentence_dates(s, fut)
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
            k = self.phrase_start(m, s.ti)
            prev = self.norms[k - 1] if k > s.ti else ""
            near_cue = any(0 < k - c <= 3 for c in cue_toks) or self._same_name_place(m) is not None
            if prev in ("in", "im", "at", "auf") and (m.kind == "Place" or near_cue) and not any(
                    self.norms[x] in ("aus", "from", "of") for x in range(max(s.ti, k - 3), k - 1)):
                located.add(m.i)
                last_loc = m
            elif prev in ("und", "and", "sowie") and last_loc is not None and k - last_loc.j <= 4:
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
                st = m.key if m.kind == "State" else self.lex.info[m.key].state
                if st and st not in states:
                    states.append(st)
                if st and st not in where and m.i in located:
                    where.append(st)  # "Gipfel in Singapur", "met in Vladivostok", "in the Vietnamese capital"
                if m.kind == "Place":
                    places.append(m.key)
                else:  # a city-state named as a state: use its capital when it is the same name
                    cap = self._same_name_place(m)
                    if cap:
                        places.append(cap)
            for ps_ in pairings:
                self.add_summit(SummitAcc(list(ps_), self.status(s, start, end, cues), start, end, places, [s.idx],
                                          states=list(states), where=list(where)))

    def _same_name_place(self, m: Mention) -> str | None:
        for e in self.lex.names.get(tuple(self.norms[m.i:m.j]), []):
            if e.kind == "Place":
                return e.key
        return None

    def add_summit(self, sm: SummitAcc) -> None:
        for o in self.summits:
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
        self.summits.append(sm)

    def visit_summits(self) -> None:
        """Leaders a leader met during a visit held a summit there."""
        for i, v in enumerate(self.visits):
            if v.traveller not in self.leaders:
                continue
            planned = [x for x in v.to_meet if x not in v.met]
            for x in v.met + planned:
                if x in self.leaders:
                    sent = next((sn for p, val, sn, _ in v.claims if p in ("met", "toMeet") and val == x), v.sentences[0][0])
                    when = self.met_dates.get((i, x))
                    if when is None and v.start and len(v.start) < 10:
                        when = v.start  # a month or year: the meeting lies within it
                    status = "Announced" if x in planned and v.status != "Cancelled" else v.status
                    self.add_summit(SummitAcc([v.traveller, x], status, when, None, list(v.places), [sent], i,
                                              states=[v.host], where=[v.host]))
        for sm in self.summits:
            if sm.visit is not None:
                continue
            for i, v in enumerate(self.visits):
                located = sm.places or sm.states
                if v.traveller in sm.participants and dates_mod.compatible(v.start, sm.start) and \
                        all(st == v.host for st in sm.states) and \
                        all(self.lex.info[p].state == v.host for p in sm.places if p in self.lex.info) and \
                        (located or (v.start and sm.start)) and \
                        not (sm.status == "Completed" and v.status == "Announced" and not sm.start):
                    sm.visit = i
                    break

    def summit_visits(self) -> None:
        """A summit held in state S is a visit to S by each participant who is not from S.

        "Das Gipfeltreffen in Singapur" says both leaders travelled there; the summit's
        sentences are the visit's evidence, its status and dates the visit's.
        """
        for sm in self.summits:
            if len(sm.where) != 1 or not sm.sentences:
                continue
            host = sm.where[0]
            if sm.places and any(self.lex.info[p].state != host for p in sm.places if p in self.lex.info):
                continue
            for p in sm.participants:
                own = self.state_of(p)
                if own is None or own == host:
                    continue
                same = [i for i, v in enumerate(self.visits) if v.traveller == p and v.host == host and (
                    dates_mod.compatible(v.start, sm.start) or _days_apart(sm.start, v.start, v.end, 10)
                    if v.start and sm.start else v.status == sm.status or not sm.start)]
                if same:
                    i = same[0]
                    for pl in sm.places:
                        if pl not in self.visits[i].places:
                            self.visits[i].places.append(pl)
                else:
                    v = VisitAcc(p, host, [sm.status], sm.start, sm.end, list(sm.places), status=sm.status)
                    v.sentences = [(sn, 0.7) for sn in sm.sentences]
                    v.claims = [("hostState", host, sm.sentences[0], 0.7)]
                    v.historical = sm.status == "Completed"
                    self.visits.append(v)
                    i = len(self.visits) - 1
                v = self.visits[i]
                for x in sm.participants:  # those at a summit met each other, or are to meet
                    if sm.status in ("Announced", "Cancelled"):
                        if x != p and x not in v.to_meet and x not in v.met:
                            v.to_meet.append(x)
                    elif x != p and x not in v.met and x not in v.delegates:
                        v.met.append(x)
                        v.claims.append(("met", x, sm.sentences[0], 0.7))
                if sm.visit is None:
                    sm.visit = i

