"""In Chromium: the exchange page, a codebook preview and import, a project download."""

import pytest
from playwright.sync_api import expect

from coding.models import Code
from tests.coding.refi_import.test_import import CODES, SETS, _qdc
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


@pytest.mark.postgres
def test_the_demo_out_as_a_project_and_in_again_keeps_its_questions_and_graded_figures(
        live_server, strict_page, login_page, demo, tmp_path):
    from coding.dashboards.summary import survey_summary
    from surveys.models import Survey

    page = login_page(make_user("sjef", "admin"))
    page.goto(f"{live_server.url}/s/{demo.slug}/refi/")
    with page.expect_download() as download:
        page.get_by_role("link", name="Last ned prosjektet (.qdpx)").click()
    path = tmp_path / "demo.qdpx"
    download.value.save_as(path)
    page.get_by_label("Prosjektfil (.qdpx)").set_input_files(path)
    page.get_by_label("Tittel på den nye undersøkelsen").fill("Portefølje 2 tilbake")
    page.get_by_role("button", name="Importer prosjektet").click()
    # the preview before anything is saved: what arrives, and the attributes the variables become
    expect(page.get_by_text("Prosjektet inneholder 380 tekster, 33 spørsmål, 28 koder, 6 kategorier.")).to_be_visible()
    expect(page.get_by_text("egenskaper ved svarenhetene: deltakelse, størrelse.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Importer prosjektet").click()
    expect(page.get_by_role("status")).to_contain_text("33 spørsmål, 602 graderte svar, 43 svarenheter")
    copy = Survey.objects.get(title="Portefølje 2 tilbake")
    before, after = survey_summary(demo), survey_summary(copy)
    assert {k: v for k, v in after.items() if k != "survey"} == {k: v for k, v in before.items() if k != "survey"}
    forankring = copy.categories.get(name="Forankring")
    page.goto(f"{live_server.url}/s/{copy.slug}/dashboards/{forankring.pk}/")
    expect(page.get_by_role("heading", name="Graderte spørsmål")).to_be_visible()
    expect(page.locator("table", has_text="3a.").first).to_be_visible()
