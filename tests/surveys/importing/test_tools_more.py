"""Questback/EFS, Microsoft Forms and SurveyXact exports, written here in each tool's layout
with the report's counts, imported by auto-detection (see test_tools.py for the others)."""

import io

from surveys.importing.pipeline import import_bytes, read_table
from surveys.models import Answer, Survey
from surveys.summary import survey_summary
from tests.surveys.importing import report_survey as report
from tests.surveys.importing.test_tools import _nothing_personal

# --- Questback / EFS ----------------------------------------------------------------------

def questback_xlsx():
    """Labels as headings, grids "Question - Item", 0/1 option columns, -99 for a text not seen,
    0 for a closed question seen but not answered, "Vet ikke" and "Ikke relevant" apart."""
    import openpyxl

    headers, columns = ["lfdn", "dispcode", "duration", "Kommune"], []
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
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(headers)
    for n, row in enumerate(report.ROWS):
        cells = [n + 1, 31, 600 + n, row["kommune"]]
        for code, what in columns:
            value = row.get(code, "")
            if code == "1":
                cells.append(1 if what in value else 0)
            elif what == "closed":
                cells.append([1, 2, 0][n % 3])
            elif value == report.NA:
                cells.append("Vet ikke" if (n % 2 == 0) else "Ikke relevant")
            elif value == "" and what == "open":
                cells.append(-99)
            else:
                cells.append(value)
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_questback_efs_xlsx(db):
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
    again = by_code[texts["Vil dere søke om ny veiledning?"]]
    assert again["n"] == 29 and again["counts"] == {"1": 15, "2": 14}  # the 14 zeros were not answers
    assert survey.questions.get(code=texts[report.QUESTIONS["1"][1]]).options == report.ROLES
    # Each question its own scale: the 0/1 columns forced nothing on the graded ones.
    assert (survey.questions.get(code=texts[report.QUESTIONS["2"][1]]).scale_max) == 6
    assert not Answer.objects.filter(question__survey=survey, text__in=["-99", "-77", "0"]).exists()


# --- Microsoft Forms ----------------------------------------------------------------------

GRAD = ["I svært liten grad", "I liten grad", "I noen grad", "I ganske stor grad", "I stor grad", "I svært stor grad"]
FRAMEWORK = report.QUESTIONS["9"][3]  # options with commas: "(kjerne-, bredde- og fordypningsprogram)"


def _framework_picks(n):
    return [o for j, o in enumerate(FRAMEWORK) if (n + j) % 3 != 0] or [FRAMEWORK[0]]


def msforms_xlsx():
    """System columns not in their usual place, Likert statements without their question text,
    ratings as numbers, multi-select cells "A;B;"."""
    import openpyxl

    headers = ["Start time", "ID", "Completion time", "Email", "Name", "Last modified time", "Kommune"]
    columns = []
    for code, (kind, text, parent, _options) in report.QUESTIONS.items():
        if code in report.MATRIX_ITEMS:
            continue
        if any(code in items for items in report.MATRIX_ITEMS.values()):
            headers.append(text.split(" – ", 1)[1])  # the statement only
            columns.append((code, "likert"))
        elif code in ("1", "9"):
            headers.append(text)
            columns.append((code, "multi"))
        else:
            headers.append(text)
            columns.append((code, "rating" if kind == "likert" else kind))
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(headers)
    for n, row in enumerate(report.ROWS, start=1):
        cells = ["2021-01-15 09:12:03", n, "2021-01-15 09:30:44", f"person{n}@kommune.no", f"Kari Nordmann {n}",
                 None, row["kommune"]]
        for code, what in columns:
            value = row.get(code, "")
            if what == "likert":
                cells.append(value if value == report.NA else GRAD[value - 1])
            elif what == "multi":
                picks = value if code == "1" else _framework_picks(n)
                cells.append("".join(f"{p};" for p in picks))
            else:
                cells.append(value or None)
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_microsoft_forms_xlsx(db):
    data = msforms_xlsx()
    assert read_table(data).layout["tool"] == "msforms"
    import_bytes(data, slug="forms")
    survey = Survey.objects.get(slug="forms")
    questions = list(survey.questions.all())

    def code_for(code):
        text = report.QUESTIONS[code][1]
        if any(code in items for items in report.MATRIX_ITEMS.values()):
            text = text.split(" – ", 1)[1]
            return next(q.code for q in questions if q.text.endswith("– " + text))
        return next(q.code for q in questions if q.text == text)

    by_code = report.check_summary(survey_summary(survey), code_for)
    stem = survey.questions.get(code=code_for("3a")).parent
    assert by_code[stem.code]["kind"] == "matrix" and len(by_code[stem.code]["items"]) == 3
    item = survey.questions.get(code=code_for("3a"))
    assert (item.scale_min, item.scale_max, item.scale_labels["1"]) == (1, 6, "I svært liten grad")
    framework = survey.questions.get(code=code_for("9"))
    assert framework.kind == "multiple" and set(framework.options) == set(FRAMEWORK)
    counts = by_code[framework.code]["counts"]
    assert counts == {o: sum(1 for n in range(1, 44) if o in _framework_picks(n)) for o in framework.options}
    _nothing_personal(survey, "@kommune.no", "Kari Nordmann", "09:12:03")


