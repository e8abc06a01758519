"""In Chromium: from a searched and sorted list, j and k walk that list, and the way back
leads to the same list."""

import re

import pytest
from playwright.sync_api import expect

from tests.conftest import make_answer, make_question, make_respondent

pytestmark = [pytest.mark.browser, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_j_and_k_walk_the_list_the_coder_came_from(live_server, strict_page, login_page, coder, survey):
    q = make_question(survey, "2")
    texts = {"A": "Mange samlinger i år.", "B": "Lite tid.", "C": "Samlingen var fin.", "D": "Vi likte samlingene."}
    answers = {key: make_answer(q, make_respondent(survey, key), text=text) for key, text in texts.items()}
    page = login_page(coder)
    page.goto(f"{live_server.url}/s/{survey.slug}/answers/?q=samling&sort=-respondent")
    page.locator(".answer-link").first.click()  # D, the first of the list sorted by unit, descending
    expect(page.locator("#answer-region")).to_have_attribute("data-answer-id", str(answers["D"].pk))
    page.locator("#answer-heading").focus()
    page.keyboard.press("j")
    expect(page.locator("#answer-region")).to_have_attribute("data-answer-id", str(answers["C"].pk))
    page.keyboard.press("j")  # B has no "samling": skipped
    expect(page.locator("#answer-region")).to_have_attribute("data-answer-id", str(answers["A"].pk))
    page.keyboard.press("k")
    expect(page.locator("#answer-region")).to_have_attribute("data-answer-id", str(answers["C"].pk))
    page.get_by_role("link", name="Tilbake til listen").click()
    expect(page).to_have_url(re.compile(r"/answers/\?q=samling&sort=-respondent$"))
    expect(page.locator("#id_q")).to_have_value("samling")
