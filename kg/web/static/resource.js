// An entity page's timeline: its visits and summits, from the JSON the page carries.
(function () {
  const data = document.getElementById("timeline-data");
  if (data) DiploViews.timeline(document.getElementById("entity-timeline"), JSON.parse(data.textContent));
})();
