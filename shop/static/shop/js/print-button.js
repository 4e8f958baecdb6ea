// The invoice page's "Print or save as PDF" button: shown only where scripts run, as the
// browser's own Print command does the same without it.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var button = document.querySelector("[data-print]");
    if (!button) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      window.print();
    });
  });
})();
