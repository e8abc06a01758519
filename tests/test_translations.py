"""Every user-facing string has a Bokmål translation, and the catalogue is up to date."""

import os
import re
import shutil
from pathlib import Path

import django
import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils.html import escape

from tests import test_access_matrix as matrix

world = matrix.world  # the access matrix's survey with one of everything, as a fixture here too

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = ROOT / "locale" / "nb" / "LC_MESSAGES" / "django.po"


def entries(po_text):
    """{msgid: [msgstr, …]} of a --no-wrap catalogue (fuzzy entries count as untranslated)."""
    out = {}
    for block in re.split(r"\n\n+", po_text):
        lines = block.strip().split("\n")
        if any(line.startswith("#~") for line in lines):
            continue  # obsolete
        msgid = next((line[6:] for line in lines if line.startswith("msgid ")), None)
        if msgid in (None, '""'):
            continue
        fuzzy = any(line.startswith("#,") and "fuzzy" in line for line in lines)
        strs = [line.split(" ", 1)[1] for line in lines if line.startswith("msgstr")]
        out[msgid] = [] if fuzzy else [s for s in strs if s != '""']
    return out


def test_every_catalogued_string_has_a_bokmal_translation():
    untranslated = [msgid for msgid, strs in entries(CATALOGUE.read_text(encoding="utf-8")).items() if not strs]
    assert not untranslated, f"{len(untranslated)} strings lack Bokmål: {untranslated[:20]}"


@pytest.mark.skipif(not shutil.which("xgettext"), reason="gettext tools are not installed")
def test_catalogue_holds_every_string_in_the_sources(tmp_path):
    """Extract the sources afresh; any msgid missing from the committed catalogue is a string
    somebody added without running scripts/i18n.sh."""
    source = tmp_path / "src"
    for folder in ("veiledning", "surveys", "coding", "templates"):
        shutil.copytree(ROOT / folder, source / folder, ignore=shutil.ignore_patterns("__pycache__", "demo"))
    cwd = os.getcwd()
    os.chdir(source)  # a copy without locale/: makemessages writes only to tmp_path/locale
    try:
        with override_settings(LOCALE_PATHS=[tmp_path / "locale"]):
            call_command("makemessages", locale=["nb"], no_wrap=True, no_location=True, verbosity=0)
    finally:
        os.chdir(cwd)
    fresh = entries((tmp_path / "locale" / "nb" / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8"))
    committed = entries(CATALOGUE.read_text(encoding="utf-8"))
    missing = sorted(set(fresh) - set(committed))
    assert not missing, f"not in locale/nb (run scripts/i18n.sh): {missing[:20]}"


def django_strings_without_bokmal():
    """Django's own user-facing strings that its nb catalogue does not translate (a newer
    Django adds strings before translators catch up): long enough to find in a page."""
    catalogues = Path(django.__file__).parent / "conf" / "locale"
    english = entries((catalogues / "en" / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8"))
    bokmal = entries((catalogues / "nb" / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8"))
    return sorted(
        msgid[1:-1].replace('\\"', '"') for msgid in english
        if not bokmal.get(msgid) and len(msgid) > 14 and "%" not in msgid and "{" not in msgid
    )


def test_no_untranslated_django_string_on_any_page(world, client):
    """Every page an admin can open, in Bokmål, shows none of Django's strings that lack a
    Bokmål translation (such as ModelChoiceField's "- Select an option -")."""
    leaks = django_strings_without_bokmal()
    assert "- Select an option -" in leaks  # the check knows the string that once leaked
    client.force_login(world["personas"][matrix.ADMIN])
    pages, found = 0, {}
    for name, rule in matrix.ACCESS_MATRIX.items():
        allowed = rule.get("GET")
        if not (allowed == matrix.PUBLIC or (allowed and matrix.ADMIN in allowed)):
            continue
        url = matrix.url_for(name, matrix.ROUTES[name], world, matrix.ADMIN)
        response = client.get(url)
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            continue
        pages += 1
        html = response.content.decode()
        hits = [text for text in leaks if text in html or escape(text) in html]
        if hits:
            found[url] = hits
    assert pages >= 20
    assert not found, found
