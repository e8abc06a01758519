"""In Chromium, with a real `manage.py db_worker` beside the live server: a large file's preview
is checked by the worker while a progress bar shows, the import runs there too, and the person
can leave the job's page and come back to it from Background jobs."""

import pytest
from playwright.sync_api import expect

from surveys.jobs.models import Job
from surveys.models import Survey
from tests.jobs import db_worker  # noqa: F401 (fixture)
from tests.surveys.importing.test_browser import upload

pytestmark = [pytest.mark.browser, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_a_large_file_is_checked_and_imported_in_the_background(live_server, strict_page, login_page, admin,
                                                                 db_worker, settings):  # noqa: F811
    settings.BACKGROUND_ABOVE = {**settings.BACKGROUND_ABOVE, "import_cells": 5}  # the live server's threshold
    page = login_page(admin)
    page.get_by_role("link", name="Import").click()
    upload(page, "Stor import", "stor")

    # The preview waits for the worker's check, then shows what it found (htmx polls the job).
    expect(page.locator("#validation-ok")).to_be_visible(timeout=60_000)
    expect(page.locator("#fact-rows")).to_have_text("4")

    page.get_by_role("button", name="Importer nå").click()
    page.wait_for_url("**/jobs/*/", timeout=30_000)
    expect(page.get_by_role("heading", name="Import av undersøkelse: svar.csv")).to_be_visible()
    expect(page.get_by_role("progressbar")).to_be_visible()
    expect(page.get_by_role("status").first).not_to_be_empty()
    expect(page.get_by_role("heading", name="Importen er ferdig")).to_be_visible(timeout=60_000)
    assert Survey.objects.get(slug="stor").respondents.count() == 4

    # Come back to it: Background jobs lists the import, done, with the way on to its summary.
    page.get_by_role("link", name="Bakgrunnsjobber").first.click()
    row = page.get_by_role("row", name="Import av undersøkelse")
    expect(row).to_contain_text("Ferdig")
    row.get_by_role("link", name="Gå videre").click()
    expect(page.get_by_role("heading", name="Importen er ferdig")).to_be_visible()
    assert Job.objects.filter(kind=Job.Kind.IMPORT, state=Job.State.DONE).count() == 1


def test_a_file_is_fetched_from_its_jobs_page_after_leaving_it(live_server, strict_page, login_page, reviewer, demo,
                                                               db_worker, settings):  # noqa: F811
    settings.BACKGROUND_ABOVE = {**settings.BACKGROUND_ABOVE, "rows": 10}
    page = login_page(reviewer)
    page.goto(f"{live_server.url}/s/{demo.slug}/exports/")
    page.get_by_role("button", name="Kodinger som CSV, i bakgrunnen").click()
    page.wait_for_url("**/jobs/*/")
    page.goto(f"{live_server.url}/s/{demo.slug}/")  # leave while it runs
    page.goto(f"{live_server.url}/jobs/")
    page.get_by_role("link", name="Eksport").first.click()
    link = page.get_by_role("link", name="Last ned portefolje-2-kodinger-")
    expect(link).to_be_visible(timeout=60_000)
    expect(page.get_by_role("progressbar")).to_have_attribute("aria-valuenow", "100")
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename.startswith("portefolje-2-kodinger-")