# --- SurveyXact ---------------------------------------------------------------------------

def surveyxact_xlsx():
    """Dataset (spilling over into Dataset(1)), Structure and Labels, as SurveyXact writes them."""
    import openpyxl

    structure = [["Question name", "Variable name", "Type", "Subtype", "Question text", "Choice value",
                  "Choice text"]]
    labels = [["Variable", "Value", "Label"]]
    columns = []  # (variable, function of a row → cell)
    for code, (kind, text, parent, options) in report.QUESTIONS.items():
        if code in report.MATRIX_ITEMS:
            continue
        if kind == "multiple" and code == "1":
            for j, option in enumerate(options, start=1):
                variable = f"s_1_{j}"
                structure.append(["s_1", variable, "Closed", "Multiple", f"{text} - {option}", "1", option])
                columns.append((variable, lambda row, o=option: 1 if o in row["1"] else 0))
        elif kind == "likert":
            variable = f"s_{code}"
            shown = text.replace(" – ", " - ", 1)
            structure.append([f"s_{parent or code}", variable, "Closed", "Single", shown, "", ""])
            labels += [[variable, 1, "I svært liten grad"], [variable, 6, "I svært stor grad"],
                       [variable, 7, "Ikke deltatt"]]
            columns.append((variable, lambda row, c=code: 7 if row[c] == report.NA else row[c]))
        elif kind == "single":
            variable = f"s_{code}"
            for j, option in enumerate(options, start=1):
                structure.append([variable, variable, "Closed", "Single", text, str(j), option])
            columns.append((variable, lambda row, o=options: o.index(row["6"]) + 1))
        else:
            variable = f"s_{code}"
            structure.append([variable, variable, "Open", "String", text, "", ""])
            columns.append((variable, lambda row, c=code: row.get(c) or None))
    workbook = openpyxl.Workbook()
    first = workbook.active
    first.title = "Dataset"
    spill = workbook.create_sheet("Dataset(1)")
    half = len(columns) // 2
    first.append(["respondentid", "email", "kommune"] + [v for v, _f in columns[:half]])
    spill.append(["respondentid"] + [v for v, _f in columns[half:]])
    for n, row in enumerate(report.ROWS, start=1):
        first.append([1000 + n, f"r{n}@kommune.no", row["kommune"]] + [f(row) for _v, f in columns[:half]])
        spill.append([1000 + n] + [f(row) for _v, f in columns[half:]])
    sheet = workbook.create_sheet("Structure")
    for record in structure:
        sheet.append(record)
    sheet = workbook.create_sheet("Labels")
    for record in labels:
        sheet.append(record)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_surveyxact_xlsx_with_structure_and_labels(db):
    data = surveyxact_xlsx()
    assert read_table(data).layout["tool"] == "surveyxact"
    import_bytes(data, slug="xact")
    survey = Survey.objects.get(slug="xact")
    by_code = report.check_summary(survey_summary(survey), lambda code: f"s_{code}")
    assert by_code["s_3"]["kind"] == "matrix" and by_code["s_3"]["items"] == ["s_3a", "s_3b", "s_3c"]
    question = survey.questions.get(code="s_2")
    assert (question.scale_min, question.scale_max) == (1, 6)
    assert question.scale_labels == {"1": "I svært liten grad", "6": "I svært stor grad"}
    assert by_code["s_7a"]["not_applicable_labels"] == {"Ikke deltatt": 9}
    assert by_code["s_6"]["kind"] == "single" and list(by_code["s_6"]["counts"]) == report.MEETINGS
    assert survey.questions.get(code="s_1").options == report.ROLES
    _nothing_personal(survey, "@kommune.no")
