"""'Mark as reviewed' on a changed answer (coders and admins)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coding.review.actions import mark_reviewed
from surveys.models import Answer
from veiledning import roles


@require_POST
def answer_reviewed(request, slug, answer_id):
    survey = roles.get_survey_for(request, slug, roles.CODE)
    answer = get_object_or_404(Answer.objects.select_related("question__survey"), pk=answer_id,
                               question__survey=survey)
    if mark_reviewed(answer, by=request.user):
        messages.success(request, _("Marked as reviewed."))
    else:
        messages.info(request, _("This answer was already reviewed."))
    return redirect("coding:answer", survey.slug, answer.pk)
