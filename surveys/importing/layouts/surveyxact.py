"""SurveyXact's dataset export: the XLSX with `Dataset` (spilling over into `Dataset(1)` … when
wide), `Structure` and `Labels` sheets, in any order, or the same three tables as CSV files
uploaded together (tab + UTF-16, or `;` or `,` + Windows-1252; see bundle.py).

`Structure` has a heading row: questionName, variableName, questionType (Closed/Open), subType
(Single/Multiple/String), questionText, choiceValue, choiceText. A Multiple question has one
variable per option (0/1 in the dataset), its option text in choiceText. `Labels` has no
heading row: variable, value, label, one row per labelled value.

Read as: the variables of one Multiple question → one multiple-choice column; Single variables
whose text is "stem - row" and share the stem → one matrix; a Single whose values are whole
numbers labelled only at the end points (or with numbers, or with a known scale's labels) → a
graded scale, else a single choice with its labels; Open/String → open, under the question its
text names ("stem - Annet, beskriv"). A value labelled "Vet ikke", "Ikke relevant" … is not
applicable, with its label. The status variables (`statoverall`) are system columns; columns
the Structure does not name (respondent id, e-mail …) are detected as in any file.
"""

import io
import re
from collections import OrderedDict

from surveys.importing import layouts
from surveys.importing.detect import IGNORE, MULTIPLE, NOT_APPLICABLE_LABELS, OPEN, QUESTION, blank
from surveys.text import name_key

NAME = "surveyxact"
HEADER_ROWS = 1
READS_WORKBOOK = True
DATASET_RE = re.compile(r"^dataset\s*(\(\s*\d+\s*\)|\d+)?$", re.I)
SYSTEM_QUESTIONS = {"statoverall", "stato", "status"}
# Columns SurveyXact adds to the dataset about the response itself (times, channel).
SYSTEM_COLUMNS = {"starttime", "closetime", "lastchanged", "createdate", "createtime", "startdate", "closedate",
                  "enddate", "difftime", "distributiontime", "distributionchannel", "lastchangeddate"}
STRUCTURE_COLUMNS = {
    "question": {"questionname", "question", "spørsmålsnavn"},
    "variable": {"variablename", "variable", "variabelnavn"},
    "type": {"questiontype", "type", "spørsmålstype"},
    "subtype": {"subtype", "undertype"},
    "text": {"questiontext", "text", "spørsmålstekst"},
    "value": {"choicevalue", "value", "svarverdi"},
    "label": {"choicetext", "choicelabel", "svartekst"},
}


def _compact(text):
    return re.sub(r"[\s_]+", "", name_key(text))


def is_structure(headers):
    """A Structure table: it names at least the variable and the question text."""
    heads = {_compact(h) for h in headers}
    return bool(heads & STRUCTURE_COLUMNS["variable"]) and bool(heads & (STRUCTURE_COLUMNS["text"]
                                                                       | STRUCTURE_COLUMNS["type"]))


def sheet_names(names):
    """{"dataset": [names…], "structure": name, "labels": name} when the workbook is a SurveyXact
    export, else None."""
    lower = {n.strip().lower(): n for n in names}
    datasets = [n for n in names if DATASET_RE.match(n.strip())]
    if not datasets or "structure" not in lower or "labels" not in lower:
        return None
    return {"dataset": datasets, "structure": lower["structure"], "labels": lower["labels"]}


def recognise(table):
    return table.format == "xlsx" and sheet_names(table.sheets or []) is not None


def read(table, codebook="", data=b""):
    from surveys.importing.parse import parse_xlsx

    names = sheet_names(table.sheets)
    main = table if table.sheet in names["dataset"][:1] else parse_xlsx(data, sheet=names["dataset"][0])
    spill = [parse_xlsx(data, sheet=n) for n in names["dataset"][1:]]
    structure, labels = _sheet_rows(data, names["structure"]), _sheet_rows(data, names["labels"])
    return build(main, spill, structure, labels)


