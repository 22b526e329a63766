"""`kg ingest` against a real local news site (tests/integration/news_site.py): what is stored,
what is reported, what a second run fetches, what a killed run leaves, and the build after it."""

from __future__ import annotations

import csv
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from kg.fetch import Disallowed, FetchError, Fetcher, Politeness
from kg.ingest import article_file, normal_url
from tests.integration import news_site as ns
from kg.web.launch import running_server
from tests.conftest import REPO

#: quick politeness for a local site: no pause, a short timeout, one retry
FAST = ["--delay", "0", "--timeout", "1", "--retries", "1"]


@pytest.fixture
def site():
    state = ns.NewsSite()
    server = ns.serve(state)
    yield state
    state.release.set()
    server.shutdown()
    server.server_close()


def kg(*args, timeout=300) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KG_")}
    done = subprocess.run([sys.executable, "-m", "kg.cli", *map(str, args)], cwd=REPO, env=env, capture_output=True,
                          text=True, timeout=timeout)
    assert done.returncode == 0, done.stdout + done.stderr
    return done


def manifest(folder: Path) -> dict[str, dict[str, str]]:
    with (folder / "manifest.csv").open(encoding="utf-8", newline="") as fh:
        return {row["file"]: row for row in csv.DictReader(fh)}


def stored(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.glob("*.html")}


def served(site: ns.NewsSite, path: str) -> bytes:
    return site.stories[path].replace("{BASE}", site.base).encode()


def test_ingest_stores_each_story_once_reports_failures_and_a_second_run_fetches_nothing(site, tmp_path):
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"# the courier\n{site.base}/rss.xml\n\n{site.base}/atom.xml\n{site.base}/sitemap.xml\n")
    articles, store = tmp_path / "articles", tmp_path / "store"
    first = kg("ingest", "--feeds", feeds, "--articles", articles, "--store", store, *FAST).stdout

    expected = {article_file(normal_url(site.base + final)): final for final in ns.EXPECTED.values()}
    assert stored(articles) == {name: served(site, path) for name, path in expected.items()}
    rows = manifest(articles)
    assert set(rows) == set(expected)
    by_path = {path: rows[name] for name, path in expected.items()}
    lavrov = by_path["/world/lavrov-pyongyang.html"]
    assert (lavrov["url"], lavrov["canonical_url"]) == (site.base + "/world/lavrov-pyongyang.html",) * 2
    assert (lavrov["published"], lavrov["language"], lavrov["publisher"]) == ("2024-11-29", "en", "The Daily Courier")
    assert lavrov["title"] == "Lavrov arrives in Pyongyang for talks"
    assert lavrov["other_urls"] == site.base + ns.TRACKED  # same canonical URL: stored once
    wang = by_path["/politik/wang-yi-berlin.html"]
    assert (wang["published"], wang["language"], wang["publisher"]) == ("2025-07-01", "de", "Morgenpost am Rhein")
    assert by_path["/world/shoigu-pyongyang.html"]["other_urls"] == site.base + "/old/shoigu"  # the redirect
    assert by_path["/wire/li-qiang-seoul.html"]["other_urls"] == site.base + "/partner/chinese-premier-seoul.html"

    assert f"failed     {site.base}{ns.MISSING}: HTTP 404" in first
    assert f"failed     {site.base}{ns.SLOW}: timed out" in first
    assert f"skipped    {site.base}{ns.PDF}: not an HTML page (application/pdf)" in first
    assert f"skipped    {site.base}{ns.FORBIDDEN}: robots.txt forbids it" in first
    assert "4 new, 2 duplicate, 2 failed, 2 skipped" in first
    assert not any(path.startswith("/private/") for path, _ in site.log)
    assert site.agents == {Politeness().user_agent} and "DiploKG/" in Politeness().user_agent
    assert "built " in first

    # the build that followed serves the new visits
    with running_server(store) as url:
        r = requests.post(url + "/sparql", data={"query": """
            PREFIX dkg: <https://w3id.org/diplokg/ontology#>
            PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
            SELECT DISTINCT ?name ?state WHERE { ?v a dkg:Visit ; dkg:traveller/rdfs:label ?name ;
                                                     dkg:hostState/rdfs:label ?state
                                                  FILTER(lang(?name) = "en" && lang(?state) = "en") }"""},
                          headers={"Accept": "application/sparql-results+json"}, timeout=60)
        r.raise_for_status()
        visits = {(b["name"]["value"], b["state"]["value"]) for b in r.json()["results"]["bindings"]}
    assert {("Sergey Lavrov", "North Korea"), ("Wang Yi", "Germany"), ("Sergei Shoigu", "North Korea"),
            ("Li Qiang", "South Korea")} <= visits

    # a second run: feeds answer 304, nothing is fetched again but the failures
    before, files = len(site.log), stored(articles)
    second = kg("ingest", "--feeds", feeds, "--articles", articles, "--store", store, *FAST).stdout
    log = site.log[before:]
    assert {p: s for p, s in log if p in ("/rss.xml", "/atom.xml", "/sitemap.xml")} == dict.fromkeys(
        ("/rss.xml", "/atom.xml", "/sitemap.xml"), 304)
    assert {p for p, s in log if s == 200} <= {"/robots.txt", ns.SLOW}  # the slow page answers after the timeout
    assert (ns.MISSING, 404) in log  # a failure is tried again
    assert "0 new, 0 duplicate, 2 failed, 0 skipped; 3 sources read (3 unchanged)" in second
    assert stored(articles) == files and set(manifest(articles)) == set(expected)
    assert "built " not in second


