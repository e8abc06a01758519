"""`{{ value|figure:3 }}`: an agreement figure, localised, or "undefined" (never 0 or 1)."""

from django import template
from django.template.defaultfilters import floatformat
from django.utils.html import format_html
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def figure(value, digits=3):
    if value is None:
        return format_html('<span class="undefined">{}</span>', _("undefined"))
    return floatformat(value, digits)
