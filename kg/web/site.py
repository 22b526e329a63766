"""What every blueprint shares: the settings, the query pool, caches per store generation.

The web process never opens the store itself; all reads go through the query pool
(:mod:`kg.web.querying`), so a single writer is possible when updates are enabled and
every query, the pages' own included, is stopped at the deadline.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any, Callable

from flask import current_app

from kg import iris
from kg.config import Settings
from kg.resources import web_dir
from kg.store import StoreRoot
from kg.web.cache import ResultCache
from kg.web.querying import QueryPool

#: seconds between looks at which generation is published; a query process's answer says
#: which one it read, and a newer one it reports is taken at once
GENERATION_CHECK_S = 1.0


class Site:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.root = StoreRoot(settings.store)
        self.remote = settings.backend != "embedded"
        if self.remote:  # an external SPARQL engine (kg.web.remote)
            from kg.web.remote import RemotePool

            self.pool = RemotePool(settings.backend, timeout=settings.query_timeout)
            self._remote_generation = time.strftime("gen-backend-%Y%m%dT%H%M%S", time.gmtime())
        else:
            self.pool = QueryPool(
                settings.store,
                size=settings.query_processes,
                timeout=settings.query_timeout,
                read_only=not settings.update_token,
                network=bool(settings.service_allowlist),
                memory_limit=settings.query_memory * 2**20,
            )
        self._cache: dict[str, tuple[str, Any]] = {}
        self._lock = threading.Lock()
        self._generation = ("", float("-inf"))  # (name, when it was read)
        self.results = ResultCache(settings.result_cache_mb * 2**20, max_age=settings.http_max_age,
                                   enabled=not settings.update_token)  # updates change a generation in place

    @property
    def id_base(self) -> str:
        """IRIs under this prefix are served at /id/..."""
        return self.settings.base_iri.rstrip("/") + "/id/"

    @property
    def public_url(self) -> str:
        """Where clients reach this server (KG_BASE_URL), never taken from a request's Host.

        >>> Site(Settings(port=8080)).public_url
        'http://127.0.0.1:8080'
        """
        return self.settings.base_url.rstrip("/") or f"http://{self.settings.host}:{self.settings.port}"

    @property
    def ontology_iri(self) -> str:
        return self.settings.base_iri.rstrip("/") + "/ontology"

    def generation(self) -> str:
        """Name of the published store generation ('' when nothing is built), read from disk
        at most once per :data:`GENERATION_CHECK_S`, not on every request. With an external
        backend, one name from the server's start: restart the server after reloading the engine."""
        if self.remote:
            return self._remote_generation
        name, read = self._generation
        now = time.monotonic()
        if now - read < GENERATION_CHECK_S:
            return name
        gen = self.root.current()
        name = gen.name if gen else ""
        self._generation = (name, now)
        return name

    def saw_generation(self, name: str) -> None:
        """A query process answered from generation ``name``: a newer one is current from now on."""
        if name and name != self._generation[0]:
            self._generation = (name, time.monotonic())

    def cached(self, name: str, factory: Callable[[], Any]) -> Any:
        """``factory()`` computed once per store generation (recomputed after a rebuild)."""
        gen = self.generation()
        hit = self._cache.get(name)
        if hit and hit[0] == gen:
            return hit[1]
        with self._lock:
            hit = self._cache.get(name)
            if hit and hit[0] == gen:
                return hit[1]
            value = factory()
            self._cache[name] = (gen, value)
            return value

    def invalidate(self) -> None:
        self._cache.clear()
        self.results.clear()

    def local_path(self, iri: str) -> str | None:
        """The path this server serves ``iri`` at, or None when it is not ours.

        >>> Site(Settings()).local_path("https://w3id.org/diplokg/id/person/x")
        '/id/person/x'
        """
        if iri.startswith(self.id_base):
            return "/id/" + iri[len(self.id_base):]
        if iri.startswith(iris.ONTOLOGY):
            return "/ontology#" + iri[len(iris.ONTOLOGY):]
        if iri == iris.ONTOLOGY_IRI:
            return "/ontology"
        return None

    @property
    def static_vendor(self) -> Path:
        return web_dir() / "static" / "vendor"


def site() -> Site:
    return current_app.extensions["diplokg"]
