"""The accessibility statement ("Tilgjengelighetserklæring"): public, in Bokmål, Nynorsk and
English, in the structure Norwegian public bodies publish, and linked from every page."""

import pytest
from django.test import override_settings
from django.urls import reverse

SECTIONS = {
    "nb": ["Tilgjengelighetserklæring", "Samsvarsstatus", "Slik har vi målt", "Kjente mangler",
           "Tilbakemelding og kontakt", "Klage", "WCAG 2.1"],
    "nn": ["Tilgjengelegheitserklæring", "Samsvarsstatus", "Slik har vi målt", "Kjende manglar",
           "Tilbakemelding og kontakt", "Klage", "WCAG 2.1"],
    "en": ["Accessibility statement", "Compliance status", "How we measured", "Known gaps",
           "Feedback and contact", "Complaints", "WCAG 2.1"],
}


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_statement_in_each_language_without_login(client, language):
    client.cookies["django_language"] = language
    response = client.get(reverse("accessibility"))
    assert response.status_code == 200
    page = response.content.decode()
    for heading in SECTIONS[language]:
        assert heading in page, (language, heading)
    assert f'<html lang="{language}">' in page


def test_contact_is_shown_when_configured(client):
    with override_settings(ACCESSIBILITY_CONTACT="uu@kommune.no"):
        page = client.get(reverse("accessibility")).content.decode()
    assert 'href="mailto:uu@kommune.no"' in page


def test_every_page_links_to_the_statement(client_for, admin, survey):
    page = client_for(admin).get(reverse("surveys:detail", args=[survey.slug])).content.decode()
    assert f'href="{reverse("accessibility")}"' in page and "Tilgjengelighetserklæring" in page
