"""Forms of the privacy screens: search, decide, add, pseudonymise, retention."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coding.models import Finding


class ScanForm(forms.Form):
    org_numbers = forms.BooleanField(label=_("Also find organisation numbers"), required=False)


class DecideForm(forms.Form):
    finding = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(choices=[(Finding.Status.CONFIRMED, _("Confirm")),
                                        (Finding.Status.REJECTED, _("Reject")),
                                        (Finding.Status.SUGGESTED, _("Undo"))])


class AddForm(forms.Form):
    value = forms.CharField(label=_("Words that are personal data"), max_length=300,
                            help_text=_("Every place these exact words occur in the survey's answers "
                                        "becomes a confirmed finding."))
    kind = forms.ChoiceField(label=_("Kind"), choices=Finding.Kind.choices)

    def clean_value(self):
        value = " ".join(self.cleaned_data["value"].split())
        if len(value) < 2:
            raise ValidationError(_("Write at least two characters."), code="too_short")
        return value


def _future(value):
    if value is not None and value <= timezone.localdate():
        raise ValidationError(_("Choose a date after today."), code="past")
    return value


class PseudonymiseForm(forms.Form):
    keep_original_until = forms.DateField(
        label=_("Keep the original texts until (optional)"), required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Leave empty to delete the original texts at once. With a date they are kept, "
                    "unseen by anyone, and deleted by the retention run on that date."),
    )

    def clean_keep_original_until(self):
        return _future(self.cleaned_data["keep_original_until"])


class RetentionForm(forms.Form):
    delete_by = forms.DateField(label=_("Delete by"), required=False, widget=forms.DateInput(attrs={"type": "date"}),
                                help_text=_("Leave empty for no delete-by date."))
    retention_action = forms.ChoiceField(label=_("On that date"), choices=[
        ("delete", _("delete the survey")), ("anonymise", _("anonymise the answers"))])

    def clean_delete_by(self):
        value = _future(self.cleaned_data["delete_by"])
        if value and value > timezone.localdate() + datetime.timedelta(days=366 * 30):
            raise ValidationError(_("Choose a date within 30 years."), code="far")
        return value