def test_a_killed_ingest_leaves_no_partial_file_and_the_next_run_completes(site, tmp_path):
    articles = tmp_path / "articles"
    site.dribble = True
    urls = [site.base + ns.DRIBBLE, site.base + "/world/lavrov-pyongyang.html"]
    env = {k: v for k, v in os.environ.items() if not k.startswith("KG_")}
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "ingest", *urls, "--articles", articles, "--no-build",
                             *FAST[:2], "--timeout", "30"], cwd=REPO, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        assert site.dribbling.wait(60), "the ingest never reached the page"
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert not list(articles.glob("*.html"))
    assert not [p for p in (articles / ".ingest").rglob("*") if p.is_file() and p.name not in ("lock", "state.json")]

    site.dribble = False
    out = kg("ingest", *urls, "--articles", articles, "--no-build", *FAST).stdout
    assert "2 new, 0 duplicate, 0 failed" in out
    expected = {article_file(normal_url(site.base + p)): served(site, p) for p in (ns.DRIBBLE, "/world/lavrov-pyongyang.html")}
    assert stored(articles) == expected and set(manifest(articles)) == set(expected)


def test_runs_killed_at_random_moments_never_leave_a_partial_file(site, tmp_path):
    articles = tmp_path / "articles"
    paths = ["/world/lavrov-pyongyang.html", "/politik/wang-yi-berlin.html", "/world/shoigu-pyongyang.html",
             "/wire/li-qiang-seoul.html"]
    urls = [site.base + p for p in paths]
    complete = {article_file(normal_url(site.base + p)): served(site, p) for p in paths}
    env = {k: v for k, v in os.environ.items() if not k.startswith("KG_")}
    for delay in (1.2, 1.6, 2.0):
        proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "ingest", *urls, "--articles", articles,
                                 "--no-build", "--delay", "0.2"], cwd=REPO, env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        proc.kill()
        proc.wait(10)
        for name, data in stored(articles).items():
            assert complete[name] == data, f"{name} is not the page as served"
        if (articles / "manifest.csv").exists():
            assert set(manifest(articles)) <= set(complete)
    kg("ingest", *urls, "--articles", articles, "--no-build", *FAST)
    assert stored(articles) == complete and set(manifest(articles)) == set(complete)


def test_every_prints_a_line_per_run_and_stops_cleanly_on_sigterm(site, tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("KG_")}
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "ingest", f"{site.base}/rss.xml", "--every", "1s",
                             "--articles", tmp_path / "articles", "--no-build", *FAST], cwd=REPO, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines = []
    try:
        while sum(" ingest: " in line for line in lines) < 2:
            line = proc.stdout.readline()
            assert line, "kg ingest --every ended by itself:\n" + "".join(lines)
            lines.append(line)
        proc.send_signal(signal.SIGTERM)
        rest, _ = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0
    runs = [line for line in lines if " ingest: " in line]
    assert "3 new" in runs[0] and "0 new" in runs[1] and "(1 unchanged)" in runs[1]
    assert "stopped after 2 runs: 3 new, 0 duplicate, 4 failed, 2 skipped" in rest


def test_fetcher_paces_requests_to_a_host_and_retries_after_503(site):
    fetcher = Fetcher(Politeness(delay=0.3, backoff=0.1, retries=2))
    started = time.monotonic()
    for path in ("/world/lavrov-pyongyang.html", "/politik/wang-yi-berlin.html", "/wire/li-qiang-seoul.html"):
        fetcher.get(site.base + path)
    assert time.monotonic() - started >= 0.6  # robots.txt, then three pages, 0.3 s apart
    assert fetcher.get(site.base + "/flaky").body == b"ok" and site.flaky_calls == 3
    listing = fetcher.get(site.base + "/rss.xml")
    assert fetcher.get(site.base + "/rss.xml", listing.validators).status == 304
    with pytest.raises(Disallowed):
        fetcher.get(site.base + ns.FORBIDDEN)
    with pytest.raises(FetchError, match="HTTP 404"):
        fetcher.get(site.base + ns.MISSING)
    small = Fetcher(Politeness(delay=0, max_bytes=1000))
    with pytest.raises(FetchError, match="larger than 1000 bytes"):
        small.get(site.base + "/world/lavrov-pyongyang.html")


def test_fetcher_honours_crawl_delay_and_treats_unreadable_robots_as_closed(site):
    site.crawl_delay = 1  # whole seconds: Python's robots.txt parser reads no fractions
    fetcher = Fetcher(Politeness(delay=0))
    started = time.monotonic()
    for path in ("/world/lavrov-pyongyang.html", "/politik/wang-yi-berlin.html"):
        fetcher.get(site.base + path)
    assert time.monotonic() - started >= 2  # robots.txt, then two pages a second apart

    site.robots_status = 503
    closed = Fetcher(Politeness(delay=0, retries=1, backoff=0.01))
    with pytest.raises(Disallowed, match="robots.txt unreachable"):
        closed.get(site.base + "/world/lavrov-pyongyang.html")
    assert ("/world/lavrov-pyongyang.html", 200) not in site.log[-3:]

    site.robots_status = 404  # no robots.txt at all: everything may be fetched
    assert Fetcher(Politeness(delay=0)).get(site.base + "/world/lavrov-pyongyang.html").status == 200
