"""The exports page and the downloads (CSV for Excel and XLSX), for admin, coder and reviewer.

Every download is an attachment with `filename*=UTF-8''…`, nosniff and no-store, and leaves an
audit row. In blind mode a coder's export holds only their own layer (coding.layers). An export of
more rows than a request should write (answers or codings of a large survey) is written by the
background worker (coding/exports/tasks.py): POST starts it, GET offers to."""


from django.http import FileResponse, Http404, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from coding import layers
from coding.dashboards import stats
from coding.dashboards.compare import rounds_to_compare, survey_comparison_table
from coding.dashboards.tasks import docx_in_background
from coding.exports import tables as exports
from coding.exports import tasks
from surveys.jobs import work
from surveys.jobs.models import Job
from veiledning import roles
from veiledning.downloads import attachment
from veiledning.refusals import Refusal

KINDS = {
    "answers": gettext_lazy("answers with codes"),
    "codings": gettext_lazy("codings"),
    "frequencies": gettext_lazy("code frequencies"),
    "crosstab": gettext_lazy("crosstab"),
    "comparison": gettext_lazy("round comparison"),
}
OWN_SECTION = ("crosstab", "comparison")  # kinds with their own form on the page
FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
@require_safe
def exports_page(request, slug):
    survey = roles.get_survey_for(request, slug, roles.EXPORT)
    layer = layers.parse_layer(request.GET.get("layer"), request.user, survey)
    rows = layers.layer_rows(survey, layer, request.user)
    context = {
        "survey": survey,
        "layer": str(layer),
        "layer_choices": layers.layer_choices(survey, request.user),
        "kinds": [(kind, label) for kind, label in KINDS.items() if kind not in OWN_SECTION],
        "rounds": rounds_to_compare(survey),
        "attribute_choices": stats.attribute_choices(survey),
        "categories": exports.categories_for(survey, None),
        "blind": not layers.sees_all_layers(request.user, survey),
        "formats": list(FORMATS),
        "docx_in_background": docx_in_background(survey),
        "in_background": [kind for kind in tasks.BACKGROUND_KINDS
                          if work.too_large(tasks.export_rows(kind, survey, rows))],
    }
    context["layer_label"] = layers.layer_label(layer, context["layer_choices"])
    return render(request, "coding/exports/exports.html", context)


def _category_id(request, survey):
    value = request.GET.get("category", "")
    return int(value) if value.isdigit() else None


def table_for(kind, survey, rows, layer, request):
    if kind == "comparison":  # every category beside the same category in another round
        rounds = rounds_to_compare(survey)
        other = next((s for s in rounds if s.slug == request.GET.get("with")), rounds[0] if rounds else None)
        if other is None:
            raise Refusal(_("There is no other round to compare with."), status=409)
        return survey_comparison_table(survey, other)
    if kind == "answers":
        return exports.answers_table(survey, rows)
    if kind == "codings":
        return exports.codings_table(survey, rows, layer)
    if kind == "frequencies":
        return exports.frequency_table(survey, rows)
    attribute = stats.parse_attribute(request.GET.get("attribute"), stats.attribute_choices(survey))
    categories = exports.categories_for(survey, _category_id(request, survey))
    return exports.crosstab_table(survey, rows, attribute, categories)


@require_http_methods(["GET", "POST"])
def download(request, slug, kind, fmt):
    survey = roles.get_survey_for(request, slug, roles.EXPORT)
    if kind not in KINDS or fmt not in FORMATS:
        raise Http404
    layer = layers.parse_layer(request.GET.get("layer") or request.POST.get("layer"), request.user, survey)
    rows = layers.layer_rows(survey, layer, request.user)
    if kind in tasks.BACKGROUND_KINDS and work.too_large(tasks.export_rows(kind, survey, rows)):
        what = _("%(what)s as %(format)s") % {"what": str(KINDS[kind]).capitalize(), "format": fmt.upper()}
        if request.method == "POST":
            return redirect(work.start(tasks.export_file, Job.Kind.EXPORT, by=request.user, survey=survey,
                                       params={"kind": kind, "fmt": fmt, "layer": str(layer)}, title=what))
        return render(request, "surveys/jobs/start.html", {"survey": survey, "what": what, "action": request.path,
                                                           "fields": [("layer", str(layer))]})
    if request.method == "POST":
        return redirect(f"{request.path}?layer={layer}")
    header, table = table_for(kind, survey, rows, layer, request)
    stamp = timezone.localdate().isoformat()
    filename = f"{survey.slug}-{KINDS[kind]}-{stamp}.{fmt}".replace(" ", "-")
    if fmt == "csv":
        response = StreamingHttpResponse(exports.csv_chunks(header, table), content_type=FORMATS[fmt])
    else:
        response = FileResponse(exports.xlsx_file(str(KINDS[kind]), header, table), content_type=FORMATS[fmt])
    return attachment(response, filename, request=request, survey=survey, kind=kind, format=fmt, layer=str(layer))
