"""A large file is read, checked and imported by the background worker; a small one stays in the
request (the browser flow the peers' benchmark drives: upload → preview → confirm → summary)."""

import re

import pytest
from django.urls import reverse

from surveys.importing import background
from surveys.jobs.models import Job
from surveys.models import Answer, ImportRun, Survey
from tests.jobs import work_off
from tests.surveys.importing.test_views import CSV, _columns_post, _upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def large(settings):
    """Every file with more than five filled cells counts as large."""
    settings.BACKGROUND_ABOVE = {**settings.BACKGROUND_ABOVE, "import_cells": 5}


def test_a_small_file_is_imported_in_the_request_without_a_worker(client_for, admin):
    client = client_for(admin)
    _upload(client)
    run = ImportRun.objects.get()
    assert not run.options["background"]
    preview = client.get(reverse("surveys:import_preview", args=[run.pk])).content.decode()
    assert 'id="confirm-import"' in preview and 'id="confirm-import" disabled' not in preview
    response = client.post(reverse("surveys:import_confirm", args=[run.pk]), headers={"HX-Request": "true"})
    assert "/summary/" in response["HX-Redirect"]
    assert Survey.objects.get(slug="ny").respondents.count() == 3 and not Job.objects.exists()


def test_a_large_file_is_checked_and_imported_by_the_worker(client_for, admin, large):
    client = client_for(admin)
    response = _upload(client)
    run = ImportRun.objects.get()
    assert response["Location"] == reverse("surveys:import_preview", args=[run.pk]) and run.options["background"]
    [check] = Job.objects.all()
    assert (check.kind, check.state, check.import_run) == (Job.Kind.CHECK_IMPORT, Job.State.QUEUED, run)
    waiting = client.get(reverse("surveys:import_preview", args=[run.pk])).content.decode()
    assert 'role="progressbar"' in waiting and "Venter på tur" in waiting and 'id="confirm-import"' not in waiting

    assert work_off() == 1
    preview = client.get(reverse("surveys:import_preview", args=[run.pk])).content.decode()
    assert 'id="validation-ok"' in preview and 'id="fact-rows">3<' in preview
    assert 'id="confirm-import" disabled' not in preview and "Bærum" in preview  # a sample value

    response = client.post(reverse("surveys:import_confirm", args=[run.pk]), headers={"HX-Request": "true"})
    job = Job.objects.get(kind=Job.Kind.IMPORT)
    assert response["HX-Redirect"] == reverse("surveys:job", args=[job.pk])
    assert not Survey.objects.filter(slug="ny").exists()  # nothing happened in the request

    assert work_off() == 1
    job.refresh_from_db()
    assert job.state == Job.State.DONE and job.result_url == reverse("surveys:import_summary", args=[run.pk])
    assert Survey.objects.get(slug="ny").respondents.count() == 3
    assert client.get(job.result_url).status_code == 200


def test_an_upload_too_large_to_read_in_the_request_is_read_by_the_worker(client_for, admin, settings):
    settings.BACKGROUND_ABOVE = {**settings.BACKGROUND_ABOVE, "import_bytes": 10}
    client = client_for(admin)
    response = _upload(client)
    job = Job.objects.get()
    assert job.kind == Job.Kind.READ_IMPORT and response["Location"] == reverse("surveys:job", args=[job.pk])
    run = ImportRun.objects.get()
    assert run.mapping == {}  # not even the columns were read in the request
    work_off()
    job.refresh_from_db()
    run.refresh_from_db()
    assert job.state == Job.State.DONE and job.result_url == reverse("surveys:import_preview", args=[run.pk])
    assert [c["header"] for c in run.mapping["columns"]][:2] == ["Svar-ID", "Kommune"]
    assert 'id="validation-ok"' in client.get(job.result_url).content.decode()


def test_changing_a_column_of_a_large_file_checks_it_again(client_for, admin, large):
    client = client_for(admin)
    _upload(client)
    work_off()
    run = ImportRun.objects.get()
    post = _columns_post(run.mapping)
    post["col-2-kind"] = "single"
    region = client.post(reverse("surveys:import_mapping", args=[run.pk]), post,
                         headers={"HX-Request": "true"}).content.decode()
    assert 'role="progressbar"' in region
    assert Job.objects.filter(kind=Job.Kind.CHECK_IMPORT, state=Job.State.QUEUED).count() == 1
    work_off()
    assert 'id="validation-ok"' in client.get(reverse("surveys:import_preview", args=[run.pk])).content.decode()


def test_a_file_with_errors_fails_in_the_worker_with_the_count_and_imports_nothing(client_for, admin, large):
    client = client_for(admin)
    _upload(client, data=CSV.replace(b"R2;Asker;6", b"R1;Asker;6"))  # one respondent twice
    work_off()
    run = ImportRun.objects.get()
    preview = client.get(reverse("surveys:import_preview", args=[run.pk])).content.decode()
    assert 'id="confirm-import" disabled' in preview
    client.post(reverse("surveys:import_confirm", args=[run.pk]))  # as a hand-made POST would
    work_off()
    job = Job.objects.get(kind=Job.Kind.IMPORT)
    assert job.state == Job.State.FAILED and re.fullmatch(r"Filen har \d+ feil\. Ingenting ble importert\.", job.error)
    assert not Survey.objects.filter(slug="ny").exists()


def test_a_failure_after_the_save_leaves_nothing(client_for, admin, large, monkeypatch):
    """The import's writes and the job's end share one transaction: a failure as late as the
    last step leaves no survey, no answers and the run waiting."""
    client = client_for(admin)
    _upload(client)
    work_off()
    run = ImportRun.objects.get()
    client.post(reverse("surveys:import_confirm", args=[run.pk]))
    real = background.import_table

    def import_then_fail(*args, **kwargs):
        real(*args, **kwargs)
        assert Answer.objects.filter(question__survey__slug="ny").exists()  # it had written
        raise OSError("disk full")

    monkeypatch.setattr(background, "import_table", import_then_fail)
    work_off()
    job = Job.objects.get(kind=Job.Kind.IMPORT)
    assert job.state == Job.State.FAILED and job.error.startswith("Noe gikk galt, og ingenting ble lagret.")
    assert not Survey.objects.filter(slug="ny").exists() and not Answer.objects.exists()
    run.refresh_from_db()
    assert run.status == ImportRun.Status.PREVIEWED and bytes(run.content) == CSV
