"""The survey settings form and the delete confirmation."""

from django import forms
from django.utils.translation import gettext_lazy as _

from surveys.forms import clean_short_name
from surveys.models import Survey

# The fields the settings screen edits, in the order it shows them (the delete-by date has its
# own screen, Personopplysninger).
SETTINGS_FIELDS = ("title", "slug", "period", "description", "respondent_kind", "small_cell_threshold",
                   "blind_coding", "development_areas")


class SurveySettingsForm(forms.ModelForm):
    class Meta:
        model = Survey
        fields = SETTINGS_FIELDS
        labels = {
            "slug": _("Short name"),
            "respondent_kind": _("One respondent is"),
            "small_cell_threshold": _("Small-cell threshold"),
            "blind_coding": _("Blind mode"),
            "development_areas": _("Development areas"),
        }
        help_texts = {
            "slug": _("Used in the survey's web addresses and in commands. Letters, digits and hyphens; "
                      "æ, ø and å become ae, o and a."),
            "period": _("For example 2019–2020. The survey list is sorted by period, then title."),
            "small_cell_threshold": _("Crosstab cells with fewer response units than this are shown as “hidden”, "
                                      "and so are the cells hidden with them."),
            "blind_coding": _("Coders see only their own codings until the comparison is opened."),
            "respondent_kind": _("Decides how answers name who gave them (“Kommune: Vang” only for "
                                 "municipalities and groups of them)."),
            "development_areas": _("The report's last chapter. One area per paragraph: its name on the first "
                                   "line, its text and development questions on the lines below, a blank line "
                                   "before the next area."),
        }
        widgets = {"slug": forms.TextInput, "description": forms.Textarea(attrs={"rows": 4}),
                   "development_areas": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].validators = []  # clean_slug normalises first, then checks
        self.fields["small_cell_threshold"].min_value = 1
        self.fields["small_cell_threshold"].widget.attrs["min"] = 1

    def clean_title(self):
        title = " ".join(self.cleaned_data["title"].split())
        if not title:
            raise forms.ValidationError(_("Give the survey a title."), code="required")
        return title

    def clean_slug(self):
        return clean_short_name(self.cleaned_data["slug"], exclude=self.instance)

    def clean_small_cell_threshold(self):
        value = self.cleaned_data["small_cell_threshold"]
        if value is None or not 1 <= value <= 100:
            raise forms.ValidationError(_("Give a whole number from 1 to 100."), code="range")
        return value


class DeleteSurveyForm(forms.Form):
    confirm = forms.CharField(label=_("Type the survey's title to confirm"), max_length=200)

    def __init__(self, *args, survey, **kwargs):
        super().__init__(*args, **kwargs)
        self.survey = survey

    def clean_confirm(self):
        typed = " ".join(self.cleaned_data["confirm"].split())
        if typed != self.survey.title:
            raise forms.ValidationError(
                _("The title you typed does not match “%(title)s”. Nothing was deleted.")
                % {"title": self.survey.title},
                code="mismatch")
        return typed
