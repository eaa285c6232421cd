// Progressive enhancement: under the search box, links to commune and theme pages that
// match what is being typed. The form works the same without this file.
(function () {
  "use strict";
  var input = document.querySelector("input[data-suggest]");
  if (!input || !window.fetch) { return; }
  var list = document.createElement("ul");
  list.className = "suggestions";
  list.id = input.id + "-suggestions";
  list.hidden = true;
  var live = document.createElement("p");
  live.className = "visually-hidden";
  live.setAttribute("aria-live", "polite");
  input.form.appendChild(list);
  input.form.appendChild(live);
  var timer = null;
  var lastQuery = "";

  function render(items) {
    list.textContent = "";
    items.forEach(function (item) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = item.url;
      var kind = document.createElement("span");
      kind.className = "kind";
      kind.textContent = item.kind + " : ";
      a.appendChild(kind);
      a.appendChild(document.createTextNode(item.label));
      li.appendChild(a);
      list.appendChild(li);
    });
    list.hidden = items.length === 0;
    live.textContent = items.length ? items.length + " suggestions sous le champ de recherche" : "";
  }

  function ask() {
    var q = input.value.trim();
    if (q === lastQuery) { return; }
    lastQuery = q;
    if (q.length < 2) { render([]); return; }
    fetch(input.dataset.suggest + "?q=" + encodeURIComponent(q), { headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : { suggestions: [] }; })
      .then(function (data) { if (q === lastQuery) { render(data.suggestions || []); } })
      .catch(function () { render([]); });
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(ask, 150);
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { render([]); }
  });
})();
