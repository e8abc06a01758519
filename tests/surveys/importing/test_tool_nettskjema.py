"""Nettskjema's CSV report, written here from its format with the report's counts.

The report: `;` between fields, every field quoted, UTF-8, CRLF; `$submission_id` and `$created`
first (`$forwarded_to_form`, `$signed` when the form uses them), `$answer_time_ms` last; with
the codebook on, headings are the elements' codebook values; a radio or dropdown answer is the
chosen option's code; a checkbox is one 0/1 column per option named `question.option` (empty
when the question was hidden); a radio matrix one column per row, `matrix.row`; a checkbox
matrix one 0/1 column per row and option, `matrix.row.option`. "Ikke deltatt" is an ordinary
code (7). The codebook comes as the form's elements (JSON: externalElementId, text,
elementType, answerOptions with externalAnswerOptionId, subElements), as Nettskjema's codebook
file (tab-separated blocks) or as `name=text` lines typed by hand.
"""

import csv
import io
import json

from django.core.management import call_command

from surveys.importing.pipeline import import_bytes, read_table
from surveys.models import Question, Respondent, Survey
from surveys.summary import survey_summary
from tests.surveys.importing import report_survey as report

ROLE_IDS = ["leder", "ressurs", "administrativt", "politisk"]
LEVELS = {"a": "eier", "b": "leder", "c": "laerer"}
SCALE = {1: "I svært liten grad", 6: "I svært stor grad"}


def external_id(code):
    """sp2, sp3.eier (a matrix row), sp1u …"""
    for stem, items in report.MATRIX_ITEMS.items():
        if code in items:
            return f"sp{stem}.{LEVELS[code[-1]]}"
    return f"sp{code}"


def report_csv(*, hidden=False):
    headers = ["$submission_id", "$created", "$signed", "kommune", "epost"]
    order = []
    for code in report.QUESTIONS:
        if code in report.MATRIX_ITEMS or code == "9":
            continue
        headers += [f"sp1.{r}" for r in ROLE_IDS] if code == "1" else [external_id(code)]
        order.append(code)
    headers += ["tillatelse.lagre.ja", "tillatelse.lagre.nei", "$answer_time_ms"]
    lines = [headers]
    for n, row in enumerate(report.ROWS, start=1):
        cells = [str(27680000 + n), f"2021-01-{n % 28 + 1:02d}T10:00:00.8301592+01:00", "0", row["kommune"],
                 report.person(n)[2]]
        for code in order:
            value = row.get(code, "")
            if code == "1":
                cells += ["" if hidden and n == 1 else str(int(role in value)) for role in report.ROLES]
            elif code == "6":
                cells.append(str(report.MEETINGS.index(value) + 1))
            elif value == report.NA:
                cells.append("7")
            else:
                cells.append(str(value).replace("\n", " "))  # line breaks become spaces
        cells += ["1", "0", str(60000 + n)]
        lines.append(cells)
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=";", quoting=csv.QUOTE_ALL, lineterminator="\r\n").writerows(lines)
    return buffer.getvalue().encode("utf-8")


def _option(code, text, sequence):
    return {"answerOptionId": 3879435 + sequence, "sequence": sequence, "text": text, "externalAnswerOptionId": code}


def elements_json():
    """The form's elements, as Nettskjema's elements export gives them."""
    scale = [_option(str(v), SCALE.get(v, str(v)), v) for v in range(1, 7)] + [_option("7", report.NA, 7)]
    elements = [{"elementType": "HEADING", "text": "Om veiledningen", "externalElementId": None},
                {"elementType": "QUESTION", "text": "Kommune", "externalElementId": "kommune"},
                {"elementType": "EMAIL", "text": "E-postadresse", "externalElementId": "epost"}]
    for code, (kind, text, parent, _options) in report.QUESTIONS.items():
        if parent in report.MATRIX_ITEMS or code == "9":
            continue
        element = {"externalElementId": f"sp{code}", "text": text, "description": "<p>Velg ett svar.</p>"}
        if code in report.MATRIX_ITEMS:
            items = report.MATRIX_ITEMS[code]
            element.update(elementType="MATRIX_RADIO", answerOptions=scale, subElements=[
                {"sequence": i, "text": report.QUESTIONS[item][1].split(" – ", 1)[1],
                 "externalElementId": LEVELS[item[-1]]} for i, item in enumerate(items, start=1)])
        elif code == "1":
            element.update(elementType="CHECKBOX", answerOptions=[
                _option(i, r, n) for n, (i, r) in enumerate(zip(ROLE_IDS, report.ROLES, strict=True), start=1)])
        elif code == "6":
            element.update(elementType="SELECT", answerOptions=[
                _option(str(n), m, n) for n, m in enumerate(report.MEETINGS, start=1)])
        elif kind == "likert":
            element.update(elementType="RADIO", answerOptions=scale)
        else:
            element.update(elementType="QUESTION_MULTILINE")
        elements.append(element)
    elements.append({"elementType": "CHECKBOX", "text": "Kan vi lagre svarene?",
                     "externalElementId": "tillatelse.lagre",
                     "answerOptions": [_option("ja", "Ja", 1), _option("nei", "Nei", 2)]})
    return json.dumps(elements, ensure_ascii=False)


