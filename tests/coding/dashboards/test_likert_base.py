"""One base per Likert chart: the scale's bars are shares of the item's n; not-applicable
("Ikke deltatt") stands apart with its own base, named the same in chart, table and Word file."""

import io

import pytest
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
    segments = [rect for rect in chart.rects if rect.y > 20]  # the legend's swatches stand above the bars
    assert [rect.title for rect in segments] == ["3: 12 % (4)", "4: 29 % (10)", "5: 35 % (12)", "6: 24 % (8)"]
    assert sum(rect.width for rect in segments) == pytest.approx(charts.BAR_WIDTH)  # the whole bar is n = 34
    side = [text.lines for text in chart.texts if text.x == charts.SIDE_X]
    assert side == [["n = 34", "Ikke deltatt 9 av 43 (21 %)"]]
    assert "Ikke deltatt 9 av 43 (21 %)" in chart.description


def test_page_and_word_file_call_it_the_same(client_for, reviewer, survey):
    question = _item(survey, "8a", {4: 20, 5: 14}, not_applicable=9)
    category = Category.objects.create(survey=survey, name="Organisering")
    category.questions.add(question)
    html = client_for(reviewer).get(reverse("coding:dashboard", args=[survey.slug, category.id])).content.decode()
    assert '<th scope="col" class="num">Ikke deltatt</th>' in html
    assert 'data-value="na">9 av 43</td>' in html
    assert 'dy="15">Ikke deltatt 9 av 43 (21 %)</tspan>' in html  # beside the bar, in the chart
    assert "Ikke aktuelt" not in html
    response = client_for(reviewer).get(reverse("coding:report_docx", args=[survey.slug]))
    document = Document(io.BytesIO(response.content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert "Ikke deltatt" in cells and "9 av 43" in cells
