"""Extraction speed on real news-length articles, and how it grows with article size (bounded).

    .venv/bin/python -m bench.extract_speed [--repeats 3] [--max-mb 3]

Throughput: articles per second per core (CPU time of this process) over the studied article
sets of the repository (seeds, tests/corpus, tests/heldout 001-005, tests/dev), median of the
repeats. Growth: one synthetic article made of repeated news paragraphs at 0.375, 0.75, 1.5
and 3 MB (up to --max-mb); linear time shows as a constant seconds-per-MB column.
"""

from __future__ import annotations

import argparse
import statistics
import time
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SETS = ["data/articles", "tests/corpus/articles", "tests/heldout/articles", "tests/dev/articles"]
NEVER_STUDIED = {"tests/heldout/articles": {f"{n:03d}" for n in range(6, 11)}}
PARAGRAPH = ("Der russische Außenminister Sergej Lawrow ist am Montag zu einem zweitägigen Besuch in Pjöngjang "
             "eingetroffen. Er traf Außenministerin Choe Son Hui. Begleitet wurde er von Vizeminister Andrej Rudenko. "
             "Die Wirtschaft wächst weiter, sagten Experten am Rande einer Konferenz in Berlin, auf der viele Themen "
             "besprochen wurden. Foreign Minister Wang Yi will travel to Moscow next week Friday for talks. ")


def _extractor():
    from kg.config import Settings
    from kg.extract import extract
    from kg.extract.lexicon import load

    lex = load(Settings().background)
    return lambda a: extract(a, lex)


def articles():
    from kg.articles import read_articles

    out = []
    for d in SETS:
        folder = REPO / d
        if folder.is_dir():
            found, _ = read_articles(folder)
            out += [a for a in found if Path(a.path).stem[:3] not in NEVER_STUDIED.get(d, set())]
    return out


def throughput(run, docs, repeats: int) -> tuple[float, float]:
    """(median articles/s per core, mean characters per article)."""
    run(docs[0])  # lexicon and caches warm
    rates = []
    for _ in range(repeats):
        c = time.process_time()
        for d in docs:
            run(d)
        rates.append(len(docs) / (time.process_time() - c))
    return statistics.median(rates), sum(len(d.text) for d in docs) / len(docs)


def growth(run, max_mb: float) -> list[tuple[float, float]]:
    """(MB, seconds) for one article at each size up to ``max_mb``."""
    from kg.model import Article

    out = []
    mb = 0.375
    while mb <= max_mb + 1e-9:
        n = int(mb * 1_000_000)
        text = (PARAGRAPH * (n // len(PARAGRAPH) + 1))[:n]
        c = time.process_time()
        run(Article.from_text(text, published=date(2023, 10, 16), language="de"))
        out.append((mb, time.process_time() - c))
        mb *= 2
    return out


def main(argv=None) -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--max-mb", type=float, default=3.0)
    args = p.parse_args(argv)
    run = _extractor()
    docs = articles()
    rate, chars = throughput(run, docs, args.repeats)
    print(f"{len(docs)} articles, {chars:,.0f} characters on average: {rate:,.0f} articles/s per core (median of {args.repeats})")
    for mb, s in growth(run, args.max_mb):
        print(f"{mb:5.3f} MB article: {s:6.2f} s CPU ({s / mb:5.2f} s per MB)")


if __name__ == "__main__":
    main()
