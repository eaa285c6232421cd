// Progressive enhancement: a "Copier" button beside text that stays selectable without it.
(function () {
  "use strict";
  if (!navigator.clipboard) { return; }
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    var source = document.getElementById(button.getAttribute("data-copy"));
    if (!source) { return; }
    var label = button.textContent;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(source.textContent.trim()).then(function () {
        button.textContent = "Copié";
        setTimeout(function () { button.textContent = label; }, 2000);
      }, function () {
        window.getSelection().selectAllChildren(source);
      });
    });
  });
}());
