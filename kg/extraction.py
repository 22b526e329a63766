"""One article in, its facts out: the per-article step every build runs.

The embedded build (:mod:`kg.build`) and the sharded build on Dask (:mod:`kg.shards`)
both call :func:`extract_article`, so they share the extraction cache and the bad-input
reporting: a bad article becomes a :class:`~kg.articles.Problem` and never stops the
build. The cache keeps each article's facts as JSON, keyed by the hash of its bytes and
the extractor's tag, in a folder named by a path or an fsspec URL (``s3://...``), so
workers on other machines share it like local builds do.

Together with :func:`kg.rdf.article_quads` (facts and merged event keys -> the quads of
the article's graph) this is the whole of what happens to one article; only the event
keys (:mod:`kg.merge`) need the other articles.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path

import fsspec

from kg import iris
from kg.articles import Problem
from kg.model import Article, ArticleFacts
from kg.resources import package_dir

log = logging.getLogger(__name__)

Extractor = Callable[[Article], ArticleFacts]


def default_extractor(background: str | Path) -> tuple[Extractor, str]:
    """The extractor with the lexicon of ``background``, and a cache tag that changes whenever
    its code or lexicon does, so an edited rule never serves stale cached facts even if nobody
    bumped its version."""
    from kg.extract import EXTRACTOR, extract
    from kg.extract.lexicon import load

    folder = Path(background)
    h = hashlib.sha256()
    code = sorted(p for p in (package_dir() / "extract").rglob("*") if p.suffix in (".py", ".yaml"))  # rules and their cue data
    for path in code + sorted(folder.glob("*")):
        if path.is_file():
            h.update(path.name.encode() + b"\0" + path.read_bytes())
    return partial(extract, lexicon=load(folder)), f"{EXTRACTOR}-{h.hexdigest()[:12]}"


class FactCache:
    """Extraction results by article bytes and extractor tag, in a folder or object store."""

    def __init__(self, location: str | Path, extractor_tag: str) -> None:
        self.fs, self.root = fsspec.core.url_to_fs(str(location))
        self.tag = iris.slug(extractor_tag)
        self.fs.makedirs(self.root, exist_ok=True)

    def _path(self, doc: Article) -> str:
        return f"{self.root.rstrip('/')}/{doc.sha256}-{self.tag}.json"

    def get(self, doc: Article) -> ArticleFacts | None:
        path = self._path(doc)
        try:
            raw = self.fs.cat_file(path)
        except FileNotFoundError:
            return None
        try:
            facts = ArticleFacts.from_dict(json.loads(raw))
        except (ValueError, KeyError, TypeError):
            log.warning("ignoring a damaged cache entry %s", path.rsplit("/", 1)[-1])
            return None
        # the same bytes under another name or manifest row: keep the new metadata
        facts.article = doc
        return facts

    def put(self, facts: ArticleFacts) -> None:
        cached = facts.to_dict()
        cached["article"]["text"] = ""  # the article itself is read again on every build
        data = json.dumps(cached, ensure_ascii=False).encode()
        path = self._path(facts.article)
        if "file" in self.fs.protocol:  # a local folder: write beside, then rename (atomic)
            # one temporary name per writer: two workers may extract the same bytes at once
            tmp = f"{path[: -len('.json')]}.{os.getpid()}-{uuid.uuid4().hex[:8]}.tmp"
            self.fs.pipe_file(tmp, data)
            self.fs.mv(tmp, path)
        else:  # an object store writes an object whole or not at all
            self.fs.pipe_file(path, data)


    def prune(self, docs: list[Article]) -> None:
        """Drop entries no article of ``docs`` uses (removed or edited articles, older
        extractors): the cache holds what the next build can reuse, not every build's past."""
        used = {self._path(doc).rsplit("/", 1)[-1] for doc in docs}
        for entry in self.fs.ls(self.root, detail=False):
            name = entry.rsplit("/", 1)[-1]
            if name not in used and name.endswith((".json", ".tmp")):
                self.fs.rm_file(entry)


@dataclass
class Extracted:
    """What one article gave: its facts (None when extraction failed) and its problems."""

    article: Article
    facts: ArticleFacts | None
    problems: list[Problem] = field(default_factory=list)
    from_cache: bool = False


def extract_article(doc: Article, extract: Extractor, cache: FactCache) -> Extracted:
    """The facts of ``doc``, from the cache when its bytes and the extractor are unchanged.

    Never raises for a bad article: the failure is a Problem that asks for a report.
    """
    name = Path(doc.path).name
    facts = cache.get(doc)
    from_cache = facts is not None
    if facts is None:
        try:
            facts = extract(doc)
        except Exception as exc:  # one bad article must not stop the build
            log.exception("extraction failed for %s", doc.path)
            return Extracted(doc, None, [Problem(name, f"extraction failed ({exc!r}); "
                                                       "please report it with the article attached")])
        cache.put(facts)
    return Extracted(doc, facts, [Problem(name, w, skipped=False) for w in facts.warnings], from_cache)


def without_text(extracted: Extracted) -> Extracted:
    """The same result with the article's text dropped (it is not needed past extraction)."""
    doc = replace(extracted.article, text="")
    facts = replace(extracted.facts, article=doc) if extracted.facts is not None else None
    return Extracted(doc, facts, extracted.problems, extracted.from_cache)
