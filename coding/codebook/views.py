"""The codebook: codes as a tree with counts per coder; rename, recolour, move, merge, delete;
each code's history."""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.db.models import Count
from django.shortcuts import redirect, render
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from coding import errors, layers
from coding.access import get_code_for
from coding.codebook import actions, queries
from coding.models import AuditEvent, Code
from veiledning import roles

COLOUR = forms.RegexField(regex=r"^#[0-9a-fA-F]{6}$", label=gettext_lazy("Colour"),
                          widget=forms.TextInput(attrs={"type": "color"}))


class CodeForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=120)
    description = forms.CharField(label=gettext_lazy("Description"), required=False, widget=forms.Textarea(
        attrs={"rows": 3}))
    colour = COLOUR
    parent = forms.ModelChoiceField(label=gettext_lazy("Parent code"), queryset=Code.objects.none(),
                                    required=False, empty_label=gettext_lazy("None (top level)"))

    def __init__(self, *args, survey, code=None, **kwargs):
        super().__init__(*args, **kwargs)
        parents = Code.objects.filter(survey=survey).order_by("name")
        if code is not None:
            parents = parents.exclude(pk=code.pk)
        self.fields["parent"].queryset = parents


class EditCodeForm(CodeForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class MergeForm(forms.Form):
    target = forms.ModelChoiceField(label=gettext_lazy("Merge into"), queryset=Code.objects.none(),
                                    empty_label=gettext_lazy("Choose a code"))

    def __init__(self, *args, survey, code, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = Code.objects.filter(survey=survey).exclude(pk=code.pk).order_by("name")


def _tree(codes):
    """Codes in depth-first order with their depth (a parent before its children)."""
    children = {}
    for code in codes:
        children.setdefault(code.parent_id, []).append(code)
    ordered = []

    def walk(parent_id, depth):
        for code in children.get(parent_id, []):
            code.depth = min(depth, 5)
            ordered.append(code)
            walk(code.pk, depth + 1)

    walk(None, 0)
    known = {c.pk for c in ordered}
    ordered.extend(c for c in codes if c.pk not in known)  # defensive: a broken chain
    return ordered


@require_GET
def codebook(request, slug):
    survey = roles.get_survey_for(request, slug)
    codes = list(Code.objects.filter(survey=survey).select_related("parent").order_by("name"))
    counts = (
        layers.visible_codings(request.user, survey)
        .values("code_id", "coder_id")
        .annotate(answers=Count("answer_id", distinct=True), respondents=Count("answer__respondent_id", distinct=True))
        .order_by()
    )
    per_code = {}
    coder_ids = set()
    for row in counts:
        coder_ids.add(row["coder_id"])
        per_code.setdefault(row["code_id"], {})[row["coder_id"]] = (row["answers"], row["respondents"])
    coders = list(get_user_model().objects.filter(pk__in=coder_ids).order_by("username"))
    for code in codes:
        code.per_coder = [per_code.get(code.pk, {}).get(c.pk, (0, 0)) for c in coders]
        code.used = bool(per_code.get(code.pk))
    form = CodeForm(survey=survey, initial={"colour": actions.next_colour(survey)}, prefix="new")
    return render(request, "coding/codebook/codebook.html",
                  {"survey": survey, "codes": _tree(codes), "coders": coders, "form": form})


@require_POST
def code_create(request, slug):
    survey = roles.get_survey_for(request, slug, roles.CODE)
    form = CodeForm(request.POST, survey=survey, prefix="new")
    if form.is_valid():
        data = form.cleaned_data
        try:
            code = actions.create_code(survey, data["name"], by=request.user, description=data["description"],
                                       colour=data["colour"], parent=data["parent"])
        except errors.CodingError as error:
            form.add_error("name", error.message)
        else:
            messages.success(request, _("The code “%(name)s” was created.") % {"name": code.name})
            return redirect("coding:codebook", survey.slug)
    return render(request, "coding/codebook/form.html", {"survey": survey, "form": form}, status=400)


CHANGE_TEXTS = {
    "name": gettext_lazy("name changed from “%(before)s” to “%(after)s”"),
    "colour": gettext_lazy("colour changed from %(before)s to %(after)s"),
    "parent": gettext_lazy("moved from “%(before)s” to “%(after)s”"),
    "description": gettext_lazy("description changed from “%(before)s” to “%(after)s”"),
}


def describe_changes(data):
    """What one "code changed" row changed, in words with the old and new values. Rows written
    before changes were logged field by field may name fields that kept their value: those are
    left out."""
    before, after = data.get("before") or {}, data.get("after") or {}
    out = []
    for field, text in CHANGE_TEXTS.items():
        if field not in after or before.get(field, "") == after[field]:
            continue
        old, new = before.get(field, ""), after[field]
        if field == "parent":
            old, new = old or _("top level"), new or _("top level")
        elif field == "description":
            old, new = Truncator(old).chars(60), Truncator(new).chars(60)
        out.append(text % {"before": old, "after": new})
    return out


@require_http_methods(["GET", "POST"])
def code_detail(request, slug, code_id):
    survey = roles.get_survey_for(request, slug, roles.CODE if request.method == "POST" else roles.VIEW)
    code = get_code_for(survey, code_id)
    status = 200
    if request.method == "POST":
        form = EditCodeForm(request.POST, survey=survey, code=code)
        if form.is_valid():
            data = form.cleaned_data
            try:
                code = actions.update_code(code, by=request.user, version=data["version"], name=data["name"],
                                           description=data["description"], colour=data["colour"],
                                           parent=data["parent"])
            except errors.CodingError as error:
                form.add_error(None, error.message)
                status = error.status
            else:
                messages.success(request, _("The code “%(name)s” was saved.") % {"name": code.name})
                return redirect("coding:code", survey.slug, code.pk)
        else:
            status = 400
    else:
        form = EditCodeForm(survey=survey, code=code, initial={
            "name": code.name, "description": code.description, "colour": code.colour,
            "parent": code.parent_id, "version": code.version})
    history = AuditEvent.objects.filter(code=code).select_related("actor", "answer__question")[:50]
    if not layers.sees_all_layers(request.user, survey):
        history = AuditEvent.objects.filter(code=code, actor=request.user).select_related(
            "actor", "answer__question")[:50]
    history = list(history)
    for event in history:
        event.changes = describe_changes(event.data)
    context = {
        "survey": survey, "code": code, "form": form, "merge_form": MergeForm(survey=survey, code=code),
        "history": history, "used_by": layers.visible_codings(request.user, survey).filter(code=code).count(),
        "own_layer_only": not layers.sees_all_layers(request.user, survey),
    }
    return render(request, "coding/codebook/code.html", context, status=status)


@require_POST
def code_merge(request, slug, code_id):
    """Merge a code into another: the first post shows what would move (codings per coder,
    duplicates, categories, sub-codes) and asks; the confirmed one merges."""
    survey = roles.get_survey_for(request, slug, roles.CODE)
    code = get_code_for(survey, code_id)
    form = MergeForm(request.POST, survey=survey, code=code)
    if not form.is_valid():
        messages.error(request, _("Choose the code to merge into."))
        return redirect("coding:code", survey.slug, code.pk)
    target = form.cleaned_data["target"]
    own_layer_only = not layers.sees_all_layers(request.user, survey)
    if request.POST.get("confirmed") != "1":  # first what would move, then the merge itself
        refusal = actions.merge_refusal(code, target, by=request.user, own_layer_only=own_layer_only)
        if refusal is not None:
            messages.error(request, refusal.message)
            return redirect("coding:code", survey.slug, code.pk)
        return render(request, "coding/codebook/merge_confirm.html", {
            "survey": survey, "code": code, "target": target, "own_layer_only": own_layer_only,
            "preview": queries.merge_preview(code, target, request.user)})
    try:
        summary = actions.merge_codes(code, target, by=request.user, own_layer_only=own_layer_only)
    except errors.CodingError as error:
        messages.error(request, error.message)
        return redirect("coding:code", survey.slug, code.pk)
    moved = ngettext("%(n)s coding moved", "%(n)s codings moved", summary["moved"]) % {"n": summary["moved"]}
    collapsed = ngettext("%(n)s duplicate collapsed", "%(n)s duplicates collapsed",
                         summary["collapsed"]) % {"n": summary["collapsed"]}
    messages.success(request, _("“%(source)s” was merged into “%(target)s”: %(moved)s, %(collapsed)s.") % {
        "source": summary["source_name"], "target": target.name, "moved": moved, "collapsed": collapsed})
    return redirect("coding:code", survey.slug, target.pk)


@require_POST
def code_delete(request, slug, code_id):
    survey = roles.get_survey_for(request, slug, roles.CODE)
    code = get_code_for(survey, code_id)
    try:
        actions.delete_code(code, by=request.user, own_layer_only=not layers.sees_all_layers(request.user, survey))
    except errors.CodingError as error:
        messages.error(request, error.message)
        response = redirect("coding:code", survey.slug, code.pk)
        return response
    messages.success(request, _("The code “%(name)s” was deleted.") % {"name": code.name})
    return redirect("coding:codebook", survey.slug)
