"""The report: printable HTML and DOCX with every category's finding."""

import io

import pytest
from django.urls import reverse
from docx import Document

from coding.models import AuditEvent, Category, Quote


def test_html_report_has_every_category_with_finding_and_quotes(client_for, reviewer, demo):
    html = client_for(reviewer).get(reverse("coding:report", args=[demo.slug])).text
    assert 'id="overview-table"' in html
    for category in Category.objects.filter(survey=demo):
        assert f'id="category-{category.id}"' in html
        assert category.finding[:60] in html.replace("&#x27;", "'")
    for quote in Quote.objects.filter(category__survey=demo).select_related("answer"):
        assert quote.answer.text[:30].replace("'", "&#x27;").replace('"', "&quot;") in html
    assert "@media print" in open("static/css/dashboard.css").read()
    assert "<style" not in html and "style=" not in html and "<script>" not in html


def test_docx_opens_and_holds_every_finding(client_for, reviewer, demo):
    response = client_for(reviewer).get(reverse("coding:report_docx", args=[demo.slug]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    assert (
        response["Content-Disposition"].startswith("attachment;")
        and 'filename="portefolje-2-rapport-' in response["Content-Disposition"]
    )
    document = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    for category in Category.objects.filter(survey=demo):
        assert category.name in text
        assert category.finding in text
    assert "33 % (14)" in cells  # figure 6, value 4
    assert AuditEvent.objects.filter(action=AuditEvent.Action.EXPORTED, data__kind="report").exists()


def test_docx_refused_to_outsider(client_for, outsider, demo):
    assert client_for(outsider).get(reverse("coding:report_docx", args=[demo.slug])).status_code == 404


@pytest.mark.parametrize("persona", ["admin", "coder", "reviewer"])
def test_every_role_reads_the_report(request, client_for, persona):
    client = client_for(request.getfixturevalue(persona))
    demo = request.getfixturevalue("demo")
    assert client.get(reverse("coding:report", args=[demo.slug])).status_code == 200