def _sheet_rows(data, name):
    import openpyxl

    from surveys.importing.parse import _cell_text

    workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        sheet = workbook[name]
        sheet.reset_dimensions()
        return [[_cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()


def _records(rows):
    """Structure rows → dicts keyed by our names, the columns found by their headings."""
    if not rows:
        return []
    heads = [_compact(h) for h in rows[0]]
    where = {key: next((i for i, h in enumerate(heads) if h in names), None)
             for key, names in STRUCTURE_COLUMNS.items()}
    out = []
    for row in rows[1:]:
        if any(c.strip() for c in row):
            out.append({k: (row[i].strip() if i is not None and i < len(row) else "") for k, i in where.items()})
    return out


def variables_from(structure, labels):
    """{variable: {question, type, subtype, text, choice (value, text) or None, labels {value: label}}}."""
    variables = OrderedDict()
    for record in _records(structure):
        name = record["variable"]
        if not name:
            continue
        var = variables.setdefault(name, {**record, "choices": OrderedDict(), "labels": OrderedDict()})
        if record["value"] or record["label"]:
            var["choices"][record["value"]] = record["label"]
    rows = [r for r in labels if len(r) >= 3 and r[0].strip()]
    if rows and rows[0][0].strip() not in variables and _compact(rows[0][0]) in {"variable", "variablename"}:
        rows = rows[1:]  # a heading row after all
    for row in rows:
        var = variables.get(row[0].strip())
        if var is not None and row[1].strip():
            var["labels"][row[1].strip()] = row[2].strip()
    return variables


def build(table, spill, structure, labels):
    """The dataset `table` (with the spill-over tables) read against Structure and Labels."""
    headers, columns = list(table.headers), [table.column(i) for i in range(len(table.headers))]
    for extra in spill:  # the same respondents, more columns; a repeated column is read once
        for index, header in enumerate(extra.headers):
            if header not in headers:
                headers.append(header)
                values = extra.column(index)[: table.row_count]
                columns.append(values + [""] * (table.row_count - len(values)))
    return _read(table, headers, columns, variables_from(structure, labels))


def _read(table, headers, columns, variables):
    na_keys = {name_key(label) for label in NOT_APPLICABLE_LABELS}
    out_headers, out_columns, hints, stems = [], [], {}, {}
    done, codes_by_text = set(), {}
    matrices = _matrices(headers, variables)
    for index, header in enumerate(headers):
        if header in done:
            continue
        var = variables.get(header)
        if var is None:  # a column the tool added: detected as in any file
            out_headers.append(header)
            out_columns.append(columns[index])
            if _compact(header) in SYSTEM_COLUMNS:
                hints[header] = {"role": IGNORE, "reason": "system"}
            continue
        subtype, kind = var["subtype"].lower(), var["type"].lower()
        if name_key(var["question"]) in SYSTEM_QUESTIONS:
            out_headers.append(header)
            out_columns.append(columns[index])
            hints[header] = {"role": IGNORE, "reason": "system"}
            continue
        if subtype == "multiple":
            group = [h for h in headers if h in variables and variables[h]["question"] == var["question"]
                     and variables[h]["subtype"].lower() == "multiple"]
            options = [_option_label(variables[h]) for h in group]
            separator = layouts.separator_for(options)
            chosen = [[_chosen(v) for v in columns[headers.index(h)]] for h in group]
            name = var["question"] or header
            code = name[:20]
            out_headers.append(name)
            out_columns.append(layouts.combine_choices(chosen, options, separator))
            text = _without_option(var["text"], options[0]) or name
            hints[name] = {"role": QUESTION, "code": code, "text": text, "kind": MULTIPLE,
                           "options": options, "separator": separator}
            codes_by_text.setdefault(name_key(text), code)
            done.update(group)
            continue
        code = header[:20]
        text = var["text"] or header
        hint = {"role": QUESTION, "code": code, "text": text}
        values = columns[index]
        if kind == "open" or subtype == "string":
            hint["kind"] = OPEN
            stem, item = layouts.stem_and_item(text)
            parent = codes_by_text.get(name_key(stem)) if item else None
            if parent:
                hint.update(parent=parent)
        else:
            values, extra = _closed(var, values, na_keys, header in matrices or layouts.graded_text(text))
            hint.update(extra)
        if header in matrices:
            stem, stem_code = matrices[header]
            stems.setdefault(stem_code, stem)
            hint.update(parent=stem_code, text=text.replace(" - ", " – ", 1))
            codes_by_text.setdefault(name_key(stem), stem_code)
        else:
            codes_by_text.setdefault(name_key(text), code)
        out_headers.append(header)
        out_columns.append(values)
        hints[header] = hint
    rows = [list(row) for row in zip(*out_columns, strict=True)] if table.rows else []
    out = layouts.rebuilt(table, out_headers, rows, list(table.lines))
    out.hints, out.stems = hints, stems
    return out


def _closed(var, values, na_keys, scale_hint):
    """(values, hint) for a Single variable, from its labelled values."""
    labelled = OrderedDict((k, v) for k, v in {**var["choices"], **var["labels"]}.items() if k)
    return layouts.coded(values, labelled, na_keys, scale_hint)


def _matrices(headers, variables):
    """{variable: (stem, stem code)} for Single variables whose text is "stem - row" and whose
    stem is shared by a neighbour."""
    texts = [(h, layouts.stem_and_item(variables[h]["text"])) for h in headers if h in variables
             and variables[h]["subtype"].lower() == "single" and variables[h]["type"].lower() != "open"]
    out = {}
    for header, (stem, item) in texts:
        siblings = [h for h, (s, i) in texts if s == stem and i]
        if item and stem and len(siblings) > 1:
            out[header] = (stem, _stem_code(siblings, variables))
    return out


def _chosen(value):
    return not blank(value) and value.strip() not in ("0", "-1")


def _option_label(var):
    """A Multiple variable's option: its choice text in Structure, else the row part of its
    question text, else a label other than the generic "Valgt"."""
    text = next((v for v in var["choices"].values() if v), "")
    if text:
        return text
    item = layouts.stem_and_item(var["text"])[1]
    if item:
        return item
    label = var["labels"].get("1", "")
    return label if label and name_key(label) not in {"valgt", "selected", "checked"} else var["variable"]


def _without_option(text, option):
    """A Multiple variable's question text without a trailing " - option" some exports add."""
    stem, item = layouts.stem_and_item(text or "")
    return stem if item and name_key(item) == name_key(option) else text


def _stem_code(siblings, variables):
    names = [variables[h]["question"] or h for h in siblings]
    if len(set(names)) == 1 and names[0] not in siblings:
        return names[0][:20]
    prefix = re.sub(r"[_.\-]+$", "", _common_prefix(siblings))
    return (prefix if prefix and prefix not in siblings and prefix not in variables else f"{siblings[0]}_m")[:20]


def _common_prefix(names):
    first = names[0]
    for n, ch in enumerate(first):
        if any(len(other) <= n or other[n] != ch for other in names[1:]):
            return first[:n]
    return first
