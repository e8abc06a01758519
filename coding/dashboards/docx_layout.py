"""The Word report's page and language setup and its chart pictures.

A4 pages with Norwegian Bokmål (nb-NO) as the language of the document defaults, every style
and every run, so Word proofs the text in Norwegian. Chart pictures are the page's own SVG
(`templates/coding/dashboards/includes/bar_chart.html`, the same code and data as the screen
and the printable report) converted to PNG with CairoSVG: it renders exactly the SVG we
already draw, so the Word file cannot drift from the page, and it is a small, maintained
package over the system's cairo library (no browser, no second chart library to keep alike).
"""

import io
import re

import cairosvg
from django.template.loader import render_to_string
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm

LANGUAGE = "nb-NO"
A4 = (Mm(210), Mm(297))
MARGIN = Mm(20)
PICTURE_WIDTH = Mm(170)


def a4(section, landscape=False):
    width, height = A4
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (height, width) if landscape else (width, height)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, MARGIN)


def _rpr(element):
    """The element's w:rPr (made first in line if missing: rPr leads a run, a style's rPr
    may stand anywhere among its children for Word, but we keep schema order loosely)."""
    rpr = element.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        if element.tag == qn("w:r"):
            element.insert(0, rpr)
        else:
            element.append(rpr)
    return rpr


def _set_lang(rpr):
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    for attribute in ("w:val", "w:eastAsia", "w:bidi"):
        lang.set(qn(attribute), LANGUAGE)


def norwegian(document):
    """nb-NO on the document defaults, every style and every run; A4 on every section."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr_default = defaults.find(qn("w:rPrDefault"))
        if rpr_default is not None:
            _set_lang(_rpr(rpr_default))
    for style in styles.findall(qn("w:style")):
        _set_lang(_rpr(style))
    for run in document.element.body.iter(qn("w:r")):
        _set_lang(_rpr(run))
    settings = document.settings.element
    theme_font_lang = settings.find(qn("w:themeFontLang"))
    if theme_font_lang is None:
        theme_font_lang = OxmlElement("w:themeFontLang")
        settings.append(theme_font_lang)
    theme_font_lang.set(qn("w:val"), LANGUAGE)
    document.core_properties.language = LANGUAGE


def chart_png(chart):
    """The chart's SVG as the page draws it, as PNG bytes (twice the size, for print)."""
    html = render_to_string("coding/dashboards/includes/bar_chart.html", {"chart": chart})
    svg = re.search(r"<svg class=\"chart-svg\".*?</svg>", html, re.S).group(0)
    return cairosvg.svg2png(bytestring=svg.encode("utf-8"), scale=2, background_color="white")


def add_chart(document, chart, number, caption):
    """The chart as a picture with alt text (its title and description), then "Figur N: …"
    as a caption paragraph."""
    document.add_picture(io.BytesIO(chart_png(chart)), width=PICTURE_WIDTH)
    shape = document.inline_shapes[-1]
    doc_pr = shape._inline.docPr
    doc_pr.set("title", chart.title)
    doc_pr.set("descr", f"{chart.title}. {chart.description}")
    document.add_paragraph(caption % {"number": number, "title": chart.title}, style="Caption")
