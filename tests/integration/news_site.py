"""A small news site on 127.0.0.1 for the ingestion tests: a real ``http.server`` in a thread.

It serves an RSS feed, an Atom feed, a sitemap, an English and a German article with
navigation, cookie banner and footer around them, a redirect, a 404, a page that answers
too late, a PDF, one wire story under two URLs (different boilerplate), a tracked URL whose
canonical link names a stored article, and a path that robots.txt forbids. Feeds and the
sitemap honour If-None-Match / If-Modified-Since. Every request is logged, so tests can
tell what a run fetched.
"""

from __future__ import annotations

import hashlib
import threading
import time
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LAST_MODIFIED = formatdate(1733000000, usegmt=True)


def page(title: str, body: str, *, lang: str, published: str, site: str, canonical: str = "", chrome: str = "") -> str:
    """An article page as news sites send it: the story inside navigation, banners and footer."""
    canonical_link = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    paragraphs = "".join(f"<p>{p}</p>" for p in body.strip().split("\n\n"))
    return f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{title} | {site}</title>{canonical_link}
<meta property="og:title" content="{title}"><meta property="og:site_name" content="{site}">
<meta property="article:published_time" content="{published}T06:30:00+00:00">
<script>window.analytics = {{track: function () {{}}}};</script><style>nav a {{ margin: 0 1em }}</style></head>
<body><header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/business">Business</a>
<a href="/sport">Sport</a> <a href="/newsletter">Newsletter</a></nav></header>
<div class="consent">This site uses cookies for analytics and advertising. Accept all / Settings</div>
{chrome}
<main><article><h1>{title}</h1>{paragraphs}</article>
<aside><h3>Most read</h3><ul><li><a href="/a">Storm warning for the coast</a></li>
<li><a href="/b">Football: late winner in the derby</a></li></ul></aside></main>
<footer>© {site} · Imprint · Privacy · Terms · Contact</footer></body></html>"""


EN_VISIT = page(
    "Lavrov arrives in Pyongyang for talks", """
Russian Foreign Minister Sergei Lavrov arrived in Pyongyang on Friday for a two-day visit to North Korea, the
foreign ministry in Moscow said.

Lavrov was welcomed at the airport by North Korean Foreign Minister Choe Son Hui. The two ministers are expected to
discuss cooperation between their countries and the situation on the Korean peninsula.

It is the second visit of the Russian foreign minister to North Korea this year.""",
    lang="en", published="2024-11-29", site="The Daily Courier", canonical="{BASE}/world/lavrov-pyongyang.html")

DE_VISIT = page(
    "Wang Yi zu Besuch in Berlin", """
Der chinesische Außenminister Wang Yi ist am Dienstag zu einem zweitägigen Besuch in Berlin eingetroffen. Er wurde
im Auswärtigen Amt empfangen, teilte das Ministerium mit.

Bei den Gesprächen soll es um die Handelsbeziehungen und den Krieg in der Ukraine gehen. Anschließend reist Wang Yi
nach Paris weiter.""",
    lang="de", published="2025-07-01", site="Morgenpost am Rhein")

MOVED = page(
    "Shoigu visits Pyongyang", """
Russian Defence Minister Sergei Shoigu arrived in Pyongyang on Tuesday at the head of a military delegation, state
media reported.

Shoigu is to attend a parade and to meet officials of the North Korean armed forces during his stay of three days,
the agency said.""",
    lang="en", published="2023-07-25", site="The Daily Courier")

WIRE_STORY = """
Chinese Premier Li Qiang arrived in Seoul on Sunday for a three-day visit to South Korea, the first by a Chinese
premier in several years, officials said.

