"""django-tables2 tables of the coding app. Explicit fields; sort and page links swap through
htmx (templates/tables/htmx_table.html)."""

import math
from urllib.parse import urlencode

import django_tables2 as tables
from django.core.paginator import EmptyPage, Paginator
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from surveys.models import Answer

COUNT_CAP = 1000


class AnswerPaginator(Paginator):
    """Pages of the answer list without a COUNT(*) of every matching answer.

    With `total` (the survey's number of answers, known when nothing is filtered) the count
    is exact and free. Otherwise the matching answers are counted up to COUNT_CAP (a count
    that stops reading there); beyond that the count says "more than", and a page reads one
    row more than it shows to know whether another page follows. `matching` is the filtered
    queryset (the table hands the paginator its rows, which cannot be counted with a limit)."""

    COUNT_CAP = COUNT_CAP  # for the template

    def __init__(self, object_list, per_page, *, matching, total=None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.matching = matching
        self.total = total
        self._last_seen = 0

    @cached_property
    def count(self):
        if self.total is not None:
            return self.total
        return self.matching.order_by()[:COUNT_CAP + 1].count()

    @property
    def capped(self):
        return self.total is None and self.count > COUNT_CAP

    @property
    def num_pages(self):
        known = math.ceil(min(self.count, COUNT_CAP if self.capped else self.count) / self.per_page) or 1
        return max(known, self._last_seen)

    @property
    def page_range(self):
        return range(1, self.num_pages + 1)

    def validate_number(self, number):
        if not self.capped:
            return super().validate_number(number)
        try:
            number = int(number)
        except (TypeError, ValueError):
            number = 1
        return max(number, 1)

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        rows = list(self.object_list[bottom:bottom + self.per_page + 1])
        if not rows and number > 1:
            raise EmptyPage(self.error_messages["no_results"])
        self._last_seen = number + (1 if len(rows) > self.per_page else 0)
        return self._get_page(rows[:self.per_page], number, self)


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
        template_name = "tables/answer_table.html"
        attrs = {"class": "data-table answer-table"}
        empty_text = _("No answers match these filters.")
        orderable = True

    def __init__(self, *args, survey, caption="", **kwargs):
        super().__init__(*args, **kwargs)
        self.survey = survey
        self.caption = caption
        self.codes_by_answer = {}
        self.headlines = {}
        self.list_query = ""  # the list's filters, search and sort: the coding view walks them

    @property
    def body_rows(self):
        """[(question, response unit, answer, codes)] of the shown page, rendered here."""
        return [(record.question.code, self.render_respondent(record), self.render_text(record),
                 self.render_codes(record)) for record in (row.record for row in self.paginated_rows)]

    def render_respondent(self, record):
        return record.respondent.display_name

    def render_text(self, record):
        url = reverse("coding:answer", args=[self.survey.slug, record.pk])
        if self.list_query:
            url += "?" + urlencode({"list": self.list_query})
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
