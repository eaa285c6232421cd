// Progressive enhancement of the filter panel; everything works without this file.
// - On a wide screen the panel starts open, beside the results (a closed <details>,
//   "Filtrer (n)", everywhere else).
// - A long group's filter box narrows its listed values as one types; submitted, it opens
//   the "toutes les valeurs" page, which is what happens without script.
(function () {
  "use strict";
  var panel = document.querySelector("details[data-open-wide]");
  if (panel && window.matchMedia && window.matchMedia("(min-width: 48.01rem)").matches) {
    panel.open = true;
  }
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  Array.prototype.forEach.call(document.querySelectorAll("input[data-filter-list]"),
    function (input) {
      var group = document.getElementById(input.getAttribute("data-filter-list"));
      var section = group && group.closest("section");
      if (!section) { return; }
      input.addEventListener("input", function () {
        var wanted = fold(input.value.trim());
        Array.prototype.forEach.call(section.querySelectorAll("li"), function (item) {
          item.hidden = wanted !== "" && fold(item.textContent).indexOf(wanted) === -1;
        });
        var more = section.querySelector("details");
        if (more && wanted) { more.open = true; }
      });
    });
})();
