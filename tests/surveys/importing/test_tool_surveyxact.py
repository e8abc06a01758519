"""SurveyXact's dataset export, written here from its layout with the report's counts.

The workbook has three sheets, Labels first (as SurveyXact writes them): `Dataset` (spilling
over into `Dataset(1)` when wide; respondentid, email and name columns, the variables, the
status variables stato_1…5 of the Multiple question `statoverall`), `Structure` (a heading row
questionName, variableName, questionType, subType, questionText, choiceValue, choiceText; a
Multiple question one row per option, its text in choiceText; a matrix one Single variable per
row, its text "stem - row") and `Labels` (no heading row: variable, value, label; a Multiple's
values 0 "Ikke valgt" and 1 "Valgt"; a scale labelled only at its end points, "Ikke deltatt"
a code of its own). The same three tables also come as CSV files: tab + UTF-16 with CRLF, `;` +
Windows-1252, or `,` + Windows-1252 with a stray empty column on the structure's rows.
"""

import csv
import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from surveys.importing.layouts import bundle
from surveys.importing.pipeline import import_bytes, read_table
from surveys.models import ImportRun, Question, Respondent, Survey
from surveys.summary import survey_summary
from tests.surveys.importing import report_survey as report

ENDS = {1: "I svært liten grad", 6: "I svært stor grad"}


def variable(code):
    """s_2, s_3_1 (row 1 of matrix 3), s_1u …"""
    for stem, items in report.MATRIX_ITEMS.items():
        if code in items:
            return f"s_{stem}_{items.index(code) + 1}"
    return f"s_{code}"


def tables(email=True):
    """(dataset, structure, labels) as lists of rows, in SurveyXact's layout."""
    structure = [["questionName", "variableName", "questionType", "subType", "questionText", "choiceValue",
                  "choiceText"]]
    labels, columns = [], []  # columns: (variable, function of (n, row) → cell)
    for code, (kind, text, _parent, options) in report.QUESTIONS.items():
        if code in report.MATRIX_ITEMS or code == "9":
            continue  # a matrix heading has no variable; question 9 has no answers in the report's rows
        name = variable(code)
        if code == "1":
            for j, option in enumerate(options, start=1):
                structure.append([name, f"{name}_{j}", "Closed", "Multiple", text, j, option])
                labels += [[f"{name}_{j}", 0, "Ikke valgt"], [f"{name}_{j}", 1, "Valgt"]]
                columns.append((f"{name}_{j}", lambda n, row, o=option: int(o in row["1"])))
        elif kind == "likert":
            structure.append([name, name, "Closed", "Single", text.replace(" – ", " - ", 1), "", ""])
            labels += [[name, v, ENDS.get(v, str(v))] for v in range(1, 7)] + [[name, 7, report.NA]]
            columns.append((name, lambda n, row, c=code: 7 if row[c] == report.NA else row[c]))
        elif kind == "single":
            structure.append([name, name, "Closed", "Single", text, "", ""])
            labels += [[name, j, option] for j, option in enumerate(options, start=1)]
            columns.append((name, lambda n, row, o=options: o.index(row["6"]) + 1))
        else:
            structure.append([name, name, "Open", "String", text, "", ""])
            columns.append((name, lambda n, row, c=code: row.get(c, "")))
    for j, status in enumerate(["Ny", "Distribueret", "Nogen svar", "Gennemført", "Frafaldet"], start=1):
        structure.append(["statoverall", f"stato_{j}", "Closed", "Multiple", "Samlet status", j, status])
        labels += [[f"stato_{j}", 0, "Ikke valgt"], [f"stato_{j}", 1, "Valgt"]]
        columns.append((f"stato_{j}", lambda n, row, j=j: int(j == 4)))
    head = ["respondentid"] + (["email", "name"] if email else []) + ["kommune"]
    dataset = [head + [v for v, _f in columns]]
    for n, row in enumerate(report.ROWS, start=1):
        first, last, address, _phone, _ip = report.person(n)
        dataset.append([43000 + n] + ([address, f"{first} {last}"] if email else []) + [row["kommune"]]
                       + [f(n, row) for _v, f in columns])
    return dataset, structure, labels


def xlsx(spill_at=None):
    import openpyxl

    dataset, structure, labels = tables()
    workbook = openpyxl.Workbook()
    workbook.active.title = "Labels"
    for record in labels:
        workbook.active.append(record)
    sheet = workbook.create_sheet("Dataset")
    spill = workbook.create_sheet("Dataset(1)") if spill_at else None
    for row in dataset:
        cells = [c if c != "" else None for c in row]
        sheet.append(cells[:spill_at] if spill_at else cells)
        if spill:
            spill.append(cells[:1] + cells[spill_at:])  # the respondent again, then the rest
    sheet = workbook.create_sheet("Structure")
    for record in structure:
        sheet.append(record)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_files(delimiter, encoding, lineterminator):
    """[(name, bytes)] of the three CSV files."""
    dataset, structure, labels = tables()
    out = []
    for name, rows, extra in (("dataset.csv", dataset, False), ("structure.csv", structure, delimiter == ","),
                              ("labels.csv", labels, False)):
        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer, delimiter=delimiter, lineterminator=lineterminator,
                            quoting=csv.QUOTE_MINIMAL)
        for i, row in enumerate(rows):
            writer.writerow([str(c) for c in row] + ([""] if extra and i else []))
        out.append((name, buffer.getvalue().encode(encoding, errors="replace")))
    return out


