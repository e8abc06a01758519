"""SurveyXact's dataset export as XLSX: a `Dataset` sheet (spilling over into `Dataset(1)` …
when it is wide), a `Structure` sheet (question name, variable name, type Closed/Open, subtype
Single/Multiple/String, question text, choice value, choice text) and a `Labels` sheet
(variable, value, label).

Read as: `Multiple` variables of one question → one multiple-choice column; `Single` variables
whose text is "stem - row" and share the stem → one matrix; a `Single` whose labelled choices
are only its end points (or numbers) → a graded scale, else a single choice with its labels;
`Open`/`String` → open. A choice labelled "Vet ikke", "Ikke relevant" … is not applicable.
Columns the Structure sheet does not name (respondent id, e-mail …) are detected as in any file.
"""

import io
import re
from collections import OrderedDict

from surveys.importing import layouts
from surveys.importing.detect import MULTIPLE, NOT_APPLICABLE_LABELS, OPEN, QUESTION, SINGLE, blank
from surveys.importing.parse import _cell_text
from surveys.text import name_key

NAME = "surveyxact"
HEADER_ROWS = 1
READS_WORKBOOK = True
SPILL_RE = re.compile(r"^dataset\s*\(\d+\)$", re.I)
STRUCTURE_COLUMNS = {
    "question": {"question name", "question", "spørsmålsnavn"},
    "variable": {"variable name", "variable", "variabelnavn"},
    "type": {"type"},
    "subtype": {"subtype", "undertype"},
    "text": {"question text", "text", "spørsmålstekst"},
    "value": {"choice value", "value", "svarverdi"},
    "label": {"choice text", "choice label", "svartekst"},
}


def recognise(table):
    names = {n.lower() for n in table.sheets}
    return table.format == "xlsx" and (table.sheet or "").lower().startswith("dataset") \
        and {"structure", "labels"} <= names


def _sheet_rows(workbook, name):
    sheet = workbook[name]
    sheet.reset_dimensions()
    return [[_cell_text(v).strip() for v in row] for row in sheet.iter_rows(values_only=True)]


def _by_header(rows, wanted):
    """Records as dicts keyed by our names, the columns found by their headings."""
    if not rows:
        return []
    heads = [name_key(h) for h in rows[0]]
    where = {key: next((i for i, h in enumerate(heads) if h in names), None) for key, names in wanted.items()}
    out = []
    for row in rows[1:]:
        if any(row):
            out.append({k: (row[i] if i is not None and i < len(row) else "") for k, i in where.items()})
    return out


def read(table, codebook="", data=b""):
    import openpyxl

    workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        sheets = {n.lower(): n for n in workbook.sheetnames}
        structure = _by_header(_sheet_rows(workbook, sheets["structure"]), STRUCTURE_COLUMNS)
        labels = _by_header(_sheet_rows(workbook, sheets["labels"]),
                            {"variable": {"variable", "variable name"}, "value": {"value"}, "label": {"label"}})
        spill = [_sheet_rows(workbook, n) for n in workbook.sheetnames if SPILL_RE.match(n)]
    finally:
        workbook.close()
    headers, columns = list(table.headers), [table.column(i) for i in range(len(table.headers))]
    for rows in spill:  # the same respondents, more columns; a repeated column is read once
        for index, header in enumerate(rows[0] if rows else []):
            if header and header not in headers:
                headers.append(header)
                values = [r[index] if index < len(r) else "" for r in rows[1:1 + table.row_count]]
                columns.append(values + [""] * (table.row_count - len(values)))
    variables = OrderedDict()
    for record in structure:
        v = variables.setdefault(record["variable"], {**record, "choices": OrderedDict()})
        if record["value"]:
            v["choices"][record["value"]] = record["label"]
    for record in labels:
        if record["variable"] in variables and record["value"]:
            variables[record["variable"]]["choices"].setdefault(record["value"], record["label"])
    return _build(table, headers, columns, variables)


