"""The report's content for the whole survey, batched: the same few queries whatever the
number of categories, codes or codings. Read by the HTML report and the DOCX report."""

from dataclasses import dataclass, field

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
    questions = {q.id: q for q in survey.questions.filter(id__in={qid for _c, qid in links})}
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
        section.code_chart = charts.code_chart(f"codes-{category.id}", category.name, counts) if counts else None
        section.likert_chart = charts.likert_chart(f"graded-{category.id}", category.name, category_dists)
        sections.append(section)
    return sections
