"""The round comparison of one category (screen and CSV/XLSX download)."""

from django.http import FileResponse, Http404, StreamingHttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from coding.access import get_category_for
from coding.dashboards.compare import compare_category, comparison_table, rounds_to_compare
from coding.exports import tables as exports
from veiledning import roles
from veiledning.downloads import attachment
from veiledning.refusals import Refusal

FORMATS = {"csv": "text/csv; charset=utf-8",
           "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def _comparison(request, slug, category_id, perm=roles.VIEW):
    survey = roles.get_survey_for(request, slug, perm)
    category = get_category_for(survey, category_id)
    rounds = rounds_to_compare(survey)
    chosen = request.GET.get("with") or (rounds[0].slug if rounds else "")
    other = next((s for s in rounds if s.slug == chosen), None)
    return survey, category, rounds, other


@require_safe
def compare(request, slug, category_id):
    survey, category, rounds, other = _comparison(request, slug, category_id)
    context = {"survey": survey, "category": category, "rounds": rounds, "other": other,
               "comparison": compare_category(category, other) if other else None}
    return render(request, "coding/dashboards/compare.html", context)


@require_safe
def compare_download(request, slug, category_id, fmt):
    survey, category, _rounds, other = _comparison(request, slug, category_id, roles.EXPORT)
    if fmt not in FORMATS:
        raise Http404
    if other is None:
        raise Refusal(_("There is no other round to compare with."), status=409)
    header, rows = comparison_table(compare_category(category, other))
    filename = f"sammenligning-{survey.slug}-{other.slug}-{category.pk}.{fmt}"
    if fmt == "csv":
        response = StreamingHttpResponse(exports.csv_chunks(header, rows), content_type=FORMATS[fmt])
    else:
        response = FileResponse(exports.xlsx_file(_("Round comparison")[:31], header, rows), content_type=FORMATS[fmt])
    return attachment(response, filename, request=request, survey=survey, kind="round_comparison", format=fmt,
                      compared_with=other.slug)