def _build(table, headers, columns, variables):
    na_keys = {name_key(label) for label in NOT_APPLICABLE_LABELS}
    out_headers, out_columns, hints, stems = [], [], {}, {}
    done = set()
    stem_of = {}
    texts = [(h, layouts.stem_and_item(variables[h]["text"])) for h in headers if h in variables
             and variables[h]["subtype"].lower() == "single"]
    for header, (stem, item) in texts:
        siblings = [h for h, (s, i) in texts if s == stem and i]
        if item and len(siblings) > 1:
            stem_of[header] = (stem, siblings)
    for index, header in enumerate(headers):
        if header in done:
            continue
        var = variables.get(header)
        if var is None:  # a column the tool added: detected as in any file
            out_headers.append(header)
            out_columns.append(columns[index])
            continue
        subtype, kind = var["subtype"].lower(), var["type"].lower()
        if subtype == "multiple":
            group = [h for h in headers if h in variables and variables[h]["question"] == var["question"]
                     and variables[h]["subtype"].lower() == "multiple"]
            options = [_option_label(variables[h]) for h in group]
            separator = layouts.separator_for(options)
            chosen = [[_chosen(v) for v in columns[headers.index(h)]] for h in group]
            name = var["question"] or header
            out_headers.append(name)
            out_columns.append(layouts.combine_choices(chosen, options, separator))
            hints[name] = {"role": QUESTION, "code": name[:20], "text": _stem_text(var["text"]), "kind": MULTIPLE,
                           "options": options, "separator": separator}
            done.update(group)
            continue
        hint = {"role": QUESTION, "code": header[:20], "text": var["text"] or header}
        values = columns[index]
        if kind == "open" or subtype == "string":
            hint["kind"] = OPEN
        elif var["choices"]:
            na = {k: v for k, v in var["choices"].items() if name_key(v) in na_keys}
            named = {k: v for k, v in var["choices"].items() if k not in na and v and v != k}
            graded = all(k.lstrip("-").isdigit() for k in var["choices"]) and (
                len(named) <= 2 or all(v[:1].isdigit() for v in named.values()))
            if graded:
                hint.update(scale_labels=named, not_applicable_codes=na)
            else:
                values = [var["choices"].get(v.strip(), v) for v in values]
                hint.update(kind=SINGLE, options=[v for k, v in var["choices"].items() if k not in na])
        if header in stem_of:
            stem, siblings = stem_of[header]
            code = _stem_code(siblings, variables)
            stems.setdefault(code, stem)
            hint.update(parent=code, text=var["text"].replace(" - ", " – ", 1))
        out_headers.append(header)
        out_columns.append(values)
        hints[header] = hint
    rows = [list(row) for row in zip(*out_columns, strict=True)] if table.rows else []
    out = layouts.rebuilt(table, out_headers, rows, list(table.lines))
    out.hints, out.stems = hints, stems
    return out


def _chosen(value):
    return not blank(value) and value.strip() not in ("0", "-1")


def _option_label(var):
    """A Multiple variable's option: its choice text, else the row part of its question text."""
    label = next((v for k, v in var["choices"].items() if k == "1" and v), "")
    return label or layouts.stem_and_item(var["text"])[1] or var["text"] or var["variable"]


def _stem_text(text):
    return layouts.stem_and_item(text)[0] if text else text


def _stem_code(siblings, variables):
    names = [variables[h]["question"] or h for h in siblings]
    if len(set(names)) == 1 and names[0] not in siblings:
        return names[0][:20]
    prefix = re.sub(r"[_.\-]+$", "", _common_prefix(siblings))
    return (prefix if prefix and prefix not in siblings else f"{siblings[0]}_m")[:20]


def _common_prefix(names):
    first = names[0]
    for n, ch in enumerate(first):
        if any(len(other) <= n or other[n] != ch for other in names[1:]):
            return first[:n]
    return first
