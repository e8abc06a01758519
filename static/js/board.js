// The category board: drag and drop with SortableJS (vendored), persisted through htmx.
// Every drop is sent to the server with what this page saw (the card's categories, or the
// column's order); the server answers with the board as it now is, or 409 and the current
// board when someone else changed it first. The keyboard forms on each card work without this.
(function () {
  "use strict";

  function board() { return document.getElementById("board"); }

  function send(url, values) {
    var form = document.getElementById("board-dnd");
    if (!form || !window.htmx) { return; }
    window.htmx.ajax("POST", url, { source: form, target: "#board", swap: "outerHTML", values: values });
  }

  function ids(list) {
    return Array.prototype.map.call(list.querySelectorAll(".board-card"), function (card) {
      return card.dataset.code;
    }).join(",");
  }

  function onEnd(event) {
    var card = event.item, from = event.from, to = event.to;
    if (from === to) {
      if (event.oldDraggableIndex === event.newDraggableIndex || !from.dataset.reorderUrl) { return; }
      send(from.dataset.reorderUrl, { order: ids(from), seen_order: from.dataset.seenOrder });
      return;
    }
    var form = document.getElementById("board-dnd");
    send(form.dataset.moveUrl, {
      code: card.dataset.code,
      source: from.dataset.column,
      target: to.dataset.column,
      position: to.dataset.column === "none" ? "" : String(event.newDraggableIndex),
      seen: card.dataset.seen
    });
  }

  function init() {
    var root = board();
    if (!root || root.dataset.editable !== "true" || !window.Sortable) { return; }
    root.querySelectorAll(".board-cards").forEach(function (list) {
      if (list.dataset.sortable) { return; }
      list.dataset.sortable = "true";
      window.Sortable.create(list, {
        group: "board",
        draggable: ".board-card",
        handle: ".drag-handle",
        sort: list.dataset.column !== "none",  // "not categorised" has no order of its own
        forceFallback: true,
        fallbackOnBody: true,
        animation: 0,
        ghostClass: "board-card-ghost",
        chosenClass: "board-card-chosen",
        onEnd: onEnd
      });
    });
  }

  // After a move, focus goes to the moved card in its new column (keyboard users stay put).
  function focusMoved() {
    var root = board();
    var link = root && root.querySelector("[data-focus] .card-link");
    if (link) { link.focus(); }
  }

  // "Move" on a card opens its move menu in place (the link alone works without JavaScript).
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest(".card-move-link");
    if (!link || !window.htmx || event.ctrlKey || event.metaKey || event.shiftKey) { return; }
    var slot = link.closest(".board-card").querySelector(".move-slot");
    if (!slot) { return; }
    event.preventDefault();
    window.htmx.ajax("GET", link.getAttribute("href").split("#")[0], { source: link, target: slot, swap: "innerHTML" });
  });

  // A refused move (409) or bad input (400) still shows the board as it now is.
  document.addEventListener("htmx:beforeSwap", function (event) {
    var status = event.detail.xhr.status;
    if ((status === 409 || status === 400) && event.detail.target && event.detail.target.id === "board") {
      event.detail.shouldSwap = true;
    }
  });
  document.addEventListener("htmx:afterSettle", function (event) {
    if (event.detail.target && event.detail.target.id === "board") { focusMoved(); }
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    if (event.detail.successful && event.detail.target && event.detail.target.id === "board") {
      var why = document.getElementById("dnd-rationale");
      if (why) { why.value = ""; }
    }
  });
  document.addEventListener("DOMContentLoaded", function () {
    init();
    focusMoved();
    if (window.htmx) { window.htmx.onLoad(init); }
  });
})();
