"""Comparing two rounds of a survey on a category dashboard: the graded questions' percent
per value and per pair with the change in percentage points, each code's share of the text
answers, on the screen and in the CSV download."""

import csv
import io

import pytest
from django.urls import reverse

from coding.dashboards.compare import compare_category
from coding.models import Category, CategoryCode, Code, Coding
from coding.rounds.actions import new_round
from surveys.importing.save import import_bytes
from surveys.models import Answer, Survey

HEADER = "Svar-ID;Kommune;2. I hvilken grad er arbeidet forankret?;4. Hva forventet dere?\r\n"
# Round 1, question 2: values 2, 5, 5, 6 → 1–6 in %: 0, 25, 0, 0, 50, 25; pairs 25, 0, 75.
FIRST = HEADER + "R1;Bærum;2;Tid\r\nR2;Vang;5;Tid og ro\r\nR3;Vang;5;Mer\r\nR4;Vang;6;Nei\r\n"
# Round 2: values 3, 4, 6, 6, 6 → 0, 0, 20, 20, 0, 60; pairs 0, 40, 60.
SECOND = HEADER + "R1;Bærum;3;Tid\r\nR2;Vang;4;Ro\r\nR3;Vang;6;Tid\r\nR4;Vang;6;x\r\nR5;Vang;6;y\r\n"


@pytest.fixture
def rounds(db, coder):
    import_bytes(FIRST.encode(), slug="r1", title="Runde 1")
    first = Survey.objects.get(slug="r1")
    category = Category.objects.create(survey=first, name="Forankring")
    category.questions.add(first.questions.get(code="2"))
    code = Code.objects.create(survey=first, name="Tid")
    CategoryCode.objects.create(category=category, code=code)
    for answer in Answer.objects.filter(question__survey=first, question__code="4", text__startswith="Tid"):
        Coding.objects.create(answer=answer, code=code, coder=coder)  # 2 of 4 text answers: 50 %
    second = new_round(first, by=None, slug="r2", title="Runde 2")
    import_bytes(SECOND.encode(), slug="r2")
    answer = Answer.objects.get(question__survey=second, question__code="4", respondent__external_key="R1")
    Coding.objects.create(answer=answer, code=second.codes.get(name="Tid"), coder=coder)  # 1 of 5: 20 %
    return first, second


def test_percentage_point_changes_per_value_pair_and_code(rounds):
    first, second = rounds
    comparison = compare_category(second.categories.get(name="Forankring"), first)
    (item,) = comparison.questions
    assert [(r["now"], r["before"], r["change"]) for r in item.rows] == [
        (0, 0, 0), (0, 25, -25), (20, 0, 20), (20, 0, 20), (0, 50, -50), (60, 25, 35)]
    assert [(p["label"], p["change"]) for p in item.pairs] == [("1–2", -25), ("3–4", 40), ("5–6", -15)]
    assert (item.n, item.other_n) == (5, 4)
    (code,) = comparison.codes
    assert (code.name, code.share, code.other_share, code.change) == ("Tid", 20, 50, -30)


def test_compare_screen_and_download(rounds, reviewer, client_for):
    first, second = rounds
    category = second.categories.get(name="Forankring")
    client = client_for(reviewer)
    dashboard = client.get(reverse("coding:dashboard", args=[second.slug, category.pk])).content.decode()
    assert reverse("coding:dashboard_compare", args=[second.slug, category.pk]) in dashboard
    page = client.get(reverse("coding:dashboard_compare", args=[second.slug, category.pk])).content.decode()
    assert 'data-pair-change="3–4">+40<' in page and 'data-change="6">+35<' in page
    response = client.get(reverse("coding:dashboard_compare_download", args=[second.slug, category.pk, "csv"]),
                          {"with": first.slug})
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")), delimiter=";"))
    assert rows[0][3:5] == ["Runde 2 (%)", "Runde 1 (%)"]
    assert [r[2:] for r in rows if r[2] == "3–4"] == [["3–4", "40", "0", "40"]]
    assert rows[-1][1:] == ["Tid", "", "20", "50", "-30"]


