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

  // ------------------------------------------------------------------ one tab stop per column
  // A column's cards are one tab stop (a layout grid): the up and down arrows go between the
  // cards, Home and End to the first and last, left and right between a card's own controls
  // (its name, "Flytt", "Eksempler"). Tab goes on to the next column. An open move menu's
  // fields keep their ordinary tab order.
  var CELLS = ".card-link, .card-move-link, .card-examples > summary";

  function cardsOf(list) {
    return Array.prototype.filter.call(list.children, function (c) { return c.classList.contains("board-card"); });
  }

  function cellsOf(card) { return Array.prototype.slice.call(card.querySelectorAll(CELLS)); }

  function setCurrent(list, cell) {
    list.currentCell = cell;
    cardsOf(list).forEach(function (card) {
      card.classList.toggle("board-card-current", card.contains(cell));
      cellsOf(card).forEach(function (each) {
        if (each === cell) { each.removeAttribute("tabindex"); } else { each.setAttribute("tabindex", "-1"); }
      });
    });
  }

  function roving(root) {
    Array.prototype.forEach.call(root.querySelectorAll(".board-cards"), function (list) {
      var cards = cardsOf(list);
      if (!cards.length) { return; }
      var kept = list.currentCell && list.contains(list.currentCell) ? list.currentCell : null;
      setCurrent(list, kept || list.querySelector("[data-focus] .card-link") || cards[0].querySelector(".card-link"));
    });
  }

  document.addEventListener("focusin", function (event) {
    var cell = event.target.closest && event.target.closest(CELLS);
    var list = cell && cell.closest(".board-cards");
    if (list && cell.getAttribute("tabindex") === "-1") { setCurrent(list, cell); }
  });

  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey || event.defaultPrevented) { return; }
    var cell = event.target.closest && event.target.closest(CELLS);
    var card = cell && cell.closest(".board-card");
    var list = card && card.parentElement;
    if (!list || !list.classList.contains("board-cards")) { return; }
    var cards = cardsOf(list), at = cards.indexOf(card), cells = cellsOf(card), column = cells.indexOf(cell);
    var next = null;
    function inCard(other) {
      var others = cellsOf(other);
      return others[Math.min(column, others.length - 1)];
    }
    if (event.key === "ArrowDown") { next = inCard(cards[Math.min(at + 1, cards.length - 1)]); }
    else if (event.key === "ArrowUp") { next = inCard(cards[Math.max(at - 1, 0)]); }
    else if (event.key === "Home") { next = cellsOf(cards[0])[0]; }
    else if (event.key === "End") { next = cellsOf(cards[cards.length - 1])[0]; }
    else if (event.key === "ArrowRight") { next = cells[Math.min(column + 1, cells.length - 1)]; }
    else if (event.key === "ArrowLeft") { next = cells[Math.max(column - 1, 0)]; }
    else { return; }
    event.preventDefault();
    setCurrent(list, next);
    next.focus();
  });

  function init() {
    var root = board();
    if (root) { roving(root); }
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
  // The move menu opens on the screen: the whole form in view, also in the last column of a
  // board wider than the window.
  document.addEventListener("htmx:afterSettle", function (event) {
    var slot = event.detail.target;
    var form = slot && slot.classList && slot.classList.contains("move-slot") && slot.querySelector(".move-form");
    if (form) { form.scrollIntoView({ block: "nearest", inline: "nearest" }); }
  });
  // Every board htmx brings (after a move, a refusal, a new category) gets drag and drop and
  // its tab stops again. Listened for here, not through htmx.onLoad: called from this file's
  // DOMContentLoaded that one waits for a DOMContentLoaded already under way, and never came.
  document.addEventListener("htmx:load", function () { init(); });
  document.addEventListener("DOMContentLoaded", function () {
    init();
    focusMoved();
  });
})();
