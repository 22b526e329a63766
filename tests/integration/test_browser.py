"""The query page and a resource page in a headless Chromium, with every request outside
the server refused: the pages must work offline."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (apt-get install -y chromium)")
    from kg.web.assets import missing_assets

    if missing_assets():
        pytest.skip(f"browser assets missing ({', '.join(missing_assets())}): run `npm ci && python -m kg.web.assets`")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, demo_server):
    context = browser.new_context()
    outside: list[str] = []

    def route(r):
        if r.request.url.startswith(demo_server):
            r.continue_()
        else:
            outside.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.outside = outside
    pg.errors = errors
    yield pg
    context.close()


def test_query_page_runs_an_example_question(page, demo_server):
    page.goto(demo_server + "/")
    page.wait_for_selector(".yasqe .CodeMirror")
    button = page.locator("button.example").first
    assert button.count() == 1
    button.click()
    page.wait_for_selector(".yasr table tbody tr", timeout=20000)
    rows = page.locator(".yasr table tbody tr").count()
    assert rows >= 1
    # the views under the editor are drawn from the store
    page.wait_for_selector("#view-timeline svg rect.event")
    page.click("button[data-view=map]")
    page.wait_for_selector("#map path.leaflet-interactive")
    page.click("button[data-view=network]")
    page.wait_for_selector("#network canvas")
    assert page.errors == []
    assert page.outside == [], f"the page tried to reach the network: {page.outside}"


def test_editor_query_shows_table(page, demo_server):
    page.goto(demo_server + "/")
    page.wait_for_selector(".yasqe .CodeMirror")
    page.evaluate("""() => { const y = window.diploYasgui.getTab().getYasqe();
        y.setValue('PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> SELECT ?name WHERE { <https://w3id.org/diplokg/id/person/sergey-lavrov> rdfs:label ?name }');
        y.query(); }""")
    page.wait_for_selector(".yasr table tbody tr")
    assert "Sergey Lavrov" in page.locator(".yasr table").inner_text()


def test_entity_page_and_search_box(page, demo_server):
    page.goto(demo_server + "/id/person/choe-son-hui")
    assert page.locator("h1").inner_text() == "Choe Son-hui"
    page.wait_for_selector("#resource-timeline svg rect.event")
    assert page.locator("ol.evidence blockquote").count() >= 1
    page.fill("form.search input[name=q]", "Lawrow")
    page.press("form.search input[name=q]", "Enter")
    page.wait_for_load_state()
    assert "/id/person/sergey-lavrov" in page.url or "Sergey Lavrov" in page.content()
    assert page.errors == []
    assert page.outside == []


def test_screenshot_for_people(page, demo_server, tmp_path):
    """Leaves a picture of the query page to look at when something seems off."""
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.goto(demo_server + "/")
    page.locator("button.example").first.click()
    page.wait_for_selector(".yasr table tbody tr", timeout=20000)
    out = Path(shutil.os.environ.get("KG_SCREENSHOTS", tmp_path)) / "query-page.png"
    page.screenshot(path=str(out), full_page=True)
    assert out.stat().st_size > 10_000
