"""In Chromium: every keyboard path applies exactly the code the coder chose (number key,
"/" + Enter, "n" + Enter, clicks mixed in), the response says which code was applied, and a
code created a moment ago is in the picker at once (no near-duplicates by typing)."""

from urllib.parse import parse_qs

import pytest
from playwright.sync_api import expect

from coding.models import Code, Coding
from tests.conftest import make_answer, make_question, make_respondent

pytestmark = [pytest.mark.browser, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def setting(survey, coder):
    q = make_question(survey, "2", text="Hva forventet dere av veiledningen?")
    answers = [make_answer(q, make_respondent(survey, f"R{i}"), text=f"Svar nummer {i}.") for i in range(1, 4)]
    tid = Code.objects.create(survey=survey, name="Tid")
    Code.objects.create(survey=survey, name="Kollegialt samarbeid")
    Code.objects.create(survey=survey, name="Forankring")
    Coding.objects.create(answer=answers[2], code=tid, coder=coder)  # Tid is on key 1
    return answers


def _posted_codes(requests):
    """The `code`, `recent` and `new_code` values of each apply request, in order."""
    out = []
    for request in requests:
        if request.method == "POST" and request.url.endswith("/codings/"):
            data = parse_qs(request.post_data or "")
            out.append({k: data[k] for k in ("code", "recent", "new_code") if k in data})
    return out


def test_each_keyboard_path_applies_what_the_coder_chose(live_server, strict_page, login_page, coder, survey,
                                                        setting):
    requests = []
    strict_page.on("request", lambda r: requests.append(r))
    page = login_page(coder)
    page.goto(f"{live_server.url}/s/{survey.slug}/answers/{setting[0].pk}/")
    codings = page.locator("#codings .coding-name")

    page.keyboard.press("1")  # the recent code Tid
    expect(codings).to_have_text(["Tid"])
    expect(page.locator("#applied")).to_have_text("Brukt: Tid")

    # Then "/" and part of another code's name: the found code is applied, not key 1's.
    page.keyboard.press("/")
    page.keyboard.type("kolleg")
    page.keyboard.press("Enter")
    expect(page.locator("#applied")).to_have_text("Brukt: Kollegialt samarbeid")
    expect(codings).to_have_text(["Kollegialt samarbeid", "Tid"])

    # A click on a recent code, then "n" and a new name with Enter: the new code.
    page.locator("#answer-heading").focus()
    page.keyboard.press("j")
    expect(page.locator("#answer-region")).to_have_attribute("data-answer-id", str(setting[1].pk))
    page.locator(".recent-code", has_text="Tid").click()
    expect(codings).to_have_text(["Tid"])
    page.keyboard.press("Escape")
    page.keyboard.press("n")
    page.keyboard.type("Ledelse")
    page.keyboard.press("Enter")
    expect(page.locator("#applied")).to_have_text("Brukt: Ledelse")
    expect(codings).to_have_text(["Ledelse", "Tid"])

    # A mouse choice in the list after a number key: the list's code.
    page.keyboard.press("Escape")
    page.keyboard.press("2")  # Tid (Ledelse is on 1): already there, nothing new
    expect(page.locator("#applied")).to_have_text("Brukt: Tid")
    page.locator("#code-select").select_option(label="Forankring")
    page.get_by_role("button", name="Bruk koden").click()
    expect(page.locator("#applied")).to_have_text("Brukt: Forankring")
    expect(codings).to_have_text(["Forankring", "Ledelse", "Tid"])

    stored = sorted(Coding.objects.filter(coder=coder).exclude(answer=setting[2])
                    .values_list("answer_id", "code__name"))
    assert stored == sorted([(setting[0].pk, "Tid"), (setting[0].pk, "Kollegialt samarbeid"),
                             (setting[1].pk, "Tid"), (setting[1].pk, "Ledelse"), (setting[1].pk, "Forankring")])
    # Every request carried exactly one choice.
    for posted in _posted_codes(requests):
        assert len(posted) == 1 and len(next(iter(posted.values()))) == 1, posted


def test_a_new_code_is_in_the_picker_at_once(live_server, strict_page, login_page, coder, survey, setting):
    page = login_page(coder)
    page.goto(f"{live_server.url}/s/{survey.slug}/answers/{setting[0].pk}/")
    page.keyboard.press("n")
    page.keyboard.type("Ressurslærer")
    page.keyboard.press("Enter")
    expect(page.locator("#applied")).to_have_text("Brukt: Ressurslærer")
    expect(page.locator("#code-select option", has_text="Ressurslærer")).to_have_count(1)

    page.keyboard.press("Escape")
    page.keyboard.press("j")
    expect(page.locator("#answer-region")).to_have_attribute("data-answer-id", str(setting[1].pk))
    page.keyboard.press("/")
    page.keyboard.type("ressurs")  # part of its name, without reloading the page
    expect(page.locator("#code-select option:not([hidden])")).to_have_text(["Ressurslærer"])
    page.keyboard.press("Enter")
    expect(page.locator("#applied")).to_have_text("Brukt: Ressurslærer")

    # "n" with the name in another case, or the start of exactly one code, applies that code.
    page.keyboard.press("Escape")
    page.keyboard.press("j")
    expect(page.locator("#answer-region")).to_have_attribute("data-answer-id", str(setting[2].pk))
    page.keyboard.press("n")
    page.keyboard.type("RESSURSLÆRER")
    page.keyboard.press("Enter")
    expect(page.locator("#applied")).to_have_text("Brukt: Ressurslærer")
    page.keyboard.press("Escape")
    page.keyboard.press("n")
    page.keyboard.type("Foran")
    page.keyboard.press("Enter")
    expect(page.locator("#applied")).to_have_text("Brukt: Forankring")
    assert Code.objects.filter(survey=survey).count() == 4
    assert Coding.objects.filter(coder=coder, answer=setting[2], code__name="Ressurslærer").count() == 1
