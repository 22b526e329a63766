"""The pages in a headless Chromium (Debian's), against the real server over the seed
articles built by the real pipeline, with every request outside the server refused: the
pages must work offline.

* each named question runs on ``/``; its timeline, map and network draw exactly that
  answer, no label leaves its view, and the console stays clean;
* a person, a visit, a summit, a state, ``/void`` and ``/ontology`` read as pages for people;
* axe-core (npm, injected into the page) finds no serious or critical violation;
* ``test_screenshots`` writes every page at 1,280 and 390 px wide into ``$KG_SCREENSHOTS``
  (``make screenshots``), and checks that no page scrolls sideways on a phone.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
import requests

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
ID = "https://w3id.org/diplokg/id/"
#: entity pages and what their title must say (the seed articles' events)
ENTITIES = {
    "/id/person/kim-jong-un": r"Kim Jong Un",
    "/id/visit/kim-jong-un-to-china-2025-09": r"Kim Jong Un in China, .*September 2025",
    "/id/summit/kim-jong-un-vladimir-putin-2019-04": r"Summit of Kim Jong Un and Vladimir Putin in Vladivostok, .*April 2019",
    "/id/state/north-korea": r"North Korea",
    "/id/article/003-64f02cb3297757c6": r"Seltene Auslandsreise: Kim fährt nach China",
}
#: a picture's caption or credit line ("(Bild: EPA/KCNA)", "Foto: dpa", "© Reuters")
CREDIT = re.compile(r"\((?:Bild|Foto|Photo|Image|Picture)s?\s*:|^(?:Bild|Foto|Photo|Image)s?\s*:|©", re.IGNORECASE)
PAGES = ["/", "/views", *ENTITIES, "/void", "/ontology", "/ontology?lang=de"]


def question_names() -> list[str]:
    from kg.questions import list_questions

    return [q.name for q in list_questions()]


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
def open_page(browser, server):
    """open_page(width) -> a page that refuses the outside world and records console errors."""
    contexts = []

    def make(width: int = 1280, bypass_csp: bool = False):
        context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=bypass_csp)
        contexts.append(context)
        outside: list[str] = []

        def route(r):
            if r.request.url.startswith(server):
                r.continue_()
            else:
                outside.append(r.request.url)
                r.abort()

        context.route("**/*", route)
        pg = context.new_page()
        pg.errors = []
        pg.outside = outside
        pg.on("pageerror", lambda exc: pg.errors.append(str(exc)))
        pg.on("console", lambda m: pg.errors.append(m.text) if m.type == "error" else None)
        return pg

    yield make
    for c in contexts:
        c.close()


def run_question(pg, server: str, name: str) -> dict:
    """Run a named question on the query page; the answer's variables and rows."""
    pg.goto(server + "/")
    pg.wait_for_selector(".yasqe .CodeMirror")
    pg.click(f"button.example[data-name='{name}']")
    pg.wait_for_selector("#views-status[data-answer]", timeout=30000)
    return pg.evaluate("""() => { const r = window.diploYasgui.getTab().getYasr().results;
        return { vars: r.getVariables(), rows: r.getBindings() }; }""")


# JS: the elements of `selector` whose box leaves `within` (a box inside the view)
OUTSIDE = """([selector, within]) => {
    const bad = [];
    for (const box of document.querySelectorAll(within)) {
      const b = box.getBoundingClientRect();
      for (const e of box.querySelectorAll(selector)) {
        const r = e.getBoundingClientRect();
        if (r.width && (r.left < b.left - 0.5 || r.right > b.right + 0.5 || r.top < b.top - 0.5 || r.bottom > b.bottom + 0.5))
          bad.push(e.textContent || e.outerHTML.slice(0, 80));
      }
    }
    return bad; }"""


