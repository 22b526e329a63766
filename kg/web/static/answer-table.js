// The result table of the query page, in place of YASR's own: plain values. A date reads
// as a date and a label as its text; an IRI is shortened to the project's prefixes, shows
// the full IRI on hover and links to its page here. Cells wrap, so no text is cut; long
// texts open in full on demand; a click on a column heading sorts by it.
(function () {
  const { prefixes, idBase } = JSON.parse(document.getElementById("page-data").textContent);
  const ontology = prefixes.dkg;
  const PAGE = 200, LONG = 160;

  function shorten(iri) {
    for (const [p, ns] of Object.entries(prefixes)) if (iri.startsWith(ns) && iri.length > ns.length) return p + ":" + iri.slice(ns.length);
    return iri;
  }
  function href(iri) {
    if (iri.startsWith(idBase)) return "/id/" + iri.slice(idBase.length);
    if (iri.startsWith(ontology)) return "/ontology#" + iri.slice(ontology.length);
    return /^https?:\/\//i.test(iri) ? iri : null;
  }
  function node(name, attrs, text) {
    const e = document.createElement(name);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function cell(term) {
    if (!term) return node("span");
    if (term.type === "uri") {
      const link = href(term.value);
      return node(link ? "a" : "span", link ? { class: "iri", href: link, title: term.value } : { class: "iri", title: term.value }, shorten(term.value));
    }
    if (term.type === "bnode") return node("span", { class: "muted" }, "_:" + term.value);
    const attrs = term["xml:lang"] ? { lang: term["xml:lang"] } : term.datatype ? { title: shorten(term.datatype) } : {};
    if (term.value.length <= LONG) return node("span", { class: "literal" + (term.value.length <= 24 ? " short" : ""), ...attrs }, term.value);
    // a long text: its start, and the whole of it on demand
    const d = node("details", { class: "literal long", ...attrs });
    d.appendChild(node("summary", {}, term.value.slice(0, LONG - 40).trimEnd() + "…"));
    d.appendChild(node("p", {}, term.value));
    return d;
  }
  function sortKey(term) {
    if (!term) return "";
    const n = Number(term.value);
    return term.datatype && !Number.isNaN(n) && /#(integer|decimal|double|float|int|long)$/.test(term.datatype) ? n : term.value.toLowerCase();
  }

  class AnswerTable {
    constructor(yasr) {
      this.yasr = yasr;
      this.label = "Table";
      this.priority = 10;
      this.order = null;
    }
    canHandleResults() {
      const r = this.yasr.results;
      return !!r && !!r.getVariables && (r.getVariables() || []).length > 0;
    }
    getIcon() {
      return node("span", { class: "table-icon", "aria-hidden": "true" }, "▦");
    }
    download(name) {
      return { getData: () => this.yasr.results.asCsv(), contentType: "text/csv", title: "Download as CSV", filename: `${name || "answer"}.csv` };
    }
    draw() {
      const vars = this.yasr.results.getVariables();
      let rows = this.yasr.results.getBindings().map((b, i) => ({ n: i + 1, b }));
      if (this.order) {
        const { v, dir } = this.order;
        rows = rows.slice().sort((a, b) => { const x = sortKey(a.b[v]), y = sortKey(b.b[v]); return (x < y ? -1 : x > y ? 1 : 0) * dir || a.n - b.n; });
      }
      const box = node("div", { class: "answer-table" });
      const table = node("table");
      const head = table.appendChild(node("thead")).appendChild(node("tr"));
      head.appendChild(node("th", { scope: "col", class: "n" }, "#"));
      for (const v of vars) {
        const sorted = this.order && this.order.v === v ? this.order.dir : 0;
        const th = head.appendChild(node("th", { scope: "col", "aria-sort": sorted > 0 ? "ascending" : sorted < 0 ? "descending" : "none" }));
        const b = th.appendChild(node("button", { type: "button", title: `sort by ${v}` }, v + (sorted > 0 ? " ▲" : sorted < 0 ? " ▼" : "")));
        b.addEventListener("click", () => { this.order = { v, dir: sorted > 0 ? -1 : 1 }; this.draw(); });
      }
      const body = table.appendChild(node("tbody"));
      const add = (from) => {
        for (const { n, b } of rows.slice(from, from + PAGE)) {
          const tr = body.appendChild(node("tr"));
          tr.appendChild(node("td", { class: "n" }, String(n)));
          for (const v of vars) tr.appendChild(node("td")).appendChild(cell(b[v]));
        }
      };
      add(0);
      box.appendChild(table);
      if (rows.length > PAGE) {
        const more = node("button", { type: "button", class: "more" }, `Show ${Math.min(PAGE, rows.length - PAGE)} more of ${rows.length} rows`);
        let shown = PAGE;
        more.addEventListener("click", () => {
          add(shown); shown += PAGE;
          if (shown >= rows.length) more.remove(); else more.textContent = `Show ${Math.min(PAGE, rows.length - shown)} more of ${rows.length} rows`;
        });
        box.appendChild(more);
      }
      this.yasr.resultsEl.innerHTML = "";
      this.yasr.resultsEl.appendChild(box);
    }
  }
  Yasgui.Yasr.registerPlugin("table", AnswerTable);
})();
