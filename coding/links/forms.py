"""Forms of the link screens. The grid's checkboxes are named `link-<category>-<question>`;
every name is checked against the survey's own categories and graded questions."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

LINK_NAME = re.compile(r"^link-(\d+)-(\d+)$")


class CategoryQuestionsForm(forms.Form):
    """The category card's list: which graded questions this category shows."""

    questions = forms.ModelMultipleChoiceField(
        label=_("Graded questions shown with this category"), queryset=None, required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, survey, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["questions"].queryset = survey.questions.graded().order_by("order", "id")
        self.fields["questions"].label_from_instance = lambda q: f"{q.code}. {q.text}"


class LinkGridForm(forms.Form):
    """The survey-wide grid: the checked (category, question) pairs."""

    def __init__(self, data, *, grid):
        super().__init__(data)
        self.grid = grid

    def clean(self):
        categories = {c.id: c for c in self.grid.categories}
        questions = {q.id: q for q in self.grid.questions}
        chosen = {category: set() for category in categories.values()}
        for name in self.data:
            match = LINK_NAME.match(name)
            if not match:
                continue
            category, question = categories.get(int(match[1])), questions.get(int(match[2]))
            if category is None or question is None:
                raise forms.ValidationError(
                    _("The grid is out of date: a category or question was removed. Reload the page."), code="stale")
            chosen[category].add(question)
        self.cleaned_data["links"] = chosen
        return self.cleaned_data
