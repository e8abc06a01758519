"""The category board: columns of code cards, moved by drag and drop or by keyboard.

One view, two outputs: the whole page, or its `board` region for htmx. Every write goes
through coding/actions/board.py; a refused (stale) move answers 409 with the current board.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html_join
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe
from django_htmx.http import trigger_client_event

from coding.access import get_category_for, get_code_for
from coding.board import actions
from coding.board.card_html import cards_html
from coding.board.forms import MoveForm, NewCategoryForm, RationaleForm, ReorderForm, ThemeForm
from coding.board.queries import build_board, themes_with_categories
from coding.models import Category, Code, Theme
from veiledning import roles
from veiledning.refusals import Refusal, refuse


def _first_error(form):
    for errors in form.errors.values():
        return errors[0]
    return _("The change was not valid.")


def _moving(request, survey):
    """The card whose move form is open (?move=code&from=column&seen=token), for editors."""
    code_id, key = request.GET.get("move", ""), request.GET.get("from", "")
    if not (code_id.isdigit() and (key == "none" or key.isdigit())) or not roles.can(request.user, roles.EDIT_BOARD):
        return None
    code = Code.objects.filter(survey=survey, pk=int(code_id)).first()
    if code is None:
        return None
    seen = actions.parse_token(request.GET.get("seen", ""))
    return {"code": code, "key": key, "seen": actions.placement_token(seen if seen is not None else [])}


def column_options(survey):
    """The move menu's options, escaped once here rather than per card, in the board's order."""
    categories = Category.objects.filter(survey=survey, archived=False).order_by("order", "id")
    columns = [(str(c.pk), c.name) for c in categories]
    return format_html_join("", '<option value="{}">{}</option>', [("none", _("Not categorised")), *columns])


def board_context(request, survey, *, message="", focus=None, explain=None):
    columns = build_board(survey, request.user)
    themes = themes_with_categories(survey)
    if roles.can(request.user, roles.MANAGE_CATEGORIES):
        for theme in themes:
            theme.edit_form = ThemeForm(survey=survey, theme=theme)
    options = format_html_join(
        "", '<option value="{}">{}</option>',
        [(column.key, column.category.name if column.category else _("Not categorised")) for column in columns],
    )
    moving = _moving(request, survey) if request.method == "GET" else None
    move_url = reverse("coding:board_move", args=[survey.slug])
    code_url = reverse("coding:board", args=[survey.slug]) + "codes/"
    focus_dom = f"{focus[0]}-{focus[1]}" if focus else None
    moving_dom = f"{moving['key']}-{moving['code'].pk}" if moving else None
    move_form = render_to_string("coding/board/board.html#move-form", {
        "moving": moving, "move_url": move_url, "column_options": options}, request=request) if moving else ""
    editable = roles.can(request.user, roles.EDIT_BOARD)
    for column in columns:
        column.cards_html = cards_html(column, editable=editable, code_url=code_url, focus_dom=focus_dom,
                                       moving_dom=moving_dom, move_form=move_form)
    return {
        "survey": survey,
        "columns": columns,
        "column_options": options,
        "moving": moving,
        "themes": themes,
        "board_message": message,
        "explain": explain,
        "move_url": move_url,
        # ids of their own: both forms have a "name" and a "description", and each label must
        # lead to the field beside it, not to the other form's
        "new_category_form": NewCategoryForm(survey=survey, auto_id="new-category-%s"),
        "theme_form": ThemeForm(survey=survey, auto_id="new-theme-%s"),
        "archived": list(Category.objects.filter(survey=survey, archived=True).order_by("name").only("pk", "name")),
    }


def render_board(request, survey, *, status=200, message="", focus=None, explain=None):
    context = board_context(request, survey, message=message, focus=focus, explain=explain)
    template = "coding/board/board.html#board" if request.htmx else "coding/board/board.html"
    response = render(request, template, context, status=status)
    if message and status >= 400:
        return refuse(request, Refusal(message, status=status), response=response)
    if status < 400 and request.method == "POST":
        trigger_client_event(response, "board-changed")
    return response


def _done(request, survey, message, focus=None, explain=None):
    """After a successful write: the board region for htmx, a redirect otherwise. `explain`
    ({"code": name, "events": "id,id"}) offers to add a rationale to the move just made."""
    if request.htmx:
        return render_board(request, survey, message=message, focus=focus, explain=explain)
    messages.success(request, message)
    url = reverse("coding:board", args=[survey.slug])
    if focus:
        url += f"#card-{focus[0]}-{focus[1]}"
    return redirect(url)


@require_safe
def board(request, slug):
    """The board; with ?move=… the keyboard move form of one card is open (without
    JavaScript in the whole page, with htmx as the `move-form` region alone)."""
    survey = roles.get_survey_for(request, slug)
    if request.htmx and "move" in request.GET:
        moving = _moving(request, survey)
        if moving is None:
            raise Http404
        context = {"survey": survey, "moving": moving, "column_options": column_options(survey),
                   "move_url": reverse("coding:board_move", args=[survey.slug])}
        return render(request, "coding/board/board.html#move-form", context)
    return render_board(request, survey)


@require_POST
def board_move(request, slug):
    survey = roles.get_survey_for(request, slug, roles.EDIT_BOARD)
    form = MoveForm(request.POST, survey=survey)
    if not form.is_valid():
        return render_board(request, survey, status=400, message=_first_error(form))
    data = form.cleaned_data
    code = get_code_for(survey, data["code"])
    source, target = data["source"], data["target"]
    try:
        if data["keep"] and target is not None:
            moved = actions.place_code(code, target, by=request.user, position=data["position"],
                                       rationale=data["rationale"], expected_placements=data["seen"])
        elif source is None and target is None:
            return render_board(request, survey)
        else:
            moved = actions.move_code(code, source, target, by=request.user, position=data["position"],
                                      rationale=data["rationale"], expected_placements=data["seen"])
    except actions.BoardConflict as conflict:
        return render_board(request, survey, status=409, message=conflict.message)
    if target is None:
        message = _("%(code)s was taken out of %(category)s.") % {"code": code.name, "category": source.name}
    elif source is not None and source.pk == target.pk:
        place = list(target.placements.order_by("position", "id").values_list("code_id", flat=True)).index(code.pk) + 1
        message = _("%(code)s is now number %(place)s in %(category)s.") % {
            "code": code.name, "place": place, "category": target.name}
    else:
        message = _("%(code)s is now in %(category)s.") % {"code": code.name, "category": target.name}
    column_key = target.pk if target is not None else (source.pk if data["keep"] else "none")
    if target is None and code.placements.filter(category__archived=False).exists():
        column_key = code.placements.filter(category__archived=False).first().category_id
    explain = None
    if isinstance(moved, list) and moved and not data["rationale"]:  # a drag: why may follow
        explain = {"code": code.name, "events": ",".join(str(event.pk) for event in moved)}
    return _done(request, survey, message, focus=(column_key, code.pk), explain=explain)


@require_POST
def board_move_rationale(request, slug):
    """The rationale of the move just made (offered under the board's message after a move
    that came without one, such as a drag): it goes with that move and no other."""
    survey = roles.get_survey_for(request, slug, roles.EDIT_BOARD)
    form = RationaleForm(request.POST)
    if not form.is_valid():
        return render_board(request, survey, status=400, message=_first_error(form))
    try:
        name = actions.explain_move(survey, form.cleaned_data["events"], by=request.user,
                                    rationale=form.cleaned_data["rationale"])
    except Refusal as refusal:
        return render_board(request, survey, status=refusal.status, message=refusal.message)
    return _done(request, survey, _("The rationale was saved with the move of %(code)s.") % {"code": name})


@require_POST
def board_reorder(request, slug, category_id):
    survey = roles.get_survey_for(request, slug, roles.EDIT_BOARD)
    category = get_category_for(survey, category_id, archived=False)
    form = ReorderForm(request.POST)
    if not form.is_valid():
        return render_board(request, survey, status=400, message=_first_error(form))
    try:
        actions.reorder_column(category, form.cleaned_data["order"], by=request.user,
                               expected_order=form.cleaned_data["seen_order"])
    except actions.BoardConflict as conflict:
        return render_board(request, survey, status=409, message=conflict.message)
    return _done(request, survey, _("The order of %(category)s was saved.") % {"category": category.name})


@require_POST
def category_create(request, slug):
    survey = roles.get_survey_for(request, slug, roles.MANAGE_CATEGORIES)
    form = NewCategoryForm(request.POST, survey=survey)
    if not form.is_valid():
        return render_board(request, survey, status=400, message=_first_error(form))
    category = actions.create_category(survey, by=request.user, **form.cleaned_data)
    return _done(request, survey, _("The category %(category)s was added.") % {"category": category.name})


@require_POST
def category_order(request, slug, category_id):
    survey = roles.get_survey_for(request, slug, roles.MANAGE_CATEGORIES)
    category = get_category_for(survey, category_id, archived=False)
    step = -1 if request.POST.get("direction") == "left" else 1
    actions.move_category(category, by=request.user, step=step)
    return _done(request, survey, _("The columns were reordered."))


@require_POST
def category_archive(request, slug, category_id):
    survey = roles.get_survey_for(request, slug, roles.MANAGE_CATEGORIES)
    category = get_category_for(survey, category_id)
    archived = request.POST.get("archived", "1") != "0"
    actions.archive_category(category, by=request.user, archived=archived)
    if archived:
        message = _("The category %(category)s was archived.") % {"category": category.name}
    else:
        message = _("The category %(category)s is back on the board.") % {"category": category.name}
    return _done(request, survey, message)


@require_POST
def theme_update(request, slug, theme_id):
    survey = roles.get_survey_for(request, slug, roles.MANAGE_CATEGORIES)
    theme = get_object_or_404(Theme, survey=survey, pk=theme_id)
    form = ThemeForm(request.POST, survey=survey, theme=theme)
    if not form.is_valid():
        return render_board(request, survey, status=400, message=_first_error(form))
    actions.update_theme(theme, by=request.user, **form.cleaned_data)
    return _done(request, survey, _("The theme %(theme)s was saved.") % {"theme": theme.name})


@require_POST
def theme_create(request, slug):
    survey = roles.get_survey_for(request, slug, roles.MANAGE_CATEGORIES)
    form = ThemeForm(request.POST, survey=survey)
    if not form.is_valid():
        return render_board(request, survey, status=400, message=_first_error(form))
    theme = actions.create_theme(survey, by=request.user, **form.cleaned_data)
    return _done(request, survey, _("The theme %(theme)s was added.") % {"theme": theme.name})
