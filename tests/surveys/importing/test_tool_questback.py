"""Questback / EFS Survey's data export with labels as column headings, written here from its
layout with the report's counts.

`lfdn` (the response's running number) and EFS's system columns (dispcode, lastpage, quality,
duration …) first; a grid "Question - Item" one column per item on 1–6, "Vet ikke" and "Ikke
relevant" as labels; a multiple-choice question one 0/1 column per option "Question - Option";
EFS's missing codes in the answers: -66 (not seen), -77 (seen, not answered), -99 (no answer)
and 0 in a closed question seen but not answered.
"""

import io

from surveys.importing.pipeline import import_bytes, read_table
from surveys.models import Answer, Survey
from surveys.summary import survey_summary
from tests.surveys.importing import report_survey as report


def questback_xlsx():
    """Labels as headings, grids "Question - Item", 0/1 option columns, -99 for a text not seen,
    0 for a closed question seen but not answered, "Vet ikke" and "Ikke relevant" apart."""
    import openpyxl

    headers = ["lfdn", "external_lfdn", "tester", "dispcode", "lastpage", "quality", "duration", "u_firstname",
               "u_lastname", "u_email", "Kommune"]
    columns = []
    for code, (kind, text, parent, options) in report.QUESTIONS.items():
        if code in report.MATRIX_ITEMS:
            continue
        if code == "1":
            headers += [f"{text} - {option}" for option in options]
            columns += [("1", option) for option in options]
        elif parent in report.MATRIX_ITEMS:
            headers.append(text.replace(" – ", " - ", 1) if " – " in text else text)
            columns.append((code, "scale"))
        else:
            headers.append(text)
            columns.append((code, kind))
    headers.append("Vil dere søke om ny veiledning?")
    columns.append(("again", "closed"))
    headers.append("Hvor nyttig var nettsiden?")
    columns.append(("web", "missing"))
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(headers)
    for n, row in enumerate(report.ROWS):
        first, last, address, _phone, _ip = report.person(n)
        cells = [n + 1, "", 0, 31, 4, 1, 600 + n, first, last, address, row["kommune"]]
        for code, what in columns:
            value = row.get(code, "")
            if code == "1":
                cells.append(1 if what in value else 0)
            elif what == "closed":
                cells.append([1, 2, 0][n % 3])
            elif what == "missing":  # 1–5 answers, and the three missing codes
                cells.append([3, 4, 5, -66, -77, -99, 2][n % 7])
            elif value == report.NA:
                cells.append("Vet ikke" if (n % 2 == 0) else "Ikke relevant")
            elif value == "" and what == "open":
                cells.append([-99, -77, -66][n % 3])
            else:
                cells.append(value)
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_labels_as_headings_missing_codes_and_not_applicable_labels_apart(db):
    data = questback_xlsx()
    table = read_table(data)
    assert table.layout["tool"] == "questback"
    import_bytes(data, slug="efs")
    survey = Survey.objects.get(slug="efs")
    texts = {q.text: q.code for q in survey.questions.all()}
    summary = survey_summary(survey)
    by_code = {q["code"]: q for q in summary["questions"]}
    # "Vet ikke" and "Ikke relevant" are counted apart; together they are the report's not-applicable.
    seven_a = by_code[texts[report.QUESTIONS["7a"][1]]]
    na_rows = [n for n, row in enumerate(report.ROWS) if row["7a"] == report.NA]
    assert seven_a["not_applicable_labels"] == {
        "Ikke relevant": sum(1 for n in na_rows if n % 2), "Vet ikke": sum(1 for n in na_rows if n % 2 == 0)}
    report.check_summary(summary, lambda code: texts[report.QUESTIONS[code][1]])
    report.check_elaborations(survey, lambda code: texts[report.QUESTIONS[code][1]])
    web = by_code[texts["Hvor nyttig var nettsiden?"]]
    answered = [[3, 4, 5, -66, -77, -99, 2][n % 7] for n in range(report.UNITS)]
    assert web["n"] == sum(1 for v in answered if v > 0) and web["not_applicable"] == 0
    assert web["counts"] == {str(v): answered.count(v) for v in range(1, 6)} | {"6": 0}
    again = by_code[texts["Vil dere søke om ny veiledning?"]]
    assert again["n"] == 29 and again["counts"] == {"1": 15, "2": 14}  # the 14 zeros were not answers
    assert survey.questions.get(code=texts[report.QUESTIONS["1"][1]]).options == report.ROLES
    # Each question its own scale: the 0/1 columns forced nothing on the graded ones.
    assert (survey.questions.get(code=texts[report.QUESTIONS["2"][1]]).scale_max) == 6
    assert not Answer.objects.filter(question__survey=survey, text__in=["-99", "-77", "-66", "0"]).exists()
    assert survey.respondents.filter(municipality__isnull=False).count() == report.UNITS
    report.nothing_personal(survey, *report.PERSONAL_NEEDLES, "Kari")


