// Views beyond the table: a timeline of visits (SVG), a map of places (Leaflet over a
// world TopoJSON shipped with the page: no tile server) and a graph of who met whom
// (cytoscape). Data comes from /api/views.
const DiploViews = (function () {
  const SVG = "http://www.w3.org/2000/svg";
  function el(name, attrs, parent) {
    const e = document.createElementNS(SVG, name);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    if (parent) parent.appendChild(e);
    return e;
  }
  function toDate(text, end) {
    if (!text) return null;
    const parts = text.split("-").map(Number);
    if (parts.length === 1) return end ? new Date(Date.UTC(parts[0], 11, 31)) : new Date(Date.UTC(parts[0], 0, 1));
    if (parts.length === 2) return end ? new Date(Date.UTC(parts[0], parts[1], 0)) : new Date(Date.UTC(parts[0], parts[1] - 1, 1));
    return new Date(Date.UTC(parts[0], parts[1] - 1, parts[2]));
  }

  function timeline(container, visits) {
    container.innerHTML = "";
    const dated = visits.filter((v) => v.start);
    if (!dated.length) { container.textContent = "No dated visits."; return; }
    const names = [...new Set(dated.map((v) => (v.who || []).join(", ") || "?"))].sort();
    const starts = dated.map((v) => toDate(v.start).getTime());
    const ends = dated.map((v) => toDate(v.end || v.start, true).getTime());
    const day = 86400000;
    const min = Math.min(...starts) - 30 * day, max = Math.max(...ends) + 30 * day;
    const width = Math.max(container.clientWidth || 900, 600), left = 170, laneH = 26, top = 30, gap = 8;
    const x = (t) => left + ((t - min) / (max - min)) * (width - left - 20);
    // each person gets a row; events that would overlap (label included) go to extra lanes
    const placed = [], lanesOf = {};
    for (const v of [...dated].sort((a, b) => toDate(a.start) - toDate(b.start))) {
      const name = (v.who || []).join(", ") || "?";
      const s = toDate(v.start).getTime(), e = toDate(v.end || v.start, true).getTime();
      const x0 = x(s), x1 = x0 + Math.max(8, x(e) - x0) + 8 + 7 * (v.host || []).join(", ").length;
      const lanes = (lanesOf[name] = lanesOf[name] || []);
      let lane = lanes.findIndex((end) => end + 4 < x0);
      if (lane < 0) { lane = lanes.length; lanes.push(0); }
      lanes[lane] = x1;
      placed.push({ v, name, lane, s, e });
    }
    const rowTop = {};
    let y = top;
    for (const name of names) { rowTop[name] = y; y += (lanesOf[name] || [0]).length * laneH + gap; }
    const svg = el("svg", { width, height: y + 10, class: "timeline" }, container);
    const y0 = new Date(min).getUTCFullYear(), y1 = new Date(max).getUTCFullYear();
    for (let yr = y0; yr <= y1 + 1; yr++) {
      const t = Date.UTC(yr, 0, 1);
      if (t < min || t > max) continue;
      el("line", { x1: x(t), x2: x(t), y1: top - 10, y2: y, class: "tick" }, svg);
      el("text", { x: x(t) + 3, y: top - 14, class: "year" }, svg).textContent = yr;
    }
    for (const name of names) {
      el("text", { x: 4, y: rowTop[name] + 17, class: "row-label" }, svg).textContent = name;
    }
    for (const { v, name, lane, s, e } of placed) {
      const top_ = rowTop[name] + lane * laneH;
      const a = el("a", { href: v.href }, svg);
      const w = Math.max(8, x(e) - x(s));
      el("rect", { x: x(s), y: top_ + 2, width: w, height: 20, rx: 4,
                   class: "event " + (v.kind || "").toLowerCase() + " " + (v.status || "").toLowerCase() }, a);
      el("title", {}, a).textContent = `${v.title} ${v.start}${v.end ? " – " + v.end : ""}${v.places && v.places.length ? " (" + v.places.join(", ") + ")" : ""}${v.status ? " · " + v.status : ""}`;
      el("text", { x: x(s) + w + 4, y: top_ + 17, class: "event-label" }, a).textContent = ((v.host && v.host.length) ? v.host : (v.places || [])).join(", ");
    }
  }

  let map = null;
  async function drawMap(container, places) {
    if (map) { map.invalidateSize(); return; }
    map = L.map(container, { worldCopyJump: true, attributionControl: false }).setView([45, 80], 2);
    const world = await (await fetch("/static/vendor/countries-110m.json")).json();
    const land = topojson.feature(world, world.objects.countries);
    L.geoJSON(land, { style: { color: "#888", weight: 0.6, fillColor: "#e8e4d8", fillOpacity: 1 } }).addTo(map);
    const bounds = [];
    for (const p of places) {
      const marker = L.circleMarker([p.lat, p.lon], { radius: 5 + Math.min(10, 2 * p.events.length), color: "#b03a2e", fillOpacity: 0.7 });
      const items = p.events.map((e) => `<li><a href="${e.href}">${escapeHtml(e.title)}</a> ${e.start || ""}</li>`).join("");
      marker.bindPopup(`<a href="${p.href}"><strong>${escapeHtml(p.label)}</strong></a><ul>${items}</ul>`);
      marker.bindTooltip(p.label);
      marker.addTo(map);
      bounds.push([p.lat, p.lon]);
    }
    if (bounds.length) map.fitBounds(bounds, { padding: [40, 40], maxZoom: 5 });
  }

  let cy = null;
  function network(container, data) {
    if (cy) { cy.resize(); cy.fit(); return; }
    const elements = data.people.map((p) => ({ data: { id: p.id, label: p.label, href: p.href } }));
    // one edge per pair and relation; its width says how many visits support it
    const seen = new Map();
    for (const e of data.edges) {
      const key = e.source + " " + e.target + " " + e.rel;
      if (seen.has(key)) { seen.get(key).data.n += 1; continue; }
      const edge = { data: { id: "e" + seen.size, source: e.source, target: e.target, rel: e.rel, href: e.visit, n: 1 } };
      seen.set(key, edge);
      elements.push(edge);
    }
    cy = cytoscape({
      container, elements, wheelSensitivity: 0.3,
      layout: { name: "cose", animate: false, nodeRepulsion: () => 600000, idealEdgeLength: () => 140, padding: 40, randomize: false },
      style: [
        { selector: "node", style: { label: "data(label)", "font-size": 10, "text-valign": "bottom", "text-margin-y": 3,
                                     "text-background-color": "#fff", "text-background-opacity": 0.8, "background-color": "#2c5d8a", width: 12, height: 12 } },
        { selector: "edge", style: { width: "mapData(n, 1, 5, 1.5, 5)", "curve-style": "bezier", "arrow-scale": 0.8, "target-arrow-shape": "triangle", "line-color": "#999", "target-arrow-color": "#999" } },
        { selector: "edge[rel = 'accompanied']", style: { "line-color": "#c0392b", "target-arrow-color": "#c0392b" } },
        { selector: "edge[rel = 'met']", style: { "line-color": "#27ae60", "target-arrow-color": "#27ae60" } },
        { selector: "edge[rel = 'summit']", style: { "line-color": "#8e44ad", "target-arrow-shape": "none", "line-style": "dashed" } },
      ],
    });
    cy.on("tap", "node, edge", (evt) => { const href = evt.target.data("href"); if (href) window.location = href; });
  }

  function escapeHtml(s) {
    return String(s).replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
  }

  async function tabs() {
    const root = document.getElementById("views");
    if (!root) return;
    const data = await (await fetch("/api/views")).json();
    timeline(document.getElementById("view-timeline"), data.visits);
    root.querySelectorAll(".tabs button").forEach((button) => {
      button.addEventListener("click", () => {
        root.querySelectorAll(".tabs button").forEach((b) => b.classList.toggle("active", b === button));
        root.querySelectorAll(".view").forEach((v) => { v.hidden = v.id !== "view-" + button.dataset.view; });
        if (button.dataset.view === "map") drawMap(document.getElementById("map"), data.places);
        if (button.dataset.view === "network") network(document.getElementById("network"), data);
      });
    });
  }
  document.addEventListener("DOMContentLoaded", tabs);
  return { timeline, drawMap, network };
})();
