"""In Chromium (WCAG 2.1.4): the settings screen is reached from the header; a remapped key
acts and the old one does not; with the shortcuts off no single key acts and the `?` list
says so; and the keys act only while the coding area has the focus."""

import pytest
from playwright.sync_api import expect

from coding.models import Code, Coding, ShortcutSettings
from tests.conftest import make_answer, make_question, make_respondent

pytestmark = [pytest.mark.browser, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def answers(survey, coder):
    q = make_question(survey, "2")
    answers = [make_answer(q, make_respondent(survey, f"R{i}"), text=f"Svar {i}.") for i in range(1, 4)]
    Coding.objects.create(answer=answers[2], code=Code.objects.create(survey=survey, name="Tid"), coder=coder)
    return answers


def region(page):
    return page.locator("#answer-region")


def test_remapped_keys_from_the_header(live_server, strict_page, login_page, coder, survey, answers):
    page = login_page(coder)
    page.goto(f"{live_server.url}/s/{survey.slug}/answers/{answers[0].pk}/")
    page.get_by_role("link", name="Hurtigtaster").click()
    expect(page.get_by_role("heading", name="Hurtigtaster", level=1)).to_be_visible()
    page.get_by_label("Neste svar", exact=True).fill("l")
    page.get_by_label("Forrige svar", exact=True).fill("h")
    page.get_by_role("button", name="Lagre hurtigtastene").click()
    expect(page.locator(".messages")).to_contain_text("Hurtigtastene dine er lagret")
    page.get_by_role("link", name="Tilbake dit du var").click()
    expect(region(page)).to_have_attribute("data-answer-id", str(answers[0].pk))

    expect(page.locator("#go-next kbd")).to_have_text("l")  # the hints show the user's keys
    page.keyboard.press("j")  # the standard key does nothing now
    page.wait_for_timeout(300)
    expect(region(page)).to_have_attribute("data-answer-id", str(answers[0].pk))
    page.keyboard.press("l")
    expect(region(page)).to_have_attribute("data-answer-id", str(answers[1].pk))
    expect(page.locator("#go-next kbd")).to_have_text("l")  # also after the swap
    page.keyboard.press("h")
    expect(region(page)).to_have_attribute("data-answer-id", str(answers[0].pk))
    page.keyboard.press("?")
    dialog = page.locator("#shortcuts")
    expect(dialog).to_be_visible()
    expect(dialog.locator("dt", has_text="l").first).to_be_visible()
    expect(dialog).to_contain_text("Neste svar")
    expect(dialog.locator("kbd", has_text="j")).to_have_count(0)


def test_shortcuts_off_no_single_key_acts(live_server, strict_page, login_page, coder, survey, answers):
    ShortcutSettings.objects.create(user=coder, enabled=False, digits=False)
    page = login_page(coder)
    page.goto(f"{live_server.url}/s/{survey.slug}/answers/{answers[0].pk}/")
    page.locator("#answer-heading").focus()
    for key in ("j", "u", "1", "n", "/", "m", "?"):
        page.keyboard.press(key)
    page.wait_for_timeout(500)
    expect(region(page)).to_have_attribute("data-answer-id", str(answers[0].pk))
    expect(page.locator("#answer-heading")).to_be_focused()
    expect(page.locator("#shortcuts")).to_be_hidden()
    assert not Coding.objects.filter(answer=answers[0]).exists()
    expect(page.locator("#go-next kbd")).to_be_hidden()
    page.get_by_role("button", name="Hurtigtaster").click()  # the list is still there by button
    expect(page.locator("#shortcuts")).to_contain_text("Hurtigtaster med én tast er slått av for deg.")


def test_keys_act_only_while_the_coding_area_has_the_focus(live_server, strict_page, login_page, coder, survey,
                                                           answers):
    page = login_page(coder)
    page.goto(f"{live_server.url}/s/{survey.slug}/answers/{answers[0].pk}/")
    page.get_by_role("link", name="Undersøkelser").focus()  # the header
    page.keyboard.press("j")
    page.keyboard.press("1")
    page.locator(".survey-nav a").first.focus()  # the survey menu
    page.keyboard.press("j")
    page.wait_for_timeout(500)
    expect(region(page)).to_have_attribute("data-answer-id", str(answers[0].pk))
    assert not Coding.objects.filter(answer=answers[0]).exists()
    page.locator("#answer-heading").focus()  # the coding area
    page.keyboard.press("1")
    expect(page.locator("#codings .coding-name")).to_have_text(["Tid"])
    page.keyboard.press("j")
    expect(region(page)).to_have_attribute("data-answer-id", str(answers[1].pk))