def test_each_named_question_draws_its_answer(open_page, server):
    for name in question_names():
        pg = open_page()  # a fresh browser profile: the editor keeps the last answer of a profile
        answer = run_question(pg, server, name)
        iris = {b[v]["value"] for b in answer["rows"] for v in answer["vars"] if b.get(v, {}).get("type") == "uri"}
        events = {i for i in iris if i.startswith((ID + "visit/", ID + "summit/"))}
        expected = requests.post(server + "/api/views", json={"iris": sorted(iris)}, timeout=30).json() if iris else None

        # timeline: exactly the visits and summits of the answer, dated ones drawn, undated listed
        drawn = pg.eval_on_selector_all("#view-timeline [data-iri]", "els => els.map(e => e.getAttribute('data-iri'))")
        assert set(drawn) == events, name
        assert len(drawn) == len(events), f"{name}: an event drawn twice"
        if events:
            assert pg.locator("#view-timeline ul.legend").count() == 1
            if expected["visits"]:
                assert pg.locator("#view-timeline svg .tick-label").count() >= 2, f"{name}: no date axis"
        else:
            assert pg.locator("#view-timeline .view-message").count() == 1, name
        assert pg.evaluate(OUTSIDE, ["text", "#view-timeline svg"]) == [], name
        assert pg.evaluate(OUTSIDE, ["svg", "#view-timeline"]) == [], name

        # map: one mark per place of the answer, each label inside the map
        pg.click("#tab-map")
        pg.wait_for_selector("#view-map svg.map, #view-map .view-message")
        places = len(expected["places"]) if expected else 0
        assert pg.locator("#view-map a.place").count() == places, name
        assert pg.evaluate(OUTSIDE, ["text", "#view-map svg.map"]) == [], name
        if places:
            assert pg.locator("#view-map .place-label").count() >= 1 and pg.locator("#view-map ul.legend").count() == 1

        # network: the answer's people, labels readable (no overlap) and inside the view
        pg.click("#tab-network")
        pg.wait_for_selector("#view-network canvas, #view-network .view-message")
        people = len(expected["people"]) if expected else 0
        if people:
            report = pg.evaluate("""() => { const box = document.querySelector('#view-network .network-box');
                const cy = box.cy, w = box.clientWidth, h = box.clientHeight;
                const boxes = cy.nodes().map(n => n.renderedBoundingBox({ includeLabels: true }));
                let overlaps = 0, outside = 0;
                boxes.forEach((a, i) => {
                  if (a.x1 < 0 || a.y1 < 0 || a.x2 > w || a.y2 > h) outside++;
                  boxes.slice(i + 1).forEach(b => { if (a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2) overlaps++; });
                });
                return { nodes: cy.nodes().length, overlaps, outside, zoom: cy.zoom(),
                         labels: cy.edges().map(e => e.data('rel')) }; }""")
            assert report["nodes"] == people and report["overlaps"] == 0 and report["outside"] == 0, (name, report)
            assert set(report["labels"]) <= {"accompanied", "met", "summit"}
        assert pg.errors == [], name
        assert pg.outside == [], f"the page tried to reach the network: {pg.outside}"


def test_the_bilateral_timeline_shows_its_rows_with_a_date_axis(open_page, server):
    pg = open_page()
    answer = run_question(pg, server, "bilateral-timeline")
    events = {r["event"]["value"] for r in answer["rows"]}
    undated = {r["event"]["value"] for r in answer["rows"] if "start" not in r}
    assert events and undated, "the seed answer has dated and undated events"
    assert set(pg.eval_on_selector_all("#view-timeline aside.undated [data-iri]", "els => els.map(e => e.getAttribute('data-iri'))")) == undated
    assert set(pg.eval_on_selector_all("#view-timeline svg [data-iri]", "els => els.map(e => e.getAttribute('data-iri'))")) == events - undated
    # day, month and year precision are drawn differently: a point for a day, a hatched span otherwise
    assert pg.locator("#view-timeline svg a.day circle").count() + pg.locator("#view-timeline svg a.day rect").count() >= 1
    assert pg.locator("#view-timeline svg a.month rect[fill^='url(#hatch']").count() >= 1
    # the result table shows plain values: no datatype suffixes, IRIs shortened and linked here
    table = pg.locator(".answer-table").inner_text()
    assert "^^" not in table and "…" not in table
    link = pg.locator(".answer-table a.iri").first
    assert link.inner_text().startswith(("id:visit/", "id:summit/")) and link.get_attribute("href").startswith("/id/")
    assert link.get_attribute("title").startswith(ID)
    assert pg.errors == []


