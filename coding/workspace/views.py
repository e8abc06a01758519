"""The coding workspace: the answer list (filters, search) and the coding view of one answer."""

from urllib.parse import urlencode

from django import forms
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import push_url, trigger_client_event
from django_tables2 import RequestConfig

from coding import errors, layers
from coding.models import AuditEvent, Code, Coding, Memo
from coding.review.diff import word_diff
from coding.workspace import actions, navigation
from coding.workspace import queries as workspace
from coding.workspace.tables import AnswerPaginator, AnswerTable
from surveys.models import Answer
from veiledning import roles
from veiledning.refusals import form_message, refuse

PER_PAGE = 25


def _get_answer_for(survey, answer_id):
    """The answer if it is a free-text answer of this survey, else 404."""
    return get_object_or_404(
        workspace.survey_answers(survey).select_related(*workspace.RELATED), pk=answer_id,
    )


# --------------------------------------------------------------------------- answer list
@require_GET
def answer_list(request, slug):
    survey = roles.get_survey_for(request, slug)
    form = workspace.AnswerFilterForm(request.GET or None, survey=survey)
    question_ids = [pk for pk, _code, _text in form.question_rows]
    answers = workspace.list_answers(question_ids).select_related(
        "question", "respondent__municipality", "respondent__group").only(*workspace.LIST_FIELDS)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    answers, query = workspace.apply_filters(answers, data, survey=survey, user=request.user)
    ordering = ("-rank", "id") if query is not None and workspace.uses_fts() else workspace.list_order(question_ids)
    table = AnswerTable(answers.order_by(*ordering), survey=survey,
                        caption=_("Free-text answers, %(per_page)s per page") % {"per_page": PER_PAGE})
    # Nothing filtered: the survey's count of answers is known (survey_facts), no COUNT(*).
    total = None if any(data.values()) else form.facts["total"]
    RequestConfig(request, paginate={"per_page": PER_PAGE, "paginator_class": AnswerPaginator,
                                     "matching": answers, "total": total}).configure(table)
    table.list_query = navigation.list_params(request.GET.urlencode())
    page_ids = [row.record.pk for row in table.paginated_rows]
    table.headlines = workspace.headlines(page_ids, query)
    table.codes_by_answer = _codes_by_answer(page_ids, survey, request.user)
    context = {"survey": survey, "form": form, "table": table, "query": data.get("q", "")}
    if request.htmx:
        return render(request, "coding/workspace/answer_list.html#results", context)
    return render(request, "coding/workspace/answer_list.html", context)


def _codes_by_answer(answer_ids, survey, user):
    """{answer_id: [(code name, colour, mine)]} over the codings `user` may see, one query."""
    codings = layers.visible_codings(user, survey, Coding.objects.filter(answer_id__in=answer_ids))
    out = {}
    seen = set()
    for answer_id, name, colour, coder_id in codings.order_by("code__name").values_list(
            "answer_id", "code__name", "code__colour", "coder_id"):
        mine = coder_id == user.pk
        key = (answer_id, name, mine)
        if key not in seen:
            seen.add(key)
            out.setdefault(answer_id, []).append((name, colour, mine))
    return out


@require_GET
def progress(request, slug):
    survey = roles.get_survey_for(request, slug)
    return render(request, "coding/workspace/answer.html#progress",
                  {"survey": survey, "progress": workspace.progress(survey, request.user)})


# --------------------------------------------------------------------------- one answer
def _show_others(request, survey):
    return request.GET.get("others", request.POST.get("others")) == "1" and layers.sees_all_layers(
        request.user, survey)


def _codings_context(request, survey, answer, show_others):
    """The answer's text pieces and codings for the `codings` region (one query). `answer` is
    one of `survey`'s, so no join back to the survey; `show_others` is only ever true for a
    user who may see every layer (`_show_others`)."""
    codings = Coding.objects.filter(answer=answer).select_related("code", "suggestion")  # "suggested" mark
    codings = codings.select_related("coder") if show_others else codings.filter(coder=request.user)
    codings = list(codings.order_by("start", "code__name", "pk"))
    for coding in codings:
        coding.span_text = answer.text[coding.start:coding.end] if coding.is_span else ""
    return {
        "answer": answer,
        "codings": codings,
        "segments": workspace.segments(answer.text, codings),
        "show_others": show_others,
        "others_hidden": not layers.sees_all_layers(request.user, survey),
    }


def _history(request, survey, answer):
    events = AuditEvent.objects.filter(answer=answer).select_related("actor")
    if not layers.sees_all_layers(request.user, survey):
        events = events.filter(actor=request.user)
    return list(events[:20])


