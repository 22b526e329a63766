"""Entity pages, the views' data, VoID and the ontology in HTML: the app in-process over the
real demo store (Flask test client), read as a browser would get them."""

import re
from html.parser import HTMLParser

import pytest

from kg.config import Settings

ID = "https://w3id.org/diplokg/id/"
VISIT = "/id/visit/kim-jong-un/russia/2023-09-12"
HTML = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    from kg.web import create_app
    from kg.web.demo import build_demo

    import pyoxigraph as ox

    # one alignment statement, as the reasoner adds them in a real build
    aligned = ox.Quad(ox.NamedNode(ID + VISIT[len("/id/"):]), ox.NamedNode("https://schema.org/startDate"),
                      ox.Literal("2023-09-12", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date")),
                      ox.NamedNode("https://w3id.org/diplokg/graph/inferred"))
    store = build_demo(tmp_path_factory.mktemp("pages") / "store", extra=[aligned])
    app = create_app(Settings(store=store, dumps=tmp_path_factory.mktemp("dumps"), query_timeout=5))
    yield app.test_client()
    app.extensions["diplokg"].pool.close()


class Outline(HTMLParser):
    """The h1, the statement labels (dt) and the evidence quotes of a page."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.h1, self.dts, self.quotes, self._in = "", [], [], None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag in ("h1", "dt", "blockquote"):
            self._in, self._text = tag, ""

    def handle_data(self, data):
        if self._in:
            self._text += data

    def handle_endtag(self, tag):
        if tag == self._in:
            text = " ".join(self._text.split())
            {"h1": lambda: setattr(self, "h1", text), "dt": lambda: self.dts.append(text),
             "blockquote": lambda: self.quotes.append(text)}[tag]()
            self._in = None


def page(client, path: str) -> tuple[str, Outline]:
    r = client.get(path, headers=HTML)
    assert r.status_code == 200, r.get_data(as_text=True)[:300]
    assert r.mimetype == "text/html"
    html = r.get_data(as_text=True)
    return html, Outline(html)


def test_visit_page_reads_like_a_reference_entry(client):
    html, o = page(client, VISIT)
    assert o.h1 == "Kim Jong Un in Russia, 12–17 September 2023"
    assert {"traveller", "host state", "start date", "end date"} <= set(o.dts)
    # the dkg vocabulary only: alignments sit in their own disclosure, the index key nowhere
    statements = html.split('id="statements"')[1].split('id="evidence"')[0]
    assert "schema:" not in statements and "sem:" not in statements and "nameKey" not in html and "name key" not in html
    assert "Same statements in schema.org / SEM / ORG" in html and "schema:startDate" in html
    assert "12 September 2023" in html  # dates as people write them


def test_evidence_is_one_entry_per_sentence_and_folded_under_its_statements(client):
    html, o = page(client, VISIT)
    assert o.quotes and len(o.quotes) == len(set(o.quotes))
    refs = re.findall(r'<a href="#sentence-(\d+)">', html)
    assert refs and {int(n) for n in refs} <= set(range(1, len(o.quotes) + 1))
    assert all(f'id="sentence-{n}"' in html for n in refs)


def test_referred_to_by_names_the_events(client):
    html, _ = page(client, "/id/person/kim-jong-un")
    referred = html.split('id="referred"')[1].split("</section>")[0]
    assert "Trips" in referred and "Kim Jong Un in China, 2–4 September 2025" in referred
    assert "id:visit/" not in referred and " of of" not in html


def test_state_page_lists_leaders_and_one_timeline(client):
    html, o = page(client, "/id/state/north-korea")
    assert o.h1 == "North Korea"
    assert 'id="timeline-data"' in html and "Kim Jong Un in Russia" in html.split('id="timeline-data"')[1]


def test_missing_resource_is_404_with_a_way_on(client):
    r = client.get("/id/person/nobody-at-all", headers=HTML)
    assert r.status_code == 404 and "search" in r.get_data(as_text=True).lower()


def test_views_of_an_answer_hold_only_its_events(client):
    visit = ID + "visit/kim-jong-un/china/2025-09-02"
    data = client.post("/api/views", json={"iris": [visit, ID + "person/kim-jong-un", "urn:not-ours"]}).get_json()
    assert [v["iri"] for v in data["visits"]] == [visit]
    assert data["visits"][0]["precision"] == "day" and data["visits"][0]["title"] == "Kim Jong Un in China, 2–4 September 2025"
    assert [p["label"] for p in data["places"]] == ["Beijing"]
    assert data["undated"] == []


def test_views_of_an_answer_without_events(client):
    data = client.post("/api/views", json={"iris": ["urn:x"]}).get_json()
    assert data == {"visits": [], "undated": [], "places": [], "people": [], "edges": []}


@pytest.mark.parametrize("body", [None, {"iris": "x"}, {"iris": [1, 2]}, ["a"]])
def test_views_reject_bad_bodies_with_the_shape_to_send(client, body):
    r = client.post("/api/views", json=body) if body is not None else client.post("/api/views", data="nope")
    assert r.status_code == 400 and '{"iris"' in r.get_data(as_text=True)


def test_views_limit_the_answer_size(client):
    r = client.post("/api/views", json={"iris": [f"urn:x:{i}" for i in range(2001)]})
    assert r.status_code == 413 and "LIMIT" in r.get_data(as_text=True)


def test_void_is_html_for_browsers_and_turtle_for_machines(client):
    html, o = page(client, "/void")
    assert o.h1 == "The DiploKG dataset" and 'aria-label="Site"' in html
    assert client.get("/void").mimetype == "text/turtle"
    assert client.get("/void", headers={"Accept": "text/turtle"}).mimetype == "text/turtle"
    assert client.get("/void?format=rdfxml").mimetype == "application/rdf+xml"


@pytest.mark.parametrize("lang,title,visit", [("en", "DiploKG ontology", "visit"), ("de", "DiploKG-Ontologie", "Besuch")])
def test_ontology_page_in_one_language(client, lang, title, visit):
    html, o = page(client, f"/ontology?lang={lang}")
    assert o.h1 == title and 'aria-label="Site"' in html and 'id="contents-h"' in html
    label = re.search(r'<div id="Visit">\s*<dt><span[^>]*>([^<]+)</span>', html).group(1)
    assert label == visit
    other = {"en": "Besuch", "de": ">visit<"}[lang]
    assert other not in html  # one language at a time: no "visitBesuch"


@pytest.mark.parametrize("accept", [HTML["Accept"], "text/turtle"])
def test_a_missing_ontology_file_is_a_503_that_does_not_show_server_paths(client, monkeypatch, tmp_path, accept):
    from kg.web import pages

    gone = tmp_path / "secret-dir" / "dkg.ttl"
    monkeypatch.setattr(pages, "ONTOLOGY_TTL", gone)
    r = client.get("/ontology", headers={"Accept": accept})
    body = r.get_data(as_text=True)
    assert r.status_code == 503 and "kg validate" in body
    assert "secret-dir" not in body and str(tmp_path) not in body
