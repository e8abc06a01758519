"""Forms of the category board. The `seen` fields carry what the client saw (see
coding/actions/board.py) so a stale move is refused rather than lost."""

from django import forms
from django.utils.translation import gettext_lazy as _

from coding.board.actions import parse_token
from coding.models import Category, Theme

NONE = "none"


class MoveForm(forms.Form):
    code = forms.IntegerField(widget=forms.HiddenInput)
    source = forms.CharField(widget=forms.HiddenInput)  # a category id or "none"
    target = forms.CharField(label=_("Move to"))
    keep = forms.BooleanField(label=_("Keep it in this column too"), required=False)
    position = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)  # drag and drop, from 0
    # The keyboard's way to the same: a place counted from 1, which also reorders a column.
    place = forms.IntegerField(label=_("Place in the column"), required=False, min_value=1, max_value=10_000)
    seen = forms.CharField(required=False, widget=forms.HiddenInput)
    rationale = forms.CharField(label=_("Why (optional)"), required=False, max_length=2000)

    def __init__(self, *args, survey, **kwargs):
        super().__init__(*args, **kwargs)
        self.survey = survey

    def _category(self, value, field):
        if value == NONE:
            return None
        if not value.isdigit():
            raise forms.ValidationError(_("Choose a column."), code="invalid_column")
        category = Category.objects.filter(survey=self.survey, archived=False, pk=int(value)).first()
        if category is None:
            raise forms.ValidationError(_("That column is no longer on the board."), code="gone_column")
        return category

    def clean_source(self):
        return self._category(self.cleaned_data["source"], "source")

    def clean_target(self):
        return self._category(self.cleaned_data["target"], "target")

    def clean_seen(self):
        seen = parse_token(self.cleaned_data["seen"])
        if seen is None:
            raise forms.ValidationError(_("The board state sent is malformed."), code="bad_seen")
        return seen

    def clean_rationale(self):
        return self.cleaned_data["rationale"].strip()

    def clean(self):
        data = super().clean()
        if data.get("position") is None and data.get("place"):
            data["position"] = data["place"] - 1
        return data


def _id_list(value):
    value = (value or "").strip()
    if not value:
        return []
    try:
        return [int(part) for part in value.split(",")]
    except ValueError:
        raise forms.ValidationError(_("The order sent is malformed."), code="bad_order") from None


class RationaleForm(forms.Form):
    """The rationale of a move just made: which audit rows (the move's own), and why."""

    events = forms.CharField(widget=forms.HiddenInput)
    rationale = forms.CharField(label=_("Why (optional)"), max_length=2000)

    def clean_events(self):
        ids = _id_list(self.cleaned_data["events"])
        if not 1 <= len(ids) <= 2:
            raise forms.ValidationError(_("The move sent is malformed."), code="bad_move")
        return ids

    def clean_rationale(self):
        return self.cleaned_data["rationale"].strip()


class ReorderForm(forms.Form):
    order = forms.CharField(required=False)
    seen_order = forms.CharField(required=False)

    def clean_order(self):
        return _id_list(self.cleaned_data["order"])

    def clean_seen_order(self):
        return _id_list(self.cleaned_data["seen_order"])


class NewCategoryForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=160)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, survey, **kwargs):
        super().__init__(*args, **kwargs)
        self.survey = survey

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if Category.objects.filter(survey=self.survey, name=name).exists():
            raise forms.ValidationError(_("A category with this name exists already."), code="duplicate")
        return name


class CategoryForm(forms.Form):
    """Description and finding (coders and admins); the name only for admins."""

    name = forms.CharField(label=_("Name"), max_length=160)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    finding = forms.CharField(label=_("Finding"), required=False, widget=forms.Textarea(attrs={"rows": 6}))
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, category, may_rename, **kwargs):
        super().__init__(*args, **kwargs)
        self.category = category
        if not may_rename:
            del self.fields["name"]

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if Category.objects.filter(survey=self.category.survey, name=name).exclude(pk=self.category.pk).exists():
            raise forms.ValidationError(_("A category with this name exists already."), code="duplicate")
        return name

    def changes(self):
        return {k: v for k, v in self.cleaned_data.items() if k != "version"}


class ThemeForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=160)
    description = forms.CharField(label=_("Description"), required=False)
    categories = forms.ModelMultipleChoiceField(
        label=_("Categories"), queryset=Category.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, survey, theme=None, **kwargs):
        """A new theme, or with `theme` the edit form of that one (its own prefix, so several
        can sit on one page)."""
        if theme is not None:
            kwargs.setdefault("prefix", f"theme-{theme.pk}")
            kwargs.setdefault("initial", {"name": theme.name, "description": theme.description,
                                          "categories": list(theme.categories.all())})
        super().__init__(*args, **kwargs)
        self.survey, self.theme = survey, theme
        self.fields["categories"].queryset = Category.objects.filter(survey=survey, archived=False)

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        others = Theme.objects.filter(survey=self.survey, name=name)
        if self.theme is not None:
            others = others.exclude(pk=self.theme.pk)
        if others.exists():
            raise forms.ValidationError(_("A theme with this name exists already."), code="duplicate")
        return name


class CategoryThemesForm(forms.Form):
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"), queryset=Theme.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, survey, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].queryset = Theme.objects.filter(survey=survey)
