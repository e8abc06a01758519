"""In Chromium, with DEBUG on as `./run` serves: an htmx error answer never replaces the coding
page (django-htmx would show Django's error page); the coder sees a Norwegian message and keeps
their place and what they typed."""

import pytest
from django.test import override_settings
from playwright.sync_api import expect

from coding.models import Code, Coding
from tests.conftest import make_answer, make_question, make_respondent

pytestmark = [pytest.mark.browser, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@override_settings(DEBUG=True)
def test_an_error_keeps_the_page_and_says_so(live_server, page, login_page, coder, survey):
    q = make_question(survey, "2")
    first, second = (make_answer(q, make_respondent(survey, f"R{i}"), text=f"Svar {i}.") for i in (1, 2))
    tid = Code.objects.create(survey=survey, name="Tid")
    Coding.objects.create(answer=second, code=tid, coder=coder)  # Tid on key 1
    page = login_page(coder)
    page.goto(f"{live_server.url}/s/{survey.slug}/answers/{first.pk}/")
    page.locator("#memo-text").fill("Et notat jeg ikke vil miste")
    page.locator("#answer-heading").focus()
    first.delete()  # gone meanwhile (a re-import): applying gets 404
    page.keyboard.press("1")
    expect(page.locator("#toast")).to_be_visible()
    expect(page.locator("#toast")).not_to_be_empty()
    expect(page.locator("#answer-region")).to_be_visible()  # still the coding page
    expect(page.locator("#memo-text")).to_have_value("Et notat jeg ikke vil miste")
    assert "Page not found" not in page.content() and "Traceback" not in page.content()