def test_the_earlier_round_compares_with_the_later(rounds, reviewer, client_for):
    first, second = rounds
    category = first.categories.get(name="Forankring")
    page = client_for(reviewer).get(reverse("coding:dashboard_compare", args=[first.slug, category.pk]))
    assert page.context["other"] == second
    assert page.context["comparison"].questions[0].pairs[1]["change"] == -40


def test_no_other_round_says_so(db, survey, reviewer, client_for):
    category = Category.objects.create(survey=survey, name="Forankring")
    client = client_for(reviewer)
    page = client.get(reverse("coding:dashboard_compare", args=[survey.slug, category.pk]))
    assert page.status_code == 200 and page.context["comparison"] is None
    download = client.get(reverse("coding:dashboard_compare_download", args=[survey.slug, category.pk, "csv"]))
    assert download.status_code == 409


def test_report_beside_the_other_round(rounds, reviewer, client_for):
    first, second = rounds
    client = client_for(reviewer)
    plain = client.get(reverse("coding:report", args=[second.slug])).content.decode()
    assert 'name="compare"' in plain and "data-pair-change" not in plain
    page = client.get(reverse("coding:report", args=[second.slug]), {"compare": first.slug}).content.decode()
    assert 'data-pair-change="3–4">+40<' in page and 'data-pair-change="1–2">-25<' in page


def test_the_exports_page_downloads_the_comparison_of_every_category(rounds, reviewer, client_for):
    first, second = rounds
    Category.objects.create(survey=second, name="Uten motstykke")
    client = client_for(reviewer)
    page = client.get(reverse("coding:exports", args=[second.slug])).content.decode()
    assert 'name="with"' in page and f'value="{first.slug}"' in page
    response = client.get(reverse("coding:export", args=[second.slug, "comparison", "csv"]), {"with": first.slug})
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")), delimiter=";"))
    assert rows[0][0] == "Kategori" and rows[0][4:6] == ["Runde 2 (%)", "Runde 1 (%)"]
    assert [r[0] for r in rows[1:]].count("Forankring") == 10  # 6 values, 3 pairs, 1 code
    assert [r[4:] for r in rows if r[0] == "Forankring" and r[3] == "3–4"] == [["40", "0", "40"]]
    xlsx = client.get(reverse("coding:export", args=[second.slug, "comparison", "xlsx"]), {"with": first.slug})
    assert xlsx.status_code == 200


def test_the_comparison_download_without_another_round_is_refused(db, survey, reviewer, client_for):
    response = client_for(reviewer).get(reverse("coding:export", args=[survey.slug, "comparison", "csv"]))
    assert response.status_code == 409
    assert 'name="with"' not in client_for(reviewer).get(reverse("coding:exports", args=[survey.slug])).content.decode()


def test_the_word_report_beside_the_other_round(rounds, reviewer, client_for):
    from docx import Document

    first, second = rounds
    client = client_for(reviewer)
    page = client.get(reverse("coding:report", args=[second.slug]), {"compare": first.slug}).content.decode()
    link = reverse("coding:report_docx", args=[second.slug]) + f"?layer=all&amp;compare={first.slug}"
    assert link in page
    response = client.get(reverse("coding:report_docx", args=[second.slug]), {"compare": first.slug})
    document = Document(io.BytesIO(response.content))
    assert "Sammenlignet med Runde 1" in [p.text for p in document.paragraphs]
    cells = [[cell.text for cell in row.cells] for table in document.tables for row in table.rows]
    assert ["Par", "2. I hvilken grad er arbeidet forankret?", "3–4", "40", "0", "40"] in cells
    plain = Document(io.BytesIO(client.get(reverse("coding:report_docx", args=[second.slug])).content))
    assert not any(p.text.startswith("Sammenlignet med") for p in plain.paragraphs)
