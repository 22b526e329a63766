// /views: the timeline, map and network of the whole graph.
(async function () {
  const root = document.getElementById("views");
  const status = document.getElementById("views-status");
  const views = DiploViews.mount(root);
  const r = await fetch("/api/views");
  if (!r.ok) { status.textContent = "The views could not be loaded: " + (await r.text()); return; }
  const data = await r.json();
  status.textContent = `${data.visits.length + data.undated.length} visits and summits, ${data.places.length} places, ${data.people.length} people.`;
  views.set(data);
})();
