"""In Chromium: "a" accepts and "x" dismisses the top suggested code, "Kod lignende svar" ticks,
applies and undoes by keyboard, with the audit trail; no console or CSP errors; axe clean."""

import pytest
from playwright.sync_api import expect

from coding.models import AuditEvent, Coding, ShortcutSettings, SuggestionDecision
from tests.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_accept_and_dismiss_by_keyboard(live_server, strict_page, login_page, coder, survey, themed):
    answers, _labels, _codes = themed
    answer = answers[70]
    page = login_page(coder)
    page.goto(f"{live_server.url}/s/{survey.slug}/answers/{answer.pk}/")
    first = page.locator("#suggestions .suggestion").first
    expect(first).to_be_visible(timeout=30_000)  # the first request imports scikit-learn and fits
    expect(first.locator(".evidence li").first).to_be_visible()
    expect(first.locator(".suggestion-score")).to_contain_text("skår")
    assert_accessible(page)
    top_name = first.locator(".suggestion-name").inner_text()
    top_id = first.get_attribute("data-code-id")

    page.keyboard.press("a")
    expect(page.locator("#codings .coding-name")).to_have_text([top_name])
    expect(page.locator("#codings .suggested-mark")).to_contain_text("foreslått")
    expect(page.locator("#suggestions .suggestion").first).not_to_have_attribute("data-code-id", top_id)
    expect(page.locator("#history")).to_contain_text("Forslag godtatt")
    decision = SuggestionDecision.objects.get(answer=answer, coder=coder, code_id=top_id)
    assert decision.decision == "accepted" and decision.coding_id is not None
    assert AuditEvent.objects.get(action="suggestion_accepted", answer=answer).data["score"] == decision.score

    second = page.locator("#suggestions .suggestion").first
    second_id = second.get_attribute("data-code-id")
    page.keyboard.press("x")
    expect(page.locator("#suggestions .suggestion").first).not_to_have_attribute("data-code-id", second_id)
    assert SuggestionDecision.objects.get(answer=answer, coder=coder, code_id=second_id).decision == "dismissed"
    assert not Coding.objects.filter(answer=answer, coder=coder, code_id=second_id).exists()

    # Typing in a field never triggers the keys.
    page.keyboard.press("m")
    expect(page.locator("#memo-text")).to_be_focused()
    page.keyboard.type("ax")
    expect(page.locator("#codings .coding-name")).to_have_text([top_name])

    # The next answer brings its own suggestions.
    page.keyboard.press("Escape")
    page.keyboard.press("j")
    expect(page.locator("#suggestions")).to_have_attribute("data-answer-id", str(answers[71].pk))
    expect(page.locator("#suggestions .suggestion").first).to_be_visible()


def test_code_similar_answers_by_keyboard_with_undo(live_server, strict_page, login_page, coder, survey, themed):
    _answers, _labels, codes = themed
    code = codes["Tid"]
    page = login_page(coder)
    page.goto(f"{live_server.url}/s/{survey.slug}/codebook/{code.pk}/")
    page.locator("#code-similar").focus()
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_contain_text("Kod lignende svar")
    assert_accessible(page)
    boxes = page.locator(".similar-list input[type=checkbox]")
    ticked = []
    for i in range(2):
        boxes.nth(i).focus()
        page.keyboard.press("Space")
        ticked.append(int(boxes.nth(i).get_attribute("value")))
    page.locator("#similar-apply").focus()
    page.keyboard.press("Enter")
    expect(page.locator(".notice")).to_contain_text("Koden ble brukt på 2 svar")
    assert Coding.objects.filter(code=code, coder=coder, answer_id__in=ticked).count() == 2
    assert AuditEvent.objects.filter(action="similar_coded", code=code).count() == 1
    page.locator("#similar-undo").focus()
    page.keyboard.press("Enter")
    expect(page.locator(".notice")).to_contain_text("Angret: 2 kodinger fjernet")
    assert not Coding.objects.filter(code=code, coder=coder, answer_id__in=ticked).exists()
    assert AuditEvent.objects.filter(action="similar_undone", code=code).count() == 1


def test_the_keys_follow_the_users_shortcut_settings(live_server, strict_page, login_page, coder, survey, themed):
    """A coder who chose g and d for accepting and dismissing (Hurtigtaster) uses those keys, and
    the panel's buttons show them."""
    answers, _labels, _codes = themed
    answer = answers[72]
    ShortcutSettings.objects.create(user=coder, keys={"accept": "g", "dismiss": "d"})
    page = login_page(coder)
    page.goto(f"{live_server.url}/s/{survey.slug}/answers/{answer.pk}/")
    first = page.locator("#suggestions .suggestion").first
    expect(first).to_be_visible(timeout=30_000)
    top_id = first.get_attribute("data-code-id")
    page.keyboard.press("a")  # no longer the accept key
    page.wait_for_timeout(300)
    assert not Coding.objects.filter(answer=answer, coder=coder).exists()
    page.keyboard.press("g")
    expect(page.locator("#codings .suggested-mark")).to_have_count(1)
    assert Coding.objects.filter(answer=answer, coder=coder, code_id=top_id).exists()
    expect(page.locator("#suggestions .suggestion-accept kbd")).to_have_text("g")
    expect(page.locator("#suggestions .suggestion-dismiss kbd")).to_have_text("d")
    expect(page.locator("#suggestions .suggestion").first).not_to_have_attribute("data-code-id", top_id)  # reloaded
    second_id = page.locator("#suggestions .suggestion").first.get_attribute("data-code-id")
    page.keyboard.press("d")
    expect(page.locator("#suggestions .suggestion").first).not_to_have_attribute("data-code-id", second_id)
    assert SuggestionDecision.objects.get(answer=answer, coder=coder, code_id=second_id).decision == "dismissed"


def test_learning_from_the_consensus_layer_is_chosen_by_keyboard(live_server, strict_page, login_page, coder, admin,
                                                                  survey, themed):
    from tests.coding.suggestions.test_views import consensus_of

    answers, _labels, _codes = themed
    consensus_of(themed, coder, admin)
    Coding.objects.filter(coder=coder).delete()
    page = login_page(coder)
    page.goto(f"{live_server.url}/s/{survey.slug}/answers/{answers[70].pk}/")
    expect(page.locator("#suggestions .suggestions-message")).to_contain_text("For lite koding", timeout=30_000)
    page.get_by_role("radio", name="konsensuslaget").focus()
    page.keyboard.press("Space")
    expect(page.locator("#suggestions .suggestion").first).to_be_visible()
    expect(page.locator("#suggestions")).to_contain_text("Fra konsensuslaget")
    assert_accessible(page)
    page.keyboard.press("Escape")
    page.locator("#answer-heading").focus()
    page.keyboard.press("j")  # the next answer remembers the choice
    expect(page.locator("#suggestions")).to_have_attribute("data-answer-id", str(answers[71].pk))
    expect(page.locator("#suggestions")).to_contain_text("Fra konsensuslaget")
