"""Exports: formula safety (I1, I2), headers and access (I3), blind mode, small cells, contents."""

import csv
import io
from collections import defaultdict

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from coding.exports.tables import csv_safe
from coding.models import AuditEvent, Category, CategoryCode, Code, Coding
from tests.conftest import make_answer, make_question, make_respondent

HOSTILE = ['=HYPERLINK("http://x","y")', "+47 99", "-bedre samarbeid", "@x", "\tfane", "\rretur"]
KINDS = ["answers", "codings", "frequencies", "crosstab"]


def url(survey, kind, fmt):
    return reverse("coding:export", args=[survey.slug, kind, fmt])


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def read_csv(response):
    data = body(response)
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM for Excel
    return list(csv.reader(io.StringIO(data[3:].decode("utf-8"), newline=""), delimiter=";"))


def read_xlsx(response):
    return load_workbook(io.BytesIO(body(response)))


@pytest.fixture
def hostile(survey, coder):
    """Answers, a code and a category whose text begins like a formula."""
    q = make_question(survey, "1", text="=1+1 spørsmål")
    category = Category.objects.create(survey=survey, name="-kategori")
    code = Code.objects.create(survey=survey, name="@kode")
    CategoryCode.objects.create(category=category, code=code)
    for i, text in enumerate(HOSTILE):
        respondent = make_respondent(survey, f"=R{i}", attributes={"fylke": "+Viken"})
        answer = make_answer(q, respondent, text=text)
        Coding.objects.create(answer=answer, code=code, coder=coder, start=0, end=min(4, len(text)))
    return survey


@pytest.mark.parametrize("kind", KINDS)
def test_csv_is_formula_safe(client_for, reviewer, hostile, kind):
    rows = read_csv(client_for(reviewer).get(url(hostile, kind, "csv")))
    assert len(rows) > 1
    for row in rows:
        for value in row:
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r", "\0")), (kind, value)
    flat = [v for row in rows for v in row]
    if kind == "answers":
        for text in HOSTILE:
            assert "'" + text in flat  # verbatim after the apostrophe


@pytest.mark.parametrize("kind", KINDS)
def test_xlsx_has_no_formula_and_keeps_the_text(client_for, reviewer, hostile, kind):
    workbook = read_xlsx(client_for(reviewer).get(url(hostile, kind, "xlsx")))
    values = []
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (kind, cell.coordinate, cell.value)
                values.append(cell.value)
    if kind == "answers":
        for text in HOSTILE:
            assert text in values  # stored verbatim as text


def test_csv_safe_prefixes_only_dangerous_text():
    assert csv_safe("=1") == "'=1" and csv_safe("\0x") == "'\0x"
    assert csv_safe("vanlig tekst") == "vanlig tekst"
    assert csv_safe(-3) == -3 and csv_safe(None) == ""


def test_csv_quotes_per_rfc_4180(client_for, reviewer, survey, coder):
    q = make_question(survey, "1")
    make_answer(q, text='Han sa "ja"; og så\nny linje')
    data = body(client_for(reviewer).get(url(survey, "answers", "csv"))).decode("utf-8-sig")
    assert '"Han sa ""ja""; og så\nny linje"' in data
    assert data.split("\r\n")[0].count(";") == 6


@pytest.mark.parametrize("persona", ["admin", "coder", "reviewer"])
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_allowed_roles_get_attachments_with_safe_headers(request, client_for, hostile, persona, fmt):
    user = request.getfixturevalue(persona)
    client = client_for(user)
    for kind in KINDS:
        response = client.get(url(hostile, kind, fmt))
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment;")
        assert f'filename="{hostile.slug}-' in response["Content-Disposition"]
        assert response["X-Content-Type-Options"] == "nosniff"
        assert "no-store" in response["Cache-Control"]
        body(response)
    events = AuditEvent.objects.filter(action=AuditEvent.Action.EXPORTED, actor=user)
    assert sorted(e.data["kind"] for e in events) == sorted(KINDS)
    assert {e.data["format"] for e in events} == {fmt}


