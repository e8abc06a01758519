"""Walking the answer list the coder came from: its filters, search and sort travel with the
coding view as one `list` parameter (the list's own query string), so `j`, `k` and `u` go to the
list's next, previous or next-not-coded answer and "All answers" leads back to the same list.

Only the list's form fields and its sort keys are read from that parameter: nothing else the
browser sends becomes a filter.
"""

from urllib.parse import urlencode

from django.db.models import Q
from django.http import QueryDict

from coding.models import Coding
from coding.workspace import queries as workspace

# The list's sortable columns (coding/workspace/tables.py) and the fields they order by.
SORTS = {
    "question": ("question__order", "question_id", "id"),
    "respondent": ("respondent__external_key", "id"),
}
DEFAULT_ORDER = ("question__order", "question_id", "id")
KEPT = ("q", "question", "municipality", "county", "unit", "attribute", "value", "coded", "code", "category", "sort")


def list_params(raw):
    """The list's query string, cleaned to the keys the list reads ('' for none)."""
    params = QueryDict(raw or "")
    kept = [(key, params.get(key)) for key in KEPT if params.get(key)]
    return urlencode(kept)


def ordering(sort, query):
    """The list's order: its sort column (either way), else the search rank, else the
    workspace order."""
    name = (sort or "").lstrip("-")
    if name in SORTS:
        fields = SORTS[name]
        return tuple("-" + f for f in fields) if sort.startswith("-") else fields
    if query is not None and workspace.uses_fts():
        return ("-rank", "id")
    return DEFAULT_ORDER


def step_in_list(survey, answer, direction, user, raw):
    """The answer after (or before) `answer` in the list described by `raw`, or the next one in
    it not coded by `user` (wrapping round). `answer` keeps its place even when it has left the
    list meanwhile (coded, with "Not coded by me" as the filter). None at the end."""
    params = QueryDict(raw)
    form = workspace.AnswerFilterForm(params, survey=survey)
    data = form.cleaned_data if form.is_valid() else {}
    matching, query = workspace.apply_filters(workspace.survey_answers(survey), data, survey=survey, user=user)
    rows = workspace.survey_answers(survey).filter(Q(pk__in=matching.values("pk")) | Q(pk=answer.pk))
    if query is not None and workspace.uses_fts():
        rows = rows.alias(rank=workspace.search_rank(query))
    pks = list(rows.order_by(*ordering(params.get("sort"), query)).values_list("pk", flat=True))
    here = pks.index(answer.pk)
    if direction == "prev":
        candidates = pks[:here][::-1]
    elif direction == "next":
        candidates = pks[here + 1:]
    else:
        coded = set(Coding.objects.filter(coder=user, answer_id__in=rows.values("pk"))
                    .values_list("answer_id", flat=True))
        candidates = [pk for pk in pks[here + 1:] + pks[:here] if pk not in coded]
    if not candidates:
        return None
    return workspace.survey_answers(survey).select_related(*workspace.RELATED).get(pk=candidates[0])
