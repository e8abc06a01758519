"""Each survey tool's export, written here in that tool's layout with the report's counts,
imported by auto-detection: 43 units, 380 text answers, the graded counts and printed
percentages, question 1 with its options, and nothing personal stored."""

import csv
import io

from surveys.importing.pipeline import import_bytes, read_table
from surveys.models import Answer, Respondent, Survey
from surveys.summary import survey_summary
from tests.surveys.importing import report_survey as report

LETTERS = "abc"
ROLE_IDS = ["leder", "ressurs", "administrativt", "politisk"]


def _nothing_personal(survey, *needles):
    attributes = " ".join(str(r.attributes) for r in Respondent.objects.filter(survey=survey))
    texts = " ".join(Answer.objects.filter(question__survey=survey).values_list("text", flat=True))
    for needle in needles:
        assert needle not in attributes and needle not in texts, needle


# --- Nettskjema ---------------------------------------------------------------------------

def _nettskjema_id(code):
    """sp2, sp3.a (a matrix row), sp1u …"""
    if code[-1] in LETTERS and code[:-1] in report.MATRIX_ITEMS:
        return f"sp{code[:-1]}.{code[-1]}"
    return f"sp{code}"


def nettskjema_csv():
    headers = ["$submission_id", "$created", "$answer_time_ms", "kommune"]
    order = []
    for code, (kind, _text, _parent, _options) in report.QUESTIONS.items():
        if code in report.MATRIX_ITEMS:
            continue  # a matrix heading has no column of its own
        if code == "1":
            headers += [f"sp1.{r}" for r in ROLE_IDS]
        else:
            headers.append(_nettskjema_id(code))
        order.append(code)
    lines = [headers]
    for n, row in enumerate(report.ROWS, start=1):
        cells = [str(100000 + n), f"2021-01-{n % 28 + 1:02d}T10:00:00", str(60000 + n), row["kommune"]]
        for code in order:
            value = row.get(code, "")
            if code == "1":
                cells += ["1" if role in value else "0" for role in report.ROLES]
            elif code == "6":
                cells.append(str(report.MEETINGS.index(value) + 1))
            elif value == report.NA:
                cells.append("7")
            else:
                cells.append(str(value))
        lines.append(cells)
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=";", quoting=csv.QUOTE_ALL, lineterminator="\r\n").writerows(lines)
    return buffer.getvalue().encode("utf-8")


CODEBOOK = "\n".join(
    ["1=I svært liten grad", "6=I svært stor grad", "7=Ikke deltatt"]
    + [f"sp1.{i}={r}" for i, r in zip(ROLE_IDS, report.ROLES, strict=True)]
    + [f"sp6.{n}={m}" for n, m in enumerate(report.MEETINGS, start=1)]
    + [f"{_nettskjema_id(code)}={text}" for code, (_k, text, _p, _o) in report.QUESTIONS.items()])


def test_nettskjema_csv_with_codebook(db):
    data = nettskjema_csv()
    assert read_table(data).layout == {"tool": "nettskjema", "header_rows": 1}
    import_bytes(data, slug="nettskjema", codebook=CODEBOOK)
    survey = Survey.objects.get(slug="nettskjema")
    summary = survey_summary(survey)
    by_code = report.check_summary(summary, _nettskjema_id)
    assert by_code["sp6"]["kind"] == "single" and list(by_code["sp6"]["counts"]) == report.MEETINGS
    assert by_code["sp3"]["kind"] == "matrix" and by_code["sp3"]["items"] == ["sp3.a", "sp3.b", "sp3.c"]
    assert by_code["sp7.a"]["not_applicable_labels"] == {"Ikke deltatt": 9}
    question = survey.questions.get(code="sp2")
    assert question.text == report.QUESTIONS["2"][1] and (question.scale_min, question.scale_max) == (1, 6)
    assert survey.questions.get(code="sp2u").parent == question  # "Utdyp …" under its question
    assert not survey.questions.filter(code__startswith="$").exists()
    assert Respondent.objects.filter(survey=survey, municipality__isnull=False).count() == 43
    _nothing_personal(survey, "2021-01-", "60001")


def test_nettskjema_without_codebook_still_groups_and_grades(db):
    import_bytes(nettskjema_csv(), slug="nettskjema")
    by_code = {q["code"]: q for q in survey_summary(Survey.objects.get(slug="nettskjema"))["questions"]}
    assert by_code["sp1"]["kind"] == "multiple" and set(by_code["sp1"]["counts"]) == set(ROLE_IDS)
    assert by_code["sp3"]["kind"] == "matrix"
    assert [by_code["sp2"]["counts"][str(v)] for v in range(1, 7)] == report.graded_counts("2")[0]


# --- SurveyMonkey -------------------------------------------------------------------------

