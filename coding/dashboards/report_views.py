"""The report: the whole survey as a printable HTML page, and the same as a DOCX file (written by
the background worker for a large survey: coding/dashboards/tasks.py)."""

from io import BytesIO

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from coding import layers
from coding.dashboards import tasks
from coding.dashboards.compare import compare_category, rounds_to_compare
from coding.dashboards.report import report_sections
from surveys.jobs import work
from surveys.jobs.models import Job
from veiledning import roles
from veiledning.downloads import attachment

DOCX = tasks.DOCX


def _sections(request, survey):
    choices = layers.layer_choices(survey, request.user)
    layer = layers.parse_layer(request.GET.get("layer"), request.user, survey)
    rows = layers.layer_rows(survey, layer, request.user)
    return layer, choices, report_sections(survey, rows, layers.layer_key(survey, layer, request.user))


@require_safe
def report(request, slug):
    survey = roles.get_survey_for(request, slug)
    layer, choices, sections = _sections(request, survey)
    rounds = rounds_to_compare(survey)
    other = next((s for s in rounds if s.slug == request.GET.get("compare")), None)
    if other is not None:
        for section in sections:
            section.comparison = compare_category(section.category, other)
    context = {
        "survey": survey,
        "rounds": rounds,
        "other": other,
        "sections": sections,
        "lines": [s.line for s in sections],
        "layer": str(layer),
        "layer_choices": choices,
        "layer_label": layers.layer_label(layer, choices),
        "respondent_count": survey.respondents.count(),
        "today": timezone.localdate(),
        "docx_in_background": tasks.docx_in_background(survey),
    }
    return render(request, "coding/dashboards/report.html", context)


@require_http_methods(["GET", "POST"])
def report_docx(request, slug):
    survey = roles.get_survey_for(request, slug, roles.EXPORT)
    if tasks.docx_in_background(survey):
        layer = layers.parse_layer(request.GET.get("layer") or request.POST.get("layer"), request.user, survey)
        if request.method == "POST":
            return redirect(work.start(tasks.report_docx, Job.Kind.REPORT_DOCX, by=request.user, survey=survey,
                                       params={"layer": str(layer)}, title=tasks.docx_name(survey)))
        return render(request, "surveys/jobs/start.html", {"survey": survey, "what": _("The report as DOCX"),
                                                           "action": request.path, "fields": [("layer", str(layer))]})
    if request.method == "POST":
        return redirect(f"{request.path}?layer={request.POST.get('layer', '')}")
    layer, choices, sections = _sections(request, survey)
    buffer = BytesIO()
    from coding.dashboards.docx import build_docx  # python-docx only when a report is written

    build_docx(survey, sections, layers.layer_label(layer, choices)).save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=DOCX)
    return attachment(response, tasks.docx_name(survey), request=request,
                      survey=survey, kind="report", format="docx", layer=str(layer))
