"""In Chromium: an admin reads the agreement figures of the demo, changes the coders through
htmx, draws a sample, and settles a disagreement in reconciliation — no console or CSP error,
and the pages pass the accessibility check."""

import re

import pytest
from playwright.sync_api import expect

from coding.models import ConsensusDecision
from tests.conftest import assert_accessible, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_admin_reads_figures_draws_a_sample_and_reconciles(live_server, strict_page, login_page, demo):
    page = login_page(make_user("leder-admin", "admin"))
    page.goto(f"{live_server.url}/s/{demo.slug}/")
    page.get_by_role("link", name="Samsvar", exact=True).click()
    expect(page.get_by_role("heading", name="Samsvar mellom kodere")).to_be_visible()
    table = page.locator("table.agreement-table")
    expect(table).to_be_visible()
    expect(table.locator("tbody tr").first).to_contain_text("Samlet")
    assert_accessible(page)

    # Only one coder: the htmx swap shows the error without reloading the page.
    figures = page.locator("form.figures-form")
    expect(figures.get_by_label("Kari Koder")).to_be_checked()
    figures.get_by_label("Ola Koder").uncheck()
    figures.get_by_role("button", name="Vis", exact=True).click()
    expect(page.locator("#figures")).to_contain_text("Velg minst to kodere")
    figures.get_by_label("Ola Koder").check()
    figures.get_by_role("button", name="Vis", exact=True).click()
    expect(page.locator("table.agreement-table")).to_be_visible()
    assert re.search(r"coders=", page.url)

    page.get_by_text("Trekk et nytt utvalg").click()
    page.get_by_label("Navn").fill("Runde 1")
    page.get_by_label("Antall svar").fill("30")
    page.get_by_label("Frø (samme frø trekker de samme svarene)").fill("2021")
    sample_form = page.locator("form[action$='/agreement/samples/']")
    sample_form.get_by_label("Kari Koder").check()
    sample_form.get_by_label("Ola Koder").check()
    page.get_by_role("button", name="Trekk utvalget").click()
    expect(page.get_by_role("status")).to_contain_text("Runde 1")
    expect(page.locator("#samples table")).to_contain_text("av 30")

    page.goto(f"{live_server.url}/s/{demo.slug}/agreement/reconcile/")
    card = page.locator("section.answer-card").first
    expect(card).to_be_visible()
    assert_accessible(page)
    row = card.locator("tr.disagree").first
    row.get_by_role("textbox").first.fill("Drøftet i arbeidsgruppa")
    row.get_by_role("button", name="Gjelder", exact=True).click()
    expect(page.locator("section.answer-card").first).to_contain_text("Konsensus er lagret")
    assert ConsensusDecision.objects.filter(reason="Drøftet i arbeidsgruppa").count() == 1


def test_admin_accepts_all_agreements_and_the_consensus_dashboard_shows_them(live_server, strict_page,
                                                                              login_page, demo):
    page = login_page(make_user("leder-admin2", "admin"))
    page.goto(f"{live_server.url}/s/{demo.slug}/agreement/reconcile/")
    status = page.locator(".consensus-status")
    before = int(re.search(r"(\d+) uenighet", status.inner_text()).group(1))
    page.locator("section.answer-card tr.disagree").first.get_by_role("button", name="Gjelder", exact=True).click()
    expect(status).to_contain_text(f"{before - 1} uenighet")  # the count goes down without a reload

    page.goto(f"{live_server.url}/s/{demo.slug}/agreement/reconcile/?show=all")
    expect(status).to_contain_text("koderne er enige om er ikke lagt inn i konsensuslaget ennå")
    expect(page.locator("section.answer-card").first).to_contain_text("enige, ikke lagt inn ennå")
    assert_accessible(page)
    button = page.get_by_role("button", name="Godta alle enigheter")
    button.focus()
    page.keyboard.press("Enter")
    expect(page.locator("body")).to_contain_text("koderne er enige om er lagt inn i konsensuslaget.")
    assert ConsensusDecision.objects.filter(code__survey=demo, present=True).exists()
    expect(page.get_by_role("button", name="Godta alle enigheter")).to_have_count(0)

    page.goto(f"{live_server.url}/s/{demo.slug}/dashboards/?layer=consensus")
    expect(page.locator(".consensus-coverage")).to_contain_text("Konsensuslaget dekker")
    assert_accessible(page)
