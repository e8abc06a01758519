"""A large REFI-QDA project is read and imported by the background worker (users mapped between
the two steps, as in the request)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from coding.models import Coding
from surveys.jobs.models import Job
from surveys.jobs.work import JobFailed
from surveys.models import ImportRun, Survey
from tests.coding.refi_import.test_views import PROJECT, _zip
from tests.jobs import work_off

pytestmark = pytest.mark.django_db


def _import(client, survey, data, title="Fra prosjektet"):
    return client.post(reverse("coding:refi_project_import", args=[survey.slug]),
                       {"file": SimpleUploadedFile("p.qdpx", data), "title": title})


def test_a_large_project_is_read_then_its_users_mapped_then_imported(client_for, admin, co_coder, survey, exported,
                                                                    large):
    client = client_for(admin)
    response = _import(client, survey, exported)
    read = Job.objects.get()
    assert read.kind == Job.Kind.READ_PROJECT and response["Location"] == reverse("surveys:job", args=[read.pk])
    work_off()
    read.refresh_from_db()
    run = ImportRun.objects.get()
    assert read.state == Job.State.DONE
    assert read.result_url == reverse("coding:refi_project_confirm", args=[survey.slug, run.pk])
    page = client.get(read.result_url).content.decode()
    assert "Hvem kodet i prosjektet?" in page and 'name="user_0"' in page
    # what the new survey gets, as the worker read it (the page does not read the file again)
    assert "Prosjektet inneholder 1 tekst, 1 spørsmål, 1 kode, 0 kategorier." in page
    assert ImportRun.objects.get().options["facts"]["texts"] == 1

    response = client.post(read.result_url, {"user_0": str(co_coder.pk)})
    job = Job.objects.get(kind=Job.Kind.IMPORT_PROJECT)
    assert response["Location"] == reverse("surveys:job", args=[job.pk]) and Survey.objects.count() == 1
    work_off()
    job.refresh_from_db()
    new = Survey.objects.get(title="Fra prosjektet")
    assert job.state == Job.State.DONE and job.result_url == new.get_absolute_url()
    assert job.message.startswith("Prosjektet er importert som ny undersøkelse: 1 tekst, 1 spørsmål")
    assert Coding.objects.for_survey(new).get().coder == co_coder
    assert not ImportRun.objects.filter(pk=run.pk).exists()
    assert set(Job.objects.values_list("kind", flat=True)) == {Job.Kind.READ_PROJECT, Job.Kind.IMPORT_PROJECT}


def test_a_large_project_without_users_is_imported_in_one_job(client_for, admin, survey, large):
    client = client_for(admin)
    _import(client, survey, _zip({"project.qde": PROJECT}), title="")
    work_off()
    job = Job.objects.get()
    assert job.state == Job.State.DONE and Survey.objects.filter(title="Fremmed prosjekt").exists()


def test_a_refused_project_fails_with_its_reason_and_creates_nothing(client_for, admin, survey, large):
    client = client_for(admin)
    _import(client, survey, b"PK\x03\x04 not really a zip" * 3)
    work_off()
    job = Job.objects.get()
    assert job.state == Job.State.FAILED and job.error and "Noe gikk galt" not in job.error
    assert Survey.objects.count() == 1


def test_mapping_a_user_onto_a_non_coder_fails_the_job(client_for, admin, reviewer, survey, exported, large):
    client = client_for(admin)
    _import(client, survey, exported)
    work_off()
    run = ImportRun.objects.get()
    Job.objects.filter(import_run=run).update(import_run=None)
    ImportRun.objects.filter(pk=run.pk).update(options={**run.options, "users": run.options["users"]})
    job = Job.objects.create(kind=Job.Kind.IMPORT_PROJECT, created_by=admin, survey=survey, import_run=run,
                             params={"slug": survey.slug, "users": {run.options["users"][0]["guid"]: reviewer.pk}})
    from coding.refi_import.tasks import import_project_file

    with pytest.raises(JobFailed):
        import_project_file.call(job.pk)
    job.refresh_from_db()
    assert job.state == Job.State.FAILED and "koder" in job.error and Survey.objects.count() == 1
