"""In Chromium: keyboard-only coding, coding a selected span (code points, emoji), and hostile
answer text and code names staying inert through htmx swaps."""

import re

import pytest
from playwright.sync_api import expect

from coding.models import Code, Coding, Memo
from tests.conftest import make_answer, make_question, make_respondent

# PostgreSQL only: each coding fires parallel htmx refreshes (progress, history), and the live
# server shares one in-memory SQLite connection across its threads, which can hang a run.
pytestmark = [pytest.mark.browser, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def three(survey):
    q = make_question(survey, "2", text="Hva forventet dere av veiledningen?")
    texts = ["Vi ønsket mer tid til samlinger.", "Rektor var med fra starten.", "Lite tid mellom møtene."]
    answers = [make_answer(q, make_respondent(survey, f"R{i}"), text=t) for i, t in enumerate(texts, 1)]
    Code.objects.create(survey=survey, name="Forankring")
    Code.objects.create(survey=survey, name="Tid")
    return answers


def test_keyboard_only_coding_of_three_answers(live_server, strict_page, login_page, coder, survey, three):
    page = login_page(coder)
    page.goto(f"{live_server.url}/s/{survey.slug}/answers/{three[0].pk}/")
    expect(page.locator("#answer-region")).to_have_attribute("data-answer-id", str(three[0].pk))

    # 1: find a code with "/", type, Enter.
    page.keyboard.press("/")
    expect(page.locator("#code-filter")).to_be_focused()
    page.keyboard.type("tid")
    page.keyboard.press("Enter")
    expect(page.locator("#codings .coding-name")).to_have_text(["Tid"])
    page.keyboard.press("Escape")
    expect(page.locator("#answer-heading")).to_be_focused()

    # 2: next answer with "j", a new code inline with "n", then the recent code on key 2.
    page.keyboard.press("j")
    expect(page.locator("#answer-region")).to_have_attribute("data-answer-id", str(three[1].pk))
    expect(page).to_have_url(re.compile(f"/answers/{three[1].pk}/$"))
    page.keyboard.press("n")
    expect(page.locator("#new-code")).to_be_focused()
    page.keyboard.type("Ledelse")
    page.keyboard.press("Enter")
    expect(page.locator("#codings .coding-name")).to_have_text(["Ledelse"])
    recent = page.locator("#recent-codes .recent-code")
    expect(recent.locator(".recent-name")).to_have_text(["Ledelse", "Tid"])
    page.keyboard.press("Escape")
    page.keyboard.press("2")  # the second most recent: Tid
    expect(page.locator("#codings .coding-name")).to_have_text(["Ledelse", "Tid"])
    expect(recent.locator(".recent-name")).to_have_text(["Tid", "Ledelse"])  # Tid moved to key 1
    expect(recent.locator("kbd")).to_have_text(["1", "2"])

    # 3: "u" jumps to the next answer not coded by me; key 1 applies the most recent code.
    page.keyboard.press("k")
    expect(page.locator("#answer-region")).to_have_attribute("data-answer-id", str(three[0].pk))
    page.keyboard.press("u")
    expect(page.locator("#answer-region")).to_have_attribute("data-answer-id", str(three[2].pk))
    page.keyboard.press("1")
    expect(page.locator("#codings .coding-name")).to_have_text(["Tid"])
    expect(page.locator("#progress")).to_contain_text("Kodet 3 av 3 av deg")

    # The strip keeps the nine most recent codes, newest on key 1.
    page.evaluate("""() => { for (let id = 100; id < 111; id++) {
        document.getElementById('apply-form').dispatchEvent(new CustomEvent('coding-changed',
            {bubbles: true, detail: {answer: 1, code: {id: id, name: 'Kode ' + id, colour: '#123456'}}}));
    } }""")
    expect(recent).to_have_count(9)
    expect(recent.first).to_have_attribute("data-recent", "1")
    expect(recent.first.locator(".recent-name")).to_have_text("Kode 110")
    expect(recent.last.locator("kbd")).to_have_text("9")

    # The shortcut list opens with "?".
    page.keyboard.press("?")
    expect(page.locator("#shortcuts")).to_be_visible()
    page.keyboard.press("Escape")

    got = sorted(Coding.objects.filter(coder=coder).values_list("answer_id", "code__name"))
    assert got == sorted([(three[0].pk, "Tid"), (three[1].pk, "Ledelse"), (three[1].pk, "Tid"), (three[2].pk, "Tid")])
    # No answer text in browser storage (htmx history is off).
    stored = page.evaluate("JSON.stringify(localStorage) + JSON.stringify(sessionStorage)")
    assert "samlinger" not in stored


def test_coding_a_selected_span_counts_code_points(live_server, strict_page, login_page, coder, survey):
    q = make_question(survey, "2")
    text = "Vi 🎻 spilte sammen på samlingene, og det ga mye."
    answer = make_answer(q, text=text)
    Code.objects.create(survey=survey, name="Samspill")
    page = login_page(coder)
    page.goto(f"{live_server.url}/s/{survey.slug}/answers/{answer.pk}/")
    expect(page.locator("#span-clear")).to_be_hidden()  # nothing selected: the whole answer
    # Select "spilte sammen" with the mouse: the text after the emoji (2 UTF-16 units, 1 code point).
    page.evaluate("""() => {
        const el = document.getElementById('answer-text');
        const node = el.firstChild.firstChild;            // the text node in the first piece
        const from = node.data.indexOf('spilte');
        const range = document.createRange();
        range.setStart(node, from);
        range.setEnd(node, from + 'spilte sammen'.length);
        const sel = window.getSelection(); sel.removeAllRanges(); sel.addRange(range);
    }""")
    expect(page.locator("#span-status")).to_contain_text("spilte sammen")
    expect(page.locator("#span-clear")).to_be_visible()
    page.get_by_label("Finn en kode").fill("Samspill")
    page.get_by_role("button", name="Bruk koden").click()
    expect(page.locator("#codings mark")).to_have_text("spilte sammen")
    expect(page.locator("#span-clear")).to_be_hidden()  # applied: back to the whole answer
    coding = Coding.objects.get()
    start = text.index("spilte")
    assert (coding.start, coding.end) == (start, start + len("spilte sammen"))
    assert text[coding.start:coding.end] == "spilte sammen"

    # The keyboard way: select in the read-only copy with Shift+arrows.
    page.locator("#answer-heading").focus()
    page.keyboard.press("s")
    expect(page.locator("#answer-select")).to_be_focused()
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    for _ in range(3):
        page.keyboard.press("Shift+ArrowRight")  # "🎻 s" – the emoji counts once
    expect(page.locator("#span-status")).to_contain_text("🎻 s")
    page.locator("#code-filter").fill("Samspill")
    page.keyboard.press("Enter")
    expect(page.locator("#codings mark")).to_have_count(3)
    spans = sorted(Coding.objects.values_list("start", "end"))
    assert (3, 6) in spans and text[3:6] == "🎻 s"


def test_saving_a_memo_from_a_resized_box_breaks_no_policy(live_server, strict_page, login_page, coder, survey):
    """Resizing a textarea gives it a style attribute; htmx must not copy that onto the
    swapped-in memo form, which the CSP (no inline styles) would refuse (strict_page fails
    on the console error)."""
    answer = make_answer(make_question(survey, "2"), text="Et svar.")
    page = login_page(coder)
    page.goto(f"{live_server.url}/s/{survey.slug}/answers/{answer.pk}/")
    page.evaluate("() => { document.getElementById('memo-text').style.height = '12rem'; }")  # as a drag would
    page.locator("#memo-text").fill("Usikker på koden.")
    page.get_by_role("button", name="Lagre notatet").click()
    expect(page.locator("#memo [role=status]")).to_have_text("Lagret.")
    assert Memo.objects.get().text == "Usikker på koden."


HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '"><svg onload=alert(1)>',
    '<div hx-get="/admin/users/" hx-trigger="load">x</div>',
]


