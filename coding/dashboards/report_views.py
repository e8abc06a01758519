"""The report: the whole survey as a printable HTML page, and the same as a DOCX file."""

from io import BytesIO

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from coding import layers
from coding.dashboards.compare import compare_category, rounds_to_compare
from coding.dashboards.report import report_sections
from veiledning import roles
from veiledning.downloads import attachment

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _sections(request, survey):
    choices = layers.layer_choices(survey, request.user)
    layer = layers.parse_layer(request.GET.get("layer"), request.user, survey)
    rows = layers.layer_rows(survey, layer, request.user)
    return layer, choices, report_sections(survey, rows, layers.layer_key(survey, layer, request.user))


def _compared(request, survey, sections):
    """(the other rounds, the one chosen with ?compare=): each section gets its comparison."""
    rounds = rounds_to_compare(survey)
    other = next((s for s in rounds if s.slug == request.GET.get("compare")), None)
    if other is not None:
        for section in sections:
            section.comparison = compare_category(section.category, other)
    return rounds, other


@require_safe
def report(request, slug):
    survey = roles.get_survey_for(request, slug)
    layer, choices, sections = _sections(request, survey)
    rounds, other = _compared(request, survey, sections)
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
    }
    return render(request, "coding/dashboards/report.html", context)


@require_safe
def report_docx(request, slug):
    survey = roles.get_survey_for(request, slug, roles.EXPORT)
    layer, choices, sections = _sections(request, survey)
    _rounds, other = _compared(request, survey, sections)
    buffer = BytesIO()
    from coding.dashboards.docx import build_docx  # python-docx only when a report is written

    build_docx(survey, sections, layers.layer_label(layer, choices)).save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=DOCX)
    return attachment(response, f"{survey.slug}-rapport-{timezone.localdate().isoformat()}.docx", request=request,
                      survey=survey, kind="report", format="docx", layer=str(layer),
                      **({"compared_with": other.slug} if other else {}))