SM_METADATA = ["Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address", "Email Address",
               "First Name", "Last Name", "Custom Data 1"]


def _sm_scale(value):
    if value == report.NA:
        return value
    return {1: "1 - I svært liten grad", 6: "6 - I svært stor grad"}.get(value, str(value))


def surveymonkey_rows():
    """Row 1, row 2 and the answers, as SurveyMonkey writes "all individual responses"."""
    first, second, columns = list(SM_METADATA) + ["Kommune"], [""] * 9 + ["Response"], []
    for code, (kind, text, _parent, options) in report.QUESTIONS.items():
        if code in report.MATRIX_ITEMS:
            items = report.MATRIX_ITEMS[code]
            for n, item in enumerate(items):
                first.append(text if n == 0 else "")
                second.append(report.QUESTIONS[item][1].split(" – ")[-1])
                columns.append((item, "scale"))
        elif code[-1] in LETTERS and code[:-1] in report.MATRIX_ITEMS:
            continue
        elif kind == "multiple" and code == "1":
            for n, option in enumerate(options):
                first.append(text if n == 0 else "")
                second.append(option)
                columns.append((code, option))
        elif kind == "likert":
            first.append(text)
            second.append("Response")
            columns.append((code, "scale"))
        elif kind == "open":
            first.append(text)
            second.append("Open-Ended Response")
            columns.append((code, "text"))
        elif code == "6":
            first.append(text)
            second.append("Response")
            columns.append((code, "text"))
    body = []
    for n, row in enumerate(report.ROWS, start=1):
        cells = [str(11400000000 + n), "4052111", "01/15/2021 09:12:03", "01/15/2021 09:30:44", f"10.0.3.{n}",
                 f"kontakt{n}@kommune.no", f"Kari{n}", f"Nordmann{n}", "", row["kommune"]]
        for code, what in columns:
            value = row.get(code, "")
            if what == "scale":
                cells.append(_sm_scale(value))
            elif what == "text":
                cells.append(value)
            else:
                cells.append(what if what in value else "")
        body.append(cells)
    return first, second, body


def _check_surveymonkey(slug):
    survey = Survey.objects.get(slug=slug)
    texts = {q.text: q.code for q in survey.questions.all()}
    def code_for(code):
        kind, text, _parent, _options = report.QUESTIONS[code]
        return texts[text]
    by_code = report.check_summary(survey_summary(survey), code_for)
    matrix = by_code[code_for("3")]
    assert matrix["kind"] == "matrix" and len(matrix["items"]) == 3
    roles = survey.questions.get(code=code_for("1"))
    assert roles.options == report.ROLES
    assert {q.code for q in survey.questions.all()}.isdisjoint({"Respondent ID", "IP Address"})
    assert Respondent.objects.filter(survey=survey, external_key="11400000001").exists()
    _nothing_personal(survey, "10.0.3.", "@kommune.no", "Kari1", "Nordmann1", "4052111", "01/15/2021")
    return survey


def test_surveymonkey_csv_two_header_rows(db):
    first, second, body = surveymonkey_rows()
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows([first, second] + body)
    data = buffer.getvalue().encode("utf-8-sig")
    assert read_table(data).layout == {"tool": "surveymonkey", "header_rows": 2}
    import_bytes(data, slug="monkey")
    _check_surveymonkey("monkey")


def test_surveymonkey_xlsx_with_merged_question_cells(db):
    import openpyxl

    first, second, body = surveymonkey_rows()
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append([h or None for h in first])
    sheet.append([h or None for h in second])
    for cells in body:
        sheet.append([int(c) if c.isdigit() and len(c) < 3 else (c or None) for c in cells])
    start = None
    for index, header in enumerate(first + ["end"], start=1):  # merge each question over its columns
        if header and start is not None and index - 1 > start:
            sheet.merge_cells(start_row=1, start_column=start, end_row=1, end_column=index - 1)
        if header:
            start = index
    buffer = io.BytesIO()
    workbook.save(buffer)
    import_bytes(buffer.getvalue(), slug="monkey-xlsx")
    _check_surveymonkey("monkey-xlsx")


# --- The command line reads as the browser does; header rows; a resident survey ----------

def test_command_line_detects_nettskjema_and_takes_the_codebook(db, tmp_path, capsys):
    from django.core.management import call_command

    (tmp_path / "rapport.csv").write_bytes(nettskjema_csv())
    (tmp_path / "kodebok.txt").write_text(CODEBOOK, encoding="utf-8")
    call_command("import_survey", str(tmp_path / "rapport.csv"), "--survey", "ns", "--codebook",
                 str(tmp_path / "kodebok.txt"))
    out = capsys.readouterr().out
    assert "Read as: " in out and "Nettskjema" in out
    report.check_summary(survey_summary(Survey.objects.get(slug="ns")), _nettskjema_id)


