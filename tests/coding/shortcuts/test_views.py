"""Single-key shortcuts per user (WCAG 2.1.4): the settings screen stores them, validates
them (one printable character each, no key twice, none of 1–9 while those apply the recent
codes), and the coding view carries the user's own keys, in its `?` list too."""

import json
import re

import pytest
from django.urls import reverse

from coding.models import ShortcutSettings
from tests.conftest import make_answer, make_question

URL = reverse("coding:shortcuts")
DEFAULT_KEYS = {"next": "j", "prev": "k", "uncoded": "u", "find": "/", "new": "n", "memo": "m",
                "select": "s", "accept": "a", "dismiss": "x", "help": "?"}


def form_data(enabled=True, digits=True, **keys):
    data = {f"key_{action}": key for action, key in {**DEFAULT_KEYS, **keys}.items()}
    if enabled:
        data["enabled"] = "on"
    if digits:
        data["digits"] = "on"
    return data


def page_settings(client, survey, answer):
    html = client.get(reverse("coding:answer", args=[survey.slug, answer.pk])).text
    raw = re.search(r'<body[^>]* data-shortcuts="([^"]*)"', html).group(1)
    return json.loads(raw.replace("&quot;", '"').replace("&amp;", "&")), html


@pytest.fixture
def answer(survey):
    return make_answer(make_question(survey, "2"), text="Et svar.")


def test_the_screen_shows_the_standard_keys(client_for, coder):
    response = client_for(coder).get(URL)
    assert response.status_code == 200
    assert 'name="key_next" value="j"' in response.text
    assert "Bruk hurtigtaster med én tast i kodevisningen" in response.text


def test_the_header_links_to_the_screen_with_the_way_back(client_for, coder, survey, answer):
    html = client_for(coder).get(reverse("coding:answer", args=[survey.slug, answer.pk])).text
    assert f'href="{URL}?next=/s/{survey.slug}/answers/{answer.pk}/"' in html


def test_remapped_keys_are_stored_for_that_user_only(client_for, coder, co_coder, survey, answer):
    client = client_for(coder)
    response = client.post(URL, form_data(next="l", accept="g", dismiss=""))
    assert response.status_code == 302
    stored = ShortcutSettings.objects.get(user=coder)
    assert stored.keys["next"] == "l" and stored.keys["accept"] == "g" and stored.keys["dismiss"] == ""
    settings, html = page_settings(client, survey, answer)
    assert settings["enabled"] is True and settings["keys"]["next"] == "l" and settings["keys"]["dismiss"] == ""
    dialog = html[html.index('<dialog id="shortcuts"'):html.index("</dialog>")]
    assert "<kbd>l</kbd></dt><dd>Neste svar" in dialog
    assert "<kbd>g</kbd></dt><dd>Godta den øverste foreslåtte koden" in dialog
    assert "Avvis den øverste" not in dialog  # turned off: not listed
    assert "<kbd>j</kbd>" not in dialog
    # Someone else keeps the standard keys.
    other, _ = page_settings(client_for(co_coder), survey, answer)
    assert other["keys"]["next"] == "j"


def test_all_shortcuts_off(client_for, coder, survey, answer):
    client = client_for(coder)
    client.post(URL, form_data(enabled=False, digits=False))
    settings, html = page_settings(client, survey, answer)
    assert settings["enabled"] is False and settings["digits"] is False
    assert "Hurtigtaster med én tast er slått av for deg." in html
    assert "Trykk ? for hurtigtaster" not in html


@pytest.mark.parametrize("keys, field, message", [
    ({"next": "k"}, "key_prev", "«k» er allerede tasten for: Neste svar."),
    ({"next": "jj"}, "key_next", "Én tast"),
    ({"memo": " "}, "key_memo", "Én tast"),
    ({"find": "3"}, "key_find", "1–9 bruker de siste kodene"),
])
def test_bad_keys_are_refused_and_nothing_is_saved(client_for, coder, keys, field, message):
    client = client_for(coder)
    response = client.post(URL, form_data(**keys))
    assert response.status_code == 400
    assert message in response.text
    assert response.context["form"].errors[field]
    assert not ShortcutSettings.objects.filter(user=coder).exists()
    assert 'aria-invalid="true"' in response.text


def test_a_digit_is_free_when_the_recent_codes_are_off(client_for, coder):
    response = client_for(coder).post(URL, form_data(digits=False, find="3"))
    assert response.status_code == 302
    assert ShortcutSettings.objects.get(user=coder).keys["find"] == "3"


def test_back_to_the_standard_keys(client_for, coder, survey, answer):
    client = client_for(coder)
    client.post(URL, form_data(next="l"))
    response = client.post(URL, {"reset": "1"})
    assert response.status_code == 302
    assert not ShortcutSettings.objects.filter(user=coder).exists()
    assert page_settings(client, survey, answer)[0]["keys"]["next"] == "j"


def test_the_way_back_stays_on_this_site(client_for, coder):
    client = client_for(coder)
    assert "Tilbake dit du var" in client.get(URL, {"next": "/s/x/answers/1/"}).text
    assert "Tilbake dit du var" not in client.get(URL, {"next": "https://example.org/"}).text


def test_stored_settings_that_break_the_rules_count_as_off(coder):
    """A row written by hand (or an older version) never gives one key two actions."""
    from coding.shortcuts.keys import from_settings

    stored = ShortcutSettings(user=coder, enabled=True, digits=True, keys={"next": "k", "find": "5", "memo": "ab"})
    shortcuts = from_settings(stored)
    assert shortcuts.keys["next"] == "k" and shortcuts.keys["prev"] == ""  # k taken by "next" first
    assert shortcuts.keys["find"] == "" and shortcuts.keys["memo"] == ""


def test_the_coding_view_reads_the_settings_once(client_for, coder, survey, answer):
    """On the whole page only: moving to the next answer (htmx) reads no settings."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(coder)
    with CaptureQueriesContext(connection) as page:
        client.get(reverse("coding:answer", args=[survey.slug, answer.pk]))
    assert sum("shortcutsettings" in q["sql"] for q in page.captured_queries) == 1
    with CaptureQueriesContext(connection) as fragment:
        client.get(reverse("coding:answer", args=[survey.slug, answer.pk]), headers={"HX-Request": "true"})
    assert not any("shortcutsettings" in q["sql"] for q in fragment.captured_queries)
