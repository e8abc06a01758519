"""In Chromium: an admin turns on two-factor sign-in from the header, confirms with a code the
test computes from the key shown on the page, signs out, and signs in with password and code.
No console error or CSP violation on the way (the QR code is an SVG image), and the screens
pass axe-core."""

import base64
import time

import pytest
from django_otp.oath import TOTP
from playwright.sync_api import expect

from tests.conftest import PASSWORD, assert_accessible, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def code_for(secret, steps_ahead=0):
    key = base64.b32decode(secret.replace(" ", ""))
    totp = TOTP(key)
    totp.time = time.time() + 30 * steps_ahead
    return f"{totp.token():06d}"


def test_an_admin_turns_on_two_factor_and_signs_in_with_a_code(live_server, strict_page, login_page):
    admin = make_user("berit", "admin")
    page = login_page(admin)
    page.get_by_role("link", name="Tofaktorinnlogging").click()
    assert_accessible(page)
    page.get_by_role("button", name="Slå på tofaktorinnlogging").click()
    qr = page.get_by_role("img", name="QR-kode med den hemmelige nøkkelen for veiledning")
    expect(qr).to_be_visible()
    assert page.evaluate("img => img.complete && img.naturalWidth > 0", qr.element_handle())
    assert_accessible(page)
    secret = page.locator("#totp-secret").inner_text()
    page.get_by_label("Kode fra appen").fill(code_for(secret))
    page.get_by_role("button", name="Bekreft og slå på").click()
    expect(page.get_by_role("heading", name="Reservekoder")).to_be_visible()
    expect(page.locator("#recovery-codes li")).to_have_count(10)
    assert_accessible(page)

    page.get_by_role("button", name="Logg ut").click()
    page.get_by_label("Brukernavn").fill("berit")
    page.get_by_label("Passord").fill(PASSWORD)
    page.get_by_role("button", name="Logg inn").click()
    expect(page.get_by_role("heading", name="Tofaktorinnlogging")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Kode").fill(code_for(secret, steps_ahead=1))  # a later step: a code counts once
    page.get_by_role("button", name="Logg inn").click()
    page.wait_for_url(f"{live_server.url}/")
    expect(page.get_by_text("berit")).to_be_visible()
