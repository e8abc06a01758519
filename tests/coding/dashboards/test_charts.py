"""Charts a leader reads at a glance: one 100 % bar per graded item labelled in words, the
scale in a legend, the pairs 1–2 / 3–4 / 5–6 as groups, n beside each bar, colours that keep
apart in greyscale and for colour-blind readers; codes as sorted bars with answers and
respondents; and the very same chart in the page, the printable report and the Word file."""

import io
import re
from itertools import pairwise

import pytest
from django.urls import reverse
from django.utils import translation
from docx import Document

from coding.dashboards import chart_style, charts, stats
from coding.models import Category, Code
from surveys.summary import distributions
from tests.conftest import make_answer, make_question


def _forankring(demo):
    category = Category.objects.get(survey=demo, name="Forankring")
    return category, charts.likert_chart("c", "Forankring", stats.likert_items(category))


def test_each_item_is_one_full_bar_labelled_in_words(demo):
    _category, chart = _forankring(demo)
    assert chart.items == ["på eiernivå", "på ledernivå", "på lærernivå"]
    bars = [rect for rect in chart.rects if rect.x >= charts.BAR_X and rect.height == charts.BAR_HEIGHT]
    rows = sorted({rect.y for rect in bars})
    assert len(rows) == 3
    for y in rows:  # each item's segments fill the whole bar: 100 % of its n
        assert sum(rect.width for rect in bars if rect.y == y) == pytest.approx(charts.BAR_WIDTH, abs=0.05)
    # figure 7, owner level: 2 · 10 · 9 · 12 · 10 of 43 as the report prints them
    owner = [rect.title for rect in bars if rect.y == rows[0]]
    assert owner == ["2: 5 % (2)", "3: 23 % (10)", "4: 21 % (9)", "5: 28 % (12)", "6: 23 % (10)"]
    texts = [line for text in chart.texts for line in text.lines]
    assert "I hvilken grad har veiledningsarbeidet vært forankret i kommunen" in texts  # the stem, once
    assert texts.count("n = 43") == 3
    assert not any(re.fullmatch(r"3[abc]", line) for line in texts)


def test_legend_names_the_scale_and_brackets_group_the_pairs(demo):
    _category, chart = _forankring(demo)
    texts = [line for text in chart.texts for line in text.lines]
    assert texts[:6] == ["1 I svært liten grad", "2", "3", "4", "5", "6 I svært stor grad"]
    swatches = [rect.fill for rect in chart.rects[:6]]
    assert swatches == chart_style.sequential(6)
    # leader level: 0 · 0 · 1 · 2 · 16 · 24 → the pair 1–2 is empty, 3–4 is 7 %, 5–6 is 93 %
    assert "5–6: 93 %" in texts and "3–4: 44 %" in texts and "5–6: 51 %" in texts
    assert len(chart.paths) == 3 + 3 + 3 - 1  # a bracket per pair that has answers


def test_scale_colours_keep_apart_in_greyscale_and_for_colour_blind_readers():
    # Lightness (CIE L*) falls step by step from 1 to the top of the scale, in greyscale and as
    # readers with each kind of colour blindness see it; a 0–10 scale has smaller steps.
    for count, step in ((4, 7), (5, 7), (6, 7), (7, 7), (10, 3.5), (11, 3.5)):
        colours = chart_style.sequential(count)
        for simulate in (_grey, _protan, _deutan, _tritan):
            seen = [_lightness(simulate(_rgb(c))) for c in colours]
            assert all(a - b >= step for a, b in pairwise(seen)), (count, simulate.__name__, seen)
    for colour in chart_style.sequential(6):  # the percentages written on each segment stay legible
        assert chart_style.contrast(chart_style.text_on(colour), colour) >= 4.5