def code_for(code):
    return variable(code)


def check(slug):
    survey = Survey.objects.get(slug=slug)
    by_code = report.check_summary(survey_summary(survey), code_for)
    report.check_elaborations(survey, code_for)
    question = survey.questions.get(code="s_2")
    assert (question.scale_min, question.scale_max) == (1, 6) and question.scale_labels == {"1": ENDS[1],
                                                                                           "6": ENDS[6]}
    assert by_code["s_7_1"]["not_applicable_labels"] == {report.NA: report.graded_counts("7a")[1]}
    assert by_code["s_6"]["kind"] == "single" and list(by_code["s_6"]["counts"]) == report.MEETINGS
    assert survey.questions.get(code="s_1").options == report.ROLES
    assert survey.questions.get(code="s_3").text == report.QUESTIONS["3"][1]
    assert not survey.questions.filter(code__startswith="stato").exists()  # the status is no question
    assert Respondent.objects.filter(survey=survey, external_key="43001").exists()
    assert Respondent.objects.filter(survey=survey, municipality__isnull=False).count() == report.UNITS
    report.nothing_personal(survey, *report.PERSONAL_NEEDLES)
    return survey


def test_workbook_with_labels_first_and_no_heading_row_in_labels(db):
    data = xlsx()
    table = read_table(data)
    assert table.layout == {"tool": "surveyxact", "header_rows": 1} and table.sheet == "Dataset"
    import_bytes(data, slug="xact")
    check("xact")


def test_workbook_spilling_over_into_a_second_dataset_sheet(db):
    import_bytes(xlsx(spill_at=20), slug="xact-wide")
    check("xact-wide")


@pytest.mark.parametrize(("delimiter", "encoding", "lineterminator"), [
    ("\t", "utf-16", "\r\n"), (";", "cp1252", "\n"), (",", "cp1252", "\r\n")])
def test_the_three_csv_files_read_together(db, delimiter, encoding, lineterminator):
    files = csv_files(delimiter, encoding, lineterminator)
    table = read_table(bundle.pack(list(reversed(files))))  # which file is which is told by content
    assert table.layout == {"tool": "surveyxact", "header_rows": 1, "files": 3}
    assert table.delimiter == delimiter and table.encoding.startswith(encoding[:6])
    import_bytes(bundle.pack(files), slug="xact-csv")
    check("xact-csv")


def test_the_three_csv_files_from_the_command_line(db, tmp_path, capsys):
    paths = []
    for name, content in csv_files("\t", "utf-16", "\r\n"):
        (tmp_path / name).write_bytes(content)
        paths.append(str(tmp_path / name))
    call_command("import_survey", *paths, "--survey", "xact-cli")
    assert "Read as: SurveyXact dataset in 3 CSV files, 1 header row" in capsys.readouterr().out
    check("xact-cli")


def test_the_three_csv_files_uploaded_together_in_the_browser_form(client_for, admin):
    from django.core.files.uploadedfile import SimpleUploadedFile

    files = [SimpleUploadedFile(name, content, content_type="text/csv")
             for name, content in csv_files(";", "cp1252", "\n")]
    client = client_for(admin)
    response = client.post(reverse("surveys:import"), {"file": files, "target": "new", "title": "SurveyXact",
                                                       "slug": "xact-web", "respondent_kind": "municipality"})
    assert response.status_code == 302, response.content.decode()[:2000]
    run = ImportRun.objects.get(options__slug="xact-web")
    assert run.filename == "dataset.csv + structure.csv + labels.csv"
    page = client.get(response.url).content.decode()
    assert "SurveyXact-datasett i 3 CSV-filer, 1 overskriftsrad" in page
    assert 'id="confirm-import" disabled' not in page
    confirm = client.post(reverse("surveys:import_confirm", args=[run.pk]), HTTP_HX_REQUEST="true")
    assert "/summary/" in confirm["HX-Redirect"]
    check("xact-web")


