"""Layouts (pure, no database): the survey tool that wrote a parsed table, and its table read
the way detect.py reads any wide file.

Each tool module has `recognise(table) -> bool` and `read(table, codebook) -> Table`. Reading
may merge header rows, combine a checkbox question's 0/1 or option columns into one column, and
leave `hints` (header → role, code, text, kind, parent, options, reason) and `stems` (matrix
headings without a column) for detect.py. `table.layout` says what was recognised; the preview
prints it ("Lest som: SurveyMonkey-eksport, 2 overskriftsrader").
"""

from django.utils.translation import gettext as _

from surveys.importing import known_scales
from surveys.importing.detect import LIKERT, MULTIPLE, QUESTION, SINGLE, STEM_SPLIT_RE, blank, header_role, split_header
from surveys.importing.parse import Table
from surveys.text import name_key

GENERIC = "generic"


def tool_labels():
    return {
        GENERIC: _("a spreadsheet with one row per respondent"),
        "surveymonkey": _("SurveyMonkey export"),
        "nettskjema": _("Nettskjema CSV report"),
        "questback": _("Questback / EFS export"),
        "msforms": _("Microsoft Forms export"),
        "surveyxact": _("SurveyXact dataset"),
    }


def modules():
    from surveys.importing.layouts import msforms, nettskjema, questback, surveymonkey, surveyxact

    return [surveymonkey, nettskjema, questback, msforms, surveyxact]


def apply(table, *, header_rows=None, codebook="", data=b""):
    """The table read in its tool's layout. `header_rows` (1 or 2) overrides what the tool
    module would decide; a second header row of an unknown tool is merged generically. `data`
    (the file's bytes) is for a tool that spreads its export over several sheets."""
    for module in modules():
        if header_rows in (None, module.HEADER_ROWS) and module.recognise(table):
            table = module.read(table, codebook, data) if getattr(module, "READS_WORKBOOK", False) \
                else module.read(table, codebook)
            table.layout = {"tool": module.NAME, "header_rows": module.HEADER_ROWS}
            if codebook.strip() and getattr(module, "READS_CODEBOOK", False):
                table.layout["codebook"] = True
            return table
    if header_rows == 2:
        table = merge_header_rows(table)
    table = group_grids(table)
    table.layout = {"tool": GENERIC, "header_rows": header_rows or 1}
    return table


def describe(layout):
    """"SurveyMonkey export, 2 header rows" for the preview."""
    tool = tool_labels().get(layout.get("tool"), layout.get("tool", ""))
    if layout.get("files"):
        tool = _("%(tool)s in %(files)s CSV files") % {"tool": tool, "files": layout["files"]}
    if layout.get("codebook"):
        tool = _("%(tool)s with codebook") % {"tool": tool}
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


CHECKBOX_VALUES = {"0", "1", ""}


