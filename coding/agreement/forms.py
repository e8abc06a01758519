"""Forms of the agreement and reconciliation pages."""

import secrets

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from coding.agreement.queries import AnswerSet, coders_of, may_code
from coding.models import Code

DEFAULT_THRESHOLD = 0.667


class FiguresForm(forms.Form):
    """Which coders and answers the figures compare (a GET form: the URL keeps the choice)."""

    coders = forms.MultipleChoiceField(label=_("Coders"), required=False, widget=forms.CheckboxSelectMultiple)
    answers = forms.ChoiceField(label=_("Answers"), required=False)
    count_empty = forms.BooleanField(
        label=_("Sample answers a coder left without codes mean “no code applies”"), required=False,
        help_text=_("Tick this once the coders have finished the sample. Otherwise an answer "
                    "without codes counts as not yet coded."),
    )
    without_suggested = forms.BooleanField(
        label=_("Without accepted suggestions"), required=False,
        help_text=_("Agreement counts only codings the coders made themselves: codings that came from "
                    "accepted suggestions are left out."),
    )
    threshold = forms.FloatField(label=_("Flag codes with alpha below"), required=False, min_value=0,
                                 max_value=1, initial=DEFAULT_THRESHOLD,
                                 widget=forms.NumberInput(attrs={"step": "0.001"}))

    def __init__(self, data, *, survey):
        super().__init__(data)
        self.survey = survey
        self.people = list(coders_of(survey))
        self.fields["coders"].choices = [(str(u.id), u.get_full_name() or u.username) for u in self.people]
        self.samples = list(survey.samples.all())
        self.questions = list(survey.questions.textual().order_by("order", "id"))
        self.fields["answers"].choices = [
            ("all", _("All answers")),
            (_("Samples"), [(f"s{s.id}", s.name) for s in self.samples]),
            (_("Questions"), [(f"q{q.id}", f"{q.code}. {q.text[:80]}") for q in self.questions]),
        ]

    def clean_threshold(self):
        value = self.cleaned_data.get("threshold")
        return DEFAULT_THRESHOLD if value is None else value

    def clean_answers(self):
        value = self.cleaned_data.get("answers") or ("all" if not self.samples else f"s{self.samples[0].id}")
        if value.startswith("s"):
            return AnswerSet(sample=next(s for s in self.samples if f"s{s.id}" == value))
        if value.startswith("q"):
            return AnswerSet(questions=[q for q in self.questions if f"q{q.id}" == value])
        return AnswerSet()

    def clean(self):
        cleaned = super().clean()
        answer_set = cleaned.get("answers")
        if answer_set is None:
            return cleaned
        answer_set.count_empty = bool(cleaned.get("count_empty")) and answer_set.sample is not None
        answer_set.without_suggested = bool(cleaned.get("without_suggested"))
        chosen = cleaned.get("coders") or []
        if not chosen:
            # Default: the sample's coders, or everyone who has coded in the survey.
            if answer_set.sample is not None:
                chosen = [str(i) for i in answer_set.sample.coders.values_list("id", flat=True)]
            else:
                chosen = [str(u.id) for u in self.people if u.has_coded]
            if hasattr(self.data, "setlist"):  # so the page shows which coders were compared
                self.data = self.data.copy()
                self.data.setlist("coders", chosen)
        cleaned["coder_users"] = [u for u in self.people if str(u.id) in chosen]
        if len(cleaned["coder_users"]) < 2:
            raise ValidationError(_("Choose at least two coders."), code="too_few_coders")
        return cleaned


class BlindForm(forms.Form):
    on = forms.BooleanField(label=_("Blind coding"), required=False)


class SampleForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    size = forms.IntegerField(label=_("Number of answers"), min_value=1, max_value=50_000, initial=40)
    seed = forms.IntegerField(label=_("Seed (the same seed draws the same answers)"), required=False,
                              min_value=0, max_value=2**62)
    coders = forms.MultipleChoiceField(label=_("Coders"), widget=forms.CheckboxSelectMultiple)
    questions = forms.MultipleChoiceField(label=_("Only these questions"), required=False,
                                          widget=forms.CheckboxSelectMultiple)
    stratified = forms.BooleanField(label=_("Stratified by question"), required=False)

    def __init__(self, data=None, *, survey):
        super().__init__(data, prefix="sample")
        self.survey = survey
        self.people = list(may_code())
        self.fields["coders"].choices = [(str(u.id), u.get_full_name() or u.username) for u in self.people]
        self.question_list = list(survey.questions.textual().order_by("order", "id"))
        self.fields["questions"].choices = [(str(q.id), q.code) for q in self.question_list]

    def clean_seed(self):
        seed = self.cleaned_data.get("seed")
        return secrets.randbelow(10**9) if seed is None else seed

    def clean_coders(self):
        chosen = self.cleaned_data["coders"]
        users = [u for u in self.people if str(u.id) in chosen]
        if len(users) < 2:
            raise ValidationError(_("Choose at least two coders."), code="too_few_coders")
        return users

    def clean_questions(self):
        chosen = self.cleaned_data.get("questions") or []
        return [q for q in self.question_list if str(q.id) in chosen] or None


class DecisionForm(forms.Form):
    code = forms.ModelChoiceField(queryset=Code.objects.none())
    present = forms.TypedChoiceField(choices=[("1", _("Applies")), ("0", _("Does not apply"))],
                                     coerce=lambda v: v == "1")
    reason = forms.CharField(label=_("Reason (optional)"), required=False, max_length=2000)
    sharpen_note = forms.CharField(label=_("The code's description needs sharpening: note"), required=False,
                                   max_length=2000)

    def __init__(self, data=None, *, survey):
        super().__init__(data)
        self.fields["code"].queryset = Code.objects.filter(survey=survey)
