"""Layouts (pure, no database): the survey tool that wrote a parsed table, and its table read
the way detect.py reads any wide file.

Each tool module has `recognise(table) -> bool` and `read(table, codebook) -> Table`. Reading
may merge header rows, combine a checkbox question's 0/1 or option columns into one column, and
leave `hints` (header → role, code, text, kind, parent, options, reason) and `stems` (matrix
headings without a column) for detect.py. `table.layout` says what was recognised; the preview
prints it ("Lest som: SurveyMonkey-eksport, 2 overskriftsrader").
"""

from django.utils.translation import gettext as _

from surveys.importing.detect import STEM_SPLIT_RE
from surveys.importing.parse import Table

GENERIC = "generic"


def tool_labels():
    return {
        GENERIC: _("a spreadsheet with one row per respondent"),
        "surveymonkey": _("SurveyMonkey export"),
        "nettskjema": _("Nettskjema CSV report"),
    }


def modules():
    from surveys.importing.layouts import nettskjema, surveymonkey

    return [surveymonkey, nettskjema]


def apply(table, *, header_rows=None, codebook=""):
    """The table read in its tool's layout. `header_rows` (1 or 2) overrides what the tool
    module would decide; a second header row of an unknown tool is merged generically."""
    for module in modules():
        if header_rows in (None, 2) and module.recognise(table):
            table = module.read(table, codebook)
            table.layout = {"tool": module.NAME, "header_rows": module.HEADER_ROWS}
            return table
    if header_rows == 2:
        table = merge_header_rows(table)
    table.layout = {"tool": GENERIC, "header_rows": header_rows or 1}
    return table


def describe(layout):
    """"SurveyMonkey export, 2 header rows" for the preview."""
    tool = tool_labels().get(layout.get("tool"), layout.get("tool", ""))
    rows = layout.get("header_rows", 1)
    if rows == 2:
        return _("%(tool)s, 2 header rows") % {"tool": tool}
    return _("%(tool)s, 1 header row") % {"tool": tool}


def filled_first_row(table):
    """The first header row with each blank heading cell filled from the one before it (a
    question written once over all its columns, or merged cells in XLSX)."""
    out, last = [], ""
    for index, header in enumerate(table.headers):
        if index in table.blank_headers:
            out.append(last)
        else:
            out.append(header)
            last = header
    return out


def merge_header_rows(table):
    """Two header rows → one: `question - second row`, or either one alone."""
    if not table.rows:
        return table
    first, second = filled_first_row(table), [c.strip() for c in table.rows[0]]
    headers = []
    for top, sub in zip(first, second, strict=True):
        headers.append(f"{top} - {sub}" if top and sub and top != sub else (top or sub))
    return rebuilt(table, headers, table.rows[1:], table.lines[1:])


def rebuilt(table, headers, rows, lines):
    """A copy of `table` with new headings and rows (the reading facts kept)."""
    return Table(headers=headers, rows=rows, lines=lines, format=table.format, encoding=table.encoding,
                 delimiter=table.delimiter, sheet=table.sheet, sheets=table.sheets, errors=list(table.errors),
                 hints=dict(table.hints), stems=dict(table.stems))


def combine_choices(columns, labels, separator):
    """One cell per row from a checkbox question's columns: the chosen options' labels joined by
    `separator`. `columns` are lists of (chosen: bool) per row."""
    rows = []
    for chosen in zip(*columns, strict=True):
        rows.append(separator.join(label for label, on in zip(labels, chosen, strict=True) if on))
    return rows


def separator_for(labels):
    return ";" if not any(";" in label for label in labels) else "|"


def stem_and_item(header):
    parts = STEM_SPLIT_RE.split(header, maxsplit=1)
    return (parts[0].strip(), parts[1].strip()) if len(parts) == 2 else (header, "")
