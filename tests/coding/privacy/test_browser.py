"""In Chromium: an admin finds personal data, confirms one finding by keyboard (htmx swaps the
row), pseudonymises, and every privacy screen and the accessibility statement pass axe-core."""

import pytest
from playwright.sync_api import expect

from coding.models import Finding
from surveys.models import Answer
from tests.conftest import assert_accessible, make_answer, make_question, make_respondent, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_find_confirm_by_keyboard_and_pseudonymise(live_server, strict_page, login_page, survey):
    q = make_question(survey, "1")
    answer = make_answer(q, make_respondent(survey, "R1"), text="Rektor Per Hansen tok ansvar. Ring 912 34 567.")
    page = login_page(make_user("personvern", "admin"))
    page.goto(f"{live_server.url}/s/{survey.slug}/")
    page.get_by_role("link", name="Personopplysninger", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Personopplysninger")
    assert_accessible(page)
    page.get_by_role("link", name="Gjennomgå personopplysninger").click()
    page.get_by_role("button", name="Søk gjennom svarene etter personopplysninger").click()
    expect(page.get_by_role("status").first).to_contain_text("2 nye funn")
    assert_accessible(page)

    confirm = page.get_by_role("button", name="Bekreft Per Hansen")
    confirm.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Bekreft Per Hansen")).to_have_count(0)  # the row was swapped
    name, phone = Finding.objects.get(kind="name"), Finding.objects.get(kind="phone")
    expect(page.locator(f"#finding-{name.pk}").get_by_role("status")).to_have_text("Bekreftet")
    reject = page.get_by_role("button", name="Avvis 912 34 567")
    reject.focus()
    page.keyboard.press("Enter")
    expect(page.locator(f"#finding-{phone.pk}").get_by_role("status")).to_have_text("Avvist")

    page.reload()
    page.get_by_role("button", name="Pseudonymiser de bekreftede funnene").click()
    expect(page.get_by_role("status").first).to_contain_text("1 svar er pseudonymisert")
    assert Answer.objects.get(pk=answer.pk).text == "Rektor [Person 1] tok ansvar. Ring 912 34 567."
    assert_accessible(page)


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_statement_passes_axe(live_server, strict_page, page, language):
    page.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    page.goto(f"{live_server.url}/tilgjengelighet/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(page)
