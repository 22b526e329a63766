"""Polite HTTP for ``kg ingest``: one place for what a well-behaved crawler owes a news site.

A user agent that names the project, robots.txt obeyed (RFC 9309: a missing file allows
everything, an unreachable one forbids everything for the run), a pause between two
requests to the same site (longer when robots.txt asks for a Crawl-delay), a time limit
on every response, retries with doubling back-off after timeouts, connection errors, 429
and 5xx answers, a size limit on bodies and conditional GET (ETag / Last-Modified).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

#: the product token robots.txt rules are matched against
AGENT = "DiploKG"
#: the longest Crawl-delay honoured, and the longest Retry-After waited for (seconds)
MAX_WAIT = 60.0
_RETRY_STATUS = {429, 500, 502, 503, 504}


def user_agent() -> str:
    try:
        release = version("diplokg")
    except PackageNotFoundError:  # imported from a checkout that was never installed
        release = "dev"
    return f"{AGENT}/{release} (+https://w3id.org/diplokg/; news ingestion for a research knowledge graph)"


@dataclass(frozen=True)
class Politeness:
    """How ``kg ingest`` treats the sites it reads; the defaults suit public news sites."""

    #: seconds between two requests to one host
    delay: float = 1.0
    #: seconds to connect, and for a whole response to arrive
    timeout: float = 20.0
    #: further attempts after a timeout, a connection error, 429 or 5xx
    retries: int = 2
    #: seconds before the first retry; doubled for each next one
    backoff: float = 2.0
    #: largest response body accepted
    max_bytes: int = 10_000_000
    max_redirects: int = 5
    #: most pages fetched in one run; the rest wait for the next
    pages_per_run: int = 200
    user_agent: str = field(default_factory=user_agent)


@dataclass(frozen=True)
class Fetched:
    """A response: ``url`` after redirects, ``status`` 200 (or 304: unchanged since the validators),
    ``headers`` with lower-case names."""

    url: str
    status: int
    headers: Mapping[str, str]
    body: bytes

    @property
    def media_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    @property
    def validators(self) -> dict[str, str]:
        """What to send next time for a conditional GET."""
        found = {"etag": self.headers.get("etag"), "last_modified": self.headers.get("last-modified")}
        return {k: v for k, v in found.items() if v}


class FetchError(Exception):
    """A URL that gave no usable response; ``reason`` says why, for the run's report."""

    def __init__(self, url: str, reason: str):
        super().__init__(f"{url}: {reason}")
        self.url, self.reason = url, reason


class Disallowed(FetchError):
    """robots.txt of the site forbids the URL to this crawler."""


class _Transient(Exception):
    def __init__(self, reason: str, retry_after: float = 0.0):
        super().__init__(reason)
        self.reason, self.retry_after = reason, retry_after


