"""The wide answers file (/s/<slug>/answers.csv|xlsx) is formula-safe like every export."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from surveys.exporting import to_xlsx
from tests.conftest import make_answer, make_question

HOSTILE = ["=HYPERLINK(\"http://x\")", "+1+1", "-bedre samarbeid", "@SUM(A1)", "\tfane", "\rretur"]


@pytest.fixture
def hostile_survey(survey):
    question = make_question(survey, "1", text="=Spørsmål som ser ut som en formel")
    for text in HOSTILE:
        make_answer(question, text=text)
    return survey


@pytest.mark.parametrize("variant", ["", "excel"])
def test_csv_cells_that_start_a_formula_get_an_apostrophe(client_for, admin, hostile_survey, variant):
    response = client_for(admin).get(reverse("surveys:export_answers", args=[hostile_survey.slug, "csv"]),
                                     {"variant": variant} if variant else {})
    assert response.status_code == 200
    body = b"".join(response.streaming_content if response.streaming else [response.content])
    text = body.decode("cp1252" if variant else "utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";" if variant else ","))
    cells = [cell for row in rows for cell in row]
    for value in HOSTILE:
        assert value not in cells
        assert "'" + value in cells
    assert "'1. =Spørsmål som ser ut som en formel" not in rows[0]  # the heading starts with the code
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]


def test_xlsx_keeps_the_text_exactly_and_has_no_formula(hostile_survey):
    sheet = load_workbook(io.BytesIO(to_xlsx(hostile_survey))).active
    values = [cell.value for row in sheet.iter_rows() for cell in row]
    types = {cell.data_type for row in sheet.iter_rows() for cell in row}
    assert "f" not in types
    for value in HOSTILE:
        assert value.replace("\r", "\n") in values or value in values
