"""Date expressions in one sentence, resolved against the publication date.

Absolute dates keep their precision ("25. April 2019" -> 2019-04-25, "im April 2019" ->
2019-04, "2018" -> 2018). Weekdays, month names without a year and relative phrases
("vergangene Woche", "in den kommenden Tagen", "last year") are resolved against
``published``; without a publication date they stay unresolved (None). ``future`` says
whether the sentence speaks of a planned event, so "am Dienstag" means the next Tuesday
rather than the last one.

>>> from datetime import date
>>> [d.value for d in find("vom 4. bis 7. Januar 2026", date(2025, 12, 30))]
[('2026-01-04', '2026-01-07')]
>>> [d.value for d in find("am Dienstag", date(2025, 9, 4))]
[('2025-09-02', None)]
>>> [d.value for d in find("im Juli", date(2023, 9, 12))]
[('2023-07', None)]
>>> [d.value for d in find("January 4 to 7, 2026", None)]
[('2026-01-04', '2026-01-07')]
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
_M = "|".join(sorted(MONTHS, key=len, reverse=True))
_W = "|".join(WEEKDAYS)
_Y = r"(?:19|20)\d{2}"

_PATTERNS = [
    # ranges
    ("range_de", rf"(?:vom\s+)?(\d{{1,2}})\.?\s*(?:bis(?:\s+zum)?|-|–|und|and|&)\s*(\d{{1,2}})\.\s*({_M})\.?(?:\s+({_Y}))?"),
    ("range_en", rf"(?:from\s+)?({_M})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\s*(?:to|-|–|through|until)\s*(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+({_Y}))?"),
    ("range_en2", rf"(?:from\s+)?(\d{{1,2}})\s*(?:to|-|–|and)\s*(\d{{1,2}})\s+({_M})(?:,?\s+({_Y}))?"),
    ("range_wd", rf"(?:vom|von|from)\s+(?:dem\s+)?({_W})\s+(?:bis(?:\s+zum)?|to|until|through)\s+(?:zum\s+|dem\s+)?({_W}),?\s+(?:dem\s+|den\s+)?(\d{{1,2}})\.\s*({_M})(?:\s+({_Y}))?"),
    # single days
    ("numeric", r"(\d{1,2})\.(\d{1,2})\.((?:19|20)\d{2})"),
    ("iso", r"((?:19|20)\d{2})-(\d{2})-(\d{2})"),
    ("dmy_de", rf"(\d{{1,2}})\.\s*({_M})\.?(?:\s+({_Y}))?"),
    ("mdy_en", rf"({_M})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+({_Y}))?"),
    ("dmy_en", rf"(\d{{1,2}})(?:st|nd|rd|th)?\s+({_M})\b(?:,?\s+({_Y}))?"),
    # months
    ("my", rf"({_M})\.?\s+({_Y})"),
    ("m", rf"(?:(?:im|in|seit|since|anfang|ende|mitte|early|late|mid|last|next|this|planned|anticipated|geplanten|kommenden|vergangenen|letzten|zum|bis|until|by)\s+|mid-)({_M})\b(?!\.?\s+{_Y})"),
    # weekdays of next week ("next week Friday", "nächste Woche Freitag", "Freitag kommender Woche")
    ("wd_week", rf"(?:(?:in\s+der\s+)?(?:nächsten|kommenden)\s+woche|nächste\s+woche|kommende\s+woche|next\s+week),?\s+(?:am\s+|on\s+)?({_W})\b"
                rf"|(?:am\s+|on\s+)?({_W})\s+(?:(?:nächster|kommender)\s+woche|(?:of\s+)?next\s+week)\b"),
    # two days of one stay: "am Donnerstag und Freitag", "on Thursday and Friday"
    ("wd_pair", rf"(?:am|on)\s+({_W})\s+(?:und|and|&)\s+({_W})\b"),
    # weekdays and relative
    ("wd", rf"(?:(am|on|this|last|next|vergangenen|letzten|kommenden|nächsten|diesen)\s+)?({_W})(?:morgen|abend|nachmittag|vormittag|mittag|nacht)?\b"
           rf"|(des)\s+({_W})s\b"),  # genitive: "in den frühen Morgenstunden des Mittwochs"
    ("rel", r"vorgestern|übermorgen|gestern|yesterday|heute|today|tomorrow|(?<!am )(?<!Am )morgen(?![a-zäöüß])"
            r"|(?:in\s+der\s+)?(?:vergangenen|letzten|vorigen)\s+woche|vergangene\s+woche|letzte\s+woche|last\s+week"
            r"|(?:in\s+der\s+)?(?:nächsten|kommenden)\s+woche|nächste\s+woche|next\s+week"
            r"|anfang\s+der\s+woche|earlier\s+this\s+week|diese\s+woche|this\s+week|in\s+dieser\s+woche"
            r"|(?:im\s+)?(?:vergangenen|letzten|vorigen)\s+monat|last\s+month|(?:im\s+)?(?:nächsten|kommenden)\s+monat|next\s+month"
            r"|(?:im\s+)?(?:vergangenen|letzten|vorigen)\s+jahr|vergangenes\s+jahr|letztes\s+jahr|last\s+year|im\s+vorjahr"
            r"|(?:im\s+)?(?:nächsten|kommenden)\s+jahr|nächstes\s+jahr|next\s+year|(?:in\s+)?diese[ms]\s+jahr|this\s+year"
            r"|in\s+den\s+(?:kommenden|nächsten)\s+tagen|in\s+the\s+(?:coming|next)\s+(?:few\s+)?days|in\s+kürze"),
    ("year", rf"(?:im\s+jahre?\s+)?(?<![\d.,])({_Y})(?![\d]|\.\d)"),
]
_RE = re.compile(r"\b(?:" + "|".join(f"(?P<{name}>{pat})" for name, pat in _PATTERNS) + ")", re.IGNORECASE)
# lower-case ASCII first words of every pattern: find() with ``starts`` tries only tokens like these
FIRST_WORDS = frozenset(
    [m for m in MONTHS] + list(WEEKDAYS) + [
        "vom", "von", "from", "im", "in", "seit", "since", "anfang", "ende", "mitte", "early", "late", "mid", "last",
        "next", "this", "planned", "anticipated", "geplanten", "kommenden", "vergangenen", "letzten", "zum", "bis",
        "until", "by", "am", "on", "nachsten", "diesen", "vorgestern", "ubermorgen", "gestern", "yesterday", "heute",
        "today", "tomorrow", "morgen", "vergangene", "letzte", "vorigen", "naechsten", "nachste", "diese", "dieses",
        "diesem", "vergangenes", "letztes", "nachstes", "kommendes", "jahr", "jahre", "earlier", "mar", "maer", "marz",
        "jaenner", "janner", "sonnabend", "des", "kommende",
    ] + [w + part for w in WEEKDAYS for part in ("morgen", "abend", "nachmittag", "vormittag", "mittag", "nacht")])


@dataclass(frozen=True)
class DateMention:
    start: int  # char offsets in the text given to find()
    end: int
    value: tuple[str, str | None]  # (start ISO, end ISO or None)
    relative: bool  # resolved from a weekday / relative phrase


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
        return pub.year if (month, day or 31) >= (pub.month, pub.day if day else 1) else pub.year + 1
    return pub.year if (month, day or 1) <= (pub.month, pub.day) else pub.year - 1


def _weekday(wd: int, pub: date | None, future: bool, mod: str | None, before: date | None = None) -> date | None:
    if before is not None:
        return before - timedelta(days=(before.weekday() - wd) % 7)
    if pub is None:
        return None
    mod = (mod or "").lower()
    if mod in ("next", "kommenden", "nächsten") or (future and mod not in ("last", "vergangenen", "letzten")):
        return pub + timedelta(days=(wd - pub.weekday()) % 7)
    return pub - timedelta(days=(pub.weekday() - wd) % 7)


def _month_shift(d: date, months: int) -> str:
    m = d.month - 1 + months
    return f"{d.year + m // 12:04d}-{m % 12 + 1:02d}"


def _relative(phrase: str, pub: date | None) -> str | None:
    if pub is None:
        return None
    p = " ".join(phrase.lower().split())
    if p in ("heute", "today"):
        return pub.isoformat()
    if p in ("gestern", "yesterday"):
        return (pub - timedelta(days=1)).isoformat()
    if p == "vorgestern":
        return (pub - timedelta(days=2)).isoformat()
    if p in ("morgen", "tomorrow"):
        return (pub + timedelta(days=1)).isoformat()
    if p == "übermorgen":
        return (pub + timedelta(days=2)).isoformat()
    if "woche" in p or "week" in p:
        if any(w in p for w in ("vergangen", "letzt", "vorig", "last")):
            return _month_shift(pub - timedelta(days=7), 0)
        if any(w in p for w in ("nächst", "kommend", "next")):
            return _month_shift(pub + timedelta(days=7), 0)
        return _month_shift(pub, 0)
    if "monat" in p or "month" in p:
        return _month_shift(pub, -1 if any(w in p for w in ("vergangen", "letzt", "vorig", "last")) else 1)
    if "jahr" in p or "year" in p:
        if any(w in p for w in ("vergangen", "letzt", "vorig", "last", "vorjahr")):
            return f"{pub.year - 1:04d}"
        if any(w in p for w in ("nächst", "kommend", "next")):
            return f"{pub.year + 1:04d}"
        return f"{pub.year:04d}"
    if "tage" in p or "days" in p or "kürze" in p:
        return _month_shift(pub + timedelta(days=3), 0)
    return None


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


def find(text: str, published: date | None, future: bool = False, starts=None) -> list[DateMention]:
    """All resolvable date expressions in ``text`` (one sentence), in order.

    ``starts``: optional sorted offsets where an expression may begin (token starts whose
    word is a digit or in FIRST_WORDS); much faster than scanning every position.
    """
    out: list[DateMention] = []
    for m in _matches(text, starts):
        kind = m.lastgroup
        g = [x for x in m.groups() if x is not None][1:]  # drop the outer group
        start = end = None
        rel = False
        if kind == "range_de":
            d1, d2, mon, y = int(g[0]), int(g[1]), MONTHS[g[2].lower()], (int(g[3]) if len(g) > 3 else None)
            y = y or _year_for(mon, d2, published, future)
            if y:
                start, end = _iso(y, mon, d1), _iso(y, mon, d2)
        elif kind == "range_en":
            mon, d1, d2 = MONTHS[g[0].lower()], int(g[1]), int(g[2])
            y = int(g[3]) if len(g) > 3 else _year_for(mon, d2, published, future)
            if y:
                start, end = _iso(y, mon, d1), _iso(y, mon, d2)
        elif kind == "range_en2":
            d1, d2, mon = int(g[0]), int(g[1]), MONTHS[g[2].lower()]
            y = int(g[3]) if len(g) > 3 else _year_for(mon, d2, published, future)
            if y:
                start, end = _iso(y, mon, d1), _iso(y, mon, d2)
        elif kind == "range_wd":
            wd1, day, mon = WEEKDAYS[g[0].lower()], int(g[2]), MONTHS[g[3].lower()]
            y = int(g[4]) if len(g) > 4 else _year_for(mon, day, published, future)
            if y and _iso(y, mon, day):
                last = date(y, mon, day)
                start, end = _weekday(wd1, None, False, None, before=last).isoformat(), last.isoformat()
        elif kind == "numeric":
            start = _iso(int(g[2]), int(g[1]), int(g[0]))
        elif kind == "iso":
            start = _iso(int(g[0]), int(g[1]), int(g[2]))
        elif kind in ("dmy_de", "dmy_en"):
            day, mon = int(g[0]), MONTHS[g[1].lower()]
            y = int(g[2]) if len(g) > 2 else _year_for(mon, day, published, future)
            rel = len(g) <= 2
            if y:
                start = _iso(y, mon, day)
        elif kind == "mdy_en":
            mon, day = MONTHS[g[0].lower()], int(g[1])
            if len(g[0]) <= 3 and g[0].lower() in ("may", "mar", "jan", "jun", "jul", "aug", "sep", "oct", "nov", "dec", "feb", "apr") and not g[0][0].isupper():
                continue
            y = int(g[2]) if len(g) > 2 else _year_for(mon, day, published, future)
            rel = len(g) <= 2
            if y:
                start = _iso(y, mon, day)
        elif kind == "my":
            start = _iso(int(g[1]), MONTHS[g[0].lower()])
        elif kind == "m":
            word = g[0]
            if not word[0].isupper() or len(word) <= 3:
                continue
            mon = MONTHS[word.lower()]
            lead = m.group().lower()
            fut = future or any(lead.startswith(w) for w in ("next", "planned", "anticipated", "geplanten", "kommenden"))
            if any(lead.startswith(w) for w in ("last", "vergangenen", "letzten")):
                fut = False
            y = _year_for(mon, None, published, fut)
            rel = True
            if y:
                start = _iso(y, mon)
        elif kind == "wd_week":
            rel = True
            if published:
                monday = published - timedelta(days=published.weekday()) + timedelta(days=7)
                start = (monday + timedelta(days=WEEKDAYS[g[-1].lower()])).isoformat()
        elif kind == "wd_pair":
            rel = True
            first = _weekday(WEEKDAYS[g[0].lower()], published, future, None)
            if first:
                start = first.isoformat()
                end = (first + timedelta(days=(WEEKDAYS[g[1].lower()] - first.weekday()) % 7)).isoformat()
        elif kind == "wd":
            mod = g[0] if len(g) == 2 else None
            d = _weekday(WEEKDAYS[g[-1].lower()], published, future, mod)
            rel = True
            if d:
                start = d.isoformat()
        elif kind == "rel":
            start = _relative(m.group(), published)
            rel = True
        elif kind == "year":
            start = g[-1] if g else m.group()[-4:]
        if start:
            out.append(DateMention(m.start(), m.end(), (start, end if end != start else None), rel))
    return out


def compatible(a: str | None, b: str | None) -> bool:
    """Dates agree when either is missing or one is a prefix of the other."""
    return not a or not b or a.startswith(b) or b.startswith(a)