def test_outsider_and_anonymous_get_nothing(client, client_for, outsider, hostile):
    for kind in KINDS:
        response = client.get(url(hostile, kind, "csv"))
        assert response.status_code == 302 and "login" in response["Location"]
    client = client_for(outsider)
    for kind in KINDS:
        assert client.get(url(hostile, kind, "xlsx")).status_code == 404
    assert client.get(reverse("coding:exports", args=[hostile.slug])).status_code == 404
    assert client.get(reverse("coding:report_docx", args=[hostile.slug])).status_code == 404
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.EXPORTED).exists()


def test_unknown_kind_or_format_is_404(client_for, reviewer, survey):
    client = client_for(reviewer)
    assert client.get(url(survey, "passwords", "csv")).status_code == 404
    assert client.get(url(survey, "codings", "exe")).status_code == 404


def test_codings_long_form_equals_the_rows(client_for, reviewer, demo):
    rows = read_csv(client_for(reviewer).get(url(demo, "codings", "csv")))
    header, data = rows[0], rows[1:]
    assert header[:5] == ["Svar", "Spørsmål", "Svarenhet", "Kode", "Koder"]
    codings = list(Coding.objects.select_related("answer__question", "answer__respondent", "code", "coder"))
    assert len(data) == len(codings)
    expected = sorted(
        (
            str(c.answer_id),
            c.answer.question.code,
            c.answer.respondent.external_key,
            c.code.name,
            c.coder.username,
            "" if c.start is None else str(c.start),
            "" if c.end is None else str(c.end),
            c.answer.text[c.start : c.end] if c.start is not None else "",
        )
        for c in codings
    )
    assert sorted(tuple(csv_safe_inverse(v) for v in row[:8]) for row in data) == expected


def csv_safe_inverse(value):
    return value[1:] if value.startswith("'") and value[1:2] in ("=", "+", "-", "@", "\t", "\r") else value


def test_answers_export_one_row_per_answer_with_codes(client_for, reviewer, demo):
    from surveys.models import Answer

    rows = read_csv(client_for(reviewer).get(url(demo, "answers", "csv")))[1:]
    assert len(rows) == 380
    codes = defaultdict(set)
    for answer_id, name in Coding.objects.values_list("answer_id", "code__name"):
        codes[answer_id].add(name)
    for row in rows:
        assert set(filter(None, row[6].split("; "))) == codes[int(row[0])]
    assert {int(r[0]) for r in rows} == set(
        Answer.objects.filter(question__survey=demo).textual().values_list("id", flat=True)
    )


