"""Form rules the survey layer shares with the screens above it."""

from django import forms
from django.utils.translation import gettext as _

from surveys.models import Survey
from surveys.text import short_name


def clean_short_name(value, *, exclude=None):
    """A survey's short name from what was typed (æ, ø, å kept as ae, o, a), refused when it is
    empty or another survey (not `exclude`) has it."""
    slug = short_name(value)
    if not slug:
        raise forms.ValidationError(_("Give the survey a short name of letters or digits."), code="invalid")
    others = Survey.objects.filter(slug=slug)
    if exclude is not None:
        others = others.exclude(pk=exclude.pk)
    if others.exists():
        raise forms.ValidationError(_("Another survey has this short name. Choose another."), code="taken")
    return slug