GENERIC_TWO_ROWS = (
    "Svar-ID;Kommune;Hvor fornøyd er dere med;;Hva forventet dere?\r\n"
    ";;møtene;samlingene;\r\n"
    "R1;Vang;5;4;Mer tid\r\nR2;Asker;6;5;Nettverk\r\nR3;Bærum;3;6;Kvalitet\r\nR4;Lom;4;4;Ro\r\n"
).encode("utf-8")


def test_header_rows_setting_reads_a_second_header_row(db, tmp_path, capsys):
    from django.core.management import call_command

    one = read_table(GENERIC_TWO_ROWS)
    assert one.layout["header_rows"] == 1 and one.rows[0][0] == ""  # read as a respondent without a key
    two = read_table(GENERIC_TWO_ROWS, {"header_rows": "2"})
    assert two.headers[2:4] == ["Hvor fornøyd er dere med - møtene", "Hvor fornøyd er dere med - samlingene"]
    assert two.row_count == 4 and two.lines[0] == 3  # line numbers still as the spreadsheet shows them
    (tmp_path / "to.csv").write_bytes(GENERIC_TWO_ROWS)
    call_command("import_survey", str(tmp_path / "to.csv"), "--survey", "to", "--header-rows", "2")
    assert "2 header rows" in capsys.readouterr().out
    survey = Survey.objects.get(slug="to")
    items = survey.questions.filter(kind="likert", parent__isnull=False)
    assert items.count() == 2 and {q.parent.text for q in items} == {"Hvor fornøyd er dere med"}
    assert survey_summary(survey)["respondents"] == 4


RESIDENTS = ("Svar-ID;Bydel;Alder;E-post;2. Hvor fornøyd er du med kulturskolen?;4. Hva savner du?\r\n"
             "1;Sentrum;30–39;ola@example.no;5;Mer gitar\r\n2;Nord;40–49;kari@example.no;4;Korps\r\n"
             "3;Sør;20–29;per@example.no;6;Dans\r\n").encode("utf-8")


def test_a_resident_survey_imports_without_municipalities_and_without_e_mail(db, admin, client_for):
    from django.urls import reverse

    import_bytes(RESIDENTS, slug="innbyggere", respondent_kind="resident")
    survey = Survey.objects.get(slug="innbyggere")
    assert survey.respondent_kind == "resident" and not survey.respondents_are_places()
    assert not Respondent.objects.filter(survey=survey, municipality__isnull=False).exists()
    _nothing_personal(survey, "@example.no")
    respondent = Respondent.objects.get(survey=survey, external_key="1")
    assert respondent.attributes == {"bydel": "Sentrum", "alder": "30–39"}
    answer = Answer.objects.get(question__survey=survey, question__code="4", respondent=respondent)
    page = client_for(admin).get(reverse("coding:answer", args=[survey.slug, answer.pk])).content.decode()
    respondent_line = page.split('class="respondent"', 1)[1].split("</p>", 1)[0]
    assert "Kommune" not in respondent_line and "Sentrum" in respondent_line and "30–39" in respondent_line


def test_surveymonkey_other_please_specify_is_an_open_question_beside_its_choice(db):
    rows = [["Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address", "Email Address", "First Name",
             "Last Name", "Custom Data 1", "Hvor mange møter hadde dere?", "", "Hvilke roller var med?", "", ""],
            [""] * 9 + ["Response", "Other (please specify)", "Leder", "Lærer", "Other (please specify)"]]
    answers = [("Færre enn 6", "", "Leder", "Lærer", ""), ("6–8", "", "Leder", "", "Rådgiver"),
               ("Annet", "Tolv, med to digitale", "", "Lærer", ""), ("6–8", "", "Leder", "", ""),
               ("6–8", "", "Leder", "Lærer", ""), ("Færre enn 6", "", "", "Lærer", "")]
    for n, cells in enumerate(answers, start=1):
        rows.append([str(n), "1", "", "", "", "", "", "", ""] + list(cells))
    buffer = io.StringIO(newline="")
    csv.writer(buffer).writerows(rows)
    import_bytes(buffer.getvalue().encode(), slug="annet")
    survey = Survey.objects.get(slug="annet")
    meetings, roles = survey.questions.get(code="1"), survey.questions.get(code="2")
    assert meetings.kind == "single" and roles.kind == "multiple" and roles.options == ["Leder", "Lærer"]
    other = survey.questions.get(code="1u")
    assert other.kind == "open" and other.parent == meetings
    assert survey.questions.get(code="2u").parent == roles
    assert Answer.objects.get(question=other).text == "Tolv, med to digitale"
