"""The printable report as a PDF: A4, Norwegian, the charts included, content from page 1;
made by a plain function a background worker can call, and downloaded beside Word."""

import re
import shutil
import subprocess

import pytest
from django.urls import reverse

from coding import layers
from coding.dashboards.pdf import report_pdf
from coding.models import AuditEvent, Category

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) missing")


def _text(pdf, *pages):
    first, last = (pages[0], pages[-1]) if pages else (1, 9999)
    out = subprocess.run(["pdftotext", "-f", str(first), "-l", str(last), "-layout", "-", "-"], input=pdf,
                         capture_output=True, check=True)
    return out.stdout.decode("utf-8")


def test_report_pdf_is_a4_norwegian_with_the_charts(demo, reviewer):
    pdf = report_pdf(demo, layer=layers.ALL, user=reviewer, language="nb")
    assert pdf.startswith(b"%PDF-")
    info = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    assert re.search(r"Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)", info)
    first_page = _text(pdf, 1)
    assert "Veiledningsordningen portefølje 2" in first_page and "Kategorier" in first_page
    assert "Forventninger" in first_page  # the overview table starts on page 1, not after a blank page
    text = _text(pdf)
    for category in Category.objects.filter(survey=demo, archived=False):
        assert category.name in text
    # the charts are drawn into the PDF as vector graphics with their words
    assert "I svært stor grad" in text and "på eiernivå" in text and "n = 43" in text
    assert "5–6: 93 %" in text  # figure 7, leader level, the pair 5–6
    assert "svar · " in text and "svarenheter" in text


def test_report_pdf_download_beside_word(client_for, reviewer, demo):
    client = client_for(reviewer)
    page = client.get(reverse("coding:report", args=[demo.slug])).text
    assert f'href="{reverse("coding:report_pdf", args=[demo.slug])}?layer=all"' in page
    response = client.get(reverse("coding:report_pdf", args=[demo.slug]) + "?layer=all")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="portefolje-2-rapport-')
    assert response.content.startswith(b"%PDF-")
    assert AuditEvent.objects.filter(action=AuditEvent.Action.EXPORTED, data__format="pdf").exists()


def test_report_pdf_fetches_nothing_an_answer_names(demo, reviewer):
    category = Category.objects.get(survey=demo, name="Forankring")
    category.description = '<img src="file:///etc/passwd"><link rel="stylesheet" href="http://127.0.0.1:9/x.css">'
    category.save()
    pdf = report_pdf(demo, layer=layers.ALL, user=reviewer)
    assert "etc/passwd" in _text(pdf)  # shown as text, never loaded


def test_outsider_gets_no_pdf(client_for, outsider, demo):
    assert client_for(outsider).get(reverse("coding:report_pdf", args=[demo.slug])).status_code == 404
