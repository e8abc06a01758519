"""In Chromium, measured: on a phone (390×844) the answer text wraps (no sideways scrolling,
even for a long web address) and the code picker comes right after the answer and its
codings, not thousands of pixels further down; on a small laptop (1280×720) the answer, its
codings and the whole picker fit on the first screen. Screenshots go to the test's tmp_path."""

import pytest
from playwright.sync_api import expect

from coding.models import Code, Coding, Memo
from surveys.models import Question
from tests.conftest import make_answer, make_question, make_respondent

pytestmark = [pytest.mark.browser, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

TEXT = ("Den største utfordringen var at prosessen var vanskelig å se for seg på forhånd. Først i andre "
        "semester forsto vi hva veiledningen egentlig gikk ut på. Hadde vi visst det fra starten, ville vi "
        "ha tatt med lærerne tidligere og brukt mer tid på å avklare forventninger i kommunegruppa. Se "
        "https://www.example.org/veiledningsordningen/portefolje-2/sluttrapport-med-vedlegg-og-referater")
NAMES = ["Kompetanse til videreføring", "Nåsituasjonsanalyse", "Veilederrollen", "Kommunesammenslåing",
         "Dialogkonferanser og samlinger", "Størrelse og avstand", "Digitale møter", "Tid og kapasitet",
         "Forventningsavklaring", "Periodens lengde", "Lærerinvolvering", "Forankring i alle ledd"]


@pytest.fixture
def answer(survey, coder, co_coder):
    """An answer as it looks after an hour of coding: three coded passages, nine recent codes,
    a memo, a suggestions panel and the unit's twenty other answers below."""
    q = make_question(survey, "14", text="Hva har vært de største utfordringene underveis i veiledningsperioden?")
    respondent = make_respondent(survey, "Sandnes")
    answer = make_answer(q, respondent, text=TEXT)
    codes = [Code.objects.create(survey=survey, name=name) for name in NAMES]
    for i in range(20):
        other = make_question(survey, f"{i + 1}u", text=f"Spørsmål {i + 1} om veiledningen og hva den førte til")
        make_answer(other, respondent, text="Et annet svar fra samme kommune, om samlinger og tid. " * 3)
        make_answer(make_question(survey, f"{i + 1}g", kind=Question.Kind.LIKERT), respondent, number=4)
        Coding.objects.create(answer=make_answer(q, make_respondent(survey, f"R{i}"), text="Kort svar."),
                              code=codes[i % len(codes)], coder=coder)
    sentences = ["Den største", "Først i andre", "Hadde vi visst"]
    starts = [TEXT.index(s) for s in sentences] + [TEXT.index(" Se https")]
    for code, start, end in zip(codes[-3:], starts[:-1], starts[1:], strict=True):
        Coding.objects.create(answer=answer, code=code, coder=coder, start=start, end=end)
    Memo.objects.create(answer=answer, author=coder, text="Usikker på om dette er forankring.")
    return answer


def measure(page):
    return page.evaluate("""() => {
        const box = (s) => { const r = document.querySelector(s).getBoundingClientRect();
                             return {top: r.top + window.scrollY, bottom: r.bottom + window.scrollY, right: r.right}; };
        return {width: document.documentElement.scrollWidth, text: box('#answer-text'),
                codings: box('#codings .coding-list'), picker: box('.picker'), filter: box('#code-filter'),
                newCode: box('#new-code')};
    }""")


def test_on_a_phone_the_text_wraps_and_the_picker_follows_the_codings(live_server, strict_page, login_page, coder,
                                                                      survey, answer, tmp_path):
    page = login_page(coder)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/s/{survey.slug}/answers/{answer.pk}/")
    expect(page.locator("#codings .coding")).to_have_count(3)
    page.screenshot(path=tmp_path / "phone-390x844.png", full_page=True)
    size = measure(page)
    assert size["width"] <= 390, size  # nothing sticks out sideways
    assert size["text"]["right"] <= 390
    # The picker comes right after the codings (before the suggestions, memo and other answers).
    assert 0 <= size["picker"]["top"] - size["codings"]["bottom"] < 100, size
    assert size["filter"]["top"] < 1500, size
    page.keyboard.press("/")
    expect(page.locator("#code-filter")).to_be_focused()
    assert page.evaluate("() => window.scrollY") < 1500


def test_on_a_small_laptop_the_answer_its_codings_and_the_picker_fit(live_server, strict_page, login_page, coder,
                                                                      survey, answer, tmp_path):
    page = login_page(coder)
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(f"{live_server.url}/s/{survey.slug}/answers/{answer.pk}/")
    expect(page.locator("#codings .coding")).to_have_count(3)
    page.screenshot(path=tmp_path / "laptop-1280x720.png")
    size = measure(page)
    assert size["width"] <= 1280
    for part in ("text", "codings", "picker"):
        assert size[part]["bottom"] <= 720, (part, size)