def group_grids(table):
    """Adjacent columns "Question - Item" (or an en dash) without a code in their heading: the
    items of one matrix under the question, or, when every cell is 0, 1 or blank, the options of
    one multiple-choice question (one column). Codes are numbers the file does not use."""
    used = {split_header(h)[0] for h in table.headers} - {""}
    runs, index = [], 0
    while index < len(table.headers):
        stem, item = stem_and_item(table.headers[index])
        end = index + 1
        if item and not split_header(table.headers[index])[0] and not table.hints.get(table.headers[index]):
            while end < len(table.headers) \
                    and stem_and_item(table.headers[end]) == (stem, stem_and_item(table.headers[end])[1]) \
                    and stem_and_item(table.headers[end])[1] and not split_header(table.headers[end])[0]:
                end += 1
        runs.append((index, end, stem if end - index > 1 else None))
        index = end
    if not any(stem for _s, _e, stem in runs):
        return table
    headers, columns, hints, stems = [], [], dict(table.hints), dict(table.stems)
    number = 0

    def next_code():
        nonlocal number
        number += 1
        while str(number) in used:
            number += 1
        used.add(str(number))
        return str(number)

    for start, end, stem in runs:
        if stem is None:  # a question of its own takes its number (its code's, else the next), in file order
            header = table.headers[start]
            hint = table.hints.get(header) or {}
            if not header_role(header) and hint.get("role") in (None, QUESTION) and start not in table.blank_headers:
                code = split_header(header)[0]
                number = max(number, int(code)) if code.isdigit() else number + (not code and not hint.get("parent"))
                used.add(str(number))
            headers.append(header)
            columns.append(table.column(start))
            continue
        code = next_code()
        items = [stem_and_item(table.headers[i])[1] for i in range(start, end)]
        values = {v.strip() for i in range(start, end) for v in table.column(i)}
        if values <= CHECKBOX_VALUES:
            separator = separator_for(items)
            chosen = [[v.strip() == "1" for v in table.column(i)] for i in range(start, end)]
            headers.append(stem)
            columns.append(combine_choices(chosen, items, separator))
            hints[stem] = {"role": QUESTION, "code": code, "text": stem, "kind": MULTIPLE, "options": items,
                           "separator": separator}
            continue
        stems[code] = stem
        for letter, i in zip("abcdefghijklmnopqrstuvwxyz", range(start, end), strict=False):
            headers.append(table.headers[i])
            columns.append(table.column(i))
            hints[table.headers[i]] = {"role": QUESTION, "code": f"{code}{letter}", "parent": code,
                                       "text": f"{stem} – {items[i - start]}"}
    rows = [list(row) for row in zip(*columns, strict=True)] if table.rows else []
    out = rebuilt(table, headers, rows, list(table.lines))
    out.hints, out.stems, out.blank_headers = hints, stems, set()
    return out


GRADED_TEXT_RE = __import__("re").compile(
    r"^\s*(i hvilken grad|i kva grad|hvor (enig|fornøyd|godt|viktig|nyttig|tilfreds)|kor (einig|nøgd|godt)|"
    r"to what extent|how (satisfied|much do you agree|important|useful))\b", __import__("re").I)


def graded_text(text):
    """A question worded as a graded one ("I hvilken grad …", "Hvor fornøyd …")."""
    return bool(GRADED_TEXT_RE.match(text or ""))


def coded(values, labelled, na_keys, scale_hint=False):
    """(values, hint) for a closed question whose answers are codes with labels ({code: label},
    in the tool's order), as SurveyXact's Labels and Nettskjema's codebook give them.

    Graded when the codes are whole numbers and only the end points carry words ("I svært
    liten grad" … "I svært stor grad", the middle codes unlabelled or labelled with their
    number), or every label starts with its number, or the labels are a known ordered scale in
    code order; a code labelled "Vet ikke", "Ikke relevant" … is then not applicable with its
    label. So is a question with every point named in words of its own when `scale_hint` says
    it is graded (a matrix's row, a question worded "I hvilken grad …") and its codes run 1, 2, 3 …
    without a gap. Otherwise a single choice: each code becomes its label."""
    if not labelled:
        return values, {}
    na = {k: v for k, v in labelled.items() if name_key(v) in na_keys}
    rest = {k: v for k, v in labelled.items() if k not in na}
    numeric = bool(rest) and all(k.lstrip("-").isdigit() for k in rest)
    if numeric:
        named = {k: v for k, v in rest.items() if v and name_key(v) != name_key(k)}
        codes = {int(k) for k in rest} | {int(v) for v in values if v.strip().lstrip("-").isdigit()}
        codes -= {int(k) for k in na if k.lstrip("-").isdigit()}
        ends_only = len(codes) >= 3 and {int(k) for k in named} <= {min(codes), max(codes)}
        numbered = bool(named) and all(v[:1].isdigit() for v in named.values())
        scale = known_scales.match(list(rest.values()), at_least=2)
        in_order = bool(scale) and len({known_scales.position(scale, v) - int(k) for k, v in rest.items()}) == 1
        run = sorted(int(k) for k in rest)
        steps = (scale_hint and 3 <= len(run) <= 11 and run[0] in (0, 1)
                 and run == list(range(run[0], run[0] + len(run))))
        if ends_only or numbered or in_order or steps:
            return values, {"kind": LIKERT, "scale_labels": named, "not_applicable_codes": na}
    mapped = [labelled.get(v.strip(), v) if not blank(v) else v for v in values]
    return mapped, {"kind": SINGLE, "options": list(dict.fromkeys(rest.values())),
                    "not_applicable_labels": list(na.values())}
