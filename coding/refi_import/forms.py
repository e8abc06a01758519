"""The import screens' forms: the codebook confirmed after its preview, and the project's users
mapped to coders (the upload forms are the exchange page's, coding/refi/forms.py)."""

import base64
import binascii

from django import forms
from django.utils.translation import gettext as _

from coding.refi_import.importing import coder_accounts


class CodebookConfirmForm(forms.Form):
    payload = forms.CharField(widget=forms.HiddenInput)
    filename = forms.CharField(widget=forms.HiddenInput, required=False, max_length=255)

    def clean_payload(self):
        try:
            data = base64.b64decode(self.cleaned_data["payload"], validate=True)
        except (binascii.Error, ValueError):
            raise forms.ValidationError(
                _("The codebook was damaged on the way; upload it again."), code="payload"
            ) from None
        return data


NEW_USER = ""


class UserMapForm(forms.Form):
    """One choice per user of the file: a new inactive user (the default) or a coder here."""

    def __init__(self, *args, users, **kwargs):
        super().__init__(*args, **kwargs)
        self.users = users
        choices = [(NEW_USER, _("A new inactive user"))] + [
            (str(u.pk), u.get_full_name() or u.username) for u in coder_accounts()]
        for index, user in enumerate(users):
            suggested = user["suggested"]
            self.fields[f"user_{index}"] = forms.ChoiceField(
                label=user["name"] or user["ident"] or user["guid"], choices=choices, required=False, initial=NEW_USER,
                help_text=_("The coder %(name)s here has the same user name.") % {"name": suggested.username}
                if suggested else "")

    def mapping(self):
        """guid → the chosen coder, or None for a new inactive user."""
        coders = {str(u.pk): u for u in coder_accounts()}
        return {user["guid"]: coders.get(self.cleaned_data[f"user_{index}"])
                for index, user in enumerate(self.users)}
