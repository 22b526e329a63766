"""Time expressions of a sentence that can date an event, and which of them dates which trip.

:mod:`kg.extract.dates` finds and resolves the expressions; here the ones that only date a
report ("teilte am Freitag mit"), another event ("seit 2019") or a relative clause about
something else are left out, and each leg of a tour gets its own dates (ranges are whole
expressions of :mod:`kg.extract.dates`).
"""

from __future__ import annotations

from datetime import date

from kg.extract import dates as dates_mod
from kg.extract.cues import load_cues
from kg.extract.document import Document, Sentence

_CUES = load_cues()
_SINCE = _CUES.words("time_relation")
_TRAVEL = _CUES.words("travel_verb")
_SINCE_WORD = _CUES.words("since_word")  # "since", "seit"
_OTHER_EVENT_CLAUSE = _CUES.words("other_event_clause")  # ", where ...", ", whose ...", ", nachdem ..."
_REPORT = _CUES.words("report")  # verbs of a clause that only reports
_REPORT_DATE = _REPORT | _CUES.words("report_date")  # "said on Monday", "die am Montag angekündigte Reise"


def sentence_dates(doc: Document, s: Sentence, future: bool) -> list[tuple[str, str | None, int]]:
    """(start, end, token) of dates that can date an event (no report dates, no "seit")."""
    return doc.cached(("dates", s.start, s.end, future), lambda: _sentence_dates(doc, s, future))


def ahead_tokens(doc: Document) -> set[int]:
    """First tokens of the article's dates that point after the reference day though they name its week or
    month ("later this week", "later on Saturday", "in den kommenden Tagen"): a trip so dated is still to come."""
    return doc.cached(("ahead tokens",), set)


def reference_day(doc: Document) -> date | None:
    """The day relative dates count from: a wire dateline's day in the first sentences when it lies in the week
    before publication ("BERLIN, 3 May (Reuters) -" on a page dated 4 May: "on Tuesday" is the Tuesday before
    3 May), else the publication day."""
    def find() -> date | None:
        if doc.pub is None:
            return None
        for s in doc.sentences[:6]:
            day = dates_mod.dateline(doc.text[s.start:s.end], doc.pub)
            if day is not None:
                return day if 0 <= (doc.pub - day).days <= 7 else doc.pub
        return doc.pub
    return doc.cached(("reference day",), find)


def _sentence_dates(doc: Document, s: Sentence, future: bool) -> list[tuple[str, str | None, int]]:
    text = doc.text[s.start:s.end]
    out = []
    pub = reference_day(doc) if s.start < doc.teasers_from else None
    firsts = dates_mod.FIRST_WORDS
    starts = [doc.tokens[k].start - s.start for k in range(s.ti, s.tj)
              if doc.norms[k] in firsts or doc.norms[k][:1].isdigit()]
    for d in dates_mod.find(text, pub, future, starts):
        if pub is None and d.relative:
            continue
        ti = doc.token_at(s.start + d.start)
        tj = doc.token_at(s.start + d.end)
        before = doc.norms[max(s.ti, ti - 3):ti]
        after = doc.norms[tj:min(s.tj, tj + 2)]
        if before and (before[-1] in _REPORT_DATE or (len(before) > 1 and before[-2] in _REPORT_DATE and before[-1] in ("am", "on"))):
            continue
        glued = tj < s.tj and not doc.text[s.start + d.end:doc.tokens[tj].start].strip()  # no comma between
        if after and d.value[1] is None and (after[0] in _REPORT_DATE and glued or (
                after[0] == "mit" and doc.text[doc.tokens[tj].end:doc.tokens[tj].end + 1] in (",", ".", ";", ""))):
            continue  # "teilte am Freitag mit, dass": the report's date
        # "since his country lost the city in the 1967 war": a date after "since" in its clause, with no trip word
        # between, dates the event since which, not the trip
        lo = doc.clause(s, ti)[0]
        since = [k for k in range(lo, ti) if doc.norms[k] in _SINCE_WORD]
        since_far = bool(since) and not any(_CUES.trigger(w) or w in _TRAVEL for w in doc.norms[since[-1]:ti])
        when_clause = tj < s.tj and doc.norms[tj] in ("als", "when") and \
            "," in doc.text[doc.tokens[tj - 1].end:doc.tokens[tj].start]
        if d.value[1] is None and (any(w in _SINCE for w in before[-2:]) or since_far) and not (
                before and before[-1] in ("von", "vom", "from") and doc.norms[tj:tj + 1] in (["bis"], ["to"], ["until"])) \
                and not when_clause:  # "seit 2019, als Merkel Neu-Delhi besuchte": the date of that visit
            continue
        out.append((d.value[0], d.value[1], ti))
        if d.ahead:
            ahead_tokens(doc).add(ti)
    return out


def leg_dates(doc: Document, s: Sentence, own: str | None, future: bool) -> dict[str, tuple[str, str | None]]:
    """Each leg's own dates when a sentence lists destinations with a date after each
    ("Poland from 20 to 21 May and Lithuania from 22 to 23 May"): {host state: (start, end)}."""
    dts = sentence_dates(doc, s, future)
    if len(dts) < 2:
        return {}
    dests = [m for m in s.mentions if m.kind in ("State", "Place") and m.form != "adj" and not m.genitive]
    dests = [(m, m.key if m.kind == "State" else doc.lex.info[m.key].state) for m in dests]
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


