"""`{{ distributions|not_applicable_label }}`: the survey's own word for not-applicable."""

from django import template

from coding.dashboards.charts import not_applicable_label as _label

register = template.Library()


@register.filter
def not_applicable_label(distributions):
    return _label(distributions)
