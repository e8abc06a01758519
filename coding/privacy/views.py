"""The privacy screens, for admins: "Personopplysninger" (what the survey holds, for the
council's record of processing, with the delete-by date) and the review of findings (search,
confirm, reject, add, pseudonymise)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST, require_safe

from coding.models import AuditEvent, Finding
from coding.privacy import actions, queries
from coding.privacy.forms import AddForm, DecideForm, PseudonymiseForm, RetentionForm, ScanForm
from veiledning import roles
from veiledning.refusals import Refusal, form_message, refuse

PER_PAGE = 100
STATUSES = [Finding.Status.SUGGESTED, Finding.Status.CONFIRMED, Finding.Status.REJECTED, Finding.Status.PSEUDONYMISED]


@require_safe
def overview(request, slug):
    survey = roles.get_survey_for(request, slug, roles.IMPORT)
    today = timezone.localdate()
    context = {
        "survey": survey,
        "imports": queries.imported_columns(survey),
        "counts": queries.count_table(survey),
        "history": AuditEvent.objects.filter(survey=survey, action__in=queries.PRIVACY_ACTIONS)
        .select_related("actor")[:50],
        "retention_form": RetentionForm(initial={"delete_by": survey.delete_by,
                                                 "retention_action": survey.retention_action}),
        "days_left": survey.deletion_warning(today),
        "kept_until": queries.originals_kept_until(survey),
    }
    return render(request, "coding/privacy/overview.html", context)


@require_POST
def set_retention(request, slug):
    survey = roles.get_survey_for(request, slug, roles.IMPORT)
    form = RetentionForm(request.POST)
    if not form.is_valid():
        raise Refusal(form_message(form))
    data = form.cleaned_data
    actions.set_retention(survey, data["delete_by"], data["retention_action"], by=request.user)
    messages.success(request, _("The delete-by date is saved."))
    return redirect("coding:privacy", survey.slug)


@require_safe
def review(request, slug):
    survey = roles.get_survey_for(request, slug, roles.IMPORT)
    status = request.GET.get("status", Finding.Status.SUGGESTED)
    if status not in Finding.Status.values:
        status = Finding.Status.SUGGESTED
    findings = queries.findings_for(survey).filter(status=status).select_related("answer__respondent")
    page = Paginator(findings.order_by("answer_id", "start"), PER_PAGE).get_page(request.GET.get("page"))
    totals = dict(queries.totals_by_status(survey))
    context = {
        "survey": survey,
        "status": status,
        "tabs": [(s, Finding.Status(s).label, totals.get(s, 0)) for s in STATUSES],
        "page": page,
        "rows": [queries.in_context(f) for f in page],
        "confirmed": totals.get(Finding.Status.CONFIRMED, 0),
        "scan_form": ScanForm(),
        "add_form": AddForm(),
        "pseudonymise_form": PseudonymiseForm(),
    }
    return render(request, "coding/privacy/review.html", context)


@require_POST
def scan(request, slug):
    survey = roles.get_survey_for(request, slug, roles.IMPORT)
    form = ScanForm(request.POST)
    form.is_valid()
    n = actions.scan_survey(survey, by=request.user, org_numbers=form.cleaned_data.get("org_numbers", False))
    messages.success(request, ngettext("%(n)d new finding to review.", "%(n)d new findings to review.", n) % {"n": n})
    return redirect("coding:privacy_review", survey.slug)


@require_POST
def decide(request, slug):
    survey = roles.get_survey_for(request, slug, roles.IMPORT)
    form = DecideForm(request.POST)
    if not form.is_valid():
        raise Refusal(_("Choose confirm or reject."))
    finding = get_object_or_404(queries.findings_for(survey), pk=form.cleaned_data["finding"])
    finding = actions.decide_finding(finding, form.cleaned_data["status"], by=request.user)
    if request.htmx:
        row = queries.in_context(finding)
        context = {"survey": survey, "row": row, "decided": True}
        return render(request, "coding/privacy/review.html#finding-row", context)
    back = request.POST.get("back_status", Finding.Status.SUGGESTED)
    return redirect(f"{_review_url(survey)}?status={back if back in Finding.Status.values else ''}")


@require_POST
def add(request, slug):
    survey = roles.get_survey_for(request, slug, roles.IMPORT)
    form = AddForm(request.POST)
    if not form.is_valid():
        return refuse(request, form_message(form), back=_review_url(survey))
    n = actions.add_findings(survey, form.cleaned_data["value"], form.cleaned_data["kind"], by=request.user)
    messages.success(request, ngettext("%(n)d finding added and confirmed.",
                                       "%(n)d findings added and confirmed.", n) % {"n": n})
    return redirect(f"{_review_url(survey)}?status=confirmed")


@require_POST
def pseudonymise(request, slug):
    survey = roles.get_survey_for(request, slug, roles.IMPORT)
    form = PseudonymiseForm(request.POST)
    if not form.is_valid():
        return refuse(request, form_message(form), back=_review_url(survey))
    until = form.cleaned_data["keep_original_until"]
    n = actions.pseudonymise_survey(survey, by=request.user, keep_original_until=until)
    messages.success(request, ngettext("%(n)d answer pseudonymised.", "%(n)d answers pseudonymised.", n) % {"n": n})
    return redirect(f"{_review_url(survey)}?status=pseudonymised")


def _review_url(survey):
    return reverse("coding:privacy_review", args=[survey.slug])