def test_frequency_table_equals_a_loop(client_for, reviewer, demo):
    workbook = read_xlsx(client_for(reviewer).get(url(demo, "frequencies", "xlsx")))
    sheet = workbook.worksheets[0]
    table = {row[0]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    answers, respondents = defaultdict(set), defaultdict(set)
    for coding in Coding.objects.select_related("answer", "code"):
        answers[coding.code.name].add(coding.answer_id)
        respondents[coding.code.name].add(coding.answer.respondent_id)
    assert len(table) == Code.objects.filter(survey=demo).count()
    for name, row in table.items():
        assert row[3] == len(answers[name]) and row[4] == len(respondents[name])


def test_small_cells_are_suppressed_in_exports(client_for, reviewer, survey, coder):
    q = make_question(survey, "1")
    category = Category.objects.create(survey=survey, name="Kat")
    code = Code.objects.create(survey=survey, name="Kode")
    CategoryCode.objects.create(category=category, code=code)
    for i, county in enumerate(["Viken", "Viken", "Viken", "Nordland"]):
        answer = make_answer(q, make_respondent(survey, f"R{i}", attributes={"fylke": county}), text="tekst")
        Coding.objects.create(answer=answer, code=code, coder=coder)
    client = client_for(reviewer)
    params = {"attribute": "fylke", "category": category.id}
    rows = read_csv(client.get(url(survey, "crosstab", "csv"), params))
    assert rows[0] == ["Kategori", "Kode", "fylke: Nordland", "Nordland %", "fylke: Viken", "Viken %", "Totalt"]
    # Nordland 1 is small; Viken 3 is hidden with it, or 4 - 3 would give the 1 away.
    assert rows[1] == ["Kat", "Kode", "skjult", "–", "skjult", "–", "4"]
    sheet = read_xlsx(client.get(url(survey, "crosstab", "xlsx"), params)).worksheets[0]
    assert [c.value for c in sheet[2]] == ["Kat", "Kode", "skjult", "–", "skjult", "–", 4]


def test_blind_coder_exports_only_own_layer(client_for, coder, co_coder, survey):
    survey.blind_coding = True
    survey.save()
    q = make_question(survey, "1")
    code = Code.objects.create(survey=survey, name="Kode")
    mine = make_answer(q, text="mitt")
    theirs = make_answer(q, text="ditt")
    Coding.objects.create(answer=mine, code=code, coder=coder)
    Coding.objects.create(answer=theirs, code=code, coder=co_coder)
    client = client_for(coder)
    for layer in ("all", str(co_coder.id), ""):
        rows = read_csv(client.get(url(survey, "codings", "csv"), {"layer": layer}))[1:]
        assert [r[4] for r in rows] == [coder.username]
        answers = read_csv(client.get(url(survey, "answers", "csv"), {"layer": layer}))[1:]
        assert {r[5]: r[6] for r in answers} == {"mitt": "Kode", "ditt": ""}


def test_download_token_sets_a_cookie_for_the_busy_indicator(client_for, reviewer, survey):
    response = client_for(reviewer).get(url(survey, "codings", "csv"), {"download": "abc123"})
    assert response.cookies["download-abc123"].value == "done"
    response = client_for(reviewer).get(url(survey, "codings", "csv"), {"download": "bad;token"})
    assert not [k for k in response.cookies if k.startswith("download-")]


def test_exports_page_lists_the_downloads(client_for, coder, survey):
    html = client_for(coder).get(reverse("coding:exports", args=[survey.slug])).text
    for kind in ("answers", "codings", "frequencies"):
        assert url(survey, kind, "xlsx") in html and url(survey, kind, "csv") in html
    assert reverse("coding:report_docx", args=[survey.slug]) in html


def test_xlsx_writer_round_trips_through_openpyxl():
    from datetime import datetime

    from coding.exports.xlsx import write_xlsx

    out = io.BytesIO()
    rows = [[1, "=SUM(A1:A2)", datetime(2021, 8, 1, 12, 30, 15), None, "linje\r\nto\tfane <&>", "kontroll\x07tegn"]]
    write_xlsx(out, "Kodinger: [alle]", ["a", "b", "c", "d", "e", "f"], iter(rows))
    sheet = load_workbook(io.BytesIO(out.getvalue())).worksheets[0]
    assert sheet.title == "Kodinger alle"
    assert [c.value for c in sheet[1]] == ["a", "b", "c", "d", "e", "f"]
    values = [c.value for c in sheet[2]]
    assert values[:2] == [1, "=SUM(A1:A2)"] and sheet["B2"].data_type != "f"
    assert values[2] == datetime(2021, 8, 1, 12, 30, 15)
    assert values[3] is None and values[4] == "linje\r\nto\tfane <&>" and values[5] == "kontrolltegn"


def test_consensus_layer_exports_the_decisions(client_for, reviewer, admin, survey):
    from coding.models import ConsensusDecision

    q = make_question(survey, "1")
    code = Code.objects.create(survey=survey, name="Kode")
    yes = make_answer(q, text="ja")
    no = make_answer(q, text="nei")
    ConsensusDecision.objects.create(answer=yes, code=code, present=True, decided_by=admin)
    ConsensusDecision.objects.create(answer=no, code=code, present=False, decided_by=admin)
    client = client_for(reviewer)
    rows = read_csv(client.get(url(survey, "codings", "csv"), {"layer": "consensus"}))[1:]
    assert [(r[0], r[3], r[4]) for r in rows] == [(str(yes.id), "Kode", f"konsensus ({admin.username})")]
    answers = read_csv(client.get(url(survey, "answers", "csv"), {"layer": "consensus"}))[1:]
    assert {r[5]: r[6] for r in answers} == {"ja": "Kode", "nei": ""}
