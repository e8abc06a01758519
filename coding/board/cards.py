"""The board's two detail screens: a category's card (description, finding, history, linked
graded questions) and a code's drawer (the answers coded with it, grouped by coder)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from coding.access import get_category_for
from coding.board import actions
from coding.board.forms import CategoryForm, CategoryThemesForm
from coding.board.queries import code_answers
from coding.links.views import card_context
from coding.models import AuditEvent, CategoryCode, Code
from surveys.models import Answer
from surveys.summary import distributions
from veiledning import roles
from veiledning.refusals import Refusal, refuse


def _survey_and_category(request, slug, pk, perm=roles.VIEW):
    survey = roles.get_survey_for(request, slug, perm)
    return survey, get_category_for(survey, pk)


def _bars(distribution):
    """Widths (0–100) of a small horizontal stacked bar, one segment per scale value."""
    return [
        {"value": value, "label": label, "count": count, "percent": pct, "x": 0, "width": 0}
        for value, label, count, pct in distribution.rows()
    ]


PALETTE = ["#b2182b", "#ef8a62", "#fddbc7", "#d1e5f0", "#67a9cf", "#2166ac"]


def _layout(bars):
    x = 0
    for index, bar in enumerate(bars):
        bar["fill"] = PALETTE[index % len(PALETTE)]
        bar["x"] = x
        bar["width"] = bar["percent"]
        x += bar["percent"]
    return bars


def _readable(events):
    """The history's rows with the changed fields named as the form names them ("navn, funn")."""
    labels = {name: str(field.label).lower() for name, field in CategoryForm.base_fields.items()}
    events = list(events)
    for event in events:
        event.change_labels = [labels.get(name, name) for name in event.data.get("changes", {})]
    return events


def category_context(request, survey, category, form=None):
    may_rename = roles.can(request.user, roles.MANAGE_CATEGORIES)
    if form is None:
        form = CategoryForm(
            initial={"name": category.name, "description": category.description,
                     "finding": category.finding, "version": category.version},
            category=category, may_rename=may_rename,
        )
    questions = list(category.questions.order_by("order", "id"))
    dists = distributions(questions, Answer.objects.filter(question__survey=survey))
    linked = [
        {"question": q, "distribution": dists[q.id], "bars": _layout(_bars(dists[q.id]))}
        for q in questions if q.id in dists
    ]
    history = _readable(
        AuditEvent.objects.filter(category=category).select_related("actor").order_by("-created_at", "-id")[:200]
    )
    placements = CategoryCode.objects.filter(category=category).select_related("code").order_by("position", "id")
    return {
        "survey": survey,
        "category": category,
        "form": form,
        "themes_form": CategoryThemesForm(initial={"themes": list(category.themes.all())}, survey=survey),
        "linked": linked,
        "history": history,
        "codes": [p.code for p in placements],
        "may_write_findings": roles.can_in(request.user, roles.WRITE_FINDINGS, survey),
    } | _link_context(request, survey, category)


def _link_context(request, survey, category):
    if not roles.can(request.user, roles.MANAGE_CATEGORIES):
        return {}
    choices = card_context(survey, category)
    return {"link_choices": choices, "link_suggested": any(s for _q, _l, s in choices)}


@require_safe
def category_card(request, slug, category_id):
    survey, category = _survey_and_category(request, slug, category_id)
    context = category_context(request, survey, category)
    template = "coding/board/category.html#category-text" if request.htmx else "coding/board/category.html"
    return render(request, template, context)


@require_POST
def category_update(request, slug, category_id):
    survey, category = _survey_and_category(request, slug, category_id, roles.WRITE_FINDINGS)
    form = CategoryForm(request.POST, category=category, may_rename=roles.can(request.user, roles.MANAGE_CATEGORIES))
    status, message = 200, ""
    if not form.is_valid():
        status, message = 400, _("Check the form: it was not saved.")
    else:
        try:
            category = actions.update_category(
                category, by=request.user, version=form.cleaned_data["version"], **form.changes()
            )
        except actions.BoardConflict as conflict:
            status, message = 409, conflict.message
        else:
            if not request.htmx:
                messages.success(request, _("Saved."))
                return redirect("coding:board_category", survey.slug, category.pk)
            form, message = None, _("Saved.")
    context = category_context(request, survey, category, form=form if status == 400 else None)
    context["save_message"] = message
    context["save_failed"] = status >= 400
    template = "coding/board/category.html#category-text" if request.htmx else "coding/board/category.html"
    response = render(request, template, context, status=status)
    if status >= 400:
        return refuse(request, Refusal(message, status=status), response=response)
    return response


@require_POST
def category_themes(request, slug, category_id):
    survey, category = _survey_and_category(request, slug, category_id, roles.MANAGE_CATEGORIES)
    form = CategoryThemesForm(request.POST, survey=survey)
    if form.is_valid():
        actions.set_category_themes(category, form.cleaned_data["themes"], by=request.user)
        messages.success(request, _("Saved."))
    else:
        messages.error(request, _("Check the form: it was not saved."))
    return redirect("coding:board_category", survey.slug, category.pk)


def answer_url(survey, answer):
    """The coding view of one answer."""
    return reverse("coding:answer", args=[survey.slug, answer.pk])


@require_safe
def code_drawer(request, slug, code_id):
    survey = roles.get_survey_for(request, slug)
    code = get_object_or_404(Code, survey=survey, pk=code_id)
    groups = [
        (coder, [(answer, segs, whole, answer_url(survey, answer)) for answer, segs, whole in rows])
        for coder, rows in code_answers(code, request.user)
    ]
    categories = code.categories.filter(archived=False).order_by("order", "id")
    context = {"survey": survey, "code": code, "groups": groups, "categories": categories}
    template = "coding/board/code.html#code-answers" if request.htmx else "coding/board/code.html"
    return render(request, template, context)
