"""The link screens (admin): the survey-wide grid of graded questions × categories, and the
category card's own list. Both are plain forms (they work without JavaScript); a suggestion
is shown beside its checkbox and is linked only when the admin ticks it or presses
"Accept the suggestions"."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from coding.access import get_category_for
from coding.links import actions
from coding.links.forms import CategoryQuestionsForm, LinkGridForm
from coding.links.queries import link_grid
from veiledning import roles
from veiledning.refusals import Refusal, refuse

ACCEPT = "accept_suggestions"


def _saved_message(added, removed):
    if not (added or removed):
        return _("No links changed.")
    return _("Links saved: %(added)s added, %(removed)s removed.") % {"added": added, "removed": removed}


@require_http_methods(["GET", "HEAD", "POST"])
def grid(request, slug):
    survey = roles.get_survey_for(request, slug, roles.MANAGE_CATEGORIES)
    grid = link_grid(survey)
    if request.method == "POST":
        form = LinkGridForm(request.POST, grid=grid)
        if not form.is_valid():
            return refuse(request, Refusal(form.non_field_errors()[0], status=409))
        links = form.cleaned_data["links"]
        if ACCEPT in request.POST:
            for (category_id, question_id) in grid.suggested:
                category = next(c for c in grid.categories if c.id == category_id)
                links[category].add(next(q for q in grid.questions if q.id == question_id))
        added, removed = actions.set_question_links(survey, links, by=request.user)
        messages.success(request, _saved_message(added, removed))
        return redirect("coding:question_links", survey.slug)
    context = {"survey": survey, "grid": grid, "rows": grid.rows()}
    return render(request, "coding/links/grid.html", context)


@require_POST
def category_questions(request, slug, category_id):
    survey = roles.get_survey_for(request, slug, roles.MANAGE_CATEGORIES)
    category = get_category_for(survey, category_id)
    form = CategoryQuestionsForm(request.POST, survey=survey)
    if not form.is_valid():
        return refuse(request, Refusal(_("The list is out of date: a question was removed. Reload the page."),
                                       status=409))
    questions = set(form.cleaned_data["questions"])
    if ACCEPT in request.POST:
        grid = link_grid(survey, [category])
        questions |= {q for q in grid.questions if (category.id, q.id) in grid.suggested}
    added, removed = actions.set_category_questions(category, questions, by=request.user)
    messages.success(request, _saved_message(len(added), len(removed)))
    return redirect("coding:board_category", survey.slug, category.pk)


def card_context(survey, category):
    """What the category card needs for its link form: the graded questions with their
    state and suggestion, or nothing when the survey has no graded questions."""
    grid = link_grid(survey, [category])
    return [
        (question, linked, suggestion)
        for question, [(_c, linked, suggestion)] in grid.rows()
    ]
