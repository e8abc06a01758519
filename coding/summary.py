"""The coding part of `survey_summary`: categories with their codes and coverage."""

from django.db.models import Count

from coding.models import Category, CategoryCode, Coding


def category_summary(survey):
    categories = list(Category.objects.filter(survey=survey, archived=False).order_by("order", "id"))
    names = {c.id: [] for c in categories}
    for placement in CategoryCode.objects.filter(category__in=categories).select_related("code").order_by(
        "category_id", "position", "code__name"
    ):
        names[placement.category_id].append(placement.code.name)
    coverage = {
        row["code__placements__category"]: row
        for row in Coding.objects.filter(code__placements__category__in=categories)
        .values("code__placements__category")
        .annotate(answers=Count("answer", distinct=True), respondents=Count("answer__respondent", distinct=True))
        .order_by()
    }
    return [
        {
            "name": c.name,
            "codes": names[c.id],
            "answers": coverage.get(c.id, {}).get("answers", 0),
            "respondents": coverage.get(c.id, {}).get("respondents", 0),
        }
        for c in categories
    ]
