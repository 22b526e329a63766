"""Notebook-style walk through DiploKG: build the graph, ask questions, plot a timeline.

Run it as a script (each ``# %%`` block is a notebook cell in VS Code or Jupytext)::

    python examples/visits_timeline.py                       # build data/articles into a temp store
    python examples/visits_timeline.py --store data/build/store --no-build
    python examples/visits_timeline.py --endpoint http://127.0.0.1:5000/sparql

The same cells run on a local store (``kg.open``) and on a shared server
(``kg.connect``): only the first cell differs.
"""

# %% Setup: where the graph comes from
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # write files, no window
import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

import kg  # noqa: E402
from kg.terms import as_date  # noqa: E402

REPO = Path(__file__).resolve().parent.parent


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--articles", type=Path, default=REPO / "data" / "articles", help="articles to build from")
    p.add_argument("--store", type=Path, help="store root (default: a new temporary folder)")
    p.add_argument("--no-build", action="store_true", help="use the store as it is")
    p.add_argument("--endpoint", help="a running DiploKG SPARQL endpoint instead of a local store")
    p.add_argument("--out", type=Path, default=Path("visits-timeline.png"), help="PNG to write")
    return p.parse_args(argv)


args = parse_args(sys.argv[1:] if __name__ == "__main__" else [])

if args.endpoint:
    g = kg.connect(args.endpoint)
else:
    g = kg.open(args.store or Path(tempfile.mkdtemp(prefix="diplokg-")) / "store")
    if not args.no_build:
        report = g.build(args.articles, progress=False)
        print(report.summary())
print(g, g.stats())

# %% Which ministers accompanied Kim Jong Un abroad?
ministers = g.query_df("ministers-accompanying", leader="Kim Jong Un")
print(ministers[["host", "start", "ministerName", "post"]].to_string(index=False))

# %% Who visited North Korea in 2023?
visitors = g.query_df("visitors-to-state", state="North Korea", since="2023-01-01", until="2023-12-31")
print(visitors[["visitorName", "from", "start", "status"]].to_string(index=False))

# %% The Russia - North Korea relationship, in date order
timeline = g.query_df("bilateral-timeline", state="Russia", other="North Korea")
print(timeline[["start", "reported", "kind", "people", "where", "status"]].to_string(index=False))

# %% And the evidence for one visit: the sentences and the articles they come from
evidence = g.query_df("visit-evidence", traveller="Sergei Lavrov", host="North Korea", when="2023")
for (published, title, quote), rows in evidence.groupby(["published", "title", "quote"], sort=False):
    supports = ", ".join(sorted(set(rows["about"].dropna()))) or "the visit"
    print(f"{published}  {title}\n    [{supports}] {quote}")

# %% Any SPARQL, with values bound safely (never pasted into the text)
VISITS = """
PREFIX dkg: <https://w3id.org/diplokg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?visit ?excluded (SAMPLE(?travellerName) AS ?traveller) (SAMPLE(?hostName) AS ?host)
       (MIN(?startDate) AS ?start) (MAX(?endDate) AS ?end)
       (GROUP_CONCAT(DISTINCT ?statusName; separator=", ") AS ?status)
WHERE {
  ?visit a dkg:Visit ; dkg:traveller ?t ; dkg:hostState ?h ; dkg:startDate ?startDate ; dkg:status ?s .
  OPTIONAL { ?visit dkg:endDate ?endDate }
  ?t rdfs:label ?tl . FILTER(LANG(?tl) IN ("en", ""))
  ?h rdfs:label ?hl . FILTER(LANG(?hl) = "en")
  BIND(STR(?tl) AS ?travellerName) BIND(STR(?hl) AS ?hostName)
  BIND(STRAFTER(STR(?s), "#") AS ?statusName)
  FILTER(?statusName != ?excluded)
}
GROUP BY ?visit ?excluded
ORDER BY STR(?start)
"""
# a bound variable must be one the SELECT clause returns (here ?excluded)
visits = g.query_df(VISITS, excluded="Cancelled")
print(visits[["traveller", "host", "start", "status"]].to_string(index=False))

# %% Plot: one row per traveller, a bar over the days a visit covers
# A date known only to the month or year (a pandas Period) spans that whole month or
# year: drawn hatched, as "some time in here"; announced visits are pale.
fig, ax = plt.subplots(figsize=(10, 0.6 * max(3, visits["traveller"].nunique()) + 1.5))
travellers = sorted(visits["traveller"].unique())
hosts = sorted(visits["host"].unique())
colours = {h: plt.cm.tab10(i % 10) for i, h in enumerate(hosts)}
for row in visits.itertuples():
    end = row.start if pd.isna(row.end) else row.end
    first, last = as_date(row.start), as_date(end, end=True)
    exact = not isinstance(row.start, pd.Period) and not isinstance(end, pd.Period)
    width = max((last - first).days + 1, 20)  # a short visit is still visible on a multi-year axis
    ax.barh(travellers.index(row.traveller), width, left=mdates.date2num(first), height=0.5,
            color=colours[row.host], alpha=0.4 if row.status == "Announced" else 0.9,
            hatch=None if exact else "///", fill=exact, edgecolor=colours[row.host], linewidth=1)
ax.set_yticks(range(len(travellers)), travellers)
ax.xaxis_date()
ax.set_title("Diplomatic visits in DiploKG (hatched: month or year only; pale: announced)")
ax.legend(handles=[plt.Rectangle((0, 0), 1, 1, color=colours[h]) for h in hosts], labels=hosts,
          title="state visited", loc="upper left", bbox_to_anchor=(1.01, 1), fontsize="small")
ax.margins(x=0.03)
fig.tight_layout()
fig.savefig(args.out, dpi=120)
print(f"wrote {args.out} ({len(visits)} visits)")
