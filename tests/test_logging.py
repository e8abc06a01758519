"""What reaches the log: a 403 as one line without traceback, a failed login with a masked user
name and the client's address, and never answer text, a memo, a password or a session id."""

import logging

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from coding.models import Memo
from tests.conftest import PASSWORD, make_answer, make_question, make_user


def test_a_403_is_logged_without_a_traceback(client_for, coder, caplog, survey):
    client = client_for(coder)
    with caplog.at_level(logging.DEBUG):
        response = client.get(reverse("surveys:import"))
    assert response.status_code == 403
    forbidden = [r for r in caplog.records if getattr(r, "status_code", None) == 403]
    assert forbidden, caplog.text
    assert all(r.exc_info is None for r in forbidden)
    assert "Traceback" not in caplog.text


def test_the_filter_keeps_the_traceback_of_a_server_error():
    from veiledning.refusals import NoTracebackBelow500

    try:
        raise PermissionDenied("x")
    except PermissionDenied:
        import sys

        exc_info = sys.exc_info()
    for status, kept in ((403, False), (500, True)):
        record = logging.LogRecord("django.request", logging.ERROR, __file__, 1, "m", (), exc_info)
        record.status_code = status
        assert NoTracebackBelow500().filter(record)
        assert (record.exc_info is not None) is kept


def test_failed_login_is_logged_masked_with_the_client_address(client, db, caplog, settings):
    settings.BEHIND_PROXY, settings.PROXY_COUNT = True, 0
    make_user("kari.nordmann", "coder")
    with caplog.at_level(logging.INFO, logger="veiledning.security"):
        client.post(reverse("login"), {"username": "kari.nordmann", "password": "feil-passord-hemmelig"},
                    REMOTE_ADDR="172.18.0.5", HTTP_X_FORWARDED_FOR="203.0.113.7")
    lines = [r.getMessage() for r in caplog.records if r.name == "veiledning.security"]
    assert "login failed user=ka*** ip=203.0.113.7" in lines
    assert "kari.nordmann" not in caplog.text and "feil-passord-hemmelig" not in caplog.text


@pytest.mark.django_db
def test_no_answer_text_memo_password_or_session_id_reaches_a_log(client, caplog, survey):
    coder = make_user("kari", "coder")
    answer = make_answer(make_question(survey, "1"), text="Hemmelig svartekst fra kommunen")
    with caplog.at_level(logging.DEBUG):
        client.post(reverse("login"), {"username": "kari", "password": "feil-" + PASSWORD})
        client.post(reverse("login"), {"username": "kari", "password": PASSWORD})
        session_id = client.session.session_key
        client.get(reverse("coding:answer", args=[survey.slug, answer.pk]))
        client.post(reverse("coding:answer_memo", args=[survey.slug, answer.pk]), {"text": "Privat notat om svaret"})
        client.get(reverse("surveys:import"))  # 403
        client.get("/finnes-ikke/")  # 404
    assert Memo.objects.filter(author=coder).exists()
    for secret in ("Hemmelig svartekst", "Privat notat", PASSWORD, session_id):
        assert secret not in caplog.text
