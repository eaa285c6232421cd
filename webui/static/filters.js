// Progressive enhancement: on a wide screen the filter panel starts open, beside the
// results. Without this file it is a closed <details> everywhere ("Filtrer (n)").
(function () {
  "use strict";
  var panel = document.querySelector("details[data-open-wide]");
  if (!panel || !window.matchMedia) { return; }
  if (window.matchMedia("(min-width: 48.01rem)").matches) { panel.open = true; }
})();
