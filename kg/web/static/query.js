// The query page: YASGUI on /sparql with the project's prefixes and named questions; the
// views under it draw the visits, summits, places and people of each answer.
(function () {
  const { questions, prefixes } = JSON.parse(document.getElementById("page-data").textContent);
  const start = "PREFIX dkg: <" + prefixes.dkg + ">\nPREFIX rdfs: <" + prefixes.rdfs + ">\n\n" +
    "SELECT ?visit ?traveller ?host ?start WHERE {\n  ?visit a dkg:Visit ;\n" +
    "         dkg:traveller/rdfs:label ?traveller ;\n         dkg:hostState/rdfs:label ?host .\n" +
    "  OPTIONAL { ?visit dkg:startDate ?start }\n} ORDER BY ?start\nLIMIT 100\n";
  Yasgui.Yasqe.defaults.value = start;
  Yasgui.Yasr.defaults.prefixes = prefixes;
  const yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: "/sparql", method: "POST" },
    // a shared link may carry a query, never where it goes: ?endpoint=, headers and the
    // method from the URL are dropped, so the page talks to its own endpoint unless the
    // user types another one in by hand
    populateFromUrl: (config) => {
      config.requestConfig = { ...config.requestConfig, endpoint: "/sparql", method: "POST", headers: {} };
      return config;
    },
    copyEndpointOnNewTab: false,
    endpointCatalogueOptions: { getData: () => [{ endpoint: window.location.origin + "/sparql" }] },
    persistenceId: "diplokg-yasgui",
  });
  window.diploYasgui = yasgui;

  // YASGUI's own markup, made usable with a keyboard and a screen reader: the "add tab"
  // button sits outside the tab list, the editor and the endpoint field have names, and
  // the editor's scrolling area can take the focus
  function touchUp() {
    const list = document.querySelector("#yasgui .tabsList");
    const add = list && list.querySelector(".addTab");
    if (add) list.after(add.parentElement);
    for (const [sel, name] of [[".yasqe textarea", "SPARQL query"], ["#yasgui input.autocomplete", "SPARQL endpoint"],
                               ["#yasgui .tab input[type=text]", "Tab name"]])
      document.querySelectorAll(sel).forEach((e) => e.setAttribute("aria-label", name));
    document.querySelectorAll("#yasgui .CodeMirror-scroll").forEach((e) => e.setAttribute("tabindex", "0"));
  }
  touchUp();
  yasgui.on("tabAdd", () => setTimeout(touchUp, 0));
  yasgui.on("tabSelect", () => setTimeout(touchUp, 0));

  const views = DiploViews.mount(document.getElementById("views"));
  const status = document.getElementById("views-status");
  const empty = { visits: [], undated: [], places: [], people: [], edges: [] };
  let drawing = 0;
  // status.dataset.answer counts the answers drawn (browser tests wait for it)
  const done = (mine, data) => { views.set(data); status.dataset.answer = String(mine); };
  async function drawAnswer(yasr) {
    const mine = ++drawing;
    let vars = [], rows = [];
    try {
      vars = yasr.results.getVariables() || [];
      rows = yasr.results.getBindings() || [];
    } catch (e) {
      status.textContent = "This answer is not a table of rows: the views draw SELECT answers.";
      done(mine, empty);
      return;
    }
    const iris = new Set();
    for (const row of rows) for (const v of vars) if (row[v] && row[v].type === "uri") iris.add(row[v].value);
    if (!iris.size) {
      status.textContent = "This answer names no visits, summits, people or places, so there is nothing to draw.";
      done(mine, empty);
      return;
    }
    status.textContent = "Drawing the answer…";
    const r = await fetch("/api/views", { method: "POST", headers: { "Content-Type": "application/json" },
                                          body: JSON.stringify({ iris: [...iris].slice(0, 2000) }) });
    if (mine !== drawing) return;
    if (!r.ok) { status.textContent = "The views could not be drawn: " + (await r.text()); return; }
    const data = await r.json();
    const events = data.visits.length + data.undated.length;
    status.textContent = events || data.places.length || data.people.length
      ? `From the ${rows.length} rows of the answer: ${events} visits and summits (${data.undated.length} undated), ${data.places.length} places, ${data.people.length} people.`
      : "This answer names no visits, summits, people or places, so there is nothing to draw.";
    done(mine, data);
  }
  yasgui.on("queryResponse", (y, tab) => setTimeout(() => tab.getYasr().results && drawAnswer(tab.getYasr()), 0));
  const tab = yasgui.getTab();
  if (tab && tab.getYasr() && tab.getYasr().results) drawAnswer(tab.getYasr());

  document.querySelectorAll("button.example").forEach((button) => {
    button.addEventListener("click", () => {
      const q = questions.find((x) => x.name === button.dataset.name);
      const current = yasgui.getTab();
      current.setName && current.setName(q.title.slice(0, 40));
      const yasqe = current.getYasqe();
      yasqe.setValue(q.sparql);
      yasqe.query();
    });
  });
})();
