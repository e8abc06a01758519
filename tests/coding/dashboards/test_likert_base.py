"""One base per Likert chart: the scale's bars are shares of the item's n; not-applicable
("Ikke deltatt") stands apart with its own base, named the same in chart, table and Word file."""

import io

from django.urls import reverse
from docx import Document

from coding.dashboards import charts
from coding.models import Category
from surveys.models import Question
from surveys.summary import distributions
from tests.conftest import make_answer, make_question


def _item(survey, code, counts, not_applicable):
    question = make_question(survey, code, kind=Question.Kind.LIKERT, not_applicable_labels=["Ikke deltatt"])
    for value, count in counts.items():
        for _i in range(count):
            make_answer(question, number=value)
    for _i in range(not_applicable):
        make_answer(question, not_applicable=True, text="Ikke deltatt")
    return question


def test_bars_add_up_to_the_items_n_and_not_applicable_has_its_own_base(survey):
    question = _item(survey, "8a", {3: 4, 4: 10, 5: 12, 6: 8}, not_applicable=9)  # n = 34, 43 answered
    dist = distributions([question])[question.id]
    chart = charts.likert_chart("c", "Organisering", [dist])
    assert [group.label for group in chart.groups] == ["1", "2", "3", "4", "5", "6"]  # no "Ikke deltatt" bar
    shares = [group.bars[0].value for group in chart.groups]
    assert 99 <= sum(shares) <= 101
    assert chart.legend[0][0] == "8a (n = 34)"
    assert chart.notes == ["8a: Ikke deltatt 9 av 43 (21 %)"]
    assert "Ikke deltatt 9 av 43 (21 %)" in chart.description


def test_page_and_word_file_call_it_the_same(client_for, reviewer, survey):
    question = _item(survey, "8a", {4: 20, 5: 14}, not_applicable=9)
    category = Category.objects.create(survey=survey, name="Organisering")
    category.questions.add(question)
    html = client_for(reviewer).get(reverse("coding:dashboard", args=[survey.slug, category.id])).content.decode()
    assert '<th scope="col" class="num">Ikke deltatt</th>' in html
    assert 'data-value="na">9 av 43</td>' in html
    assert '<span class="chart-note">8a: Ikke deltatt 9 av 43 (21 %)</span>' in html
    assert "Ikke aktuelt" not in html
    response = client_for(reviewer).get(reverse("coding:report_docx", args=[survey.slug]))
    document = Document(io.BytesIO(response.content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert "Ikke deltatt" in cells and "9 av 43" in cells
