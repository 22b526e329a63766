"""``kg explain ARTICLE``: every fact of one article with the sentences that state it and the rules behind them.

For reviewing the extractor: a wrong fact shows which sentence it came from and which rule
ids (``kg/extract/lang/<language>/*.yaml``, or ``phrase.*`` patterns in the code) fired there.
"""

from __future__ import annotations

from pathlib import Path

from kg.model import ArticleFacts, Evidence


def read_one(path: str | Path):
    """The article at ``path``, with the metadata its folder's manifest gives it; problems are raised."""
    from kg.articles import read_article, read_manifest

    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"no article file {path}: give the path of a .txt or .html article")
    problems: list = []
    meta = read_manifest(path.parent, problems).get(path.name, {})
    article = read_article(path, meta, problems)
    if article is None:
        raise ValueError("; ".join(str(p) for p in problems))
    return article


def _line(ev: Evidence) -> str:
    quote = " ".join(ev.quote.split())
    rules = ", ".join(ev.rules) or "no rule recorded"
    return f'    "{quote}"\n      rules: {rules}'


def _dates(start, end) -> str:
    return f"{start or '?'}{' .. ' + end if end else ''}"


def explain(facts: ArticleFacts) -> str:
    """A plain-text report of the facts, each followed by its evidence sentences and their rules."""
    a = facts.article
    out = [f"{a.path} (published {a.published or 'unknown'}, language {a.language or 'unknown'})"]
    out += [f"warning: {w}" for w in facts.warnings]
    for i, v in enumerate(facts.visits):
        out.append(f"\nvisit {i}: {v.traveller} -> {v.host}, {_dates(v.start, v.end)}, {v.status}"
                   + (f", {v.kind}" if v.kind else "") + (f", by {v.transport}" if v.transport else ""))
        for label, values in (("places", v.places), ("accompanied by", v.accompanied_by), ("met", v.met)):
            if values:
                out.append(f"  {label}: {', '.join(values)}")
        out.append("  stated in:")
        out += [_line(ev) for ev in v.evidence]
        for c in v.claims:
            if c.prop not in ("traveller", "status", "hostState"):
                out.append(f"  {c.prop} = {c.value}:")
                out.append(_line(c.evidence))
    for i, s in enumerate(facts.summits):
        during = f", during visit {s.during_visit}" if s.during_visit is not None else ""
        out.append(f"\nsummit {i}: {' + '.join(s.participants)}, {_dates(s.start, s.end)}, {s.status}{during}")
        out += [_line(ev) for ev in s.evidence]
    for h in facts.holdings:
        out.append(f"\npost: {h.person} holds {h.post} of {h.state or 'no state'} ('{h.title}')")
        out += [_line(ev) for ev in h.evidence[:1]]
    if not facts.visits and not facts.summits:
        out.append("\nno visits or summits found")
    return "\n".join(out)


def main(path: str | Path, lexicon) -> str:
    """The report for the article at ``path``, extracted with ``lexicon``."""
    from kg.extract import extract

    return explain(extract(read_one(path), lexicon))
