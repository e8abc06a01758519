"""Writes of the question-to-category links. Each call is one transaction; every category
whose links change gets a history row naming the questions linked and unlinked (by code, as
they were), which also moves the dashboards' cache stamp so the change shows at once."""

from django.db import transaction
from django.utils.translation import gettext as _

from coding import audit
from coding.models import Category
from veiledning.refusals import Refusal


def _check(survey, questions):
    for question in questions:
        if question.survey_id != survey.id:
            raise Refusal(_("The question belongs to another survey."))
        if question.kind != question.Kind.LIKERT:
            raise Refusal(_("Only graded questions can be linked to a category: %(code)s is not graded.")
                          % {"code": question.code})


def _codes(questions):
    return [q.code for q in sorted(questions, key=lambda q: (q.order, q.id))]


def set_category_questions(category, questions, *, by):
    """Link exactly `questions` (graded, of the category's survey) to `category`.
    Returns (added, removed) as lists of questions."""
    survey = category.survey
    wanted = set(questions)
    _check(survey, wanted)
    with transaction.atomic():
        Category.objects.select_for_update().filter(pk=category.pk).first()
        before = set(category.questions.all())
        added, removed = wanted - before, before - wanted
        if not (added or removed):
            return [], []
        category.questions.remove(*removed)
        category.questions.add(*added)
        audit.record(survey, audit.Action.CATEGORY_CHANGED, by=by, category=category,
                     questions_added=_codes(added), questions_removed=_codes(removed))
    return _codes(added), _codes(removed)


def link_questions(category, questions, *, by):
    """Add `questions` to the category's links (those already linked stay)."""
    return set_category_questions(category, set(category.questions.all()) | set(questions), by=by)


def set_question_links(survey, links, *, by):
    """The grid's save: `links` is {category: set of questions} for every category the grid
    showed; each gets exactly its set. Returns how many links were added and removed."""
    added = removed = 0
    with transaction.atomic():
        for category, questions in links.items():
            if category.survey_id != survey.id:
                raise Refusal(_("The category belongs to another survey."))
            plus, minus = set_category_questions(category, questions, by=by)
            added, removed = added + len(plus), removed + len(minus)
    return added, removed
