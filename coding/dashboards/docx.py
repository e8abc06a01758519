"""The report as a Word document (python-docx) for the working group to finish in Word.

Charts become tables of the same numbers (Word draws no SVG from python-docx); every
category gets its description, graded questions, codes, quotes and finding."""

from django.utils import timezone
from django.utils.translation import gettext as _
from docx import Document
from docx.shared import Pt

from coding.dashboards import charts
from coding.exports.xlsx import ILLEGAL_XML


def _text(value):
    return ILLEGAL_XML.sub("", str(value if value is not None else ""))


def _table(document, header, rows):
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, value in zip(table.rows[0].cells, header, strict=True):
        cell.text = _text(value)
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for row in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = _text(value)
    return table


def build_docx(survey, sections, layer_label):
    document = Document()
    document.styles["Normal"].font.size = Pt(10)
    document.add_heading(_text(survey.title), level=0)
    if survey.period:
        document.add_paragraph(_text(survey.period))
    document.add_paragraph(
        _("Codings from: %(layer)s. Made %(date)s.") % {"layer": layer_label, "date": timezone.localdate().isoformat()}
    )

    document.add_heading(_("Categories"), level=1)
    _table(
        document,
        [_("Category"), _("Codes"), _("Coded answers"), _("Respondents"), _("Top codes"), _("Finding")],
        [
            [
                s.category.name,
                len(s.line.codes),
                s.line.answers,
                s.line.respondents,
                ", ".join(f"{code.name} ({count})" for code, count in s.line.top_codes),
                s.category.finding,
            ]
            for s in sections
        ],
    )

    for number, section in enumerate(sections, start=1):
        category = section.category
        document.add_heading(f"{number}. {_text(category.name)}", level=1)
        if category.description:
            document.add_paragraph(_text(category.description))
        if section.distributions:
            document.add_heading(_("Graded questions"), level=2)
            scale = list(section.distributions[0].counts)
            header = [
                _("Question"),
                *[str(v) for v in scale],
                charts.not_applicable_label(section.distributions),
                "n",
                _("Median"),
                _("Mean"),
                *[p["label"] for p in section.distributions[0].pairs],
            ]
            rows = []
            for dist in section.distributions:
                rows.append(
                    [
                        f"{dist.question.code}. {dist.question.text}",
                        *[f"{dist.percents[v]} % ({dist.counts[v]})" for v in scale],
                        _("%(count)s of %(total)s") % {"count": dist.not_applicable,
                                                       "total": dist.n + dist.not_applicable},
                        dist.n,
                        _number(dist.median),
                        _number(dist.mean),
                        *[f"{p['percent']} %" for p in dist.pairs],
                    ]
                )
            _table(document, header, rows)
        document.add_heading(_("Codes"), level=2)
        if section.code_counts:
            _table(
                document,
                [_("Code"), _("Answers"), _("Respondents")],
                [[code.name, answers, respondents] for code, answers, respondents in section.code_counts],
            )
        else:
            document.add_paragraph(_("No codes in this category yet."))
        document.add_heading(_("Quotes"), level=2)
        for quote in section.quotes:
            document.add_paragraph(_text(quote.answer.text), style="Quote")
            document.add_paragraph(
                "— "
                + _("%(who)s, question %(code)s: %(text)s")
                % {"who": quote.attribution, "code": quote.answer.question.code, "text": quote.answer.question.text}
            )
        if not section.quotes:
            document.add_paragraph(_("No quotes chosen yet."))
        document.add_heading(_("Finding"), level=2)
        document.add_paragraph(_text(category.finding) or _("No finding written yet."))
    return document


def _number(value):
    return "" if value is None else f"{value:.1f}".replace(".", ",")
