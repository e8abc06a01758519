"""The cards of one board column as HTML, written here in Python: the card list is the board's
hot loop, and 300 cards through the template engine took most of the page's time. Every value
is escaped (html.escape) before it is joined; nothing typed or imported is marked safe. The
markup is what templates/coding/board/board.html had for a card; the rest of the board (its
columns, forms and the move form itself) stays in the template."""

from html import escape

from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _


def cards_html(column, *, editable, code_url, focus_dom=None, moving_dom=None, move_form=""):
    """The `<li>`s of `column`'s cards; `move_form` (already rendered, safe) goes into the
    card whose DOM id is `moving_dom`."""
    entries = column.entries
    if not entries:
        return mark_safe(f'<li class="board-empty muted">{escape(_("No cards."))}</li>')
    drag, also_in, move, examples = (escape(_(text)) for text in ("Drag to move", "also in:", "Move", "Examples"))
    code_url, key = escape(code_url), escape(column.key)
    out = []
    for e in entries:
        pk, name, dom, token = int(e["pk"]), escape(e["name"]), escape(e["dom"]), escape(e["token"])
        focus = ' data-focus="true"' if e["dom"] == focus_dom else ""
        out.append(f'<li class="board-card" id="card-{dom}" data-code="{pk}" data-seen="{token}"{focus}>')
        if editable:
            out.append(f'<span class="drag-handle" title="{drag}" aria-hidden="true">⠿</span>')
        out.append(f'<h3 class="card-title"><svg class="swatch" width="14" height="14" aria-hidden="true">'
                   f'<rect width="14" height="14" fill="{escape(e["colour"])}"/></svg> '
                   f'<a href="{code_url}{pk}/" class="card-link">{name}</a></h3>'
                   f'<p class="card-counts">{escape(e["counts"])}</p>')
        if e["others"]:
            others = escape(", ".join(e["others"]))
            out.append(f'<p class="card-also"><span class="badge">{also_in} {others}</span></p>')
        if e["peeks"] or editable:
            out.append('<div class="card-tools">')
            if editable:
                out.append(f'<a class="card-move-link" href="?move={pk}&amp;from={key}&amp;seen={token}#card-{dom}">'
                           f'{move}<span class="visually-hidden"> {name}</span></a>')
            if e["peeks"]:
                peeks = "".join(f"<li>{escape(peek)}</li>" for peek in e["peeks"])
                out.append(f'<details class="card-examples"><summary>{examples}<span class="visually-hidden"> – '
                           f'{name}</span></summary><ul class="card-peeks" hx-disable>{peeks}</ul></details>')
            out.append("</div>")
        if editable:
            out.append(f'<div class="move-slot">{move_form if e["dom"] == moving_dom else ""}</div>')
        out.append("</li>")
    return mark_safe("".join(out))  # every piece above is escaped
