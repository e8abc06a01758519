// The import preview: mark the import region busy while the confirm request runs (htmx shows
// the progress text through its indicator class; screen readers get aria-busy).
(function () {
  "use strict";
  function region(event) {
    var form = event.target.closest ? event.target.closest("[data-busy-target]") : null;
    return form ? document.getElementById(form.getAttribute("data-busy-target")) : null;
  }
  document.addEventListener("htmx:beforeRequest", function (event) {
    var el = region(event);
    if (el) { el.setAttribute("aria-busy", "true"); }
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    var el = region(event);
    if (el) { el.removeAttribute("aria-busy"); }
  });
})();
