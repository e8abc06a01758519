"""Nettskjema's CSV report (`;`, every field quoted, UTF-8), with the codebook on.

System columns start with `$` (`$submission_id`, `$created`, `$answer_time_ms`); headings are
the form's external ids; radio answers are codes; a checkbox question is one 0/1 column per
option named `question.option`; a radio matrix one column per row named `question.row`.

A codebook may name questions and label codes, one `name=text` per line:
`forventning=I hvilken grad …` names a question, `roller.leder=Kulturskoleleder` an option or
matrix row, `7=Ikke deltatt` a code in every question, `forventning.7=Vet ikke` in one. A code
whose label is a not-applicable label ("Vet ikke", "Ikke relevant" …) counts as not applicable.
"""

from collections import OrderedDict

from surveys.importing import layouts
from surveys.importing.detect import IGNORE, KEY, MULTIPLE, NOT_APPLICABLE_LABELS, QUESTION, SINGLE, header_role
from surveys.text import name_key

NAME = "nettskjema"
HEADER_ROWS = 1
CHECKBOX_VALUES = {"0", "1", ""}


def recognise(table):
    return "$submission_id" in {h.strip().lower() for h in table.headers}


def parse_codebook(text):
    """{"name": text} from `name=text` lines (blank lines and `#` comments skipped)."""
    out = {}
    for line in (text or "").splitlines():
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        name, _sep, label = line.partition("=")
        if name.strip() and label.strip():
            out[name.strip()] = label.strip()
    return out


def _choice_labels(book, header, values):
    """{code: label} when the codebook labels every code of this question itself (`moter.2=6–8`):
    a choice, not a scale (a scale's codebook labels its end points, or every question's codes)."""
    scoped = {name[len(header) + 1:]: label for name, label in book.items() if name.startswith(header + ".")}
    codes = {v.strip() for v in values if v.strip()}
    if len(scoped) >= 2 and codes and codes <= set(scoped):
        na_keys = {name_key(label) for label in NOT_APPLICABLE_LABELS}
        if not all(name_key(label) in na_keys for label in scoped.values()):
            return scoped
    return None


def _code(external_id):
    return external_id[:20]


def read(table, codebook=""):
    book = parse_codebook(codebook)
    na_keys = {name_key(label) for label in NOT_APPLICABLE_LABELS}
    groups = OrderedDict()  # prefix → [column indexes]
    for index, header in enumerate(table.headers):
        prefix = header.rsplit(".", 1)[0] if "." in header and not header.startswith("$") else header
        groups.setdefault(prefix, []).append(index)
    headers, columns, hints, stems = [], [], {}, {}

    def value_labels(code):
        """Scale labels and not-applicable codes for one question, from the codebook."""
        labels, na = {}, {}
        for name, label in book.items():
            scoped = name.startswith(code + ".") and name[len(code) + 1:].lstrip("-").isdigit()
            if name.lstrip("-").isdigit() or scoped:
                value = name.rsplit(".", 1)[-1]
                (na if name_key(label) in na_keys else labels)[value] = label
        return labels, na

    for prefix, indexes in groups.items():
        if prefix.startswith("$"):
            role = KEY if prefix.lower() == "$submission_id" else IGNORE
            hint = {"role": role} if role == KEY else {"role": role, "reason": "system"}
            headers.append(prefix)
            columns.append(table.column(indexes[0]))
            hints[prefix] = hint
            continue
        code = _code(prefix)
        if len(indexes) == 1:
            header = table.headers[indexes[0]]
            values = table.column(indexes[0])
            headers.append(header)
            if header_role(header):  # kommune, gruppe …: detect.py knows these
                columns.append(values)
                continue
            choices = _choice_labels(book, header, values)
            if choices:  # a radio question whose every code the codebook names: its labels
                columns.append([choices.get(v.strip(), v) for v in values])
                hints[header] = {"role": QUESTION, "code": _code(header), "text": book.get(header, header),
                                 "kind": SINGLE, "options": list(dict.fromkeys(choices.values()))}
                continue
            labels, na = value_labels(code)
            columns.append(values)
            hints[header] = {"role": QUESTION, "code": _code(header), "text": book.get(header, header),
                             **({"scale_labels": labels} if labels else {}),
                             **({"not_applicable_codes": na} if na else {})}
            continue
        values = {v.strip() for i in indexes for v in table.column(i)}
        if values <= CHECKBOX_VALUES:
            options = [table.headers[i].rsplit(".", 1)[1] for i in indexes]
            labels = [book.get(f"{prefix}.{o}", o) for o in options]
            separator = layouts.separator_for(labels)
            chosen = [[v.strip() == "1" for v in table.column(i)] for i in indexes]
            headers.append(prefix)
            columns.append(layouts.combine_choices(chosen, labels, separator))
            hints[prefix] = {"role": QUESTION, "code": code, "text": book.get(prefix, prefix), "kind": MULTIPLE,
                             "options": labels, "separator": separator}
            continue
        stems[code] = book.get(prefix, prefix)
        labels, na = value_labels(code)
        for i in indexes:
            header = table.headers[i]
            row_name = header.rsplit(".", 1)[1]
            headers.append(header)
            columns.append(table.column(i))
            hints[header] = {"role": QUESTION, "code": _code(header), "parent": code,
                             "text": f"{stems[code]} – {book.get(header, row_name)}",
                             **({"scale_labels": labels} if labels else {}),
                             **({"not_applicable_codes": na} if na else {})}
    rows = [list(row) for row in zip(*columns, strict=True)] if table.rows else []
    out = layouts.rebuilt(table, headers, rows, list(table.lines))
    out.hints, out.stems = hints, stems
    return out
