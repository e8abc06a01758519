"""django-tables2 tables of the coding app. Explicit fields; sort and page links swap through
htmx (templates/tables/htmx_table.html)."""

import math
from html import escape
from itertools import cycle
from urllib.parse import urlencode

import django_tables2 as tables
from django.core.paginator import EmptyPage, Paginator
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from surveys.models import Answer

COUNT_CAP = 1000
TEXT_CHARS = 220  # an answer longer than this is cut in the list


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
    def body_html(self):
        """The shown page's <tr>s, written here in one pass: 25 rows through the template
        language, format_html and reverse() cost more than every query of the page. Every
        value is escaped (html.escape) before it is joined; nothing typed or imported is
        trusted."""
        answer_url = reverse("coding:answer", args=[self.survey.slug, 0])[:-2]  # ".../answers/"
        suffix = "?" + escape(urlencode({"list": self.list_query})) if self.list_query else ""
        changed = escape(str(_("Changed since coded")))
        chips = _chip_html()
        rows = []
        for parity, record in zip(cycle(("even", "odd")), (row.record for row in self.paginated_rows), strict=False):
            shown = self.headlines.get(record.pk)
            if shown is None:
                text = record.text
                shown = escape(text if len(text) <= TEXT_CHARS else Truncator(text).chars(TEXT_CHARS))
            link = f'<a class="answer-link" href="{answer_url}{record.pk}/{suffix}" hx-disable>{shown}</a>'
            if record.needs_review:
                link = f'<span class="badge badge-changed">{changed}</span> {link}'
            codes = self.codes_by_answer.get(record.pk)
            codes = "".join(chips[mine].format(escape(colour), escape(name)) for name, colour, mine in codes) \
                if codes else "–"
            rows.append(f'<tr class="{parity}"><td>{escape(record.question.code)}</td>'
                        f"<td>{escape(record.respondent.display_name)}</td><td>{link}</td><td>{codes}</td></tr>")
        return mark_safe("".join(rows))  # every piece above is escaped


def _chip_html():
    """{mine: the chip's HTML with {} for the colour and the name}. Bold marks the user's own
    codings; screen readers hear it in words."""
    words = {True: escape(str(_("(yours)"))), False: escape(str(_("(another coder's)")))}
    return {mine: ('<span class="code-chip' + (" mine" if mine else "") + '"><svg class="swatch" width="10" '
                   'height="10" aria-hidden="true"><rect width="10" height="10" fill="{}"/></svg> {}'
                   '<span class="visually-hidden"> ' + words[mine].replace("{", "{{").replace("}", "}}")
                   + "</span></span> ") for mine in (True, False)}
