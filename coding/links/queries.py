"""Reads for the link screens: the survey's graded questions, its categories, the links
between them and the suggestions for the pairs not yet linked, in four queries."""

from dataclasses import dataclass

from coding.links.suggest import suggestions
from coding.models import Category


@dataclass
class Grid:
    questions: list
    categories: list
    linked: set  # {(category_id, question_id)}
    suggested: dict  # {(category_id, question_id): Suggestion}

    def rows(self):
        """[(question, [(category, linked, suggestion or None)])] for the template."""
        return [
            (q, [(c, (c.id, q.id) in self.linked, self.suggested.get((c.id, q.id))) for c in self.categories])
            for q in self.questions
        ]


def graded_questions(survey):
    return list(survey.questions.graded().order_by("order", "id"))


def link_grid(survey, categories=None):
    questions = graded_questions(survey)
    if categories is None:
        categories = list(Category.objects.filter(survey=survey, archived=False).order_by("order", "id"))
    linked = set(
        Category.questions.through.objects.filter(category__in=categories).values_list("category_id", "question_id")
    )
    suggested = {(s.category_id, s.question_id): s for s in suggestions(categories, questions, linked)}
    return Grid(questions, categories, linked, suggested)
