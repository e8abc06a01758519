"""The agreement page: blind mode and the comparison, double-coding samples with each coder's
progress, and the agreement figures (percent, Cohen's kappa per pair, Krippendorff's alpha,
Gwet's AC1 with each code's prevalence)
per code and overall, with their CSV and XLSX export.

Admins manage; reviewers (and coders once no layer is hidden) read the figures. While blind
coding hides the layers, a coder sees neither the figures nor the export."""


from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST, require_safe

from coding import layers
from coding.agreement import export as table_export
from coding.agreement.actions import AgreementError, draw_sample, open_comparison, set_blind_mode
from coding.agreement.forms import DEFAULT_THRESHOLD, BlindForm, FiguresForm, SampleForm
from coding.agreement.queries import agreement_for, samples_with_progress, suggested_count
from veiledning import roles
from veiledning.downloads import attachment


def _figures(request, survey):
    """(form, result, codes, coders): the figures the GET parameters ask for, or Nones."""
    form = FiguresForm(request.GET, survey=survey)
    if not form.is_valid():
        return form, None, None, []
    coders = form.cleaned_data["coder_users"]
    result, codes = agreement_for(survey, coders, form.cleaned_data["answers"])
    result.suggested = suggested_count(survey, [c.id for c in coders], form.cleaned_data["answers"])
    return form, result, codes, coders


@require_safe
def agreement(request, slug):
    survey = roles.get_survey_for(request, slug)
    may_manage = roles.can(request.user, roles.MANAGE_AGREEMENT)
    context = {"survey": survey, "may_manage": may_manage, "hidden": not layers.sees_all_layers(request.user, survey)}
    if not context["hidden"]:
        form, result, codes, coders = _figures(request, survey)
        threshold = form.cleaned_data["threshold"] if form.is_valid() else DEFAULT_THRESHOLD
        context.update(form=form, result=result, coders=coders, threshold=threshold,
                       table=_table(result, codes, coders, threshold) if result else None,
                       query=request.GET.urlencode())
    if may_manage:
        context.update(
            samples=samples_with_progress(survey),
            sample_form=SampleForm(survey=survey),
        )
    if request.htmx and not context["hidden"]:
        return render(request, "coding/agreement/agreement.html#figures", context)
    return render(request, "coding/agreement/agreement.html", context)


def _table(result, codes, coders, threshold):
    """Rows for the template: code, figures, kappas in pair order, flag."""
    rows = []
    for code, row in zip(codes, result.codes, strict=True):
        rows.append({
            "code": code,
            "figures": row,
            "percent": None if row.percent is None else row.percent * 100,
            "kappas": [row.kappa[p] for p in result.pairs],
            "flagged": row.alpha is not None and row.alpha < threshold,
            "prevalence": None if row.prevalence is None else row.prevalence * 100,
            "diverges": diverges(row, threshold),
        })
    names = {u.id: u.get_full_name() or u.username for u in coders}
    return {
        "pairs": [(names[a], names[b]) for a, b in result.pairs],
        "overall_kappas": [result.kappa[p] for p in result.pairs],
        "overall_percent": None if result.percent is None else result.percent * 100,
        "overall_flagged": result.alpha is not None and result.alpha < threshold,
        "rows": rows,
        "flagged": sum(r["flagged"] for r in rows),
        "undefined": sum(r["figures"].alpha is None for r in rows),
        "overall_prevalence": None if result.prevalence is None else result.prevalence * 100,
        "diverging": [r for r in rows if r["diverges"]],
    }


def diverges(figures, threshold):
    """AC1 reads the code as reliable while alpha does not: the sign of a rare (or nearly
    universal) code, where chance agreement on absence leaves kappa and alpha little room."""
    return figures.ac1 is not None and figures.alpha is not None and figures.ac1 >= threshold > figures.alpha


@require_safe
def agreement_export(request, slug, fmt):
    survey = roles.get_survey_for(request, slug, roles.EXPORT)
    if not layers.sees_all_layers(request.user, survey):
        raise PermissionDenied
    if fmt not in ("csv", "xlsx"):
        raise Http404
    form, result, codes, coders = _figures(request, survey)
    if result is None:
        return HttpResponse(_("Choose at least two coders."), status=400, content_type="text/plain; charset=utf-8")
    header, rows = table_export.table_rows(result, codes, coders, form.cleaned_data["threshold"])
    label = _("agreement")
    filename = f"{survey.slug}-{label}.{fmt}"
    if fmt == "csv":
        response = HttpResponse(table_export.to_csv(header, rows), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(
            table_export.to_xlsx(header, rows, _("Agreement")),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    return attachment(response, filename, request=request, survey=survey, kind="agreement", format=fmt)


def _back(survey):
    return redirect(reverse("coding:agreement", args=[survey.slug]) + "#settings")


@require_POST
def agreement_blind(request, slug):
    survey = roles.get_survey_for(request, slug, roles.MANAGE_AGREEMENT)
    form = BlindForm(request.POST)
    form.is_valid()
    set_blind_mode(survey, form.cleaned_data.get("on", False), by=request.user)
    messages.success(request, _("Blind coding is on.") if survey.blind_coding else _("Blind coding is off."))
    return _back(survey)


@require_POST
def agreement_open(request, slug):
    survey = roles.get_survey_for(request, slug, roles.MANAGE_AGREEMENT)
    open_comparison(survey, by=request.user)
    messages.success(request, _("The comparison is open: coders can now see each other's layers."))
    return _back(survey)


@require_POST
def agreement_sample(request, slug):
    survey = roles.get_survey_for(request, slug, roles.MANAGE_AGREEMENT)
    form = SampleForm(request.POST, survey=survey)
    if form.is_valid():
        try:
            sample = draw_sample(survey, by=request.user, **form.cleaned_data)
        except AgreementError as error:
            form.add_error(None, error.message)
        else:
            n = sample.answers.count()
            messages.success(request, ngettext("Sample “%(name)s” drawn: %(n)s answer.",
                                               "Sample “%(name)s” drawn: %(n)s answers.", n) % {
                "name": sample.name, "n": n})
            return redirect(reverse("coding:agreement", args=[survey.slug]) + f"?answers=s{sample.id}")
    context = {
        "survey": survey, "may_manage": True, "hidden": False, "samples": samples_with_progress(survey),
        "sample_form": form, "form": None, "table": None,
    }
    return render(request, "coding/agreement/agreement.html", context, status=400)
