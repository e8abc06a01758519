"""The coding part of `survey_summary`: categories with their codes and coverage.

Counts come from `coding.dashboards.stats.overview` over every coder's codings, the same function the
dashboards' overview uses, so the command and the screens cannot disagree."""

from coding import layers
from coding.dashboards import stats


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
