"""Security that holds for every page: headers, CSRF, login throttling, sessions, settings."""

import logging
import os
import subprocess
import sys

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from tests.conftest import PASSWORD, make_user

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def test_csp_is_enforced_and_strict(client_for, reviewer, survey):
    response = client_for(reviewer).get(reverse("surveys:detail", args=[survey.slug]))
    assert "Content-Security-Policy-Report-Only" not in response.headers
    csp = response.headers["Content-Security-Policy"]
    for directive in ("object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "script-src 'self'",
                      "style-src 'self'"):
        assert directive in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp


def test_security_headers_on_pages(client_for, reviewer, survey):
    response = client_for(reviewer).get(reverse("surveys:detail", args=[survey.slug]))
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "no-store" in response.headers["Cache-Control"]


def test_htmx_history_cache_is_off(client_for, reviewer, survey):
    html = client_for(reviewer).get(reverse("surveys:detail", args=[survey.slug])).text
    assert '"historyCacheSize": 0' in html
    assert '"allowEval": false' in html
    assert '"includeIndicatorStyles": false' in html


def test_no_inline_script_or_style_in_base_page(client_for, reviewer, survey):
    html = client_for(reviewer).get(reverse("surveys:detail", args=[survey.slug])).text
    assert "<style" not in html
    assert " style=" not in html
    for chunk in html.split("<script")[1:]:
        assert chunk.split(">", 1)[0].strip().startswith("src=") or "json" in chunk.split(">", 1)[0]


def test_login_post_needs_csrf_token(db):
    make_user("kari", "coder")
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("login"), {"username": "kari", "password": PASSWORD})
    assert response.status_code == 403


def test_logout_needs_post_and_csrf(client_for, coder):
    client = client_for(coder)
    assert client.get(reverse("logout")).status_code == 405
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(coder)
    assert csrf_client.post(reverse("logout")).status_code == 403


def test_session_key_rotates_at_login(client, db):
    make_user("kari", "coder")
    client.get(reverse("login"))
    before = client.cookies.get("sessionid")
    client.post(reverse("login"), {"username": "kari", "password": PASSWORD})
    after = client.cookies["sessionid"].value
    assert after and (before is None or before.value != after)


def test_login_throttled_after_repeated_failures(client, db):
    make_user("kari", "coder")
    for _ in range(5):
        response = client.post(reverse("login"), {"username": "kari", "password": "feil-passord"})
    response = client.post(reverse("login"), {"username": "kari", "password": PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_unknown_user_and_wrong_password_read_the_same(client, db):
    make_user("kari", "coder")
    wrong = client.post(reverse("login"), {"username": "kari", "password": "feil-passord-1"}).text
    unknown = client.post(reverse("login"), {"username": "ukjent", "password": "feil-passord-1"}).text
    assert "oppgi korrekt brukernavn" in wrong

    def extract(html):
        start = html.index('class="form-errors"')
        return html[start : html.index("</div>", start)]

    assert extract(wrong) == extract(unknown)


def test_deactivated_user_is_logged_out_at_next_request(client_for, coder, survey):
    client = client_for(coder)
    url = reverse("surveys:detail", args=[survey.slug])
    assert client.get(url).status_code == 200
    get_user_model().objects.filter(pk=coder.pk).update(is_active=False)
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_session_expires_after_a_working_day(settings):
    assert settings.SESSION_COOKIE_AGE <= 8 * 60 * 60
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"


def test_error_page_shows_no_traceback(client_for, reviewer, monkeypatch, survey):
    from surveys.views import overview

    def boom(*args, **kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(overview, "distributions", boom)
    client = client_for(reviewer)
    client.raise_request_exception = False
    response = client.get(reverse("surveys:detail", args=[survey.slug]))
    assert response.status_code == 500
    assert "secret internals" not in response.text
    assert "Traceback" not in response.text


def test_no_answer_text_in_logs(client_for, coder, caplog, survey):
    from tests.conftest import make_answer, make_question

    make_answer(make_question(survey, "1"), text="Hemmelig svartekst fra kommunen")
    with caplog.at_level(logging.DEBUG):
        client = client_for(coder)
        client.get(reverse("surveys:detail", args=[survey.slug]))
        client.get("/finnes-ikke/")
    assert "Hemmelig svartekst" not in caplog.text


def run_settings(env):
    code = "import django; django.setup(); from django.conf import settings; print(settings.SECRET_KEY[:4])"
    clean = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG", "SECRET_KEY_FILE")}
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                          env={**clean, "DJANGO_SETTINGS_MODULE": "veiledning.settings", **env})


def test_no_secret_key_outside_debug_refuses_to_start():
    result = run_settings({"DEBUG": "0"})
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


@pytest.mark.parametrize("key", ["x", "hemmelig", "a" * 60, "django-insecure-" + "abcdefghij" * 5])
def test_a_weak_secret_key_outside_debug_refuses_to_start(key):
    result = run_settings({"DEBUG": "0", "SECRET_KEY": key})
    assert result.returncode != 0
    assert "SECRET_KEY is weak" in result.stderr


def test_a_weak_secret_key_is_allowed_in_debug():
    assert run_settings({"DEBUG": "1", "SECRET_KEY": "x"}).returncode == 0


def test_secret_key_from_file(tmp_path):
    secret = tmp_path / "secret_key"
    secret.write_text("abcd-from-a-file-" + "z" * 40)
    result = run_settings({"DEBUG": "0", "SECRET_KEY_FILE": str(secret)})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "abcd"


@pytest.mark.parametrize("path", ["/static/../veiledning/settings.py", "/.git/HEAD", "/media/x", "/static/"])
def test_no_source_or_git_exposure(client, path):
    assert client.get(path).status_code in (302, 404)


def test_refusals_are_logged_with_user_and_path(client_for, outsider, caplog):
    from django.core.exceptions import PermissionDenied
    from django.test import RequestFactory

    from veiledning.views import permission_denied

    request = RequestFactory().get("/noe/")
    request.user = outsider
    with caplog.at_level(logging.INFO, logger="veiledning.security"):
        response = permission_denied(request, PermissionDenied())
    assert response.status_code == 403
    assert f"user={outsider.pk}" in caplog.text and "path=/noe/" in caplog.text
