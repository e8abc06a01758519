"""In Chromium: removing a coding swaps only the codings (no reload, no jump to the top) and
the focus goes to the next coding's remove button."""

import pytest
from playwright.sync_api import expect

from coding.models import Code, Coding
from tests.conftest import make_answer, make_question

pytestmark = [pytest.mark.browser, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_removing_a_coding_keeps_the_page_and_the_focus(live_server, strict_page, login_page, coder, survey):
    answer = make_answer(make_question(survey, "2"), text="Et svar om tid og ledelse.")
    for name in ("Ledelse", "Samarbeid", "Tid"):
        Coding.objects.create(answer=answer, code=Code.objects.create(survey=survey, name=name), coder=coder)
    page = login_page(coder)
    page.goto(f"{live_server.url}/s/{survey.slug}/answers/{answer.pk}/")
    page.evaluate("() => { window.notReloaded = true; }")
    page.get_by_role("button", name="Fjern koden Samarbeid").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#codings .coding-name")).to_have_text(["Ledelse", "Tid"])
    expect(page.get_by_role("button", name="Fjern koden Tid")).to_be_focused()
    assert page.evaluate("() => window.notReloaded === true")  # an htmx swap, not a new page
    page.keyboard.press("Enter")
    expect(page.locator("#codings .coding-name")).to_have_text(["Ledelse"])
    expect(page.get_by_role("button", name="Fjern koden Ledelse")).to_be_focused()
    assert sorted(Coding.objects.values_list("code__name", flat=True)) == ["Ledelse"]