def test_points_named_in_words_of_their_own_are_graded_in_a_matrix_or_a_graded_question(db):
    """Codes 1–5 each named ("Svært lite" … "Svært mye", no known scale): the rows of a matrix
    and a question worded "I hvilken grad …" are graded; the same labels elsewhere a choice."""
    words = ["Svært lite", "Lite", "Noe", "Mye", "Svært mye"]
    dataset = [["respondentid", "closetime", "u_1", "u_2", "g_1", "c_1"]] + [
        [n, "2021-01-15 09:12:03", 1 + n % 5, 1 + (n + 2) % 5, 1 + n % 5, 1 + n % 5] for n in range(1, 16)]
    structure = [["questionName", "variableName", "questionType", "subType", "questionText", "choiceValue",
                  "choiceText"],
                 ["u_1", "u_1", "Closed", "Single", "Hvor mye lærte dere? - Av veileder", "", ""],
                 ["u_2", "u_2", "Closed", "Single", "Hvor mye lærte dere? - Av hverandre", "", ""],
                 ["g_1", "g_1", "Closed", "Single", "I hvilken grad var dere med?", "", ""],
                 ["c_1", "c_1", "Closed", "Single", "Hva leste dere mest av?", "", ""]]
    labels = [[v, n, w] for v in ("u_1", "u_2", "g_1", "c_1") for n, w in enumerate(words, start=1)]
    files = [(name, "\r\n".join(",".join(str(c) for c in row) for row in rows).encode("cp1252"))
             for name, rows in (("dataset.csv", dataset), ("structure.csv", structure), ("labels.csv", labels))]
    import_bytes(bundle.pack(files), slug="xact-words")
    survey = Survey.objects.get(slug="xact-words")
    kinds = {q.code: q.kind for q in survey.questions.all()}
    assert kinds == {"u": "likert", "u_1": "likert", "u_2": "likert", "g_1": "likert", "c_1": "single"}
    assert survey.questions.get(code="u_1").scale_labels == dict(zip("12345", words, strict=True))
    assert not Respondent.objects.filter(survey=survey, attributes__has_key="closetime").exists()


def test_files_that_are_not_surveyxact_cannot_be_read_together(db):
    from surveys.importing.parse import ParseError

    one = b"Svar-ID;Kommune\r\n1;Vang\r\n"
    with pytest.raises(ParseError, match="SurveyXact"):
        read_table(bundle.pack([("a.csv", one), ("b.csv", one)]))


def test_a_scale_with_every_point_named_from_a_known_scale_is_graded_and_a_named_choice_is_not(db):
    """hm_1 labelled Helt uenig … Helt enig in code order is graded; m_1 with two named codes is a
    choice; Multiple options take their text from Structure, not the generic "Valgt"; an open
    "stem - Annet" hangs under the question the stem names."""
    dataset = [["respondentid", "hm_1", "m_1", "v_1_1", "v_1_2", "s_1"]] + [
        [n, 1 + n % 4, 1 + n % 2, n % 2, 1 - n % 2, "Musikk" if n == 3 else ""] for n in range(1, 13)]
    structure = [["questionName", "variableName", "questionType", "subType", "questionText", "choiceValue",
                  "choiceText"],
                 ["hm_1", "hm_1", "Closed", "Single", "Matematikk er nyttig", "", ""],
                 ["m_1", "m_1", "Closed", "Single", "Hvilket matematikkfag?", "", ""],
                 ["v_1", "v_1_1", "Closed", "Multiple", "Hvilke valgfag?", "1", "Design og redesign"],
                 ["v_1", "v_1_2", "Closed", "Multiple", "Hvilke valgfag?", "2", "Programmering"],
                 ["s_1", "s_1", "Open", "String", "Hvilke valgfag? - Annet, hvilke:", "", ""]]
    labels = [["hm_1", 1, "Helt uenig"], ["hm_1", 2, "Uenig"], ["hm_1", 3, "Enig"], ["hm_1", 4, "Helt enig"],
              ["m_1", 1, "Matematikk 1T"], ["m_1", 2, "Matematikk 1P"],
              ["v_1_1", 0, "Ikke valgt"], ["v_1_1", 1, "Valgt"], ["v_1_2", 0, "Ikke valgt"], ["v_1_2", 1, "Valgt"]]
    files = []
    for name, rows in (("dataset.csv", dataset), ("structure.csv", structure), ("labels.csv", labels)):
        files.append((name, "\n".join(";".join(str(c) for c in row) for row in rows).encode("cp1252")))
    import_bytes(bundle.pack(files), slug="xact-kinds")
    survey = Survey.objects.get(slug="xact-kinds")
    kinds = {q.code: (q.kind, q.options, q.scale_max) for q in survey.questions.all()}
    assert kinds == {"hm_1": (Question.Kind.LIKERT, [], 4),
                     "m_1": (Question.Kind.SINGLE, ["Matematikk 1T", "Matematikk 1P"], None),
                     "v_1": (Question.Kind.MULTIPLE, ["Design og redesign", "Programmering"], None),
                     "s_1": (Question.Kind.OPEN, [], None)}
    assert survey.questions.get(code="s_1").parent.code == "v_1"  # "Annet" beside the question it names
