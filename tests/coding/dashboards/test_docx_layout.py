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
    categories = list(Category.objects.filter(survey=demo, archived=False).prefetch_related("questions"))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    for category in categories:
        assert sum(h.endswith(f". {category.name}") for h in headings) == 1
    titles = [shape._inline.docPr.get("title") for shape in document.inline_shapes]
    graded = [c for c in categories if c.questions.exists()]
    # every category's graded results as a picture (the demo links graded questions to five of
    # six), and every category's codes as a picture
    assert sorted(titles) == sorted([f"Graderte spørsmål: {c.name}" for c in graded]
                                    + [f"Svar per kode: {c.name}" for c in categories])
    for shape in document.inline_shapes:
        assert shape._inline.docPr.get("descr").startswith(shape._inline.docPr.get("title") + ". ")
    captions = [p.text for p in document.paragraphs if p.style.name == "Caption"]
    assert captions == [f"Figur {n}: {title}" for n, title in enumerate(titles, start=1)]
    png = document.inline_shapes[0]._inline.graphic.graphicData.pic.blipFill.blip.embed
    assert document.part.related_parts[png].blob.startswith(b"\x89PNG")


def test_the_report_s_own_shape(document, demo):
    """Table 2 first; per category its description, graded results, codes, quotes and finding;
    then the cross-cutting themes and the development areas."""
    body = [(p.style.name, p.text) for p in document.paragraphs]
    h1 = [text for style, text in body if style == "Heading 1"]
    assert h1[0] == "Kategorier" and h1[-1] == "Gjennomgående temaer"
    forankring = Category.objects.get(survey=demo, name="Forankring")
    start = body.index(("Heading 1", "2. Forankring"))
    section = body[start + 1 : body.index(("Heading 1", "3. Organisering"))]
    assert section[0] == ("Normal", forankring.description)
    assert [text for style, text in section if style == "Heading 2"] == [
        "Graderte spørsmål", "Koder", "Sitater", "Funn"]
    assert section[-1] == ("Normal", forankring.finding)
    overview = document.tables[0]
    assert [c.text for c in overview.rows[0].cells][:3] == ["Kategori", "Beskrivelse", "Funn"]
    assert len(overview.rows) == 1 + Category.objects.filter(survey=demo, archived=False).count()
    themes = [text for style, text in body[body.index(("Heading 1", "Gjennomgående temaer")) :] if style == "Heading 2"]
    assert themes == list(demo.themes.values_list("name", flat=True))


def test_development_areas_close_the_report_when_written(client_for, reviewer, demo):
    demo.development_areas = "Kommunegruppas sammensetning\nHvem bør være med?\n\nLærernes kompetanse\nHvordan?"
    demo.save()
    response = client_for(reviewer).get(reverse("coding:report_docx", args=[demo.slug]))
    body = [(p.style.name, p.text) for p in Document(io.BytesIO(response.content)).paragraphs]
    tail = body[body.index(("Heading 1", "Utviklingsområder")) :]
    assert tail == [("Heading 1", "Utviklingsområder"), ("Heading 2", "1. Kommunegruppas sammensetning"),
                    ("Normal", "Hvem bør være med?"), ("Heading 2", "2. Lærernes kompetanse"), ("Normal", "Hvordan?")]
    html = client_for(reviewer).get(reverse("coding:report", args=[demo.slug])).text
    assert "<h3>1. Kommunegruppas sammensetning</h3>" in html and "<p>Hvem bør være med?</p>" in html


def test_quotes_are_attributed_without_a_municipality(document, demo):
    from surveys.models import Municipality

    text = "\n".join(p.text for p in document.paragraphs)
    assert "— kommune " in text
    for name in Municipality.objects.filter(respondents__survey=demo).values_list("name", flat=True).distinct():
        assert f"— {name}" not in text and f"{name}," not in text
