// Shared behaviour for every page: a toast for failed htmx requests, so a coder always
// learns that something was not saved (the page itself stays as it was).
(function () {
  "use strict";
  function toast(message) {
    var box = document.getElementById("toast");
    if (!box) { return; }
    box.textContent = message;
    box.hidden = false;
    window.clearTimeout(box._timer);
    box._timer = window.setTimeout(function () { box.hidden = true; }, 6000);
  }
  window.veiledningToast = toast;
  var lang = document.documentElement.lang || "nb";
  var texts = {
    nb: { network: "Ingen kontakt med serveren. Endringen ble ikke lagret – prøv igjen.",
          server: "Noe gikk galt. Endringen ble ikke lagret – prøv igjen." },
    en: { network: "No contact with the server. The change was not saved – try again.",
          server: "Something went wrong. The change was not saved – try again." }
  }[lang.slice(0, 2)] || null;
  document.addEventListener("htmx:sendError", function () { toast((texts || {}).network || "Network error"); });
  document.addEventListener("htmx:responseError", function (event) {
    var xhr = event.detail.xhr;
    // Refusals (4xx) carry their message in the X-Message header (veiledning/refusals.py);
    // 5xx answers do not.
    var message = xhr.getResponseHeader("X-Message");
    toast(message ? decodeURIComponent(message) : ((texts || {}).server || "Error"));
  });
  document.body && document.body.addEventListener("veiledning:toast", function (event) {
    toast(event.detail && event.detail.value ? event.detail.value : String(event.detail || ""));
  });
})();
