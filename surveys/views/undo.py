"""Undoing a survey's last import (admin): one POST from the survey settings screen."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from surveys.importing.undo import undo_import
from surveys.models import ImportRun
from veiledning import roles


@require_POST
def undo_last_import(request, slug, pk):
    survey = roles.get_survey_for(request, slug, roles.IMPORT)
    run = ImportRun.objects.filter(survey=survey, pk=pk).first()
    if run is None:
        raise Http404
    undo_import(run, by=request.user)  # a Refusal rises to RefusalMiddleware with its message
    messages.success(request, _("The import of %(file)s was undone: the survey is as it was before it.")
                     % {"file": run.filename})
    return redirect("coding:survey_settings", survey.slug)
