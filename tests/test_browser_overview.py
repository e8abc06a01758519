"""In Chromium: log in, open the survey overview, read figure 6's numbers."""

import pytest
from playwright.sync_api import expect

from tests.conftest import assert_accessible, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_reviewer_reads_figure_6(live_server, strict_page, login_page, demo):
    reviewer = make_user("leser", "reviewer")
    page = login_page(reviewer)
    page.get_by_role("link", name=demo.title).click()
    table = page.locator('table[data-question="2"]')
    expect(table).to_be_visible()
    percents = table.locator("tbody tr").nth(1).locator("td")
    assert [percents.nth(i).inner_text().replace("\xa0", " ") for i in range(6)] == [
        "0 %", "0 %", "14 %", "33 %", "33 %", "21 %"
    ]
    expect(page.locator("html")).to_have_attribute("lang", "nb")


def test_login_list_and_overview_are_accessible(live_server, strict_page, login_page, demo):
    page = strict_page
    page.goto(f"{live_server.url}/login/")
    assert_accessible(page)
    login_page(make_user("leser", "reviewer"))
    assert_accessible(page)
    page.get_by_role("link", name=demo.title).click()
    assert_accessible(page)


def test_keyboard_reaches_the_skip_link_first_and_focus_is_visible(live_server, strict_page, login_page, demo):
    page = login_page(make_user("leser", "reviewer"))
    page.keyboard.press("Tab")
    focused = page.evaluate("() => document.activeElement.textContent.trim()")
    assert focused == "Hopp til hovedinnhold"
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"


def test_the_accessibility_check_itself_catches_violations(live_server, page):
    page.set_content('<html lang="nb"><body><main><input type="text"><img src="x.png"></main></body></html>')
    with pytest.raises(AssertionError, match="image-alt|label"):
        assert_accessible(page)
