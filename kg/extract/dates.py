"""Date expressions in one sentence, resolved against the publication date.

Absolute dates keep their precision ("25. April 2019" -> 2019-04-25, "im April 2019" ->
2019-04, "2018" -> 2018). Weekdays, month names without a year, seasons, weekends and
relative phrases ("vergangene Woche", "in May last year", "earlier this month") are resolved
against ``published``; without a publication date they stay unresolved (None). ``future``
says whether the sentence speaks of a planned event, so "am Dienstag" means the next Tuesday
rather than the last one. Counted days ("the day before", "zwei Tage später") count from the
day named before them in the sentence, else from ``anchor``. A wire dateline's date ("BERLIN, 3 May (Reuters) -") is the
report's date, never an event's: ``find`` leaves it out and ``dateline`` returns it.

>>> from datetime import date
>>> [d.value for d in find("vom 4. bis 7. Januar 2026", date(2025, 12, 30))]
[('2026-01-04', '2026-01-07')]
>>> [d.value for d in find("am Dienstag", date(2025, 9, 4))]
[('2025-09-02', None)]
>>> [d.value for d in find("im Juli", date(2023, 9, 12))]
[('2023-07', None)]
>>> [d.value for d in find("from 30 December 2025 to 2 January 2026", None)]
[('2025-12-30', '2026-01-02')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS = {
    "januar": 1, "jänner": 1, "january": 1, "jan": 1, "februar": 2, "february": 2, "feb": 2, "märz": 3, "maerz": 3,
    "march": 3, "mär": 3, "mar": 3, "april": 4, "apr": 4, "mai": 5, "may": 5, "juni": 6, "june": 6, "jun": 6, "juli": 7,
    "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9, "oktober": 10, "october": 10,
    "okt": 10, "oct": 10, "november": 11, "nov": 11, "dezember": 12, "december": 12, "dez": 12, "dec": 12,
}
WEEKDAYS = {
    "montag": 0, "dienstag": 1, "mittwoch": 2, "donnerstag": 3, "freitag": 4, "samstag": 5, "sonnabend": 5, "sonntag": 6,
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
}
# the first month of each season (meteorological): "im Herbst" is dated by the year its months fall in
SEASONS = {"frühjahr": 3, "frühling": 3, "spring": 3, "sommer": 6, "summer": 6, "herbst": 9, "autumn": 9, "fall": 9,
           "winter": 12}
# words that point a relative expression backwards or forwards in time
_PAST = ("last", "vergangen", "letzt", "vorig", "vorjahr", "earlier")
_NEXT = ("next", "nächst", "kommend", "coming")
# words of a relative date after the reference day ("later this week", "in Kürze"; not "Samstagmorgen")
_AHEAD = re.compile(r"\b(?:later|next|coming|nächst\w*|kommend\w*|kürze|tomorrow|morgen)\b", re.IGNORECASE)
_M = "|".join(sorted(MONTHS, key=len, reverse=True))
_W = "|".join(WEEKDAYS)
_S = "|".join(SEASONS)
_Y = r"(?:19|20)\d{2}"
_TH = r"(?:st|nd|rd|th)?"
_TO = r"(?:bis(?:\s+(?:zum|einschließlich))?|to|until|till|through|-|–|—)"
_REL_YEAR = r"(last|next|this|vergangenen|letzten|vorigen|kommenden|nächsten|diese[sn]?)"

_DAY = rf"\d{{1,2}}(?:\.|{_TH})\s*(?:{_M})\b\.?(?:,?\s+{_Y})?|(?:{_M})\.?\s+\d{{1,2}}{_TH}\b(?:,?\s+{_Y})?"

_PATTERNS = [
    # a stay between two days: "between 30 May and 2 June", "zwischen dem 30. Mai und dem 2. Juni"
    ("between", rf"(?:between|zwischen)\s+(?:dem\s+)?({_DAY})\s+(?:and|und)\s+(?:dem\s+)?({_DAY})"),
    # ranges over two months (and years): "vom 30. Mai bis 2. Juni", "30 May - 2 June 2024", "May 30 to June 2"
    ("xrange_de", rf"(?:vom\s+)?(\d{{1,2}})\.\s*({_M})\.?(?:\s+({_Y}))?\s*{_TO}\s*(\d{{1,2}})\.\s*({_M})\.?(?:\s+({_Y}))?"),
    ("xrange_dmy", rf"(?:from\s+)?(\d{{1,2}}){_TH}\s+({_M})\.?(?:,?\s+({_Y}))?\s*{_TO}\s*(\d{{1,2}}){_TH}\s+({_M})\b\.?(?:,?\s+({_Y}))?"),
    ("xrange_mdy", rf"(?:from\s+)?({_M})\.?\s+(\d{{1,2}}){_TH}(?:,?\s+({_Y}))?\s*{_TO}\s*({_M})\.?\s+(\d{{1,2}}){_TH}\b(?:,?\s+({_Y}))?"),
    # ranges in one month
    ("range_de", rf"(?:vom\s+)?(\d{{1,2}})\.?\s*(?:{_TO}|und|and|&)\s*(\d{{1,2}})\.\s*({_M})\.?(?:\s+({_Y}))?"),
    ("range_en", rf"(?:from\s+|between\s+)?({_M})\.?\s+(\d{{1,2}}){_TH}\s*(?:{_TO}|and)\s*(\d{{1,2}}){_TH}\b(?:,?\s+({_Y}))?"),
    ("range_en2", rf"(?:from\s+|between\s+)?(\d{{1,2}}){_TH}\s*(?:{_TO}|and)\s*(\d{{1,2}}){_TH}\s+({_M})\b(?:,?\s+({_Y}))?"),
    ("range_wd", rf"(?:vom|von|from)\s+(?:dem\s+)?({_W})\s+(?:bis(?:\s+zum)?|to|until|through)\s+(?:zum\s+|dem\s+)?({_W}),?\s+(?:dem\s+|den\s+)?(\d{{1,2}})\.\s*({_M})(?:\s+({_Y}))?"),
    # single days
    ("numeric", r"(\d{1,2})\.(\d{1,2})\.((?:19|20)\d{2})"),
    ("iso", r"((?:19|20)\d{2})-(\d{2})-(\d{2})"),
    ("dmy_de", rf"(\d{{1,2}})\.\s*({_M})\.?(?:\s+({_Y}))?"),
    ("mdy_en", rf"({_M})\.?\s+(\d{{1,2}}){_TH}\b(?:,?\s+({_Y}))?"),
    ("dmy_en", rf"(\d{{1,2}}){_TH}\s+({_M})\b(?:,?\s+({_Y}))?"),
    # months
    ("my", rf"({_M})\.?\s+({_Y})"),
    # a month of a year named relatively: "in May last year", "im Mai vergangenen Jahres", "im März des Vorjahres"
    ("m_rel", rf"(?:(?:im|in|anfang|ende|mitte|early|late|mid|seit|since)\s+|mid-)?({_M})\s+(?:of\s+)?(?:{_REL_YEAR}\s+(?:year|jahres)\b|des\s+(?:(vergangenen|letzten|vorigen|kommenden|nächsten)\s+jahres|(vorjahres))\b)"),
    ("m", rf"(?:(?:im|in|seit|since|anfang|ende|mitte|early|late|mid|last|next|this|planned|anticipated|geplanten|kommenden|vergangenen|letzten|zum|bis|until|by|für|for|ab)\s+|mid-)({_M})\b(?!\.?\s+{_Y})"),
    # seasons: "im Herbst", "in the spring of 2020", "next summer"
    ("season", rf"(?:(?:im|in(?:\s+the)?|this|last|next|early|late|anfang|ende|mitte)\s+(?:(vergangenen|letzten|vorigen|kommenden|nächsten|diesem|diesen)\s+)?|(vergangenen|letzten|vorigen|kommenden|nächsten|diesen)\s+)({_S})\b(?:\s+(?:of\s+)?({_Y}))?|({_S})\s+({_Y})"),
    # weekends: "am Wochenende", "over the weekend", "last weekend" (Saturday to Sunday)
    ("weekend", rf"(?:am|at|over|on|during|this|last|next|(?:am\s+)?(?:vergangenen|letzten|kommenden|nächsten|diesem))(?:\s+the)?\s+(?:(vergangenen|letzten|kommenden|nächsten)\s+)?(wochenende|weekend)\b"),
    # weekdays of next week ("next week Friday", "nächste Woche Freitag", "Freitag kommender Woche")
    ("wd_week", rf"(?:(?:in\s+der\s+)?(?:nächsten|kommenden)\s+woche|nächste\s+woche|kommende\s+woche|next\s+week),?\s+(?:am\s+|on\s+)?({_W})\b"
                rf"|(?:am\s+|on\s+)?({_W})\s+(?:(?:nächster|kommender)\s+woche|(?:of\s+)?next\s+week)\b"),
    # two days of one stay: "am Donnerstag und Freitag", "on Thursday and Friday"; "von Dienstag bis Donnerstag"
    ("wd_pair", rf"(?:am|on|zwischen|between)\s+({_W})\s+(?:und|and|&)\s+({_W})\b"),
    ("wd_range", rf"(?:(?:vom|von|from)\s+(?:dem\s+)?({_W})\s+(?:bis(?:\s+zum)?|to|until|through)\s+(?:zum\s+|dem\s+)?|({_W})\s+(?:through|thru)\s+)({_W})\b"),
    # weekdays and relative
    ("wd", rf"(?:(am|on|this|last|next|later\s+on|later|vergangenen|letzten|kommenden|nächsten|diesen)\s+)?({_W})(?:morgen|abend|nachmittag|vormittag|mittag|nacht)?\b"
           rf"|(des)\s+({_W})s\b"),  # genitive: "in den frühen Morgenstunden des Mittwochs"
    # days counted from the date before it: "the day before", "a day after a stop in Cuba", "zwei Tage später", "am Vortag"
    ("shift", r"(?:(?:two|three|four|five|zwei|drei|vier|fünf|\d)\s+(?:days|tage|tagen)|day|tag)\s+"
              r"(?:earlier|later|before|after|zuvor|später|davor|danach|darauf|vorher|nach|vor)\b(?!\s+(?:tomorrow|yesterday))"
              r"|(?:previous|following|next|same|nächsten|folgenden|selben|gleichen)\s+(?:day|tag)\b|vortag\b|tags\s+(?:zuvor|darauf)\b"),
    # counted back from the reference day: "a week ago", "vor einer Woche", "three days ago", "vor zwei Monaten"
    ("ago", r"(?:vor\s+(ein|einer|einem|zwei|drei|vier|fünf|\d{1,2})\s+(tag|tagen|woche|wochen|monat|monaten|jahr|jahren)"
            r"|(a|an|one|two|three|four|five|\d{1,2})\s+(day|days|week|weeks|month|months|year|years)\s+ago)\b"),
    ("rel", r"(?:later|earlier)\s+today|vorgestern|übermorgen|gestern|yesterday|heute|today|tonight|tomorrow|(?<!am )(?<!Am )morgen(?![a-zäöüß])"
            r"|this\s+(?:morning|afternoon|evening)"
            r"|(?:in\s+der\s+)?(?:vergangenen|letzten|vorigen)\s+woche|vergangene\s+woche|letzte\s+woche|last\s+week"
            r"|(?:in\s+der\s+)?(?:nächsten|kommenden)\s+woche|(?:nächste|kommende)\s+woche|next\s+week"
            r"|anfang\s+der\s+woche|earlier\s+this\s+week|later\s+this\s+week|diese\s+woche|this\s+week|in\s+dieser\s+woche"
            r"|(?:im\s+)?(?:vergangenen|letzten|vorigen)\s+monat|last\s+month|(?:im\s+)?(?:nächsten|kommenden)\s+monat|next\s+month"
            r"|(?:earlier|later)\s+this\s+month|this\s+month|(?:in\s+)?diesem\s+monat|diesen\s+monat"
            r"|(?:anfang|mitte|ende|im\s+laufe)\s+(?:des|dieses|(?:des\s+)?(?:vergangenen|letzten|vorigen|nächsten|kommenden))\s+monats"
            r"|(?:at|by|until|from)\s+the\s+(?:start|beginning|middle|end)\s+of\s+(?:this|the|last|next)\s+month"
            r"|(?:im\s+)?(?:vergangenen|letzten|vorigen)\s+jahr|vergangenes\s+jahr|letztes\s+jahr|last\s+year|im\s+vorjahr"
            r"|(?:im\s+)?(?:nächsten|kommenden)\s+jahr|(?:nächstes|kommendes)\s+jahr|next\s+year|(?:in\s+)?diese[ms]\s+jahr|this\s+year"
            r"|(?:earlier|later)\s+this\s+year|(?:anfang|mitte|ende|im\s+laufe)\s+(?:des|dieses)\s+jahres"
            r"|in\s+den\s+(?:kommenden|nächsten)\s+tagen|in\s+the\s+(?:coming|next)\s+(?:few\s+)?days|in\s+kürze"),
    ("year", rf"(?:im\s+jahre?\s+)?(?<![\d.,])({_Y})(?![\d]|\.\d)"),
]
_RE = re.compile(r"\b(?:" + "|".join(f"(?P<{name}>{pat})" for name, pat in _PATTERNS) + ")", re.IGNORECASE)
_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5}
_BACK = ("earlier", "before", "previous", "zuvor", "davor", "vorher", "vortag", " vor")
_YEAR = re.compile(_Y)
_PARTS = {name: re.compile(pat, re.IGNORECASE) for name, pat in _PATTERNS}  # the groups of one kind, by position
# a wire dateline: "BERLIN, 3 May (Reuters) -", "SEOUL, Feb. 9 (Yonhap) --", "BAMAKO, Feb 7 (Sahel Wire) —"
_DATELINE = re.compile(rf"\s*[A-ZÄÖÜ][A-ZÄÖÜ .'/-]*,\s+(?:(?P<d1>\d{{1,2}})\.?\s+(?P<m1>(?i:{_M}))|(?P<m2>(?i:{_M}))\.?\s+(?P<d2>\d{{1,2}}))\.?\s*\(")
# lower-case ASCII first words of every pattern: find() with ``starts`` tries only tokens like these
FIRST_WORDS = frozenset(
    [m for m in MONTHS] + list(WEEKDAYS) + [
        "vom", "von", "from", "im", "in", "seit", "since", "anfang", "ende", "mitte", "early", "late", "mid", "last",
        "next", "this", "planned", "anticipated", "geplanten", "kommenden", "vergangenen", "letzten", "zum", "bis",
        "until", "by", "am", "on", "nachsten", "diesen", "vorgestern", "ubermorgen", "gestern", "yesterday", "heute",
        "today", "tomorrow", "morgen", "vergangene", "letzte", "vorigen", "naechsten", "nachste", "diese", "dieses",
        "diesem", "vergangenes", "letztes", "nachstes", "kommendes", "jahr", "jahre", "earlier", "mar", "maer", "marz",
        "jaenner", "janner", "sonnabend", "des", "kommende", "between", "zwischen", "fur", "for", "ab", "at", "over",
        "during", "later", "tonight", "fruhjahr", "fruhling", "sommer", "herbst", "winter", "spring", "summer",
        "autumn", "fall", "two", "three", "four", "five", "zwei", "drei", "vier", "funf", "day", "tag", "previous",
        "following", "same", "folgenden", "selben", "gleichen", "vortag", "tags", "vor", "a", "an", "one",
    ] + [w + part for w in WEEKDAYS for part in ("morgen", "abend", "nachmittag", "vormittag", "mittag", "nacht")])


@dataclass(frozen=True)
class DateMention:
    start: int  # char offsets in the text given to find()
    end: int
    value: tuple[str, str | None]  # (start ISO, end ISO or None)
    relative: bool  # resolved from a weekday / relative phrase
    ahead: bool = False  # points after the reference day though it may name its week or month ("later this week")


def _iso(y: int, m: int | None = None, d: int | None = None) -> str | None:
    try:
        if d is not None:
            return date(y, m, d).isoformat()
    except ValueError:
        return None
    if m is not None:
        return f"{y:04d}-{m:02d}" if 1 <= m <= 12 else None
    return f"{y:04d}"


def _year_for(month: int, day: int | None, pub: date | None, future: bool) -> int | None:
    if pub is None:
        return None
    if day is not None:  # the nearest such day, ties towards the tense of the sentence
        best = None
        for y in (pub.year - 1, pub.year, pub.year + 1):
            try:
                dist = (date(y, month, day) - pub).days
            except ValueError:
                continue
            key = (abs(dist), (dist < 0) if future else (dist > 0))
            if best is None or key < best[0]:
                best = (key, y)
        return best[1] if best else None
    if future:
        return pub.year if month >= pub.month else pub.year + 1
    return pub.year if month <= pub.month else pub.year - 1


def _weekday(wd: int, pub: date | None, future: bool, mod: str | None, before: date | None = None) -> date | None:
    """The day named by a weekday: the last one (or today) in past tense, the next one (or today) for plans;
    "last"/"vergangenen" and "next"/"kommenden" never mean today."""
    if before is not None:
        return before - timedelta(days=(before.weekday() - wd) % 7)
    if pub is None:
        return None
    mod = (mod or "").lower()
    if mod.startswith(_PAST):
        return pub - timedelta(days=(pub.weekday() - wd - 1) % 7 + 1)
    if mod.startswith("later"):  # "later on Saturday": today or the coming one
        return pub + timedelta(days=(wd - pub.weekday()) % 7)
    if mod.startswith(_NEXT):
        return pub + timedelta(days=(wd - pub.weekday() - 1) % 7 + 1)
    if future:
        return pub + timedelta(days=(wd - pub.weekday()) % 7)
    return pub - timedelta(days=(pub.weekday() - wd) % 7)


def _weekend(pub: date | None, future: bool, mod: str) -> tuple[str, str] | None:
    """Saturday and Sunday of the weekend meant: the one under way, else the last (past) or the next (plans)."""
    if pub is None:
        return None
    mod = mod.lower()
    current = pub - timedelta(days=pub.weekday() - 5) if pub.weekday() >= 5 else None
    if any(w in mod for w in _PAST):
        sat = current - timedelta(days=7) if current else pub - timedelta(days=pub.weekday() + 2)
    elif any(w in mod for w in _NEXT):
        sat = current + timedelta(days=7) if current else pub + timedelta(days=5 - pub.weekday())
    elif current:
        sat = current
    else:
        sat = pub + timedelta(days=5 - pub.weekday()) if future else pub - timedelta(days=pub.weekday() + 2)
    return sat.isoformat(), (sat + timedelta(days=1)).isoformat()


def _season_year(first_month: int, pub: date | None, future: bool, mod: str) -> int | None:
    """The year a season without a year falls in: the one under way, else the last ("last", "vergangenen"),
    the next ("next", plans), or without either the one whose middle is nearer to ``pub``."""
    if pub is None:
        return None
    since = (pub.month - first_month) % 12  # 0-2: the season is under way
    until = (first_month - pub.month) % 12 or 12
    mod = mod.lower()
    if any(w in mod for w in _PAST):
        m = pub.month - (since + 12 if since < 3 else since)
    elif any(w in mod for w in _NEXT) or (future and since >= 3):
        m = pub.month + until
    elif since < 3 or since - 1 <= until + 1:
        m = pub.month - since
    else:
        m = pub.month + until
    return pub.year + (m - 1) // 12


def _month_shift(d: date, months: int) -> str:
    m = d.month - 1 + months
    return f"{d.year + m // 12:04d}-{m % 12 + 1:02d}"


def _relative(phrase: str, pub: date | None) -> str | None:
    if pub is None:
        return None
    p = " ".join(phrase.lower().split())
    if p in ("heute", "today", "tonight", "this morning", "this afternoon", "this evening", "later today", "earlier today"):
        return pub.isoformat()
    if p in ("gestern", "yesterday"):
        return (pub - timedelta(days=1)).isoformat()
    if p == "vorgestern":
        return (pub - timedelta(days=2)).isoformat()
    if p in ("morgen", "tomorrow"):
        return (pub + timedelta(days=1)).isoformat()
    if p == "übermorgen":
        return (pub + timedelta(days=2)).isoformat()
    back = any(w in p for w in _PAST) and not p.startswith("earlier this")
    ahead = any(w in p for w in _NEXT)
    if "woche" in p or "week" in p:
        return _month_shift(pub + timedelta(days=-7 if back else 7 if ahead else 0), 0)
    if "monat" in p or "month" in p:
        return _month_shift(pub, -1 if back else 1 if ahead else 0)
    if "jahr" in p or "year" in p:
        return f"{pub.year - back + ahead:04d}"
    if "tage" in p or "days" in p or "kürze" in p:
        return _month_shift(pub + timedelta(days=3), 0)
    return None


def _ago(count: str, unit: str, pub: date | None) -> str | None:
    """The day, month or year a span before ``pub`` names ("a week ago": that day; "vor zwei Monaten": that month)."""
    if pub is None:
        return None
    c, u = count.lower(), unit.lower()
    n = int(c) if c.isdigit() else _COUNTS.get(c, 1)
    if u.startswith(("day", "tag")):
        return (pub - timedelta(days=n)).isoformat()
    if u.startswith(("week", "woche")):
        return (pub - timedelta(days=7 * n)).isoformat()
    if u.startswith(("month", "monat")):
        return _month_shift(pub, -n)
    return f"{pub.year - n:04d}"


def dateline(text: str, published: date | None) -> date | None:
    """The day of a wire dateline at the start of ``text`` ("BERLIN, 3 May (Reuters) -"), in the year nearest
    ``published``; None without a dateline or a publication date.

    >>> dateline("SEOUL, Feb. 9 (Yonhap) -- Biegun returned.", date(2019, 2, 10))
    datetime.date(2019, 2, 9)
    """
    m = _DATELINE.match(text)
    if m is None or published is None:
        return None
    day, mon = int(m.group("d1") or m.group("d2")), MONTHS[(m.group("m1") or m.group("m2")).lower()]
    y = _year_for(mon, day, published, False)
    return date(y, mon, day) if y and _iso(y, mon, day) else None


def _matches(text: str, starts):
    if starts is None:
        yield from _RE.finditer(text)
        return
    last = 0
    for st in starts:
        if st < last:
            continue
        m = _RE.match(text, st)
        if m:
            last = m.end()
            yield m


def _range(y1, m1, d1, y2, m2, d2, pub, future) -> tuple[str | None, str | None]:
    """A stay from (d1 m1 y1) to (d2 m2 y2), missing years taken from the end (a year earlier when the months
    wrap: "28. Dezember bis 3. Januar 2026")."""
    y2 = int(y2) if y2 else _year_for(m2, d2, pub, future)
    if not y2:
        return None, None
    y1 = int(y1) if y1 else (y2 if (m1, d1) <= (m2, d2) else y2 - 1)
    return _iso(y1, m1, d1), _iso(y2, m2, d2)


def _shifted(phrase: str, after: str, ref: tuple[str, str | None] | None) -> str | None:
    """The day a shift phrase names, counted from ``ref`` (the day or stay named before it: back from its
    first day, on from its last). "After"/"before" with an event after them count the other way: on
    Saturday, "a day after a stop in Cuba" dates the stop to Friday."""
    if ref is None:
        return None
    words = phrase.lower().split()
    n = 0 if words[0] in ("same", "selben", "gleichen") else int(words[0]) if words[0].isdigit() else _COUNTS.get(words[0], 1)
    sign = -1 if any(w in " " + phrase.lower() for w in _BACK) else 1
    if words[-1] in ("after", "before", "nach", "vor") and after[:1].isalpha():
        sign = -sign
    return (date.fromisoformat(ref[0] if sign < 0 else ref[1] or ref[0]) + timedelta(days=sign * n)).isoformat()


def find(text: str, published: date | None, future: bool = False, starts=None,
         anchor: date | None = None) -> list[DateMention]:
    """All resolvable date expressions in ``text`` (one sentence), in order; a dateline's date is left out.

    ``starts``: optional sorted offsets where an expression may begin (token starts whose
    word is a digit or in FIRST_WORDS); much faster than scanning every position.
    ``anchor``: the day "the day before", "zwei Tage später" count from when no day precedes them in ``text``.
    """
    out: list[DateMention] = []
    line = _DATELINE.match(text)
    for m in _matches(text, starts):
        if line is not None and m.start() < line.end():
            continue
        kind = m.lastgroup
        g = _PARTS[kind].fullmatch(m.group(kind)).groups()
        start = end = None
        rel = False
        if kind == "between":
            last = find(g[1], published, future)
            first = find(g[0] if _YEAR.search(g[0]) or not last else f"{g[0]} {last[0].value[0][:4]}", published, future)
            if first and last:  # the first day takes the last one's year, a year earlier when the months wrap
                start, end = first[0].value[0], last[0].value[0]
                if start > end and not _YEAR.search(g[0]):
                    start = _iso(int(start[:4]) - 1, int(start[5:7]), int(start[8:]))
                start = start if start and start <= end else None
        elif kind == "xrange_de" or kind == "xrange_dmy":
            start, end = _range(g[2], MONTHS[g[1].lower()], int(g[0]), g[5], MONTHS[g[4].lower()], int(g[3]),
                                published, future)
        elif kind == "xrange_mdy":
            start, end = _range(g[2], MONTHS[g[0].lower()], int(g[1]), g[5], MONTHS[g[3].lower()], int(g[4]),
                                published, future)
        elif kind == "range_de" or kind == "range_en2":
            mon = MONTHS[g[2].lower()]
            start, end = _range(None, mon, int(g[0]), g[3], mon, int(g[1]), published, future)
        elif kind == "range_en":
            mon = MONTHS[g[0].lower()]
            start, end = _range(None, mon, int(g[1]), g[3], mon, int(g[2]), published, future)
        elif kind == "range_wd":
            day, mon = int(g[2]), MONTHS[g[3].lower()]
            y = int(g[4]) if g[4] else _year_for(mon, day, published, future)
            if y and _iso(y, mon, day):
                last = date(y, mon, day)
                start, end = _weekday(WEEKDAYS[g[0].lower()], None, False, None, before=last).isoformat(), last.isoformat()
        elif kind == "numeric":
            start = _iso(int(g[2]), int(g[1]), int(g[0]))
        elif kind == "iso":
            start = _iso(int(g[0]), int(g[1]), int(g[2]))
        elif kind in ("dmy_de", "dmy_en", "mdy_en"):
            (mon_word, day), y = ((g[1], g[0]) if kind != "mdy_en" else (g[0], g[1])), g[2]
            if kind == "mdy_en" and len(mon_word) <= 3 and not mon_word[0].isupper():
                continue  # the modal "may 3 ..."
            mon, day = MONTHS[mon_word.lower()], int(day)
            y = int(y) if y else _year_for(mon, day, published, future)
            rel = g[2] is None
            if y:
                start = _iso(y, mon, day)
        elif kind == "my":
            start = _iso(int(g[1]), MONTHS[g[0].lower()])
        elif kind == "m_rel":
            if published:
                word = " ".join(x for x in g[1:] if x).lower()
                shift = -1 if any(w in word for w in _PAST) else 1 if any(w in word for w in _NEXT) else 0
                start = _iso(published.year + shift, MONTHS[g[0].lower()])
            rel = True
        elif kind == "m":
            word = g[0]
            if not word[0].isupper() or len(word) <= 3:
                continue
            lead = m.group().lower()
            fut = future or lead.startswith(("next", "planned", "anticipated", "geplanten", "kommenden", "für", "for", "ab"))
            if lead.startswith(("last", "vergangenen", "letzten")):
                fut = False
            y = _year_for(MONTHS[word.lower()], None, published, fut)
            rel = True
            if y:
                start = _iso(y, MONTHS[word.lower()])
        elif kind == "season":
            word, year = (g[2], g[3]) if g[2] else (g[4], g[5])
            if word.lower() == "fall" and not (year or m.group().lower().startswith(("in the", "this", "last", "next"))):
                continue  # "the fall of the wall"
            rel = not year
            y = int(year) if year else _season_year(SEASONS[word.lower()], published, future, m.group())
            if y:
                start = _iso(y)
        elif kind == "weekend":
            rel = True
            start, end = _weekend(published, future, m.group()) or (None, None)
        elif kind == "wd_week":
            rel = True
            if published:
                monday = published - timedelta(days=published.weekday()) + timedelta(days=7)
                start = (monday + timedelta(days=WEEKDAYS[(g[0] or g[1]).lower()])).isoformat()
        elif kind in ("wd_pair", "wd_range"):
            rel = True
            w1, w2 = (g[0], g[1]) if kind == "wd_pair" else (g[0] or g[1], g[2])
            first = _weekday(WEEKDAYS[w1.lower()], published, future, None)
            if first:
                start = first.isoformat()
                end = (first + timedelta(days=(WEEKDAYS[w2.lower()] - first.weekday()) % 7)).isoformat()
        elif kind == "wd":
            mod, wd = (g[0], g[1]) if g[1] else (None, g[3])
            d = _weekday(WEEKDAYS[wd.lower()], published, future, mod)
            rel = True
            if d:
                start = d.isoformat()
        elif kind == "ago":
            start = _ago(g[0] or g[2], g[1] or g[3], published)
            rel = True
        elif kind == "rel":
            start = _relative(m.group(), published)
            rel = True
        elif kind == "shift":
            days = [d.value for d in out if len(d.value[0]) == 10]
            start = _shifted(m.group(), text[m.end():].lstrip(),
                             days[-1] if days else (anchor.isoformat(), None) if anchor else None)
            rel = True
        elif kind == "year":
            start = g[0]
        if start:
            ahead = rel and kind in ("rel", "wd") and _AHEAD.search(m.group()) is not None
            out.append(DateMention(m.start(), m.end(), (start, end if end != start else None), rel, ahead))
    return out


def compatible(a: str | None, b: str | None) -> bool:
    """Dates agree when either is missing or one is a prefix of the other."""
    return not a or not b or a.startswith(b) or b.startswith(a)
