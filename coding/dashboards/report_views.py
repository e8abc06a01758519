"""The report: the whole survey as a printable HTML page, and the same as a PDF and a DOCX file."""

from io import BytesIO

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone, translation
from django.views.decorators.http import require_safe

from coding import layers
from coding.dashboards.compare import compare_category, rounds_to_compare
from coding.dashboards.report import report_content
from veiledning import roles
from veiledning.downloads import attachment

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _layer(request, survey):
    return layers.parse_layer(request.GET.get("layer"), request.user, survey)


def _filename(survey, extension):
    return f"{survey.slug}-rapport-{timezone.localdate().isoformat()}.{extension}"


@require_safe
def report(request, slug):
    survey = roles.get_survey_for(request, slug)
    context = report_content(survey, _layer(request, survey), request.user)
    rounds = rounds_to_compare(survey)
    other = next((s for s in rounds if s.slug == request.GET.get("compare")), None)
    if other is not None:
        for section in context["sections"]:
            section.comparison = compare_category(section.category, other)
    context.update(rounds=rounds, other=other)
    return render(request, "coding/dashboards/report.html", context)


@require_safe
def report_docx(request, slug):
    survey = roles.get_survey_for(request, slug, roles.EXPORT)
    layer = _layer(request, survey)
    buffer = BytesIO()
    from coding.dashboards.docx import build_docx  # python-docx only when a report is written

    build_docx(report_content(survey, layer, request.user)).save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=DOCX)
    return attachment(response, _filename(survey, "docx"), request=request,
                      survey=survey, kind="report", format="docx", layer=str(layer))


@require_safe
def report_pdf_download(request, slug):
    survey = roles.get_survey_for(request, slug, roles.EXPORT)
    layer = _layer(request, survey)
    from coding.dashboards.pdf import report_pdf  # WeasyPrint only when a PDF is made

    content = report_pdf(survey, layer=layer, user=request.user, language=translation.get_language())
    response = HttpResponse(content, content_type="application/pdf")
    return attachment(response, _filename(survey, "pdf"), request=request,
                      survey=survey, kind="report", format="pdf", layer=str(layer))
