// The suggestions panel of the coding view: "a" accepts the top suggested code, "x" dismisses
// it. The panel itself is htmx (it reloads on every coding-changed event); this file only adds
// the two keys. They act only while the coding area has the focus (the page itself, or an
// element of the workspace that is not a field), never while typing, and give way to any
// handler that already took the key (coding.js's own shortcuts).
(function () {
  "use strict";

  var DEFAULTS = { accept: "a", dismiss: "x" };

  // A user's own shortcut settings, if the page carries them (data-shortcuts on <body>, JSON
  // such as {"suggestion_accept": "g", "suggestion_dismiss": "d"}), win over the defaults. Read
  // at every key press, so settings changed on the page count at once.
  function keys() {
    var raw = document.body && document.body.dataset.shortcuts;
    var chosen = { accept: DEFAULTS.accept, dismiss: DEFAULTS.dismiss };
    if (!raw) { return chosen; }
    try {
      var settings = JSON.parse(raw);
      if (settings.suggestion_accept) { chosen.accept = String(settings.suggestion_accept); }
      if (settings.suggestion_dismiss) { chosen.dismiss = String(settings.suggestion_dismiss); }
    } catch (error) { /* malformed settings: keep the defaults */ }
    return chosen;
  }

  // The panel's buttons show the keys that work for this user.
  function label() {
    var chosen = keys();
    document.querySelectorAll("#suggestions .suggestion-accept kbd").forEach(function (kbd) { kbd.textContent = chosen.accept; });
    document.querySelectorAll("#suggestions .suggestion-dismiss kbd").forEach(function (kbd) { kbd.textContent = chosen.dismiss; });
  }

  function inCodingArea(target) {
    if (!target || target === document.body || target === document.documentElement) { return true; }
    if (!target.closest) { return false; }
    if (target.closest("input, textarea, select, [contenteditable], dialog[open]")) { return false; }
    return Boolean(target.closest(".workspace"));
  }

  function top(selector) {
    var panel = document.getElementById("suggestions");
    return panel ? panel.querySelector(".suggestion " + selector) : null;
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) { return; }
    if (!inCodingArea(event.target)) { return; }
    var button = null;
    var chosen = keys();
    if (event.key === chosen.accept) { button = top(".suggestion-accept"); }
    else if (event.key === chosen.dismiss) { button = top(".suggestion-dismiss"); }
    if (!button) { return; }
    event.preventDefault();
    button.click();
  });

  // After a decision the button that had the focus is gone: keep the focus in the coding area.
  document.addEventListener("htmx:afterSettle", function (event) {
    var panel = document.getElementById("suggestions");
    if (!panel || event.detail.elt !== panel) { return; }
    label();
    if (!document.activeElement || document.activeElement === document.body) {
      var heading = document.getElementById("answer-heading");
      if (heading) { heading.focus({ preventScroll: true }); }
    }
  });

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", label); } else { label(); }
})();
