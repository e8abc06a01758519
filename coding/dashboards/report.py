"""The report's content for the whole survey, batched: the same few queries whatever the
number of categories, codes or codings. Read by the HTML report and the DOCX report."""

import re
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils import timezone

from coding import layers
from coding.dashboards import charts, stats
from coding.models import Category, Quote
from surveys.models import Answer
from surveys.summary import distributions


@dataclass
class Section:
    line: stats.CategoryLine
    code_counts: list  # [(Code, answers, respondents)]
    distributions: list
    quotes: list = field(default_factory=list)
    code_chart: object = None
    likert_chart: object = None
    comparison: object = None  # a compare.Comparison when the report is read beside another round

    @property
    def category(self):
        return self.line.category


def report_sections(survey, rows, memo_key=None):
    """[Section] for every category that is not archived, in board order."""
    lines = stats.overview(survey, rows, memo_key)
    categories = [line.category for line in lines]

    links = list(
        Category.questions.through.objects.filter(category__in=categories).values_list("category_id", "question_id")
    )
    questions = {q.id: q for q in survey.questions.filter(id__in={qid for _c, qid in links}).select_related("parent")}
    dists = distributions(list(questions.values()), Answer.objects.filter(question__survey=survey))

    quotes = {c.id: [] for c in categories}
    for quote in (
        Quote.objects.filter(category__in=categories)
        .select_related("answer__question", "answer__respondent")
        .order_by("position", "id")
    ):
        quote.attribution = stats.attribution(quote.answer.respondent)
        quotes[quote.category_id].append(quote)

    sections = []
    for line in lines:
        category = line.category
        counts = line.code_counts
        linked = sorted((questions[qid] for cid, qid in links if cid == category.id), key=lambda q: (q.order, q.id))
        category_dists = [dists[q.id] for q in linked if q.id in dists]
        section = Section(line, counts, category_dists, quotes[category.id])
        section.likert_chart, section.code_chart = charts.category_charts(category, counts, category_dists)
        sections.append(section)
    return sections


@dataclass
class Area:
    name: str
    lines: list


def report_themes(survey):
    """The cross-cutting themes with the categories they are drawn from (two queries)."""
    return list(
        survey.themes.prefetch_related(Prefetch("categories", Category.objects.filter(archived=False)))
    )


def development_areas(survey):
    """The development areas as written in the survey's settings: a blank line between areas,
    each area's name on its first line and its text and questions on the lines below."""
    areas = []
    for block in re.split(r"\n\s*\n", survey.development_areas.replace("\r\n", "\n").strip()):
        lines = [line.strip() for line in block.splitlines() if line.strip()]
        if lines:
            areas.append(Area(lines[0], lines[1:]))
    return areas


def report_content(survey, layer, user):
    """Everything the report shows in one layer of codings, for the page, the PDF and Word:
    a plain function of the survey, the layer and whose eyes (blind mode), no request, so a
    background worker can call it too."""
    choices = layers.layer_choices(survey, user)
    rows = layers.layer_rows(survey, layer, user)
    sections = report_sections(survey, rows, layers.layer_key(survey, layer, user))
    return {
        "survey": survey,
        "sections": sections,
        "lines": [s.line for s in sections],
        "themes": report_themes(survey),
        "areas": development_areas(survey),
        "layer": str(layer),
        "layer_choices": choices,
        "layer_label": layers.layer_label(layer, choices),
        "respondent_count": survey.respondents.count(),
        "today": timezone.localdate(),
    }