def test_codes_are_sorted_bars_with_answers_and_respondents(survey):
    few, many, middle = (Code.objects.create(survey=survey, name=n) for n in ("Få", "Mange", "Midt"))
    with translation.override("nb"):
        chart = charts.code_chart("c", "Koder", [(few, 2, 2), (many, 12, 9), (middle, 5, 4)])
    assert chart.items == ["Mange", "Midt", "Få"]
    figures = [text.lines[0] for text in chart.texts if text.x > charts.CODE_BAR_X]
    assert figures == ["12 svar · 9 svarenheter", "5 svar · 4 svarenheter", "2 svar · 2 svarenheter"]
    widths = [rect.width for rect in chart.rects]
    assert widths == sorted(widths, reverse=True) and widths[0] == charts.CODE_BAR_WIDTH


def test_a_fresh_survey_with_a_five_point_scale_and_dont_know(survey):
    stem = make_question(survey, "1", kind="likert", text="Hvor fornøyd er dere med samarbeidet?", scale_max=5)
    item = make_question(survey, "1a", kind="likert", text="Hvor fornøyd er dere med samarbeidet? - med rektor",
                         scale_max=5, parent=stem, not_applicable_labels=["Vet ikke"])
    for value in (1, 2, 4, 4, 5):
        make_answer(item, number=value)
    make_answer(item, not_applicable=True, text="Vet ikke")
    with translation.override("nb"):
        chart = charts.likert_chart("c", "Samarbeid", [distributions([item])[item.id]])
    texts = [line for text in chart.texts for line in text.lines]
    assert texts[:5] == ["1", "2", "3", "4", "5"] and "med rektor" in texts
    assert ["n = 5", "Vet ikke 1 av 6 (17 %)"] == next(t.lines for t in chart.texts if t.x == charts.SIDE_X)


def test_the_same_chart_in_page_report_and_word(client_for, reviewer, demo):
    category = Category.objects.get(survey=demo, name="Forankring")
    client = client_for(reviewer)
    page = client.get(reverse("coding:dashboard", args=[demo.slug, category.id])).text
    report = client.get(reverse("coding:report", args=[demo.slug])).text
    for chart_id in (f"graded-{category.id}", f"codes-{category.id}"):
        svg = _svg(page, chart_id)
        assert svg == _svg(report, chart_id)
        assert f'aria-labelledby="{chart_id}-title {chart_id}-desc"' in svg and "<desc" in svg
    assert f'<table class="data-table likert-side-by-side" data-category="{category.id}">' in page
    document = Document(io.BytesIO(client.get(reverse("coding:report_docx", args=[demo.slug])).content))
    titles = [shape._inline.docPr.get("title") for shape in document.inline_shapes]
    assert "Graderte spørsmål: Forankring" in titles and "Svar per kode: Forankring" in titles
    description = re.search(rf'<desc id="graded-{category.id}-desc">(.*?)</desc>', page, re.S).group(1)
    alt = next(s._inline.docPr.get("descr") for s in document.inline_shapes
               if s._inline.docPr.get("title") == "Graderte spørsmål: Forankring")
    assert alt == "Graderte spørsmål: Forankring. " + description.replace("&amp;", "&")


def _svg(html, chart_id):
    match = re.search(rf'<svg class="chart-svg"[^>]*aria-labelledby="{chart_id}-title.*?</svg>', html, re.S)
    assert match, chart_id
    return match.group(0)


# Colour science for the test: sRGB → CIE L*, and Machado et al. (2009) simulations of
# protanopia, deuteranopia and tritanopia (severity 1.0) in linear RGB.
MACHADO = {
    "protan": [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]],
    "deutan": [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]],
    "tritan": [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.303900]],
}


def _rgb(colour):
    def linear(v):
        v /= 255
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4

    return [linear(int(colour[i : i + 2], 16)) for i in (1, 3, 5)]


def _simulate(name):
    def simulate(rgb):
        return [min(max(sum(m * v for m, v in zip(row, rgb, strict=True)), 0), 1) for row in MACHADO[name]]

    simulate.__name__ = name
    return simulate


_protan, _deutan, _tritan = (_simulate(n) for n in ("protan", "deutan", "tritan"))


def _grey(rgb):
    return rgb


def _lightness(rgb):
    y = 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2]
    return 116 * (y ** (1 / 3) if y > 0.008856 else 7.787 * y + 16 / 116) - 16
