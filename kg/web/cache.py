"""Answers kept per store generation, and HTTP validators that follow from them.

A published store generation never changes, so the answer to a query is a function of
(generation, query, dataset parameters, requested format, row limit): an answer kept under
that key is exactly the answer a new run would give. The endpoint therefore

* answers a repeated request from memory, without a round trip to a query process;
* gives every answer an ``ETag`` made from the same key, so a client that sends it back in
  ``If-None-Match`` gets ``304 Not Modified`` without any work at all;
* says ``Cache-Control: public, max-age=N`` (``KG_HTTP_MAX_AGE``, default 0: revalidate),
  and ``X-Cache: hit`` or ``miss``.

Queries whose answer is not a function of the data are never kept or tagged: ``NOW()``,
``RAND()``, ``UUID()``, ``STRUUID()``, ``BNODE()`` and ``SERVICE`` (another endpoint's data).
The memory held is bounded by ``KG_RESULT_CACHE_MB`` per server process (least recently used
answers leave first; 0 turns the cache off, validators stay). Only answers that were sent in
one piece are kept (up to :data:`kg.web.sparql.BUFFER`); a streamed answer is not. Updates
change a generation in place, so a server with updates enabled keeps nothing and tags nothing.

>>> c = ResultCache(max_bytes=100)
>>> k = c.key("g1", "ASK  {}", (), (), "application/json", None, 10)
>>> c.get(k) is None, k == c.key("g1", "ASK {} # same", (), (), "application/json", None, 10)
(True, True)
>>> c.put(k, b"true", {"Content-Type": "application/json"})
>>> c.get(k).body, c.bytes, c.get(k.on("g2"))
(b'true', 4, None)
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass, replace
from functools import lru_cache

from flask import Response

from kg.bindings import tokenize

_VOLATILE = re.compile(r"\b(NOW|RAND|UUID|STRUUID|BNODE)\s*\(|\bSERVICE\b", re.IGNORECASE)


@lru_cache(maxsize=4096)
def normalise(query: str) -> str | None:
    """The query with comments dropped and each run of white space outside strings and IRIs
    as one space; None when its answer is not a function of the data (see the module text).

    >>> normalise("SELECT ?s  # all\\n WHERE { ?s ?p 'a  b' }")
    "SELECT ?s WHERE { ?s ?p 'a  b' }"
    >>> normalise("SELECT (NOW() AS ?t) {}") is None
    True
    """
    parts: list[str] = []
    code: list[str] = []  # the text outside strings and IRIs, where a function can be named
    for t in tokenize(query):
        if t.kind in ("ws", "comment"):
            if parts and parts[-1] != " ":
                parts.append(" ")
            continue
        parts.append(t.text)
        if t.kind not in ("string", "iri"):
            code.append(t.text)
    return None if _VOLATILE.search(" ".join(code)) else "".join(parts).strip()


@dataclass(frozen=True)
class Key:
    """What an answer depends on; its digest is the cache key and the ``ETag``."""

    generation: str
    query: str  # normalised
    rest: tuple  # dataset parameters, Accept, format, row limit

    @property
    def digest(self) -> str:
        parts = (self.generation, self.query, *map(str, self.rest))
        return hashlib.blake2b("\x1e".join(parts).encode(), digest_size=16).hexdigest()

    @property
    def etag(self) -> str:
        return f'"{self.digest}"'

    def on(self, generation: str | None) -> "Key | None":
        """The same request answered from ``generation`` (what the query process reports)."""
        if not generation:
            return None
        return self if generation == self.generation else replace(self, generation=generation)


@dataclass(frozen=True)
class Cached:
    body: bytes
    headers: dict[str, str]


#: the headers of an answer that a copy from memory repeats
KEPT_HEADERS = ("Content-Type", "Vary", "Warning", "ETag", "Cache-Control")


class ResultCache:
    """Answers by key, least recently used out first, at most ``max_bytes`` of bodies.

    ``enabled`` False (a server that takes updates): nothing is kept and nothing tagged.
    """

    def __init__(self, max_bytes: int, *, max_age: int = 0, enabled: bool = True) -> None:
        self.max_bytes = max_bytes if enabled else 0
        self.max_age = max_age
        self.enabled = enabled
        self.bytes = 0
        self.hits = 0
        self.misses = 0
        self._entries: OrderedDict[str, Cached] = OrderedDict()
        self._lock = threading.Lock()

    def key(self, generation: str, query: str, default_graphs, named_graphs, accept: str | None,
            fmt: str | None, max_rows: int) -> Key | None:
        """The answer's identity; None when it must not be kept or tagged."""
        text = normalise(query) if self.enabled else None
        if text is None or not generation:
            return None
        return Key(generation, text, ("\x1f".join(default_graphs), "\x1f".join(named_graphs), accept or "",
                                      fmt or "", max_rows))

    def headers(self, key: Key | None) -> dict[str, str]:
        """``ETag`` and ``Cache-Control`` for an answer under ``key``."""
        if key is None:
            return {"Cache-Control": "no-store"} if self.enabled else {}
        return {"ETag": key.etag, "Cache-Control": f"public, max-age={self.max_age}", "X-Cache": "miss"}

    def early(self, key: Key | None, if_none_match: str | None) -> Response | None:
        """A 304 when the client holds this answer, the kept answer when there is one; else None."""
        if key is None:
            return None
        if if_none_match and (key.etag in if_none_match or if_none_match.strip() == "*"):
            return Response(status=304, headers={**self.headers(key), "Vary": "Accept"})
        hit = self.get(key)
        if hit is None:
            return None
        return Response(hit.body, status=200, headers={**hit.headers, "X-Cache": "hit"})

    def keep(self, key: Key | None, response: Response) -> None:
        """Keep a complete answer (one sent in one piece) for the next identical request."""
        if key is None or response.status_code != 200 or response.is_streamed:
            return
        self.put(key, response.get_data(), {h: response.headers[h] for h in KEPT_HEADERS if h in response.headers})



    def get(self, key: Key | None) -> Cached | None:
        if key is None or not self.max_bytes:
            return None
        with self._lock:
            hit = self._entries.get(key.digest)
            if hit is None:
                self.misses += 1
                return None
            self._entries.move_to_end(key.digest)
            self.hits += 1
            return hit

    def put(self, key: Key | None, body: bytes, headers: dict[str, str]) -> None:
        if key is None or len(body) > self.max_bytes // 4:
            return
        with self._lock:
            old = self._entries.pop(key.digest, None)
            if old is not None:
                self.bytes -= len(old.body)
            self._entries[key.digest] = Cached(body, dict(headers))
            self.bytes += len(body)
            while self.bytes > self.max_bytes:
                _, gone = self._entries.popitem(last=False)
                self.bytes -= len(gone.body)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self.bytes = 0
