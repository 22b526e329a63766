// Suggestions for the search box of every page, from /search (JSON).
(function () {
  const input = document.querySelector("form.search input[name=q]");
  const list = document.getElementById("search-suggestions");
  if (!input || !list) return;
  let timer = null;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    const q = input.value.trim();
    if (q.length < 2) return;
    timer = setTimeout(async () => {
      const r = await fetch("/search?limit=8&q=" + encodeURIComponent(q), { headers: { Accept: "application/json" } });
      if (!r.ok) return;
      const data = await r.json();
      list.innerHTML = "";
      for (const hit of data.results) {
        const option = document.createElement("option");
        option.value = hit.label;
        option.label = hit.type;
        list.appendChild(option);
      }
    }, 150);
  });
})();
