"""The pieces of `kg ingest` that need no network: listings, URLs, fingerprints, files, state."""

from __future__ import annotations

import pytest

from kg.articles import HtmlPage
from kg.fetch import Fetched
from kg.ingest import (IngestBusy, Manifest, RunReport, State, fingerprint, listing_urls, normal_url, parse_interval,
                       watch, write_new)


def fetched(body: str | bytes, ctype: str = "application/xml", url: str = "https://news.example/feed") -> Fetched:
    return Fetched(url, 200, {"content-type": ctype}, body.encode() if isinstance(body, str) else body)


def test_listings_are_told_apart_from_pages():
    rss = '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item><link>/a.html</link></item></channel></rss>'
    assert listing_urls(fetched(rss)) == ("feed", ["https://news.example/a.html"])
    atom = ('<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><entry><title>x</title>'
            '<link rel="alternate" href="https://news.example/b"/></entry></feed>')
    assert listing_urls(fetched(atom)) == ("feed", ["https://news.example/b"])
    sitemap = ('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc> https://news.example/c </loc>'
               '</url></urlset>')
    assert listing_urls(fetched(sitemap)) == ("sitemap", ["https://news.example/c"])
    index = '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>https://news.example/s.xml</loc></sitemap></sitemapindex>'
    assert listing_urls(fetched(index)) == ("sitemapindex", ["https://news.example/s.xml"])
    assert listing_urls(fetched("<!DOCTYPE html><html><body><p>story</p></body></html>", "text/html")) is None


def test_a_sitemap_declaring_entities_is_refused_not_expanded():
    bomb = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>'
            '<urlset><url><loc>&lol2;</loc></url></urlset>')
    assert listing_urls(fetched(bomb)) is None


def test_urls_compare_without_fragment_case_or_default_port():
    assert normal_url("HTTPS://News.Example:443/a?x=1#top") == "https://news.example/a?x=1"
    assert normal_url("http://news.example") == "http://news.example/"
    assert normal_url("http://news.example:8080/a") == "http://news.example:8080/a"


def test_fingerprint_ignores_headline_spacing_case_and_punctuation():
    body = "Li Qiang arrived in Seoul on Sunday.\nTalks follow."
    a = HtmlPage(text="Li Qiang arrives in Seoul\n" + body, title="Li Qiang arrives in Seoul")
    b = HtmlPage(text="Chinese premier in Seoul\n" + body.upper().replace(".", " ,"), title="Chinese premier in Seoul")
    assert fingerprint(a) == fingerprint(b)
    assert fingerprint(a) != fingerprint(HtmlPage(text=body + " Then he left.", title=""))


def test_write_new_never_replaces_a_file(tmp_path):
    target = tmp_path / "a.html"
    assert write_new(target, b"first", tmp_path / "scratch")
    assert not write_new(target, b"second", tmp_path / "scratch")
    assert target.read_bytes() == b"first" and not list((tmp_path / "scratch").iterdir())


def test_manifest_keeps_unknown_columns_and_adds_other_urls(tmp_path):
    path = tmp_path / "manifest.csv"
    path.write_text("file,published,note\nold.txt,2024-01-01,hand-made\n", encoding="utf-8")
    m = Manifest(path)
    m.add({"file": "new.html", "url": "https://a.example/x", "canonical_url": "https://a.example/x"})
    m.add_urls("new.html", ["https://a.example/x", "https://b.example/y#frag"])
    text = m.dump().decode()
    assert text.splitlines()[0] == "file,published,language,url,title,publisher,canonical_url,other_urls,note"
    assert "old.txt,2024-01-01,,,,,,,hand-made" in text
    assert "https://b.example/y" in text and m.by_url["https://b.example/y"] == "new.html"


def test_damaged_state_says_what_to_do(tmp_path):
    (tmp_path / "state.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(ValueError, match="delete it"):
        State.load(tmp_path / "state.json")


@pytest.mark.parametrize("text, seconds", [("15m", 900), ("1h30m", 5400), ("90s", 90), ("900", 900), ("1d", 86400)])
def test_intervals(text, seconds):
    assert parse_interval(text) == seconds


@pytest.mark.parametrize("text", ["", "15 minutes", "0", "m"])
def test_bad_intervals_say_the_format(text):
    with pytest.raises(ValueError, match="15m"):
        parse_interval(text)


def test_watch_prints_each_run_waits_out_a_busy_folder_and_stops_on_interrupt():
    outcomes = iter([RunReport(new=["a.html"]), IngestBusy("another kg ingest is running"), RunReport(), KeyboardInterrupt()])

    def once():
        outcome = next(outcomes)
        if isinstance(outcome, BaseException):
            raise outcome
        return outcome

    lines, pauses = [], []
    totals = watch(once, 60, lines.append, sleep=pauses.append)
    assert (totals.runs, totals.new) == (2, 1) and len(pauses) == 3 and all(0 < p <= 60 for p in pauses)
    assert any("1 new, 0 duplicate" in line for line in lines)
    assert any("skipped this run: another kg ingest is running" in line for line in lines)
    assert lines[-1].endswith("stopped after 2 runs: 1 new, 0 duplicate, 0 failed, 0 skipped")
