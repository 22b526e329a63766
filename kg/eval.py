"""Score the extractor against hand-written gold files (precision, recall, F1).

Gold files are YAML, one per article (``<article stem>.yaml``), naming people, states and
places by any spelling: names are resolved with the extractor's own lexicon, so "Choe
Son-hui" and "Choe Son Hui" are one person. Matching rules:

* visits: same traveller and host, start dates compatible (one a prefix of the other, or
  either missing); one-to-one, exact date matches first;
* delegation members and meetings: (visit, person) pairs over matched visits;
* summits: dates compatible and at least two participants shared (all, when fewer);
* posts: (person, post, state) per article;
* exact dates: (visit, start) pairs with equal ISO strings.

>>> s = Score(); s.tp, s.fp, s.fn = 9, 1, 0
>>> round(s.f1, 3)
0.947
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

import yaml

from kg.extract import extract
from kg.extract.dates import compatible
from kg.extract.entities import _known_person
from kg.extract.lexicon import load, norm_tokens, person_key
from kg.iris import slug
from kg.model import Article, ArticleFacts

log = logging.getLogger(__name__)
CATEGORIES = ("visits", "delegation", "meetings", "summits", "posts", "dates")


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 3),
                "recall": round(self.recall, 3), "f1": round(self.f1, 3)}


def resolve(name: str | None, kind: str) -> str | None:
    """The key the extractor would use for ``name`` (a Person, State or Place)."""
    if not name:
        return None
    name = str(name)
    if "/" in name and name.split("/", 1)[0] in ("person", "state", "place"):
        return name
    lex = load()
    toks = norm_tokens(name)
    for e in lex.names.get(toks, []):
        if e.kind == kind:
            return e.key
    if kind == "Person":
        return _known_person(name, lex) or person_key(name)
    return f"{kind.lower()}/{slug(name)}"


def _date(v) -> str | None:
    return None if v is None else str(v)


def _gold_visits(g: dict) -> list[dict]:
    out = []
    for v in g.get("visits") or []:
        out.append({
            "traveller": resolve(v.get("traveller"), "Person"), "host": resolve(v.get("host"), "State"),
            "start": _date(v.get("start")),
            "accompanied_by": {resolve(x, "Person") for x in v.get("accompanied_by") or []},
            "met": {resolve(x, "Person") for x in v.get("met") or []},
        })
    return out


def _match_visits(gold: list[dict], got: list) -> list[tuple[int, int]]:
    pairs, used = [], set()
    for exact in (True, False):
        for gi, g in enumerate(gold):
            if any(gi == p[0] for p in pairs):
                continue
            for ei, e in enumerate(got):
                if ei in used or e.traveller != g["traveller"] or e.host != g["host"]:
                    continue
                ok = (e.start == g["start"]) if exact else compatible(e.start, g["start"])
                if ok:
                    pairs.append((gi, ei))
                    used.add(ei)
                    break
    return pairs


def score_article(facts: ArticleFacts, gold: dict) -> dict[str, Score]:
    """Scores of one article's facts against its gold dict."""
    s = {c: Score() for c in CATEGORIES}
    gv = _gold_visits(gold)
    ev = facts.visits
    pairs = _match_visits(gv, ev)
    s["visits"].tp = len(pairs)
    s["visits"].fp = len(ev) - len(pairs)
    s["visits"].fn = len(gv) - len(pairs)
    for gi, ei in pairs:
        for cat, field in (("delegation", "accompanied_by"), ("meetings", "met")):
            G, E = gv[gi][field], set(getattr(ev[ei], field))
            s[cat].tp += len(G & E)
            s[cat].fp += len(E - G)
            s[cat].fn += len(G - E)
        if gv[gi]["start"] and ev[ei].start == gv[gi]["start"]:
            s["dates"].tp += 1
    s["dates"].fp = sum(1 for v in ev if v.start) - s["dates"].tp
    s["dates"].fn = sum(1 for v in gv if v["start"]) - s["dates"].tp
    # summits
    gs = [({resolve(p, "Person") for p in x.get("participants") or []}, _date(x.get("start"))) for x in gold.get("summits") or []]
    used = set()
    for parts, start in gs:
        for ei, e in enumerate(facts.summits):
            if ei in used:
                continue
            shared = parts & set(e.participants)
            need = min(2, len(parts), len(e.participants))
            if len(shared) >= need and compatible(start, e.start):
                used.add(ei)
                s["summits"].tp += 1
                break
        else:
            s["summits"].fn += 1
    s["summits"].fp = len(facts.summits) - len(used)
    # posts
    G = {(resolve(p["person"], "Person"), p["post"], resolve(p.get("state"), "State")) for p in gold.get("posts") or []}
    E = {(h.person, h.post, h.state) for h in facts.holdings}
    s["posts"].tp, s["posts"].fp, s["posts"].fn = len(G & E), len(E - G), len(G - E)
    return s


def _read_articles(articles_dir: Path) -> list[Article]:
    from kg.articles import read_articles

    articles, problems = read_articles(articles_dir)
    for p in problems:
        log.warning("%s", p)
    return articles


def evaluate(articles_dir, gold_dir) -> dict:
    """Extract every article that has a gold file and score it: {category: {tp, fp, fn, precision, recall, f1}}.

    The result also has ``articles``: per-article scores, for finding what went wrong.
    """
    articles_dir, gold_dir = Path(articles_dir), Path(gold_dir)
    golds = {p.stem: p for p in sorted(gold_dir.glob("*.yaml"))}
    if not golds:
        raise FileNotFoundError(f"no gold files (*.yaml) in {gold_dir}: write one per article or pass --gold DIR")
    total = {c: Score() for c in CATEGORIES}
    per_article = {}
    for a in _read_articles(articles_dir):
        stem = Path(a.path).stem
        if stem not in golds:
            continue
        gold = yaml.safe_load(golds[stem].read_text(encoding="utf-8")) or {}
        scores = score_article(extract(a), gold)
        per_article[stem] = {c: sc.as_dict() for c, sc in scores.items()}
        for c in CATEGORIES:
            total[c].tp += scores[c].tp
            total[c].fp += scores[c].fp
            total[c].fn += scores[c].fn
    missing = sorted(set(golds) - set(per_article))
    if missing:
        log.warning("gold files without an article in %s: %s", articles_dir, ", ".join(missing))
    out = {c: total[c].as_dict() for c in CATEGORIES}
    out["articles"] = per_article
    return out


def table(result: dict) -> str:
    """The scores as a plain-text table."""
    lines = [f"{'category':<12}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'fp':>6}{'fn':>6}"]
    for c in CATEGORIES:
        r = result[c]
        lines.append(f"{c:<12}{r['precision']:>7.3f}{r['recall']:>7.3f}{r['f1']:>7.3f}{r['tp']:>6}{r['fp']:>6}{r['fn']:>6}")
    return "\n".join(lines)


def main(articles_dir="data/articles", gold_dir="tests/gold") -> dict:
    """``kg eval``: print the score table and return the scores."""
    result = evaluate(articles_dir, gold_dir)
    print(f"{len(result['articles'])} articles scored against {gold_dir}")
    print(table(result))
    return result


if __name__ == "__main__":  # python -m kg.eval [ARTICLES [GOLD]]
    import sys

    main(*sys.argv[1:3])
