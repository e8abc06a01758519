"""CSRF on the htmx writes: no token, a wrong token, another session's token or a foreign
origin are refused with nothing written; the page's own token in X-CSRFToken is accepted."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from coding.models import Code, Coding
from tests.conftest import make_answer, make_question


@pytest.fixture
def target(survey):
    answer = make_answer(make_question(survey, "1"), text="Et svar om samarbeid")
    code = Code.objects.create(survey=survey, name="Samarbeid")
    return {"url": reverse("coding:apply_code", args=[survey.slug]), "data": {"answer": answer.pk, "code": code.pk},
            "answer_page": reverse("coding:answer", args=[survey.slug, answer.pk])}


def signed_in(user, target):
    """A browser-like client with the session and the CSRF cookie its page gave it."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    assert client.get(target["answer_page"]).status_code == 200
    return client, client.cookies[settings.CSRF_COOKIE_NAME].value


def post(client, target, token=None, **headers):
    if token is not None:
        headers["X-CSRFToken"] = token
    return client.post(target["url"], target["data"], headers={"HX-Request": "true", **headers})


def test_the_pages_own_token_in_the_header_is_accepted(coder, target):
    client, token = signed_in(coder, target)
    assert post(client, target, token).status_code == 200
    assert Coding.objects.filter(coder=coder).count() == 1


@pytest.mark.parametrize("token", [None, "", "x" * 64], ids=["none", "empty", "wrong"])
def test_a_missing_or_wrong_token_is_refused(coder, target, token):
    client, _token = signed_in(coder, target)
    assert post(client, target, token).status_code == 403
    assert not Coding.objects.exists()


def test_another_sessions_token_is_refused(coder, co_coder, target):
    client, _own = signed_in(coder, target)
    _other_client, others = signed_in(co_coder, target)
    assert post(client, target, others).status_code == 403
    assert not Coding.objects.exists()


def test_a_foreign_origin_is_refused_even_with_the_right_token(coder, target):
    client, token = signed_in(coder, target)
    response = post(client, target, token, Origin="https://angriper.example")
    assert response.status_code == 403
    assert not Coding.objects.exists()


@pytest.mark.parametrize("method", ["put", "delete", "patch"])
def test_other_writing_methods_without_a_token_are_refused(coder, target, method):
    client, _token = signed_in(coder, target)
    response = getattr(client, method)(target["url"], headers={"HX-Request": "true"})
    assert response.status_code == 403
    assert not Coding.objects.exists()
