"""Microsoft Forms' "Open in Excel" workbook (or its CSV).

System columns are found by their headings, never by position: ID (the key), Start time,
Completion time, Last modified time, Email and Name (personal: ignored), in English or in
Norwegian (Starttidspunkt, Fullføringstidspunkt, E-postadresse, Navn, Tidspunkt for siste
endring), and a quiz's Total points, Quiz feedback, Grade posted time and "Points - …" /
"Feedback - …" columns. Answers are label
texts: a label with a leading number ("5 - I stor grad") is that number; a label from a known
ordered scale ("I liten grad" … "I svært stor grad", "Helt uenig" … "Helt enig") is its position.
A Likert question's statements come without the question's text, as adjacent columns on the
same scale: they become the items of one matrix. A multi-select cell ("A;B;") is split by the
option texts the column shows alone, so an option with a comma or a semicolon stays whole.
"""

import re
from collections import Counter

from django.utils.translation import gettext as _

from surveys.importing import known_scales, layouts
from surveys.importing.detect import IGNORE, KEY, MULTIPLE, NOT_APPLICABLE_LABELS, QUESTION, blank
from surveys.text import name_key

NAME = "msforms"
HEADER_ROWS = 1
SYSTEM = {
    "id": (KEY, ""),
    "start time": (IGNORE, "system"), "starttidspunkt": (IGNORE, "system"), "starttid": (IGNORE, "system"),
    "completion time": (IGNORE, "system"), "fullføringstidspunkt": (IGNORE, "system"),
    "last modified time": (IGNORE, "system"), "tidspunkt for siste endring": (IGNORE, "system"),
    "total points": (IGNORE, "system"), "quiz feedback": (IGNORE, "system"), "grade posted time": (IGNORE, "system"),
    "poengsum totalt": (IGNORE, "system"), "totalt antall poeng": (IGNORE, "system"),
    "email": (IGNORE, "email"), "e-post": (IGNORE, "email"), "e-postadresse": (IGNORE, "email"),
    "name": (IGNORE, "name"), "navn": (IGNORE, "name"),
}
GROUP_MARK = "\x00statements "  # a statement group's working name, replaced before the table is returned
QUIZ_RE = re.compile(r"^(points|feedback|poeng|tilbakemelding) - ", re.I)


def recognise(table):
    keys = {name_key(h) for h in table.headers}
    return "id" in keys and ({"start time", "completion time"} <= keys
                             or {"starttidspunkt", "fullføringstidspunkt"} <= keys)


def _scales(columns):
    """{column index: the known scale its label cells are on}; a column whose labels fit several
    scales takes the one the file's other columns use."""
    na = {name_key(label) for label in NOT_APPLICABLE_LABELS}
    found = {i: known_scales.candidates([v.strip() for v in values if not blank(v) and name_key(v) not in na],
                                        at_least=2) for i, values in columns.items()}
    votes = Counter(tuple(c[0]) for c in found.values() if len(c) == 1)
    return {i: max(c, key=lambda scale: votes.get(tuple(scale), 0)) for i, c in found.items() if c}


def _split_multi(values):
    """(options, cells joined by a separator) when the column is a multi-select, else None."""
    filled = [v.strip() for v in values if not blank(v)]
    if not filled or not any(v.endswith(";") for v in filled):
        return None
    alone = list(dict.fromkeys(v[:-1].strip() for v in filled if v.endswith(";") and ";" not in v[:-1]))
    known = sorted(alone, key=len, reverse=True)
    split = {}
    for cell in dict.fromkeys(filled):
        rest, parts = cell, []
        while rest:
            match = next((o for o in known if rest.startswith(o + ";")), None)
            if match is None:  # an option never chosen alone: up to the next semicolon
                match, _sep, _tail = rest.partition(";")
            parts.append(match.strip())
            rest = rest[len(match) + 1:].lstrip()
        split[cell] = [p for p in parts if p]
    return _in_form_order(split.values()), split


def _in_form_order(cells):
    """The options in the form's order: a cell lists its choices in that order, so an option
    seen before another in any cell comes first (ties: as first seen)."""
    seen = list(dict.fromkeys(p for parts in cells for p in parts))
    after = {o: set() for o in seen}
    for parts in cells:
        for i, option in enumerate(parts):
            after[option].update(p for p in parts[i + 1:] if p != option)
    out, left = [], list(seen)
    while left:
        free = [o for o in left if not any(o in after[other] for other in left if other != o)]
        pick = free[0] if free else left[0]  # a cycle (hand-edited cells): first seen
        out.append(pick)
        left.remove(pick)
    return out


def read(table, codebook=""):
    hints, headers, columns = {}, list(table.headers), [table.column(i) for i in range(len(table.headers))]
    statements, group, labels = 0, None, {}
    scales = _scales({i: columns[i] for i, h in enumerate(headers) if name_key(h) not in SYSTEM})
    for index, header in enumerate(table.headers):
        key = name_key(header)
        if key not in SYSTEM and QUIZ_RE.match(header):
            key = "total points"
        if key in SYSTEM:
            role, reason = SYSTEM[key]
            hints[header] = {"role": role, **({"reason": reason} if reason else {})}
            group = None
            continue
        values = columns[index]
        scale = scales.get(index)
        if scale:
            position = {name_key(label): n for n, label in enumerate(scale, start=1)}
            columns[index] = [f"{position[name_key(v)]} - {v.strip()}" if name_key(v) in position else v
                              for v in values]
            if group is None or group[0] != scale or header.rstrip().endswith("?"):
                statements += 1  # a question ("…?") stands alone; statements share a heading
                group = (scale, statements)
            if header.rstrip().endswith("?"):
                group = None
            headers[index] = f"{GROUP_MARK}{statements} - {header}"
            labels[index] = {str(n): label for n, label in enumerate(scale, start=1)}
            continue
        group = None
        multi = _split_multi(values)
        if multi:
            options, split = multi
            separator = layouts.separator_for(options)
            columns[index] = [separator.join(split[v.strip()]) if not blank(v) else "" for v in values]
            hints[header] = {"role": QUESTION, "kind": MULTIPLE, "options": options, "separator": separator}
    stems = [layouts.stem_and_item(h)[0] for h in headers]
    for index, header in enumerate(headers):  # a lone column on a known scale is a question of its own
        if header != table.headers[index] and stems.count(stems[index]) == 1:
            headers[index] = table.headers[index]
    names = {}  # the statement groups left, numbered 1, 2 … in the file's order
    for index, header in enumerate(headers):
        if header != table.headers[index]:
            stem = stems[index]
            names.setdefault(stem, _("Statements %(n)s") % {"n": len(names) + 1})
            headers[index] = f"{names[stem]} - {table.headers[index]}"
    rows = [list(row) for row in zip(*columns, strict=True)] if table.rows else []
    out = layouts.rebuilt(table, headers, rows, list(table.lines))
    out.hints = hints
    out = layouts.group_grids(out)
    for index, scale_labels in labels.items():  # the whole scale, also the labels nobody chose
        out.hints.setdefault(headers[index], {})["scale_labels"] = scale_labels
    return out
