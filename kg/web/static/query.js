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

  const views = DiploViews.mount(document.getElementById("views"));
  const status = document.getElementById("views-status");
  const empty = { visits: [], undated: [], places: [], people: [], edges: [] };
  let drawing = 0;
  async function drawAnswer(yasr) {
    const mine = ++drawing;
    let vars = [], rows = [];
    try {
      vars = yasr.results.getVariables() || [];
      rows = yasr.results.getBindings() || [];
    } catch (e) {
      status.textContent = "This answer is not a table of rows: the views draw SELECT answers.";
      views.set(empty);
      return;
    }
    const iris = new Set();
    for (const row of rows) for (const v of vars) if (row[v] && row[v].type === "uri") iris.add(row[v].value);
    if (!iris.size) {
      status.textContent = "This answer names no visits, summits, people or places, so there is nothing to draw.";
      views.set(empty);
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
    status.dataset.rows = rows.length;
    views.set(data);
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
