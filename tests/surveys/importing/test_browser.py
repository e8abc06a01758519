"""In Chromium: upload a file, read the preview, change a column's kind, confirm, read the summary."""

import pytest
from playwright.sync_api import expect

from surveys.models import Question, Survey

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CSV = (
    "Svar-ID;Kommune;2. Hvor fornøyd er dere?;6. Antall møter;4. Hva forventet dere?\r\n"
    "R1;Bærum;5;2;Mer tid\r\n"
    "R2;Asker;6;3;Økt kvalitet\r\n"
    "R3;Vang;3;2;Nettverk <script>alert(1)</script>\r\n"
    "R4;Vang;4;4;Samarbeid\r\n"
).encode("cp1252")


def upload(page, title, slug, data=CSV):
    """On the import page: choose the file, name the new survey, and ask for the preview."""
    page.get_by_label("Fil (CSV eller XLSX)").set_input_files(
        files=[{"name": "svar.csv", "mimeType": "text/csv", "buffer": data}])
    page.get_by_label("Tittel på den nye undersøkelsen").fill(title)
    page.get_by_label("Kortnavn i adressen (bokstaver, sifre, bindestrek)").fill(slug)
    page.get_by_role("button", name="Last opp og forhåndsvis").click()


def test_upload_preview_change_kind_confirm(live_server, strict_page, login_page, admin):
    page = login_page(admin)
    page.get_by_role("link", name="Import").click()
    upload(page, "Nettleserimport", "nettleser")

    expect(page.locator("#fact-encoding")).to_have_text("cp1252")
    expect(page.locator("#fact-rows")).to_have_text("4")
    expect(page.locator("#validation-ok")).to_be_visible()
    # Column 6 (values 2, 3, 2, 4) was read as a graded scale; make it a single choice.
    row = page.locator("tr", has=page.get_by_role("rowheader", name="6. Antall møter"))
    kind = row.get_by_label("Type")
    expect(kind).to_have_value("likert")
    kind.select_option("single")
    expect(row.get_by_label("Skala fra")).to_have_count(0)  # the htmx swap re-rendered the row
    expect(page.locator("#preview-status")).to_have_text("Ingen problemer funnet.")

    page.get_by_role("button", name="Importer nå").click()
    expect(page.get_by_role("heading", name="Importen er ferdig")).to_be_visible()
    expect(page.locator('[data-figure="errors"]')).to_have_text("0")
    survey = Survey.objects.get(slug="nettleser")
    assert survey.questions.get(code="6").kind == Question.Kind.SINGLE
    assert survey.respondents.count() == 4


def test_surveymonkey_file_is_named_and_a_personal_column_can_be_kept(live_server, strict_page, login_page, admin):
    """The preview says what the file was read as; the e-mail column is ignored with its reason
    (read out with the role select), and choosing "Egenskap" by keyboard keeps it."""
    from tests.surveys.importing.test_tool_surveymonkey import surveymonkey_csv

    page = login_page(admin)
    page.get_by_role("link", name="Import").click()
    upload(page, "Apekatt", "apekatt", surveymonkey_csv())
    expect(page.locator("#fact-read-as")).to_have_text("SurveyMonkey-eksport, 2 overskriftsrader")
    row = page.locator("tr", has=page.get_by_role("rowheader", name="Email Address"))
    role = row.get_by_label("Rolle for Email Address")
    expect(role).to_have_value("ignore")
    expect(role).to_have_accessible_description(
        "Ser ut som e-postadresser: personopplysninger, utelatt med mindre du beholder kolonnen.")
    role.focus()
    role.select_option("attribute")
    # The htmx swap re-rendered the row (validating 43 rows on a busy machine can take seconds).
    expect(row.get_by_label("Navn på egenskapen")).to_be_visible(timeout=20000)


def test_surveyxact_csv_files_chosen_together(live_server, strict_page, login_page, admin):
    """SurveyXact's dataset, structure and labels CSV files, chosen together in the one file
    field, are read as one export and imported."""
    from tests.surveys.importing.test_tool_surveyxact import check, csv_files

    page = login_page(admin)
    page.get_by_role("link", name="Import").click()
    page.get_by_label("Fil (CSV eller XLSX)").set_input_files(
        files=[{"name": name, "mimeType": "text/csv", "buffer": content}
               for name, content in csv_files("\t", "utf-16", "\r\n")])
    page.get_by_label("Tittel på den nye undersøkelsen").fill("SurveyXact i nettleseren")
    page.get_by_label("Kortnavn i adressen (bokstaver, sifre, bindestrek)").fill("xact-nettleser")
    page.get_by_role("button", name="Last opp og forhåndsvis").click()
    expect(page.locator("#fact-read-as")).to_have_text("SurveyXact-datasett i 3 CSV-filer, 1 overskriftsrad")
    expect(page.locator("#fact-rows")).to_have_text("43")
    expect(page.locator("#validation-ok")).to_be_visible()
    page.get_by_role("button", name="Importer nå").click()
    expect(page.get_by_role("heading", name="Importen er ferdig")).to_be_visible(timeout=30000)
    check("xact-nettleser")


def test_a_disabled_button_looks_disabled(live_server, strict_page, login_page, admin):
    """A respondent key twice: nothing can be imported, and "Importer nå" is grey, with no pointer."""
    page = login_page(admin)
    page.goto(f"{live_server.url}/import/")
    upload(page, "Dobbel nøkkel", "dobbel", CSV.replace(b"R2;", b"R1;", 1))
    confirm = page.locator("#confirm-import")
    expect(confirm).to_be_disabled()
    look = confirm.evaluate("b => { const s = getComputedStyle(b); return [s.backgroundColor, s.cursor, s.color]; }")
    assert look == ["rgb(230, 232, 235)", "not-allowed", "rgb(77, 88, 102)"]
    confirm.hover(force=True)
    assert confirm.evaluate("b => getComputedStyle(b).backgroundColor") == "rgb(230, 232, 235)"
    enabled = page.get_by_role("button", name="Oppdater forhåndsvisningen")
    assert enabled.evaluate("b => getComputedStyle(b).cursor") == "pointer"
