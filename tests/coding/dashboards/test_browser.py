"""In Chromium: read a dashboard, drill into co-occurrence, star a quote, download the DOCX."""

import io

import pytest
from docx import Document
from playwright.sync_api import expect

from coding.models import Category, Quote
from tests.conftest import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_reviewer_reads_a_dashboard_and_downloads_the_docx(live_server, strict_page, login_page, demo):
    category = Category.objects.get(survey=demo, name="Forankring")
    category.name = "</script><script>alert(1)</script>"  # must stay text
    category.save()
    page = login_page(make_user("leser", "reviewer"))
    page.goto(f"{live_server.url}/s/{demo.slug}/")
    page.get_by_role("link", name="Dashbord", exact=True).click()
    expect(page.get_by_role("heading", name="Kategoridashbord")).to_be_visible()
    page.get_by_role("link", name=category.name).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(category.name)
    row = page.locator('tr[data-question="3b"]')
    assert row.locator('td[data-value="6"]').inner_text().startswith("56")
    expect(page.get_by_role("img", name="Graderte spørsmål: " + category.name)).to_be_visible()

    link = page.locator(".cooccurrence-table a").first
    count = link.inner_text()
    link.click()
    expect(page.locator("#pair-answers h3")).to_contain_text(f"{count} svar med")
    expect(page.locator("#pair-answers li")).to_have_count(min(int(count), 50))

    page.get_by_role("link", name="Eksport").click()
    with page.expect_download() as info:
        page.get_by_role("link", name="Last ned rapporten som DOCX").click()
    download = info.value
    assert download.suggested_filename.endswith(".docx")
    document = Document(io.BytesIO(open(download.path(), "rb").read()))
    text = "\n".join(p.text for p in document.paragraphs)
    for c in Category.objects.filter(survey=demo):
        assert c.finding in text
    expect(page.locator("#download-status")).to_have_text("Filen er lastet ned.")


def test_coder_stars_a_quote_on_the_dashboard(live_server, strict_page, login_page, demo):
    category = Category.objects.get(survey=demo, name="Organisering")
    before = Quote.objects.filter(category=category).count()
    page = login_page(make_user("koder2", "coder"))
    page.goto(f"{live_server.url}/s/{demo.slug}/dashboards/{category.id}/")
    button = page.locator("#answers").get_by_role("button", name="☆ Merk som sitat").first
    button.click()
    expect(page.locator("#quotes li")).to_have_count(before + 1)
    expect(page.locator("#answers").get_by_role("button", name="★ Sitat")).to_have_count(before + 1)
    assert Quote.objects.filter(category=category).count() == before + 1
    page.get_by_role("button", name=f"Flytt sitat {before + 1} opp").click()
    expect(
        page.locator("#quotes li").nth(before - 1).get_by_role("button", name=f"Flytt sitat {before} opp")
    ).to_be_visible()


def test_the_printed_report_starts_with_content_on_page_one(live_server, strict_page, login_page, demo, tmp_path):
    """Chromium's print to PDF: page 1 holds the title and the overview table, not a title
    alone above an empty page."""
    import shutil
    import subprocess

    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils (pdftotext) missing")
    page = login_page(make_user("leser", "reviewer"))
    page.goto(f"{live_server.url}/s/{demo.slug}/report/")
    page.emulate_media(media="print")
    pdf = tmp_path / "report.pdf"
    page.pdf(path=str(pdf), format="A4", prefer_css_page_size=True)
    first = subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(pdf), "-"], capture_output=True, check=True)
    text = first.stdout.decode("utf-8")
    assert "Veiledningsordningen portefølje 2" in text and "Kategorier" in text
    assert "Forventninger" in text and "Forankring" in text
