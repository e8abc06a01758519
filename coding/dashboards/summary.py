"""`survey_summary SLUG --json`: what was asked and answered (surveys.summary) and the
categories with their codes and coverage.

Counts come from `coding.dashboards.stats.overview` over every coder's codings, the same
function the dashboards' overview uses, so the command and the screens cannot disagree."""

from coding import layers
from coding.dashboards import stats
from surveys import summary as survey_part


def survey_summary(survey):
    summary = survey_part.survey_summary(survey)
    summary["categories"] = category_summary(survey)
    return summary


def category_summary(survey):
    rows = layers.layer_rows(survey, layers.ALL, None)
    return [
        {
            "name": line.category.name,
            "codes": [code.name for code in line.codes],
            "answers": line.answers,
            "respondents": line.respondents,
        }
        for line in stats.overview(survey, rows)
    ]
