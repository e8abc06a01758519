"""`{{ distributions|not_applicable_label }}`: the survey's own word for not-applicable, or the
general word when the answers used more than one ("Vet ikke" and "Ikke relevant")."""

from django import template
from django.utils.translation import gettext as _

from coding.dashboards.charts import not_applicable_label as _label

register = template.Library()


@register.filter
def not_applicable_label(distributions):
    if any(d.not_applicable_breakdown for d in distributions):
        return _("Not applicable")
    return _label(distributions)
