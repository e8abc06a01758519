"""The report as a Word document (python-docx) for the working group to finish in Word.

A4 pages, Norwegian Bokmål as the document language (docx_layout). Every category gets its
description, its graded results as a chart picture (the page's SVG, converted) with a caption
and alt text beside the table of the same numbers (in a landscape section when the table is
wide), beside another round when one is chosen, its codes with counts, its quotes and its finding."""

from django.utils import timezone
from django.utils.translation import gettext as _
from docx import Document
from docx.shared import Mm, Pt

from coding.dashboards import charts, docx_layout
from coding.dashboards.compare import comparison_table
from coding.exports.xlsx import ILLEGAL_XML


def _text(value):
    return ILLEGAL_XML.sub("", str(value if value is not None else ""))


def _table(document, header, rows, widths=None):
    """A table with a bold header row; `widths` in mm (Word reads them per cell)."""
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
    if widths:
        table.autofit = False
        for column, width in zip(table.columns, widths, strict=True):
            column.width = Mm(width)  # the grid, which LibreOffice reads
        for row in table.rows:
            for cell, width in zip(row.cells, widths, strict=True):
                cell.width = Mm(width)
    return table


def build_docx(content):
    """The Word document of `report_content(...)`."""
    survey, sections = content["survey"], content["sections"]
    document = Document()
    docx_layout.a4(document.sections[0])
    document.styles["Normal"].font.size = Pt(10)
    figure = 0
    document.add_heading(_text(survey.title), level=0)
    if survey.period:
        document.add_paragraph(_text(survey.period))
    document.add_paragraph(
        _("Codings from: %(layer)s. Made %(date)s.")
        % {"layer": content["layer_label"], "date": timezone.localdate().isoformat()}
    )

    # The overview (the report's table 2) reads across a landscape page.
    docx_layout.a4(document.add_section(), landscape=True)
    document.add_heading(_("Categories"), level=1)
    _table(
        document,
        [_("Category"), _("Description"), _("Finding"), _("Codes"), _("Coded answers"), _("Respondents"),
         _("Top codes")],
        [
            [
                s.category.name,
                s.category.description,
                s.category.finding,
                len(s.line.codes),
                s.line.answers,
                s.line.respondents,
                ", ".join(f"{code.name} ({count})" for code, count in s.line.top_codes),
            ]
            for s in sections
        ],
        widths=[30, 68, 68, 14, 18, 22, 37],  # 257 mm: A4 landscape less the margins
    )
    docx_layout.a4(document.add_section())

    for number, section in enumerate(sections, start=1):
        category = section.category
        document.add_heading(f"{number}. {_text(category.name)}", level=1)
        if category.description:
            document.add_paragraph(_text(category.description))
        if section.distributions:
            document.add_heading(_("Graded questions"), level=2)
            if section.likert_chart is not None:
                figure += 1
                docx_layout.add_chart(document, section.likert_chart, figure, _("Figure %(number)s: %(title)s"))
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
                                                       "total": dist.n + dist.not_applicable}
                        + (f" ({dist.not_applicable_breakdown})" if dist.not_applicable_breakdown else ""),
                        dist.n,
                        _number(dist.median),
                        _number(dist.mean),
                        *[f"{p['percent']} %" for p in dist.pairs],
                    ]
                )
            wide = len(header) > 8
            if wide:  # a 1–6 scale with its pairs has 14 columns: they read on A4 landscape
                docx_layout.a4(document.add_section(), landscape=True)
            first = 66 if wide else 50
            rest = ((257 if wide else 170) - first) / (len(header) - 1)
            _table(document, header, rows, widths=[first] + [rest] * (len(header) - 1))
            if wide:
                docx_layout.a4(document.add_section())
        if section.comparison is not None:
            _comparison(document, section.comparison)
        document.add_heading(_("Codes"), level=2)
        if section.code_chart is not None:
            figure += 1
            docx_layout.add_chart(document, section.code_chart, figure, _("Figure %(number)s: %(title)s"))
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
    _themes_and_areas(document, content["themes"], content["areas"])
    docx_layout.norwegian(document)
    return document


def _comparison(document, comparison):
    """The category beside the same category in another round: percent per value and pair of
    each graded question and each code's share, with the change in percentage points."""
    document.add_heading(_("Beside %(other)s") % {"other": _text(comparison.other.title)}, level=2)
    header, rows = comparison_table(comparison)
    if rows:
        _table(document, header, [["" if value is None else value for value in row] for row in rows])
    else:
        document.add_paragraph(_("No graded questions are linked to this category."))


def _themes_and_areas(document, themes, areas):
    """The report's closing chapters: the cross-cutting themes, then the development areas."""
    if themes:
        document.add_heading(_("Cross-cutting themes"), level=1)
        for theme in themes:
            document.add_heading(_text(theme.name), level=2)
            if theme.description:
                document.add_paragraph(_text(theme.description))
            names = [c.name for c in theme.categories.all()]
            if names:
                document.add_paragraph(_("Drawn from:") + " " + _text(", ".join(names)))
    if areas:
        document.add_heading(_("Development areas"), level=1)
        for number, area in enumerate(areas, start=1):
            document.add_heading(f"{number}. {_text(area.name)}", level=2)
            for line in area.lines:
                document.add_paragraph(_text(line))


def _number(value):
    return "" if value is None else f"{value:.1f}".replace(".", ",")
