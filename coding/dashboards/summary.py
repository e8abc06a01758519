"""`survey_summary SLUG --json`: what was asked and answered (surveys.summary) and the
categories with their codes, coverage and linked graded questions (by code).

Counts come from `coding.dashboards.stats.overview` over every coder's codings, the same
function the dashboards' overview uses, so the command and the screens cannot disagree."""

from coding import layers
from coding.dashboards import stats
from coding.models import Category
from surveys import summary as survey_part


def survey_summary(survey):
    summary = survey_part.survey_summary(survey)
    summary["categories"] = category_summary(survey)
    return summary


def category_summary(survey):
    rows = layers.layer_rows(survey, layers.ALL, None)
    lines = stats.overview(survey, rows)
    linked = {line.category.id: [] for line in lines}
    for category_id, code in (
        Category.questions.through.objects.filter(category__in=list(linked))
        .order_by("question__order", "question__id").values_list("category_id", "question__code")
    ):
        linked[category_id].append(code)
    return [
        {
            "name": line.category.name,
            "codes": [code.name for code in line.codes],
            "answers": line.answers,
            "respondents": line.respondents,
            "questions": linked[line.category.id],
        }
        for line in lines
    ]
