"""The REFI-QDA exchange page and its downloads: the survey as `.qdpx` / `.qdc`.

The page also holds the two upload forms; what they post to (preview and import of a codebook,
import of a project) is `coding/refi_import/views.py`, which shows this page again with the
form's error when a file is refused. A large survey's `.qdpx` is written by the background
worker (coding/refi/tasks.py); the view starts the job and shows its page."""

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from coding.refi import RefiError, tasks
from coding.refi.forms import CodebookUploadForm, ProjectUploadForm
from surveys.jobs import work
from surveys.jobs.models import Job
from veiledning import roles
from veiledning.downloads import attachment


def exchange_page(request, survey, *, codebook_form=None, project_form=None, status=200):
    """The page, with a refused upload's form (and its error) where one is given."""
    context = {
        "survey": survey,
        "may_import_codebook": roles.can(request.user, roles.MANAGE_CATEGORIES),
        "may_import_project": roles.can(request.user, roles.IMPORT),
        "codebook_form": codebook_form or CodebookUploadForm(),
        "project_form": project_form or ProjectUploadForm(),
        "code_count": survey.codes.count(),
        "upload_limit": settings.UPLOAD_MAX_BYTES,
        "qdpx_in_background": work.too_large(tasks.project_rows(survey)),
    }
    return render(request, "coding/refi/refi.html", context, status=status)


@require_safe
def refi(request, slug):
    survey = roles.get_survey_for(request, slug, roles.EXPORT)
    return exchange_page(request, survey)


@require_http_methods(["GET", "POST"])
def download_qdpx(request, slug):
    """The project file; for a large survey, written by the worker (POST starts it; GET says so)."""
    survey = roles.get_survey_for(request, slug, roles.EXPORT)
    if work.too_large(tasks.project_rows(survey)):
        if request.method == "POST":
            return redirect(work.start(tasks.export_project_file, Job.Kind.EXPORT_PROJECT, by=request.user,
                                       survey=survey, title=f"{survey.slug}.qdpx"))
        return render(request, "surveys/jobs/start.html", {"survey": survey, "what": _("The REFI-QDA project (.qdpx)"),
                                                           "action": request.path, "fields": []})
    if request.method == "POST":
        return redirect(request.path)
    from coding.refi.export import build_qdpx  # lxml only when a project is written

    data = build_qdpx(survey, request.user)
    response = HttpResponse(data, content_type="application/zip")
    return attachment(response, f"{survey.slug}.qdpx", request=request, survey=survey, format="qdpx", size=len(data))


@require_safe
def download_qdc(request, slug):
    survey = roles.get_survey_for(request, slug, roles.EXPORT)
    try:
        from coding.refi.export import build_codebook

        data = build_codebook(survey)
    except RefiError as error:
        messages.error(request, error.message)
        return redirect("coding:refi", survey.slug)
    response = HttpResponse(data, content_type="application/xml")
    return attachment(response, f"{survey.slug}.qdc", request=request, survey=survey, format="qdc", size=len(data))
