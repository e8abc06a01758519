"""The accessibility statement ("Tilgjengelighetserklæring"): public, in Bokmål, Nynorsk and
English, in the structure Norwegian public bodies publish, and linked from every page."""

import re

import pytest
from django.test import override_settings
from django.urls import reverse

# The sections of a statement made in uustatus.no, in its order.
SECTIONS = {
    "nb": ["I hvilken grad er nettløsningen i samsvar med kravene til universell utforming?",
           "Hva betyr bruddene for brukerne?", "Meld gjerne fra om brudd på kravene", "Klage",
           "Status for innhold som ikke er universelt utformet", "Test og vurdering av nettløsningen",
           "Om erklæringen", "Virksomhetens arbeid med universell utforming av ikt"],
    "nn": ["I kva grad er nettløysinga i samsvar med krava til universell utforming?",
           "Kva betyr brota for brukarane?", "Meld gjerne frå om brot på krava", "Klage",
           "Status for innhald som ikkje er universelt utforma", "Test og vurdering av nettløysinga",
           "Om erklæringa", "Verksemda sitt arbeid med universell utforming av ikt"],
    "en": ["To what extent does the service comply with the requirements for universal design?",
           "What do the breaches mean for users?", "Please report breaches of the requirements", "Complaints",
           "Status of content that is not universally designed", "Testing and assessment of the service",
           "About this statement", "Our work on universal design of ICT"],
}
FACTS = {
    "nb": ["Tilgjengelighetserklæring for veiledning", "Ansvarlig virksomhet", "1 av 47 krav", "3.1.2",
           "Diskrimineringsnemnda", "Bruk uten syn"],
    "nn": ["Tilgjengelegheitserklæring for veiledning", "Ansvarleg verksemd", "1 av 47 krav", "3.1.2",
           "Diskrimineringsnemnda", "Bruk utan syn"],
    "en": ["Accessibility statement for veiledning", "Responsible organisation", "1 of 47 requirements", "3.1.2",
           "Diskrimineringsnemnda", "without sight"],
}


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_statement_in_each_language_without_login(client, language):
    client.cookies["django_language"] = language
    response = client.get(reverse("accessibility"))
    assert response.status_code == 200
    page = response.content.decode()
    assert re.findall(r"<h2>(.*?)</h2>", page) == SECTIONS[language]
    for fact in FACTS[language]:
        assert fact in page, (language, fact)
    assert f'<html lang="{language}">' in page


def test_the_responsible_body_is_named_when_configured(client):
    with override_settings(ACCESSIBILITY_OWNER="Bodø kommune"):
        page = client.get(reverse("accessibility")).content.decode()
    assert "<dt>Ansvarlig virksomhet</dt><dd>Bodø kommune</dd>" in page


def test_contact_is_shown_when_configured(client):
    with override_settings(ACCESSIBILITY_CONTACT="uu@kommune.no"):
        page = client.get(reverse("accessibility")).content.decode()
    assert 'href="mailto:uu@kommune.no"' in page


def test_every_page_links_to_the_statement(client_for, admin, survey):
    page = client_for(admin).get(reverse("surveys:detail", args=[survey.slug])).content.decode()
    assert f'href="{reverse("accessibility")}"' in page and "Tilgjengelighetserklæring" in page
