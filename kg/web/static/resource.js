// A resource page: its timeline, drawn from the data the page carries (a file, not an
// inline script, so the Content-Security-Policy can refuse every inline script).
(function () {
  const data = document.getElementById("timeline-data");
  if (data) DiploViews.timeline(document.getElementById("resource-timeline"), JSON.parse(data.textContent));
})();