def test_hostile_text_and_code_names_stay_inert(live_server, strict_page, login_page, coder, survey):
    q = make_question(survey, "2")
    answers = [make_answer(q, text=f"Svar {payload} samlingen") for payload in HOSTILE]
    for payload in HOSTILE:
        Code.objects.create(survey=survey, name=f"K {payload}")
    requests = []
    strict_page.on("request", lambda r: requests.append(r.url))
    page = login_page(coder)
    page.goto(f"{live_server.url}/s/{survey.slug}/answers/{answers[0].pk}/")
    for number, payload in enumerate(HOSTILE):
        expect(page.locator("#answer-text")).to_contain_text(payload)
        page.locator("#code-filter").fill("K ")
        page.locator("#code-select").select_option(index=number)
        page.get_by_role("button", name="Bruk koden").click()
        expect(page.locator("#codings .coding-name").first).to_contain_text("K ")
        page.locator("#answer-heading").focus()
        page.keyboard.press("j")
        if number < len(HOSTILE) - 1:
            expect(page.locator("#answer-region")).to_have_attribute("data-answer-id", str(answers[number + 1].pk))
    # The recent-codes strip, built in the page from the server's event, shows names as text.
    applied = sorted(f"K {p}" for p in HOSTILE)  # the picker lists codes by name
    expect(page.locator("#recent-codes .recent-name")).to_have_text(applied[::-1])
    page.goto(f"{live_server.url}/s/{survey.slug}/answers/?q=samlingen")
    expect(page.locator(".answer-table tbody tr")).to_have_count(len(HOSTILE))
    page.goto(f"{live_server.url}/s/{survey.slug}/codebook/")
    expect(page.locator(".codebook-table")).to_contain_text(HOSTILE[0])
    assert not [url for url in requests if "/admin/users" in url]
