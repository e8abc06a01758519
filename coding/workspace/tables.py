"""django-tables2 tables of the coding app. Explicit fields; sort and page links swap through
htmx (templates/tables/htmx_table.html)."""

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from surveys.models import Answer


class AnswerTable(tables.Table):
    """The workspace's answer list. The view fills `codes_by_answer` and `headlines` for the
    shown page only (two queries, never one per row)."""

    question = tables.Column(verbose_name=_("Question"), accessor="question__code",
                             order_by=("question__order", "question_id", "id"))
    respondent = tables.Column(verbose_name=_("Response unit"), accessor="respondent__external_key",
                               order_by=("respondent__external_key", "id"))
    text = tables.Column(verbose_name=_("Answer"), orderable=False)
    codes = tables.Column(verbose_name=_("Codes"), empty_values=(), orderable=False, accessor="pk")

    class Meta:
        model = Answer
        fields = ("question", "respondent", "text")
        sequence = ("question", "respondent", "text", "codes")
        attrs = {"class": "data-table answer-table"}
        empty_text = _("No answers match these filters.")
        orderable = True

    def __init__(self, *args, survey, caption="", **kwargs):
        super().__init__(*args, **kwargs)
        self.survey = survey
        self.caption = caption
        self.codes_by_answer = {}
        self.headlines = {}

    def render_respondent(self, record):
        return record.respondent.display_name

    def render_text(self, record):
        url = reverse("coding:answer", args=[self.survey.slug, record.pk])
        shown = self.headlines.get(record.pk)
        if shown is None:
            shown = Truncator(record.text).chars(220)
        link = format_html('<a class="answer-link" href="{}" hx-disable>{}</a>', url, shown)
        if record.needs_review:
            return format_html('<span class="badge badge-changed">{}</span> {}', _("Changed since coded"), link)
        return link

    def render_codes(self, record):
        codes = self.codes_by_answer.get(record.pk, [])
        if not codes:
            return "–"
        # Bold marks the user's own codings; screen readers hear it in words.
        yours, theirs = _("(yours)"), _("(another coder's)")
        return format_html_join(
            "", '<span class="code-chip{}"><svg class="swatch" width="10" height="10" aria-hidden="true">'
            '<rect width="10" height="10" fill="{}"/></svg> {}<span class="visually-hidden"> {}</span></span> ',
            ((" mine" if mine else "", colour, name, yours if mine else theirs) for name, colour, mine in codes),
        )