Li is scheduled to hold talks with the South Korean president on trade and on the situation on the peninsula before
he travels on to Tokyo for a trilateral summit."""
WIRE_A = page("Li Qiang arrives in Seoul", WIRE_STORY, lang="en", published="2024-05-26", site="The Daily Courier")
WIRE_B = page("Chinese premier in Seoul", WIRE_STORY, lang="en", published="2024-05-26", site="Eastern Gazette",
              chrome='<div class="promo">Subscribe now: 3 months for 1 euro</div>')

DRIBBLE = "/world/belousov-pyongyang.html"
STORIES = {
    DRIBBLE: MOVED.replace("Sergei Shoigu", "Andrei Belousov").replace("Shoigu", "Belousov"),
    "/world/lavrov-pyongyang.html": EN_VISIT,
    "/politik/wang-yi-berlin.html": DE_VISIT,
    "/world/shoigu-pyongyang.html": MOVED,
    "/wire/li-qiang-seoul.html": WIRE_A,
    "/partner/chinese-premier-seoul.html": WIRE_B,
}
#: (path the feeds name, path of the file stored for it) for every article a first run stores
EXPECTED = {
    "/world/lavrov-pyongyang.html": "/world/lavrov-pyongyang.html",
    "/politik/wang-yi-berlin.html": "/politik/wang-yi-berlin.html",
    "/old/shoigu": "/world/shoigu-pyongyang.html",
    "/wire/li-qiang-seoul.html": "/wire/li-qiang-seoul.html",
}
MISSING, SLOW, PDF, FORBIDDEN = "/world/gone.html", "/world/slow.html", "/files/report.pdf", "/private/draft.html"
TRACKED = "/world/lavrov-pyongyang.html?utm_source=feed"


def rss(base: str) -> str:
    items = [("/world/lavrov-pyongyang.html", "Lavrov arrives in Pyongyang"), ("/old/shoigu", "Shoigu visits"),
             (MISSING, "Gone"), (SLOW, "Slow"), (PDF, "Annual report"), (FORBIDDEN, "Draft"),
             ("/wire/li-qiang-seoul.html", "Li Qiang in Seoul")]
    entries = "".join(f"<item><title>{t}</title><link>{base}{p}</link><guid>{base}{p}</guid></item>" for p, t in items)
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>The Daily Courier</title>'
            f"<link>{base}/</link><description>World news</description>{entries}</channel></rss>")


def atom(base: str) -> str:
    entries = "".join(
        f'<entry><title>{t}</title><id>{base}{p}</id><link rel="alternate" href="{base}{p}"/>'
        f"<updated>2025-07-01T08:00:00Z</updated></entry>"
        for p, t in [("/politik/wang-yi-berlin.html", "Wang Yi in Berlin"),
                     ("/partner/chinese-premier-seoul.html", "Chinese premier in Seoul"), (TRACKED, "Lavrov")])
    return (f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Morgenpost</title>'
            f"<id>{base}/atom.xml</id><updated>2025-07-01T08:00:00Z</updated>{entries}</feed>")


def sitemap(base: str) -> str:
    urls = "".join(f"<url><loc>{base}{p}</loc></url>" for p in ("/politik/wang-yi-berlin.html", "/world/lavrov-pyongyang.html"))
    return f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'


@dataclass
class NewsSite:
    """The running site: ``base`` URL, the request ``log`` (method, path, status), knobs for tests."""

    base: str = ""
    log: list[tuple[str, int]] = field(default_factory=list)
    slow_seconds: float = 3.0
    #: when set, /world/dribble.html sends half its body, sets ``dribbling`` and waits for ``release``
    dribble: bool = False
    dribbling: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)
    stories: dict[str, str] = field(default_factory=lambda: dict(STORIES))
    #: User-Agent headers seen; requests to /flaky answered so far (the first two get a 503)
    agents: set[str] = field(default_factory=set)
    flaky_calls: int = 0
    #: how /robots.txt answers: its status, and a Crawl-delay line when set
    robots_status: int = 200
    crawl_delay: int | None = None

    def fetched(self, since: int = 0) -> list[str]:
        """Paths answered with a body (200) since log entry ``since``."""
        return [p for p, status in self.log[since:] if status == 200]


def _handler(site: NewsSite):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):  # keep test output quiet; the site keeps its own log
            pass

        def _send(self, status: int, body: bytes = b"", ctype: str = "text/html; charset=utf-8", **headers):
            site.log.append((self.path, status))
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            for k, v in headers.items():
                self.send_header(k.replace("_", "-"), v)
            self.end_headers()
            self.wfile.write(body)

        def _listing(self, text: str, ctype: str):
            body = text.encode()
            etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
            if self.headers.get("If-None-Match") == etag or self.headers.get("If-Modified-Since") == LAST_MODIFIED:
                site.log.append((self.path, 304))
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            self._send(200, body, ctype, ETag=etag, Last_Modified=LAST_MODIFIED)

        def do_GET(self):
            path = self.path
            site.agents.add(self.headers.get("User-Agent", ""))
            if path == "/flaky":
                site.flaky_calls += 1
                if site.flaky_calls <= 2:
                    return self._send(503, b"busy", "text/plain", Retry_After="0")
                return self._send(200, b"ok", "text/plain")
            if path == "/robots.txt":
                delay = f"Crawl-delay: {site.crawl_delay}\n" if site.crawl_delay else ""
                rules = f"User-agent: *\nDisallow: /private/\n{delay}".encode()
                return self._send(site.robots_status, rules if site.robots_status == 200 else b"", "text/plain")
            if path == "/rss.xml":
                return self._listing(rss(site.base), "application/rss+xml")
            if path == "/atom.xml":
                return self._listing(atom(site.base), "application/atom+xml")
            if path == "/sitemap.xml":
                return self._listing(sitemap(site.base), "application/xml")
            if path == "/old/shoigu":
                site.log.append((path, 301))
                self.send_response(301)
                self.send_header("Location", "/world/shoigu-pyongyang.html")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            if path == SLOW:
                time.sleep(site.slow_seconds)
                return self._send(200, EN_VISIT.encode())
            if path == PDF:
                return self._send(200, b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", "application/pdf")
            if path == DRIBBLE and site.dribble:
                body = STORIES[DRIBBLE].encode()
                site.log.append((path, 200))
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body[: len(body) // 2])
                self.wfile.flush()
                site.dribbling.set()
                site.release.wait(30)
                self.wfile.write(body[len(body) // 2:])
                return
            story = site.stories.get(path.split("?")[0])
            if story is not None:
                return self._send(200, story.replace("{BASE}", site.base).encode())
            self._send(404, b"<html><body><h1>Not found</h1></body></html>")

    return Handler


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        """A client that gave up (a timeout under test) is expected, not an error to print."""


def serve(site: NewsSite) -> ThreadingHTTPServer:
    """Start the site on a free port of 127.0.0.1 in a daemon thread; sets ``site.base``."""
    server = _QuietServer(("127.0.0.1", 0), _handler(site))
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
