"""The suggestions panel of the coding view (accept, dismiss) and "code similar answers" from a
code's page. Suggestions are a coder's tool: each view needs the permission to code."""

from django import forms
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import trigger_client_event

from coding import errors
from coding.access import get_code_for
from coding.models import Code
from coding.suggestions import actions, queries
from coding.workspace import queries as workspace
from coding.workspace.views import _codings_response
from veiledning import roles
from veiledning.refusals import refuse

PANEL = "coding/suggestions/panel.html#suggestions"


class DecisionForm(forms.Form):
    """What accept and dismiss post: the code only (the score is the server's)."""

    code = forms.IntegerField(min_value=1)
    layer = forms.CharField(required=False, max_length=20)  # "own" or "consensus"


def _answer_for(survey, answer_id):
    return get_object_or_404(workspace.survey_answers(survey).select_related(*workspace.RELATED), pk=answer_id)


LAYER_CHOICE = "suggestion-layer:{}"  # the session remembers each survey's choice


def _layer(request, survey):
    """The layer to learn from: "own" or "consensus" as chosen now (the panel's choice, which
    the session remembers per survey) or before; blind mode allows only the coder's own."""
    requested = request.GET.get("layer", request.POST.get("layer"))
    key = LAYER_CHOICE.format(survey.pk)
    if requested in ("own", queries.CONSENSUS):
        request.session[key] = requested
    return queries.learning_layer(request.user, survey, request.session.get(key))


def _layer_context(request, survey, layer):
    return {"layer": layer, "consensus": layer == queries.CONSENSUS,
            "may_use_consensus": queries.learning_layer(request.user, survey, queries.CONSENSUS) == queries.CONSENSUS}


def _panel(request, survey, answer, layer, *, status=200):
    message, shown = queries.suggestions_for(answer, request.user, layer)
    context = {"survey": survey, "answer": answer, "message": message, "suggestions": shown,
               **_layer_context(request, survey, layer)}
    template = PANEL if request.htmx else "coding/suggestions/panel_page.html"
    return render(request, template, context, status=status)


@require_GET
def suggestions(request, slug, answer_id):
    survey = roles.get_survey_for(request, slug, roles.CODE)
    answer = _answer_for(survey, answer_id)
    return _panel(request, survey, answer, _layer(request, survey))


def _decision(request, slug, answer_id):
    survey = roles.get_survey_for(request, slug, roles.CODE)
    answer = _answer_for(survey, answer_id)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        raise errors.InvalidInput(_("Choose a suggested code."))
    code = Code.objects.filter(survey=survey, pk=form.cleaned_data["code"]).first()
    if code is None:
        raise errors.NotFound(_("No such code in this survey."))
    return survey, answer, code, _layer(request, survey)


@require_POST
def accept(request, slug, answer_id):
    try:
        survey, answer, code, layer = _decision(request, slug, answer_id)
        coding = actions.accept_suggestion(answer, code, by=request.user, layer=layer)
    except errors.CodingError as error:
        return refuse(request, error, back=reverse("coding:answer", args=[slug, answer_id]))
    if not request.htmx:
        return redirect("coding:answer", survey.slug, answer.pk)
    # The codings region (as the picker gets it): its coding-changed event reloads the panel.
    return _codings_response(request, survey, answer, applied=coding.code)


@require_POST
def dismiss(request, slug, answer_id):
    try:
        survey, answer, code, layer = _decision(request, slug, answer_id)
        actions.dismiss_suggestion(answer, code, by=request.user, layer=layer)
    except errors.CodingError as error:
        return refuse(request, error, back=reverse("coding:answer", args=[slug, answer_id]))
    if not request.htmx:
        return redirect("coding:answer", survey.slug, answer.pk)
    response = _panel(request, survey, answer, layer)
    return trigger_client_event(response, "suggestion-dismissed", {"answer": answer.pk, "code": code.pk})


class SimilarForm(forms.Form):
    answers = forms.TypedMultipleChoiceField(coerce=int, choices=(), required=True)

    def __init__(self, *args, offered=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["answers"].choices = [(a.pk, a.pk) for a in offered]
        self.fields["answers"].error_messages["required"] = _("Tick at least one of the answers in the list.")


@require_http_methods(["GET", "POST"])
def similar(request, slug, code_id):
    """ "Kod lignende svar": the answers most like those coded with the code, to tick and apply."""
    survey = roles.get_survey_for(request, slug, roles.CODE)
    code = get_code_for(survey, code_id)
    layer = _layer(request, survey)
    rows = queries.similar_answers(survey, code, request.user, layer)
    result = queries.suggester(survey, layer)
    context = {"survey": survey, "code": code, "rows": rows, **_layer_context(request, survey, layer),
               "message": "" if rows else queries.status_message(result) or _(
                   "No answers like these are left to code with this code."),
               "batch": None, "added": None}
    status = 200
    if request.method == "POST":
        form = SimilarForm(request.POST, offered=[a for a, _s, _n in rows])
        if form.is_valid():
            try:
                batch, added = actions.code_similar(survey, code, form.cleaned_data["answers"],
                                                    by=request.user, layer=layer)
            except errors.CodingError as error:
                return refuse(request, error, back=reverse("coding:code_similar", args=[slug, code_id]))
            context.update(batch=batch, added=added,
                           rows=queries.similar_answers(survey, code, request.user, layer))
        else:
            context["error"] = " ".join(e for errs in form.errors.values() for e in errs)
            status = 400
    return render(request, "coding/suggestions/similar.html", context, status=status)


class UndoForm(forms.Form):
    batch = forms.UUIDField()


@require_POST
def similar_undo(request, slug, code_id):
    survey = roles.get_survey_for(request, slug, roles.CODE)
    code = get_code_for(survey, code_id)
    form = UndoForm(request.POST)
    back = reverse("coding:code_similar", args=[slug, code.pk])
    if not form.is_valid():
        return refuse(request, errors.InvalidInput(_("Which batch should be undone?")), back=back)
    try:
        removed = actions.undo_similar(survey, form.cleaned_data["batch"], by=request.user)
    except errors.CodingError as error:
        return refuse(request, error, back=back)
    layer = _layer(request, survey)
    context = {"survey": survey, "code": code, **_layer_context(request, survey, layer), "batch": None, "added": None,
               "undone": removed, "rows": queries.similar_answers(survey, code, request.user, layer)}
    return render(request, "coding/suggestions/similar.html", context)
