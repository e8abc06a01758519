"""Login throttling locks one username from one client address, never everyone.

The proxy is simulated: every request arrives from the proxy's address (REMOTE_ADDR) and
carries the client's address in X-Forwarded-For, as docker-compose's nginx sends it.
"""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from tests.conftest import PASSWORD, make_user
from veiledning.clientip import client_address

PROXY = "172.18.0.5"
ATTACKER = "198.51.100.66"
COLLEAGUE = "203.0.113.7"


@pytest.fixture
def behind_proxy(settings):
    settings.BEHIND_PROXY = True
    settings.PROXY_COUNT = 0


def through_proxy(client, client_ip, username, password):
    return client.post(reverse("login"), {"username": username, "password": password},
                       REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=client_ip)


def test_failures_on_many_usernames_lock_out_nobody_else(client, db, behind_proxy):
    make_user("kari", "coder")
    make_user("ola", "coder")
    for name in ["per", "pål", "espen", "anne", "ola"]:
        assert through_proxy(client, ATTACKER, name, "feil-passord").status_code == 200
    assert through_proxy(client, ATTACKER, "per", "feil-passord").status_code == 200

    assert through_proxy(client, COLLEAGUE, "kari", PASSWORD).status_code == 302
    client.post(reverse("logout"))
    # Even from the attacker's own address another username is not locked.
    assert through_proxy(client, ATTACKER, "kari", PASSWORD).status_code == 302


def test_five_failures_lock_that_username_from_that_address_only(client, db, behind_proxy):
    make_user("kari", "coder")
    for _ in range(5):
        through_proxy(client, ATTACKER, "kari", "feil-passord")
    assert through_proxy(client, ATTACKER, "kari", PASSWORD).status_code == 429
    assert "_auth_user_id" not in client.session
    assert through_proxy(client, COLLEAGUE, "kari", PASSWORD).status_code == 302


def test_without_behind_proxy_a_forged_header_does_not_escape_the_lock(client, db, settings):
    settings.BEHIND_PROXY = False
    make_user("kari", "coder")
    for n in range(5):
        through_proxy(client, f"198.51.100.{n}", "kari", "feil-passord")
    assert through_proxy(client, "198.51.100.99", "kari", PASSWORD).status_code == 429


def test_behind_proxy_a_forged_prefix_does_not_escape_the_lock(client, db, behind_proxy):
    make_user("kari", "coder")
    for n in range(5):
        through_proxy(client, f"10.9.9.{n}, {ATTACKER}", "kari", "feil-passord")
    assert through_proxy(client, f"10.9.9.99, {ATTACKER}", "kari", PASSWORD).status_code == 429


def test_client_address_comes_from_the_proxy_header_only_behind_a_proxy(settings):
    request = RequestFactory().get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=COLLEAGUE)
    settings.BEHIND_PROXY = False
    assert client_address(request) == PROXY
    settings.BEHIND_PROXY, settings.PROXY_COUNT = True, 0
    assert client_address(request) == COLLEAGUE


def test_what_a_client_writes_before_the_proxy_entry_is_ignored(settings):
    settings.BEHIND_PROXY, settings.PROXY_COUNT = True, 0
    forged = RequestFactory().get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"1.2.3.4, {COLLEAGUE}")
    assert client_address(forged) == COLLEAGUE
    settings.PROXY_COUNT = 1  # a load balancer behind nginx: "client, balancer"
    chain = RequestFactory().get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"1.2.3.4, {COLLEAGUE}, 10.0.0.2")
    assert client_address(chain) == COLLEAGUE
    missing = RequestFactory().get("/", REMOTE_ADDR=PROXY)
    assert client_address(missing) == PROXY
