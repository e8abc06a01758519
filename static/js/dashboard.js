// Dashboards, report and exports: a busy indicator on download buttons, and a print button.
// A download link gets a one-time token; the server answers with a cookie named after it as
// soon as the file starts to arrive, and the button stops being busy then (a plain link keeps
// working without JavaScript).
(function () {
  "use strict";
  var lang = (document.documentElement.lang || "nb").slice(0, 2);
  var texts = {
    nb: { busy: "Lager filen …", done: "Filen er lastet ned." },
    en: { busy: "Preparing the file …", done: "The file has been downloaded." }
  }[lang] || { busy: "…", done: "" };

  function status(message) {
    var box = document.getElementById("download-status");
    if (box) { box.textContent = message; }
  }

  function token() {
    return Math.random().toString(36).slice(2, 12) + Date.now().toString(36);
  }

  function watch(control, name) {
    control.setAttribute("aria-busy", "true");
    control.classList.add("busy");
    status(texts.busy);
    var started = Date.now();
    var timer = window.setInterval(function () {
      var arrived = document.cookie.split("; ").some(function (c) { return c.indexOf(name + "=") === 0; });
      if (arrived || Date.now() - started > 120000) {
        window.clearInterval(timer);
        document.cookie = name + "=; Max-Age=0; path=/; SameSite=Strict";
        control.removeAttribute("aria-busy");
        control.classList.remove("busy");
        status(arrived ? texts.done : "");
      }
    }, 250);
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest("a[data-busy]");
    if (link) {
      var t = token();
      var url = new URL(link.href, window.location.href);
      url.searchParams.set("download", t);
      link.href = url.toString();
      watch(link, "download-" + t);
      return;
    }
    if (event.target.closest("[data-print]")) {
      window.print();
    }
  });

  document.addEventListener("submit", function (event) {
    var form = event.target.closest("form[data-busy-form]");
    if (!form) { return; }
    var t = token();
    var input = form.querySelector("input[name=download]");
    if (!input) {
      input = document.createElement("input");
      input.type = "hidden";
      input.name = "download";
      form.appendChild(input);
    }
    input.value = t;
    watch(event.submitter || form, "download-" + t);
  });
})();
