"""A survey's answers in the wide layout the importer reads: one row per respondent, one column
per question (heading `code. text`), as CSV (any encoding and delimiter) or XLSX.

Both are formula-safe, like every other export. CSV has no cell types, so a cell that begins
with = + - @ tab, CR or NUL (which Excel and LibreOffice would evaluate) gets an apostrophe in
front; XLSX stores every text as a string cell, never a formula, and so keeps the text exactly:
it is the file for moving answers to another survey or instance.
"""

import csv
import io

from django.utils.translation import gettext as _

from surveys.models import Answer, Question

KEY_HEADER = "Svar-ID"
MUNICIPALITY_HEADER = "Kommune"
GROUP_HEADER = "Kommunegruppe"


FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\0")


class ExportError(ValueError):
    pass


def formula_safe(value):
    """A CSV cell that a spreadsheet will not evaluate."""
    return "'" + value if value.startswith(FORMULA_START) else value


def wide_rows(survey):
    """(headers, rows) of strings for `survey`, in question order."""
    questions = list(survey.questions.order_by("order", "id"))
    respondents = list(survey.respondents.select_related("municipality", "group").order_by("external_key"))
    attribute_names = list(dict.fromkeys(k for r in respondents for k in r.attributes))
    headers = [KEY_HEADER, MUNICIPALITY_HEADER, GROUP_HEADER, *attribute_names]
    headers += [f"{q.code}. {' '.join(q.text.split())}" for q in questions]
    position = {q.id: i for i, q in enumerate(questions)}
    by_id = {q.id: q for q in questions}
    cells = {r.id: [""] * len(questions) for r in respondents}
    answers = Answer.objects.filter(question__survey=survey).values_list(
        "respondent_id", "question_id", "text", "number", "choices", "not_applicable")
    for respondent_id, question_id, text, number, choices, not_applicable in answers.iterator(chunk_size=5000):
        cells[respondent_id][position[question_id]] = cell_text(by_id[question_id], text, number, choices,
                                                                not_applicable)
    rows = []
    for r in respondents:
        row = [r.external_key, r.municipality.name if r.municipality_id else "", r.group.name if r.group_id else ""]
        row += [str(r.attributes.get(name, "")) for name in attribute_names]
        rows.append(row + cells[r.id])
    return headers, rows


def cell_text(question, text, number, choices, not_applicable):
    if question.kind == Question.Kind.LIKERT:
        if not_applicable:
            return text or (question.not_applicable_labels or [""])[0]
        if number is None:
            return text
        label = (question.scale_labels or {}).get(str(number))
        return f"{number} - {label}" if label else str(number)
    if question.kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE):
        return "; ".join(choices) if choices else text
    return text


def to_csv(survey, *, encoding="utf-8-sig", delimiter=","):
    headers, rows = wide_rows(survey)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([formula_safe(h) for h in headers])
    writer.writerows([formula_safe(v) for v in row] for row in rows)
    try:
        return buffer.getvalue().encode(encoding)
    except UnicodeEncodeError as error:
        raise ExportError(
            _("Some text cannot be written in %(encoding)s (for example %(text)s). Choose UTF-8.")
            % {"encoding": encoding, "text": repr(error.object[error.start:error.end])}
        ) from None


def to_xlsx(survey):
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    headers, rows = wide_rows(survey)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title="Svar")

    def text_cell(value):
        cell = WriteOnlyCell(sheet, value=value)
        if isinstance(value, str):
            cell.data_type = "s"  # text, never a formula, whatever it begins with
        return cell

    sheet.append([text_cell(h) for h in headers])
    for row in rows:
        sheet.append([text_cell(v) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
