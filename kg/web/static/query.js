// The query page: YASGUI on /sparql with the project's prefixes and named questions.
(function () {
  const questions = JSON.parse(document.getElementById("questions-data").textContent);
  const prefixes = JSON.parse(document.getElementById("prefixes-data").textContent);
  const prologue = Object.entries(prefixes).map(([p, iri]) => `PREFIX ${p}: <${iri}>`).join("\n");
  const start = prologue + "\n\nSELECT ?visit ?traveller ?host ?start WHERE {\n  ?visit a dkg:Visit ;\n" +
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
  const tab = yasgui.getTab();
  if (tab) tab.getYasqe().addPrefixes(prefixes);
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
