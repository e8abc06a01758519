"""Undoing a survey's last import (admin): one POST from the survey settings screen."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from surveys.importing.undo import undo_import
from surveys.models import ImportRun
from veiledning import roles
from veiledning.refusals import Refusal, refuse


@require_POST
def undo_last_import(request, slug, pk):
    survey = roles.get_survey_for(request, slug, roles.IMPORT)
    run = ImportRun.objects.filter(survey=survey, pk=pk).first()
    if run is None:
        raise Http404
    try:
        undo_import(run, by=request.user)
    except Refusal as error:  # the refusal page leads back to the settings it came from
        return refuse(request, error, back=reverse("coding:survey_settings", args=[survey.slug]))
    messages.success(request, _("The import of %(file)s was undone: the survey is as it was before it.")
                     % {"file": run.filename})
    return redirect("coding:survey_settings", survey.slug)