class Fetcher:
    """Fetches URLs politely; one per run (it remembers robots.txt and the last request per host)."""

    def __init__(self, politeness: Politeness = Politeness(), *, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep):
        self.politeness = politeness
        import requests  # here, so that the command line reads Politeness without loading requests

        self._clock, self._sleep = clock, sleep
        self.session = requests.Session()
        self.session.headers["User-Agent"] = politeness.user_agent
        self._robots: dict[str, RobotFileParser | str] = {}  # origin -> rules, or why everything is forbidden
        self._last: dict[str, float] = {}  # host name -> when the last request to it started

    def get(self, url: str, validators: Mapping[str, str] | None = None) -> Fetched:
        """The response for ``url``, redirects followed (robots.txt asked before each hop);
        raises :class:`Disallowed` or :class:`FetchError`."""
        headers = {}
        if validators and validators.get("etag"):
            headers["If-None-Match"] = validators["etag"]
        if validators and validators.get("last_modified"):
            headers["If-Modified-Since"] = validators["last_modified"]
        return self._follow(url, headers, obey_robots=True)

    def close(self) -> None:
        self.session.close()

    # ----------------------------------------------------------------- robots.txt
    def _check_allowed(self, url: str) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise FetchError(url, "not an http(s) URL")
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._robots:
            self._robots[origin] = self._read_robots(origin)
        rules = self._robots[origin]
        if isinstance(rules, str):
            raise Disallowed(url, rules)
        if not rules.can_fetch(AGENT, url):
            raise Disallowed(url, "robots.txt forbids it")

    def _read_robots(self, origin: str) -> RobotFileParser | str:
        rules = RobotFileParser(origin + "/robots.txt")
        try:
            fetched = self._follow(origin + "/robots.txt", {}, obey_robots=False)
        except FetchError as exc:
            if exc.reason.startswith("HTTP 4"):
                rules.parse([])  # no robots.txt: everything allowed
                return rules
            return f"robots.txt unreachable ({exc.reason}), so the site counts as closed for this run"
        rules.parse(fetched.body.decode("utf-8", "replace").splitlines())
        return rules

    def _pause(self, origin: str, host: str) -> None:
        """Wait until ``host`` (whatever the scheme or port) has had its pause since the last request."""
        wait = self.politeness.delay
        rules = self._robots.get(origin)
        if isinstance(rules, RobotFileParser):
            wait = max(wait, min(float(rules.crawl_delay(AGENT) or 0), MAX_WAIT))
        last = self._last.get(host)
        if last is not None:
            remaining = last + wait - self._clock()
            if remaining > 0:
                self._sleep(remaining)
        self._last[host] = self._clock()

    # ----------------------------------------------------------------- requests
    def _follow(self, url: str, headers: dict[str, str], *, obey_robots: bool) -> Fetched:
        hop = url
        for _ in range(self.politeness.max_redirects + 1):
            if obey_robots:
                self._check_allowed(hop)
            fetched = self._with_retries(hop, headers)
            location = fetched.headers.get("location")
            if not (300 <= fetched.status < 400 and fetched.status != 304 and location):
                return fetched
            hop = urljoin(hop, location)
        raise FetchError(url, f"more than {self.politeness.max_redirects} redirects")

    def _with_retries(self, url: str, headers: dict[str, str]) -> Fetched:
        p = self.politeness
        for attempt in range(p.retries + 1):
            try:
                return self._request(url, headers)
            except _Transient as exc:
                if attempt == p.retries:
                    tries = f" (after {attempt + 1} attempts)" if attempt else ""
                    raise FetchError(url, exc.reason + tries) from None
                self._sleep(min(max(exc.retry_after, p.backoff * 2 ** attempt), MAX_WAIT))
        raise AssertionError("unreachable")

    def _request(self, url: str, headers: dict[str, str]) -> Fetched:
        import requests

        p = self.politeness
        parts = urlsplit(url)
        self._pause(f"{parts.scheme}://{parts.netloc}", parts.hostname or "")
        deadline = self._clock() + p.timeout
        try:
            with self.session.get(url, headers=headers, timeout=p.timeout, stream=True, allow_redirects=False) as r:
                if r.status_code in _RETRY_STATUS:
                    raise _Transient(f"HTTP {r.status_code} {r.reason}", _retry_after(r.headers.get("Retry-After")))
                if r.status_code >= 400:
                    raise FetchError(url, f"HTTP {r.status_code} {r.reason}")
                body = bytearray()
                for chunk in r.iter_content(64 * 1024):
                    body += chunk
                    if len(body) > p.max_bytes:
                        raise FetchError(url, f"larger than {p.max_bytes} bytes")
                    if self._clock() > deadline:
                        raise _Transient(f"no complete answer within {p.timeout:g} s")
                return Fetched(url, r.status_code, {k.lower(): v for k, v in r.headers.items()}, bytes(body))
        except requests.Timeout:
            raise _Transient(f"timed out after {p.timeout:g} s") from None
        except (requests.ConnectionError, requests.exceptions.ChunkedEncodingError) as exc:
            raise _Transient(f"connection failed ({type(exc).__name__})") from None


def _retry_after(value: str | None) -> float:
    try:
        return float(value) if value else 0.0
    except ValueError:  # an HTTP date: wait the usual back-off instead
        return 0.0
