"""A session unused for SESSION_IDLE_SECONDS is signed out, beside the 8-hour absolute limit."""

import time

from django.urls import reverse


def test_an_idle_session_is_signed_out(client_for, coder, survey, settings, monkeypatch):
    settings.SESSION_IDLE_SECONDS = 600
    client = client_for(coder)
    url = reverse("surveys:detail", args=[survey.slug])
    assert client.get(url).status_code == 200
    now = time.time()
    monkeypatch.setattr(time, "time", lambda: now + 599)
    assert client.get(url).status_code == 200  # in use: not idle
    monkeypatch.setattr(time, "time", lambda: now + 599 + 601)
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert "_auth_user_id" not in client.session


def test_activity_keeps_the_session(client_for, coder, survey, settings, monkeypatch):
    settings.SESSION_IDLE_SECONDS = 600
    client = client_for(coder)
    url = reverse("surveys:detail", args=[survey.slug])
    now = time.time()
    for step in range(5):  # a request every 5 minutes for 25 minutes
        monkeypatch.setattr(time, "time", lambda step=step: now + step * 300)
        assert client.get(url).status_code == 200


def test_idle_limit_is_shorter_than_the_absolute_one(settings):
    assert settings.SESSION_IDLE_SECONDS < settings.SESSION_COOKIE_AGE <= 8 * 60 * 60
