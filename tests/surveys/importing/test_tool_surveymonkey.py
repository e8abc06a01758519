"""SurveyMonkey's "all individual responses" export (columns expanded), written here from its
layout with the report's counts.

Two header rows: row 1 the question, written once over all of its columns (blank after it in
CSV, merged cells in XLSX); row 2 "Response", "Open-Ended Response", a matrix row's label, a
checkbox option, "Other (please specify)" or a contact-information field. The nine metadata
columns come first: Respondent ID, Collector ID, Start Date, End Date, IP Address, Email
Address, First Name, Last Name, Custom Data 1. A matrix cell holds the chosen column's label
("1 - I svært liten grad", "4", "Ikke deltatt", or a named point of a scale); a checkbox cell
its option's text. CSV comes as UTF-8 with a BOM and CRLF, rows often with empty columns at
the end; XLSX holds dates as dates and ids as numbers.
"""

import csv
import datetime
import io

from surveys.importing.pipeline import import_bytes, read_table
from surveys.models import Answer, Question, Respondent, Survey
from surveys.summary import survey_summary
from tests.surveys.importing import report_survey as report

METADATA = ["Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address", "Email Address", "First Name",
            "Last Name", "Custom Data 1"]
NAMED = ["I svært liten grad", "I liten grad", "I noen grad", "I ganske stor grad", "I stor grad", "I svært stor grad"]


def _scale_cell(value, named):
    if value == report.NA or value == "":
        return value
    if named:
        return NAMED[value - 1]
    return {1: "1 - I svært liten grad", 6: "6 - I svært stor grad"}.get(value, str(value))


def rows(*, named=False, extras=False):
    """Row 1, row 2 and the answers. `named`: the scale's every point named; `extras`: a
    contact-information question and "Other (please specify)" beside question 6."""
    first, second, columns = list(METADATA) + ["kommune"], [""] * 9 + ["Response"], []
    for code, (kind, text, _parent, options) in report.QUESTIONS.items():
        if code in report.MATRIX_ITEMS:
            for n, item in enumerate(report.MATRIX_ITEMS[code]):
                first.append(text if n == 0 else "")
                second.append(report.QUESTIONS[item][1].split(" – ")[-1])
                columns.append((item, "scale"))
        elif any(code in items for items in report.MATRIX_ITEMS.values()) or code == "9":
            continue
        elif code == "1":
            for n, option in enumerate(options):
                first.append(text if n == 0 else "")
                second.append(option)
                columns.append((code, option))
        elif kind == "likert":
            first.append(text)
            second.append("Response")
            columns.append((code, "scale"))
        elif code == "6":
            first.append(text)
            second.append("Response")
            columns.append((code, "text"))
            if extras:
                first.append("")
                second.append("Other (please specify)")
                columns.append((code, "other"))
        else:
            first.append(text)
            second.append("Open-Ended Response")
            columns.append((code, "text"))
    if extras:
        first += ["Kontaktinformasjon", "", ""]
        second += ["Name", "Email Address", "Phone Number"]
        columns += [("contact", 0), ("contact", 2), ("contact", 3)]
    body = []
    for n, row in enumerate(report.ROWS, start=1):
        firstname, last, address, phone, ip = report.person(n)
        cells = [str(114000000000 + n), "405211199", "01/15/2021 09:12:03 AM", "01/15/2021 09:30:44 AM", ip,
                 address, firstname, last, "", row["kommune"]]
        for code, what in columns:
            value = row.get(code, "")
            if what == "scale":
                cells.append(_scale_cell(value, named))
            elif what == "text":
                cells.append(value)
            elif what == "other":
                cells.append("Tolv, to av dem digitale" if n == 7 else "")
            elif code == "contact":
                cells.append(f"{firstname} {last}" if what == 0 else report.person(n)[what])
            else:
                cells.append(what if what in value else "")
        body.append(cells)
    return first, second, body


def surveymonkey_csv(**kwargs):
    first, second, body = rows(**kwargs)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(first)
    writer.writerow(second)
    for cells in body:
        writer.writerow(cells + ["", ""])  # empty columns at the end of every row
    return buffer.getvalue().encode("utf-8-sig")


