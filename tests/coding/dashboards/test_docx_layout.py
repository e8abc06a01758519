"""The demo's Word report, ready to finish in Word: A4 sections, nb-NO as its language, one
chart picture per category (with caption and alt text) and a heading per category."""

import io

import pytest
from django.urls import reverse
from docx import Document
from docx.oxml.ns import qn

from coding.models import Category


@pytest.fixture
def document(client_for, reviewer, demo):
    response = client_for(reviewer).get(reverse("coding:report_docx", args=[demo.slug]))
    assert response.status_code == 200
    return Document(io.BytesIO(response.content))


def test_every_section_is_a4(document):
    for section in document.sections:
        sides = sorted([round(section.page_width.mm), round(section.page_height.mm)])
        assert sides == [210, 297]
        assert round(section.left_margin.mm) == 20
    assert any(s.page_width > s.page_height for s in document.sections)  # wide Likert tables


def test_norwegian_bokmal_is_the_language_of_styles_and_runs(document):
    defaults = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    assert defaults.find(qn("w:rPr")).find(qn("w:lang")).get(qn("w:val")) == "nb-NO"
    for style in document.styles.element.findall(qn("w:style")):
        assert style.find(qn("w:rPr")).find(qn("w:lang")).get(qn("w:val")) == "nb-NO"
    runs = list(document.element.body.iter(qn("w:r")))
    assert runs and all(r.find(qn("w:rPr")).find(qn("w:lang")).get(qn("w:val")) == "nb-NO" for r in runs)
    assert document.core_properties.language == "nb-NO"


def test_one_chart_picture_and_one_heading_per_category(document, demo):
    names = list(Category.objects.filter(survey=demo, archived=False).values_list("name", flat=True))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    for name in names:
        assert sum(h.endswith(f". {name}") for h in headings) == 1
    pictures = document.inline_shapes
    assert len(pictures) == len(names)
    for shape in pictures:
        doc_pr = shape._inline.docPr
        assert doc_pr.get("descr") and doc_pr.get("title")
    captions = [p.text for p in document.paragraphs if p.style.name == "Caption"]
    assert len(captions) == len(names) and captions[0].startswith("Figur 1: ")
    png = pictures[0]._inline.graphic.graphicData.pic.blipFill.blip.embed
    assert document.part.related_parts[png].blob.startswith(b"\x89PNG")
