"""""Vet ikke" and "Ikke relevant" are two answers, not one: imported from a file that uses both,
each keeps its own count in the survey summary, the category dashboard's table and chart, the
Word report and the downloaded answers."""

import csv
import io

from django.urls import reverse
from docx import Document

from coding.models import Category
from surveys import exporting
from surveys.importing.pipeline import import_bytes
from surveys.models import Survey
from surveys.summary import survey_summary

FILE = ("Svar-ID;Kommune;2. I hvilken grad er dere fornøyd?\r\n"
        + "".join(f"R{n};Vang;{value}\r\n" for n, value in enumerate(
            ["5", "6", "4", "Vet ikke", "Ikke relevant", "5", "Vet ikke", "Ikke relevant", "3", "6"], start=1))
        ).encode()


def _survey():
    import_bytes(FILE, slug="na")
    return Survey.objects.get(slug="na")


def test_summary_counts_each_label(db):
    entry = next(q for q in survey_summary(_survey())["questions"] if q["code"] == "2")
    assert entry["n"] == 6 and entry["not_applicable"] == 4
    assert entry["not_applicable_labels"] == {"Ikke relevant": 2, "Vet ikke": 2}


def test_dashboard_table_and_word_report_name_each_label(client_for, reviewer):
    survey = _survey()
    category = Category.objects.create(survey=survey, name="Forventninger")
    category.questions.add(survey.questions.get(code="2"))
    client = client_for(reviewer)
    html = client.get(reverse("coding:dashboard", args=[survey.slug, category.id])).content.decode()
    assert '<th scope="col" class="num">Ikke aktuelt</th>' in html  # the column is not named after one of them
    assert '4 av 10 <span class="count" data-value="na-labels">(Ikke relevant 2, Vet ikke 2)</span>' in html
    assert "Ikke aktuelt 4 av 10 (40 %) (Ikke relevant 2, Vet ikke 2)" in html  # the chart's note
    document = Document(io.BytesIO(client.get(reverse("coding:report_docx", args=[survey.slug])).content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert "4 av 10 (Ikke relevant 2, Vet ikke 2)" in cells


def test_downloaded_answers_keep_each_label(db):
    survey = _survey()
    rows = list(csv.reader(io.StringIO(exporting.to_csv(survey).decode("utf-8-sig"))))
    column = next(i for i, h in enumerate(rows[0]) if h.startswith("2"))
    values = [row[column] for row in rows[1:]]
    assert values.count("Vet ikke") == 2 and values.count("Ikke relevant") == 2