def surveymonkey_xlsx(**kwargs):
    import openpyxl

    first, second, body = rows(**kwargs)
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append([h or None for h in first])
    sheet.append([h or None for h in second])
    for cells in body:
        out = [int(cells[0]), int(cells[1]), datetime.datetime(2021, 1, 15, 9, 12, 3),
               datetime.datetime(2021, 1, 15, 9, 30, 44)] + cells[4:]
        sheet.append([int(c) if isinstance(c, str) and c.isdigit() and len(c) < 3 else (c or None) for c in out])
    start = None
    for index, header in enumerate(first + ["end"], start=1):  # merge each question over its columns
        if header and start is not None and index - 1 > start:
            sheet.merge_cells(start_row=1, start_column=start, end_row=1, end_column=index - 1)
        if header:
            start = index
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def check(slug, extra_texts=0):
    survey = Survey.objects.get(slug=slug)
    texts = {q.text: q.code for q in survey.questions.all()}

    def code_for(code):
        return texts[report.QUESTIONS[code][1]]

    by_code = report.check_summary(survey_summary(survey), code_for, extra_texts=extra_texts)
    report.check_elaborations(survey, code_for)
    assert survey.questions.get(code=code_for("1")).options == report.ROLES
    assert by_code[code_for("6")]["kind"] == "single"
    assert survey.questions.get(code=code_for("3a")).scale_max == 6
    assert {q.code for q in survey.questions.all()}.isdisjoint({"Respondent ID", "IP Address"})
    assert Respondent.objects.filter(survey=survey, external_key="114000000001").exists()
    assert Respondent.objects.filter(survey=survey, municipality__isnull=False).count() == report.UNITS
    report.nothing_personal(survey, *report.PERSONAL_NEEDLES, "405211199", "01/15/2021", "2021-01-15")
    return survey, code_for


def test_csv_with_bom_crlf_and_empty_columns_at_the_end(db):
    data = surveymonkey_csv()
    assert read_table(data).layout == {"tool": "surveymonkey", "header_rows": 2}
    import_bytes(data, slug="monkey")
    check("monkey")


def test_xlsx_with_merged_question_cells_dates_and_numbers(db):
    import_bytes(surveymonkey_xlsx(), slug="monkey-xlsx")
    check("monkey-xlsx")


def test_every_point_named_other_please_specify_and_contact_details(db):
    import_bytes(surveymonkey_csv(named=True, extras=True), slug="monkey-named")
    survey, code_for = check("monkey-named", extra_texts=1)  # the one "Other (please specify)" text
    item = survey.questions.get(code=code_for("3a"))
    assert item.scale_labels["1"] == "I svært liten grad" and item.scale_labels["6"] == "I svært stor grad"
    other = survey.questions.get(parent__code=code_for("6"), kind=Question.Kind.OPEN, text="Other (please specify)")
    assert Answer.objects.get(question=other).text == "Tolv, to av dem digitale"
    assert not survey.questions.filter(text__startswith="Kontaktinformasjon").exists()
    report.nothing_personal(survey, "9000000")


def test_other_please_specify_is_an_open_question_beside_its_choice(db):
    rows_ = [METADATA + ["Hvor mange møter hadde dere?", "", "Hvilke roller var med?", "", ""],
             [""] * 9 + ["Response", "Other (please specify)", "Leder", "Lærer", "Other (please specify)"]]
    answers = [("Færre enn 6", "", "Leder", "Lærer", ""), ("6–8", "", "Leder", "", "Rådgiver"),
               ("", "Tolv, med to digitale", "", "Lærer", ""), ("6–8", "", "Leder", "", ""),
               ("6–8", "", "Leder", "Lærer", ""), ("Færre enn 6", "", "", "Lærer", "")]
    for n, cells in enumerate(answers, start=1):
        rows_.append([str(n), "1", "", "", "", "", "", "", ""] + list(cells))
    buffer = io.StringIO(newline="")
    csv.writer(buffer).writerows(rows_)
    import_bytes(buffer.getvalue().encode(), slug="annet")
    survey = Survey.objects.get(slug="annet")
    meetings, roles = survey.questions.get(code="1"), survey.questions.get(code="2")
    assert meetings.kind == "single" and roles.kind == "multiple" and roles.options == ["Leder", "Lærer"]
    other = survey.questions.get(code="1u")
    assert other.kind == "open" and other.parent == meetings
    assert survey.questions.get(code="2u").parent == roles
    assert Answer.objects.get(question=other).text == "Tolv, med to digitale"
