"""In Chromium: the exchange page, a codebook preview and import, a project download."""

import pytest
from playwright.sync_api import expect

from coding.models import Code
from tests.coding.refi.test_import import CODES, SETS, _qdc
from tests.conftest import assert_accessible, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_admin_previews_and_imports_a_codebook(live_server, strict_page, login_page, demo):
    page = login_page(make_user("sjef", "admin"))
    page.goto(f"{live_server.url}/s/{demo.slug}/")
    page.get_by_role("link", name="REFI-QDA-utveksling").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("REFI-QDA-utveksling")
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Last ned prosjektet (.qdpx)").click()
    assert download.value.suggested_filename == f"{demo.slug}.qdpx"
    page.get_by_label("Kodebokfil (.qdc)").set_input_files(
        files=[{"name": "kodebok.qdc", "mimeType": "application/xml", "buffer": _qdc(CODES, SETS)}]
    )
    page.get_by_role("button", name="Forhåndsvis kodeboken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Forhåndsvisning av kodeboken")
    expect(page.get_by_role("row", name="Politisk")).to_contain_text("Ny")
    assert_accessible(page)
    page.get_by_role("button", name="Importer kodeboken").click()
    expect(page.get_by_role("status")).to_contain_text("Kodeboken er importert")
    assert Code.objects.filter(survey=demo, name="Politisk", parent__name="Forankring").exists()
