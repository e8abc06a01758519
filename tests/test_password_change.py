"""A signed-in person can change their password; the old one stops working, the session stays."""

from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from tests.conftest import PASSWORD, make_user

NEW = "et-nytt-og-langt-passord-19"


def test_password_change_screen_changes_the_password(client, db):
    make_user("kari", "coder")
    client.post(reverse("login"), {"username": "kari", "password": PASSWORD})
    page = client.get(reverse("password_change"))
    assert page.status_code == 200 and "Bytt passord" in page.text
    response = client.post(reverse("password_change"),
                           {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW})
    assert response.status_code == 302 and response["Location"] == reverse("password_change_done")
    assert client.get(reverse("password_change_done")).status_code == 200  # still signed in
    user = get_user_model().objects.get(username="kari")
    assert user.check_password(NEW) and not user.check_password(PASSWORD)


def test_a_wrong_old_password_or_a_weak_new_one_is_refused(client_for, coder):
    client = client_for(coder)
    wrong = client.post(reverse("password_change"),
                        {"old_password": "feil", "new_password1": NEW, "new_password2": NEW})
    weak = client.post(reverse("password_change"),
                       {"old_password": PASSWORD, "new_password1": "12345678", "new_password2": "12345678"})
    assert wrong.status_code == 200 and weak.status_code == 200
    assert get_user_model().objects.get(pk=coder.pk).check_password(PASSWORD)


def test_other_sessions_are_signed_out_by_the_change(client_for, coder, survey):
    other = Client()
    other.force_login(coder)
    client_for(coder).post(reverse("password_change"),
                           {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW})
    response = other.get(reverse("surveys:detail", args=[survey.slug]))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_anonymous_is_sent_to_login(client, db):
    response = client.get(reverse("password_change"))
    assert response.status_code == 302 and "/login/" in response["Location"]