def test_the_views_page_draws_the_whole_graph(open_page, server):
    pg = open_page()
    pg.goto(server + "/views")
    pg.wait_for_selector("#view-timeline svg.timeline")
    whole = requests.get(server + "/api/views", timeout=30).json()
    assert pg.locator("#view-timeline [data-iri]").count() == len(whole["visits"]) + len(whole["undated"])
    pg.focus("#tab-timeline")  # the tabs work from the keyboard: arrow keys move between them
    pg.keyboard.press("ArrowRight")
    pg.wait_for_selector("#view-map svg.map")
    assert pg.get_attribute("#tab-map", "aria-selected") == "true" and pg.is_hidden("#view-timeline")
    pg.click("#tab-network")
    pg.wait_for_selector("#view-network canvas")
    overlaps = pg.evaluate("""() => { const cy = document.querySelector('#view-network .network-box').cy;
        const b = cy.nodes().map(n => n.renderedBoundingBox({ includeLabels: true }));
        return b.flatMap((a, i) => b.slice(i + 1).filter(c => a.x1 < c.x2 && c.x1 < a.x2 && a.y1 < c.y2 && c.y1 < a.y2)).length; }""")
    assert overlaps == 0, "labels of the whole graph's network overlap"
    # a network larger than a reader can follow shows its most connected people
    shown = pg.evaluate("""() => { const d = document.createElement('div'); document.querySelector('main').appendChild(d);
        const people = Array.from({ length: 200 }, (_, i) => ({ id: 'p' + i, label: 'Person ' + i, href: '#' }));
        const edges = people.slice(1, 40).map(p => ({ source: 'p0', target: p.id, rel: 'met', visit: '#' }));
        const cy = DiploViews.network(d, { people, edges });
        const n = cy.nodes().length, hub = cy.getElementById('p0').length; d.remove(); return [n, hub]; }""")
    assert shown == [150, 1]
    # each view can be saved
    for view, button, name in (("map", "Save as SVG", "map.svg"), ("network", "Save as PNG", "network.png")):
        pg.click(f"#tab-{view}")
        pg.wait_for_selector(f"#view-{view} svg, #view-{view} canvas")
        with pg.expect_download() as saved:
            pg.click(f"#view-{view} .save button:has-text('{button}')")
        assert saved.value.suggested_filename == name
        assert Path(saved.value.path()).stat().st_size > 1000
    assert pg.errors == []


def test_the_search_box_finds_a_spelling(open_page, server):
    pg = open_page()
    pg.goto(server + "/void")
    pg.fill("form.search input[name=q]", "Lawrow")
    pg.press("form.search input[name=q]", "Enter")
    pg.wait_for_load_state()
    assert pg.url.endswith("/id/person/sergey-lavrov") and pg.locator("h1").inner_text() == "Sergey Lavrov"
    assert pg.errors == [] and pg.outside == []


@pytest.mark.parametrize("path", list(ENTITIES))
def test_entity_pages_read_like_a_reference_work(open_page, server, path):
    pg = open_page()
    pg.goto(server + path)
    title = pg.locator("h1").inner_text()
    assert re.fullmatch(ENTITIES[path], title), title
    assert "https://" not in title and "id:" not in title
    labels = pg.eval_on_selector_all("#statements dt", "els => els.map(e => e.textContent.trim())")
    assert not [x for x in labels if re.match(r"(schema|sem|org|owl|rdfs?|skos):", x) or x in ("name key", "nameKey")], labels
    assert "name key" not in pg.locator("main").inner_text() and "nameKey" not in pg.content()
    quotes = pg.eval_on_selector_all("#evidence blockquote", "els => els.map(e => e.textContent.trim())")
    articles = pg.eval_on_selector_all("#evidence li.sentence", "els => els.map(e => e.querySelector('.source a').href)")
    assert len(set(zip(quotes, articles))) == len(quotes), "one evidence entry per sentence"
    assert not [q for q in quotes if CREDIT.search(q)], "a caption or photo credit among the evidence"
    referred = pg.eval_on_selector_all("#referred dd a, #quoted a", "els => els.map(e => e.textContent)")
    assert not [r for r in referred if r.startswith(("id:", "https://"))], referred
    if pg.locator("#entity-timeline").count():
        pg.wait_for_selector("#entity-timeline svg .tick-label")
        assert pg.evaluate(OUTSIDE, ["text", "#entity-timeline svg"]) == []
    assert pg.errors == []


