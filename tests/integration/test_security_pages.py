"""Issue 10: the pages' probes as regression tests, in headless Chromium and over HTTP.

* stored XSS: a manifest ``url`` of ``javascript:...`` must not become a working link;
* security headers on every page, and a Content-Security-Policy the browser enforces;
* ``/?endpoint=...`` must not make the query page send anything to another host;
* the service description names the configured endpoint, not the client's ``Host``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import requests

from kg.build import build
from kg.config import Settings
from kg.web.launch import running_server
from tests.integration.security_listener import Listener

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
XSS = "javascript:alert(document.domain)"


@pytest.fixture(scope="module")
def xss_server(tmp_path_factory):
    """The seed articles with every manifest url replaced by a javascript: URL."""
    base = tmp_path_factory.mktemp("xss")
    articles = base / "articles"
    shutil.copytree(REPO / "data" / "articles", articles)
    manifest = articles / "manifest.csv"
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(manifest.read_text(encoding="utf-8"))))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    for row in rows:
        writer.writerow({**row, "url": XSS})
    manifest.write_text(out.getvalue(), encoding="utf-8")
    build(Settings(articles=articles, store=base / "store"), progress=False)
    with running_server(base / "store") as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


def _visit_with_evidence(url: str) -> str:
    rows = requests.get(url + "/sparql", params={"query": (
        "PREFIX dkg: <https://w3id.org/diplokg/ontology#> SELECT ?v WHERE { ?v a dkg:Visit ; "
        "dkg:evidence/dkg:article/dkg:url ?u } LIMIT 1")}, headers={"Accept": "application/sparql-results+json"}).json()
    iri = rows["results"]["bindings"][0]["v"]["value"]
    return iri.split("/diplokg", 1)[1]


def test_stored_xss_source_link_is_inert(browser, xss_server, tmp_path):
    """Issue probe 3: a manifest url of javascript:... became a clickable 'source' link."""
    path = _visit_with_evidence(xss_server)
    html = requests.get(xss_server + path, headers={"Accept": "text/html"}).text
    assert XSS in html  # the URL is shown as text ...
    assert 'href="javascript:' not in html.lower()  # ... never as a link
    context = browser.new_context()
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(xss_server + path)
    page.wait_for_load_state("networkidle")
    assert page.locator("a[href^='javascript:' i]").count() == 0
    for link in page.locator("a[rel~=external]").all():
        href = link.get_attribute("href") or ""
        assert href.startswith(("http://", "https://")), href
    page.get_by_text(XSS).first.click()
    # the policy refuses inline script even if some markup got through
    ran = page.evaluate("""() => { const s = document.createElement('script');
        s.textContent = 'window.__injected = 1'; document.body.appendChild(s); return window.__injected === 1 }""")
    assert ran is False
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(tmp_path / f"visit-{width}.png"), full_page=True)
    assert dialogs == []
    context.close()


def test_query_page_does_not_follow_an_endpoint_parameter(browser, demo_server):
    """Issue probe 13: /?endpoint=http://other/&query=... made the page POST to another host."""
    listener = Listener()
    try:
        context = browser.new_context()
        outside: list[str] = []

        def route(r):
            if r.request.url.startswith(demo_server):
                r.continue_()
            else:
                outside.append(r.request.url)
                r.continue_()  # let it through: the listener must still see nothing

        context.route("**/*", route)
        page = context.new_page()
        page.goto(f"{demo_server}/?endpoint={listener.url}&query=ASK%20%7B%7D")
        page.wait_for_selector(".yasqe .CodeMirror")
        page.wait_for_timeout(1500)
        endpoint = page.evaluate("() => window.diploYasgui.getTab().getRequestConfig().endpoint")
        assert endpoint in ("/sparql", demo_server + "/sparql")
        page.evaluate("() => window.diploYasgui.getTab().getYasqe().query()")
        page.wait_for_timeout(1000)
        assert outside == [] and listener.connections == 0
        context.close()
    finally:
        listener.close()


@pytest.mark.parametrize("path", ["/", "/search?q=kim", "/dumps/", "/ontology", "/sparql?query=ASK%7B%7D", "/nope"])
def test_security_headers_on_every_page(demo_server, path):
    r = requests.get(demo_server + path, headers={"Accept": "text/html"})
    csp = r.headers.get("Content-Security-Policy", "")
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp and "unsafe-eval" not in csp
    assert "'unsafe-inline'" not in csp.split("script-src", 1)[1].split(";")[0]
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    assert r.headers["Referrer-Policy"]


def test_service_description_ignores_the_host_header(demo_store):
    with running_server(demo_store, base_url="https://kg.example.org/") as url:
        r = requests.get(url + "/sparql", headers={"Host": "evil.example", "Accept": "application/n-triples"})
        assert "evil.example" not in r.text
        assert "<https://kg.example.org/sparql>" in r.text
        void = requests.get(url + "/void", headers={"Host": "evil.example", "Accept": "application/n-triples"})
        assert "evil.example" not in void.text and "<https://kg.example.org/sparql>" in void.text


def test_options_and_head_answer_truthfully(demo_server):
    """Issue probe 13: OPTIONS /store advertised methods that all return 405; HEAD /sparql gave 415."""
    allow = requests.options(demo_server + "/store").headers["Allow"]
    assert set(m.strip() for m in allow.split(",")) == {"GET", "HEAD", "OPTIONS"}
    assert requests.put(demo_server + "/store", data=b"").status_code == 405
    head = requests.head(demo_server + "/sparql", params={"query": "ASK {}"})
    assert head.status_code == 200 and head.text == ""
