"""Category dashboards: the overview (table 2, live) and one category's graded results,
codes, crosstab, co-occurrence, quotes and finding. Quote starring lives here too."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe
from django_htmx.http import trigger_client_event

from coding import counts, layers
from coding.access import get_category_for
from coding.dashboards import charts, stats
from coding.dashboards.actions import move_quote, set_reviewer_rights, star_quote, unstar_quote
from coding.models import Quote
from surveys.models import Answer
from veiledning import roles

ANSWERS_PER_PAGE = 25
PAIR_ANSWERS_LIMIT = 50


def _layer(request, survey):
    choices = layers.layer_choices(survey, request.user)
    layer = layers.parse_layer(request.GET.get("layer"), request.user, survey)
    return layer, choices


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@require_safe
def overview(request, slug):
    survey = roles.get_survey_for(request, slug)
    layer, choices = _layer(request, survey)
    rows = layers.layer_rows(survey, layer, request.user)
    context = {
        "survey": survey,
        "lines": stats.overview(survey, rows, layers.layer_key(survey, layer, request.user)),
        "layer": str(layer),
        "layer_choices": choices,
        "layer_label": layers.layer_label(layer, choices),
    }
    return render(request, "coding/dashboards/overview.html", context)


def matrix_rows(matrix, layer):
    """The co-occurrence matrix as [(row Code, cells HTML)]: a category of 40 codes has 1,600
    cells, which the template engine renders ten times slower than this. The cells hold only
    integers (ids and counts) and the escaped layer; code names stay in the template."""
    query = f"?layer={escape(layer)}"
    out = []
    for row_code, cells in matrix:
        html = []
        for col_code, count in cells:
            if count is None:
                html.append('<td class="num"></td>')
            elif count:
                pair = f"{query}&amp;a={col_code.id}&amp;b={row_code.id}"
                html.append(
                    f'<td class="num" data-pair="{col_code.id}-{row_code.id}"><a href="{pair}#pair-answers" '
                    f'hx-get="{pair}" hx-target="#pair-answers" hx-swap="outerHTML">{count}</a></td>'
                )
            else:
                html.append(f'<td class="num" data-pair="{col_code.id}-{row_code.id}">0</td>')
        out.append((row_code, mark_safe("".join(html))))  # noqa: S308 - integers and escaped layer only
    return out


def crosstab_rows(crosstab):
    """The crosstab as [(Code, cells HTML, total Cell)], written like the matrix's cells."""
    hidden = escape(_("hidden"))
    out = []
    for code, cells, total in crosstab.rows:
        html = []
        for column, cell in enumerate(cells):
            if cell.suppressed:
                html.append(f'<td class="num suppressed" data-column="{column}">{hidden}</td>')
            elif cell.count:
                html.append(f'<td class="num" data-column="{column}">{int(cell.count)} '
                            f'<span class="count">({int(cell.percent)}&nbsp;%)</span></td>')
            else:
                html.append(f'<td class="num" data-column="{column}">0</td>')
        out.append((code, mark_safe("".join(html)), total))  # noqa: S308 - integers and an escaped word only
    return out


def category_context(survey, category, data):
    """The numbers of one category in one layer: code bars and the graded questions."""
    counts = data.code_counts()
    dists = stats.likert_items(category)
    likert_chart, code_chart = charts.category_charts(category, counts, dists)
    return {
        "category": category,
        "data": data,
        "code_counts": counts,
        "code_chart": code_chart,
        "distributions": dists,
        "likert_chart": likert_chart,
    }


@require_POST
def reviewer_rights(request, slug):
    survey = roles.get_survey_for(request, slug, roles.MANAGE_CATEGORIES)
    set_reviewer_rights(survey, findings=request.POST.get("findings") == "1",
                        quotes=request.POST.get("quotes") == "1", by=request.user)
    messages.success(request, _("Saved what reviewers may write."))
    return redirect(reverse("coding:dashboards", args=[survey.slug]) + "#reviewer-rights-title")


