"""Secondary (complementary) suppression of crosstabs: an adversary reads every crosstab row as
the page and the exports show it and tries to work out each hidden cell. It fails only if no
hidden cell has exactly one possible value."""

import csv
import io
import random
import re

import pytest
from django.urls import reverse

from coding.dashboards import stats
from coding.models import Category, CategoryCode, Code, Coding
from surveys.summary import percent
from tests.conftest import make_answer, make_question, make_respondent

COUNTIES = ["Agder", "Innlandet", "Nordland", "Troms", "Viken"]


def derivable(cells, total):
    """The hidden cells that can be worked out. `cells`: [(count, percent) or None if hidden];
    `total`: the shown row total, or None if hidden. The adversary knows that a code's
    respondents fall in exactly one column each (the cells add up to the total), that a hidden
    cell holds at least one respondent (zeros are shown) and how percentages are rounded."""
    hidden = [i for i, c in enumerate(cells) if c is None]
    if not hidden:
        return []
    shown = [c for c in cells if c is not None]
    visible = sum(count for count, _p in shown)
    totals = [total] if total is not None else [
        t for t in range(visible + len(hidden), 500)
        if all(percent(count, t) == pct for count, pct in shown if count)
    ]
    possible = {i: set() for i in hidden}
    for t in totals:
        rest = t - visible
        if rest < len(hidden):
            continue
        # Each hidden cell can hold 1 … rest - (others, at least one each).
        for i in hidden:
            possible[i].update(range(1, rest - len(hidden) + 2))
    return [i for i, values in possible.items() if len(values) == 1]


@pytest.fixture
def random_survey(survey, coder):
    """Forty-three respondents in five counties, six codes of very different frequencies."""
    rng = random.Random(43)
    question = make_question(survey, "1")
    category = Category.objects.create(survey=survey, name="Kat")
    codes = [Code.objects.create(survey=survey, name=f"K{i}") for i in range(6)]
    for position, code in enumerate(codes):
        CategoryCode.objects.create(category=category, code=code, position=position)
    weights = [0.03, 0.06, 0.1, 0.2, 0.5, 0.9]
    for i in range(43):
        county = COUNTIES[min(int(rng.expovariate(0.9)), 4)]
        answer = make_answer(question, make_respondent(survey, f"R{i}", attributes={"fylke": county}), text="x")
        for code, weight in zip(codes, weights, strict=True):
            if rng.random() < weight:
                Coding.objects.create(answer=answer, code=code, coder=coder)
    return category


def _number(text):
    text = text.strip()
    return int(text) if text.isdigit() else None


def test_the_adversary_finds_the_leak_of_primary_suppression_alone():
    # "<3" beside "3 (75 %)" and a total of 4: the hidden cell is 1.
    assert derivable([None, (3, 75)], 4) == [0]
    assert derivable([None, None], 5) == []
    assert derivable([None, None, (2, 50)], 4) == [0, 1]  # two hidden ones, sum 2: both are 1


def test_no_hidden_cell_can_be_worked_out_on_the_page(client_for, reviewer, survey, random_survey):
    html = client_for(reviewer).get(reverse("coding:dashboard", args=[survey.slug, random_survey.id]),
                                    {"attribute": "fylke"}).text
    table = re.search(r'<table class="data-table crosstab-table".*?<tbody>(.*?)</tbody>', html, re.S).group(1)
    rows = re.findall(r"<tr data-code.*?</tr>", table, re.S)
    assert len(rows) == 6
    hidden_seen = 0
    for row in rows:
        tds = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
        cells = []
        for td in tds[:-1]:
            match = re.match(r"\s*(\d+)(?:\s*<span class=\"count\">\((\d+)&nbsp;%\)</span>)?", td)
            cells.append((int(match.group(1)), int(match.group(2) or 0)) if match else None)
        hidden_seen += cells.count(None)
        assert derivable(cells, _number(tds[-1])) == [], row
    assert hidden_seen  # the data has small cells to protect


def test_no_hidden_cell_can_be_worked_out_in_the_export(client_for, reviewer, survey, random_survey):
    response = client_for(reviewer).get(reverse("coding:export", args=[survey.slug, "crosstab", "csv"]),
                                        {"attribute": "fylke", "category": random_survey.id})
    data = b"".join(response.streaming_content) if response.streaming else response.content
    lines = list(csv.reader(io.StringIO(data[3:].decode("utf-8")), delimiter=";"))[1:]
    assert len(lines) == 6
    for line in lines:
        values = line[2:-1]
        cells = [None if _number(values[i]) is None else (int(values[i]), int(values[i + 1] or 0))
                 for i in range(0, len(values), 2)]
        assert derivable(cells, _number(line[-1])) == [], line


@pytest.mark.parametrize("seed", range(200))
def test_protect_row_leaves_nothing_derivable(seed):
    rng = random.Random(seed)
    threshold = rng.choice([3, 3, 5])
    counts = [rng.choice([0, 0, 1, 1, 2, 3, 4, 6, 10]) for _ in range(rng.randint(1, 6))]
    total = sum(counts)
    cells = [stats.Cell(c, percent(c, total), stats.protect(c, threshold), threshold) for c in counts]
    total_cell = stats.Cell(total, 100, stats.protect(total, threshold), threshold)
    stats.protect_row(cells, total_cell)
    shown = [None if c.suppressed else (c.count, c.percent) for c in cells]
    assert derivable(shown, None if total_cell.suppressed else total) == []
    # Primary cells stay hidden; nothing that needs no protection is hidden.
    assert all(c.suppressed for c in cells if 0 < c.count < threshold)
    if not any(0 < c < threshold for c in counts) and not 0 < total < threshold:
        assert not any(c.suppressed for c in cells) and not total_cell.suppressed


def test_no_hidden_cell_can_be_worked_out_in_the_xlsx_export(client_for, reviewer, survey, random_survey):
    from openpyxl import load_workbook

    response = client_for(reviewer).get(reverse("coding:export", args=[survey.slug, "crosstab", "xlsx"]),
                                        {"attribute": "fylke", "category": random_survey.id})
    data = b"".join(response.streaming_content) if response.streaming else response.content
    rows = [[("" if v is None else str(v)) for v in row] for row in load_workbook(io.BytesIO(data)).active.values]
    lines = rows[1:]
    assert len(lines) == 6
    hidden_seen = 0
    for line in lines:
        values = line[2:-1]
        cells = [None if _number(values[i]) is None else (int(values[i]), int(values[i + 1] or 0))
                 for i in range(0, len(values), 2)]
        hidden_seen += cells.count(None)
        assert derivable(cells, _number(line[-1])) == [], line
    assert hidden_seen
