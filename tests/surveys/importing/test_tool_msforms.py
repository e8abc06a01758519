"""Microsoft Forms' "Open in Excel" workbook, written here from its layout with the report's counts.

One row per response; the system columns ID, Start time, Completion time, Email, Name and Last
modified time (in a Norwegian form: ID, Starttidspunkt, Fullføringstidspunkt, E-postadresse,
Navn, Tidspunkt for siste endring), times as Excel dates, wherever they stand; a Likert
question one column per statement, headed by the statement alone, its cells the chosen label; a
choice question's cell its option's text; a multi-select cell the chosen options each followed
by ";" ("A;B;"), options that hold commas and semicolons too; a rating a number.
"""

import datetime
import io

from surveys.importing.pipeline import import_bytes, read_table
from surveys.models import Question, Survey
from surveys.summary import survey_summary
from tests.surveys.importing import report_survey as report

GRAD = ["I svært liten grad", "I liten grad", "I noen grad", "I ganske stor grad", "I stor grad", "I svært stor grad"]
FRAMEWORK = report.QUESTIONS["9"][3]  # options with commas: "(kjerne-, bredde- og fordypningsprogram)"
ENGLISH = ["Start time", "ID", "Completion time", "Email", "Name", "Last modified time"]
NORWEGIAN = ["ID", "Starttidspunkt", "Fullføringstidspunkt", "E-postadresse", "Navn", "Tidspunkt for siste endring"]


def _framework_picks(n):
    return [o for j, o in enumerate(FRAMEWORK) if (n + j) % 3 != 0] or [FRAMEWORK[0]]


def _statement(code):
    return any(code in items for items in report.MATRIX_ITEMS.values())


def msforms_xlsx(system=ENGLISH, labelled_questions=False):
    """`labelled_questions`: the graded questions 2, 11 and 12 are choice questions answered
    with the scale's labels, not ratings."""
    import openpyxl

    headers, columns = list(system) + ["Kommune"], []
    for code, (kind, text, _parent, _options) in report.QUESTIONS.items():
        if code in report.MATRIX_ITEMS:
            continue
        if _statement(code):
            headers.append(text.split(" – ", 1)[1])  # the statement only
            columns.append((code, "label"))
        elif code in ("1", "9"):
            headers.append(text)
            columns.append((code, "multi"))
        else:
            headers.append(text)
            columns.append((code, ("label" if labelled_questions else "rating") if kind == "likert" else kind))
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(headers)
    for n, row in enumerate(report.ROWS, start=1):
        first, last, address, _phone, _ip = report.person(n)
        known = {"id": n, "email": address, "e-postadresse": address, "name": f"{first} {last}",
                 "navn": f"{first} {last}", "last modified time": None, "tidspunkt for siste endring": None}
        cells = [known.get(h.lower(), datetime.datetime(2021, 1, 15, 9, 12, n % 60)) for h in system]
        cells.append(row["kommune"])
        for code, what in columns:
            value = row.get(code, "")
            if what == "label":
                cells.append(value if value == report.NA else GRAD[value - 1])
            elif what == "multi":
                picks = value if code == "1" else _framework_picks(n)
                cells.append("".join(f"{p};" for p in picks))
            else:
                cells.append(value if value != "" else None)
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def check(slug):
    survey = Survey.objects.get(slug=slug)
    questions = list(survey.questions.select_related("parent"))

    def code_for(code):
        if code in report.MATRIX_ITEMS:
            return next(q.parent.code for q in questions if q.code == code_for(report.MATRIX_ITEMS[code][0]))
        text = report.QUESTIONS[code][1]
        if _statement(code):
            text = text.split(" – ", 1)[1]
            return next(q.code for q in questions if q.text.endswith("– " + text))
        return next(q.code for q in questions if q.text == text)

    by_code = report.check_summary(survey_summary(survey), code_for)
    report.check_elaborations(survey, code_for)
    item = survey.questions.get(code=code_for("3a"))
    assert (item.scale_min, item.scale_max, item.scale_labels["1"]) == (1, 6, "I svært liten grad")
    assert survey.questions.get(code=code_for("1")).options == report.ROLES
    framework = survey.questions.get(code=code_for("9"))
    assert framework.kind == Question.Kind.MULTIPLE and set(framework.options) == set(FRAMEWORK)
    counts = by_code[framework.code]["counts"]
    assert counts == {o: sum(1 for n in range(1, 44) if o in _framework_picks(n)) for o in framework.options}
    assert survey.respondents.filter(municipality__isnull=False).count() == report.UNITS
    report.nothing_personal(survey, *report.PERSONAL_NEEDLES, "09:12:")
    return survey, code_for


def test_english_workbook_with_system_columns_out_of_place(db):
    data = msforms_xlsx()
    assert read_table(data).layout["tool"] == "msforms"
    import_bytes(data, slug="forms")
    check("forms")


def test_norwegian_workbook_with_graded_questions_answered_as_labels(db):
    data = msforms_xlsx(NORWEGIAN, labelled_questions=True)
    assert read_table(data).layout["tool"] == "msforms"
    import_bytes(data, slug="forms-nb")
    survey, code_for = check("forms-nb")
    question = survey.questions.get(code=code_for("2"))  # a question ("…?") on the scale stands alone
    assert question.parent is None and question.kind == Question.Kind.LIKERT
    assert question.scale_labels["4"] == "I ganske stor grad"
