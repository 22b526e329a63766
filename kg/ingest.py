"""``kg ingest``: new articles from RSS/Atom feeds, sitemaps and pages into the articles folder.

Each new page is stored as received (the HTML as is, named after its canonical URL, so
evidence offsets stay reproducible) with a manifest row filled from the metadata the page
declares, read by :func:`kg.articles.read_html` as the build reads it. A story already
stored, under the same canonical URL or with the same main text (a wire story on several
sites), is stored once and its other URLs are added to its row.

Safe to stop at any moment: an article is written under a temporary name and linked into
place (never over an existing file), the manifest and the state are replaced atomically,
and a run recovers what an interrupted one left. ``<articles>/.ingest/state.json`` keeps
what the next run needs: validators of feeds and sitemaps for conditional GET, the pages
still to fetch (with the failures to retry), the pages skipped for good, and fingerprints
of the stored texts.
"""

from __future__ import annotations

import contextlib
import csv
import fcntl
import gzip
import hashlib
import io
import json
import os
import re
import signal
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urljoin, urlsplit, urlunsplit

from kg.articles import MANIFEST, MANIFEST_COLUMNS, SUFFIXES, HtmlPage, decode, guess_language, read_html
from kg.config import Settings
from kg.fetch import Disallowed, Fetched, Fetcher, FetchError, Politeness
from kg.iris import slug

#: runs a failing page is tried in before it is skipped for good
MAX_ATTEMPTS = 5
#: URLs taken from one feed or sitemap; sitemap indexes are followed this deep
MAX_ENTRIES = 2000
MAX_SITEMAP_DEPTH = 2
#: main text shorter than this is no article (a section front, a video page)
MIN_TEXT = 200
_HTML_TYPES = {"text/html", "application/xhtml+xml"}
#: marker in .ingest/: articles were stored that no build has read yet
UNBUILT = "unbuilt"


class IngestBusy(RuntimeError):
    """Another ``kg ingest`` works on the same articles folder."""


class _NotAnArticle(Exception):
    """A page that will not become an article by asking again (a PDF, a section front)."""


@dataclass
class RunReport:
    """What one run did, for its progress line and the details below it."""

    new: list[str] = field(default_factory=list)  # files stored
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (url, why)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (url, reason): tried again next run
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (url, reason): not tried again
    sources: int = 0
    unchanged: int = 0  # feeds and sitemaps answered 304 Not Modified
    pending: int = 0  # pages left for the next run
    seconds: float = 0.0
    build: str = ""  # the build's summary, or why it did not run

    def line(self) -> str:
        left = f", {self.pending} left for the next run" if self.pending else ""
        return (f"{len(self.new)} new, {len(self.duplicates)} duplicate, {len(self.failed)} failed, "
                f"{len(self.skipped)} skipped; {self.sources} sources read ({self.unchanged} unchanged){left} "
                f"in {self.seconds:.1f} s")

    def lines(self) -> list[str]:
        """The progress line (with a time stamp), what happened to each page, and the build."""
        return ([f"{timestamp()} ingest: {self.line()}"]
                + [f"  new        {f}" for f in self.new]
                + [f"  duplicate  {u}: {why}" for u, why in self.duplicates]
                + [f"  failed     {u}: {why} (tried again next run)" for u, why in self.failed]
                + [f"  skipped    {u}: {why}" for u, why in self.skipped]
                + ([f"  {self.build}"] if self.build else []))


# ----------------------------------------------------------------------------- files


def write_new(path: Path, data: bytes, scratch: Path) -> bool:
    """Write ``data`` to ``path`` unless it exists: False then, and the existing file stays.

    The bytes go to a file in ``scratch`` (same file system), reach the disk, and are then
    linked to ``path`` in one step, so ``path`` is either absent or complete.
    """
    tmp = _scratch_file(scratch, path.name)
    try:
        tmp.write_bytes(data)
        with tmp.open("rb") as fh:
            os.fsync(fh.fileno())
        os.link(tmp, path)
        return True
    except FileExistsError:
        return False
    finally:
        tmp.unlink(missing_ok=True)


