// The coding view: keyboard shortcuts, the code picker's type-to-filter, and turning a text
// selection into a span in Unicode code points (the server's unit). JavaScript strings count
// UTF-16 units, so "🎻" is 2 there and 1 on the server: every offset goes through codePoints().
(function () {
  "use strict";

  function $(id) { return document.getElementById(id); }
  function codePoints(text) { return Array.from(text).length; }

  var lastAnswerId = null;

  // ------------------------------------------------------------------ spans
  function spanStatus() { return $("span-status"); }
  var wholeText = null;

  function setSpan(start, end, text) {
    if (!$("span-start")) { return; }
    var length = Number(($("answer-text") || {}).dataset ? $("answer-text").dataset.length : 0);
    if (start === 0 && end === length) { clearSpan(); return; }
    $("span-start").value = String(start);
    $("span-end").value = String(end);
    var shown = text.length > 80 ? text.slice(0, 77) + "…" : text;
    spanStatus().textContent = spanStatus().dataset.selected + " “" + shown + "”";
    $("span-clear").hidden = false;
  }

  function clearSpan() {
    if (!$("span-start")) { return; }
    $("span-start").value = "";
    $("span-end").value = "";
    spanStatus().textContent = wholeText;
    $("span-clear").hidden = true;
  }

  // A selection in the highlighted answer text: count code points from the text's start.
  document.addEventListener("selectionchange", function () {
    var container = $("answer-text");
    var selection = window.getSelection();
    if (!container || !selection || selection.rangeCount === 0 || selection.isCollapsed) { return; }
    var range = selection.getRangeAt(0);
    if (!container.contains(range.startContainer) || !container.contains(range.endContainer)) { return; }
    var before = document.createRange();
    before.selectNodeContents(container);
    before.setEnd(range.startContainer, range.startOffset);
    var start = codePoints(before.toString());
    var selected = range.toString();
    var end = start + codePoints(selected);
    if (end > start) { setSpan(start, end, selected); }
  });

  // Keyboard selection: a read-only copy of the text where Shift+arrows select.
  function textareaSpan() {
    var area = $("answer-select");
    if (!area || area.selectionEnd <= area.selectionStart) { return; }
    var value = area.value;
    setSpan(codePoints(value.slice(0, area.selectionStart)), codePoints(value.slice(0, area.selectionEnd)),
            value.slice(area.selectionStart, area.selectionEnd));
  }

  function openKeyboardSelect() {
    var box = $("answer-select-box");
    var area = $("answer-select");
    if (!box || !area || !$("answer-text")) { return; }
    area.value = $("answer-text").textContent;
    box.hidden = false;
    $("keyboard-select").setAttribute("aria-expanded", "true");
    area.focus();
    area.setSelectionRange(0, 0);
  }

  // ------------------------------------------------------------------ code picker
  function visibleOptions() {
    var select = $("code-select");
    return select ? Array.prototype.filter.call(select.options, function (o) { return !o.hidden; }) : [];
  }

  function filterCodes() {
    var select = $("code-select");
    var term = $("code-filter").value.trim().toLocaleLowerCase();
    var first = null;
    Array.prototype.forEach.call(select.options, function (option) {
      var show = !term || option.text.toLocaleLowerCase().indexOf(term) !== -1;
      option.hidden = !show;
      if (show && first === null) { first = option; }
    });
    select.selectedIndex = first ? first.index : -1;
  }

  function moveChoice(delta) {
    var options = visibleOptions();
    if (!options.length) { return; }
    var select = $("code-select");
    var at = options.indexOf(select.options[select.selectedIndex]);
    var next = options[Math.max(0, Math.min(options.length - 1, at + delta))];
    select.selectedIndex = next.index;
  }

  // What the coder chose, set by every path (number key, "/" + Enter, "n" + Enter, a click)
  // just before the form is sent: htmx:configRequest below makes the request carry exactly
  // this choice and nothing left over from an earlier button or field.
  var choice = null;

  // Sent from a field (Enter in "find a code", the list or "new code"): once applied, the focus
  // goes back to the answer, so the next j, k or number key works without Esc first.
  var backToAnswer = false;

  function sendChoice(chosen) {
    choice = chosen;
    var active = document.activeElement;
    backToAnswer = !!(active && active.closest && active.closest("#apply-form") &&
                      active.matches("input, select, textarea"));
    $("apply-form").requestSubmit();
  }

  function submitApply() {
    var select = $("code-select");
    if (select.selectedIndex < 0 || select.options[select.selectedIndex].hidden) { return false; }
    sendChoice({ code: select.value });
    return true;
  }

  function submitCreate(name) {
    if (!name) { return; }
    sendChoice({ newCode: name });
  }

  // A choice made by clicking (or Space/Enter on a focused button): which button says what.
  function choiceFromButton(button) {
    if (button.classList.contains("recent-code")) { return { code: button.value }; }
    if (button.id === "create-button") { return { newCode: $("new-code").value.trim() }; }
    if (button.id === "apply-button") { return { code: $("code-select").value }; }
    return null;
  }

  document.addEventListener("htmx:configRequest", function (event) {
    var form = $("apply-form");
    if (!form || event.detail.elt !== form) { return; }
    var chosen = choice;
    choice = null;
    if (!chosen) {  // sent some other way: the list's choice, else the typed name
      chosen = $("code-select").value ? { code: $("code-select").value } : { newCode: $("new-code").value.trim() };
    }
    var parameters = event.detail.parameters;
    ["code", "recent", "action", "new_code"].forEach(function (name) { delete parameters[name]; });
    if (chosen.code) { parameters.code = chosen.code; } else { parameters.new_code = chosen.newCode || ""; }
  });

  function resetPicker() {
    if (!$("code-filter")) { return; }
    $("code-filter").value = "";
    $("new-code").value = "";
    filterCodes();
    $("code-select").selectedIndex = -1;
  }

  function setUpPicker() {
    var filter = $("code-filter");
    if (!filter) { return; }
    wholeText = spanStatus().textContent;
    filter.addEventListener("input", filterCodes);
    filter.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        event.preventDefault();
        if (!submitApply()) { submitCreate(filter.value.trim()); }
      } else if (event.key === "ArrowDown") {
        event.preventDefault(); moveChoice(1);
      } else if (event.key === "ArrowUp") {
        event.preventDefault(); moveChoice(-1);
      }
    });
    $("code-select").addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); submitApply(); }
    });
    $("new-code").addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); submitCreate($("new-code").value.trim()); }
    });
    $("span-clear").addEventListener("click", function () { clearSpan(); window.getSelection().removeAllRanges(); });
    $("keyboard-select").addEventListener("click", openKeyboardSelect);
    ["select", "keyup", "mouseup"].forEach(function (name) { $("answer-select").addEventListener(name, textareaSpan); });
    // The copy is for selecting only: no typing, pasting or cutting changes it.
    ["beforeinput", "paste", "cut", "drop"].forEach(function (name) {
      $("answer-select").addEventListener(name, function (event) { event.preventDefault(); });
    });
    // A click on a recent code, "Apply code" or "Create and apply" is the coder's choice.
    document.addEventListener("click", function (event) {
      var button = event.target.closest && event.target.closest("#apply-form button[type=submit], .recent-code");
      if (button) { choice = choiceFromButton(button); }
    }, true);
  }

  document.addEventListener("htmx:afterRequest", function (event) {
    var form = $("apply-form");
    if (form && event.detail.elt === form && event.detail.successful) {
      clearSpan();
      resetPicker();
      var heading = $("answer-heading");
      var active = document.activeElement;
      if (backToAnswer && heading && (!active || active === document.body || form.contains(active))) {
        heading.focus({ preventScroll: true });
      }
    }
    if (form && event.detail.elt === form) { backToAnswer = false; }
  });

  // ------------------------------------------------------------------ recent codes
  // After a code is applied the server names it in the coding-changed event; it moves to key 1
  // and the others shift (at most nine). The strip is built from the page's own template and
  // the name goes in as text, never as HTML.
  var RECENT_MAX = 9;

  function rememberRecent(code) {
    var strip = $("recent-codes");
    var template = $("recent-code-template");
    if (!strip || !template || !code || !code.id) { return; }
    var buttons = Array.prototype.slice.call(strip.querySelectorAll(".recent-code"));
    var button = buttons.filter(function (b) { return b.value === String(code.id); })[0];
    if (!button) {
      button = template.content.querySelector(".recent-code").cloneNode(true);
      button.value = String(code.id);
    }
    button.querySelector(".recent-name").textContent = code.name;  // as it is now (renamed?)
    button.title = code.name;
    button.querySelector("rect").setAttribute("fill", code.colour);
    if (button === buttons[0]) { return; }
    var hadFocus = button === document.activeElement;
    strip.insertBefore(button, buttons[0] || template);
    if (hadFocus) { button.focus(); }
    if ($("recent-empty")) { $("recent-empty").remove(); }
    Array.prototype.forEach.call(strip.querySelectorAll(".recent-code"), function (b, index) {
      if (index >= RECENT_MAX) { b.remove(); return; }
      b.dataset.recent = String(index + 1);
      b.querySelector("kbd").textContent = String(index + 1);
    });
    if (window.veiledningShortcuts) { window.veiledningShortcuts.fill(strip); }
  }

  // A code created a moment ago goes into the picker's list at once, in name order.
  function addToPicker(code) {
    var select = $("code-select");
    if (!select || select.querySelector('option[value="' + String(code.id) + '"]')) { return; }
    var option = document.createElement("option");
    option.value = String(code.id);
    option.textContent = code.name;
    option.dataset.colour = code.colour;
    var after = Array.prototype.filter.call(select.options, function (o) {
      return o.text.localeCompare(code.name, "nb") > 0;
    })[0];
    select.insertBefore(option, after || null);
  }

  document.addEventListener("coding-changed", function (event) {
    if (event.detail && event.detail.code) {
      addToPicker(event.detail.code);
      rememberRecent(event.detail.code);
    }
  });

  // A new answer swapped in: forget the old selection and put the focus on its heading. This
  // runs at the swap itself (afterSwap), not at settle: settling comes a moment later, when a
  // fast coder may already have pressed m and typed the first letters of a memo.
  document.addEventListener("htmx:afterSwap", function () {
    var region = $("answer-region");
    if (!region || region.dataset.answerId === lastAnswerId) { return; }
    lastAnswerId = region.dataset.answerId;
    clearSpan();
    if ($("answer-select-box")) { $("answer-select-box").hidden = true; }
    // Focus went away with the old answer: give it to the new heading (never steal it from a
    // field the coder has moved to meanwhile).
    var active = document.activeElement;
    var heading = $("answer-heading");
    if (heading && (!active || active === document.body || region.contains(active))) { heading.focus(); }
  });

  // ------------------------------------------------------------------ removing a coding
  // The codings region is swapped after a removal: put the focus on the next coding's remove
  // button (or the previous one, or the region's heading), never back at the top of the page.
  var removedAt = null;
  var removing = null;
  document.addEventListener("htmx:beforeRequest", function (event) {
    var form = event.detail.elt.closest && event.detail.elt.closest("form");
    if (!form || !form.querySelector(".remove-coding")) { return; }
    var buttons = Array.prototype.slice.call(document.querySelectorAll("#codings .remove-coding"));
    removedAt = buttons.indexOf(form.querySelector(".remove-coding"));
    removing = form;
  });
  document.addEventListener("htmx:afterSettle", function (event) {
    // Only the removal's own swap (the progress and history refresh settle too, at any time).
    var source = event.detail.requestConfig ? event.detail.requestConfig.elt : event.detail.elt;
    if (removedAt === null || source !== removing || !$("codings")) { return; }
    removing = null;
    var buttons = document.querySelectorAll("#codings .remove-coding");
    var next = buttons[Math.min(removedAt, buttons.length - 1)];
    removedAt = null;
    if (next) { next.focus(); } else { $("answer-text").focus(); }
  });

  // ------------------------------------------------------------------ memo draft
  // A memo typed but not saved is saved before the answer changes (j, k, u, the links beside
  // them, the layer switch); if saving fails the coder stays on the answer with the text and
  // the message. Leaving the page any other way asks first.
  function memoDirty() {
    var area = $("memo-text");
    return !!area && area.value !== area.defaultValue;
  }

  document.addEventListener("htmx:confirm", function (event) {
    var region = $("answer-region");
    var elt = event.detail.elt;
    var leaves = event.detail.verb === "get" && region && region.contains(elt) &&
      event.detail.target === region;
    if (!leaves || !memoDirty()) { return; }
    event.preventDefault();
    var form = $("memo-text").form;
    htmx.ajax("POST", form.getAttribute("hx-post"), { source: form, target: "#memo", swap: "outerHTML" })
      .then(function () { if (!memoDirty()) { event.detail.issueRequest(true); } });
  });

  window.addEventListener("beforeunload", function (event) {
    if (memoDirty()) { event.preventDefault(); event.returnValue = ""; }
  });

  // With DEBUG on, django-htmx turns an error answer into the whole page (its listener sits on
  // the document). Stop the event at the body: htmx then keeps the page as it is and base.js
  // shows the Norwegian message, so the coder keeps their place and what they typed.
  document.body.addEventListener("htmx:beforeOnLoad", function (event) {
    if (event.detail.xhr && event.detail.xhr.status >= 400) { event.stopPropagation(); }
  });

  // ------------------------------------------------------------------ shortcuts
  // Which key does what is the user's choice (static/js/shortcuts.js reads it once for the
  // whole page); here is only what each action does.
  function press(id) {
    var element = $(id);
    if (element) { element.click(); }
  }

  // Into a field of the picker or the memo without moving the page more than it must: on a
  // wide screen the picker sits beside the answer, which stays where it was.
  function focusField(id) {
    var element = $(id);
    if (!element) { return; }
    element.focus({ preventScroll: true });
    element.scrollIntoView({ block: "nearest", inline: "nearest" });
    if (element.select) { element.select(); }
  }

  function openShortcuts() {
    var dialog = $("shortcuts");
    if (dialog && !dialog.open) { dialog.showModal(); }
  }

  var ACTIONS = {
    next: function () { press("go-next"); },
    prev: function () { press("go-prev"); },
    uncoded: function () { press("go-uncoded"); },
    find: function () { focusField("code-filter"); },
    "new": function () { focusField("new-code"); },
    memo: function () { focusField("memo-text"); },
    select: openKeyboardSelect,
    help: openShortcuts
  };

  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.key === "Escape" && !event.defaultPrevented && target.closest &&
        target.closest("input, textarea, select, [contenteditable]") && !target.closest("dialog[open]")) {
      event.preventDefault();
      if (target.id === "code-filter") { resetPicker(); }
      if (target.id === "answer-select") { $("answer-select-box").hidden = true; }
      var heading = $("answer-heading");
      if (heading) { heading.focus({ preventScroll: true }); } else { target.blur(); }
      return;
    }
    var shortcuts = window.veiledningShortcuts;
    var action = shortcuts ? shortcuts.actionFor(event) : null;
    if (action === "recent") {
      var button = document.querySelector('.recent-code[data-recent="' + event.key + '"]');
      if (button) { button.click(); }
    } else if (action && ACTIONS[action]) {
      ACTIONS[action]();
    } else {
      return;  // not ours (the suggestions' keys are in suggestions.js)
    }
    event.preventDefault();
  });

  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("#shortcuts-open")) { openShortcuts(); }
  });

  function start() {
    var region = $("answer-region");
    lastAnswerId = region ? region.dataset.answerId : null;
    setUpPicker();
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
