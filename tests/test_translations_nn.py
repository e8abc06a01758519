"""Nynorsk: every string of the Bokmål catalogue has a Nynorsk translation (none missing, none
fuzzy), the topic files mirror the Bokmål ones, and the app speaks Nynorsk when chosen."""

import json
import re
from pathlib import Path

from django.urls import reverse

from tests.test_translations import CATALOGUE, entries

ROOT = Path(__file__).resolve().parent.parent
NYNORSK = ROOT / "locale" / "nn" / "LC_MESSAGES" / "django.po"
SOURCES = ROOT / "locale" / "translations"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{[^}]*\}")


def test_every_catalogued_string_has_a_nynorsk_translation():
    untranslated = [msgid for msgid, strs in entries(NYNORSK.read_text(encoding="utf-8")).items() if not strs]
    assert not untranslated, f"{len(untranslated)} strings lack Nynorsk: {untranslated[:20]}"


def test_nynorsk_catalogue_holds_every_bokmal_string():
    bokmal = entries(CATALOGUE.read_text(encoding="utf-8"))
    missing = sorted(set(bokmal) - set(entries(NYNORSK.read_text(encoding="utf-8"))))
    assert not missing, f"not in locale/nn (run scripts/i18n.sh): {missing[:20]}"


def test_each_bokmal_topic_file_has_its_nynorsk_twin():
    """locale/translations/<topic>.json (Bokmål) ↔ locale/translations/nn/<topic>.json, same keys,
    same placeholders: a string added in Bokmål only fails here, naming its topic."""
    problems = []
    for bokmal_file in sorted(SOURCES.glob("*.json")):
        bokmal = json.loads(bokmal_file.read_text(encoding="utf-8"))
        twin = SOURCES / "nn" / bokmal_file.name
        nynorsk = json.loads(twin.read_text(encoding="utf-8")) if twin.exists() else {}
        problems += [f"{bokmal_file.name}: no Nynorsk for {key!r}" for key in bokmal if key not in nynorsk]
        for key, value in nynorsk.items():
            if key in bokmal:
                forms = value if isinstance(value, list) else [value]
                wanted = sorted(PLACEHOLDER.findall(bokmal[key] if isinstance(bokmal[key], str) else bokmal[key][-1]))
                if any(sorted(PLACEHOLDER.findall(form)) != wanted for form in forms[-1:]):
                    problems.append(f"{bokmal_file.name}: placeholders differ in {key!r}")
    assert not problems, "\n".join(problems[:20])


def test_the_app_speaks_nynorsk_when_chosen(client_for, admin, survey):
    client = client_for(admin)
    response = client.post(reverse("set_language"), {"language": "nn", "next": "/"})
    assert response.status_code == 302
    page = client.get(reverse("surveys:detail", args=[survey.slug])).content.decode()
    assert '<html lang="nn">' in page
    assert "Undersøking" in page and "Hopp til hovudinnhald" in page
    assert '<option value="nn" selected lang="nn">Norsk nynorsk</option>' in page
