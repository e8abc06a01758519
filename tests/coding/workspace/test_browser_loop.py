"""In Chromium: the loop without Esc. After "n" + a name + Enter, or "/" + part of a name +
Enter, the code is applied and the next j moves on at once; and "n" and "/" leave the answer
and its codings where they were on a small laptop's screen (1280×720)."""

import pytest
from playwright.sync_api import expect

from coding.models import Code, Coding
from tests.conftest import make_answer, make_question, make_respondent

pytestmark = [pytest.mark.browser, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

LONG = ("Den største utfordringen var at prosessen var vanskelig å se for seg på forhånd. Først i andre "
        "semester forsto vi hva veiledningen egentlig gikk ut på. Hadde vi visst det fra starten, ville vi "
        "ha tatt med lærerne tidligere og brukt mer tid på å avklare forventninger i kommunegruppa.")


@pytest.fixture
def answers(survey, coder):
    q = make_question(survey, "14", text="Hva har vært de største utfordringene underveis i veiledningsperioden?")
    answers = [make_answer(q, make_respondent(survey, f"R{i}"), text=LONG) for i in range(1, 6)]
    for i in range(12):  # a codebook and nine recent codes, as after an hour of coding
        Coding.objects.create(answer=answers[4], code=Code.objects.create(survey=survey, name=f"Tema nummer {i}"),
                              coder=coder)
    for i, (start, end) in enumerate([(0, 81), (82, 139), (140, len(LONG))]):  # three passages of the fourth
        Coding.objects.create(answer=answers[3], code=Code.objects.get(name=f"Tema nummer {i}"), coder=coder,
                              start=start, end=end)
    Code.objects.create(survey=survey, name="Kollegialt samarbeid")
    return answers


def in_view(page, selector):
    box = page.locator(selector).bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= page.viewport_size["height"]


def test_enter_in_a_field_then_j_moves_on_without_esc(live_server, strict_page, login_page, coder, survey,
                                                       answers):
    page = login_page(coder)
    page.goto(f"{live_server.url}/s/{survey.slug}/answers/{answers[0].pk}/")
    page.keyboard.press("n")
    page.keyboard.type("Forventninger")
    page.keyboard.press("Enter")
    expect(page.locator("#applied")).to_have_text("Brukt: Forventninger")
    expect(page.locator("#answer-heading")).to_be_focused()
    page.keyboard.press("j")  # no Esc first
    expect(page.locator("#answer-region")).to_have_attribute("data-answer-id", str(answers[1].pk))

    page.keyboard.press("/")
    page.keyboard.type("kolleg")
    page.keyboard.press("Enter")
    expect(page.locator("#applied")).to_have_text("Brukt: Kollegialt samarbeid")
    page.keyboard.press("j")
    expect(page.locator("#answer-region")).to_have_attribute("data-answer-id", str(answers[2].pk))
    expect(page.locator("#new-code")).to_have_value("")
    assert sorted(Coding.objects.filter(coder=coder, answer__in=answers[:2]).values_list("code__name", flat=True)) \
        == ["Forventninger", "Kollegialt samarbeid"]


def test_n_and_slash_keep_the_answer_and_its_codings_in_view(live_server, strict_page, login_page, coder, survey,
                                                             answers):
    page = login_page(coder)
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(f"{live_server.url}/s/{survey.slug}/answers/{answers[3].pk}/")
    expect(page.locator("#codings .coding")).to_have_count(3)
    before = page.evaluate("() => window.scrollY")
    for key in ("n", "Escape", "/"):
        page.keyboard.press(key)
        assert page.evaluate("() => window.scrollY") == before, key
        assert in_view(page, "#answer-text") and in_view(page, "#codings .coding-list"), key
    expect(page.locator("#code-filter")).to_be_focused()
    assert in_view(page, "#code-filter") and in_view(page, "#new-code")
