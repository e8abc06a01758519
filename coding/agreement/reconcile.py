"""Reconciliation: per answer, the chosen coders' layers side by side with their disagreements
and agreements marked; a decision writes the consensus layer and may note that a code's
description needs sharpening, and "accept all agreements" puts every agreed code into it in one
action. Admins only (it shows every coder's layer, also in blind mode)."""


from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST, require_safe
from django_htmx.http import trigger_client_event

from coding.agreement.actions import AgreementError, accept_agreements, decide_consensus
from coding.agreement.consensus import consensus_state
from coding.agreement.forms import DecisionForm, FiguresForm
from coding.agreement.queries import answer_cards
from surveys.models import Answer
from veiledning import roles
from veiledning.refusals import refuse

ANSWERS_PER_PAGE = 20


def _get_answer_for(request, survey, answer_id):
    return get_object_or_404(Answer.objects.select_related("question__survey"), pk=answer_id,
                             question__survey=survey)


def _choice(request, survey, params):
    form = FiguresForm(params, survey=survey)
    if not form.is_valid():
        return form, []
    return form, form.cleaned_data["coder_users"]


@require_safe
def reconcile(request, slug):
    survey = roles.get_survey_for(request, slug, roles.MANAGE_AGREEMENT)
    form, coders = _choice(request, survey, request.GET)
    only_disagreements = request.GET.get("show") != "all"
    page = state = None
    cards = []
    if coders:
        state = consensus_state(survey, coders, form.cleaned_data["answers"])
        ids = state.answers_to_reconcile() if only_disagreements else state.pairable
        page = Paginator(ids, ANSWERS_PER_PAGE).get_page(request.GET.get("page"))
        cards = answer_cards(survey, coders, list(page.object_list))
    params = request.GET.copy()
    params.pop("page", None)
    context = {
        "survey": survey,
        "form": form,
        "coders": coders,
        "cards": cards,
        "page": page,
        "state": state,
        "only_disagreements": only_disagreements,
        "query": params.urlencode(),
        "here": request.get_full_path(),
    }
    if request.htmx and request.htmx.target == "consensus-status":
        return render(request, "coding/agreement/reconcile.html#consensus-status", context)
    return render(request, "coding/agreement/reconcile.html", context)


@require_POST
def accept(request, slug):
    """Accept every agreement of the chosen coders (GET parameters, as on the page)."""
    survey = roles.get_survey_for(request, slug, roles.MANAGE_AGREEMENT)
    form, coders = _choice(request, survey, request.GET)
    if not coders:
        return refuse(request, _("Choose at least two coders."))
    n = accept_agreements(survey, consensus_state(survey, coders, form.cleaned_data["answers"]), by=request.user)
    messages.success(request, ngettext("%(n)s agreed code added to the consensus layer.",
                                       "%(n)s agreed codes added to the consensus layer.", n) % {"n": n})
    return redirect(reverse("coding:agreement_reconcile", args=[survey.slug]) + f"?{request.GET.urlencode()}")


@require_POST
def decide(request, slug, answer_id):
    survey = roles.get_survey_for(request, slug, roles.MANAGE_AGREEMENT)
    answer = _get_answer_for(request, survey, answer_id)
    form = DecisionForm(request.POST, survey=survey)
    if not form.is_valid():
        return refuse(request, _("Choose a code and whether it applies."))
    try:
        decide_consensus(answer, form.cleaned_data["code"], form.cleaned_data["present"], by=request.user,
                         reason=form.cleaned_data["reason"], sharpen_note=form.cleaned_data["sharpen_note"])
    except AgreementError as error:
        return refuse(request, error)
    if request.htmx:
        _form, coders = _choice(request, survey, request.GET)
        context = {"survey": survey, "coders": coders, "card": answer_cards(survey, coders, [answer.id])[0],
                   "here": request.POST.get("next", ""), "decided": True,
                   "query": request.GET.urlencode()}
        response = render(request, "coding/agreement/reconcile.html#answer-card", context)
        return trigger_client_event(response, "consensus-changed", {"answer": answer.id})
    messages.success(request, _("Consensus saved for “%(code)s”.") % {"code": form.cleaned_data["code"].name})
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = reverse("coding:agreement_reconcile", args=[survey.slug])
    return redirect(f"{target}#answer-{answer.id}" if "#" not in target else target)