def codebook_lines():
    return "\n".join(
        ["1=I svært liten grad", "6=I svært stor grad", "7=Ikke deltatt"]
        + [f"sp1.{i}={r}" for i, r in zip(ROLE_IDS, report.ROLES, strict=True)]
        + [f"sp6.{n}={m}" for n, m in enumerate(report.MEETINGS, start=1)]
        + [f"sp{code}={text}" for code, (_k, text, parent, _o) in report.QUESTIONS.items() if not parent
           or parent not in report.MATRIX_ITEMS]
        + [f"{external_id(item)}={report.QUESTIONS[item][1].split(' – ', 1)[1]}"
           for items in report.MATRIX_ITEMS.values() for item in items])


def codebook_file():
    """Nettskjema's codebook file: `* title`, then per variable a block `variable<TAB>label`,
    its codes one line each, blocks two blank lines apart."""
    blocks = ["* Evaluering av veiledningsordningen (id 123823) - 03.09.2021 15:50", "* Variabel\tEtikett"]
    for code, (_kind, text, parent, _options) in report.QUESTIONS.items():
        if parent in report.MATRIX_ITEMS or code == "9":
            continue
        lines = [f"sp{code}\t{text}"]
        if code == "1":
            lines += [f"{i}\t{r}" for i, r in zip(ROLE_IDS, report.ROLES, strict=True)]
        elif code == "6":
            lines += [f"{n}\t{m}" for n, m in enumerate(report.MEETINGS, start=1)]
        elif code in report.MATRIX_ITEMS or report.QUESTIONS[code][0] == "likert":
            lines += ["1\tI svært liten grad", "6\tI svært stor grad", f"7\t{report.NA}"]
        blocks.append("\n\n".join(lines))
        for item in report.MATRIX_ITEMS.get(code, []):  # each row of a matrix, a variable of its own
            blocks.append(f"{external_id(item)}\t{report.QUESTIONS[item][1].split(' – ', 1)[1]}")
    return "\n\n\n".join(blocks) + "\n"


def check(slug, *, codebook=True):
    survey = Survey.objects.get(slug=slug)
    summary = survey_summary(survey)
    code_for = lambda code: external_id(code) if code not in report.MATRIX_ITEMS else f"sp{code}"  # noqa: E731
    by_code = report.check_summary(summary, code_for, (lambda o: o) if codebook
                                   else dict(zip(report.ROLES, ROLE_IDS, strict=True)).get)
    report.check_elaborations(survey, code_for)
    seven = by_code[external_id("7a")]
    assert seven["not_applicable"] == report.graded_counts("7a")[1]
    if codebook:
        assert seven["not_applicable_labels"] == {report.NA: report.graded_counts("7a")[1]}
        assert by_code["sp6"]["kind"] == "single" and list(by_code["sp6"]["counts"]) == report.MEETINGS
        question = survey.questions.get(code="sp2")
        assert question.text == report.QUESTIONS["2"][1] and question.scale_labels == {"1": SCALE[1], "6": SCALE[6]}
        assert survey.questions.get(code="sp3").text == report.QUESTIONS["3"][1]
        assert survey.questions.get(code=external_id("3a")).text == report.QUESTIONS["3a"][1]
        assert survey.questions.get(code="sp1").options == report.ROLES
    assert not survey.questions.filter(code__startswith="$").exists()
    assert Respondent.objects.filter(survey=survey, municipality__isnull=False).count() == report.UNITS
    assert Respondent.objects.filter(survey=survey, external_key="27680001").exists()
    report.nothing_personal(survey, *report.PERSONAL_NEEDLES, "2021-01-", "60001")
    return survey, by_code


