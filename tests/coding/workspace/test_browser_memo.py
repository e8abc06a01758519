"""In Chromium: a memo typed but not saved is not lost when the coder moves on with j, k or u:
it is saved first; if it cannot be saved, the coder stays with the text and a message."""

import pytest
from playwright.sync_api import expect

from coding.models import Memo
from tests.conftest import make_answer, make_question, make_respondent

pytestmark = [pytest.mark.browser, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def two(survey):
    q = make_question(survey, "2")
    return [make_answer(q, make_respondent(survey, f"R{i}"), text=f"Svar {i}.") for i in (1, 2)]


def test_moving_on_saves_the_memo_first(live_server, strict_page, login_page, coder, survey, two):
    page = login_page(coder)
    page.goto(f"{live_server.url}/s/{survey.slug}/answers/{two[0].pk}/")
    page.keyboard.press("m")
    page.keyboard.type("Usikker: tid eller ledelse?")
    page.keyboard.press("Escape")
    page.keyboard.press("j")
    expect(page.locator("#answer-region")).to_have_attribute("data-answer-id", str(two[1].pk))
    assert Memo.objects.get(answer=two[0], author=coder).text == "Usikker: tid eller ledelse?"
    page.keyboard.press("m")
    page.keyboard.type("Nummer to")
    page.keyboard.press("Escape")
    page.keyboard.press("k")
    expect(page.locator("#answer-region")).to_have_attribute("data-answer-id", str(two[0].pk))
    expect(page.locator("#memo-text")).to_have_value("Usikker: tid eller ledelse?")
    assert Memo.objects.get(answer=two[1], author=coder).text == "Nummer to"


def test_a_memo_that_cannot_be_saved_keeps_the_coder_on_the_answer(live_server, page, login_page, coder, survey,
                                                                     two):
    Memo.objects.create(answer=two[0], author=coder, text="Første versjon")
    page = login_page(coder)
    page.goto(f"{live_server.url}/s/{survey.slug}/answers/{two[0].pk}/")
    Memo.objects.filter(answer=two[0]).update(text="Fra en annen fane", version=2)  # saved in another tab
    page.locator("#memo-text").fill("Min nye tekst")
    page.locator("#answer-heading").focus()
    page.keyboard.press("j")
    expect(page.locator("#toast")).to_contain_text("endret i et annet vindu")
    expect(page.locator("#answer-region")).to_have_attribute("data-answer-id", str(two[0].pk))
    expect(page.locator("#memo-text")).to_have_value("Min nye tekst")


def test_typing_right_after_moving_on_keeps_every_letter(live_server, strict_page, login_page, coder, survey, two):
    """The new answer's heading takes the focus at the swap, never later: a coder who presses j,
    then m and types at once keeps every letter, however long the page takes to settle."""
    page = login_page(coder)
    page.goto(f"{live_server.url}/s/{survey.slug}/answers/{two[0].pk}/")
    page.evaluate("() => { htmx.config.defaultSettleDelay = 800; }")  # a slow, busy machine
    page.locator("#answer-heading").focus()
    page.keyboard.press("j")
    expect(page.locator("#answer-region")).to_have_attribute("data-answer-id", str(two[1].pk))
    page.keyboard.press("m")
    page.keyboard.type("Nu")
    page.wait_for_timeout(1000)  # the swap settles here
    page.keyboard.type("mmer to")
    expect(page.locator("#memo-text")).to_have_value("Nummer to")
    expect(page.locator("#memo-text")).to_be_focused()
