"""One trip reported by several articles becomes one dkg:Visit.

Visits merge when traveller and host state are the same and their dates are
compatible: one date is a prefix of the other ("2023-09" and "2023-09-13"), or an
undated report lies in the window its status implies (an announcement up to 90 days
before the trip, an ongoing report within a fortnight of it). Distinct trips stay
distinct. The IRI of a merged visit is derived from its traveller, host state and the
most precise date any report gives, cut to the month, so it stays stable when another
article adds a more precise day.

Only reports of the same trip identity (:func:`trip_identity`: the event's kind and who,
which is also the stem of its key) can merge or share a key, so the merge is a map and a
reduce: :func:`event_reports` per article, grouped by identity, :func:`cluster_keys` per
group. :func:`assign_event_keys` (or :func:`keys_of_reports`) runs it in one process; :mod:`kg.shards` runs the same
functions as a Dask groupby and gets the same keys.

>>> _compatible("2023-09", "2023-09-13"), _compatible("2019", "2023-09")
(True, False)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from kg.model import ArticleFacts

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
        return f"{_stem(self.kind, self.ident)}-{when}"


def _stem(kind: str, ident: tuple[str, ...]) -> str:
    names = [part.split("/", 1)[-1] for part in ident]
    if kind == "visit":
        return f"visit/{names[0]}-to-{names[1]}"
    return "summit/" + "-".join(names)


@dataclass(frozen=True)
class Report:
    """One article's report of a visit or summit: all the merge needs of it."""

    kind: str  # "visit" or "summit"
    ident: tuple[str, ...]  # traveller+host, or sorted participants
    start: str | None
    status: str
    published: date | None
    article_id: str
    index: int  # position among the article's visits (or summits)


def event_reports(facts: ArticleFacts) -> list[Report]:
    """The map step: the reports of one article."""
    a = facts.article
    return ([Report("visit", (v.traveller, v.host), v.start, v.status, a.published, a.id, i) for i, v in enumerate(facts.visits)]
            + [Report("summit", tuple(sorted(set(s.participants))), s.start, s.status, a.published, a.id, i)
               for i, s in enumerate(facts.summits)])


def trip_identity(report: Report) -> str:
    """The reduce key: reports with different identities never merge nor share a key.

    >>> trip_identity(Report("visit", ("person/a", "state/b"), None, "Completed", None, "x", 0))
    'visit/a-to-b'
    """
    return _stem(report.kind, report.ident)


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
    return keys_of_reports({facts.article.id: event_reports(facts) for facts in all_facts})


def keys_of_reports(reports: dict[str, list[Report]]) -> dict[str, tuple[list[str], list[str]]]:
    """:func:`assign_event_keys` from each article's :func:`event_reports`, all the merge keeps
    of an article (a build holds these for the whole corpus, not the facts)."""
    groups: dict[str, list[Report]] = {}
    for rs in reports.values():
        for r in rs:
            groups.setdefault(trip_identity(r), []).append(r)
    result = {article_id: ([""] * sum(r.kind == "visit" for r in rs), [""] * sum(r.kind == "summit" for r in rs))
              for article_id, rs in reports.items()}
    for group in groups.values():
        for article_id, kind, index, key in cluster_keys(group):
            result[article_id][0 if kind == "visit" else 1][index] = key
    return result


def cluster_keys(reports: list[Report]) -> list[tuple[str, str, int, str]]:
    """The reduce step: (article id, kind, index, key) for each report of one trip identity."""
    clusters: list[_Cluster] = []

    def place(r: Report) -> None:
        candidates = [c for c in clusters if c.kind == r.kind and c.ident == r.ident]
        member = (r.article_id, r.index)
        if r.start:
            for c in candidates:
                if any(_compatible(r.start, d) for d in c.dates) or (
                    not c.dates and c.undated_refs and all(_window_fits(r.start, ref, r.status) for ref in c.undated_refs)
                ):
                    c.dates.append(r.start)
                    c.members.append(member)
                    return
            clusters.append(_Cluster(r.kind, r.ident, [r.start], [], [member]))
            return
        ref = r.published
        for c in candidates:
            if ref is None or (c.best_date() and _window_fits(c.best_date(), ref, r.status)) or (
                not c.dates and any(abs(ref - u) <= ANNOUNCEMENT_WINDOW for u in c.undated_refs)
            ):
                if ref:
                    c.undated_refs.append(ref)
                c.members.append(member)
                return
        clusters.append(_Cluster(r.kind, r.ident, [], [ref] if ref else [], [member]))

    # dated reports first, so undated ones can join the trip they announce or describe
    for r in sorted(reports, key=lambda r: (r.start is None, -len(r.start or ""), r.article_id, r.kind, r.index)):
        place(r)

    out = []
    seen: dict[str, int] = {}
    for c in sorted(clusters, key=lambda c: (c.kind, c.ident, c.best_date() or "", sorted(c.members))):
        key = c.key()
        n = seen.get(key, 0)
        seen[key] = n + 1
        if n:  # two distinct trips in the same month: tell them apart by their first report
            key = f"{key}-{n + 1}"
        out += [(article_id, c.kind, index, key) for article_id, index in c.members]
    return out
