// The coding view's single-key shortcuts in one place (WCAG 2.1.4). The user's settings come
// from data-shortcuts on <body> (coding/shortcuts/keys.py writes them: {"enabled", "digits",
// "keys": {action: key}}), and every script of the page asks here which action a key press
// is, if any: none while the shortcuts are off, while a field or dialog has the focus, or
// while the focus is outside the coding area (the header, the survey menu). The key hints
// on the page (<kbd data-shortcut="…">) show the user's keys, also after htmx swaps.
(function () {
  "use strict";

  var DEFAULTS = { next: "j", prev: "k", uncoded: "u", find: "/", "new": "n", memo: "m", select: "s",
                   accept: "a", dismiss: "x", help: "?" };
  var settings = { enabled: true, digits: true, keys: DEFAULTS };

  function read() {
    var raw = document.body && document.body.dataset.shortcuts;
    if (!raw) { return; }
    try {
      var stored = JSON.parse(raw);
      settings = { enabled: stored.enabled !== false, digits: stored.digits !== false,
                   keys: stored.keys && typeof stored.keys === "object" ? stored.keys : DEFAULTS };
    } catch (error) { /* malformed: keep the defaults */ }
  }

  function keyFor(action) {
    if (!settings.enabled) { return ""; }
    if (action === "digit") { return settings.digits ? "1–9" : ""; }
    return settings.keys[action] || "";
  }

  // The coding area: the page itself (nothing focused yet) or an element of the workspace
  // that is not a field; never a dialog, the header or the survey menu.
  function inCodingArea(target) {
    if (!target || target === document.body || target === document.documentElement) { return true; }
    if (!target.closest) { return false; }
    if (target.closest("input, textarea, select, [contenteditable], dialog[open]")) { return false; }
    return Boolean(target.closest(".workspace"));
  }

  // The action of a key press: "next", "prev", "recent" (event.key is the digit) …, or null.
  function actionFor(event) {
    if (!settings.enabled || event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) { return null; }
    if (!inCodingArea(event.target)) { return null; }
    var key = event.key;
    if (key === "ArrowRight") { return "next"; }
    if (key === "ArrowLeft") { return "prev"; }
    if (settings.digits && /^[1-9]$/.test(key)) { return "recent"; }
    for (var action in settings.keys) {
      if (Object.prototype.hasOwnProperty.call(settings.keys, action) && settings.keys[action] === key) { return action; }
    }
    return null;
  }

  function fill(root) {
    var scope = root && root.querySelectorAll ? root : document;
    Array.prototype.forEach.call(scope.querySelectorAll("kbd[data-shortcut]"), function (kbd) {
      var action = kbd.dataset.shortcut;
      if (action === "digit") { kbd.hidden = !keyFor("digit"); return; }  // the digit itself stays
      kbd.textContent = keyFor(action);
      kbd.hidden = !kbd.textContent;
    });
  }

  read();
  window.veiledningShortcuts = { actionFor: actionFor, keyFor: keyFor, inCodingArea: inCodingArea, fill: fill };

  // New content from htmx (the next answer, the codings) gets the user's keys too.
  document.addEventListener("htmx:load", function (event) { fill(event.target); });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { fill(document); });
  } else { fill(document); }
})();