def _list_context(request, survey, show_others):
    """Where the coder came from: the list's query (filters, search, sort), the suffix the
    next/previous links carry, and the way back to that list."""
    list_query = navigation.list_params(request.GET.get("list", ""))
    params = [("others", "1")] if show_others else []
    if list_query:
        params.append(("list", list_query))
    back = reverse("coding:answers", args=[survey.slug])
    return {"list_query": list_query, "nav_suffix": "?" + urlencode(params) if params else "",
            "list_param": urlencode({"list": list_query}) if list_query else "",
            "back_to_list": back + ("?" + list_query if list_query else "")}


def _answer_context(request, survey, answer):
    show_others = _show_others(request, survey)
    memos = Memo.objects.filter(answer=answer).select_related("author")
    if not layers.sees_all_layers(request.user, survey):
        memos = memos.filter(author=request.user)
    memos = list(memos)
    other_answers = list(
        Answer.objects.filter(respondent_id=answer.respondent_id).exclude(pk=answer.pk)
        .select_related("question").order_by("question__order", "question_id")
    )
    for other in other_answers:
        other.scale_label = other.question.scale_labels.get(str(other.number)) if other.number is not None else ""
    context = {
        "survey": survey,
        **_codings_context(request, survey, answer, show_others),
        "my_memo": next((m for m in memos if m.author_id == request.user.pk), None),
        "other_memos": [m for m in memos if m.author_id != request.user.pk],
        "other_answers": other_answers,
        "history": _history(request, survey, answer),
        **_list_context(request, survey, show_others),
        "answer_diff": word_diff(answer.previous_text, answer.text) if answer.needs_review else [],
    }
    return context


def _picker_context(request, survey):
    codes = list(Code.objects.filter(survey=survey).only("pk", "name", "colour", "parent_id", "codable")
                 .order_by("name"))
    paths = workspace.code_paths(codes)  # over every code: a heading still names its children's path
    codes = [code for code in codes if code.codable]
    for code in codes:
        code.path = paths[code.pk]
    return {"codes": codes, "recent": workspace.recent_codes(survey, request.user)}


@require_GET
def answer_detail(request, slug, answer_id):
    survey = roles.get_survey_for(request, slug)
    answer = _get_answer_for(survey, answer_id)
    context = _answer_context(request, survey, answer)
    if request.htmx:
        return render(request, "coding/workspace/answer.html#answer-region", context)
    if roles.can(request.user, roles.CODE):
        context.update(_picker_context(request, survey))
    return render(request, "coding/workspace/answer.html", context)


@require_GET
def answer_go(request, slug, answer_id, direction):
    """Next, previous or next-not-coded-by-me answer: htmx gets its region and the new URL."""
    survey = roles.get_survey_for(request, slug)
    if direction not in ("next", "prev", "uncoded"):
        raise Http404
    answer = _get_answer_for(survey, answer_id)
    came_from = _list_context(request, survey, _show_others(request, survey))
    if came_from["list_query"]:
        target = navigation.step_in_list(survey, answer, direction, request.user, came_from["list_query"])
    else:
        target = workspace.step(survey, answer, direction, request.user)
    if target is None:
        message = (_("You have coded every answer.") if direction == "uncoded"
                   else _("There are no more answers in this direction."))
        if request.htmx:
            response = HttpResponse(status=204)
            return trigger_client_event(response, "veiledning:toast", message)
        return redirect(reverse("coding:answer", args=[survey.slug, answer.pk]) + came_from["nav_suffix"])
    url = reverse("coding:answer", args=[survey.slug, target.pk]) + came_from["nav_suffix"]
    if not request.htmx:
        return redirect(url)
    response = render(request, "coding/workspace/answer.html#answer-region", _answer_context(request, survey, target))
    return push_url(response, url)


class ApplyCodeForm(forms.Form):
    """What the code picker posts. Only these fields are read (no coder, survey …).

    Exactly one choice is applied: a recent-code button (`recent`, sent only by the button
    pressed), else the new name when "Create and apply" was pressed (`action=create`) or no
    code was chosen, else the code chosen in the list. coding.js sends exactly one of `code`
    and `new_code`; the order here keeps the form right without JavaScript too."""

    answer = forms.IntegerField(min_value=1)
    code = forms.IntegerField(required=False, min_value=1)
    recent = forms.IntegerField(required=False, min_value=1)
    action = forms.ChoiceField(required=False, choices=[("apply", "apply"), ("create", "create")])
    new_code = forms.CharField(required=False, max_length=120, strip=True)
    start = forms.IntegerField(required=False, min_value=0)
    end = forms.IntegerField(required=False, min_value=0)

    def clean(self):
        data = super().clean()
        if data.get("recent"):
            data["code"], data["new_code"] = data["recent"], ""
        elif data.get("new_code") and (data.get("action") == "create" or not data.get("code")):
            data["code"] = None
        else:
            data["new_code"] = ""
        if not data.get("code") and not data.get("new_code"):
            raise forms.ValidationError(gettext_lazy("Choose a code or type a new one."), code="no_code")
        if (data.get("start") is None) != (data.get("end") is None):
            raise forms.ValidationError(gettext_lazy("A span needs both a start and an end."), code="half_span")
        return data


