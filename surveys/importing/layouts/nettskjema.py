"""Nettskjema's CSV report (`;`, every field quoted, UTF-8, CRLF), with the codebook on.

System columns start with `$` (`$submission_id`, `$created`, `$forwarded_to_form`, `$signed`,
`$answer_time_ms`); the other headings are the form's codebook values (external ids); radio and
dropdown answers are the chosen option's code; a checkbox question is one 0/1 column per option
named `question.option` (empty when the question was hidden); a radio matrix one column per row
named `question.row`; a checkbox matrix one 0/1 column per row and option, `question.row.option`.

A codebook (codebook.py) names questions, options and rows and labels codes. With it a radio
question whose codes are labelled becomes a graded scale or a single choice (layouts.coded);
a code labelled "Vet ikke", "Ikke relevant" … is not applicable. Without it codes are values.
"""

from collections import OrderedDict

from surveys.importing import layouts
from surveys.importing.detect import IGNORE, KEY, MULTIPLE, NOT_APPLICABLE_LABELS, OPEN, QUESTION, header_role
from surveys.importing.layouts.codebook import Codebook
from surveys.text import name_key

NAME = "nettskjema"
HEADER_ROWS = 1
READS_CODEBOOK = True
CHECKBOX_VALUES = {"0", "1", ""}
OPEN_TYPES = {"QUESTION", "QUESTION_MULTILINE"}
# Elements left out, with the reason: personal data, file names, receipts, log-ins.
IGNORED_TYPES = {"EMAIL": "email", "PHONE": "phone", "NAME": "name", "NATIONAL_ID_NUMBER": "national_id",
                 "USERNAME": "name", "ATTACHMENT": "system", "SUBMISSION_REFERENCE": "system"}


def recognise(table):
    return "$submission_id" in {h.strip().lower() for h in table.headers}


def parse_codebook(text):
    """The codebook as {name: text} (kept for callers of the earlier API)."""
    return Codebook.parse(text).flat()


def _group_key(header):
    """`sp3.a` → `sp3`, `m.r.c` → `m.r`; a heading with spaces around its dot is a text."""
    if header.startswith("$") or "." not in header:
        return header
    prefix, _dot, suffix = header.rpartition(".")
    if not prefix or not suffix or prefix != prefix.rstrip() or suffix != suffix.lstrip() or " " in prefix:
        return header
    return prefix


def _code(external_id):
    return external_id[:20]


def read(table, codebook=""):
    book = Codebook.parse(codebook)
    na_keys = {name_key(label) for label in NOT_APPLICABLE_LABELS}
    groups = OrderedDict()  # prefix → [column indexes], adjacent columns only
    for index, header in enumerate(table.headers):
        key = _group_key(header)
        if key in groups and groups[key][-1] != index - 1:
            key = header
        groups.setdefault(key, []).append(index)
    headers, columns, hints, stems = [], [], {}, {}

    def add(header, values, hint):
        headers.append(header)
        columns.append(values)
        if hint:
            hints[header] = hint

    for prefix, indexes in groups.items():
        if prefix.startswith("$"):
            for i in indexes:
                header = table.headers[i]
                add(header, table.column(i), {"role": KEY} if header.lower() == "$submission_id"
                    else {"role": IGNORE, "reason": "system"})
            continue
        if len(indexes) == 1 and table.headers[indexes[0]] == prefix:
            header, values = prefix, table.column(indexes[0])
            kind = book.type_of(header)
            if header_role(header):  # kommune, gruppe …: detect.py knows these; codes become their names
                labels = book.code_labels(header, values, common=False)
                add(header, [labels.get(v.strip(), v) for v in values] if labels else values, {})
            elif kind in IGNORED_TYPES:
                add(header, values, {"role": IGNORE, "reason": IGNORED_TYPES[kind]})
            else:
                values, hint = _question(book, header, values, na_keys)
                add(header, values, hint)
            continue
        values = {v.strip() for i in indexes for v in table.column(i)}
        if values <= CHECKBOX_VALUES:
            _checkbox(table, book, prefix, indexes, add, stems)
            continue
        code = _code(prefix)
        stems[code] = book.question_text(prefix)
        for i in indexes:
            header = table.headers[i]
            row = header.rsplit(".", 1)[1]
            values, hint = _question(book, header, table.column(i), na_keys, question=prefix)
            hint.update(parent=code, text=_item_text(stems[code], book.row_text(prefix, row)))
            add(header, values, hint)
    rows = [list(row) for row in zip(*columns, strict=True)] if table.rows else []
    out = layouts.rebuilt(table, headers, rows, list(table.lines))
    out.hints, out.stems = hints, stems
    return out


def _question(book, header, values, na_keys, question=None):
    """(values, hint) for one radio, dropdown, scale or text column."""
    question = question or header
    hint = {"role": QUESTION, "code": _code(header), "text": book.question_text(header)}
    kind = book.type_of(question)
    if kind in OPEN_TYPES:
        hint["kind"] = OPEN
        return values, hint
    labels = book.code_labels(question, values)
    if any(v.strip() and v.strip() not in labels and not v.strip().lstrip("-").isdigit() for v in values):
        return values, hint  # answers that are not codes: a text, or a number; detect.py reads them
    scale_hint = kind in ("MATRIX_RADIO", "LINEAR_SCALE") or layouts.graded_text(book.question_text(question))
    values, coded = layouts.coded(values, labels, na_keys, scale_hint)
    if coded.get("kind") == "likert":
        scale = book.scale_range(question)
        if scale:
            coded.update(scale_min=scale[0], scale_max=scale[1])
    hint.update(coded)
    return values, hint


def _checkbox(table, book, prefix, indexes, add, stems):
    """A checkbox question's 0/1 columns → one multiple-choice column; a checkbox matrix's row
    (`matrix.row.option` columns) likewise, under the matrix as its heading."""
    matrix, _dot, row = prefix.partition(".")
    options = [table.headers[i].rsplit(".", 1)[1] for i in indexes]
    owner = matrix if row and book.options.get(matrix) else prefix
    labels = [book.option_text(owner, o) for o in options]
    separator = layouts.separator_for(labels)
    chosen = [[v.strip() == "1" for v in table.column(i)] for i in indexes]
    hint = {"role": QUESTION, "code": _code(prefix), "text": book.question_text(prefix), "kind": MULTIPLE,
            "options": labels, "separator": separator}
    if row:
        stems.setdefault(_code(matrix), book.question_text(matrix))
        hint.update(parent=_code(matrix), text=_item_text(book.question_text(matrix), book.row_text(matrix, row)))
    add(prefix, layouts.combine_choices(chosen, labels, separator), hint)


def _item_text(stem, row):
    """"Stem – row", unless the row's text already starts with the stem."""
    return row if row.startswith(stem) else f"{stem} – {row}"