def test_a_state_page_lists_its_leaders_and_visits_in_and_out(open_page, server):
    pg = open_page()
    pg.goto(server + "/id/state/north-korea")
    leaders = pg.locator("#leaders").inner_text()
    assert "Kim Jong Un" in leaders and "Head of State" in leaders
    drawn = set(pg.eval_on_selector_all("#entity-timeline [data-iri]", "els => els.map(e => e.getAttribute('data-iri'))"))
    assert ID + "visit/sergei-shoigu-to-north-korea-2023-07" in drawn  # in
    assert ID + "visit/kim-jong-un-to-russia-2023-09" in drawn  # out


def test_void_and_ontology_are_pages_in_a_browser(open_page, server):
    pg = open_page()
    pg.goto(server + "/void")
    assert pg.locator("h1").inner_text() == "The DiploKG dataset"
    assert pg.locator("header nav[aria-label=Site] a").count() >= 5
    pg.goto(server + "/ontology")
    assert pg.locator("nav.contents").count() == 1 and pg.locator("header nav[aria-label=Site]").count() == 1
    assert pg.locator("#Visit dt span").first.inner_text() == "visit"
    pg.click(".lang-switch a[hreflang=de]")
    assert pg.locator("#Visit dt span").first.inner_text() == "Besuch"
    assert "personPerson" not in pg.content() and "mettraf" not in pg.content()
    assert pg.errors == []


@pytest.mark.parametrize("path", PAGES)
def test_no_serious_accessibility_violation(open_page, server, path):
    if not AXE.exists():
        pytest.skip("axe-core is not installed: run `npm ci`")
    pg = open_page(bypass_csp=True)  # the Content-Security-Policy would refuse the injected axe script
    pg.goto(server + path)
    if path == "/":
        pg.wait_for_selector(".yasqe .CodeMirror")
        pg.click("button.example[data-name='bilateral-timeline']")
        pg.wait_for_selector("#views-status[data-answer]", timeout=30000)
    pg.wait_for_load_state("networkidle")
    pg.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    result = pg.evaluate("() => axe.run(document, { resultTypes: ['violations'] })")
    serious = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]
               if v["impact"] in ("serious", "critical")]
    assert serious == [], serious


def test_screenshots(open_page, server, tmp_path):
    """Every page at 1,280 and 390 px into $KG_SCREENSHOTS (make screenshots); none scrolls sideways."""
    out = Path(os.environ.get("KG_SCREENSHOTS") or tmp_path)
    out.mkdir(parents=True, exist_ok=True)
    shots = [(p, None) for p in PAGES if p != "/"] + [("/", v) for v in ("timeline", "map", "network")]
    for width in (1280, 390):
        pg = open_page(width)
        for path, view in shots:
            if view:
                pg = open_page(width)
                run_question(pg, server, "bilateral-timeline")
                pg.click(f"#tab-{view}")
                pg.wait_for_selector(f"#view-{view} svg, #view-{view} canvas")
            else:
                pg.goto(server + path)
            pg.wait_for_load_state("networkidle")
            name = (path.strip("/").replace("/", "-").replace("?", "-").replace("=", "-") or "query") + (f"-{view}" if view else "")
            target = out / f"{name}-{width}.png"
            pg.screenshot(path=str(target), full_page=True)
            assert target.stat().st_size > 5_000
            wide = pg.evaluate("document.documentElement.scrollWidth")
            assert wide <= width, f"{path} {view or ''} is {wide} px wide on a {width} px screen"
            assert pg.errors == [], (path, view)
