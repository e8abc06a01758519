"""The shortcut settings form: every key one printable character or empty (turned off), no
key twice, and none of 1–9 while those apply the recent codes."""

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from coding.shortcuts.keys import ACTIONS, LABELS, RECENT_DIGITS, is_single_key


class ShortcutForm(forms.Form):
    enabled = forms.BooleanField(label=_("Use single-key shortcuts in the coding view"), required=False)
    digits = forms.BooleanField(label=_("1–9 apply the nine most recent codes"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for action, _default, label in ACTIONS:
            self.fields[f"key_{action}"] = forms.CharField(
                label=label, required=False, strip=False,
                widget=forms.TextInput(attrs={"maxlength": "1", "size": "2", "autocomplete": "off",
                                              "spellcheck": "false", "class": "key-input"}))

    @property
    def key_fields(self):
        return [self[f"key_{action}"] for action, _default, _label in ACTIONS]

    def clean(self):
        data = super().clean()
        seen = {}
        for action, _default, _label in ACTIONS:
            name = f"key_{action}"
            value = data.get(name, "")
            if value == "":
                continue
            if not is_single_key(value):
                self.add_error(name, forms.ValidationError(
                    gettext("One key: a single letter, digit or sign, not a space."), code="not_one_key"))
            elif data.get("digits") and value in RECENT_DIGITS:
                self.add_error(name, forms.ValidationError(
                    gettext("1–9 apply the recent codes. Choose another key, or turn that off above."),
                    code="recent_digit"))
            elif value in seen:
                self.add_error(name, forms.ValidationError(
                    gettext("“%(key)s” is already the key for: %(action)s.")
                    % {"key": value, "action": LABELS[seen[value]]}, code="duplicate"))
            else:
                seen[value] = action
        return data

    @property
    def keys(self):
        return {action: self.cleaned_data.get(f"key_{action}", "") for action, _default, _label in ACTIONS}
