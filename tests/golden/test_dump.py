"""A build writes the frozen graph quad for quad, cold or incrementally after a change.

A difference is either a regression or an intended change of what is stored: then regenerate
with ``python tests/golden/dump.py`` and commit the diff with the change.
"""

import gzip
import hashlib
import re
from collections import Counter
from pathlib import Path

from pyoxigraph import NamedNode, RdfFormat, parse

from kg import iris

from kg.build import build
from kg.config import Settings
from tests.golden.dump import build_dump, dump_lines, frozen_extractor, read_frozen

BEFORE_LEAN = Path(__file__).with_name("dump-before-lean.nq.gz")


def _differences(got: list[str], want: list[str]) -> str:
    extra, missing = sorted(set(got) - set(want)), sorted(set(want) - set(got))
    return (f"{len(extra)} quads more, {len(missing)} fewer than tests/golden/dump.nq.gz "
            "(run python tests/golden/dump.py if the change is intended):\n"
            + "\n".join(["+ " + q for q in extra[:15]] + ["- " + q for q in missing[:15]]))


def test_cold_build_equals_frozen_dump(tmp_path):
    got, want = build_dump(tmp_path), read_frozen()
    assert got == want, _differences(got, want)


def test_rebuild_after_a_change_equals_a_cold_build(tmp_path):
    """Articles removed, then put back: each incremental result is what a cold build of the
    same articles writes (the union, the inferred graph and the name keys follow the change)."""
    store = tmp_path / "store"
    build_dump(tmp_path, store)
    articles = tmp_path / "articles"
    moved = sorted(articles.glob("corpus-*.txt"))[:3] + sorted(articles.glob("seeds-*.txt"))[:1]
    aside = tmp_path / "aside"
    aside.mkdir()
    for path in moved:
        path.rename(aside / path.name)
    settings = Settings.from_env(articles=articles, store=store, curated=tmp_path / "no-curated")
    report = build(settings, progress=False, extractor=frozen_extractor())
    assert report.graphs_removed == len(moved)
    cold = tmp_path / "cold"
    build(Settings.from_env(articles=articles, store=cold, curated=tmp_path / "no-curated"),
          progress=False, extractor=frozen_extractor())
    got, want = dump_lines(store), dump_lines(cold)
    assert got == want, _differences(got, want)

    for path in moved:
        (aside / path.name).rename(articles / path.name)
    build(settings, progress=False, extractor=frozen_extractor())
    got, want = dump_lines(store), read_frozen()
    assert got == want, _differences(got, want)


def test_frozen_dump_covers_every_part():
    """The frozen dump holds article graphs, the default-graph union, inferred triples and name keys,
    so the two tests above compare every part a build writes."""
    graphs = Counter(q.graph_name.value if isinstance(q.graph_name, NamedNode) else "" for q in
                     parse("".join(q + " .\n" for q in read_frozen()), format=RdfFormat.N_QUADS))
    assert graphs[""] > 1000 and graphs[iris.INFERRED_GRAPH] > 100
    assert sum(n for g, n in graphs.items() if g.startswith(iris.ARTICLE_GRAPH_PREFIX)) > 1000


def test_lean_graph_differs_from_the_graph_before_only_by_merged_mentions():
    """The graph before the redundancy cuts (``dump-before-lean.nq.gz``, frozen by the same
    builder) and today's frozen dump are the same once every Mention is named by its content:
    no fact, evidence link or inference is lost or added; only identical Mentions were merged.
    The derived shortcuts (``kg.reason.SHORTCUT_PROPERTIES``: their values and declarations)
    came later and are left out on both sides."""
    from kg.reason import SHORTCUT_PROPERTIES

    derived = tuple(f"<{p.value}>" for p in SHORTCUT_PROPERTIES)
    before, after = ([q for q in lines if not any(d in q for d in derived)] for lines in (_read(BEFORE_LEAN), read_frozen()))
    assert len(after) < len(before)
    assert _by_content(before) == _by_content(after)
    mentions = lambda lines: {q.split(" ", 1)[0] for q in lines if "/id/mention/" in q.split(" ", 1)[0]}  # noqa: E731
    assert len(mentions(after)) < len(mentions(before))


def _by_content(lines: list[str]) -> set[str]:
    """The lines with each Mention IRI replaced by a name for its content (its own statements)."""
    content: dict[str, list[str]] = {}
    for line in lines:
        subject, rest = line.split(" ", 1)
        if "/id/mention/" in subject and "/graph/article/" in rest:
            content.setdefault(subject, []).append(rest.rsplit(" ", 1)[0])
    names = {m: "<content:" + hashlib.sha256("\n".join(sorted(c)).encode()).hexdigest()[:16] + ">"
             for m, c in content.items()}
    mention = re.compile(r"<https://w3id\.org/diplokg/id/mention/[^>]*>")
    return {mention.sub(lambda m: names[m.group(0)], line) for line in lines}


def _read(path: Path) -> list[str]:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return fh.read().splitlines()
