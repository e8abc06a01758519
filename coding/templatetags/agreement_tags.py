"""`{{ value|figure:3 }}`: an agreement figure, localised, or "undefined" (never 0 or 1);
`{% consensus_coverage survey %}`: how many answers the consensus layer covers, with a warning
when that is a small share (shown beside every layer choice that reads the consensus layer)."""

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


@register.inclusion_tag("coding/agreement/includes/coverage.html")
def consensus_coverage(survey):
    from coding.agreement.consensus import coverage

    return {"coverage": coverage(survey), "survey": survey}