def _codings_response(request, survey, answer, applied=None):
    """The answer's `codings` region. After applying a code the region says which code was
    applied, and the `coding-changed` event names it: the page moves it to key 1 of its
    recent-codes strip and adds a new code to the picker (coding.js). The strip is the
    coder's own, so it costs no query and no render here."""
    context = {"survey": survey, **_codings_context(request, survey, answer, _show_others(request, survey)),
               "applied": applied}
    response = render(request, "coding/workspace/answer.html#codings", context)
    event = {"answer": answer.pk}
    if applied is not None:
        event["code"] = {"id": applied.pk, "name": applied.name, "colour": applied.colour}
    return trigger_client_event(response, "coding-changed", event)


@require_POST
def apply_code(request, slug):
    roles.check_survey_access(request, roles.CODE)  # the survey comes with the answer below
    form = ApplyCodeForm(request.POST)
    if not form.is_valid():
        message = form_message(form)
        return refuse(request, errors.InvalidInput(message))
    data = form.cleaned_data
    answer = workspace.answer_to_code(slug, data["answer"])
    survey = answer.question.survey
    back = reverse("coding:answer", args=[survey.slug, answer.pk])
    try:
        if data.get("new_code"):
            code = actions.code_for_name(survey, data["new_code"], by=request.user)
        else:
            code = data["code"]  # an id: the action checks it belongs to the survey
        coding, _created = actions.apply_code(answer, code, by=request.user, start=data.get("start"),
                                              end=data.get("end"))
    except errors.CodingError as error:
        return refuse(request, error, back=back)
    if not request.htmx:
        return redirect(back)
    return _codings_response(request, survey, answer, applied=coding.code)


@require_POST
def remove_coding(request, slug, coding_id):
    survey = roles.get_survey_for(request, slug, roles.CODE)
    # Only the user's own codings in this survey; anyone else's id is "not found" (IDOR).
    if Coding.objects.filter(pk=coding_id, coder=request.user, answer__question__survey=survey).exists():
        try:
            answer = actions.remove_coding(coding_id, by=request.user)
        except errors.CodingError as error:
            return refuse(request, error)
    else:
        # A retry (double click, htmx retry) of a removal this user already made succeeds again.
        removed = AuditEvent.objects.filter(survey=survey, actor=request.user, action=AuditEvent.Action.CODING_REMOVED,
                                            data__coding_id=coding_id, answer__isnull=False).first()
        if removed is None:
            return refuse(request, errors.NotFound(_("This coding does not exist, or it is not yours.")))
        answer = _get_answer_for(survey, removed.answer_id)
    if not request.htmx:
        return redirect("coding:answer", survey.slug, answer.pk)
    return _codings_response(request, survey, answer)


class MemoForm(forms.Form):
    text = forms.CharField(required=False, max_length=10_000, widget=forms.Textarea)
    version = forms.IntegerField(required=False, min_value=1)


@require_POST
def write_memo(request, slug, answer_id):
    survey = roles.get_survey_for(request, slug, roles.CODE)
    answer = _get_answer_for(survey, answer_id)
    form = MemoForm(request.POST)
    if not form.is_valid():
        return refuse(request, errors.InvalidInput(_("The memo is too long.")))
    try:
        memo = actions.write_memo(answer, form.cleaned_data["text"], by=request.user,
                                  version=form.cleaned_data.get("version") or 0)  # 0: saw no memo
    except errors.CodingError as error:
        return refuse(request, error)
    if not request.htmx:
        return redirect("coding:answer", survey.slug, answer.pk)
    response = render(request, "coding/workspace/answer.html#memo",
                      {"survey": survey, "answer": answer, "my_memo": memo, "memo_saved": True})
    return trigger_client_event(response, "coding-changed", {"answer": answer.pk})


@require_GET
def answer_history(request, slug, answer_id):
    survey = roles.get_survey_for(request, slug)
    answer = _get_answer_for(survey, answer_id)
    return render(request, "coding/workspace/answer.html#history",
                  {"survey": survey, "answer": answer, "history": _history(request, survey, answer)})
