// Views beyond the table: a timeline of visits and summits (SVG), a map of the places
// (SVG over the world TopoJSON shipped with the page: no tile server) and a network of
// who accompanied, met or held a summit with whom (cytoscape). Each draws the data it is
// given: the rows of the answer on the query page, everything on /views, one resource's
// events on its page. Every view can be saved (SVG and PNG; the network as PNG).
const DiploViews = (function () {
  const SVG = "http://www.w3.org/2000/svg";
  const FONT = "system-ui, -apple-system, 'Segoe UI', sans-serif";
  const COLOURS = { Visit: "#1f5f99", Summit: "#7b3fa0", Cancelled: "#6b7178", both: "#b4560f" };
  const DAY = 86400000;
  const MAX_PEOPLE = 150;
  const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

  function el(name, attrs, parent) {
    const e = document.createElementNS(SVG, name);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    if (parent) parent.appendChild(e);
    return e;
  }
  function html(name, attrs, parent, text) {
    const e = document.createElement(name);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    if (text !== undefined) e.textContent = text;
    if (parent) parent.appendChild(e);
    return e;
  }
  const measure = (() => {
    const ctx = document.createElement("canvas").getContext("2d");
    return (text, size, weight) => { ctx.font = `${weight || 400} ${size}px ${FONT}`; return ctx.measureText(text).width; };
  })();
  // text that fits in `room` pixels, cut with an ellipsis when it does not
  function fit(text, room, size, weight) {
    if (measure(text, size, weight) <= room) return text;
    let t = text;
    while (t.length > 1 && measure(t + "…", size, weight) > room) t = t.slice(0, -1);
    return t.length > 1 ? t + "…" : "";
  }
  function first(text) { return new Date(Date.UTC(...span(text)[0])); }
  function last(text) { return new Date(Date.UTC(...span(text)[1])); }
  // [y, m, d] of the first and last day an ISO day, month or year covers
  function span(text) {
    const p = text.split("-").map(Number);
    if (p.length === 1) return [[p[0], 0, 1], [p[0], 11, 31]];
    if (p.length === 2) return [[p[0], p[1] - 1, 1], [p[0], p[1], 0]];
    return [[p[0], p[1] - 1, p[2]], [p[0], p[1] - 1, p[2]]];
  }
  function message(container, text) {
    html("p", { class: "view-message", role: "status" }, container, text);
  }
  function colour(v) { return v.status === "Cancelled" ? COLOURS.Cancelled : COLOURS[v.kind] || COLOURS.Visit; }

  // ------------------------------------------------------------------ timeline
  function timeline(container, data) {
    container.innerHTML = "";
    const visits = data.visits || [], undated = data.undated || [];
    if (!visits.length && !undated.length) { message(container, "No visits or summits to draw."); return; }
    timelineLegend(container);
    const layout = html("div", { class: "timeline-layout" }, container);
    const chart = html("div", { class: "timeline-chart" }, layout);
    if (undated.length) undatedList(layout, undated);
    if (!visits.length) { message(chart, "None of these events has a date."); return; }
    const width = Math.max(280, chart.clientWidth || container.clientWidth || 900);
    const pad = 10, labelSize = 12, rowLabelSize = 13, laneH = 22, axisH = 34;
    let min = Math.min(...visits.map((v) => first(v.start).getTime()));
    let max = Math.max(...visits.map((v) => last(v.end || v.start).getTime() + DAY));
    const minSpan = 120 * DAY;
    if (max - min < minSpan) { const mid = (min + max) / 2; min = mid - minSpan / 2; max = mid + minSpan / 2; }
    const margin = (max - min) * 0.04; min -= margin; max += margin;
    const x = (t) => pad + ((t - min) / (max - min)) * (width - 2 * pad);
    // rows: one per traveller (or group of participants); events that would overlap,
    // labels included, go to further lanes of the row
    const rows = new Map();
    for (const v of visits) {
      const name = (v.who || []).join(", ") || "unknown";
      if (!rows.has(name)) rows.set(name, []);
      rows.get(name).push(v);
    }
    const placed = [];
    let y = axisH;
    const rowTops = [];
    for (const name of [...rows.keys()].sort()) {
      rowTops.push({ name, y });
      y += rowLabelSize + 6;
      const lanes = [];
      for (const v of rows.get(name).sort((a, b) => first(a.start) - first(b.start))) {
        const s = first(v.start).getTime(), e = last(v.end || v.start).getTime() + DAY;
        const exact = v.precision === "day", point = exact && (!v.end || v.end === v.start);
        const x0 = point ? x(s) - 6 : x(s), x1 = point ? x(s) + 6 : Math.max(x(e), x(s) + 6);
        const text = ((v.host && v.host.length) ? v.host : (v.places || [])).join(", ") || v.title;
        const tw = measure(text, labelSize) + 6;
        // the label goes right of the mark, or left when the right edge is too near
        let lx0 = x1 + 4, lx1 = x1 + 4 + tw, anchor = "start";
        if (lx1 > width - pad && x0 - 4 - tw >= pad) { lx0 = x0 - 4 - tw; lx1 = x0 - 4; anchor = "end"; }
        const room = anchor === "start" ? width - pad - (x1 + 4) : x0 - 4 - pad;
        const left = Math.min(x0, lx0), right = Math.max(x1, Math.min(lx1, width - pad));
        let lane = lanes.findIndex((end) => end + 6 < left);
        if (lane < 0) { lane = lanes.length; lanes.push(0); }
        lanes[lane] = right;
        placed.push({ v, s, e, exact, point, x0, x1, text, anchor, room, y: y + lane * laneH });
      }
      y += Math.max(1, lanes.length) * laneH + 8;
    }
    const height = y + 4;
    const svg = el("svg", { class: "timeline", width, height, viewBox: `0 0 ${width} ${height}`, role: "group",
                            "aria-label": `Timeline of ${visits.length} dated visits and summits`, "font-family": FONT }, chart);
    el("title", {}, svg).textContent = "Timeline of visits and summits";
    const defs = el("defs", {}, svg);
    for (const [key, c] of Object.entries(COLOURS)) {
      const p = el("pattern", { id: "hatch-" + key, width: 6, height: 6, patternUnits: "userSpaceOnUse", patternTransform: "rotate(45)" }, defs);
      el("rect", { width: 6, height: 6, fill: "#fff" }, p);
      el("line", { x1: 0, y1: 0, x2: 0, y2: 6, stroke: c, "stroke-width": 2.5 }, p);
    }
    axis(svg, min, max, x, width, axisH, height);
    for (const { name, y: top } of rowTops) {
      const t = el("text", { x: pad, y: top + rowLabelSize, class: "row-label", "font-size": rowLabelSize, "font-weight": 600, fill: "#1d2733" }, svg);
      t.textContent = fit(name, width - 2 * pad, rowLabelSize, 600);
      if (t.textContent !== name) el("title", {}, t).textContent = name;
    }
    for (const p of placed) {
      const v = p.v, c = colour(v), cls = `event ${(v.kind || "").toLowerCase()} ${(v.status || "").toLowerCase()} ${v.precision}`;
      const a = el("a", { href: v.href, class: cls, "data-iri": v.iri }, svg);
      el("title", {}, a).textContent = `${v.title}${v.status ? " (" + v.status.toLowerCase() + ")" : ""}${v.places && v.places.length ? " · " + v.places.join(", ") : ""}`;
      const pale = v.status === "Announced" ? 0.55 : 1;
      const mid = p.y + laneH / 2;
      if (p.point) {
        el("circle", { cx: x(p.s), cy: mid, r: 6, fill: c, "fill-opacity": pale, stroke: c, class: "mark" }, a);
      } else if (p.exact) {
        el("rect", { x: p.x0, y: mid - 6, width: p.x1 - p.x0, height: 12, rx: 3, fill: c, "fill-opacity": pale, stroke: c, class: "mark" }, a);
      } else {
        const key = v.status === "Cancelled" ? "Cancelled" : v.kind === "Summit" ? "Summit" : "Visit";
        el("rect", { x: p.x0, y: mid - 7, width: p.x1 - p.x0, height: 14, fill: `url(#hatch-${key})`, "fill-opacity": pale,
                     stroke: c, "stroke-width": 1.2, "stroke-dasharray": v.status === "Announced" ? "4 2" : "none", class: "mark" }, a);
      }
      const text = fit(p.text, p.room, labelSize);
      if (text) {
        const t = el("text", { x: p.anchor === "start" ? p.x1 + 4 : p.x0 - 4, y: mid + 4, "text-anchor": p.anchor,
                               class: "event-label", "font-size": labelSize, fill: "#333a41" }, a);
        t.textContent = text;
      }
    }
    saveButtons(container, "timeline", () => svg);
  }

  function axis(svg, min, max, x, width, axisH, height) {
    const months = (max - min) / (30.44 * DAY);
    const room = Math.max(1, Math.floor(width / 64));
    const step = [1, 2, 3, 6, 12, 24, 60, 120].find((s) => months / s <= room) || 240;
    const start = new Date(min);
    let y = start.getUTCFullYear(), m = start.getUTCMonth();
    m = Math.ceil(m / Math.min(step, 12)) * Math.min(step, 12);
    if (step > 12) { y = Math.ceil(y / (step / 12)) * (step / 12); m = 0; }
    const g = el("g", { class: "axis" }, svg);
    el("line", { x1: x(min), x2: x(max), y1: axisH - 8, y2: axisH - 8, stroke: "#8a9097" }, g);
    let labelled = false;
    for (let t = Date.UTC(y, m, 1); t <= max; ) {
      const d = new Date(t);
      if (t >= min) {
        el("line", { x1: x(t), x2: x(t), y1: axisH - 12, y2: height, stroke: "#e3e6ea", class: "tick" }, g);
        // a month tick names its year in January and on the first tick
        const label = step >= 12 ? String(d.getUTCFullYear()) : d.getUTCMonth() === 0 || !labelled ? `${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}` : MONTHS[d.getUTCMonth()];
        labelled = true;
        const tx = Math.min(Math.max(x(t), 4 + measure(label, 11) / 2), width - 4 - measure(label, 11) / 2);
        el("text", { x: tx, y: axisH - 16, "text-anchor": "middle", "font-size": 11, fill: "#4a535c", class: "tick-label" }, g).textContent = label;
      }
      const next = new Date(t);
      next.setUTCMonth(next.getUTCMonth() + step);
      t = next.getTime();
    }
  }

  function timelineLegend(container) {
    const ul = html("ul", { class: "legend", "aria-label": "Legend" }, container);
    const item = (draw, text) => {
      const li = html("li", {}, ul);
      const s = el("svg", { width: 26, height: 14, "aria-hidden": "true" }, li);
      draw(s);
      html("span", {}, li, text);
    };
    const defs = (s, c) => {
      const p = el("pattern", { id: "lg-" + c.slice(1), width: 5, height: 5, patternUnits: "userSpaceOnUse", patternTransform: "rotate(45)" }, el("defs", {}, s));
      el("line", { x1: 0, y1: 0, x2: 0, y2: 5, stroke: c, "stroke-width": 2 }, p);
      return `url(#lg-${c.slice(1)})`;
    };
    item((s) => el("circle", { cx: 13, cy: 7, r: 5, fill: COLOURS.Visit }, s), "visit");
    item((s) => el("circle", { cx: 13, cy: 7, r: 5, fill: COLOURS.Summit }, s), "summit");
    item((s) => el("rect", { x: 1, y: 2, width: 24, height: 10, rx: 3, fill: COLOURS.Visit }, s), "known days");
    item((s) => el("rect", { x: 1, y: 2, width: 24, height: 10, fill: defs(s, COLOURS.Visit), stroke: COLOURS.Visit }, s), "known only to the month or year");
    item((s) => el("rect", { x: 1, y: 2, width: 24, height: 10, fill: COLOURS.Visit, "fill-opacity": 0.55, stroke: COLOURS.Visit, "stroke-dasharray": "4 2" }, s), "announced");
    item((s) => el("circle", { cx: 13, cy: 7, r: 5, fill: COLOURS.Cancelled }, s), "cancelled");
  }

  function undatedList(parent, undated) {
    const box = html("aside", { class: "undated", "aria-label": "Undated events" }, parent);
    html("h3", {}, box, `Undated (${undated.length})`);
    const ul = html("ul", {}, box);
    for (const v of undated) {
      const li = html("li", {}, ul);
      html("a", { href: v.href, "data-iri": v.iri, class: "event" }, li, v.title);
      if (v.status) html("span", { class: "muted" }, li, " · " + v.status.toLowerCase());
    }
  }

  // ------------------------------------------------------------------ map
  let world = null;
  async function drawMap(container, data) {
    container.innerHTML = "";
    const places = data.places || [];
    if (!places.length) { message(container, "No places with known coordinates to draw."); return; }
    world = world || fetch("/static/vendor/countries-110m.json").then((r) => r.json());
    const topo = await world;
    const land = topojson.feature(topo, topo.objects.countries);
    mapLegend(container);
    const box = html("div", { class: "map-box" }, container);
    const width = Math.max(280, box.clientWidth || container.clientWidth || 900);
    const height = Math.round(Math.min(520, Math.max(300, width * 0.62)));
    // an equirectangular projection around the places, scaled by the cosine of the middle latitude
    let lon0 = Math.min(...places.map((p) => p.lon)), lon1 = Math.max(...places.map((p) => p.lon));
    let lat0 = Math.min(...places.map((p) => p.lat)), lat1 = Math.max(...places.map((p) => p.lat));
    const k = Math.cos(((lat0 + lat1) / 2) * Math.PI / 180);
    let w = Math.max(24, (lon1 - lon0) * 1.3) * k, h = Math.max(14, (lat1 - lat0) * 1.3);
    if (w / h < width / height) w = h * width / height; else h = w * height / width;
    const cx = (lon0 + lon1) / 2, cy = (lat0 + lat1) / 2;
    const sx = width / w;
    const px = (lon) => width / 2 + (lon - cx) * k * sx, py = (lat) => height / 2 - (lat - cy) * sx;
    const svg = el("svg", { class: "map", width, height, viewBox: `0 0 ${width} ${height}`, role: "group",
                            "aria-label": `Map of ${places.length} places`, "font-family": FONT }, box);
    el("title", {}, svg).textContent = "Map of the places of the visits and summits";
    el("rect", { width, height, fill: "#d7e8f3" }, svg);
    const g = el("g", { class: "land" }, svg);
    for (const f of land.features) {
      const polys = f.geometry ? (f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates) : [];
      let d = "";
      for (const poly of polys) for (const ring of poly) {
        // rings crossing the antimeridian are split where longitude jumps
        let prev = null;
        ring.forEach(([lon, lat], i) => {
          const cmd = i === 0 || (prev !== null && Math.abs(lon - prev) > 180) ? "M" : "L";
          d += `${cmd}${px(lon).toFixed(1)},${py(lat).toFixed(1)}`;
          prev = lon;
        });
        d += "Z";
      }
      if (d) el("path", { d, fill: "#f1ede2", stroke: "#9a978d", "stroke-width": 0.6 }, g);
    }
    const taken = [];
    const marks = places.map((p) => {
      const kinds = new Set(p.events.map((e) => e.kind));
      const c = kinds.size > 1 ? COLOURS.both : kinds.has("Summit") ? COLOURS.Summit : COLOURS.Visit;
      const r = 4 + Math.min(8, 2 * Math.max(1, p.events.length));
      const m = { p, x: px(p.lon), y: py(p.lat), r, c };
      taken.push([m.x - r, m.y - r, m.x + r, m.y + r]);
      return m;
    });
    const size = 12;
    for (const m of marks.sort((a, b) => b.p.events.length - a.p.events.length)) {
      const a = el("a", { href: m.p.href, class: "place", "data-iri": m.p.iri }, svg);
      el("title", {}, a).textContent = m.p.label + (m.p.events.length ? ": " + m.p.events.map((e) => e.title).join("; ") : "");
      el("circle", { cx: m.x, cy: m.y, r: m.r, fill: m.c, "fill-opacity": 0.8, stroke: "#fff", "stroke-width": 1.5 }, a);
      const tw = measure(m.p.label, size, 600), th = size + 2;
      // beside the mark, above, below, then at the corners and further out; else where it covers least
      const spots = [];
      for (const d of [3, 3 + th]) {
        spots.push([m.x + m.r + d, m.y - th / 2], [m.x - m.r - d - tw, m.y - th / 2], [m.x - tw / 2, m.y - m.r - d + 1 - th], [m.x - tw / 2, m.y + m.r + d - 1],
                   [m.x + m.r, m.y - m.r - d - th + 3], [m.x + m.r, m.y + m.r + d - 3], [m.x - m.r - tw, m.y - m.r - d - th + 3], [m.x - m.r - tw, m.y + m.r + d - 3]);
      }
      const inside = ([lx, ly]) => lx >= 2 && ly >= 2 && lx + tw <= width - 2 && ly + th <= height - 2;
      const covered = ([lx, ly]) => taken.reduce((sum, [a0, b0, a1, b1]) =>
        sum + Math.max(0, Math.min(a1, lx + tw) - Math.max(a0, lx)) * Math.max(0, Math.min(b1, ly + th) - Math.max(b0, ly)), 0);
      const candidates = spots.filter(inside);
      const spot = candidates.find((s) => covered(s) === 0) || candidates.sort((a, b) => covered(a) - covered(b))[0];
      if (!spot) continue;
      taken.push([spot[0], spot[1], spot[0] + tw, spot[1] + th]);
      el("rect", { x: spot[0] - 2, y: spot[1], width: tw + 4, height: th, rx: 3, fill: "#fff", "fill-opacity": 0.8 }, a);
      el("text", { x: spot[0], y: spot[1] + size - 1, "font-size": size, "font-weight": 600, fill: "#1d2733", class: "place-label" }, a).textContent = m.p.label;
    }
    placeList(container, places);
    saveButtons(container, "map", () => svg);
  }

  function mapLegend(container) {
    const ul = html("ul", { class: "legend", "aria-label": "Legend" }, container);
    for (const [c, text] of [[COLOURS.Visit, "visits"], [COLOURS.Summit, "summits"], [COLOURS.both, "visits and summits"]]) {
      const li = html("li", {}, ul);
      el("circle", { cx: 7, cy: 7, r: 6, fill: c }, el("svg", { width: 14, height: 14, "aria-hidden": "true" }, li));
      html("span", {}, li, text);
    }
    html("li", { class: "muted" }, ul, "larger circle: more events");
  }

  function placeList(container, places) {
    const d = html("details", { class: "place-list" }, container);
    html("summary", {}, d, `The ${places.length} places as a list`);
    const ul = html("ul", {}, d);
    for (const p of places) {
      const li = html("li", {}, ul);
      html("a", { href: p.href }, li, p.label);
      if (p.events.length) {
        const inner = html("ul", {}, li);
        for (const e of p.events) html("a", { href: e.href }, html("li", {}, inner), e.title);
      }
    }
  }

  // ------------------------------------------------------------------ network
  function network(container, data) {
    container.innerHTML = "";
    if (!data.people || !data.people.length) { message(container, "No people to draw."); return null; }
    const legend = html("ul", { class: "legend", "aria-label": "Legend" }, container);
    for (const [cls, text] of [["accompanied", "accompanied (arrow to the companion)"], ["met", "met (arrow to the person met)"], ["summit", "summit together"]]) {
      html("span", { class: "edge-key " + cls, "aria-hidden": "true" }, html("li", {}, legend));
      legend.lastChild.appendChild(document.createTextNode(text));
    }
    // a readable network has a bounded size: the most connected people, the others in the list
    const degree = new Map();
    for (const e of data.edges || []) for (const id of [e.source, e.target]) degree.set(id, (degree.get(id) || 0) + 1);
    const shown = data.people.length <= MAX_PEOPLE ? data.people
      : [...data.people].sort((a, b) => (degree.get(b.id) || 0) - (degree.get(a.id) || 0)).slice(0, MAX_PEOPLE);
    const ids = new Set(shown.map((p) => p.id));
    if (shown.length < data.people.length) message(container, `The ${shown.length} most connected of ${data.people.length} people; all of them are in the list below.`);
    const box = html("div", { class: "network-box", role: "img", "aria-label": `Network of ${shown.length} people` }, container);
    const elements = shown.map((p) => ({ data: { id: p.id, label: p.label, href: p.href } }));
    const seen = new Map();
    for (const e of (data.edges || []).filter((e) => ids.has(e.source) && ids.has(e.target))) {
      const key = e.source + " " + e.target + " " + e.rel;
      if (seen.has(key)) { seen.get(key).data.n += 1; continue; }
      const edge = { data: { id: "e" + seen.size, source: e.source, target: e.target, rel: e.rel, href: e.visit, n: 1 } };
      seen.set(key, edge);
      elements.push(edge);
    }
    const cy = cytoscape({
      container: box, elements, minZoom: 0.2, maxZoom: 3,
      style: [
        { selector: "node", style: { label: "data(label)", "font-size": 14, "font-family": "sans-serif", color: "#1d2733", "text-valign": "bottom", "text-margin-y": 4,
                                     "text-background-color": "#fff", "text-background-opacity": 0.9, "text-background-padding": 2,
                                     "background-color": "#1f5f99", width: 14, height: 14 } },
        { selector: "edge", style: { width: "mapData(n, 1, 5, 1.5, 5)", "curve-style": "bezier", "arrow-scale": 0.9, "target-arrow-shape": "triangle",
                                     label: "data(rel)", "font-size": 11, "font-family": "sans-serif", color: "#4a535c", "text-rotation": "autorotate",
                                     "text-background-color": "#fff", "text-background-opacity": 0.9, "text-background-padding": 1,
                                     "line-color": "#999", "target-arrow-color": "#999" } },
        { selector: "edge[rel = 'accompanied']", style: { "line-color": "#b03a2e", "target-arrow-color": "#b03a2e" } },
        { selector: "edge[rel = 'met']", style: { "line-color": "#1e7b45", "target-arrow-color": "#1e7b45" } },
        { selector: "edge[rel = 'summit']", style: { "line-color": "#7b3fa0", "target-arrow-shape": "none", "line-style": "dashed" } },
      ],
      layout: { name: "cose", animate: false, randomize: false, nodeDimensionsIncludeLabels: true, idealEdgeLength: () => 110,
                nodeRepulsion: () => 900000, componentSpacing: 90, padding: 30, numIter: 2500 },
    });
    fitToBox(cy, box);
    cy.on("tap", "node, edge", (evt) => { const href = evt.target.data("href"); if (href) window.location = href; });
    box.cy = cy;
    peopleList(container, data.people);
    saveButtons(container, "network", null, () => cy.png({ full: true, scale: 2, bg: "#ffffff" }));
    return cy;
  }

  // Spread the layout over the box at a readable zoom: positions are stretched to the box's
  // shape (labels keep their size), then overlapping labels are pushed apart.
  function fitToBox(cy, box) {
    const W = Math.max(200, box.clientWidth - 40), H = Math.max(200, box.clientHeight - 40);
    for (let i = 0; i < 4; i++) {
      const bb = cy.nodes().boundingBox({ includeLabels: true, includeEdges: false });
      const sx = Math.min(3, W / Math.max(1, bb.w)), sy = Math.min(3, H / Math.max(1, bb.h));
      if (Math.abs(sx - 1) < 0.05 && Math.abs(sy - 1) < 0.05) break;
      const mx = bb.x1 + bb.w / 2, my = bb.y1 + bb.h / 2;
      cy.nodes().positions((n) => { const p = n.position(); return { x: mx + (p.x - mx) * sx, y: my + (p.y - my) * sy }; });
      separateLabels(cy);
    }
    separateLabels(cy);
    cy.fit(undefined, 20);
  }

  // push apart nodes whose boxes (labels included) overlap, a few rounds at most
  function separateLabels(cy) {
    const nodes = cy.nodes();
    for (let round = 0; round < 60; round++) {
      let moved = false;
      const boxes = nodes.map((n) => n.boundingBox({ includeLabels: true, includeEdges: false }));
      for (let i = 0; i < nodes.length; i++) for (let j = i + 1; j < nodes.length; j++) {
        const a = boxes[i], b = boxes[j];
        const ox = Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1) + 6, oy = Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1) + 6;
        if (ox <= 0 || oy <= 0) continue;
        moved = true;
        const pi = nodes[i].position(), pj = nodes[j].position();
        if (ox < oy) { const d = (pi.x <= pj.x ? -1 : 1) * ox / 2; nodes[i].position({ x: pi.x + d, y: pi.y }); nodes[j].position({ x: pj.x - d, y: pj.y }); }
        else { const d = (pi.y <= pj.y ? -1 : 1) * oy / 2; nodes[i].position({ x: pi.x, y: pi.y + d }); nodes[j].position({ x: pj.x, y: pj.y - d }); }
        boxes[i] = nodes[i].boundingBox({ includeLabels: true, includeEdges: false });
        boxes[j] = nodes[j].boundingBox({ includeLabels: true, includeEdges: false });
      }
      if (!moved) break;
    }
  }

  function peopleList(container, people) {
    const d = html("details", { class: "place-list" }, container);
    html("summary", {}, d, `The ${people.length} people as a list`);
    const ul = html("ul", {}, d);
    for (const p of people) html("a", { href: p.href }, html("li", {}, ul), p.label);
  }

  // ------------------------------------------------------------------ saving
  function saveButtons(container, name, svgOf, pngOf) {
    const bar = html("div", { class: "save" }, container);
    if (svgOf) {
      const b = html("button", { type: "button" }, bar, "Save as SVG");
      b.addEventListener("click", () => download(URL.createObjectURL(new Blob([svgText(svgOf())], { type: "image/svg+xml" })), name + ".svg"));
    }
    const b = html("button", { type: "button" }, bar, "Save as PNG");
    b.addEventListener("click", async () => download(pngOf ? pngOf() : await svgToPng(svgOf()), name + ".png"));
  }
  function svgText(svg) {
    const copy = svg.cloneNode(true);
    copy.setAttribute("xmlns", SVG);
    return new XMLSerializer().serializeToString(copy);
  }
  function svgToPng(svg) {
    return new Promise((resolve) => {
      const img = new Image();
      const w = Number(svg.getAttribute("width")), h = Number(svg.getAttribute("height"));
      img.onload = () => {
        const canvas = document.createElement("canvas");
        canvas.width = 2 * w; canvas.height = 2 * h;
        const ctx = canvas.getContext("2d");
        ctx.fillStyle = "#fff"; ctx.fillRect(0, 0, canvas.width, canvas.height);
        ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
        resolve(canvas.toDataURL("image/png"));
      };
      img.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(svgText(svg));
    });
  }
  function download(url, filename) {
    const a = html("a", { href: url, download: filename }, document.body);
    a.click();
    a.remove();
  }

  // ------------------------------------------------------------------ tabs
  // A tab list (WAI-ARIA tabs pattern: arrow keys move between tabs) over the three views;
  // `draw(name)` is called when a view is shown.
  function tabs(root, draw) {
    const buttons = [...root.querySelectorAll("[role=tab]")];
    const show = (button, focus) => {
      for (const b of buttons) {
        const on = b === button;
        b.setAttribute("aria-selected", on);
        b.tabIndex = on ? 0 : -1;
        document.getElementById(b.getAttribute("aria-controls")).hidden = !on;
      }
      if (focus) button.focus();
      draw(button.dataset.view);
    };
    buttons.forEach((b, i) => {
      b.addEventListener("click", () => show(b));
      b.addEventListener("keydown", (e) => {
        const next = { ArrowRight: 1, ArrowLeft: -1 }[e.key];
        if (next) { e.preventDefault(); show(buttons[(i + next + buttons.length) % buttons.length], true); }
      });
    });
    return { current: () => buttons.find((b) => b.getAttribute("aria-selected") === "true").dataset.view, show: (name) => show(buttons.find((b) => b.dataset.view === name)) };
  }

  // The three views under a tab list; `set(data)` redraws the view shown, the others
  // when their tab is opened.
  function mount(root) {
    let data = null, drawn = {};
    const draw = (name) => {
      if (!data || drawn[name] === data) return;
      drawn[name] = data;
      const target = root.querySelector(`[data-view-body=${name}]`);
      if (name === "timeline") timeline(target, data);
      if (name === "map") drawMap(target, data);
      if (name === "network") network(target, data);
    };
    const t = tabs(root, draw);
    return { set(d) { data = d; drawn = {}; draw(t.current()); } };
  }

  return { timeline, drawMap, network, tabs, mount };
})();
