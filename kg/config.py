"""One frozen Settings object: defaults < ``KG_*`` environment variables < CLI flags.

>>> Settings.from_env({"KG_PORT": "8080"}).port
8080
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from kg.resources import background_dir, workdir

REPO = workdir()


@dataclass(frozen=True)
class Settings:
    """Every knob of DiploKG. Each field is documented in the README's settings table."""

    #: folder of articles (.txt/.html) with manifest.csv
    articles: Path = REPO / "data" / "articles"
    #: largest article file read by the build, in bytes (larger ones are skipped with a message)
    max_article_bytes: int = 5_000_000
    #: extraction processes a build runs (0 = one per core)
    build_workers: int = 0
    #: quads a build holds before writing them: bounds its memory, whatever the corpus size
    build_batch: int = 100_000
    #: folder of curated Turtle files loaded into their own graphs
    curated: Path = REPO / "data" / "curated"
    #: folder of background knowledge (persons, states, places, posts)
    background: Path = background_dir()
    #: store root (generations + `current` link)
    store: Path = REPO / "data" / "build" / "store"
    #: folder for generated dumps served under /dumps/
    dumps: Path = REPO / "data" / "build" / "dumps"
    host: str = "127.0.0.1"
    port: int = 5000
    #: seconds a query may run before it is stopped
    query_timeout: float = 30.0
    #: most result rows a SELECT returns (the response says when it cut)
    max_rows: int = 100_000
    #: largest accepted request body in bytes
    max_request_bytes: int = 1_000_000
    #: bearer token that enables SPARQL Update; empty = read-only
    update_token: str = ""
    #: SERVICE targets allowed in queries (exact IRIs); empty = SERVICE refused
    service_allowlist: tuple[str, ...] = ()
    #: origins allowed by CORS; "*" = any (never with credentials)
    cors_origins: tuple[str, ...] = ("*",)
    #: worker processes for `kg serve`
    workers: int = 2
    #: query processes per server worker (each holds the store; killed at the timeout)
    query_processes: int = 2
    #: megabytes of memory a query process may use before its query is stopped (0 = no limit)
    query_memory: int = 2048
    #: deepest nesting of { ( [ a query may have (checked before parsing)
    max_query_depth: int = 100
    #: megabytes of query answers each server process keeps per store generation (0 = none kept)
    result_cache_mb: int = 64
    #: seconds clients and proxies may reuse an answer without asking (Cache-Control max-age)
    http_max_age: int = 0
    #: base IRI the server answers for (linked-data pages)
    base_iri: str = "https://w3id.org/diplokg/"
    #: public URL of the server for the service description and VoID; empty = http://host:port
    base_url: str = ""
    #: where queries run: "embedded" (the store root) or the URL of a SPARQL endpoint (Virtuoso, Oxigraph's server, QLever)
    backend: str = "embedded"
    #: `kg load --engine virtuoso`: host:port of Virtuoso's SQL server (isql)
    virtuoso_isql: str = "127.0.0.1:1111"
    #: `kg load --engine virtuoso`: password of the SQL user
    virtuoso_password: str = "dba"
    extra: dict = field(default_factory=dict, compare=False)

    @classmethod
    def from_env(cls, env: dict | None = None, **overrides) -> "Settings":
        """Defaults, then ``KG_<FIELD>`` variables, then keyword overrides (CLI flags)."""
        env = os.environ if env is None else env
        values = {}
        for f in fields(cls):
            if f.name == "extra":
                continue
            raw = env.get(f"KG_{f.name.upper()}")
            if raw is not None:
                values[f.name] = _parse(f.type, raw)
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**{k: _coerce(cls, k, v) for k, v in values.items()})

    def with_(self, **changes) -> "Settings":
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


def _parse(type_name, raw: str):
    t = str(type_name)
    if "tuple" in t:
        return tuple(x.strip() for x in raw.split(",") if x.strip())
    if t == "int":
        return int(raw)
    if t == "float":
        return float(raw)
    if t == "Path":
        return Path(raw)
    return raw


def _coerce(cls, name: str, value):
    t = str({f.name: f.type for f in fields(cls)}[name])
    if t == "Path" and not isinstance(value, Path):
        return Path(value)
    if "tuple" in t and isinstance(value, (list, str)):
        return tuple(value.split(",")) if isinstance(value, str) else tuple(value)
    return value
