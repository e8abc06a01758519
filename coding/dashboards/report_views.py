"""The report: the whole survey as a printable HTML page, and the same as a PDF and a DOCX file
(the DOCX of a large survey is written by the background worker: coding/dashboards/tasks.py)."""

from io import BytesIO

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from coding import layers
from coding.dashboards import tasks
from coding.dashboards.compare import with_comparison
from coding.dashboards.report import report_content
from surveys.jobs import work
from surveys.jobs.models import Job
from veiledning import roles
from veiledning.downloads import attachment

DOCX = tasks.DOCX


def _layer(request, survey):
    return layers.parse_layer(request.GET.get("layer") or request.POST.get("layer"), request.user, survey)


@require_safe
def report(request, slug):
    survey = roles.get_survey_for(request, slug)
    context = with_comparison(report_content(survey, _layer(request, survey), request.user),
                              request.GET.get("compare"))
    context.update(docx_in_background=tasks.docx_in_background(survey))
    return render(request, "coding/dashboards/report.html", context)


@require_http_methods(["GET", "POST"])
def report_docx(request, slug):
    survey = roles.get_survey_for(request, slug, roles.EXPORT)
    layer = _layer(request, survey)
    compare = request.GET.get("compare") or request.POST.get("compare") or ""
    if tasks.docx_in_background(survey):
        if request.method == "POST":
            return redirect(work.start(tasks.report_docx, Job.Kind.REPORT_DOCX, by=request.user, survey=survey,
                                       params={"layer": str(layer), "compare": compare},
                                       title=tasks.report_name(survey, "docx")))
        return render(request, "surveys/jobs/start.html", {"survey": survey, "what": _("The report as DOCX"),
                                                           "action": request.path,
                                                           "fields": [("layer", str(layer)), ("compare", compare)]})
    if request.method == "POST":
        return redirect(f"{request.path}?layer={request.POST.get('layer', '')}&compare={compare}")
    buffer = BytesIO()
    from coding.dashboards.docx import build_docx  # python-docx only when a report is written

    content = with_comparison(report_content(survey, layer, request.user), compare)
    build_docx(content).save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=DOCX)
    return attachment(response, tasks.report_name(survey, "docx"), request=request,
                      survey=survey, kind="report", format="docx", layer=str(layer),
                      **({"compared_with": content["other"].slug} if content["other"] else {}))


@require_safe
def report_pdf_download(request, slug):
    survey = roles.get_survey_for(request, slug, roles.EXPORT)
    layer = _layer(request, survey)
    from coding.dashboards.pdf import report_pdf  # WeasyPrint only when a PDF is made

    content = report_pdf(survey, layer=layer, user=request.user, language=translation.get_language(),
                         compare=request.GET.get("compare", ""))
    response = HttpResponse(content, content_type="application/pdf")
    return attachment(response, tasks.report_name(survey, "pdf"), request=request,
                      survey=survey, kind="report", format="pdf", layer=str(layer))
