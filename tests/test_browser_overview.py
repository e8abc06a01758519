"""In Chromium: log in, open the survey overview, read figure 6's numbers."""

import pytest
from playwright.sync_api import expect

from tests.conftest import make_user

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
