"""The board by keyboard and mouse, in Chromium on the demo board: "Ikke kategorisert" (where
every new code lands) is the first column, on the first screen; a column is one tab stop,
with the arrow keys inside it, so a card in the last column is a few Tab presses away (it
took 125 when every card's links and buttons were tab stops); examples are shown on demand;
the move menu opens on the screen; a rationale typed after a drag goes with that move."""

import pytest
from playwright.sync_api import expect

from coding.models import AuditEvent, Category, CategoryCode
from tests.conftest import make_user

pytestmark = [pytest.mark.browser, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def tabs_until(page, check, limit=400):
    """Press Tab from the top of the page until `check(active element)` holds; how many presses."""
    page.evaluate("() => { document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); }")
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate(check):
            return presses
    return None


IN_LAST_COLUMN = """() => { const columns = [...document.querySelectorAll('.board-column')]
        .filter((c) => c.querySelector('.board-card'));
    const last = columns[columns.length - 1];
    return last.contains(document.activeElement) && !!document.activeElement.closest('.board-card'); }"""


@pytest.fixture
def board_page(live_server, strict_page, login_page, demo):
    coder = make_user("tavlekoder", "coder")
    page = login_page(coder)
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(f"{live_server.url}/s/{demo.slug}/board/")
    expect(page.get_by_role("heading", name="Kategoritavle")).to_be_visible()
    return page


def test_a_card_in_the_last_column_is_a_few_tabs_away(board_page):
    presses = tabs_until(board_page, IN_LAST_COLUMN)
    print(f"Tab presses from the top of the page to a card in the last column: {presses}")
    assert presses is not None and presses <= 30, presses  # 97 for a coder on the demo board before


def test_not_categorised_is_the_first_column_on_the_first_screen(board_page):
    first = board_page.locator(".board-column").first
    expect(first.get_by_role("heading", level=2)).to_contain_text("Ikke kategorisert")
    box = first.bounding_box()
    assert box["x"] < 1280 and box["y"] < 720
    # The board scrolls sideways inside its own area; the page itself does not.
    assert board_page.evaluate("() => document.documentElement.scrollWidth") <= 1280


def test_arrow_keys_move_between_the_cards_of_a_column(board_page):
    counts = board_page.eval_on_selector_all(".board-column",
                                             "cs => cs.map(c => c.querySelectorAll('.board-card').length)")
    at = counts.index(max(counts))
    column = board_page.locator(".board-column").nth(at)
    cards = column.locator(".board-card")
    assert cards.count() >= 3
    cards.first.locator(".card-link").focus()
    board_page.keyboard.press("ArrowDown")
    expect(cards.nth(1).locator(".card-link")).to_be_focused()
    board_page.keyboard.press("End")
    expect(cards.last.locator(".card-link")).to_be_focused()
    board_page.keyboard.press("Home")
    expect(cards.first.locator(".card-link")).to_be_focused()
    board_page.keyboard.press("ArrowDown")
    board_page.keyboard.press("ArrowRight")  # the card's own controls: name, Flytt, Eksempler
    expect(cards.nth(1).locator(".card-move-link")).to_be_focused()
    board_page.keyboard.press("ArrowRight")
    expect(cards.nth(1).locator(".card-examples summary")).to_be_focused()
    board_page.keyboard.press("ArrowDown")  # the same control of the next card
    expect(cards.nth(2).locator(".card-examples summary")).to_be_focused()
    # One tab stop: Tab leaves the column, Shift+Tab comes back to where it was.
    board_page.keyboard.press("Tab")
    assert not column.evaluate("c => c.contains(document.activeElement)")
    board_page.keyboard.press("Shift+Tab")
    expect(cards.nth(2).locator(".card-examples summary")).to_be_focused()
    stops = column.evaluate("c => [...c.querySelectorAll('.board-cards a, .board-cards summary')]"
                            ".filter((e) => e.tabIndex >= 0).length")
    assert stops == 1


def test_examples_are_shown_on_demand(board_page):
    card = board_page.locator(".board-column").nth(1).locator(".board-card").first
    expect(card.locator(".card-peeks")).to_be_hidden()
    card.get_by_text("Eksempler").click()
    expect(card.locator(".card-peeks li").first).to_be_visible()


def test_the_move_menu_opens_on_the_screen(board_page):
    last = board_page.locator(".board-column").last
    last.locator(".card-link").first.focus()
    board_page.keyboard.press("ArrowRight")
    board_page.keyboard.press("Enter")
    form = last.locator(".move-form")
    expect(form.locator("select")).to_be_focused()
    box = form.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 1280, box
    assert box["y"] >= 0 and box["y"] + box["height"] <= 720, box


def test_a_rationale_typed_after_a_drag_goes_with_that_move(board_page, demo):
    from tests.coding.board.test_browser import drag

    columns = list(Category.objects.filter(survey=demo, archived=False).order_by("order", "id"))
    source, target = columns[0], columns[1]  # both on the first screen, beside "Ikke kategorisert"
    first, second = [p.code for p in CategoryCode.objects.filter(category=source).select_related("code")
                     .order_by("position", "id")[:2]]
    drop = board_page.locator(f'ol.board-cards[data-column="{target.pk}"]')
    drag(board_page, board_page.locator(f"#card-{source.pk}-{first.pk} .drag-handle"), drop)
    expect(board_page.locator("#board-status")).to_contain_text(f"{first.name} ligger nå i {target.name}")
    why = board_page.get_by_label(f"Hvorfor ble {first.name} flyttet?", exact=False)
    why.fill("Handler om resultatene")
    board_page.get_by_role("button", name="Lagre begrunnelsen").click()
    expect(board_page.locator("#board-status")).to_contain_text(f"lagret med flyttingen av {first.name}")
    # the new board gets drag and drop again (it did not, after the first move, before)
    board_page.wait_for_function("() => [...document.querySelectorAll('ol.board-cards')]"
                                 ".every((l) => l.dataset.sortable)")
    drag(board_page, board_page.locator(f"#card-{source.pk}-{second.pk} .drag-handle"), drop)
    expect(board_page.locator("#board-status")).to_contain_text(f"{second.name} ligger nå i {target.name}")
    moves = AuditEvent.objects.filter(action__in=["code_placed", "code_unplaced"], actor__username="tavlekoder")
    assert set(moves.filter(code=first).values_list("rationale", flat=True)) == {"Handler om resultatene"}
    assert set(moves.filter(code=second).values_list("rationale", flat=True)) == {""}
    assert moves.filter(code=first).count() == 2  # taken out of one column, placed in the other
