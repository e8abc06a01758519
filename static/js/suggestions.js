// The suggestions panel of the coding view: a key accepts the top suggested code, another
// dismisses it (a and x unless the user chose others; static/js/shortcuts.js knows which and
// lets them act only while the coding area has the focus, never while typing). The panel
// itself is htmx (it reloads on every coding-changed event); this file only adds the keys.
(function () {
  "use strict";

  function top(selector) {
    var panel = document.getElementById("suggestions");
    return panel ? panel.querySelector(".suggestion " + selector) : null;
  }

  document.addEventListener("keydown", function (event) {
    var shortcuts = window.veiledningShortcuts;
    var action = shortcuts ? shortcuts.actionFor(event) : null;
    var button = null;
    if (action === "accept") { button = top(".suggestion-accept"); }
    else if (action === "dismiss") { button = top(".suggestion-dismiss"); }
    if (!button) { return; }
    event.preventDefault();
    button.click();
  });

  // After a decision the button that had the focus is gone: keep the focus in the coding area.
  document.addEventListener("htmx:afterSettle", function (event) {
    var panel = document.getElementById("suggestions");
    if (!panel || event.detail.elt !== panel) { return; }
    if (!document.activeElement || document.activeElement === document.body) {
      var heading = document.getElementById("answer-heading");
      if (heading) { heading.focus({ preventScroll: true }); }
    }
  });
})();