def tour_legs(start: str | None, end: str | None, n: int) -> list[tuple[str | None, str | None]]:
    """The dates of ``n`` legs told with one stay ("North Korea and Vietnam from 18 to 20 June"): the first leg
    begins on its first day, the last ends on its last; what lies between is known only to the month (or year)
    the stay falls in.

    >>> tour_legs("2024-06-18", "2024-06-20", 2)
    [('2024-06-18', None), ('2024-06', '2024-06-20')]
    """
    if n < 2 or not start or not end:
        return [(start, end)] * n
    within = next(start[:k] for k in (7, 4, 0) if start[:k] == end[:k]) or None
    return [(start, None)] + [(within, None)] * (n - 2) + [(within, end)]


def _came_from(doc: Document, s: Sentence) -> bool:
    """The sentence names where the trip came from ("from Riyadh, where ..."): its relative clause tells of that leg."""
    return any(m.kind in ("State", "Place") and m.i > s.ti and doc.norms[m.i - 1] in ("from", "aus") for m in s.mentions)


def _in_relative_clause(doc: Document, s: Sentence, tok: int, triggers: list[int]) -> bool:
    """Token ``tok`` lies in a clause opened by ", where / wo / when / als / after which / whose" that holds no trip word."""
    text = doc.text
    for k in range(tok - 1, s.ti - 1, -1):
        if k in triggers:
            return False
        if doc.norms[k] in _OTHER_EVENT_CLAUSE and k > s.ti and \
                "," in text[doc.tokens[k - 1].end:doc.tokens[k].start]:
            return True
    return False


def trip_dates(doc: Document, s: Sentence, triggers: list[tuple[int, str]], future: bool,
               prev_dates: list[tuple[str, str | None, int]]) -> tuple[str | None, str | None, bool]:
    """(start, end, dated by the day of publication, dated ahead of it) of the trip told at ``triggers``: the date
    nearest the trip word in its own clause; "damals" takes the previous sentence's date; a same-day arrival the
    publication day."""
    norms = doc.norms[s.ti:s.tj]
    fut = future
    dts = sentence_dates(doc, s, fut)
    if not dts and any(w in ("damals", "then", "dabei") for w in norms[:4]) and prev_dates:
        dts = [(a, b, triggers[0][0]) for a, b, _ in prev_dates[:1]]
    if not dts and norms[:1] in (["als"], ["when"]) and s.full and s.full[0] < s.ti:
        # "seit 2019, als Merkel Neu-Delhi besuchte": the clause is dated by what precedes the comma
        head = doc.text[doc.tokens[s.full[0]].start:s.start]
        found = dates_mod.find(head, reference_day(doc) if s.start < doc.teasers_from else None, False)
        if found and head[found[-1].end:].strip(" ,") == "" and not (doc.pub is None and found[-1].relative):
            dts = [(found[-1].value[0], found[-1].value[1], triggers[0][0])]
    start = end = None
    tk = [k for k, _ in triggers]
    # near the trip word, a range, or fronted ("Im April waren A und B nach Kiew gereist")
    dts = [d for d in dts if min(abs(d[2] - k) for k in tk) <= 15 or d[1] is not None or d[2] - s.ti <= 2]
    # a date in a relative clause about another place or event (", where he had met Abe on 7 February",
    # ", wo er am Freitag ... teilnimmt") does not date this trip when the trip's own clause has a date or none is needed
    own = [d for d in dts if not _in_relative_clause(doc, s, d[2], tk)]
    if own or any(kd in ("arrive", "depart", "depart_from") for _, kd in triggers) or _came_from(doc, s):
        dts = own
    ahead = False
    if dts:
        d = min(dts, key=lambda x: (x[1] is None, min(abs(x[2] - k) for k in tk)))
        start, end, ahead = d[0], d[1], d[2] in ahead_tokens(doc)
    today = not dts and doc.pub is not None and s.start < doc.teasers_from and _arrived_now(doc, s, triggers)
    if today:
        start = doc.pub.isoformat()  # "has landed in Vilnius", "ist in Kiew eingetroffen": the news of the day
    return start, end, today, ahead


def _arrived_now(doc: Document, s: Sentence, triggers) -> bool:
    """An undated arrival told in the present perfect or present ("has arrived", "ist eingetroffen", "arrives"): today's news."""
    for k, kd in triggers:
        if kd != "arrive":
            continue
        w = doc.norms[k]
        if w in ("arrives", "landet", "trifft"):
            return True
        before = doc.norms[max(s.ti, k - 8):k]
        if w in ("arrived", "landed") and before and before[-1] in ("has", "have", "just"):
            return True
        if w in ("eingetroffen", "angekommen", "gelandet") and any(x in ("ist", "sind") for x in before) and \
                not any(x in ("war", "waren", "hatte", "hatten") for x in before):
            return True
    return False
