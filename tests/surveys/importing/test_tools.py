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
