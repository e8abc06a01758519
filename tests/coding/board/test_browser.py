"""The board in Chromium: drag and drop and the keyboard move persist, a reviewer gets no
handles, and the page runs without console or CSP errors (hostile names included)."""

import pytest
from playwright.sync_api import expect

from coding.models import AuditEvent, CategoryCode, Theme
from tests.coding.board.fixtures import build_board, make_category, make_code, place

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def open_board(page, live_server, survey):
    page.goto(f"{live_server.url}/s/{survey.slug}/board/")
    expect(page.get_by_role("heading", name="Kategoritavle")).to_be_visible()


def drag(page, source, target):
    box = source.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] / 2 + 5, box["y"] + box["height"] / 2 + 5, steps=3)
    goal = target.bounding_box()
    page.mouse.move(goal["x"] + goal["width"] / 2, goal["y"] + 20, steps=15)
    page.mouse.up()


def test_drag_and_drop_persists_after_reload(live_server, strict_page, login_page, coder, survey):
    (forankring, organisering), codes = build_board(survey, coder)
    page = login_page(coder)
    open_board(page, live_server, survey)
    card = page.locator(f"#card-{forankring.pk}-{codes[0].pk}")
    drag(page, card.locator(".drag-handle"), page.locator(f'ol.board-cards[data-column="{organisering.pk}"]'))
    moved = page.locator(f"#card-{organisering.pk}-{codes[0].pk}")
    expect(moved).to_be_visible()
    expect(page.locator("#board-status")).to_contain_text("ligger nå i Organisering")
    page.get_by_label("Hvorfor ble Kode 000 flyttet? (valgfritt, lagres med denne flyttingen)").fill(
        "Hører til organiseringen")
    page.get_by_role("button", name="Lagre begrunnelsen").click()
    expect(page.locator("#board-status")).to_contain_text("Begrunnelsen er lagret med flyttingen av Kode 000")
    page.reload()
    expect(page.locator(f"#card-{organisering.pk}-{codes[0].pk}")).to_be_visible()
    expect(page.locator(f"#card-{forankring.pk}-{codes[0].pk}")).to_have_count(0)
    assert AuditEvent.objects.get(category=organisering).rationale == "Hører til organiseringen"


def test_keyboard_move_persists(live_server, strict_page, login_page, coder, survey):
    (forankring, organisering), codes = build_board(survey, coder)
    page = login_page(coder)
    open_board(page, live_server, survey)
    link = page.locator(f"#card-none-{codes[1].pk} .card-move-link")
    page.locator(f"#card-none-{codes[1].pk} .card-link").focus()
    page.keyboard.press("ArrowRight")  # from the card's name to its "Flytt"
    expect(link).to_be_focused()
    page.keyboard.press("Enter")  # opens the move menu of this card
    select = page.locator(f"#to-none-{codes[1].pk}")
    expect(select).to_be_focused()
    select.select_option(label="Forankring")
    page.keyboard.press("Tab")
    expect(page.get_by_label("Plass i kolonnen")).to_be_focused()  # empty: at the bottom
    page.keyboard.press("Tab")
    page.keyboard.type("Om ledelsens forankring")
    page.keyboard.press("Enter")
    moved = page.locator(f"#card-{forankring.pk}-{codes[1].pk}")
    expect(moved).to_be_visible()
    expect(moved.locator(".card-link")).to_be_focused()
    expect(page.locator(f'ol[data-column="{forankring.pk}"] .card-link')).to_have_text(["Kode 000", "Kode 001"])

    # Reorder within the column by keyboard: the card's own column, place 1.
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Enter")
    select = page.locator(f"#to-{forankring.pk}-{codes[1].pk}")
    expect(select).to_be_focused()
    select.select_option(label="Forankring")
    page.keyboard.press("Tab")
    page.keyboard.type("1")
    page.keyboard.press("Enter")
    expect(page.locator("#board-status")).to_contain_text("Kode 001 er nå nummer 1 i Forankring")
    expect(page.locator(f"#card-{forankring.pk}-{codes[1].pk} .card-link")).to_be_focused()
    page.reload()
    expect(page.locator(f'ol[data-column="{forankring.pk}"] .card-link')).to_have_text(["Kode 001", "Kode 000"])
    assert set(CategoryCode.objects.filter(code=codes[1]).values_list("category_id", flat=True)) == {forankring.pk}
    assert AuditEvent.objects.filter(code=codes[1]).get().rationale == "Om ledelsens forankring"


def test_reviewer_board_is_read_only(live_server, strict_page, login_page, reviewer, coder, survey):
    build_board(survey, coder)
    page = login_page(reviewer)
    open_board(page, live_server, survey)
    expect(page.locator(".drag-handle")).to_have_count(0)
    expect(page.locator("#board form")).to_have_count(0)


def test_hostile_names_are_inert_in_the_browser(live_server, strict_page, login_page, admin, survey):
    category = make_category(survey, "</script><script>alert(1)</script>")
    code = make_code(survey, '<img src=x onerror="alert(2)">')
    place(code, category)
    Theme.objects.create(survey=survey, name="<svg onload=alert(3)>").categories.add(category)
    page = login_page(admin)
    open_board(page, live_server, survey)
    expect(page.get_by_role("heading", name="</script><script>alert(1)</script>")).to_be_visible()
    card_link = page.get_by_role("link", name='<img src=x onerror="alert(2)">', exact=True)
    expect(card_link).to_be_visible()
    page.locator(".card-move-link").first.click()  # the move menu lists the hostile column name as text
    expect(page.locator("select[name=target] option", has_text="</script>")).to_have_count(1)
    card_link.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("<img src=x")


def test_a_stale_drag_is_refused_and_shows_the_current_board(live_server, page, login_page, coder, co_coder, survey):
    """Two people at once: the page was loaded, then someone else moved the card. The drag
    here is refused (409), the toast names who, and the board shows where the card is now."""
    from coding.board import actions

    problems = []
    page.on("console", lambda m: m.type == "error" and "409" not in m.text and problems.append(m.text))
    page.on("pageerror", lambda e: problems.append(str(e)))
    (forankring, organisering, resultat), codes = build_board(
        survey, coder, categories=("Forankring", "Organisering", "Resultat"))
    page = login_page(coder)
    open_board(page, live_server, survey)
    co_coder.first_name = "Ola"
    co_coder.save()
    actions.move_code(codes[0], forankring, resultat, by=co_coder)  # meanwhile, elsewhere
    card = page.locator(f"#card-{forankring.pk}-{codes[0].pk}")
    drag(page, card.locator(".drag-handle"), page.locator(f'ol.board-cards[data-column="{organisering.pk}"]'))
    expect(page.locator("#toast")).to_contain_text("Ola")
    expect(page.locator("#board-status")).to_contain_text("Ola")
    expect(page.locator(f"#card-{resultat.pk}-{codes[0].pk}")).to_be_visible()
    expect(page.locator(f"#card-{organisering.pk}-{codes[0].pk}")).to_have_count(0)
    assert list(CategoryCode.objects.filter(code=codes[0]).values_list("category_id", flat=True)) == [resultat.pk]
    assert not problems, problems
