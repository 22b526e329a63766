"""One trip reported by several articles becomes one dkg:Visit.

Visits merge when traveller and host state are the same and their dates are
compatible: one date is a prefix of the other ("2023-09" and "2023-09-13"), or an
undated report lies in the window its status implies (an announcement up to 90 days
before the trip, an ongoing report within a fortnight of it). Distinct trips stay
distinct. The IRI of a merged visit is derived from its traveller, host state and the
most precise date any report gives, cut to the month, so it stays stable when another
article adds a more precise day.

>>> _compatible("2023-09", "2023-09-13"), _compatible("2019", "2023-09")
(True, False)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from kg.model import ArticleFacts, Summit, Visit

ANNOUNCEMENT_WINDOW = timedelta(days=90)
REPORT_WINDOW = timedelta(days=14)


@dataclass
class _Cluster:
    kind: str  # "visit" or "summit"
    ident: tuple[str, ...]  # traveller+host, or sorted participants
    dates: list[str] = field(default_factory=list)
    undated_refs: list[date] = field(default_factory=list)
    members: list[tuple[str, int]] = field(default_factory=list)  # (article id, index)

    def best_date(self) -> str | None:
        return max(self.dates, key=len) if self.dates else None

    def key(self) -> str:
        best = self.best_date()
        when = best[:7] if best else (min(self.undated_refs).isoformat()[:7] + "-reported" if self.undated_refs else "undated")
        names = "-".join(part.split("/", 1)[-1] for part in self.ident)
        if self.kind == "visit":
            traveller, host = (p.split("/", 1)[-1] for p in self.ident)
            return f"visit/{traveller}-to-{host}-{when}"
        return f"summit/{names}-{when}"


def _compatible(a: str, b: str) -> bool:
    return a.startswith(b) or b.startswith(a)


def _period(iso: str) -> tuple[date, date]:
    """First and last day of an ISO date, year-month or year."""
    parts = [int(x) for x in iso.split("-")]
    if len(parts) == 3:
        d = date(*parts)
        return d, d
    if len(parts) == 2:
        first = date(parts[0], parts[1], 1)
        return first, (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    return date(parts[0], 1, 1), date(parts[0], 12, 31)


def _window_fits(event_date: str, reported: date, status: str) -> bool:
    """Could an undated report published on ``reported`` be about a trip at ``event_date``?"""
    first, last = _period(event_date)
    if status == "Announced":
        lo, hi = reported - REPORT_WINDOW, reported + ANNOUNCEMENT_WINDOW
    else:
        lo, hi = reported - ANNOUNCEMENT_WINDOW, reported + REPORT_WINDOW
    return first <= hi and last >= lo


def assign_event_keys(all_facts: list[ArticleFacts]) -> dict[str, tuple[list[str], list[str]]]:
    """Article id -> (visit keys, summit keys), in the order of the article's events."""
    clusters: list[_Cluster] = []

    def place(kind: str, ident: tuple[str, ...], event: Visit | Summit, article_id: str, index: int,
              published: date | None) -> None:
        candidates = [c for c in clusters if c.kind == kind and c.ident == ident]
        if event.start:
            for c in candidates:
                if any(_compatible(event.start, d) for d in c.dates) or (
                    not c.dates and c.undated_refs and all(_window_fits(event.start, r, event.status) for r in c.undated_refs)
                ):
                    c.dates.append(event.start)
                    c.members.append((article_id, index))
                    return
            clusters.append(_Cluster(kind, ident, [event.start], [], [(article_id, index)]))
            return
        ref = published
        for c in candidates:
            if ref is None or (c.best_date() and _window_fits(c.best_date(), ref, event.status)) or (
                not c.dates and any(abs(ref - r) <= ANNOUNCEMENT_WINDOW for r in c.undated_refs)
            ):
                if ref:
                    c.undated_refs.append(ref)
                c.members.append((article_id, index))
                return
        clusters.append(_Cluster(kind, ident, [], [ref] if ref else [], [(article_id, index)]))

    # dated reports first, so undated ones can join the trip they announce or describe
    order = []
    for facts in all_facts:
        for i, v in enumerate(facts.visits):
            order.append((v.start is None, "visit", (v.traveller, v.host), v, facts, i))
        for i, s in enumerate(facts.summits):
            order.append((s.start is None, "summit", tuple(sorted(set(s.participants))), s, facts, i))
    order.sort(key=lambda t: (t[0], -len(t[3].start or ""), t[4].article.id, t[5]))
    for _, kind, ident, event, facts, i in order:
        place(kind, ident, event, facts.article.id, i, facts.article.published)

    result = {f.article.id: ([""] * len(f.visits), [""] * len(f.summits)) for f in all_facts}
    seen: dict[str, int] = {}
    for c in sorted(clusters, key=lambda c: (c.kind, c.ident, c.best_date() or "", sorted(c.members))):
        key = c.key()
        n = seen.get(key, 0)
        seen[key] = n + 1
        if n:  # two distinct trips in the same month: tell them apart by their first report
            key = f"{key}-{n + 1}"
        for article_id, index in c.members:
            result[article_id][0 if c.kind == "visit" else 1][index] = key
    return result