@require_safe
def dashboard(request, slug, category_id):
    survey = roles.get_survey_for(request, slug)
    category = get_category_for(survey, category_id)
    target = request.htmx.target if request.htmx else None
    layer = layers.parse_layer(request.GET.get("layer"), request.user, survey)
    rows = layers.layer_rows(survey, layer, request.user)
    codes = counts.placed_codes([category])[category.id]

    context = {"survey": survey, "category": category, "layer": str(layer),
               "may_star_quotes": roles.can_in(request.user, roles.STAR_QUOTES, survey)}
    if target == "pair-answers":
        context.update(_pair_context(request, rows, codes))
        return render(request, "coding/dashboards/dashboard.html#pair-answers", context)
    context.update(_quotes_context(category))
    if target == "quotes":
        return render(request, "coding/dashboards/dashboard.html#quotes", context)
    data = stats.CategoryData.load_memoised(survey, rows, codes, layers.layer_key(survey, layer, request.user))
    context.update(_answers_context(request, survey, rows, codes, data, context["starred"]))
    if target == "answers":
        return render(request, "coding/dashboards/dashboard.html#answers", context)

    choices = layers.layer_choices(survey, request.user)
    attributes = stats.attribute_choices(survey)
    attribute = stats.parse_attribute(request.GET.get("attribute"), attributes)
    context.update(category_context(survey, category, data))
    context.update(_pair_context(request, rows, codes))
    crosstab = stats.crosstab(survey, data, attribute)
    context.update(
        layer_choices=choices,
        layer_label=layers.layer_label(layer, choices),
        attribute=attribute,
        attribute_choices=attributes,
        crosstab=crosstab,
        crosstab_rows=crosstab_rows(crosstab),
        matrix=matrix_rows(data.cooccurrence_matrix(), str(layer)),
    )
    return render(request, "coding/dashboards/dashboard.html", context)


def _pair_context(request, rows, codes):
    by_id = {c.id: c for c in codes}
    a, b = by_id.get(_int(request.GET.get("a"))), by_id.get(_int(request.GET.get("b")))
    if not (a and b):
        return {"pair": None}
    answers = (
        stats.cooccurring_answers(rows, a, b).select_related("question", "respondent").order_by("question__order", "id")
    )
    total = answers.count()
    return {"pair": (a, b), "pair_answers": list(answers[:PAIR_ANSWERS_LIMIT]), "pair_total": total}


def _quotes_context(category):
    quotes = list(
        Quote.objects.filter(category=category)
        .select_related("answer__question", "answer__respondent")
        .order_by("position", "id")
    )
    for quote in quotes:
        quote.attribution = stats.attribution(quote.answer.respondent)
    return {"quotes": quotes, "starred": {q.answer_id for q in quotes}}


def _answers_context(request, survey, rows, codes, data, starred):
    """A page of the category's coded answers, in questionnaire order (ids from `data`, so
    the page costs one query for its 25 answers and one for their codes)."""
    order = dict(survey.questions.values_list("id", "order"))
    page = Paginator(data.answer_ids(order), ANSWERS_PER_PAGE).get_page(request.GET.get("page"))
    ids = list(page.object_list)
    by_id = Answer.objects.select_related("question", "respondent").in_bulk(ids)
    on_page = [by_id[i] for i in ids if i in by_id]
    applied = stats.codes_on_answers(rows, ids, codes)
    for answer in on_page:
        answer.category_codes = applied.get(answer.id, [])
        answer.is_quote = answer.id in starred
        answer.attribution = stats.attribution(answer.respondent)
    return {"answers_page": page, "answers": on_page}


# --------------------------------------------------------------------------- quotes
def _quote_response(request, survey, category, message):
    if request.htmx:
        response = HttpResponse(status=204)
        return trigger_client_event(response, "quotes-changed", {"message": message})
    messages.success(request, message)
    url = reverse("coding:dashboard", args=[survey.slug, category.id])
    return redirect(f"{url}#quotes")


@require_POST
def toggle_quote(request, slug, category_id):
    survey = roles.get_survey_for(request, slug, roles.STAR_QUOTES)
    category = get_category_for(survey, category_id)
    answer_id = _int(request.POST.get("answer"))
    if answer_id is None:
        return HttpResponse(_("Choose an answer to star."), status=400)
    answer = Answer.objects.filter(pk=answer_id, question__survey=survey).select_related("question").first()
    if answer is None:
        raise Http404
    try:
        if request.POST.get("star") == "1":
            star_quote(category, answer, by=request.user)
            message = _("Starred as a quote.")
        else:
            unstar_quote(category, answer, by=request.user)
            message = _("No longer a quote.")
    except ValidationError as error:
        return HttpResponse(error.messages[0], status=400)
    return _quote_response(request, survey, category, message)


@require_POST
def move(request, slug, category_id, quote_id):
    survey = roles.get_survey_for(request, slug, roles.STAR_QUOTES)
    category = get_category_for(survey, category_id)
    quote = get_object_or_404(
        Quote.objects.select_related("answer__question", "category__survey"), pk=quote_id, category=category
    )
    offset = -1 if request.POST.get("direction") == "up" else 1
    move_quote(quote, offset, by=request.user)
    return _quote_response(request, survey, category, _("Quote moved."))
