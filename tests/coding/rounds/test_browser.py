"""In Chromium on PostgreSQL, a new survey's whole path: import a survey, link its graded
questions to two categories (by keyboard in the grid), see them on both dashboards and in the
report; rename and date it; start a second round, import its file, read the comparison's
percentage-point changes; undo that import (refused while an answer of it is coded); delete the
second round."""

import pytest
from playwright.sync_api import expect

from coding.models import CategoryCode, Code, Coding
from surveys.models import Survey
from tests.conftest import assert_accessible
from tests.surveys.importing.test_browser import upload

pytestmark = [pytest.mark.browser, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

HEADER = ("Svar-ID;Kommune;2. I hvilken grad er arbeidet forankret?;3. I hvilken grad er dere fornøyd med "
          "organiseringen?;4. Hva forventet dere?\r\n")
# Round 1, question 2: 2, 5, 5, 6 → pairs 1–2 25 %, 3–4 0 %, 5–6 75 %.
FIRST = (HEADER + "R1;Bærum;2;4;Tid\r\nR2;Vang;5;5;Ro\r\nR3;Vang;5;6;Mer\r\nR4;Vang;6;6;Nei\r\n").encode()
# Round 2, question 2: 3, 4, 6, 6, 6 → pairs 0 %, 40 %, 60 %: changes −25, +40, −15.
SECOND = (HEADER + "R1;Bærum;3;4;Tid\r\nR2;Vang;4;5;Ro\r\nR3;Vang;6;6;Tid\r\nR4;Vang;6;6;x\r\nR5;Vang;6;2;y\r\n"
          ).encode()


def test_a_survey_set_up_corrected_and_repeated(live_server, strict_page, login_page, admin):
    page = login_page(admin)
    base = live_server.url
    page.goto(f"{base}/import/")
    upload(page, "Runde 1", "runde-1", FIRST)
    page.get_by_role("button", name="Importer nå").click()
    expect(page.get_by_role("heading", name="Importen er ferdig")).to_be_visible()
    first = Survey.objects.get(slug="runde-1")
    # Two categories through the board's own form (each label leads to its own field).
    page.goto(f"{base}/s/runde-1/board/")
    for name in ("Forankring", "Organisering"):
        form = page.locator("details", has=page.locator("summary", has_text="Ny kategori"))
        if form.get_attribute("open") is None:
            form.locator("summary").click()
        form.get_by_label("Navn").fill(name)
        form.get_by_role("button", name="Legg til kategori").click()
        expect(page.locator(f"h2:has-text('{name}')")).to_be_visible()
    forankring, organisering = (first.categories.get(name=n) for n in ("Forankring", "Organisering"))
    CategoryCode.objects.create(category=forankring, code=Code.objects.create(survey=first, name="Tid"))

    # The grid: suggestions marked; tick one box by keyboard, one by click; save.
    page.goto(f"{base}/s/runde-1/board/")
    page.get_by_role("link", name="Koble graderte spørsmål til kategoriene").click()
    expect(page.locator(".link-suggested")).to_have_count(2)
    box = page.get_by_label("Spørsmål 2 i Forankring")
    box.focus()
    page.keyboard.press("Space")
    expect(box).to_be_checked()
    page.get_by_label("Spørsmål 3 i Organisering").check()
    assert_accessible(page)
    page.get_by_role("button", name="Lagre koblingene").click()
    expect(page.get_by_text("Koblingene er lagret: 2 lagt til, 0 fjernet.")).to_be_visible()

    page.goto(f"{base}/s/runde-1/dashboards/{forankring.pk}/")
    expect(page.locator("table", has_text="I hvilken grad er arbeidet forankret?").first).to_be_visible()
    page.goto(f"{base}/s/runde-1/dashboards/{organisering.pk}/")
    expect(page.locator("table", has_text="I hvilken grad er dere fornøyd med organiseringen?").first).to_be_visible()
    page.goto(f"{base}/s/runde-1/report/")
    expect(page.locator("table", has_text="I hvilken grad er arbeidet forankret?").first).to_be_visible()
    expect(page.locator("table", has_text="I hvilken grad er dere fornøyd med organiseringen?").first).to_be_visible()

    # Rename and date it.
    page.goto(f"{base}/s/runde-1/")
    page.get_by_role("link", name="Innstillinger").click()
    page.get_by_label("Tittel").fill("Portefølje 2")
    page.get_by_label("Periode").fill("2019–2020")
    page.get_by_role("button", name="Lagre innstillingene").click()
    expect(page.get_by_text("Lagret.")).to_be_visible()
    expect(page.locator(".history")).to_contain_text("Portefølje 2")

    # The next round, and its file.
    page.get_by_role("link", name="Ny undersøkelse basert på Portefølje 2").click()
    page.get_by_label("Tittel").fill("Portefølje 3")
    page.get_by_label("Kortnavn").fill("Portefølje 3")
    page.get_by_label("Periode").fill("2021–2022")
    page.get_by_role("button", name="Opprett undersøkelsen").click()
    expect(page.get_by_role("heading", name="Portefølje 3")).to_be_visible()
    page.goto(f"{base}/import/")
    page.get_by_label("Fil (CSV eller XLSX)").set_input_files(
        files=[{"name": "runde2.csv", "mimeType": "text/csv", "buffer": SECOND}])
    page.get_by_label("En eksisterende undersøkelse", exact=True).check()
    page.get_by_label("Eksisterende undersøkelse", exact=True).select_option("portefolje-3")
    page.get_by_role("button", name="Last opp og forhåndsvis").click()
    page.get_by_role("button", name="Importer nå").click()
    expect(page.get_by_role("heading", name="Importen er ferdig")).to_be_visible()

    second = Survey.objects.get(slug="portefolje-3")
    category = second.categories.get(name="Forankring")
    assert list(category.questions.values_list("code", flat=True)) == ["2"]
    page.goto(f"{base}/s/portefolje-3/dashboards/{category.pk}/")
    page.get_by_role("link", name="Sammenlign med en annen runde").click()
    table = page.locator('table[data-question="2"]')
    expect(table.locator('[data-pair-change="1–2"]')).to_have_text("-25")
    expect(table.locator('[data-pair-change="3–4"]')).to_have_text("+40")
    expect(table.locator('[data-pair-change="5–6"]')).to_have_text("-15")
    assert_accessible(page)

    # Undo that import: refused while one of its answers is coded, done once the coding is gone.
    answer = second.questions.get(code="4").answers.first()
    coding = Coding.objects.create(answer=answer, code=second.codes.get(name="Tid"), coder=admin)
    refused = page.context.new_page()  # its 409 is logged by Chromium as a console error, rightly here
    refused.goto(f"{base}/s/portefolje-3/settings/")
    refused.get_by_role("button", name="Angre importen av runde2.csv").click()
    expect(refused.get_by_role("alert")).to_contain_text("Importen kan ikke angres: 1 svar som den la til eller endret")
    refused.get_by_role("link", name="Tilbake").click()
    expect(refused.get_by_role("heading", name="Innstillinger for undersøkelsen")).to_be_visible()
    refused.close()
    coding.delete()
    page.goto(f"{base}/s/portefolje-3/settings/")
    page.get_by_role("button", name="Angre importen av runde2.csv").click()
    expect(page.get_by_text("Importen av runde2.csv er angret")).to_be_visible()
    assert not second.questions.exists() and not second.respondents.exists()
    page.get_by_role("link", name="Slett undersøkelsen …").click()
    page.get_by_label("Skriv undersøkelsens tittel for å bekrefte").fill("Portefølje 3")
    page.get_by_role("button", name="Slett undersøkelsen").click()
    expect(page.get_by_text("Undersøkelsen «Portefølje 3» er slettet.")).to_be_visible()
    assert list(Survey.objects.values_list("slug", flat=True)) == ["runde-1"]