def replace_file(path: Path, data: bytes, scratch: Path) -> None:
    """Replace ``path`` with ``data`` atomically (for the manifest and the state, never an article)."""
    tmp = _scratch_file(scratch, path.name)
    try:
        tmp.write_bytes(data)
        with tmp.open("rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def _scratch_file(scratch: Path, name: str) -> Path:
    scratch.mkdir(parents=True, exist_ok=True)
    return scratch / f"{name}.{os.getpid()}.{time.monotonic_ns()}.part"


@contextlib.contextmanager
def _exclusive(lock: Path) -> Iterator[None]:
    lock.parent.mkdir(parents=True, exist_ok=True)
    with lock.open("a") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise IngestBusy(f"another kg ingest is running on {lock.parent.parent}; wait for it or stop it") from None
        yield


class Manifest:
    """``manifest.csv`` as rows; unknown columns and row order are kept when it is rewritten."""

    def __init__(self, path: Path):
        self.path = path
        self.columns = list(MANIFEST_COLUMNS)
        self.rows: list[dict[str, str]] = []
        if path.exists():
            try:
                text = path.read_text(encoding="utf-8-sig")
            except UnicodeDecodeError:
                raise ValueError(f"{path} is not UTF-8; save it as UTF-8 before running kg ingest") from None
            reader = csv.DictReader(io.StringIO(text, newline=""))
            self.columns += [c for c in reader.fieldnames or () if c not in self.columns]
            self.rows = [dict(r) for r in reader]
        self.by_url: dict[str, str] = {}
        for row in self.rows:
            self._index(row)

    def _index(self, row: dict[str, str]) -> None:
        if not row.get("file"):
            return
        for u in [row.get("url"), row.get("canonical_url"), *(row.get("other_urls") or "").split()]:
            if u:
                self.by_url.setdefault(normal_url(u), row["file"])

    def files(self) -> set[str]:
        return {r["file"] for r in self.rows if r.get("file")}

    def add(self, row: dict[str, str]) -> None:
        self.rows.append(row)
        self._index(row)

    def add_urls(self, file: str, urls: Iterable[str]) -> None:
        row = next(r for r in self.rows if r.get("file") == file)
        have = {normal_url(u) for u in [row.get("url"), row.get("canonical_url"), *(row.get("other_urls") or "").split()]
                if u}
        extra = [u for u in dict.fromkeys(normal_url(u) for u in urls) if u not in have]
        if extra:
            row["other_urls"] = " ".join([*(row.get("other_urls") or "").split(), *extra])
            self._index(row)

    def dump(self) -> bytes:
        out = io.StringIO(newline="")
        writer = csv.DictWriter(out, fieldnames=self.columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows({c: r.get(c) or "" for c in self.columns} for r in self.rows)
        return out.getvalue().encode("utf-8")


@dataclass
class State:
    """What the next run needs; see the module docstring."""

    listings: dict[str, dict[str, str]] = field(default_factory=dict)  # feed/sitemap URL -> validators
    pending: dict[str, dict] = field(default_factory=dict)  # page URL -> {"attempts": n, "error": why}
    skipped: dict[str, str] = field(default_factory=dict)  # page URL -> why it is never tried again
    fingerprints: dict[str, str] = field(default_factory=dict)  # article file -> fingerprint of its text

    @classmethod
    def load(cls, path: Path) -> "State":
        if not path.exists():
            return cls()
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return cls(**{k: data.get(k, {}) for k in ("listings", "pending", "skipped", "fingerprints")})
        except (ValueError, TypeError) as exc:
            raise ValueError(f"{path} is damaged ({exc}); delete it and kg ingest starts afresh "
                             "(stored articles are kept; feeds are read in full once)") from None

    def dump(self) -> bytes:
        return json.dumps(self.__dict__, indent=1, sort_keys=True, ensure_ascii=False).encode("utf-8")


# ----------------------------------------------------------------------------- what a page is


def normal_url(url: str) -> str:
    """A URL as compared for duplicates: scheme and host lower-case, no fragment, no default port."""
    p = urlsplit(url.strip())
    netloc = (p.hostname or "").lower()
    if p.port and (p.scheme, p.port) not in (("http", 80), ("https", 443)):
        netloc += f":{p.port}"
    return urlunsplit((p.scheme.lower(), netloc, p.path or "/", p.query, ""))


def fingerprint(page: HtmlPage) -> str:
    """Equal for the same story however it is spaced, cased or punctuated, and whatever its
    headline (sites give one wire story headlines of their own)."""
    text = page.text
    if page.title and text.startswith(page.title):
        text = text[len(page.title):]
    words = re.findall(r"\w+", text.casefold())
    return hashlib.sha256(" ".join(words).encode("utf-8")).hexdigest()


def article_file(canonical_url: str) -> str:
    """The file name of an article: its host and a digest of its canonical URL (stable, unique)."""
    host = slug(urlsplit(canonical_url).hostname or "page")[:40]
    return f"{host}_{hashlib.sha256(canonical_url.encode()).hexdigest()[:16]}.html"


def listing_urls(fetched: Fetched) -> tuple[str, list[str]] | None:
    """``("feed" | "sitemap" | "sitemapindex", urls)`` when the response lists pages, else None."""
    body = fetched.body
    if body[:2] == b"\x1f\x8b":
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(body)) as gz:
                body = gz.read(MAX_ENTRIES * 2000)
        except OSError:
            return None
    head = body[:2048].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")) or fetched.media_type in _HTML_TYPES:
        return None
    if b"<urlset" in head or b"<sitemapindex" in head:
        if b"<!doctype" in head or b"<!entity" in body[:65536].lower():
            return None  # sitemaps declare no entities; refuse rather than expand them
        try:
            root = ET.fromstring(body)
        except ET.ParseError:
            return None
        kind = "sitemapindex" if root.tag.endswith("sitemapindex") else "sitemap"
        locs = [e.text.strip() for e in root.iter() if e.tag.endswith("}loc") or e.tag == "loc" if e.text]
        return kind, locs[:MAX_ENTRIES]
    import feedparser

    # a stream, never bytes: feedparser would try bytes as a file name first
    feed = feedparser.parse(io.BytesIO(body), response_headers={"content-location": fetched.url})
    if not feed.version:
        return None
    links = [urljoin(fetched.url, e.get("link")) for e in feed.entries if e.get("link")]
    return "feed", links[:MAX_ENTRIES]


# ----------------------------------------------------------------------------- a run


class Ingest:
    """One run over one articles folder (see :func:`ingest`)."""

    def __init__(self, folder: Path, fetcher: Fetcher, report: RunReport):
        self.folder, self.fetcher, self.report = folder, fetcher, report
        self.work = folder / ".ingest"
        self.scratch = self.work / "tmp"
        self.manifest = Manifest(folder / MANIFEST)
        self.state = State.load(self.work / "state.json")
        self.texts: dict[str, str] = {}  # fingerprint -> file

    def save(self) -> None:
        replace_file(self.folder / MANIFEST, self.manifest.dump(), self.scratch)
        replace_file(self.work / "state.json", self.state.dump(), self.scratch)

    def recover(self) -> None:
        """Clear temporaries of an interrupted run; fingerprint every article not yet known."""
        if self.scratch.exists():
            for leftover in self.scratch.iterdir():
                leftover.unlink()
        on_disk = {p.name for p in self.folder.iterdir()
                   if p.suffix.lower() in SUFFIXES and p.is_file() and not p.is_symlink()}
        self.state.fingerprints = {f: fp for f, fp in self.state.fingerprints.items() if f in on_disk}
        for name in sorted(on_disk - set(self.state.fingerprints)):
            text, _ = decode((self.folder / name).read_bytes())
            page = read_html(text) if name.lower().endswith((".html", ".htm")) else HtmlPage(text=text)
            self.state.fingerprints[name] = fingerprint(page)
        self.texts = {fp: f for f, fp in sorted(self.state.fingerprints.items())}

    def read_source(self, url: str, depth: int = 0) -> None:
        """A feed, a sitemap or a page given by the user: its pages join the queue."""
        if normal_url(url) in self.manifest.by_url:
            return
        self.report.sources += depth == 0
        try:
            fetched = self.fetcher.get(url, self.state.listings.get(url))
        except Disallowed as exc:
            self.report.skipped.append((url, exc.reason))
            return
        except FetchError as exc:
            self.report.failed.append((url, exc.reason))
            return
        if fetched.status == 304:
            self.report.unchanged += 1
            return
        listed = listing_urls(fetched)
        if listed is None:  # a page: keep it, it is fetched already
            self.take(url, fetched)
            return
        kind, urls = listed
        if kind == "sitemapindex":
            for child in urls if depth < MAX_SITEMAP_DEPTH else ():
                self.read_source(child, depth + 1)
        else:
            for page in urls:
                known = normal_url(page) in self.manifest.by_url or page in self.state.skipped
                if not known:
                    self.state.pending.setdefault(page, {"attempts": 0})
        if fetched.validators:
            self.state.listings[url] = fetched.validators
        self.save()  # the queue is on disk before the validators would hide these entries

    def take(self, url: str, fetched: Fetched | None = None) -> None:
        """Fetch a queued page and store it, or count it as duplicate, failed or skipped."""
        if normal_url(url) in self.manifest.by_url:
            self.state.pending.pop(url, None)
            return
        try:
            fetched = fetched or self.fetcher.get(url)
            self._store(url, fetched)
        except (Disallowed, _NotAnArticle) as exc:
            self._skip(url, exc.reason if isinstance(exc, Disallowed) else str(exc))
        except FetchError as exc:
            entry = self.state.pending.setdefault(url, {"attempts": 0})
            entry["attempts"] += 1
            entry["error"] = exc.reason
            if entry["attempts"] >= MAX_ATTEMPTS:
                self._skip(url, f"{exc.reason}; gave up after {MAX_ATTEMPTS} runs")
            else:
                self.report.failed.append((url, exc.reason))
        self.save()

    def _skip(self, url: str, reason: str) -> None:
        self.state.pending.pop(url, None)
        self.state.skipped[url] = reason
        self.report.skipped.append((url, reason))

    def _store(self, url: str, fetched: Fetched) -> None:
        head = fetched.body[:1024].lstrip().lower()
        if fetched.media_type not in _HTML_TYPES and not head.startswith((b"<!doctype html", b"<html")):
            raise _NotAnArticle(f"not an HTML page ({fetched.media_type or 'no content type'})")
        text, _ = decode(fetched.body)
        page = read_html(text, url=fetched.url)
        canonical = normal_url(urljoin(fetched.url, page.canonical_url) if page.canonical_url else fetched.url)
        urls = list(dict.fromkeys([url, fetched.url, canonical]))
        self.state.pending.pop(url, None)
        same = next((self.manifest.by_url[normal_url(u)] for u in urls if normal_url(u) in self.manifest.by_url), None)
        if same:
            self.manifest.add_urls(same, urls)
            self.report.duplicates.append((url, f"same canonical URL as {same}"))
            return
        if len(page.text) < MIN_TEXT:
            raise _NotAnArticle(f"no article text found ({len(page.text)} characters of main text)")
        print_ = fingerprint(page)
        if print_ in self.texts and self.texts[print_] in self.manifest.files():
            self.manifest.add_urls(self.texts[print_], urls)
            self.report.duplicates.append((url, f"same text as {self.texts[print_]}"))
            return
        name = article_file(canonical)
        if not write_new(self.folder / name, fetched.body, self.scratch):
            # left by a run stopped before its manifest row: keep that file, describe it by itself
            page = read_html(decode((self.folder / name).read_bytes())[0], url=fetched.url)
            print_ = fingerprint(page)
        self.manifest.add({
            "file": name, "published": page.published, "language": page.language or guess_language(page.text) or "",
            "url": normal_url(fetched.url), "title": page.title, "publisher": page.publisher,
            "canonical_url": canonical,
            "other_urls": " ".join(u for u in map(normal_url, urls) if u not in (normal_url(fetched.url), canonical)),
        })
        self.state.fingerprints[name] = print_
        self.texts.setdefault(print_, name)
        self.report.new.append(name)
        (self.work / UNBUILT).touch()


def ingest(articles: str | Path, urls: Iterable[str] = (), *, politeness: Politeness = Politeness(),
           clock: Callable[[], float] = time.monotonic) -> RunReport:
    """One run: read the sources (feeds, sitemaps, pages), then fetch queued pages
    (at most ``politeness.pages_per_run``).

    Pages left over, and pages that failed, are fetched by the next run. Raises
    :class:`IngestBusy` when another run works on the same folder.
    """
    started = clock()
    folder = Path(articles)
    folder.mkdir(parents=True, exist_ok=True)
    report = RunReport()
    with _exclusive(folder / ".ingest" / "lock"):
        fetcher = Fetcher(politeness)
        run = Ingest(folder, fetcher, report)
        try:
            run.recover()
            run.save()
            for url in dict.fromkeys(urls):
                run.read_source(url)
            for url in list(run.state.pending)[:politeness.pages_per_run]:
                run.take(url)
        finally:
            fetcher.close()
        report.pending = len(set(run.state.pending) - {u for u, _ in report.failed})
    report.seconds = clock() - started
    return report


def ingest_and_build(settings: Settings, urls: Iterable[str], *, then_build: bool = True,
                     politeness: Politeness = Politeness()) -> RunReport:
    """One run into ``settings.articles``, then the incremental build of ``settings.store``
    when articles are new (or were stored by a run stopped before its build)."""
    report = ingest(settings.articles, urls, politeness=politeness)
    unbuilt = Path(settings.articles) / ".ingest" / UNBUILT
    if then_build and unbuilt.exists():
        from kg.build import NothingBuilt, build
        from kg.store import BuildInProgress

        try:
            report.build = build(settings, progress=False).summary()
            unbuilt.unlink(missing_ok=True)
        except (NothingBuilt, BuildInProgress) as exc:
            report.build = f"build not run: {exc}; the next run tries again (or run kg build)"
    return report


def read_source_list(path: str | Path) -> list[str]:
    """URLs of a ``--feeds`` file: one a line; blank lines and ``#`` comments ignored."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise FileNotFoundError(f"cannot read the feed list {path} ({exc.strerror}): give a file with one URL a line")
    urls = [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]
    bad = [u for u in urls if urlsplit(u).scheme not in ("http", "https")]
    if bad:
        raise ValueError(f"{path}: not http(s) URLs: {', '.join(bad[:3])}; write one feed or sitemap URL a line")
    return urls


# ----------------------------------------------------------------------------- again and again

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_interval(text: str) -> float:
    """Seconds in ``15m``, ``1h30m``, ``90s`` or ``900``.

    >>> parse_interval("15m"), parse_interval("1h30m"), parse_interval("45")
    (900.0, 5400.0, 45.0)
    """
    t = text.strip().lower()
    if re.fullmatch(r"\d+(\.\d+)?", t):
        seconds = float(t)
    elif re.fullmatch(r"(\d+[smhd])+", t):
        seconds = float(sum(int(n) * _UNITS[u] for n, u in re.findall(r"(\d+)([smhd])", t)))
    else:
        raise ValueError(f"interval {text!r} is not like 15m, 1h30m, 90s or 900 (seconds)")
    if seconds < 1:
        raise ValueError(f"interval {text!r} is shorter than a second; give one like 15m, 1h30m, 90s or 900")
    return seconds


def timestamp() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass
class Totals:
    """What a ``--every`` loop did over all its runs."""

    runs: int = 0
    new: int = 0
    duplicates: int = 0
    failed: int = 0
    skipped: int = 0

    def add(self, report: RunReport) -> None:
        self.runs += 1
        self.new += len(report.new)
        self.duplicates += len(report.duplicates)
        self.failed += len(report.failed)
        self.skipped += len(report.skipped)

    def line(self) -> str:
        return (f"{self.runs} runs: {self.new} new, {self.duplicates} duplicate, {self.failed} failed, "
                f"{self.skipped} skipped")


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def watch(once: Callable[[], RunReport], every: float, echo: Callable[[str], None],
          sleep: Callable[[float], None] = time.sleep) -> Totals:
    """Call ``once`` every ``every`` seconds until SIGINT or SIGTERM, then print the totals.

    Stopping in the middle of a run is safe (see the module docstring): the next start
    goes on where it stopped.
    """
    previous = signal.signal(signal.SIGTERM, _interrupt)
    totals = Totals()
    try:
        while True:
            started = time.monotonic()
            try:
                report = once()
            except IngestBusy as exc:  # a run started by hand or by cron: this one waits for the next turn
                echo(f"{timestamp()} ingest: skipped this run: {exc}")
            else:
                totals.add(report)
                for line in report.lines():
                    echo(line)
            sleep(max(0.0, every - (time.monotonic() - started)))
    except KeyboardInterrupt:
        echo(f"{timestamp()} stopped after {totals.line()}")
    finally:
        signal.signal(signal.SIGTERM, previous)
    return totals