def test_report_with_the_forms_elements_as_codebook(db):
    data = report_csv()
    assert read_table(data).layout == {"tool": "nettskjema", "header_rows": 1}
    import_bytes(data, slug="ns-json", codebook=elements_json())
    survey, by_code = check("ns-json")
    permission = survey.questions.get(code="tillatelse.lagre")
    assert permission.kind == Question.Kind.MULTIPLE and permission.options == ["Ja", "Nei"]


def test_report_with_the_codebook_file(db):
    import_bytes(report_csv(), slug="ns-file", codebook=codebook_file())
    check("ns-file")


def test_report_with_codebook_lines(db):
    import_bytes(report_csv(), slug="ns-lines", codebook=codebook_lines())
    check("ns-lines")


def test_report_without_a_codebook_still_grades_groups_and_counts(db):
    """Codes are values; 7, just above the file's usual top of 6, is offered as not applicable."""
    import_bytes(report_csv(), slug="ns-bare")
    survey, by_code = check("ns-bare", codebook=False)
    assert by_code[external_id("7a")]["not_applicable_labels"] == {"7": report.graded_counts("7a")[1]}


def test_a_hidden_checkbox_is_no_answer(db):
    import_bytes(report_csv(hidden=True), slug="ns-hidden", codebook=elements_json())
    survey = Survey.objects.get(slug="ns-hidden")
    first = Respondent.objects.get(survey=survey, external_key="27680001")
    assert not first.answers.filter(question__code="sp1").exists()
    assert survey.questions.get(code="sp1").answers.count() == report.UNITS - 1


def test_command_line_detects_nettskjema_and_takes_the_elements_as_codebook(db, tmp_path, capsys):
    (tmp_path / "data-123823.csv").write_bytes(report_csv())
    (tmp_path / "elements.json").write_text(elements_json(), encoding="utf-8")
    call_command("import_survey", str(tmp_path / "data-123823.csv"), "--survey", "ns-cli", "--codebook",
                 str(tmp_path / "elements.json"))
    out = capsys.readouterr().out
    assert "Read as: Nettskjema CSV report with codebook, 1 header row" in out
    check("ns-cli")


def test_checkbox_matrix_string_codes_and_personal_elements(db):
    """`matrix.row.option` columns: each row one multiple-choice question under the matrix; radio
    codes need not be numbers; e-mail, phone and national identity elements stay out."""
    elements = [
        {"elementType": "MATRIX_CHECKBOX", "text": "Hvem har dere samarbeidet med?", "externalElementId": "samarbeid",
         "answerOptions": [_option("skole", "Grunnskolen", 1), _option("kor", "Korpset", 2)],
         "subElements": [{"externalElementId": "h19", "text": "Høsten 2019"},
                         {"externalElementId": "v20", "text": "Våren 2020"}]},
        {"elementType": "RADIO", "text": "Deltok dere?", "externalElementId": "deltok",
         "answerOptions": [_option("ja", "Ja", 1), _option("nei", "Nei", 2)]},
        {"elementType": "PHONE", "text": "Telefon", "externalElementId": "tlf"},
        {"elementType": "NATIONAL_ID_NUMBER", "text": "Fødselsnummer", "externalElementId": "fnr"},
    ]
    rows = [["$submission_id", "$created", "samarbeid.h19.skole", "samarbeid.h19.kor", "samarbeid.v20.skole",
             "samarbeid.v20.kor", "deltok", "tlf", "fnr", "$answer_time_ms"]]
    for n in range(1, 7):
        rows.append([str(n), "2021-01-01T00:00:00+01:00", str(n % 2), "1", "0", str(1 - n % 2),
                     "ja" if n % 3 else "nei", f"9988{n:04d}", "13097248022", "5000"])
    data = "".join(";".join(f'"{c}"' for c in row) + "\r\n" for row in rows).encode()
    import_bytes(data, slug="ns-matrix", codebook=json.dumps(elements))
    survey = Survey.objects.get(slug="ns-matrix")
    by_code = {q["code"]: q for q in survey_summary(survey)["questions"]}
    row = survey.questions.get(code="samarbeid.h19")
    assert row.kind == Question.Kind.MULTIPLE and row.parent.code == "samarbeid"
    assert row.text == "Hvem har dere samarbeidet med? – Høsten 2019"
    assert by_code["samarbeid.h19"]["counts"] == {"Grunnskolen": 3, "Korpset": 6}
    assert by_code["deltok"]["kind"] == "single" and by_code["deltok"]["counts"] == {"Ja": 4, "Nei": 2}
    assert not survey.questions.filter(code__in=["tlf", "fnr"]).exists()
    report.nothing_personal(survey, "9988", "13097248022")
