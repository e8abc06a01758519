"""HEAD is answered on read routes, with GET's status and headers and no body; writes stay POST."""

import pytest
from django.urls import reverse


@pytest.mark.parametrize("name", ["surveys:detail", "coding:answers", "coding:codebook"])
def test_head_answers_like_get_without_a_body(client_for, coder, survey, name):
    client = client_for(coder)
    url = reverse(name, args=[survey.slug])
    get = client.get(url)
    head = client.head(url)
    assert get.status_code == 200 and head.status_code == 200
    assert head.content == b""
    assert head["Content-Type"] == get["Content-Type"]
    assert "Content-Security-Policy" in head.headers


def test_head_on_healthz_and_login(client, db):
    assert client.head(reverse("healthz")).status_code == 200
    assert client.head(reverse("login")).status_code == 200


def test_head_does_not_open_a_post_route(client_for, coder, survey):
    response = client_for(coder).head(reverse("logout"))
    assert response.status_code == 405


def test_head_on_a_download_leaves_no_line_in_the_history(client_for, reviewer, survey):
    from coding.models import AuditEvent

    client = client_for(reviewer)
    url = reverse("coding:export", args=[survey.slug, "codings", "csv"])
    head = client.head(url)
    assert head.status_code == 200 and "attachment" in head["Content-Disposition"]
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.EXPORTED).exists()
    client.get(url)
    assert AuditEvent.objects.filter(action=AuditEvent.Action.EXPORTED).count() == 1


def test_put_and_delete_on_the_login_and_password_screens_are_not_allowed(client_for, coder, client):
    assert client.put(reverse("login")).status_code == 405
    assert client_for(coder).put(reverse("password_change")).status_code == 405
