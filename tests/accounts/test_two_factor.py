"""Two-factor sign-in for admins: turning it on (QR code, secret, a code to confirm), signing in
with a code after the password (throttled like passwords, never for everyone), recovery codes
shown once and used once, turning it off with a code, and REQUIRE_ADMIN_2FA."""

import re
import time

import pytest
from django.test import Client
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.conftest import PASSWORD, make_user
from veiledning.accounts import two_factor
from veiledning.accounts.models import RecoveryCode

PROXY = "172.18.0.5"


def code(device, steps_ahead=0):
    """The code the app shows `steps_ahead` time steps from now."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():06d}"


def turned_on(user):
    """`user` with two-factor sign-in on; returns (device, recovery codes)."""
    device = two_factor.start(user)
    codes = two_factor.confirm(device, code(device), by=user)
    device.refresh_from_db()
    return device, codes


def password_step(client, username, password=PASSWORD, ip="203.0.113.7"):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=ip)


def code_step(client, value, ip="203.0.113.7"):
    return client.post(reverse("login_code"), {"code": value}, REMOTE_ADDR=ip)


# ----------------------------------------------------------------- turning it on
def test_an_admin_turns_it_on_with_a_code_from_the_app(client_for, admin):
    client = client_for(admin)
    assert "Tofaktorinnlogging" in client.get(reverse("surveys:list")).text  # in the header's account menu
    page = client.get(reverse("two_factor"))
    assert "Slå på tofaktorinnlogging" in page.text
    response = client.post(reverse("two_factor_start"))
    assert response.status_code == 302 and response["Location"] == reverse("two_factor_setup")
    setup = client.get(reverse("two_factor_setup"))
    device = TOTPDevice.objects.get(user=admin, confirmed=False)
    assert 'src="data:image/svg+xml' in setup.text and "<script" not in setup.text.split("<main", 1)[1]
    assert two_factor.secret_text(device) in setup.text
    assert client.post(reverse("two_factor_setup"), {"code": "000000" if code(device) != "000000" else "111111"}
                       ).status_code == 400
    assert not two_factor.is_on(admin)
    shown = client.post(reverse("two_factor_setup"), {"code": code(device)})
    assert shown.status_code == 200 and two_factor.is_on(admin)
    codes = re.findall(r"<code>([a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4})</code>", shown.text)
    assert len(codes) == 10
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    stored = RecoveryCode.objects.filter(user=admin)
    assert stored.count() == 10 and not any(c.replace("-", "") in r.digest for c in codes for r in stored)
    assert not re.findall(r"[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}", client.get(reverse("two_factor")).text)


def test_turning_it_on_signs_out_the_admins_other_sessions(client_for, admin, coder, survey):
    other, coders = Client(), Client()
    other.force_login(admin)
    coders.force_login(coder)
    client = client_for(admin)
    client.post(reverse("two_factor_start"))
    device = TOTPDevice.objects.get(user=admin)
    client.post(reverse("two_factor_setup"), {"code": code(device)})
    url = reverse("surveys:detail", args=[survey.slug])
    assert other.get(url).status_code == 302  # signed in without the code: signed out
    assert client.get(url).status_code == 200 and coders.get(url).status_code == 200


def test_coders_and_reviewers_have_no_two_factor_screens(client_for, coder, reviewer):
    for user in (coder, reviewer):
        client = client_for(user)
        assert "Tofaktorinnlogging" not in client.get(reverse("surveys:list")).text
        assert client.get(reverse("two_factor")).status_code == 403
        assert client.post(reverse("two_factor_start")).status_code == 403


# ----------------------------------------------------------------- signing in
def test_signing_in_asks_for_the_code_after_the_password(client, admin, survey):
    device, _codes = turned_on(admin)
    response = password_step(client, "anne")
    assert response.status_code == 302 and response["Location"] == reverse("login_code")
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("surveys:detail", args=[survey.slug])).status_code == 302  # not signed in yet
    assert "seks sifrene" in client.get(reverse("login_code")).text
    response = code_step(client, code(device, steps_ahead=1))
    assert response.status_code == 302 and response["Location"] == reverse("surveys:list")
    assert client.session["_auth_user_id"] == str(admin.pk)
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    assert client.get(reverse("surveys:detail", args=[survey.slug])).status_code == 200


def test_a_code_is_accepted_once(client, admin):
    device, _codes = turned_on(admin)
    used = code(device, steps_ahead=1)
    password_step(client, "anne")
    code_step(client, used)
    client.post(reverse("logout"))
    password_step(client, "anne")
    assert code_step(client, used).status_code == 200
    assert "_auth_user_id" not in client.session


def test_the_code_step_needs_the_password_step_first_and_expires(client, admin, monkeypatch):
    device, _codes = turned_on(admin)
    assert client.get(reverse("login_code")).status_code == 302
    response = code_step(client, code(device, steps_ahead=1))
    assert response.status_code == 302 and response["Location"] == reverse("login")
    password_step(client, "anne")
    later = time.time() + 301
    monkeypatch.setattr(time, "time", lambda: later)
    assert code_step(client, "123456")["Location"] == reverse("login")


def test_a_recovery_code_signs_in_once(client, admin):
    _device, codes = turned_on(admin)
    password_step(client, "anne")
    assert code_step(client, codes[3].upper().replace("-", " ")).status_code == 302
    assert client.session["_auth_user_id"] == str(admin.pk)
    client.post(reverse("logout"))
    password_step(client, "anne")
    assert code_step(client, codes[3]).status_code == 200
    assert two_factor.recovery_codes_left(admin) == 9


def test_without_two_factor_the_password_signs_in_as_before(client, coder):
    response = password_step(client, "kari")
    assert response.status_code == 302 and client.session["_auth_user_id"] == str(coder.pk)


# ----------------------------------------------------------------- throttled like passwords
@pytest.fixture
def behind_proxy(settings):
    settings.BEHIND_PROXY, settings.PROXY_COUNT = True, 0


def through_proxy(client, path, data, client_ip):
    return client.post(reverse(path), data, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=client_ip)


def test_five_wrong_codes_lock_that_user_from_that_address_only(admin, behind_proxy):
    device, _codes = turned_on(admin)
    attacker = Client()
    through_proxy(attacker, "login", {"username": "anne", "password": PASSWORD}, "198.51.100.66")
    wrong = "000000" if code(device, 1) != "000000" else "111111"
    statuses = [through_proxy(attacker, "login_code", {"code": wrong}, "198.51.100.66").status_code for _ in range(5)]
    assert statuses[:4] == [200] * 4 and statuses[4] == 429
    # Locked: the right code and the right password are refused from that address ...
    assert through_proxy(attacker, "login_code", {"code": code(device, 1)}, "198.51.100.66").status_code == 429
    assert through_proxy(Client(), "login", {"username": "anne", "password": PASSWORD}, "198.51.100.66"
                         ).status_code == 429
    # ... but the admin, from another address, signs in, and so does everyone else.
    admin_client = Client()
    through_proxy(admin_client, "login", {"username": "anne", "password": PASSWORD}, "203.0.113.7")
    assert through_proxy(admin_client, "login_code", {"code": code(device, 1)}, "203.0.113.7").status_code == 302
    make_user("kari", "coder")
    assert through_proxy(Client(), "login", {"username": "kari", "password": PASSWORD}, "198.51.100.66"
                         ).status_code == 302


def test_wrong_codes_are_logged_masked_and_the_code_is_not_stored(client, admin, caplog):
    from axes.models import AccessAttempt

    device, _codes = turned_on(admin)
    password_step(client, "anne")
    wrong = "000000" if code(device, 1) != "000000" else "111111"
    with caplog.at_level("INFO", logger="veiledning.security"):
        code_step(client, wrong)
    assert "login failed user=an*** ip=203.0.113.7" in caplog.text and wrong not in caplog.text
    assert wrong not in "".join(AccessAttempt.objects.values_list("post_data", flat=True))


# ----------------------------------------------------------------- turning it off, new codes
def test_turning_it_off_needs_a_code(client_for, admin):
    device, _codes = turned_on(admin)
    client = client_for(admin)
    client.post(reverse("two_factor_off"), {"code": "12345x"})
    assert two_factor.is_on(admin)
    client.post(reverse("two_factor_off"), {"code": code(device, 1)})
    assert not two_factor.is_on(admin) and not RecoveryCode.objects.filter(user=admin).exists()


def test_new_recovery_codes_replace_the_old(client_for, admin):
    device, old = turned_on(admin)
    response = client_for(admin).post(reverse("two_factor_recovery_codes"), {"code": code(device, 1)})
    new = re.findall(r"<code>([a-z2-7-]{14})</code>", response.text)
    assert len(new) == 10 and not set(new) & set(old)
    assert two_factor.verify(admin, old[0]) is None and two_factor.verify(admin, new[0]) is not None


# ----------------------------------------------------------------- required for every admin
def test_required_sends_an_admin_without_it_to_enrolment_before_anything_else(client_for, admin, survey, settings):
    settings.REQUIRE_ADMIN_2FA = True
    client = client_for(admin)
    for url in (reverse("surveys:list"), reverse("surveys:detail", args=[survey.slug]), reverse("surveys:import")):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"] == reverse("two_factor"), url
    htmx = client.get(reverse("surveys:list"), headers={"HX-Request": "true"})
    assert htmx["HX-Redirect"] == reverse("two_factor")
    assert "må logge inn med to faktorer" in client.get(reverse("two_factor")).text
    client.post(reverse("two_factor_start"))
    device = TOTPDevice.objects.get(user=admin)
    client.post(reverse("two_factor_setup"), {"code": code(device)})
    assert client.get(reverse("surveys:list")).status_code == 200
    client.post(reverse("two_factor_off"), {"code": code(device, 1)})
    assert two_factor.is_on(admin)  # required: it cannot be turned off


def test_required_leaves_coders_alone(client_for, coder, survey, settings):
    settings.REQUIRE_ADMIN_2FA = True
    assert client_for(coder).get(reverse("surveys:detail", args=[survey.slug])).status_code == 200


def test_required_signs_out_an_admin_session_that_skipped_the_code(client_for, admin, settings):
    settings.REQUIRE_ADMIN_2FA = True
    turned_on(admin)
    client = client_for(admin)  # a session from before it was turned on
    response = client.get(reverse("surveys:list"))
    assert response["Location"] == reverse("login") and "_auth_user_id" not in client.session
