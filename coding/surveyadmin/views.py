"""The survey settings screen and the delete confirmation (admin only)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from coding.models import AuditEvent
from coding.surveyadmin import actions
from coding.surveyadmin.forms import SETTINGS_FIELDS, DeleteSurveyForm, SurveySettingsForm
from surveys.importing.undo import last_import
from veiledning import roles

HISTORY = (AuditEvent.Action.SURVEY_CHANGED, AuditEvent.Action.AGREEMENT_SETTINGS)


def _history(survey):
    """The settings' history, each row with the changed fields' labels and values."""
    form = SurveySettingsForm()
    labels = {name: field.label for name, field in form.fields.items()}
    choices = {name: dict(field.choices) for name, field in form.fields.items() if hasattr(field, "choices")}

    def shown(name, value):  # a choice by its label ("Skole", not "school"), as the form shows it
        return choices.get(name, {}).get(value, value)

    events = list(AuditEvent.objects.filter(survey=survey, action__in=HISTORY).select_related("actor")[:100])
    for event in events:
        changes = event.data.get("changes", {})
        event.fields = [(labels.get(name, name), shown(name, change["old"]), shown(name, change["new"]))
                        for name, change in changes.items()]
    return events


@require_http_methods(["GET", "HEAD", "POST"])
def survey_settings(request, slug):
    survey = roles.get_survey_for(request, slug, roles.IMPORT)
    status = 200
    if request.method == "POST":
        form = SurveySettingsForm(request.POST, instance=_detached(survey))
        if form.is_valid():
            fields = {name: form.cleaned_data[name] for name in SETTINGS_FIELDS}
            survey, changed = actions.update_survey(survey, by=request.user, **fields)
            messages.success(request, _("Saved.") if changed else _("Nothing was changed."))
            return redirect("coding:survey_settings", survey.slug)
        status = 400
    else:
        form = SurveySettingsForm(instance=survey)
    context = {"survey": survey, "form": form, "history": _history(survey), "last_import": last_import(survey)}
    return render(request, "coding/surveyadmin/settings.html", context, status=status)


def _detached(survey):
    """A detached copy for the bound form: ModelForm writes cleaned values onto its instance."""
    return type(survey).objects.get(pk=survey.pk)


@require_http_methods(["GET", "HEAD", "POST"])
def survey_delete(request, slug):
    survey = roles.get_survey_for(request, slug, roles.IMPORT)
    status = 200
    if request.method == "POST":
        form = DeleteSurveyForm(request.POST, survey=survey)
        if form.is_valid():
            title = survey.title
            actions.delete_survey(survey, by=request.user)
            messages.success(request, _("The survey “%(title)s” was deleted.") % {"title": title})
            return redirect("surveys:list")
        status = 400
    else:
        form = DeleteSurveyForm(survey=survey)
    context = {
        "survey": survey, "form": form,
        "counts": {"respondents": survey.respondents.count(), "codes": survey.codes.count()},
    }
    return render(request, "coding/surveyadmin/delete.html", context, status=status)
